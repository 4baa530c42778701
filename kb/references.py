"""Reference list entries for study and thesis cards: APA 7 text, BibTeX (bibtexparser), RIS (rispy).

Each part of a reference is printed when its card holds it (journal, volume, pages and DOI for an
article; university for a skripsi, tesis or disertasi; proceedings for a conference paper).
BibTeX keys are card ids, so a reference leads back to its card.
"""
from __future__ import annotations

import json
import re
from typing import Literal, Sequence

import bibtexparser
import rispy
from bibtexparser.middlewares import LatexEncodingMiddleware
from bibtexparser.model import Entry, Field

from ingest.bibliography import Reference
from ingest.cards import THESIS_TYPES, Person, StudyCard, ThesisCard

Citable = StudyCard | ThesisCard
Format = Literal["apa", "bibtex", "ris"]
FORMATS: tuple[Format, ...] = ("apa", "bibtex", "ris")

# publication_type -> (BibTeX entry type, RIS type). BibTeX has no bachelor's thesis: a skripsi is a
# mastersthesis whose 'type' field names it, as every thesis's does.
_TYPES = {"artikel jurnal": ("article", "JOUR"), "makalah konferensi": ("inproceedings", "CPAPER"),
          "skripsi": ("mastersthesis", "THES"), "tesis": ("mastersthesis", "THES"),
          "disertasi": ("phdthesis", "THES"), "buku": ("book", "BOOK")}
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


def _page_range(pages: str, dash: str) -> str:
    """'185-195' with the dash each format wants: an en dash in APA, '--' in BibTeX."""
    return re.sub(r"\s*[-\u2013]+\s*", dash, pages)


def _thesis_kind(card: Citable) -> str | None:
    """'Skripsi', 'Tesis' or 'Disertasi' for a thesis, None for any other work."""
    return card.publication_type.capitalize() if card.publication_type in THESIS_TYPES else None


def to_apa(card: Citable) -> str:
    """APA 7 reference text; a work without author starts with its title, as APA prescribes."""
    date = f"({card.year or 'n.d.'})."
    title = card.title
    if kind := _thesis_kind(card):  # "[Skripsi, Universitas X]", as APA's "[Master's thesis, X]"
        title += f" [{kind}" + (f", {card.institution}]" if card.institution else "]")
    parts = [_end(_apa_authors(card.authors)), date, _end(title)] if card.authors else [_end(title), date]
    pages = _page_range(card.pages, "\u2013") if card.pages else None
    if card.journal:
        source = card.journal
        if card.volume:
            source += f", {card.volume}" + (f"({card.issue})" if card.issue else "")
        parts.append(_end(source + (f", {pages}" if pages else "")))
    elif card.proceedings:
        parts.append(_end(f"In {card.proceedings}" + (f" (pp. {pages})" if pages else "")))
    if address := link(card):
        parts.append(address)
    return " ".join(parts)


def link(card: Citable) -> str | None:
    """Where to read the work: its DOI in the https://doi.org/ form APA 7 asks for, else its address."""
    return f"https://doi.org/{card.doi}" if card.doi else card.url


def _bibtex_entry(card: Citable) -> Entry:
    """Every field but the verbatim doi and url, which to_bibtex adds after LaTeX-escaping the rest."""
    kind = _thesis_kind(card)
    fields = {"author": " and ".join(f"{a.family}, {a.given}" if a.given else a.family for a in card.authors),
              "title": card.title, "year": str(card.year or ""), "journal": card.journal,
              "booktitle": card.proceedings, "volume": card.volume, "number": card.issue,
              "pages": _page_range(card.pages, "--") if card.pages else None,
              # An article's institution is its authors' body, which no reference prints.
              "school": card.institution if kind else None, "type": kind}
    entry_type = _TYPES[card.publication_type][0]
    return Entry(entry_type, card.id, [Field(k, v) for k, v in fields.items() if v])


def to_bibtex(cards: Sequence[Citable]) -> str:
    # LaTeX-escape &, %, quotes and non-ASCII letters so any BibTeX toolchain reads the file; BibTeX styles
    # read doi and url verbatim, so those stay as typed (an escaped '\_' would break the address).
    library = LatexEncodingMiddleware(enclose_urls=False).transform(
        bibtexparser.Library([_bibtex_entry(c) for c in cards]))
    for card, entry in zip(cards, library.entries):
        for key in ("doi", "url"):
            if value := getattr(card, key):
                entry.set_field(Field(key, value))
    return bibtexparser.write_string(library)


def _ris_record(card: Citable) -> dict:
    kind = _thesis_kind(card)
    record = {"type_of_reference": _TYPES[card.publication_type][1], "id": card.id,
              "authors": [f"{a.family}, {a.given}" if a.given else a.family for a in card.authors],
              "title": card.title, "year": str(card.year) if card.year else None,
              "journal_name": card.journal, "secondary_title": card.proceedings, "volume": card.volume,
              "number": card.issue, "doi": card.doi, "urls": [card.url] if card.url else None,
              "publisher": card.institution if kind else None, "type_of_work": kind}
    if card.pages:
        start, _, end = _page_range(card.pages, "-").partition("-")
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


# -- entries imported from a reference library (kb import) -----------------------------------------------------

def render_imported(refs: Sequence[Reference], fmt: Format) -> str:
    """References for imported keys. An entry comes back as its export wrote it in that export's own format
    (a .bib entry as BibTeX, a .ris record as RIS, its file attachments left out); otherwise it is built from
    its fields. APA is printed as for a card: a Reference carries what to_apa reads."""
    if fmt == "apa":
        return render(refs, fmt) if refs else ""
    if fmt == "ris":
        return rispy.dumps([_imported_ris(r) for r in refs]) if refs else ""
    return "".join(_imported_bibtex(r) for r in refs)


def _exported(ref: Reference, fmt: str) -> dict | None:
    return json.loads(ref.record).get(fmt) if ref.record else None


def _imported_bibtex(ref: Reference) -> str:
    record = _exported(ref, "bibtex")
    if record:  # the values are LaTeX already, as the export wrote them
        entry = Entry(record["type"], record["key"], [Field(k, v) for k, v in record["fields"].items()])
        return bibtexparser.write_string(bibtexparser.Library([entry]))
    fields = {"author": " and ".join(f"{a.family}, {a.given}" if a.given else a.family for a in ref.authors),
              "title": ref.title, "year": str(ref.year or ""), "journal": ref.journal, "booktitle": ref.booktitle,
              "volume": ref.volume, "number": ref.issue, "pages": _page_range(ref.pages, "--") if ref.pages else "",
              "publisher": ref.publisher, "school" if ref.entry_type.endswith("thesis") else "institution":
              ref.institution, "type": ref.thesis_type, "abstract": ref.abstract, "keywords": ", ".join(ref.keywords)}
    library = LatexEncodingMiddleware(enclose_urls=False).transform(bibtexparser.Library(
        [Entry(ref.entry_type, ref.key, [Field(k, v) for k, v in fields.items() if v])]))
    for key in ("doi", "url"):  # verbatim, as to_bibtex writes them
        if value := getattr(ref, key):
            library.entries[0].set_field(Field(key, value))
    return bibtexparser.write_string(library)


def _imported_ris(ref: Reference) -> dict:
    record = _exported(ref, "ris")
    if record:
        return {**record, "id": ref.key}
    start, _, end = ref.pages.partition("-")
    record = {"type_of_reference": ref.ris_type, "id": ref.key,
              "authors": [f"{a.family}, {a.given}" if a.given else a.family for a in ref.authors],
              "title": ref.title, "year": str(ref.year or ""), "journal_name": ref.journal,
              "secondary_title": ref.booktitle, "volume": ref.volume, "number": ref.issue, "start_page": start,
              "end_page": end, "doi": ref.doi, "urls": [ref.url] if ref.url else None,
              "publisher": ref.publisher or ref.institution, "type_of_work": ref.thesis_type,
              "abstract": ref.abstract, "keywords": list(ref.keywords)}
    return {k: v for k, v in record.items() if v}
