"""Short answers on the mixed index: bench/gold/answers.jsonl, written blind to the results, and
bench/gold/answers_heldout.jsonl, regulation questions written blind after the answer's rules were chosen on the
first file, to check them (never to choose by).

    python bench/answers.py            # the table per category
    python bench/answers.py --misses   # and every miss, to read

An answer is right when it holds every expected phrase (case and spacing ignored), counting the
citations of the sources it quotes (a "which study" answer names the study there). For questions the
corpus cannot answer, the answer must abstain. False abstentions are abstentions on answerable questions.

Abstention is also checked on the questions bench/mixed.py judges (the gold set's English questions, the
staff, tuning and held-out Pasal questions): where search put a judged answer among the top three hits
the answer quotes from, abstaining is a false abstention. bench/gold/unanswerable_heldout.jsonl holds
questions the corpus cannot answer, written blind after the thresholds were chosen.
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
UNANSWERABLE_HELDOUT = corpora.GOLD / "unanswerable_heldout.jsonl"
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


# (set, its categories kept): sets whose answers bench/mixed.py judges by document or Pasal
JUDGED = (("gold (document level)", ("english",)), ("staff questions (Pasal level)", ("question",)),
          ("tuning questions (Pasal level)", None), ("held-out questions (Pasal level)", None),
          ("held-out questions, second set (Pasal level)", None))


def judged_sets(kb) -> list[tuple[str, int, float]]:
    """Per set of JUDGED: the questions whose top 3 hits hold a judged answer, and the share of them abstained on."""
    import mixed
    from kb.evaluate import read_qrels

    out = []
    for name, categories in JUDGED:
        qs = next(q for q in mixed.SETS if q.name == name)
        texts, qrels = mixed.selected(qs), read_qrels(qs.qrels)
        found = abstained = 0
        for qid, text in texts.items():
            if categories and qs.cats[qid].get("category") not in categories:
                continue
            a = ask(kb, text)
            answer = max(qrels[qid].values())  # the judged answer, not a related Pasal
            if any(qrels[qid].get(key) == answer for key in mixed.ranked(mixed.seen(a.hits[:3]), qrels[qid], qs.level)):
                found += 1
                abstained += a.abstained
        label = name.split(" (")[0] + (f", {'/'.join(categories)}" if categories else "")
        out.append((label, found, abstained / max(found, 1)))
    return out


def main() -> None:
    from kb.abstain import judge
    from report import table

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="print each wrong answer")
    ap.add_argument("--calibrate", action="store_true", help="print each question's abstention evidence")
    args = ap.parse_args()
    kb = corpora.open_index(corpora.slices()["mixed"])
    rows: dict[str, list[int]] = {}  # group -> [right, abstained, n, first sentence right]
    misses = []
    records = [(rec, "") for rec in map(json.loads, filter(str.strip, ANSWERS.open(encoding="utf-8")))]
    for path in (HELDOUT, UNANSWERABLE_HELDOUT):
        records += [(rec, HELD_OUT) for rec in map(json.loads, filter(str.strip, path.open(encoding="utf-8")))]
    for rec, suffix in records:
        a = ask(kb, rec["text"])
        group = GROUPS[rec["category"]] + suffix
        unanswerable = rec["category"] == "unanswerable"
        if args.calibrate:
            v = judge(rec["text"], a.hits, kb.lexical.idf)
            print(f"CAL\t{unanswerable}\t{v.coverage:.3f}\t{v.similarity:.4f}\t{rec['_id']}\t{rec['text']}")
        r = rows.setdefault(group, [0, 0, 0, 0])
        right = a.abstained if unanswerable else (not a.abstained and holds(a, rec["expect"]))
        r[0] += right
        r[1] += a.abstained
        r[2] += 1
        r[3] += not unanswerable and leads(a, rec["expect"])
        if not right:
            misses.append((rec["_id"], rec["text"], rec["expect"], a.text))
    print(f"\n### Short answers: {sum(r[2] for r in rows.values())} questions, mixed index "
          f"({kb.store.count()} chunks)\n")
    out = []
    for group, (right, abstained, n, lead) in rows.items():
        if group.startswith("unanswerable"):
            out.append([group, n, "-", "-", abstained / n, "-"])
        else:
            out.append([group, n, right / n, lead / n, "-", abstained / n])
    print(table(["group", "n", "holds every expected phrase", "first sentence holds one", "abstained (should: 1)",
                 "false abstentions"], out))
    answerable = [row for g, row in rows.items() if not g.startswith("unanswerable") and not g.endswith(HELD_OUT)]
    total = max(sum(row[2] for row in answerable), 1)
    held, fa = sum(row[0] for row in answerable) / total, sum(row[1] for row in answerable) / total
    print(f"\nall answerable (answers.jsonl): {held:.4f} hold every phrase; false abstentions {fa:.4f}")
    print("\n### False abstentions where search found a judged answer (in the top 3 hits), mixed index\n")
    print(table(["questions", "n", "false abstentions"], [[name, n, share] for name, n, share in judged_sets(kb)]))
    if args.misses:
        for qid, text, expect, got in misses:
            print(f"\n{qid} {text}\n  expect {expect}\n  got    {got[:400]}")
    kb.close()


if __name__ == "__main__":
    main()
