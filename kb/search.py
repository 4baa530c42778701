"""Query -> retrievers (dense, lexical) -> fusion -> Hits with citations."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from . import legal_lookup, thesaurus
from .base import KnowledgeBase
from .citations import cite
from .diversity import DEFAULT_PER_DOC, cap_per_doc, legal_unit, one_per_unit
from .fusion import MODES, Mode, Ranked, fuse  # noqa: F401  (MODES re-exported for callers of search)
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
           filters: Filters | None = None, per_doc: int | None = DEFAULT_PER_DOC, expand: bool = True) -> list[Hit]:
    """Top k hits, one per Pasal of a regulation (its best chunk, body or Penjelasan); at most
    `per_doc` of one document (None: no cap), except that a `filters.doc_id` search lists every
    hit of that document. `expand` adds the regulations' terms for everyday words (kb.thesaurus)."""
    query = query.strip()
    if not query:  # no count() check: Chroma counts by scanning, 8 ms at 100k chunks; empty stores return []
        return []
    filters = filters or Filters()
    n = max(FACETED_CANDIDATES if filters.faceted else CANDIDATES, k)
    ranked = retrieve(kb, query, n, mode, filters, expand)
    if filters.doc_id:
        per_doc = None
    stored = kb.store.get([cid for cid, _ in ranked])
    # An ingest may have removed some candidates since retrieval; facets filter the rest.
    live = [(cid, score) for cid, score in ranked if cid in stored and filters.matches(stored[cid].meta)]
    units = one_per_unit(live, lambda r: legal_unit(r[0], stored[r[0]].meta))
    kept = cap_per_doc(units, lambda r: str(stored[r[0]].meta.get("doc_id")), per_doc)[:k]
    hits = [_hit(rank, cid, score, stored[cid].text, stored[cid].meta) for rank, (cid, score) in enumerate(kept, 1)]
    return legal_lookup.refine(kb, query, hits, k, filters, _hit)  # an exact "Pasal 363 UU 23/2014" goes first


def terms(query: str, mode: Mode, expand: bool = True) -> thesaurus.Expansion:
    """What BM25 searches for: the query with the regulations' terms for its everyday words added
    (kb.thesaurus), unless `expand` is off or no BM25 runs. The embedder reads the query as typed:
    adding the terms helped it on the held-out questions but cost it as much on the gold and staff sets."""
    return thesaurus.expand(query) if expand and mode != "dense" else thesaurus.Expansion(query, ())


def retrieve(kb: KnowledgeBase, query: str, n: int, mode: Mode, filters: Filters, expand: bool = True) -> Ranked:
    """Candidates ranked by one retriever, or both fused (see `terms` for what each one reads)."""
    expansion = terms(query, mode, expand)
    dense = kb.store.query(kb.embed_query(query), n, filters.chroma_where()) if mode != "lexical" else []
    lexical = kb.lexical.search(expansion.text, n, filters) if mode != "dense" else []
    if mode == "dense":
        return dense
    if mode == "lexical":
        return lexical
    return fuse(query, dense, lexical, expanded=bool(expansion.added))


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
