"""`kb import`: reference libraries (BibTeX as Zotero exports it with files, RIS as Mendeley does, CSL JSON)
into a real index, broken entries reported and skipped, and `kb cite KEY` giving each entry back."""
from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
import rispy
from click.testing import CliRunner
from conftest import ROOT
from test_articles import TITLE, two_column_article

from kb.cli import cli

# The entry's title and year differ from what its PDF prints: the entry's metadata wins.
ARTICLE = r"""@article{santoso2022kolaboratif,
  author = {Santoso, Budi and Aminah, Siti},
  title = {Tata Kelola Kolaboratif {Kota Cerdas}: Studi {Bekasi}},
  journal = {Jurnal Ilmu Pemerintahan},
  year = {2022},
  volume = {7},
  number = {2},
  pages = {101--120},
  doi = {10.1234/jip.v7i2.55},
  keywords = {smart city, tata kelola},
  file = {Full Text PDF:files/12/Santoso dan Aminah - 2022 - Tata Kelola.pdf:application/pdf}
}
"""
THESIS = r"""@mastersthesis{putri2023implementasi,
  author = {Putri, Rina},
  title = {Implementasi Smart Governance dalam Pelayanan Publik di Kota Bekasi},
  school = {Universitas Krisnadwipayana},
  year = {2023},
  type = {Tesis},
  abstract = {Tesis ini menilai aplikasi pengaduan warga Bekasi dan kanal umpan balik masyarakat.},
  keywords = {pelayanan publik, pengaduan}
}
"""
BROKEN = r"""@article{hilang2020,
  title = {Berkasnya tidak ikut diekspor},
  year = {2020},
  file = {Full Text PDF:files/99/hilang.pdf:application/pdf}
}
@article{rusak2019,
  title = {PDF yang rusak},
  year = {2019},
  file = {files/13/rusak.pdf}
}
@article{tanpajudul2018,
  author = {Anonim},
  year = {2018}
}
@article{santoso2022kolaboratif,
  title = {Kunci yang sama dua kali},
  year = {2022}
}
@article{terpotong2017,
  title = {Kurung kurawal tidak ditutup,
  year = {2017}
"""


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _cite(data_dir: Path, fmt: str, *keys: str):
    res = _run("cite", *keys, "--format", fmt, "--data-dir", str(data_dir), "--corpus", str(ROOT / "corpus"))
    assert res.exit_code == 0, res.output
    return res.stdout


@pytest.fixture(scope="module")
def bib_import(tmp_path_factory):
    """A Zotero 'export with files': the .bib with files/<id>/<name>.pdf beside it, imported once."""
    root = tmp_path_factory.mktemp("zotero")
    (root / "files" / "12").mkdir(parents=True)
    (root / "files" / "13").mkdir(parents=True)
    two_column_article(root / "files" / "12" / "Santoso dan Aminah - 2022 - Tata Kelola.pdf")
    (root / "files" / "13" / "rusak.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer\n")
    library = root / "Pustaka Saya.bib"
    library.write_text(ARTICLE + THESIS + BROKEN, encoding="utf-8")
    data_dir = root / "kb"
    res = _run("import", str(library), "--data-dir", str(data_dir))
    return library, data_dir, res


def test_import_reports_each_broken_entry_and_imports_the_rest(bib_import):
    _, data_dir, res = bib_import
    assert res.exit_code == 1
    # Progress per entry, in file order.
    assert "[1/7] santoso2022kolaboratif: ditambah/added" in res.stdout
    assert "[2/7] putri2023implementasi: ditambah/added · kartu referensi / reference card" in res.stdout
    failed = {line.split(":")[0].removeprefix("GAGAL/FAILED ") for line in res.stderr.splitlines()
              if line.startswith("GAGAL/FAILED")}
    lines = (ARTICLE + THESIS + BROKEN).splitlines()
    dup, cut = lines.index("@article{santoso2022kolaboratif,", 1) + 1, lines.index("@article{terpotong2017,") + 1
    assert failed == {"hilang2020", "rusak2019", "tanpajudul2018", f"santoso2022kolaboratif (baris / line {dup})",
                      f"terpotong2017 (baris / line {cut})"}
    assert "files/99/hilang.pdf" in res.stderr and "PDF rusak" in res.stderr and "tanpa judul / no title" in res.stderr
    assert "kunci ganda / duplicate key" in res.stderr and "sintaks BibTeX rusak" in res.stderr
    from kb.base import KnowledgeBase

    kb = KnowledgeBase.open(data_dir)
    try:
        assert sorted(d.doc_id for d in kb.store.documents()) == ["putri2023implementasi", "santoso2022kolaboratif"]
        article = kb.store.document("santoso2022kolaboratif")
        assert article.title == "Tata Kelola Kolaboratif Kota Cerdas: Studi Bekasi" != TITLE
        assert (article.doc_type, article.year, article.metadata["cite_key"]) == ("artikel", 2022, "santoso2022kolaboratif")
        assert article.source_paths[0].endswith("files/12/Santoso dan Aminah - 2022 - Tata Kelola.pdf")
        thesis = kb.store.document("putri2023implementasi")
        assert (thesis.doc_type, thesis.n_pages) == ("tesis", 1)
    finally:
        kb.close()


def test_imported_pdf_and_card_are_searchable(bib_import):
    _, data_dir, _ = bib_import
    res = _run("search", "kanal umpan balik masyarakat", "--json", "--data-dir", str(data_dir))
    hits = json.loads(res.stdout)
    assert hits[0]["doc_id"] == "putri2023implementasi" and "Putri (2023)" in hits[0]["citation"]
    res = _run("search", "rapat koordinasi bulanan", "--json", "--data-dir", str(data_dir))
    hits = json.loads(res.stdout)
    top = hits[0]
    assert top["doc_id"] == "santoso2022kolaboratif" and top["section"] != "pustaka"
    # The PDF's two columns are read in order, and its reference list is marked.
    assert "Rapat koordinasi bulanan dipakai untuk menyelaraskan target" in top["text"]


def test_cite_gives_each_bibtex_entry_back(bib_import):
    library, data_dir, _ = bib_import
    exported = {e.key: e for e in bibtexparser.parse_string(ARTICLE + THESIS).entries}
    cited = bibtexparser.parse_string(_cite(data_dir, "bibtex", "santoso2022kolaboratif", "putri2023implementasi"))
    assert not cited.failed_blocks
    assert [e.key for e in cited.entries] == ["santoso2022kolaboratif", "putri2023implementasi"]
    for entry in cited.entries:
        original = exported[entry.key]
        assert entry.entry_type == original.entry_type
        assert entry.fields_dict.keys() == original.fields_dict.keys() - {"file"}
        assert {k: f.value for k, f in entry.fields_dict.items()} == \
            {k: f.value for k, f in original.fields_dict.items() if k != "file"}


def test_cite_apa_and_ris_of_imported_entries(bib_import):
    _, data_dir, _ = bib_import
    apa = _cite(data_dir, "apa", "santoso2022kolaboratif", "putri2023implementasi").splitlines()
    assert apa == [
        "Putri, R. (2023). Implementasi Smart Governance dalam Pelayanan Publik di Kota Bekasi [Tesis, Universitas "
        "Krisnadwipayana].",
        "Santoso, B., & Aminah, S. (2022). Tata Kelola Kolaboratif Kota Cerdas: Studi Bekasi. Jurnal Ilmu "
        "Pemerintahan, 7(2), 101\u2013120. https://doi.org/10.1234/jip.v7i2.55"]
    ris = rispy.loads(_cite(data_dir, "ris", "santoso2022kolaboratif"))
    assert ris == [{"type_of_reference": "JOUR", "id": "santoso2022kolaboratif", "authors": ["Santoso, Budi", "Aminah, Siti"],
                    "title": "Tata Kelola Kolaboratif Kota Cerdas: Studi Bekasi", "year": "2022",
                    "journal_name": "Jurnal Ilmu Pemerintahan", "volume": "7", "number": "2", "start_page": "101",
                    "end_page": "120", "doi": "10.1234/jip.v7i2.55", "keywords": ["smart city", "tata kelola"]}]


def test_cite_names_unknown_keys(bib_import):
    _, data_dir, _ = bib_import
    res = _run("cite", "hilang2020", "--data-dir", str(data_dir), "--corpus", str(ROOT / "corpus"))
    assert res.exit_code != 0 and "hilang2020" in res.output and "kb import" in res.output


def test_import_again_changes_only_edited_entries(bib_import, tmp_path):
    library, data_dir, _ = bib_import
    again = _run("import", str(library), "--data-dir", str(data_dir))
    assert "[1/7] santoso2022kolaboratif: tetap/unchanged" in again.stdout
    assert "[2/7] putri2023implementasi: tetap/unchanged" in again.stdout
    edited = library.with_name("edited.bib")
    edited.write_text(ARTICLE + THESIS.replace("year = {2023}", "year = {2024}"), encoding="utf-8")
    res = _run("import", str(edited), "--data-dir", str(data_dir))
    assert res.exit_code == 0, res.output
    assert "santoso2022kolaboratif: tetap/unchanged" in res.stdout
    assert "putri2023implementasi: diperbarui/updated" in res.stdout
    assert "(2024)" in _cite(data_dir, "apa", "putri2023implementasi")


RIS = """TY  - JOUR
ID  - Widodo2020
AU  - Widodo, Joko
AU  - Lestari, Dewi
TI  - Kemitraan pemerintah daerah dan BUMN dalam program kota cerdas
JO  - Jurnal Kebijakan Publik
PY  - 2020
VL  - 11
IS  - 1
SP  - 15
EP  - 30
DO  - 10.5555/jkp.2020.11.1.15
AB  - Artikel ini menelaah kerja sama pemerintah kota dengan badan usaha milik negara.
KW  - kemitraan
KW  - kota cerdas
L1  - files/3/Snapshot.html
L1  - files/3/widodo.pdf
ER  - 

AU  - Tanpa Jenis
TI  - Rekaman tanpa baris TY
ER  - 

TY  - RPRT
ID  - Bappeda2021
AU  - Bappeda Kota Bekasi
TI  - Laporan evaluasi Bekasi Smart City 2021
PY  - 2021
PB  - Pemerintah Kota Bekasi
ER  - 
"""


def test_ris_library_round_trips(tmp_path):
    (tmp_path / "files" / "3").mkdir(parents=True)
    two_column_article(tmp_path / "files" / "3" / "widodo.pdf")
    library = tmp_path / "mendeley.ris"
    library.write_text(RIS, encoding="utf-8")
    data_dir = tmp_path / "kb"
    res = _run("import", str(library), "--data-dir", str(data_dir))
    assert res.exit_code == 1
    assert "GAGAL/FAILED entri 2: rekaman RIS tanpa baris 'TY  - '" in res.stderr
    # Of two attachments the PDF is read; the snapshot that was not exported does not matter.
    assert "[1/3] Widodo2020: ditambah/added · " + str(tmp_path / "files" / "3" / "widodo.pdf") in res.stdout
    assert "[3/3] Bappeda2021: ditambah/added · kartu referensi / reference card" in res.stdout
    exported = [r for r in rispy.loads(RIS) if "type_of_reference" in r]
    for record in exported:
        record.pop("file_attachments1", None)  # rispy keeps one of the two L1 lines; neither comes back
    assert rispy.loads(_cite(data_dir, "ris", "Widodo2020", "Bappeda2021")) == exported
    # The other format is built from the entry's fields.
    bib = bibtexparser.parse_string(_cite(data_dir, "bibtex", "Bappeda2021")).entries[0]
    assert (bib.entry_type, bib.key, bib["title"], bib["year"], bib["institution"]) == \
        ("techreport", "Bappeda2021", "Laporan evaluasi Bekasi Smart City 2021", "2021", "Pemerintah Kota Bekasi")


CSL = [
    {"id": "http://zotero.org/users/1/items/ABCD1234", "type": "thesis", "genre": "Skripsi",
     "title": "Partisipasi warga dalam aplikasi pengaduan Kota Bekasi", "author": [{"family": "Harahap", "given": "Nur"}],
     "issued": {"date-parts": [[2019, 8]]}, "publisher": "Universitas Islam 45 Bekasi",
     "abstract": "Skripsi ini mengukur partisipasi warga melalui aplikasi pengaduan."},
    {"id": "lestari2021", "type": "article-journal", "title": "Data terbuka dan akuntabilitas kota",
     "author": [{"family": "Lestari", "given": "Dewi"}, {"literal": "Tim Riset Kota"}],
     "issued": {"date-parts": [[2021]]}, "container-title": "Jurnal Tata Kelola", "volume": "4", "issue": "3",
     "page": "55-70", "DOI": "10.7777/jtk.4.3.55"},
    {"id": "tanpajudul", "type": "article-journal"},
]


def test_csl_json_entries_become_reference_cards(tmp_path):
    library = tmp_path / "pustaka.json"
    library.write_text(json.dumps(CSL), encoding="utf-8")
    data_dir = tmp_path / "kb"
    res = _run("import", str(library), "--data-dir", str(data_dir))
    assert res.exit_code == 1
    # A Zotero item URI is no key: one is made from author, year and title.
    assert "[1/3] harahap2019partisipasi: ditambah/added · kartu referensi / reference card" in res.stdout
    assert "GAGAL/FAILED tanpajudul: tanpa judul / no title" in res.stderr
    entries = {e.key: e for e in bibtexparser.parse_string(
        _cite(data_dir, "bibtex", "harahap2019partisipasi", "lestari2021")).entries}
    thesis, article = entries["harahap2019partisipasi"], entries["lestari2021"]
    assert (thesis.entry_type, thesis["school"], thesis["type"], thesis["year"]) == \
        ("mastersthesis", "Universitas Islam 45 Bekasi", "Skripsi", "2019")
    assert (article.entry_type, article["author"], article["journal"], article["pages"], article["doi"]) == \
        ("article", "Lestari, Dewi and Tim Riset Kota", "Jurnal Tata Kelola", "55--70", "10.7777/jtk.4.3.55")
    hits = json.loads(_run("search", "partisipasi warga aplikasi pengaduan", "--json", "--type", "skripsi",
                           "--data-dir", str(data_dir)).stdout)
    assert hits[0]["doc_id"] == "harahap2019partisipasi"


def test_a_file_that_is_no_library_is_refused(tmp_path):
    notes = tmp_path / "catatan.txt"
    notes.write_text("bukan pustaka", encoding="utf-8")
    res = _run("import", str(notes), "--data-dir", str(tmp_path / "kb"))
    assert res.exit_code == 1 and "catatan.txt" in res.output and "BibTeX (.bib), RIS (.ris)" in res.output
    broken = tmp_path / "rusak.json"
    broken.write_text("[{", encoding="utf-8")
    res = _run("import", str(broken), "--data-dir", str(tmp_path / "kb"))
    assert res.exit_code == 1 and "rusak.json" in res.output and "bukan JSON yang sah" in res.output


def test_mendeley_file_fields(tmp_path):
    """Mendeley writes ':path:pdf', escapes a drive letter's colon, and drops the leading '/' on Linux."""
    from ingest.bibliography import _bibtex_files

    assert _bibtex_files(r":C\:/Users/rina/Documents/Mendeley Desktop/Putri - 2023.pdf:pdf") == \
        ("C:/Users/rina/Documents/Mendeley Desktop/Putri - 2023.pdf",)
    (tmp_path / "Mendeley Desktop").mkdir()
    pdf = two_column_article(tmp_path / "Mendeley Desktop" / "Santoso - 2022.pdf")
    library = tmp_path / "ekspor" / "library.bib"
    library.parent.mkdir()
    library.write_text(ARTICLE.replace("Full Text PDF:files/12/Santoso dan Aminah - 2022 - Tata Kelola.pdf:application/pdf",
                                       f":{str(pdf).lstrip('/')}:pdf"), encoding="utf-8")
    res = _run("import", str(library), "--data-dir", str(tmp_path / "kb"))
    assert res.exit_code == 0, res.output
    assert f"[1/1] santoso2022kolaboratif: ditambah/added · {pdf}" in res.stdout
