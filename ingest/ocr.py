"""OCR for PDFs without a text layer (scans from JDIH sites), when tesseract is installed."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .loaders import LoadError

NEEDS_OCR = ("perlu OCR: PDF tanpa lapisan teks (hasil pindai) / needs OCR: the PDF has no text layer. "
             "Pasang / install: apt-get install tesseract-ocr tesseract-ocr-ind poppler-utils")


def ocr_available() -> bool:
    return bool(shutil.which("tesseract") and shutil.which("pdftoppm"))


def ocr_pdf(path: Path, n_pages: int) -> list[str]:
    """Text of each page by tesseract (Indonesian model when present); LoadError when OCR is missing."""
    if not ocr_available():
        raise LoadError(NEEDS_OCR)
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    lang = "ind+eng" if "ind" in langs else "eng"
    texts = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(1, n_pages + 1):
            base = Path(tmp) / f"p{i}"
            subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-f", str(i), "-l", str(i),
                            "-singlefile", str(path), str(base)], check=True, capture_output=True, timeout=300)
            out = subprocess.run(["tesseract", f"{base}.png", "-", "-l", lang],
                                 capture_output=True, text=True, timeout=300)
            texts.append(out.stdout)
    if not any(t.strip() for t in texts):
        raise LoadError("OCR tidak menemukan teks / OCR found no text in the scan")
    return texts
