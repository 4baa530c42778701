"""Citations name the source first, then the place inside it, then real pages only."""
from __future__ import annotations

from kb.citations import cite


def test_regulation_pasal_ayat_and_penjelasan():
    meta = {"short_cite": "UU 23/2014", "title": "UU 23/2014 tentang Pemerintahan Daerah", "pasal": "363"}
    assert cite(meta, ayat="2") == "UU 23/2014, Pasal 363 ayat (2)"
    assert cite({**meta, "ayat": "1-3"}) == "UU 23/2014, Pasal 363 ayat (1)-(3)"
    assert cite({**meta, "section": "penjelasan"}) == "UU 23/2014, Penjelasan Pasal 363"
    assert cite({**meta, "page_start": 213, "page_end": 213}) == "UU 23/2014, Pasal 363, hlm. 213"


def test_prose_names_its_section_but_not_its_title_twice():
    assert cite({"title": "Ringkasan", "heading": "Ringkasan"}) == "Ringkasan"
    assert cite({"title": "Laporan", "heading": "Laporan > Hambatan", "page_start": 2, "page_end": 3}) == \
        "Laporan, Hambatan, hlm. 2-3"
    assert cite({"doc_id": "p0001"}) == "p0001"
