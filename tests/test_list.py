"""`kb list`: one row per document with its identity, pages, chunks, units and status; the Kelola
Korpus page shows the same rows (kb.inventory)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from kb.cli import cli
from kb.indexer import ingest
from kb.inventory import UNREADABLE, listing
from test_app import open_app

KEYS = {"doc_id", "title", "doc_type", "jenis", "nomor", "tahun", "source_paths", "pages", "chunks", "units",
        "status"}


def kb_list(kb, *args):
    res = CliRunner().invoke(cli, ["list", *args, "--data-dir", str(kb.settings.data_dir)])
    assert res.exit_code == 0, res.output
    return res.output


def test_json_rows_for_the_real_regulations(regulation_kb):
    rows = {r["doc_id"]: r for r in json.loads(kb_list(regulation_kb, "--json"))}
    assert set(rows) == {"uu_2014_23", "uu_2015_9", "pp_2018_28", "pp_2022_59", "pp_2017_38", "uu_2016_19"}
    assert all(KEYS <= set(r) for r in rows.values())
    uu23 = rows["uu_2014_23"]
    assert (uu23["jenis"], uu23["nomor"], uu23["tahun"], uu23["status"]) == ("UU", "23", 2014, "ok")
    assert uu23["units"] >= 400 and uu23["unit_kind"] == "pasal" and uu23["chunks"] > uu23["units"]
    assert uu23["source_paths"][0].endswith("uu_2014_23.md")
    # An amending law: its body is Pasal I (the changes) and Pasal II (into force).
    assert rows["uu_2015_9"]["units"] == 2
    assert sum(r.chunks for r in listing(regulation_kb)) == regulation_kb.store.count()
    text = kb_list(regulation_kb).splitlines()
    assert any(line.startswith("uu_2014_23\tregulasi\tUU 23 2014\t") and "pasal\tsiap\t" in line for line in text)


def test_a_regulation_whose_identity_cannot_be_read_says_what_to_do(kb_factory, tmp_path, monkeypatch):
    folder = tmp_path / "regulasi"
    folder.mkdir()
    (folder / "scan-buram.md").write_text("Halaman pertama tidak terbaca.\n\nPasal 1\n\nKetentuan ini berlaku.\n",
                                          encoding="utf-8")
    kb = kb_factory()
    assert ingest(kb, [folder]).ok  # ingested all the same
    (row,) = json.loads(kb_list(kb, "--json"))
    assert row["doc_type"] == "regulasi" and row["jenis"] is None and row["status"] == "ok"
    assert any("jenis/nomor tidak terbaca" in n and "sidecar" in n for n in row["notes"]), row
    assert UNREADABLE.split(";")[0] in kb_list(kb)

    kb.close()
    page = open_app(kb.settings.data_dir, monkeypatch, "ui/korpus.py").dataframe[0].value
    assert list(page["ID"]) == ["scan-buram"] and "jenis/nomor tidak terbaca" in page["Status"].iloc[0]
