"""Who may change the corpus, in a real browser: with KB_ADMIN_PASSWORD set, Kelola Korpus has no
uploader before sign-in, refuses a wrong password and locks out after repeated ones, opens after the
right one; an upload and a removal land in the audit log, and a removed document comes back whole."""
from __future__ import annotations

import json
import re
import time

import pytest

from test_browser import chromium_page, follow, settled, shot, streamlit_app

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PASSWORD = "sandi-dinas-2026"
LOCKOUT_S = 6


@pytest.fixture(scope="module")
def admin_app(tmp_path_factory):
    from kb.base import KnowledgeBase
    from kb.indexer import ingest

    data_dir = tmp_path_factory.mktemp("kb-admin")
    corpus = tmp_path_factory.mktemp("corpus-admin")
    (corpus / "wifi.md").write_text("# Wifi Publik\n\nPemerintah kota menargetkan seribu titik wifi publik.\n",
                                    encoding="utf-8")
    kb = KnowledgeBase.open(data_dir)
    assert ingest(kb, [corpus]).ok
    kb.close()
    env = {"KB_ADMIN_PASSWORD": PASSWORD, "KB_LOGIN_ATTEMPTS": "2", "KB_LOGIN_LOCKOUT_S": str(LOCKOUT_S)}
    with streamlit_app(data_dir, "streamlit-admin.log", env) as url, chromium_page() as page:
        yield url, data_dir, page


def sign_in(page, password: str) -> None:
    page.get_by_label("Nama").fill("Sari")
    page.get_by_label("Kata sandi admin").fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()


def test_sign_in_lockout_audit_and_restore(admin_app):
    from playwright.sync_api import expect

    url, data_dir, page = admin_app
    page.goto(url)
    follow(page.get_by_role("link", name="Kelola Korpus"), page.get_by_role("heading", name="Kelola Korpus"))
    main = page.get_by_test_id("stMain")
    expect(page.get_by_label("Kata sandi admin")).to_be_visible()
    expect(page.locator("input[type=file]")).to_have_count(0)
    expect(main.get_by_role("button", name="Hapus dokumen")).to_have_count(0)
    shot(page, "kelola-korpus-masuk")

    sign_in(page, "salah")
    expect(main.get_by_text("Kata sandi salah.")).to_be_visible()
    settled(page)
    sign_in(page, "salah lagi")
    expect(main.get_by_text("Kata sandi salah.")).to_be_visible()
    settled(page)
    locked_at = time.monotonic()
    sign_in(page, PASSWORD)  # the right one, but within the lockout
    expect(main.get_by_text("Terlalu banyak percobaan", exact=False)).to_be_visible()
    expect(page.locator("input[type=file]")).to_have_count(0)
    time.sleep(max(0.0, LOCKOUT_S + 0.5 - (time.monotonic() - locked_at)))
    settled(page)
    sign_in(page, PASSWORD)
    expect(page.locator("input[type=file]")).to_have_count(1)
    expect(main.get_by_text("Masuk sebagai web:Sari", exact=False)).to_be_visible()

    upload = data_dir.parent / "Laporan Sensor Banjir.md"
    upload.write_text("# Laporan Sensor Banjir\n\nDinas memasang sensor banjir di Kali Bekasi pada 2023. "
                      "Sensor mengirim tinggi muka air ke Command Center setiap lima menit.\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name="Masukkan ke korpus").click()
    added = main.get_by_text("1 dokumen masuk korpus", exact=False)
    expect(added).to_be_visible()
    chunks = int(re.search(r"\((\d+) potongan\)", added.inner_text()).group(1))
    settled(page)
    in_index = page.get_by_test_id("stMetricValue").nth(1).inner_text()  # "Potongan teks", the whole index

    box = main.get_by_role("combobox").last  # the "Dokumen" select of Hapus dokumen
    box.click()
    page.get_by_role("option", name=re.compile("Laporan Sensor Banjir")).click()
    settled(page)
    main.get_by_role("button", name="Hapus dokumen").click()
    expect(main.get_by_text("Dihapus: Laporan Sensor Banjir", exact=False)).to_be_visible()
    expect(main.get_by_text("Tempat sampah (1)")).to_be_visible()
    shot(page, "kelola-korpus-sampah")
    grid = main.get_by_test_id("stDataFrame").last  # the audit log, newest first
    grid.scroll_into_view_if_needed()  # the grid is a canvas; its accessible table fills once on screen
    expect(grid.locator("td").filter(has_text=re.compile(r"^remove$")).first).to_be_attached()
    expect(grid.locator("td").filter(has_text=re.compile(r"^upload$")).first).to_be_attached()
    log = [json.loads(line) for line in (data_dir / "audit.jsonl").read_text().splitlines()]
    done = [(e["action"], e["who"].split("@")[0]) for e in log if e["result"] == "ok"]
    assert done == [("ingest", done[0][1]), ("upload", "web:Sari"), ("ingest", "web:Sari"),
                    ("remove", "web:Sari")], done
    assert next(e for e in log if e["action"] == "upload")["file"] == "Laporan Sensor Banjir.md"

    settled(page)
    main.get_by_role("button", name="Pulihkan").click()
    expect(main.get_by_text(f"Dipulihkan: Laporan Sensor Banjir ({chunks} potongan)", exact=False)).to_be_visible()
    expect(main.get_by_text("Tempat sampah (0)")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").nth(1)).to_have_text(in_index)
    log = [json.loads(line) for line in (data_dir / "audit.jsonl").read_text().splitlines()]
    assert (log[-1]["action"], log[-1]["result"]) == ("restore", "ok")
    shot(page, "kelola-korpus-pulih")
