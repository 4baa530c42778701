"""Removal moves a document to the recycle bin; restore brings back exactly what was there, without
embedding; purge deletes for good. A Hypothesis state machine checks the invariants over any sequence."""
from __future__ import annotations

import time

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from kb.base import RestoreError
from kb.cli import cli
from kb.indexer import ingest
from kb.recycle import parse_age

NOTES = {
    "banjir": "# Sensor Banjir\n\nDinas memasang sensor banjir di Kali Bekasi dan Kali Malang.\n",
    "wifi": "# Wifi Publik\n\nPemerintah kota menargetkan seribu titik wifi publik bersama PT Telkom.\n",
    "cctv": "# CCTV\n\nKamera pengawas di persimpangan membantu petugas mengurai kemacetan.\n",
}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Three notes indexed once; each test copies nothing but reads this state through its own kb."""
    root = tmp_path_factory.mktemp("notes")
    for name, text in NOTES.items():
        (root / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def stored(kb, doc_id):
    snap = kb.store.snapshot(doc_id)
    order = np.argsort(snap.ids)
    return [snap.ids[i] for i in order], snap.vectors[order], [snap.metadatas[i] for i in order]


def test_remove_then_restore_gives_back_the_same_chunks_vectors_and_search(kb_factory, built, monkeypatch):
    kb = kb_factory()
    assert ingest(kb, [built]).ok
    before = stored(kb, "wifi")
    assert kb.lexical.search("titik wifi publik", 1)[0][0].startswith("wifi")
    assert kb.remove("wifi")
    assert kb.store.document("wifi") is None
    assert not any(i.startswith("wifi") for i, _ in kb.lexical.search("titik wifi publik", 5))
    monkeypatch.setattr(kb, "embed_passages", lambda texts: pytest.fail("restore must not embed"))
    kb.restore("wifi")
    ids, vectors, metas = stored(kb, "wifi")
    # Chroma normalises cosine vectors on add: equal to float precision, not bit for bit.
    assert ids == before[0] and np.allclose(vectors, before[1], atol=1e-6) and metas == before[2]
    assert kb.lexical.search("titik wifi publik", 1)[0][0].startswith("wifi")
    assert kb.recycle.entries() == []


def test_restore_refuses_what_is_not_in_the_bin_or_is_back_in_the_corpus(kb_factory, built):
    kb = kb_factory()
    assert ingest(kb, [built / "cctv.md"]).ok
    with pytest.raises(RestoreError, match="tidak ada di tempat sampah"):
        kb.restore("cctv")
    assert kb.remove("cctv")
    assert ingest(kb, [built / "cctv.md"]).ok  # re-ingested from its file meanwhile
    with pytest.raises(RestoreError, match="sudah ada lagi"):
        kb.restore("cctv")


def test_cli_remove_restore_purge(kb_factory, built):
    kb = kb_factory()
    assert ingest(kb, [built]).ok
    d = kb.settings.data_dir
    assert run("remove", "nope", "--data-dir", d).exit_code == 1  # exit codes as before
    res = run("remove", "banjir", "--data-dir", d)
    assert res.exit_code == 0 and "kb restore banjir" in res.output
    listed = run("restore", "--list", "--data-dir", d)
    assert listed.exit_code == 0 and listed.output.startswith("banjir\t") and "1 potongan" in listed.output
    assert run("purge", "--older-than", "1d", "--data-dir", d).output.startswith("dihapus permanen / purged: 0")
    res = run("restore", "banjir", "--data-dir", d)
    assert res.exit_code == 0 and "restored banjir (1 potongan" in res.output, res.output
    assert run("restore", "banjir", "--data-dir", d).exit_code == 1
    assert run("remove", "banjir", "--data-dir", d).exit_code == 0
    assert run("purge", "--older-than", "soon", "--data-dir", d).exit_code == 2
    res = run("purge", "--older-than", "0d", "--data-dir", d)
    assert res.exit_code == 0 and "purged: 1\n  banjir" in res.output
    assert run("restore", "banjir", "--data-dir", d).exit_code == 1
    assert not any((d / "recycle").iterdir())
    actions = [(e.action, e.doc_id) for e in kb.audit.entries() if e.result == "ok"]
    assert actions[-4:] == [("remove", "banjir"), ("restore", "banjir"), ("remove", "banjir"), ("purge", "banjir")]


def test_purge_takes_only_what_is_old_enough(kb_factory, built, monkeypatch):
    kb = kb_factory()
    assert ingest(kb, [built]).ok
    assert kb.remove("cctv")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 31 * 86400)
    assert kb.remove("wifi")  # removed "a month later"
    assert [b.doc_id for b in kb.purge(parse_age("30d"))] == ["cctv"]
    assert [b.doc_id for b in kb.recycle.entries()] == ["wifi"]


def test_parse_age():
    assert parse_age("30d") == 30 * 86400 and parse_age("12h") == 43200 and parse_age("2w") == 14 * 86400
    with pytest.raises(ValueError, match="30d"):
        parse_age("30 hari")


class RemoveRestore(RuleBasedStateMachine):
    """Any sequence of removals, restores and purges: every document is in the index or in the bin (or
    purged), never both; the index holds exactly the chunks of the documents in it; nothing is orphaned."""

    def __init__(self):
        super().__init__()
        self.kb = None

    @initialize()
    def start(self):
        self.kb = _KB.make()
        self.present = set(NOTES)
        self.binned: list[str] = []

    @precondition(lambda self: self.present)
    @rule(data=st.data())
    def remove(self, data):
        doc_id = data.draw(st.sampled_from(sorted(self.present)))
        assert self.kb.remove(doc_id)
        self.present.discard(doc_id)
        self.binned.append(doc_id)

    @precondition(lambda self: self.binned)
    @rule(data=st.data())
    def restore(self, data):
        doc_id = data.draw(st.sampled_from(sorted(set(self.binned))))
        self.kb.restore(doc_id)
        self.binned.remove(doc_id)
        self.present.add(doc_id)

    @rule()
    def purge_all(self):
        self.kb.purge(0)
        self.binned.clear()

    @invariant()
    def index_and_bin_agree(self):
        if self.kb is None:
            return
        assert {d.doc_id for d in self.kb.store.documents()} == self.present
        chunk_docs = [c.meta["doc_id"] for c in self.kb.store.iter_chunks()]
        assert set(chunk_docs) == self.present and len(chunk_docs) == len(self.present)  # one chunk per note
        assert sorted(b.doc_id for b in self.kb.recycle.entries()) == sorted(self.binned)
        assert not list(self.kb.recycle.root.glob(".tmp-*"))

    def teardown(self):
        if self.kb is not None:
            _KB.reset(self.kb)


class _KB:
    """One indexed knowledge base for the whole state machine, put back to all three notes after each run."""
    source = None
    kb = None

    @classmethod
    def make(cls):
        return cls.kb

    @classmethod
    def reset(cls, kb):
        kb.purge(0)
        assert ingest(kb, [cls.source]).ok  # purged notes come back from their files (vectors cached)


def test_remove_restore_purge_invariants(kb_factory, built):
    _KB.kb, _KB.source = kb_factory(), built
    assert ingest(_KB.kb, [built]).ok
    RemoveRestore.TestCase.settings = settings(max_examples=12, stateful_step_count=6, deadline=None,
                                               suppress_health_check=list(HealthCheck))
    RemoveRestore.TestCase().runTest()
