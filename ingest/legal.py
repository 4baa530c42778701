"""Structure of regulations and agreements (Pasal, ayat, Penjelasan) and their chunks."""
from __future__ import annotations

from .chunking import TokenCounter
from .model import Chunk, Document


def legal_chunks(doc: Document, budget: int, count: TokenCounter) -> list[Chunk] | None:
    """One chunk per Pasal for a regulation or agreement; None for any other document."""
    return None
