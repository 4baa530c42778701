"""Query expansion: everyday, abbreviated and English words mapped to the regulations' own terms.

Staff ask "apa saja tugas wali kota"; the law says "kepala daerah mempunyai tugas". Neither BM25
nor the small embedder bridges that reliably, so a query that contains a variant from
kb/data/thesaurus.tsv also searches for the canonical term. Matching is on lowercased words
without stopwords, not on stems: Sastrawi stems "laporan keuangan" to "lapor uang", and "lapor"
is a variant of "pengaduan". Expansion is one-way, variant -> canonical: the documents already
use the canonical words.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.analyzer import STOPWORDS, words

THESAURUS = Path(__file__).with_name("data") / "thesaurus.tsv"


@dataclass(frozen=True)
class Expansion:
    query: str
    added: tuple[str, ...]  # canonical terms the query did not already contain

    @property
    def text(self) -> str:
        """What the retrievers search for: the query, then the added terms."""
        return f"{self.query} ({'; '.join(self.added)})" if self.added else self.query


Rule = tuple[tuple[str, ...], str, tuple[str, ...]]  # (variant words, canonical term, canonical words)


def read_table(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(canonical, variants) for each line "canonical<TAB>variant | variant" of a table in kb/data."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        canonical, sep, variants = line.partition("\t")
        if not sep:
            raise ValueError(f"{path}:{n}: expected 'canonical<TAB>variant | variant', got {line!r}")
        yield canonical.strip(), [v.strip() for v in variants.split("|") if v.strip()]


@lru_cache(maxsize=1)
def _rules() -> dict[str, list[Rule]]:
    """Rules by the first word of their variant, longest variants first."""
    by_first: dict[str, list[Rule]] = {}
    for canonical, variants in read_table(THESAURUS):
        for v in variants:
            toks = _words(v)
            if toks:
                by_first.setdefault(toks[0], []).append((toks, canonical, _words(canonical)))
    for rules in by_first.values():
        rules.sort(key=lambda r: -len(r[0]))
    return by_first


_ENCLITIC = re.compile(r"(?<=\w{4})(nya|lah|kah|pun)$")  # "kemitraannya" is still "kemitraan"


def _words(text: str) -> tuple[str, ...]:
    return tuple(_ENCLITIC.sub("", w) for w in words(text) if w not in STOPWORDS)


def _contains(tokens: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tokens[i:i + n] == phrase for i in range(len(tokens) - n + 1))


def expand(query: str) -> Expansion:
    tokens = _words(query)
    rules = _rules()
    added: list[str] = []
    for i, tok in enumerate(tokens):
        for variant, canonical, canonical_words in rules.get(tok, ()):
            if (tokens[i:i + len(variant)] == variant and canonical not in added
                    and not _contains(tokens, canonical_words)):
                added.append(canonical)
    return Expansion(query, tuple(added))
