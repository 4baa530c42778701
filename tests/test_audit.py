"""The audit log: every change is recorded with who, what, file and hash; it only grows; when it cannot
be written, the change does not happen."""
from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner

from kb.audit import AuditError, AuditLog, acting_as, cli_actor
from kb.cli import cli
from kb.indexer import ingest
from kb.uploads import save, uploads_dir

TEXT = b"# Notulen\n\nRapat Dewan Kota Cerdas membahas sensor banjir di Kali Bekasi.\n"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def note(tmp_path):
    path = tmp_path / "corpus" / "notulen.md"
    path.parent.mkdir()
    path.write_bytes(TEXT)
    return path


def test_every_change_is_logged_ahead_and_with_its_result(kb_factory, note):
    kb = kb_factory()
    with acting_as("web:sari@10.0.0.7"):
        saved = save(kb.settings.data_dir, "Notulen Rapat.md", TEXT, audit=kb.audit)
        assert ingest(kb, [saved.path]).ok
    assert ingest(kb, [note]).ok  # the same bytes elsewhere: a second path, no change, no entry
    doc_id = kb.store.documents()[0].doc_id
    assert kb.remove(doc_id)
    kb.restore(doc_id)
    log = [(e.who, e.action, e.doc_id, e.result) for e in kb.audit.entries()]
    web = "web:sari@10.0.0.7"
    assert log == [(web, "upload", None, "mulai"), (web, "upload", None, "ok"),
                   (web, "ingest", doc_id, "mulai"), (web, "ingest", doc_id, "ok"),
                   (cli_actor(), "remove", doc_id, "mulai"), (cli_actor(), "remove", doc_id, "ok"),
                   (cli_actor(), "restore", doc_id, "mulai"), (cli_actor(), "restore", doc_id, "ok")]
    upload = kb.audit.entries()[0]
    assert upload.file == "Notulen Rapat.md" and upload.sha256 == hashlib.sha256(TEXT).hexdigest()
    assert all(e.sha256 == upload.sha256 for e in kb.audit.entries())
    assert kb.audit.broken_at() is None


def test_a_refused_file_is_logged_with_its_reason(kb_factory, tmp_path):
    kb = kb_factory()
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(b"%PDF-1.4 bukan pdf")
    assert not ingest(kb, [bad]).ok
    (entry,) = kb.audit.entries()
    assert entry.action == "ingest" and entry.file == str(bad) and entry.result.startswith("gagal: ")


@pytest.mark.parametrize("change", ["ingest", "upload", "remove"])
def test_a_log_that_cannot_be_written_stops_the_change(kb_factory, note, change):
    kb = kb_factory()
    if change == "remove":
        assert ingest(kb, [note]).ok
    kb.audit.path.unlink(missing_ok=True)
    kb.audit.path.mkdir()  # a real OS failure to append (root ignores file permissions)
    before = (kb.store.count(), [d.doc_id for d in kb.store.documents()])
    with pytest.raises(AuditError, match="audit"):
        if change == "ingest":
            ingest(kb, [note])
        elif change == "upload":
            save(kb.settings.data_dir, "notulen.md", TEXT, audit=kb.audit)
        else:
            kb.remove(before[1][0])
    assert (kb.store.count(), [d.doc_id for d in kb.store.documents()]) == before
    assert not uploads_dir(kb.settings.data_dir).exists() or not any(uploads_dir(kb.settings.data_dir).iterdir())
    assert kb.recycle.entries() == []


def test_an_edited_or_deleted_line_breaks_the_chain(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl")
    for i in range(4):
        log.append("ingest", "ok", f"doc-{i}")
    assert log.broken_at() is None
    lines = log.path.read_text().splitlines()
    edited = json.loads(lines[1]) | {"doc_id": "lain"}
    log.path.write_text("\n".join([lines[0], json.dumps(edited), *lines[2:]]) + "\n")
    assert log.broken_at() == 3
    log.path.write_text("\n".join([lines[0], *lines[2:]]) + "\n")
    assert log.broken_at() == 2


def test_kb_audit_prints_the_log_and_json(kb_factory, note):
    kb = kb_factory()
    assert ingest(kb, [note]).ok
    res = run("audit", "--json", "--data-dir", kb.settings.data_dir)
    assert res.exit_code == 0, res.output
    entries = json.loads(res.output)
    assert [(e["action"], e["doc_id"], e["result"]) for e in entries] == [("ingest", "notulen", "mulai"),
                                                                        ("ingest", "notulen", "ok")]
    assert {"time", "who", "action", "doc_id", "file", "sha256", "result"} <= set(entries[0])
    text = run("audit", "--limit", "1", "--data-dir", kb.settings.data_dir)
    assert text.exit_code == 0 and text.output.count("\n") == 1 and "\tingest\tnotulen\t" in text.output

    kb.audit.path.write_text(kb.audit.path.read_text().replace("notulen", "lain", 1))
    res = run("audit", "--data-dir", kb.settings.data_dir)
    assert res.exit_code == 2 and "line 2" in res.output
