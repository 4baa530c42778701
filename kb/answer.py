"""A short extractive answer: the best sentences of the top hits, each marked with its source [n].

Nothing is generated: every sentence is quoted from a hit, and its marker is the hit's rank, so
[2] in the answer is result 2 in the list below it. A sentence ranks by how many distinct query
terms it holds (as `kb.highlight` matches them), then by its hit's rank. When no sentence shares
a term with the query (a paraphrase, an English question), the openings of the top hits stand in. A sentence with
fewer than half the terms of the best one is left out: it is usually a passing mention.
"""
from __future__ import annotations

from dataclasses import dataclass

from .highlight import highlight, sentence_spans, term_spans
from .search import Hit

# Top hits whose sentences compete; lower ones are rarely what the user asked about.
FROM_TOP = 5
MAX_SENTENCES = 3
# Legal sentences can run for a page (an ayat with its huruf list); an answer must stay short.
MAX_CHARS = 320


@dataclass(frozen=True)
class Sentence:
    text: str
    source: int  # rank of the hit it was taken from


@dataclass(frozen=True)
class Answer:
    sentences: list[Sentence]

    @property
    def text(self) -> str:
        return " ".join(f"{s.text} [{s.source}]" for s in self.sentences)

    @property
    def sources(self) -> list[int]:
        return sorted({s.source for s in self.sentences})


def answer(query: str, hits: list[Hit], max_sentences: int = MAX_SENTENCES) -> Answer:
    top = hits[:FROM_TOP]
    scored: list[tuple[int, int, int, str]] = []  # (distinct terms, rank, start, sentence)
    for hit in top:
        terms = term_spans(query, hit.text)
        for start, end in highlight(query, hit.text).sentences:
            distinct = {t for (a, b), t in terms if start <= a and b <= end}
            scored.append((len(distinct), hit.rank, start, hit.text[start:end]))
    if not scored:
        scored = [(0, h.rank, 0, h.text[slice(*spans[0])]) for h in top if (spans := sentence_spans(h.text))]
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    floor = scored[0][0] / 2 if scored else 0
    chosen: list[Sentence] = []
    seen: set[str] = set()
    for n_terms, rank, _, text in scored:
        key = " ".join(text.lower().split())
        if n_terms < floor or len(chosen) == max_sentences:
            break
        if key not in seen:
            seen.add(key)
            chosen.append(Sentence(_shorten(text), rank))
    return Answer(chosen)


def _shorten(sentence: str) -> str:
    s = " ".join(sentence.split())
    if len(s) <= MAX_CHARS:
        return s
    return s[:MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " …"
