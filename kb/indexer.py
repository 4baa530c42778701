"""Incremental ingestion: discover files, skip unchanged ones, replace changed ones, prune gone ones.

Every file is handled on its own: a file that fails is reported with its reason and the rest
go on; nothing already indexed is touched by a failure.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import numpy as np

from ingest.loaders import LoadError
from ingest.model import Chunk, Document
from ingest.pipeline import CHUNKER_VERSION, chunk, discover, load_documents

from .base import KnowledgeBase
from .store import DocRecord

# Chunks embedded and written together; a document's chunks are never split across two writes.
BATCH_CHUNKS = 64
Progress = Callable[[str, int, int, int], None]  # (current file, files done, files in all, chunks written so far)


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    removed: list[str] = field(default_factory=list)
    chunks: int = 0  # chunks written in this run

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest(kb: KnowledgeBase, paths: Iterable[Path], prune: bool = False, progress: Progress | None = None,
           catalog: Mapping[str, Mapping[str, Any]] | None = None) -> IngestReport:
    report = IngestReport()
    files = discover(paths)
    with kb.writing():
        kb.repair()
        writer = _Writer(kb, report, BATCH_CHUNKS)
        known = writer.known
        seen: dict[str, Document] = {}
        read: set[str] = set()  # files loaded in this run: a document they no longer hold is gone
        for i, path in enumerate(files):
            if progress:
                progress(str(path), i, len(files), report.chunks)
            try:
                docs = load_documents(path, catalog)
            except LoadError as e:
                report.failed.append((str(path), e.reason))
                continue
            except Exception as e:  # a loader bug must not cost the rest of the batch
                report.failed.append((str(path), f"{type(e).__name__}: {e}"))
                continue
            read.add(str(path))
            for doc in docs:
                other = _claimed_by(doc, seen.setdefault(doc.doc_id, doc), known.get(doc.doc_id))
                if other and doc.doc_id == path.stem:  # the name, not an id someone chose: say which folder
                    doc.doc_id = f"{path.stem}-{path.parent.name}"
                    other = _claimed_by(doc, seen.setdefault(doc.doc_id, doc), known.get(doc.doc_id))
                if other:
                    report.failed.append((str(path), _collision(doc.doc_id, other)))
                    continue
                writer.add(doc)
        writer.flush()
        if progress:
            progress("", len(files), len(files), report.chunks)
        if prune:
            # Gone: no file read now holds its content, and every file it came from is deleted or was
            # read just now without it (an entry taken out of catalog.yaml). A file that failed to
            # load keeps its documents.
            held = {d.content_hash for d in seen.values()}
            for doc_id, rec in known.items():
                if (doc_id not in seen and rec.content_hash not in held
                        and all(p in read or not Path(p).exists() for p in rec.source_paths)):
                    kb.bin(doc_id, why="berkas sumber hilang / source file gone")
                    report.removed.append(doc_id)
        for path, reason in report.failed:  # refused files change nothing, but someone tried
            kb.audit.append("ingest", f"gagal: {reason}", file=path)
        kb.refresh_lexical()
    return report


class _Writer:
    """Decides for each document whether to write it, and writes the ones that need it in batches: one
    embedding call and one Chroma write per batch instead of per document, which for one-chunk documents
    (a BEIR corpus, news items) was most of the ingest's overhead over the embedder alone."""

    def __init__(self, kb: KnowledgeBase, report: IngestReport, batch_chunks: int) -> None:
        self.kb, self.report, self.batch_chunks = kb, report, batch_chunks
        self.known = {d.doc_id: d for d in kb.store.documents()}
        self.by_hash = {d.content_hash: d.doc_id for d in self.known.values() if d.status == "ok"}
        self._pending: list[tuple[Document, list[Chunk]]] = []

    def add(self, doc: Document) -> None:
        kb, report, prev = self.kb, self.report, self.known.get(doc.doc_id)
        doc.metadata["chunker"] = CHUNKER_VERSION
        if prev and prev.status == "ok" and prev.content_hash == doc.content_hash and \
                prev.metadata.get("chunker") == CHUNKER_VERSION:
            kb.store.add_source_path(doc.doc_id, doc.source_path)
            report.unchanged.append(doc.doc_id)
            return
        twin = self.by_hash.get(doc.content_hash)
        if twin and twin != doc.doc_id and not prev:
            # The same bytes under another name: keep one document, remember both paths.
            if any(d.doc_id == twin for d, _ in self._pending):
                self.flush()  # its record must exist to take the second path
            kb.store.add_source_path(twin, doc.source_path)
            report.unchanged.append(twin)
            return
        if not prev and kb.store.adopt(doc):  # already on a shared Chroma server, written by another machine
            self.by_hash[doc.content_hash] = doc.doc_id
            report.unchanged.append(doc.doc_id)
            return
        try:
            chunks = chunk(doc, kb.embedder.max_tokens, kb.embedder.token_count)
        except Exception as e:  # a parser bug costs this document, not the batch
            report.failed.append((doc.source_path, f"chunking gagal / chunking failed: {type(e).__name__}: {e}"))
            return
        if prev and self.by_hash.get(prev.content_hash) == doc.doc_id:
            del self.by_hash[prev.content_hash]  # those bytes are no longer indexed: a copy of them is new again
        self.by_hash[doc.content_hash] = doc.doc_id
        self._pending.append((doc, chunks))
        if sum(len(c) for _, c in self._pending) >= self.batch_chunks:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        batch, self._pending = self._pending, []
        vectors = self.kb.embed_passages([c.embed_text for _, chunks in batch for c in chunks])
        split = np.cumsum([len(chunks) for _, chunks in batch])[:-1]
        with self.kb.audit.changes("ingest", [(d.doc_id, d.source_path, d.content_hash or None) for d, _ in batch]):
            self.kb.store.put_many([(d, c, v) for (d, c), v in zip(batch, np.split(vectors, split))])
        for doc, chunks in batch:
            self.report.chunks += len(chunks)
            (self.report.updated if doc.doc_id in self.known else self.report.added).append(doc.doc_id)


def _claimed_by(doc: Document, first: Document, prev: DocRecord | None) -> str | None:
    """Another file holding this doc_id with other content, in this run or in the index; two files with
    one stem in different folders would otherwise overwrite each other on every run."""
    if first is not doc:
        return first.source_path if first.content_hash != doc.content_hash else None
    if prev and prev.content_hash != doc.content_hash:
        name = Path(doc.source_path).name
        return next((p for p in prev.source_paths
                     if p != doc.source_path and Path(p).name == name and Path(p).exists()), None)
    return None


def _collision(doc_id: str, other: str) -> str:
    return (f"doc_id {doc_id!r} sudah dipakai oleh / is already used by {other}: beri doc_id lain di sidecar "
            f"NAMA.meta.yaml (doc_id: ...) atau ganti nama berkas / give this file its own doc_id in a sidecar "
            f"NAME.meta.yaml, or rename it")


@contextlib.contextmanager
def document_writer(kb: KnowledgeBase, report: IngestReport) -> Iterator[Callable[[Document], None]]:
    """Write Documents built elsewhere (kb.importer) one at a time under the data dir's lock, each whole or not
    at all as `ingest` writes a file's; outcomes land in `report`, and BM25 is rebuilt once at the end."""
    with kb.writing():
        kb.repair()
        writer = _Writer(kb, report, batch_chunks=0)  # each document written as it comes: whole or not at all
        yield writer.add
        kb.refresh_lexical()
