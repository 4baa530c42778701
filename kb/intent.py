"""The kind of source a query's words ask for: "penelitian ...", "pasal ...", "berita ...", "kasus ...".

Such a word steers the ranking toward documents of that kind (kb.prior) without filtering the others
out: "penelitian tentang wifi" still shows the regulations on wifi, below the studies.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from ingest.article import REFERENCE_LIST
from ingest.citing import AUTHOR_YEAR


@dataclass(frozen=True)
class Intent:
    name: str
    words: re.Pattern
    doc_types: frozenset[str]  # a chunk of one of these types, or a catalog entry of one of these kinds, matches
    sections: frozenset[str] = frozenset()  # or a chunk of one of these sections (a reference list)
    cited: re.Pattern | None = None  # how a source of this kind is cited in a general document's text

    def matches(self, meta: Mapping[str, object]) -> bool:
        doc_type = meta.get("doc_type")
        return (doc_type in self.doc_types or (doc_type == "katalog" and meta.get("kind") in self.doc_types)
                or meta.get("section") in self.sections)

    def cites(self, text: str, meta: Mapping[str, object]) -> bool:
        """A passage of a document of no kind of its own (a thesis chapter, a report) citing such a source.
        Cards are left out: a case card citing the study it draws on is still a case."""
        return bool(self.cited and meta.get("doc_type") == "dokumen" and self.cited.search(text))


def _words(*alternatives: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


INTENTS = (
    # Other people's studies: the study cards, and articles; a passage of a general document that cites
    # them (a thesis chapter's review of earlier studies) is literature too, second to the studies (kb.prior).
    # Supporting and inhibiting factors are what a study reports (the cards' fields), not what a law says.
    Intent("studi", _words(r"penelitian(?!\s+ini)\w*", r"studi", r"kajian", r"jurnal", r"skripsi", r"disertasi",
                           r"riset", r"literatur", r"terdahulu", r"studies", r"study", r"research", r"paper",
                           r"faktor\s+(?:pendukung|penghambat)"),
           frozenset({"studi", "artikel", "tesis", "skripsi", "disertasi"}), cited=AUTHOR_YEAR),
    # The user's own thesis: its chapters, as full text ("dokumen"); its card is a study card like the others.
    Intent("tesis", _words(r"tesis", r"thesis", r"penelitian\s+ini", r"peneliti", r"pendahuluan", r"latar\s+belakang",
                           r"bab\s+(?:satu|i|1)", r"rumusan\s+masalah", r"manfaat\s+\w+", r"kebaruan"),
           frozenset({"dokumen"})),
    # "satpol PP" is the civil-service police, not a Peraturan Pemerintah. What a law rules (an obligation, a
    # permission, a ban, a deadline, a sanction, an authority) is asked of a law: "Boleh untuk keperluan apa
    # saja ...", "apa yang wajib diserahkan vendor". On the tuning questions (mixed index) MRR@10 0.739 -> 0.750,
    # two questions better and none worse on any set; "harus", "izin", "persetujuan", "siapa yang" added nothing.
    Intent("regulasi", _words(r"pasal", r"ayat", r"peraturan", r"undang[\s-]*undang", r"uu", r"(?<!satpol\s)pp",
                              r"perda", r"perwal\w*", r"ketentuan", r"regulasi", r"dasar hukum", r"law", r"regulation",
                              r"wajib", r"diwajibkan", r"boleh", r"dilarang", r"larangan", r"paling\s+lambat",
                              r"sanksi", r"berwenang"),
           frozenset({"regulasi", "perjanjian"})),
    # "media" alone is one of a smart city's actors ("pemerintah, akademisi, dunia usaha dan media"), not news.
    Intent("berita", _words(r"berita\w*", r"(?:di|mem)beritakan", r"kabar", r"liputan",
                            r"media\s+(?:massa|cetak|daring|online)", r"news"),
           frozenset({"berita"})),
    Intent("kasus", _words(r"kasus", r"contoh kota", r"kota lain", r"praktik", r"case", r"cases"),
           frozenset({"kasus"})),
    # Reference lists of articles and theses answer only when asked for (kb.prior ranks them low otherwise).
    Intent("pustaka", _words(r"daftar\s+pustaka", r"pustaka", r"referensi", r"rujukan", r"bibliografi",
                             r"sitasi", r"dikutip", r"references?", r"bibliography", r"cited"),
           frozenset(), frozenset({REFERENCE_LIST})),
)


def intents(query: str) -> tuple[Intent, ...]:
    """The kinds of source the query names; none for most queries."""
    query = " ".join(query.split())  # one space, as the patterns' look-behind expects
    return tuple(i for i in INTENTS if i.words.search(query))
