"""Fuzzing (Hypothesis): arbitrary bytes never crash or hang the loaders, and arbitrary text never
crashes or hangs the legal parser. "Crash" means any exception but LoadError; a hang is caught by a
watchdog that works even inside C code (a runaway regex holds the GIL), failing the run with a trace."""
from __future__ import annotations

import contextlib
import faulthandler
import io
import os
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

from helpers import make_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.legal import legal_chunks, legal_metadata
from ingest.legal_tree import parse
from ingest.loaders import SUPPORTED, LoadError, decode_text, load_pages, sniff
from ingest.model import Document, Page
from kb.embedders import E5_MAX_TOKENS

HANG_S = 60  # far beyond any honest example; the watchdog ends the whole run with every thread's trace
# KB_FUZZ_EXAMPLES=5000 for a longer hunt; the suite's default keeps the whole file near ten seconds.
FUZZ = settings(max_examples=int(os.environ.get("KB_FUZZ_EXAMPLES", 60)), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@contextlib.contextmanager
def watchdog():
    faulthandler.dump_traceback_later(HANG_S, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


def load(name: str, data: bytes) -> None:
    """load_pages on these bytes under this name: pages of str, or a LoadError naming the file."""
    with tempfile.TemporaryDirectory() as tmp, watchdog():
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            pages, _ = load_pages(path)
        except LoadError as e:
            assert e.path == str(path) and e.reason
            return
        assert pages and all(isinstance(p.text, str) for p in pages)


@lru_cache(maxsize=None)
def seed(kind: str) -> bytes:
    """A small valid file to mutate: mutations of real structure reach deeper than random bytes."""
    if kind == ".docx":
        with tempfile.TemporaryDirectory() as tmp:
            return make_docx(Path(tmp) / "s.docx", [("h1", "BAB I"), ("p", "Pasal 1 Kota Bekasi.")]).read_bytes()
    from fpdf import FPDF

    pdf = FPDF(format=(60, 40))  # tiny pages: a mutation that loses the text layer sends the page to OCR
    for text in ("Pasal 1 Kota Bekasi.", "Pasal 2 Selesai."):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.multi_cell(0, 4, text)
    return bytes(pdf.output())


@st.composite
def mutated(draw, kind: str) -> bytes:
    data = bytearray(seed(kind))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at:at + draw(st.integers(1, 64))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif op == "truncate":
            del data[at:]
    return bytes(data)


def _rezip(data: bytes, draw_bytes: bytes) -> bytes:
    """The seed DOCX with its main part replaced: a valid package around broken XML."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, draw_bytes if item.filename == "word/document.xml" else src.read(item))
    return out.getvalue()


@FUZZ
@given(data=st.binary(max_size=4096), ext=st.sampled_from(sorted(SUPPORTED - {".jsonl"})))
def test_loaders_on_arbitrary_bytes(data, ext):
    load(f"acak{ext}", data)


@FUZZ
@given(data=st.binary(max_size=2048), ext=st.sampled_from([".pdf", ".docx", ".txt"]))
def test_loaders_on_bytes_behind_a_real_signature(data, ext):
    for magic in (b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        load(f"bertanda{ext}", magic + data)


@FUZZ
@given(data=mutated(".pdf"))
def test_pdf_loader_on_damaged_pdfs(data):
    load("rusak.pdf", data)


@FUZZ
@given(data=mutated(".docx"))
def test_docx_loader_on_damaged_packages(data):
    load("rusak.docx", data)


@FUZZ
@given(xml=st.binary(max_size=1024) | st.text(max_size=512).map(str.encode))
def test_docx_loader_on_broken_xml_in_a_valid_package(xml):
    load("isi-rusak.docx", _rezip(seed(".docx"), xml))


@FUZZ
@given(data=st.binary(max_size=4096), name=st.text(min_size=1, max_size=20).filter(lambda n: "/" not in n
                                                                                      and "\x00" not in n))
def test_sniff_and_decode_accept_any_bytes_and_name(data, name):
    assert isinstance(decode_text(data), str)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (name if name not in (".", "..") else "x")
        try:
            path.write_bytes(data)
        except OSError:  # a name the file system refuses (too long in bytes) is not the loaders' concern
            return
        assert isinstance(sniff(path), str)


# Legal text: the markers the parser looks for, in any order, among OCR-like noise.
LEGAL_TOKENS = st.sampled_from([
    "Pasal", "PASAL", "Pasa1", "BAB", "Bagian", "Paragraf", "Ayat", "ayat", "(1)", "(2)", "(l)", "(10)", "1.", "a.",
    "b.", "1)", "I", "II", "IV", "XVII", "MEMUTUSKAN:", "Menetapkan:", "Menimbang", "Mengingat", "PENJELASAN",
    "LAMPIRAN", "Cukup jelas.", "Cukup je1as", "ATAS", "UNDANG-UNDANG REPUBLIK INDONESIA", "NOMOR 23 TAHUN 2014",
    "TENTANG", "PEMERINTAHAN DAERAH", "PERJANJIAN KERJA SAMA", "PIHAK PERTAMA", "Ketentuan", "diubah",
    "sehingga berbunyi sebagai berikut:", "angka", "huruf", "dihapus.", "\n", "\n\n", " ", ";", ":", "-", "ÿ", "§",
])
NOISE = st.lists(LEGAL_TOKENS | st.text(max_size=12), max_size=40).map(" ".join)


@st.composite
def legal_text(draw) -> str:
    """Mostly well-formed: Pasal numbers that mostly run on, BAB headings, ayat, a PENJELASAN, noise between."""
    out = [draw(NOISE)]
    n = 0
    for _ in range(draw(st.integers(0, 12))):
        n = max(1, n + draw(st.sampled_from([1, 1, 1, 0, 2, -1])))
        if draw(st.booleans()):
            out.append(f"BAB {draw(st.sampled_from(['I', 'II', 'III', 'IV', 'XVII']))}\n{draw(NOISE).upper()}")
        out.append(f"Pasal {n}{draw(st.sampled_from(['', 'A', ' ']))}")
        for k in range(draw(st.integers(0, 3))):
            out.append(f"({k + 1}) {draw(NOISE)}")
        out.append(draw(NOISE))
        if draw(st.integers(0, 9)) == 0:
            out.append(draw(st.sampled_from(["PENJELASAN", "LAMPIRAN", "Pasal I", "Pasal II"])))
    return "\n".join(out)


LEGAL_TEXT = legal_text() | NOISE


def _count(text: str) -> int:
    """The default embedder's tokenizer, as in an ingest (loaded on first use, not at collection)."""
    from kb.embedders import get_embedder

    return get_embedder("e5").token_count(text)


@FUZZ
@given(pages=st.lists(LEGAL_TEXT, min_size=1, max_size=4), amending=st.booleans(),
       doc_type=st.sampled_from(["regulasi", "perjanjian"]))
def test_legal_parser_on_arbitrary_legal_looking_text(pages, amending, doc_type):
    doc = Document(doc_id="uji", source_path="uji.txt", title="Uji", doc_type=doc_type,
                   pages=[Page(i + 1, t) for i, t in enumerate(pages)],
                   metadata={"mengubah": "UU 1/2000"} if amending else {})
    with watchdog():
        parse(doc.pages, amending=amending)
        chunks = legal_chunks(doc, E5_MAX_TOKENS, _count)
        legal_metadata(doc.text)
    for c in chunks or []:
        assert _count(c.embed_text) <= E5_MAX_TOKENS  # the embedder would cut off the rest
    assert chunks is None or len({c.chunk_id for c in chunks}) == len(chunks)


@FUZZ
@given(text=st.text(max_size=2000))
def test_legal_parser_on_arbitrary_text(text):
    doc = Document(doc_id="acak", source_path="acak.txt", title="Acak", doc_type="regulasi", pages=[Page(1, text)])
    with watchdog():
        parse(doc.pages)
        chunks = legal_chunks(doc, E5_MAX_TOKENS, _count)
        legal_metadata(text)
    assert all(_count(c.embed_text) <= E5_MAX_TOKENS for c in chunks or [])
