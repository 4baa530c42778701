"""What a document is, independent of the file it came from.

A regulation is its jenis, nomor and tahun (and issuer, for regional acts): the Markdown of UU 14/2008,
its born-digital PDF, a scan of it and its catalog entry are one regulation. Anything else is the
catalog entry it was fetched for (`catalog_id`, set by `kb fetch`) or its own doc_id.
"""
from __future__ import annotations

import re
from typing import Mapping

from .model import Scalar
from .regulation import REGIONAL


def identity(doc_id: str, doc_type: str, meta: Mapping[str, Scalar]) -> str:
    jenis, nomor, tahun = meta.get("jenis"), meta.get("nomor"), meta.get("tahun")
    is_regulation = doc_type == "regulasi" or (doc_type == "katalog" and meta.get("kind") == "regulasi")
    if is_regulation and jenis and nomor and tahun:
        # "555.8/KEP.231-DISKOMINFOSTANDI/V/2021" is number 555.8 of its year; case and spacing vary by source.
        number = re.split(r"[/\s]", str(nomor).strip(), maxsplit=1)[0].lower()
        issuer = " ".join(str(meta.get("issuer") or "").lower().split()) if jenis in REGIONAL else ""
        return f"{str(jenis).lower()}|{issuer}|{number}|{tahun}"
    return str(meta.get("catalog_id") or doc_id)
