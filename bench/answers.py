"""Short answers on the mixed index: bench/gold/answers.jsonl, written blind to the results, and
bench/gold/answers_heldout.jsonl, regulation questions written blind after the answer's rules were chosen on the
first file, to check them (never to choose by).

    python bench/answers.py            # the table per category
    python bench/answers.py --misses   # and every miss, to read

An answer is right when it holds every expected phrase (case and spacing ignored), counting the
citations of the sources it quotes (a "which study" answer names the study there). For questions the
corpus cannot answer, the answer must abstain. False abstentions are abstentions on answerable questions.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402

ANSWERS = corpora.GOLD / "answers.jsonl"
HELDOUT = corpora.GOLD / "answers_heldout.jsonl"
HELD_OUT = ", held-out"  # a group's suffix for the held-out questions, outside the summary line
GROUPS = {"regulasi": "regulations", "studi": "studies/cases", "kasus": "studies/cases", "seed": "seed chapter",
          "unanswerable": "unanswerable"}


def norm(s: str) -> str:
    return " ".join(s.lower().replace("`", "").split())


def ask(kb, question: str):
    from kb.answer import answer
    from kb.search import search

    return answer(question, search(kb, question, k=10), idf=kb.lexical.idf)


def holds(a, expect: list[str]) -> bool:
    shown = norm(a.text + " " + " ".join(h.citation for h in a.hits if h.rank in a.sources))
    return all(norm(p) in shown for p in expect)


def leads(a, expect: list[str]) -> bool:
    """The first sentence (with the citations of its sources) holds one of the expected phrases: the answer
    opens with what was asked, not with a neighbouring clause."""
    if a.abstained or not a.sentences:
        return False
    first = a.sentences[0]
    shown = norm(first.text + " " + " ".join(h.citation for h in a.hits if h.rank in first.sources))
    return any(norm(p) in shown for p in expect)


def main() -> None:
    from report import table

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="print each wrong answer")
    ap.add_argument("--calibrate", action="store_true", help="print each question's abstention evidence")
    args = ap.parse_args()
    kb = corpora.open_index(corpora.slices()["mixed"])
    rows: dict[str, list[int]] = {}  # group -> [right, abstained, n, first sentence right]
    misses = []
    records = [(rec, "") for rec in map(json.loads, filter(str.strip, ANSWERS.open(encoding="utf-8")))]
    records += [(rec, HELD_OUT) for rec in map(json.loads, filter(str.strip, HELDOUT.open(encoding="utf-8")))]
    for rec, suffix in records:
        a = ask(kb, rec["text"])
        group = GROUPS[rec["category"]] + suffix
        if args.calibrate:
            from kb.abstain import judge

            v = judge(rec["text"], a.hits, kb.lexical.idf)
            print(f"CAL\t{group == 'unanswerable'}\t{v.coverage:.3f}\t{v.similarity:.4f}\t{rec['_id']}\t{rec['text']}")
        r = rows.setdefault(group, [0, 0, 0, 0])
        right = a.abstained if group == "unanswerable" else (not a.abstained and holds(a, rec["expect"]))
        r[0] += right
        r[1] += a.abstained
        r[2] += 1
        r[3] += group != "unanswerable" and leads(a, rec["expect"])
        if not right:
            misses.append((rec["_id"], rec["text"], rec["expect"], a.text))
    print(f"\n### Short answers: {sum(r[2] for r in rows.values())} questions, mixed index "
          f"({kb.store.count()} chunks)\n")
    out = []
    for group, (right, abstained, n, lead) in rows.items():
        if group == "unanswerable":
            out.append([group, n, "-", "-", abstained / n, "-"])
        else:
            out.append([group, n, right / n, lead / n, "-", abstained / n])
    print(table(["group", "n", "holds every expected phrase", "first sentence holds one", "abstained (should: 1)",
                 "false abstentions"], out))
    answerable = [row for g, row in rows.items() if g != "unanswerable" and not g.endswith(HELD_OUT)]
    total = max(sum(row[2] for row in answerable), 1)
    held, fa = sum(row[0] for row in answerable) / total, sum(row[1] for row in answerable) / total
    print(f"\nall answerable (answers.jsonl): {held:.4f} hold every phrase; false abstentions {fa:.4f}")
    if args.misses:
        for qid, text, expect, got in misses:
            print(f"\n{qid} {text}\n  expect {expect}\n  got    {got[:400]}")
    kb.close()


if __name__ == "__main__":
    main()
