"""Counts for `kb stats` and the UI's corpus page."""
from __future__ import annotations

from collections import Counter

from .base import KnowledgeBase
from .copies import copies


def dir_size(path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def collect(kb: KnowledgeBase) -> dict:
    docs = kb.store.documents()
    chunks_by_type: Counter = Counter()
    for d in docs:
        chunks_by_type[d.doc_type] += d.n_chunks
    by_lang: Counter = Counter()
    for c in kb.store.iter_chunks():
        by_lang[str(c.meta.get("lang") or "?")] += 1
    same = copies(kb)
    return {
        "data_dir": str(kb.settings.data_dir),
        "size_bytes": dir_size(kb.settings.data_dir),
        "embedder": kb.store.embedder_name,
        "documents": len(docs),
        "chunks": kb.store.count(),
        "by_type": dict(Counter(d.doc_type for d in docs).most_common()),
        "chunks_by_type": {t: n for t, n in chunks_by_type.items() if n},
        "by_lang": dict(by_lang.most_common()),
        # Catalog entries whose full text is indexed (entry -> the document search shows instead), and
        # documents held in more than one copy (the copy search shows -> the others).
        "catalog_with_text": dict(sorted(same.catalog.items())),
        "copies": {d: m[1:] for d, m in sorted(same.members.items()) if len(m) > 1},
    }
