"""Pasal-level retrieval on the real regulations: bench/gold/pasal_queries.jsonl and pasal_qrels.tsv.

    python bench/pasal_eval.py                # index the judged regulations (once), print the table
    python bench/pasal_eval.py --data-dir D   # evaluate an existing index instead

Per search mode: Recall@1 and Recall@5 of the staff questions at Pasal level, as `kb search`
returns hits (at most 3 chunks of one document) and, for Recall@5, also without that cap; and
the share of exact references ("Pasal 363 UU 23/2014") whose Pasal is ranked first.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
from report import table  # noqa: E402
from run import categories  # noqa: E402

from kb.evaluate import Query, read_qrels, read_queries, score_run  # noqa: E402
from kb.fusion import MODES  # noqa: E402

QUERIES = corpora.GOLD / "pasal_queries.jsonl"
QRELS = corpora.GOLD / "pasal_qrels.tsv"


@dataclass(frozen=True)
class PasalScores:
    recall_1: float
    recall_5: float
    recall_5_uncapped: float  # no per-document cap on the hits
    references_at_1: float  # exact references whose Pasal is the first hit


def pasal_key(hit) -> str:
    """What a hit is judged as: "<doc_id>/<pasal>" (body or Penjelasan alike), else its chunk id."""
    return f"{hit.doc_id}/{hit.pasal}" if hit.pasal else hit.chunk_id


def collection() -> corpora.Collection:
    """The regulations the gold set judges (the ones the test suite indexes)."""
    docs = sorted({cid.split("/")[0] for judged in read_qrels(QRELS).values() for cid in judged})
    return corpora.Collection("pasal", tuple(corpora.REGULASI / f"{d}.md" for d in docs), QUERIES, QRELS)


def evaluate(kb, queries: list[Query], qrels: dict[str, dict[str, int]],
             kinds: dict[str, str]) -> dict[str, PasalScores]:
    from kb.search import search

    questions = {q: r for q, r in qrels.items() if kinds.get(q) == "question"}
    references = {q: r for q, r in qrels.items() if kinds.get(q) == "reference"}
    out: dict[str, PasalScores] = {}
    for mode in MODES:
        shown = {q.qid: [pasal_key(h) for h in search(kb, q.text, k=30, mode=mode)] for q in queries}
        full = {q.qid: [pasal_key(h) for h in search(kb, q.text, k=30, mode=mode, per_doc=None)]
                for q in queries if q.qid in questions}
        s, f, r = score_run(shown, questions), score_run(full, questions), score_run(shown, references)
        out[mode] = PasalScores(s["Recall@1"], s["Recall@5"], f["Recall@5"], r["Recall@1"])
    return out


def report(scores: dict[str, PasalScores], n_questions: int, n_references: int) -> str:
    rows = [[m, s.recall_1, s.recall_5, s.recall_5_uncapped, s.references_at_1] for m, s in scores.items()]
    return (f"Pasal level: {n_questions} staff questions, {n_references} exact references\n\n"
            + table(["mode", "Recall@1", "Recall@5", "Recall@5 (no per-doc cap)", "references @1"], rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an index that holds the judged regulations")
    args = parser.parse_args()
    from kb.base import KnowledgeBase

    kb = KnowledgeBase.open(args.data_dir) if args.data_dir else corpora.open_index(collection())
    queries, qrels, kinds = read_queries(QUERIES), read_qrels(QRELS), categories(QUERIES)
    kb.embed_query("warm up")
    scores = evaluate(kb, queries, qrels, kinds)
    print(report(scores, sum(k == "question" for k in kinds.values()), sum(k == "reference" for k in kinds.values())))
    kb.close()


if __name__ == "__main__":
    main()
