"""KnowledgeBase: one handle on a data dir: embedder, store, embedding cache, lexical index, lock.

The CLI and the UI both hold one of these; everything else is a function over it.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import threading
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np
from filelock import FileLock, Timeout

from .audit import AuditLog, current_actor
from .config import Settings, audit_path, is_upload, settings
from .embedders import Embedder, EmbeddingCache, get_embedder
from .lexical import LexicalIndex, build_from
from .recycle import Binned, RecycleBin
from .store import DocRecord, Store
from .vectors import EXACT_LIMIT

# The e5 engine's OpenMP (libgomp) threads spin 300,000 rounds at each barrier by default: on a busy
# machine (an ingest beside the app, other users) a query embedding then took seconds. Not spinning
# at all (OMP_WAIT_POLICY=PASSIVE) wakes a sleeping thread at each of a forward pass's many barriers:
# 30 ms a query on an idle machine against 11 ms. A short spin keeps both: 12 ms idle, and under two
# busy processes no worse than passive. Set before the engine loads, unless the user chose a policy.
if "OMP_WAIT_POLICY" not in os.environ:
    os.environ.setdefault("GOMP_SPINCOUNT", "1000")


class LockedError(RuntimeError):
    pass


class RestoreError(RuntimeError):
    """Nothing to restore, or the document is in the corpus again; the message says which."""


class KnowledgeBase:
    def __init__(self, s: Settings | None = None) -> None:
        self.settings = s or settings()
        self._embedder: Embedder | None = None
        self._lexical: LexicalIndex | None = None
        self._cache: EmbeddingCache | None = None
        self._guard = threading.Lock()
        self.store = Store(self.settings, self.settings.embedder)
        self.audit = AuditLog(audit_path(self.settings.data_dir))
        self.recycle = RecycleBin(self.settings.data_dir / "recycle")

    @classmethod
    def open(cls, data_dir: str | Path | None = None, embedder: str | None = None,
             chroma_url: str | None = None) -> "KnowledgeBase":
        return cls(settings(data_dir, embedder, chroma_url))

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.settings.embedder)
        return self._embedder

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if self._cache is None:
            self._cache = EmbeddingCache(self.settings.embed_cache)
        return self._cache.embed_passages(self.embedder, texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embedder.query(text)

    # -- writing ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """One writer per data dir; a second one stops at once with a message naming the lock."""
        lock = FileLock(str(self.settings.data_dir / "ingest.lock"))
        try:
            lock.acquire(timeout=0)
        except Timeout as e:
            raise LockedError(
                f"ingest lain sedang berjalan pada {self.settings.data_dir} (kunci {lock.lock_file}); tunggu sampai "
                f"selesai / another ingest is running on this data dir: wait for it to finish") from e
        try:
            yield
        finally:
            lock.release()

    def repair(self) -> None:
        """Finish what a crash left: drop chunks of documents still marked pending."""
        for rec in self.store.documents():
            if rec.status != "ok":
                self.store.remove(rec.doc_id)

    def remove(self, doc_id: str) -> bool:
        """Move a document to the recycle bin (chunks, vectors, uploaded originals); False if unknown."""
        with self.writing():
            found = self.bin(doc_id) is not None
            if found:
                self.refresh_lexical()
        return found

    def bin(self, doc_id: str, why: str = "") -> Binned | None:
        """Under the write lock: snapshot, log, move to the bin, delete from the index."""
        snap = self.store.snapshot(doc_id)
        if snap is None:
            return None
        with self.audit.change("remove", *_subject(snap.record)):
            originals = [Path(p) for p in snap.record.source_paths
                         if is_upload(self.settings.data_dir, p) and Path(p).is_file()]
            binned = self.recycle.put(snap, current_actor() + (f" ({why})" if why else ""), originals)
            self.store.remove(doc_id)
        return binned

    def restore(self, doc_id: str) -> Binned:
        """Put the newest binned copy of a document back as it was, without embedding anything."""
        with self.writing():
            b = self.recycle.newest(doc_id)
            if b is None:
                raise RestoreError(f"{doc_id!r} tidak ada di tempat sampah / not in the recycle bin "
                                   f"(lihat / see `kb restore --list`)")
            if self.store.document(doc_id) is not None:
                raise RestoreError(f"{doc_id!r} sudah ada lagi di korpus; hapus dulu yang sekarang bila ingin "
                                   f"memulihkan versi lama / is in the corpus again: remove it first")
            snap, originals = self.recycle.load(b)
            with self.audit.change("restore", *_subject(snap.record)):
                for dest, kept in originals.items():
                    Path(dest).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(kept, dest)
                self.store.put_snapshot(snap)
                self.recycle.drop(b)
            self.refresh_lexical()
        return b

    def purge(self, older_than: float) -> list[Binned]:
        """Delete for good what was removed at least `older_than` seconds ago."""
        with self.writing():
            gone = self.recycle.older_than(older_than)
            for b in gone:
                with self.audit.change("purge", b.doc_id, None, None):
                    self.recycle.drop(b)
        return gone

    # -- lexical index ------------------------------------------------------------------------
    @property
    def _lexical_dir(self) -> Path:
        return self.settings.data_dir / "lexical"

    def refresh_lexical(self) -> LexicalIndex:
        """Rebuild BM25 from the chunks in Chroma and persist it (under the write lock)."""
        index = build_from(self.store.iter_chunks(vectors=self.store.count() <= EXACT_LIMIT), self.store.generation)
        index.save(self._lexical_dir)
        with self._guard:
            self._lexical = index
        return index

    @property
    def lexical(self) -> LexicalIndex:
        """The persisted index, reloaded when an ingest has written a newer one."""
        with self._guard:
            gen = self.store.generation
            if self._lexical is None or self._lexical.generation != gen:
                loaded = LexicalIndex.load(self._lexical_dir)
                if loaded is not None and (self._lexical is None or loaded.generation >= self._lexical.generation):
                    self._lexical = loaded
            current = self._lexical
        if current is None or current.generation != gen or not current.complete:
            # Missing (a new machine on a shared Chroma server), stale after a crash, or written by an older
            # version: rebuild.
            with contextlib.suppress(LockedError):
                with self.writing():
                    return self.refresh_lexical()
        return current or LexicalIndex.build([], 0)

    def close(self) -> None:
        self.store.close()
        if self._cache is not None:
            self._cache.close()


def _subject(rec: DocRecord) -> tuple[str, str | None, str | None]:
    """What the audit log records of a document: its id, first file and content hash."""
    return rec.doc_id, rec.source_paths[0] if rec.source_paths else None, rec.content_hash or None
