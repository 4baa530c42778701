"""Loaders on real files made here: pages and page numbers kept, furniture dropped, headings found."""
from __future__ import annotations

import json

from helpers import make_docx, make_pdf
from ingest.loaders import beir_documents, load_pages
from ingest.pipeline import load_documents

PAGES = [
    "Pemerintah Kota Bekasi menjalin kerja sama dengan PT Telkom sejak 2017.",
    "Program ini memasang seribu titik wifi di ruang publik kota.",
    "Evaluasi menunjukkan anggaran menjadi faktor penghambat utama.",
]


def test_pdf_keeps_page_numbers_and_drops_running_header(tmp_path):
    pdf = make_pdf(tmp_path / "laporan.pdf", PAGES, header="LAPORAN KOTA CERDAS")
    pages, paged = load_pages(pdf)
    assert paged
    assert [p.number for p in pages] == [1, 2, 3]
    for page, text in zip(pages, PAGES):
        assert text.split()[0] in page.text
        assert "- " not in page.text.split("\n")[0]  # "- 2 -" line gone
        assert "LAPORAN KOTA CERDAS" not in page.text  # repeated on every page: furniture


def test_pdf_document_gets_file_stem_as_doc_id(tmp_path):
    pdf = make_pdf(tmp_path / "laporan-2019.pdf", PAGES)
    (doc,) = load_documents(pdf)
    assert doc.doc_id == "laporan-2019"
    assert doc.paged and len(doc.pages) == 3
    assert len(doc.content_hash) == 64


def test_docx_headings_become_markdown_headings(tmp_path):
    path = make_docx(tmp_path / "catatan.docx", [
        ("h1", "Kota Cerdas Bekasi"), ("p", "Program dimulai pada 2016."),
        ("h2", "Faktor Penghambat"), ("p", "Anggaran terbatas."),
    ])
    (doc,) = load_documents(path)
    assert doc.title == "Kota Cerdas Bekasi"
    assert "## Faktor Penghambat" in doc.text
    assert not doc.paged


def test_html_keeps_article_text_not_navigation(tmp_path):
    html = """<html><head><title>Berita Bekasi</title><script>var tracking = 1;</script></head><body>
    <nav><a href="/">Beranda</a> | <a href="/olahraga">Olahraga</a></nav>
    <article><h1>Seribu Titik Wifi untuk Warga Bekasi</h1>
    <p>Pemerintah Kota Bekasi menargetkan seribu titik wifi gratis yang tersebar di kelurahan.</p>
    <p>Program ini dijalankan bersama mitra telekomunikasi dan diawasi dinas komunikasi.</p>
    <p>Warga dapat memakai layanan ini di taman, kantor kelurahan dan ruang publik lainnya.</p></article>
    <footer>Hak cipta redaksi</footer></body></html>"""
    path = tmp_path / "wifi.html"
    path.write_text(html, encoding="utf-8")
    (doc,) = load_documents(path)
    assert "seribu titik wifi gratis" in doc.text
    assert "tracking" not in doc.text
    assert doc.title == "Seribu Titik Wifi untuk Warga Bekasi"


def test_markdown_title_from_first_heading_and_cp1252_text(tmp_path):
    md = tmp_path / "ringkasan.md"
    md.write_text("# Ringkasan Studi\n\nIsi ringkasan.\n", encoding="utf-8")
    assert load_documents(md)[0].title == "Ringkasan Studi"
    legacy = tmp_path / "lama.txt"
    legacy.write_bytes("Kerja sama “daerah” – café".encode("cp1252"))
    assert load_documents(legacy)[0].text == "Kerja sama “daerah” – café"


def test_a_cited_year_is_not_the_documents(tmp_path):
    """A chapter that opens by citing "(Kristiyono, 2015)" and a figure's source was not written in 2015."""
    chapter = tmp_path / "bab1.txt"
    chapter.write_text("BAB I\n\nPENDAHULUAN\n\nTeknologi mengubah pemerintahan (Kristiyono, 2015). Menurut "
                       "Hakim (2019) internet mempermudah layanan.\n\nSumber: Databoks Katadata 2021\n\n"
                       "Survei tahun 2023 mencatat kenaikan pengguna.\n", encoding="utf-8")
    assert load_documents(chapter)[0].year == 2023
    only_cited = tmp_path / "kutipan.txt"
    only_cited.write_text("Ringkasan\n\nKolaborasi menurut Ansell & Gash (2008) dan (Emerson dkk., 2012).\n",
                          encoding="utf-8")
    assert load_documents(only_cited)[0].year is None


def test_sidecar_overrides_inferred_metadata(tmp_path):
    path = tmp_path / "wawancara.txt"
    path.write_text("Catatan wawancara dengan Diskominfo tahun 2021.", encoding="utf-8")
    (tmp_path / "wawancara.txt.meta.yaml").write_text("doc_id: wawancara-diskominfo\ndoc_type: berita\n"
                                                      "title: Wawancara Diskominfo\ntahun: 2022\n")
    (doc,) = load_documents(path)
    assert (doc.doc_id, doc.doc_type, doc.title, doc.year) == ("wawancara-diskominfo", "berita",
                                                               "Wawancara Diskominfo", 2022)


def test_regulation_identity_inferred_from_title(tmp_path):
    path = tmp_path / "perda.txt"
    path.write_text("PERATURAN DAERAH KOTA BEKASI NOMOR 2 TAHUN 2020 TENTANG PENYELENGGARAAN KOTA CERDAS\n\n"
                    "DENGAN RAHMAT TUHAN YANG MAHA ESA\n", encoding="utf-8")
    (doc,) = load_documents(path)
    assert doc.doc_type == "regulasi"
    assert doc.metadata["short_cite"] == "Perda Kota Bekasi 2/2020"
    assert doc.year == 2020
    assert "Kota Cerdas" in doc.title


def test_beir_jsonl_one_document_per_line(tmp_path):
    path = tmp_path / "corpus.jsonl"
    rows = [{"_id": "p1", "title": "Bekasi", "text": "Kota di Jawa Barat."},
            {"_id": "p2", "title": "", "text": "Tanpa judul."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = beir_documents(path)
    assert [d.doc_id for d in docs] == ["p1", "p2"]
    assert docs[0].text.startswith("Bekasi") and docs[1].title == "p2"
