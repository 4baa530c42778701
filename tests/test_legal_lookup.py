"""Exact references in queries, Pasal lookup, `kb pasal`, and relation notes, on two small regional
regulations written for these tests (their content is invented; only the titles follow Bekasi's)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import pages

from helpers import kb_pasal_lines
from kb.cli import cli
from kb.copies import copies
from kb.legal_lookup import Reference, joined, lookup, named_law, parse_reference
from kb.lexical import Filters
from kb.search import MODES, search
from kb.store import StoredChunk

PERDA = """PERATURAN DAERAH KOTA BEKASI NOMOR 2 TAHUN 2020 TENTANG PENYELENGGARAAN KOTA CERDAS
DENGAN RAHMAT TUHAN YANG MAHA ESA WALI KOTA BEKASI,
Menimbang : bahwa layanan kota perlu dikelola dengan teknologi informasi;
MEMUTUSKAN: Menetapkan : PERATURAN DAERAH TENTANG PENYELENGGARAAN KOTA CERDAS.
BAB I KETENTUAN UMUM
Pasal 1
Kota cerdas adalah cara mengelola kota dengan data dan teknologi untuk melayani warga.
BAB II DEWAN KOTA CERDAS
Pasal 2
(1) Wali Kota membentuk dewan kota cerdas.
(2) Dewan kota cerdas beranggotakan unsur pemerintah, kampus, komunitas, dan dunia usaha.
Pasal 3
Dewan kota cerdas menyusun rencana induk kota cerdas untuk lima tahun.
BAB III JARINGAN DAN DATA
Pasal 4
Perangkat daerah berbagi data melalui satu portal data kota.
Pasal 5
(1) Pemerintah Daerah menyediakan titik akses internet gratis di taman, kantor kelurahan, dan alun-alun.
(2) Penyediaan titik akses dapat dilakukan melalui kerja sama dengan badan usaha telekomunikasi.
BAB IV KETENTUAN PENUTUP
Pasal 6
Pada saat Peraturan Daerah ini mulai berlaku, Peraturan Wali Kota Bekasi Nomor 110 Tahun 2016 tentang Pengembangan
Kota Cerdas Bekasi dicabut dan dinyatakan tidak berlaku.
Pasal 7
Peraturan Daerah ini mulai berlaku pada tanggal diundangkan.
Ditetapkan di Bekasi pada tanggal 10 Februari 2020
PENJELASAN ATAS PERATURAN DAERAH KOTA BEKASI NOMOR 2 TAHUN 2020 TENTANG PENYELENGGARAAN KOTA CERDAS
I. UMUM Kota yang tumbuh cepat membutuhkan pengelolaan berbasis data.
II. PASAL DEMI PASAL
Pasal 1 Cukup jelas. Pasal 2 Cukup jelas. Pasal 3 Cukup jelas. Pasal 4 Cukup jelas.
Pasal 5 Ayat (1) Yang dimaksud dengan "titik akses" adalah perangkat pemancar jaringan nirkabel untuk umum.
Ayat (2) Cukup jelas. Pasal 6 Cukup jelas. Pasal 7 Cukup jelas.
"""

PERWAL = """PERATURAN WALI KOTA BEKASI NOMOR 110 TAHUN 2016 TENTANG PENGEMBANGAN KOTA CERDAS BEKASI
Menimbang : bahwa kota cerdas perlu dikembangkan bertahap;
Pasal 1
Pengembangan kota cerdas dimulai dari pusat komando layanan warga.
Pasal 2
Pusat komando menerima laporan warga melalui aplikasi ponsel dan meneruskannya ke perangkat daerah.
"""


@pytest.mark.parametrize("query, ref", [
    ("Pasal 363 UU 23/2014", Reference("UU", "23", 2014, (), "363")),
    ("pasal 14 pp 28 tahun 2018", Reference("PP", "28", 2018, (), "14")),
    ("perda bekasi 2/2020 pasal 5", Reference("Perda", "2", 2020, ("bekasi",), "5")),
    ("UU No. 23 Tahun 2014 Pasal 366 ayat (2) huruf b", Reference("UU", "23", 2014, (), "366", "2", "b")),
    ("isi pasal 5a perwali kota bekasi no 110 th 2016", Reference("Perwal", "110", 2016, ("bekasi",), "5A")),
    ("Undang-Undang Nomor 9 Tahun 2015 Pasal I", Reference("UU", "9", 2015, (), "I")),
    ("Keputusan Wali Kota Bekasi Nomor 555.8/KEP.231-DISKOMINFOSTANDI/V/2021",
     Reference("Kepwal", "555.8/KEP.231-DISKOMINFOSTANDI/V", 2021, ("bekasi",))),
    ("pasal 3 pks dengan telkom", Reference("agreement", words=("telkom",), pasal="3")),
    ("pasal 363 uu 23 2014", Reference("UU", "23", 2014, (), "363")),  # typed in haste
    ("Pasal 363 UU23/2014", Reference("UU", "23", 2014, (), "363")),
    ("pasal 363 (2) uu 23/2014", Reference("UU", "23", 2014, (), "363", "2")),
    ("Pasal 17 UU Keterbukaan Informasi Publik",
     Reference("UU", pasal="17", title=("keterbukaan", "informasi", "publik"))),
    ("pp kerja sama daerah pasal 3 ayat (2)", Reference("PP", pasal="3", ayat="2", title=("kerja", "sama", "daerah"))),
])
def test_references_written_as_staff_type_them(query, ref):
    assert parse_reference(query) == ref


@pytest.mark.parametrize("query", ["dengan siapa daerah boleh bekerja sama?", "pasal 363", "kota cerdas 2020",
                                   "apa isi Pasal 5 UU ini", "menurut UU Pemerintahan Daerah siapa mitra daerah",
                                   "pasal 363 (2014)", "UU 5 tahun ini"])
def test_queries_without_a_regulation_name_none(query):
    assert parse_reference(query) is None


def test_a_law_named_by_its_title_without_a_pasal_is_named_only_to_prefer_its_text():
    law = named_law("menurut UU Pemerintahan Daerah, siapa mitra daerah?")
    assert law == Reference("UU", title=("pemerintahan", "daerah"))
    assert named_law("UU 23/2014") == parse_reference("UU 23/2014")
    assert named_law("dengan siapa daerah boleh bekerja sama?") is None


@pytest.fixture(scope="module")
def regional_kb(tmp_path_factory):
    from kb.base import KnowledgeBase
    from kb.indexer import ingest

    folder = tmp_path_factory.mktemp("regional")
    (folder / "perda_2020_2.txt").write_text(PERDA, encoding="utf-8")
    (folder / "perwal_2016_110.txt").write_text(PERWAL, encoding="utf-8")
    kb = KnowledgeBase.open(folder / "kb")
    assert ingest(kb, [folder / "perda_2020_2.txt", folder / "perwal_2016_110.txt"]).ok
    yield kb
    kb.close()


@pytest.mark.parametrize("mode", MODES)
def test_an_exact_reference_puts_its_pasal_then_its_penjelasan_first(regional_kb, mode):
    hits = search(regional_kb, "perda bekasi 2/2020 pasal 5", k=5, mode=mode)
    assert [(h.pasal, h.section) for h in hits[:2]] == [("5", "batang_tubuh"), ("5", "penjelasan")]
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert hits[0].citation == "Perda Kota Bekasi 2/2020, Pasal 5"
    assert hits[1].citation == "Perda Kota Bekasi 2/2020, Penjelasan Pasal 5"
    assert len({h.chunk_id for h in hits}) == len(hits), "a promoted chunk is not listed twice"


def test_the_reference_respects_filters_and_names_its_ayat(regional_kb):
    assert all(h.doc_type == "berita" for h in search(regional_kb, "perda bekasi 2/2020 pasal 5",
                                                      filters=Filters(doc_type="berita")))
    hit = search(regional_kb, "Pasal 5 ayat (2) Perda Kota Bekasi Nomor 2 Tahun 2020")[0]
    assert hit.citation == "Perda Kota Bekasi 2/2020, Pasal 5 ayat (2)"


def test_citation_names_the_best_matching_ayat(regional_kb):
    hits = search(regional_kb, "siapa saja anggota dewan kota cerdas, apakah kampus dan komunitas ikut?", k=3)
    assert hits[0].citation == "Perda Kota Bekasi 2/2020, Pasal 2 ayat (2)"


def test_a_revoked_regulation_says_by_what(regional_kb):
    hit = search(regional_kb, "perwal kota bekasi 110/2016 pasal 2")[0]
    assert hit.citation == "Perwal Bekasi 110/2016, Pasal 2 — dicabut dengan / revoked by Perda Kota Bekasi 2/2020"
    perda = search(regional_kb, "perda bekasi 2/2020 pasal 6")[0]
    assert "dicabut" not in perda.citation


def test_a_revocation_ingested_later_shows_in_the_next_search(tmp_path, kb_factory):
    """What revokes what is read once per index generation; the ingest of the revoking Perda is a new one."""
    from kb.indexer import ingest

    (tmp_path / "perwal_2016_110.txt").write_text(PERWAL, encoding="utf-8")
    (tmp_path / "perda_2020_2.txt").write_text(PERDA, encoding="utf-8")
    kb = kb_factory()
    assert ingest(kb, [tmp_path / "perwal_2016_110.txt"]).ok
    query = "perwal kota bekasi 110/2016 pasal 2"
    assert search(kb, query)[0].citation == "Perwal Bekasi 110/2016, Pasal 2"
    assert search(kb, query)[0].citation == "Perwal Bekasi 110/2016, Pasal 2"
    assert ingest(kb, [tmp_path / "perda_2020_2.txt"]).ok
    assert search(kb, query)[0].citation.endswith("— dicabut dengan / revoked by Perda Kota Bekasi 2/2020")


def test_kb_pasal_prints_the_pasal_its_ayat_and_penjelasan(regional_kb):
    data_dir = str(regional_kb.settings.data_dir)
    lines = kb_pasal_lines(regional_kb, "Perda Kota Bekasi 2/2020", "5")
    assert lines[0] == "Perda Kota Bekasi 2/2020, Pasal 5"
    assert lines[1].startswith("(1) Pemerintah Daerah menyediakan") and lines[2].startswith("(2) Penyediaan")
    assert lines[3].startswith("Penjelasan: Ayat (1) Yang dimaksud dengan \"titik akses\"")
    records = json.loads(CliRunner().invoke(cli, ["pasal", "perda bekasi 2/2020", "5", "--json",
                                                  "--data-dir", data_dir]).output)
    assert [r["doc_id"] for r in records] == ["perda_2020_2"] and records[0]["penjelasan"].startswith("Ayat (1)")
    missing = CliRunner().invoke(cli, ["pasal", "Perda Kota Bekasi 2/2020", "99", "--data-dir", data_dir])
    assert missing.exit_code != 0 and "tidak ada di indeks / not in the index" in missing.output



def test_a_named_pasal_too_long_for_one_chunk_is_one_hit(regulation_kb):
    """UU 23/2014 Pasal 1 (its 44 definitions) fills four chunks; asked for by name, it is one hit holding them
    all, once, and an amending law's Pasal I stays one hit per change."""
    hits = search(regulation_kb, "Pasal 1 UU 23/2014", k=5)
    named = [h for h in hits if (h.doc_id, h.pasal) == ("uu_2014_23", "1")]
    assert len(named) == 1 and hits[0].citation == "UU 23/2014, Pasal 1", [h.citation for h in hits]
    assert "1. Pemerintah Pusat adalah" in hits[0].text and "43. Desa adalah" in hits[0].text
    assert hits[0].text.count("Pemerintah Pusat adalah Presiden") == 1
    changes = [h.citation for h in search(regulation_kb, "UU 9/2015 Pasal I", k=10)]
    assert changes[:3] == ["UU 9/2015, Pasal I", "UU 9/2015, Pasal I angka 1 (Pasal 63) ayat (1)",
                           "UU 9/2015, Pasal I angka 2 (Pasal 65)"], changes


def test_joined_chunks_keep_each_page_mark():
    meta = {"doc_id": "d", "page_start": 3, "page_end": 4}
    a = StoredChunk("d#1", "x" * 10, {**meta, "page_offsets": "0:3,6:4"})
    b = StoredChunk("d#2", "y" * 5, {**meta, "page_start": 4, "page_end": 5, "page_offsets": "0:4,2:5"})
    one = joined([a, b])
    assert (one.chunk_id, one.text) == ("d#1", "x" * 10 + "\n" + "y" * 5)
    assert (one.meta["page_start"], one.meta["page_end"], one.meta["page_offsets"]) == (3, 5, "0:3,6:4,13:5")
    assert joined([a]) is a


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 30), st.lists(st.integers(1, 3), min_size=1, max_size=4)), min_size=1,
                max_size=5))
def test_every_character_of_joined_chunks_is_on_its_own_page(pieces):
    """Invariant: a character of the joined text is on the page its chunk put it on."""
    chunks, page = [], 1
    for i, (length, steps) in enumerate(pieces):
        marks = []
        for j, step in enumerate(steps):  # pages ascend within a chunk and on from the last one
            page += step if j else 0
            marks.append((j * length // len(steps), page))
        chunks.append(StoredChunk(f"d#{i}", chr(97 + i) * length, {"page_start": marks[0][1], "page_end": page,
                                                                    "page_offsets": pages.encode(marks)}))
    one = joined(chunks)
    offset = 0
    for c in chunks:
        for j in range(len(c.text)):
            assert pages.span_pages(one.meta["page_offsets"], offset + j, offset + j + 1) == \
                pages.span_pages(c.meta["page_offsets"], j, j + 1)
        offset += len(c.text) + 1
    assert (one.meta["page_start"], one.meta["page_end"]) == (chunks[0].meta["page_start"], page)

AMENDED = """UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 1 TAHUN 2020 TENTANG LAYANAN KOTA
Pasal 1
Pemerintah Daerah menyelenggarakan layanan kota bagi setiap warga tanpa membedakan asal daerahnya.
Pasal 2
Layanan kota diberikan paling lambat 14 (empat belas) hari sejak permohonan warga diterima lengkap.
"""
AMENDING = """UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 2 TAHUN 2021
TENTANG PERUBAHAN ATAS UNDANG-UNDANG NOMOR 1 TAHUN 2020 TENTANG LAYANAN KOTA
Pasal I
Beberapa ketentuan dalam Undang-Undang Nomor 1 Tahun 2020 tentang Layanan Kota diubah sebagai berikut:
1. Ketentuan Pasal 2 diubah sehingga berbunyi sebagai berikut:
Pasal 2
Layanan kota diberikan paling lambat 7 (tujuh) hari sejak permohonan warga diterima lengkap.
Pasal II
Undang-Undang ini mulai berlaku pada tanggal diundangkan.
"""


def test_a_named_pasal_lists_each_amendment_once_though_the_amending_law_has_two_copies(tmp_path, kb_factory):
    from kb.indexer import ingest

    copy = AMENDING + "Disahkan di Jakarta pada tanggal 2 Januari 2021\n"  # another file of the same law
    files = {"uu_2020_1.txt": AMENDED, "uu_2021_2.txt": AMENDING, "uu_2021_2_salinan.txt": copy}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    kb = kb_factory()
    assert ingest(kb, [tmp_path / name for name in files]).ok
    hits = search(kb, "Pasal 2 UU 1/2020", k=5)
    changes = [h for h in hits if h.citation.startswith("UU 2/2021, Pasal I angka 1")]
    assert hits[0].citation.startswith("UU 1/2020, Pasal 2") and len(changes) == 1, [h.citation for h in hits]
    assert "7 (tujuh) hari" in changes[0].text and hits[0].citation.count("diubah dengan") == 1, hits[0].citation
    (v,) = lookup(kb, "UU 1/2020", "2")
    assert [c.meta["doc_id"] for c in v.amendments] == [copies(kb).of("uu_2021_2")]
