"""How a text cites other works: author-year citations and the source lines under figures and tables.

A year inside one is the cited work's, not the text's (ingest.metadata), and a passage holding one
reviews the literature (kb.intent).
"""
from __future__ import annotations

import re

# "(Fitri, 2017)", "(Widodo & Permatasari, 2020)", "(Kurniasari dkk., 2020)", "Jalil (2020)".
# A regulation's "Tahun 2014" has no parentheses around name and year.
AUTHOR_YEAR = re.compile(r"\([A-Z][a-z][\w'-]*(?:\s(?:dkk\.?|et al\.?|&|dan)\s?(?:[A-Z][\w'-]+)?)*,\s?(?:19|20)\d\d[a-z]?\)"
                         r"|\b[A-Z][a-z][\w'-]*(?: dkk\.?| et al\.?)? \((?:19|20)\d\d[a-z]?\)")
# "Sumber: Databoks Katadata 2022" under a figure.
SOURCE_LINE = re.compile(r"^\s*(?:sumber|source)\s*:.*$", re.IGNORECASE | re.MULTILINE)


def uncited(text: str) -> str:
    """`text` without its citations and source lines."""
    return SOURCE_LINE.sub("", AUTHOR_YEAR.sub("", text))
