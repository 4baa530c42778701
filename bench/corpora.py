"""Benchmark collections: where their data lives and persistent indexes built over them.

Indexes live outside the repository (~/.cache/kb-bench/<name>) and every vector goes through
the test suite's embedding cache, so a collection is embedded once per machine and a rerun
only queries. Ingest is incremental, so opening an index that is up to date costs seconds.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KB_SHARED_DIR", ROOT.parent / "shared"))
TYDI = SHARED / "bench" / "tydiqa-id"
REGULASI = SHARED / "corpus" / "regulasi"
PDF = SHARED / "corpus" / "pdf"
SEED = SHARED / "seed"
GOLD = ROOT / "bench" / "gold"
CORPUS = ROOT / "corpus"
INDEX_HOME = Path(os.environ.get("KB_BENCH_HOME", Path.home() / ".cache" / "kb-bench"))

os.environ.setdefault("KB_EMBED_CACHE", str(Path.home() / ".cache" / "kb-tests" / "embeddings.sqlite"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@dataclass(frozen=True)
class Collection:
    name: str
    paths: tuple[Path, ...]  # what is ingested
    queries: Path
    qrels: Path


def tydi() -> Collection:
    return Collection("tydi", (TYDI / "corpus.jsonl",), TYDI / "queries.jsonl", TYDI / "qrels.tsv")


def gold() -> Collection:
    """The team's gold set over the shipped corpus, all shared regulations and the seed chapter."""
    return Collection("gold", (REGULASI, SEED / "000_ebd9a22910ebef48.txt", CORPUS), GOLD / "queries.jsonl",
                      GOLD / "qrels.tsv")


def slices() -> dict[str, Collection]:
    """The mixed index (everything a user ends up with), and the slices it is made of (bench/mixed.py)."""
    seed = SEED / "000_ebd9a22910ebef48.txt"
    pdfs = tuple(sorted(PDF.glob("*.pdf")))
    return {"mixed": Collection("mixed", (CORPUS, REGULASI, *pdfs, seed), GOLD / "queries.jsonl", GOLD / "qrels.tsv"),
            "gold": gold(), "regulasi": Collection("regulasi", (REGULASI,), GOLD / "pasal_queries.jsonl",
                                                   GOLD / "pasal_qrels.tsv"),
            "corpus": Collection("corpus", (CORPUS,), GOLD / "literature_queries.jsonl", GOLD / "literature_qrels.tsv"),
            "seed": Collection("seed", (seed,), GOLD / "literature_queries.jsonl", GOLD / "literature_qrels.tsv")}


def open_index(c: Collection):
    """The collection's KnowledgeBase, brought up to date with its files first, and opened again after
    an ingest that changed it: Chroma's approximate nearest-neighbour search can order the tail of 50
    candidates differently right after writes than from disk (held-out MRR@10 0.654 vs 0.662), and a
    figure should not depend on whether this run re-ingested."""
    from kb.base import KnowledgeBase
    from kb.indexer import ingest

    kb = KnowledgeBase.open(INDEX_HOME / c.name)
    report = ingest(kb, list(c.paths), prune=True)
    if not report.ok:
        raise RuntimeError(f"ingest of {c.name} failed: {report.failed}")
    if report.added or report.updated or report.removed:
        kb.close()
        kb = KnowledgeBase.open(INDEX_HOME / c.name)
    return kb
