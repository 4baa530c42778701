"""Every sentence of a generated answer checked against the passages it cites; the rest is dropped.

A sentence is kept only when it
1. cites at least one [n], and every [n] it cites was given to the model;
2. has each of its numbers (years, Pasal numbers, amounts, deadlines) verbatim in a cited passage;
3. is supported by a cited passage: most of its key terms (weighted by rarity) are in the passage, or
   the embedder finds the two close in meaning (a paraphrase).
Thresholds were set on bench/gold/llm_answers.jsonl (scripted answers over real Pasal and cards, each
sentence labelled); bench/verify.py prints the check's precision and recall there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping

from ingest.analyzer import STOPWORDS, tokenize

# Share of a sentence's key terms a cited passage must hold; below it, meaning must carry it.
MIN_TERMS = 0.7
# Cosine of sentence (as a query) and passage, by the index's embedder, that counts as support.
MIN_SIMILARITY = 0.90

_MARKS = re.compile(r"\s*((?:\[\d+\]\s*)+)")
_SENTENCE = re.compile(r".+?(?:[.!?](?:\s*\[\d+\])*(?=\s+|$)|$)", re.DOTALL)
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")

Similarity = Callable[[str, str], float]  # (sentence, passage) -> cosine


@dataclass(frozen=True)
class Checked:
    text: str  # the sentence as the model wrote it, markers included
    cited: tuple[int, ...]
    kept: bool
    reason: str = ""  # why it was dropped


def sentences(answer: str) -> list[tuple[str, tuple[int, ...]]]:
    """(sentence, the [n] it cites), markers at its end or just before its full stop."""
    out = []
    for m in _SENTENCE.finditer(" ".join(answer.split())):
        s = m.group().strip()
        if s:
            out.append((s, tuple(int(n) for n in re.findall(r"\[(\d+)\]", s))))
    return out


def _plain(sentence: str) -> str:
    return re.sub(r"\[\d+\]", " ", sentence)


def _key_terms(text: str) -> set[str]:
    return {t for t in tokenize(text) if not t.isdigit() and t not in STOPWORDS}


def check(sentence: str, cited: tuple[int, ...], passages: Mapping[int, str],
          similar: Similarity | None = None) -> Checked:
    if not cited:
        return Checked(sentence, cited, False, "tanpa sumber / no source cited")
    missing = [n for n in cited if n not in passages]
    if missing:
        return Checked(sentence, cited, False, f"sumber [{missing[0]}] tidak ada / source [{missing[0]}] does not exist")
    plain = _plain(sentence)
    sources = " ".join(passages[n] for n in cited)
    numbers = set(_NUMBER.findall(sources))
    for num in _NUMBER.findall(plain):
        if num not in numbers:
            return Checked(sentence, cited, False, f"angka {num} tidak ada di sumber / {num} is not in the source")
    terms = _key_terms(plain)
    held = set(tokenize(sources))
    if terms and len(terms & held) / len(terms) >= MIN_TERMS:
        return Checked(sentence, cited, True)
    if similar is not None and max(similar(plain, passages[n]) for n in cited) >= MIN_SIMILARITY:
        return Checked(sentence, cited, True)
    return Checked(sentence, cited, False, "tidak didukung sumbernya / not supported by its source")


def verify(answer: str, passages: Mapping[int, str], similar: Similarity | None = None) -> list[Checked]:
    return [check(s, cited, passages, similar) for s, cited in sentences(answer)]
