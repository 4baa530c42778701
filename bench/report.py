"""How every benchmark prints its figures: Markdown tables."""
from __future__ import annotations


def table(header: list[str], rows: list[list]) -> str:
    def cell(v) -> str:
        return f"{v:.4f}" if isinstance(v, float) else str(v)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)
