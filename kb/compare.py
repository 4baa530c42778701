"""Studies and cases side by side: grouped by city, theory, dimension or year (`comparison`), or 2-4 chosen
cards in columns, one row per dimension of the comparison (`side_by_side`).

Every cell remembers the card and field it came from, so the UI can link a cell back to its card
and the CSV/JSON exports can be traced to the source.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Literal, Sequence

from ingest.cards import Card, CaseCard, display

GroupBy = Literal["city", "theory", "dimension", "year"]
GROUP_BY: tuple[GroupBy, ...] = ("city", "theory", "dimension", "year")
NOT_STATED = "(tidak disebut)"

# Column -> card field. Studies, the thesis and cases name some things differently; a card
# without the field gets an empty cell that still names the card.
_STUDY_FIELDS = {"judul": "title", "jenis": "type", "kota": "city", "tahun": "year", "mitra": "partners",
                 "program": "programme", "teori": "theory", "dimensi": "dimensions", "metode": "method",
                 "temuan": "findings", "pendukung": "supporting_factors", "penghambat": "inhibiting_factors"}
_FIELDS: dict[str, dict[str, str]] = {
    "studi": _STUDY_FIELDS,
    "tesis": {**_STUDY_FIELDS, "temuan": "aims"},
    "kasus": {**_STUDY_FIELDS, "program": "programmes", "temuan": "summary"},
}
COLUMNS: tuple[str, ...] = ("id", *_STUDY_FIELDS)
GROUP_COLUMN = {"city": "kota", "theory": "teori", "dimension": "dimensi", "year": "tahun"}


def columns_besides_group(by: GroupBy) -> tuple[str, ...]:
    """Every column but the one the rows are grouped by, which the group column already shows."""
    return tuple(c for c in COLUMNS if c != GROUP_COLUMN[by])


def compact_columns(by: GroupBy) -> tuple[str, ...]:
    """What fits a terminal, without repeating the group; CSV and JSON carry every column."""
    return tuple(c for c in ("id", "kota", "tahun", "mitra", "teori", "dimensi", "metode") if c != GROUP_COLUMN[by])


@dataclass(frozen=True)
class Cell:
    text: str
    card_id: str
    field: str | None  # None where the card has no such field (a case has no method)


@dataclass(frozen=True)
class Row:
    group: Cell
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Table:
    by: GroupBy
    columns: tuple[str, ...]
    rows: list[Row]


def _cell(card: Card, column: str) -> Cell:
    if column == "id":
        return Cell(card.id, card.id, "id")
    field = _FIELDS[card.type].get(column)
    if field is None or not hasattr(card, field):
        return Cell("", card.id, None)
    return Cell(display(getattr(card, field)), card.id, field)


def _group_cell(card: Card, key: str, by: GroupBy) -> Cell:
    field = _STUDY_FIELDS[GROUP_COLUMN[by]]
    return Cell(key, card.id, field if hasattr(card, field) else None)


def _groups(card: Card, by: GroupBy) -> list[str]:
    """The group keys of a card; a card with several theories or dimensions appears once under each."""
    if by == "city":
        return [card.city]
    if by == "year":
        return [str(card.year) if card.year else NOT_STATED]
    values = card.dimensions if by == "dimension" else ([] if isinstance(card, CaseCard) else card.theory)
    return [display(v) for v in values] or [NOT_STATED]


def comparison(cards: Sequence[Card], by: GroupBy = "city", columns: Sequence[str] = COLUMNS) -> Table:
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        raise ValueError(f"kolom tidak dikenal / unknown columns: {', '.join(unknown)}")
    keyed = [(key, card) for card in cards for key in _groups(card, by)]
    # Stated groups first in order, "not stated" last; within a group by year, then id.
    keyed.sort(key=lambda kc: (kc[0] == NOT_STATED, kc[0].lower(), kc[1].year or 0, kc[1].id))
    rows = [Row(_group_cell(card, key, by), {c: _cell(card, c) for c in columns}) for key, card in keyed]
    return Table(by=by, columns=tuple(columns), rows=rows)


def to_json(table: Table) -> str:
    def cell(c: Cell) -> dict:
        return {"text": c.text, "card": c.card_id, "field": c.field}

    rows = [{"group": cell(r.group), **{k: cell(v) for k, v in r.cells.items()}} for r in table.rows]
    return json.dumps({"by": table.by, "columns": ["group", *table.columns], "rows": rows},
                      ensure_ascii=False, indent=2)


def to_csv(table: Table) -> str:
    """Values only; the 'id' column names the card and the header names the field."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([table.by, *table.columns])
    for r in table.rows:
        w.writerow([r.group.text, *(r.cells[c].text for c in table.columns)])
    return out.getvalue()


# Rows of a side-by-side comparison: (column of the grouped table or "sumber", label shown to students).
ASPECTS: tuple[tuple[str, str], ...] = (
    ("kota", "Kota"), ("mitra", "Mitra"), ("program", "Program"), ("teori", "Teori/model"), ("metode", "Metode"),
    ("temuan", "Temuan"), ("pendukung", "Faktor pendukung"), ("penghambat", "Faktor penghambat"),
    ("sumber", "Sumber"))


@dataclass(frozen=True)
class SideBySide:
    cards: tuple[str, ...]  # card ids, one column each
    rows: list[tuple[str, list[Cell]]]  # (aspect label, one cell per card)


def _source(card: Card) -> Cell:
    cite = getattr(card, "short_cite", "") if not isinstance(card, CaseCard) else ""
    where = "; ".join(x for x in (cite if card.type == "studi" else "", card.source) if x)
    return Cell(where, card.id, "source")


def side_by_side(cards: Sequence[Card]) -> SideBySide:
    """The chosen cards in columns, in the order given; every cell names its card and field."""
    if not 2 <= len(cards) <= 4:
        raise ValueError(f"pilih 2 sampai 4 kartu / choose 2 to 4 cards (got {len(cards)})")
    return SideBySide(tuple(c.id for c in cards),
                      [(label, [_source(c) if key == "sumber" else _cell(c, key) for c in cards])
                       for key, label in ASPECTS])


def side_by_side_csv(view: SideBySide) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["aspek", *view.cards])
    for label, cells in view.rows:
        w.writerow([label, *(c.text for c in cells)])
    return out.getvalue()


def side_by_side_json(view: SideBySide) -> str:
    return json.dumps({"cards": list(view.cards), "rows": [
        {"aspek": label, "cells": [{"text": c.text, "card": c.card_id, "field": c.field} for c in cells]}
        for label, cells in view.rows]}, ensure_ascii=False, indent=2)
