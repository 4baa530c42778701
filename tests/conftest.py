"""Shared fixtures. Expensive things (the model, the regulation index) are built once per session,
and every embedding goes through one persistent cache, so no text is embedded twice."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KB_SHARED_DIR", ROOT.parent / "shared"))
REGULASI = SHARED / "corpus" / "regulasi"
SEED = SHARED / "seed"
TYDI = SHARED / "bench" / "tydiqa-id"

# The regulations indexed (with embeddings) for retrieval tests: the flagship UU 23/2014 and the
# smaller, OCR-damaged ones the staff questions target. All 18 are parsed by the legal tests;
# embedding all of them (450k tokens) would take a quarter of an hour on two cores.
INDEXED_REGULATIONS = ("uu_2014_23", "uu_2015_9", "pp_2018_28", "pp_2022_59", "pp_2017_38", "uu_2016_19")

# Outside the repo and the tmp dirs so repeated runs reuse vectors; a new machine fills it once.
os.environ.setdefault("KB_EMBED_CACHE", str(Path.home() / ".cache" / "kb-tests" / "embeddings.sqlite"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def pytest_sessionstart(session):
    if not REGULASI.is_dir():
        raise pytest.UsageError(f"shared material not found at {SHARED}: set KB_SHARED_DIR")


@pytest.fixture
def kb_factory(tmp_path):
    """Open a KnowledgeBase in a fresh data dir (or a named one under tmp_path)."""
    from kb.base import KnowledgeBase

    opened = []

    def make(name: str = "kb", embedder: str | None = None):
        kb = KnowledgeBase.open(tmp_path / name, embedder=embedder)
        opened.append(kb)
        return kb

    yield make
    for kb in opened:
        kb.close()


@pytest.fixture(scope="session")
def regulation_kb(tmp_path_factory):
    """A knowledge base of the real regulations in INDEXED_REGULATIONS, built once per session."""
    from kb.base import KnowledgeBase
    from kb.indexer import ingest

    kb = KnowledgeBase.open(tmp_path_factory.mktemp("regulasi-kb"))
    report = ingest(kb, [REGULASI / f"{name}.md" for name in INDEXED_REGULATIONS])
    assert report.ok, report.failed
    yield kb
    kb.close()


# One index holding every kind of document, as users end up with: the shipped cards and catalog, a
# clean law and its born-digital PDF (UU 14/2008, also a catalog entry), an OCR-damaged regulation
# with "Cukup jelas" in OCR spellings (PP 28/2018) and the seed chapter.
MIXED = (ROOT / "corpus", REGULASI / "uu_2008_14.md", SHARED / "corpus" / "pdf" / "UU_14_2008_KIP_born-digital.pdf",
         REGULASI / "pp_2018_28.md", SEED / "000_ebd9a22910ebef48.txt")


@pytest.fixture(scope="session")
def mixed_kb(tmp_path_factory):
    from kb.base import KnowledgeBase
    from kb.indexer import ingest

    kb = KnowledgeBase.open(tmp_path_factory.mktemp("mixed-kb"))
    report = ingest(kb, list(MIXED))
    assert report.ok, report.failed
    yield kb
    kb.close()
