"""The recycle bin: a removed document's chunks, vectors and uploaded originals, kept so that it can
be restored without re-embedding, until it is purged.

`<data dir>/recycle/<doc id>--<removal time in ns>/` holds `record.json` (the manifest row and who
removed it when), `chunks.json` (ids, texts, metadata), `vectors.npy`, and `originals/` with the
uploaded files it came from. A folder is written under a temporary name and renamed when complete,
so a crash never leaves half an entry.
"""
from __future__ import annotations

import json
import re
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .store import DocRecord, Snapshot

_TMP = ".tmp-"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


@dataclass(frozen=True)
class Binned:
    doc_id: str
    title: str
    n_chunks: int
    removed_at: float  # epoch seconds
    who: str
    folder: Path


def parse_age(text: str) -> float:
    """'30d' -> seconds; units s, m, h, d, w."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*", text.lower())
    if not m:
        raise ValueError(f"durasi {text!r} tidak dikenal: tulis misalnya 30d, 12h, 2w / unknown duration: "
                         f"write e.g. 30d, 12h, 2w")
    return float(m.group(1)) * _UNITS[m.group(2)]


class RecycleBin:
    def __init__(self, root: Path) -> None:
        self.root = root

    def put(self, snap: Snapshot, who: str, originals: list[Path]) -> Binned:
        """Keep a snapshot and move the given original files in with it."""
        removed_at = time.time()
        name = f"{_slug(snap.record.doc_id)}--{time.time_ns()}"
        tmp = self.root / f"{_TMP}{name}"
        (tmp / "originals").mkdir(parents=True)
        moved = {}
        for src in originals:
            shutil.copy2(src, tmp / "originals" / src.name)
            moved[str(src)] = src.name
        (tmp / "record.json").write_text(json.dumps({"record": asdict(snap.record), "removed_at": removed_at,
                                                     "who": who, "originals": moved}, ensure_ascii=False))
        (tmp / "chunks.json").write_text(json.dumps({"ids": snap.ids, "texts": snap.texts,
                                                     "metadatas": snap.metadatas}, ensure_ascii=False))
        np.save(tmp / "vectors.npy", snap.vectors)
        folder = self.root / name
        tmp.rename(folder)
        for src in originals:  # only once the entry is complete
            src.unlink(missing_ok=True)
        return self._binned(folder)

    def entries(self) -> list[Binned]:
        """Newest first."""
        if not self.root.is_dir():
            return []
        found = [self._binned(f) for f in self.root.iterdir() if f.is_dir() and not f.name.startswith(_TMP)]
        return sorted(found, key=lambda b: b.removed_at, reverse=True)

    def newest(self, doc_id: str) -> Binned | None:
        return next((b for b in self.entries() if b.doc_id == doc_id), None)

    def load(self, b: Binned) -> tuple[Snapshot, dict[str, Path]]:
        """The snapshot, and where each original goes back to -> the file kept in the bin."""
        meta = json.loads((b.folder / "record.json").read_text())
        chunks = json.loads((b.folder / "chunks.json").read_text())
        snap = Snapshot(DocRecord(**meta["record"]), chunks["ids"], chunks["texts"],
                        np.load(b.folder / "vectors.npy"), chunks["metadatas"])
        return snap, {dest: b.folder / "originals" / kept for dest, kept in meta["originals"].items()}

    def drop(self, b: Binned) -> None:
        # Renamed first: a crash mid-delete leaves a temporary folder, not a broken entry.
        tmp = self.root / f"{_TMP}{b.folder.name}"
        b.folder.rename(tmp)
        shutil.rmtree(tmp)

    def older_than(self, seconds: float, now: float | None = None) -> list[Binned]:
        cutoff = (time.time() if now is None else now) - seconds
        return [b for b in self.entries() if b.removed_at <= cutoff]

    @staticmethod
    def _binned(folder: Path) -> Binned:
        meta = json.loads((folder / "record.json").read_text())
        rec = meta["record"]
        return Binned(rec["doc_id"], rec["title"], rec["n_chunks"], meta["removed_at"], meta["who"], folder)


def _slug(doc_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id)[:80] or "dokumen"
