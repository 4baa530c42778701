"""One row per document for `kb list` and the Kelola Korpus page: what it is, where it came from, how
much of it was read, and what a user should do about it."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from .base import KnowledgeBase
from .copies import copies

STATUS = {"ok": "siap", "pending": "terputus: ingest ulang"}
# Kinds whose identity (jenis, nomor) is what citations and `kb pasal` are built on.
_IDENTIFIED = {"regulasi"}
UNREADABLE = "jenis/nomor tidak terbaca; tambahkan sidecar NAMA.meta.yaml (jenis, nomor, tahun)"


@dataclass(frozen=True)
class Listed:
    doc_id: str
    title: str
    doc_type: str
    jenis: str | None
    nomor: str | None
    tahun: int | None
    source_paths: list[str]
    pages: int
    chunks: int
    units: int | None  # body Pasal, or diktum for a Keputusan; None for documents without them
    unit_kind: str | None  # pasal | diktum
    status: str  # ok | pending
    notes: list[str]  # why a user may want to act, and what search does with the document

    @property
    def status_text(self) -> str:
        return "; ".join([STATUS.get(self.status, self.status)] + self.notes)

    def to_json(self) -> dict:
        return asdict(self)


def listing(kb: KnowledgeBase) -> list[Listed]:
    units: dict[str, set[str]] = defaultdict(set)
    for c in kb.store.iter_chunks({"section": "batang_tubuh"}):
        if c.meta.get("pasal"):
            units[str(c.meta["doc_id"])].add(str(c.meta["pasal"]))
    same = copies(kb)
    rows = []
    for d in kb.store.documents():
        m = d.metadata
        notes = [str(m["status_reason"])] if m.get("status_reason") else []
        if not notes and d.doc_type in _IDENTIFIED and not (m.get("jenis") and m.get("nomor")):
            notes.append(UNREADABLE)
        if m.get("ocr_pages"):
            notes.append(f"OCR: {m['ocr_pages']} halaman")
        if d.doc_id in same.catalog:
            notes.append(f"teks lengkap ada: {same.catalog[d.doc_id]}")
        elif same.of(d.doc_id) != d.doc_id:
            notes.append(f"salinan dari {same.of(d.doc_id)}")
        found = units.get(d.doc_id)
        rows.append(Listed(
            doc_id=d.doc_id, title=d.title, doc_type=d.doc_type, jenis=_str(m.get("jenis")),
            nomor=_str(m.get("nomor")), tahun=d.year, source_paths=d.source_paths, pages=d.n_pages,
            chunks=d.n_chunks, units=len(found) if found else None,
            unit_kind=(str(m.get("unit_kind") or "pasal")) if found else None, status=d.status, notes=notes))
    return rows


def _str(v) -> str | None:
    return None if v in (None, "") else str(v)
