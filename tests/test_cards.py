"""Card and catalog schemas: the shipped corpus validates, bad fields are named, Documents carry the fields."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ingest.cards import (CaseCard, Catalog, StudyCard, ThesisCard, load_cards, load_yaml_documents, read_catalog,
                          read_yaml_file)
from ingest.loaders import LoadError
from ingest.pipeline import discover, load_documents

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
STUDY = CORPUS / "studies" / "yahya-2022-surakarta.yaml"


@pytest.fixture(scope="module")
def cards():
    return load_cards(CORPUS)


def _write(tmp_path: Path, name: str, data: dict) -> Path:
    p = tmp_path / name
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return p


def _study_data() -> dict:
    return yaml.safe_load(STUDY.read_text(encoding="utf-8"))


def test_corpus_holds_ten_studies_the_thesis_and_the_city_cases(cards):
    kinds = [type(c) for c in cards]
    assert kinds.count(StudyCard) == 10
    assert kinds.count(ThesisCard) == 1
    cities = {c.city for c in cards if isinstance(c, CaseCard)}
    assert {"Bekasi", "Bandung", "Yogyakarta", "Denpasar", "Surabaya", "Seoul", "Singapura", "New York",
            "Vancouver", "Medellin"} <= cities
    assert len({c.id for c in cards}) == len(cards)


def test_case_cards_point_to_existing_studies_and_catalog_entries(cards):
    ids = {c.id for c in cards}
    catalog_ids = {e.id for e in read_catalog(CORPUS / "catalog.yaml").entries}
    for case in (c for c in cards if isinstance(c, CaseCard)):
        assert set(case.related_studies) <= ids, case.id
        assert set(case.related_catalog) <= catalog_ids, case.id


def test_bekasi_programmes_are_all_on_the_bekasi_cards(cards):
    names = {p.name for c in cards if isinstance(c, CaseCard) and c.city == "Bekasi" for p in c.programmes}
    assert {"Sikerja", "SILAT", "SOROT", "Pengaduan Online Terpadu", "Bekasi Iconic", "Rapot RT RW", "SIAP",
            "Command Center", "1000 titik wifi"} <= names


def test_missing_nested_field_names_file_and_field(tmp_path):
    data = _study_data()
    del data["method"]["approach"]
    path = _write(tmp_path, "rusak.yaml", data)
    with pytest.raises(LoadError) as e:
        read_yaml_file(path)
    assert "rusak.yaml" in str(e.value) and "'method.approach'" in str(e.value) and "wajib" in str(e.value)


@pytest.mark.parametrize("field, value, expected", [
    ("year", "dua ribu", "'year'"),
    ("dimensions", ["smart governance"], "'dimensions.0'"),
    ("autors", ["X, Y"], "'autors': kolom tidak dikenal"),
    ("id", "Bukan Slug", "'id'"),
])
def test_malformed_field_is_named(tmp_path, field, value, expected):
    data = _study_data() | {field: value}
    with pytest.raises(LoadError, match=expected):
        read_yaml_file(_write(tmp_path, "kartu.yaml", data))


def test_unknown_card_type_and_invalid_yaml_are_load_errors(tmp_path):
    with pytest.raises(LoadError, match="'type'"):
        read_yaml_file(_write(tmp_path, "a.yaml", {"type": "jurnal", "id": "x"}))
    bad = tmp_path / "b.yaml"
    bad.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(LoadError, match="YAML"):
        read_yaml_file(bad)


def test_catalog_error_names_the_entry_id_and_duplicates_are_rejected(tmp_path):
    data = yaml.safe_load((CORPUS / "catalog.yaml").read_text(encoding="utf-8"))
    del data["entries"][1]["nomor"]
    with pytest.raises(LoadError, match=r"entries\.1\[perda-kota-bekasi-2-2020\]\.nomor"):
        read_yaml_file(_write(tmp_path, "catalog.yaml", data))
    dup = {"entries": [data["entries"][0], data["entries"][0]]}
    with pytest.raises(LoadError, match="perwal-kota-bekasi-110-2016"):
        read_yaml_file(_write(tmp_path, "dup.yaml", dup))


def test_kb_ingest_reports_the_bad_card_and_exits_1(tmp_path):
    from kb.cli import cli

    data = _study_data()
    del data["findings"]
    folder = tmp_path / "studies"
    folder.mkdir()
    _write(folder, "tanpa-temuan.yaml", data)
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--data-dir", str(tmp_path / "kb")])
    assert result.exit_code == 1
    assert "tanpa-temuan.yaml" in result.output and "'findings'" in result.output


def test_study_document_renders_every_field_and_keeps_them_as_metadata():
    [doc] = load_documents(STUDY)
    assert (doc.doc_id, doc.doc_type, doc.year) == ("yahya-2022-surakarta", "studi", 2022)
    for label in ("Penulis:", "Kota:", "Mitra kolaborasi:", "Teori/model:", "Metode:", "Temuan:",
                  "Relevansi bagi penelitian ini:"):
        assert label in doc.text
    m = doc.metadata
    assert m["city"] == "Surakarta" and m["authors"] == "Hilmy Yahya; Sudarmo"
    assert "Ansell dan Gash" in m["theory"] and m["short_cite"] == "Yahya & Sudarmo (2022)"
    assert all(isinstance(v, (str, int, float, bool)) for v in m.values())


@pytest.mark.parametrize("path", sorted((CORPUS / "studies").glob("*.yaml")), ids=lambda p: p.stem)
def test_a_card_names_only_what_its_fields_say(path):
    """Labels are in every card, so a place or partner in a label ("Relevansi bagi penelitian Bekasi - Telkom")
    made every study match "Telkom" for BM25 and the embedder alike."""
    [doc] = load_documents(path)
    source = path.read_text(encoding="utf-8").lower()
    for name in ("telkom", "bekasi"):
        assert (name in doc.text.lower()) == (name in source), name


def test_no_card_ends_in_a_chunk_of_one_short_line():
    """Greedy packing left "Sumber fakta: Bab I tesis, subbab 1.4.1, penelitian keenam." as the Priyo card's
    last chunk, which came second for "penelitian yang memakai teori Ansell dan Gash"; a card's chunks are
    evened out, and every one still fits the embedder's window."""
    from ingest.pipeline import chunk
    from kb.embedders import get_embedder

    embedder = get_embedder("e5")
    for path in sorted((ROOT / "corpus").glob("*/*.yaml")):
        for doc in load_documents(path):
            chunks = chunk(doc, embedder.max_tokens, embedder.token_count)
            sizes = [embedder.token_count(c.text) for c in chunks]
            assert len(chunks) == 1 or min(sizes) >= embedder.max_tokens // 8, (doc.doc_id, sizes)
            assert all(embedder.token_count(c.embed_text) <= embedder.max_tokens for c in chunks)


def test_how_a_card_record_was_made_is_a_section_that_answers_only_for_references():
    """'Catatan: Bab I menyebut penulisnya ...' and 'Data pustaka: belum ditemukan: jurnal, volume, ...' say how the
    card was made, not what the study found: they close the card under their own heading, their chunk is marked
    'pustaka' (kb.prior ranks it low unless references are asked for), and no other chunk holds them. Where the
    card's facts come from stays with the facts."""
    from ingest.article import REFERENCE_LIST
    from ingest.cards import RECORD_HEADING
    from ingest.pipeline import chunk
    from kb.embedders import get_embedder

    embedder = get_embedder("e5")
    [medan] = load_documents(CORPUS / "studies" / "ginting-2018-medan.yaml")
    assert medan.text.index(f"## {RECORD_HEADING}") < medan.text.index("Catatan: Bab I menyebut")
    chunks = chunk(medan, embedder.max_tokens, embedder.token_count)
    record = [c for c in chunks if c.section == REFERENCE_LIST]
    assert record and all(c.heading_path[-1] == RECORD_HEADING for c in record)
    assert any("Catatan: Bab I menyebut" in c.text for c in record) and any("Data pustaka:" in c.text for c in record)
    body = [c for c in chunks if c.section != REFERENCE_LIST]
    assert body and not any("Catatan:" in c.text or "Data pustaka:" in c.text for c in body)
    assert any("Temuan:" in c.text for c in body) and any("Sumber fakta:" in c.text for c in body)


def test_catalog_becomes_one_katalog_document_per_entry_that_says_where_to_get_it():
    path = CORPUS / "catalog.yaml"
    docs = {d.doc_id: d for d in load_documents(path)}
    assert len(docs) == len(read_catalog(path).entries)
    perda = docs["perda-kota-bekasi-2-2020"]
    assert perda.doc_type == "katalog" and perda.year == 2020
    assert perda.metadata["short_cite"] == "Perda Kota Bekasi 2/2020" and perda.metadata["full_text"] is False
    # Named as the act's own text is cited (ingest.regulation): a Wali Kota's act is always a Kota's.
    assert docs["perwal-kota-bekasi-110-2016"].metadata["short_cite"] == "Perwal Bekasi 110/2016"
    assert docs["kepwal-kota-bekasi-555-8-2021"].metadata["short_cite"] == (
        "Kepwal Bekasi 555.8/KEP.231-DISKOMINFOSTANDI/V/2021")
    assert "JDIH Kota Bekasi" in perda.text
    assert docs["uu-23-2014"].metadata["url"].startswith("https://raw.githubusercontent.com/mblonyox/")


def test_content_hash_follows_content(tmp_path):
    data = _study_data()
    a = load_yaml_documents(_write(tmp_path, "a.yaml", data))[0]
    same = load_yaml_documents(_write(tmp_path, "b.yaml", data))[0]
    changed = load_yaml_documents(_write(tmp_path, "c.yaml", data | {"relevance": "Lain."}))[0]
    assert a.content_hash == same.content_hash != changed.content_hash


def test_yaml_files_are_discovered_but_sidecars_and_a_folders_readme_are_not(tmp_path):
    _write(tmp_path, "kartu.yaml", _study_data())
    (tmp_path / "x.pdf.meta.yaml").write_text("title: X\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Kartu studi\n\nSatu kartu per studi.\n", encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == ["kartu.yaml"]
    assert [p.name for p in discover([tmp_path / "README.md"])] == ["README.md"]  # named, it is read
    assert isinstance(read_yaml_file(CORPUS / "catalog.yaml"), Catalog)


# -- published records ---------------------------------------------------------------------------

STUDIES = CORPUS / "studies"


def test_every_study_and_the_thesis_say_how_their_record_was_looked_up(cards):
    for card in (c for c in cards if isinstance(c, (StudyCard, ThesisCard))):
        assert card.record is not None and card.record.searched, card.id
        # Whatever a published record alone can give is either on the card with its source, or listed as not found.
        for field in ("journal", "volume", "issue", "pages", "doi", "url"):
            if card.publication_type == "artikel jurnal":
                assert bool(getattr(card, field)) != (field in card.record.not_found), (card.id, field)


def test_found_records_fill_the_cards(cards):
    by_id = {c.id: c for c in cards}
    medan = by_id["ginting-2018-medan"]
    assert (medan.journal, medan.volume, medan.issue, medan.pages, medan.doi) == (
        "Matra Pembaruan: Jurnal Inovasi Kebijakan", "2", "3", "185-195", "10.21787/mp.2.3.2018.185-195")
    assert medan.venue == "Matra Pembaruan: Jurnal Inovasi Kebijakan, 2(3), 185-195"
    assert [a.family for a in medan.authors] == ["Suhendra", "Ginting"]  # the journal's order, not Chapter I's
    assert medan.record.found[0].source.startswith("http://jurnal.kemendagri.go.id/")
    palopo = by_id["jalil-2020-palopo"]
    assert (palopo.publication_type, palopo.institution) == ("skripsi", "Universitas Muhammadiyah Makassar")
    assert palopo.department.startswith("Program Studi Ilmu Pemerintahan")
    assert "PT-Indonesia Comnts Plus (ICON+)" in palopo.title  # as printed
    assert palopo.partners.company == ["PT Indonesia Comnets Plus (ICON+)"]  # the company's real name
    thesis = by_id["tesis-bekasi-telkom"]
    assert thesis.institution is None and thesis.year is None
    assert {"institution", "department", "year"} <= set(thesis.record.not_found)


def test_card_text_says_where_it_appeared_and_what_was_not_found():
    [medan] = load_documents(STUDIES / "ginting-2018-medan.yaml")
    assert "Terbit di: Matra Pembaruan: Jurnal Inovasi Kebijakan, 2(3), 185-195." in medan.text
    assert "DOI: 10.21787/mp.2.3.2018.185-195." in medan.text
    [palopo] = load_documents(STUDIES / "jalil-2020-palopo.yaml")
    assert "Program studi: Program Studi Ilmu Pemerintahan" in palopo.text
    [bekasi] = load_documents(STUDIES / "widodo-2020-bekasi.yaml")
    assert "Data pustaka: belum ditemukan: jurnal, volume, nomor, halaman, DOI, alamat; pencarian: " in bekasi.text


def test_a_record_fact_without_its_source_is_named(tmp_path):
    data = _study_data() | {"volume": "7"}
    with pytest.raises(LoadError, match=r"a\.yaml.*no source in record\.found: volume; "):
        read_yaml_file(_write(tmp_path, "a.yaml", data))
    data["record"]["found"][0]["fields"].append("volume")  # found, yet still listed as not found
    with pytest.raises(LoadError, match=r"record\.not_found .*names filled fields: volume; "):
        read_yaml_file(_write(tmp_path, "a.yaml", data))
    del data["record"]
    with pytest.raises(LoadError, match=r"a\.yaml.*record\.found: journal, volume, url"):
        read_yaml_file(_write(tmp_path, "a.yaml", data))


@pytest.mark.parametrize("field, value, expected", [
    ("publication_type", "jurnal", "'publication_type'"),
    ("doi", "doi.org/10.1/x", "'doi'"),
    ("url", "jurnal.uns.ac.id/x", "'url'"),
    ("pages", "185 sampai 195", "'pages'"),
])
def test_malformed_record_field_is_named(tmp_path, field, value, expected):
    data = _study_data() | {field: value}
    data["record"]["found"][0]["fields"].append(field)
    with pytest.raises(LoadError, match=expected):
        read_yaml_file(_write(tmp_path, "kartu.yaml", data))


def test_doi_written_as_an_address_is_kept_bare(tmp_path):
    data = _study_data() | {"doi": "https://doi.org/10.20961/wp.v1i1.63278"}
    data["record"]["found"][0]["fields"].append("doi")
    data["record"]["not_found"].remove("doi")
    assert read_yaml_file(_write(tmp_path, "kartu.yaml", data)).doi == "10.20961/wp.v1i1.63278"
