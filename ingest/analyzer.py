"""Indonesian analyzer for the lexical index: lowercase, stopwords, Sastrawi stems, references kept.

Legal references must survive tokenisation as single tokens: "363", "2/2020", "555.8",
"5a" (Pasal 5A). Words are stemmed with Sastrawi, whose per-word cost is high, so stems are
memoised for the life of the process.
"""
from __future__ import annotations

import re
from functools import lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

# A reference: digits joined by / . - (2/2020, 555.8, 23-2014) or digits with a letter suffix (5a).
_TOKEN = re.compile(r"\d+(?:[./-]\d+)+|\d+[a-z]?\b|[a-z]+(?:-[a-z]+)*", re.UNICODE)

# Function words only. Sastrawi's own list (809 words) also drops content words this domain
# searches for: "kerja", "sama", "pihak", "bagian", "kasus", "tidak", "kedua".
STOPWORDS = frozenset("""
yang dan atau di ke dari dengan dalam untuk pada oleh bagi sebagai adalah ialah yaitu yakni
ini itu tersebut sebagaimana dimaksud serta juga akan telah sudah dapat bahwa agar supaya
karena sehingga jika apabila maka namun tetapi tapi hingga sampai antara atas terhadap
apa siapa mana bagaimana kapan mengapa berapa apakah adakah
se nya lah kah pun para suatu sebuah setiap tiap
the of and or in on to a an for is are be by with as at from this that which what who how
""".split())


@lru_cache(maxsize=1)
def _stemmer():
    # Sastrawi's stemmer without its own unbounded result cache: stem() below is the one cache.
    return StemmerFactory().create_stemmer().delegatedStemmer


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    if len(word) <= 3 or "-" in word:
        return word
    return _stemmer().stem(word) or word


def words(text: str) -> list[str]:
    """Lowercased words and references of `text`, in order, before stopwords and stemming."""
    return _TOKEN.findall(text.lower())


def tokenize(text: str) -> list[str]:
    """Analyzed tokens of `text`, in order."""
    out: list[str] = []
    for tok in words(text):
        if tok[0].isdigit():
            out.append(tok)
        elif len(tok) > 1 and tok not in STOPWORDS:
            out.append(stem(tok))
    return out
