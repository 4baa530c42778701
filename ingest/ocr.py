"""OCR for PDF pages without a text layer (scans from JDIH sites), when tesseract is installed."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from .errors import LoadError

NEEDS_OCR = ("perlu OCR: PDF tanpa lapisan teks (hasil pindai) / needs OCR: the PDF has no text layer (a scan). "
             "Pasang / install: apt-get install tesseract-ocr tesseract-ocr-ind poppler-utils, lalu ingest ulang "
             "/ then ingest again")
DPI = 300  # tesseract's accuracy drops sharply below 300 dpi on typewritten scans
PAGE_TIMEOUT_S = 300


def ocr_available() -> bool:
    return bool(shutil.which("tesseract") and shutil.which("pdftoppm"))


@lru_cache(maxsize=1)
def _languages() -> str:
    """Indonesian plus English when the Indonesian model is installed (tesseract-ocr-ind), else English."""
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=60).stdout
    return "ind+eng" if "ind" in out.split() else "eng"


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
