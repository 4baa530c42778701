"""Chat spellings read as standard Indonesian: "klo data warga bocor, hrs lapor dlm brp jam?" is searched as
"kalau data warga bocor, harus lapor dalam berapa jam?".

Staff and citizens type questions as they chat. BM25 drops most such words as it would their standard forms,
but not all ("bts wktu" is "batas waktu"), and the embedder reads a chat-spelled question poorly: on the
tuning questions (bench/gold/dev_queries.jsonl) written that way its MRR@10 was 0.31 against BM25's 0.90.
The table (kb/data/colloquial.tsv) holds abbreviations with one reading; unlike kb.thesaurus, which adds the
regulations' terms beside a query's words, it replaces the word. A second table (kb/data/laws.tsv) reads the names
staff call laws by as their titles: "UU Pemda" is "UU Pemerintahan Daerah".
"""
from __future__ import annotations

import re
from functools import lru_cache

from .thesaurus import THESAURUS, read_table

TABLE = THESAURUS.with_name("colloquial.tsv")
LAWS = THESAURUS.with_name("laws.tsv")

# A word and its possessive "-nya" ("wktunya" is "waktunya"); not a piece of a hyphenated word.
_WORD = re.compile(r"(?<![\w-])([^\W\d_]+?)(nya)?(?![\w-])")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    return {variant: standard for standard, variants in read_table(TABLE) for variant in variants}


@lru_cache(maxsize=1)
def _laws() -> tuple[re.Pattern, dict[str, str]]:
    """A pattern of every name of a law (longest first, any spacing) and the title each name stands for."""
    titles = {" ".join(v.split()): title for title, names in read_table(LAWS) for v in names}
    names = sorted(titles, key=len, reverse=True)
    spaced = (r"\s+".join(map(re.escape, n.split())) for n in names)
    return re.compile(r"(?<![\w-])(?:" + "|".join(spaced) + r")(?![\w-])", re.IGNORECASE), titles


def standard(query: str, laws: bool = True) -> str:
    """`query` with each chat spelling in the table replaced by its standard word, and each name of a law by its
    title unless `laws` is off; everything else as typed."""
    if laws:
        names, titles = _laws()
        query = names.sub(lambda m: titles[" ".join(m.group().lower().split())], query)
    table = _table()

    def word(m: re.Match) -> str:
        std = table.get(m.group(1).lower())
        return m.group(0) if std is None else std + (m.group(2) or "")

    return _WORD.sub(word, query)
