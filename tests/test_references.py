"""References: APA 7 text by the rules, BibTeX and RIS that parse back (bibtexparser, rispy) to the same fields."""
from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares as mw
from click.testing import CliRunner

from ingest.cards import CaseCard, StudyCard, load_cards
from kb.cli import cli
from kb.references import render, to_apa, to_bibtex, to_ris

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def citable():
    return [c for c in load_cards(CORPUS) if not isinstance(c, CaseCard)]


@pytest.fixture(scope="module")
def by_id(citable):
    return {c.id: c for c in citable}


def _study(**changes) -> StudyCard:
    base = load_cards(CORPUS)
    card = next(c for c in base if c.id == "fitri-2017-semarang")
    return card.model_validate(card.model_dump() | changes)


@pytest.mark.parametrize("card_id, expected", [
    ("fitri-2017-semarang", "Fitri, Y. (2017). Implementasi Kerjasama Pemerintah Kota Semarang dan PT Telkom "
                            "Dalam Membangun Semarang Smart City."),
    ("yahya-2022-surakarta", "Yahya, H., & Sudarmo. (2022). Collaborative Governance dalam Program “EPPSON” "
                             "Sebagai Perwujudan Smart City di Kota Surakarta."),
    ("fauziah-2020-yogyakarta", "Fauziah, C., Kuntoro, T., & Giyarsih, S. R. (2020). Kontribusi PT. Telkom Dalam "
                                "Pengembangan UMKM Perkotaan di Yogyakarta."),
])
def test_apa_author_date_title(by_id, card_id, expected):
    assert to_apa(by_id[card_id]) == expected


def test_apa_without_author_or_year_starts_with_the_title(by_id):
    assert to_apa(by_id["tesis-bekasi-telkom"]) == (
        "Collaborative Governance Pemerintah Kota Bekasi dan PT Telkom dalam Mewujudkan Bekasi Smart City "
        "[Tesis]. (n.d.).")


def test_apa_source_and_doi_when_known():
    card = _study(journal="Jurnal Administrasi Publik", volume="5", issue="2", pages="10-20", doi="10.1/abc")
    assert to_apa(card).endswith("Smart City. Jurnal Administrasi Publik, 5(2), 10-20. https://doi.org/10.1/abc")


def test_apa_more_than_twenty_authors_uses_the_ellipsis():
    card = _study(authors=[f"Penulis{i}, A" for i in range(25)])
    text = to_apa(card)
    assert "Penulis18, A., . . . Penulis24, A. (2017)" in text and "Penulis19," not in text


def _parse_bibtex(text: str):
    lib = bibtexparser.parse_string(text, append_middleware=[
        mw.LatexDecodingMiddleware(), mw.SeparateCoAuthors(), mw.SplitNameParts()])
    assert not lib.failed_blocks
    return {e.key: e for e in lib.entries}


def test_bibtex_round_trip_keeps_every_field(citable):
    parsed = _parse_bibtex(to_bibtex(citable))
    assert set(parsed) == {c.id for c in citable}
    for card in citable:
        entry = parsed[card.id]
        assert entry.entry_type == ("mastersthesis" if card.type == "tesis" else "article")
        assert entry["title"] == card.title
        year, authors = entry.fields_dict.get("year"), entry.fields_dict.get("author")
        assert (year.value if year else None) == (str(card.year) if card.year else None)
        names = [(" ".join(n.last), " ".join(n.first)) for n in authors.value] if authors else []
        assert names == [(a.family, a.given) for a in card.authors]


def test_bibtex_escapes_latex_specials_and_round_trips_them():
    card = _study(title="Kerja sama 50% & “Telkom” di Bekasi", journal="Jurnal A & B", volume="3")
    text = to_bibtex([card])
    assert r"50\% \&" in text
    entry = _parse_bibtex(text)[card.id]
    assert entry["title"] == card.title and entry["journal"] == "Jurnal A & B" and entry["volume"] == "3"


def test_ris_round_trip_keeps_every_field(citable):
    records = {r["id"]: r for r in rispy.loads(to_ris(citable))}
    assert set(records) == {c.id for c in citable}
    for card in citable:
        r = records[card.id]
        assert r["type_of_reference"] == ("THES" if card.type == "tesis" else "JOUR")
        assert r["title"] == card.title
        assert r.get("year") == (str(card.year) if card.year else None)
        assert r.get("authors", []) == [f"{a.family}, {a.given}" if a.given else a.family for a in card.authors]


def test_ris_pages_and_doi_round_trip():
    card = _study(journal="Jurnal X", pages="10-20", doi="10.1/abc")
    [r] = rispy.loads(to_ris([card]))
    assert (r["journal_name"], r["start_page"], r["end_page"], r["doi"]) == ("Jurnal X", "10", "20", "10.1/abc")


def test_apa_list_is_sorted_by_author(citable):
    lines = render(citable, "apa").splitlines()
    assert len(lines) == len(citable) and lines[1].startswith("Fauziah") and lines[-1].startswith("Yahya")


def test_cli_cite():
    runner = CliRunner()
    res = runner.invoke(cli, ["cite", "harakan-2020-makassar", "--format", "bibtex", "--corpus", str(CORPUS)])
    assert res.exit_code == 0 and "@article{harakan-2020-makassar" in res.output
    res = runner.invoke(cli, ["cite", "seoul", "--corpus", str(CORPUS)])
    assert res.exit_code == 1 and "seoul" in res.output
    res = runner.invoke(cli, ["cite", "--all", "--format", "ris", "--corpus", str(CORPUS)])
    assert res.exit_code == 0 and res.output.count("TY  - ") == 11
