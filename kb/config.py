"""Where the knowledge base lives and which services it uses, from flags or the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .embedders import DEFAULT_EMBEDDER


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    embedder: str = DEFAULT_EMBEDDER
    chroma_url: str | None = None  # http://host:port for a shared Chroma server

    @property
    def embed_cache(self) -> Path:
        env = os.environ.get("KB_EMBED_CACHE")
        return Path(env) if env else self.data_dir / "embeddings.sqlite"


def settings(data_dir: str | Path | None = None, embedder: str | None = None,
             chroma_url: str | None = None) -> Settings:
    d = Path(data_dir or os.environ.get("KB_DATA_DIR") or ".kb").expanduser()
    return Settings(data_dir=d,
                    embedder=embedder or os.environ.get("KB_EMBEDDER") or DEFAULT_EMBEDDER,
                    chroma_url=chroma_url or os.environ.get("KB_CHROMA_URL") or None)


def uploads_dir(data_dir: Path) -> Path:
    """Originals of files uploaded through the UI (kb.uploads), kept for download and re-ingest."""
    return data_dir / "uploads"


def is_upload(data_dir: Path, path: str | Path) -> bool:
    """An original the UI keeps (ours to move or delete), not a file of the user's own folders."""
    return Path(path).resolve().parent == uploads_dir(data_dir).resolve()


def audit_path(data_dir: Path) -> Path:
    """The append-only log of every change to the corpus (kb.audit)."""
    return data_dir / "audit.jsonl"
