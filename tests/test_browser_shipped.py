"""The shipped corpus as a new user sees it, in a real browser at 1400 px: the comparison table keeps
whole city names. The table is drawn on a canvas, so what it shows is read back from a screenshot with
tesseract, the OCR the ingest already uses."""
from __future__ import annotations

import re
import subprocess

import pytest

from test_browser import ARTIFACTS, ROOT, chromium_page, follow, settled, streamlit_app

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def shipped_app(tmp_path_factory):
    from kb.base import KnowledgeBase
    from kb.indexer import ingest

    data_dir = tmp_path_factory.mktemp("kb-shipped")
    kb = KnowledgeBase.open(data_dir)
    assert ingest(kb, [ROOT / "corpus"]).ok
    kb.close()
    with streamlit_app(data_dir, "streamlit-shipped.log") as url, chromium_page() as page:
        yield url, page


def shown_columns(element, name: str) -> dict[str, str]:
    """What a canvas table shows, column by column: the words tesseract reads in its screenshot, each given
    to the header it starts under. A wrapped cell reads whole; a cut one ends early or in an ellipsis."""
    png = ARTIFACTS / f"{name}.png"
    element.screenshot(path=str(png))
    tsv = subprocess.run(["tesseract", str(png), "-", "-l", "eng", "--dpi", "144", "--psm", "6", "tsv"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    rows = [r for r in (line.split("\t") for line in tsv[1:]) if len(r) == 12 and any(ch.isalnum() for ch in r[11])]
    # Tesseract's own reading order (block, paragraph, line, word) keeps a wrapped cell's lines in order.
    rows.sort(key=lambda r: tuple(int(x) for x in r[1:6]))
    first_line = rows[0][1:5]
    headers = sorted((int(r[6]), r[11]) for r in rows if r[1:5] == first_line)
    columns: dict[str, list[str]] = {text: [] for _, text in headers}
    for r in rows:
        if r[1:5] != first_line:
            under = [h for x, h in headers if x <= int(r[6]) + 24]  # OCR may see the cell edge as "_"
            if under:
                columns[under[-1]].append(r[11])
    return {h: " ".join(ws) for h, ws in columns.items()}


def test_the_comparison_table_keeps_whole_city_names(shipped_app):
    from playwright.sync_api import expect

    url, page = shipped_app
    page.goto(url)
    follow(page.get_by_role("link", name="Perbandingan Kasus"), page.get_by_role("heading", name="Semua kartu"))
    main = page.get_by_test_id("stMain")
    settled(page)
    city = page.get_by_test_id("stSidebar").get_by_role("combobox").nth(2)  # Kelompokkan, Jenis kartu, Kota
    city.click()
    page.get_by_role("option", name="Kanada (nama kota tidak disebut sumber)").click()
    page.keyboard.press("Escape")
    expect(main.get_by_text("1 kartu.", exact=False)).to_be_visible()
    settled(page)
    shown = shown_columns(main.get_by_test_id("stDataFrame").first, "perbandingan-kota-utuh")
    # The pinned group column holds the whole city, wrapped, never cut ("Kanada (nam…"); the title is whole too.
    assert shown["Kelompok"] == "Kanada (nama kota tidak disebut sumber)", shown
    assert shown["Judul"].strip("_ ") == "Kanada: Smart Waterfront Development bersama Sidewalk Labs", shown
