"""Bad text layers: pages whose text layer reads as garbled OCR, and what reading them again with tesseract gains.

    python bench/ocr_layers.py [--pages N] [--rate R]

For each of the 8 shared regulation PDFs and for a generated scan (pages of UU 14/2008 rendered to images
under a text layer garbled the way old OCR garbles: "REPUBI..IK INDONE~IA"), prints the pages flagged by
ingest.quality.bad_layer, their mean share of known words (ingest.quality.text_quality) before and after
ingest.ocr.read_pages, how many improved, and the time read_pages took. The shared PDFs are born-digital or
carry a clean layer, so none of their pages should be flagged: they measure the cost of checking.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

import corpora  # noqa: E402
from helpers import make_scanned_pdf  # noqa: E402  (the tests' generator: one way to make a scan)

from ingest.furniture import strip_furniture  # noqa: E402
from ingest.ocr import ocr_available, read_pages  # noqa: E402
from ingest.quality import bad_layer, text_quality  # noqa: E402

# Confusions of old OCR engines on typewritten Indonesian: letters for look-alikes, symbols for letters.
_CONFUSIONS = {"l": "1", "i": "l", "s": "~", "e": "c", "a": "@", "n": "u", "o": "0", "L": "I..", "S": "~", "r": "t"}


def garble(text: str, rate: float, seed: int = 13) -> str:
    """`text` with a share `rate` of its confusable letters replaced as old OCR would (deterministic)."""
    rng = random.Random(seed)
    return "".join(_CONFUSIONS[c] if c in _CONFUSIONS and rng.random() < rate else c for c in text)


def regulation_pages(n: int, chars: int = 1800) -> list[str]:
    """n pages of real regulation text (UU 14/2008), in the Latin-1 the PDF's core font can draw."""
    text = (corpora.REGULASI / "uu_2008_14.md").read_text(encoding="utf-8")
    body = text[text.index("Pasal 1"):]
    body = body.replace("“", '"').replace("”", '"').replace("’", "'").replace("–", "-").replace("—", "-")
    body = body.encode("latin-1", "replace").decode("latin-1")
    out, pos = [], 0
    for _ in range(n):
        cut = body.rfind("\n", pos, pos + chars)
        cut = cut if cut > pos else pos + chars
        out.append(body[pos:cut].strip())
        pos = cut
    return out


def measure(path: Path) -> dict:
    from pypdf import PdfReader

    texts = [p.extract_text() or "" for p in PdfReader(str(path), strict=False).pages]
    start = time.perf_counter()  # first, so the time includes judging every page (its words stemmed afresh)
    read, ocr = read_pages(path, texts)
    seconds = time.perf_counter() - start
    judged = strip_furniture(texts)
    flagged = [n for n, t in enumerate(judged, 1) if t.strip() and bad_layer(t)]
    before = [text_quality(judged[n - 1]) for n in flagged]
    after = [text_quality(strip_furniture(read)[n - 1]) for n in flagged]
    return {"pages": len(texts), "flagged": len(flagged), "before": before, "after": after,
            "improved": sum(n in ocr for n in flagged), "seconds": seconds}


def _mean(xs: list[float]) -> str:
    return f"{sum(xs) / len(xs):.3f}" if xs else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=4, help="pages of the generated scan (default 4)")
    ap.add_argument("--rate", type=float, default=0.25, help="share of confusable letters garbled (default 0.25)")
    args = ap.parse_args()
    if not ocr_available():
        sys.exit("tesseract and pdftoppm are needed: apt-get install tesseract-ocr tesseract-ocr-ind poppler-utils")
    rows = [(pdf.name, measure(pdf)) for pdf in sorted(corpora.PDF.glob("*.pdf"))]
    with tempfile.TemporaryDirectory() as tmp:
        pages = regulation_pages(args.pages)
        layers = [garble(p, args.rate) if n % 2 == 0 else p for n, p in enumerate(pages)]  # every other page garbled
        scan = make_scanned_pdf(Path(tmp) / "pindaian.pdf", pages, layers)
        rows.append((f"generated scan, {args.pages} pages, half garbled at {args.rate:.0%}", measure(scan)))
    print("| PDF | pages | flagged | quality before | quality after | improved | read_pages s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in rows:
        print(f"| {name} | {r['pages']} | {r['flagged']} | {_mean(r['before'])} | {_mean(r['after'])} | "
              f"{r['improved']} | {r['seconds']:.2f} |")


if __name__ == "__main__":
    main()
