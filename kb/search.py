"""Query -> retrievers (dense, lexical) -> fusion -> Hits with citations."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import partial

import numpy as np

from ingest.analyzer import tokenize

from . import colloquial, legal_lookup, prior, thesaurus
from .base import KnowledgeBase
from .citations import Span, at_passage, best_location, cite, location_span
from .copies import Copies, copies, files
from .diversity import DEFAULT_PER_DOC, cap_per_doc, legal_unit, one_per_unit
from .fusion import MODES, Mode, Ranked, fuse  # noqa: F401  (MODES re-exported for callers of search)
from .highlight import highlight
from .intent import intents
from .lexical import Filters, LexicalIndex
from .store import StoredChunk

# Candidates fetched from each retriever before fusion; enough for fusion to reorder the top 10.
CANDIDATES = 50
# Facets are checked after retrieval (kb.lexical.Filters.matches), so fetch a wider net.
FACETED_CANDIDATES = 300

# Regulation text, which kb.fusion weighs toward BM25 (LEGAL_QUESTION_WEIGHT).
LEGAL = "regulasi"
# BM25's idf of a term held by about a seventh of the chunks (ln 7.4). Below it, a thesaurus term is too common
# to count (`informative`): on the mixed index, gold Pasal MRR@10 0.750 -> 0.776, staff on the regulations alone
# 0.833 -> 0.840, gold document 0.940 -> 0.945, TyDi-id unchanged; 1.75 did as well, 2.25 and 2.5 worse.
COMMON_IDF = 2.0

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
    similarity: float | None = None  # the embedder's cosine of query and chunk, where it was a dense candidate

    def to_json(self) -> dict:
        d = asdict(self)
        return {k: d[k] for k in JSON_KEYS}


def search(kb: KnowledgeBase, query: str, k: int = 10, mode: Mode = "hybrid",
           filters: Filters | None = None, per_doc: int | None = DEFAULT_PER_DOC, expand: bool = True) -> list[Hit]:
    """Top k hits, one per Pasal of a regulation (its best chunk, body or Penjelasan, from the cleanest
    copy of the regulation); at most `per_doc` of one document (None: no cap), except that a
    `filters.doc_id` search lists every hit of that document, and a query naming a law ("Pasal 363 UU
    23/2014", "menurut UU Pemerintahan Daerah ...") every hit of that law. Chat spellings are read as
    standard words (kb.colloquial); `expand` adds the regulations' terms for everyday words (kb.thesaurus). Near-empty
    and garbled chunks rank lower, and documents of the kind the query names rank higher (kb.prior); a
    catalog entry whose full text is indexed is no hit of its own."""
    if not query.strip():  # no count() check: Chroma counts by scanning, 8 ms at 100k chunks; empty stores return []
        return []
    read = terms(query, expand)
    query = read.query
    filters = filters or Filters()
    n = max(FACETED_CANDIDATES if filters.faceted else CANDIDATES, k)
    ranked, dense = retrieve(kb, read, n, mode, filters)
    if filters.doc_id:
        per_doc = None
    stored = kb.store.get([cid for cid, _ in ranked])
    same = copies(kb)
    # An ingest may have removed some candidates since retrieval; facets filter the rest.
    live = [(cid, score) for cid, score in ranked if cid in stored and filters.matches(stored[cid].meta)
            and (filters.doc_id or str(stored[cid].meta.get("doc_id")) not in same.catalog)]
    live = prior.adjust(live, {cid: (stored[cid].text, stored[cid].meta) for cid, _ in live}, intents(query))

    def doc(r: tuple[str, float]) -> str:
        return same.of(str(stored[r[0]].meta.get("doc_id")))

    units = one_per_unit(live, lambda r: legal_unit(r[0], stored[r[0]].meta, doc(r)))
    law = legal_lookup.named_law(query)
    named = {doc(r) for r in units if legal_lookup.refers_to(law, (m := stored[r[0]].meta), m.get("doc_type"))} \
        if law else set()
    kept = cap_per_doc(units, doc, per_doc, named.__contains__)[:k]
    shown = (lambda c: (c.chunk_id, c.text, c.meta)) if filters.doc_id else (lambda c: _cleanest(kb, same, c))
    make = partial(_hit, query=query, searched=read.text)
    hits = [make(rank, *shown(stored[cid]), score) for rank, (cid, score) in enumerate(kept, 1)]
    for h, (cid, _) in zip(hits, kept):
        h.similarity = dense.get(cid)
    out = legal_lookup.refine(kb, query, hits, k, filters, make, same)  # an exact "Pasal 363 UU 23/2014" goes first
    for h in out:
        _sources(kb, same, h)
    return out


def _cleanest(kb: KnowledgeBase, same: Copies, chunk: StoredChunk) -> tuple[str, str, dict]:
    """(chunk id, text, metadata) of the same Pasal (or part: Konsiderans, Penjelasan Umum) in the cleanest copy
    of its regulation, its words closest to the chunk's; else the chunk."""
    doc_id, pasal, section = str(chunk.meta.get("doc_id")), chunk.meta.get("pasal"), chunk.meta.get("section")
    best = same.of(doc_id)
    if best != doc_id and section:
        where = {"$and": [{"doc_id": best}, {"section": str(section)}] + ([{"pasal": str(pasal)}] if pasal else [])}
        twins = list(kb.store.iter_chunks(where=where))
        if twins:
            words = set(tokenize(chunk.text))
            twin = max(twins, key=lambda c: len(words & set(tokenize(c.text))))
            return twin.chunk_id, twin.text, twin.meta
    return chunk.chunk_id, chunk.text, chunk.meta


def _sources(kb: KnowledgeBase, same: Copies, hit: "Hit") -> None:
    """Every copy's files, the shown copy's first, and the catalog entry that describes the document."""
    paths = files(kb, same, hit.doc_id) or [str(hit.meta.get("source_path"))]
    members = same.members.get(hit.doc_id, [hit.doc_id])
    hit.meta = {**hit.meta, "sources": paths, "copies": [d for d in members if d != hit.doc_id]}
    if hit.doc_id in same.entry_of:
        hit.meta["catalog_id"] = same.entry_of[hit.doc_id]


def terms(query: str, expand: bool = True) -> thesaurus.Expansion:
    """What the retrievers read: the query in standard spelling (kb.colloquial), with the regulations' terms
    for its everyday words added (kb.thesaurus) unless `expand` is off."""
    query = colloquial.standard(query.strip())
    return thesaurus.expand(query) if expand else thesaurus.Expansion(query, ())


def query_vector(kb: KnowledgeBase, read: thesaurus.Expansion) -> np.ndarray:
    """The embedder's vector for a query: of the query alone, or where kb.thesaurus added the regulations'
    terms, the mean of the query's and the expanded query's. The small embedder matches an everyday question
    to legal prose better with the law's terms beside its words (with kb.colloquial, on the tuning questions
    over the regulations alone: dense MRR@10 0.525 -> 0.600, hybrid 0.740 -> 0.769; staff hybrid 0.818 -> 0.827),
    but the terms alone pull a question away from what it asks (the gold and intent sets fell). A query
    naming another kind of source ("penelitian", "berita") is read as typed: the regulations' words pull it
    toward regulations."""
    vector = kb.embed_query(read.query)
    if not read.added or any(i.name != LEGAL for i in intents(read.query)):
        return vector
    mean = vector + kb.embed_query(read.text)
    return mean / np.linalg.norm(mean)


def informative(index: LexicalIndex, read: thesaurus.Expansion) -> thesaurus.Expansion:
    """The thesaurus terms that tell the retrievers something in this index: a term a seventh of all chunks
    hold ("masyarakat", "pemerintah daerah", "peraturan perundang-undangan") is no clue to what a question
    asks, so it does not move the embedder's vector nor make the blend lean on BM25 as a question put in the
    law's own words does (BM25 reads it anyway, at its low weight). Any rarer word of a term keeps it."""
    kept = tuple(t for t in read.added if max(index.idf(tokenize(t)).values(), default=COMMON_IDF) >= COMMON_IDF)
    return read if kept == read.added else thesaurus.Expansion(read.query, kept)


def retrieve(kb: KnowledgeBase, read: thesaurus.Expansion, n: int, mode: Mode,
             filters: Filters) -> tuple[Ranked, dict[str, float]]:
    """Candidates ranked by one retriever, or both fused (`terms` is what they read: BM25 the expanded
    text, the embedder `query_vector` of its informative terms), and the embedder's cosine similarity of the
    query to each of its candidates."""
    index = kb.lexical
    told = informative(index, read)
    dense: Ranked = []
    if mode != "lexical":
        vector = query_vector(kb, told)
        dense = index.dense(vector, n, filters) if index.vectors is not None else \
            kb.store.query(vector, n, filters.chroma_where())  # too many to scan, or an index written before
    lexical = index.search(read.text, n, filters) if mode != "dense" else []
    ranked = dense if mode == "dense" else lexical if mode == "lexical" else \
        fuse(read.query, dense, lexical, expanded=bool(told.added), is_legal=partial(index.of_type, doc_type=LEGAL))
    return ranked, dict(dense)


def _shown(text: str, meta: dict, query: str, searched: str) -> Span | None:
    """The passage a hit shows: a Pasal's best ayat or huruf (as its citation names it), else the sentence
    holding the most searched terms (where the CLI and the Cari page open the hit's text); None for none."""
    if meta.get("pasal"):
        span = location_span(text, *best_location(text, query))
        if span:
            return span
    sentences = highlight(searched, text).sentences
    return sentences[0] if sentences else None


def _hit(rank: int, cid: str, text: str, m: dict, score: float, query: str = "", searched: str = "") -> Hit:
    """A hit whose pages are those of the passage it shows (the chunk's own stay in meta: kb.citations.at_passage)."""
    m = at_passage(m, _shown(text, m, query, searched))

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
