"""Identify a cooperation agreement from its text, wherever the file sits: Nota Kesepahaman, MoU, Perjanjian
Kerja Sama (PKS), Kesepakatan Bersama. Read from its head: jenis, parties, subject, each party's own number,
the date and place of signing; from its body: the duration.

"NOTA KESEPAHAMAN ANTARA POLITEKNIK NEGERI JAKARTA DENGAN SERIKAT ORGANISASI TEKNIK VOKASI INDONESIA (SOTVI)
TENTANG ... Nomor: 1021/PL3/KS.00.00/2024 Nomor: 017/SOTVI/NK/V/2024 Pada hari ini Senin tanggal dua puluh
bulan Mei tahun dua ribu dua puluh empat, bertempat di Depok ..." -> cite "Nota Kesepahaman PNJ–SOTVI 2024".

A text that only talks about agreements (a regulation's Pasal on kerja sama daerah, a thesis on MoUs) is none:
the kind must open the document in capitals, as a title does, before anything a regulation opens with, and
the agreement must name two parties.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Scalar
from .quality import is_word
from .regulation import title_case
from .tanggal import signing_date

# Earliest in the title wins: a PKS "... SEBAGAI TINDAK LANJUT NOTA KESEPAHAMAN ..." is a PKS.
_KINDS = {"Nota Kesepahaman": r"NOTA\s+KESEPAHAMAN", "MoU": r"MEMORANDUM\s+OF\s+UNDERSTANDING|MOU\b",
          "Nota Kesepakatan": r"NOTA\s+KESEPAKATAN(?:\s+BERSAMA)?", "Kesepakatan Bersama": r"KESEPAKATAN\s+BERSAMA",
          "PKS": r"PERJANJIAN\s+KERJA\s*SAMA", "Perjanjian": r"PERJANJIAN"}
_KIND = re.compile("|".join(f"(?P<k{i}>\\b(?:{p}))" for i, p in enumerate(_KINDS.values())))
_HEAD = 600  # the title opens the document, after at most a letterhead or the logos' OCR specks
# What a regulation's title opens with; before an agreement's kind it means the text is about agreements.
_REGULATION_WORDS = re.compile(r"\b(?:UNDANG|PERATURAN|KEPUTUSAN|INSTRUKSI|SURAT\s+EDARAN|PENJELASAN|TENTANG)\b")
# The title ends where its capitals do, at TENTANG or NOMOR, or where the preamble begins.
_PARTIES = re.compile(r"\bANTARA\s+(?P<p>[^a-z]+?)(?=\s+(?:TENTANG|NOMOR|Nomor|Pada\s+hari)\b|\s+\S*[a-z]|\s*$)")
_TENTANG = re.compile(r"\bTENTANG\s+(?P<t>[^a-z]+?)(?=\s+NOMOR\b|\s+\S*[a-z]|\s*$)")
# Each party registers the agreement under its own number: "Nomor: 1021/PL3/KS.00.00/2024", OCR "Nomor :".
_NOMOR = re.compile(r"\b(?:NOMOR|Nomor|No\.)(?:\s+PIHAK\s+(?P<role>PERTAMA|KEDUA|KETIGA))?\s*:?\s*"
                    r"(?P<n>[0-9A-Za-z][0-9A-Za-z./()-]*[0-9A-Za-z)])")
_PREAMBLE = re.compile(r"\bPada\s+hari\s+ini\b", re.IGNORECASE)
# "... untuk dan atas nama Politeknik Negeri Jakarta, berkedudukan di ..., selanjutnya disebut PIHAK PERTAMA".
_ON_BEHALF = re.compile(r"\batas\W{0,2}nama\s+(?P<p>[A-Z][^,;:]{2,120}?)\s*(?=[,;:]|\s(?:yang|selanjutnya|"
                        r"berkedudukan|beralamat|dalam)\b)")
_ROLE = re.compile(r"\bdisebut\s+(?:sebagai\s+)?[\"“]?PIHAK\s+(?P<role>PERTAMA|KEDUA|KETIGA)\b")
ROLES = ("pertama", "kedua", "ketiga")
_PLACE = re.compile(r"\bbertempat\s+di\s+(?P<p>[A-Z][^,;.()]{1,80}?)\s*(?=[,;.(]|\s(?:kami|yang|telah|para)\b)")
_DURATION = re.compile(r"\b(?:jangka\s+waktu|berlaku\s+selama)[\s.,:]+(?:selama\s+)?(?P<n>\d{1,3})\s*"
                       r"\(\s*(?P<w>[a-z ]{3,30}?)\s*\)\s*(?P<u>tahun|bulan|hari)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_GOVERNMENT = [(r"^Pemerintah\s+Kota\s+", "Pemkot "), (r"^Pemerintah\s+Kabupaten\s+", "Pemkab "),
               (r"^Pemerintah\s+Provinsi\s+", "Pemprov ")]
_LEGAL_FORM = [(r"\s*\((?:Persero|Perseroda)\)", ""), (r",?\s+Tbk\.?$", "")]
# Words no acronym takes a letter from.
_NOT_INITIALS = {"dan", "di", "ke", "dari", "untuk", "of", "and", "the", "pt", "cv", "tbk", "persero", "perseroda"}
_KEEP_UPPER = {"PT", "CV", "BUMD", "BUMN", "RI"}


@dataclass(frozen=True)
class Agreement:
    jenis: str  # Nota Kesepahaman | MoU | Nota Kesepakatan | Kesepakatan Bersama | PKS | Perjanjian
    pihak: tuple[str, ...]  # the parties, PIHAK PERTAMA first
    singkatan: tuple[str, ...] = ()  # the short name of each party in citations: "PNJ", "Pemkot Bekasi"
    tentang: str = ""
    nomor: tuple[str, ...] = ()  # each party's own number, in the order of `pihak`; "" where none was read
    tahun: int | None = None
    tanggal: str = ""  # ISO date of signing
    tempat: str = ""
    jangka_waktu: str = ""  # "3 (tiga) tahun"

    @property
    def cite(self) -> str:
        names = self.singkatan or self.pihak
        # "PNJ–SOTVI", but "Pemkot Bekasi – PT Telkom": a spaced dash where the names have spaces.
        parties = ("–" if all(" " not in n for n in names) else " – ").join(names)
        return " ".join(x for x in (self.jenis, parties, str(self.tahun or "")) if x)

    def metadata(self) -> dict[str, Scalar]:
        meta: dict[str, Scalar] = {"doc_type": "perjanjian", "jenis": self.jenis, "short_cite": self.cite,
                                   "title": f"{self.cite} tentang {self.tentang}" if self.tentang else self.cite}
        optional = {"tentang": self.tentang, "pihak": "; ".join(self.pihak),
                    "nomor": "; ".join(n for n in self.nomor if n), "tahun": self.tahun, "tanggal": self.tanggal,
                    "tempat": self.tempat, "jangka_waktu": self.jangka_waktu}
        optional.update({f"nomor_pihak_{role}": n for role, n in zip(ROLES, self.nomor)})
        meta.update({k: v for k, v in optional.items() if v})
        return meta


def _name(s: str) -> str:
    """'PT TELEKOMUNIKASI INDONESIA (PERSERO) TBK' -> 'PT Telekomunikasi Indonesia (Persero) Tbk'; an acronym in
    brackets stays in capitals: '(SOTVI)'."""
    words = title_case(s).split(" ")
    raw = re.sub(r"\s+", " ", s).strip().split(" ")
    return " ".join(r if r.upper() in _KEEP_UPPER or (r.startswith("(") and not is_word(r.strip("()").lower())) else w
                    for w, r in zip(words, raw))


def _words(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", s.lower())


def _split(parties: str, named: list[str]) -> tuple[str, str] | None:
    """'KEMENTERIAN KOMUNIKASI DAN INFORMATIKA DENGAN PEMERINTAH KOTA BEKASI' -> the two parties. DAN also joins
    words inside a name, so the split is where the first party ends as the preamble names it, else at DENGAN,
    else at the first DAN."""
    tokens = parties.split(" ")
    seps = [i for i, t in enumerate(tokens) if t in ("DAN", "DENGAN") and 0 < i < len(tokens) - 1]
    ends_named = [i for i in seps if any(_words(" ".join(tokens[:i]))[-len(_words(n)):] == _words(n) for n in named)]
    at = (ends_named or [i for i in seps if tokens[i] == "DENGAN"] or seps or [None])[0]
    return None if at is None else (" ".join(tokens[:at]), " ".join(tokens[at + 1:]))


def _reconcile(title_party: str, named: list[str]) -> str:
    """A party as the title writes it, cut to the name the preamble gives it ("... atas nama X") when the title
    line holds more: OCR puts the logos' captions on the title's lines ("PNJ SERIKAT ... INDONESIA SOTVI").
    A bracketed part right after the name ("(PERSERO)", "(SOTVI)") is the name's own."""
    tokens = title_party.split(" ")
    low = [" ".join(_words(t)) for t in tokens]
    for name in named:
        want = _words(name)
        for i in range(len(tokens) - len(want) + 1):
            if low[i:i + len(want)] == want:
                end = i + len(want)
                while end < len(tokens) and (tokens[end].startswith("(") or tokens[end].upper().strip(".") == "TBK"):
                    end += 1
                return " ".join(tokens[i:end])
    return title_party


def _preamble_parties(head: str) -> dict[str, str]:
    """role -> name, from "atas nama <name>, ... selanjutnya disebut PIHAK <role>"."""
    found: dict[str, str] = {}
    names = list(_ON_BEHALF.finditer(head))
    for i, m in enumerate(names):
        until = names[i + 1].start() if i + 1 < len(names) else len(head)
        role = _ROLE.search(head, m.end(), min(until, m.end() + 400))
        if role and role.group("role").lower() not in found:
            found[role.group("role").lower()] = m.group("p").strip()
    return found


def short_party(name: str, text: str = "") -> str:
    """How a citation names a party: the acronym the text defines ("... Indonesia (SOTVI)") or shows (PNJ standing
    alone for Politeknik Negeri Jakarta), else "Pemkot Bekasi" for a Pemerintah Kota, else the name without its
    legal form ("(Persero) Tbk")."""
    bracket = re.search(r"\(([A-Z][A-Za-z]{1,9})\)$", name)
    if bracket and not is_word(bracket.group(1).lower()):
        return bracket.group(1)
    words = _words(re.sub(r"\(.*?\)", " ", name))
    pattern = r"\s+".join(map(re.escape, name.split()))
    defined = re.search(rf"(?i:{pattern})\s*(?:\(|,?\s+(?:yang\s+)?selanjutnya\s+disingkat\s+)([A-Z][A-Za-z]{{1,9}})\b",
                        text)
    if defined and not is_word(defined.group(1).lower()):
        return defined.group(1)
    for pattern, repl in _GOVERNMENT:
        if re.match(pattern, name, re.IGNORECASE):
            return re.sub(pattern, repl, name, flags=re.IGNORECASE).strip()
    initials = "".join(w[0] for w in words if w not in _NOT_INITIALS and not w.isdigit()).upper()
    # Shown means standing alone, not inside a number: "JTP" in "JTP-041/HK.02/2023" is the number's code.
    if len(initials) >= 2 and re.search(rf"(?<![\w/.-]){initials}(?![\w/-])", text):
        return initials
    for pattern, repl in _LEGAL_FORM:
        name = re.sub(pattern, repl, name, flags=re.IGNORECASE)
    return name.strip()


def _numbers(head: str, start: int, end: int, short: list[str]) -> tuple[str, ...]:
    """Each party's number, in party order: by a role label ("Nomor PIHAK KEDUA:"), else by the party's code in
    the number ("017/SOTVI/NK/V/2024"), else in the order written (the first party's number comes first)."""
    slots = [""] * len(short)
    unplaced = []
    for m in _NOMOR.finditer(head, start, end):
        n = m.group("n")
        if not re.search(r"\d", n) or n in slots:
            continue
        segments = set(re.split(r"[/.-]", n.upper()))
        role = ROLES.index(m.group("role").lower()) if m.group("role") else None
        owner = role if role is not None and role < len(slots) else \
            next((i for i, s in enumerate(short) if s.upper() in segments), None)
        if owner is not None and not slots[owner]:
            slots[owner] = n
        else:
            unplaced.append(n)
    for n in unplaced:
        if "" in slots:
            slots[slots.index("")] = n
    return tuple(slots)


def identify_agreement(text: str) -> Agreement | None:
    """The agreement whose title opens `text`, or None."""
    head = re.sub(r"\s+", " ", text[:4000]).strip()
    kind = _KIND.search(head, 0, _HEAD)
    if kind is None or _REGULATION_WORDS.search(head, 0, kind.start()):
        return None
    jenis = list(_KINDS)[int(next(k for k, v in kind.groupdict().items() if v)[1:])]
    preamble = _PREAMBLE.search(head, kind.end())
    title_end = preamble.start() if preamble else min(len(head), kind.end() + 1200)
    named = _preamble_parties(head)
    parties_m = _PARTIES.search(head, kind.end(), title_end)
    split = _split(parties_m.group("p"), list(named.values())) if parties_m else None
    if split:
        parties = [_name(_reconcile(p, list(named.values()))) for p in split]
    else:
        parties = [named[r] for r in ROLES if r in named]
    if len(parties) < 2:
        return None  # an agreement binds parties; without them this is a text about agreements
    body = re.sub(r"\s+", " ", text[:60000])
    short = [short_party(p, body) for p in parties]
    t = _TENTANG.search(head, kind.end(), title_end)
    numbers = _numbers(head, kind.end(), title_end, short)
    signed = signing_date(head[title_end:title_end + 600]) if preamble else None
    place = _PLACE.search(head, title_end, title_end + 600) if preamble else None
    duration = _DURATION.search(body)
    years = ([signed.year] if signed else []) + [int(y) for n in numbers for y in _YEAR.findall(n)] + \
        [int(y) for y in _YEAR.findall(head[:1500])]
    return Agreement(
        jenis=jenis, pihak=tuple(parties), singkatan=tuple(short), tentang=title_case(t.group("t")) if t else "",
        nomor=numbers if any(numbers) else (), tahun=years[0] if years else None,
        tanggal=signed.isoformat() if signed else "", tempat=place.group("p").strip() if place else "",
        jangka_waktu=f"{duration['n']} ({duration['w'].lower()}) {duration['u'].lower()}" if duration else "")
