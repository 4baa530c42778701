"""Loaders: one file -> Documents with text per page. Format is sniffed from content, not trusted
from the extension, so a Word file renamed to .pdf is reported as such instead of crashing."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Callable

from .model import Document, Page


class LoadError(Exception):
    """A file that cannot be read; the message names the reason and the fix, in Indonesian and English."""


SUPPORTED = {".pdf", ".txt", ".md", ".markdown", ".docx", ".html", ".htm", ".jsonl"}


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sniff(path: Path) -> str:
    """The format by magic bytes where it has one, else by extension."""
    with open(path, "rb") as f:
        head = f.read(8)
    ext = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return ".docx" if ext == ".docx" else ".zip"
    if head.startswith(b"\x89PNG") or head[:3] == b"\xff\xd8\xff":
        return ".image"
    if ext in (".pdf", ".docx") and head:
        return ".binary?"  # claims a binary format but lacks its signature
    return ext


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1252, whose superset of latin-1 covers Windows files."""
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")  # pragma: no cover - latin-1 never fails


# PDF page furniture: "- 2 -", "2", "Halaman 2 dari 10", "hlm. 2".
_PAGE_NUMBER_LINE = re.compile(r"^\s*(?:-\s*\d+\s*-|\d+|(?:halaman|hlm\.?|page)\s*\d+(?:\s*(?:dari|of)\s*\d+)?)\s*$",
                               re.IGNORECASE)


def _strip_furniture(pages: list[str]) -> list[str]:
    """Drop page-number lines and header/footer lines repeated on most pages."""
    from collections import Counter

    edge = Counter()
    split = [p.split("\n") for p in pages]
    for lines in split:
        cand = {ln.strip() for ln in lines[:2] + lines[-2:] if ln.strip()}
        edge.update(cand)
    repeated = {ln for ln, c in edge.items() if len(pages) >= 3 and c >= 0.6 * len(pages)}
    out = []
    for lines in split:
        keep = [ln for ln in lines if not _PAGE_NUMBER_LINE.match(ln) and ln.strip() not in repeated]
        out.append("\n".join(keep))
    return out


def load_pdf(path: Path) -> list[Page]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            # Owner-only restrictions open with the empty user password; a real one cannot.
            try:
                if not reader.decrypt(""):
                    raise LoadError("PDF dilindungi kata sandi / PDF is password-protected: "
                                    "buka kuncinya lalu ingest ulang / remove the password and ingest again")
            except FileNotDecryptedError as e:
                raise LoadError("PDF dilindungi kata sandi / PDF is password-protected") from e
        texts = [(p.extract_text() or "") for p in reader.pages]
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as e:
        raise LoadError(f"PDF rusak atau terpotong / corrupt or truncated PDF: {e}") from e
    except Exception as e:  # pypdf raises assorted errors on damaged files
        raise LoadError(f"PDF tidak dapat dibaca / unreadable PDF: {type(e).__name__}: {e}") from e
    texts = _strip_furniture(texts)
    if not any(t.strip() for t in texts):
        from .ocr import ocr_pdf

        texts = ocr_pdf(path, len(texts))
    return [Page(i + 1, t) for i, t in enumerate(texts)]


def load_docx(path: Path) -> list[Page]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        d = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as e:
        raise LoadError(f"DOCX tidak valid / not a valid DOCX package: {e}") from e
    except Exception as e:
        raise LoadError(f"DOCX tidak dapat dibaca / unreadable DOCX: {type(e).__name__}: {e}") from e
    lines: list[str] = []
    for block in d.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = docx.text.paragraph.Paragraph(block, d)
            text = para.text.strip()
            if not text:
                continue
            style = (para.style.name or "").lower() if para.style is not None else ""
            if style.startswith("heading") or style == "title":
                level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
                lines.append(f"\n{'#' * level} {text}\n")
            else:
                lines.append(text + "\n")
        elif tag == "tbl":
            table = docx.table.Table(block, d)
            for row in table.rows:
                cells = [c.text.strip() for c in row.cells]
                lines.append(" | ".join(c for c in cells if c) + "\n")
    return [Page(1, "\n".join(lines))]


def load_html(path: Path) -> list[Page]:
    import trafilatura

    html = decode_text(path.read_bytes())
    text = trafilatura.extract(html, include_comments=False, include_tables=True, output_format="markdown",
                               with_metadata=False, favor_recall=True)
    if not text:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(html, "html.parser")
        for tag in soup(["script", "style", "nav", "footer", "header", "aside"]):
            tag.decompose()
        text = soup.get_text("\n")
    title = _html_title(html)
    if title and not text.lstrip().startswith("#"):
        text = f"# {title}\n\n{text}"
    return [Page(1, text)]


def _html_title(html: str) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.I | re.S) or re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    return re.sub(r"<[^>]+>|\s+", " ", m.group(1)).strip() if m else ""


def load_text(path: Path) -> list[Page]:
    return [Page(1, decode_text(path.read_bytes()))]


Loader = Callable[[Path], list[Page]]
_LOADERS: dict[str, Loader] = {
    ".pdf": load_pdf, ".docx": load_docx, ".html": load_html, ".htm": load_html,
    ".txt": load_text, ".md": load_text, ".markdown": load_text,
}


def load_pages(path: Path) -> tuple[list[Page], bool]:
    """Pages of one file and whether their numbers are real PDF pages."""
    if path.stat().st_size == 0:
        raise LoadError("berkas kosong (0 byte) / empty file: isi ulang atau hapus / replace or remove it")
    kind = sniff(path)
    if kind == ".image":
        raise LoadError(f"berkas ini gambar, bukan {path.suffix} / this is an image, not a {path.suffix}: "
                        "simpan sebagai PDF / save it as PDF")
    if kind in (".zip", ".binary?"):
        raise LoadError(f"isi berkas tidak cocok dengan ekstensi {path.suffix} / content does not match the "
                        f"{path.suffix} extension: simpan ulang dengan format yang benar / re-save in the right format")
    loader = _LOADERS.get(kind)
    if loader is None:
        raise LoadError(f"format {path.suffix or '(tanpa ekstensi)'} tidak didukung / unsupported format; "
                        f"didukung / supported: {', '.join(sorted(SUPPORTED))}")
    return loader(path), kind == ".pdf"


def load_beir(path: Path) -> list[tuple[str, str, str]]:
    """(doc_id, title, text) per line of a BEIR corpus.jsonl; a bad line is an error naming its number."""
    out = []
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                rec = json.loads(decode_text(raw))
                out.append((str(rec["_id"]), str(rec.get("title") or ""), str(rec.get("text") or "")))
            except (json.JSONDecodeError, KeyError, TypeError) as e:
                raise LoadError(f"baris {n} bukan JSON BEIR (_id, title, text) / line {n} is not a BEIR record: {e}") from e
    return out


def beir_documents(path: Path) -> list[Document]:
    docs = []
    for doc_id, title, text in load_beir(path):
        body = f"{title}\n\n{text}" if title else text
        docs.append(Document(
            doc_id=doc_id, source_path=str(path), title=title or doc_id, doc_type="dokumen",
            pages=[Page(1, body)], content_hash=hashlib.sha256(body.encode()).hexdigest()))
    return docs
