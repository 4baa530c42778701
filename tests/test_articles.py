"""Journal articles and theses as PDFs (ingest.article): made here with fpdf2 in one and two columns, then
read for their reading order, bibliographic data and reference list, and searched."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from ingest.pipeline import CHUNKER_VERSION, chunk, load_documents

TITLE = "Tata Kelola Kolaboratif Kota Cerdas di Kota Bekasi"
JOURNAL_LINE = "Jurnal Ilmu Pemerintahan, Vol. 7, No. 2, 2021, pp. 101-120. DOI: 10.1234/jip.v7i2.55"
ABSTRACT = ("Abstrak. Penelitian ini menelaah kerja sama Pemerintah Kota Bekasi dengan PT Telkom dalam "
            "program kota cerdas. Data dikumpulkan melalui wawancara dan studi dokumen.")
LEFT = ("Kemitraan pemerintah daerah dengan badan usaha menuntut kejelasan pembagian peran sejak "
        "perencanaan. Dinas Komunikasi dan Informatika memegang koordinasi layanan digital, sedangkan "
        "mitra swasta menyediakan jaringan dan pusat data kota. Rapat koordinasi bulanan dipakai untuk "
        "menyelaraskan target layanan publik dengan kemampuan anggaran daerah.")
RIGHT = ("Hambatan utama yang ditemukan adalah keterbatasan sumber daya manusia di perangkat daerah. "
         "Pelatihan aparatur berjalan tidak merata antarkecamatan, sehingga pemanfaatan aplikasi "
         "pengaduan warga berbeda jauh. Penelitian ini menyarankan forum warga sebagai saluran umpan "
         "balik yang tetap bagi pengelola kota cerdas.")
REFERENCES = ["Ansell, C., & Gash, A. (2008). Collaborative governance in theory and practice. Journal of "
              "Public Administration Research and Theory, 18(4), 543-571.",
              "Emerson, K., Nabatchi, T., & Balogh, S. (2012). An integrative framework for collaborative "
              "governance. Journal of Public Administration Research and Theory, 22(1), 1-29."]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _head(pdf, with_info: bool) -> None:
    """Title in large type, the authors and the journal line, then the abstract, all full width."""
    if with_info:
        pdf.set_title(TITLE)
        pdf.set_author("Budi Santoso, Siti Aminah")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.set_xy(15, 15)
    pdf.multi_cell(180, 8, TITLE, align="C")
    pdf.set_font("Helvetica", size=10)
    for y, line in ((34, "Budi Santoso, Siti Aminah"), (40, "Universitas Islam 45 Bekasi"), (46, JOURNAL_LINE)):
        pdf.set_xy(15, y)
        pdf.cell(180, 5, line, align="C")
    pdf.set_xy(15, 56)
    pdf.multi_cell(180, 5, ABSTRACT)


def _references(pdf, y: float, x: float = 15, width: float = 180) -> None:
    pdf.set_xy(x, y)
    pdf.cell(width, 5, "DAFTAR PUSTAKA")
    pdf.set_xy(x, y + 7)
    pdf.multi_cell(width, 5, "\n".join(REFERENCES))


def one_column_article(path: Path) -> Path:
    """Metadata in the PDF's info dictionary; body and references in one column."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    _head(pdf, with_info=True)
    pdf.set_xy(15, 80)
    pdf.multi_cell(180, 5, "PENDAHULUAN\n" + LEFT + "\n\nHASIL DAN PEMBAHASAN\n" + RIGHT)
    _references(pdf, 150)
    pdf.output(str(path))
    return path


def two_column_article(path: Path) -> Path:
    """No info dictionary: everything comes from the first page. Column lines are drawn row by row, left
    then right, as many journal PDFs do, so a reader following the content stream interleaves them."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    _head(pdf, with_info=False)
    left, right = textwrap.wrap(LEFT, 42), textwrap.wrap(RIGHT, 42)
    for i in range(max(len(left), len(right))):
        for x, lines in ((15, left), (110, right)):
            if i < len(lines):
                pdf.set_xy(x, 80 + 6 * i)
                pdf.cell(85, 5, lines[i])
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    more = textwrap.wrap("Simpulan: kerja sama berjalan karena kepemimpinan wali kota yang kuat dan "
                         "komitmen mitra. Forum warga perlu dilembagakan dalam peraturan wali kota.", 42)
    refs = ["DAFTAR PUSTAKA", *(ln for r in REFERENCES for ln in textwrap.wrap(r, 42))]
    for i in range(max(len(more), len(refs))):
        for x, lines in ((15, more), (110, refs)):
            if i < len(lines):
                pdf.set_xy(x, 20 + 6 * i)
                pdf.cell(85, 5, lines[i])
    pdf.output(str(path))
    return path


def thesis(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.set_xy(15, 30)
    pdf.cell(180, 10, "TESIS", align="C")
    pdf.set_font("Helvetica", "B", 14)
    pdf.set_xy(15, 50)
    pdf.multi_cell(180, 7, "Implementasi Smart Governance dalam Pelayanan Publik di Kota Bekasi", align="C")
    pdf.set_font("Helvetica", size=11)
    for y, line in ((90, "Disusun oleh:"), (97, "Rina Putri"), (104, "NIM 2021001234"),
                    (150, "PROGRAM STUDI MAGISTER ADMINISTRASI PUBLIK"), (157, "UNIVERSITAS KRISNADWIPAYANA"),
                    (164, "2023")):
        pdf.set_xy(15, y)
        pdf.cell(180, 6, line, align="C")
    pdf.add_page()
    pdf.set_xy(15, 20)
    pdf.multi_cell(180, 5, "BAB I PENDAHULUAN\n" + LEFT + "\n\nDAFTAR PUSTAKA\n" + "\n".join(REFERENCES))
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("artikel")
    return {"one": one_column_article(root / "satu-kolom.pdf"), "two": two_column_article(root / "dua-kolom.pdf"),
            "thesis": thesis(root / "tesis-rina.pdf")}


def test_two_columns_read_left_column_then_right(articles):
    from pypdf import PdfReader

    naive = _flat(PdfReader(str(articles["two"])).pages[0].extract_text())
    assert _flat(LEFT) not in naive, "the test PDF must interleave its columns for a naive reader"
    doc = load_documents(articles["two"])[0]
    text = _flat(doc.pages[0].text)
    assert _flat(LEFT) in text and _flat(RIGHT) in text
    # Title, authors and abstract (full width) first, then the left column, then the right.
    assert text.index(TITLE) < text.index("Budi Santoso") < text.index("Abstrak") < text.index(LEFT[:40]) \
        < text.index(RIGHT[:40])
    assert "Forum warga perlu dilembagakan" in _flat(doc.pages[1].text)


def test_one_column_text_is_kept_as_pypdf_reads_it(articles):
    from pypdf import PdfReader

    doc = load_documents(articles["one"])[0]
    assert [p.text for p in doc.pages] == [PdfReader(str(articles["one"])).pages[0].extract_text()]


@pytest.mark.parametrize("name", ["one", "two"])
def test_article_metadata_from_info_and_first_page(articles, name):
    doc = load_documents(articles[name])[0]
    assert doc.doc_type == "artikel"
    assert doc.title == TITLE
    m = doc.metadata
    assert (m["authors"], m["year"], m["journal"], m["volume"], m["issue"], m["pages"], m["doi"]) == \
        ("Budi Santoso; Siti Aminah", 2021, "Jurnal Ilmu Pemerintahan", "7", "2", "101-120", "10.1234/jip.v7i2.55")
    assert m["short_cite"] == "Santoso & Aminah (2021)"


def test_thesis_cover(articles):
    doc = load_documents(articles["thesis"])[0]
    assert doc.doc_type == "tesis"
    assert doc.title == "Implementasi Smart Governance dalam Pelayanan Publik di Kota Bekasi"
    assert (doc.metadata["authors"], doc.metadata["year"], doc.metadata["institution"]) == \
        ("Rina Putri", 2023, "UNIVERSITAS KRISNADWIPAYANA")


def test_regulation_pdf_is_no_article():
    from conftest import SHARED

    doc = load_documents(SHARED / "corpus" / "pdf" / "UU_14_2008_KIP_born-digital.pdf")[0]
    assert doc.doc_type == "regulasi" and "doi" not in doc.metadata


def _words(text: str) -> int:
    return len(text.split())


@pytest.mark.parametrize("name", ["one", "two", "thesis"])
def test_reference_list_is_its_own_section(articles, name):
    doc = load_documents(articles[name])[0]
    chunks = chunk(doc, 200, _words)
    refs = [c for c in chunks if c.section == "pustaka"]
    body = [c for c in chunks if c.section != "pustaka"]
    assert refs and body
    assert "Ansell" in " ".join(c.text for c in refs) and "Ansell" not in " ".join(c.text for c in body)
    assert all("DAFTAR PUSTAKA" in c.heading_path for c in refs)
    assert "Kemitraan pemerintah daerah" in " ".join(c.text for c in body)
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))


def test_chunker_version_says_articles_changed():
    assert CHUNKER_VERSION >= 4


def test_reference_list_answers_only_when_asked(articles, kb_factory, tmp_path):
    from kb.indexer import ingest
    from kb.search import search

    kb = kb_factory()
    report = ingest(kb, [articles["one"], articles["two"]])
    assert report.ok, report.failed
    # Both the body and the reference list speak of collaborative governance.
    hits = search(kb, "collaborative governance tata kelola kolaboratif", k=20, per_doc=None)
    sections = [h.section for h in hits]
    assert "pustaka" in sections and sections[0] != "pustaka"
    first_ref = sections.index("pustaka")
    assert all(s == "pustaka" for s in sections[first_ref:]), sections
    asked = search(kb, "daftar pustaka collaborative governance", k=5, per_doc=None)
    assert asked[0].section == "pustaka" and re.search(r"Ansell|Emerson", asked[0].text)
    assert asked[0].citation.startswith("Santoso & Aminah (2021)")


def test_justified_balanced_columns_read_in_order(tmp_path):
    """Columns as a typesetter writes them (justified, balanced, one column after the other): the same order."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    _head(pdf, with_info=False)
    pdf.set_y(80)
    with pdf.text_columns(text_align="J", ncols=2, gutter=8, balance=True) as cols:
        cols.write(text=f"{LEFT} {LEFT}\n\n{RIGHT} {RIGHT}\n\nDAFTAR PUSTAKA\n" + "\n".join(REFERENCES))
    pdf.output(str(tmp_path / "kolom.pdf"))
    doc = load_documents(tmp_path / "kolom.pdf")[0]
    text = _flat(doc.pages[0].text)
    assert doc.doc_type == "artikel"
    assert _flat(f"{LEFT} {LEFT} {RIGHT} {RIGHT} DAFTAR PUSTAKA") in text
    assert text.index(ABSTRACT[:30]) < text.index(LEFT[:30])


def test_a_year_the_abstract_cites_does_not_date_the_article():
    from ingest.article import describe

    first_page = (f"{TITLE}\nBudi Santoso\nAbstrak. Penelitian ini memakai model Ansell dan Gash (2008) dan "
                  "kerangka (Emerson dkk., 2012) untuk menelaah kota cerdas.")
    assert describe("artikel", first_page, TITLE, {"/CreationDate": "D:20220301"}).year == 2022
    assert describe("artikel", first_page + "\nDiterima 2021", TITLE, {}).year == 2021
