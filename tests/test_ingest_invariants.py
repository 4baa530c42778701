"""Invariants of incremental ingestion on a real Chroma (property tests in the style of Chroma's own):
ingest twice = ingest once; a changed file replaces its chunks; remove and prune leave no orphan
in Chroma or in the lexical index."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.base import KnowledgeBase
from kb.indexer import ingest

WORDS = ["kota", "cerdas", "Bekasi", "wifi", "Telkom", "layanan", "warga", "anggaran", "inovasi", "data"]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")
document = st.lists(sentence, min_size=1, max_size=6).map(" ".join)
folder = st.dictionaries(st.sampled_from([f"dok{i}" for i in range(6)]), document, min_size=1, max_size=4)


def state(kb: KnowledgeBase) -> tuple[list[tuple[str, str]], list[str]]:
    """(chunk id, text) in Chroma and the ids the lexical index knows, both sorted."""
    chunks = sorted((c.chunk_id, c.text) for c in kb.store.iter_chunks())
    return chunks, sorted(kb.lexical.ids)


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(folder)
def test_ingest_twice_equals_ingest_once(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "docs"
        root.mkdir()
        write(root, files)
        kb = KnowledgeBase.open(Path(tmp) / "kb")
        first = ingest(kb, [root])
        once = state(kb)
        second = ingest(kb, [root])
        assert state(kb) == once
        assert second.chunks == 0 and not second.added and len(second.unchanged) == len(first.added)
        assert once[1] == [cid for cid, _ in once[0]]  # lexical index and Chroma agree
        kb.close()


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(folder, st.data())
def test_remove_and_prune_leave_no_orphans(files, data):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "docs"
        root.mkdir()
        write(root, files)
        kb = KnowledgeBase.open(Path(tmp) / "kb")
        ingest(kb, [root])
        gone = data.draw(st.sampled_from(sorted(files)))
        assert kb.remove(gone)
        (root / f"{gone}.txt").unlink()
        chunks, lexical = state(kb)
        assert not any(cid.startswith(f"{gone}#") for cid, _ in chunks)
        assert lexical == [cid for cid, _ in chunks]
        # Prune drops a document whose file disappeared without `kb remove`.
        rest = sorted(set(files) - {gone})
        if rest:
            (root / f"{rest[0]}.txt").unlink()
            report = ingest(kb, [root], prune=True)
            assert report.removed == [rest[0]]
            chunks, lexical = state(kb)
            assert {cid.split("#")[0] for cid, _ in chunks} == set(rest[1:])
            assert lexical == [cid for cid, _ in chunks]
        kb.close()


def test_changed_file_replaces_its_chunks(tmp_path):
    doc = tmp_path / "docs" / "laporan.txt"
    doc.parent.mkdir()
    doc.write_text("Kota Bekasi memasang wifi. " * 3, encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path / "kb")
    ingest(kb, [doc.parent])
    doc.write_text("Anggaran program kota cerdas dipangkas pada tahun ini.", encoding="utf-8")
    report = ingest(kb, [doc.parent])
    assert report.updated == ["laporan"]
    chunks, lexical = state(kb)
    assert [t for _, t in chunks] == ["Anggaran program kota cerdas dipangkas pada tahun ini."]
    assert lexical == ["laporan#00000"]
    kb.close()


def test_same_content_under_two_names_is_one_document_with_both_paths(tmp_path):
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a.txt").write_text("Satu isi yang sama persis.", encoding="utf-8")
    (root / "salinan a.txt").write_text("Satu isi yang sama persis.", encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path / "kb")
    report = ingest(kb, [root])
    assert report.added == ["a"] and report.unchanged == ["a"]
    (rec,) = kb.store.documents()
    assert sorted(Path(p).name for p in rec.source_paths) == ["a.txt", "salinan a.txt"]
    # The first name deleted: the copy still holds the content, so prune keeps the document.
    (root / "a.txt").unlink()
    assert ingest(kb, [root], prune=True).removed == []
    assert [d.doc_id for d in kb.store.documents()] == ["a"]
    kb.close()


def test_prune_drops_an_entry_taken_out_of_the_catalog(tmp_path):
    import yaml

    from conftest import ROOT

    entries = yaml.safe_load((ROOT / "corpus" / "catalog.yaml").read_text(encoding="utf-8"))
    catalog = tmp_path / "docs" / "catalog.yaml"
    catalog.parent.mkdir()
    kept, dropped = entries["entries"][:2]
    catalog.write_text(yaml.safe_dump({**entries, "entries": [kept, dropped]}, allow_unicode=True), encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path / "kb")
    assert sorted(ingest(kb, [catalog.parent]).added) == sorted([kept["id"], dropped["id"]])
    catalog.write_text(yaml.safe_dump({**entries, "entries": [kept]}, allow_unicode=True), encoding="utf-8")
    assert ingest(kb, [catalog.parent]).removed == []  # without --prune nothing goes
    report = ingest(kb, [catalog.parent], prune=True)
    assert report.removed == [dropped["id"]]
    chunks, lexical = state(kb)
    assert {cid.split("#")[0] for cid, _ in chunks} == {kept["id"]} and lexical == [cid for cid, _ in chunks]
    kb.close()
