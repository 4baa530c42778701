"""Reference libraries as Zotero, Mendeley and other reference managers export them: BibTeX, RIS, CSL-JSON.

Each entry becomes a Reference (its bibliographic fields, its attached files, and the entry as exported, so
that `kb cite` gives a BibTeX entry back as BibTeX and a RIS record as RIS); an entry that cannot be read
becomes a BadEntry naming it and why, and the rest are still read.
"""
from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

from .cards import THESIS_TYPES, Person
from .errors import LoadError
from .loaders import decode_text
from .model import Scalar

FORMATS = {".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris", ".json": "csl", ".csljson": "csl"}

# BibTeX entry type <-> RIS type; other types are 'misc' / 'GEN'.
_BIB_TO_RIS = {"article": "JOUR", "book": "BOOK", "inbook": "CHAP", "incollection": "CHAP", "inproceedings": "CPAPER",
               "conference": "CPAPER", "mastersthesis": "THES", "phdthesis": "THES", "thesis": "THES",
               "techreport": "RPRT", "report": "RPRT", "online": "ELEC", "misc": "GEN"}
_RIS_TO_BIB = {"JOUR": "article", "EJOUR": "article", "JFULL": "article", "MGZN": "article", "NEWS": "article",
               "BOOK": "book", "EBOOK": "book", "CHAP": "incollection", "ECHAP": "incollection",
               "CONF": "inproceedings", "CPAPER": "inproceedings", "THES": "mastersthesis", "RPRT": "techreport",
               "ELEC": "online", "WEB": "online"}
_CSL_TO_BIB = {"article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
               "article": "article", "book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
               "thesis": "mastersthesis", "report": "techreport", "webpage": "online", "post-weblog": "online"}
# The publication_type a study card would have (kb.references.to_apa prints a reference from it).
_PUBLICATION_TYPE = {"article": "artikel jurnal", "inproceedings": "makalah konferensi", "conference": "makalah konferensi",
                     "book": "buku", "phdthesis": "disertasi", "mastersthesis": "tesis", "thesis": "tesis"}
_DOC_TYPE = {"artikel jurnal": "artikel", "makalah konferensi": "artikel", "buku": "buku", "skripsi": "skripsi",
             "tesis": "tesis", "disertasi": "disertasi"}
_DOCTORAL = re.compile(r"doct|doktor|phd|ph\.d|disert", re.IGNORECASE)

# Document metadata keys a Reference writes; what a PDF said of itself under these keys yields to the entry.
BIBLIOGRAPHIC = ("cite_key", "entry_type", "title", "authors", "year", "journal", "booktitle", "volume", "issue",
                 "pages", "doi", "url", "publisher", "institution", "thesis_type", "abstract", "keywords",
                 "short_cite", "record", "doc_type")


@dataclass(frozen=True)
class Reference:
    key: str
    entry_type: str  # BibTeX's: article, book, incollection, inproceedings, mastersthesis, phdthesis, misc, ...
    title: str
    authors: tuple[Person, ...] = ()
    year: int | None = None
    journal: str = ""
    booktitle: str = ""  # the proceedings or book a paper or chapter is in
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    url: str = ""
    publisher: str = ""
    institution: str = ""  # a thesis's university, a report's institution
    thesis_type: str = ""  # "Tesis", "Skripsi", "Master's thesis" as the entry says
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    files: tuple[str, ...] = ()  # attachments as the export names them, relative to the export file
    record: str = ""  # JSON of the entry as exported ({"bibtex": ...} or {"ris": ...}), without its files

    # What kb.references.to_apa reads from a study card.
    @property
    def id(self) -> str:
        return self.key

    @property
    def publication_type(self) -> str:
        kind = self.thesis_type.lower()
        if self.entry_type in ("mastersthesis", "thesis") and kind in THESIS_TYPES:
            return kind
        return _PUBLICATION_TYPE.get(self.entry_type, "lainnya")

    @property
    def proceedings(self) -> str:
        return self.booktitle

    @property
    def ris_type(self) -> str:
        return _BIB_TO_RIS.get(self.entry_type, "GEN")

    @property
    def doc_type(self) -> str:
        return _DOC_TYPE.get(self.publication_type, "dokumen")

    @property
    def doc_id(self) -> str:
        """The key itself where it is a plain key, as most are ('santoso2021tata'); else a slug of it."""
        return self.key if re.fullmatch(r"[\w.:-]+", self.key) else _slug(self.key)

    @property
    def short_cite(self) -> str:
        names = [a.family for a in self.authors]
        who = (names[0] if len(names) == 1 else " & ".join(names) if len(names) == 2
               else f"{names[0]} dkk." if names else self.title[:60])
        return f"{who} ({self.year or 't.t.'})"

    def metadata(self) -> dict[str, Scalar]:
        """Scalars for the index; `from_metadata` reads the same Reference back (files aside)."""
        meta: dict[str, Any] = {
            "cite_key": self.key, "entry_type": self.entry_type, "title": self.title,
            "authors": "; ".join(f"{a.family}, {a.given}" if a.given else a.family for a in self.authors),
            "year": self.year, "journal": self.journal, "booktitle": self.booktitle, "volume": self.volume,
            "issue": self.issue, "pages": self.pages, "doi": self.doi, "url": self.url, "publisher": self.publisher,
            "institution": self.institution, "thesis_type": self.thesis_type, "abstract": self.abstract,
            "keywords": "; ".join(self.keywords), "short_cite": self.short_cite, "record": self.record}
        return {k: v for k, v in meta.items() if v not in (None, "")}

    @classmethod
    def from_metadata(cls, meta: Mapping[str, Scalar]) -> Reference:
        def s(key: str) -> str:
            return str(meta.get(key) or "")

        year = meta.get("year")
        return cls(key=s("cite_key"), entry_type=s("entry_type") or "misc", title=s("title"),
                   authors=tuple(_person(a) for a in s("authors").split("; ") if a),
                   year=int(year) if isinstance(year, (int, float)) else None, journal=s("journal"),
                   booktitle=s("booktitle"), volume=s("volume"), issue=s("issue"), pages=s("pages"), doi=s("doi"),
                   url=s("url"), publisher=s("publisher"), institution=s("institution"),
                   thesis_type=s("thesis_type"), abstract=s("abstract"),
                   keywords=tuple(k for k in s("keywords").split("; ") if k), record=s("record"))

    def card_text(self) -> str:
        """A searchable card for an entry without a file: what the reference says, in Indonesian labels."""
        source = ", ".join(x for x in (self.journal or self.booktitle, self.volume and f"Vol. {self.volume}",
                                       self.issue and f"No. {self.issue}", self.pages and f"hlm. {self.pages}") if x)
        facts = [("Penulis", "; ".join(a.full for a in self.authors)), ("Tahun", str(self.year or "")),
                 ("Terbit di", source), ("Penerbit", self.publisher or self.institution), ("DOI", self.doi),
                 ("Alamat daring", self.url), ("Kata kunci", ", ".join(self.keywords))]
        parts = [f"# {self.title}", "\n".join(f"{label}: {value}" for label, value in facts if value),
                 f"Abstrak: {self.abstract}" if self.abstract else ""]
        return "\n\n".join(p for p in parts if p)


@dataclass(frozen=True)
class BadEntry:
    label: str  # the key, or "entri N (baris L)"
    reason: str


Entry = Reference | BadEntry


def read_library(path: Path) -> list[Entry]:
    """Every entry of an export, in file order; LoadError when the file as a whole cannot be read."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise LoadError(f"format pustaka {path.suffix or '(tanpa ekstensi)'} tidak dikenal / unknown library format: "
                        f"ekspor sebagai BibTeX (.bib), RIS (.ris) atau CSL JSON (.json) / export as one of these")
    try:
        text = decode_text(path.read_bytes())
    except OSError as e:
        raise LoadError(f"tidak dapat dibaca / cannot be read: {e.strerror or e}", path) from e
    entries = {"bibtex": _bibtex, "ris": _ris, "csl": _csl}[fmt](text)
    return _unique(entries)


_DUPLICATE = "kunci ganda / duplicate key: beri entri ini kunci sendiri / give it its own key"


def _unique(entries: list[Entry]) -> list[Entry]:
    """A second entry with a key already read is broken: one key must give one reference back."""
    seen: set[str] = set()
    out: list[Entry] = []
    for e in entries:
        if isinstance(e, Reference) and e.doc_id in seen:
            e = BadEntry(e.key, _DUPLICATE)
        elif isinstance(e, Reference):
            seen.add(e.doc_id)
        out.append(e)
    return out


# -- BibTeX -------------------------------------------------------------------------------------------------

def _bibtex(text: str) -> list[Entry]:
    import bibtexparser
    from bibtexparser.model import DuplicateBlockKeyBlock

    log = logging.getLogger("bibtexparser")
    level = log.level
    log.setLevel(logging.ERROR)  # each broken block is reported below, with its key and line
    try:
        library = bibtexparser.parse_string(text)
    finally:
        log.setLevel(level)
    blocks: list[tuple[int, Entry]] = []
    for b in library.failed_blocks:
        key = re.match(r"\s*@\w+\s*[{(]\s*([^,\s]+)", b.raw or "")
        label = f"{key.group(1) if key else 'entri'} (baris / line {b.start_line + 1})"
        reason = (_DUPLICATE
                  if isinstance(b, DuplicateBlockKeyBlock) else
                  f"sintaks BibTeX rusak / broken BibTeX syntax ({_why(b)}): periksa kurung kurawal dan koma / check "
                  "its braces and commas")
        blocks.append((b.start_line, BadEntry(label, reason)))
    for entry in library.entries:
        blocks.append((entry.start_line, _from_bibtex(entry)))
    return [e for _, e in sorted(blocks, key=lambda b: b[0])]


def _why(block) -> str:
    reason = getattr(block.error, "abort_reason", "") or block.error or "tidak terbaca / unreadable"
    return " ".join(str(reason).split()).rstrip(".")


def _from_bibtex(entry) -> Entry:
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    raw = {f.key.lower(): str(f.value) for f in entry.fields}
    f = {k: _latex(v) for k, v in raw.items()}
    title = f.get("title", "")
    if not title:
        return BadEntry(entry.key, "tanpa judul / no title: isi field title / fill in its title")
    authors = []
    for name in split_multiple_persons_names(raw.get("author", "")):
        parts = parse_single_name_into_parts(name, strict=False)
        authors.append(Person(family=_latex(" ".join(parts.von + parts.last + parts.jr)) or _latex(name),
                              given=_latex(" ".join(parts.first))))
    kind = entry.entry_type.lower()
    record = {"type": entry.entry_type, "key": entry.key, "fields": {k: v for k, v in raw.items() if k != "file"}}
    return Reference(
        key=entry.key, entry_type=kind, title=title, authors=tuple(authors), year=_year(f.get("year") or f.get("date")),
        journal=f.get("journal") or f.get("journaltitle", ""), booktitle=f.get("booktitle", ""),
        volume=f.get("volume", ""), issue=f.get("number") or f.get("issue", ""),
        pages=re.sub(r"\s*[-–]+\s*", "-", f.get("pages", "")), doi=raw.get("doi", ""), url=raw.get("url", ""),
        publisher=f.get("publisher", ""), institution=f.get("school") or f.get("institution", ""),
        thesis_type=f.get("type", "") if kind.endswith("thesis") else "", abstract=f.get("abstract", ""),
        keywords=tuple(k.strip() for k in re.split(r"[;,]", f.get("keywords", "")) if k.strip()),
        files=_bibtex_files(raw.get("file", "")), record=json.dumps({"bibtex": record}, ensure_ascii=False))


def _latex(value: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text

    return " ".join(LatexNodes2Text().latex_to_text(value).split()) if value else ""


def _bibtex_files(value: str) -> tuple[str, ...]:
    """Zotero 'Full Text PDF:files/12/a.pdf:application/pdf;...', Mendeley ':C\\:/x/a.pdf:pdf', or a bare path."""
    out = []
    for item in re.split(r"(?<!\\);", value):
        parts = re.split(r"(?<!\\):", item)
        path = ":".join(parts[1:-1]) if len(parts) >= 3 else parts[-1]
        path = path.replace("\\:", ":").replace("\\;", ";").strip()
        if path:
            out.append(path)
    return tuple(out)


# -- RIS ----------------------------------------------------------------------------------------------------

_RIS_END = re.compile(r"^ER\s{2}-.*$", re.MULTILINE)


def _ris(text: str) -> list[Entry]:
    import rispy

    out: list[Entry] = []
    records = [r for r in _RIS_END.split(text.lstrip("\ufeff")) if r.strip()]
    for n, chunk in enumerate(records, 1):
        label = f"entri {n}"
        try:
            # A Zotero item with several attachments has several L1 lines.
            parsed = rispy.loads(chunk.strip() + "\nER  - \n", list_tags=[*rispy.LIST_TYPE_TAGS, "L1", "L2"])
        except Exception as e:  # rispy raises assorted errors on a malformed record
            out.append(BadEntry(label, f"rekaman RIS rusak / broken RIS record ({type(e).__name__}: {e})"))
            continue
        if not parsed or "type_of_reference" not in parsed[0]:
            out.append(BadEntry(label, "rekaman RIS tanpa baris 'TY  - ' / RIS record without a 'TY  - ' line"))
            continue
        out.append(_from_ris(parsed[0], label))
    return out


def _from_ris(r: dict, label: str) -> Entry:
    ris_type = str(r["type_of_reference"]).upper()
    title = str(r.get("title") or r.get("primary_title") or "")
    if not title:
        return BadEntry(r.get("id") or label, "tanpa judul / no title: isi TI / fill in its TI line")
    kind = _RIS_TO_BIB.get(ris_type, "misc")
    if kind == "mastersthesis" and _DOCTORAL.search(str(r.get("type_of_work") or "")):
        kind = "phdthesis"
    authors = tuple(_person(a) for a in (r.get("authors") or r.get("first_authors") or []) if str(a).strip())
    container = str(r.get("secondary_title") or "")
    journal = str(r.get("journal_name") or r.get("alternate_title3") or (container if kind == "article" else ""))
    start, end = str(r.get("start_page") or ""), str(r.get("end_page") or "")
    year = _year(str(r.get("year") or r.get("publication_year") or r.get("date") or ""))
    files = [str(f) for k in ("file_attachments1", "file_attachments2") for f in r.get(k) or []]
    record = {k: v for k, v in r.items() if not k.startswith("file_attachments")}
    ref = Reference(
        key="", entry_type=kind, title=title, authors=authors, year=year, journal=journal,
        booktitle=container if kind in ("inproceedings", "incollection") else "", volume=str(r.get("volume") or ""),
        issue=str(r.get("number") or ""), pages=f"{start}-{end}" if start and end else start,
        doi=str(r.get("doi") or ""), url=(r.get("urls") or [""])[0], publisher=str(r.get("publisher") or ""),
        thesis_type=str(r.get("type_of_work") or "") if kind.endswith("thesis") else "",
        abstract=str(r.get("abstract") or r.get("notes_abstract") or ""),
        keywords=tuple(str(k) for k in r.get("keywords") or []),
        files=tuple(re.sub(r"^file://", "", f) for f in files), record=json.dumps({"ris": record}, ensure_ascii=False))
    return _keyed(_issued_by(ref), str(r.get("id") or ""))


# -- CSL-JSON -----------------------------------------------------------------------------------------------

def _csl(text: str) -> list[Entry]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise LoadError(f"bukan JSON yang sah / not valid JSON (baris / line {e.lineno}: {e.msg}): ekspor ulang "
                        "sebagai CSL JSON / export it again as CSL JSON") from e
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise LoadError("CSL JSON harus berupa daftar entri / CSL JSON must be a list of items")
    out: list[Entry] = []
    for n, item in enumerate(items, 1):
        label = f"entri {n}"
        if not isinstance(item, dict):
            out.append(BadEntry(label, "bukan objek JSON / not a JSON object"))
            continue
        title = str(item.get("title") or "")
        if not title:
            out.append(BadEntry(str(item.get("id") or label), "tanpa judul / no title: isi 'title' / fill in 'title'"))
            continue
        csl_type = str(item.get("type") or "")
        kind = _CSL_TO_BIB.get(csl_type, "misc")
        genre = str(item.get("genre") or "")
        if kind == "mastersthesis" and _DOCTORAL.search(genre):
            kind = "phdthesis"
        container = str(item.get("container-title") or "")
        files = item.get("file") or []
        ref = Reference(
            key="", entry_type=kind, title=title, year=_csl_year(item.get("issued")),
            authors=tuple(Person(family=str(a.get("family") or a.get("literal") or ""), given=str(a.get("given") or ""))
                          for a in item.get("author") or [] if isinstance(a, dict) and (a.get("family") or a.get("literal"))),
            journal=container if kind == "article" else "", booktitle=container if kind != "article" else "",
            volume=str(item.get("volume") or ""), issue=str(item.get("issue") or ""),
            pages=str(item.get("page") or "").replace("–", "-"), doi=str(item.get("DOI") or ""),
            url=str(item.get("URL") or ""), publisher=str(item.get("publisher") or ""),
            thesis_type=genre if kind.endswith("thesis") else "", abstract=str(item.get("abstract") or ""),
            keywords=tuple(k.strip() for k in re.split(r"[;,]", str(item.get("keyword") or "")) if k.strip()),
            files=tuple(files if isinstance(files, list) else [files]))
        out.append(_keyed(_issued_by(ref), str(item.get("citation-key") or item.get("id") or "")))
    return out


def _csl_year(issued: Any) -> int | None:
    if isinstance(issued, dict):
        parts = issued.get("date-parts") or [[]]
        if parts and parts[0]:
            return _year(str(parts[0][0]))
        return _year(str(issued.get("raw") or issued.get("literal") or ""))
    return None


# -- shared -------------------------------------------------------------------------------------------------

def _issued_by(ref: Reference) -> Reference:
    """RIS and CSL name a thesis's university and a report's institution as its publisher; BibTeX does not."""
    if ref.entry_type in ("mastersthesis", "phdthesis", "techreport") and ref.publisher:
        return replace(ref, institution=ref.publisher, publisher="")
    return ref


def _keyed(ref: Reference, key: str) -> Reference:
    """The entry's own key, or one made the way BibTeX tools make them: family name, year, first title word.
    A CSL id that is an address (Zotero's 'http://zotero.org/users/1/items/ABCD') is no key."""
    if not key or "/" in key:
        family = _slug(ref.authors[0].family).split("-")[0] if ref.authors else "anon"
        word = next((w for w in _slug(ref.title).split("-") if len(w) > 3), "")
        key = f"{family}{ref.year or ''}{word}"
    return replace(ref, key=key)


def _person(name: str) -> Person:
    family, _, given = str(name).partition(",")
    return Person(family=family.strip() or str(name), given=given.strip())


def _year(value: str) -> int | None:
    m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", value or "")
    return int(m.group(1)) if m else None


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entri"
