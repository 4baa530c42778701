"""Query -> retrievers (dense, lexical) -> fusion -> Hits with citations."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from . import legal_lookup
from .base import KnowledgeBase
from .citations import cite
from .diversity import DEFAULT_PER_DOC, cap_per_doc
from .fusion import MODES, Mode, fuse  # noqa: F401  (MODES re-exported for callers of search)
from .lexical import Filters

# Candidates fetched from each retriever before fusion; enough for fusion to reorder the top 10.
CANDIDATES = 50
# Facets are checked after retrieval (kb.lexical.Filters.matches), so fetch a wider net.
FACETED_CANDIDATES = 300

JSON_KEYS = ("rank", "chunk_id", "doc_id", "source_path", "title", "doc_type", "year", "page_start", "page_end",
             "pasal", "ayat", "section", "lang", "score", "text", "citation")


@dataclass
class Hit:
    rank: int
    chunk_id: str
    doc_id: str
    source_path: str | None
    title: str | None
    doc_type: str | None
    year: int | None
    page_start: int | None
    page_end: int | None
    pasal: str | None
    ayat: str | None
    section: str | None
    lang: str | None
    score: float
    text: str
    citation: str
    meta: dict = field(default_factory=dict, repr=False)

    def to_json(self) -> dict:
        d = asdict(self)
        return {k: d[k] for k in JSON_KEYS}


def search(kb: KnowledgeBase, query: str, k: int = 10, mode: Mode = "hybrid",
           filters: Filters | None = None, per_doc: int | None = DEFAULT_PER_DOC) -> list[Hit]:
    """Top k hits; at most `per_doc` chunks of one document (None: no cap), except that a
    `filters.doc_id` search lists every hit of that document."""
    query = query.strip()
    if not query:  # no count() check: Chroma counts by scanning, 8 ms at 100k chunks; empty stores return []
        return []
    filters = filters or Filters()
    n = max(FACETED_CANDIDATES if filters.faceted else CANDIDATES, k)
    dense = kb.store.query(kb.embed_query(query), n, filters.chroma_where()) if mode != "lexical" else []
    lexical = kb.lexical.search(query, n, filters) if mode != "dense" else []
    if mode == "dense":
        ranked = dense
    elif mode == "lexical":
        ranked = lexical
    else:
        ranked = fuse(query, dense, lexical)
    if filters.doc_id or per_doc is None:
        per_doc = None
        ranked = ranked if filters.faceted else ranked[:k]
    stored = kb.store.get([cid for cid, _ in ranked])
    # An ingest may have removed some candidates since retrieval; facets filter the rest.
    live = [(cid, score) for cid, score in ranked if cid in stored and filters.matches(stored[cid].meta)]
    kept = cap_per_doc(live, lambda r: str(stored[r[0]].meta.get("doc_id")), per_doc)[:k]
    hits = [_hit(rank, cid, score, stored[cid].text, stored[cid].meta) for rank, (cid, score) in enumerate(kept, 1)]
    return legal_lookup.refine(kb, query, hits, k, filters, _hit)  # an exact "Pasal 363 UU 23/2014" goes first


def _hit(rank: int, cid: str, score: float, text: str, m: dict) -> Hit:
    def s(key: str) -> str | None:
        v = m.get(key)
        return None if v is None else str(v)

    def i(key: str) -> int | None:
        v = m.get(key)
        return int(v) if isinstance(v, (int, float)) else None

    return Hit(rank=rank, chunk_id=cid, doc_id=str(m.get("doc_id")), source_path=s("source_path"), title=s("title"),
               doc_type=s("doc_type"), year=i("year"), page_start=i("page_start"), page_end=i("page_end"),
               pasal=s("pasal"), ayat=s("ayat"), section=s("section"), lang=s("lang"), score=round(score, 6),
               text=text, citation=cite(m), meta=m)
