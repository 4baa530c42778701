"""Numbered markers of Indonesian legal text (Pasal, ayat, huruf, angka) found in OCR-damaged text.

Scanned regulations glue headings to sentences, read `(2)` as `(21` and `10` as `lO`, and quote
other articles everywhere ("sebagaimana dimaksud dalam Pasal 5 ayat (2)"). So every place that
could be a marker is a candidate with a score (how much it looks like a heading rather than a
reference), and the markers kept are the best-scoring chain in increasing order, where a
chain that counts 1, 2, 3 ... without gaps is worth most.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# OCR confusions inside numbers: "2O2O", "l1", "2T" (27), "S" (5), "g" (9).
_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "L": "1", "T": "7", "S": "5", "s": "5",
                            "g": "9"})
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True)
class Marker:
    start: int  # where the marker begins
    end: int  # just after the marker token
    label: str  # as cited: "5A", "I", "2", "b", "d1"
    key: tuple[int, str]  # order: (number, insertion suffix) so that 5 < 5A < 6, d < d1 < e
    score: float


def ocr_number(token: str) -> int | None:
    """'2O2O' -> 2020, 'l1' -> 11; None when the token holds no plausible number."""
    fixed = token.translate(_DIGIT_FIX)
    return int(fixed) if fixed.isdigit() else None


def roman(token: str) -> int | None:
    if not token or not re.fullmatch(r"[IVXLC]+", token):
        return None
    total = 0
    for a, b in zip(token, token[1:] + " "):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total


def is_next(prev: tuple[int, str], key: tuple[int, str]) -> bool:
    """key follows prev without a gap: 5 -> 6, 5 -> 5A, 5A -> 5B, 5A -> 6, d -> d1."""
    if key[0] == prev[0] + 1 and key[1] == "":
        return True
    if key[0] != prev[0] or not key[1]:
        return False
    if not prev[1]:
        return key[1] in ("A", "1", "a")
    return len(key[1]) == len(prev[1]) == 1 and ord(key[1]) == ord(prev[1]) + 1


# Weights of the chain: a marker that continues the count is worth a lot, each number skipped
# costs, so a reference to "Pasal 353" in the preamble cannot start a chain.
_CONSECUTIVE = 3.0
_GAP = 1.5
_JUMP = 1.0


def best_chain(cands: list[Marker]) -> list[Marker]:
    """The increasing (by position and by key) subsequence of candidates with the best total; a chain
    should start at 1 (or "a"), so a later start costs as if the numbers before it were skipped.

    Candidates must be sorted by position; several readings of one place may share a position
    and at most one of them is kept.
    """
    n = len(cands)
    if not n:
        return []
    best = [0.0] * n
    back = [-1] * n
    for i, c in enumerate(cands):
        best[i] = c.score - _GAP * max(0, c.key[0] - 1) - (_JUMP if c.key != (1, "") else 0.0)
        for j in range(i):
            p = cands[j]
            if p.start >= c.start or p.key >= c.key:
                continue
            gain = _CONSECUTIVE if is_next(p.key, c.key) else -_JUMP - _GAP * max(0, c.key[0] - p.key[0] - 1)
            v = best[j] + c.score + gain
            if v > best[i]:
                best[i], back[i] = v, j
    i = max(range(n), key=lambda k: (best[k], -k))
    out = []
    while i >= 0:
        out.append(cands[i])
        i = back[i]
    return out[::-1]


# -- Pasal headings ----------------------------------------------------------------------------
# "Pasal", and OCR's "pasal", "P asal", "PasaJ", "Pasai", "PasaL", "Pasil", "Pasa7"; amending laws count in roman.
# An inserted Pasal is "5A", some regions type "111a".
_PASAL = re.compile(
    r"(?<![A-Za-z])(?:[Pp] ?a[s5][aAi][lLJIit17]|PASAL)\s*"
    r"(?P<num>[0-9OoIlLT][0-9OoIlLTSg]{0,2}(?: [0-9](?![0-9]))?|[IVX]{1,5})(?P<suf>[A-Ha-h])?(?![A-Za-z0-9])")
# What a reference to another article looks like around "Pasal N".
_REF_BEFORE = re.compile(
    r"(?:\b(?:dalam|pada|dan|atau|dengan|sampai|ketentuan|menurut|berdasarkan|lihat|yaitu|yakni|tentang|dari|"
    r"serta|terhadap|oleh|mengenai|sesuai|kecuali|melaksanakan|diatur|termasuk|bahwa)|[,/(-])\s*$", re.IGNORECASE)
_REF_AFTER = re.compile(
    r"^\s*(?:ayat|huruf|angka|,|dan\b|atau\b|sampai|s\.d|jo\.?\b|UUD|Undang|Peraturan|Kitab|tentang|berlaku|diubah|"
    r"dihapus|berbunyi|disisipkan|tetap|serta|yang|dapat|mengenai|sebagaimana|di\s+antara|hanya|menjadi|"
    r"merupakan|ditambah|[)\].;])")
# What a heading looks like: the body starts with ayat "(1)", a capital, or (in a Penjelasan) "Ayat"/"Huruf".
_HEAD_AFTER = re.compile(r"^\s*(?:[(lt]\s*[1lI]\s*[)1lI]|\n|[A-Z\"“])")


def _context(text: str, start: int, end: int) -> tuple[str, str, bool]:
    before = text[max(0, start - 40):start]
    after = text[end:end + 40]
    line_start = before.rstrip(" \t#*").endswith("\n") or start == 0 or not before.strip(" \t#*")
    return before, after, line_start


def heading_score(text: str, start: int, end: int) -> float:
    """Positive where a numbered marker at text[start:end] heads a unit, negative where it cites one."""
    before, after, line_start = _context(text, start, end)
    score = 0.0
    if line_start:
        score += 2.0
    if after[:1] == "\n" or after.strip() == "":
        score += 2.0
    if _HEAD_AFTER.match(after):
        score += 1.0
    if re.search(r"[.:;]\s*$", before):
        score += 0.5
    if _REF_BEFORE.search(before):  # even at a line start: a PDF wraps lines anywhere
        score -= 3.0
    if _REF_AFTER.match(after):
        score -= 3.0
    return score


def pasal_candidates(text: str, start: int = 0, end: int | None = None, roman_numbers: bool = False) -> list[Marker]:
    """Every place in text[start:end] that could head a Pasal, each reading with its score.

    Without `roman_numbers` a roman-looking number is an OCR'd arabic one ("Pasal I" = 1).
    """
    out: list[Marker] = []
    for m in _PASAL.finditer(text, start, len(text) if end is None else end):
        num, suf = m.group("num"), (m.group("suf") or "").upper()
        score = heading_score(text, m.start(), m.end())
        readings: list[tuple[int, str]] = []
        if roman_numbers:
            r = roman(num)
            if r is not None:
                readings.append((r, num))
        else:
            for token in dict.fromkeys((num.replace(" ", ""), num.split(" ")[0])):
                v = ocr_number(token)
                if v is not None and 0 < v < 2000:
                    readings.append((v, str(v)))
        for value, label in readings:
            out.append(Marker(m.start(), m.end(), label + suf, (value, suf), score))
    return out


# -- ayat and points (huruf, angka) -------------------------------------------------------------
# Body ayat "(2)"; OCR also gives "(21", "l2l", "(l)", "(2t", "(s)". A Penjelasan writes "Ayat (2)".
_AYAT = re.compile(r"(?<![A-Za-z0-9])(?:[(\[{]\s*(?P<n>[0-9lIOSs]{1,2}[a-z]?)\s*(?P<close>[)\]}1lIt\\])"
                   r"|[lt(](?P<n2>[0-9])[lt)1](?![0-9]))")
_AYAT_PENJELASAN = re.compile(r"(?<![A-Za-z])Ayat\s*(?:[(\[{]\s*)?(?P<n>[0-9lIOSs]{1,2}[a-z]?)\s*[)\]}1lIt]?")
# "pada ayat (2)", "ayat (1) dan (2)": always a reference, even where a line wraps before the number.
_AYAT_REF = re.compile(r"\b(?:ayat|ayaL|iyat)\s*(?:[(\[]?\w{1,3}[)\]1lt]?\s*(?:,|dan|atau|sampai\s+dengan)\s*)*$",
                       re.IGNORECASE)
# Usually a reference too, but scanned text also glues a real "(2)" after such words.
_AYAT_REF_LIKELY = re.compile(r"(?:\bdan|\batau|,|\bhuruf\s+\w|\bPasal\s+\w+)\s*$", re.IGNORECASE)
# "a." "b," "d1." "12." at the start of a line or after ":" ";" (OCR keeps items on one line).
_POINT = re.compile(r"(?<![A-Za-z0-9./])(?P<label>[a-z][1-9]?|\d{1,2}[a-z]?)[.,](?=\s+\S)")
_POINT_PENJELASAN = re.compile(r"(?<![A-Za-z])(?:Huruf|Angka)\s*(?P<label>[a-z][1-9]?|\d{1,2}[a-z]?)\b")
_POINT_AFTER = re.compile(r"(?:^|[:;]|;\s*(?:dan|atau|dan/atau)|\.)\s*$")
_POINT_REF = re.compile(r"\b(?:huruf|angka|Pasal|ayat|Nomor|Tahun|No|butir|hlm|Rp)\s*$", re.IGNORECASE)


def _ayat_readings(m: re.Match) -> list[str]:
    if m.group("n2"):
        return [m.group("n2")]
    raw = m.group("n")
    out = [raw]
    if m.group("close") == "1" and len(raw) == 1:  # "(11" may also be "(11)" that lost its bracket
        out.append(raw + "1")
    return out


def _number_key(label: str) -> tuple[int, str] | None:
    """'2' -> (2, ''), '2a' -> (2, 'a'), OCR '(l)' -> (1, '')."""
    m = re.fullmatch(r"([0-9lIOSs]{1,2})([a-z]?)", label)
    v = ocr_number(m.group(1)) if m else None
    return (v, m.group(2)) if m and v else None


def _letter_key(label: str) -> tuple[int, str] | None:
    """'b' -> (2, ''), 'd1' -> (4, '1')."""
    m = re.fullmatch(r"([a-z])([1-9]?)", label)
    return (ord(m.group(1)) - 96, m.group(2)) if m else None


def ayat_markers(text: str, penjelasan: bool = False) -> list[Marker]:
    """The ayat markers of one Pasal's text, in order."""
    cands: list[Marker] = []
    pattern = _AYAT_PENJELASAN if penjelasan else _AYAT
    for m in pattern.finditer(text):
        before, after, line_start = _context(text, m.start(), m.end())
        if not penjelasan and _AYAT_REF.search(before):
            continue
        score = 1.0 + (2.0 if line_start else 0.0)
        if re.search(r"[.:;]\s*$", before):
            score += 1.0
        if not penjelasan and _AYAT_REF_LIKELY.search(before):
            score -= 4.0
        if re.match(r"\s*[A-Z\"“]", after):
            score += 1.0
        for label in (_ayat_readings(m) if not penjelasan else [m.group("n")]):
            key = _number_key(label)
            if key is not None:
                cands.append(Marker(m.start(), m.end(), f"{key[0]}{key[1]}", key, score))
    return best_chain(cands)


def point_markers(text: str, letters: bool, penjelasan: bool = False) -> list[Marker]:
    """The chain of huruf (letters=True) or angka markers in text, starting at 'a' or '1'."""
    cands: list[Marker] = []
    for m in (_POINT_PENJELASAN if penjelasan else _POINT).finditer(text):
        label = m.group("label")
        if label[0].isalpha() != letters:
            continue
        before, after, line_start = _context(text, m.start(), m.end())
        if not penjelasan and _POINT_REF.search(before):
            continue
        score = 1.0 + (2.0 if line_start else 0.0) + (1.0 if _POINT_AFTER.search(before) else -1.0)
        if m.group(0).endswith(","):
            score -= 1.0
        key = _letter_key(label) if letters else _number_key(label)
        if key is not None:
            cands.append(Marker(m.start(), m.end(), label, key, score))
    chain = best_chain(cands)
    return chain if len(chain) >= 2 else []  # a single "a." is not a list


# -- diktum: the numbered parts of a Keputusan or an Instruksi ("KESATU :", "KEDUA :", ...) ------
_ONES = {"SATU": 1, "DUA": 2, "TIGA": 3, "EMPAT": 4, "LIMA": 5, "ENAM": 6, "TUJUH": 7, "DELAPAN": 8, "SEMBILAN": 9}
_ONES_ALT = "|".join(_ONES)
_DIKTUM = re.compile(
    r"(?<![A-Za-z])(?P<word>PERTAMA|KE(?:" + _ONES_ALT + r"|SEPULUH|SEBELAS)(?:\s+(?:BELAS|PULUH(?:\s+(?:"
    + _ONES_ALT + r"))?))?)\s*:", re.IGNORECASE)
# "sebagaimana dimaksud dalam Diktum KESATU:", "Bagian Kesatu:" are no diktum headings.
_DIKTUM_REF = re.compile(r"\b(?:diktum|bagian|paragraf|angka|huruf)\s*$", re.IGNORECASE)


def ordinal(word: str) -> int | None:
    """'KESATU' and 'PERTAMA' -> 1, 'KESEBELAS' -> 11, 'KEDUA BELAS' -> 12, 'KEDUA PULUH SATU' -> 21."""
    words = word.upper().split()
    if words == ["PERTAMA"]:
        return 1
    if not words or not words[0].startswith("KE"):
        return None
    head = words[0][2:]
    base = _ONES.get(head) or {"SEPULUH": 10, "SEBELAS": 11}.get(head)
    if base is None:
        return None
    if len(words) == 1:
        return base
    if words[1] == "BELAS" and base < 10:
        return base + 10
    if words[1] == "PULUH" and base < 10:
        return base * 10 + (_ONES.get(words[2], 0) if len(words) > 2 else 0)
    return None


def diktum_markers(text: str, start: int = 0, end: int | None = None) -> list[Marker]:
    """The diktum headings of text[start:end] in order ("KESATU", "KEDUA", ...); [] when there are fewer
    than two, since every Keputusan has at least what it decides and when that takes effect."""
    cands: list[Marker] = []
    for m in _DIKTUM.finditer(text, start, len(text) if end is None else end):
        before = text[max(0, m.start() - 40):m.start()]
        n = ordinal(m.group("word"))
        if n is None or _DIKTUM_REF.search(before):
            continue
        label = " ".join(m.group("word").upper().split())
        cands.append(Marker(m.start(), m.end(), label, (n, ""), heading_score(text, m.start(), m.end())))
    chain = best_chain(cands)
    return chain if len(chain) >= 2 else []


# -- angka: the numbered points of a Surat Edaran ("1. Latar Belakang", "2. Maksud dan Tujuan", ...) ------
# Only "N." at a line start: a letter's hierarchy is 1. > a. > 1) > a), so "1)" is a point's sub-item.
_ANGKA = re.compile(r"(?m)^[ \t#*]*(?P<num>\d{1,2})\.[ \t]+(?=\S)")


def angka_markers(text: str, start: int = 0, end: int | None = None) -> list[Marker]:
    """The numbered points of text[start:end] in order (the body of a Surat Edaran); [] when fewer than two."""
    cands = [Marker(m.start("num"), m.end(), str(int(m.group("num"))), (int(m.group("num")), ""),
                    heading_score(text, m.start("num"), m.end()))
             for m in _ANGKA.finditer(text, start, len(text) if end is None else end) if int(m.group("num"))]
    chain = best_chain(cands)
    return chain if len(chain) >= 2 else []
