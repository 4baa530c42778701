"""Query expansion: everyday words -> the regulations' terms (kb/data/thesaurus.tsv), and what search does with it."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import REGULASI
from kb import thesaurus
from kb.cli import cli
from ingest.analyzer import tokenize
from kb.diversity import legal_unit
from kb.search import COMMON_IDF, informative, query_vector, search, terms
from kb.thesaurus import expand


def test_everyday_words_bring_the_regulations_terms():
    assert expand("apa saja tugas seorang wali kota atau bupati").added == ("kepala daerah",)
    assert set(expand("ke mana warga melapor kalau layanan pemerintah mengecewakan").added) >= {
        "masyarakat", "pengaduan", "pelayanan publik"}
    assert "kegagalan pelindungan data pribadi" in expand("deadline to notify people after a data breach").added
    # a law sets a deadline as "paling lambat 30 (tiga puluh) hari", never as a "batas waktu" of so many days
    assert "paling lambat" in expand("batas waktu warga menyampaikan pengaduan berapa lama?").added


def test_what_the_retrievers_search_for():
    e = expand("tugas wali kota")
    assert e.text == "tugas wali kota (kepala daerah)"
    assert expand("tugas kepala daerah").text == "tugas kepala daerah"  # nothing to add
    assert terms("tugas wali kota", expand=False).text == "tugas wali kota"
    assert terms("tugas wali kota yg baru").text == "tugas wali kota yang baru (kepala daerah)"  # kb.colloquial


def test_matching_is_on_words_not_stems():
    # Sastrawi stems both "laporan" and "melapor" to "lapor"; only the second is a complaint.
    assert expand("laporan keuangan badan publik").added == ()
    assert expand("kemitraannya dengan swasta").added[0] == "kerja sama"  # an enclitic -nya is still the word
    assert expand("Kerja sama dan kemitraan").added == ()  # the canonical term is already asked for


def test_a_malformed_line_names_the_file_and_line(tmp_path, monkeypatch):
    bad = tmp_path / "thesaurus.tsv"
    bad.write_text("# comment\nkepala daerah | wali kota\n", encoding="utf-8")
    monkeypatch.setattr(thesaurus, "THESAURUS", bad)
    thesaurus._rules.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"thesaurus.tsv:2: expected 'canonical<TAB>variant"):
            expand("wali kota")
    finally:
        thesaurus._rules.cache_clear()


def test_the_shipped_thesaurus_is_consistent_with_the_regulations():
    lines = [ln for ln in thesaurus.THESAURUS.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert len(lines) >= 150
    pairs = [(canonical, v.strip()) for canonical, variants in (ln.split("\t") for ln in lines)
             for v in variants.split("|")]
    assert all(v and v == v.lower() and v != c for c, v in pairs)
    twice = [v for v, n in Counter(v for _, v in pairs).items() if n > 1]
    assert not twice, f"variants under two canonical terms: {twice}"
    # A canonical term is what the documents say, so BM25 can match it: every one is in the regulations.
    laws = " ".join(p.read_text(encoding="utf-8").lower() for p in REGULASI.glob("*.md"))
    missing = [c for c in {c for c, _ in pairs} if c not in laws]
    assert not missing, f"canonical terms found in no regulation: {missing}"


@pytest.mark.slow
def test_expansion_finds_the_pasal_the_everyday_words_mean(regulation_kb):
    """UU 23/2014 Pasal 351: "masyarakat dapat menyampaikan pengaduan ... pelayanan publik"."""
    def pasal_rank(mode: str, expand_terms: bool) -> int | None:
        hits = search(regulation_kb, "ke mana warga melapor kalau layanan pemerintah mengecewakan", k=10, mode=mode,
                      expand=expand_terms)
        return next((h.rank for h in hits if (h.doc_id, h.pasal) == ("uu_2014_23", "351")), None)

    for mode in ("hybrid", "lexical"):
        assert pasal_rank(mode, False) is None, mode
        assert (pasal_rank(mode, True) or 99) <= 3, mode


@pytest.mark.slow
def test_a_result_list_shows_each_pasal_once(regulation_kb):
    hits = search(regulation_kb, "kerja sama daerah dengan pihak ketiga", k=30, per_doc=None)
    units = [legal_unit(h.chunk_id, h.meta) for h in hits]
    assert len(units) == len(set(units)) == 30
    assert any(h.section == "penjelasan" for h in hits) or all(h.pasal for h in hits)


@pytest.mark.slow
def test_cli_says_what_it_also_searched_for(regulation_kb):
    data_dir = str(regulation_kb.settings.data_dir)
    out = CliRunner().invoke(cli, ["search", "tugas wali kota", "--k", "3", "--data-dir", data_dir])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("juga dicari / also searched for: kepala daerah")
    literal = CliRunner().invoke(cli, ["search", "tugas wali kota", "--k", "3", "--no-expand", "--data-dir", data_dir])
    assert literal.exit_code == 0 and "juga dicari" not in literal.output
    # The embedder reads the terms too (kb.search.query_vector).
    dense = CliRunner().invoke(cli, ["search", "tugas wali kota", "--k", "3", "--mode", "dense", "--data-dir", data_dir])
    assert dense.exit_code == 0 and dense.output.startswith("juga dicari / also searched for: kepala daerah")


@pytest.mark.slow
def test_the_embedder_reads_the_terms_beside_the_words(regulation_kb):
    """kb.search.query_vector: the mean of the query's vector and the expanded query's, unless nothing was added
    or the query names another kind of source than regulations."""
    def unit(v):
        return v / np.linalg.norm(v)

    embed = regulation_kb.embed_query
    mean = query_vector(regulation_kb, terms("tugas wali kota"))
    assert np.allclose(mean, unit(embed("tugas wali kota") + embed("tugas wali kota (kepala daerah)")), atol=1e-6)
    for as_typed in ("tugas kepala daerah", "penelitian tentang tugas wali kota", "berita tentang tugas wali kota"):
        assert np.allclose(query_vector(regulation_kb, terms(as_typed)), embed(as_typed), atol=1e-6), as_typed


@pytest.mark.slow
def test_a_term_most_chunks_hold_tells_the_embedder_nothing(regulation_kb):
    """kb.search.informative: "masyarakat" (for "warga") is in a large share of the regulations' chunks; it stays in
    what BM25 reads but neither moves the query vector nor counts as a question put in the law's words."""
    index = regulation_kb.lexical
    read = terms("ke mana warga melapor kalau layanan pemerintah mengecewakan")
    told = informative(index, read)
    assert "masyarakat" in read.added and "masyarakat" not in told.added
    assert "pengaduan" in told.added and told.query == read.query
    for term in read.added:
        assert (term in told.added) == (max(index.idf(tokenize(term)).values()) >= COMMON_IDF), term
    only_common = terms("hak warga")
    assert only_common.added == ("masyarakat",) and informative(index, only_common).added == ()
    assert np.allclose(query_vector(regulation_kb, informative(index, only_common)), regulation_kb.embed_query("hak warga"))
