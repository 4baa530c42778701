"""Dates as agreements write them: "Pada hari ini Senin tanggal dua puluh bulan Mei tahun dua ribu dua puluh
empat" or "tanggal 20 Mei 2024" -> 2024-05-20."""
from __future__ import annotations

import datetime as dt
import re

MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
          "november", "desember")
_UNITS = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
          "delapan": 8, "sembilan": 9, "sebelas": 11}
_SCALES = {"belas": 10, "puluh": 10, "ratus": 100, "ribu": 1000}
_NUMBER = r"\d{1,4}|[a-z]+(?:[ -][a-z]+){0,6}?"
# "tanggal dua puluh bulan Mei tahun dua ribu dua puluh empat", "tanggal 20 Mei 2024", "tanggal 20 bulan Mei 2024".
_DATE = re.compile(rf"\btanggal\s+(?P<d>{_NUMBER})\s*,?\s+(?:bulan\s+)?(?P<m>{'|'.join(MONTHS)})\s*,?\s+"
                   rf"(?:tahun\s+)?(?P<y>{_NUMBER})(?=\s*[,.;:()]|\s+(?:bertempat|di|kami|yang|pukul)\b|\s*$)",
                   re.IGNORECASE)
# "(20-05-2024)" or "(20/05/2024)" right after the words: the digits are what was signed.
_DIGITS = re.compile(r"\s*\(\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})\s*\)")


def number(words: str) -> int | None:
    """'dua ribu dua puluh empat' -> 2024, 'sebelas' -> 11, '20' -> 20; None for anything else."""
    words = words.strip().lower()
    if words.isdigit():
        return int(words)
    total = current = 0
    for w in re.split(r"[\s-]+", words):
        if w.startswith("se") and w[2:] in _SCALES and w[2:] != "belas":  # seratus, seribu
            w = w[2:]
            current = current or 1
        if w in _UNITS:
            current += _UNITS[w]
        elif w == "belas":
            current += 10
        elif w in ("puluh", "ratus"):
            current = (current or 1) * _SCALES[w]
            if w == "ratus":
                total, current = total + current, 0
        elif w == "ribu":
            total, current = total + (current or 1) * 1000, 0
        else:
            return None
    return total + current


def signing_date(text: str) -> dt.date | None:
    """The first date written "tanggal <day> <month> <year>" in `text`, or None."""
    for m in _DATE.finditer(text):
        digits = _DIGITS.match(text, m.end())
        if digits:
            day, month, year = (int(g) for g in digits.groups())
        else:
            day, month, year = number(m.group("d")), MONTHS.index(m.group("m").lower()) + 1, number(m.group("y"))
        try:
            return dt.date(year, month, day) if day and year and 1945 <= year <= 2100 else None
        except ValueError:
            continue
    return None
