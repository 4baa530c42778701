"""Per-document diversity: at most N chunks of one document in a result list.

A long law splits into hundreds of Pasal chunks, and a query about, say, cooperation can
match ten of them before the study that answers the question. Capping each document keeps
its best chunks and lets the next documents in; the cap is lifted when the user asks for
every hit of one document.
"""
from __future__ import annotations

from typing import Callable, Iterable, TypeVar

T = TypeVar("T")

# Chunks of one document shown by default: enough to see where in a law it matched.
DEFAULT_PER_DOC = 3


def cap_per_doc(items: Iterable[T], doc_of: Callable[[T], str], per_doc: int | None) -> list[T]:
    """`items` in order, skipping each one whose document already has `per_doc` before it."""
    if per_doc is None:
        return list(items)
    if per_doc < 1:
        raise ValueError(f"per_doc must be at least 1, got {per_doc}")
    seen: dict[str, int] = {}
    out: list[T] = []
    for item in items:
        doc = doc_of(item)
        if seen.get(doc, 0) < per_doc:
            seen[doc] = seen.get(doc, 0) + 1
            out.append(item)
    return out
