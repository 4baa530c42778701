"""The Streamlit app through streamlit.testing's AppTest: every page, on a small corpus made here.

`make_corpus` is shared with the browser test (tests/test_browser.py).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
CARDS = ("studies/widodo-2020-bekasi.yaml", "studies/fitri-2017-semarang.yaml", "cases/bandung.yaml")

# Written for the tests: a small regional regulation with a body and a Penjelasan.
PERDA = """PERATURAN DAERAH KOTA CONTOH
NOMOR 7 TAHUN 2020
TENTANG
PENYELENGGARAAN KOTA CERDAS

DENGAN RAHMAT TUHAN YANG MAHA ESA

WALI KOTA CONTOH,

BAB I
KETENTUAN UMUM

Pasal 1
Dalam Peraturan Daerah ini yang dimaksud dengan Kota Cerdas adalah kota yang memakai teknologi informasi untuk melayani warganya.

BAB II
KERJA SAMA

Pasal 2
(1) Pemerintah Daerah dapat melakukan kerja sama penyelenggaraan kota cerdas dengan badan usaha milik negara dan pihak ketiga.
(2) Kerja sama sebagaimana dimaksud pada ayat (1) dituangkan dalam perjanjian kerja sama.

Pasal 3
Dewan Kota Cerdas memberi pertimbangan kepada Wali Kota tentang arah pengembangan kota cerdas.

PENJELASAN
ATAS
PERATURAN DAERAH KOTA CONTOH NOMOR 7 TAHUN 2020
TENTANG
PENYELENGGARAAN KOTA CERDAS

I. UMUM
Kota cerdas memerlukan kerja sama banyak pihak.

II. PASAL DEMI PASAL
Pasal 1
Cukup jelas.
Pasal 2
Ayat (1)
Yang dimaksud dengan badan usaha milik negara antara lain penyedia jaringan telekomunikasi.
Ayat (2)
Cukup jelas.
Pasal 3
Cukup jelas.
"""

PERDA_UBAH = """PERATURAN DAERAH KOTA CONTOH
NOMOR 3 TAHUN 2023
TENTANG
PERUBAHAN ATAS PERATURAN DAERAH KOTA CONTOH NOMOR 7 TAHUN 2020 TENTANG PENYELENGGARAAN KOTA CERDAS

DENGAN RAHMAT TUHAN YANG MAHA ESA

WALI KOTA CONTOH,

Pasal I
Beberapa ketentuan dalam Peraturan Daerah Kota Contoh Nomor 7 Tahun 2020 tentang Penyelenggaraan Kota Cerdas diubah sebagai berikut:
1. Ketentuan Pasal 3 diubah sehingga berbunyi sebagai berikut:
Pasal 3
Dewan Kota Cerdas memberi pertimbangan kepada Wali Kota dan melaporkan hasil evaluasi kota cerdas setiap tahun.

Pasal II
Peraturan Daerah ini mulai berlaku pada tanggal diundangkan.
"""

NEWS = """# Target Seribu Titik Wifi Publik

Pemerintah Kota Bekasi menargetkan 1000 titik wifi publik pada 2022 bersama PT Telkom.
Sumber: https://bekasi.contoh.go.id/berita/wifi-publik-2022.
"""

XSS_SCRIPT = "<script>window.__xss = 1</script>"
XSS_IMG = '<img src=x onerror="window.__xss = 2">'
XSS = f"""# Catatan Uji Keamanan

Catatan uji keamanan ini memuat {XSS_SCRIPT} dan {XSS_IMG} yang harus tampil sebagai teks biasa.
"""


def make_corpus(root: Path) -> Path:
    """A regulation with Pasal and one amending it, a news item, a document carrying HTML, two study cards
    and a case card."""
    (root / "regulasi").mkdir(parents=True)
    (root / "regulasi" / "perda-contoh-7-2020.txt").write_text(PERDA, encoding="utf-8")
    (root / "regulasi" / "perda-contoh-3-2023.txt").write_text(PERDA_UBAH, encoding="utf-8")
    (root / "berita").mkdir()
    (root / "berita" / "wifi-2022.md").write_text(NEWS, encoding="utf-8")
    (root / "uji-keamanan.md").write_text(XSS, encoding="utf-8")
    for card in CARDS:
        shutil.copy(ROOT / "corpus" / card, root / Path(card).name)
    return root


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    from kb.base import KnowledgeBase
    from kb.indexer import ingest

    corpus = make_corpus(tmp_path_factory.mktemp("corpus"))
    d = tmp_path_factory.mktemp("kb")
    kb = KnowledgeBase.open(d)
    report = ingest(kb, [corpus])
    kb.close()
    assert report.ok, report.failed
    return d


def open_app(data_dir: Path, monkeypatch, page: str | None = None) -> AppTest:
    monkeypatch.setenv("KB_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.text_input(key="pertanyaan").input(question).run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def plain(markdown: str) -> str:
    """What escaped Markdown displays."""
    return re.sub(r"\\(.)", r"\1", markdown)


def results(at: AppTest) -> list[str]:
    """Headers of the result cards as displayed: '[n] citation'."""
    return [plain(m).strip("*") for m in texts(at.markdown) if m.startswith("**\\[")]


# -- empty corpus ---------------------------------------------------------------------------------

@pytest.mark.parametrize("page, says", [
    (None, "Korpus masih kosong"), ("ui/korpus.py", "Korpus masih kosong"),
    ("ui/regulasi.py", "Belum ada regulasi"), ("ui/perbandingan.py", "Belum ada kartu studi atau kasus"),
    ("ui/pustaka.py", "Belum ada kartu studi")])
def test_an_empty_corpus_says_how_to_fill_it(tmp_path, monkeypatch, page, says):
    at = open_app(tmp_path / "kosong", monkeypatch, page)
    assert any(says in i and "kb ingest" in i for i in texts(at.info))


# -- Cari -----------------------------------------------------------------------------------------

def test_cari_answers_with_numbered_sources_then_cited_passages(data_dir, monkeypatch):
    at = ask(open_app(data_dir, monkeypatch), "dengan siapa pemerintah daerah dapat melakukan kerja sama?")
    assert "Jawaban ringkas" in texts(at.subheader)
    reply = at.markdown[0].value
    assert "Pemerintah Daerah dapat melakukan kerja sama" in reply and "**\\[1\\]**" in reply
    heads = results(at)
    assert heads[0].startswith("[1] Perda Kota Contoh 7/2020, Pasal 2")
    assert ":orange-background[kerja]" in " ".join(texts(at.markdown))
    # Each result offers its original file and its citation in a copyable code block.
    assert {b.label for b in at.get("download_button")} == {"Unduh berkas asli"}
    citations = texts(at.code)
    assert len(citations) == len(heads) and citations[0].startswith("Perda Kota Contoh 7/2020, Pasal 2")


def test_cari_says_which_terms_of_the_regulations_it_also_searched_for(data_dir, monkeypatch):
    at = ask(open_app(data_dir, monkeypatch), "kemitraan pemda untuk kota pintar")
    caption = next(plain(c) for c in texts(at.caption) if "hasil untuk" in c)
    assert "Juga dicari dengan istilah peraturan: kerja sama; pemerintah daerah; kota cerdas." in caption
    assert "Dibaca sebagai" not in caption
    assert results(at)[0].startswith("[1] Perda Kota Contoh 7/2020, Pasal 2")
    assert ":orange-background[kerja]" in " ".join(texts(at.markdown)), "the added terms are highlighted too"


def test_cari_says_how_it_read_a_chat_spelled_question(data_dir, monkeypatch):
    at = ask(open_app(data_dir, monkeypatch), "kemitraan pemda utk kota pintar")
    caption = next(plain(c) for c in texts(at.caption) if "hasil untuk" in c)
    assert "Dibaca sebagai “kemitraan pemda untuk kota pintar”." in caption
    assert results(at)[0].startswith("[1] Perda Kota Contoh 7/2020, Pasal 2")


def test_cari_filters_in_the_sidebar(data_dir, monkeypatch):
    at = open_app(data_dir, monkeypatch)
    at.sidebar.selectbox(key="jenis").set_value("berita").run()
    ask(at, "kota cerdas wifi")
    assert results(at) and all(c.startswith("Berita") for c in texts(at.main.caption)[1:])
    at.sidebar.selectbox(key="jenis").set_value(None)
    at.sidebar.selectbox(key="tempat").set_value("Semarang").run()
    assert [h for h in results(at)] and all("Fitri" in h for h in results(at))


def test_cari_no_result_says_what_to_try(data_dir, monkeypatch):
    at = open_app(data_dir, monkeypatch)
    at.sidebar.radio(key="mode").set_value("lexical")
    ask(at, "zzqxv")
    assert any("Tidak ada hasil" in w for w in texts(at.warning))


def test_document_text_is_shown_as_text_never_as_html(data_dir, monkeypatch):
    at = ask(open_app(data_dir, monkeypatch), "catatan uji keamanan")
    shown = " ".join(texts(at.markdown))
    assert "\\<script\\>" in shown and "onerror\\=" in shown
    assert not re.search(r"(?<!\\)[<>]", shown)  # every angle bracket escaped: nothing can become a tag
    assert XSS_SCRIPT in plain(shown) and XSS_IMG in plain(shown)
    assert not any(m.proto.allow_html for m in at.markdown)


# -- Regulasi -------------------------------------------------------------------------------------

def test_regulasi_tree_pasal_with_penjelasan_and_status(data_dir, monkeypatch):
    at = open_app(data_dir, monkeypatch, "ui/regulasi.py")
    assert at.selectbox(key="regulasi").value == "perda-contoh-3-2023"
    at.selectbox(key="regulasi").set_value("perda-contoh-7-2020").run()
    assert any("diubah dengan Perda Kota Contoh 3/2023" in plain(w) for w in texts(at.warning))
    assert [plain(e.label) for e in at.expander] == ["BAB I Ketentuan Umum", "BAB II Kerja Sama"]
    assert [b.options for b in at.get("button_group")] == [["Pasal 1"], ["Pasal 2", "Pasal 3"]]
    assert plain(at.subheader[-1].value) == "Pasal 1"  # the first Pasal until one is chosen

    at.get("button_group")[1].set_value("2").run()
    assert plain(at.subheader[-1].value) == "Pasal 2"
    assert at.code[0].value == "Perda Kota Contoh 7/2020, Pasal 2"
    shown = plain(" ".join(texts(at.markdown)))
    assert "(1) Pemerintah Daerah dapat melakukan kerja sama" in shown
    assert "badan usaha milik negara antara lain penyedia jaringan telekomunikasi" in shown  # its Penjelasan

    at.get("button_group")[1].set_value("3").run()
    shown = plain(" ".join(texts(at.markdown)))
    assert "Diubah dengan Perda Kota Contoh 3/2023, Pasal I" in shown
    assert "melaporkan hasil evaluasi kota cerdas setiap tahun" in shown
    assert "**Penjelasan** Cukup jelas." in shown  # no chunk of its own, still shown with its Pasal

    at.selectbox(key="regulasi").set_value("perda-contoh-3-2023").run()
    assert any("Tidak ada dokumen di korpus yang mengubah atau mencabutnya" in s for s in texts(at.success))
    assert any("Mengubah: Perda Kota Contoh 7/2020" in plain(c) for c in texts(at.caption))
    assert [b.options for b in at.get("button_group")] == [["Pasal I", "Pasal II"]]


def test_regulasi_opens_the_pasal_a_link_names(data_dir, monkeypatch):
    monkeypatch.setenv("KB_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update(dok="perda-contoh-7-2020", pasal="2")
    at.run()
    at.switch_page("ui/regulasi.py").run()
    assert at.selectbox(key="regulasi").value == "perda-contoh-7-2020"
    assert plain(at.subheader[-1].value) == "Pasal 2"


# -- Kelola Korpus --------------------------------------------------------------------------------

def test_upload_ingest_search_and_remove(tmp_path, monkeypatch):
    data_dir = tmp_path / "kb"
    at = open_app(data_dir, monkeypatch, "ui/korpus.py")
    at.get("file_uploader")[0].set_value([
        ("Notulen Rapat.md", b"# Notulen Rapat Dewan Kota Cerdas\n\nRapat membahas sensor banjir di Kali Bekasi.\n",
         "text/markdown"),
        ("foto.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "application/pdf"),
    ]).run()
    at.button(key="masukkan").click().run()
    assert not at.exception, at.exception
    assert any("1 dokumen masuk korpus" in s for s in texts(at.success))
    assert any("foto.pdf" in plain(e) and "bukan PDF" in plain(e) for e in texts(at.error))
    table = at.dataframe[0].value
    assert list(table["Status"]) == ["siap", "gagal"]
    assert at.get("file_uploader")[0].value in (None, [])  # emptied for the next upload
    assert "bukan PDF" in table["Galat"].iloc[1]
    (stored,) = (data_dir / "uploads").iterdir()
    assert stored.name.startswith("notulen-rapat-") and stored.suffix == ".md"

    at.switch_page("ui/cari.py").run()
    ask(at, "sensor banjir Kali Bekasi")
    assert results(at)[0].startswith("[1] Notulen Rapat Dewan Kota Cerdas")

    at.switch_page("ui/korpus.py").run()
    doc_id = table["ID"].iloc[0]
    at.selectbox(key="hapus").set_value(doc_id).run()
    at.button(key="hapus-dokumen").click().run()
    assert any("Dihapus" in s for s in texts(at.success))
    assert not stored.exists()
    assert list(at.dataframe[0].value["Status"]) == ["gagal"]  # this session's failure stays listed


# -- Perbandingan Kasus ---------------------------------------------------------------------------

def test_perbandingan_table_groups_cards_and_a_cell_opens_its_card(data_dir, monkeypatch):
    at = open_app(data_dir, monkeypatch, "ui/perbandingan.py")
    table = at.dataframe[0].value
    assert list(table["kelompok"]) == ["Bandung", "Bekasi", "Semarang"]  # grouped by city by default
    assert list(table["id"]) == ["bandung", "widodo-2020-bekasi", "fitri-2017-semarang"]
    assert "Unduh CSV" in [b.label for b in at.get("download_button")]
    assert len(at.get("vega_lite_chart")) == 1  # studies by year; city, dimension, theory as tables
    theories = at.dataframe[3].value  # after the card table: city, dimension, then theory
    assert "(tidak disebut)" not in set(theories[""]) and "strategi komunikasi" in set(theories[""])

    at.session_state["tabel"] = {"selection": {"rows": [], "columns": [], "cells": [[2, "teori"]]}}
    at.run()
    assert "Kartu sumber" in texts(at.subheader)
    source = plain(" ".join(texts(at.markdown)))
    assert "Implementasi Kerjasama Pemerintah Kota Semarang" in source and "Fitri" in source
    assert any("teori dari kartu fitri-2017-semarang" in plain(c) for c in texts(at.caption))


def test_perbandingan_puts_chosen_cards_side_by_side(data_dir, monkeypatch):
    at = open_app(data_dir, monkeypatch, "ui/perbandingan.py")
    at.multiselect(key="berdampingan").set_value(["widodo-2020-bekasi", "bandung"]).run()
    grid = at.dataframe[0].value
    assert list(grid.columns) == ["aspek", "widodo-2020-bekasi", "bandung"]
    assert list(grid["aspek"]) == ["Kota", "Mitra", "Program", "Teori/model", "Metode", "Temuan", "Faktor pendukung",
                                   "Faktor penghambat", "Sumber"]
    assert list(grid.loc[0, ["widodo-2020-bekasi", "bandung"]]) == ["Bekasi", "Bandung"]
    assert "Widodo & Permatasari (2020)" in grid.loc[8, "widodo-2020-bekasi"]
    assert "Unduh CSV" in [b.label for b in at.get("download_button")]
    at.session_state["tabel-berdampingan"] = {"selection": {"rows": [], "columns": [], "cells": [[7, "bandung"]]}}
    at.run()
    assert "Kartu sumber" in texts(at.subheader)
    assert any("Faktor penghambat dari kartu bandung" in plain(c) for c in texts(at.caption))


def test_perbandingan_filters_and_grouping(data_dir, monkeypatch):
    at = open_app(data_dir, monkeypatch, "ui/perbandingan.py")
    at.sidebar.multiselect(key="jenis-kartu").set_value(["kasus"]).run()
    assert list(at.dataframe[0].value["id"]) == ["bandung"]
    assert not at.get("vega_lite_chart")  # charts count studies; a case is not one
    at.sidebar.multiselect(key="jenis-kartu").set_value([])
    at.sidebar.selectbox(key="kelompok").set_value("year").run()
    assert list(at.dataframe[0].value["kelompok"]) == ["2017", "2020", "(tidak disebut)"]
    at.sidebar.multiselect(key="kota").set_value(["Semarang"])
    at.sidebar.multiselect(key="jenis-kartu").set_value(["kasus"]).run()
    assert any("Tidak ada kartu yang cocok" in w for w in texts(at.warning))


# -- Pustaka --------------------------------------------------------------------------------------

def test_pustaka_exports_the_selected_studies(data_dir, monkeypatch):
    at = open_app(data_dir, monkeypatch, "ui/pustaka.py")
    assert list(at.dataframe[0].value["Penulis"]) == ["Yunita Fitri", "Aan Widodo; Diah Ayu Permatasari"]
    apa = at.code[0].value
    assert apa.startswith("Fitri, Y. (2017).") and "Widodo, A., & Permatasari, D. A. (2020)." in apa

    at.session_state["studi"] = {"selection": {"rows": [1], "columns": []}}
    at.radio(key="format").set_value("bibtex").run()
    bib = at.code[0].value
    assert bib.lstrip().startswith("@article{widodo-2020-bekasi,") and "fitri" not in bib
    assert "Unduh 1 referensi (BibTeX)" in [b.label for b in at.get("download_button")]
    at.radio(key="format").set_value("ris").run()
    assert "TY  - JOUR\nID  - widodo-2020-bekasi" in at.code[0].value


def test_cari_opens_the_whole_pasal_with_its_penjelasan_or_the_whole_document(data_dir, monkeypatch):
    at = ask(open_app(data_dir, monkeypatch), "dengan siapa pemerintah daerah dapat melakukan kerja sama?")
    label = plain(at.expander[0].label)
    assert label == "Baca Pasal 2 utuh"
    before = plain(" ".join(texts(at.markdown)))
    assert "penyedia jaringan telekomunikasi" not in before  # nothing fetched while closed
    chunk_id = at.get("download_button")[0].key.removeprefix("unduh-")
    at.session_state[f"utuh-{chunk_id}"] = True  # what clicking the expander does
    at.run()
    opened = plain(" ".join(texts(at.expander[0].markdown)))
    assert "(2) Kerja sama sebagaimana dimaksud pada ayat (1) dituangkan dalam perjanjian kerja sama." in opened
    assert "Penjelasan" in opened and "penyedia jaringan telekomunikasi" in opened

    ask(at, "target seribu titik wifi publik")
    assert plain(at.expander[0].label) == "Baca dokumen utuh"  # a text file has no real pages
    chunk_id = at.get("download_button")[0].key.removeprefix("unduh-")
    at.session_state[f"utuh-{chunk_id}"] = True
    at.run()
    url = "https://bekasi.contoh.go.id/berita/wifi-publik-2022"
    assert plain(at.expander[0].markdown[0].value) == (  # its one chunk: the body, its address a link
        f"Pemerintah Kota Bekasi menargetkan 1000 titik wifi publik pada 2022 bersama PT Telkom. Sumber: [{url}]({url}).")


def test_cari_writes_with_a_configured_model_and_keeps_only_supported_sentences(data_dir, monkeypatch):
    import threading

    from test_llm import Scripted, ok

    server = Scripted()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("KB_LLM_URL", server.url)
        monkeypatch.setenv("KB_LLM_MODEL", "uji-model")
        at = ask(open_app(data_dir, monkeypatch), "dengan siapa pemerintah daerah dapat melakukan kerja sama?")
        assert not server.requests  # nothing is sent until the user turns the model on
        server.replies.append(lambda body: (ok(body)[0], "text/event-stream", "".join(
            f"data: {json.dumps({'choices': [{'delta': {'content': w + ' '}}]})}\n\n"
            for w in json.loads(ok(body)[2])["choices"][0]["message"]["content"].split(" ")).encode() + b"data: [DONE]\n\n",
            0.0))
        at.toggle(key="pakai_model").set_value(True).run()
        assert not at.exception, at.exception
        assert len(server.requests) == 1
        assert any("Jawaban dibuat oleh model uji-model" in plain(c) and "4 kalimat" in c for c in texts(at.caption)), texts(at.caption)
        assert any("Kalimat model yang didukung sumbernya" in plain(c) for c in texts(at.caption))
    finally:
        server.shutdown()
        server.server_close()


def test_a_catalog_hit_offers_its_address_not_the_catalog_file(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kb.cli import cli

    root = tmp_path / "korpus"
    root.mkdir()
    (root / "catalog.yaml").write_text("""entries:
  - id: perwal-kota-contoh-5-2021
    kind: regulasi
    jenis: Perwal
    nomor: "5"
    tahun: 2021
    tentang: Dewan Kota Cerdas
    issuer: Kota Contoh
    status: berlaku
    url: https://jdih.contoh.go.id/perwal-5-2021.pdf
    full_text: false
    summary: Peraturan wali kota yang membentuk dewan kota cerdas dan menetapkan tugas anggotanya.
""", encoding="utf-8")
    res = CliRunner().invoke(cli, ["ingest", str(root), "--data-dir", str(tmp_path / "kb")])
    assert res.exit_code == 0, res.output
    at = ask(open_app(tmp_path / "kb", monkeypatch), "dewan kota cerdas Kota Contoh")
    assert results(at)[0].startswith("[1] Perwal Contoh 5/2021")
    assert not at.get("download_button")  # the whole catalog.yaml is not the regulation
    assert [b.proto.url for b in at.get("link_button")] == ["https://jdih.contoh.go.id/perwal-5-2021.pdf"]


def test_kelola_korpus_fetches_the_catalog_and_says_so_when_offline(tmp_path, monkeypatch):
    import time

    from helpers import no_network

    calls = no_network(monkeypatch)
    at = open_app(tmp_path / "kosong", monkeypatch, "ui/korpus.py")
    started = time.monotonic()
    at.button(key="unduh-katalog").click().run()
    assert not at.exception, at.exception
    assert time.monotonic() - started < 15 and 1 <= len(calls) <= 2  # one host, asked once
    assert any("Luring: tidak ada jaringan" in plain(e) and "kb ingest" in plain(e) for e in texts(at.error))
