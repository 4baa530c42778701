"""Real documents made by the tests: multi-page PDFs, DOCX, HTML."""
from __future__ import annotations

import socket
from pathlib import Path
from typing import Sequence


def make_pdf(path: Path, pages: Sequence[str], header: str | None = None, page_numbers: bool = True) -> Path:
    """A PDF with one text block per page; optional running header and "- n -" page numbers."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    for n, text in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        if header:
            pdf.set_xy(10, 8)
            pdf.cell(0, 5, header, align="C")
        if page_numbers:
            pdf.set_xy(10, 14)
            pdf.cell(0, 5, f"- {n} -", align="C")
        pdf.set_xy(15, 25)
        pdf.multi_cell(180, 5, text)
    pdf.output(str(path))
    return path


def word_count(text: str) -> int:
    """A token counter for chunking tests that look at chunk text, not the embedder's token counts."""
    return len(text.split()) + 2  # and the two special tokens a model's count adds


def make_docx(path: Path, blocks: Sequence[tuple[str, str]]) -> Path:
    """blocks: (style, text) with style 'h1', 'h2' or 'p'."""
    import docx

    d = docx.Document()
    for style, text in blocks:
        if style.startswith("h"):
            d.add_heading(text, level=int(style[1:]))
        else:
            d.add_paragraph(text)
    d.save(str(path))
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kb_pasal_lines(kb, reference: str, number: str) -> list[str]:
    """What `kb pasal REFERENCE NUMBER` prints for this knowledge base, line by line."""
    from click.testing import CliRunner

    from kb.cli import cli

    out = CliRunner().invoke(cli, ["pasal", reference, number, "--data-dir", str(kb.settings.data_dir)])
    assert out.exit_code == 0, out.output
    return out.output.splitlines()


def no_network(monkeypatch) -> list[str]:
    """Make every urllib request fail as name resolution does offline; the addresses asked for, in order."""
    import urllib.error

    calls: list[str] = []

    def fail(request, *args, **kwargs):
        calls.append(getattr(request, "full_url", request))
        raise urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution"))

    monkeypatch.setattr("urllib.request.urlopen", fail)
    return calls


def make_scanned_pdf(path: Path, pages: Sequence[str], layers: Sequence[str | None], dpi: int = 150) -> Path:
    """A scan as JDIH sites publish them: each page of `make_pdf(pages)` rendered to an image, under an
    invisible text layer (an OCR layer, as bad as the caller writes it; None: an image-only page)."""
    import subprocess
    import tempfile

    from fpdf import FPDF
    from fpdf.enums import TextMode

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    with tempfile.TemporaryDirectory() as tmp:
        clean = make_pdf(Path(tmp) / "clean.pdf", pages, page_numbers=False)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(clean), f"{tmp}/p"], check=True)
        for image, layer in zip(sorted(Path(tmp).glob("p-*.png")), layers):  # p-01.png ... : zero-padded
            pdf.add_page()
            pdf.image(str(image), x=0, y=0, w=pdf.w, h=pdf.h)
            if layer:
                pdf.set_font("Helvetica", size=10)
                pdf.text_mode = TextMode.INVISIBLE
                pdf.set_xy(15, 25)
                pdf.multi_cell(180, 5, layer)
                pdf.text_mode = TextMode.FILL
        pdf.output(str(path))
    return path
