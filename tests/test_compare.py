"""`kb compare`: grouping, provenance of every cell, and the three output formats."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.cards import display, load_cards
from kb.cli import cli
from kb.compare import COLUMNS, GROUP_BY, NOT_STATED, comparison, compact_columns, to_csv, to_json

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def cards():
    return load_cards(CORPUS)


@pytest.mark.parametrize("by", GROUP_BY)
def test_every_cell_names_the_card_and_field_it_came_from(cards, by):
    by_id = {c.id: c for c in cards}
    table = comparison(cards, by)
    for row in table.rows:
        card = by_id[row.cells["id"].text]
        group_value = display(getattr(card, row.group.field)) if row.group.field else ""
        assert row.group.text in group_value or (row.group.text == NOT_STATED and not group_value)
        assert row.group.card_id == card.id
        for cell in row.cells.values():
            assert cell.card_id == card.id
            if cell.field is None:
                assert cell.text == ""
            elif cell.field != "id":
                assert cell.text == display(getattr(card, cell.field))


def test_by_theory_groups_studies_under_each_theory_and_not_stated_last(cards):
    table = comparison(cards, "theory")
    groups = [r.group.text for r in table.rows]
    ansell = [r.cells["id"].text for r in table.rows if "Ansell dan Gash" in r.group.text]
    assert ansell == ["yahya-2022-surakarta"]
    assert "pentahelix" in groups
    first_missing = groups.index(NOT_STATED)
    assert set(groups[first_missing:]) == {NOT_STATED}
    # A case card has no theory: it sits under "not stated" with an empty, field-less cell.
    seoul = next(r for r in table.rows if r.cells["id"].text == "seoul")
    assert seoul.group.text == NOT_STATED and seoul.cells["teori"].field is None


def test_by_year_sorts_and_cases_map_their_own_fields(cards):
    table = comparison(cards, "year")
    years = [r.group.text for r in table.rows if r.group.text != NOT_STATED]
    assert years == sorted(years) and years[0] == "2017"
    wifi = next(r for r in table.rows if r.cells["id"].text == "bekasi-telkom-wifi")
    assert wifi.group.text == "2017"
    assert wifi.cells["program"].field == "programmes" and "1000 titik wifi" in wifi.cells["program"].text
    assert wifi.cells["temuan"].field == "summary"


def test_a_card_with_two_dimensions_appears_in_both_groups(cards):
    table = comparison(cards, "dimension")
    groups = {r.group.text for r in table.rows if r.cells["id"].text == "priyo-2019-yogyakarta"}
    assert groups == {"smart environment", "smart economy"}


def test_csv_and_json_carry_the_same_rows(cards):
    table = comparison(cards, "city")
    rows = list(csv.reader(io.StringIO(to_csv(table))))
    assert rows[0] == ["city", *COLUMNS]
    data = json.loads(to_json(table))
    assert len(rows) - 1 == len(data["rows"]) == len(table.rows)
    first = data["rows"][0]
    assert rows[1][0] == first["group"]["text"] and first["kota"] == {
        "text": first["kota"]["text"], "card": first["id"]["text"], "field": "city"}


def test_unknown_column_is_rejected(cards):
    with pytest.raises(ValueError, match="nope"):
        comparison(cards, "city", ["id", "nope"])


def test_cli_compare_formats():
    runner = CliRunner()
    res = runner.invoke(cli, ["compare", "--by", "theory", "--format", "json", "--corpus", str(CORPUS)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["by"] == "theory"
    res = runner.invoke(cli, ["compare", "--by", "city", "--corpus", str(CORPUS)], terminal_width=250)
    assert res.exit_code == 0 and "Surakarta" in res.output
    assert "kota" not in compact_columns("city")


def test_chosen_cards_side_by_side_one_row_per_aspect(cards):
    from kb.compare import ASPECTS, side_by_side, side_by_side_csv

    by_id = {c.id: c for c in cards}
    view = side_by_side([by_id["widodo-2020-bekasi"], by_id["bandung"], by_id["yahya-2022-surakarta"]])
    assert view.cards == ("widodo-2020-bekasi", "bandung", "yahya-2022-surakarta")
    assert [label for label, _ in view.rows] == [label for _, label in ASPECTS]
    for _, cells in view.rows:
        assert [c.card_id for c in cells] == list(view.cards)
    theory = dict(view.rows)["Teori/model"]
    assert theory[2].text == display(by_id["yahya-2022-surakarta"].theory) and theory[1].field is None
    assert dict(view.rows)["Sumber"][2].text.startswith("Yahya & Sudarmo (2022); Bab I tesis")
    rows = list(csv.reader(io.StringIO(side_by_side_csv(view))))
    assert rows[0] == ["aspek", *view.cards] and rows[1] == ["Kota", "Bekasi", "Bandung", "Surakarta"]
    with pytest.raises(ValueError, match="2 sampai 4"):
        side_by_side(cards[:1])


def test_kb_compare_with_ids_prints_the_side_by_side_view():
    res = CliRunner().invoke(cli, ["compare", "widodo-2020-bekasi", "bandung", "--format", "json",
                                   "--corpus", str(CORPUS)])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["cards"] == ["widodo-2020-bekasi", "bandung"] and d["rows"][0]["aspek"] == "Kota"
    assert d["rows"][0]["cells"][1] == {"text": "Bandung", "card": "bandung", "field": "city"}
    table = CliRunner().invoke(cli, ["compare", "widodo-2020-bekasi", "bandung", "--corpus", str(CORPUS)],
                               terminal_width=80)
    assert table.exit_code == 0 and "Faktor penghambat" in table.output and "…" not in table.output
    bad = CliRunner().invoke(cli, ["compare", "widodo-2020-bekasi", "tidak-ada", "--corpus", str(CORPUS)])
    assert bad.exit_code == 1 and "tidak-ada" in bad.output


def test_the_terminal_table_folds_long_words_and_names_its_group_column_in_indonesian():
    res = CliRunner().invoke(cli, ["compare", "--corpus", str(CORPUS)], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    header = res.output.splitlines()[1]
    assert "…" not in res.output and "kota" in header and "city" not in header
