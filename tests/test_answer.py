"""The extractive answer (kb.answer) and `kb ask`, which prints it with its sources."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from kb.answer import FROM_TOP, MAX_CHARS, answer
from kb.cli import cli
from kb.search import Hit


def hit(rank: int, text: str, citation: str | None = None) -> Hit:
    return Hit(rank=rank, chunk_id=f"d{rank}#00000", doc_id=f"d{rank}", source_path=None, title=f"Dok {rank}",
               doc_type="regulasi", year=2014, page_start=None, page_end=None, pasal=None, ayat=None,
               section=None, lang="id", score=1.0 / rank, text=text, citation=citation or f"Dok {rank}")


QUERY = "dengan siapa daerah boleh melakukan kerja sama"  # terms: daerah boleh laku kerja sama
HITS = [
    hit(1, "Ketentuan umum tercantum di sini. Daerah dapat bekerja sama. Lain hal."),
    hit(2, "Kerja sama daerah dilakukan dengan daerah lain untuk efisiensi. Kalimat tanpa istilah."),
    hit(3, "Pembiayaan diatur tersendiri oleh menteri. Kerja sama daerah diatur menteri."),
    hit(4, "Kerja sama daerah ditetapkan menteri."),
]


def test_sentences_are_quoted_from_hits_and_marked_with_their_rank():
    a = answer(QUERY, HITS)
    for s in a.sentences:
        assert s.text in HITS[s.source - 1].text
    # Four distinct terms beat three; among equals the better-ranked hit leads; no-term sentences never come.
    assert [(s.source, s.text) for s in a.sentences] == [
        (2, "Kerja sama daerah dilakukan dengan daerah lain untuk efisiensi."),
        (1, "Daerah dapat bekerja sama."),
        (3, "Kerja sama daerah diatur menteri.")]
    assert a.text == ("Kerja sama daerah dilakukan dengan daerah lain untuk efisiensi. [2] "
                      "Daerah dapat bekerja sama. [1] Kerja sama daerah diatur menteri. [3]")
    assert a.sources == [1, 2, 3]


def test_at_most_max_sentences_and_no_repeats():
    same = "Daerah dapat bekerja sama."
    hits = [hit(i, f"{same} Daerah bekerja sama ke-{i} kali.") for i in range(1, 4)]
    a = answer(QUERY, hits, max_sentences=3)
    assert [s.text for s in a.sentences] == [same, "Daerah bekerja sama ke-1 kali.", "Daerah bekerja sama ke-2 kali."]


def test_passing_mentions_are_left_out():
    hits = [hit(1, "Daerah dapat bekerja sama. Laporan daerah terbit."), hit(2, "Kerja sama diatur.")]
    # 3 terms, then 1 and 2: below half of the best is a passing mention.
    assert [s.text for s in answer(QUERY, hits).sentences] == ["Daerah dapat bekerja sama.", "Kerja sama diatur."]


def test_hits_below_the_top_are_not_quoted():
    hits = [hit(i, "Pembiayaan diatur tersendiri.") for i in range(1, FROM_TOP + 1)]
    hits.append(hit(FROM_TOP + 1, "Daerah dapat bekerja sama."))
    assert all(s.source <= FROM_TOP for s in answer(QUERY, hits).sentences)


def test_without_shared_terms_the_openings_of_the_top_hits_stand_in():
    a = answer("who may the region cooperate with", HITS[:2])
    assert [(s.source, s.text) for s in a.sentences] == [
        (1, "Ketentuan umum tercantum di sini."), (2, "Kerja sama daerah dilakukan dengan daerah lain untuk efisiensi.")]


def test_long_sentences_are_cut_at_a_word_and_marked():
    long = "Daerah dapat bekerja sama dengan " + ", ".join(f"pihak ke-{i}" for i in range(200)) + "."
    (s,) = answer(QUERY, [hit(1, long)]).sentences
    assert len(s.text) <= MAX_CHARS + 2 and s.text.endswith(" …")
    assert long.startswith(s.text[:-2])


def test_no_hits_no_answer():
    a = answer(QUERY, [])
    assert a.sentences == [] and a.text == ""


# -- kb ask ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    (root / "kerja-sama.md").write_text(
        "# Kerja Sama Daerah\n\nDaerah dapat mengadakan kerja sama dengan daerah lain dan pihak ketiga. "
        "Kerja sama dituangkan dalam perjanjian.\n", encoding="utf-8")
    (root / "wifi.md").write_text(
        "# Wifi Publik Bekasi\n\nPemerintah Kota Bekasi menargetkan 1000 titik wifi publik bersama PT Telkom.\n",
        encoding="utf-8")
    d = tmp_path_factory.mktemp("kb")
    res = CliRunner().invoke(cli, ["ingest", str(root), "--data-dir", str(d)])
    assert res.exit_code == 0, res.output
    return d


def test_ask_prints_the_answer_then_numbered_sources(data_dir):
    res = CliRunner().invoke(cli, ["ask", "dengan siapa daerah dapat mengadakan kerja sama?", "--data-dir",
                                   str(data_dir)])
    assert res.exit_code == 0, res.output
    first, *rest = res.output.strip().split("\n")
    assert first.startswith("Daerah dapat mengadakan kerja sama dengan daerah lain dan pihak ketiga. [1]")
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", first)}
    listed = {int(m.group(1)): m.group(2) for line in rest if (m := re.match(r"\[(\d+)\] (.+)", line))}
    assert cited <= set(listed) and listed[1].startswith("Kerja Sama Daerah")


def test_ask_on_an_empty_index_says_what_to_do(tmp_path):
    res = CliRunner().invoke(cli, ["ask", "kerja sama", "--data-dir", str(tmp_path / "kosong")])
    assert res.exit_code == 0
    assert "kb ingest" in res.output
