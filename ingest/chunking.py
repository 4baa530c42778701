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
    """Sentences of the document in order, each with its page and heading path."""
    path: list[tuple[int, str]] = []  # (level, heading)
    for page in doc.pages:
        for block in re.split(r"\n\s*\n", page.text):
            lines = [ln for ln in block.split("\n") if ln.strip()]
            buf: list[str] = []
            for ln in lines:
                if is_heading(ln):
                    if buf:
                        yield from _sentences(" ".join(buf), page.number, path)
                        buf = []
                    level = _heading_level(ln)
                    while path and path[-1][0] >= level:
                        path.pop()
                    path.append((level, heading_text(ln)))
                    continue
                buf.append(ln.strip())
            if buf:
                yield from _sentences(" ".join(buf), page.number, path)


def _heading_level(line: str) -> int:
    s = line.strip()
    if s.startswith("#"):
        return len(s) - len(s.lstrip("#"))
    m = re.match(r"^((?:\d+\.)+\d*)\s", s)
    if m:
        return 1 + m.group(1).strip(".").count(".")
    return 1


def _sentences(text: str, page: int, path: list[tuple[int, str]]) -> Iterable[Unit]:
    hp = tuple(h for _, h in path)
    for s in split_sentences(re.sub(r"\s+", " ", text)):
        yield Unit(s, page, hp)


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
         context: str = "", start: int = 0) -> list[Chunk]:
    """Greedy packing of units into chunks; a heading change starts a new chunk."""
    chunks: list[Chunk] = []
    cur: list[Unit] = []
    cur_tokens = 0
    ctx_tokens = count(context) if context else 0

    def flush() -> None:
        nonlocal cur, cur_tokens
        if cur:
            ordinal = start + len(chunks)
            chunks.append(Chunk(
                chunk_id=f"{doc_id}#{ordinal:05d}", doc_id=doc_id, ordinal=ordinal,
                text=" ".join(u.text for u in cur), page_start=cur[0].page, page_end=cur[-1].page,
                heading_path=cur[0].heading_path, context=_context(context, cur[0].heading_path),
                page_offsets=joined([(u.text, u.page) for u in cur], " ")))
        cur, cur_tokens = [], 0

    # Room for the context line; a context longer than the window still leaves text a minimum.
    limit = max(budget - ctx_tokens - 8, MIN_TEXT_TOKENS)
    for u in units:
        for piece in split_long(u.text, limit, count):
            n = count(piece)
            if cur and (cur_tokens + n > limit or u.heading_path != cur[0].heading_path):
                flush()
            cur.append(Unit(piece, u.page, u.heading_path))
            cur_tokens += n
    flush()
    return chunks


def _context(prefix: str, heading_path: tuple[str, ...]) -> str:
    parts: list[str] = []
    for p in (prefix, *heading_path[-2:]):
        if p and p not in parts:  # a document's first heading is often its title
            parts.append(p)
    return " · ".join(parts)


def chunk_document(doc: Document, budget: int, count: TokenCounter) -> list[Chunk]:
    return pack(list(iter_units(doc)), doc.doc_id, budget, count, context=doc.title)
