"""Study cards, case cards and the catalog: typed, validated YAML written by the project.

One YAML file is either a card (a mapping with `type: studi | tesis | kasus`) or the catalog
(a mapping with `entries:`). Each becomes Documents whose page text is a readable Indonesian
rendering of every field and whose metadata holds the same fields as scalars, so search can
show, filter and cite them. A missing or malformed field is a LoadError naming file and field.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from .article import REFERENCE_LIST
from .chunking import TokenCounter, chunk_document
from .loaders import LoadError
from .metadata import flatten, is_sidecar
from .model import Chunk, Document, Page
from .regulation import RegulationId


class Dimension(str, Enum):
    """The six smart-city dimensions; written in cards by key, shown as 'smart <key>'."""
    living = "living"
    economy = "economy"
    people = "people"
    environment = "environment"
    mobility = "mobility"
    governance = "governance"

    def __str__(self) -> str:
        return f"smart {self.value}"


Text = Annotated[str, Field(min_length=1)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class _Model(BaseModel):
    # Unknown keys are typos ("autors:"), not extensions: reject them so they are noticed.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Model):
    family: Text
    given: str = ""  # empty for single names (Sudarmo, Ferawaty)

    @classmethod
    def parse(cls, value: Any) -> Any:
        """'Family, Given' or a single name, as written in the cards."""
        if not isinstance(value, str):
            return value
        family, _, given = value.partition(",")
        return {"family": family.strip(), "given": given.strip()}

    @property
    def full(self) -> str:
        return f"{self.given} {self.family}".strip()


Author = Annotated[Person, BeforeValidator(Person.parse)]


class Partners(_Model):
    government: list[Text] = []
    company: list[Text] = []
    others: list[Text] = []

    def describe(self) -> str:
        parts = [f"{label}: {', '.join(names)}" for label, names in
                 (("pemerintah", self.government), ("perusahaan", self.company), ("lainnya", self.others)) if names]
        return "; ".join(parts)


class Method(_Model):
    approach: Text  # "kualitatif deskriptif"
    data_collection: list[Text] = Field(min_length=1)
    informants: str | None = None
    analysis: str | None = None  # "model interaktif Miles dan Huberman"

    def describe(self) -> str:
        out = f"{self.approach}; pengumpulan data: {', '.join(self.data_collection)}"
        if self.informants:
            out += f"; informan: {self.informants}"
        if self.analysis:
            out += f"; analisis: {self.analysis}"
        return out


# Kinds of published record a card can cite; kb.references maps each to its BibTeX and RIS type.
PublicationType = Literal["artikel jurnal", "makalah konferensi", "skripsi", "tesis", "disertasi", "buku"]
THESIS_TYPES: tuple[PublicationType, ...] = ("skripsi", "tesis", "disertasi")
# Card fields a published record can vouch for (title, authors and year also come from the seed).
RecordField = Literal["title", "authors", "year", "publication_type", "journal", "volume", "issue", "pages", "doi",
                      "url", "institution", "department", "proceedings"]
# In Indonesian, for the card text.
_RECORD_FIELD_NAMES: dict[str, str] = {
    "title": "judul", "authors": "penulis", "year": "tahun", "publication_type": "jenis publikasi",
    "journal": "jurnal", "volume": "volume", "issue": "nomor", "pages": "halaman", "doi": "DOI", "url": "alamat",
    "institution": "lembaga", "department": "program studi", "proceedings": "prosiding"}
# Facts only a published record gives: a card holding one must say where it was found.
_RECORD_ONLY = ("journal", "volume", "issue", "pages", "doi", "url", "department", "proceedings")


class Provenance(_Model):
    fields: list[RecordField] = Field(min_length=1)
    source: Text  # the address the facts were read at, and where on it ("halaman artikel, bagian 'Cite'")


class RecordCheck(_Model):
    """How a card's published record was looked up: where each fact came from, and what no search turned up."""
    found: list[Provenance] = []
    not_found: list[RecordField] = []  # searched for and not found: left empty on the card on purpose
    searched: Text  # what was searched and when, so the next search starts from there

    @property
    def missing(self) -> str:
        """The fields not found, in Indonesian: 'volume, nomor, DOI'."""
        return _field_names(self.not_found)

    def describe(self) -> str:
        parts = [f"{_field_names(p.fields)} dari {p.source}" for p in self.found]
        if self.not_found:
            parts.append(f"belum ditemukan: {self.missing}")
        return "; ".join(parts + [f"pencarian: {self.searched}"])


def _field_names(fields: list[str]) -> str:
    return ", ".join(_RECORD_FIELD_NAMES[f] for f in fields)


def _bare_doi(value: Any) -> Any:
    """'https://doi.org/10.1/x' and 'doi:10.1/x' as written by hand -> '10.1/x'; references add the prefix."""
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value.strip(), flags=re.IGNORECASE) \
        if isinstance(value, str) else value


class Work(_Model):
    """What every citable card shares: identity and bibliographic fields."""
    id: Slug
    title: Text  # exactly as published, spelling included
    authors: list[Author] = []
    year: int | None = Field(None, ge=1900, le=2100)
    publication_type: PublicationType
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = Field(None, pattern=r"^\w+(?:\s*[-\u2013]\s*\w+)?$")  # "185-195" or "e12"
    doi: Annotated[str, BeforeValidator(_bare_doi), Field(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    url: str | None = Field(None, pattern=r"^https?://")
    institution: str | None = None  # a thesis's university; for an article, the authors' body (not printed)
    department: str | None = None  # program studi (and fakultas) of a thesis
    proceedings: str | None = None  # the proceedings a conference paper appeared in
    city: Text
    region: str | None = None  # narrower or wider place named by the source (kecamatan, provinsi)
    partners: Partners = Partners()
    programme: list[Text] = []
    dimensions: list[Dimension] = []
    theory: list[Text] = []
    notes: str | None = None
    record: RecordCheck | None = None  # None: the published record was never looked up
    source: Text  # where in the seed the facts come from

    @model_validator(mode="after")
    def _record_vouches(self) -> "Work":
        found = {f for p in (self.record.found if self.record else []) for f in p.fields}
        unsourced = [f for f in _RECORD_ONLY if getattr(self, f) and f not in found]
        if unsourced:
            raise ValueError(f"tanpa sumber di record.found / no source in record.found: {', '.join(unsourced)}; "
                             "tambahkan sumbernya atau kosongkan / add where it was found or leave it empty")
        filled = [f for f in (self.record.not_found if self.record else []) if getattr(self, f)]
        if filled:
            raise ValueError(f"record.not_found menyebut kolom terisi / names filled fields: {', '.join(filled)}; "
                             "hapus salah satunya / drop one of the two")
        return self

    @property
    def venue(self) -> str | None:
        """Where it appeared: 'Jurnal X, 2(3), 185-195', 'Prosiding Y, 10-20'; theses name theirs in institution."""
        name = self.journal or self.proceedings
        if not name:
            return None
        issue = f"{self.volume or ''}({self.issue})" if self.issue else self.volume
        return ", ".join(p for p in (name, issue, self.pages) if p)

    @property
    def short_cite(self) -> str:
        """'Yahya & Sudarmo (2022)', 'Priyo dkk. (2019)'."""
        names = [a.family for a in self.authors]
        who = (names[0] if len(names) == 1 else " & ".join(names) if len(names) == 2
               else f"{names[0]} dkk." if names else self.title)
        return f"{who} ({self.year or 't.t.'})"


class StudyCard(Work):
    type: Literal["studi"]
    authors: list[Author] = Field(min_length=1)
    year: int = Field(ge=1900, le=2100)
    aim: str | None = None
    method: Method
    findings: list[Text] = Field(min_length=1)
    supporting_factors: list[Text] = []
    inhibiting_factors: list[Text] = []
    relevance: Text


class ThesisCard(Work):
    """The thesis this project serves: its author and year are not in the seed, so both may be empty."""
    type: Literal["tesis"]
    discipline: str | None = None
    questions: list[Text] = Field(min_length=1)
    aims: list[Text] = Field(min_length=1)
    method: Method | None = None


class Programme(_Model):
    name: Text
    description: str | None = None

    def describe(self) -> str:
        return f"{self.name} ({self.description})" if self.description else self.name


class CaseCard(_Model):
    type: Literal["kasus"]
    id: Slug
    title: Text
    city: Text
    country: Text
    year: int | None = Field(None, ge=1900, le=2100)
    programmes: list[Programme] = Field(min_length=1)
    partners: Partners = Partners()
    dimensions: list[Dimension] = []
    summary: Text
    cited_sources: list[Text] = Field(min_length=1)  # the literature the seed attributes the facts to
    related_studies: list[Slug] = []
    related_catalog: list[Slug] = []
    source: Text


Card = StudyCard | ThesisCard | CaseCard
_CARD_MODELS: dict[str, type[Card]] = {"studi": StudyCard, "tesis": ThesisCard, "kasus": CaseCard}
# A thesis is a study of its own kind for search: doc_type stays within the documented set.
_DOC_TYPE = {"studi": "studi", "tesis": "studi", "kasus": "kasus"}
CARD_TYPES = frozenset(_DOC_TYPE.values())


class _Entry(_Model):
    id: Slug
    summary: Text  # in the project's own words
    url: str | None = Field(None, pattern=r"^https?://")
    sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")
    where: str | None = None  # where to get the full text when there is no download address
    full_text: bool  # whether the full text is in this corpus


class RegulationEntry(_Entry):
    kind: Literal["regulasi"]
    jenis: Text  # UU, PP, Perpres, Permendagri, Perda, Perwal, Kepwal
    nomor: Text
    tahun: int = Field(ge=1945, le=2100)
    tentang: Text
    issuer: Text
    status: Literal["berlaku", "diubah", "dicabut", "belum diperiksa"]
    status_note: str | None = None

    @property
    def short_cite(self) -> str:
        """As ingest.regulation cites the act's own text: 'UU 23/2014', 'Perda Kota Bekasi 2/2020', 'Perwal Bekasi
        110/2016', so that the entry and the act read from a PDF have one name."""
        return RegulationId(self.jenis, self.nomor, self.tahun, issuer=self.issuer).cite

    @property
    def title(self) -> str:
        return f"{self.short_cite} tentang {self.tentang}"


class AgreementEntry(_Entry):
    kind: Literal["perjanjian"]
    title: Text
    parties: list[Text] = Field(min_length=2)
    tahun: int | None = Field(None, ge=1945, le=2100)
    nomor: str | None = None

    @property
    def short_cite(self) -> str:
        return self.title


class NewsEntry(_Entry):
    kind: Literal["berita"]
    publisher: Text
    # YAML reads 2018-01-18 as a date; keep every date as text of the precision the source gives.
    date: Annotated[str, BeforeValidator(lambda v: v.isoformat() if isinstance(v, dt.date) else v),
                    Field(pattern=r"^\d{4}(-\d{2}){0,2}$")] | None = None  # YYYY[-MM[-DD]]
    subject: Text  # what the item reports, in the project's words (not the publisher's headline)

    @property
    def tahun(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    @property
    def short_cite(self) -> str:
        return f"{self.publisher} ({self.date or 't.t.'})"

    @property
    def title(self) -> str:
        return f"Berita {self.short_cite}: {self.subject}"


CatalogEntry = Annotated[RegulationEntry | AgreementEntry | NewsEntry, Field(discriminator="kind")]


class Catalog(_Model):
    entries: list[CatalogEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Catalog":
        ids = [e.id for e in self.entries]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"id ganda / duplicate ids: {', '.join(dup)}")
        return self


# -- reading -----------------------------------------------------------------------------------

def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise LoadError(f"{path.name}: YAML tidak valid / invalid YAML: {e}") from e


def _invalid(path: Path, what: tuple[str, str], err: ValidationError, data: Any) -> LoadError:
    """One line per bad field: 'method.approach: wajib diisi / missing'; catalog entries named by id."""
    lines = []
    for e in err.errors():
        # Drop union tags pydantic inserts into the location ('regulasi' in entries.3.regulasi.nomor).
        parts = [str(p) for p in e["loc"] if p not in ("regulasi", "perjanjian", "berita")]
        if len(parts) > 1 and parts[0] == "entries":
            entry = data["entries"][int(parts[1])]
            parts[1] += f"[{entry.get('id')}]" if isinstance(entry, dict) else ""
        loc = ".".join(parts)
        msg = {"missing": "wajib diisi / missing",
               "extra_forbidden": "kolom tidak dikenal / unknown field"}.get(
                   e["type"], e["msg"].removeprefix("Value error, "))
        lines.append(f"kolom/field '{loc or '(root)'}': {msg}")
    return LoadError(f"{what[0]} tidak valid / invalid {what[1]}: {path.name}: " + "; ".join(lines))


YAML_SUFFIXES = (".yaml", ".yml")


def read_yaml_file(path: Path) -> Card | Catalog:
    """The catalog when the mapping has 'entries', else the card its 'type' names."""
    data = _read_yaml(path)
    if isinstance(data, dict) and "entries" in data:
        try:
            return Catalog.model_validate(data)
        except ValidationError as e:
            raise _invalid(path, ("katalog", "catalog"), e, data) from e
    kind = data.get("type") if isinstance(data, dict) else None
    model = _CARD_MODELS.get(str(kind))
    if model is None:
        raise LoadError(f"{path.name}: kolom/field 'type' harus salah satu dari / must be one of "
                        f"{', '.join(_CARD_MODELS)} (atau katalog dengan 'entries' / or a catalog with 'entries')")
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise _invalid(path, (f"kartu {kind}", f"{kind} card"), e, data) from e


def read_catalog(path: Path) -> Catalog:
    parsed = read_yaml_file(path)
    if not isinstance(parsed, Catalog):
        raise LoadError(f"{path.name}: bukan katalog (tidak ada 'entries') / not a catalog (no 'entries')")
    return parsed


def load_cards(root: Path) -> list[Card]:
    """Every card under `root` (catalog and sidecars skipped), sorted by id; an invalid file raises."""
    files = sorted(p for p in root.rglob("*") if p.suffix.lower() in YAML_SUFFIXES and not is_sidecar(p))
    return sorted((c for c in map(read_yaml_file, files) if not isinstance(c, Catalog)), key=lambda c: c.id)


def load_yaml_documents(path: Path) -> list[Document]:
    """DOCUMENT_LOADERS entry for .yaml/.yml: a card -> one Document, the catalog -> one per entry."""
    parsed = read_yaml_file(path)
    if isinstance(parsed, Catalog):
        return [_entry_document(e, path) for e in parsed.entries]
    return [_card_document(parsed, path)]


# -- rendering ---------------------------------------------------------------------------------

def display(value: Any) -> str:
    """One field as readable text: lists joined, nested records described, None empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        parts = [s for s in (display(v) for v in value) if s]
        # Whole sentences read as a paragraph; names and phrases as a list.
        return (" " if parts and all(s.endswith((".", "?", "!")) for s in parts) else "; ").join(parts)
    if isinstance(value, Person):
        return value.full
    if isinstance(value, (Partners, Method, Programme, RecordCheck)):
        return value.describe()
    return str(value)


# Field -> label in the page text, in reading order; fields a card lacks are skipped.
_LABELS: dict[str, str] = {
    "authors": "Penulis", "year": "Tahun", "publication_type": "Jenis publikasi", "venue": "Terbit di",
    "institution": "Lembaga", "department": "Program studi", "doi": "DOI", "url": "Alamat daring",
    "discipline": "Bidang ilmu", "city": "Kota", "country": "Negara",
    "region": "Wilayah", "partners": "Mitra kolaborasi", "programme": "Program", "programmes": "Program",
    "dimensions": "Dimensi smart city", "theory": "Teori/model", "aim": "Tujuan penelitian",
    "questions": "Rumusan masalah", "aims": "Tujuan penelitian", "method": "Metode",
    "summary": "Ringkasan", "findings": "Temuan", "supporting_factors": "Faktor pendukung",
    "inhibiting_factors": "Faktor penghambat", "relevance": "Relevansi bagi penelitian ini",
    "cited_sources": "Rujukan dalam sumber", "related_studies": "Studi terkait",
    "related_catalog": "Dokumen terkait", "notes": "Catatan", "record": "Data pustaka", "source": "Sumber fakta",
}
_KIND_LABEL = {"studi": "Kartu studi terdahulu", "tesis": "Kartu tesis (penelitian ini)", "kasus": "Kartu kasus kota"}
# Labels of catalog entries (render_entry) that are not card labels; "Ringkasan" is shared.
_ENTRY_LABELS = {"jenis": "Jenis", "nomor": "Nomor", "tahun": "Tahun", "tentang": "Tentang", "issuer": "Penerbit",
                 "status": "Status", "parties": "Para pihak", "publisher": "Penerbit berita", "date": "Tanggal",
                 "full_text": "Teks lengkap"}
_FIELD_OF = {label: name for name, label in {**_ENTRY_LABELS, **_LABELS}.items()}
# "Label: " at the start of a line or after a sentence: chunking joins a card's lines with spaces.
_FIELD_START = re.compile(r"(?:^|(?<=\n)|(?<=[.!?] ))(" + "|".join(
    re.escape(label) for label in sorted(_FIELD_OF, key=len, reverse=True)) + r"): ")


# What a card says of how its record was made (notes on its sources, where each bibliographic fact was found and
# what no search turned up) closes it under this heading: shown with the card, and in search a section that answers
# only when references are asked for (kb.prior), like an article's reference list. Among the other chunks,
# "Data pustaka: belum ditemukan: jurnal, volume, ..." came second for a question on a study's findings, and
# "Catatan: Bab I menyebut penulisnya ..." third for a question on a vendor's app: 10 of 1905 top-5 hits on the
# mixed index (bench/mixed.py). Where the card's facts come from ("Sumber fakta") stays with them.
RECORD_HEADING = "Asal data kartu"
_RECORD_FIELDS = ("notes", "record")


def render_card(card: Card) -> str:
    """Readable Indonesian text of all fields; one 'Label: value.' line each, so chunks keep whole lines."""
    # A heading only where the citation (short_cite) does not already show the title.
    lines = [f"# {card.title}"] if _cites_authors(card) else []
    lines.append(f"{_KIND_LABEL[card.type]}: {card.id}.")
    record: list[str] = []
    for name, label in _LABELS.items():
        text = display(getattr(card, name, None))
        if text:
            (record if name in _RECORD_FIELDS else lines).append(f"{label}: {_sentence(text)}")
    return "\n".join(lines + ([f"## {RECORD_HEADING}", *record] if record else []))


def card_chunks(doc: Document, budget: int, count: TokenCounter) -> list[Chunk]:
    """Sentence-packed chunks, evened out: a card's last line alone ("Sumber fakta: Bab I tesis, subbab 1.4.1.")
    says little and sat close to every query. The chunks under RECORD_HEADING are marked section 'pustaka'."""
    chunks = chunk_document(doc, budget, count, even_tail=True)
    for c in chunks:
        if c.heading_path[-1:] == (RECORD_HEADING,):
            c.section = REFERENCE_LIST
    return chunks


def field_values(text: str) -> list[tuple[str, str]]:
    """(field name, value) of each "Label: value." a rendered card or catalog entry (or a chunk of one)
    holds, in order; text before the first label is ("", text)."""
    marks = list(_FIELD_START.finditer(text))
    out = [("", text[:marks[0].start()].strip())] if marks and text[:marks[0].start()].strip() else []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out.append((_FIELD_OF[m.group(1)], " ".join(text[m.end():end].split())))
    return out or [("", text.strip())]


def _cites_authors(card: Card) -> bool:
    return isinstance(card, Work) and bool(card.authors)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def card_metadata(card: Card) -> dict[str, Any]:
    """Card fields as flat metadata (lists joined by ingest.metadata.flatten)."""
    meta: dict[str, Any] = {"card_type": card.type, "city": card.city, "year": card.year,
                            "dimensions": [display(d) for d in card.dimensions],
                            "partners": card.partners.describe() or None}
    if isinstance(card, CaseCard):
        meta.update(country=card.country, programme=[p.name for p in card.programmes],
                    related_studies=card.related_studies)
    else:
        meta.update(authors=[a.full for a in card.authors], region=card.region,
                    short_cite=card.short_cite if _cites_authors(card) else None,
                    publication_type=card.publication_type, programme=card.programme, theory=card.theory)
        if card.method is not None:
            meta.update(method=card.method.approach, analysis=card.method.analysis)
    return meta


def _card_document(card: Card, path: Path) -> Document:
    text = render_card(card)
    meta = flatten(card_metadata(card))
    return Document(doc_id=card.id, source_path=str(path), title=card.title, doc_type=_DOC_TYPE[card.type],
                    pages=[Page(1, text)], metadata=meta, content_hash=_hash(text, meta))


def render_entry(entry: RegulationEntry | AgreementEntry | NewsEntry) -> str:
    # No heading line: the title is the chunk context already, and citations show short_cite.
    lines = [f"Entri katalog ({entry.kind}): {entry.id}."]
    if isinstance(entry, RegulationEntry):
        lines += [f"Jenis: {entry.jenis}. Nomor: {entry.nomor}. Tahun: {entry.tahun}.",
                  f"Tentang: {_sentence(entry.tentang)}", f"Penerbit: {_sentence(entry.issuer)}",
                  f"Status: {_sentence(entry.status + (f' ({entry.status_note})' if entry.status_note else ''))}"]
    elif isinstance(entry, AgreementEntry):
        lines.append(f"Para pihak: {_sentence(', '.join(entry.parties))}")
        if entry.tahun:
            lines.append(f"Tahun: {entry.tahun}.")
    else:
        lines.append(f"Penerbit berita: {entry.publisher}. Tanggal: {entry.date or 'tidak diketahui'}.")
    lines.append(f"Ringkasan: {_sentence(entry.summary)}")
    if entry.full_text:
        lines.append("Teks lengkap: ada di korpus.")
    else:
        where = [w for w in (entry.url, entry.where) if w]
        lines.append("Teks lengkap: belum ada di korpus; dapatkan dari " +
                     _sentence(" atau ".join(where) if where else "sumber resmi (alamat belum diketahui)"))
    return "\n".join(lines)


def entry_metadata(entry: RegulationEntry | AgreementEntry | NewsEntry) -> dict[str, Any]:
    meta: dict[str, Any] = {"kind": entry.kind, "short_cite": entry.short_cite, "tahun": entry.tahun,
                            "url": entry.url, "where": entry.where, "full_text": entry.full_text}
    if isinstance(entry, RegulationEntry):
        meta.update(jenis=entry.jenis, nomor=entry.nomor, tentang=entry.tentang, issuer=entry.issuer,
                    status=entry.status)
    elif isinstance(entry, AgreementEntry):
        meta.update(parties=entry.parties, nomor=entry.nomor)
    else:
        meta.update(publisher=entry.publisher, date=entry.date)
    return meta


def _entry_document(entry: RegulationEntry | AgreementEntry | NewsEntry, path: Path) -> Document:
    text = render_entry(entry)
    meta = flatten(entry_metadata(entry))
    # doc_type 'katalog': a stub that says where the full text is, never mistaken for the text itself.
    return Document(doc_id=entry.id, source_path=str(path), title=entry.title, doc_type="katalog",
                    pages=[Page(1, text)], metadata=meta, content_hash=_hash(text, meta))


def _hash(text: str, meta: dict[str, Any]) -> str:
    return hashlib.sha256((text + json.dumps(meta, sort_keys=True)).encode()).hexdigest()
