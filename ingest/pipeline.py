"""File -> Documents -> Chunks: the ingestion side of the data flow, free of any store."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from . import legal
from .article import ARTICLE_TYPES, article_chunks, read_article
from .cards import CARD_TYPES, card_chunks, load_yaml_documents
from .chunking import TokenCounter, chunk_document
from .lang import detect_lang
from .loaders import SUPPORTED, beir_documents, file_hash, load_pages
from .metadata import flatten, infer, is_sidecar, read_sidecar
from .model import Chunk, Document
from .quality import text_quality

# Raised whenever chunks or their metadata change for the same file: an ingest then redoes every
# document written by an older version (the embedding cache spares re-embedding unchanged texts).
# 2: text quality, identity, "Cukup jelas" in any OCR spelling, short chunks in their document's language.
# 3: a Pasal takes the BAB nearest before it (PP 18/2016: "BAB I Ketentuan Umum", not "BAB I").
# 4: journal articles and theses in PDF: two-column reading order, bibliographic data, reference list 'pustaka'.
#    Also: PDF page furniture out (BSrE notices, catchwords, split page numbers); garbled OCR layers read again.
#    Also: Keputusan and Instruksi chunked by diktum; Peraturan DPRD, SE, Perkadis ... identified (regional acts).
#    Also: chunks carry page_offsets, so a hit names the page of the passage it shows.
# 6: a regional head's act is cited without the region's kind its jenis implies ("Kepgub Kalimantan Barat
#    224/BAPPEDA/2023", "Perwal Bekasi 110/2016"): the context of its chunks changes.
# 7: a Surat Edaran is chunked by its numbered points (unit_kind "angka", "SE ... · angka 3 Isi Edaran"), from its
#    title to its closing; its title no longer takes in the first point's number.
# 8: a list item in a numbered section nests under it ("1.4.2 Signifikansi Praktis · 2. Manfaat ..."); a bare
#    "BAB I" and the chapter name below it are one heading and the document's title.
# 9: a study or case card's last chunk is no scrap: under a quarter of the window, it takes lines from the one before.
# 10: a thesis's list of its chapters ("Sistematika Penulisan": "BAB II KERANGKA TEORI", ...) is text of its section.
# 11: a card's record-keeping (Catatan, Data pustaka) closes it under "Asal data kartu", a chunk of section "pustaka".
# 12: chunks carry `content`, the characters they say without labels, so search need not count them per query.
# 13: a text's year is none its head cites ("(Kristiyono, 2015)", "Sumber: Katadata 2022" are other works').
# 14: a study card's relevance is "Relevansi bagi penelitian ini": its label put Bekasi and Telkom in every card.
# 15: an article's year is none its first page cites ("Ansell dan Gash (2008)" in the abstract).
# 16: a column of bare headings in a scanned Penjelasan ("Pasal Pasal Pasal", "Ayat Ayat Ayat") is no text.
# 17: a title word garbled by OCR is read from a later copy of the title (PP 12/2017 "Pemelenggaman").
CHUNKER_VERSION = 17
# Characters below which langdetect's guess is noise.
SHORT_FOR_LANG = 120

# Folder names that say what a document is when nothing else does.
_FOLDER_TYPES = {"berita": "berita", "news": "berita", "regulasi": "regulasi", "peraturan": "regulasi",
                 "perjanjian": "perjanjian", "studies": "studi", "studi": "studi", "cases": "kasus",
                 "kasus": "kasus", "artikel": "artikel", "jurnal": "artikel"}

# Extra loaders keyed by suffix, returning whole Documents (study cards, catalog entries).
DOCUMENT_LOADERS: dict[str, Callable[[Path], list[Document]]] = {
    ".jsonl": beir_documents, ".yaml": load_yaml_documents, ".yml": load_yaml_documents}


def discover(paths: Iterable[Path]) -> list[Path]:
    """Supported files under the given files/folders, recursive, sorted, symlink loops skipped. A folder's
    README says what the folder holds ("8 real regulation PDFs as governments publish them"); indexed, it
    became a document of its own, listed and searched beside the files it describes. It is read only when
    named."""
    found: dict[Path, None] = {}
    seen_dirs: set[Path] = set()
    for p in paths:
        if p.is_dir():
            for sub in _walk(p, seen_dirs):
                found.setdefault(sub)
        elif p.exists():
            found.setdefault(p)
    return sorted(found, key=str)


def _walk(root: Path, seen: set[Path]) -> Iterable[Path]:
    real = root.resolve()
    if real in seen:
        return
    seen.add(real)
    for child in sorted(root.iterdir(), key=lambda c: c.name):
        if child.name.startswith(".") or child.stem.lower() == "readme":
            continue
        if child.is_dir():
            yield from _walk(child, seen)
        elif accepts(child):
            yield child


def accepts(path: Path) -> bool:
    suffix = path.suffix.lower()
    return not is_sidecar(path) and (suffix in SUPPORTED or suffix in DOCUMENT_LOADERS)


def load_documents(path: Path, catalog: Mapping[str, Mapping[str, Any]] | None = None) -> list[Document]:
    """Every Document a file holds (one for most formats; one per line for a BEIR corpus)."""
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_LOADERS:
        return DOCUMENT_LOADERS[suffix](path)
    pages, paged = load_pages(path)
    text = "\n".join(p.text for p in pages)
    given = dict((catalog or {}).get(path.name, {}))
    given.update(read_sidecar(path))
    meta = infer(text, fallback_title=path.stem)
    if any(p.ocr for p in pages):  # so users see how much of the text is tesseract's (ingest.ocr.read_pages)
        meta["ocr_pages"] = sum(p.ocr for p in pages)
    if paged and "doc_type" not in meta:  # neither a regulation nor an agreement: perhaps a research work
        found = read_article(path, pages, _folder_type(path))
        if found:
            pages, article = found
            meta.update(article.metadata())
    meta.update(flatten(given))
    if "status_reason" in meta:  # an act whose identity the text does not give (ingest.regulation.unreadable)
        if {"jenis", "nomor", "tahun"} <= given.keys():
            del meta["status_reason"]
        else:
            meta["status_reason"] = (f"{meta['status_reason']}; tambahkan sidecar / add a sidecar "
                                     f"{path.name}.meta.yaml: jenis, nomor, tahun")
    doc_type = str(meta.pop("doc_type", None) or _folder_type(path) or "dokumen")
    doc_id = str(meta.pop("doc_id", None) or path.stem)
    title = str(meta.pop("title", None) or path.stem)
    return [Document(doc_id=doc_id, source_path=str(path), title=title, doc_type=doc_type, pages=pages,
                     metadata=meta, content_hash=file_hash(path), paged=paged)]


def _folder_type(path: Path) -> str | None:
    for part in reversed(path.parent.parts):
        if part.lower() in _FOLDER_TYPES:
            return _FOLDER_TYPES[part.lower()]
    return None


def chunk(doc: Document, budget: int, count: TokenCounter) -> list[Chunk]:
    """Structured chunks for regulations and agreements, sentence-packed chunks for the rest."""
    chunks = legal.legal_chunks(doc, budget, count)
    if chunks is None:
        chunks = article_chunks(doc, budget, count) if doc.doc_type in ARTICLE_TYPES else \
            card_chunks(doc, budget, count) if doc.doc_type in CARD_TYPES else chunk_document(doc, budget, count)
    doc_lang: str | None = None
    for c in chunks:
        # langdetect guesses wildly on a few words ("hr" for "Pasal 5 Dihapus."): a short chunk takes
        # its document's language.
        c.lang = detect_lang(c.text) if len(c.text) >= SHORT_FOR_LANG else None
        if c.lang is None:
            doc_lang = doc_lang or detect_lang(doc.text[:5000]) or "id"
            c.lang = doc_lang
        c.quality = text_quality(c.text)
        c.content = legal.content_chars(c.text)
    return chunks
