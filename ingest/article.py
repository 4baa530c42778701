"""Journal articles and theses in PDF: what kind of work, its bibliographic data, its reading order in
two-column layouts, and its reference list as a section of its own.

Only documents that are neither a regulation nor an agreement come here (ingest.pipeline), so regulations
keep pypdf's extraction. A two-column page is re-read from pdfium's text segments (pypdfium2), which come with
their boxes: pypdf follows the content stream, and many journal PDFs draw a line of the left column, then a
line of the right one, which pypdf returns interleaved.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from .chunking import TokenCounter, iter_units, pack
from .citing import uncited
from .model import Chunk, Document, Page, Scalar

# doc_types of a research work read from a PDF; `tesis`, `skripsi`, `disertasi` when its cover says so.
ARTICLE_TYPES = frozenset({"artikel", "tesis", "skripsi", "disertasi"})
# Chunk.section of a reference list: searched on purpose (kb.intent), ranked below body text otherwise.
REFERENCE_LIST = "pustaka"

DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
_DOI_TRAILING = ".,;:)]}"
_REFERENCES_HEADING = re.compile(
    r"^\s*(?:[IVX]+\.|\d+\.?)?\s*(?:daftar\s+(?:pustaka|rujukan|referensi|bacaan)|references?|bibliography|"
    r"bibliografi|referensi|rujukan|pustaka\s+acuan|literature\s+cited)\s*:?\s*$", re.IGNORECASE | re.MULTILINE)
# The same words anywhere: pypdf may run a column's heading into the other column's line.
_REFERENCES_WORDS = re.compile(r"\b(?:daftar\s+(?:pustaka|rujukan|referensi)|references|bibliography|referensi)\b",
                               re.IGNORECASE)
# What may follow a reference list and is no part of it.
_AFTER_REFERENCES = re.compile(r"^\s*(?:lampiran|appendix|appendices|biodata|riwayat\s+hidup)\b.*$",
                               re.IGNORECASE | re.MULTILINE)
# A cover prints the kind of work on a line of its own; an article may say "tesis" in its text.
_THESIS = re.compile(r"^\s*(skripsi|tesis|disertasi|thesis|dissertation)\s*$", re.IGNORECASE | re.MULTILINE)
_THESIS_TYPE = {"skripsi": "skripsi", "tesis": "tesis", "thesis": "tesis", "disertasi": "disertasi",
                "dissertation": "disertasi"}
_SCHOOL = re.compile(r"^.*\b(?:universitas|university|institut|institute|sekolah\s+tinggi|politeknik)\b.*$",
                     re.IGNORECASE | re.MULTILINE)
_PROGRAMME = re.compile(r"\b(?:program\s+(?:studi|magister|doktor|pascasarjana)|fakultas|faculty)\b", re.IGNORECASE)
_ABSTRACT = re.compile(r"^\s*(?:abstra[kc]t?|intisari|ringkasan)\b", re.IGNORECASE | re.MULTILINE)
_JOURNAL = re.compile(r"\b((?:jurnal|journal)\b[^,\n(]{3,80}?)\s*(?=[,(]|\bvol|\bvolume|$)", re.IGNORECASE | re.MULTILINE)
_VOLUME = re.compile(r"\bvol(?:ume|\.)?\s*(\d+)", re.IGNORECASE)
_ISSUE = re.compile(r"\b(?:no|nomor|issue|number)\.?\s*(\d+)", re.IGNORECASE)
_PAGES = re.compile(r"\b(?:pp?\.|hlm\.|hal(?:aman|\.)?|pages?)\s*(\d+)\s*[-–]\s*(\d+)", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
# Lines below the title that are no author names: affiliations, addresses, the abstract, journal data.
_NOT_NAMES = re.compile(r"@|\d{3}|\b(?:universitas|university|institut|fakultas|faculty|program|jurnal|journal|"
                        r"abstra|email|e-mail|jl\.|jalan|received|diterima|vol|doi|kata kunci|keywords)\b",
                        re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bdan\b)\s*", re.IGNORECASE)
# PDF producers' placeholders in the Title/Author fields.
_JUNK_INFO = re.compile(r"microsoft|\.docx?\b|\.pdf\b|untitled|^user$|^admin|^owner$|^pc$|^asus|^acer|^lenovo|^hp$",
                        re.IGNORECASE)


@dataclass
class Article:
    """Bibliographic data of a research work as its PDF states it; empty where it does not."""
    kind: str  # artikel | tesis | skripsi | disertasi
    title: str = ""
    authors: tuple[str, ...] = ()  # as printed, given name first
    year: int | None = None
    journal: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    institution: str = ""

    def metadata(self) -> dict[str, Scalar]:
        meta: dict[str, Scalar] = {"doc_type": self.kind, "title": self.title, "authors": "; ".join(self.authors),
                                   "year": self.year, "journal": self.journal, "volume": self.volume,
                                   "issue": self.issue, "pages": self.pages, "doi": self.doi,
                                   "institution": self.institution, "short_cite": self.short_cite}
        return {k: v for k, v in meta.items() if v not in (None, "")}

    @property
    def short_cite(self) -> str:
        """'Santoso & Aminah (2021)', 'Santoso dkk. (2021)'; empty without authors."""
        names = [a.split()[-1] for a in self.authors]
        if not names:
            return ""
        who = names[0] if len(names) == 1 else " & ".join(names) if len(names) == 2 else f"{names[0]} dkk."
        return f"{who} ({self.year or 't.t.'})"


def kind_of(text: str, first_pages: str) -> str | None:
    """'artikel', 'tesis', 'skripsi', 'disertasi', or None when the text reads as no research work: a DOI or
    an abstract on the first pages and a reference list make an article; a cover naming the work and its
    study programme or university makes a thesis."""
    thesis = _THESIS.search(first_pages)
    if thesis and (_PROGRAMME.search(first_pages) or _SCHOOL.search(first_pages)):
        return _THESIS_TYPE[thesis.group(1).lower()]
    if _REFERENCES_WORDS.search(text) and (DOI.search(first_pages) or _ABSTRACT.search(first_pages)):
        return "artikel"
    return None


def read_article(path: Path, pages: list[Page], folder_type: str | None) -> tuple[list[Page], Article] | None:
    """Pages in reading order and what the PDF says of itself, for a research work (or any PDF in an
    `artikel` folder); None for anything else, whose pages stay as they are."""
    text = "\n".join(p.text for p in pages)
    kind = kind_of(text, "\n".join(p.text for p in pages[:2])) or ("artikel" if folder_type == "artikel" else None)
    if kind is None:
        return None
    from pypdf import PdfReader

    ordered, title = _layout(path, pages)
    info = PdfReader(str(path), strict=False).metadata or {}
    return ordered, describe(kind, ordered[0].text if ordered else "", title, info)


def in_reading_order(path: Path, pages: list[Page]) -> list[Page]:
    """The PDF's pages, each two-column one re-read column by column, the others (and scans) as they were."""
    return _layout(path, pages)[0]


def _layout(path: Path, pages: list[Page]) -> tuple[list[Page], str]:
    """(pages in reading order, the first page's title by type size); pdfium reads a page in about a millisecond."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        runs = [_runs(pdf[i]) for i in range(min(len(pdf), len(pages)))]
        widths = [pdf[i].get_width() for i in range(len(runs))]
    finally:
        pdf.close()
    ordered = [Page(p.number, column_text(r, w) or p.text) for p, r, w in zip(pages, runs, widths)]
    return ordered + pages[len(ordered):], _title(runs[0]) if runs else ""


def describe(kind: str, first_page: str, big_title: str, info) -> Article:
    """Bibliographic data from the PDF's info dictionary, its first page and its largest-type line."""
    meta_title = str(info.get("/Title") or "").strip()
    title = meta_title if len(meta_title) >= 10 and not _JUNK_INFO.search(meta_title) else big_title
    meta_author = str(info.get("/Author") or "").strip()
    authors = _names(meta_author) if meta_author and not _JUNK_INFO.search(meta_author) else \
        _names_below(first_page, title)
    if kind != "artikel":
        authors = _thesis_author(first_page) or authors
    doi = DOI.search(first_page) or DOI.search(str(info.get("/Subject") or ""))
    journal = _JOURNAL.search(first_page) if kind == "artikel" else None
    vol, iss, pgs = _VOLUME.search(first_page), _ISSUE.search(first_page), _PAGES.search(first_page)
    school = _SCHOOL.search(first_page) if kind != "artikel" else None
    return Article(kind=kind, title=title, authors=authors, year=_year(first_page, kind, info),
                   journal=journal.group(1).strip() if journal else "", volume=vol.group(1) if vol else "",
                   issue=iss.group(1) if iss else "", pages=f"{pgs.group(1)}-{pgs.group(2)}" if pgs else "",
                   doi=doi.group(0).rstrip(_DOI_TRAILING) if doi else "",
                   institution=school.group(0).strip() if school else "")


def _year(first_page: str, kind: str, info) -> int | None:
    """An article's year stands by its volume ("Vol. 7, No. 2, 2021"); a thesis cover ends with it. A year
    its abstract cites ("Ansell dan Gash (2008)") is another work's."""
    first_page = uncited(first_page)
    vol = _VOLUME.search(first_page)
    near = _YEAR.search(first_page, vol.start()) if vol else None
    years = _YEAR.findall(first_page)
    if near:
        return int(near.group(1))
    if years:
        return int(years[-1] if kind != "artikel" else years[0])
    created = re.match(r"D:(\d{4})", str(info.get("/CreationDate") or ""))
    return int(created.group(1)) if created else None


def _names(text: str) -> tuple[str, ...]:
    """'Budi Santoso, Siti Aminah dan Rina Putri' -> the three names, without footnote marks."""
    names = (re.sub(r"[\d*†‡,]+$", "", n).strip() for n in _NAME_SPLIT.split(text))
    return tuple(n for n in names if n and len(n.split()) <= 6)


def _names_below(first_page: str, title: str) -> tuple[str, ...]:
    """The first line after the title that reads as names."""
    lines = [ln.strip() for ln in first_page.split("\n") if ln.strip()]
    flat_title = " ".join(title.split()).lower()
    in_title = [bool(flat_title) and ln.lower() in flat_title for ln in lines]
    start = next((i for i, inside in enumerate(in_title) if inside), 0)
    while start < len(lines) and in_title[start]:
        start += 1
    return next((_names(ln) for ln in lines[start:start + 4] if not _NOT_NAMES.search(ln)), ())


def _thesis_author(first_page: str) -> tuple[str, ...]:
    m = re.search(r"\b(?:oleh|disusun\s+oleh|by)\s*:?\s*\n?\s*([^\n]+)", first_page, re.IGNORECASE)
    return _names(re.sub(r"\b(?:NIM|NPM|NRP)\b.*$", "", m.group(1))) if m else ()


@dataclass(frozen=True)
class _Run:
    """Text pdfium keeps together on one line, with its box in points from the page's top left."""
    text: str
    x0: float
    x1: float
    top: float
    height: float  # grows with the type size


def _runs(page) -> list[_Run]:
    textpage = page.get_textpage()
    page_height = page.get_height()
    out = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = " ".join(textpage.get_text_bounded(left, bottom, right, top).split())
        if text:
            out.append(_Run(text, left, right, page_height - top, top - bottom))
    return out


def _title(runs: list[_Run]) -> str:
    """The lines set larger than the body text, largest first, skipping a journal banner and 'TESIS'."""
    sizes = [round(r.height) for r in runs]
    if not sizes:
        return ""
    body = max(set(sizes), key=sizes.count)
    for size in sorted({s for s in sizes if s > body}, reverse=True):
        text = " ".join(r.text for r, s in sorted(zip(runs, sizes), key=lambda rs: (rs[0].top, rs[0].x0)) if s == size)
        if not re.search(r"\b(?:jurnal|journal|vol\.?|issn)\b", text, re.IGNORECASE) and not _THESIS.match(text):
            return text
    return ""


# Two columns: at the best gutter, at least this many lines lie wholly right of it and this share of the
# lines reaching past it do not cross it. One-column text crosses any gutter on nearly every line.
MIN_COLUMN_LINES = 5
MIN_SPLIT_SHARE = 0.5


def column_text(runs: list[_Run], width: float) -> str | None:
    """A two-column page as text in reading order (full-width bands such as title, abstract and footer in
    place, each run of column lines left column first); None for a page that is not two-column."""
    lines = _lines(runs)
    gutter = _gutter(lines, width)
    if gutter is None:
        return None
    x, right_edge = gutter
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []
    for line in lines:
        # A run over the gutter, or one starting inside it (a centred line with a space at x), spans the page.
        if any(r.x0 < x < r.x1 or x <= r.x0 < right_edge - 1 for r in line):
            out += left + right + [_join(line)]
            left, right = [], []
            continue
        lw = [r for r in line if r.x1 <= x]
        rw = [r for r in line if r.x0 >= x]
        left += [_join(lw)] if lw else []
        right += [_join(rw)] if rw else []
    return "\n".join(out + left + right)


def _lines(runs: list[_Run]) -> list[list[_Run]]:
    """Runs grouped into lines (tops within half a line of the line's first), top to bottom, left to right."""
    lines: list[list[_Run]] = []
    for r in sorted(runs, key=lambda r: r.top):
        if lines and r.top - lines[-1][0].top <= lines[-1][0].height / 2:
            lines[-1].append(r)
        else:
            lines.append([r])
    return [sorted(line, key=lambda r: r.x0) for line in lines]


def _gutter(lines: list[list[_Run]], width: float) -> tuple[float, float] | None:
    """(x inside the gutter, where the right column's lines start), or None for a one-column page."""
    best: tuple[int, float, list[float]] | None = None
    for x in range(int(width * 0.35), int(width * 0.65), 2):
        reaching = [line for line in lines if line[-1].x1 > x]
        starts = [next(r.x0 for r in line if r.x0 >= x) for line in reaching
                  if not any(r.x0 < x < r.x1 for r in line)]
        if (len(starts) >= max(MIN_COLUMN_LINES, MIN_SPLIT_SHARE * len(reaching))
                and (best is None or len(starts) > best[0])):
            best = (len(starts), float(x), starts)
    return (best[1], sorted(best[2])[len(best[2]) // 2]) if best else None


def _join(runs: list[_Run]) -> str:
    return " ".join(r.text for r in runs)


def split_references(pages: list[Page]) -> tuple[list[Page], list[Page]]:
    """(body pages, reference-list pages): the list starts at the last reference heading (a table of
    contents names it earlier) and ends at a Lampiran/Appendix heading; the heading becomes '# ...'."""
    text_marks = [(i, m) for i, p in enumerate(pages) for m in _REFERENCES_HEADING.finditer(p.text)]
    if not text_marks:
        return pages, []
    at, mark = text_marks[-1]
    head = pages[at].text[:mark.start()]
    refs = [Page(pages[at].number, f"# {mark.group(0).strip()}\n\n" + pages[at].text[mark.end():])] + pages[at + 1:]
    body = pages[:at] + ([Page(pages[at].number, head)] if head.strip() else [])
    for j, page in enumerate(refs):
        end = _AFTER_REFERENCES.search(page.text)
        if end:
            rest = [Page(page.number, page.text[end.start():])] + refs[j + 1:]
            refs = refs[:j] + [Page(page.number, page.text[:end.start()])]
            body += rest
            break
    return body, [p for p in refs if p.text.strip()]


def article_chunks(doc: Document, budget: int, count: TokenCounter) -> list[Chunk]:
    """Sentence-packed chunks as for any text, the reference list's marked section 'pustaka'."""
    body, refs = split_references(doc.pages)
    chunks = pack(list(iter_units(replace(doc, pages=body))), doc.doc_id, budget, count, context=doc.title)
    listed = pack(list(iter_units(replace(doc, pages=refs))), doc.doc_id, budget, count, context=doc.title,
                  start=len(chunks))
    for c in listed:
        c.section = REFERENCE_LIST
    return chunks + listed
