"""Text quality of a chunk: the share of its words that read as real words.

OCR damage shows as words no reader would write: symbols or digits inside letters ("Ke{a", "al<an",
"2Ol4", "C*upjelas"), case flipping inside a word ("CukuP", "jeIas"), and lower-case words no dictionary
knows ("berakhimya", "urnum"). A lower-case word is known when it (or its Sastrawi stem) is an Indonesian
root word; capitalised words and acronyms (names: Jakarta, Morales, DPRD) count as known, and so do
numbers, references (2/2020, 555.8, 5A) and Roman numerals; words joined by "-" or "/" count by their parts.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .analyzer import stem  # the lexical index's memoised stemmer: each word is stemmed once

# Below this a chunk is flagged as garbled OCR text, with this warning.
GARBLED_BELOW = 0.85
OCR_WARNING = "teks hasil OCR, periksa PDF aslinya / OCR text: check the original PDF"
# Chunks with fewer words than this are scored 1.0: a handful of words says too little to judge.
MIN_WORDS = 8

_EDGE = "\"'“”‘’()[].,;:!?*_•–—"  # and Markdown emphasis (_website_, *smart city*)
_EMPHASIS = re.compile(r"(?<!\w)([_*])(?=\S)[^_*\n]{1,80}?(?<=\S)\1(?!\w)")
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
    if not part.isascii():
        return part.isalpha()  # other scripts and accents (芸者, shōnen): OCR of these laws never makes them
    if not _WORD.fullmatch(part):
        return False  # letters mixed with digits or symbols: "2Ol4", "ke{a", "^jelas"
    if not (part.islower() or part.istitle() or part.isupper()):
        return False  # "CukuP", "jeIas"
    if not part.islower():
        return True  # names and acronyms (Jakarta, DPRD) are words no dictionary lists
    return len(part) <= 2 or is_word(part)


def is_word(word: str) -> bool:
    """A lower-case Indonesian word: a root in Sastrawi's list, or a word whose stem is one."""
    w = re.sub(r"^(?:non|antar)(?=[a-z]{4})", "", word)  # nonkementerian, antarwaktu
    return w in _roots() or stem(w) in _roots()


def _known(token: str) -> bool:
    parts = [p for p in re.split(r"[-/]", token) if p]
    return bool(parts) and all(_known_part(p) for p in parts)


def text_quality(text: str) -> float:
    """Share of known words in `text`, 0..1 (1.0 for text too short to judge)."""
    # Italics mark foreign terms in the Markdown sources ("_short message service_", "*smart city*").
    text = _EMPHASIS.sub(" ", text)
    tokens = [t for t in (raw.strip(_EDGE) for raw in text.split()) if t and any(c.isalnum() for c in t)]
    if len(tokens) < MIN_WORDS:
        return 1.0
    return round(sum(_known(t) for t in tokens) / len(tokens), 3)


def garbled(quality: float | None) -> bool:
    return quality is not None and quality < GARBLED_BELOW


def bad_layer(text: str) -> bool:
    """Whether a PDF page's text layer reads as garbled OCR ("REPUBI..IK INDONE~IA"), so OCR may read the page
    better. English pages are spared: their words are in no Indonesian dictionary, and OCR would not help."""
    from .lang import detect_lang

    return garbled(text_quality(text)) and detect_lang(text) != "en"
