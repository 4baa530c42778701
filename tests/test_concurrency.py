"""Searching while `kb ingest` runs in another process sees the old or the new state, never an error,
and sees the new state once it is done; a second writer stops at once with the lock message."""
from __future__ import annotations

import os
import signal
import subprocess
import threading
import time

import pytest
from test_crash import KB, kb_ingest, manifest_counts, write_notes

from kb.base import LockedError
from kb.indexer import ingest
from kb.search import MODES, search


@pytest.mark.slow
def test_search_during_an_ingest_in_another_process(kb_factory, tmp_path):
    notes = tmp_path / "catatan"
    old = write_notes(notes, 15)
    kb = kb_factory()  # the long-lived reader, like the app
    assert ingest(kb, [notes]).ok
    old_ids = {p.stem for p in old}
    new_ids = {p.stem for p in write_notes(notes, 25, start=15)}
    assert ingest(kb_factory("cache"), [notes]).ok  # embeds the new notes here, so the writer below only writes

    def search_all() -> None:
        for mode in MODES:
            hits = search(kb, "sensor lalu lintas nomor 30 simpang", k=5, mode=mode)
            assert hits and {h.doc_id for h in hits} <= old_ids | new_ids

    writer = kb_ingest(notes, kb.settings.data_dir)
    while not manifest_counts(kb.settings.data_dir).get("pending"):
        assert writer.poll() is None, writer.communicate()
        time.sleep(0.002)
    os.kill(writer.pid, signal.SIGSTOP)  # frozen mid-document, holding the lock: what any reader may meet
    try:
        with pytest.raises(LockedError) as refused:
            ingest(kb, [notes])
        assert "ingest lain sedang berjalan" in str(refused.value) and str(kb.settings.data_dir) in str(refused.value)
        # Chroma's SQLite file keeps a rollback journal: a writer frozen inside its write transaction makes
        # readers wait for it (a live one finishes it in milliseconds). So the search runs beside the frozen
        # writer, which is thawed if the search is still waiting after a while; it must then finish, not fail.
        failures: list[BaseException] = []
        reader = threading.Thread(target=_record, args=(search_all, failures))
        reader.start()
        reader.join(timeout=20)
    finally:
        os.kill(writer.pid, signal.SIGCONT)
    reader.join(timeout=120)
    assert not reader.is_alive() and not failures, failures
    while writer.poll() is None:
        search_all()
    assert writer.returncode == 0, writer.communicate()
    # Done: this reader sees the new notes in every mode without being reopened.
    for mode in MODES:
        assert search(kb, "sensor lalu lintas nomor 30 simpang", k=1, mode=mode)[0].doc_id == "catatan_030"
    assert set(kb.lexical.ids) == {f"{i}#00000" for i in old_ids | new_ids}


def _record(fn, failures: list) -> None:
    try:
        fn()
    except BaseException as e:  # noqa: BLE001 - reported by the test thread
        failures.append(e)


def test_a_second_ingest_stops_at_once_with_the_lock_message(kb_factory, tmp_path):
    notes = tmp_path / "catatan"
    write_notes(notes, 2)
    kb = kb_factory()
    with kb.writing():  # held by this process; the CLI below is another one
        second = subprocess.run([KB, "ingest", str(notes), "--data-dir", str(kb.settings.data_dir)],
                                capture_output=True, text=True, timeout=120)
    assert second.returncode == 1
    assert "ingest lain sedang berjalan" in second.stderr and "another ingest is running" in second.stderr
    assert str(kb.settings.data_dir) in second.stderr
    assert kb.store.count() == 0 and kb.store.documents() == []
