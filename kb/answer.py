"""A short extractive answer: what the top hits say, each sentence marked with its sources [n].

Nothing is generated; [2] is result 2 in the list below the answer. What is quoted depends on the hit:

- a Pasal: its best ayat whole, with its huruf list (a long list keeps the items holding the question's words,
  "…" where others are left out), and the hit's citation names that ayat; a Pasal of definitions, the one
  that answers. A question naming a Pasal ("apa isi Pasal 363 UU 23/2014") is answered by that Pasal's ayat,
  then its Penjelasan when it says more than "Cukup jelas";
- a study or case card: its fields as sentences that name the study ("Yahya & Sudarmo (2022) memakai
  model Ansell dan Gash (2008) ... [1]"), never its labels;
- a catalog entry: its title and summary, and where to get the full text;
- anything else: whole sentences, or a sentence shortened at a clause boundary with "…".

Candidates rank by how many distinct query terms they hold, plus what the question asks for (a list,
an amount with its unit, a reason, a card field it names), then by their hit's rank. When the top hits
hold too little of the question (kb.abstain), the answer says so instead of quoting noise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.analyzer import tokenize
from ingest.cards import field_values
from ingest.chunking import split_sentences
from ingest.legal import says_nothing

from . import colloquial
from .abstain import IDF, judge
from .citations import at_passage, ayat_blocks, cite, lead_and_parts, location_span, quoted_span, repaged
from .legal_lookup import named_law, parse_reference, refers_to
from .search import Hit

# Top hits whose passages compete; lower ones are rarely what the user asked about.
FROM_TOP = 5
MAX_SENTENCES = 3
# A quoted sentence, or an ayat with its list, is shortened beyond this at a clause or item boundary.
MAX_CHARS = 420
NOT_FOUND = "Tidak ditemukan jawaban di korpus."
# A passage whose words are mostly (this share of the shorter's) in one already quoted says the same thing: the
# Penjelasan of a Pasal and the amending law's rewrite of it, one fact on a card and in the chapter it came from.
REPEAT = 0.8


@dataclass(frozen=True)
class Sentence:
    text: str
    sources: tuple[int, ...]  # ranks of the hits it is quoted from


@dataclass
class Answer:
    question: str
    sentences: list[Sentence]
    hits: list[Hit] = field(default_factory=list)
    abstained: bool = False

    @property
    def text(self) -> str:
        if self.abstained:
            closest = "; ".join(f"[{h.rank}] {h.citation}" for h in self.hits[:3])
            return f"{NOT_FOUND} Sumber terdekat: {closest}." if closest else NOT_FOUND
        return " ".join(f"{s.text} " + "".join(f"[{n}]" for n in s.sources) for s in self.sentences)

    @property
    def sources(self) -> list[int]:
        return sorted({n for s in self.sentences for n in s.sources})

    def to_json(self) -> dict:
        return {"question": self.question, "answer": self.text, "abstained": self.abstained,
                "sentences": [{"text": s.text, "sources": list(s.sources)} for s in self.sentences],
                "hits": [h.to_json() for h in self.hits]}


# What a question asks for, by its words, beyond its terms: among passages holding as many of its terms,
# the kind that answers goes first. "dengan siapa / apa saja" is answered by a huruf list, "berapa lama /
# kapan / paling lambat" by an amount, "apa yang menghambat" by a card's inhibiting factors.
_ASKS_LIST = re.compile(r"\b(?:siapa|apa|mana|bentuk|jenis|macam|hal|meliputi|terdiri|syarat|who|what|which)\b",
                        re.IGNORECASE)
_HAS_LIST = re.compile(r"(?:^|\s)[a-z1-9]\.\s.*(?:^|\s)[b-z2-9]\.\s", re.DOTALL)
_ASKS_AMOUNT = re.compile(r"\b(?:berapa|kapan|lama|paling\s+lambat|batas\s+waktu|jangka\s+waktu|seberapa|periode|"
                          r"how\s+(?:long|many|much)|when)\b", re.IGNORECASE)
# An amount: a number with its unit ("30 (tiga puluh) hari", "6 (enam) bulan", "Rp5.000.000,00", "52%"), not
# an ayat label or a Pasal number.
_HAS_AMOUNT = re.compile(r"\d+(?:[.,]\d+)*\s*(?:\([a-z ]+\)\s*)?(?:hari|minggu|bulan|tahun|jam|menit|kali|persen|%|"
                         r"orang|informan|titik|juta|miliar)\b|Rp\s?\d", re.IGNORECASE)
# "kenapa / mengapa / alasan / untuk apa" asks for a reason or a purpose: the sentence that gives one ("agar ...",
# "karena ...") answers it, not a card's list of partners that merely shares its words.
_ASKS_REASON = re.compile(r"\b(?:kenapa|mengapa|alasan\w*|apa\s+sebab\w*|untuk\s+apa|guna\s+apa|why)\b", re.IGNORECASE)
_HAS_REASON = re.compile(r"\b(?:karena|sebab|agar|supaya|sehingga|guna|demi|oleh\s+karena\s+itu|untuk\s+itu|because|"
                         r"so\s+that|in\s+order\s+to)\b", re.IGNORECASE)
_ASKS_FIELD = [(re.compile(p, re.IGNORECASE), f) for p, f in (
    (r"hambat|kendala|masalah|tantangan|obstacle", "inhibiting_factors"),
    (r"dukung|pendorong|support", "supporting_factors"),
    (r"teori|model|konsep|theory", "theory"), (r"metode|informan|wawancara|analisis data|method", "method"),
    (r"temuan|hasil|menemukan|finding", "findings"), (r"tujuan|\baims?\b", "aim"), (r"mitra|pihak|partner", "partners"),
    (r"program|aplikasi|layanan", "programmes"), (r"relevan", "relevance"))]
# A card's identity sentence ("X meneliti program P di K") holds the words of any question about it: it
# stands in only when no field answers. A study's programme is that sentence, never the field a question asks
# for: "alur sosialisasi program Bekasi Smart City" names the programme to ask about its findings (on
# bench/answers.py, answers to study and case questions opening with an expected phrase 0.793 -> 0.897, seed
# 0.778 -> 0.833; all phrases held unchanged). A case's programmes are its content ("Program di Bandung: ...").
_IDENTITY = "identity"
_IDENTITY_FIELDS = {_IDENTITY, "programmes", "aim", "aims"}
_BONUS = 0.5
# "... menurut PP 28/2018?": the regulation the question names holds the answer, though another law's clause may
# share more of its words (UU 23/2014 Pasal 366 beside PP 28/2018 Pasal 14 on who may be a third-party partner). As
# much as a card field the question names; 1 and 3 did the same on bench/answers.py (regulations 0.829 -> 0.857).
_NAMED_BONUS = 2.0
_FIELD_BONUS = 2.0
_AMOUNT_BONUS = 1.0  # "berapa lama / seberapa sering": the clause with the number is the answer
_REASON_BONUS = 1.0  # "kenapa": lit40 of the seed questions led with the chapter's "Agar ..." sentence, not a card


# "bentuk apa saja", "apa saja syaratnya", "asas apa": the thing the question asks a list of. A list led by that word
# ("... dilakukan dalam bentuk: a. konsultasi publik; ...") is the answer, though a sentence that only mentions it
# ("Pengawasan ... merupakan salah satu bentuk partisipasi masyarakat ...") may share more of the question's words.
_ASKED_KIND = re.compile(r"\b(\w+)\s+apa\b|\bapa\s+saja\s+(\w+)", re.IGNORECASE)
_FIRST_ITEM = re.compile(r"(?:^|\s)a\.\s")
# As much as a card field the question names: on bench/answers.py, regulations holding every expected phrase
# 0.857 -> 0.886, whose first sentence holds one 0.686 -> 0.743 (1.0: 0.886, 0.686; 3.0 as 2.0).
_LED_BONUS = 2.0


@dataclass(frozen=True)
class _Asked:
    terms: set[str]
    list: bool
    amount: bool
    fields: frozenset[str]
    reason: bool
    kind: frozenset[str] = frozenset()  # the stem of what a list is asked of ("bentuk")

    @classmethod
    def of(cls, query: str) -> "_Asked":
        kind = frozenset(t for m in _ASKED_KIND.finditer(query) for t in tokenize(m.group(1) or m.group(2)))
        return cls(set(tokenize(query)), bool(_ASKS_LIST.search(query)), bool(_ASKS_AMOUNT.search(query)),
                   frozenset(f for p, f in _ASKS_FIELD if p.search(query)), bool(_ASKS_REASON.search(query)), kind)

    def leads_list(self, text: str) -> bool:
        """Whether `text` is a list whose lead ends with what the question asks a list of."""
        first = _FIRST_ITEM.search(text)
        return bool(self.kind and first and self.kind & set(tokenize(text[:first.start()])[-4:]))

    def score(self, text: str, field: str | None = None, about: str = "") -> float:
        """Distinct query terms in `text` (and in `about`: what the card is about, shared by all its fields),
        plus a bonus for the kind of answer asked for."""
        n = len(self.terms & set(tokenize(f"{text} {about}")))
        if self.amount and _HAS_AMOUNT.search(text):
            n += _AMOUNT_BONUS
        elif self.reason and _HAS_REASON.search(text):
            n += _REASON_BONUS
        elif self.list and _HAS_LIST.search(text):
            n += _BONUS + (_LED_BONUS if self.leads_list(text) else 0)
        if field is not None:  # the field the question names answers it, whatever words the rest shares
            n += _FIELD_BONUS if field in self.fields else -_BONUS if field in _IDENTITY_FIELDS else 0
        return n


@dataclass(frozen=True)
class _Candidate:
    score: float  # _Asked.score: distinct query terms it holds, and the kind of answer asked for
    rank: int
    order: int  # position inside its hit
    text: str
    citation: str | None = None  # the hit's citation narrowed to the quoted ayat and the pages the quote is on
    meta: dict | None = None  # the hit's metadata with those pages (kb.citations.at_passage)


def answer(query: str, hits: list[Hit], max_sentences: int = MAX_SENTENCES, idf: IDF | None = None) -> Answer:
    """`idf`: the index's term rarity (kb.lexical.LexicalIndex.idf) for judging whether the hits answer
    the query at all (kb.abstain)."""
    read = colloquial.standard(query)
    ref = parse_reference(read)  # "Pasal 17 UU KIP" names UU Keterbukaan Informasi Publik
    named = [h for h in hits if ref is not None and ref.pasal and h.rank <= FROM_TOP and _is_named(h, ref.pasal)]
    if named:
        for h in named:  # the whole Pasal, or the ayat named, is quoted: the citation names its pages
            h.meta = at_passage(h.meta, location_span(h.text, ref.ayat) if ref.ayat else None)
            h.page_start, h.page_end, h.citation = h.meta.get("page_start"), h.meta.get("page_end"), \
                repaged(h.citation, h.meta)
        return Answer(query, _whole_pasal(named, ref.ayat), hits)
    if ref is not None and hits and hits[0].doc_type == "katalog":  # a named regulation known only by its entry
        return Answer(query, [Sentence(s, (1,)) for s in _entry_sentences(hits[0])], hits)
    # "brp hr" asks for a number of days as "berapa hari" does; a law's title ("UU SPPN": "... Pembangunan Nasional")
    # names where to look, not what is asked: its words would lead with a sentence on national plans.
    plain = colloquial.standard(query, laws=False)
    if not judge(plain, hits, idf).answered:
        return Answer(query, [], hits, abstained=True)
    asked = _Asked.of(plain)
    law = ref or named_law(read)
    candidates = [c for h in hits[:FROM_TOP]
                  for c in _candidates(h, asked, _NAMED_BONUS if law and refers_to(law, h.meta, h.doc_type) else 0.0)]
    candidates.sort(key=lambda c: (-c.score, c.rank, c.order))
    floor = candidates[0].score / 2 if candidates else 0
    chosen: list[Sentence] = []
    words: list[set[str]] = []  # of each chosen sentence
    for c in candidates:
        if c.score < floor or len(chosen) == max_sentences:
            break
        own = set(tokenize(c.text))
        again = next((i for i, w in enumerate(words) if len(own & w) >= REPEAT * min(len(own), len(w))), None)
        if again is not None:  # said already: one more source for it, not a second quote
            if c.rank not in chosen[again].sources:
                chosen[again] = Sentence(chosen[again].text, chosen[again].sources + (c.rank,))
            continue
        words.append(own)
        if c.citation and not any(c.rank in s.sources for s in chosen):  # the hit's best quote names its ayat
            h = hits[c.rank - 1]
            note = h.citation.partition(" — ")[2]  # "diubah dengan ..." (kb.legal_lookup) stays
            h.citation = c.citation + (f" — {note}" if note else "")
            h.meta, h.page_start, h.page_end = c.meta, c.meta.get("page_start"), c.meta.get("page_end")
        chosen.append(Sentence(c.text, (c.rank,)))
    return Answer(query, chosen, hits)


def _is_named(h: Hit, pasal: str) -> bool:
    return str(h.pasal or "").lower() == pasal.lower() and h.doc_type in ("regulasi", "perjanjian")


def _whole_pasal(named: list[Hit], ayat: str | None) -> list[Sentence]:
    """The named Pasal's ayat in order (only the named ayat, if any), then its Penjelasan."""
    out: list[Sentence] = []
    for h in sorted(named, key=lambda h: (h.section == "penjelasan", h.rank)):
        for label, block in ayat_blocks(h.text):
            if (ayat and label and label != ayat) or not (block := _explaining(block)):
                continue
            prefix = "Penjelasan: " if h.section == "penjelasan" else ""
            out.append(Sentence(prefix + _shorten(block), (h.rank,)))
    return out


def _entry_sentences(h: Hit) -> list[str]:
    m = h.meta
    summary = next((v for f, v in field_values(h.text) if f == "summary"), "")
    out = [f"{h.title}: {summary}" if summary else str(h.title)]
    if not m.get("full_text"):
        where = f"`kb fetch {h.doc_id}`" + (f" ({m['url']})" if m.get("url") else "") if m.get("url") else \
            str(m.get("where") or "sumber resmi")
        out.append(f"Teks lengkapnya belum ada di korpus; dapatkan dari {where}, lalu `kb ingest`.")
    return out


def _candidates(h: Hit, asked: _Asked, bonus: float = 0.0) -> list[_Candidate]:
    """Each passage of a hit, scored (plus `bonus`), with the hit's citation narrowed to it."""
    texts: list[tuple[str, str | None, str | None]]  # (text, card field, ayat)
    about = ""
    if h.doc_type == "katalog":
        texts = [(t, None, None) for t in _entry_sentences(h)[:1]]
    elif h.doc_type in ("studi", "kasus") and h.meta.get("card_type"):
        texts = [(t, f, None) for f, t in _card_sentences(h)]
        about = " ".join(str(h.meta.get(k) or "") for k in ("city", "programme", "title", "partners"))
    elif h.pasal:
        blocks = [(label, part) for label, block in ayat_blocks(h.text)
                  for part in ([block] if label else _items(block))]
        texts = [(_shorten_list(b, asked.terms), None, label) for label, block in blocks if (b := _explaining(block))]
    else:
        texts = [(_shorten(s), None, None) for s in _prose_sentences(h.text)]
    return [_Candidate(asked.score(t, f, about) + bonus, h.rank, i, t, *_narrowed(h, t, ayat))
            for i, (t, f, ayat) in enumerate(texts) if t]


_NUMBERED = re.compile(r"(?m)^\s*(\d{1,3})\.\s")
_LETTERED = re.compile(r"(?m)^\s*([a-z])\.\s")


def _items(block: str) -> list[str]:
    """A Pasal without ayat whose body is a numbered list (Pasal 1's definitions) as its items, each a passage that
    can answer; a list under huruf ("a. ... yaitu: 1. ... 2. ...") stays whole with its huruf."""
    lead, items = lead_and_parts(block, _NUMBERED)
    if len(items) < 2 or _LETTERED.search(block):
        return [block]
    return [part for part in (lead, *items) if part.strip()]


def _narrowed(h: Hit, quote: str, ayat: str | None) -> tuple[str | None, dict | None]:
    """The hit's citation naming the quoted ayat and the pages the quote is on, with the metadata it is made of;
    (None, None) when it would say nothing the hit's citation does not."""
    meta = at_passage(h.meta, location_span(h.text, ayat) if ayat else quoted_span(h.text, quote))
    moved = (meta.get("page_start"), meta.get("page_end")) != (h.meta.get("page_start"), h.meta.get("page_end"))
    return (cite(meta, ayat), meta) if ayat or moved else (None, None)


_LIST_LEAD = re.compile(r"(?:[:;]|\b(?:yaitu|yakni|antara lain|meliputi|adalah)[:;]?|\s\d{1,2}\.)$", re.IGNORECASE)


def _prose_sentences(text: str) -> list[str]:
    """Sentences, with a list kept with the sentence that leads into it ("empat tujuan, yaitu; 1. ... 2. ...")."""
    out: list[str] = []
    for s in split_sentences(" ".join(text.split())):
        if out and (_LIST_LEAD.search(out[-1]) or re.match(r"\d{1,2}\.\s", s)) and len(out[-1]) < MAX_CHARS:
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return out


def _explaining(block: str) -> str:
    """A Penjelasan block without its "Huruf a Cukup jelas." parts; "" when that is all it says."""
    parts = re.split(r"(?=\b(?:Huruf|Angka)\s+\w{1,3}\b)", block)
    return " ".join(p.strip() for p in parts if not says_nothing(p)).strip()


def _card_sentences(h: Hit) -> list[tuple[str, str]]:
    """(field, sentence) for the card's fields in this chunk, each sentence naming the study or case."""
    m = h.meta
    who = str(m.get("short_cite") or h.title)
    programme = str(m.get("programme") or "").split(";")[0].strip()
    city = str(m.get("city") or "")
    setting = " ".join(x for x in (f"dalam program {programme}" if programme else "", f"di {city}" if city else "") if x)
    templates = {
        "theory": f"{who} memakai {{v}}" + (f" {setting}" if setting else ""),
        "method": f"{who} memakai metode {{v}}",
        "findings": f"Temuan {who}: {{v}}",
        "summary": f"{who}: {{v}}",
        "supporting_factors": f"Faktor pendukung menurut {who}: {{v}}",
        "inhibiting_factors": f"Faktor penghambat menurut {who}: {{v}}",
        "partners": f"Mitra kolaborasi dalam {who}: {{v}}",
        "programmes": (f"{who} meneliti program {{v}}" + (f" di {city}" if city else "")
                       if m.get("card_type") != "kasus" else f"Program di {city}: {{v}}"),
        "aim": f"Tujuan {who}: {{v}}",
        "aims": f"Tujuan {who}: {{v}}",
        "questions": f"Rumusan masalah {who}: {{v}}",
        "relevance": f"Relevansi {who} bagi penelitian Bekasi–Telkom: {{v}}",
    }
    out = []
    for name, value in field_values(h.text):
        if name in templates and value:
            v = _lower_first(value.rstrip(".")) if name in ("theory", "method") else value.rstrip(".")
            field = _IDENTITY if name == "programmes" and m.get("card_type") != "kasus" else name
            out.append((field, _shorten(templates[name].format(v=v) + ".")))
    return out


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:] if s[:2] != s[:2].upper() else s


_CLAUSE = re.compile(r"(?<=[;,:])\s|\s(?=[a-z]\.\s)|\s(?=\d+\.\s)")


def _shorten_list(text: str, terms: set[str], limit: int = MAX_CHARS) -> str:
    """An ayat too long to quote whole, with its lead and the huruf items that hold the most of `terms`, in their
    order, "…" where items are left out ("... setiap saat yang meliputi: … e. perjanjian Badan Publik dengan pihak
    ketiga; …"); cut as `_shorten` cuts when no item holds a term."""
    lead, items = lead_and_parts(text, _LETTERED)
    if len(" ".join(text.split())) <= limit or len(items) < 2:
        return _shorten(text, limit)
    held = [len(terms & set(tokenize(item))) for item in items]
    if not any(held):
        return _shorten(text, limit)
    room = limit - len(" ".join(lead.split()))
    kept: set[int] = set()
    for i in sorted(range(len(items)), key=lambda i: (-held[i], i)):
        size = len(" ".join(items[i].split())) + 2
        if held[i] and size <= room:
            kept.add(i)
            room -= size
    if not kept:
        return _shorten(text, limit)
    parts, gap = [" ".join(lead.split())], False
    for i, item in enumerate(items):
        if i in kept:
            parts.append(("… " if gap else "") + " ".join(item.split()))
            gap = False
        else:
            gap = True
    return " ".join(parts) + (" …" if gap else "")


def _shorten(text: str, limit: int = MAX_CHARS) -> str:
    """`text` on one line, whole if it fits, else cut at the last clause or list-item boundary with "…"."""
    s = " ".join(text.split())
    if len(s) <= limit:
        return s
    cuts = [m.start() for m in _CLAUSE.finditer(s) if m.start() <= limit - 2]
    cut = cuts[-1] if cuts and cuts[-1] > limit // 3 else s.rfind(" ", 0, limit - 2)
    return s[:cut].rstrip(" ,;:") + " …"
