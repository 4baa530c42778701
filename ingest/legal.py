"""Regulations and agreements as law: their metadata, and one chunk per Pasal (per diktum in a Keputusan, per
numbered point in a Surat Edaran).

A Pasal that does not fit the embedder is split at ayat boundaries (an ayat that alone does not
fit, at its huruf), and every part carries the context "UU 23/2014 · BAB XVII Kerja Sama Daerah ·
Pasal 363". The Penjelasan of a Pasal is a chunk of its own (section "penjelasan"), except where
it says only "Cukup jelas". In an amending law each numbered change of Pasal I is a chunk, with
heading_path ("Pasal I angka 3", "Pasal 66") naming the Pasal of the amended law it rewrites.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .agreement import identify_agreement
from .chunking import TokenCounter, split_long
from .legal_markers import diktum_markers
from .legal_tree import Ayat, Block, Change, LegalText, Pasal, Point, flat, parse
from .model import Chunk, Document, Scalar
from .pages import aligned
from .regulation import describe, title_case, unreadable

LEGAL_TYPES = ("regulasi", "perjanjian")
_MARGIN = 8  # tokens kept free for the newlines that join context and texts
# Labels in a Penjelasan ("Ayat (1)", "Huruf a", "Pasal 69" where a marker was missed), and what is left when
# it explains nothing: "Cukup jelas" in any OCR spelling ("C*upjelas", "CukuP jeIas", "Cukup ^jelas").
_LABELS = re.compile(r"\b(?:Pasal|Ayat|Huruf|Angka)\s*\(?\w{1,4}\)?", re.IGNORECASE)
_CUKUP_JELAS = "cukupjelas"
CUKUP_JELAS = "Cukup jelas."
# How a unit of each kind (metadata unit_kind) is named in chunk contexts and citations: "Pasal 5", "Diktum KEDUA",
# and a Surat Edaran's "angka 3", in lower case as a part is named in "Pasal I angka 3" and "ayat (2) huruf b".
UNIT_WORDS = {"pasal": "Pasal", "diktum": "Diktum", "angka": "angka"}


def unit_word(unit_kind: object) -> str:
    return UNIT_WORDS.get(str(unit_kind or "pasal"), "Pasal")


def legal_metadata(text: str) -> dict[str, Scalar]:
    """Metadata of an agreement or a regulation read from its text; {} for anything else. A text that
    looks like a legal act but whose identity cannot be read is still a regulation, with its
    `status_reason` (what could not be read) for `kb list` to show."""
    agreement = identify_agreement(text)
    if agreement is not None:
        return agreement.metadata()
    regulation = describe(text)
    if regulation is not None:
        return regulation.metadata()
    act = unreadable(text)
    if act is None:
        return {}
    meta: dict[str, Scalar] = {"doc_type": "regulasi", "title": act.title, "status_reason": act.reason}
    if diktum_markers(text):
        meta["unit_kind"] = "diktum"
    return meta


@dataclass
class _Unit:
    """A piece of text that stays whole inside a chunk: an ayat, a huruf, a sentence."""
    text: str
    start: int
    end: int
    ayat: str = ""


def _point_lines(points: list[Point], penjelasan: bool) -> list[str]:
    out: list[str] = []
    for p in points:
        out.append(f"Huruf {p.label} {p.text}".strip() if penjelasan and p.label.isalpha() else f"{p.label}. {p.text}")
        out.extend(_point_lines(p.points, penjelasan))
    return out


def ayat_lines(a: Ayat, penjelasan: bool = False) -> list[str]:
    """An ayat as display lines: "(2) lead", then one line per huruf/angka."""
    mark = (f"Ayat ({a.number}) " if penjelasan else f"({a.number}) ") if a.number else ""
    head = f"{mark}{a.text}".strip()
    return ([head] if head else []) + _point_lines(a.points, penjelasan)


class _Builder:
    def __init__(self, doc: Document, tree: LegalText, cite: str, budget: int, count: TokenCounter, unit: str):
        self.doc, self.tree, self.cite, self.budget, self.count = doc, tree, cite, budget, count
        self.unit = unit  # "Pasal"; "Diktum" in a Keputusan, "angka" in a Surat Edaran
        self.chunks: list[Chunk] = []
        # Pasal whose Penjelasan says only "Cukup jelas": their body chunks say so, since it has no chunk.
        self.cukup_jelas = {p.number for p in tree.penjelasan
                            if not p.changes and (units := _units(p.ayat, True)) and _nothing_to_explain(units)}
        # Counting is costly (a tokenizer run per call), so each piece of text is counted once: the
        # count of joined texts is the sum of their counts less the special tokens each count adds.
        self._specials = 2 * count("a") - count("a a")

    def _emit(self, units: list[_Unit], context: str, section: str, pasal: str | None = None,
              heading: tuple[str, ...] = (), bab: str = "", bagian: str = "", whole: bool = True,
              joiner: str = "\n") -> None:
        ordinal = len(self.chunks)
        numbered = [u.ayat for u in units if u.ayat]
        ayat = None
        if numbered and not whole:
            ayat = numbered[0] if numbered[0] == numbered[-1] else f"{numbered[0]}-{numbered[-1]}"
        text = joiner.join(u.text for u in units)
        self.chunks.append(Chunk(
            chunk_id=f"{self.doc.doc_id}#{ordinal:05d}", doc_id=self.doc.doc_id, ordinal=ordinal,
            text=text, page_offsets=aligned(text, self.tree.text, units[0].start, units[-1].end, self.tree.page_starts),
            page_start=self.tree.page_of(units[0].start),
            page_end=self.tree.page_of(max(units[0].start, units[-1].end - 1)), heading_path=heading,
            section=section, bab=bab or None, bagian=bagian or None, pasal=pasal, ayat=ayat, context=context,
            penjelasan=CUKUP_JELAS if section == "batang_tubuh" and pasal in self.cukup_jelas else None))

    def _sized(self, unit: _Unit, room: int) -> list[tuple[_Unit, int]]:
        """(unit, tokens) if it fits in `room` tokens, else its lines, else pieces of its lines."""
        n = self.count(unit.text) - self._specials
        if n <= room:
            return [(unit, n)]
        out: list[tuple[_Unit, int]] = []
        for line in unit.text.split("\n"):
            for piece in split_long(line, room + self._specials, self.count):
                out.append((_Unit(piece, unit.start, unit.end, unit.ayat), self.count(piece) - self._specials))
        return out

    def pack(self, units: list[_Unit], context: str, section: str, **fields) -> None:
        """Units into as few chunks as fit the embedder with their context, in order; a Pasal that fits is one chunk."""
        room = self.budget - self.count(context) - _MARGIN
        sized = [s for u in units for s in self._sized(u, room)]
        groups: list[list[_Unit]] = []
        used = room + 1
        for u, n in sized:
            if used + n > room:
                groups.append([])
                used = 0
            groups[-1].append(u)
            used += n
        for g in groups:
            self._emit(g, context, section, whole=len(groups) == 1, **fields)

    # -- the parts of a legal text -----------------------------------------------------------------
    def block(self, block: Block | None, label: str, section: str) -> None:
        if block is None:
            return
        raw = self.tree.text[block.start:block.end]
        units = []
        for m in re.finditer(r"\S.*?(?:[.;:](?=\s)|\Z)", raw, re.DOTALL):  # sentences, with their offsets
            if flat(m.group()):
                units.append(_Unit(flat(m.group()), block.start + m.start(), block.start + m.end()))
        self.pack(units, f"{self.cite} · {label}", section, heading=(label,), joiner=" ")

    def pasal(self, p: Pasal, section: str) -> None:
        penjelasan = section == "penjelasan"
        structure = tuple(x for x in (p.bab, p.bagian, p.paragraf) if x)
        fields = dict(pasal=p.number, bab=p.bab, bagian=p.bagian)
        units = _units(p.ayat, penjelasan)
        if units and not (penjelasan and _nothing_to_explain(units)):
            name = f"{self.unit} {p.number}" + (f" {title_case(p.title)}" if p.title else "")
            where = (self.cite, "Penjelasan") if penjelasan else (self.cite, *structure)
            self.pack(units, " · ".join((*where, name)), section, heading=structure, **fields)
        for c in p.changes:
            self.change(p, c, section, fields)

    def change(self, p: Pasal, c: Change, section: str, fields: dict) -> None:
        """One numbered change of an amending law: its instruction, then the Pasal as it now reads."""
        penjelasan = section == "penjelasan"
        heading = (f"Pasal {p.number} angka {c.angka}",) + ((f"Pasal {c.target}",) if c.target else ())
        lines = [c.instruction] if c.instruction else []
        if c.target and not penjelasan:
            lines.append(f"Pasal {c.target}")
        units = ([_Unit("\n".join(lines), c.start, c.start)] if lines else []) + _units(c.ayat, penjelasan)
        if units and not (penjelasan and _nothing_to_explain(units)):
            where = (self.cite, "Penjelasan") if penjelasan else (self.cite,)
            self.pack(units, " · ".join((*where, *heading)), section, heading=heading, **fields)


def _units(ayat: list[Ayat], penjelasan: bool) -> list[_Unit]:
    units = [_Unit("\n".join(ayat_lines(a, penjelasan)), a.start, a.end, a.number) for a in ayat]
    return [u for u in units if u.text]


def says_nothing(text: str) -> bool:
    """Whether a Penjelasan text is only labels and "Cukup jelas" (each part within OCR noise of it)."""
    for part in _LABELS.split(text):
        letters = re.sub(r"[^a-z]", "", part.lower().replace("1", "l"))
        if letters and not (len(letters) <= 14 and SequenceMatcher(None, letters, _CUKUP_JELAS).ratio() >= 0.7):
            return False
    return True


# Structure labels (Pasal 5, ayat (2), huruf a, BAB IV, a list's "1." or "b)" at a line's start): no content.
_STRUCTURE_LABEL = re.compile(r"\b(?:Pasal|Ayat|Huruf|Angka|BAB|Bagian|Paragraf)\s*\(?[\w.]{1,6}\)?|^\s*\(?\w{1,3}[.)]\s",
                              re.IGNORECASE | re.MULTILINE)


def content_chars(text: str) -> int:
    """Characters a chunk says once Pasal/ayat/huruf labels and "Cukup jelas" are removed. Computed once per
    chunk at ingest (Chunk.content): at search time it cost 0.1 ms for each of a query's hundred candidates."""
    if says_nothing(text):
        return 0
    return len(" ".join(_STRUCTURE_LABEL.sub(" ", text).split()))


def _nothing_to_explain(units: list[_Unit]) -> bool:
    return all(says_nothing(u.text) for u in units)


def legal_chunks(doc: Document, budget: int, count: TokenCounter) -> list[Chunk] | None:
    """One chunk per Pasal (diktum, angka) for a regulation or agreement; None for any other document."""
    if doc.doc_type not in LEGAL_TYPES:
        return None
    kind = str(doc.metadata.get("unit_kind") or "pasal")
    tree = parse(doc.pages, amending=bool(doc.metadata.get("mengubah")), units=kind)
    if tree is None:
        return None
    b = _Builder(doc, tree, str(doc.metadata.get("short_cite") or doc.title), budget, count, unit_word(kind))
    b.block(tree.konsiderans, "Konsiderans", "konsiderans")
    for p in tree.body:
        b.pasal(p, "batang_tubuh")
    b.block(tree.penjelasan_umum, "Penjelasan Umum", "penjelasan")
    for p in tree.penjelasan:
        b.pasal(p, "penjelasan")
    b.block(tree.lampiran, "Lampiran", "lampiran")
    return b.chunks
