"""What a PDF's text layer gives: a garbled OCR layer is read again by tesseract, and page furniture
(running headers, page numbers, "SALINAN", the BSrE e-signature notice, catchwords) stays out of the chunks."""
from __future__ import annotations

import re

import pytest
from conftest import SHARED
from helpers import make_pdf, make_scanned_pdf, word_count

from ingest import ocr
from ingest.loaders import load_pages
from ingest.pipeline import chunk, load_documents
from ingest.quality import bad_layer, text_quality

PDFS = sorted((SHARED / "corpus" / "pdf").glob("*.pdf"))
needs_ocr = pytest.mark.skipif(not ocr.ocr_available(),
                               reason="tesseract-ocr and poppler-utils not installed (scripts/test.sh installs them)")

CLEAN = ("Pasal 1\nDalam Peraturan Daerah ini yang dimaksud dengan:\n1. Daerah adalah Kota Bekasi.\n"
         "2. Pemerintah Daerah adalah Wali Kota sebagai unsur penyelenggara Pemerintahan Daerah yang memimpin "
         "pelaksanaan urusan pemerintahan yang menjadi kewenangan daerah otonom.\n"
         "Pasal 2\nKerja sama daerah dilaksanakan berdasarkan prinsip efisiensi, efektivitas, sinergi, saling "
         "menguntungkan, kesepakatan bersama, itikad baik, dan kepastian hukum.")
# The layer an old scanner's OCR left over that page.
GARBLED = ("REPUBI..IK INDONE~IA Pa~al l Da1am Peratur@n Dacrah ini yaug dimak~ud dcngan: l. Dacrah ada1ah Kot@ "
           "Bckasi. 2. Pcmerint@h Dacrah ad@lah Wa1i Kot@ ~ebagai uusur pcnyelenggara Pcmerint@han Dacrah")
# The e-signature notice regions print on every page (Peraturan DPRD Kota Madiun 1/2024).
BSRE = ("Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh "
        "Balai Sertifikasi Elektronik (BSrE), BSSN")


def test_a_garbled_layer_is_bad_and_english_or_clean_text_is_not():
    assert bad_layer(GARBLED)
    assert not bad_layer(CLEAN)
    assert not bad_layer("This paper examines the governance of smart city programmes in Indonesian cities "
                         "and the trust between local government and its private partners.")


@needs_ocr
def test_a_garbled_layer_is_read_again_and_the_better_text_kept(tmp_path):
    pdf = make_scanned_pdf(tmp_path / "perda.pdf", [CLEAN, CLEAN], [CLEAN, GARBLED])
    (doc,) = load_documents(pdf)
    first, second = doc.pages
    assert not first.ocr and "Pemerintah Daerah adalah Wali Kota" in first.text  # a good layer is kept
    assert second.ocr and "Pemerintah Daerah adalah Wali Kota" in second.text and "Pcmerint@h" not in second.text
    assert text_quality(second.text) > text_quality(GARBLED)
    assert doc.metadata["ocr_pages"] == 1


@needs_ocr
def test_image_only_pages_still_go_through_ocr_and_count(tmp_path):
    pdf = make_scanned_pdf(tmp_path / "pindaian.pdf", [CLEAN], [None])
    (doc,) = load_documents(pdf)
    assert "Kerja sama daerah dilaksanakan" in doc.pages[0].text and doc.metadata["ocr_pages"] == 1


@needs_ocr
def test_a_signed_scan_whose_only_text_is_the_bsre_notice_is_read_by_ocr(tmp_path):
    pdf = make_scanned_pdf(tmp_path / "bertanda.pdf", [CLEAN], [BSRE])
    (doc,) = load_documents(pdf)
    assert "Kerja sama daerah dilaksanakan" in doc.pages[0].text and doc.metadata["ocr_pages"] == 1


def test_without_tesseract_the_layer_is_kept_and_said_once(tmp_path, monkeypatch, capsys):
    pdfs = [make_pdf(tmp_path / f"perda{n}.pdf", [GARBLED]) for n in (1, 2)]
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract, no pdftoppm
    monkeypatch.setattr(ocr, "_told", False)
    docs = [d for p in pdfs for d in load_documents(p)]
    assert all("Pcmerint@h" in d.pages[0].text and "ocr_pages" not in d.metadata for d in docs)
    err = capsys.readouterr().err
    assert err.count("tesseract tidak terpasang") == 1 and "perda1.pdf" in err



# Two pages: too few for a repeated line to tell, so the known patterns must; four: "Pasal 1" .. "Pasal 4" at the
# top of every page repeat as headers do, and stay.
@pytest.mark.parametrize("n_pages", [2, 4])
def test_headers_footers_and_the_bsre_notice_go_but_pasal_lines_stay(tmp_path, n_pages):
    pages = [f"Pasal {n}\n({n}) Setiap Perangkat Daerah wajib menyediakan layanan data terbuka.\n\n{BSRE}"
             for n in range(1, n_pages + 1)]
    pdf = make_pdf(tmp_path / "perda.pdf", pages, header="PRESIDEN REPUBLIK INDONESIA")
    texts = [p.text for p in load_pages(pdf)[0]]
    assert all(f"Pasal {n}" in t and f"({n}) Setiap Perangkat Daerah" in t for n, t in enumerate(texts, 1))
    joined = "\n".join(texts)
    assert "PRESIDEN" not in joined and "BSrE" not in joined and "ditandatangani" not in joined
    assert not re.search(r"- \d+ -", joined)


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_no_chunk_of_the_real_pdfs_holds_page_furniture(pdf):
    from pypdf import PdfReader

    (doc,) = load_documents(pdf)
    furniture = re.compile(r"ditandatangani secara elektronik|tte\.kominfo|\bSALINAN\b|PRESIDEN\s+REPUBLIK\s+INDONESIA"
                           r"(?!,)|-\s*\d+\s*-|\.\s\.\s\.|…|www\.djpp|PD\. PARKIR")
    for c in chunk(doc, 400, word_count):
        assert not furniture.search(c.text), (c.chunk_id, furniture.search(c.text).group())
    # Every Pasal heading line of the file is still there.
    raw = [ln.strip() for page in PdfReader(str(pdf)).pages for ln in (page.extract_text() or "").split("\n")]
    kept = {ln.strip() for page in doc.pages for ln in page.text.split("\n")}
    assert {ln for ln in raw if re.fullmatch(r"Pasal \d+[A-Z]?", ln)} <= kept


def test_the_bsre_pdf_loses_its_notice_on_every_page():
    pdf = next(p for p in PDFS if "BSrE" in p.name)
    pages, _ = load_pages(pdf)
    assert len(pages) > 30 and not any("ditandatangani secara elektronik" in p.text for p in pages)
    assert not any(p.text.lstrip().startswith("SALINAN") for p in pages)
