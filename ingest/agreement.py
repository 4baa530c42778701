"""Identify a cooperation agreement (Nota Kesepahaman / MoU, Perjanjian Kerja Sama / PKS) from its head:
jenis, parties, subject, numbers, year, short citation.

"PERJANJIAN KERJA SAMA ANTARA PEMERINTAH KOTA BEKASI DENGAN PT TELEKOMUNIKASI INDONESIA (PERSERO) TBK
TENTANG ... NOMOR: 555/41/DISKOMINFO/2017" -> PKS, parties ("Pemerintah Kota Bekasi", "PT Telekomunikasi
Indonesia (Persero) Tbk"), cite "PKS Pemkot Bekasi – PT Telekomunikasi Indonesia 2017".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Scalar
from .regulation import title_case

_KINDS = [(r"NOTA\s+KESEPAHAMAN|MEMORANDUM\s+OF\s+UNDERSTANDING|KESEPAKATAN\s+BERSAMA", "MoU"),
          (r"PERJANJIAN\s+KERJA\s*SAMA|PERJANJIAN", "PKS")]
_HEAD = 400  # the title opens the document
_PARTIES = re.compile(r"\bANTARA\s+(?P<a>[^a-z]+?)\s+(?:DAN|DENGAN)\s+(?P<b>[^a-z]+?)"
                      r"(?=\s+(?:TENTANG|NOMOR|Pada\s+hari)\b|\s+\S*[a-z])")
_TENTANG = re.compile(r"\bTENTANG\s+(?P<t>[^a-z]+?)(?=\s+NOMOR\b|\s+\S*[a-z])")
_NOMOR = re.compile(r"\bNOMOR\s*:?\s*(?P<n>[0-9A-Za-z][0-9A-Za-z./()-]*[0-9A-Za-z)])")
# In the preamble: "... untuk dan atas nama Pemerintah Kota Bekasi, selanjutnya disebut PIHAK PERTAMA".
_PARTY_CLAUSE = re.compile(r"atas\s+nama\s+(?P<p>[^,;]{3,120}?)\s*,?\s*(?:yang\s+)?selanjutnya\s+disebut\s+"
                           r"(?:sebagai\s+)?PIHAK\s+(?:PERTAMA|KEDUA)", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_SHORT_PARTY = [(r"^Pemerintah\s+Kota\s+", "Pemkot "), (r"^Pemerintah\s+Kabupaten\s+", "Pemkab "),
                (r"^Pemerintah\s+Provinsi\s+", "Pemprov "), (r"\s*\((?:Persero|Perseroda)\)", ""),
                (r",?\s+Tbk\.?$", "")]


@dataclass(frozen=True)
class Agreement:
    jenis: str  # MoU | PKS
    pihak: tuple[str, ...]  # the parties, first party first
    tentang: str = ""
    nomor: tuple[str, ...] = ()  # each party numbers the agreement in its own register
    tahun: int | None = None

    @property
    def cite(self) -> str:
        parties = " – ".join(short_party(p) for p in self.pihak)
        return " ".join(x for x in (self.jenis, parties, str(self.tahun or "")) if x)

    def metadata(self) -> dict[str, Scalar]:
        meta: dict[str, Scalar] = {"doc_type": "perjanjian", "jenis": self.jenis, "short_cite": self.cite,
                                   "title": f"{self.cite} tentang {self.tentang}" if self.tentang else self.cite}
        optional = {"tentang": self.tentang, "pihak": "; ".join(self.pihak), "nomor": "; ".join(self.nomor),
                    "tahun": self.tahun}
        meta.update({k: v for k, v in optional.items() if v})
        return meta


def short_party(name: str) -> str:
    for pattern, repl in _SHORT_PARTY:
        name = re.sub(pattern, repl, name, flags=re.IGNORECASE)
    return name.strip()


def _name(s: str) -> str:
    """'PT TELEKOMUNIKASI INDONESIA (PERSERO) TBK' -> 'PT Telekomunikasi Indonesia (Persero) Tbk'."""
    words = title_case(s).split(" ")
    return " ".join(w.upper() if w.upper() in ("PT", "CV", "BUMD", "BUMN", "RI") else w for w in words)


def identify_agreement(text: str) -> Agreement | None:
    """The agreement whose title opens `text`, or None."""
    head = re.sub(r"\s+", " ", text[:3000]).strip()
    kind = next(((m, short) for pattern, short in _KINDS if (m := re.search(pattern, head[:_HEAD]))), None)
    if kind is None:
        return None
    m, jenis = kind
    parties_m = _PARTIES.search(head, m.end(), m.end() + 600)
    parties = [_name(parties_m.group("a")), _name(parties_m.group("b"))] if parties_m else \
        [p.strip() for p in dict.fromkeys(x.group("p") for x in _PARTY_CLAUSE.finditer(head))]
    if len(parties) < 2:
        return None  # an agreement binds parties; without them this is a text about agreements
    t = _TENTANG.search(head, m.end(), m.end() + 800)
    numbers = tuple(dict.fromkeys(n.group("n") for n in _NOMOR.finditer(head, m.end(), m.end() + 1200)))
    years = [int(y) for n in numbers for y in _YEAR.findall(n)] or [int(y) for y in _YEAR.findall(head[:1500])]
    return Agreement(jenis=jenis, pihak=tuple(parties), tentang=title_case(t.group("t")) if t else "",
                     nomor=numbers, tahun=years[0] if years else None)
