"""What users install: scripts/setup.sh without extras, exactly as scripts/run.sh runs it, in a venv of its
own, then one file of every supported format ingested and found. A dependency that only the test or st
extras bring in (lxml_html_clean was one) fails here."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from conftest import ROOT
from helpers import make_docx, make_pdf

# One file per format, each with a phrase no other holds.
FILES = {
    "laporan.pdf": "sensor banjir kali cikeas",
    "notulen.docx": "rapat koordinasi menara pemancar",
    "catatan.txt": "pompa air taman kota harapan",
    "ringkasan.md": "lampu jalan tenaga surya",
    "berita.html": "halte bus pintar alun-alun",
}


@pytest.mark.slow
def test_the_default_install_reads_every_format(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run(["bash", str(ROOT / "scripts" / "setup.sh")], env={**os.environ, "KB_VENV": str(venv)},
                   check=True, timeout=1500, capture_output=True)
    files = tmp_path / "berkas"
    files.mkdir()
    make_pdf(files / "laporan.pdf", [f"Laporan dinas. Petugas memeriksa {FILES['laporan.pdf']} setiap pagi."])
    make_docx(files / "notulen.docx", [("h1", "Notulen"), ("p", f"Hasil {FILES['notulen.docx']} disepakati.")])
    (files / "catatan.txt").write_text(f"Catatan lapangan: {FILES['catatan.txt']} rusak.\n", encoding="utf-8")
    (files / "ringkasan.md").write_text(f"# Ringkasan\n\nProgram {FILES['ringkasan.md']} berjalan.\n",
                                        encoding="utf-8")
    (files / "berita.html").write_text(
        "<html><head><title>Berita Kota</title></head><body><article><h1>Berita Kota</h1>"
        f"<p>Pemerintah kota meresmikan {FILES['berita.html']} untuk warga.</p>"
        "<p>Warga menyambut baik layanan baru ini di pusat kota.</p></article></body></html>", encoding="utf-8")
    shutil.copy(ROOT / "corpus" / "studies" / "yahya-2022-surakarta.yaml", files)
    shutil.copy(ROOT / "corpus" / "catalog.yaml", files)
    kb = [str(venv / "bin" / "kb")]
    data = ["--data-dir", str(tmp_path / "kb")]
    res = subprocess.run([*kb, "ingest", str(files), *data], capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "gagal/failed 0" in res.stdout
    for name, phrase in {**FILES, "yahya-2022-surakarta.yaml": "penelitian Yahya dan Sudarmo tentang EPPSON",
                         "catalog.yaml": "Perwal Bekasi 110/2016"}.items():
        out = subprocess.run([*kb, "search", phrase, "--json", "--k", "1", *data], capture_output=True, text=True,
                             timeout=300)
        assert out.returncode == 0, out.stderr
        (hit,) = json.loads(out.stdout)
        assert hit["source_path"].endswith(name), (phrase, hit["source_path"])
