"""Regional legal acts: Keputusan and Instruksi by diktum, Peraturan DPRD (the real Madiun amendment),
Surat Edaran by numbered points, Peraturan Kepala Dinas, and an act whose identity cannot be read. The PDFs
are the shared government PDFs and those tests/pdfgen.py writes; what each holds is bench/gold/documents.yaml."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import SEED, SHARED
from helpers import kb_pasal_lines
from ingest.legal import legal_chunks, legal_metadata
from ingest.legal_tree import parse
from ingest.pipeline import load_documents
from ingest.regulation import identify
from kb.cli import cli
from kb.citations import cite
from kb.legal_lookup import Reference, parse_reference
from kb.search import search
from kb.store import chunk_metadata
from pdfgen import KEPWAL, SE_MENTERI, UNNUMBERED, read_gold, write_act, write_acts

PDFS = SHARED / "corpus" / "pdf"
GOLD = read_gold()
# Page furniture (ingest.furniture) takes "NOMOR : 224 /BAPPEDA/2023" for a running header: it stands in the
# top lines of the first page and again of the Lampiran page, 2 pages of 3.


def _words(text: str) -> int:
    """Token count for chunking without loading the embedder: about one token per word."""
    return len(text.split()) + 2


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """Every gold PDF read as `kb ingest` reads it: file name -> Document."""
    folder = tmp_path_factory.mktemp("acts")
    paths = write_acts(folder) + [PDFS / e["file"] for e in GOLD if e["source"] == "shared"]
    return {p.name: load_documents(p)[0] for p in paths}


@pytest.mark.parametrize("entry", [pytest.param(e, id=e["file"]) for e in GOLD])
def test_identity_of_every_gold_pdf(documents, entry):
    meta = documents[entry["file"]].metadata
    if entry.get("status_reason"):
        assert "jenis" not in meta and "tidak terbaca" in meta["status_reason"]
        return
    read = {k: meta.get(k, "") for k in ("jenis", "nomor", "tahun", "issuer")}
    assert read == {k: entry[k] for k in read}
    assert meta.get("mengubah", "") == entry.get("mengubah", "")
    assert "status_reason" not in meta


@pytest.mark.parametrize("entry", [pytest.param(e, id=e["file"]) for e in GOLD])
def test_units_and_changes_of_every_gold_pdf(documents, entry):
    doc = documents[entry["file"]]
    assert doc.metadata.get("unit_kind", "pasal") == entry.get("unit_kind", "pasal")
    tree = parse(doc.pages, amending=bool(doc.metadata.get("mengubah")), units=entry.get("unit_kind", "pasal"))
    units = [p.number for p in tree.body] if tree else []
    changes = [c.target for p in tree.body for c in p.changes] if tree else []
    assert (units, changes) == (entry["units"], entry["changes"])
    if entry.get("lampiran"):
        assert tree.lampiran is not None and "SUSUNAN KEANGGOTAAN" in tree.lampiran.text


def test_keputusan_chunks_are_diktum_with_a_lampiran_and_cite_as_diktum(documents):
    doc = documents[KEPWAL.name]
    chunks = legal_chunks(doc, 400, _words)
    body = [c for c in chunks if c.section == "batang_tubuh"]
    assert [c.pasal for c in body] == ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA"]
    kedua = body[1]
    assert kedua.context == "Kepwal Bekasi 555.8/KEP.231-DISKOMINFOSTANDI/V/2021 · Diktum KEDUA"
    assert kedua.text.splitlines()[1:] == ["a. menyusun rencana aksi tahunan kota cerdas;",
                                          "b. mengoordinasikan perangkat daerah dalam membangun aplikasi layanan "
                                          "publik;", "c. memantau dan mengevaluasi pelaksanaan program kota cerdas; "
                                                     "dan", "d. melaporkan hasil pelaksanaan tugas kepada Wali Kota "
                                                            "setiap 6 (enam) bulan."]
    assert "Ditetapkan" not in body[-1].text, "the signature closes the last diktum"
    lampiran = [c for c in chunks if c.section == "lampiran"]
    assert lampiran and all(c.pasal is None for c in lampiran)
    assert any("Ketua : Sekretaris Daerah Kota Bekasi" in c.text for c in lampiran)
    assert lampiran[0].page_start == 3
    meta = chunk_metadata(doc, kedua, len(chunks))
    assert cite(meta) == "Kepwal Bekasi 555.8/KEP.231-DISKOMINFOSTANDI/V/2021, Diktum KEDUA, hlm. 1"


SE_CITE = "SE Menteri Komunikasi dan Informatika 5/2023"


def test_a_surat_edaran_is_chunked_by_its_numbered_points_and_cites_them_as_angka(documents):
    doc = documents[SE_MENTERI.name]
    assert doc.metadata["unit_kind"] == "angka"
    assert doc.metadata["tentang"] == "Penggunaan Layanan Komputasi Awan oleh Instansi Pemerintah"
    chunks = legal_chunks(doc, 400, _words)
    body = [c for c in chunks if c.section == "batang_tubuh"]
    assert [c.pasal for c in body] == ["1", "2", "3", "4"], "the numbered addressees and Tembusan are no points"
    isi = body[2]
    assert isi.context == f"{SE_CITE} · angka 3 Isi Edaran"  # the point's heading line
    assert isi.text.splitlines() == [
        "Setiap instansi pemerintah yang menggunakan layanan komputasi awan:",
        "a. menempatkan data strategis di pusat data nasional atau pusat data di wilayah Indonesia;",
        "b. memastikan penyedia layanan memiliki sertifikat keamanan informasi yang masih berlaku; dan",
        "c. menyimpan salinan cadangan data paling sedikit 1 (satu) kali dalam seminggu."]
    assert body[-1].text.endswith("setiap akhir tahun anggaran."), "the closing, signature and Tembusan are not"
    assert not any("Tembusan" in c.text or "Demikian" in c.text for c in chunks)
    assert "Yth. 1. Pimpinan Kementerian/Lembaga" in chunks[0].text and chunks[0].section == "konsiderans"
    meta = chunk_metadata(doc, isi, len(chunks))
    assert cite(meta) == f"{SE_CITE}, angka 3, hlm. 1"
    assert cite(meta, None, "b") == f"{SE_CITE}, angka 3 huruf b, hlm. 1"


def test_an_amending_peraturan_dprd_is_read_change_by_change(documents):
    doc = documents["Peraturan_DPRD_Kota_Madiun_1_2024_Tatib_BSrE.pdf"]
    assert doc.title.startswith("Peraturan DPRD Kota Madiun 1/2024 tentang Perubahan Kedua atas")
    chunks = legal_chunks(doc, 400, _words)
    headings = [c.heading_path for c in chunks if c.section == "batang_tubuh" and c.pasal == "I"]
    assert ("Pasal I angka 24", "Pasal 111A") in headings, "a Pasal inserted as '111a'"
    assert ("Pasal I angka 27", "Pasal 134") in headings
    ii = [c for c in chunks if c.pasal == "II"]
    assert [c.text for c in ii] == ["Peraturan DPRD ini mulai berlaku pada tanggal diundangkan."]
    change = next(c for c in chunks if c.heading_path == ("Pasal I angka 24", "Pasal 111A"))
    assert cite(chunk_metadata(doc, change, len(chunks))).startswith(
        "Peraturan DPRD Kota Madiun 1/2024, Pasal I angka 24 (Pasal 111A)")


@pytest.mark.parametrize("title, cite_, issuer", [
    ("KEPUTUSAN GUBERNUR KALIMANTAN BARAT\nNOMOR : 224 /BAPPEDA/2023\nTENTANG\nTIM KOORDINASI\nGUBERNUR KALIMANTAN "
     "BARAT,", "Kepgub Kalimantan Barat 224/BAPPEDA/2023", "Provinsi Kalimantan Barat"),
    ("KEPUTUSAN SEKRETARIS DAERAH KOTA BEKASI NOMOR 800/45-BKPSDM/2022 TENTANG TIM", "Kepsekda Kota Bekasi "
     "800/45-BKPSDM/2022", "Kota Bekasi"),
    ("PERATURAN SEKRETARIS DAERAH PROVINSI JAWA BARAT NOMOR 7 TAHUN 2021 TENTANG TATA NASKAH",
     "Persekda Provinsi Jawa Barat 7/2021", "Provinsi Jawa Barat"),
    ("INSTRUKSI PRESIDEN REPUBLIK INDONESIA NOMOR 3 TAHUN 2003 TENTANG KEBIJAKAN DAN STRATEGI NASIONAL "
     "PENGEMBANGAN E-GOVERNMENT", "Inpres 3/2003", ""),
    ("INSTRUKSI GUBERNUR JAWA BARAT NOMOR 1 TAHUN 2020 TENTANG KERJA DARI RUMAH", "Ingub Jawa Barat 1/2020",
     "Provinsi Jawa Barat"),
    ("INSTRUKSI BUPATI BEKASI NOMOR 2 TAHUN 2021 TENTANG SATU DATA", "Inbup Bekasi 2/2021",
     "Kabupaten Bekasi"),
    ("KEPUTUSAN MENTERI DALAM NEGERI REPUBLIK INDONESIA NOMOR 100.2.1.3-1234 TAHUN 2023 TENTANG KODE WILAYAH",
     "Kepmen 100.2.1.3-1234/2023", "Menteri Dalam Negeri"),
    ("KEPUTUSAN DEWAN PERWAKILAN RAKYAT DAERAH KOTA BEKASI NOMOR 5 TAHUN 2022 TENTANG PANITIA KHUSUS",
     "Keputusan DPRD Kota Bekasi 5/2022", "Kota Bekasi"),
    ("SURAT EDARAN MENTERI DALAM NEGERI NOMOR 100.2/12/SJ TENTANG SATU DATA\nYth. Gubernur\nJakarta, 5 Mei 2023",
     "SE Menteri Dalam Negeri 100.2/12/SJ/2023", "Menteri Dalam Negeri"),
])
def test_titles_of_other_regional_and_ministerial_acts(title, cite_, issuer):
    reg = identify(f"SALINAN\n{title}\nMenimbang : a. bahwa ...")
    assert reg is not None and (reg.cite, reg.issuer) == (cite_, issuer)


def test_an_act_without_a_number_is_ingested_with_its_reason(tmp_path, kb_factory):
    from kb.indexer import ingest

    pdf = write_act(UNNUMBERED, tmp_path)
    doc = load_documents(pdf)[0]
    assert doc.doc_type == "regulasi" and doc.metadata["unit_kind"] == "diktum"
    assert doc.title == "Keputusan Wali Kota Bekasi tentang Panitia Pelaksana Hari Jadi Kota Bekasi"
    assert doc.metadata["status_reason"] == (
        "nomor/tahun tidak terbaca / number/year unreadable; tambahkan sidecar / add a sidecar "
        "Kepwal_Bekasi_tanpa_nomor.pdf.meta.yaml: jenis, nomor, tahun")
    kb = kb_factory()
    assert ingest(kb, [pdf]).ok
    rec = kb.store.document(doc.doc_id)
    assert rec.status == "ok" and rec.metadata["status_reason"] == doc.metadata["status_reason"]
    assert [c.meta["pasal"] for c in kb.store.iter_chunks(where={"section": "batang_tubuh"})] == ["KESATU", "KEDUA"]

    (tmp_path / f"{pdf.name}.meta.yaml").write_text("jenis: Kepwal\nnomor: 100.3/KEP.12-BAG.UMUM/VIII/2024\n"
                                                    "tahun: 2024\nissuer: Kota Bekasi\n", encoding="utf-8")
    assert "status_reason" not in load_documents(pdf)[0].metadata, "the sidecar gives what the text did not"


@pytest.mark.parametrize("text", [
    (SEED / "000_ebd9a22910ebef48.txt").read_text(encoding="utf-8"),
    "Berita: Wali Kota Bekasi menerbitkan Keputusan Wali Kota tentang Tim Pelaksana Kota Cerdas pada Mei 2021.",
    "UNIVERSITAS TERBUKA\nANALISIS KEPUTUSAN WALI KOTA BEKASI TENTANG KOTA CERDAS\nTESIS\nNOMOR INDUK MAHASISWA 5301\n"
    "Menimbang banyaknya layanan ...",
])
def test_text_that_is_no_act_gets_no_reason(text):
    assert "status_reason" not in legal_metadata(text)


def test_an_act_of_a_kind_we_do_not_know_says_so():
    meta = legal_metadata("SALINAN\nSURAT KEPUTUSAN KEPALA DESA SUKAMAJU\nNOMOR : 12/KPTS/2020\nTENTANG\nPANITIA\n"
                          "MEMUTUSKAN :\nKESATU : Membentuk panitia.\nKEDUA : Berlaku sejak ditetapkan.")
    assert meta == {"doc_type": "regulasi", "unit_kind": "diktum", "title": "Surat Keputusan Kepala Desa Sukamaju "
                    "tentang Panitia", "status_reason": "jenis/nomor/tahun tidak terbaca / kind/number/year unreadable"}


@pytest.mark.parametrize("query, ref", [
    ("angka 3 SE Menteri Komunikasi dan Informatika 5/2023",
     Reference("SE", "5", 2023, ("menteri", "komunikasi", "dan", "informatika"), "3")),
    ("UU 23/2014 angka 3", Reference("UU", "23", 2014)),  # a part of some Pasal: no unit of its own
    ("diktum kedua kepwal bekasi 555.8/2021", Reference("Kepwal", "555.8", 2021, ("bekasi",), "KEDUA")),
    ("Kepgub Kalimantan Barat 224/BAPPEDA/2023 Diktum KEDUA BELAS",
     Reference("Kepgub", "224/BAPPEDA", 2023, ("kalimantan", "barat"), "KEDUA BELAS")),
    ("Kepgub Provinsi Kalimantan Barat 224/BAPPEDA/2023 diktum kedua",
     Reference("Kepgub", "224/BAPPEDA", 2023, ("kalimantan", "barat"), "KEDUA")),
    ("peraturan dprd kota madiun 1/2024 pasal I", Reference("Peraturan DPRD", "1", 2024, ("madiun",), "I")),
    ("instruksi wali kota bekasi nomor 3 tahun 2022", Reference("Inwal", "3", 2022, ("bekasi",))),
])
def test_references_to_regional_acts(query, ref):
    assert parse_reference(query) == ref


def _indexed(tmp_path_factory, act, name: str):
    """A knowledge base holding one generated act (a module fixture's body)."""
    from kb.base import KnowledgeBase
    from kb.indexer import ingest

    folder = tmp_path_factory.mktemp(name)
    kb = KnowledgeBase.open(folder / "kb")
    assert ingest(kb, [write_act(act, folder)]).ok
    yield kb
    kb.close()


@pytest.fixture(scope="module")
def keputusan_kb(tmp_path_factory):
    yield from _indexed(tmp_path_factory, KEPWAL, "keputusan")


@pytest.mark.parametrize("reference, number", [
    ("Kepwal Bekasi 555.8/2021", "KEDUA"), ("Kepwal Bekasi 555.8/2021", "kedua"), ("Kepwal Bekasi 555.8/2021", "2"),
    ("Kepwal Kota Bekasi 555.8/2021", "KEDUA"),  # the region's kind may be written too
    ("Kepwal Bekasi 555.8/KEP.231-DISKOMINFOSTANDI/V/2021", "KEDUA"),  # the short title as cited
])
def test_kb_pasal_shows_a_diktum(keputusan_kb, reference, number):
    lines = kb_pasal_lines(keputusan_kb, reference, number)
    assert lines[0] == "Kepwal Bekasi 555.8/KEP.231-DISKOMINFOSTANDI/V/2021, Diktum KEDUA, hlm. 1"
    assert lines[1] == "Tim Pelaksana sebagaimana dimaksud dalam Diktum KESATU mempunyai tugas:"
    assert "a. menyusun rencana aksi tahunan kota cerdas;" in lines


def test_kb_pasal_names_a_missing_diktum(keputusan_kb):
    out = CliRunner().invoke(cli, ["pasal", "Kepwal Bekasi 555.8/2021", "KESEPULUH", "--data-dir",
                                   str(keputusan_kb.settings.data_dir)])
    assert out.exit_code != 0 and "Kepwal Bekasi 555.8/2021 Diktum KESEPULUH tidak ada di indeks" in out.output


def test_search_for_a_diktum_puts_it_first_with_its_citation(keputusan_kb):
    hits = search(keputusan_kb, "apa tugas tim menurut diktum kedua kepwal bekasi 555.8/2021", k=5)
    assert hits[0].pasal == "KEDUA"
    assert hits[0].citation.startswith("Kepwal Bekasi 555.8/KEP.231-DISKOMINFOSTANDI/V/2021, Diktum KEDUA")


@pytest.fixture(scope="module")
def surat_edaran_kb(tmp_path_factory):
    yield from _indexed(tmp_path_factory, SE_MENTERI, "surat_edaran")


@pytest.mark.parametrize("reference", [SE_CITE, "Surat Edaran Menteri Komunikasi dan Informatika Nomor 5 Tahun 2023"])
def test_kb_pasal_shows_a_point_of_a_surat_edaran(surat_edaran_kb, reference):
    lines = kb_pasal_lines(surat_edaran_kb, reference, "3")
    assert lines[:3] == [f"{SE_CITE}, angka 3, hlm. 1",
                         "Setiap instansi pemerintah yang menggunakan layanan komputasi awan:",
                         "a. menempatkan data strategis di pusat data nasional atau pusat data di wilayah Indonesia;"]


def test_kb_pasal_names_a_missing_point_of_a_surat_edaran(surat_edaran_kb):
    out = CliRunner().invoke(cli, ["pasal", SE_CITE, "9", "--data-dir", str(surat_edaran_kb.settings.data_dir)])
    assert out.exit_code != 0 and f"{SE_CITE} angka 9 tidak ada di indeks" in out.output


def test_search_for_a_point_of_a_surat_edaran_puts_it_first(surat_edaran_kb):
    hits = search(surat_edaran_kb, "cadangan data menurut angka 3 SE Menteri Komunikasi dan Informatika 5/2023", k=3)
    assert hits[0].pasal == "3" and hits[0].citation == f"{SE_CITE}, angka 3 huruf c, hlm. 1"


def test_kb_list_counts_the_points_of_a_surat_edaran(surat_edaran_kb):
    out = CliRunner().invoke(cli, ["list", "--json", "--data-dir", str(surat_edaran_kb.settings.data_dir)])
    (row,) = json.loads(out.output)
    assert (row["jenis"], row["nomor"], row["tahun"], row["units"], row["unit_kind"]) == ("SE", "5", 2023, 4, "angka")


def test_regulasi_page_lists_a_keputusan_by_diktum(keputusan_kb, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from conftest import ROOT

    monkeypatch.setenv("KB_DATA_DIR", str(keputusan_kb.settings.data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("ui/regulasi.py").run()
    assert not at.exception, at.exception
    assert [b.options for b in at.get("button_group")] == [
        ["Diktum KESATU", "Diktum KEDUA", "Diktum KETIGA", "Diktum KEEMPAT", "Diktum KELIMA"]]
    at.get("button_group")[0].set_value("KEDUA").run()
    assert at.subheader[-1].value == "Diktum KEDUA"
    assert at.code[0].value == "Kepwal Bekasi 555.8/KEP.231-DISKOMINFOSTANDI/V/2021, Diktum KEDUA, hlm. 1"


def test_a_title_in_capitals_keeps_its_parenthesised_words_capitalised(documents):
    assert documents[KEPWAL.name].metadata["tentang"] == "Tim Pelaksana Kota Cerdas (Smart City) Kota Bekasi"


def test_the_keputusan_is_the_catalog_entry_it_was_listed_as(documents):
    from conftest import ROOT
    from ingest.cards import load_yaml_documents
    from ingest.identity import identity

    doc = documents[KEPWAL.name]
    entry = next(d for d in load_yaml_documents(ROOT / "corpus" / "catalog.yaml")
                 if d.doc_id == "kepwal-kota-bekasi-555-8-2021")
    assert identity(doc.doc_id, doc.doc_type, doc.metadata) == identity(entry.doc_id, entry.doc_type, entry.metadata)
