"""Human-readable citations for hits: "UU 23/2014, Pasal 363 ayat (2) huruf b, hlm. 213",
"Kepwal Bekasi 555.8/KEP.231-DISKOMINFOSTANDI/V/2021, Diktum KEDUA, hlm. 2",
"SE Menteri Komunikasi dan Informatika 5/2023, angka 3 huruf b, hlm. 1"."""
from __future__ import annotations

import re
from typing import Any, Mapping

from ingest.analyzer import tokenize
from ingest.legal import unit_word
from ingest.model import Scalar
from ingest.pages import span_pages

Span = tuple[int, int]  # [start, end) character offsets into a chunk's text

# How a Pasal chunk writes its ayat and huruf (ingest.legal): "(2) ..." / "Ayat (2) ...", "b. ..." / "Huruf b ...".
_AYAT_LINE = re.compile(r"^(?:Ayat\s*)?\((\d+[a-z]?)\)", re.MULTILINE)
_HURUF_LINE = re.compile(r"^(?:Huruf\s+([a-z]\d?)\b|([a-z]\d?)\.\s)", re.MULTILINE)


def _best(parts: list[tuple[Any, str]], query: set[str], least: int) -> tuple[Any, str] | None:
    """The (label, text) part sharing the most query words, if it shares at least `least` and more than any other."""
    scored = sorted(((len(query & set(tokenize(text))), label, text) for label, text in parts), reverse=True)
    if not scored or scored[0][0] < least or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1], scored[0][2]


def _marked(text: str, pattern: re.Pattern, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(label, start, end) of each part of text[start:end] that begins at a mark of `pattern`."""
    end = len(text) if end is None else end
    marks = list(pattern.finditer(text, start, end))
    return [(next(g for g in m.groups() if g), m.start(), marks[i + 1].start() if i + 1 < len(marks) else end)
            for i, m in enumerate(marks)]


def _split(text: str, pattern: re.Pattern) -> list[tuple[str, str]]:
    return [(label, text[a:b]) for label, a, b in _marked(text, pattern)]


def lead_and_parts(text: str, pattern: re.Pattern) -> tuple[str, list[str]]:
    """The text before the first mark of `pattern` (a line-start label with one group), and each part from one
    mark to the next."""
    marks = _marked(text, pattern)
    return (text[:marks[0][1]] if marks else text), [text[a:b] for _, a, b in marks]


def ayat_blocks(text: str) -> list[tuple[str | None, str]]:
    """A Pasal chunk as (ayat number, the ayat with its huruf lines); one (None, text) block when it
    has no numbered ayat, and (None, lead) for text before the first ayat."""
    parts = _split(text, _AYAT_LINE)
    lead = text[:_AYAT_LINE.search(text).start()].strip() if parts else text.strip()
    return ([(None, lead)] if lead else []) + [(label, block.strip()) for label, block in parts]


def best_location(text: str, query: str) -> tuple[str | None, str | None]:
    """(ayat, huruf) of a Pasal chunk that match the query best; None where no part stands out. A huruf
    is looked for inside each ayat (its list ends where the next ayat begins) and named with its ayat:
    "huruf c" alone would point into every ayat with a list."""
    words = set(tokenize(query))
    blocks: list[tuple[str | None, str]] = list(_split(text, _AYAT_LINE)) or [(None, text)]
    ayat = _best(blocks, words, 1)
    points = [((a, h), part) for a, block in ([ayat] if ayat else blocks) for h, part in _split(block, _HURUF_LINE)]
    huruf = _best(points, words, 2)
    if huruf:
        return huruf[0]
    return (ayat[0] if ayat else None), None


def location_span(text: str, ayat: str | None, huruf: str | None = None) -> Span | None:
    """Where an ayat, or a huruf (inside its ayat, if given), of a Pasal chunk lies; None for neither or not found."""
    block = next(((a, b) for label, a, b in _marked(text, _AYAT_LINE) if label == ayat), None) if ayat else None
    if ayat and block is None:
        return None
    if not huruf:
        return block
    start, end = block or (0, len(text))
    return next(((a, b) for label, a, b in _marked(text, _HURUF_LINE, start, end) if label == huruf), block)


def quoted_span(text: str, quote: str) -> Span | None:
    """Where a quote of `text` lies in it: the quote's whitespace may be folded and its end cut with "…"."""
    wanted = "".join(quote.removesuffix("…").split())
    where = [i for i, c in enumerate(text) if not c.isspace()]
    at = "".join(text[i] for i in where).find(wanted) if wanted else -1
    return (where[at], where[at + len(wanted) - 1] + 1) if at >= 0 else None


def at_passage(meta: Mapping[str, Scalar], span: Span | None) -> dict[str, Scalar]:
    """A hit's metadata with `page_start`/`page_end` the pages of the passage text[span] it shows (by the chunk's
    `page_offsets`, ingest.pages), and the chunk's own pages as `chunk_page_start`/`chunk_page_end`."""
    own = (meta.get("chunk_page_start", meta.get("page_start")), meta.get("chunk_page_end", meta.get("page_end")))
    if own[0] is None:  # no real pages (flat text, cards)
        return dict(meta)
    start, end = (span and span_pages(meta.get("page_offsets"), *span)) or own
    return {**meta, "page_start": start, "page_end": end, "chunk_page_start": own[0], "chunk_page_end": own[1]}


def unit_name(meta: Mapping[str, Scalar], label: object) -> str:
    """"Pasal 5"; "Diktum KEDUA" in a Keputusan or Instruksi, "angka 3" in a Surat Edaran (metadata unit_kind)."""
    return f"{unit_word(meta.get('unit_kind'))} {label}"


def cite(meta: Mapping[str, Scalar], ayat: str | None = None, huruf: str | None = None) -> str:
    """Short name of the source, then Pasal/ayat/huruf where known, then pages where real."""
    parts = [str(meta.get("short_cite") or meta.get("title") or meta.get("doc_id") or "?")]
    pasal = meta.get("pasal")
    if pasal:
        where = unit_name(meta, pasal)
        heading = str(meta.get("heading") or "")
        if heading.startswith(f"Pasal {pasal} angka "):  # amending law: "Pasal I angka 3 (Pasal 66)"
            where = heading.replace(" > ", " (", 1) + ")" if " > " in heading else heading
        ay = ayat or meta.get("ayat")
        if ay:
            where += f" ayat ({ay})" if "-" not in str(ay) else f" ayat ({str(ay).replace('-', ')-(')})"
        if huruf:
            where += f" huruf {huruf}"
        if meta.get("section") == "penjelasan":
            where = f"Penjelasan {where}"
        parts.append(where)
    elif meta.get("heading"):
        section = str(meta["heading"]).split(" > ")[-1]
        if section != parts[0]:  # a document's first heading is usually its title
            parts.append(section)
    if meta.get("page_start"):
        parts.append(_pages(meta))
    return ", ".join(parts)


def _pages(meta: Mapping[str, Scalar]) -> str:
    ps, pe = meta.get("page_start"), meta.get("page_end")
    return f"hlm. {ps}" if not pe or pe == ps else f"hlm. {ps}-{pe}"


_PAGES = re.compile(r"hlm\. \d+(?:-\d+)?(?= — |$)")


def repaged(citation: str, meta: Mapping[str, Scalar]) -> str:
    """`citation` (as kb.legal_lookup wrote it, its ayat and note kept) naming the pages in `meta` instead."""
    return _PAGES.sub(_pages(meta), citation, count=1) if meta.get("page_start") else citation
