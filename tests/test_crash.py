"""kill -9 during `kb ingest`, then the same command again: the index ends equal to a clean ingest
of the same files, in Chroma's records, its vector index, the manifest and the lexical index."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from kb.base import KnowledgeBase
from kb.indexer import BATCH_CHUNKS, ingest

KB = str(Path(sys.executable).with_name("kb"))
# Ingest writes one-chunk notes BATCH_CHUNKS at a time: four batches give two kills between writes.
N_NOTES = 4 * BATCH_CHUNKS


def write_notes(folder: Path, n: int, start: int = 0) -> list[Path]:
    """Small distinct notes, one chunk each, so an ingest is many cheap steps to interrupt."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"catatan_{i:03d}.txt"
        path.write_text(f"Catatan rapat {i}: dinas membahas sensor lalu lintas nomor {i} "
                        f"di simpang {i % 7} Kota Bekasi.", encoding="utf-8")
        paths.append(path)
    return paths


def kb_ingest(folder: Path, data_dir: Path) -> subprocess.Popen:
    return subprocess.Popen([KB, "ingest", str(folder), "--data-dir", str(data_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def manifest_counts(data_dir: Path) -> dict[str, int]:
    """Documents by status, read without disturbing the writer (WAL lets readers in)."""
    try:
        db = sqlite3.connect(f"file:{data_dir / 'manifest.sqlite'}?mode=ro", uri=True, timeout=1)
        try:
            return dict(db.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
        finally:
            db.close()
    except sqlite3.Error:  # not created yet
        return {}


def kill_when(proc: subprocess.Popen, data_dir: Path, ok_at_least: int, timeout: float = 120) -> dict[str, int]:
    """SIGKILL the ingest once `ok_at_least` documents are done, preferably while one is pending."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = manifest_counts(data_dir)
        if counts.get("ok", 0) >= ok_at_least and (counts.get("pending") or counts["ok"] >= ok_at_least + 3):
            break
        if proc.poll() is not None:
            pytest.fail(f"ingest ended before the kill: {proc.communicate()}")
        time.sleep(0.002)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return counts


def snapshot(data_dir: Path) -> dict:
    kb = KnowledgeBase.open(data_dir)
    try:
        chunks = {c.chunk_id: c.text for c in kb.store.iter_chunks()}
        probe = np.full(kb.embedder.dim, 1 / np.sqrt(kb.embedder.dim), dtype=np.float32)
        in_vector_index = {cid for cid, _ in kb.store.query(probe, max(len(chunks), 1))}
        docs = {d.doc_id: (d.status, d.n_chunks, d.content_hash) for d in kb.store.documents()}
        return {"chunks": chunks, "vectors": in_vector_index, "lexical": set(kb.lexical.ids), "docs": docs}
    finally:
        kb.close()


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_equals_a_clean_ingest(tmp_path):
    notes = tmp_path / "catatan"
    write_notes(notes, N_NOTES)
    clean, crashed = tmp_path / "bersih", tmp_path / "mati"
    kb = KnowledgeBase.open(clean)
    assert ingest(kb, [notes]).ok  # also fills the embedding cache, so the runs below only write
    kb.close()

    at_kill = [kill_when(kb_ingest(notes, crashed), crashed, ok_at_least=N_NOTES // 4)]
    at_kill.append(kill_when(kb_ingest(notes, crashed), crashed, ok_at_least=at_kill[0]["ok"] + N_NOTES // 4))
    for counts in at_kill:
        assert 0 < counts["ok"] < N_NOTES, at_kill  # really mid-run

    rerun = kb_ingest(notes, crashed)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    want, got = snapshot(clean), snapshot(crashed)
    assert got["chunks"] == want["chunks"] and len(want["chunks"]) == N_NOTES
    assert got["vectors"] == set(want["chunks"])  # no orphan or missing vectors either
    assert got["lexical"] == set(want["chunks"])
    assert got["docs"] == want["docs"]
