"""Highlights: matched terms and sentences as offsets into the original text."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kb.highlight import Highlights, highlight, sentence_spans, window

TEXT = ("Daerah dapat mengadakan kerja sama dengan daerah lain. Kerja sama itu diatur dalam "
        "UU No. 23/2014 tentang Pemerintahan Daerah.\n\nWali kota mendorong inovasi layanan wifi.")


def words(text: str, spans) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_terms_match_through_the_analyzer_whatever_their_case_or_affix():
    h = highlight("Bekerja sama antar daerah", TEXT)
    assert words(TEXT, h.spans) == ["Daerah", "kerja", "sama", "daerah", "Kerja", "sama", "Daerah"]


def test_references_match_whole():
    h = highlight("UU 23/2014", TEXT)
    assert "23/2014" in words(TEXT, h.spans)
    assert "23" not in words(TEXT, h.spans)


def test_best_sentence_first_and_sentences_cover_their_text():
    h = highlight("inovasi wifi wali kota", TEXT)
    assert words(TEXT, h.sentences)[0] == "Wali kota mendorong inovasi layanan wifi."
    h = highlight("kerja sama 23/2014", TEXT)
    # The second sentence holds all three terms; the first only two.
    assert words(TEXT, h.sentences) == [
        "Kerja sama itu diatur dalam UU No. 23/2014 tentang Pemerintahan Daerah.",
        "Daerah dapat mengadakan kerja sama dengan daerah lain."]


def test_no_shared_terms_means_no_highlights():
    # An English paraphrase: found by meaning only, nothing to light up.
    assert highlight("regional cooperation agreements", TEXT) == Highlights([], [])
    assert highlight("yang dan di", TEXT) == Highlights([], [])


def test_window_starts_at_the_best_sentence_and_stays_inside_the_text():
    h = highlight("wifi", TEXT)
    a, b = window(TEXT, h, width=60)
    assert TEXT[a:b].startswith("Wali kota") or b == len(TEXT)
    assert 0 <= a < b <= len(TEXT) and b - a <= 60
    assert window(TEXT, Highlights([], []), width=30) == (0, 30)


@given(st.text(alphabet=st.sampled_from(list("abcdeKerja sama. Daerah\n23/2014!?")), max_size=300))
def test_offsets_are_always_inside_the_text_and_ordered(text):
    for a, b in sentence_spans(text):
        assert 0 <= a < b <= len(text)
        assert text[a:b].strip() == text[a:b]
    starts = [a for a, _ in sentence_spans(text)]
    assert starts == sorted(starts)
    h = highlight("kerja sama daerah 23/2014", text)
    assert all(0 <= a < b <= len(text) for a, b in h.spans + h.sentences)


def test_no_term_is_marked_inside_a_web_address():
    from kb.highlight import term_spans

    text = "Unduh di https://raw.githubusercontent.com/kota/wifi-publik.pdf tentang wifi publik."
    spans = [text[a:b] for (a, b), _ in term_spans("wifi publik", text)]
    assert spans == ["wifi", "publik"]  # the two after the address, none inside it
