"""Chat spellings read as standard Indonesian (kb/data/colloquial.tsv, kb.colloquial), by both retrievers."""
from __future__ import annotations

from collections import Counter

import pytest
from click.testing import CliRunner

from kb import colloquial, thesaurus
from kb.cli import cli
from kb.search import search


def test_chat_spellings_become_the_words_they_stand_for():
    assert colloquial.standard("klo data warga bocor, hrs lapor dlm brp jam?") == \
        "kalau data warga bocor, harus lapor dalam berapa jam?"
    assert colloquial.standard("bts wktunya BRP hr?") == "batas waktunya berapa hari?"  # "-nya" stays, any case
    # the law says "didahului", whose stem is "dahulu": "lebih dulu" found the Pasal only by its other words
    assert colloquial.standard("apa yg hrs dilakukan lebih dulu?") == "apa yang harus dilakukan lebih dahulu?"
    assert colloquial.standard("psl 363 uu 23/2014") == "pasal 363 uu 23/2014"


def test_the_names_staff_call_laws_by_are_read_as_their_titles():
    assert colloquial.standard("menurut uu pemda, pemkot boleh kerja sama dgn siapa?") == \
        "menurut UU Pemerintahan Daerah, pemkot boleh kerja sama dengan siapa?"
    assert colloquial.standard("Pasal 17 UU  KIP") == "Pasal 17 UU Keterbukaan Informasi Publik"
    assert colloquial.standard("undang-undang ITE pasal 27") == "UU Informasi dan Transaksi Elektronik pasal 27"
    for typed in ("UU Pemdanya", "uu-ite", "UU 14/2008", "Pemda Bekasi"):  # a name is the whole phrase
        assert colloquial.standard(typed) == typed
    names = [n for _, names in thesaurus.read_table(colloquial.LAWS) for n in names]
    assert all(n == n.lower() and " " in n for n in names) and len(set(names)) == len(names)


def test_words_with_another_reading_stay_as_typed():
    # "km" is kilometres here; "boleh nggak" asks, it does not forbid; parts of words and of hyphenated words stay.
    for typed in ("radius siaran maks 2,5 km", "boleh nggak pemkot menunjuk langsung?", "yg-yg", "UU 23/2014"):
        assert colloquial.standard(typed).replace("maksimal", "maks") == typed


def test_the_shipped_table_is_consistent():
    pairs = [(std, v) for std, variants in thesaurus.read_table(colloquial.TABLE) for v in variants]
    assert len(pairs) >= 100
    assert all(v == v.lower() and " " not in v and v != std for std, v in pairs)
    twice = [v for v, n in Counter(v for _, v in pairs).items() if n > 1]
    assert not twice, f"variants with two standard words: {twice}"
    # The thesaurus adds the regulations' terms beside a word; a word this table replaces would never reach it.
    expanded = {v for _, variants in thesaurus.read_table(thesaurus.THESAURUS) for v in variants}
    assert not expanded & {v for _, v in pairs}


CHAT = "wali kota hrs nyampein perda yg udh ditetapkan ke gubernur plg lambat brp hr?"
STANDARD = "wali kota harus nyampein perda yang sudah ditetapkan ke gubernur paling lambat berapa hari?"


@pytest.mark.slow
def test_a_chat_spelled_question_is_searched_as_its_standard_spelling(regulation_kb, monkeypatch):
    """UU 23/2014 Pasal 249 ayat (3): the Perda goes to the governor "paling lama 7 (tujuh) Hari setelah ditetapkan"."""
    def ranking(query: str, mode: str) -> list[tuple[str, str | None]]:
        return [(h.doc_id, h.pasal) for h in search(regulation_kb, query, k=10, mode=mode)]

    for mode in ("hybrid", "dense", "lexical"):
        assert ranking(CHAT, mode) == ranking(STANDARD, mode), mode
    assert ranking(CHAT, "hybrid")[0] == ("uu_2014_23", "249")
    monkeypatch.setattr(colloquial, "_table", dict)  # read as typed, the embedder ranks otherwise
    assert ranking(CHAT, "dense") != ranking(STANDARD, "dense")


@pytest.mark.slow
def test_cli_says_how_it_read_the_question(regulation_kb):
    data_dir = str(regulation_kb.settings.data_dir)
    out = CliRunner().invoke(cli, ["search", CHAT, "--k", "1", "--data-dir", data_dir])
    assert out.exit_code == 0, out.output
    assert " ".join(out.output.split()).startswith(f"dibaca sebagai / read as: {STANDARD}")
    plain = CliRunner().invoke(cli, ["search", "tugas wali kota", "--k", "1", "--data-dir", data_dir])
    assert plain.exit_code == 0 and "dibaca sebagai" not in plain.output
