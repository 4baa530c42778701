"""BM25 over analyzed chunk text (bm25s), persisted beside Chroma and stamped with its generation.

Beside the bm25s matrices the index keeps, per chunk, the fields that filters need (doc type,
year, language, doc id), so a filtered search masks scores in numpy instead of asking Chroma about
every candidate, and each chunk's vector, which the dense retriever scans exactly (kb.vectors).
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import bm25s
import numpy as np

from ingest.analyzer import tokenize

from .vectors import EXACT_LIMIT, Vectors

_FIELDS = "fields.json"
PLACE_KEYS = ("issuer", "city", "publisher")


@dataclass
class Filters:
    doc_type: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    lang: str | None = None
    doc_id: str | None = None
    # Facets: case-insensitive "contains" on card and catalog fields. Chroma's where has no
    # substring test, so these are checked on the candidates after retrieval.
    place: str | None = None  # a regulation's issuer, a study's or case's city, a news publisher
    theory: str | None = None
    dimension: str | None = None

    @property
    def empty(self) -> bool:
        return all(v is None for v in (self.doc_type, self.year_from, self.year_to, self.lang, self.doc_id))

    @property
    def faceted(self) -> bool:
        return any((self.place, self.theory, self.dimension))

    def matches(self, meta: Mapping[str, object]) -> bool:
        """Whether a chunk's metadata passes the facets (the other filters run inside the retrievers)."""
        wanted = ((self.place, PLACE_KEYS), (self.theory, ("theory",)), (self.dimension, ("dimensions",)))
        return all(any(value.lower() in str(meta.get(key) or "").lower() for key in keys)
                   for value, keys in wanted if value)

    def chroma_where(self) -> dict | None:
        clauses: list[dict] = []
        if self.doc_type:
            clauses.append({"doc_type": self.doc_type})
        if self.lang:
            clauses.append({"lang": self.lang})
        if self.doc_id:
            clauses.append({"doc_id": self.doc_id})
        if self.year_from is not None:
            clauses.append({"year": {"$gte": self.year_from}})
        if self.year_to is not None:
            clauses.append({"year": {"$lte": self.year_to}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class LexicalIndex:
    def __init__(self, retriever: bm25s.BM25 | None, ids: list[str], fields: dict[str, list], generation: int,
                 vectors: Vectors | None = None):
        self.retriever = retriever
        self.ids = ids
        self.generation = generation
        self.vectors = vectors  # None: too many to scan, or written before (kb.search asks Chroma instead)
        self.doc_type = np.array(fields.get("doc_type", []), dtype=object)
        self.lang = np.array(fields.get("lang", []), dtype=object)
        self.doc_id = np.array(fields.get("doc_id", []), dtype=object)
        self.year = np.array([y if y is not None else -1 for y in fields.get("year", [])], dtype=np.int32)
        # Not filters: what kb.identity needs to tell copies of one document apart (identity, text quality).
        # Chunks written before identities were recorded are their own document.
        self.identity = [i or d for i, d in zip(fields.get("identity") or [None] * len(ids), fields.get("doc_id", []))]
        self.quality = fields.get("quality") or [None] * len(ids)
        self._fields = fields
        self._position: dict[str, int] | None = None  # chunk id -> row, built on first use

    @classmethod
    def build(cls, records: Iterable[tuple[str, str, dict, np.ndarray | None]], generation: int) -> "LexicalIndex":
        """records: (chunk_id, text to index, metadata, the chunk's vector); vectors are kept if every record has one
        and there are at most EXACT_LIMIT."""
        ids: list[str] = []
        corpus: list[list[str]] = []
        rows: list[np.ndarray | None] = []
        fields: dict[str, list] = {"doc_type": [], "lang": [], "doc_id": [], "year": [], "identity": [],
                                   "quality": []}
        for cid, text, meta, vector in records:
            ids.append(cid)
            corpus.append(tokenize(text) or ["\x00"])
            rows.append(vector)
            for f in fields:
                fields[f].append(meta.get(f))
        retriever = None
        if ids:
            retriever = bm25s.BM25()
            retriever.index(corpus, show_progress=False)
        vectors = Vectors.build(rows) if len(rows) <= EXACT_LIMIT and all(r is not None for r in rows) else None
        return cls(retriever, ids, fields, generation, vectors)

    def search(self, query: str, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        if self.retriever is None:
            return []
        vocab = self.retriever.vocab_dict
        toks = [t for t in tokenize(query) if t in vocab]
        if not toks:
            return []
        mask = self._mask(filters) if filters and not filters.empty else None
        if mask is not None and not mask.any():
            return []
        n = min(k, len(self.ids) if mask is None else int(mask.sum()))
        docs, scores = self.retriever.retrieve([toks], k=n, show_progress=False, n_threads=1,
                                               weight_mask=None if mask is None else mask.astype(np.float32))
        return [(self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]

    def dense(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the k chunks nearest `vector` that pass `filters`, exactly."""
        assert self.vectors is not None
        mask = self._mask(filters) if filters and not filters.empty else None
        return [(self.ids[i], s) for i, s in self.vectors.nearest(vector, k, mask)]

    def of_type(self, ids: list[str], doc_type: str) -> list[bool]:
        """Whether each chunk id is indexed with this doc_type (False for an id not in the index)."""
        if self._position is None:
            self._position = {cid: i for i, cid in enumerate(self.ids)}
        at = [self._position.get(cid) for cid in ids]
        return [i is not None and self.doc_type[i] == doc_type for i in at]

    def idf(self, terms: Iterable[str]) -> dict[str, float]:
        """BM25's inverse document frequency of each analyzed term; highest for a term no chunk holds."""
        vocab = self.retriever.vocab_dict if self.retriever is not None else {}
        indptr, n = (self.retriever.scores["indptr"] if vocab else None), len(self.ids)
        out = {}
        for t in terms:
            df = int(indptr[vocab[t] + 1] - indptr[vocab[t]]) if t in vocab else 0
            out[t] = float(np.log(1 + (n - df + 0.5) / (df + 0.5)))
        return out

    def _mask(self, f: Filters) -> np.ndarray:
        m = np.ones(len(self.ids), dtype=bool)
        if f.doc_type:
            m &= self.doc_type == f.doc_type
        if f.lang:
            m &= self.lang == f.lang
        if f.doc_id:
            m &= self.doc_id == f.doc_id
        if f.year_from is not None:
            m &= self.year >= f.year_from
        if f.year_to is not None:
            m &= (self.year <= f.year_to) & (self.year >= 0)
        return m

    # -- persistence: write to a temp dir, then swap it in, so readers never see half an index --
    def save(self, directory: Path) -> None:
        directory.parent.mkdir(parents=True, exist_ok=True)
        for stale in directory.parent.glob(".lexical-*"):  # left by a writer killed mid-save
            shutil.rmtree(stale, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(prefix=".lexical-", dir=directory.parent))
        if self.retriever is not None:
            self.retriever.save(str(tmp), show_progress=False)
        if self.vectors is not None:
            self.vectors.save(tmp)
        (tmp / _FIELDS).write_text(json.dumps({"generation": self.generation, "ids": self.ids, **self._fields}))
        old = directory.with_name(directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if directory.exists():
            os.replace(directory, old)
        os.replace(tmp, directory)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> "LexicalIndex | None":
        try:
            data = json.loads((directory / _FIELDS).read_text())
            retriever = bm25s.BM25.load(str(directory), show_progress=False) if data["ids"] else None
        except (OSError, ValueError, KeyError):
            return None
        ids = data.pop("ids")
        return cls(retriever, ids, data, int(data.pop("generation")), Vectors.load(directory) if ids else None)

    @property
    def complete(self) -> bool:
        """False for an index written before it kept vectors: rebuild it when the write lock is free."""
        return self.vectors is not None or not self.ids or len(self.ids) > EXACT_LIMIT


def index_text(text: str, meta: dict) -> str:
    """What BM25 sees: the context line (title, BAB, Pasal) and the chunk text."""
    ctx = meta.get("context") or ""
    return f"{ctx}\n{text}" if ctx else text


def build_from(chunks: Iterable, generation: int) -> LexicalIndex:
    """From kb.store.StoredChunk read with their vectors."""
    return LexicalIndex.build(((c.chunk_id, index_text(c.text, c.meta), c.meta, c.vector) for c in chunks),
                              generation)
