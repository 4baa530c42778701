"""Download the full text of catalog entries that have an address (`kb fetch`).

Standard library only (urllib): a timeout per request, retries with exponential backoff for
transient failures (network errors, 5xx, 408/429, cut-off transfers), resume of a partial file
with an HTTP Range request, and a sha256 check when the catalog gives one. Each download gets a
sidecar (NAME.meta.yaml) with the entry's metadata, so `kb ingest` cites it like the catalog does.
"""
from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Literal
from urllib.parse import urlsplit

import yaml

from ingest.cards import AgreementEntry, NewsEntry, RegulationEntry, entry_metadata
from ingest.loaders import SUPPORTED, file_hash

from .audit import AuditLog

Entry = RegulationEntry | AgreementEntry | NewsEntry
Status = Literal["downloaded", "present", "failed"]

_CONTENT_TYPES = {"application/pdf": ".pdf", "text/html": ".html", "text/markdown": ".md", "text/plain": ".txt",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}
_RETRY_STATUS = {408, 429, 500, 502, 503, 504}
_BLOCK = 1 << 16
USER_AGENT = "kb-fetch/0.1"


class FetchError(Exception):
    """A download that failed for good; the message says why in Indonesian and English."""


class _Transient(Exception):
    """A failure worth retrying (the partial file, if any, is kept for resuming)."""


class Unreachable(FetchError):
    """The host's name does not resolve or it refuses connections: asking again, or for its other files,
    only makes an offline user wait (four tries per entry took 2 min 41 s to fail)."""

    def __init__(self, message: str, host: str, dns: bool):
        super().__init__(message)
        self.host, self.dns = host, dns


# Name lookups failing for this many different hosts, with nothing downloaded, means no network at all.
OFFLINE_AFTER = 2


@dataclass(frozen=True)
class FetchResult:
    entry_id: str
    status: Status
    path: Path | None = None
    message: str = ""
    unreachable: bool = False  # its host did not resolve (or was given up with the others: no network)


def _existing(dest: Path, entry_id: str) -> Path | None:
    for p in sorted(dest.glob(f"{entry_id}.*")):
        if p.suffix in SUPPORTED and not p.name.endswith(".meta.yaml"):
            return p
    return None


def _suffix(url: str, content_type: str) -> str:
    ext = Path(urlsplit(url).path).suffix.lower()
    if ext in SUPPORTED:
        return ext
    return _CONTENT_TYPES.get(content_type.split(";")[0].strip().lower(), ".html")


def _describe(err: BaseException, host: str) -> str:
    reason = getattr(err, "reason", err)
    if isinstance(reason, socket.gaierror):
        return (f"alamat {host} tidak dapat dihubungi (offline atau DNS gagal) / "
                f"cannot resolve {host} (offline or DNS failure)")
    if isinstance(reason, ConnectionRefusedError):
        return f"koneksi ke {host} ditolak / connection to {host} refused"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"waktu habis menunggu {host} / timed out waiting for {host}"
    return f"{type(reason).__name__}: {reason}"


def _attempt(url: str, part: Path, timeout: float) -> str:
    """One request, appending to `part` from where it ends; returns the Content-Type."""
    offset = part.stat().st_size if part.exists() else 0
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    if offset:
        req.add_header("Range", f"bytes={offset}-")
    host = urlsplit(url).netloc
    try:
        resp = urllib.request.urlopen(req, timeout=timeout)
    except urllib.error.HTTPError as e:
        if e.code == 416 and offset:  # the partial file is not a prefix the server recognises
            part.unlink()
            raise _Transient("Range 416: mulai ulang / restarting") from e
        if e.code in _RETRY_STATUS:
            raise _Transient(f"HTTP {e.code}") from e
        raise FetchError(f"HTTP {e.code} {e.reason} dari / from {url}") from e
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        if isinstance(reason, (socket.gaierror, ConnectionRefusedError)):
            raise Unreachable(_describe(e, host), host, isinstance(reason, socket.gaierror)) from e
        raise _Transient(_describe(e, host)) from e
    with resp:
        resumed = bool(offset) and resp.status == 206
        length = resp.headers.get("Content-Length")
        expected = (offset if resumed else 0) + int(length) if length is not None else None
        try:
            with open(part, "ab" if resumed else "wb") as f:
                for block in iter(lambda: resp.read(_BLOCK), b""):
                    f.write(block)
        except (OSError, http.client.HTTPException) as e:
            raise _Transient(f"transfer terputus / transfer interrupted: {_describe(e, host)}") from e
        content_type = resp.headers.get("Content-Type", "")
    if expected is not None and part.stat().st_size < expected:
        raise _Transient(f"transfer terputus pada {part.stat().st_size}/{expected} byte / transfer cut short")
    return content_type


def download(url: str, dest: Path, name: str, sha256: str | None = None, timeout: float = 30.0,
             retries: int = 3, backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep) -> Path:
    """Download `url` to dest/NAME.EXT, resuming dest/NAME.part; raises FetchError when it cannot."""
    dest.mkdir(parents=True, exist_ok=True)
    part = dest / f"{name}.part"
    last = ""
    for attempt in range(retries + 1):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        try:
            content_type = _attempt(url, part, timeout)  # Unreachable is not retried: it goes to the caller
        except _Transient as e:
            last = str(e)
            continue
        if sha256 and (got := file_hash(part)) != sha256:
            part.unlink()
            last = f"checksum sha256 tidak cocok / checksum mismatch: diharapkan/expected {sha256}, didapat/got {got}"
            continue
        final = dest / f"{name}{_suffix(url, content_type)}"
        part.replace(final)
        return final
    raise FetchError(f"gagal setelah {retries + 1} percobaan / failed after {retries + 1} attempts: {last}")


def _write_sidecar(path: Path, entry: Entry) -> None:
    # The full text gets its own doc_id: the catalog stub keeps the entry id.
    meta = {k: v for k, v in entry_metadata(entry).items() if v is not None}
    meta.update(title=entry.title, doc_id=f"{entry.id}-teks", catalog_id=entry.id, doc_type=entry.kind)
    path.with_name(path.name + ".meta.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=True),
                                                        encoding="utf-8")


def fetch_entries(entries: Iterable[Entry], dest: Path, timeout: float = 30.0, retries: int = 3,
                  backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep,
                  progress: Callable[[str, int, int], None] | None = None) -> list[FetchResult]:
    """Download every entry that has a url; an entry already downloaded (and matching its checksum) is kept.
    A host that does not resolve or refuses is not asked again; with no network at all (OFFLINE_AFTER
    hosts unresolvable, nothing downloaded) the rest fail at once without a request."""
    entries = list(entries)
    results: list[FetchResult] = []
    dead: dict[str, str] = {}  # host -> why
    unresolved: set[str] = set()
    for i, entry in enumerate(entries):
        if progress:
            progress(entry.id, i, len(entries))
        if not entry.url:
            results.append(FetchResult(entry.id, "failed", message="tidak ada url di katalog / no url in the catalog"))
            continue
        have = _existing(dest, entry.id)
        if have is not None and (not entry.sha256 or file_hash(have) == entry.sha256):
            results.append(FetchResult(entry.id, "present", have))
            continue
        host = urlsplit(entry.url).netloc
        if len(unresolved) >= OFFLINE_AFTER and not any(r.status == "downloaded" for r in results):
            results.append(FetchResult(entry.id, "failed", message=OFFLINE, unreachable=True))
            continue
        if host in dead:
            results.append(FetchResult(entry.id, "failed", message=dead[host], unreachable=host in unresolved))
            continue
        try:
            path = download(entry.url, dest, entry.id, entry.sha256, timeout, retries, backoff, sleep)
        except Unreachable as e:
            dead[host] = str(e)
            if e.dns:
                unresolved.add(host)
            results.append(FetchResult(entry.id, "failed", message=str(e), unreachable=e.dns))
            continue
        except FetchError as e:
            results.append(FetchResult(entry.id, "failed", message=str(e)))
            continue
        _write_sidecar(path, entry)
        results.append(FetchResult(entry.id, "downloaded", path))
    if progress:
        progress("", len(entries), len(entries))
    return results


OFFLINE = "luring / offline: tidak ada jaringan / no network"


def offline(results: list[FetchResult]) -> bool:
    """No name resolved and nothing came down: the machine is offline, not this or that server."""
    return any(r.unreachable for r in results) and not any(r.status == "downloaded" for r in results)


def audit(log: AuditLog, results: Iterable[FetchResult]) -> None:
    """Downloads and failures into the audit log; files already present were not touched."""
    for r in results:
        if r.status != "present":
            got = r.status == "downloaded" and r.path is not None
            log.append("fetch", "ok" if got else f"gagal: {r.message}", r.entry_id, str(r.path) if r.path else None,
                       file_hash(r.path) if got else None)
