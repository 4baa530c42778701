"""Fusion of dense and lexical rankings into one.

Plain RRF loses to dense alone on TyDi-id (0.951 vs 0.964 MRR@10): it gives BM25's rank 1 the
same weight as dense's rank 1 even where BM25 is weak. `fuse` blends min-max normalised scores
instead, with a lexical weight per kind of query, as bench/fusion_experiment.py measured it on
TyDi-id and the gold set: questions peak at 0.1-0.3 on both; one- and two-word queries need
BM25 to lead (0.73 dense vs 0.95 from 0.6 up); references do best led by the embedder, because
"23/2014" is cited in the preamble of every later law (a named Pasal is looked up exactly by
kb.legal_lookup, not fused). Z-scores did as well on TyDi but worse on the gold set; dividing by
the top score was worse on both. Questions among regulations differ: they lean on BM25 by the share of
regulation text, and where nearly all candidates are regulation text, z-scores blend best
(LEGAL_QUESTION_WEIGHT, LEGAL_ONLY_SHARE).
"""
from __future__ import annotations

import enum
import re
import statistics
from typing import Callable, Literal

# Kept here, in a module of stdlib imports only, so the CLI can list them without loading search.
Mode = Literal["hybrid", "dense", "lexical"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "lexical")

Ranked = list[tuple[str, float]]  # (chunk id, score), best first


class QueryKind(enum.Enum):
    REFERENCE = "reference"  # names a Pasal or a regulation number: identifiers, BM25's strength
    KEYWORD = "keyword"  # one or two words: little context for the embedder
    QUESTION = "question"  # anything longer: the embedder's strength


# A reference carries a number: "Pasal 363", "PP 28 tahun 2018", "Nomor 2", "23/2014". The words alone name a
# kind of act in plain questions ("Perda dibentuk oleh siapa?", "menurut UU Pemda", "kewenangan satpol PP"),
# which lean on BM25 as other questions do; read as references they were led by the embedder (with the number
# required: staff Pasal MRR@10 0.802 -> 0.814, gold Pasal 0.739 -> 0.750, TyDi-id unchanged).
_REFERENCE = re.compile(
    r"\b(pasal|ayat)\s+\(?\d+|\bhuruf\s+[a-z]\b|\d+\s*/\s*\d{4}|\b(nomor|no\.?)\s*\d+"
    r"|\b(uu|pp|perpres|perda|perwal|perwali|permen\w*|kepwal)\.?\s*\d+", re.IGNORECASE)


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
    """Best first; ties keep insertion order (dense order, then lexical), so results are stable."""
    return sorted(scores.items(), key=lambda kv: -kv[1])


def blend(dense: Ranked, lexical: Ranked, w: float, method: FusionMethod = FusionMethod.MINMAX) -> Ranked:
    """(1 - w) * dense + w * lexical over normalised scores; a list missing a candidate gives it
    that list's floor, not zero, so z-scores are not rewarded for being absent."""
    d, l = normalise(dense, method), normalise(lexical, method)
    d_floor, l_floor = min(d.values(), default=0.0), min(l.values(), default=0.0)
    return _sorted({cid: (1 - w) * d.get(cid, d_floor) + w * l.get(cid, l_floor) for cid in {**d, **l}})


def rrf(dense: Ranked, lexical: Ranked, w: float = 0.5, k: int = 60) -> Ranked:
    """Weighted reciprocal rank fusion: (1 - w) / (k + rank in dense) + w / (k + rank in lexical)."""
    scores: dict[str, float] = {}
    for weight, ranked in ((1 - w, dense), (w, lexical)):
        for rank, (cid, _) in enumerate(ranked, 1):
            scores[cid] = scores.get(cid, 0.0) + weight / (k + rank)
    return _sorted(scores)


# Lexical share of the blend per kind of query (0 = dense only).
LEXICAL_WEIGHT = {QueryKind.REFERENCE: 0.2, QueryKind.KEYWORD: 0.7, QueryKind.QUESTION: 0.3}
# A question that kb.thesaurus put into the regulations' own words ("wali kota" -> "kepala daerah")
# is one BM25 can now match. On the gold set 0.6 gave document MRR@10 0.936 (0.919 at 0.5, 0.928 at
# 0.7) and Pasal-level Recall@5 0.737 (as 0.5; 0.719 at 0.7); TyDi-id questions are rarely expanded.
EXPANDED_QUESTION_WEIGHT = 0.6


# The embedder (multilingual-e5-small) reads legal prose worse than BM25 does: at Pasal level on the gold
# and staff questions dense alone scores below lexical alone, while on TyDi-id (Wikipedia) it is far
# ahead. So a question whose candidates are regulation chunks leans on BM25 in proportion to their share
# of the two top-LEGAL_TOP lists. Chosen on the gold and staff sets (0.5-0.7 alike: staff Pasal MRR@10
# 0.764 -> 0.788, gold document MRR@10 0.924 -> 0.941); TyDi-id holds no regulation, so it is untouched.
LEGAL_QUESTION_WEIGHT = 0.6
LEGAL_TOP = 10
# A question whose candidates are nearly all regulation text (every question on an index of laws alone) blends
# z-scores instead, half and half, expanded or not: each candidate is placed against the whole list, not
# against its first and fiftieth. Chosen on the gold and staff sets (mixed index, gold Pasal R@5 0.724 -> 0.751,
# MRR@10 0.727 -> 0.741; regulations alone 0.731 -> 0.763, 0.748 -> 0.761; staff unchanged; 0.4 and 0.6 were
# worse). At a share from 0.5 it also took seed-chapter questions that regulations crowd (MRR@10 0.863 -> 0.829).
LEGAL_ONLY_SHARE = 0.9
LEGAL_ONLY_WEIGHT = 0.5

# BM25's first candidate scoring this many times its second, while the embedder did not list it at all,
# is a match only words can make (a name, a code that one passage holds: "Morales dan Meek"); the blend
# then leans on BM25 at least this much. Where the embedder lists it too, the usual weights hold: on
# TyDi-id, overriding them there cost 0.004 MRR@10.
CONFIDENT_RATIO = 1.4
CONFIDENT_WEIGHT = 0.6


def fuse(query: str, dense: Ranked, lexical: Ranked, expanded: bool = False,
         is_legal: Callable[[list[str]], list[bool]] | None = None) -> Ranked:
    """`expanded`: BM25 searched for the query with thesaurus terms added (kb.search.retrieve).
    `is_legal`: which of the given chunk ids are regulation text (see LEGAL_QUESTION_WEIGHT)."""
    kind = query_kind(query)
    w = EXPANDED_QUESTION_WEIGHT if expanded and kind is QueryKind.QUESTION else LEXICAL_WEIGHT[kind]
    if kind is QueryKind.QUESTION and is_legal:
        top = [cid for cid, _ in dense[:LEGAL_TOP]] + [cid for cid, _ in lexical[:LEGAL_TOP]]
        share = sum(is_legal(top)) / len(top) if top else 0.0
        if share >= LEGAL_ONLY_SHARE:
            return blend(dense, lexical, LEGAL_ONLY_WEIGHT, FusionMethod.ZSCORE)
        if not expanded:
            w += share * (LEGAL_QUESTION_WEIGHT - w)
    if len(lexical) > 1 and lexical[0][1] >= CONFIDENT_RATIO * lexical[1][1] > 0 and \
            lexical[0][0] not in {cid for cid, _ in dense}:
        w = max(w, CONFIDENT_WEIGHT)
    return blend(dense, lexical, w, FusionMethod.MINMAX)
