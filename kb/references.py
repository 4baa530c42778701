"""Reference list entries for study and thesis cards: APA 7 text, BibTeX (bibtexparser), RIS (rispy).

The seed names authors, year and title only; journal, volume, pages and DOI are printed when a
card gains them. BibTeX keys are card ids, so a reference leads back to its card.
"""
from __future__ import annotations

import re
from typing import Literal, Sequence

import bibtexparser
import rispy
from bibtexparser.middlewares import LatexEncodingMiddleware
from bibtexparser.model import Entry, Field

from ingest.cards import Person, StudyCard, ThesisCard

Citable = StudyCard | ThesisCard
Format = Literal["apa", "bibtex", "ris"]
FORMATS: tuple[Format, ...] = ("apa", "bibtex", "ris")

# publication_type -> (BibTeX entry type, RIS type); anything else is a generic work.
_TYPES = {"artikel jurnal": ("article", "JOUR"), "tesis": ("mastersthesis", "THES"),
          "skripsi": ("mastersthesis", "THES"), "disertasi": ("phdthesis", "THES"), "buku": ("book", "BOOK")}
_GENERIC = ("misc", "GEN")
# APA 7 lists up to 20 authors; beyond that the first 19, an ellipsis, and the last.
_APA_MAX_AUTHORS = 20


def _initials(given: str) -> str:
    """'Miftahul Jannah' -> 'M. J.'; 'Jean-Paul' -> 'J.-P.'."""
    return " ".join("-".join(f"{p[0]}." for p in word.split("-") if p) for word in given.split())


def _apa_name(p: Person) -> str:
    return f"{p.family}, {_initials(p.given)}" if p.given else p.family


def _apa_authors(authors: Sequence[Person]) -> str:
    names = [_apa_name(a) for a in authors]
    if len(names) > _APA_MAX_AUTHORS:
        return ", ".join(names[:_APA_MAX_AUTHORS - 1]) + ", . . . " + names[-1]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def to_apa(card: Citable) -> str:
    """APA 7 reference text; a work without author starts with its title, as APA prescribes."""
    date = f"({card.year or 'n.d.'})."
    title = card.title
    if isinstance(card, ThesisCard):
        title += f" [{card.publication_type.capitalize()}" + (f", {card.institution}]" if card.institution else "]")
    parts = [_end(_apa_authors(card.authors)), date, _end(title)] if card.authors else [_end(title), date]
    if card.journal:
        source = card.journal
        if card.volume:
            source += f", {card.volume}" + (f"({card.issue})" if card.issue else "")
        if card.pages:
            source += f", {card.pages}"
        parts.append(_end(source))
    link = f"https://doi.org/{card.doi}" if card.doi else card.url
    if link:
        parts.append(link)
    return " ".join(parts)


def _bibtex_entry(card: Citable) -> Entry:
    entry_type = _TYPES.get(card.publication_type, _GENERIC)[0]
    fields = {"author": " and ".join(f"{a.family}, {a.given}" if a.given else a.family for a in card.authors),
              "title": card.title, "year": str(card.year or ""), "journal": card.journal,
              "volume": card.volume, "number": card.issue, "pages": card.pages, "doi": card.doi, "url": card.url,
              "school" if entry_type.endswith("thesis") else "institution": card.institution}
    return Entry(entry_type, card.id, [Field(k, v) for k, v in fields.items() if v])


def to_bibtex(cards: Sequence[Citable]) -> str:
    library = bibtexparser.Library([_bibtex_entry(c) for c in cards])
    # LaTeX-escape &, %, quotes and non-ASCII letters so any BibTeX toolchain reads the file.
    return bibtexparser.write_string(library, prepend_middleware=[LatexEncodingMiddleware()])


def _ris_record(card: Citable) -> dict:
    record = {"type_of_reference": _TYPES.get(card.publication_type, _GENERIC)[1], "id": card.id,
              "authors": [f"{a.family}, {a.given}" if a.given else a.family for a in card.authors],
              "title": card.title, "year": str(card.year) if card.year else None,
              "journal_name": card.journal, "volume": card.volume, "number": card.issue,
              "doi": card.doi, "urls": [card.url] if card.url else None, "publisher": card.institution}
    if card.pages:
        start, _, end = card.pages.partition("-")
        record.update(start_page=start.strip(), end_page=end.strip() or None)
    return {k: v for k, v in record.items() if v}


def to_ris(cards: Sequence[Citable]) -> str:
    return rispy.dumps([_ris_record(c) for c in cards])


def render(cards: Sequence[Citable], fmt: Format) -> str:
    """A reference list in one format; APA entries sorted by author as a reference list is."""
    if fmt == "bibtex":
        return to_bibtex(cards)
    if fmt == "ris":
        return to_ris(cards)
    return "\n".join(sorted((to_apa(c) for c in cards), key=lambda s: re.sub(r"\W", "", s).lower())) + "\n"
