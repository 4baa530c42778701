"""Server-side upload handling (kb.uploads): types by content, size limit, safe names, kept originals."""
from __future__ import annotations

import pytest

from conftest import ROOT
from helpers import make_pdf

from ingest.loaders import max_file_bytes
from kb.indexer import ingest
from kb.uploads import UploadError, save, uploads_dir

TEXT = "# Catatan Rapat\n\nRapat membahas titik wifi publik Kota Bekasi.\n".encode()


def test_a_text_file_is_kept_byte_for_byte_under_a_generated_name(tmp_path):
    saved = save(tmp_path, "Catatan Rapat (final).md", TEXT)
    assert saved.path.parent == uploads_dir(tmp_path)
    assert saved.path.read_bytes() == TEXT
    assert saved.path.name.startswith("catatan-rapat-final-") and saved.path.suffix == ".md"
    assert saved.original_name == "Catatan Rapat (final).md"
    assert save(tmp_path, "lain.md", TEXT).path.name != saved.path.name  # the name is part of it
    assert save(tmp_path, "Catatan Rapat (final).md", TEXT).path == saved.path  # same upload, same file


@pytest.mark.parametrize("name", ["../../../etc/passwd.txt", "..\\..\\win.ini.txt", "/abs/path/x.txt",
                                  "sub/dir/../../y.txt", "....txt", "\u202eevil.txt", "Ümlaut Naïve.txt"])
def test_no_name_reaches_outside_the_uploads_folder(tmp_path, name):
    saved = save(tmp_path, name, TEXT)
    assert saved.path.parent == uploads_dir(tmp_path)
    name = saved.path.name
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert name.isascii() and name.endswith(".txt")


@pytest.mark.parametrize("name, data, why", [
    ("program.exe", b"MZ\x90\x00", "tidak diterima"),
    ("tanpa-ekstensi", TEXT, "tidak diterima"),
    ("kosong.txt", b"", "kosong"),
    ("foto.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "bukan PDF"),
    ("arsip.pdf", b"PK\x03\x04" + b"0" * 64, "bukan PDF"),
    ("biner.txt", b"abc\x00\x01\x02", "bukan TXT"),
    ("palsu.docx", b"%PDX not a zip", "bukan DOCX"),
])
def test_refused_uploads_say_why_and_leave_nothing_behind(tmp_path, name, data, why):
    with pytest.raises(UploadError, match=why):
        save(tmp_path, name, data)
    assert list(uploads_dir(tmp_path).glob("*")) == []  # pathlib's glob sees the hidden .part files too


def test_size_limit(tmp_path, monkeypatch):
    with pytest.raises(UploadError, match="melebihi batas"):
        save(tmp_path, "besar.txt", b"a" * 101, max_bytes=100)
    assert save(tmp_path, "pas.txt", b"a" * 100, max_bytes=100).path.exists()
    # Without a limit given, the one `kb ingest` applies (KB_MAX_FILE_MB, 200 MB by default as the README says).
    monkeypatch.setenv("KB_MAX_FILE_MB", "0.0001")
    with pytest.raises(UploadError, match="melebihi batas"):
        save(tmp_path, "besar2.txt", b"a" * 200)
    monkeypatch.delenv("KB_MAX_FILE_MB")
    assert max_file_bytes() == 200 * 2**20 and "200 MB" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_sniffed_kind_wins_over_the_extension(tmp_path):
    pdf = make_pdf(tmp_path / "x.pdf", ["Laporan"]).read_bytes()
    assert save(tmp_path, "laporan.txt", pdf).path.suffix == ".pdf"


def test_removing_a_document_bins_its_upload_but_nothing_outside_and_restore_brings_both_back(kb_factory, tmp_path):
    kb = kb_factory()
    outside = tmp_path / "corpus" / "catatan.md"
    outside.parent.mkdir()
    outside.write_bytes(TEXT)  # the same bytes elsewhere: one document, two source paths
    saved = save(kb.settings.data_dir, "catatan.md", TEXT)
    report = ingest(kb, [saved.path, outside])
    assert report.ok, report.failed
    (doc,) = kb.store.documents()
    assert kb.remove(doc.doc_id)
    assert kb.store.documents() == [] and kb.store.count() == 0
    assert not saved.path.exists() and outside.exists()
    assert not kb.remove(doc.doc_id)
    kb.restore(doc.doc_id)
    assert saved.path.read_bytes() == TEXT and kb.store.count() == doc.n_chunks
    assert kb.store.document(doc.doc_id).source_paths == doc.source_paths
