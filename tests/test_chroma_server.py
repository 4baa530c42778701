"""Two machines, one Chroma server: a real `chroma run` on 127.0.0.1, started and stopped here.

Machine A ingests through the CLI with KB_CHROMA_URL; machine B is a second data dir (its own
manifest and lexical index, as on another computer) using --chroma-url through the library."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import free_port
from test_crash import KB, write_notes

from kb.base import KnowledgeBase
from kb.indexer import ingest
from kb.search import MODES, search
from kb.store import StoreError

CHROMA = str(Path(sys.executable).with_name("chroma"))


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("chroma-log") / "server.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([CHROMA, "run", "--path", str(tmp_path_factory.mktemp("chroma-server")),
                                   "--host", "127.0.0.1", "--port", str(port)], stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"chroma run did not start: {log.read_text(errors='replace')[-2000:]}")
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([KB, *args], capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})})
    assert done.returncode == 0, done.stderr
    return done


@pytest.mark.slow
def test_two_machines_share_one_chroma_server(chroma_url, tmp_path):
    notes = tmp_path / "catatan"
    write_notes(notes, 8)
    machine_a, machine_b = tmp_path / "mesin-a", tmp_path / "mesin-b"
    _cli("ingest", str(notes), "--data-dir", str(machine_a), env={"KB_CHROMA_URL": chroma_url})
    assert not (machine_a / "chroma").exists()  # the chunks live on the server

    kb_b = KnowledgeBase.open(machine_b, chroma_url=chroma_url)
    try:
        ids = {f"catatan_{i:03d}#00000" for i in range(8)}
        # B has an empty manifest and no lexical index: both search modes work from the server.
        assert kb_b.store.documents() == [] and kb_b.store.count() == 8
        for mode in MODES:
            assert search(kb_b, "sensor lalu lintas nomor 5", k=1, mode=mode)[0].doc_id == "catatan_005"
        assert set(kb_b.lexical.ids) == ids

        # B ingests the same files: recognised as A's, nothing embedded or written twice.
        report = ingest(kb_b, [notes])
        assert report.ok and report.chunks == 0 and sorted(report.unchanged) == sorted(i[:-6] for i in ids)
        assert kb_b.store.count() == 8 and {d.status for d in kb_b.store.documents()} == {"ok"}

        # A adds a note; B, still open, sees it in every mode.
        write_notes(notes, 1, start=8)
        _cli("ingest", str(notes), "--data-dir", str(machine_a), "--chroma-url", chroma_url)
        for mode in MODES:
            assert search(kb_b, "sensor lalu lintas nomor 8", k=1, mode=mode)[0].doc_id == "catatan_008"

        # B removes a document A wrote; A's next search no longer finds it.
        assert kb_b.remove("catatan_008")
        out = _cli("search", "sensor lalu lintas nomor 8", "--json", "--mode", "lexical", "--data-dir",
                   str(machine_a), "--chroma-url", chroma_url).stdout
        assert '"catatan_008"' not in out and '"catatan_00' in out
    finally:
        kb_b.close()


def test_a_server_that_does_not_answer_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match=r"127\.0\.0\.1:\d+ does not answer.*chroma run"):
        KnowledgeBase.open(tmp_path / "kb", chroma_url=f"http://127.0.0.1:{free_port()}")
