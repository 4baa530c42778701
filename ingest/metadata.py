"""Document metadata: a sidecar file, else a catalog entry, else inferred from the text."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Mapping

import yaml

from .chunking import BARE_CHAPTER
from .citing import uncited
from .legal import legal_metadata
from .loaders import LoadError
from .model import Scalar

SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")


def sidecar_path(path: Path) -> Path | None:
    for suf in SIDECAR_SUFFIXES:
        cand = path.with_name(path.name + suf)
        if cand.exists():
            return cand
    return None


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIXES)


def read_sidecar(path: Path) -> dict[str, Any]:
    side = sidecar_path(path)
    if side is None:
        return {}
    try:
        text = side.read_text(encoding="utf-8")
        data = json.loads(text) if side.suffix == ".json" else yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as e:
        raise LoadError(f"sidecar {side.name} tidak valid / invalid sidecar: {e}") from e
    if not isinstance(data, dict):
        raise LoadError(f"sidecar {side.name} harus berisi pemetaan kunci: nilai / must hold a key: value mapping")
    return data


def flatten(meta: Mapping[str, Any]) -> dict[str, Scalar]:
    """Scalar metadata for Chroma: lists joined with '; ', None dropped, nested maps skipped."""
    out: dict[str, Scalar] = {}
    for k, v in meta.items():
        if v is None or isinstance(v, dict):
            continue
        if isinstance(v, (list, tuple)):
            v = "; ".join(str(x) for x in v if x is not None)
            if not v:
                continue
        out[str(k)] = v if isinstance(v, (str, int, float, bool)) else str(v)
    return out


def first_heading(text: str) -> str:
    """The first line, or "BAB I PENDAHULUAN" where a chapter's label and name stand on two lines."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if not lines:
        return ""
    first = lines[0].lstrip("#").strip() if lines[0].startswith("#") else lines[0][:150]
    if BARE_CHAPTER.match(first) and len(lines) > 1 and lines[1].isupper() and len(lines[1]) <= 80:
        return f"{first} {lines[1]}"
    return first


def infer(text: str, fallback_title: str) -> dict[str, Scalar]:
    """Title from the first heading; regulation or agreement identity from the text's head."""
    meta: dict[str, Scalar] = {}
    legal = legal_metadata(text)
    if legal:
        return legal
    title = first_heading(text) or fallback_title
    meta["title"] = re.sub(r"\s+", " ", title)[:200]
    # A year cited in the head ("(Kristiyono, 2015)", "Sumber: Katadata 2022") is another work's.
    years = re.findall(r"\b(19[5-9]\d|20[0-4]\d)\b", uncited(text[:3000]))
    if years:
        meta["year"] = int(years[0])
    return meta
