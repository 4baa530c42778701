"""The store: chunks and vectors in Chroma, the document manifest in SQLite beside it.

Chroma is the truth for chunks (text, metadata, vectors), so a second machine that points at
the same Chroma server can rebuild everything else. The manifest records which file produced
which document with what content hash, so unchanged files are skipped; a document is marked
`pending` before its chunks are written and `ok` after, so a crash in between is repaired by
the next ingest instead of leaving orphans.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

import numpy as np

from ingest.identity import identity
from ingest.model import Chunk, Document, Scalar

from .config import Settings

COLLECTION = "kb_chunks"
# HNSW candidates explored per query. Search scans the vectors exactly (kb.vectors); Chroma's approximate index
# answers only past kb.vectors.EXACT_LIMIT chunks, or where the local index predates the scan. Chroma's 100 for
# 50 results left that list further from exact: the mixed index's gold MRR@10 was 0.8425 dense / 0.9183 hybrid
# against 0.8513 / 0.9246 at 200.
EF_SEARCH = 200
_BATCH = 1000


class StoreError(RuntimeError):
    pass


class EmbedderMismatch(StoreError):
    pass


@dataclass
class DocRecord:
    doc_id: str
    content_hash: str
    source_paths: list[str]
    title: str
    doc_type: str
    year: int | None
    n_chunks: int
    n_pages: int
    status: str
    metadata: dict[str, Scalar]
    updated: float


@dataclass
class Snapshot:
    record: DocRecord
    ids: list[str]
    texts: list[str]
    vectors: np.ndarray
    metadatas: list[dict[str, Scalar]]


@dataclass
class StoredChunk:
    chunk_id: str
    text: str
    meta: dict[str, Scalar]
    vector: np.ndarray | None = None  # read only where asked for (iter_chunks(vectors=True))


def _chroma_client(s: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    cs = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if s.chroma_url:
        from urllib.parse import urlparse

        u = urlparse(s.chroma_url)
        try:
            return chromadb.HttpClient(host=u.hostname or "localhost", port=u.port or 8000,
                                       ssl=u.scheme == "https", settings=cs)
        except ValueError as e:  # chromadb's way of saying the server did not answer
            raise StoreError(f"server Chroma {s.chroma_url} tidak menjawab / the Chroma server at {s.chroma_url} "
                             f"does not answer ({e}): jalankan / start it with `chroma run --path DIR --host HOST "
                             f"--port PORT`, atau periksa --chroma-url / or check --chroma-url") from e
    return chromadb.PersistentClient(path=str(s.data_dir / "chroma"), settings=cs)


def chunk_metadata(doc: Document, c: Chunk, n_chunks: int) -> dict[str, Scalar]:
    """Document fields (for filters) overlaid with the chunk's own; None values omitted. The content hash
    and chunk count let another machine on a shared server tell that a document is there complete."""
    meta: dict[str, Scalar] = {k: v for k, v in doc.metadata.items() if isinstance(v, (str, int, float, bool))}
    own: dict[str, Any] = {
        "doc_id": doc.doc_id, "title": doc.title, "doc_type": doc.doc_type, "source_path": doc.source_path,
        "year": doc.year, "ordinal": c.ordinal, "page_start": c.page_start if doc.paged else None,
        "page_end": c.page_end if doc.paged else None, "page_offsets": (c.page_offsets or None) if doc.paged else None,
        "section": c.section, "bab": c.bab, "bagian": c.bagian,
        "pasal": c.pasal, "ayat": c.ayat, "lang": c.lang, "context": c.context, "penjelasan": c.penjelasan,
        "quality": c.quality, "content": c.content, "identity": identity(doc.doc_id, doc.doc_type, doc.metadata),
        "heading": " > ".join(c.heading_path) or None, "content_hash": doc.content_hash or None,
        "n_chunks": n_chunks,
    }
    meta.update({k: v for k, v in own.items() if v is not None})
    return meta


class Store:
    def __init__(self, s: Settings, embedder_name: str) -> None:
        self.settings = s
        s.data_dir.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(s.data_dir / "manifest.sqlite"), timeout=60, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript("""
            CREATE TABLE IF NOT EXISTS documents (
                doc_id TEXT PRIMARY KEY, content_hash TEXT, source_paths TEXT, title TEXT, doc_type TEXT,
                year INTEGER, n_chunks INTEGER, n_pages INTEGER, status TEXT, meta TEXT, updated REAL);
            CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT);
        """)
        self._db.commit()
        self._check_embedder(embedder_name)
        self._embedder = embedder_name
        # Held around every Chroma call: a reload closes the client other threads may be using.
        self._chroma = threading.Lock()
        self._connect()
        built = (self.collection.metadata or {}).get("embedder")
        if built and built != embedder_name:
            raise EmbedderMismatch(_mismatch_msg(s, built, embedder_name))

    def _connect(self) -> None:
        self._client = _chroma_client(self.settings)
        self.collection = self._client.get_or_create_collection(
            COLLECTION, metadata={"hnsw:space": "cosine", "embedder": self._embedder})
        hnsw = (self.collection.configuration or {}).get("hnsw") or {}
        if hnsw.get("ef_search", 0) < EF_SEARCH:  # older indexes too: the setting may change after creation
            self.collection.modify(configuration={"hnsw": {"ef_search": EF_SEARCH}})
        self._seen = self._generation()

    def _fresh(self):
        """The collection, reopened when another process has written since: a local Chroma client keeps
        its vector index in memory and would never see those chunks (a server has no such cache). Chroma
        shares that memory between clients on one path in a process, so reopening works for the one
        KnowledgeBase per data dir that the CLI and the app hold."""
        if not self.settings.chroma_url and self._generation() != self._seen:
            self._client.close()
            self._connect()
        return self.collection

    # -- manifest ---------------------------------------------------------------------------
    def _check_embedder(self, name: str) -> None:
        row = self._db.execute("SELECT value FROM kv WHERE key='embedder'").fetchone()
        if row is None:
            self._db.execute("INSERT INTO kv VALUES ('embedder', ?)", (name,))
            self._db.commit()
        elif row[0] != name:
            raise EmbedderMismatch(_mismatch_msg(self.settings, row[0], name))

    @property
    def embedder_name(self) -> str:
        return self._db.execute("SELECT value FROM kv WHERE key='embedder'").fetchone()[0]

    @property
    def generation(self) -> int:
        """Changes with every write by any process or machine. It lives in the collection's metadata, not
        in this machine's manifest, because Chroma is what every reader shares, a server included."""
        with self._chroma:
            return self._generation()

    def _generation(self) -> int:
        return int((self._client.get_collection(COLLECTION).metadata or {}).get("generation", 0))

    def _bump(self) -> None:
        # A fresh token, not a counter: two machines incrementing one counter could both write n+1.
        self._seen = time.time_ns()
        self.collection.modify(metadata={"embedder": self._embedder, "generation": self._seen})

    def documents(self) -> list[DocRecord]:
        return [_record(r) for r in self._db.execute("SELECT * FROM documents ORDER BY doc_id")]

    def document(self, doc_id: str) -> DocRecord | None:
        """One row by key: an ingest asks this for every unchanged file."""
        row = self._db.execute("SELECT * FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return _record(row) if row else None

    def add_source_path(self, doc_id: str, path: str) -> None:
        rec = self.document(doc_id)
        if rec and path not in rec.source_paths:
            self._db.execute("UPDATE documents SET source_paths=? WHERE doc_id=?",
                             (json.dumps(rec.source_paths + [path]), doc_id))
            self._db.commit()

    def adopt(self, doc: Document) -> bool:
        """Record a document whose chunks are already in Chroma, complete and from the same bytes (written
        by another machine on a shared server, or before this manifest was lost), instead of embedding
        it again."""
        with self._chroma:
            metas = self.collection.get(where={"doc_id": doc.doc_id}, include=["metadatas"])["metadatas"]
        if not doc.content_hash or not metas or any(
                m.get("content_hash") != doc.content_hash or m.get("n_chunks") != len(metas) for m in metas):
            return False
        self._db.execute("INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,'ok',?,?)",
                         (doc.doc_id, doc.content_hash, json.dumps([doc.source_path]), doc.title, doc.doc_type,
                          doc.year, len(metas), len(doc.pages), json.dumps(doc.metadata), time.time()))
        self._db.commit()
        return True

    # -- writes -----------------------------------------------------------------------------
    def put(self, doc: Document, chunks: Sequence[Chunk], vectors: np.ndarray,
            source_paths: list[str] | None = None) -> None:
        """Replace a document's chunks; idempotent, and safe to repeat after a crash."""
        self.put_many([(doc, chunks, vectors)], source_paths)

    def put_many(self, docs: Sequence[tuple[Document, Sequence[Chunk], np.ndarray]],
                 source_paths: list[str] | None = None) -> None:
        """Replace several documents' chunks in one Chroma write: a write costs ~11 ms however small,
        which one-chunk documents (a BEIR corpus, news items) paid once each."""
        self._write([(DocRecord(doc.doc_id, doc.content_hash, source_paths or [doc.source_path], doc.title,
                                doc.doc_type, doc.year, len(chunks), len(doc.pages), "ok", doc.metadata, time.time()),
                      [c.chunk_id for c in chunks], [c.text for c in chunks], vectors,
                      [chunk_metadata(doc, c, len(chunks)) for c in chunks]) for doc, chunks, vectors in docs])

    def snapshot(self, doc_id: str) -> Snapshot | None:
        """Everything stored for a document (manifest row, chunks, vectors), to put back unchanged later."""
        rec = self.document(doc_id)
        with self._chroma:
            res = self.collection.get(where={"doc_id": doc_id}, include=["documents", "metadatas", "embeddings"])
        if rec is None and not res["ids"]:
            return None
        metas = [dict(m or {}) for m in res["metadatas"]]
        if rec is None:  # chunks written by another machine on a shared server
            m = metas[0]
            rec = DocRecord(doc_id, str(m.get("content_hash") or ""), [str(m.get("source_path") or "")],
                            str(m.get("title") or doc_id), str(m.get("doc_type") or "dokumen"), m.get("year"),
                            len(metas), 0, "ok", {}, time.time())
        return Snapshot(rec, list(res["ids"]), [d or "" for d in res["documents"]],
                        np.asarray(res["embeddings"], dtype=np.float32), metas)

    def put_snapshot(self, snap: Snapshot) -> None:
        self._write([(snap.record, snap.ids, snap.texts, snap.vectors, snap.metadatas)])

    def _write(self, docs: list[tuple[DocRecord, list[str], list[str], np.ndarray, list[dict[str, Scalar]]]]) -> None:
        """Pending first, then the chunks, then ok: a crash in between is finished by the next repair()."""
        rows = [(rec.doc_id, rec.content_hash, json.dumps(rec.source_paths), rec.title, rec.doc_type, rec.year,
                 len(ids), rec.n_pages, json.dumps(rec.metadata), time.time()) for rec, ids, *_ in docs]
        self._db.executemany("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,'pending',?,?) "
                             "ON CONFLICT(doc_id) DO UPDATE SET status='pending'", rows)
        self._db.commit()
        ids = [i for _, doc_ids, *_ in docs for i in doc_ids]
        texts = [t for _, _, doc_texts, *_ in docs for t in doc_texts]
        metadatas = [m for *_, doc_metas in docs for m in doc_metas]
        vectors = np.concatenate([v for *_, v, _ in docs]) if ids else np.zeros((0, 0), dtype=np.float32)
        with self._chroma:
            self.collection.delete(where={"doc_id": {"$in": [rec.doc_id for rec, *_ in docs]}})
            for i in range(0, len(ids), _BATCH):
                self.collection.add(ids=ids[i:i + _BATCH], documents=texts[i:i + _BATCH],
                                    embeddings=vectors[i:i + _BATCH], metadatas=metadatas[i:i + _BATCH])
            self._bump()
        self._db.executemany(
            "UPDATE documents SET content_hash=?, source_paths=?, title=?, doc_type=?, year=?, n_chunks=?, "
            "n_pages=?, status='ok', meta=?, updated=? WHERE doc_id=?", [row[1:] + (row[0],) for row in rows])
        self._db.commit()

    def remove(self, doc_id: str) -> bool:
        """Delete a document's chunks and record; True when either existed (on a shared server the
        chunks may come from another machine, whose manifest this one never saw)."""
        # Pending first: a crash between the two deletes is finished by the next repair().
        cur = self._db.execute("UPDATE documents SET status='pending' WHERE doc_id=?", (doc_id,))
        self._db.commit()
        with self._chroma:
            had_chunks = bool(self.collection.get(where={"doc_id": doc_id}, limit=1, include=[])["ids"])
            self.collection.delete(where={"doc_id": doc_id})
            self._bump()
        self._db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
        self._db.commit()
        return cur.rowcount > 0 or had_chunks

    # -- reads ------------------------------------------------------------------------------
    def count(self) -> int:
        with self._chroma:
            return self.collection.count()

    def get(self, ids: Sequence[str]) -> dict[str, StoredChunk]:
        if not ids:
            return {}
        with self._chroma:
            res = self.collection.get(ids=list(ids), include=["documents", "metadatas"])
        return {i: StoredChunk(i, d or "", dict(m or {}))
                for i, d, m in zip(res["ids"], res["documents"], res["metadatas"])}

    def iter_chunks(self, where: dict | None = None, vectors: bool = False) -> Iterator[StoredChunk]:
        offset = 0
        include = ["documents", "metadatas"] + (["embeddings"] if vectors else [])
        while True:
            with self._chroma:
                # Vectors come from the in-memory vector index, which must see other processes' writes (_fresh);
                # a stale one fails on their chunks' ids ("Error finding id").
                collection = self._fresh() if vectors else self.collection
                res = collection.get(where=where, include=include, limit=5000, offset=offset)
            if not res["ids"]:
                return
            rows = res["embeddings"] if vectors else [None] * len(res["ids"])
            for i, d, m, v in zip(res["ids"], res["documents"], res["metadatas"], rows):
                yield StoredChunk(i, d or "", dict(m or {}), None if v is None else np.asarray(v, dtype=np.float32))
            offset += len(res["ids"])

    def query(self, vector: np.ndarray, n: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) of the n nearest chunks."""
        with self._chroma:
            # Chroma 1.x returns fewer than n (or none) on a small collection; no count() per query,
            # which costs ~8 ms at 100k chunks.
            res = self._fresh().query(query_embeddings=[vector], n_results=n, where=where, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0])]

    def close(self) -> None:
        self._db.close()
        with self._chroma:
            self._client.close()


def _record(r: tuple) -> DocRecord:
    return DocRecord(r[0], r[1], json.loads(r[2]), r[3], r[4], r[5], r[6], r[7], r[8], json.loads(r[9]), r[10])


def _mismatch_msg(s: Settings, built: str, wanted: str) -> str:
    return (f"indeks di {s.data_dir} dibangun dengan embedder {built!r}, bukan {wanted!r}: "
            f"pakai --embedder {built} atau bangun ulang "
            f"(hapus {s.data_dir} lalu kb ingest) / the index at {s.data_dir} was built with {built!r}, not "
            f"{wanted!r}: use that embedder or re-index (delete {s.data_dir} and run kb ingest again)")
