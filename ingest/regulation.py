"""Identify a regulation from its title: jenis, nomor, tahun, tentang, issuer, short citation.

"UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 23 TAHUN 2014 TENTANG PEMERINTAHAN DAERAH"
-> jenis "UU", nomor "23", tahun 2014, tentang "Pemerintahan Daerah", cite "UU 23/2014".
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class RegulationId:
    jenis: str  # short form: UU, Perppu, PP, Perpres, Permen..., Perda, Pergub, Perbup, Perwal, Kepwal ...
    nomor: str
    tahun: int
    tentang: str = ""
    issuer: str = ""  # "Kota Bekasi", "Kementerian Dalam Negeri"

    @property
    def cite(self) -> str:
        issuer = f" {self.issuer}" if self.issuer and self.jenis in _REGIONAL else ""
        return f"{self.jenis}{issuer} {self.nomor}/{self.tahun}"


_REGIONAL = {"Perda", "Pergub", "Perbup", "Perwal", "Kepwal", "Kepbup", "Kepgub"}

# Longest names first so "PERATURAN PEMERINTAH PENGGANTI UNDANG-UNDANG" wins over "PERATURAN PEMERINTAH".
_JENIS: list[tuple[str, str]] = [
    (r"PERATURAN\s+PEMERINTAH\s+PENGGANTI\s+UNDANG[\s-]*UNDANG", "Perppu"),
    (r"UNDANG[\s-]*UNDANG(?:\s+DASAR)?", "UU"),
    (r"PERATURAN\s+PEMERI\w*(?:AH)?", "PP"),  # OCR: "PEMERIMAH"
    (r"PERATURAN\s+PRESIDEN", "Perpres"),
    (r"KEPUTUSAN\s+PRESIDEN", "Keppres"),
    (r"PERATURAN\s+MENTERI\s+DALAM\s+NEGERI", "Permendagri"),
    (r"PERATURAN\s+MENTERI\s+KOMUNIKASI\s+DAN\s+INFORMATIKA", "Permenkominfo"),
    (r"PERATURAN\s+MENTERI\s+PENDAYAGUNAAN\s+APARATUR\s+NEGARA[\w\s]*?REFORMASI\s+BIROKRASI", "PermenPANRB"),
    (r"PERATURAN\s+MENTERI(?:\s+[A-Z]+){0,6}?", "Permen"),
    (r"KEPUTUSAN\s+MENTERI(?:\s+[A-Z]+){0,6}?", "Kepmen"),
    (r"PERATURAN\s+DAERAH(?:\s+(?:PROVINSI|KABUPATEN|KOTA))?", "Perda"),
    (r"PERATURAN\s+GUBERNUR", "Pergub"),
    (r"PERATURAN\s+BUPATI", "Perbup"),
    (r"PERATURAN\s+WALI\s*KOTA", "Perwal"),
    (r"KEPUTUSAN\s+WALI\s*KOTA", "Kepwal"),
    (r"KEPUTUSAN\s+BUPATI", "Kepbup"),
    (r"KEPUTUSAN\s+GUBERNUR", "Kepgub"),
]

# OCR reads O for 0 and l/I for 1 inside numbers: "2O2O", "2Ol4".
_DIGITISH = r"[0-9OoIl]"
_TITLE = re.compile(
    r"(?P<jenis>" + "|".join(p for p, _ in _JENIS) + r")"
    r"(?P<issuer>(?:\s+(?!NOMOR)[A-Z][A-Za-z.]*){0,4}?)"
    r"\s+NOMOR\s+(?P<nomor>[0-9A-Za-z./-]+?)\s+TAHUN\s+(?P<tahun>" + _DIGITISH + r"{4})"
    r"(?:\s+TENTANG\s+(?P<tentang>.+?))?(?=\s+DENGAN\s+RAHMAT|\s+Menimbang|\n|$)",
    re.IGNORECASE | re.DOTALL)


def _fix_digits(s: str) -> str:
    return s.translate(str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"}))


def _short_jenis(matched: str) -> str:
    up = re.sub(r"\s+", " ", matched.upper())
    for pattern, short in _JENIS:
        if re.fullmatch(pattern, up, re.IGNORECASE):
            return short
    return "Peraturan"


def _title_case(s: str) -> str:
    small = {"dan", "atau", "di", "ke", "dari", "yang", "atas", "tentang", "untuk", "dalam", "pada"}
    words = re.sub(r"\s+", " ", s).strip().split(" ")
    return " ".join(w.lower() if i and w.lower() in small else w[:1].upper() + w[1:].lower()
                    for i, w in enumerate(words))


def identify(text: str) -> RegulationId | None:
    """The regulation named at the head of `text` (first 1500 characters), or None."""
    head = text[:1500]
    m = _TITLE.search(head)
    if not m:
        return None
    jenis = _short_jenis(m.group("jenis"))
    if jenis == "UU" and "DASAR" in m.group("jenis").upper():
        return None
    issuer = re.sub(r"\s+", " ", m.group("issuer") or "").strip()
    issuer = "" if issuer.upper() in ("REPUBLIK INDONESIA", "") else _title_case(issuer)
    if jenis == "Perda" and issuer and not re.match(r"(?i)(kota|kabupaten|provinsi)\b", issuer):
        kind = re.search(r"(KOTA|KABUPATEN|PROVINSI)\s*$", m.group("jenis").upper())
        if kind:
            issuer = f"{kind.group(1).title()} {issuer}"
    tentang = _title_case(m.group("tentang") or "")[:200]
    tahun = int(_fix_digits(m.group("tahun")))
    nomor = m.group("nomor").strip(".")
    if re.fullmatch(_DIGITISH + "+", nomor):
        nomor = str(int(_fix_digits(nomor)))
    return RegulationId(jenis=jenis, nomor=nomor, tahun=tahun, tentang=tentang, issuer=issuer)
