"""Diversity: one hit per Pasal, and at most N hits of one document in a result list.

A Pasal can be several chunks (a long one is split; its Penjelasan is another), and a query
about, say, cooperation can match ten Pasal of one law before the study that answers the
question. So a result list shows each Pasal once, by its best chunk, and caps each document,
keeping its best hits and letting the next documents in; the cap is lifted when the user
asks for every hit of one document.
"""
from __future__ import annotations

from typing import Callable, Iterable, Mapping, TypeVar

T = TypeVar("T")

# Chunks of one document shown by default: enough to see where in a law it matched.
DEFAULT_PER_DOC = 3


def legal_unit(chunk_id: str, meta: Mapping[str, object], doc_id: str | None = None) -> str:
    """What a hit stands for: "<doc>/<pasal>" for a chunk of a Pasal, body or Penjelasan alike (for an
    amending law, each Pasal it amends: "uu_2016_19/I Pasal I angka 5 > Pasal 27"); "<doc>/<section>" for the
    rest of a legal text; else the chunk.
    `doc_id` names the document the chunk stands for when it is one of several copies (kb.copies)."""
    pasal = meta.get("pasal")
    if not pasal:
        # Konsiderans, Penjelasan Umum, Lampiran: one unit each, whichever copy of the law holds it.
        section = meta.get("section")
        return f"{doc_id or meta.get('doc_id')}/{section}" if section else chunk_id
    heading = str(meta.get("heading") or "")
    return f"{doc_id or meta.get('doc_id')}/{pasal}" + (f" {heading}" if heading.startswith("Pasal ") else "")


def one_per_unit(items: Iterable[T], unit_of: Callable[[T], str]) -> list[T]:
    """`items` in order, keeping the first (best) of each unit."""
    seen: set[str] = set()
    out: list[T] = []
    for item in items:
        unit = unit_of(item)
        if unit not in seen:
            seen.add(unit)
            out.append(item)
    return out


def cap_per_doc(items: Iterable[T], doc_of: Callable[[T], str], per_doc: int | None,
                uncapped: Callable[[str], bool] = lambda doc: False) -> list[T]:
    """`items` in order, skipping each one whose document already has `per_doc` before it, unless the document
    is `uncapped` (the one the query names)."""
    if per_doc is None:
        return list(items)
    if per_doc < 1:
        raise ValueError(f"per_doc must be at least 1, got {per_doc}")
    seen: dict[str, int] = {}
    out: list[T] = []
    for item in items:
        doc = doc_of(item)
        if seen.get(doc, 0) < per_doc or uncapped(doc):
            seen[doc] = seen.get(doc, 0) + 1
            out.append(item)
    return out
