"""Files uploaded through the UI: checked on the server, stored under safe names, kept as originals.

The browser's file picker filters by extension only, so nothing it says is trusted: the type is
sniffed from the bytes, the size is checked here, and the stored name is generated (a slug of the
original name plus a content hash), so no name a user sends can reach outside the uploads folder.
Originals stay under `<data dir>/uploads/` so a document can be downloaded and re-ingested.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ingest.loaders import max_file_bytes, sniff

from .audit import AuditLog
from .config import is_upload, uploads_dir

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


def safe_name(original_name: str, digest: str, kind: str) -> str:
    """`<slug of the name>-<content hash><kind>`: readable, unique per content, no path parts."""
    stem = Path(original_name.replace("\\", "/")).name.rsplit(".", 1)[0]
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-")[:60].strip("-") or "dokumen"
    return f"{slug}-{digest}{kind}"


@dataclass
class UploadBudget:
    """How much one browser session may upload per minute: enough for a day's documents, not for
    filling the server's disk in a loop."""
    max_bytes: int = int(float(os.environ.get("KB_UPLOAD_MB_PER_MIN", "500")) * 2**20)
    max_files: int = int(os.environ.get("KB_UPLOAD_FILES_PER_MIN", "50"))
    window: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _taken: list[tuple[float, int]] = field(default_factory=list)

    def take(self, name: str, size: int) -> None:
        now = self.clock()
        self._taken = [(t, n) for t, n in self._taken if now - t < self.window]
        if len(self._taken) + 1 > self.max_files or sum(n for _, n in self._taken) + size > self.max_bytes:
            wait = self.window - (now - self._taken[0][0]) if self._taken else self.window
            raise UploadError(f"{name}: batas unggah tercapai ({self.max_files} berkas atau "
                              f"{self.max_bytes / 2**20:.0f} MB per menit); coba lagi dalam {wait:.0f} detik")
        self._taken.append((now, size))


def save(data_dir: Path, original_name: str, data: bytes, max_bytes: int | None = None,
         audit: AuditLog | None = None) -> SavedUpload:
    """Check an upload and keep it under the uploads folder; the same content always gets the same name.
    `max_bytes`: the ingest's own limit (KB_MAX_FILE_MB, ingest.loaders) unless given. With an audit log,
    the upload is recorded there first, and not kept if that fails."""
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
    sha256 = hashlib.sha256(data).hexdigest()
    with audit.change("upload", None, original_name, sha256) if audit else contextlib.nullcontext():
        return _keep(data_dir, original_name, suffix, data, sha256)


def _keep(data_dir: Path, original_name: str, suffix: str, data: bytes, sha256: str) -> SavedUpload:
    folder = uploads_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    digest = sha256[:12]
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
    for p in paths:
        if is_upload(data_dir, p):
            Path(p).unlink(missing_ok=True)
