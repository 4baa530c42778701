"""Retrieval metrics over BEIR queries and qrels, at document level (doc ids of the hits)."""
from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

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


def per_query(run: dict[str, list[str]], qrels: dict[str, dict[str, int]]) -> dict[str, dict[str, float]]:
    """Each metric for each judged query (one with a grade above 0); run maps query id -> ranked doc ids."""
    out = {}
    for qid in (q for q in qrels if any(v > 0 for v in qrels[q].values())):
        rel = {d: g for d, g in qrels[qid].items() if g > 0}
        ranked = dedupe(run.get(qid, []))
        scores = {f"Recall@{k}": len(rel.keys() & set(ranked[:k])) / len(rel) for k in (1, 5, 10)}
        scores["MRR@10"] = next((1.0 / (i + 1) for i, d in enumerate(ranked[:10]) if d in rel), 0.0)
        dcg = sum(rel.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
        ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(rel.values(), reverse=True)[:10]))
        scores["nDCG@10"] = dcg / ideal if ideal else 0.0
        out[qid] = scores
    return out


def mean(scores: Iterable[dict[str, float]], keys: Sequence[str] = METRICS) -> dict[str, float]:
    """Each of `keys` averaged over per-query scores (0 where there are none)."""
    scores = list(scores)
    return {m: sum(s[m] for s in scores) / (len(scores) or 1) for m in keys}


def score_run(run: dict[str, list[str]], qrels: dict[str, dict[str, int]]) -> dict[str, float]:
    """Mean of each metric over the judged queries."""
    return mean(per_query(run, qrels).values())


@dataclass(frozen=True)
class Paired:
    """How two systems differ on the same queries: mean of a - b, its 95% bootstrap interval, the two-sided
    p of a paired randomization test, and on how many queries a is better or worse."""
    difference: float
    low: float
    high: float
    p: float
    better: int
    worse: int


def paired(a: Sequence[float], b: Sequence[float], rounds: int = 10_000, seed: int = 0) -> Paired:
    """Compare per-query scores a and b (same queries, same order). A difference of a few hundredths over
    60 questions is often one question moving one rank: the interval and p say whether it is more than that.
    The randomization test flips the sign of each query's difference at random (Smucker et al., 2007)."""
    import numpy as np

    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    if len(d) == 0:
        return Paired(0.0, 0.0, 0.0, 1.0, 0, 0)
    rng = np.random.default_rng(seed)
    means = d[rng.integers(0, len(d), (rounds, len(d)))].mean(axis=1)
    flipped = np.abs((d * rng.choice((-1.0, 1.0), (rounds, len(d)))).mean(axis=1))
    # Counting the observed split among the random ones keeps p above 0 (Phipson & Smyth, 2010).
    p = (1 + np.sum(flipped >= abs(d.mean()) - 1e-12)) / (rounds + 1)
    return Paired(float(d.mean()), float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975)), float(p),
                  int(np.sum(d > 0)), int(np.sum(d < 0)))


def evaluate(queries: list[Query], qrels: dict[str, dict[str, int]],
             retrieve: Callable[[str], list[str]]) -> dict[str, float]:
    run = {q.qid: retrieve(q.text) for q in queries if q.qid in qrels}
    return score_run(run, qrels)
