"""Search over the shipped corpus/: the queries the issue names find the right cards and catalog entries.

The corpus is ingested once per session (about 60 short documents; vectors come from the
persistent embedding cache after the first run)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kb.lexical import Filters
from kb.search import search

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def corpus_kb(tmp_path_factory):
    from kb.base import KnowledgeBase
    from kb.indexer import ingest

    kb = KnowledgeBase.open(tmp_path_factory.mktemp("corpus-kb"))
    report = ingest(kb, [CORPUS])
    assert report.ok, report.failed
    yield kb
    kb.close()


def _ids(kb, query: str, k: int = 5, **filters) -> list[str]:
    return [h.doc_id for h in search(kb, query, k=k, filters=Filters(**filters))]


@pytest.mark.parametrize("query, doc_type, expected", [
    ("penelitian yang memakai model Ansell dan Gash", None, "yahya-2022-surakarta"),
    ("CCTV Makassar", "studi", "harakan-2020-makassar"),
    ("kerja sama pemerintah kota dengan PT Telkom di Semarang", "studi", "fitri-2017-semarang"),
    ("kolaborasi pentahelix Balikpapan", None, "khamamim-2021-balikpapan"),
    ("sensor IoT polusi udara", "kasus", "seoul"),
    ("1000 titik wifi Telkom Bekasi", "kasus", "bekasi-telkom-wifi"),
])
def test_issue_queries_rank_the_expected_card_first(corpus_kb, query, doc_type, expected):
    assert _ids(corpus_kb, query, doc_type=doc_type)[0] == expected


def test_legal_basis_query_finds_the_bekasi_regulations_and_says_where_to_get_them(corpus_kb):
    hits = search(corpus_kb, "dasar hukum kota cerdas Bekasi", k=5)
    top = {h.doc_id: h for h in hits[:3]}
    assert {"perda-kota-bekasi-2-2020", "perwal-kota-bekasi-110-2016"} <= set(top)
    perda = top["perda-kota-bekasi-2-2020"]
    assert perda.doc_type == "katalog" and perda.citation.startswith("Perda Kota Bekasi 2/2020")
    assert "JDIH Kota Bekasi" in perda.text


def test_year_filter_and_card_metadata_reach_the_hits(corpus_kb):
    hits = search(corpus_kb, "implementasi smart city", k=10,
                  filters=Filters(doc_type="studi", year_from=2017, year_to=2017))
    assert {h.doc_id for h in hits} == {"fitri-2017-semarang", "widharetno-2017-bandung"}
    assert {h.meta["city"] for h in hits} == {"Semarang", "Bandung"}


def test_reingesting_the_unchanged_corpus_embeds_nothing(corpus_kb):
    from kb.indexer import ingest

    report = ingest(corpus_kb, [CORPUS])
    assert report.chunks == 0 and not report.added and not report.updated and len(report.unchanged) >= 60
