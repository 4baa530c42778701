"""Chunking never cuts a sentence, stays within the model's window (measured in its tokens),
and keeps pages and headings."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.chunking import MIN_TEXT_TOKENS, chunk_document, split_sentences
from ingest.model import Document, Page

WORDS = ["pemerintah", "kota", "Bekasi", "kerja", "sama", "layanan", "publik", "wifi", "warga", "anggaran",
         "inovasi", "daerah", "program", "data", "digital", "telekomunikasi", "kolaborasi", "2017", "1000"]


@pytest.fixture(scope="module")
def count():
    from kb.embedders import get_embedder

    return get_embedder("e5").token_count


sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=40).map(
    lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=40, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=80), st.sampled_from([64, 128, 512]))
def test_chunks_are_whole_sentences_within_budget(count, sentences, budget):
    doc = Document("d", "d.txt", "Judul", "dokumen", [Page(1, " ".join(sentences))])
    chunks = chunk_document(doc, budget, count)
    assert " ".join(c.text for c in chunks).split() == " ".join(sentences).split()  # no word lost or added
    # A sentence longer than the window (one over MIN_TEXT_TOKENS can be, at budget 64) is cut at words; no other.
    rebuilt = {s for c in chunks for s in split_sentences(c.text)}
    assert all(s in rebuilt for s in split_sentences(" ".join(sentences)) if count(s) <= MIN_TEXT_TOKENS)
    for c in chunks:
        assert count(c.embed_text) <= budget


def test_over_long_sentence_is_split_at_clauses_within_budget(count):
    clause = "pemerintah daerah menyelenggarakan layanan publik digital bagi warga kota"
    long_sentence = "; ".join([clause] * 80) + "."
    doc = Document("d", "d.txt", "Judul", "dokumen", [Page(1, long_sentence)])
    chunks = chunk_document(doc, 512, count)
    assert len(chunks) > 1
    assert all(count(c.embed_text) <= 512 for c in chunks)
    assert all(c.text.rstrip(".").endswith(("kota;", "kota")) for c in chunks)


def test_pages_and_heading_paths_are_kept(count):
    pages = [Page(1, "# Laporan\n\n## Latar Belakang\n\nKota Bekasi memulai program kota cerdas."),
             Page(2, "Program berlanjut pada tahun berikutnya.\n\n## Hambatan\n\nAnggaran terbatas.")]
    doc = Document("lap", "lap.pdf", "Laporan", "dokumen", pages, paged=True)
    chunks = chunk_document(doc, 512, count)
    assert [(c.heading_path, c.page_start, c.page_end) for c in chunks] == [
        (("Laporan", "Latar Belakang"), 1, 2), (("Laporan", "Hambatan"), 2, 2)]
    assert chunks[1].context == "Laporan · Hambatan"
    assert [c.chunk_id for c in chunks] == ["lap#00000", "lap#00001"]


def test_sentence_splitter_protects_abbreviations():
    text = "Menurut Dr. Siti, UU No. 23 Tahun 2014 berlaku. PT. Telkom ikut serta! Apa hasilnya? Baik."
    assert split_sentences(text) == ["Menurut Dr. Siti, UU No. 23 Tahun 2014 berlaku.", "PT. Telkom ikut serta!",
                                     "Apa hasilnya?", "Baik."]


THESIS = """BAB I

PENDAHULUAN

1.3 Tujuan Penelitian

1. Menganalisis kolaborasi pemerintah kota dan PT. Telkom
2. Menganalisis penerapan infrastruktur kota cerdas
3. Menganalisis persepsi masyarakat

1.4 Signifikansi Penelitian

1.4.2 Signifikansi Praktis

1. Manfaat Bagi Penulis

Kajian ini menambah pemahaman penulis.

2. Manfaat Bagi Pemerintah

Kajian ini menjadi bahan evaluasi bagi pemerintah kota."""


def test_a_thesis_list_item_stays_under_its_section(count):
    """'2. Manfaat Bagi Pemerintah' inside 1.4.2 keeps 'Signifikansi Praktis' in its context, the chapter's
    label and name are one heading, and an item without text of its own is text, not a lost heading."""
    doc = Document("t", "t.txt", "BAB I PENDAHULUAN", "dokumen", [Page(1, THESIS)])
    chunks = chunk_document(doc, 512, count)
    benefits = [c for c in chunks if c.text.startswith("Kajian ini")]
    assert [c.heading_path[-2:] for c in benefits] == [("1.4.2 Signifikansi Praktis", "1. Manfaat Bagi Penulis"),
                                                       ("1.4.2 Signifikansi Praktis", "2. Manfaat Bagi Pemerintah")]
    government = next(c for c in chunks if "evaluasi" in c.text)
    assert government.context == "BAB I PENDAHULUAN · 1.4.2 Signifikansi Praktis · 2. Manfaat Bagi Pemerintah"
    aims = next(c for c in chunks if "Tujuan" in c.context)
    assert "2. Menganalisis penerapan" in aims.text and "3. Menganalisis persepsi" in aims.text


OUTLINE = """BAB I

PENDAHULUAN

1.5 Sistematika Penulisan

Penulis menyusun sistematika penulisan sebagai berikut:

BAB I PENDAHULUAN

Pada bab ini menjabarkan latar belakang masalah.

BAB II KERANGKA TEORI

Pada bab ini menjabarkan teori collaborative governance.

DAFTAR PUSTAKA

Pada bab ini berisi buku dan jurnal acuan.

BAB II

TINJAUAN PUSTAKA

2.1 Collaborative Governance

Ansell dan Gash merumuskan enam kriteria."""


def test_a_thesis_list_of_its_chapters_is_text_of_its_section(count):
    """'Sistematika Penulisan' names every chapter ('BAB II KERANGKA TEORI', 'DAFTAR PUSTAKA') as it describes
    it: the names are text of that section, not chapters the chunk is cited under, and the real next chapter
    after the list is a heading again."""
    doc = Document("t", "t.txt", "BAB I PENDAHULUAN", "dokumen", [Page(1, OUTLINE)])
    chunks = chunk_document(doc, 512, count)
    outline = [c for c in chunks if "Pada bab ini" in c.text]
    assert len(outline) == 1 and outline[0].heading_path == ("BAB I PENDAHULUAN", "1.5 Sistematika Penulisan")
    assert "BAB II KERANGKA TEORI Pada bab ini menjabarkan teori" in outline[0].text
    assert "DAFTAR PUSTAKA Pada bab ini berisi" in outline[0].text
    theory = next(c for c in chunks if "Ansell" in c.text)
    assert theory.heading_path == ("BAB II TINJAUAN PUSTAKA", "2.1 Collaborative Governance")


def test_an_article_numbers_its_sections_with_single_numbers(count):
    text = "1. Pendahuluan\n\nLatar kajian.\n\n1.1 Tujuan\n\nTujuan kajian.\n\n2. Metode\n\nWawancara mendalam."
    doc = Document("a", "a.txt", "Artikel", "artikel", [Page(1, text)])
    method = next(c for c in chunk_document(doc, 512, count) if "Wawancara" in c.text)
    assert method.heading_path == ("2. Metode",)
