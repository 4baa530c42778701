"""What the retrievers cannot see, applied to their ranking: how much a chunk says, how clean its
text is, and whether it is the kind of source the query asks for.

- Brevity. A near-empty chunk ("Pasal 5 Dihapus.", a leftover "Cukup jelas") sits close to every
  query in embedding space (a hub) and wins on BM25's length normalisation. Its content, once labels
  are removed, sets a penalty that fades out at `FULL_CHARS`.
- Quality. Garbled OCR text (ingest.quality) ranks below clean text of equal relevance.
- Intent. A query naming a kind of source (kb.intent) lifts documents of that kind, and less, passages
  that cite one.
- Reference lists. An article's list of references names every topic of its field in few words; it ranks
  below body text unless the query asks for references.

Scores are min-max normalised first, so the weights mean the same in every mode.
"""
from __future__ import annotations

from typing import Mapping

from ingest.article import REFERENCE_LIST
from ingest.legal import content_chars

from .fusion import FusionMethod, Ranked, normalise
from .intent import Intent

# Content below MIN_CHARS is no answer to anything; the penalty fades linearly up to FULL_CHARS.
MIN_CHARS = 40
FULL_CHARS = 80  # 160 cost TyDi-id 0.002 MRR@10 (short Wikipedia paragraphs answer too)
BREVITY_WEIGHT = 0.3
EMPTY_PENALTY = 1.0  # under MIN_CHARS: below every chunk that says something
QUALITY_WEIGHT = 0.5  # per unit of unknown-word share: text at quality 0.8 loses 0.1
INTENT_BOOST = 0.5
# A passage that cites a source of the kind asked for ("(Fitri, 2017)" under "penelitian ..."): on the study
# questions its chapter joins the top 5 (R@5 0.74 -> 0.83) and the cards stay first (0.5 let the chapter
# outrank them on "kajian terdahulu soal program kota cerdas Bekasi"; 0.25 lifted it too little).
CITING_BOOST = 0.35
REFERENCE_LIST_PENALTY = 1.0  # as much as an empty chunk: below every body chunk of relevance


def penalty(text: str, meta: Mapping[str, object]) -> float:
    n = meta.get("content")
    if not isinstance(n, int):  # an index written before chunks carried it (CHUNKER_VERSION 12)
        n = content_chars(text)
    brevity = EMPTY_PENALTY if n < MIN_CHARS else BREVITY_WEIGHT * max(0.0, 1 - n / FULL_CHARS)
    q = meta.get("quality")
    return brevity + (QUALITY_WEIGHT * max(0.0, 1 - float(q)) if isinstance(q, (int, float)) else 0.0)


def adjust(ranked: Ranked, chunks: Mapping[str, tuple[str, Mapping[str, object]]],
           wanted: tuple[Intent, ...] = ()) -> Ranked:
    """`ranked` rescored and resorted; `chunks` maps a chunk id to its (text, metadata)."""
    norm = normalise(ranked, FusionMethod.MINMAX)
    asked_for_references = any(REFERENCE_LIST in i.sections for i in wanted)
    out = []
    for cid, _ in ranked:
        text, meta = chunks[cid]
        boost = INTENT_BOOST if any(i.matches(meta) for i in wanted) else \
            CITING_BOOST if any(i.cites(text, meta) for i in wanted) else 0.0
        if meta.get("section") == REFERENCE_LIST and not asked_for_references:
            boost -= REFERENCE_LIST_PENALTY
        out.append((cid, norm[cid] - penalty(text, meta) + boost))
    return sorted(out, key=lambda r: -r[1])
