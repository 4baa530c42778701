"""Text quality (ingest.quality) on real text: OCR damage scores low, clean law, names and other scripts do not."""
from __future__ import annotations

import re
import statistics

import pytest
from conftest import REGULASI, TYDI

from ingest.legal import says_nothing
from ingest.quality import GARBLED_BELOW, garbled, text_quality


def paragraphs(name: str) -> list[str]:
    return [p for p in (REGULASI / f"{name}.md").read_text(encoding="utf-8").split("\n") if len(p) > 150]


def test_ocr_damaged_regulations_score_below_born_digital_ones():
    mean = {n: statistics.mean(map(text_quality, paragraphs(n))) for n in
            ("uu_2014_23", "uu_2009_25", "pp_2016_18", "pp_2018_28", "pp_2021_46", "uu_2022_27")}
    assert min(mean["uu_2014_23"], mean["uu_2009_25"], mean["pp_2016_18"]) > 0.98
    assert max(mean["pp_2018_28"], mean["pp_2021_46"], mean["uu_2022_27"]) < 0.97
    assert not [p for p in paragraphs("uu_2009_25") if garbled(text_quality(p))]
    assert [p for p in paragraphs("pp_2021_46") if garbled(text_quality(p))]


@pytest.mark.parametrize("text", [
    "(l) Daerah yang al<an KSDD tidak boleh ^jelas bantuan ke{a sama dengan pihak ketiga sejak 2Ol4 CukuP jeIas.",
    "Pcmerintah Daerah mcrupakan berakhimya sslagaimana penrusunan pe{anjian urnum persetqiuan kebiiakan dan"])
def test_ocr_shapes_are_garbled(text):
    assert text_quality(text) < GARBLED_BELOW


def test_names_acronyms_and_other_scripts_are_words():
    wiki = [str(line) for line in (TYDI / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[:300]]
    scores = [text_quality(re.sub(r'^.*"text": "|".*$', "", line)) for line in wiki]
    assert statistics.median(scores) > 0.93 and sum(map(garbled, scores)) / len(scores) < 0.05
    assert text_quality("Geisha (bahasa Jepang: 芸者 \"seniman\") adalah seniman-penghibur tradisional Jepang "
                        "yang disebut shōnen oleh DPRD Kota Bekasi dan Morales & Meek (2019).") == 1.0


def test_too_short_to_judge_is_clean_and_cukup_jelas_spellings_say_nothing():
    assert text_quality("C*upjelas.") == 1.0 and text_quality("") == 1.0
    for t in ("C*upjelas.", "CukuP jeIas.", "Pasal 69 Cukup jelas.", "Ayat (1) Cukup jelas. Ayat (2) Huruf a Cukup je1as",
              "Cukup ^jelas."):
        assert says_nothing(t), t
    for t in ("Huruf a Yang dimaksud dengan data adalah data.", "Dihapus.", "Cukup jelas. Yang dimaksud x adalah y"):
        assert not says_nothing(t), t
