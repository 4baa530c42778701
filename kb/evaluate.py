"""Retrieval metrics over BEIR queries and qrels, at document level (doc ids of the hits)."""
from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ingest.loaders import decode_text

METRICS = ("Recall@1", "Recall@5", "Recall@10", "MRR@10", "nDCG@10")


@dataclass(frozen=True)
class Query:
    qid: str
    text: str


def read_queries(path: Path) -> list[Query]:
    out = []
    for n, line in enumerate(decode_text(path.read_bytes()).splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            out.append(Query(str(rec["_id"]), str(rec["text"])))
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise ValueError(f"{path}: baris {n} bukan kueri BEIR {{_id, text}} / line {n} is not a BEIR query: {e}") from e
    return out


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) < 3 or row[0] in ("query-id", "query_id"):
                continue
            qrels.setdefault(row[0], {})[row[1]] = int(float(row[2]))
    return qrels


def dedupe(doc_ids: Iterable[str]) -> list[str]:
    """A document counts once, at its best rank."""
    seen: dict[str, None] = {}
    for d in doc_ids:
        seen.setdefault(d)
    return list(seen)


def score_run(run: dict[str, list[str]], qrels: dict[str, dict[str, int]]) -> dict[str, float]:
    """Mean of each metric over the judged queries; run maps query id -> ranked doc ids."""
    totals = dict.fromkeys(METRICS, 0.0)
    judged = [q for q in qrels if any(v > 0 for v in qrels[q].values())]
    for qid in judged:
        rel = {d: g for d, g in qrels[qid].items() if g > 0}
        ranked = dedupe(run.get(qid, []))
        for k in (1, 5, 10):
            totals[f"Recall@{k}"] += len(rel.keys() & set(ranked[:k])) / len(rel)
        rr = next((1.0 / (i + 1) for i, d in enumerate(ranked[:10]) if d in rel), 0.0)
        totals["MRR@10"] += rr
        dcg = sum(rel.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
        ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(rel.values(), reverse=True)[:10]))
        totals["nDCG@10"] += dcg / ideal if ideal else 0.0
    n = len(judged) or 1
    return {m: totals[m] / n for m in METRICS}


def evaluate(queries: list[Query], qrels: dict[str, dict[str, int]],
             retrieve: Callable[[str], list[str]]) -> dict[str, float]:
    run = {q.qid: retrieve(q.text) for q in queries if q.qid in qrels}
    return score_run(run, qrels)
