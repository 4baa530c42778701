"""The study cards against the seed chapter: section 1.4.1 describes ten prior studies, and each
card must carry that study's title, year, authors, city and partners as the seed states them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SEED
from ingest.cards import CaseCard, StudyCard, load_cards

ROOT = Path(__file__).resolve().parents[1]
ORDINALS = ("pertama", "kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan", "kesembilan",
            "kesepuluh")
# Academic titles the seed writes among the names (study 2 even starts its list with "M.Si").
_HONORIFICS = re.compile(r"\b(?:M\.Si|Dr\.|H\.)\s*")


def _norm(text: str) -> str:
    """Compare facts, not typography: no Markdown emphasis, dots, quote styles or case."""
    text = re.sub(r"[*.“”\"]", "", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def _seed_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEED.glob("*.txt")))


def _studies_in_seed() -> list[str]:
    """The ten paragraphs of 1.4.1, from 'Penelitian pertama' up to the next study or the section's summary."""
    text = _seed_text()
    text = text[text.index("1.4.1"):text.index("1.4.2")]
    starts = [re.search(rf"Penelitian {o}\b", text).start() for o in ORDINALS]
    ends = starts[1:] + [text.index("Penelitian yang sudah ada sebelumnya")]
    return [text[s:e] for s, e in zip(starts, ends)]


def _authors_in(block: str) -> list[str]:
    head = re.search(r"oleh (.+?) pada tahun", block, re.S).group(1)
    names = re.split(r",?\s+dan\s+|,\s*", _HONORIFICS.sub("", head))
    return [n.strip() for n in names if n.strip()]


SEED_STUDIES = _studies_in_seed()


@pytest.fixture(scope="module")
def studies() -> dict[str, StudyCard]:
    return {_norm(c.title): c for c in load_cards(ROOT / "corpus") if isinstance(c, StudyCard)}


def test_section_141_describes_ten_studies_and_each_has_a_card(studies):
    assert len(SEED_STUDIES) == 10 == len(studies)


@pytest.mark.parametrize("n", range(10), ids=ORDINALS)
def test_card_matches_the_seed(n, studies):
    block = SEED_STUDIES[n]
    title = re.search(r"judul\s+“(.+?)”[.,]", block, re.S).group(1)
    card = studies.get(_norm(title))
    assert card is not None, f"no card titled {title!r}"
    assert card.year == int(re.search(r"pada tahun (\d{4})", block).group(1))
    # The published record may give a fuller name ("Siti Widharetno Mursalim") or another order.
    seed_authors = [set(_norm(a).split()) for a in _authors_in(block)]
    assert len(card.authors) == len(seed_authors)
    assert all(any(names <= set(_norm(a.full).split()) for a in card.authors) for names in seed_authors), card.id
    assert _norm(card.city) in _norm(block)
    partners = card.partners.government + card.partners.company + card.partners.others
    assert partners, card.id
    for partner in partners:  # a partner spelled otherwise than in the seed is explained in the card's notes
        assert _norm(partner) in _norm(block) or _norm(partner) in _norm(card.notes or ""), \
            f"{card.id}: partner {partner!r} not in the seed"


def test_theory_and_method_facts_named_by_the_issue():
    text = _norm(_seed_text())
    cards = {c.id: c for c in load_cards(ROOT / "corpus")}
    assert "ansell dan gash (2008)" in text and "Ansell dan Gash (2008)" in " ".join(cards["yahya-2022-surakarta"].theory)
    assert "pentahelix" in text and "pentahelix" in cards["khamamim-2021-balikpapan"].theory
    assert "miles dan huberman" in text and "Miles dan Huberman" in cards["widharetno-2017-bandung"].method.analysis


def test_city_case_programmes_are_named_in_the_seed():
    text = _norm(_seed_text())
    for case in (c for c in load_cards(ROOT / "corpus") if isinstance(c, CaseCard)):
        if case.id == "bekasi-telkom-wifi":  # also built on the shared README's news list
            continue
        for programme in case.programmes:
            assert _norm(programme.name) in text, f"{case.id}: {programme.name!r}"
