"""Whatever users drop into the corpus: each bad file is refused with its name and the reason, the
batch goes on, and nothing already indexed is lost. Every file here is real and made by the test."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers import make_docx, make_pdf

from ingest.loaders import LoadError, load_pages, sniff
from kb.indexer import ingest

GOOD = "Pemerintah Kota Bekasi menyediakan titik wifi publik di setiap kelurahan sejak 2017."


def _pdf_bytes(tmp_path: Path, text: str = GOOD) -> bytes:
    return make_pdf(tmp_path / "_src.pdf", [text], page_numbers=False).read_bytes()


def _encrypted(tmp_path: Path, name: str, user: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_pdf_bytes(tmp_path))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user, owner_password="pemilik", algorithm="RC4-128")
    path = tmp_path / name
    writer.write(str(path))
    return path


def _zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in entries.items():
            z.writestr(name, text)
    return buf.getvalue()


def _scan_pdf(path: Path, pages: list[str | None]) -> Path:
    """A PDF whose pages are images of text (a scan) or, for None, real text; small pages keep OCR quick."""
    from fpdf import FPDF

    pdf = FPDF(format=(105, 148))
    for n, text in enumerate(pages):
        pdf.add_page()
        if text is None:
            pdf.set_font("Helvetica", size=11)
            pdf.multi_cell(0, 6, GOOD)
            continue
        src = FPDF(format=(105, 148))
        src.add_page()
        src.set_font("Helvetica", size=14)
        src.multi_cell(0, 8, text)
        src.output(str(path.with_suffix(f".{n}.pdf")))
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(path.with_suffix(f".{n}.pdf")),
                        str(path.with_suffix(f".{n}"))], check=True)
        pdf.image(str(path.with_suffix(f".{n}.png")), x=0, y=0, w=105)
    pdf.output(str(path))
    return path


# (file name, how to make its bytes, what the refusal must say)
BAD = {
    "rusak.pdf": (lambda t: b"%PDF-1.7\n" + bytes(range(256)) * 4, "PDF rusak"),
    "terpotong.pdf": (lambda t: _pdf_bytes(t)[:500], "terpotong"),  # about half: the xref and trailer are gone
    "kosong.pdf": (lambda t: b"", "0 byte"),
    "foto.pdf": (lambda t: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "gambar"),
    "arsip.pdf": (lambda t: _zip({"a.txt": "isi"}), "arsip"),
    "unduhan gagal.pdf": (lambda t: b"<!DOCTYPE html><html><body>404 Not Found</body></html>", "HTML"),
    "bukan-paket.docx": (lambda t: _zip({"a.txt": "isi"}), "DOCX tidak valid"),
    "rusak.docx": (lambda t: b"PK\x03\x04" + b"\x00" * 60, "DOCX tidak valid"),
    "lama.docx": (lambda t: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "Word 97-2003"),
    "biner.txt": (lambda t: bytes(range(256)) * 8, "bukan teks"),
    "spasi saja.md": (lambda t: b" \n\n\t\n", "tidak berisi teks"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_is_refused_with_its_name_and_reason(tmp_path, name):
    make, why = BAD[name]
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    with pytest.raises(LoadError) as err:
        load_pages(path)
    assert why in err.value.reason
    assert str(path) in str(err.value) and err.value.path == str(path)
    assert " / " in err.value.reason  # Indonesian / English


def test_password_protected_pdf_is_refused_but_owner_restrictions_are_read(tmp_path):
    with pytest.raises(LoadError, match="kata sandi.*password"):
        load_pages(_encrypted(tmp_path, "rahasia.pdf", user="rahasia"))
    pages, paged = load_pages(_encrypted(tmp_path, "terbatas.pdf", user=""))
    assert paged and "titik wifi publik" in pages[0].text


def test_word_file_renamed_to_pdf_is_read_as_word(tmp_path):
    path = make_docx(tmp_path / "laporan.docx", [("h1", "Laporan"), ("p", GOOD)])
    renamed = path.rename(tmp_path / "laporan.pdf")
    assert sniff(renamed) == ".docx"
    pages, paged = load_pages(renamed)
    assert "titik wifi publik" in pages[0].text and not paged  # no real page numbers to cite


def test_pdf_with_junk_before_its_header_is_read(tmp_path):
    path = tmp_path / "jdih.pdf"
    path.write_bytes(b"\r\n   \n" + _pdf_bytes(tmp_path))
    assert "titik wifi publik" in load_pages(path)[0][0].text


@pytest.mark.parametrize("encoding, text", [
    ("latin-1", "Perda tentang café \x81 dan naïve"),  # 0x81 is undefined in cp1252: latin-1 it is
    ("utf-16", "Peraturan Wali Kota Bekasi “kota cerdas” – café"),  # Notepad's "Unicode", with its BOM
])
def test_text_in_other_encodings_is_decoded(tmp_path, encoding, text):
    path = tmp_path / "lama.txt"
    path.write_bytes(text.encode(encoding))
    assert load_pages(path)[0][0].text == text


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_MAX_FILE_MB", "0.01")
    path = tmp_path / "besar.txt"
    path.write_text(GOOD * 200)
    with pytest.raises(LoadError, match=r"terlalu besar.*batas / limit 0 MB \(KB_MAX_FILE_MB\)"):
        load_pages(path)


def test_symlink_loop_is_refused(tmp_path):
    loop = tmp_path / "putar.pdf"
    os.symlink(loop.name, loop)
    with pytest.raises(LoadError, match="symlink loop"):
        load_pages(loop)


def test_scan_without_tesseract_says_it_needs_ocr(tmp_path, monkeypatch):
    scan = _scan_pdf(tmp_path / "pindaian.pdf", ["PERATURAN DAERAH"])
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract, no pdftoppm
    with pytest.raises(LoadError, match="perlu OCR.*tesseract-ocr-ind"):
        load_pages(scan)


@pytest.mark.skipif(not (shutil.which("tesseract") and shutil.which("pdftoppm")),
                    reason="tesseract-ocr and poppler-utils not installed (scripts/test.sh installs them)")
def test_scanned_pages_are_read_by_ocr_and_text_pages_kept(tmp_path):
    scan = _scan_pdf(tmp_path / "perda.pdf", [None, "PERATURAN DAERAH\nKOTA BEKASI\nTENTANG KOTA CERDAS"])
    pages, paged = load_pages(scan)
    assert paged and [p.number for p in pages] == [1, 2]
    assert "Kota Bekasi menyediakan" in pages[0].text  # the text layer, not OCR
    assert "PERATURAN DAERAH" in pages[1].text and "TENTANG KOTA CERDAS" in pages[1].text


def test_a_batch_of_bad_files_goes_on_and_loses_nothing_indexed(kb_factory, tmp_path):
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    kept = corpus / "tetap.txt"
    kept.write_text("Dinas Komunikasi Kota Bekasi mengelola pusat data kota.")
    kb = kb_factory()
    assert ingest(kb, [corpus]).ok
    before = {c.chunk_id: c.text for c in kb.store.iter_chunks()}

    for name, (make, _) in BAD.items():
        (corpus / name).write_bytes(make(tmp_path))
    os.symlink("putar.pdf", corpus / "putar.pdf")
    (corpus / "Perda Kota Bekasi Nomor 5 (2019) – café.txt").write_text(GOOD)
    (corpus / "salinan perda.txt").write_text(GOOD)  # the same bytes under a second name
    (corpus / "sub").mkdir()
    os.symlink("..", corpus / "sub" / "induk")  # a directory loop
    (corpus / os.fsdecode(b"nama-\xff.txt")).write_text("Nama berkas ini bukan UTF-8.")
    kept.write_bytes(b"\x00\x01 ditimpa sampah")  # an indexed file overwritten with junk

    report = ingest(kb, [corpus])

    failed = dict(report.failed)
    expected = {str(corpus / n) for n in BAD} | {str(corpus / n) for n in ("putar.pdf", "tetap.txt")}
    expected.add(str(corpus / os.fsdecode(b"nama-\xff.txt")))
    assert set(failed) == expected
    assert "symlink loop" in failed[str(corpus / "putar.pdf")]
    assert "UTF-8" in failed[str(corpus / os.fsdecode(b"nama-\xff.txt"))]
    assert all(" / " in reason for reason in failed.values())
    # The good file went in once, under both names; the junk did not replace what was indexed.
    (doc,) = [d for d in kb.store.documents() if d.doc_id != "tetap"]
    assert doc.doc_id == "Perda Kota Bekasi Nomor 5 (2019) – café"
    assert sorted(Path(p).name for p in doc.source_paths) == ["Perda Kota Bekasi Nomor 5 (2019) – café.txt",
                                                             "salinan perda.txt"]
    after = {c.chunk_id: c.text for c in kb.store.iter_chunks()}
    assert {k: v for k, v in after.items() if k.startswith("tetap#")} == before
    assert set(kb.lexical.ids) == set(after)
    from kb.search import search

    assert search(kb, "titik wifi publik kelurahan", k=1, mode="lexical")[0].doc_id == doc.doc_id


def test_two_files_with_one_name_in_different_folders_do_not_overwrite_each_other(kb_factory, tmp_path):
    """The second file's id names its folder ("perda-b"), on every later run too; an id someone chose in a
    sidecar is not renamed: two files given one id in a run are refused, naming both files."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "perda.txt").write_text(GOOD)
    kb = kb_factory()
    assert ingest(kb, [a]).ok
    (b / "perda.txt").write_text("Isi lain: rencana induk kota cerdas Bekasi tahun 2020.")
    report = ingest(kb, [b])
    assert report.ok and report.added == ["perda-b"]
    report = ingest(kb, [a, b])
    assert report.ok and sorted(report.unchanged) == ["perda", "perda-b"]
    texts = {c.meta["doc_id"]: c.text for c in kb.store.iter_chunks()}
    assert "titik wifi publik" in texts["perda"] and "rencana induk" in texts["perda-b"]
    c = tmp_path / "c"
    c.mkdir()
    (c / "lain.txt").write_text("Isi ketiga: anggaran kota cerdas.")
    (c / "lain.txt.meta.yaml").write_text("doc_id: perda\n")
    ((path, reason),) = ingest(kb, [a, c]).failed
    assert path == str(c / "lain.txt") and "doc_id 'perda'" in reason and str(a / "perda.txt") in reason
    assert "titik wifi publik" in next(kb.store.iter_chunks(where={"doc_id": "perda"})).text