"""Fusion of dense and lexical rankings: the formulas, the query kinds, and a small fixed benchmark
on which fusion must be at least as good as the better retriever (the full measurement is
bench/fusion_experiment.py)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.fusion import LEGAL_ONLY_WEIGHT, FusionMethod, QueryKind, blend, fuse, normalise, query_kind, rrf


@pytest.mark.parametrize("query,kind", [
    ("Pasal 363 UU 23/2014", QueryKind.REFERENCE),
    ("pp 28 tahun 2018", QueryKind.REFERENCE),
    ("kerja sama 2/2020", QueryKind.REFERENCE),
    ("Perda Kota Bekasi Nomor 2 Tahun 2020 tentang kota cerdas", QueryKind.REFERENCE),
    ("UU No. 14 Tahun 2008", QueryKind.REFERENCE),
    ("isi ayat (2) tentang kerja sama", QueryKind.REFERENCE),
    ("Permendagri 2 2014", QueryKind.REFERENCE),
    # the name of a kind of act, with no number, is a word of a question
    ("Perda dibentuk oleh siapa dan dengan persetujuan siapa?", QueryKind.QUESTION),
    ("Menurut UU Pemda, pemerintah daerah boleh bekerja sama dengan siapa saja?", QueryKind.QUESTION),
    ("kewenangan satpol PP", QueryKind.QUESTION),
    ("UU ITE", QueryKind.KEYWORD),
    ("wifi", QueryKind.KEYWORD),
    ("kerja sama", QueryKind.KEYWORD),
    ("dengan siapa daerah boleh bekerja sama?", QueryKind.QUESTION),
    ("which parties can a region cooperate with", QueryKind.QUESTION),
])
def test_query_kind(query, kind):
    assert query_kind(query) is kind


def test_rrf_is_the_weighted_textbook_formula():
    fused = dict(rrf([("a", 0.9), ("b", 0.8)], [("b", 12.0), ("c", 3.0)], w=0.25, k=60))
    assert fused["b"] == pytest.approx(0.75 / 62 + 0.25 / 61)
    assert fused["a"] == pytest.approx(0.75 / 61)
    assert fused["c"] == pytest.approx(0.25 / 62)


@pytest.mark.parametrize("method", list(FusionMethod))
def test_normalisation_keeps_order(method):
    ranked = [("a", 9.0), ("b", 4.0), ("c", 1.0)]
    n = normalise(ranked, method)
    assert n["a"] > n["b"] > n["c"]


scores = st.floats(0.01, 30, allow_nan=False)
ranking = st.dictionaries(st.sampled_from("abcdefgh"), scores, min_size=1).map(
    lambda d: sorted(d.items(), key=lambda kv: -kv[1]))


@given(ranking, st.sampled_from(["Pasal 5 UU 1/2020", "wifi", "siapa yang boleh bekerja sama dengan daerah"]))
def test_with_one_retriever_silent_the_other_order_stands(ranked, query):
    # An English query over Indonesian text, or a typo, leaves BM25 with nothing.
    assert [c for c, _ in fuse(query, ranked, [])] == [c for c, _ in ranked]
    assert [c for c, _ in fuse(query, [], ranked)] == [c for c, _ in ranked]


@given(ranking, ranking, st.sampled_from(list(FusionMethod)), st.floats(0, 1))
def test_a_candidate_both_retrievers_put_first_stays_first(dense, lexical, method, w):
    dense = [("z", dense[0][1] + 1)] + dense
    lexical = [("z", lexical[0][1] + 1)] + lexical
    assert blend(dense, lexical, w, method)[0][0] == "z"
    assert rrf(dense, lexical, w)[0][0] == "z"


# Score lists shaped like real ones (mE5 cosines crowd 0.78-0.88; BM25 is unbounded), each with
# the chunk a user wanted. Dense wins questions and references, BM25 rare words and single words.
CASES = [
    # A question BM25 gets wrong: common words match a chunk about something else.
    ("siapa yang boleh diajak daerah bekerja sama?", "363",
     [("363", 0.871), ("366", 0.850), ("364", 0.846), ("1", 0.829), ("12", 0.821)],
     [("366", 14.2), ("364", 13.9), ("12", 10.1), ("363", 9.8), ("1", 6.0)]),
    # A question where a rare name carries it: dense is close, BM25 is sure.
    ("aplikasi apa yang dipakai Surakarta untuk membayar pajak", "eppson",
     [("pajak-uu", 0.861), ("eppson", 0.858), ("bandung", 0.840), ("seed", 0.833)],
     [("eppson", 21.5), ("pajak-uu", 9.2), ("seed", 7.7)]),
    # A reference: every later law cites "23/2014" in its preamble, so BM25's first place is a
    # short preamble; the embedder reads the title. (A named Pasal is looked up, not fused.)
    ("UU 23/2014 tentang pemerintahan daerah", "uu23-title",
     [("uu23-title", 0.884), ("uu9-title", 0.861), ("pp12-preamble", 0.842)],
     [("pp12-preamble", 15.2), ("uu23-title", 14.6), ("uu9-title", 13.9), ("pp18-preamble", 13.1)]),
    # One word: the embedder has little to go on.
    ("wifi", "wifi-telkom",
     [("internet-uu", 0.823), ("wifi-telkom", 0.819), ("seed", 0.815), ("telekom-pp", 0.812)],
     [("wifi-telkom", 8.4), ("seed", 3.1), ("berita-wifi", 2.9)]),
    # English: BM25 matches only a stray borrowed word.
    ("free public internet hotspots in parks", "wifi-telkom",
     [("wifi-telkom", 0.842), ("internet-uu", 0.820), ("seed", 0.814)],
     [("seed", 4.2)]),
    # A typo BM25 cannot read.
    ("kerjasma daerah dgn pihak ketig", "366",
     [("366", 0.848), ("363", 0.846), ("14", 0.830)],
     [("1", 3.3), ("14", 2.9)]),
]


def mrr(rankings: list[list[tuple[str, float]]]) -> float:
    total = 0.0
    for ranked, (_, want, _, _) in zip(rankings, CASES):
        ids = [c for c, _ in ranked][:10]
        total += 1 / (ids.index(want) + 1) if want in ids else 0.0
    return total / len(CASES)


def test_fusion_is_never_worse_than_the_better_retriever_on_fixed_lists():
    dense = mrr([d for _, _, d, _ in CASES])
    lexical = mrr([l for _, _, _, l in CASES])
    fused = mrr([fuse(q, d, l) for q, _, d, l in CASES])
    assert fused >= max(dense, lexical)
    assert fused == 1.0, [fuse(q, d, l)[0][0] for q, _, d, l in CASES]
    # Plain RRF is the baseline this beats: it ties BM25's wrong first place with dense's right one.
    assert mrr([rrf(d, l) for _, _, d, l in CASES]) < fused


def test_a_question_in_the_regulations_words_leans_on_bm25():
    # "ke mana warga melapor ..." with "pengaduan" added: BM25 now finds Pasal 351, which the
    # embedder ranks second; the plain question weight would keep the embedder's first.
    q = "ke mana warga melapor kalau layanan pemerintah mengecewakan"
    dense = [("348", 0.870), ("351", 0.860), ("40", 0.850)]
    lexical = [("351", 14.0), ("40", 9.0), ("348", 2.0)]
    assert fuse(q, dense, lexical)[0][0] == "348"
    assert fuse(q, dense, lexical, expanded=True)[0][0] == "351"
    assert fuse("Pasal 351 UU 23/2014", dense, lexical, expanded=True) == fuse("Pasal 351 UU 23/2014", dense, lexical)


def test_a_question_among_regulations_leans_on_bm25_by_their_share():
    """The same lists: where every candidate is regulation text BM25's first wins, where none is the
    embedder's does, and a mixed list lies between (the share, not any one chunk, decides)."""
    q = "siapa yang membina penyelenggaraan kerja sama daerah"
    dense = [("a", 0.870), ("b", 0.862), ("c", 0.850), ("d", 0.848)]
    lexical = [("b", 14.0), ("a", 8.0), ("d", 2.0), ("c", 1.0)]
    assert fuse(q, dense, lexical)[0][0] == "a"
    assert fuse(q, dense, lexical, is_legal=lambda ids: [False] * len(ids))[0][0] == "a"
    assert fuse(q, dense, lexical, is_legal=lambda ids: [True] * len(ids))[0][0] == "b"
    half = dict(fuse(q, dense, lexical, is_legal=lambda ids: [i in {"a", "b"} for i in ids]))
    every = dict(fuse(q, dense, lexical, is_legal=lambda ids: [True] * len(ids)))
    none = dict(fuse(q, dense, lexical))
    assert none["b"] < half["b"] < every["b"]
    # References and one-word queries keep their own weights.
    assert fuse("Pasal 5 UU 23/2014", dense, lexical, is_legal=lambda ids: [True] * len(ids)) == \
        fuse("Pasal 5 UU 23/2014", dense, lexical)


def test_a_question_among_regulations_only_blends_z_scores():
    """Where (nearly) every candidate is regulation text, as on an index of laws alone, the two lists are blended
    as z-scores, half and half, whether the thesaurus expanded the question or not; below that share, min-max."""
    q = "siapa yang membina penyelenggaraan kerja sama daerah"
    dense = [("a", 0.90), ("b", 0.89), ("c", 0.80), ("d", 0.79), ("e", 0.70)]
    lexical = [("c", 20.0), ("a", 8.0), ("b", 7.5), ("d", 7.0), ("e", 1.0)]
    z = blend(dense, lexical, LEGAL_ONLY_WEIGHT, FusionMethod.ZSCORE)
    assert fuse(q, dense, lexical, is_legal=lambda ids: [True] * len(ids)) == z
    assert fuse(q, dense, lexical, expanded=True, is_legal=lambda ids: [True] * len(ids)) == z
    assert fuse(q, dense, lexical, is_legal=lambda ids: [i != "e" for i in ids]) != z  # 8 of 10
    assert fuse("Pasal 5 UU 23/2014", dense, lexical, is_legal=lambda ids: [True] * len(ids)) == \
        fuse("Pasal 5 UU 23/2014", dense, lexical)


def test_a_name_only_bm25_finds_leans_on_bm25():
    # "Morales dan Meek": one passage holds the names, far above BM25's next; the embedder never listed it.
    q = "jaringan pemerintahan menurut Morales dan Meek terdiri dari apa"
    dense = [("pasal-a", 0.88), ("pasal-b", 0.87), ("pasal-c", 0.86)]
    lexical = [("bab-i", 9.2), ("pasal-a", 4.8), ("pasal-c", 4.0)]
    assert fuse(q, dense, lexical)[0][0] == "bab-i"
    # The same margin for a passage the embedder lists too: the usual question weight decides.
    assert fuse(q, dense, [("pasal-b", 9.2), ("pasal-a", 4.8), ("pasal-c", 4.0)])[0][0] == "pasal-a"
    # No clear winner: the embedder leads as before.
    assert fuse(q, dense, [("bab-i", 5.0), ("pasal-a", 4.8), ("pasal-c", 4.0)])[0][0] == "pasal-a"


def test_the_lexical_index_tells_which_candidates_are_regulations(tmp_path):
    from kb.lexical import LexicalIndex

    index = LexicalIndex.build([("uu#1", "kerja sama daerah", {"doc_type": "regulasi"}, None),
                                ("studi#1", "kolaborasi kota cerdas", {"doc_type": "studi"}, None)], generation=1)
    index.save(tmp_path / "lexical")
    for idx in (index, LexicalIndex.load(tmp_path / "lexical")):
        assert idx.of_type(["studi#1", "uu#1", "gone#9"], "regulasi") == [False, True, False]
