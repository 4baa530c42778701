"""`kb import FILE`: a reference library (BibTeX, RIS, CSL JSON) into the index, entry by entry.

An entry with an attached file is that file's text under the entry's metadata (what the entry says wins over
what the PDF says of itself); an entry without one becomes a reference card of its title, abstract and
keywords. Either keeps the entry's key (`cite_key`; also the doc_id), so `kb cite KEY` gives it back. A
broken entry is reported with its key or number and why, and the rest are imported; every entry is written
whole or not at all.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ingest.article import ARTICLE_TYPES, in_reading_order
from ingest.bibliography import BIBLIOGRAPHIC, BadEntry, Entry, Reference, read_library
from ingest.errors import LoadError
from ingest.model import Document, Page
from ingest.pipeline import accepts, load_documents

from .base import KnowledgeBase
from .indexer import IngestReport, document_writer

ADDED, UPDATED, UNCHANGED, FAILED = "ditambah/added", "diperbarui/updated", "tetap/unchanged", "gagal/failed"


@dataclass(frozen=True)
class Outcome:
    label: str  # the entry's key, or its number where it has none
    status: str  # ADDED | UPDATED | UNCHANGED | FAILED
    detail: str  # the file indexed, "kartu referensi / reference card", or why it failed

    @property
    def failed(self) -> bool:
        return self.status == FAILED


Progress = Callable[[int, int, Outcome], None]  # (entries done, entries in all, the last one's outcome)


def import_library(kb: KnowledgeBase, path: Path, progress: Progress | None = None) -> list[Outcome]:
    """One Outcome per entry, in file order; LoadError when the file as a whole cannot be read."""
    entries = read_library(path)
    report = IngestReport()
    outcomes: list[Outcome] = []
    with document_writer(kb, report) as write:
        for i, entry in enumerate(entries, 1):
            outcomes.append(_import_one(kb, entry, path, write, report))
            if progress:
                progress(i, len(entries), outcomes[-1])
    return outcomes


def _import_one(kb: KnowledgeBase, entry: Entry, library: Path, write: Callable[[Document], None],
                report: IngestReport) -> Outcome:
    if isinstance(entry, BadEntry):
        return Outcome(entry.label, FAILED, entry.reason)
    try:
        doc = entry_document(entry, library)
    except LoadError as e:
        return Outcome(entry.key, FAILED, f"{e.path}: {e.reason}" if e.path else e.reason)
    except Exception as e:  # a loader bug costs this entry, not the library
        return Outcome(entry.key, FAILED, f"{type(e).__name__}: {e}")
    held = kb.store.document(doc.doc_id)
    if held and held.metadata.get("cite_key") != entry.key:
        return Outcome(entry.key, FAILED, f"doc_id {doc.doc_id!r} sudah dipakai oleh / is already used by "
                                          f"{held.source_paths[0]}: ganti kunci entri / give the entry another key")
    before = (len(report.added), len(report.updated), len(report.failed))
    write(doc)
    if len(report.failed) > before[2]:
        return Outcome(entry.key, FAILED, report.failed[-1][1])
    status = ADDED if len(report.added) > before[0] else UPDATED if len(report.updated) > before[1] else UNCHANGED
    return Outcome(entry.key, status, "kartu referensi / reference card" if doc.source_path == str(library)
                   else doc.source_path)


def entry_document(ref: Reference, library: Path) -> Document:
    """The entry's attached file under the entry's metadata, or a reference card when it has none."""
    meta = ref.metadata()
    attachment = _attachment(ref, library)
    if attachment is None:
        text = ref.card_text()
        return Document(doc_id=ref.doc_id, source_path=str(library), title=ref.title, doc_type=ref.doc_type,
                        pages=[Page(1, text)], metadata=meta, content_hash=_hash(text, meta))
    doc = load_documents(attachment)[0]
    if ref.doc_type in ARTICLE_TYPES and doc.doc_type not in ARTICLE_TYPES and doc.paged:
        # The entry says it is a research work even where its PDF does not read as one: two-column order.
        doc.pages = in_reading_order(attachment, doc.pages)
    kept = {k: v for k, v in doc.metadata.items() if k not in BIBLIOGRAPHIC}
    # A 'misc' entry says nothing of the kind of work: what the file reads as (a regulation, an article) stands.
    doc_type = ref.doc_type if ref.doc_type != "dokumen" else doc.doc_type
    # The entry's metadata is part of the hash: an entry edited in the reference manager is written again.
    return Document(doc_id=ref.doc_id, source_path=str(attachment), title=ref.title, doc_type=doc_type,
                    pages=doc.pages, metadata={**kept, **meta}, content_hash=_hash(doc.content_hash, meta),
                    paged=doc.paged)


def _attachment(ref: Reference, library: Path) -> Path | None:
    """The first attached file kb can read, PDFs first; LoadError when files are named but none is there."""
    paths = [_located(Path(f), library) for f in ref.files]
    usable = sorted((p for p in paths if p.is_file() and accepts(p)), key=lambda p: p.suffix.lower() != ".pdf")
    if usable:
        return usable[0]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise LoadError(f"lampiran tidak ditemukan / attached file not found: {', '.join(missing)}; ekspor ulang "
                        f"dengan berkasnya (Zotero: Export Files) di samping / export again with its files next "
                        f"to {library.name}")
    return None


def _located(path: Path, library: Path) -> Path:
    """Relative to the export; Mendeley on Linux and macOS writes absolute paths without their leading '/'."""
    if path.is_absolute():
        return path
    beside, rooted = library.parent / path, Path("/") / path
    return rooted if not beside.exists() and rooted.exists() else beside


def _hash(content: str, meta: dict) -> str:
    return hashlib.sha256((content + json.dumps(meta, sort_keys=True, ensure_ascii=False)).encode()).hexdigest()


def imported_reference(kb: KnowledgeBase, key: str) -> Reference | None:
    """The entry `kb import` wrote under this key, read back from its chunks (on a shared Chroma server too)."""
    chunk = next(kb.store.iter_chunks(where={"cite_key": key}), None)
    return Reference.from_metadata(chunk.meta) if chunk else None
