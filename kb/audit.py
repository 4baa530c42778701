"""The audit log: who changed the corpus, when, and what came of it.

One JSON object per line in `<data dir>/audit.jsonl`, only ever appended. A change is written ahead
("mulai") and again with its result, so a change whose first line cannot be written does not happen,
and a crash in between leaves a visible start without an end. Each line carries the SHA-256 of the
line before it: an edited or deleted line breaks the chain, and `kb audit` says where.
"""
from __future__ import annotations

import contextlib
import contextvars
import getpass
import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

from filelock import FileLock

STARTED = "mulai"
OK = "ok"
_GENESIS = "0" * 64

# Who is acting: the UI sets the signed-in name for the length of a change; anything else is the CLI
# (or a script) run by the OS user.
_actor: contextvars.ContextVar[str | None] = contextvars.ContextVar("kb_actor", default=None)


Subject = tuple[str | None, str | None, str | None]  # (doc_id, file, sha256) of what a change touches


class AuditError(RuntimeError):
    """The log could not be written: the change it was to record was not made."""


@dataclass(frozen=True)
class Entry:
    time: str  # ISO 8601, UTC
    who: str
    action: str  # ingest | upload | fetch | remove | restore | purge
    doc_id: str | None
    file: str | None
    sha256: str | None
    result: str
    prev: str = _GENESIS  # SHA-256 of the previous line


def cli_actor() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        user = str(os.getuid()) if hasattr(os, "getuid") else "?"
    return f"cli:{user}"


def current_actor() -> str:
    return _actor.get() or cli_actor()


@contextlib.contextmanager
def acting_as(who: str) -> Iterator[None]:
    token = _actor.set(who)
    try:
        yield
    finally:
        _actor.reset(token)


def _digest(line: bytes) -> str:
    return hashlib.sha256(line.rstrip(b"\n")).hexdigest()


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = FileLock(str(path) + ".lock")

    def append(self, action: str, result: str, doc_id: str | None = None, file: str | None = None,
               sha256: str | None = None) -> Entry:
        return self._append(action, result, [(doc_id, file, sha256)])[0]

    def _append(self, action: str, result: str, subjects: list[Subject]) -> list[Entry]:
        """One line per subject, chained, under one lock and one fsync: a batch of documents costs one write."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock, open(self.path, "ab+") as f:
                prev = _digest(_last_line(f)) if f.tell() else _GENESIS
                stamp, who = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), current_actor()
                entries, lines = [], []
                for doc_id, file, sha256 in subjects:
                    entry = Entry(time=stamp, who=who, action=action, doc_id=doc_id, file=file, sha256=sha256,
                                  result=result, prev=prev)
                    # ASCII escapes: a file name the OS gave as undecodable bytes (surrogates) is still written.
                    line = json.dumps(asdict(entry)).encode()
                    entries.append(entry)
                    lines.append(line)
                    prev = _digest(line)
                f.write(b"".join(line + b"\n" for line in lines))
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            raise AuditError(f"log audit {self.path} tidak dapat ditulis ({e.strerror or e}); perubahan "
                             f"dibatalkan. Periksa izin dan ruang disk / the audit log cannot be written; the "
                             f"change was not made: check permissions and disk space") from e
        return entries

    @contextlib.contextmanager
    def change(self, action: str, doc_id: str | None = None, file: str | None = None,
               sha256: str | None = None) -> Iterator[None]:
        """Record a change ahead of making it, then its result; a failure's message is its result."""
        with self.changes(action, [(doc_id, file, sha256)]):
            yield

    @contextlib.contextmanager
    def changes(self, action: str, subjects: list[Subject]) -> Iterator[None]:
        """`change` for several documents written together."""
        self._append(action, STARTED, subjects)
        try:
            yield
        except Exception as e:
            self._append(action, f"gagal: {e}", subjects)
            raise
        self._append(action, OK, subjects)

    def entries(self) -> list[Entry]:
        if not self.path.exists():
            return []
        with open(self.path, encoding="utf-8") as f:
            return [Entry(**json.loads(line)) for line in f if line.strip()]

    def broken_at(self) -> int | None:
        """1-based number of the first line whose predecessor was changed or removed; None if intact."""
        if not self.path.exists():
            return None
        prev = _GENESIS
        with open(self.path, "rb") as f:
            for n, line in enumerate(f, 1):
                try:
                    if json.loads(line)["prev"] != prev:
                        return n
                except (ValueError, KeyError):
                    return n
                prev = _digest(line)
        return None


def _last_line(f) -> bytes:
    """The file's last line, read from its end (the log only grows)."""
    size = f.seek(0, os.SEEK_END)
    block = min(size, 1 << 16)
    while True:
        f.seek(size - block)
        tail = f.read(block).rstrip(b"\n")
        cut = tail.rfind(b"\n")
        if cut >= 0 or block == size:
            f.seek(0, os.SEEK_END)
            return tail[cut + 1:]
        block = min(size, block * 2)
