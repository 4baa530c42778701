"""Identify a regulation from its text: jenis, nomor, tahun, tentang, issuer, short citation, dates,
and the regulations it amends or revokes.

"UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 23 TAHUN 2014 TENTANG PEMERINTAHAN DAERAH"
-> jenis "UU", nomor "23", tahun 2014, tentang "Pemerintahan Daerah", cite "UU 23/2014".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .legal_markers import angka_markers, diktum_markers
from .quality import is_word
from .model import Scalar


@dataclass(frozen=True)
class RegulationId:
    jenis: str  # short form: UU, Perppu, PP, Perpres, Permen..., Perda, Pergub, Perbup, Perwal, Kepwal ...
    nomor: str
    tahun: int
    tentang: str = ""
    issuer: str = ""  # "Kota Bekasi", "Kementerian Dalam Negeri"

    @property
    def cite(self) -> str:
        issuer = f" {self.place}" if self.place and self.jenis in REGIONAL else ""
        # A Keputusan numbered "555.8/KEP.231-DISKOMINFOSTANDI/V/2021" already carries its year.
        number = self.nomor if self.nomor.endswith(f"/{self.tahun}") else f"{self.nomor}/{self.tahun}"
        return f"{self.jenis}{issuer} {number}"

    @property
    def place(self) -> str:
        """The issuer as a short title names it: a regional head's jenis implies the kind of region
        ("Kepgub Kalimantan Barat", "Perwal Bekasi"); a Perda names it, as a Kota and a Kabupaten may share a
        name ("Perda Kota Bekasi", "Perda Kabupaten Bekasi")."""
        if self.jenis in _REGION_KIND:
            return re.sub(rf"(?i)^{_REGION_KIND[self.jenis]}\s+", "", self.issuer)
        return self.issuer


# Jenis whose issuer is part of their name: "Perda Kota Bekasi 2/2020", "Perwal Bekasi 110/2016",
# "SE Wali Kota Bekasi 400/12/2024".
REGIONAL = {"Perda", "Pergub", "Perbup", "Perwal", "Kepwal", "Kepbup", "Kepgub", "Ingub", "Inbup", "Inwal",
            "Peraturan DPRD", "Keputusan DPRD", "Persekda", "Kepsekda", "Perkadis", "SE"}
# The kind of region each regional jenis belongs to, for "PERATURAN WALI KOTA BEKASI" -> "Kota Bekasi".
_REGION_KIND = {"Pergub": "Provinsi", "Kepgub": "Provinsi", "Ingub": "Provinsi", "Perbup": "Kabupaten",
                "Kepbup": "Kabupaten", "Inbup": "Kabupaten", "Perwal": "Kota", "Kepwal": "Kota", "Inwal": "Kota"}
# Jenis that name their region inside the jenis words ("PERATURAN DAERAH KOTA", "... SEKRETARIS DAERAH PROVINSI").
_REGION_IN_JENIS = {"Perda", "Peraturan DPRD", "Keputusan DPRD", "Persekda", "Kepsekda"}
# Jenis whose last word names the issuing office: "KEPUTUSAN MENTERI DALAM NEGERI" -> "Menteri Dalam Negeri".
_OFFICE_IN_JENIS = {"Permen": "MENTERI", "Kepmen": "MENTERI", "Inmen": "MENTERI", "Perkadis": "DINAS"}

_UU = r"UNDANG[\s\-–—]*UNDANG"
_REGION = r"(?:\s+(?:PROVINSI|KABUPATEN|KOTA))?"
_DPRD = r"(?:DEWAN\s+PERWAKILAN\s+RAKYAT\s+DAERAH|DPRD)"
# Longest names first so "PERATURAN PEMERINTAH PENGGANTI UNDANG-UNDANG" wins over "PERATURAN PEMERINTAH".
_JENIS: list[tuple[str, str]] = [
    (r"PERATURAN\s+PEMERINTAH\s+PENGGANTI\s+" + _UU, "Perppu"),
    (_UU + r"(?:\s+DASAR)?", "UU"),
    (r"PERATURAN\s+PEMERI\w*(?:AH)?", "PP"),  # OCR: "PEMERIMAH"
    (r"PERATURAN\s+PRESIDEN", "Perpres"),
    (r"KEPUTUSAN\s+PRESIDEN", "Keppres"),
    (r"INSTRUKSI\s+PRESIDEN", "Inpres"),
    (r"PERATURAN\s+MENTERI\s+DALAM\s+NEGERI", "Permendagri"),
    (r"PERATURAN\s+MENTERI\s+KOMUNIKASI\s+DAN\s+INFORMATIKA", "Permenkominfo"),
    (r"PERATURAN\s+MENTERI\s+PENDAYAGUNAAN\s+APARATUR\s+NEGARA[\w\s]*?REFORMASI\s+BIROKRASI", "PermenPANRB"),
    (r"PERATURAN\s+MENTERI", "Permen"),
    (r"KEPUTUSAN\s+MENTERI", "Kepmen"),
    (r"INSTRUKSI\s+MENTERI", "Inmen"),
    (r"PERATURAN\s+DAERAH" + _REGION, "Perda"),
    (r"PERATURAN\s+" + _DPRD + _REGION, "Peraturan DPRD"),
    (r"KEPUTUSAN\s+" + _DPRD + _REGION, "Keputusan DPRD"),
    (r"PERATURAN\s+SEKRETARIS\s+DAERAH" + _REGION, "Persekda"),
    (r"KEPUTUSAN\s+SEKRETARIS\s+DAERAH" + _REGION, "Kepsekda"),
    (r"PERATURAN\s+KEPALA\s+DINAS", "Perkadis"),
    (r"PERATURAN\s+GUBERNUR", "Pergub"),
    (r"PERATURAN\s+BUPATI", "Perbup"),
    (r"PERATURAN\s+WALI\s*KOTA", "Perwal"),
    (r"KEPUTUSAN\s+WALI\s*KOTA", "Kepwal"),
    (r"KEPUTUSAN\s+BUPATI", "Kepbup"),
    (r"KEPUTUSAN\s+GUBERNUR", "Kepgub"),
    (r"INSTRUKSI\s+GUBERNUR", "Ingub"),
    (r"INSTRUKSI\s+BUPATI", "Inbup"),
    (r"INSTRUKSI\s+WALI\s*KOTA", "Inwal"),
    (r"SURAT\s+EDARAN(?:\s+BERSAMA)?", "SE"),
]
_JENIS_ALT = "|".join(p for p, _ in _JENIS)

# OCR reads O for 0 and l/I for 1 inside numbers: "2O2O", "2Ol4".
_DIGITISH = r"[0-9OoIl]"
# A Keputusan's number has parts, sometimes typed with blanks: "555.8/KEP.231-DISKOMINFOSTANDI/V/2021",
# "224 /BAPPEDA/2023".
_NOMOR = r"NOMOR\s*:?\s*(?P<nomor>[0-9A-Za-z][0-9A-Za-z.-]*(?:[ ]*/[ ]*[0-9A-Za-z][0-9A-Za-z.-]*)*)"
# The issuer between jenis and NOMOR: a region ("KOTA BEKASI") or an office ("DINAS KOMUNIKASI DAN INFORMATIKA ...");
# never a second jenis, as in a heading the scan repeats ("PERATURAN PEMERINTAH REPUBLIK INDONESIA PERATURAN ...").
_TITLE = re.compile(
    r"(?P<jenis>" + _JENIS_ALT + r")"
    r"(?P<issuer>(?:\s+(?!NOMOR|PERATURAN\b|KEPUTUSAN\b|INSTRUKSI\b)[A-Z][A-Za-z.,]*){0,10}?)"
    r"\s+" + _NOMOR + r"(?:\s+TAHUN\s+(?P<tahun>" + _DIGITISH + r"{4})|(?=\s|$))",
    re.IGNORECASE)
# A title names its subject in capitals after TENTANG, up to the preamble or a letter's first point ("1. Latar
# Belakang"). The signer's line ends with a comma ("WALI KOTA BEKASI,"); an amendment's title names the office
# too ("PERUBAHAN ATAS PERATURAN WALI KOTA BEKASI NOMOR 110 ...") without one.
_TENTANG = re.compile(r"\s+TENTANG\s+(?P<tentang>[^a-z]+?)(?=\s+(?:DENGAN\s+RAHMAT|MEMUTUSKAN|MENIMBANG|"
                      r"(?:WALI\s*KOTA|BUPATI|GUBERNUR|PRESIDEN|MENTERI|PIMPINAN|SEKRETARIS\s+DAERAH|KEPALA\s+DINAS)\b"
                      r"[^a-z,]{0,80},)|\s+\S*[a-z]|\s*\n[ \t]*\d{1,2}\.\s|$)")
_TENTANG_LINE = re.compile(r"\s+tentang\s+(?P<tentang>[^\n]{3,200})", re.IGNORECASE)
# A mention of a regulation in running text: "Undang-Undang Nomor 23 Tahun 2014".
_REFERENCE = re.compile(r"(?P<jenis>" + _JENIS_ALT + r")(?P<issuer>(?:\s+(?!Nomor)[A-Z][A-Za-z.]*){0,4}?)\s+Nomor\s+"
                        r"(?P<nomor>[0-9OoIl ]{1,4}?)\s*Tahun\s*(?P<tahun>" + _DIGITISH + r"{4})", re.IGNORECASE)
# How far from the start a title may sit: after "SALINAN", the issuer's letterhead, OCR'd margin words.
_HEAD = 600


def fix_digits(s: str) -> str:
    return s.translate(str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"}))


def _short_jenis(matched: str) -> str:
    up = re.sub(r"\s+", " ", matched.upper())
    for pattern, short in _JENIS:
        if re.fullmatch(pattern, up, re.IGNORECASE):
            return short
    return "Peraturan"


_SMALL_WORDS = {"dan", "atau", "di", "ke", "dari", "yang", "atas", "tentang", "untuk", "dalam", "pada", "dengan",
                "terhadap", "serta", "oleh", "antara", "bagi"}


def title_case(s: str) -> str:
    """'PEMBENTUKAN PERATURAN PERUNDANG-UNDANGAN' -> 'Pembentukan Peraturan Perundang-Undangan', '(SMART CITY)'
    -> '(Smart City)'; words not in capitals (OCR fragments, names already cased) are left as they are."""
    words = re.sub(r"\s+", " ", s).strip().split(" ")
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else
                    "-".join(re.sub(r"[a-z]", lambda m: m.group().upper(), p.lower(), count=1) for p in w.split("-"))
                    if w.isupper() else w for i, w in enumerate(words))


def with_acronyms(heading: str) -> str:
    """A stored heading as shown: "BAB XII Bumd" -> "BAB XII BUMD". title_case lowers acronyms, and the heading
    is part of every chunk's embedded context, so they are put back in capitals for display only: a word
    that reads as letters (at most one vowel, or three consonants in a row) and is no Indonesian word."""
    from .quality import is_word

    def word(w: str) -> str:
        up = w.upper()
        if not (w.istitle() and w.isalpha() and 3 <= len(w) <= 5) or is_word(w.lower()):
            return w
        return up if sum(c in "AEIOU" for c in up) <= 1 or re.search(r"[^AEIOU]{3}", up) else w

    return " ".join(word(w) for w in heading.split(" "))


def _office(caps: str) -> str:
    """'MENTERI DALAM NEGERI' -> 'Menteri Dalam Negeri': a ministry's name, where "dalam" is no "in"."""
    return title_case(caps).replace("dalam Negeri", "Dalam Negeri")


def _issuer(jenis: str, matched_jenis: str, raw: str) -> str:
    issuer = re.sub(r"\s+", " ", raw or "").strip()
    issuer = re.sub(r"(?i)\s*REPUBLIK\s+INDONESIA$", "", issuer)
    if jenis in _OFFICE_IN_JENIS and issuer:
        issuer = f"{_OFFICE_IN_JENIS[jenis]} {issuer}"
    if not issuer:
        return ""
    issuer = _office(issuer)
    kind = _REGION_KIND.get(jenis)
    if jenis in _REGION_IN_JENIS:
        found = re.search(r"(KOTA|KABUPATEN|PROVINSI)\s*$", matched_jenis.upper())
        kind = found.group(1).title() if found else None
    if kind and not re.match(r"(?i)(kota|kabupaten|provinsi)\b", issuer):
        issuer = f"{kind} {issuer}"
    return issuer


def _regulation(m: re.Match, tentang: str = "", signed: int | None = None) -> RegulationId | None:
    jenis = _short_jenis(m.group("jenis"))
    if jenis == "UU" and "DASAR" in m.group("jenis").upper():
        return None
    nomor = re.sub(r"\s+", "", m.group("nomor")).strip(".")
    if re.fullmatch(_DIGITISH + "+", nomor):
        nomor = str(int(fix_digits(nomor)))
    tahun_raw = m.group("tahun") or (re.search(r"(?:19|20)\d\d$", nomor) or [None])[0]
    tahun = int(fix_digits(tahun_raw)) if tahun_raw else signed
    if not tahun:
        return None
    return RegulationId(jenis=jenis, nomor=nomor, tahun=tahun, tentang=tentang,
                        issuer=_issuer(jenis, m.group("jenis"), m.group("issuer")))


def identify(text: str) -> RegulationId | None:
    """The regulation whose title heads `text`, or None.

    A title is in capitals ("PERATURAN DAERAH KOTA BEKASI NOMOR 2 TAHUN 2020") or starts a line
    ("# Peraturan Daerah ..."); a regulation merely mentioned near the top of a news item is not one.
    """
    found = _title(text)
    if found is None:
        return None
    m, t = found
    starts_line = not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip(" #*\t")
    if not (m.group("jenis").isupper() or starts_line):
        return None
    tentang = title_case(fix_numbers(_respelled(t.group("tentang"), text[t.end():]))) if t else ""
    reg = _regulation(m, tentang[:200], _signed_year(text, m.end()))
    if reg is not None and reg.jenis == "SE" and not reg.issuer:  # "SURAT EDARAN / NOMOR ..." under a letterhead
        head = _LETTERHEAD.search(text, 0, m.start())
        reg = replace(reg, issuer=_office(re.sub(r"WALI\s*KOTA", "WALI KOTA", head.group(1))) if head else "")
    return reg


# A regulation repeats its title: in the enacting line after MEMUTUSKAN ("Menetapkan: PERATURAN PEMERINTAH
# TENTANG ...") and over its Penjelasan. A scan garbles the copies in different places: PP 12/2017 heads
# "PENGAWASAN PEMELENGGAMAN PEMERINTAHAN" and enacts "TEMTANG ... PENGAWASAN PENYELENGGARAAN PEMERINTAHAN".
_CAPS_WORD = re.compile(r"[A-Z][A-Z'-]*")


def _respelled(tentang: str, rest: str) -> str:
    """`tentang` with each word that is no Indonesian word taken from a later copy of the title in `rest` (its
    other words alike) that spells the word as one."""
    words = tentang.split()
    wrong = [i for i, w in enumerate(words) if re.search(r"[A-Za-z]", w) and not is_word(w.lower())]
    if not wrong or len(wrong) == len(words):
        return tentang
    caps = _CAPS_WORD.findall(rest)
    for start in range(len(caps) - len(words) + 1):
        window = caps[start:start + len(words)]
        if all(a == b for i, (a, b) in enumerate(zip(words, window)) if i not in wrong):
            return " ".join(window[i] if i in wrong and is_word(window[i].lower()) else w for i, w in enumerate(words))
    return tentang


def _title(text: str) -> tuple[re.Match, re.Match | None] | None:
    """The match of the title near the top of `text` and of its TENTANG (None where it has none)."""
    m = _TITLE.search(text[:_HEAD + 400])
    if not m or m.start() > _HEAD:
        return None
    # OCR may repeat the heading before TENTANG: look a little beyond the number.
    return m, _TENTANG.search(text, m.end(), m.end() + 300) or _TENTANG_LINE.match(text, m.end(), m.end() + 600)


# Where a letter's points end: its closing sentence ("Demikian Surat Edaran ini ..."; "Demikian pula" is no
# closing), the place and date it was signed, or the Tembusan list, which is numbered too.
_LETTER_END = re.compile(r"\bDemikian(?:lah)?\s+(?:Surat\s+Edaran|disampaikan|kami|untuk|atas|agar)\b|"
                         r"\b(?:Ditetapkan|Dikeluarkan)\s+di\s+[A-Z]|^[ \t]*Tembusan\b", re.MULTILINE)


def letter_body(text: str) -> tuple[int, int]:
    """Where the numbered points of a Surat Edaran lie in `text`: after its title (the addressees above it are
    numbered too: "Yth. 1. Gubernur; 2. Bupati/Wali Kota") and before its closing, signature and Tembusan."""
    found = _title(text)
    start = 0 if found is None else found[1].end() if found[1] else found[0].end()
    end = _LETTER_END.search(text, start)
    return start, end.start() if end else len(text)


# The office on a letter's head, above "SURAT EDARAN": "WALI KOTA BEKASI", "MENTERI DALAM NEGERI".
_LETTERHEAD = re.compile(r"(?m)^[ \t]*((?:WALI\s*KOTA|BUPATI|GUBERNUR|MENTERI|SEKRETARIS\s+DAERAH)(?:[ ]+[A-Z]+){1,4})"
                         r"[ \t]*$")


def _signed_year(text: str, start: int) -> int | None:
    """The year a document was signed, for a Surat Edaran or Keputusan whose number carries none:
    "Ditetapkan di Bekasi pada tanggal 3 Mei 2021", or a letter's "Bekasi, 12 Januari 2024"."""
    m = _ENACTED.search(text, start) or _SIGNED.search(text)  # a letter is dated above its title
    return int(fix_digits(m.group("y"))) if m and fix_digits(m.group("y")).isdigit() else None


def fix_numbers(s: str) -> str:
    """OCR digits repaired where a number is expected: 'NOMOR I1 TAHUN 2OO8' -> 'NOMOR 11 TAHUN 2008'."""
    return re.sub(r"(?i)(nomor|tahun)\s+([0-9OoIl]+)\b", lambda m: f"{m.group(1)} {fix_digits(m.group(2))}", s)


def references(text: str) -> list[RegulationId]:
    """Regulations named in running text ("Peraturan Pemerintah Nomor 50 Tahun 2007"), in order."""
    return [r for m in _REFERENCE.finditer(text) if (r := _regulation(m)) is not None]


# -- relations and dates ---------------------------------------------------------------------------

_AMENDS = re.compile(r"^Perubahan(?:\s+\w+)?\s+atas\s+", re.IGNORECASE)
_REVOKED = re.compile(r"dicabut\s+dan\s+dinyatakan\s+tidak\s+berlaku", re.IGNORECASE)
_PENJELASAN = re.compile(r"PENJE\S{1,3}ASAN\s+ATAS\b")
_MONTHS = {m: i for i, m in enumerate(("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
                                       "september", "oktober", "november", "desember"), 1)}
_DATE = r"pada\s+tan\S{1,5}\s+(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]+)\s*(?P<y>[0-9OoIlLT]{4})"
# An Instruksi or a Surat Edaran is "Dikeluarkan" (issued) rather than enacted.
_ENACTED = re.compile(r"\b(?:Ditetapkan|Disahkan|Dikeluarkan)\s+di\s+(?:[A-Za-z ]{2,30}?\s*,?\s*)?" + _DATE)
_SIGNED = re.compile(r"(?m)^[ \t]*[A-Z][A-Za-z ]{2,30},[ \t]*(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]+)\s+(?P<y>(?:19|20)\d\d)\b")
_PROMULGATED = re.compile(r"\bDiundangkan\s+di\s+(?:[A-Za-z ]{2,30}?\s*,?\s*)?" + _DATE)


@dataclass(frozen=True)
class Regulation:
    """A regulation as the corpus knows it: identity, dates, and what it amends or revokes."""
    ident: RegulationId
    mengubah: tuple[str, ...] = ()  # short cites of the regulations it amends
    mencabut: tuple[str, ...] = ()  # ... it revokes as a whole
    mencabut_sebagian: tuple[str, ...] = ()  # ... some of whose Pasal it revokes
    ditetapkan: str = ""  # ISO date of enactment ("Ditetapkan/Disahkan di ... pada tanggal")
    diundangkan: str = ""  # ISO date of promulgation
    unit_kind: str = "pasal"  # "diktum": a Keputusan, an Instruksi (KESATU, ...); "angka": a Surat Edaran's points

    def metadata(self) -> dict[str, Scalar]:
        r = self.ident
        meta: dict[str, Scalar] = {"doc_type": "regulasi", "jenis": r.jenis, "nomor": r.nomor, "tahun": r.tahun,
                                   "short_cite": r.cite, "title": f"{r.cite} tentang {r.tentang}" if r.tentang else r.cite}
        optional = {"tentang": r.tentang, "issuer": r.issuer, "mengubah": "; ".join(self.mengubah),
                    "mencabut": "; ".join(self.mencabut), "mencabut_sebagian": "; ".join(self.mencabut_sebagian),
                    "tanggal_ditetapkan": self.ditetapkan, "tanggal_diundangkan": self.diundangkan,
                    "unit_kind": self.unit_kind if self.unit_kind != "pasal" else ""}
        meta.update({k: v for k, v in optional.items() if v})
        return meta


def _date(m: re.Match | None, tahun: int) -> str:
    """ISO date of a "pada tanggal 2 Oktober 2014" match. OCR's 'T' is a 7 or a 1 in a year ('2OLT' is
    2017, '2O2T' is 2021): the reading in the regulation's own year (or the next) wins."""
    if not m or m.group("m").lower() not in _MONTHS:
        return ""
    readings = [fix_digits(m.group("y").replace("L", "1").replace("T", t)) for t in "71"]
    years = [int(y) for y in readings if y.isdigit()]
    if not years:
        return ""
    year = next((y for y in years if y in (tahun, tahun + 1)), years[0])
    return f"{year}-{_MONTHS[m.group('m').lower()]:02d}-{int(m.group('d')):02d}"


def _revoked(body: str) -> tuple[list[str], list[str]]:
    """(whole, partial) revocations stated in the body. The clause runs from "Pada saat ... berlaku,"
    to "dicabut dan dinyatakan tidak berlaku"; each of its items names the revoked regulation
    first (then what amended it), and an item that starts with "Pasal" revokes only part of it."""
    whole: list[str] = []
    partial: list[str] = []
    for m in _REVOKED.finditer(body):
        window = body[max(0, m.start() - 3000):m.start()]
        openings = list(re.finditer(r"Pada\s+saat\s+[^,:]{0,150}?(?:berlaku|diundangkan)\s*[,:]", window))
        clause = window[openings[-1].end():] if openings else window[-600:]
        for item in re.split(r"[;\n]", clause):
            item = re.sub(r"^\s*(?:[a-z]|\d{1,2})\.\s+", "", item)  # "b. Undang-Undang ..."
            refs = references(item)
            if refs:
                (partial if re.match(r"\s*Pasal\b", item) else whole).append(refs[0].cite)
    return list(dict.fromkeys(whole)), list(dict.fromkeys(partial))


def describe(text: str) -> Regulation | None:
    """Identity, dates and relations of the regulation `text` holds, or None if it is not one."""
    ident = identify(text)
    if ident is None:
        return None
    pj = _PENJELASAN.search(text)
    body = text[:pj.start()] if pj else text
    amended = references(ident.tentang) if _AMENDS.match(ident.tentang) else []
    whole, partial = _revoked(body)
    return Regulation(ident, mengubah=tuple(r.cite for r in amended[:1]), mencabut=tuple(whole),
                      mencabut_sebagian=tuple(partial), ditetapkan=_date(_ENACTED.search(body), ident.tahun),
                      diundangkan=_date(_PROMULGATED.search(body), ident.tahun),
                      unit_kind=_unit_kind(ident, body))


def _unit_kind(ident: RegulationId, body: str) -> str:
    """What the body is numbered by: the points (angka) of a Surat Edaran, the diktum (KESATU, KEDUA, ...) of
    a Keputusan or Instruksi, or Pasal."""
    if ident.jenis == "SE":
        return "angka" if angka_markers(body, *letter_body(body)) else "pasal"
    return "diktum" if diktum_markers(body) else "pasal"


# A legal act's head: a line that starts with a jenis word in capitals, and further on the preamble of an act
# (a thesis titled "ANALISIS KEPUTUSAN ..." has neither; its "NOMOR INDUK MAHASISWA" is no act's number).
_ACT_WORD = re.compile(r"(?m)^[ \t#*]*(?:PERATURAN|(?:SURAT\s+)?KEPUTUSAN|INSTRUKSI|SURAT\s+EDARAN|"
                       r"UNDANG[\s-]*UNDANG)\b")
_ACT_FORM = re.compile(r"\b(?:Menimbang|MENIMBANG|MEMUTUSKAN|MENGINSTRUKSIKAN)\b")
_JENIS_ANY = re.compile(_JENIS_ALT, re.IGNORECASE)


@dataclass(frozen=True)
class Unidentified:
    """A text that looks like a legal act but whose identity cannot be read: why, and its heading as a title."""
    reason: str
    title: str  # "Keputusan Wali Kota Bekasi tentang Panitia Pelaksana Hari Jadi Kota Bekasi"


def unreadable(text: str) -> Unidentified | None:
    """For a text whose identity `identify` cannot read: what is missing if it looks like a legal act, else None.
    A Keputusan scanned before its number was filled in ("NOMOR : ...."), or a jenis we do not know."""
    head = _ACT_WORD.search(text[:_HEAD + 400])
    if head is None or head.start() > _HEAD or not _ACT_FORM.search(text, head.end(), head.end() + 5000):
        return None
    if _JENIS_ANY.search(text, head.start(), head.start() + 200):
        reason = "nomor/tahun tidak terbaca / number/year unreadable"
    else:
        reason = "jenis/nomor/tahun tidak terbaca / kind/number/year unreadable"
    end = text.find("\n", head.start())
    name = re.split(r"\s+(?:NOMOR|TENTANG)\b", text[head.start():end if end >= 0 else None])[0]  # "KEPUTUSAN ..."
    t = _TENTANG.search(text, head.end(), head.end() + 600)
    title = title_case(name.strip(" \t#*")) + (f" tentang {title_case(t.group('tentang'))}" if t else "")
    return Unidentified(reason, title[:200])
