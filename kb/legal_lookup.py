"""Exact legal references in a query, and Pasal lookup in a KnowledgeBase.

"Pasal 363 UU 23/2014", "pasal 14 pp 28 tahun 2018", "perda bekasi 2/2020 pasal 5", "diktum kedua kepwal
bekasi 555.8/2021", "angka 3 SE Menteri Komunikasi dan Informatika 5/2023" (a Keputusan's diktum and a
Surat Edaran's point are looked up like a Pasal): the named Pasal goes first in the
results (then its Penjelasan, then the Pasal as an amending law rewrote it), whatever the semantic score.
Every legal hit's citation names its best-matching ayat/huruf and says when the regulation was amended
or revoked by a document in the corpus.
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from itertools import groupby
from typing import Callable, Mapping

from ingest import pages
from ingest.analyzer import STOPWORDS
from ingest.legal import LEGAL_TYPES
from ingest.legal_markers import ordinal

from . import colloquial
from .base import KnowledgeBase
from .citations import best_location, cite
from .copies import Copies, copies
from .lexical import Filters
from .store import DocRecord, StoredChunk

# Query spellings of each jenis -> the short jenis stored in metadata (ingest.regulation, ingest.agreement).
_ALIASES: list[tuple[str, str]] = [
    (r"perppu|peraturan\s+pemerintah\s+pengganti\s+undang[\s-]*undang", "Perppu"),
    (r"uu|undang[\s-]*undang", "UU"),
    (r"pp|peraturan\s+pemerintah", "PP"),
    (r"perpres|peraturan\s+presiden", "Perpres"),
    (r"keppres|keputusan\s+presiden", "Keppres"),
    (r"permendagri|peraturan\s+menteri\s+dalam\s+negeri", "Permendagri"),
    (r"permenkominfo|peraturan\s+menteri\s+komunikasi\s+dan\s+informatika", "Permenkominfo"),
    (r"permenpan(?:-?rb)?", "PermenPANRB"),
    (r"permen|peraturan\s+menteri", "Permen"),
    (r"kepmen|keputusan\s+menteri", "Kepmen"),
    (r"perda|peraturan\s+daerah", "Perda"),
    (r"pergub|peraturan\s+gubernur", "Pergub"),
    (r"perbup|peraturan\s+bupati", "Perbup"),
    (r"perwal[ikot]*|peraturan\s+wali\s*kota", "Perwal"),
    (r"kepwal[ikot]*|keputusan\s+wali\s*kota", "Kepwal"),
    (r"kepbup|keputusan\s+bupati", "Kepbup"),
    (r"kepgub|keputusan\s+gubernur", "Kepgub"),
    (r"peraturan\s+(?:dprd|dewan\s+perwakilan\s+rakyat\s+daerah)", "Peraturan DPRD"),
    (r"keputusan\s+(?:dprd|dewan\s+perwakilan\s+rakyat\s+daerah)", "Keputusan DPRD"),
    (r"persekda|peraturan\s+sekretaris\s+daerah", "Persekda"),
    (r"kepsekda|keputusan\s+sekretaris\s+daerah", "Kepsekda"),
    (r"perkadis|peraturan\s+kepala\s+dinas", "Perkadis"),
    (r"inpres|instruksi\s+presiden", "Inpres"),
    (r"inmen|instruksi\s+menteri", "Inmen"),
    (r"ingub|instruksi\s+gubernur", "Ingub"),
    (r"inbup|instruksi\s+bupati", "Inbup"),
    (r"inwal[ikot]*|instruksi\s+wali\s*kota", "Inwal"),
    (r"se|surat\s+edaran", "SE"),
]
_JENIS = "|".join(f"(?P<j{i}>{p})" for i, (p, _) in enumerate(_ALIASES))
# "UU 23/2014", "uu no. 23 tahun 2014", as typed in haste "UU23/2014" and "uu 23 2014".
_REGULATION = re.compile(
    r"\b(?:" + _JENIS + r")(?:\b|(?=\d))"
    r"(?P<issuer>(?:\s+(?!no\b|nomor\b|tahun\b|pasal\b|tentang\b)[a-z][a-z.]*){0,6}?)\s*"
    r"(?:no\.?|nomor)?\s*(?P<nomor>\d[\w.\-/]*?)\s*(?:/|\s+tahun\s+|\s+th\.?\s*|\s+)(?P<tahun>(?:19|20)\d\d)\b",
    re.IGNORECASE)
# A law named by its title, not its number: "Pasal 17 UU Keterbukaan Informasi Publik" (or "UU KIP", which
# kb.colloquial reads as that title). The title runs to a digit, a punctuation mark or the next Pasal/ayat.
_TITLED = re.compile(r"\b(?:" + _JENIS + r")\s+(?:tentang\s+)?(?P<title>[^\W\d_][^\d.,;:?!()]*)", re.IGNORECASE)
_TITLE_END = re.compile(r"\b(?:pasal|ayat|huruf|diktum|angka)\b.*", re.IGNORECASE | re.DOTALL)
# "Pasal 363 ayat (2) huruf b"; "pasal 363 (2)" names the ayat too.
_PASAL = re.compile(r"\bpasal\s+(?P<pasal>\d+[a-z]?|[IVX]+)\b(?:\s*ayat\s*\(?(?P<ayat>\d+[a-z]?)\)?|"
                    r"\s*\((?P<ayat_only>\d{1,2}[a-z]?)\))?(?:\s*huruf\s+(?P<huruf>[a-z]\d?)\b)?", re.IGNORECASE)
# "diktum kedua", "Diktum KEDUA BELAS": a Keputusan's numbered parts, by their words.
_DIKTUM = re.compile(r"\bdiktum\s+(?P<word>pertama|ke[a-z]+(?:\s+(?:belas|puluh(?:\s+(?:satu|dua|tiga|empat|lima|"
                     r"enam|tujuh|delapan|sembilan)\b)?)\b)?)", re.IGNORECASE)
# "angka 3": a Surat Edaran's numbered point (in any other act, a part of a Pasal).
_ANGKA = re.compile(r"\bangka\s+(?P<n>\d{1,2})\b", re.IGNORECASE)
_AGREEMENT = re.compile(r"\b(?:pks|mou|perjanjian(?:\s+kerja\s*sama)?|nota\s+kesepahaman)\b", re.IGNORECASE)
_REGION_WORDS = {"kota", "kabupaten", "kab", "provinsi", "prov"}


@dataclass(frozen=True)
class Reference:
    """A legal reference written in a query."""
    jenis: str  # short jenis ("UU", "Perda", "PKS")
    nomor: str = ""
    tahun: int | None = None
    words: tuple[str, ...] = ()  # issuer ("bekasi") or, for agreements, party words ("telkom")
    pasal: str | None = None  # or a diktum's word: "KEDUA", or a Surat Edaran's point: "3"
    ayat: str | None = None
    huruf: str | None = None
    title: tuple[str, ...] = ()  # the words after the jenis where no number names the law ("keterbukaan", ...)


def _pasal_label(raw: str) -> str:
    return raw.upper() if re.fullmatch(r"[ivxIVX]+", raw) else re.sub(r"[a-z]$", lambda m: m.group().upper(), raw)


def parse_reference(query: str) -> Reference | None:
    """The regulation (or agreement) and Pasal a query names, or None when it names no regulation."""
    p = _PASAL.search(query)
    pasal = dict(pasal=_pasal_label(p.group("pasal")), ayat=p.group("ayat") or p.group("ayat_only"),
                 huruf=p.group("huruf")) if p else {}
    d = _DIKTUM.search(query)
    if not p and d and ordinal(d.group("word")) is not None:
        pasal = dict(pasal=" ".join(d.group("word").upper().split()))  # as ingest.legal_markers labels it
    m = _REGULATION.search(query)
    if m:
        i = next(int(k[1:]) for k, v in m.groupdict().items() if k.startswith("j") and v)
        words = tuple(w for w in m.group("issuer").lower().split() if w.strip(".") not in _REGION_WORDS)
        a = _ANGKA.search(query)
        if not pasal and a and _ALIASES[i][1] == "SE":
            pasal = dict(pasal=a.group("n"))
        return Reference(_ALIASES[i][1], m.group("nomor").strip("./-").upper(), int(m.group("tahun")), words, **pasal)
    titled = _titled(query, pasal) if pasal else None
    if titled:
        return titled
    if p and _AGREEMENT.search(query):  # "pasal 3 pks telkom": an agreement named by a party
        rest = re.sub(_AGREEMENT.pattern + "|" + _PASAL.pattern, " ", query, flags=re.IGNORECASE)
        words = tuple(w for w in re.findall(r"[a-z]{4,}", rest.lower()) if w not in STOPWORDS)
        return Reference("agreement", words=words, **pasal)
    return None


def _titled(query: str, pasal: dict) -> Reference | None:
    t = _TITLED.search(query)
    title = tuple(_words(_TITLE_END.sub("", t.group("title")))) if t else ()
    if not title or set(title) <= STOPWORDS:
        return None
    i = next(int(k[1:]) for k, v in t.groupdict().items() if k.startswith("j") and v)
    return Reference(_ALIASES[i][1], title=title, **pasal)


def named_law(query: str) -> Reference | None:
    """The law a query names, by number or by title, with or without a Pasal ("menurut UU Pemerintahan Daerah,
    ..."). Only for preferring that law's text: parse_reference takes a title as a reference only beside a Pasal,
    where it cannot be an act's name in passing ("kewenangan satpol PP menegakkan perda")."""
    return parse_reference(query) or _titled(query, {})


def refers_to(ref: Reference, meta: Mapping[str, object], doc_type: str | None) -> bool:
    """Whether `ref` names the document of this metadata (a document's, or any of its chunks')."""
    if ref.jenis == "agreement":  # named by a party, or by the citation's acronyms ("nota kesepahaman sotvi")
        parties = f"{meta.get('pihak', '')} {meta.get('short_cite', '')}".lower()
        return doc_type == "perjanjian" and any(w in parties for w in ref.words)
    jenis = str(meta.get("jenis", ""))
    same_jenis = jenis == ref.jenis or (ref.jenis in ("Permen", "Kepmen") and jenis.startswith(ref.jenis))
    if ref.title:  # its whole title begins the words after the jenis: "UU Pemerintahan Daerah", not the amending law's
        tentang = tuple(_words(str(meta.get("tentang") or "")))
        return same_jenis and bool(tentang) and ref.title[:len(tentang)] == tentang
    issuer = str(meta.get("issuer", "")).lower()
    nomor = str(meta.get("nomor", "")).upper()
    # A Keputusan's number is cited whole ("555.8/KEP.231-.../V/2021") or by its first part ("555.8/2021").
    same_nomor = ref.nomor.upper() in (nomor, nomor.split("/")[0]) or nomor == f"{ref.nomor.upper()}/{ref.tahun}"
    return same_jenis and same_nomor and meta.get("tahun") == ref.tahun and all(w in issuer for w in ref.words)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def documents(kb: KnowledgeBase, ref: Reference) -> list[DocRecord]:
    return [rec for rec in kb.store.documents() if rec.status == "ok" and refers_to(ref, rec.metadata, rec.doc_type)]


def names(rec: DocRecord, field: str, short_cite: str) -> bool:
    """Whether document `rec` lists `short_cite` in its relation `field` (mengubah, mencabut, ...)."""
    return bool(short_cite) and short_cite in str(rec.metadata.get(field, "")).split("; ")


def _changed(chunk: StoredChunk, pasal: str) -> bool:
    """An amending law's chunk that rewrites Pasal `pasal` (heading "Pasal I angka 3 > Pasal 66")."""
    return str(chunk.meta.get("heading") or "").endswith(f"> Pasal {pasal}")


@dataclass
class PasalView:
    """One Pasal of one document: its body chunks, its Penjelasan, and the amendments that rewrote it."""
    doc: DocRecord
    pasal: str
    body: list[StoredChunk]
    penjelasan: list[StoredChunk]
    amendments: list[StoredChunk]

    @property
    def chunks(self) -> list[StoredChunk]:
        return self.body + self.penjelasan + self.amendments

    @property
    def units(self) -> list[StoredChunk]:
        """What search lists of it: each part of the body and of the Penjelasan (one per change in an amending
        law's Pasal I, by its context) as one, however many chunks a long one took (two hits both cited
        "Pasal 17" told the reader nothing), then each change."""
        return [joined(list(run)) for part in (self.body, self.penjelasan)
                for _, run in groupby(part, key=lambda c: c.meta.get("context"))] + self.amendments

    @property
    def explanation(self) -> str:
        """The Penjelasan's text; "Cukup jelas." where it said only that (no chunk of its own); "" if none."""
        if self.penjelasan:
            return "\n".join(c.text for c in self.penjelasan)
        return next((str(c.meta["penjelasan"]) for c in self.body if c.meta.get("penjelasan")), "")


def joined(parts: list[StoredChunk], sep: str = "\n") -> StoredChunk:
    """Consecutive chunks of one unit as one: the first's id and metadata, their texts joined, pages from the
    first's to the last's (each page mark moved by the text before it)."""
    if len(parts) == 1:
        return parts[0]
    meta = dict(parts[0].meta)
    if meta.get("page_end") is not None:
        meta.update(page_end=parts[-1].meta.get("page_end"),
                    page_offsets=pages.concatenated([(c.text, c.meta.get("page_offsets")) for c in parts], sep))
    return StoredChunk(parts[0].chunk_id, sep.join(c.text for c in parts), meta)


def _amendments(kb: KnowledgeBase, doc: DocRecord, pasal: str, same: Copies) -> list[StoredChunk]:
    """The changes to Pasal `pasal` of `doc`, each from the amending law's cleanest copy only."""
    cite_ = str(doc.metadata.get("short_cite", ""))
    out: list[StoredChunk] = []
    for rec in kb.store.documents():
        if names(rec, "mengubah", cite_) and same.shows(rec.doc_id):
            out += [c for c in _doc_chunks(kb, rec.doc_id) if c.meta.get("section") == "batang_tubuh"
                    and _changed(c, pasal)]
    return out


def _doc_chunks(kb: KnowledgeBase, doc_id: str) -> list[StoredChunk]:
    return sorted(kb.store.iter_chunks(where={"doc_id": doc_id}), key=lambda c: int(c.meta.get("ordinal", 0)))


def same_unit(stored: str, asked: str) -> bool:
    """Whether Pasal/diktum label `stored` is the one `asked` for: a diktum by its word or its number
    ("KESATU", "PERTAMA" and "1" are one diktum)."""
    if stored == asked:
        return True
    n = ordinal(stored)
    return n is not None and n == (ordinal(asked) or (int(asked) if asked.isdigit() else None))


def view(kb: KnowledgeBase, doc: DocRecord, pasal: str, same: Copies) -> PasalView:
    """Pasal (or diktum) `pasal` of `doc`; in an amending law an arabic number also finds the change that
    rewrote it."""
    chunks = _doc_chunks(kb, doc.doc_id)
    own = [c for c in chunks if c.meta.get("pasal") and same_unit(str(c.meta["pasal"]), pasal)]
    if not own and doc.metadata.get("mengubah"):
        own = [c for c in chunks if _changed(c, pasal)]
    return PasalView(doc, pasal, [c for c in own if c.meta.get("section") != "penjelasan"],
                     [c for c in own if c.meta.get("section") == "penjelasan"], _amendments(kb, doc, pasal, same))


def views(kb: KnowledgeBase, ref: Reference, same: Copies) -> list[PasalView]:
    """The Pasal `ref` names, once per document: from its cleanest copy, not from the others nor from a catalog
    entry whose full text is indexed (kb.copies)."""
    assert ref.pasal is not None
    return [v for doc in documents(kb, ref) if same.shows(doc.doc_id)
            and (v := view(kb, doc, ref.pasal, same)).chunks]


def lookup(kb: KnowledgeBase, reference: str, pasal: str) -> list[PasalView]:
    """`kb pasal "UU 23/2014" 363` (or "UU Pemda", "UU Pemerintahan Daerah": kb.colloquial, `_TITLED`): the Pasal
    in every document the reference names, once per document (`views`); `kb pasal
    "Kepwal Bekasi 555.8/2021" KEDUA`: that diktum; `kb pasal "SE Wali Kota Bekasi 400.14/2024" 3`: that point."""
    unit = "diktum" if ordinal(pasal) is not None else "pasal"
    ref = parse_reference(colloquial.standard(f"{reference} {unit} {pasal}"))
    if ref is None or ref.pasal is None:
        return []
    return views(kb, ref, copies(kb))


# -- the search hook -------------------------------------------------------------------------------

def _passes(meta: dict, f: Filters) -> bool:
    year = meta.get("year")
    return ((not f.doc_type or meta.get("doc_type") == f.doc_type) and (not f.lang or meta.get("lang") == f.lang)
            and (not f.doc_id or meta.get("doc_id") == f.doc_id)
            and (f.year_from is None or (isinstance(year, int) and year >= f.year_from))
            and (f.year_to is None or (isinstance(year, int) and year <= f.year_to)))


class _Status:
    """Which documents in the store amend or revoke which; read once per index generation (see _status)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        same = copies(kb)  # an amending law with two copies is one amending law
        self.docs = [rec for rec in kb.store.documents() if same.shows(rec.doc_id)]
        self._chunks: dict[str, list[StoredChunk]] = {}

    def _changes(self, doc_id: str) -> list[StoredChunk]:
        """The numbered changes of an amending law (chunks headed "Pasal I angka 3 > Pasal 66")."""
        if doc_id not in self._chunks:
            self._chunks[doc_id] = [c for c in _doc_chunks(self.kb, doc_id) if c.meta.get("section") == "batang_tubuh"
                                    and " angka " in str(c.meta.get("heading") or "")]
        return self._chunks[doc_id]

    def note(self, meta: dict) -> str:
        """"dicabut dengan PP 28/2018", "Pasal ini diubah dengan UU 9/2015 Pasal I angka 3", or "".

        Where the amending law's changes are known Pasal by Pasal, only a Pasal it rewrote says so."""
        cite_ = str(meta.get("short_cite") or "")
        notes: list[str] = []
        for rec in self.docs if cite_ else ():
            by = str(rec.metadata.get("short_cite") or rec.doc_id)
            if names(rec, "mencabut", cite_):
                notes.append(f"dicabut dengan / revoked by {by}")
            elif names(rec, "mengubah", cite_):
                changes = self._changes(rec.doc_id)
                mine = [c for c in changes if meta.get("pasal") and _changed(c, str(meta["pasal"]))]
                if mine:
                    where = str(mine[0].meta.get("heading")).split(" > ")[0]
                    notes.append(f"Pasal ini diubah dengan / amended by {by} {where}")
                elif not changes:
                    notes.append(f"{cite_} diubah dengan / amended by {by}")
        return "; ".join(notes)


_STATUS: weakref.WeakKeyDictionary[KnowledgeBase, tuple[int, _Status]] = weakref.WeakKeyDictionary()


def _status(kb: KnowledgeBase) -> _Status:
    """The amendments known to this index, reread only after a write: reading the manifest and the
    amending laws' chunks for every search cost ~25 ms of each query."""
    generation = kb.store.generation
    cached = _STATUS.get(kb)
    if cached is None or cached[0] != generation:
        cached = _STATUS[kb] = (generation, _Status(kb))
    return cached[1]


def refine(kb: KnowledgeBase, query: str, hits: list, k: int, filters: Filters | None,
           make_hit: Callable[..., object], same: Copies) -> list:
    """Hits with an exact reference's Pasal first (from the cleanest copy of the regulation), and citations
    that name the best ayat/huruf and the regulation's status. `make_hit(rank, chunk_id, text, meta, score)`
    builds a hit for a promoted chunk."""
    ref = parse_reference(query)
    first: list = []
    promoted: set[str] = set()
    if ref is not None and ref.pasal is not None:
        top = max((h.score for h in hits), default=1.0)
        named = views(kb, ref, same)
        first = [make_hit(0, u.chunk_id, u.text, u.meta, top) for v in named for u in v.units
                 if _passes(u.meta, filters or Filters())]
        promoted = {c.chunk_id for v in named for c in v.chunks}
    out = (first + [h for h in hits if h.chunk_id not in promoted])[:k]
    status = _status(kb) if any(h.meta.get("doc_type") in LEGAL_TYPES for h in out) else None
    for rank, h in enumerate(out, 1):
        h.rank = rank
        if status is not None and h.meta.get("doc_type") in LEGAL_TYPES:
            if ref is not None and ref.ayat and h.chunk_id in promoted:
                ayat, huruf = ref.ayat, ref.huruf  # the ayat the query named
            elif h.meta.get("pasal"):
                ayat, huruf = best_location(h.text, query)
            else:
                ayat, huruf = None, None
            note = status.note(h.meta)
            h.citation = cite(h.meta, ayat, huruf) + (f" — {note}" if note else "")
    return out
