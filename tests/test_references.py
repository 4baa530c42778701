"""References: APA 7 text by the rules, BibTeX and RIS that parse back (bibtexparser, rispy) to the same fields."""
from __future__ import annotations

from pathlib import Path
from typing import get_args

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares as mw
from click.testing import CliRunner

from ingest.cards import THESIS_TYPES, CaseCard, RecordField, StudyCard, load_cards
from kb.cli import cli
from kb.references import render, to_apa, to_bibtex, to_ris

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
EN_DASH = "\u2013"
# What each kind of record becomes, written out here so a wrong mapping in kb.references fails.
BIBTEX_TYPE = {"artikel jurnal": "article", "makalah konferensi": "inproceedings", "skripsi": "mastersthesis",
               "tesis": "mastersthesis", "disertasi": "phdthesis", "buku": "book"}
RIS_TYPE = {"artikel jurnal": "JOUR", "makalah konferensi": "CPAPER", "skripsi": "THES", "tesis": "THES",
            "disertasi": "THES", "buku": "BOOK"}


@pytest.fixture(scope="module")
def citable():
    return [c for c in load_cards(CORPUS) if not isinstance(c, CaseCard)]


@pytest.fixture(scope="module")
def by_id(citable):
    return {c.id: c for c in citable}


def _study(**changes) -> StudyCard:
    """The Semarang card with `changes`, its record vouching for every changed bibliographic field."""
    card = next(c for c in load_cards(CORPUS) if c.id == "fitri-2017-semarang")
    vouched = [f for f in changes if f in get_args(RecordField)]
    record = {"found": [{"fields": vouched, "source": "uji / test"}] if vouched else [], "searched": "uji / test"}
    return card.model_validate(card.model_dump() | {"record": record} | changes)


@pytest.mark.parametrize("card_id, expected", [
    ("fitri-2017-semarang", "Fitri, Y. (2017). Implementasi Kerjasama Pemerintah Kota Semarang dan PT. Telkom "
                            "Dalam Membangun Semarang Smart City."),
    ("fauziah-2020-yogyakarta", "Fauziah, C., Kuntoro, T., & Giyarsih, S. R. (2020). Kontribusi PT. Telkom Dalam "
                                "Pengembangan UMKM Perkotaan di Yogyakarta."),
    # An article found in full: journal, volume(issue), page range with an en dash, DOI as https://doi.org/.
    ("ginting-2018-medan", "Suhendra, A., & Ginting, A. H. (2018). Kebijakan Pemerintah Daerah dalam Membangun "
                           "Smart City di Kota Medan. Matra Pembaruan: Jurnal Inovasi Kebijakan, 2(3), 185–195. "
                           "https://doi.org/10.21787/mp.2.3.2018.185-195"),
    # No DOI was found: the article page's address stands in, as APA 7 allows.
    ("yahya-2022-surakarta", "Yahya, H., & Sudarmo. (2022). Collaborative Governance dalam Program “EPPSON” "
                             "sebagai Perwujudan Smart City di Kota Surakarta. Wacana Publik. "
                             "https://jurnal.uns.ac.id/wacana-publik/article/view/63278"),
    # A skripsi: kind and university in brackets after the title.
    ("jalil-2020-palopo", "Jalil, M. J. (2020). Collaborative Governance Pemerintah Kota Palopo Dengan "
                          "PT-Indonesia Comnts Plus (ICON+) Dalam Mewujudkan Smart City "
                          "[Skripsi, Universitas Muhammadiyah Makassar]."),
])
def test_apa_reference_of_each_kind_of_record(by_id, card_id, expected):
    assert to_apa(by_id[card_id]) == expected


def test_apa_without_author_or_year_starts_with_the_title(by_id):
    assert to_apa(by_id["tesis-bekasi-telkom"]) == (
        "Collaborative Governance Pemerintah Kota Bekasi dan PT Telkom dalam Mewujudkan Bekasi Smart City "
        "[Tesis]. (n.d.).")


def test_apa_source_and_doi_when_known():
    card = _study(journal="Jurnal Administrasi Publik", volume="5", issue="2", pages="10-20",
                  doi="https://doi.org/10.1234/abc")
    assert card.doi == "10.1234/abc"  # stored bare, printed in the one form APA 7 asks for
    assert to_apa(card).endswith("Smart City. Jurnal Administrasi Publik, 5(2), 10–20. https://doi.org/10.1234/abc")


def test_apa_thesis_names_its_university_and_conference_paper_its_proceedings():
    thesis = _study(publication_type="tesis", institution="Universitas X", year=2023)
    assert to_apa(thesis) == ("Fitri, Y. (2023). Implementasi Kerjasama Pemerintah Kota Semarang dan PT. Telkom "
                              "Dalam Membangun Semarang Smart City [Tesis, Universitas X].")
    paper = _study(publication_type="makalah konferensi", proceedings="Prosiding Seminar Nasional Y", pages="7-9")
    assert to_apa(paper).endswith("Smart City. In Prosiding Seminar Nasional Y (pp. 7–9).")


def test_apa_more_than_twenty_authors_uses_the_ellipsis():
    card = _study(authors=[f"Penulis{i}, A" for i in range(25)])
    text = to_apa(card)
    assert "Penulis18, A., . . . Penulis24, A. (2017)" in text and "Penulis19," not in text


def _parse_bibtex(text: str):
    lib = bibtexparser.parse_string(text, append_middleware=[
        mw.LatexDecodingMiddleware(), mw.SeparateCoAuthors(), mw.SplitNameParts()])
    assert not lib.failed_blocks
    return {e.key: e for e in lib.entries}


def _bib_value(entry, key):
    field = entry.fields_dict.get(key)
    return field.value if field else None


def test_bibtex_round_trip_keeps_every_field(citable):
    parsed = _parse_bibtex(to_bibtex(citable))
    assert set(parsed) == {c.id for c in citable}
    for card in citable:
        entry = parsed[card.id]
        assert entry.entry_type == BIBTEX_TYPE[card.publication_type], card.id
        thesis = card.publication_type in THESIS_TYPES
        expected = {"title": card.title, "year": str(card.year) if card.year else None, "journal": card.journal,
                    "volume": card.volume, "number": card.issue, "doi": card.doi, "url": card.url,
                    # '185--195' in the file reads back as an en dash, as LaTeX typesets it.
                    "pages": card.pages.replace("-", EN_DASH) if card.pages else None,
                    "school": card.institution if thesis else None,
                    "type": card.publication_type.capitalize() if thesis else None}
        assert {k: _bib_value(entry, k) for k in expected} == expected, card.id
        authors = _bib_value(entry, "author")
        names = [(" ".join(n.last), " ".join(n.first)) for n in authors] if authors else []
        assert names == [(a.family, a.given) for a in card.authors]


def test_bibtex_of_the_shipped_article_skripsi_and_thesis(by_id):
    parsed = _parse_bibtex(to_bibtex([by_id["ginting-2018-medan"], by_id["jalil-2020-palopo"],
                                      by_id["tesis-bekasi-telkom"]]))
    article = parsed["ginting-2018-medan"].fields_dict
    assert {"journal", "volume", "number", "pages", "doi", "url"} <= set(article) and "school" not in article
    skripsi = parsed["jalil-2020-palopo"]
    assert skripsi.entry_type == "mastersthesis"
    assert (_bib_value(skripsi, "school"), _bib_value(skripsi, "type")) == ("Universitas Muhammadiyah Makassar",
                                                                            "Skripsi")
    # Chapter I names neither university nor year: the thesis card leaves both out and says so.
    thesis = parsed["tesis-bekasi-telkom"]
    assert _bib_value(thesis, "type") == "Tesis" and "school" not in thesis.fields_dict
    assert {"institution", "year"} <= set(by_id["tesis-bekasi-telkom"].record.not_found)


def test_bibtex_thesis_card_with_university_and_year_gives_school_and_year(by_id):
    thesis = by_id["tesis-bekasi-telkom"]
    data = thesis.model_dump() | {"institution": "Universitas X", "year": 2023,
                                  "record": {"found": [{"fields": ["institution", "year"], "source": "uji"}],
                                             "searched": "uji"}}
    entry = _parse_bibtex(to_bibtex([thesis.model_validate(data)]))["tesis-bekasi-telkom"]
    assert (_bib_value(entry, "school"), _bib_value(entry, "year")) == ("Universitas X", "2023")


def test_bibtex_escapes_latex_specials_but_not_the_address():
    card = _study(title="Kerja sama 50% & “Telkom” di Bekasi", journal="Jurnal A & B", volume="3",
                  url="https://contoh.go.id/a_b?x=1&y=2")
    text = to_bibtex([card])
    assert r"50\% \&" in text and "url = {https://contoh.go.id/a_b?x=1&y=2}" in text
    entry = _parse_bibtex(text)[card.id]
    assert entry["title"] == card.title and entry["journal"] == "Jurnal A & B" and entry["volume"] == "3"


def test_ris_round_trip_keeps_every_field(citable):
    records = {r["id"]: r for r in rispy.loads(to_ris(citable))}
    assert set(records) == {c.id for c in citable}
    for card in citable:
        r = records[card.id]
        thesis = card.publication_type in THESIS_TYPES
        start, _, end = (card.pages or "").partition("-")
        expected = {"type_of_reference": RIS_TYPE[card.publication_type], "title": card.title,
                    "year": str(card.year) if card.year else None, "journal_name": card.journal,  # JO
                    "volume": card.volume, "number": card.issue, "doi": card.doi,  # VL, IS, DO
                    "urls": [card.url] if card.url else None, "start_page": start or None, "end_page": end or None,
                    "publisher": card.institution if thesis else None,  # PB: the university
                    "type_of_work": card.publication_type.capitalize() if thesis else None}  # M3
        assert {k: r.get(k) for k in expected} == expected, card.id
        assert r.get("authors", []) == [f"{a.family}, {a.given}" if a.given else a.family for a in card.authors]


def test_ris_tags_of_an_article_and_a_conference_paper(by_id):
    text = to_ris([by_id["ginting-2018-medan"]])
    for line in ("TY  - JOUR", "JO  - Matra Pembaruan: Jurnal Inovasi Kebijakan", "VL  - 2", "IS  - 3", "SP  - 185",
                 "EP  - 195", "DO  - 10.21787/mp.2.3.2018.185-195",
                 "UR  - http://jurnal.kemendagri.go.id/index.php/mp/article/view/511"):
        assert line in text.splitlines()
    paper = to_ris([_study(publication_type="makalah konferensi", proceedings="Prosiding Y", pages="7-9")])
    assert {"TY  - CPAPER", "T2  - Prosiding Y", "SP  - 7", "EP  - 9"} <= set(paper.splitlines())


def test_every_publication_type_has_a_bibtex_and_ris_type():
    for kind, bibtex_type in BIBTEX_TYPE.items():
        card = _study(publication_type=kind)
        assert _parse_bibtex(to_bibtex([card]))[card.id].entry_type == bibtex_type
        assert rispy.loads(to_ris([card]))[0]["type_of_reference"] == RIS_TYPE[kind]


def test_apa_list_is_sorted_by_author(citable):
    lines = render(citable, "apa").splitlines()
    assert len(lines) == len(citable) and lines[1].startswith("Fauziah") and lines[-1].startswith("Yahya")


def test_cli_cite():
    runner = CliRunner()
    res = runner.invoke(cli, ["cite", "harakan-2020-makassar", "--format", "bibtex", "--corpus", str(CORPUS)])
    assert res.exit_code == 0 and "@article{harakan-2020-makassar" in res.output
    res = runner.invoke(cli, ["cite", "jalil-2020-palopo", "--corpus", str(CORPUS)])
    assert res.exit_code == 0 and "[Skripsi, Universitas Muhammadiyah Makassar]" in res.output
    res = runner.invoke(cli, ["cite", "seoul", "--corpus", str(CORPUS)])
    assert res.exit_code == 1 and "seoul" in res.output
    res = runner.invoke(cli, ["cite", "--all", "--format", "ris", "--corpus", str(CORPUS)])
    assert res.exit_code == 0 and res.output.count("TY  - ") == 11
