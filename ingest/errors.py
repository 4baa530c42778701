"""The error every loader raises for a file it cannot read."""
from __future__ import annotations

from pathlib import Path


class LoadError(Exception):
    """A file that cannot be read; the reason names the fix, in Indonesian and English."""

    def __init__(self, reason: str, path: Path | str | None = None) -> None:
        self.reason = reason
        self.path = str(path) if path is not None else None
        super().__init__(f"{self.path}: {reason}" if self.path else reason)
