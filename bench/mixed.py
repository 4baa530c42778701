"""Quality where users live: one index holding everything, each query set scored on it beside its slice.

    python bench/mixed.py            # build/refresh the indexes (embeddings cached), print the tables

The mixed index holds corpus/ (cards, catalog), the 18 shared regulations, the 8 shared regulation
PDFs and the seed chapter. Each query set is also scored on the index of its own slice (the
regulations alone, corpus/ alone, the chapter alone, or the earlier all-text index without PDFs),
so a figure that holds alone but falls in the mix shows as the difference of two columns.

A hit counts for every copy of its document (kb.copies: the Markdown and the PDF of one law, a
catalog entry and its full text), so qrels written against either copy stay valid. Seed-chapter
questions are judged by passage: the hit must be the chapter and hold the question's phrase, or be a
chunk judged to state the same fact (a card written from that passage); the figures with the chapter's
passage alone are printed beside them.
"""
from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402

from kb import evaluate  # noqa: E402
from kb.evaluate import METRICS, read_qrels, read_queries  # noqa: E402
from kb.fusion import MODES  # noqa: E402

SEED_ID = "000_ebd9a22910ebef48"
K = 30


@dataclass
class Seen:
    """What one search returned, enough to judge it any way."""
    aliases: list[list[str]]  # per hit: its doc_id, its copies, its catalog entry
    pasal: list[str | None]
    text: list[str]
    meta: list[dict]
    ms: float


@dataclass
class QuerySet:
    name: str
    queries: Path
    qrels: Path | None
    level: str  # "doc" | "pasal" | "phrase"
    slice: str  # index the set is also scored on, alone
    only: str | None = None  # the metadata category to keep
    cats: dict[str, dict] = field(default_factory=dict)


def meta_of(path: Path) -> dict[str, dict]:
    return {str(r["_id"]): r.get("metadata") or {} for r in map(json.loads, filter(str.strip, path.open()))}


SETS = [
    QuerySet("gold (document level)", corpora.GOLD / "queries.jsonl", corpora.GOLD / "qrels.tsv", "doc", "gold"),
    QuerySet("gold regulation questions (Pasal level)", corpora.GOLD / "queries.jsonl",
             corpora.GOLD / "qrels_pasal.tsv", "pasal", "regulasi"),
    QuerySet("staff questions (Pasal level)", corpora.GOLD / "pasal_queries.jsonl", corpora.GOLD / "pasal_qrels.tsv",
             "pasal", "regulasi"),
    QuerySet("held-out questions (Pasal level)", corpora.GOLD / "heldout_queries.jsonl",
             corpora.GOLD / "heldout_qrels.tsv", "pasal", "regulasi"),
    QuerySet("held-out questions, second set (Pasal level)", corpora.GOLD / "heldout2_queries.jsonl",
             corpora.GOLD / "heldout2_qrels.tsv", "pasal", "regulasi"),
    QuerySet("tuning questions (Pasal level)", corpora.GOLD / "dev_queries.jsonl", corpora.GOLD / "dev_qrels.tsv",
             "pasal", "regulasi"),
    QuerySet("study questions (document level)", corpora.GOLD / "literature_queries.jsonl",
             corpora.GOLD / "literature_qrels.tsv", "doc", "corpus", only="study"),
    QuerySet("seed-chapter questions (passage level)", corpora.GOLD / "literature_queries.jsonl", None, "phrase",
             "seed", only="seed"),
    QuerySet("intent questions (document level)", corpora.GOLD / "intent_queries.jsonl",
             corpora.GOLD / "intent_qrels.tsv", "doc", "mixed"),
]


def norm(s: str) -> str:
    return " ".join(re.sub(r"[*_`]", "", s).lower().split())


def seen(hits: list, ms: float = 0.0) -> Seen:
    return Seen([[h.doc_id, *h.meta.get("copies", []), *([h.meta["catalog_id"]] if h.meta.get("catalog_id") else [])]
                 for h in hits], [h.pasal for h in hits], [h.text for h in hits], [h.meta for h in hits], ms)


def run(kb, texts: dict[str, str], mode: str) -> dict[str, Seen]:
    from kb.search import search

    out = {}
    for qid, text in texts.items():
        t = time.perf_counter()
        hits = search(kb, text, k=K, mode=mode)
        out[qid] = seen(hits, (time.perf_counter() - t) * 1000)
    return out


def answers(cats: dict, strict: bool = False) -> list[tuple[str, str]]:
    """A seed question's answers as (document, phrase): the chapter's passage, and unless `strict` the other
    chunks judged to state the same fact (a card written from that passage: `metadata.answers`)."""
    return [(SEED_ID, cats["phrase"])] + ([] if strict else [(a["doc"], a["phrase"]) for a in cats.get("answers", [])])


def ranked(seen: Seen, judged: dict[str, int], level: str, said: list[tuple[str, str]] = ()) -> list[str]:
    """The hit list as the qrels name things: the judged alias of each hit where one is judged; at passage
    level "rel" for a hit that is one of `said`'s documents and holds its phrase."""
    out = []
    for i, names in enumerate(seen.aliases):
        if level == "phrase":
            hit = any(doc in names and norm(phrase) in norm(seen.text[i]) for doc, phrase in said)
            out.append("rel" if hit else f"other{i}")
            continue
        keys = [f"{n}/{seen.pasal[i]}" if level == "pasal" and seen.pasal[i] else n for n in names]
        out.append(next((key for key in keys if key in judged), keys[0]))
    return out


def per_query(qs: QuerySet, runs: dict[str, Seen], strict: bool = False) -> dict[str, dict[str, float]]:
    """The usual metrics per query, and answer@1: whether the first hit is graded highest (the study that
    answers, the Pasal that says it, the passage that says it), not merely related. `strict`: of the seed
    questions' answers, only the chapter's passage counts."""
    if qs.level == "phrase":
        qrels = {q: {"rel": 1} for q in runs}
        run = {q: ranked(s, {}, "phrase", answers(qs.cats[q], strict)) for q, s in runs.items()}
    else:
        qrels = {q: r for q, r in read_qrels(qs.qrels).items() if q in runs}
        run = {q: ranked(s, qrels.get(q, {}), qs.level) for q, s in runs.items()}
    scores = evaluate.per_query(run, qrels)
    for q, s in scores.items():
        s["answer@1"] = float(bool(run[q]) and qrels[q].get(run[q][0], 0) == max(qrels[q].values()))
    return scores


FIGURES = (*METRICS, "answer@1")  # what per_query gives each query


def score(qs: QuerySet, runs: dict[str, Seen], strict: bool = False) -> dict[str, float]:
    """The mean of each of per_query's figures."""
    return evaluate.mean(per_query(qs, runs, strict).values(), FIGURES)


def selected(qs: QuerySet) -> dict[str, str]:
    qs.cats = meta_of(qs.queries)
    judged = read_qrels(qs.qrels) if qs.qrels else None
    return {q.qid: q.text for q in read_queries(qs.queries)
            if (qs.only is None or qs.cats[q.qid].get("category") == qs.only) and (judged is None or q.qid in judged)}


def indexes() -> dict[str, object]:
    return {name: corpora.open_index(c) for name, c in corpora.slices().items()}


def main() -> None:
    from ingest.legal import content_chars
    from kb.prior import MIN_CHARS
    from report import table

    kbs = indexes()
    for kb in kbs.values():
        kb.embed_query("warm up")
    print(f"\n## Mixed index: {kbs['mixed'].store.count()} chunks (corpus/, 18 regulations, 8 PDFs, seed chapter)")
    short = {m: [0, 0] for m in MODES}  # top-5 hits under MIN_CHARS of content, all top-5 hits
    held: dict[str, dict[str, dict[str, dict[str, float]]]] = {}  # both held-out sets' per_query scores, pooled
    for qs in SETS:
        texts = selected(qs)
        rows, strict_rows = [], []
        where = ("mixed",) if qs.slice == "mixed" else (qs.slice, "mixed")  # the intent set has no slice
        per_index: dict[str, dict[str, dict[str, Seen]]] = {w: {} for w in where}
        queries: dict[str, dict[str, dict[str, dict[str, float]]]] = {w: {} for w in where}  # per_query's scores
        for mode in MODES:
            for w in where:
                per_index[w][mode] = run(kbs[w], texts, mode)
                queries[w][mode] = per_query(qs, per_index[w][mode])
            for seen in per_index["mixed"][mode].values():
                short[mode][0] += sum(content_chars(t) < MIN_CHARS for t in seen.text[:5])
                short[mode][1] += len(seen.text[:5])
            scored = [evaluate.mean(queries[w][mode].values(), FIGURES) for w in where]
            rows.append([mode] + [sc[m] for m in ("answer@1", "Recall@5", "MRR@10") for sc in scored]
                        + ([intent_top1(qs, per_index["mixed"][mode])] if qs.name.startswith("intent") else []))
            if qs.level == "phrase":
                scored = [score(qs, per_index[w][mode], strict=True) for w in where]
                strict_rows.append([mode] + [sc[m] for m in ("answer@1", "MRR@10") for sc in scored])
        header = ["mode"] + [f"{m} {w}" for m in ("answer@1", "R@5", "MRR@10") for w in where] + \
            (["top hit of the named kind"] if qs.name.startswith("intent") else [])
        print(f"\n### {qs.name}: {len(texts)} queries\n")
        print(table(header, rows))
        if strict_rows:
            print("\nThe chapter's passage only (a card stating the same fact not counted):\n")
            print(table(["mode"] + [f"{m} {w}" for m in ("answer@1", "MRR@10") for w in where], strict_rows))
        by_category(qs, per_index["mixed"])
        against_single(queries)
        if qs.name.startswith("held-out"):
            for w, modes in queries.items():
                for mode, scores in modes.items():
                    held.setdefault(w, {}).setdefault(mode, {}).update(scores)
    print(f"\n### Both held-out sets together: {len(held['mixed']['hybrid'])} queries")
    against_single(held)
    print(f"\n### Near-empty hits: top-5 hits under {MIN_CHARS} characters of content (labels and 'Cukup jelas' "
          f"removed), all sets above, mixed index\n")
    print(table(["mode", "near-empty", "top-5 hits", "share"],
                [[m, n, total, n / max(total, 1)] for m, (n, total) in short.items()]))
    for kb in kbs.values():
        kb.close()


def by_category(qs: QuerySet, per_mode: dict[str, dict[str, Seen]]) -> None:
    """MRR@10 on the mixed index per query category, where a set has more than one."""
    from report import table

    cats: dict[str, list[str]] = {}
    for q in per_mode["hybrid"]:
        cats.setdefault(qs.cats[q].get("category", ""), []).append(q)
    if len(cats) < 2:
        return
    print("\nMRR@10 per category, mixed index:\n")
    print(table(["category", "n", *MODES], [[c, len(ids), *(score(qs, {q: per_mode[m][q] for q in ids})["MRR@10"]
                                                             for m in MODES)] for c, ids in sorted(cats.items())]))


def against_single(queries: dict[str, dict[str, dict[str, dict[str, float]]]]) -> None:
    """Hybrid against the better of dense and lexical on each index, query by query (`queries`: index -> mode ->
    per_query's scores): a difference of a few hundredths may be one question moving one rank, which the interval
    and p show."""
    from report import table

    rows = []
    for where, scores in queries.items():
        qids = list(scores["hybrid"])
        for metric in ("MRR@10", "Recall@5"):
            of = {m: [scores[m][q][metric] for q in qids] for m in MODES}
            best = max(("dense", "lexical"), key=lambda m: sum(of[m]))
            r = evaluate.paired(of["hybrid"], of[best])
            rows.append([where, metric, best, f"{r.difference:+.4f}", f"{r.low:+.3f} to {r.high:+.3f}", f"{r.p:.2f}",
                         f"{r.better} / {r.worse}"])
    print("\nHybrid minus the best single retriever, paired over the same queries:\n")
    print(table(["index", "metric", "best single", "difference", "95% interval", "p (randomization)",
                 "queries better / worse"], rows))


def intent_top1(qs: QuerySet, runs: dict[str, Seen]) -> float:
    from kb.intent import INTENTS

    by_name = {i.name: i for i in INTENTS}
    ok = [bool(s.meta) and by_name[qs.cats[q]["intent"]].matches(s.meta[0]) for q, s in runs.items()]
    return sum(ok) / max(len(ok), 1)


if __name__ == "__main__":
    main()
