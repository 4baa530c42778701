"""Human-readable citations for hits: "UU 23/2014, Pasal 363 ayat (2), hlm. 213"."""
from __future__ import annotations

from typing import Mapping

from ingest.model import Scalar


def cite(meta: Mapping[str, Scalar], ayat: str | None = None) -> str:
    """Short name of the source, then Pasal/ayat where known, then pages where real."""
    parts = [str(meta.get("short_cite") or meta.get("title") or meta.get("doc_id") or "?")]
    pasal = meta.get("pasal")
    if pasal:
        where = f"Pasal {pasal}"
        ay = ayat or meta.get("ayat")
        if ay:
            where += f" ayat ({ay})" if "-" not in str(ay) else f" ayat ({str(ay).replace('-', ')-(')})"
        if meta.get("section") == "penjelasan":
            where = f"Penjelasan {where}"
        parts.append(where)
    elif meta.get("heading"):
        parts.append(str(meta["heading"]).split(" > ")[-1])
    ps, pe = meta.get("page_start"), meta.get("page_end")
    if ps:
        parts.append(f"hlm. {ps}" if not pe or pe == ps else f"hlm. {ps}-{pe}")
    return ", ".join(parts)
