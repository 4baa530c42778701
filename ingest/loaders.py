"""Loaders: one file -> Documents with text per page. Format is sniffed from content, not trusted
from the extension, so a Word file renamed to .pdf is read as Word and a PNG renamed to .pdf is
reported as an image instead of crashing. Every refusal is a LoadError naming the file, the reason
and the fix, so an ingest can report it and go on with the next file."""
from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import re
import zipfile
from pathlib import Path
from typing import Callable

from .errors import LoadError
from .furniture import strip_furniture
from .model import Document, Page
from .ocr import read_pages


SUPPORTED = {".pdf", ".txt", ".md", ".markdown", ".docx", ".html", ".htm", ".jsonl"}

# Files above this are refused before anything is read: pypdf and python-docx hold a whole file
# in memory, and a text file that large would take days to embed on a laptop anyway.
DEFAULT_MAX_FILE_MB = 200


def max_file_bytes() -> int:
    return int(float(os.environ.get("KB_MAX_FILE_MB") or DEFAULT_MAX_FILE_MB) * 1024 * 1024)


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_MAGIC = ((b"\x89PNG", ".image"), (b"\xff\xd8\xff", ".image"), (b"GIF8", ".image"), (b"II*\x00", ".image"),
          (b"MM\x00*", ".image"), (b"\xd0\xcf\x11\xe0", ".ole"), (b"Rar!", ".zip"), (b"7z\xbc\xaf", ".zip"),
          (b"\x1f\x8b", ".zip"))


def sniff(path: Path) -> str:
    """The format by magic bytes where it has one, else by extension.

    '.pdf' also when the header follows some junk (allowed by the PDF spec); '.docx' for any
    Word package whatever its name; '.zip' for other archives; '.image'; '.ole' for Word 97-2003;
    '.binary?' for a file that claims a binary format but lacks its signature.
    """
    with open(path, "rb") as f:
        head = f.read(1024)
    ext = path.suffix.lower()
    if b"%PDF-" in head:
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return ".docx" if ext == ".docx" or _is_word_package(path) else ".zip"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if ext in (".pdf", ".docx") and head:
        return ".binary?"
    return ext


def _is_word_package(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_text(raw: bytes) -> str:
    """UTF-16 with a BOM (Notepad's "Unicode"), UTF-8 with or without BOM, else cp1252 (Windows), else
    latin-1, which decodes any byte."""
    if raw.startswith(_UTF16_BOMS):
        return raw.decode("utf-16", errors="replace")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _looks_binary(raw: bytes) -> bool:
    """NUL bytes or many control characters: not text in any 8-bit encoding we read."""
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > 0.05 * max(len(sample), 1)


_PASSWORD = ("PDF dilindungi kata sandi / PDF is password-protected: buka kuncinya (cetak ke PDF atau qpdf "
             "--decrypt) lalu ingest ulang / remove the password (print to PDF, or qpdf --decrypt) and ingest again")


def load_pdf(path: Path) -> list[Page]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            # Owner-only restrictions (no copying/printing) open with the empty user password.
            if not reader.decrypt(""):
                raise LoadError(_PASSWORD)
        texts = [(p.extract_text() or "") for p in reader.pages]
    except LoadError:
        raise
    except FileNotDecryptedError as e:
        raise LoadError(_PASSWORD) from e
    except DependencyError as e:  # AES encryption needs the optional `cryptography` package
        raise LoadError(f"PDF terenkripsi AES / AES-encrypted PDF: {e}; pasang / install: "
                        "pip install cryptography") from e
    except Exception as e:  # pypdf raises assorted errors on damaged files
        raise LoadError(f"PDF rusak atau terpotong / corrupt or truncated PDF ({type(e).__name__}: {e}): "
                        "unduh ulang atau simpan ulang / download or re-save it") from e
    if not texts:
        raise LoadError("PDF tanpa halaman / the PDF has no pages: unduh ulang / download it again")
    texts, ocr = read_pages(path, texts)
    return [Page(n, t, ocr=n in ocr) for n, t in enumerate(strip_furniture(texts), 1)]


_BAD_DOCX = ("DOCX tidak valid / not a valid DOCX package ({}): buka di Word atau LibreOffice lalu simpan "
             "ulang sebagai .docx / open it in Word or LibreOffice and save it again as .docx")


def load_docx(path: Path) -> list[Page]:
    import docx

    try:
        d = docx.Document(str(path))
        lines = _docx_lines(d)
    except Exception as e:  # python-docx raises KeyError, BadZipFile, lxml errors ... on damaged packages
        raise LoadError(_BAD_DOCX.format(f"{type(e).__name__}: {e}")) from e
    return [Page(1, "\n".join(lines))]


def _docx_lines(d) -> list[str]:
    """Paragraphs in body order, headings as Markdown headings, table rows as 'a | b'."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for block in d.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(block, d)
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
            for row in Table(block, d).rows:
                cells = [c.text.strip() for c in row.cells]
                lines.append(" | ".join(c for c in cells if c) + "\n")
    return lines


def load_html(path: Path) -> list[Page]:
    import trafilatura

    html = _read_text(path)
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


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    if not raw.startswith(_UTF16_BOMS) and _looks_binary(raw):
        raise LoadError(f"bukan teks (berisi byte biner) / not text (binary bytes) despite the {path.suffix} "
                        "extension: simpan sebagai teks UTF-8 / save it as UTF-8 text")
    return decode_text(raw)


def load_text(path: Path) -> list[Page]:
    return [Page(1, _read_text(path))]


Loader = Callable[[Path], list[Page]]
_LOADERS: dict[str, Loader] = {
    ".pdf": load_pdf, ".docx": load_docx, ".html": load_html, ".htm": load_html,
    ".txt": load_text, ".md": load_text, ".markdown": load_text,
}


def load_pages(path: Path) -> tuple[list[Page], bool]:
    """Pages of one file and whether their numbers are real PDF pages; LoadError names the file."""
    try:
        return _load_pages(path)
    except LoadError as e:
        raise LoadError(e.reason, path) from e
    except OSError as e:  # unreadable, vanished, a symlink loop or a dangling link
        raise LoadError(_os_reason(e), path) from e


def _load_pages(path: Path) -> tuple[list[Page], bool]:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError as e:
        raise LoadError("nama berkas bukan UTF-8 / the file name is not valid UTF-8: ganti namanya / rename it") from e
    if not path.is_file() and path.exists():
        raise LoadError("bukan berkas biasa / not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise LoadError("berkas kosong (0 byte) / empty file: isi ulang atau hapus / replace or remove it")
    limit = max_file_bytes()
    if size > limit:
        raise LoadError(f"berkas terlalu besar / file too large: {size / 2**20:.0f} MB > batas / limit "
                        f"{limit / 2**20:.0f} MB (KB_MAX_FILE_MB): pecah berkasnya atau naikkan batas / split it "
                        "or raise the limit")
    kind = sniff(path)
    loader = _LOADERS.get(kind)
    if loader is None:
        raise LoadError(_refusal(path, kind))
    pages = loader(path)
    if not any(p.text.strip() for p in pages):
        raise LoadError("tidak berisi teks (halaman kosong?) / contains no text (blank pages?)")
    return pages, kind == ".pdf"


def _refusal(path: Path, kind: str) -> str:
    ext = path.suffix or "(tanpa ekstensi / no extension)"
    if kind == ".image":
        return (f"berkas ini gambar, bukan {ext} / this is an image, not a {ext}: simpan atau pindai sebagai PDF "
                "/ save or scan it as PDF")
    if kind == ".zip":
        return (f"berkas ini arsip (ZIP/RAR/7z/gzip), bukan {ext} / this is an archive, not a {ext}: ekstrak dulu "
                "lalu ingest isinya / extract it and ingest the files inside")
    if kind == ".ole":
        return (f"berkas ini Word 97-2003 (.doc) atau Excel lama, bukan {ext} / this is a legacy Office file, not "
                f"a {ext}: simpan ulang sebagai .docx atau PDF / save it again as .docx or PDF")
    if kind == ".binary?":
        with open(path, "rb") as f:
            head = f.read(512).lower()
        what = ("halaman HTML (unduhan gagal?) / an HTML page (a failed download?)" if b"<html" in head
                or b"<!doctype" in head else "isinya tidak cocok / its content does not match")
        return (f"bukan {ext} yang sah: {what}: unduh ulang atau simpan ulang dengan format yang benar / not a "
                f"valid {ext}: download it again or re-save it in the right format")
    return (f"format {ext} tidak didukung / unsupported format; didukung / supported: "
            f"{', '.join(sorted(SUPPORTED))}")


def _os_reason(e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "tautan simbolik berputar / symlink loop: perbaiki atau hapus tautannya / fix or remove the link"
    if e.errno == errno.ENOENT:
        return "berkas tidak ada (tautan putus?) / file not found (a broken link?)"
    if e.errno == errno.EACCES:
        return "tidak ada izin membaca / permission denied: periksa hak akses / check its permissions"
    return f"tidak dapat dibaca / cannot be read: {e.strerror or e}"


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
