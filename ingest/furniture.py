"""Page furniture of PDFs: what is printed on every page for the reader of paper, never part of the text.

Running headers ("PRESIDEN / REPUBLIK INDONESIA", "2014, No.33 2", "PD. PARKIR/toat"), page numbers
("- 12 -", "Halaman 2 dari 10"), "SALINAN", the BSrE e-signature notice some regions print on every
page, and catchwords: the first words of the next page at the foot of this one ("5. Pejabat . . .",
"BAB II . . ."), which the legal parser would read as a second BAB II. Only lines at a page's top and
foot are candidates, and a line that reads as legal structure (Pasal, BAB, an ayat or a list item) is
never dropped for being repeated: "Pasal 5" at the top of many pages is text.
"""
from __future__ import annotations

import re
from collections import Counter

# Non-blank lines at the top and at the foot of a page where headers and footers sit: the BSrE notice
# takes three lines under the page number.
EDGE = 4
# A line at the edge of this share of pages (of at least MIN_PAGES) is a running header or footer.
REPEATED_SHARE = 0.6
MIN_PAGES = 3

# "- 12 -" (also broken over two lines, "- 12" and "-"), "12", "Halaman 2 dari 10", "hlm. 2"; and the "SALINAN" stamp.
_PAGE_NUMBER = re.compile(r"^(?:-?\s*\d+\s*-?|-|(?:halaman|hlm\.?|page)\s*\d+(?:\s*(?:dari|of)\s*\d+)?|SALINAN)$",
                          re.IGNORECASE)
_HEADER = re.compile(r"^(?:PRESIDEN|REPUBLIK INDONESIA|PRESIDEN REPUBLIK INDONESIA)$")  # at the top of a page
# "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan
# oleh BSrE / Balai Sertifikasi Elektronik (BSrE), BSSN" and the lines that go on with it (the UU ITE
# reference, where to verify it).
_BSRE = re.compile(r"^Dokumen ini (?:telah )?di\s?tandatangani secara elektronik", re.IGNORECASE)
_BSRE_MORE = re.compile(r"BSrE|BSSN|Transaksi Elektronik|tte\.|keabsahan|alat bukti|akibat hukum|"
                        r"sertifikat elektronik|dibuktikan", re.IGNORECASE)
_STRUCTURE = re.compile(r"^(?:Pasal|BAB|Bagian|Paragraf|Ayat|Huruf|Angka)\b|^\(\d+[a-z]?\)|^\d+[a-z]?\.\s|^[a-z]\.\s|"
                        r"cukup jelas", re.IGNORECASE)
_CATCHWORD = re.compile(r"^(.+?)\s*(?:(?:\.\s*){3}|…)$")
# Lines that are text however often they repeat at page edges: a sentence ending in punctuation, a short
# wrapped remainder in lower case ("dan", "layanan;", not "www.djpp.kemenkumham.go.id"), an act's number
# ("NOMOR : 224 /BAPPEDA/2023" heads both a Keputusan and its Lampiran) and a signer's office ("WALI KOTA
# BEKASI," under both). A short act repeats such lines at the edges of most of its pages (found by
# tests/test_legal_tree.py and the 3-page Keputusan in tests/test_regional_acts.py).
_SENTENCE = re.compile(r"^(?:\S+\s+){3,}\S*[^\W\d][.;:]$|,$")
_REMAINDER = re.compile(r"^[a-z](?:(?!\w\.\w)[^\s])*(?:\s+\S+){0,2}$")
_NUMBER = re.compile(r"^NOMOR\b", re.IGNORECASE)


def _is_text(line: str) -> bool:
    return any(p.search(line) for p in (_STRUCTURE, _SENTENCE, _REMAINDER, _NUMBER))


def _key(line: str) -> str:
    """A line as headers repeat it: the page number in "2014, No.33 2" changes from page to page."""
    return re.sub(r"\d+", "#", " ".join(line.split()))


def _edges(lines: list[str]) -> list[int]:
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    return sorted(set(filled[:EDGE] + filled[-EDGE:]))


def strip_furniture(pages: list[str]) -> list[str]:
    """The pages without their headers, footers, page numbers, e-signature notices and catchwords."""
    split = [p.split("\n") for p in pages]
    seen = Counter(k for lines in split for k in {_key(lines[i]) for i in _edges(lines)})
    repeated = {k for k, c in seen.items() if len(pages) >= MIN_PAGES and c >= REPEATED_SHARE * len(pages)}
    kept = [_strip_page(lines, repeated) for lines in split]
    for i in range(len(kept) - 1):
        _drop_catchword(kept[i], kept[i + 1])
    return ["\n".join(lines) for lines in kept]


def _strip_page(lines: list[str], repeated: set[str]) -> list[str]:
    edges = _edges(lines)
    top = set(edges[:EDGE])
    drop: set[int] = set()
    for i in edges:
        line = " ".join(lines[i].split())
        if (_PAGE_NUMBER.match(line) or (i in top and _HEADER.match(line))
                or (_key(line) in repeated and not _is_text(line))):
            drop.add(i)
        elif _BSRE.match(line):
            drop.add(i)
            following = [j for j in range(i + 1, len(lines)) if lines[j].strip()][:3]
            for j in following:  # its continuation lines, as long as they read as the notice
                if not _BSRE_MORE.search(lines[j]) or _STRUCTURE.match(lines[j].strip()):
                    break
                drop.add(j)
    return [ln for i, ln in enumerate(lines) if i not in drop]


def _squeezed(line: str) -> str:
    return "".join(line.split()).lower()


def _drop_catchword(lines: list[str], following: list[str]) -> None:
    """Drop the last line of `lines` when it is the first words of the next page followed by ". . ." or "…"."""
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), None)
    first = next((ln for ln in following if ln.strip()), "")
    m = _CATCHWORD.match(lines[last].strip()) if last is not None else None
    if m and _squeezed(first).startswith(_squeezed(m.group(1))):  # "(2) Dalam . . ." before "( 2) Dalam hal"
        del lines[last]
