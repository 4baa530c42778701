"""Sentence-preserving chunking measured in model tokens.

Pages are split into blocks (paragraphs; a heading starts a new section), blocks into
sentences, and sentences packed into chunks of at most `budget` tokens. A chunk never ends
inside a sentence; a single sentence longer than the budget is split at clause marks
(; : ,) and, failing those, at word boundaries, since the embedder cannot see past its window.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from .legal_markers import roman
from .model import Chunk, Document
from .pages import joined

TokenCounter = Callable[[str], int]
MIN_TEXT_TOKENS = 32

# Sentence end: . ! ? (optionally followed by a closing quote/bracket), then space and an
# upper-case letter, digit or opening bracket. Abbreviations common in Indonesian documents
# are protected below.
_SENT_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9(\"“])")
_ABBREV = re.compile(
    r"\b(?:No|Nomor|hlm|dll|dsb|dkk|Tbk|Ir|Dr|Drs|Prof|St|S\.H|M\.Si|Jl|Kab|Prov|Kec|Kel|"
    r"PT|CV|Bpk|Sdr|Ny|et al|vol|pp|p|cf|e\.g|i\.e|[A-Z])\.$")
_HEADING = re.compile(
    r"^(?:#{1,6}\s+.+|BAB\s+[IVXLC\d]+\b.*|(?:\d+\.){1,3}\d*\s+[A-Z][^.!?]{0,100}|[A-Z][A-Z0-9 ,&/()-]{3,80})$")


def split_sentences(text: str) -> list[str]:
    parts = _SENT_END.split(text.strip())
    out: list[str] = []
    for p in parts:
        if out and _ABBREV.search(out[-1]):
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return [s.strip() for s in out if s.strip()]


def is_heading(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) <= 120 and bool(_HEADING.match(s)) and not s.endswith((".", ",", ";"))


def heading_text(line: str) -> str:
    return line.strip().lstrip("#").strip()


@dataclass
class Unit:
    """A sentence (or sentence piece) with where it came from."""
    text: str
    page: int
    heading_path: tuple[str, ...]


def iter_units(doc: Document) -> Iterable[Unit]:
    """Sentences of the document in order, each with its page and heading path. A list item with no
    text of its own ("2. Menganalisis penerapan ...", the next line another item) is text, not a heading."""
    outline = _Outline()
    page_no = 1
    for page in doc.pages:
        page_no = page.number
        for block in re.split(r"\n\s*\n", page.text):
            lines = [ln for ln in block.split("\n") if ln.strip()]
            buf: list[str] = []
            for ln in lines:
                if is_heading(ln) and not outline.lists(ln):
                    if buf:
                        yield from _sentences(" ".join(buf), page.number, outline.path)
                        buf = []
                    yield from _sentences(outline.bare_item(), page.number, outline.path)
                    outline.enter(ln)
                    continue
                buf.append(ln.strip())
            if buf:
                outline.said()
                yield from _sentences(" ".join(buf), page.number, outline.path)
    yield from _sentences(outline.bare_item(), page_no, outline.path)


BARE_CHAPTER = re.compile(r"^BAB\s+[IVXLC\d]+$")  # "BAB I" alone; its name is on the next line
_CHAPTER = re.compile(r"^BAB\s+([IVXLC]+|\d+)\b")
_NUMBER = re.compile(r"^((?:\d+\.)+\d*)\s")


@dataclass
class _Heading:
    level: int
    text: str
    item: int | None = None  # n of a list item ("2. Manfaat Bagi Pemerintah") nested under a section


class _Outline:
    """The open headings. A thesis numbers its sections 1.4, 1.4.2 and, inside 1.4.2, lists items
    "1. Manfaat Bagi Penulis", "2. Manfaat Bagi Pemerintah": such an item belongs under the section, or
    its chunks would lose "Signifikansi Praktis". An item is the next number after an item, a "1." under a
    dotted section, or any number under a dotted section of a BAB (a chapter numbers its sections 1.x, so
    a lone number there is no section); any other "2." is a top-level section ("2. Metode" after "1.2")."""

    def __init__(self) -> None:
        self._open: list[_Heading] = []
        self._said = False  # text came since the last heading
        self._closed_item: int | None = None  # n of the item bare_item() just closed
        self._chapter = 0  # the last chapter opened
        self._listed: int | None = None  # the last chapter named in a list of the chapters, while in one

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(h.text for h in self._open)

    def said(self) -> None:
        self._said = True

    def bare_item(self) -> str:
        """The last heading's text, closed, if it is a list item with no text under it; else ""."""
        if self._open and self._open[-1].item is not None and not self._said:
            closed = self._open.pop()
            self._closed_item = closed.item
            return closed.text
        return ""

    def lists(self, line: str) -> bool:
        """Whether a heading-like line is an entry of a thesis's list of its chapters ("Sistematika Penulisan":
        "BAB I PENDAHULUAN", a paragraph, "BAB II KERANGKA TEORI", ..., "DAFTAR PUSTAKA"), text of the section
        holding it. The list starts at a chapter named again after it opened and runs, over the chapters after
        it and unnumbered headings, up to a chapter number that goes back: the real next chapter. As headings,
        each entry was a chunk of its own, cited under a chapter the document does not hold."""
        text = heading_text(line)
        m = _CHAPTER.match(text)
        n = (int(m.group(1)) if m.group(1).isdigit() else roman(m.group(1))) if m else None
        if self._listed is not None:
            if n is None and not _NUMBER.match(text) and not line.lstrip().startswith("#"):
                return True
            if n is not None and n > self._listed:
                self._listed = n
                return True
            self._listed = None
        if n is None:
            return False
        if n <= self._chapter:
            self._listed = n
            return True
        self._chapter = n
        return False

    def enter(self, line: str) -> None:
        previous, self._closed_item, self._said = self._closed_item, None, False
        text, last = heading_text(line), (self._open[-1] if self._open else None)
        if last and BARE_CHAPTER.match(last.text) and not _NUMBER.match(text) and not text.startswith("BAB"):
            last.text = f"{last.text} {text}"  # "BAB I" above "PENDAHULUAN" is one heading
            return
        number = _number(text)
        if last and number and len(number) == 1:
            if last.item is not None and number[0] == last.item + 1:
                self._open[-1] = _Heading(last.level, text, number[0])
                return
            dotted = any(len(_number(h.text) or ()) > 1 for h in self._open)
            if previous is not None and number[0] == previous + 1 or \
                    dotted and (number[0] == 1 or any(h.text.startswith("BAB") for h in self._open)):
                self._open.append(_Heading(last.level + 1, text, number[0]))
                return
        level = _heading_level(line)
        while self._open and self._open[-1].level >= level:
            self._open.pop()
        self._open.append(_Heading(level, text))


def _number(text: str) -> tuple[int, ...] | None:
    """(1, 4, 2) for "1.4.2 Signifikansi Praktis"; None for an unnumbered heading."""
    m = _NUMBER.match(text)
    return tuple(int(x) for x in m.group(1).strip(".").split(".")) if m else None


def _heading_level(line: str) -> int:
    s = line.strip()
    if s.startswith("#"):
        return len(s) - len(s.lstrip("#"))
    number = _number(s)
    return len(number) if number else 1


def _sentences(text: str, page: int, path: tuple[str, ...]) -> Iterable[Unit]:
    for s in split_sentences(re.sub(r"\s+", " ", text)):
        yield Unit(s, page, path)


def split_long(text: str, budget: int, count: TokenCounter) -> list[str]:
    """Split one over-long sentence at clause marks, then at words, into pieces within budget."""
    if len(text) <= 1 or count(text) <= budget:
        return [text]
    for sep in ("; ", ": ", ", ", " "):
        pieces = text.split(sep)
        if len(pieces) == 1:
            continue
        out: list[str] = []
        cur = ""
        for i, p in enumerate(pieces):
            p = p + (sep.rstrip() if i < len(pieces) - 1 else "")
            cand = f"{cur} {p}".strip() if cur else p
            if cur and count(cand) > budget:
                out.append(cur)
                cur = p
            else:
                cur = cand
        if cur:
            out.append(cur)
        if all(count(o) <= budget for o in out):
            return out
        return [q for o in out for q in split_long(o, budget, count)]
    # One unbroken token run longer than the budget: cut by characters as a last resort.
    half = len(text) // 2
    return split_long(text[:half], budget, count) + split_long(text[half:], budget, count)


def pack(units: list[Unit], doc_id: str, budget: int, count: TokenCounter,
         context: str = "", start: int = 0, even_tail: bool = False) -> list[Chunk]:
    """Greedy packing of units into chunks; a heading change starts a new chunk. `even_tail`: a section's
    last chunk is no scrap (`_even_tail`)."""
    # Room for the context line; a context longer than the window still leaves text a minimum.
    limit = max(budget - (count(context) if context else 0) - 8, MIN_TEXT_TOKENS)
    groups: list[list[tuple[Unit, int]]] = []  # each chunk's units with their token counts
    tokens = 0  # of the last group
    for u in units:
        for piece in split_long(u.text, limit, count):
            n = count(piece)
            if not groups or tokens + n > limit or u.heading_path != groups[-1][0][0].heading_path:
                groups.append([])
                tokens = 0
            groups[-1].append((Unit(piece, u.page, u.heading_path), n))
            tokens += n
    for i in range(1, len(groups) if even_tail else 0):
        last_of_section = i + 1 == len(groups) or groups[i + 1][0][0].heading_path != groups[i][0][0].heading_path
        if last_of_section and groups[i - 1][0][0].heading_path == groups[i][0][0].heading_path:
            _even_tail(groups[i - 1], groups[i], limit)
    chunks = []
    for ordinal, group in enumerate(groups, start):
        cur = [u for u, _ in group]
        chunks.append(Chunk(
            chunk_id=f"{doc_id}#{ordinal:05d}", doc_id=doc_id, ordinal=ordinal,
            text=" ".join(u.text for u in cur), page_start=cur[0].page, page_end=cur[-1].page,
            heading_path=cur[0].heading_path, context=_context(context, cur[0].heading_path),
            page_offsets=joined([(u.text, u.page) for u in cur], " ")))
    return chunks


def _even_tail(before: list[tuple[Unit, int]], tail: list[tuple[Unit, int]], limit: int) -> None:
    """A section's last chunk under a quarter of the window takes units from the end of the chunk before it
    while that brings the two closer in size."""
    size = [sum(n for _, n in before), sum(n for _, n in tail)]
    if size[1] >= limit // 4:
        return
    while len(before) > 1 and abs(size[0] - size[1] - 2 * before[-1][1]) < size[0] - size[1]:
        moved = before.pop()
        tail.insert(0, moved)
        size[0] -= moved[1]
        size[1] += moved[1]


def _context(prefix: str, heading_path: tuple[str, ...]) -> str:
    parts: list[str] = []
    for p in (prefix, *heading_path[-2:]):
        if p and p not in parts:  # a document's first heading is often its title
            parts.append(p)
    return " · ".join(parts)


def chunk_document(doc: Document, budget: int, count: TokenCounter, even_tail: bool = False) -> list[Chunk]:
    return pack(list(iter_units(doc)), doc.doc_id, budget, count, context=doc.title, even_tail=even_tail)
