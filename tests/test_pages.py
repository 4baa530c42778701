"""Exact pages: a hit, a citation and a quoted answer name the page of the passage shown, not the span of
the chunk it came from (a chunk of short pages spans several)."""
from __future__ import annotations

import re

import pytest
from conftest import SHARED
from helpers import make_pdf, word_count

from ingest.chunking import chunk_document
from ingest.model import Document, Page
from ingest.pages import aligned, decode, encode, joined, span_pages
from ingest.pipeline import chunk, load_documents
from kb.answer import answer
from kb.citations import at_passage, cite, quoted_span
from kb.search import Hit, search

REPORT = ["Laporan ini membahas program kota cerdas di Kota Bekasi. Pemerintah kota menyusun rencana induk.",
          "Pusat komando Patriot Operation Center dibangun bersama PT Telkom pada tahun 2017.",
          "Evaluasi menunjukkan warga memakai aplikasi pengaduan setiap hari."]
PERDA = [("Pasal 1\nDalam Peraturan Daerah ini yang dimaksud dengan Daerah adalah Kota Bekasi.\n"
          "Pasal 2\n(1) Wali Kota menetapkan rencana induk kota cerdas."),
         ("(2) Rencana induk kota cerdas memuat pusat komando dan layanan pengaduan warga.\n"
          "(3) Rencana induk ditinjau setiap lima tahun.\nPasal 3\nPeraturan Daerah ini mulai berlaku pada tanggal "
          "diundangkan.")]


def test_marks_name_the_page_of_any_stretch():
    marks = joined([("abc", 1), ("de", 1), ("fgh", 2), ("ij", 4)], " ")  # "abc de fgh ij"
    assert marks == "0:1,7:2,11:4" and decode(marks) == [(0, 1), (7, 2), (11, 4)]
    assert span_pages(marks, 0, 6) == (1, 1) and span_pages(marks, 7, 10) == (2, 2)
    assert span_pages(marks, 4, 12) == (1, 4) and span_pages("", 0, 3) is None
    assert encode([(0, 3), (5, 3), (9, 4)]) == "0:3,9:4"


def test_a_rewritten_text_keeps_the_pages_of_its_source():
    source = "Pasal 2\n(1)  Wali Kota\nmenetapkan rencana.\n(2) Rencana   induk\nmemuat pusat komando.\n"
    starts = [0, source.index("(2)")]
    text = "(1) Wali Kota menetapkan rencana.\n(2) Rencana induk memuat pusat komando."
    marks = aligned(text, source, source.index("(1)"), len(source), starts)
    assert span_pages(marks, 0, 10) == (1, 1) and span_pages(marks, text.index("(2)"), len(text)) == (2, 2)


def test_a_prose_chunk_of_short_pages_knows_the_page_of_each_sentence():
    doc = Document("laporan", "laporan.pdf", "Laporan", "dokumen", [Page(n, t) for n, t in enumerate(REPORT, 1)],
                   paged=True)
    (c,) = chunk_document(doc, 512, word_count)
    assert (c.page_start, c.page_end) == (1, 3)
    for n, page in enumerate(REPORT, 1):
        for sentence in re.split(r"(?<=\.) ", page):
            assert span_pages(c.page_offsets, *quoted_span(c.text, sentence)) == (n, n), sentence


@pytest.mark.parametrize("pdf", sorted((SHARED / "corpus" / "pdf").glob("*.pdf")), ids=lambda p: p.stem)
def test_every_line_of_a_real_regulation_is_on_the_page_the_pdf_has_it(pdf):
    (doc,) = load_documents(pdf)
    pages = ["".join(p.text.split()) for p in doc.pages]
    checked = 0
    for c in chunk(doc, 400, word_count):
        for line in c.text.split("\n"):
            probe = "".join(line.split())[:40]
            found = [n for n, text in enumerate(pages, 1) if probe in text]
            if len(probe) == 40 and len(found) == 1:  # a line the PDF holds once
                start = quoted_span(c.text, line)[0]
                assert span_pages(c.page_offsets, start, start + 1) == (found[0], found[0]), (c.chunk_id, line)
                checked += 1
    assert checked >= 50


@pytest.fixture(scope="module")
def paged_kb(tmp_path_factory):
    """A report of three short pages (one chunk) and a Perda whose Pasal 2 runs from page 1 onto page 2."""
    from kb.base import KnowledgeBase
    from kb.indexer import ingest

    root = tmp_path_factory.mktemp("halaman")
    make_pdf(root / "laporan.pdf", REPORT)
    make_pdf(root / "perda.pdf", PERDA)
    (root / "perda.pdf.meta.yaml").write_text("doc_type: regulasi\nshort_cite: Perda Kota Bekasi 5/2019\n")
    kb = KnowledgeBase.open(root / "kb")
    assert ingest(kb, [root / "laporan.pdf", root / "perda.pdf"]).ok
    yield kb
    kb.close()


def test_a_hit_names_the_page_of_its_sentence_and_keeps_the_chunk_span(paged_kb):
    hits = search(paged_kb, "Patriot Operation Center dibangun bersama PT Telkom")
    hit = next(h for h in hits if h.doc_id == "laporan")
    shown = hit.to_json()
    assert (shown["page_start"], shown["page_end"]) == (2, 2) and shown["citation"].endswith("hlm. 2")
    assert (hit.meta["chunk_page_start"], hit.meta["chunk_page_end"]) == (1, 3)


def test_a_pasal_hit_names_the_page_of_its_ayat(paged_kb):
    hit = next(h for h in search(paged_kb, "rencana induk memuat pusat komando") if h.doc_id == "perda")
    assert hit.pasal == "2" and (hit.page_start, hit.page_end) == (2, 2)
    assert hit.citation == "Perda Kota Bekasi 5/2019, Pasal 2 ayat (2), hlm. 2"
    assert (hit.meta["chunk_page_start"], hit.meta["chunk_page_end"]) == (1, 2)


def test_the_quoted_sentence_is_on_the_cited_page(paged_kb):
    """A hit that showed no sentence in particular cites its chunk's span; the answer quoting it names the page."""
    stored = next(c for c in paged_kb.store.iter_chunks(where={"doc_id": "laporan"}))
    meta = at_passage(stored.meta, None)
    assert (meta["page_start"], meta["page_end"]) == (1, 3)
    hit = Hit(rank=1, chunk_id=stored.chunk_id, doc_id="laporan", source_path=None, title="Laporan",
              doc_type="dokumen", year=None, page_start=1, page_end=3, pasal=None, ayat=None, section=None, lang="id",
              score=1.0, text=stored.text, citation=cite(meta), meta=meta)
    reply = answer("kapan pusat komando Patriot Operation Center dibangun bersama PT Telkom?", [hit])
    assert not reply.abstained and "2017" in reply.sentences[0].text
    assert hit.citation.endswith("hlm. 2") and (hit.page_start, hit.page_end) == (2, 2)


def test_a_pasal_quoted_whole_is_cited_with_all_its_pages(paged_kb):
    question = "apa isi Pasal 2 Perda Kota Bekasi Nomor 5 Tahun 2019"
    hits = search(paged_kb, question)
    hit = next(h for h in hits if h.pasal == "2")
    assert (hit.page_start, hit.page_end) == (2, 2)  # the search shows the ayat its citation names
    reply = answer(question, hits)
    assert [s.text[:3] for s in reply.sentences] == ["(1)", "(2)", "(3)"]
    assert (hit.page_start, hit.page_end) == (1, 2) and hit.citation.endswith(", hlm. 1-2")
