"""Which page each character of a chunk is on, as one scalar for Chroma: "0:1,812:2" (page 1 from offset 0,
page 2 from offset 812). A chunk of short pages spans several; a hit names the page of the passage it shows."""
from __future__ import annotations

import bisect
from typing import Sequence

Marks = list[tuple[int, int]]  # (offset into the chunk text where a page begins, page number), ascending

# Characters of the source searched for a chunk line's start, ahead of where the previous line ended.
_LOOKAHEAD = 4000
_PROBE = 24  # non-space characters that find a line in the source


def encode(marks: Marks) -> str:
    out: Marks = []
    for offset, page in marks:
        if not out or out[-1][1] != page:
            out.append((offset, page))
    return ",".join(f"{o}:{p}" for o, p in out)


def decode(value: object) -> Marks:
    if not isinstance(value, str) or not value:
        return []
    return [(int(o), int(p)) for o, p in (pair.split(":") for pair in value.split(","))]


def span_pages(value: object, start: int, end: int) -> tuple[int, int] | None:
    """(first, last) page of the characters [start, end) of a chunk, by its encoded marks; None without marks."""
    marks = decode(value)
    if not marks:
        return None
    offsets = [o for o, _ in marks]
    first = max(0, bisect.bisect_right(offsets, start) - 1)
    last = max(first, bisect.bisect_left(offsets, max(start + 1, end)) - 1)
    return marks[first][1], marks[last][1]


def joined(pieces: Sequence[tuple[str, int]], sep: str) -> str:
    """Marks of `sep.join(texts)` for (text, page) pieces."""
    marks: Marks = []
    offset = 0
    for text, page in pieces:
        marks.append((offset, page))
        offset += len(text) + len(sep)
    return encode(marks)


def concatenated(parts: Sequence[tuple[str, object]], sep: str) -> str:
    """Marks of `sep.join(texts)` for (text, encoded marks) parts: each part's marks moved by the text before it."""
    marks: Marks = []
    offset = 0
    for text, value in parts:
        marks += [(offset + o, page) for o, page in decode(value)]
        offset += len(text) + len(sep)
    return encode(marks)


def aligned(text: str, source: str, start: int, end: int, page_starts: Sequence[int]) -> str:
    """Marks of `text`, a rewrite of `source[start:end]` (whitespace folded, lines re-joined, labels re-written),
    whose pages begin at `page_starts`. Characters are matched by their order among non-space characters;
    each line of `text` is first looked up in the source, so a small rewrite does not shift later lines."""
    # At least as much source as text: an amending law's instruction unit has no extent of its own.
    where = [i for i in range(start, min(max(end, start + len(text)), len(source))) if not source[i].isspace()]
    if not where:
        return ""
    stream = "".join(source[i] for i in where)
    marks: Marks = []
    k = 0  # index into `where`: the source character matched next
    offset = 0
    for line in text.split("\n"):
        probe = "".join(line.split())[:_PROBE]
        # The first line anywhere: a chunk may begin deep inside a long ayat that was split (ingest.legal).
        found = stream.find(probe, k, k + _LOOKAHEAD if marks else len(stream)) if probe else -1
        k = found if found >= 0 else k
        for j, ch in enumerate(line):
            if ch.isspace():
                continue
            page = max(1, bisect.bisect_right(page_starts, where[min(k, len(where) - 1)]))
            if not marks or marks[-1][1] != page:
                marks.append((offset + j if marks else 0, page))
            k += 1
        offset += len(line) + 1
    return encode(marks)
