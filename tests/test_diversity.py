"""Per-document cap: order kept, at most N chunks per document, cap lifted on request."""
from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.diversity import cap_per_doc

LAW = [("uu#1", "uu"), ("uu#2", "uu"), ("uu#3", "uu"), ("uu#4", "uu"), ("studi#1", "studi"), ("uu#5", "uu")]


def doc(item: tuple[str, str]) -> str:
    return item[1]


def test_long_law_does_not_crowd_out_the_study():
    kept = cap_per_doc(LAW, doc, 2)
    assert [cid for cid, _ in kept] == ["uu#1", "uu#2", "studi#1"]


def test_no_cap_keeps_everything():
    assert cap_per_doc(LAW, doc, None) == LAW


def test_cap_below_one_is_an_error():
    with pytest.raises(ValueError):
        cap_per_doc(LAW, doc, 0)


@given(st.lists(st.tuples(st.text(min_size=1), st.sampled_from("abcd")), unique_by=lambda t: t[0]),
       st.integers(1, 4), st.sets(st.sampled_from("abcd")))
def test_cap_keeps_order_and_best_chunks(items, cap, named):
    kept = cap_per_doc(items, doc, cap, named.__contains__)
    # A subsequence of the input, in the same order.
    it = iter(items)
    assert all(k in it for k in kept)
    for d in "abcd":
        of_d = [i for i in items if i[1] == d]
        assert [i for i in kept if i[1] == d] == (of_d if d in named else of_d[:cap])


QUERY = "kerja sama daerah dengan pihak ketiga"


@pytest.mark.slow
def test_search_caps_each_document_unless_asked_for_all_hits_of_one(regulation_kb):
    from kb.diversity import DEFAULT_PER_DOC
    from kb.lexical import Filters
    from kb.search import search

    uncapped = Counter(h.doc_id for h in search(regulation_kb, QUERY, k=10, per_doc=None))
    assert max(uncapped.values()) > DEFAULT_PER_DOC  # without a cap the long laws crowd the page
    capped = Counter(h.doc_id for h in search(regulation_kb, QUERY, k=10))
    assert max(capped.values()) <= DEFAULT_PER_DOC and len(capped) > len(uncapped)
    whole = search(regulation_kb, QUERY, k=20, filters=Filters(doc_id="pp_2018_28"))
    assert {h.doc_id for h in whole} == {"pp_2018_28"} and len(whole) == 20


@pytest.mark.slow
def test_the_law_a_query_names_is_not_capped(regulation_kb):
    """"menurut UU Pemerintahan Daerah ...": the user is reading that law, so more of its Pasal may follow."""
    from kb.diversity import DEFAULT_PER_DOC
    from kb.search import search

    question = "dengan siapa daerah boleh bekerja sama?"
    named = Counter(h.doc_id for h in search(regulation_kb, f"menurut UU Pemerintahan Daerah, {question}", k=10))
    assert named["uu_2014_23"] > DEFAULT_PER_DOC and max(n for d, n in named.items() if d != "uu_2014_23") \
        <= DEFAULT_PER_DOC, named
    assert max(Counter(h.doc_id for h in search(regulation_kb, question, k=10)).values()) <= DEFAULT_PER_DOC


@pytest.mark.slow
def test_cli_per_doc_and_doc_flags(regulation_kb):
    from click.testing import CliRunner

    from kb.cli import cli

    def run(*flags):
        res = CliRunner().invoke(cli, ["search", QUERY, "--json", "--data-dir", str(regulation_kb.settings.data_dir),
                                       *flags])
        assert res.exit_code == 0, res.output
        return Counter(h["doc_id"] for h in json.loads(res.output))

    assert max(run("--per-doc", "1").values()) == 1
    assert max(run("--per-doc", "0").values()) > 3
    assert run("--doc", "uu_2014_23", "--k", "15") == {"uu_2014_23": 15}
