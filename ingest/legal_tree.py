"""The structure of a regulation or agreement, parsed from its pages.

Konsiderans (Menimbang, Mengingat), body (BAB > Bagian > Paragraf > Pasal > ayat > huruf >
angka; a Keputusan or Instruksi has diktum KESATU, KEDUA, ... in place of Pasal, a Surat Edaran its
numbered points "1.", "2.", ... with their lettered sub-points), Penjelasan
(Umum, then Pasal demi Pasal, which repeats the body's Pasal numbers) and Lampiran. Markers are
found by `legal_markers`, so headings glued to sentences and OCR-damaged numbers are tolerated.
Offsets point into `LegalText.text`, the normalised text of all pages.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .legal_markers import (Marker, angka_markers, ayat_markers, best_chain, diktum_markers, heading_score,
                            pasal_candidates, point_markers)
from .model import Page
from .regulation import letter_body, title_case


@dataclass
class Point:
    label: str  # "a", "d1", "1"
    text: str
    points: list[Point] = field(default_factory=list)  # angka under a huruf


@dataclass
class Ayat:
    number: str  # "" for the text of a Pasal without numbered ayat
    text: str  # the lead text, before the first point
    points: list[Point]
    start: int
    end: int


@dataclass
class Change:
    """One numbered change ("angka") in Pasal I of an amending law."""
    angka: str
    target: str  # the Pasal of the amended law that it rewrites ("66"), "" when not named
    instruction: str  # "Ketentuan Pasal 66 ayat (3) diubah ... sehingga berbunyi sebagai berikut:"
    ayat: list[Ayat]  # the Pasal as it now reads
    start: int
    end: int


@dataclass
class Pasal:
    number: str  # "363", "5A", "I"; a diktum's word: "KEDUA"; a Surat Edaran's point: "3"
    ayat: list[Ayat]
    start: int
    end: int
    title: str = ""  # agreements name their Pasal: "MAKSUD DAN TUJUAN"
    bab: str = ""  # "BAB XVII Kerja Sama Daerah"
    bagian: str = ""
    paragraf: str = ""
    changes: list[Change] = field(default_factory=list)


@dataclass
class Block:
    text: str
    start: int
    end: int


@dataclass
class LegalText:
    text: str  # normalised text of all pages; every offset points into it
    page_starts: list[int]  # offset where each page begins
    konsiderans: Block | None
    body: list[Pasal]
    penjelasan_umum: Block | None
    penjelasan: list[Pasal]
    lampiran: Block | None

    def page_of(self, offset: int) -> int:
        return max(1, bisect.bisect_right(self.page_starts, offset))


# -- normalisation -------------------------------------------------------------------------------

# The running head of every scanned page ("PRES I DEN REPUBLIK INDONESIA"); the signature keeps its comma.
_PAGE_HEAD = re.compile(r"P ?R ?E ?S ?I ?D ?E ?N\s+R ?E ?P ?U ?B ?L ?I ?K\s+I ?N ?D ?O ?N ?E ?S ?I ?A\b(?!\s*,)")


# A Penjelasan scanned in columns: OCR reads a column of headings without their numbers ("Pasal Pasal Pasal
# Pasal 32 Cukup jelas. 33 Cukup jelas.", "Ayat Ayat Ayat Pasal 48"). The run says nothing; a number after it
# keeps one label.
_BARE_LABELS = re.compile(r"\b(Pasal|Ayat)(?:\s+\1\b)+(?P<numbered>\s+(?=\d))?")


def normalise(text: str) -> str:
    """Text as the parser reads it: OCR '^' specks, scanned page heads, runs of bare labels and Markdown
    heading marks gone, blanks collapsed."""
    text = _PAGE_HEAD.sub(" ", text.replace("^", "").replace("\u00a0", " ").replace("\t", " "))
    text = _BARE_LABELS.sub(lambda m: f"{m[1]} " if m["numbered"] else " ", text)
    text = re.sub(r"(?m)^[ ]*#{1,6}[ ]+", "", text)
    text = re.sub(r"\*\*|__", "", text)
    text = re.sub(r"[ ]{2,}", " ", text)
    return text


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# -- section boundaries ----------------------------------------------------------------------------

# OCR writes "PENJE[,ASAN", "PENJEI"ASAN", "PENJEI,ASAN".
_PENJELASAN = re.compile(r"PENJE\S{1,3}ASAN\s+ATAS\b")
_LAMPIRAN = re.compile(r"\bLAMPIRAN(?:\s+[IVX]+)?\s*:?\s+(?:UNDANG|PERATURAN|KEPUTUSAN|INSTRUKSI|NOTA|PERJANJIAN|"
                       r"KESEPAKATAN)")
_CLOSING = re.compile(r"Agar\s+setiap\s+orang\s+mengetahuinya|"
                      r"\b(?:Ditetapkan|Disahkan|Dikeluarkan|Diundangkan)\s+di\s+[A-Z]|"
                      r"\bDemikian(?:lah)?\s+(?:Perjanjian|Nota|Kesepakatan|Memorandum|Naskah)")
_PENJELASAN_END = re.compile(r"TAMBAHAN\s+LEMBARAN\s+NEGARA|TAMBAHAN\s+LEMBARAN\s+DAERAH")
_PASAL_DEMI_PASAL = re.compile(r"\bI\s*I\s*\.?\s*PASAL\s+DEMI\s+PASAL\b", re.IGNORECASE)


# -- structural headings ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Heading:
    kind: str  # bab | bagian | paragraf
    name: str  # "BAB XVII Kerja Sama Daerah"
    start: int
    end: int  # after the heading's title


_STOP = r"(?!(?:Pasal|PASAL|Bag\S{0,3}n|Paragra\S?|BAB)\b)"
_BAB = re.compile(r"\bBAB\s+(?P<num>[IVXLC][IVXLCivxlc]*[A-Z]?)(?![A-Za-z])")
_BAGIAN = re.compile(r"\bBag\S{0,3}n\s+(?P<num>Ke[a-z{}']+(?:\s+(?:Belas|Puluh))?|Pertama)\b")
_PARAGRAF = re.compile(r"\bParagra\S?\s*(?P<num>\d{1,2}|[IVX]{1,4})\b")
_CAPS_TITLE = re.compile(r"(?:\s*" + _STOP + r"[A-Z0-9][A-Z0-9,.'’/\\{}\[\]&-]*(?=[\s,]|$)){1,14}")
_TITLE_WORDS = re.compile(
    r"(?:[ ]*\n?[ ]*" + _STOP + r"(?:[A-Z][\w'’{}\[\].,/-]*|dan|atau|di|ke|dari|yang|dengan|untuk|dalam|pada|terhadap|"
    r"serta|oleh|antara|bagi|atas)(?=\s|$)){1,14}")


def _headings(text: str, start: int, end: int) -> list[_Heading]:
    found: list[_Heading] = []
    for kind, pattern, title in (("bab", _BAB, _CAPS_TITLE), ("bagian", _BAGIAN, _TITLE_WORDS),
                                 ("paragraf", _PARAGRAF, _TITLE_WORDS)):
        for m in pattern.finditer(text, start, end):
            if heading_score(text, m.start(), m.end()) < -1:
                continue  # "sebagaimana dimaksud dalam Bagian Kedua"
            t = title.match(text, m.end(), end)
            t_end = t.end() if t else m.end()
            label = {"bab": "BAB", "bagian": "Bagian", "paragraf": "Paragraf"}[kind]
            num = m.group("num").upper() if kind == "bab" else m.group("num")
            name = f"{label} {num} {title_case(flat(text[m.end():t_end]))}".strip()
            found.append(_Heading(kind, name, m.start(), t_end))
    found.sort(key=lambda h: h.start)
    # A title match may swallow the next heading's keyword; keep headings that do not overlap.
    out: list[_Heading] = []
    for h in found:
        if not out or h.start >= out[-1].end:
            out.append(h)
    return out


# -- content of one Pasal --------------------------------------------------------------------------

def _points(text: str, penjelasan: bool) -> tuple[str, list[Point]]:
    """Lead text and the points of one ayat; angka nested under a huruf are its sub-points."""
    letters = point_markers(text, letters=True, penjelasan=penjelasan)
    numbers = point_markers(text, letters=False, penjelasan=penjelasan)
    if not letters and not numbers:
        return flat(text), []
    top = letters if not numbers or (letters and letters[0].start < numbers[0].start) else numbers
    out: list[Point] = []
    for i, m in enumerate(top):
        stop = top[i + 1].start if i + 1 < len(top) else len(text)
        inner = text[m.end:stop]
        nested = point_markers(inner, letters=top is numbers, penjelasan=penjelasan)
        if nested:
            lead = inner[:nested[0].start]
            subs = [Point(n.label, flat(inner[n.end:nested[j + 1].start if j + 1 < len(nested) else len(inner)]))
                    for j, n in enumerate(nested)]
            out.append(Point(m.label, flat(lead), subs))
        else:
            out.append(Point(m.label, flat(inner)))
    return flat(text[:top[0].start]), out


def _ayat(text: str, offset: int, penjelasan: bool) -> list[Ayat]:
    markers = ayat_markers(text, penjelasan=penjelasan)
    if len(markers) < 2:
        markers = []  # a lone "(1)" is a stray mark, not a list of ayat
    out: list[Ayat] = []
    first = markers[0].start if markers else len(text)
    if flat(text[:first]):
        # A Pasal without numbered ayat; or, in OCR text, a sentence that slipped above "(1)".
        lead, points = _points(text[:first], penjelasan)
        out.append(Ayat("", lead, points, offset, offset + first))
    for i, m in enumerate(markers):
        stop = markers[i + 1].start if i + 1 < len(markers) else len(text)
        lead, points = _points(text[m.end:stop], penjelasan)
        out.append(Ayat(m.label, lead, points, offset + m.start, offset + stop))
    return out


_TITLE_AFTER_PASAL = re.compile(r"\s*((?:[A-Z][A-Z,&/-]+[ ]?){1,8})(?=\s*\n|\s*\(1\)|\s+[A-Z][a-z])")
# A Surat Edaran's point may open with a heading line of its own: "1. Latar Belakang", "2. Maksud dan Tujuan".
_POINT_TITLE = re.compile(r"[ \t]*((?:[A-Z][\w/-]*|dan|atau|serta)(?:[ ]+(?:[A-Z][\w/-]*|dan|atau|serta)){0,5})"
                          r"(?=[ \t]*\n\s*\S)")
# The title each kind of unit may have; a diktum has none: "KETIGA : APBD menanggung ..." starts with its sentence.
_TITLES = {"pasal": _TITLE_AFTER_PASAL, "angka": _POINT_TITLE}
_CHANGE = re.compile(r"(?<![\w.])(?P<n>\d{1,2})\s*\.\s*(?=Ketentuan|Di\s*antara|Diantara|Pasal|Judul|Penjelasan|"
                     r"Lampiran|BAB|Bagian|Paragraf|Setelah|Sebelum|Menambahkan|Mengubah|Menghapus)")
_CHANGE_PENJELASAN = re.compile(r"(?<![A-Za-z])Angka\s*(?P<n>\d{1,2})\b")
_TARGET = re.compile(r"\b(?:Pasal|pasal)\s+(?P<n>[0-9OIl]{1,3}[A-Za-z]?)\s+(?:berbunyi|diubah|dihapus|menjadi)|"
                     r"yakni\s+Pasal\s+(?P<n2>[0-9OIl]{1,3}[A-Za-z]?)")
_FOLLOWS = re.compile(r"berikut\s*:?", re.IGNORECASE)


def _label(token: str) -> str:
    """A Pasal number as cited, OCR digits repaired: '4O' -> '40', '45A' -> '45A', '111a' -> '111A'."""
    m = re.fullmatch(r"([0-9OIl]+)([A-Ha-h]?)", token)
    return f"{int(m.group(1).translate(str.maketrans('OIl', '011')))}{m.group(2).upper()}" if m else token


def _changes(text: str, offset: int, penjelasan: bool) -> list[Change]:
    """The numbered changes of an amending law's Pasal I (body: "1. Ketentuan ...", Penjelasan: "Angka 1")."""
    pattern = _CHANGE_PENJELASAN if penjelasan else _CHANGE
    chain = best_chain([Marker(m.start(), m.end(), m.group("n"), (int(m.group("n")), ""),
                               heading_score(text, m.start(), m.end())) for m in pattern.finditer(text)])
    out: list[Change] = []
    for i, m in enumerate(chain):
        stop = chain[i + 1].start if i + 1 < len(chain) else len(text)
        part = text[m.end:stop]
        follows = None if penjelasan else _FOLLOWS.search(part)
        split = follows.end() if follows else (0 if penjelasan else len(part))
        t = _TARGET.search(part, 0, split)
        target = _label(t.group("n") or t.group("n2")) if t else ""
        begin = split
        head = next(iter(pasal_candidates(part, split, split + 40)), None)
        if head is not None and not flat(part[split:head.start]):  # the Pasal as it now reads, under its heading
            target, begin = head.label, head.end
        content = part[begin:]
        out.append(Change(m.label, target, flat(part[:split]),
                          _ayat(content, offset + m.end + begin, penjelasan) if flat(content) else [],
                          offset + m.start, offset + stop))
    return out


def _fill(p: Pasal, text: str, amending: bool, penjelasan: bool,
          title: re.Pattern | None = _TITLE_AFTER_PASAL) -> None:
    """Title (as `title` reads it), ayat and (amending law) changes of Pasal p from its text p.start..p.end."""
    content = text[p.start:p.end]
    t = title.match(content) if title and not penjelasan else None
    skip = 0
    if t and len(t.group(1).strip()) > 3:
        p.title = flat(t.group(1))
        skip = t.end()
    if amending:
        p.changes = _changes(content[skip:], p.start + skip, penjelasan)
        if p.changes:
            lead = content[skip:p.changes[0].start - p.start - skip]
            p.ayat = _ayat(lead, p.start + skip, penjelasan) if flat(lead) else []
            return
    p.ayat = _ayat(content[skip:], p.start + skip, penjelasan)


# -- the whole document ----------------------------------------------------------------------------

def _chain(text: str, start: int, end: int, amending: bool) -> list[Marker]:
    if amending:
        chain = best_chain(pasal_candidates(text, start, end, roman_numbers=True))
        if chain:
            return chain
    return best_chain(pasal_candidates(text, start, end))


def _body(text: str, chain: list[Marker], end: int, amending: bool, lead: list[_Heading],
          title: re.Pattern | None = _TITLE_AFTER_PASAL) -> list[Pasal]:
    """Body Pasal between consecutive markers; BAB/Bagian/Paragraf headings end a Pasal and set the
    context of the Pasal after them. `lead` are the headings just before the first Pasal."""
    bab = bagian = paragraf = ""
    for h in lead:  # in order, as inside the body: the heading nearest the first Pasal holds ("BAB I…" in the
        if h.kind == "bab":  # Menetapkan line of PP 18/2016 is followed by "BAB I KETENTUAN UMUM")
            bab, bagian, paragraf = h.name, "", ""
        elif h.kind == "bagian":
            bagian, paragraf = h.name, ""
        else:
            paragraf = h.name
    orphan_start: int | None = None
    out: list[Pasal] = []
    for i, m in enumerate(chain):
        stop = chain[i + 1].start if i + 1 < len(chain) else end
        heads = _headings(text, m.end, stop)
        content_end = heads[0].start if heads else stop
        if i + 1 == len(chain):
            closing = _CLOSING.search(text, m.end, content_end)
            content_end = closing.start() if closing else content_end
        p = Pasal(m.label, [], m.end, content_end, bab=bab, bagian=bagian, paragraf=paragraf)
        _fill(p, text, amending, penjelasan=False, title=title)
        if orphan_start is not None and flat(text[orphan_start:m.start]):
            # OCR put part of this Pasal above its heading, after the previous section heading.
            p.ayat = _ayat(text[orphan_start:m.start], orphan_start, False) + p.ayat
            p.start = orphan_start
        out.append(p)
        orphan_start = None
        for h in heads:
            if h.kind == "bab":
                bab, bagian, paragraf = h.name, "", ""
            elif h.kind == "bagian":
                bagian, paragraf = h.name, ""
            else:
                paragraf = h.name
            orphan_start = h.end
    return out


def _penjelasan(text: str, start: int, end: int, amending: bool) -> tuple[Block | None, list[Pasal]]:
    stop = _PENJELASAN_END.search(text, start, end)
    chain = _chain(text, start, end, amending)
    first = chain[0].start if chain else (stop.start() if stop else end)
    demi = _PASAL_DEMI_PASAL.search(text, start, first)
    umum_end = demi.start() if demi else first
    umum = Block(flat(text[start:umum_end]), start, umum_end) if flat(text[start:umum_end]) else None
    out: list[Pasal] = []
    for i, m in enumerate(chain):
        p_end = chain[i + 1].start if i + 1 < len(chain) else (stop.start() if stop and stop.start() > m.end else end)
        p = Pasal(m.label, [], m.end, p_end)
        _fill(p, text, amending, penjelasan=True)
        out.append(p)
    return umum, out


def parse(pages: list[Page], amending: bool = False, units: str = "pasal") -> LegalText | None:
    """The structure of a legal text, or None when it has no Pasal at all. `units` is what its body is numbered
    by (ingest.regulation's unit_kind): "pasal", "diktum" (a Keputusan, an Instruksi) or "angka" (a Surat
    Edaran, whose points run from its title to its closing)."""
    parts: list[str] = []
    page_starts: list[int] = []
    pos = 0
    for page in pages:
        page_starts.append(pos)
        t = normalise(page.text) + "\n"
        parts.append(t)
        pos += len(t)
    text = "".join(parts)
    pj = _PENJELASAN.search(text)
    body_end = pj.start() if pj else len(text)
    if units == "angka":
        start, body_end = letter_body(text)
        chain = angka_markers(text, start, body_end)
    else:
        chain = diktum_markers(text, 0, body_end) if units == "diktum" else _chain(text, 0, body_end, amending)
    if all(m.score <= 0 for m in chain):  # none heads a unit: a Surat Edaran citing "Pasal 5 Peraturan ..."
        return None
    lamp = _LAMPIRAN.search(text, pj.end() if pj else chain[-1].end)
    if lamp and not pj:
        body_end = min(body_end, lamp.start())
    chain = [m for m in chain if m.start < body_end]
    lead = _headings(text, max(0, chain[0].start - 600), chain[0].start)  # "BAB I KETENTUAN UMUM"
    body_start = lead[0].start if lead else chain[0].start
    body = _body(text, chain, body_end, amending, lead, _TITLES.get(units))
    konsiderans = Block(flat(text[:body_start]), 0, body_start) if flat(text[:body_start]) else None
    umum, penjelasan = (None, [])
    if pj:
        umum, penjelasan = _penjelasan(text, pj.start(), lamp.start() if lamp else len(text), amending)
    lampiran = Block(flat(text[lamp.start():]), lamp.start(), len(text)) if lamp else None
    return LegalText(text, page_starts, konsiderans, body, umum, penjelasan, lampiran)
