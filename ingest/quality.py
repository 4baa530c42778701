"""Text quality of a chunk: the share of its words that read as real words.

OCR damage shows as words no dictionary knows ("Ke{a", "al<an", "2Ol4", "Iembaran", "C*upjelas").
A word is known when it (or its Sastrawi stem) is an Indonesian root word, an acronym in capitals
(DPRD, APBD), a number or reference (2/2020, 555.8, 5A) or a Roman numeral; words joined by "-" or "/"
("kabupaten/kota", "perundang-undangan") count by their parts. Born-digital legal text scores
0.97-0.99 and OCR'd regulations 0.90-0.95 on average, with their worst passages far lower.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# Below this a chunk is flagged as garbled OCR text, with this warning.
GARBLED_BELOW = 0.85
OCR_WARNING = "teks hasil OCR, periksa PDF aslinya / OCR text: check the original PDF"
# Chunks with fewer words than this are scored 1.0: a handful of words says too little to judge.
MIN_WORDS = 8

_EDGE = "\"'“”‘’()[].,;:!?*•–—"
_NUMBER = re.compile(r"\d+(?:[.,/-]\d+)*[a-zA-Z]?|[IVXLCDM]+")
_WORD = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=1)
def _roots() -> frozenset[str]:
    import Sastrawi

    path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    return frozenset(path.read_text(encoding="utf-8").split())


def _known_part(part: str) -> bool:
    if not part or _NUMBER.fullmatch(part):
        return True
    if not _WORD.fullmatch(part):
        return False  # letters mixed with digits or symbols: "2Ol4", "ke{a", "^jelas"
    if not (part.islower() or part.istitle() or part.isupper()):
        return False  # "CukuP", "jeIas"
    w = part.lower()
    if len(w) <= 2 or (part.isupper() and len(w) <= 6):  # acronyms: DPRD, APBD
        return True
    from kb.analyzer import stem  # the lexical index's memoised stemmer: each word is stemmed once

    w = re.sub(r"^(?:non|antar)(?=[a-z]{4})", "", w)  # nonkementerian, antarwaktu
    return w in _roots() or stem(w) in _roots()


def _known(token: str) -> bool:
    parts = [p for p in re.split(r"[-/]", token) if p]
    return bool(parts) and all(_known_part(p) for p in parts)


def text_quality(text: str) -> float:
    """Share of known words in `text`, 0..1 (1.0 for text too short to judge)."""
    tokens = [t for t in (raw.strip(_EDGE) for raw in text.split()) if t and any(c.isalnum() for c in t)]
    if len(tokens) < MIN_WORDS:
        return 1.0
    return round(sum(_known(t) for t in tokens) / len(tokens), 3)


def garbled(quality: float | None) -> bool:
    return quality is not None and quality < GARBLED_BELOW
