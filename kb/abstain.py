"""Whether the top hits answer a question at all, so that an answer never quotes noise.

Search always returns its nearest passages, even for "resep rendang" in a corpus of regulations.
The question's key terms (analyzed as BM25 sees them; question words and words naming a kind of
source left out) must mostly appear together in one of the top hits, counting the regulations' own
terms for everyday words (kb.thesaurus) as the words they stand for. Thresholds were set on the
answer set's unanswerable questions (labour law, immigration, cooking ...) against its answerable
ones: bench/answers.py prints both error rates.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ingest.analyzer import tokenize, words

from . import thesaurus
from .search import Hit

IDF = Callable[[Iterable[str]], dict[str, float]]
# Hits whose text is checked; an answer quotes from the top few only.
TOP = 3
# Share of the key terms (weighted by rarity) one hit must hold, or else the embedder's similarity of
# the question to a top hit that says it in other words (a paraphrase, an English question).
MIN_COVERAGE = 0.55
MIN_SIMILARITY = 0.87
# Words that ask, not say (analyzed forms): a question about anything holds them.
_GENERIC = frozenset(tokenize(
    "apa saja isi atur mengatur diatur boleh bisa dapat harus sih aja itu mana jelas sebut tentang mengenai hal "
    "cara ada bagaimana berapa siapa kapan mengapa kenapa kalau jika ya tidak dong kah gimana gak nggak "
    "mau ingin hendak perlu "  # "pemkot mau kerja sama ...": the wish, not the topic
    "ga gk ngga engga enggak ndak kagak "  # the same "... nggak?" as chat spells it (kb.colloquial leaves it be)
    "penelitian studi kajian jurnal tesis skripsi riset pasal ayat peraturan undang ketentuan berita kasus "
    "contoh kota lain praktik apakah dimaksud menurut yang"))


@dataclass(frozen=True)
class Verdict:
    answered: bool
    coverage: float  # best share of key terms held by one top hit, 0..1
    similarity: float  # best cosine of the question to a top hit (0 where the embedder did not rank them)
    terms: tuple[str, ...]  # the key terms judged


def key_terms(query: str) -> dict[str, set[str]]:
    """Each key term of the query (analyzed) with the analyzed words of the regulations' terms for it."""
    out: dict[str, set[str]] = {}
    for word in words(query):
        for t in tokenize(word):
            if t not in _GENERIC:
                out.setdefault(t, set()).update(tokenize(" ".join(thesaurus.expand(word).added)))
    return out


def judge(query: str, hits: list[Hit], idf: IDF | None = None) -> Verdict:
    """`idf`: rarity of analyzed terms in the index (kb.lexical.LexicalIndex.idf), so that "upah minimum"
    counts for more than "kota"; every term weighs the same without it."""
    terms = key_terms(query)
    if not hits:
        return Verdict(False, 0.0, 0.0, tuple(terms))
    similarity = max((h.similarity or 0.0 for h in hits[:TOP]), default=0.0)
    if not terms:  # nothing but question words: nothing to check against
        return Verdict(True, 1.0, similarity, ())
    weight = idf(list(terms)) if idf else dict.fromkeys(terms, 1.0)
    total = sum(weight.values()) or 1.0
    best = 0.0
    for h in hits[:TOP]:
        held = set(tokenize(f"{h.meta.get('context') or ''} {h.title or ''} {h.text}"))
        # The regulations' term for an everyday word stands in for it ("pemda" -> "pemerintah daerah").
        share = sum(weight[t] for t, stand_ins in terms.items() if t in held or stand_ins & held) / total
        best = max(best, share)
    return Verdict(best >= MIN_COVERAGE or similarity >= MIN_SIMILARITY, round(best, 3), round(similarity, 4),
                   tuple(terms))
