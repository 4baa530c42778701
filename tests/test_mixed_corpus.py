"""One index holding every kind of document (conftest.MIXED): catalog entries and their full texts are one
thing, copies of one law are one regulation, "Cukup jelas" is never a hit, garbled text is known, and a
query's words about the kind of source steer the ranking."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.citing import AUTHOR_YEAR
from ingest.legal import content_chars, says_nothing
from kb.cli import cli
from kb.copies import copies, files
from kb.diversity import legal_unit
from kb.intent import intents
from kb.legal_lookup import lookup
from kb.prior import EMPTY_PENALTY, FULL_CHARS, MIN_CHARS, penalty
from kb.search import search

UU14_MD, UU14_PDF = "uu_2008_14", "UU_14_2008_KIP_born-digital"
SEED = "000_ebd9a22910ebef48"
ROOT = Path(__file__).resolve().parent.parent


def test_a_catalog_entry_with_its_full_text_is_no_hit_of_its_own(mixed_kb):
    same = copies(mixed_kb)
    assert same.catalog["uu-14-2008"] in (UU14_MD, UU14_PDF)
    assert same.catalog["pp-28-2018"] == "pp_2018_28"
    for q in ("keterbukaan informasi publik", "UU 14/2008 tentang keterbukaan informasi", "kerja sama daerah PP 28/2018"):
        hits = search(mixed_kb, q, k=10)
        assert not {"uu-14-2008", "pp-28-2018"} & {h.doc_id for h in hits}, q
        assert not any("belum ada di korpus" in h.text for h in hits if h.doc_id in same.members)
    full = [h for h in search(mixed_kb, "keterbukaan informasi publik", k=10) if h.doc_id in (UU14_MD, UU14_PDF)]
    assert full and all(h.meta["catalog_id"] == "uu-14-2008" for h in full)
    # An entry without its text is still found, and says where to get it.
    top = search(mixed_kb, "Perwal Bekasi 110/2016", k=3)[0]
    assert top.doc_id == "perwal-kota-bekasi-110-2016" and "belum ada di korpus" in top.text


def test_stats_say_which_catalog_entries_have_their_text(mixed_kb):
    res = CliRunner().invoke(cli, ["stats", "--json", "--data-dir", str(mixed_kb.settings.data_dir)])
    assert res.exit_code == 0, res.output
    st = json.loads(res.output)
    assert st["catalog_with_text"]["pp-28-2018"] == "pp_2018_28"
    assert "perwal-kota-bekasi-110-2016" not in st["catalog_with_text"]
    assert {UU14_MD, UU14_PDF} == {*st["copies"], *[d for others in st["copies"].values() for d in others]}


def test_two_copies_of_one_law_are_one_regulation_shown_from_the_cleaner(mixed_kb):
    same = copies(mixed_kb)
    clean = same.of(UU14_PDF)
    assert same.of(UU14_MD) == clean and same.members[clean][0] == clean
    assert same.quality[clean] >= max(same.quality[UU14_MD], same.quality[UU14_PDF])
    for q in ("informasi yang dikecualikan dari keterbukaan", "kewajiban badan publik menyediakan informasi",
              "sengketa informasi diselesaikan oleh komisi informasi"):
        hits = [h for h in search(mixed_kb, q, k=10) if h.doc_id in (UU14_MD, UU14_PDF)]
        assert hits, q
        assert {h.doc_id for h in hits} == {clean}, q
        units = [legal_unit(h.chunk_id, h.meta) for h in hits]
        assert len(units) == len(set(units)), q
        for h in hits:
            assert h.source_path == h.meta["sources"][0] and len(h.meta["sources"]) == 2
            assert {h.meta["copies"][0], h.doc_id} == {UU14_MD, UU14_PDF}


def test_an_exact_reference_is_answered_from_one_copy(mixed_kb):
    hits = search(mixed_kb, "Pasal 17 UU 14/2008", k=10)
    clean = copies(mixed_kb).of(UU14_MD)
    assert hits[0].pasal == "17" and hits[0].doc_id == clean
    uu14 = [h for h in hits if h.doc_id in (UU14_MD, UU14_PDF)]
    assert {h.doc_id for h in uu14 if h.pasal == "17"} == {clean}
    assert {"batang_tubuh", "penjelasan"} <= {h.section for h in uu14 if h.pasal == "17"}


def test_kb_pasal_shows_a_law_once_from_its_cleanest_copy_and_lists_every_copy(mixed_kb):
    """The catalog entry of UU 14/2008 and its second copy are no views of their own."""
    clean = copies(mixed_kb).of(UU14_MD)
    (v,) = lookup(mixed_kb, "UU 14/2008", "17")
    sources = files(mixed_kb, copies(mixed_kb), v.doc.doc_id)
    assert v.doc.doc_id == clean and v.body and len(sources) == 2
    assert sources[0] == mixed_kb.store.document(clean).source_paths[0]
    res = CliRunner().invoke(cli, ["pasal", "UU 14/2008", "17", "--data-dir", str(mixed_kb.settings.data_dir)])
    assert res.exit_code == 0 and res.output.count("UU 14/2008, Pasal 17") == 1, res.output
    assert "Sumber / sources: " + "; ".join(sources) in res.output


def test_the_regulasi_page_lists_a_law_once_with_every_copy_as_its_source(mixed_kb, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("KB_DATA_DIR", str(mixed_kb.settings.data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("ui/regulasi.py").run()
    clean = copies(mixed_kb).of(UU14_MD)
    title = mixed_kb.store.document(clean).title
    assert at.selectbox(key="regulasi").options.count(title) == 1
    at.selectbox(key="regulasi").set_value(clean).run()
    assert not at.exception, at.exception
    sources = mixed_kb.store.document(UU14_MD).source_paths + mixed_kb.store.document(UU14_PDF).source_paths
    assert any(all(p in re.sub(r"\\(.)", r"\1", c.value) for p in sources) for c in at.caption)  # unescaped


def test_cukup_jelas_in_any_ocr_spelling_is_no_chunk_but_kb_pasal_still_shows_it(mixed_kb):
    chunks = list(mixed_kb.store.iter_chunks(where={"doc_id": "pp_2018_28"}))
    assert chunks and not [c.text for c in chunks if says_nothing(c.text)]
    said = [c for c in chunks if c.meta.get("penjelasan") == "Cukup jelas."]
    assert len({c.meta["pasal"] for c in said}) >= 10  # PP 28/2018 explains most of its Pasal with it
    pasal = str(said[0].meta["pasal"])
    (v,) = lookup(mixed_kb, "PP 28/2018", pasal)
    assert v.explanation == "Cukup jelas." and not v.penjelasan
    res = CliRunner().invoke(cli, ["pasal", "PP 28/2018", pasal, "--data-dir", str(mixed_kb.settings.data_dir)])
    assert res.exit_code == 0 and "Penjelasan: Cukup jelas." in res.output


def test_no_near_empty_hit_in_the_top_five(mixed_kb):
    for q in ("penelitian yang memakai teori Ansell dan Gash", "dengan siapa daerah boleh bekerja sama?",
              "apa yang dimaksud dengan informasi publik", "jangka waktu kerja sama daerah",
              "penjelasan pasal tentang kerja sama", "cukup jelas"):
        for mode in ("hybrid", "dense", "lexical"):
            short = [h.text for h in search(mixed_kb, q, k=5, mode=mode) if content_chars(h.text) < MIN_CHARS]
            assert not short, (q, mode, short)


def test_every_chunk_carries_what_it_says(mixed_kb):
    """Counted once at ingest, so search reads it instead of counting a hundred candidates per query."""
    chunks = list(mixed_kb.store.iter_chunks())
    assert all(c.meta.get("content") == content_chars(c.text) for c in chunks)
    text = next(c.text for c in chunks if c.meta["content"] > FULL_CHARS)
    assert penalty(text, {"content": 0}) == EMPTY_PENALTY and penalty(text, {}) == penalty(text, {"content": 99}) == 0


def test_the_study_is_found_among_the_regulations(mixed_kb):
    hits = search(mixed_kb, "penelitian yang memakai teori Ansell dan Gash", k=5)
    assert hits[0].doc_id == "yahya-2022-surakarta"


def test_garbled_ocr_text_is_known_and_flagged(mixed_kb):
    chunks = list(mixed_kb.store.iter_chunks(where={"doc_id": "pp_2018_28"}))
    clean = list(mixed_kb.store.iter_chunks(where={"doc_id": UU14_MD}))
    mean = lambda cs: sum(c.meta["quality"] for c in cs) / len(cs)  # noqa: E731
    assert mean(clean) > mean(chunks) + 0.02
    worst = min(chunks, key=lambda c: c.meta["quality"])
    assert worst.meta["quality"] < 0.85
    res = CliRunner().invoke(cli, ["search", worst.text[:120], "--doc", "pp_2018_28", "--k", "3",
                                   "--data-dir", str(mixed_kb.settings.data_dir)])
    assert res.exit_code == 0 and "teks hasil OCR, periksa PDF aslinya" in res.output


def test_words_naming_a_kind_of_source_steer_without_filtering(mixed_kb):
    assert search(mixed_kb, "penelitian tentang wifi Telkom di Bekasi", k=5)[0].doc_type == "studi"
    top = search(mixed_kb, "berita tentang wifi Telkom di Bekasi", k=5)[0]
    assert top.doc_type == "katalog" and top.meta.get("kind") == "berita"
    hits = search(mixed_kb, "pasal tentang kerja sama daerah dengan pihak ketiga", k=10)
    assert hits[0].doc_type == "regulasi" and {"regulasi", "studi"} <= {h.doc_type for h in hits} | {"studi"}
    assert any(h.doc_type != "studi" for h in search(mixed_kb, "penelitian tentang kerja sama daerah", k=10))


def test_a_law_named_by_its_nickname_is_looked_up_as_by_its_number(mixed_kb):
    """"Pasal 17 UU KIP": kb.colloquial reads "UU Keterbukaan Informasi Publik", the title names UU 14/2008."""
    assert search(mixed_kb, "Pasal 17 UU KIP", k=1)[0].citation.startswith("UU 14/2008, Pasal 17")
    by_number = [v.doc.doc_id for v in lookup(mixed_kb, "UU 14/2008", "17")]
    assert UU14_MD in by_number
    for name in ("UU KIP", "uu kip", "UU Keterbukaan Informasi Publik"):
        assert [v.doc.doc_id for v in lookup(mixed_kb, name, "17")] == by_number, name
    res = CliRunner().invoke(cli, ["pasal", "UU KIP", "17", "--data-dir", str(mixed_kb.settings.data_dir)])
    assert res.exit_code == 0 and res.output.startswith("UU 14/2008, Pasal 17"), res.output


@pytest.mark.parametrize("query,named", [
    ("penelitian tentang wifi Telkom", {"studi"}), ("PP 28 tahun 2018 tentang kerja sama", {"regulasi"}),
    ("kewenangan satpol PP", set()), ("kewenangan Satpol  PP menegakkan perda", {"regulasi"}),
    ("studi kolaborasi pemerintah, akademisi, dunia usaha dan media", {"studi"}),
    ("media memberitakan wifi Bekasi", {"berita"}), ("liputan media massa tentang wifi", {"berita"}),
    ("peran media sosial dalam smart city", set()), ("Boleh nggak data warga disimpan di luar negeri?", {"regulasi"}),
    ("keberatan diajukan paling lambat berapa hari", {"regulasi"}), ("penelitian tentang sanksi", {"studi", "regulasi"})])
def test_the_words_that_name_a_kind_of_source(query, named):
    """An acronym inside a name ("satpol PP") or a smart city's actor ("... dan media") names no kind."""
    assert {i.name for i in intents(query)} == named


def test_a_question_of_what_the_law_requires_lifts_regulations_beside_the_cases(mixed_kb):
    """"wajib", "boleh", "dilarang" ask what a law rules: a regulation joins the top three, the cases stay first."""
    hits = search(mixed_kb, "aplikasi layanan warga yang dipesan pemkot, apa yang wajib diserahkan pembuatnya?", k=3)
    assert [h.doc_type for h in hits][:2] == ["kasus", "kasus"] and hits[2].doc_type == "regulasi"


def test_a_thesis_passage_citing_the_study_follows_the_study(mixed_kb):
    """Under "studi ...", the chapter's review of the study (it cites "(Kurniasari dkk., 2020)") joins the
    top five, below the study's card."""
    hits = search(mixed_kb, "studi terdahulu tentang collaborative governance dengan PT Gas Negara", k=5)
    assert hits[0].doc_id == "priyo-2019-yogyakarta"
    chapter = [h for h in hits if h.doc_id == SEED]
    assert chapter and AUTHOR_YEAR.search(chapter[0].text)


@pytest.mark.parametrize("text,cites", [
    ("(Fitri, 2017)", True), ("(Widodo & Permatasari, 2020)", True), ("(Kurniasari dkk., 2020)", True),
    ("Ansell & Gash (2008) menyebut", True), ("Undang-Undang Nomor 23 Tahun 2014", False),
    ("(Lembaran Negara Republik Indonesia Tahun 2014 Nomor 244)", False), ("UU (2014)", False)])
def test_author_year_citations(text, cites):
    assert bool(AUTHOR_YEAR.search(text)) is cites


def test_short_chunks_take_their_documents_language(mixed_kb):
    langs = {c.meta.get("lang") for c in mixed_kb.store.iter_chunks(where={"doc_id": "pp_2018_28"})}
    assert langs == {"id"}


def test_searching_inside_one_copy_stays_in_that_copy(mixed_kb):
    other = next(d for d in (UU14_MD, UU14_PDF) if d != copies(mixed_kb).of(UU14_MD))
    res = CliRunner().invoke(cli, ["search", "informasi yang dikecualikan", "--doc", other, "--json",
                                   "--data-dir", str(mixed_kb.settings.data_dir)])
    assert res.exit_code == 0, res.output
    hits = json.loads(res.output)
    assert hits and {h["doc_id"] for h in hits} == {other}
