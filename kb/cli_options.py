"""What every `kb` command shares: opening the knowledge base with a readable error, and the options
naming where it lives."""
from __future__ import annotations

import click


def open_kb(data_dir: str | None, embedder: str | None = None, chroma_url: str | None = None):
    from .base import KnowledgeBase
    from .store import StoreError

    try:
        return KnowledgeBase.open(data_dir, embedder, chroma_url)
    except StoreError as e:
        raise click.ClickException(str(e)) from e


data_dir_option = click.option("--data-dir", envvar="KB_DATA_DIR", default=None,
                               help="Folder of the index (default .kb, or $KB_DATA_DIR).")
embedder_option = click.option("--embedder", envvar="KB_EMBEDDER", default=None,
                               help="'e5' (default) or 'st:<model name or path>'.")
chroma_option = click.option("--chroma-url", envvar="KB_CHROMA_URL", default=None,
                             help="Use a Chroma server (http://host:port) instead of the local store.")
