"""Language of a chunk with langdetect, seeded so the same text always gets the same answer."""
from __future__ import annotations

from langdetect import DetectorFactory, LangDetectException, detect

DetectorFactory.seed = 0


def detect_lang(text: str) -> str | None:
    """ISO code ('id', 'en', ...) or None for text too short or too odd to judge."""
    sample = text[:2000]
    if sum(c.isalpha() for c in sample) < 20:
        return None
    try:
        lang = detect(sample)
    except LangDetectException:
        return None
    # langdetect often confuses Indonesian with Malay on formal text; the corpus is Indonesian.
    return "id" if lang in ("ms", "tl") else lang
