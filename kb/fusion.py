"""Fusion of dense and lexical rankings into one.

Plain RRF loses to dense alone on TyDi-id (0.946 vs 0.959): it gives BM25's rank 1 the same
weight as dense's rank 1 even where BM25 is weak. `fuse` blends normalised scores instead,
with a lexical weight that depends on the kind of query. bench/fusion_experiment.py measures
every method here and chose the shipped one.
"""
from __future__ import annotations

import enum
import re
import statistics
from typing import Literal

# Kept here, in a module of stdlib imports only, so the CLI can list them without loading search.
Mode = Literal["hybrid", "dense", "lexical"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "lexical")

Ranked = list[tuple[str, float]]  # (chunk id, score), best first


class QueryKind(enum.Enum):
    REFERENCE = "reference"  # names a Pasal or a regulation number: identifiers, BM25's strength
    KEYWORD = "keyword"  # one or two words: little context for the embedder
    QUESTION = "question"  # anything longer: the embedder's strength


_REFERENCE = re.compile(
    r"\b(pasal|ayat|huruf|uu|pp|perpres|perda|perwal|perwali|permen\w*|kepwal|nomor|no\.?)\b|\d+\s*/\s*\d{4}",
    re.IGNORECASE)


def query_kind(query: str) -> QueryKind:
    if _REFERENCE.search(query):
        return QueryKind.REFERENCE
    if len(query.split()) <= 2:
        return QueryKind.KEYWORD
    return QueryKind.QUESTION


class FusionMethod(enum.Enum):
    MINMAX = "minmax"  # (s - min) / (max - min) within the list
    MAX = "max"  # s / max: keeps how far below the top a candidate is
    ZSCORE = "zscore"  # (s - mean) / stdev within the list


def normalise(ranked: Ranked, method: FusionMethod) -> dict[str, float]:
    if not ranked:
        return {}
    scores = [s for _, s in ranked]
    if method is FusionMethod.MAX:
        top = max(scores) or 1.0
        return {cid: s / top for cid, s in ranked}
    if method is FusionMethod.ZSCORE:
        mean = statistics.fmean(scores)
        sd = statistics.pstdev(scores) or 1.0
        return {cid: (s - mean) / sd for cid, s in ranked}
    low, top = min(scores), max(scores)
    span = (top - low) or 1.0
    return {cid: (s - low) / span for cid, s in ranked}


def _sorted(scores: dict[str, float]) -> Ranked:
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def blend(dense: Ranked, lexical: Ranked, w: float, method: FusionMethod = FusionMethod.MINMAX) -> Ranked:
    """(1 - w) * dense + w * lexical over normalised scores; a list missing a candidate gives it
    that list's floor, not zero, so z-scores are not rewarded for being absent."""
    d, l = normalise(dense, method), normalise(lexical, method)
    d_floor, l_floor = min(d.values(), default=0.0), min(l.values(), default=0.0)
    return _sorted({cid: (1 - w) * d.get(cid, d_floor) + w * l.get(cid, l_floor) for cid in d.keys() | l.keys()})


def rrf(dense: Ranked, lexical: Ranked, w: float = 0.5, k: int = 60) -> Ranked:
    """Weighted reciprocal rank fusion: (1 - w) / (k + rank in dense) + w / (k + rank in lexical)."""
    scores: dict[str, float] = {}
    for weight, ranked in ((1 - w, dense), (w, lexical)):
        for rank, (cid, _) in enumerate(ranked, 1):
            scores[cid] = scores.get(cid, 0.0) + weight / (k + rank)
    return _sorted(scores)


# Lexical share of the blend per kind of query.
LEXICAL_WEIGHT = {QueryKind.REFERENCE: 0.6, QueryKind.KEYWORD: 0.45, QueryKind.QUESTION: 0.3}


def fuse(query: str, dense: Ranked, lexical: Ranked) -> Ranked:
    return blend(dense, lexical, LEXICAL_WEIGHT[query_kind(query)])
