"""Exact nearest chunks by cosine similarity: every chunk's vector in one matrix, scanned whole per query.

Chroma's HNSW index is approximate. On the mixed index (2,800 chunks, ef_search 200) its 50 nearest held 98.9%
of the exact 50 over the tuning questions, at worst 92%, and it dropped the 5th nearest chunk of one question:
the Pasal that answers it. Two builds of the same chunks ranked differently, so a benchmark figure moved with no
change behind it. A full scan is exact, the same on every build, and cheap at the sizes one machine serves:
100k chunks of 384 float32 values are 150 MB and one matrix-vector product.

The rows follow kb.lexical.LexicalIndex's chunk ids, so one mask serves both retrievers' filters.

The product runs on one BLAS thread: on two, OpenBLAS's second thread kept spinning after it and slowed the
next query's embedding (at 100k chunks, hybrid search with the query embedded: p50 47.6 ms on two threads,
35.6 on one, 27.6 through Chroma's index). Past EXACT_LIMIT chunks the scan would cost more than it is worth
and Chroma's index answers (kb.search.retrieve), as it does for an index written before this module.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

FILE = "vectors.npy"
EXACT_LIMIT = 100_000  # chunks; one scan of that many takes ~9 ms on one core


@cache
def _threads() -> ThreadpoolController:
    return ThreadpoolController()  # reads the loaded BLAS libraries once


class Vectors:
    def __init__(self, matrix: np.ndarray) -> None:
        self.matrix = matrix  # (chunks, dims) float32, rows of unit length

    @classmethod
    def build(cls, rows: list[np.ndarray]) -> "Vectors":
        matrix = np.asarray(rows, dtype=np.float32) if rows else np.zeros((0, 0), dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return cls(matrix / np.where(norms > 0, norms, 1.0))

    def __len__(self) -> int:
        return len(self.matrix)

    def nearest(self, vector: np.ndarray, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(row, cosine similarity) of the k rows nearest `vector`, nearest first; only rows where `mask` is True."""
        if not len(self.matrix) or k <= 0:
            return []
        q = np.asarray(vector, dtype=np.float32)
        with _threads().limit(limits=1, user_api="blas"):
            scores = self.matrix @ (q / (np.linalg.norm(q) or 1.0))
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
        k = min(k, len(scores) if mask is None else int(mask.sum()))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]  # by score, ties by row: the same order on every run
        return [(int(i), float(scores[i])) for i in top]

    def save(self, directory: Path) -> None:
        np.save(directory / FILE, self.matrix)

    @classmethod
    def load(cls, directory: Path) -> "Vectors | None":
        """None where the index was written before it kept vectors."""
        try:
            return cls(np.load(directory / FILE))
        except (OSError, ValueError):
            return None
