"""What every page shares: the one KnowledgeBase of the process, safe text rendering, empty states."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import streamlit as st

from ingest.cards import Card, Catalog, read_yaml_file
from ingest.loaders import LoadError
from kb.base import KnowledgeBase
from kb.citations import cite
from kb.config import Settings, settings
from kb.highlight import Span
from kb.legal_lookup import PasalView
from kb.search import search
from kb.store import StoreError

KORPUS_PAGE = "ui/korpus.py"
REGULASI_PAGE = "ui/regulasi.py"
DOC_TYPES = {"regulasi": "Regulasi", "perjanjian": "Perjanjian kerja sama", "studi": "Studi terdahulu",
             "kasus": "Kasus kota", "berita": "Berita", "katalog": "Katalog (tanpa teks lengkap)",
             "artikel": "Artikel", "tesis": "Tesis", "skripsi": "Skripsi", "disertasi": "Disertasi", "buku": "Buku",
             "dokumen": "Dokumen lain"}

# Every ASCII punctuation character may be backslash-escaped in CommonMark, and escaping all of
# them leaves no markup at all: no HTML, links, images, lists, headings, LaTeX ($) or
# Streamlit directives (:red[...]) can come out of document text.
_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def md(text: object) -> str:
    """Any text as Markdown that displays exactly that text, with its web addresses as links."""
    return _layout(_linked(str(text)))


def highlighted(text: str, spans: list[Span]) -> str:
    """`text` as safe Markdown with the given character spans marked (kb.highlight marks none inside an address)."""
    out, pos = [], 0
    for start, end in spans:
        if start < pos:  # overlapping spans: keep the first
            continue
        out += [_linked(text[pos:start]), f":orange-background[{_escape(text[start:end])}]"]
        pos = end
    out.append(_linked(text[pos:]))
    return _layout("".join(out))


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


# An http(s) address in document text; a full stop, comma or bracket after it ends the sentence, not the URL.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?]", re.IGNORECASE)


def _linked(text: str) -> str:
    """`text` escaped, each web address a link whose target has only URL characters (no markup can close it)."""
    out, pos = [], 0
    for m in _URL.finditer(text):
        url = m.group()
        target = quote(url if url.lower().startswith("http") else f"https://{url}", safe=":/?#@!$&*+,;=%~._-")
        out += [_escape(text[pos:m.start()]), f"[{_escape(url)}]({target})"]
        pos = m.end()
    out.append(_escape(text[pos:]))
    return "".join(out)


def _layout(markdown: str) -> str:
    """Keep paragraphs and line breaks (a Pasal's ayat); drop indentation, which would make code blocks."""
    paragraphs = (p.strip() for p in re.split(r"\n\s*\n", markdown))
    return "\n\n".join("  \n".join(ln.strip() for ln in p.splitlines() if ln.strip()) for p in paragraphs if p)


@st.cache_resource(show_spinner="Memuat model dan indeks…")
def _knowledge_base(data_dir: str, embedder: str, chroma_url: str | None) -> KnowledgeBase:
    kb = KnowledgeBase(Settings(Path(data_dir), embedder, chroma_url))
    # Load now, not on the first question: the model (even for an empty corpus), then Chroma, BM25
    # and the stemmer's dictionary through one search.
    kb.embed_query("pemanasan")
    search(kb, "pemanasan")
    return kb


def knowledge_base() -> KnowledgeBase:
    """The process-wide KnowledgeBase; an index that cannot be opened stops the page with the reason."""
    try:
        s = settings()  # KB_DATA_DIR, KB_EMBEDDER, KB_CHROMA_URL, as for the CLI
        return _knowledge_base(str(s.data_dir), s.embedder, s.chroma_url)
    except StoreError as e:
        st.error(md(f"Indeks tidak dapat dibuka: {e}"))
        st.stop()


def require_corpus(kb: KnowledgeBase) -> None:
    """Stop the page with directions when nothing has been ingested yet."""
    if kb.store.count():
        return
    st.info("Korpus masih kosong. Unggah dokumen di halaman Kelola Korpus, atau jalankan "
            "`kb ingest corpus/` di terminal lalu muat ulang halaman ini.")
    st.page_link(KORPUS_PAGE, label="Buka Kelola Korpus", icon=":material/upload_file:")
    st.stop()


def cards(kb: KnowledgeBase) -> list[Card]:
    """The study, thesis and case cards in the knowledge base, read back from their YAML files."""
    out = []
    for doc in kb.store.documents():
        path = next((Path(p) for p in doc.source_paths if Path(p).is_file()), None)
        if "card_type" not in doc.metadata or path is None:
            continue
        try:
            card = read_yaml_file(path)
        except LoadError:  # edited into an invalid card since it was ingested: the next ingest reports it
            continue
        if not isinstance(card, Catalog):
            out.append(card)
    return out


def show_pasal(pasal: PasalView) -> None:
    """A Pasal as the law reads: its ayat, its Penjelasan, then each later change to it."""
    for c in pasal.body:
        st.markdown(md(c.text))
    st.markdown("**Penjelasan**")
    if pasal.explanation:
        st.markdown(md(pasal.explanation))
    else:
        st.caption("Tidak ada penjelasan untuk Pasal ini.")
    for c in pasal.amendments:
        st.markdown(f"**Diubah dengan {md(cite(c.meta))}**")
        st.markdown(md(c.text))
