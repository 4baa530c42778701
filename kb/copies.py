"""Copies of one document: the Markdown and the PDF of one law, a scan and a born-digital file, a
catalog entry and the full text it points to (identity in `ingest.identity`).

Search shows each identity once: the cleanest full text stands for it (highest mean text quality,
`ingest.quality`), its copies are listed as further sources, and a catalog entry whose full text is
in the corpus is no hit of its own. Read from the lexical index, which holds every chunk's identity
and quality (on a shared Chroma server too), once per index generation.
"""
from __future__ import annotations

import weakref
from collections import defaultdict
from dataclasses import dataclass, field

from .base import KnowledgeBase
from .lexical import LexicalIndex


@dataclass
class Copies:
    canonical: dict[str, str] = field(default_factory=dict)  # full text doc_id -> doc_id standing for its identity
    members: dict[str, list[str]] = field(default_factory=dict)  # canonical -> all its copies, cleanest first
    catalog: dict[str, str] = field(default_factory=dict)  # catalog entry doc_id -> canonical full text
    entry_of: dict[str, str] = field(default_factory=dict)  # canonical full text -> its catalog entry
    quality: dict[str, float] = field(default_factory=dict)  # doc_id -> mean chunk text quality

    def of(self, doc_id: str) -> str:
        """The doc_id that stands for `doc_id` in results (itself when it has no copies)."""
        return self.canonical.get(doc_id, doc_id)

    def shows(self, doc_id: str) -> bool:
        """Whether a list of documents shows `doc_id` itself: it has no copies or is their cleanest, and it is
        no catalog entry whose full text is indexed."""
        return self.of(doc_id) == doc_id and doc_id not in self.catalog


def build(lex: LexicalIndex) -> Copies:
    ident: dict[str, str] = {}
    kind: dict[str, str] = {}
    scores: dict[str, list[float]] = defaultdict(list)
    for doc, identity, doc_type, q in zip(lex.doc_id, lex.identity, lex.doc_type, lex.quality):
        ident[doc], kind[doc] = identity, doc_type
        scores[doc].append(1.0 if q is None else float(q))
    out = Copies(quality={d: sum(v) / len(v) for d, v in scores.items()})
    groups: dict[str, list[str]] = defaultdict(list)
    for doc, identity in ident.items():
        groups[identity].append(doc)
    for docs in groups.values():
        texts = sorted((d for d in docs if kind[d] != "katalog"), key=lambda d: (-out.quality[d], d))
        if not texts:
            continue
        for d in texts:
            out.canonical[d] = texts[0]
        out.members[texts[0]] = texts
        for entry in (d for d in docs if kind[d] == "katalog"):
            out.catalog[entry] = texts[0]
            out.entry_of[texts[0]] = entry
    return out


_CACHE: weakref.WeakKeyDictionary[KnowledgeBase, tuple[int, Copies]] = weakref.WeakKeyDictionary()


def copies(kb: KnowledgeBase) -> Copies:
    lex = kb.lexical
    cached = _CACHE.get(kb)
    if cached is None or cached[0] != lex.generation:
        cached = _CACHE[kb] = (lex.generation, build(lex))
    return cached[1]


def files(kb: KnowledgeBase, same: Copies, doc_id: str) -> list[str]:
    """The source files of every copy of `doc_id` (its own first), for a result to list beside its text."""
    paths: list[str] = []
    for d in [doc_id] + [m for m in same.members.get(doc_id, []) if m != doc_id]:
        rec = kb.store.document(d)
        paths += [p for p in (rec.source_paths if rec else []) if p not in paths]
    return paths
