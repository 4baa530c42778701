"""Search at 1k-100k chunks: synthetic collections, since embedding 100k real chunks would take days here.

Vectors are random unit vectors added straight to the store; texts are Indonesian-like: words
drawn with their real frequencies from the shared regulations (read at run time, never copied),
so BM25 posting lists are as long as they would be on real text. Each query is a stored chunk's
vector nudged by noise plus a few mid-frequency words, so dense and lexical both have real work.

    python bench/scale.py build N     # create ~/.cache/kb-bench/scale-N-vV once
    python bench/scale.py measure N   # one JSON line: latency, memory, size (run in its own process)
"""
from __future__ import annotations

import collections
import json
import re
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402

DIM = 384  # multilingual-e5-small
CHUNK_WORDS = 180  # about 300 model tokens, the size real chunks have
CHUNKS_PER_DOC = 20
QUERIES = 200
# Other processes share the two cores: each mode runs its queries this many times and the
# pass with the lowest median is reported, the usual way to time on a busy machine.
PASSES = 3
_BATCH = 5000
# Raised when the synthetic chunks' metadata changes, so an older build is not measured: 2 adds `content`, which
# real chunks carry since CHUNKER_VERSION 12.
SYNTHETIC_VERSION = 2


def data_dir(n: int) -> Path:
    return corpora.INDEX_HOME / f"scale-{n}-v{SYNTHETIC_VERSION}"


def vocabulary() -> tuple[list[str], np.ndarray]:
    counts: collections.Counter = collections.Counter()
    for path in sorted(corpora.REGULASI.glob("*.md")):
        counts.update(re.findall(r"[a-z]+", path.read_text(encoding="utf-8").lower()))
    words, freq = zip(*counts.most_common())
    p = np.asarray(freq, dtype=np.float64)
    return list(words), p / p.sum()


def unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def build(n: int) -> None:
    from ingest.legal import content_chars
    from kb.base import KnowledgeBase

    d = data_dir(n)
    if (d / "done").exists():
        return
    rng = np.random.default_rng(n)
    words, p = vocabulary()
    kb = KnowledgeBase.open(d)
    t0 = time.perf_counter()
    for start in range(0, n, _BATCH):
        m = min(_BATCH, n - start)
        picks = rng.choice(len(words), size=(m, CHUNK_WORDS), p=p)
        ids = [f"syn{(start + i) // CHUNKS_PER_DOC:06d}#{(start + i) % CHUNKS_PER_DOC:05d}" for i in range(m)]
        texts = [" ".join(words[w] for w in row) for row in picks]
        kb.store.collection.add(
            ids=ids, embeddings=unit(rng, m), documents=texts,
            metadatas=[{"doc_id": cid.split("#")[0], "title": cid.split("#")[0], "doc_type": "dokumen",
                        "year": 2000 + (start + i) % 25, "lang": "id", "content": content_chars(texts[i])}
                       for i, cid in enumerate(ids)])
    kb.refresh_lexical()
    kb.close()
    (d / "done").write_text(f"built in {time.perf_counter() - t0:.0f} s\n")


def queries(n: int) -> list[tuple[str, np.ndarray]]:
    """(text, vector) pairs; words come from the mid-frequency band users actually type."""
    from kb.base import KnowledgeBase

    rng = np.random.default_rng(7)
    words, _ = vocabulary()
    band = words[200:5000]
    kb = KnowledgeBase.open(data_dir(n))
    got = kb.store.collection.get(ids=[f"syn{i // CHUNKS_PER_DOC:06d}#{i % CHUNKS_PER_DOC:05d}"
                                       for i in rng.choice(n, QUERIES, replace=False)], include=["embeddings"])
    kb.close()
    out = []
    for v in got["embeddings"]:
        q = np.asarray(v, dtype=np.float32) + 0.05 * unit(rng, 1)[0]
        out.append((" ".join(rng.choice(band, int(rng.integers(2, 7)))), q / np.linalg.norm(q)))
    return out


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(xs: list[float], q: float) -> float:
    return statistics.quantiles(xs, n=100, method="inclusive")[q - 1] if len(xs) > 1 else xs[0]


def measure(n: int) -> dict:
    """Latency per mode with the query vector given (search alone) and with the query embedded (total)."""
    from kb.base import KnowledgeBase
    from kb.search import MODES, informative, search, terms
    from kb.stats import dir_size

    qs = queries(n)
    kb = KnowledgeBase.open(data_dir(n))
    kb.embed_query("warm up")  # the model's load is process start, not query time
    before = rss_mb()
    embed = kb.embed_query
    # What the embedder is asked for (kb.search.query_vector): the query as read, and where the thesaurus
    # added informative terms, the expanded query too.
    vectors = {}
    for text, v in qs:
        told = informative(kb.lexical, terms(text))
        vectors[told.query] = v
        if told.added:
            vectors[told.text] = embed(told.text)
    result: dict = {"chunks": kb.store.count(), "disk_mb": dir_size(data_dir(n)) / 1e6}
    for mode in MODES:
        search(kb, qs[0][0], mode=mode)  # first query loads the lexical index and warms Chroma
        for label, fn in (("search", vectors.__getitem__), ("total", embed)):
            kb.embed_query = fn
            passes = []
            for _ in range(PASSES):
                times = []
                for text, _ in qs:
                    t = time.perf_counter()
                    search(kb, text, k=10, mode=mode)
                    times.append((time.perf_counter() - t) * 1000)
                passes.append(times)
            best = min(passes, key=lambda ts: pct(ts, 50))
            result[f"{mode}_{label}_p50"] = pct(best, 50)
            result[f"{mode}_{label}_p95"] = pct(best, 95)
    result["rss_mb"] = rss_mb()
    result["index_rss_mb"] = result["rss_mb"] - before
    kb.close()
    return result


if __name__ == "__main__":
    action, size = sys.argv[1], int(sys.argv[2])
    if action == "build":
        build(size)
    else:
        print(json.dumps(measure(size)))
