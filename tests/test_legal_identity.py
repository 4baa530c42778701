"""Recognising regulations and their relations from their text: titles written for these tests in the
forms Indonesian regulations use, and the relations stated in the 18 real ones."""
from __future__ import annotations

import pytest

from conftest import REGULASI
from ingest.legal import legal_metadata
from ingest.regulation import describe, identify, references


@pytest.mark.parametrize("title, cite, issuer", [
    ("UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 23 TAHUN 2014 TENTANG PEMERINTAHAN DAERAH", "UU 23/2014", ""),
    ("PERATURAN PEMERINTAH PENGGANTI UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 2 TAHUN 2014 TENTANG PERUBAHAN",
     "Perppu 2/2014", ""),
    ("PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 28 TAHUN 2018 TENTANG KERJA SAMA DAERAH", "PP 28/2018", ""),
    ("PERATURAN PRESIDEN REPUBLIK INDONESIA NOMOR 95 TAHUN 2018 TENTANG SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK",
     "Perpres 95/2018", ""),
    ("PERATURAN MENTERI DALAM NEGERI REPUBLIK INDONESIA NOMOR 22 TAHUN 2020 TENTANG TATA CARA KERJA SAMA DAERAH",
     "Permendagri 22/2020", ""),
    ("PERATURAN MENTERI KOMUNIKASI DAN INFORMATIKA NOMOR 5 TAHUN 2020 TENTANG PENYELENGGARA SISTEM ELEKTRONIK",
     "Permenkominfo 5/2020", ""),
    ("PERATURAN DAERAH KOTA BEKASI NOMOR 2 TAHUN 2020 TENTANG PENYELENGGARAAN KOTA CERDAS",
     "Perda Kota Bekasi 2/2020", "Kota Bekasi"),
    ("PERATURAN DAERAH PROVINSI JAWA BARAT NOMOR 9 TAHUN 2019 TENTANG RENCANA INDUK", "Perda Provinsi Jawa Barat 9/2019",
     "Provinsi Jawa Barat"),
    ("PERATURAN WALI KOTA BEKASI NOMOR 110 TAHUN 2016 TENTANG PENGEMBANGAN KOTA CERDAS BEKASI",
     "Perwal Bekasi 110/2016", "Kota Bekasi"),
    ("PERATURAN WALIKOTA BEKASI NOMOR 7 TAHUN 2O2O TENTANG LAYANAN DATA", "Perwal Bekasi 7/2020", "Kota Bekasi"),
    ("PERATURAN BUPATI BEKASI NOMOR 12 TAHUN 2021 TENTANG SATU DATA", "Perbup Bekasi 12/2021",
     "Kabupaten Bekasi"),
    ("PERATURAN GUBERNUR JAWA BARAT NOMOR 30 TAHUN 2019 TENTANG JABAR DIGITAL", "Pergub Jawa Barat 30/2019",
     "Provinsi Jawa Barat"),
    ("KEPUTUSAN WALI KOTA BEKASI NOMOR 555.8/KEP.231-DISKOMINFOSTANDI/V/2021 TENTANG TIM PELAKSANA KOTA CERDAS",
     "Kepwal Bekasi 555.8/KEP.231-DISKOMINFOSTANDI/V/2021", "Kota Bekasi"),
])
def test_titles_give_jenis_number_year_issuer_and_short_citation(title, cite, issuer):
    reg = identify(f"SALINAN\n{title}\nDENGAN RAHMAT TUHAN YANG MAHA ESA\nMenimbang : a. bahwa ...")
    assert reg is not None and reg.cite == cite and reg.issuer == issuer
    assert reg.tentang and reg.tentang[0].isupper() and not reg.tentang.isupper()


def test_keputusan_number_carries_its_year():
    reg = identify("KEPUTUSAN WALI KOTA BEKASI NOMOR 555.8/KEP.231-DISKOMINFOSTANDI/V/2021 TENTANG TIM PELAKSANA")
    assert (reg.jenis, reg.nomor, reg.tahun) == ("Kepwal", "555.8/KEP.231-DISKOMINFOSTANDI/V/2021", 2021)


def test_a_regulation_mentioned_in_other_text_is_not_its_identity():
    news = ("Bekasi kembali membahas kota cerdas. Menurut Peraturan Daerah Kota Bekasi Nomor 2 Tahun 2020 tentang "
            "Penyelenggaraan Kota Cerdas, setiap perangkat daerah wajib membagi data.")
    assert identify(news) is None
    agreement = ("PERJANJIAN KERJA SAMA ANTARA PEMERINTAH KOTA BEKASI DENGAN PT JARINGAN KOTA NUSANTARA TENTANG "
                 "PENYEDIAAN JARINGAN NOMOR: 555/7/DISKOMINFO/2019\nMengingat Peraturan Pemerintah Nomor 28 Tahun 2018 "
                 "tentang Kerja Sama Daerah; Pada hari ini ...")
    assert legal_metadata(agreement)["doc_type"] == "perjanjian"


def test_relations_and_dates_written_in_a_regulation():
    text = ("PERATURAN DAERAH KOTA BEKASI NOMOR 4 TAHUN 2022 TENTANG PERUBAHAN ATAS PERATURAN DAERAH KOTA BEKASI NOMOR 2 "
            "TAHUN 2020 TENTANG PENYELENGGARAAN KOTA CERDAS\nDENGAN RAHMAT TUHAN YANG MAHA ESA\n"
            "Pasal 1\nIsi perubahan.\nPasal 2\nPada saat Peraturan Daerah ini mulai berlaku, Peraturan Wali Kota Bekasi "
            "Nomor 110 Tahun 2016 tentang Pengembangan Kota Cerdas Bekasi dicabut dan dinyatakan tidak berlaku.\n"
            "Pasal 3\nPeraturan Daerah ini mulai berlaku pada tanggal diundangkan.\nDitetapkan di Bekasi pada tanggal "
            "3 Maret 2022 WALI KOTA BEKASI, ttd. Diundangkan di Bekasi pada tanggal 4 Maret 2O22")
    meta = legal_metadata(text)
    assert meta["short_cite"] == "Perda Kota Bekasi 4/2022"
    assert meta["mengubah"] == "Perda Kota Bekasi 2/2020"
    assert meta["mencabut"] == "Perwal Bekasi 110/2016"
    assert (meta["tanggal_ditetapkan"], meta["tanggal_diundangkan"]) == ("2022-03-03", "2022-03-04")


def test_references_in_running_text_with_ocr_digits():
    refs = references("sebagaimana diatur dalam Undang-Undang Nomor 23 Tahun 2Ol4 dan Peraturan Pemerintah Nomor 5O Tahun "
                      "2007 tentang Tata Cara")
    assert [r.cite for r in refs] == ["UU 23/2014", "PP 50/2007"]


def _meta(name: str) -> dict:
    reg = describe((REGULASI / f"{name}.md").read_text(encoding="utf-8"))
    assert reg is not None
    return reg.metadata()


def test_real_amendment_revocation_and_dates():
    assert _meta("uu_2015_9")["mengubah"] == "UU 23/2014"
    assert _meta("uu_2016_19")["mengubah"] == "UU 11/2008", "OCR 'NOMOR I1 TAHUN 2OO8' in the title"
    assert _meta("pp_2018_28")["mencabut"] == "PP 50/2007"
    uu = _meta("uu_2014_23")
    assert uu["mencabut"] == "UU 5/1962; UU 32/2004"
    assert uu["mencabut_sebagian"] == "UU 28/2009; UU 17/2014", "items that revoke only some Pasal"
    assert (uu["tanggal_ditetapkan"], uu["tanggal_diundangkan"]) == ("2014-09-30", "2014-10-02")
    assert _meta("pp_2021_46")["tanggal_diundangkan"] == "2021-02-02", "OCR '2O2T' read in the regulation's year"


@pytest.mark.parametrize("name", sorted(p.stem for p in REGULASI.glob("*.md")))
def test_every_real_regulation_is_identified_from_its_text(name):
    meta = _meta(name)
    jenis, year, number = name.split("_")
    assert meta["short_cite"] == f"{jenis.upper()} {number}/{year}"
    assert meta["tentang"]


def test_a_title_word_garbled_by_ocr_is_read_from_the_enacting_line():
    assert _meta("pp_2017_12")["tentang"] == "Pembinaan dan Pengawasan Penyelenggaraan Pemerintahan Daerah"
    head = "PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 1 TAHUN 2020 TENTANG PENYELENGGARAAN KOTA CERDAS DAN DATA\n"
    enacted = "MEMUTUSKAN:\nMenetapkan: PERATURAN PEMERINTAH TEMTANG PENYELENGGARAAN KOTA CERDAS DAN DATA.\n"
    garbled = head.replace("CERDAS", "CERDA5").replace("PENYELENGGARAAN", "PEMELENGGAMAN")
    assert identify(garbled).tentang == "Pemelenggaman Kota Cerda5 dan Data"
    assert identify(garbled + enacted).tentang == "Penyelenggaraan Kota Cerdas dan Data"
    other = enacted.replace("KOTA", "DESA")  # another title: not the same line, nothing taken from it
    assert identify(garbled + other).tentang == identify(garbled).tentang
