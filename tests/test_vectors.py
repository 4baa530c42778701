"""Dense retrieval is exact: kb.vectors against a reference scan, on random matrices and on the real regulations."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kb.base import KnowledgeBase
from kb.lexical import Filters
from kb.search import search, terms
from kb.vectors import FILE, Vectors


def reference(matrix: np.ndarray, vector: np.ndarray, k: int, mask: np.ndarray | None) -> list[int]:
    """Rows by cosine similarity to `vector`, nearest first, ties by row; a plain loop over every row."""
    def cos(row: np.ndarray) -> float:
        n = float(np.linalg.norm(row)) * float(np.linalg.norm(vector))
        return float(row @ vector) / n if n else 0.0
    rows = [i for i in range(len(matrix)) if mask is None or mask[i]]
    return sorted(rows, key=lambda i: (-round(cos(matrix[i]), 5), i))[:k]


finite = st.floats(-1, 1, allow_nan=False, width=32)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), n=st.integers(1, 40), dims=st.integers(1, 8), k=st.integers(1, 50))
def test_nearest_rows_are_those_of_a_full_scan(data, n, dims, k):
    matrix = data.draw(arrays(np.float32, (n, dims), elements=finite))
    vector = data.draw(arrays(np.float32, (dims,), elements=finite))
    mask = data.draw(st.none() | arrays(np.bool_, (n,)))
    got = Vectors.build(list(matrix)).nearest(vector, k, mask)
    want = reference(matrix, vector, k, mask)
    assert len(got) == len(want)
    # Rows whose similarities round alike may swap; the similarities themselves must match the scan's.
    sims = [s for _, s in got]
    assert sims == sorted(sims, reverse=True)
    ref = Vectors.build(list(matrix)).matrix @ (vector / (np.linalg.norm(vector) or 1.0))
    assert np.allclose(sims, [ref[i] for i in want], atol=1e-5)
    assert mask is None or all(mask[i] for i, _ in got)


def test_an_empty_index_and_an_empty_mask_find_nothing():
    assert Vectors.build([]).nearest(np.ones(4), 5) == []
    assert Vectors.build([np.ones(4)]).nearest(np.ones(4), 5, np.array([False])) == []


def stored(kb: KnowledgeBase) -> tuple[list[str], np.ndarray, list[dict]]:
    chunks = list(kb.store.iter_chunks(vectors=True))
    matrix = np.array([c.vector for c in chunks], dtype=np.float32)
    return [c.chunk_id for c in chunks], matrix / np.linalg.norm(matrix, axis=1, keepdims=True), [c.meta for c in chunks]


QUESTIONS = ("dengan siapa daerah boleh bekerja sama?", "jangka waktu kerja sama daerah",
             "siapa yang mengawasi kerja sama antar daerah", "informasi yang dikecualikan")


def test_dense_search_returns_the_exact_nearest_chunks_of_the_real_regulations(regulation_kb):
    ids, matrix, metas = stored(regulation_kb)
    index = regulation_kb.lexical
    for q in QUESTIONS:
        v = regulation_kb.embed_query(terms(q, expand=False).query)
        scores = matrix @ (v / np.linalg.norm(v))
        exact = [ids[i] for i in np.argsort(-scores, kind="stable")[:50]]
        got = index.dense(v, 50)
        assert [c for c, _ in got] == exact, q
        assert np.allclose([s for _, s in got], np.sort(scores)[::-1][:50], atol=1e-5)
        # A filter keeps exactly the nearest chunks that pass it.
        doc = metas[ids.index(exact[0])]["doc_id"]
        only = [ids[i] for i in np.argsort(-scores, kind="stable") if metas[i]["doc_id"] == doc][:10]
        assert [c for c, _ in index.dense(v, 10, Filters(doc_id=doc))] == only, q


def test_an_index_written_before_it_kept_vectors_is_rebuilt_and_searches_meanwhile(kb_factory, tmp_path):
    from kb.indexer import ingest

    notes = tmp_path / "catatan.md"
    notes.write_text("# Catatan Rapat\n\nRapat membahas sensor banjir di Kali Bekasi dan jaringan wifi taman kota.\n")
    kb = kb_factory()
    assert ingest(kb, [notes]).ok
    before = search(kb, "banjir di sungai", k=3, mode="dense")
    saved = kb.settings.data_dir / "lexical" / FILE
    saved.unlink()  # as an older version wrote it
    with kb.writing():  # another ingest holds the lock: no rebuild yet, Chroma's index answers
        meanwhile = KnowledgeBase.open(kb.settings.data_dir)
        assert meanwhile.lexical.vectors is None
        assert [h.chunk_id for h in search(meanwhile, "banjir di sungai", k=3, mode="dense")] == \
            [h.chunk_id for h in before]
        meanwhile.close()
    reopened = KnowledgeBase.open(kb.settings.data_dir)
    assert reopened.lexical.vectors is not None and saved.is_file()
    assert [h.chunk_id for h in search(reopened, "banjir di sungai", k=3, mode="dense")] == \
        [h.chunk_id for h in before]
    reopened.close()


def test_past_the_exact_limit_the_index_keeps_no_vectors_and_is_complete(monkeypatch):
    import kb.lexical as lexical

    monkeypatch.setattr(lexical, "EXACT_LIMIT", 2)
    records = [(f"d#{i}", f"teks {i}", {"doc_type": "dokumen"}, np.ones(3)) for i in range(3)]
    big = lexical.LexicalIndex.build(records, generation=1)
    assert big.vectors is None and big.complete  # Chroma's index answers; no rebuild is due
    small = lexical.LexicalIndex.build(records[:2], generation=1)
    assert small.vectors is not None and len(small.vectors) == 2
