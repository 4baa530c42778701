"""What in a hit matched the query: term spans and the best sentences, as character offsets.

Terms match the way BM25 matched them: both sides go through the same analyzer (lowercase,
stopwords dropped, Sastrawi stems, references such as "23/2014" kept whole), so "kerja sama
daerah" lights up "bekerja sama" and "Daerah". A hit found only by meaning (a paraphrase, an
English query) has no matching terms and so no spans or sentences; callers show its opening.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.analyzer import tokenize
from ingest.chunking import split_sentences

Span = tuple[int, int]  # [start, end) character offsets into the text

# A word as the analyzer sees it, possibly joined by / . - ("23/2014", "555.8", "e-government").
_WORD = re.compile(r"\w+(?:[./-]\w+)*")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


@dataclass(frozen=True)
class Highlights:
    spans: list[Span]  # matched terms, in text order
    sentences: list[Span]  # sentences holding the most distinct query terms, best first


def term_spans(query: str, text: str) -> list[tuple[Span, str]]:
    """Each word of `text` whose analyzed form is a query term, with that term."""
    wanted = set(tokenize(query))
    if not wanted:
        return []
    out = []
    urls = [u.span() for u in _URL.finditer(text)]
    for m in _WORD.finditer(text):
        if any(a <= m.start() < b for a, b in urls):  # a marked word inside an address breaks the link
            continue
        hit = next((t for t in tokenize(m.group()) if t in wanted), None)
        if hit is not None:
            out.append(((m.start(), m.end()), hit))
    return out


def sentence_spans(text: str) -> list[Span]:
    """Offsets of the sentences `ingest.chunking` would split `text` into."""
    spans: list[Span] = []
    pos = 0
    for s in split_sentences(text):
        start = text.find(s.split(None, 1)[0], pos)
        if start < 0:  # cannot happen for split_sentences' own pieces; stay safe on odd input
            continue
        if spans:
            prev_start = spans[-1][0]
            spans[-1] = (prev_start, prev_start + len(text[prev_start:start].rstrip()))
        spans.append((start, len(text.rstrip())))
        # Pieces never get longer than their source, so the next sentence starts after this.
        pos = start + len(s)
    return spans


def highlight(query: str, text: str, max_sentences: int = 2) -> Highlights:
    terms = term_spans(query, text)
    if not terms:
        return Highlights([], [])
    scored = []
    for start, end in sentence_spans(text):
        distinct = {t for (a, b), t in terms if start <= a and b <= end}
        if distinct:
            scored.append((-len(distinct), start, end))
    return Highlights(spans=[span for span, _ in terms],
                      sentences=[(a, b) for _, a, b in sorted(scored)[:max_sentences]])


def window(text: str, h: Highlights, width: int = 400) -> Span:
    """At most `width` characters to show: from the best sentence if any matched, else the start."""
    start = h.sentences[0][0] if h.sentences else 0
    start = max(0, min(start, len(text) - width))
    return start, min(len(text), start + width)
