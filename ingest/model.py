"""Typed records that flow from loaders to the store: Page, Document, Chunk."""
from __future__ import annotations

from dataclasses import dataclass, field

# Scalar metadata only: Chroma accepts str/int/float/bool values, nothing nested.
Scalar = str | int | float | bool


@dataclass(frozen=True)
class Page:
    number: int  # 1-based page in the source file (PDF page; 1 for flat text)
    text: str
    ocr: bool = False  # the text is tesseract's reading of the page image (ingest.ocr), not the file's own


@dataclass
class Document:
    doc_id: str
    source_path: str
    title: str
    doc_type: str  # regulasi | perjanjian | studi | kasus | berita | katalog | dokumen
    pages: list[Page]
    metadata: dict[str, Scalar] = field(default_factory=dict)
    content_hash: str = ""
    paged: bool = False  # True when page numbers are real (PDF), so citations may name them

    @property
    def year(self) -> int | None:
        y = self.metadata.get("tahun") or self.metadata.get("year")
        try:
            return int(y) if y is not None else None
        except (TypeError, ValueError):
            return None

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)


@dataclass
class Chunk:
    chunk_id: str
    doc_id: str
    ordinal: int
    text: str
    page_start: int | None = None
    page_end: int | None = None
    heading_path: tuple[str, ...] = ()
    # Legal structure; filled by ingest.legal for regulations and agreements.
    section: str | None = None  # batang_tubuh | penjelasan | konsiderans | lampiran
    bab: str | None = None
    bagian: str | None = None
    pasal: str | None = None
    ayat: str | None = None
    lang: str | None = None
    # A Pasal's Penjelasan that is no chunk of its own because it explains nothing ("Cukup jelas.").
    penjelasan: str | None = None
    # Share of words that read as real words (ingest.quality): low for garbled OCR text.
    quality: float | None = None
    # Characters it says once labels and "Cukup jelas" are removed (ingest.legal.content_chars): near-empty below 40.
    content: int | None = None
    # Short context line prepended for embedding and display ("UU 23/2014 · BAB XVII · Pasal 363").
    context: str = ""
    # Where each page begins in `text`, "0:1,812:2" (ingest.pages): a hit names the page of the passage it shows.
    page_offsets: str = ""

    @property
    def embed_text(self) -> str:
        return f"{self.context}\n{self.text}" if self.context else self.text
