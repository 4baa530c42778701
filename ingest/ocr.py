"""OCR for PDF pages without a text layer (scans from JDIH sites) or with one too garbled to read (an old
scan's OCR layer: "REPUBI..IK INDONE~IA"), when tesseract is installed."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from .errors import LoadError
from .furniture import strip_furniture
from .quality import bad_layer, text_quality

NEEDS_OCR = ("perlu OCR: PDF tanpa lapisan teks (hasil pindai) / needs OCR: the PDF has no text layer (a scan). "
             "Pasang / install: apt-get install tesseract-ocr tesseract-ocr-ind poppler-utils, lalu ingest ulang "
             "/ then ingest again")
NO_REOCR = ("catatan / note: tesseract tidak terpasang, jadi halaman hasil pindai dan halaman dengan lapisan teks "
            "rusak dibaca tanpa OCR / tesseract is not installed, so scanned pages and pages with a garbled text "
            "layer are read without OCR. Pasang / install: apt-get install tesseract-ocr tesseract-ocr-ind "
            "poppler-utils, lalu ingest ulang / then ingest again")
DPI = 300  # tesseract's accuracy drops sharply below 300 dpi on typewritten scans
PAGE_TIMEOUT_S = 300


def ocr_available() -> bool:
    return bool(shutil.which("tesseract") and shutil.which("pdftoppm"))


@lru_cache(maxsize=1)
def _languages() -> str:
    """Indonesian plus English when the Indonesian model is installed (tesseract-ocr-ind), else English."""
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=60).stdout
    return "ind+eng" if "ind" in out.split() else "eng"


_told = False  # NO_REOCR is said once per process, not once per page or file


def read_pages(path: Path, texts: list[str]) -> tuple[list[str], set[int]]:
    """The text of every page: its text layer, or tesseract's reading where the layer is missing or garbled
    (ingest.quality.bad_layer) and the reading scores better; and the 1-based pages whose text is tesseract's.
    A scan without tesseract is a LoadError; a PDF with a text layer keeps it, with a note on stderr."""
    global _told
    judged = strip_furniture(texts)  # a scanned page stamped "- 5 -" is still a page without text
    blank = [n for n, t in enumerate(judged, 1) if not t.strip()]
    bad = [n for n, t in enumerate(judged, 1) if t.strip() and bad_layer(t)]
    if not ocr_available():
        if len(blank) == len(texts):
            raise LoadError(NEEDS_OCR)
        if (blank or bad) and not _told:
            print(f"{path.name}: {NO_REOCR}", file=sys.stderr)
            _told = True
        return texts, set()
    out = list(texts)
    for n, text in zip(blank, ocr_pages(path, blank)):  # a scan, or scanned pages (often the Lampiran)
        out[n - 1] = text
    done = set(blank)
    for n in bad:
        try:
            (text,) = ocr_pages(path, [n])
        except LoadError:  # the layer is still text to search: keep it
            continue
        if text_quality(text) > text_quality(judged[n - 1]):
            out[n - 1] = text
            done.add(n)
    return out, done


def ocr_pages(path: Path, numbers: Sequence[int]) -> list[str]:
    """Text of the given 1-based pages by tesseract, in order; LoadError when OCR is missing or fails."""
    if not ocr_available():
        raise LoadError(NEEDS_OCR)
    texts = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in numbers:
            base = Path(tmp) / f"p{n}"
            _run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", str(n), "-l", str(n), "-singlefile",
                  str(path), str(base)], n)
            texts.append(_run(["tesseract", f"{base}.png", "-", "-l", _languages()], n))
    return texts


def _run(cmd: list[str], page: int) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=PAGE_TIMEOUT_S, check=True)
    except subprocess.TimeoutExpired as e:
        raise LoadError(f"OCR halaman {page} melebihi {PAGE_TIMEOUT_S} detik / OCR of page {page} timed out") from e
    except subprocess.CalledProcessError as e:
        detail = (e.stderr or "").strip().splitlines()[-1:] or [f"exit {e.returncode}"]
        raise LoadError(f"OCR halaman {page} gagal / OCR of page {page} failed ({cmd[0]}: {detail[0]}): "
                        "PDF mungkin rusak; unduh ulang / the PDF may be damaged: download it again") from e
    return done.stdout
