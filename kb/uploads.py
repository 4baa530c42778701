"""Files uploaded through the UI: checked on the server, stored under safe names, kept as originals.

The browser's file picker filters by extension only, so nothing it says is trusted: the type is
sniffed from the bytes, the size is checked here, and the stored name is generated (a slug of the
original name plus a content hash), so no name a user sends can reach outside the uploads folder.
Originals stay under `<data dir>/uploads/` so a document can be downloaded and re-ingested.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ingest.loaders import max_file_bytes, sniff

from .base import KnowledgeBase

# Extensions a user may pick -> the sniffed kind each must turn out to be.
ALLOWED = {".pdf": ".pdf", ".docx": ".docx", ".txt": ".txt", ".md": ".md", ".markdown": ".md",
           ".html": ".html", ".htm": ".html"}
_TEXT_KINDS = {".txt", ".md", ".html"}


class UploadError(ValueError):
    """An upload refused; the message says why and what to do, in Indonesian."""


@dataclass(frozen=True)
class SavedUpload:
    original_name: str
    path: Path


def uploads_dir(data_dir: Path) -> Path:
    return data_dir / "uploads"


def safe_name(original_name: str, digest: str, kind: str) -> str:
    """`<slug of the name>-<content hash><kind>`: readable, unique per content, no path parts."""
    stem = Path(original_name.replace("\\", "/")).name.rsplit(".", 1)[0]
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-")[:60].strip("-") or "dokumen"
    return f"{slug}-{digest}{kind}"


def save(data_dir: Path, original_name: str, data: bytes, max_bytes: int | None = None) -> SavedUpload:
    """Check an upload and keep it under the uploads folder; the same content always gets the same name.
    `max_bytes`: the ingest's own limit (KB_MAX_FILE_MB, ingest.loaders) unless given."""
    max_bytes = max_file_bytes() if max_bytes is None else max_bytes
    suffix = Path(original_name).suffix.lower()
    if suffix not in ALLOWED:
        raise UploadError(f"{original_name}: jenis berkas {suffix or '(tanpa ekstensi)'} tidak diterima; "
                          f"unggah PDF, DOCX, TXT, MD atau HTML")
    if not data:
        raise UploadError(f"{original_name}: berkas kosong (0 byte); periksa berkasnya lalu unggah lagi")
    if len(data) > max_bytes:
        raise UploadError(f"{original_name}: ukuran {len(data) / 1e6:.1f} MB melebihi batas "
                          f"{max_bytes / 2**20:.0f} MB (KB_MAX_FILE_MB); pecah atau kompres berkasnya")
    folder = uploads_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:12]
    part = folder / f".part-{digest}{suffix}"
    part.write_bytes(data)
    kind = ALLOWED.get(sniff(part), "")
    if kind in _TEXT_KINDS and b"\x00" in data[:4096]:
        kind = ""  # a text extension on binary content
    if not kind:
        part.unlink()
        raise UploadError(f"{original_name}: isi berkas bukan {suffix.lstrip('.').upper()} yang sah; "
                          f"simpan ulang dalam format yang benar lalu unggah lagi")
    path = folder / safe_name(original_name, digest, kind)
    part.replace(path)
    return SavedUpload(original_name, path)


def discard(data_dir: Path, paths: list[str]) -> None:
    """Delete the given files that are originals under the uploads folder; leave anything else alone."""
    root = uploads_dir(data_dir).resolve()
    for p in paths:
        path = Path(p).resolve()
        if path.parent == root:
            path.unlink(missing_ok=True)


def remove_document(kb: KnowledgeBase, doc_id: str) -> bool:
    """Remove a document from the index and its uploaded originals, so a re-ingest does not bring it back."""
    rec = kb.store.document(doc_id)
    found = kb.remove(doc_id)
    if rec is not None:
        discard(kb.settings.data_dir, rec.source_paths)
    return found
