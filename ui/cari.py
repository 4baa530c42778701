"""Cari: one question box, filters in the sidebar, a quoted answer on top, then cited passages."""
from __future__ import annotations

import os
import time
from pathlib import Path

import streamlit as st

from ingest.quality import OCR_WARNING, garbled
from kb import llm
from kb.answer import answer
from kb.generated import Reply, generate
from kb.base import KnowledgeBase
from kb.fusion import MODES, Mode
from kb.citations import unit_name
from kb.highlight import highlight, window
from kb.copies import copies
from kb.legal_lookup import view
from kb.lexical import PLACE_KEYS, Filters
from kb.search import Hit, search, terms
from ui.common import DOC_TYPES, REGULASI_PAGE, highlighted, knowledge_base, md, require_corpus, show_pasal

K = 10
MODE_LABELS = {"hybrid": "Gabungan (disarankan)", "dense": "Makna (semantik)", "lexical": "Kata persis"}
LANGS = {"id": "Indonesia", "en": "Inggris"}

kb = knowledge_base()
st.title("Cari")
require_corpus(kb)
docs = kb.store.documents()


def places(meta: dict) -> set[str]:
    return {str(meta[k]) for k in PLACE_KEYS if meta.get(k)}


@st.cache_data(max_entries=500, show_spinner=False)
def cached_search(_kb: KnowledgeBase, data_dir: str, generation: int, query: str, mode: Mode,
                  filters: Filters) -> list[Hit]:
    """Results per question and filters, so that opening a Pasal or changing page does not search again;
    a new ingest (generation) or another data dir is another key."""
    return search(_kb, query, k=K, mode=mode, filters=filters)


with st.sidebar:
    st.header("Saring hasil")
    mode = st.radio("Mode pencarian", MODES, format_func=MODE_LABELS.__getitem__, key="mode")
    doc_type = st.selectbox("Jenis dokumen", sorted({d.doc_type for d in docs}), index=None,
                            format_func=lambda t: DOC_TYPES.get(t, t), placeholder="Semua jenis", key="jenis")
    years = sorted({d.year for d in docs if d.year})
    year_from = year_to = None
    if len(years) > 1:
        year_from, year_to = st.slider("Tahun", years[0], years[-1], (years[0], years[-1]), key="tahun")
        if (year_from, year_to) == (years[0], years[-1]):
            year_from = year_to = None  # the full range also keeps documents without a year
    lang = st.selectbox("Bahasa", list(LANGS), index=None, format_func=LANGS.__getitem__,
                        placeholder="Semua bahasa", key="bahasa")
    place = st.selectbox("Penerbit/kota", sorted(set().union(*(places(d.metadata) for d in docs))), index=None,
                         placeholder="Semua penerbit dan kota", key="tempat")
    with st.expander("Model bahasa (opsional)", icon=":material/smart_toy:"):
        st.caption("Jika diisi, pertanyaan dan potongan teks teratas dikirim ke server ini, dan tidak ke mana pun "
                   "selain itu. Tanpa alamat, tidak ada yang dikirim.")
        llm_url = st.text_input("Alamat API (kompatibel OpenAI)", value=os.environ.get("KB_LLM_URL", ""),
                                placeholder="http://localhost:11434/v1", key="llm_url")
        llm_model = st.text_input("Nama model", value=os.environ.get("KB_LLM_MODEL", ""), key="llm_model")
        llm_key = st.text_input("Kunci API (jika perlu)", value=os.environ.get("KB_LLM_API_KEY", ""),
                                type="password", key="llm_key")

query = st.text_input("Pertanyaan atau kata kunci", placeholder="mis. dengan siapa daerah boleh bekerja sama?",
                      key="pertanyaan")
if not query.strip():
    st.caption("Tulis pertanyaan dalam bahasa sehari-hari, atau rujukan seperti “UU 23/2014 Pasal 363”. "
               "Setiap hasil menyebut sumbernya: dokumen, Pasal/ayat dan halaman.")
    st.stop()

started = time.perf_counter()
hits = cached_search(kb, str(kb.settings.data_dir), kb.store.generation, query.strip(), mode,
                     Filters(doc_type=doc_type, year_from=year_from, year_to=year_to, lang=lang, place=place))
elapsed = time.perf_counter() - started

if not hits:
    st.warning("Tidak ada hasil. Coba kata lain atau mode “Makna (semantik)”, atau longgarkan saringan di samping.")
    st.stop()

quoted = answer(query, hits, idf=kb.lexical.idf)
st.subheader("Jawaban ringkas")
try:
    model = llm.configured(llm_url, llm_model, llm_key)
except llm.LLMError as e:
    model = None
    st.caption(md(str(e)))
if model and st.toggle(f"Tulis jawaban dengan model {model.model}", key="pakai_model"):
    with st.status("Model menulis jawaban…", expanded=True) as status:
        pieces: list[str] = []

        def flow():
            for piece in llm.stream(model, query, hits):
                pieces.append(piece)
                yield piece
        try:
            st.write_stream(flow)
        except llm.LLMError as e:
            pieces = None  # the quoted answer stands in; generate() says why
            failure = str(e)
        status.update(label="Jawaban model diperiksa terhadap sumbernya", state="complete", expanded=False)
    reply = generate(kb, quoted, model, pieces) if pieces is not None else \
        Reply(quoted, False, model.model, reason=failure)
    st.caption(md(reply.label))
    shown = reply.to_json()  # the object `kb ask --llm --json` prints
else:
    shown = quoted.to_json()  # the object `kb ask --json` prints
if shown["abstained"]:
    st.info(md(shown["answer"]))
else:
    st.markdown(" ".join(f"{md(s['text'])} **" + "".join(f"\\[{n}\\]" for n in s["sources"]) + "**"
                         for s in shown["sentences"]))
searched = terms(query)
read = f" Dibaca sebagai “{searched.query}”." if searched.query != query.strip() else ""
also = f" Juga dicari dengan istilah peraturan: {'; '.join(searched.added)}." if searched.added else ""
how = "Kalimat model yang didukung sumbernya" if shown.get("generated") else \
    "Kalimat dikutip apa adanya dari hasil teratas"
st.caption(md(f"{how}; nomor menunjuk ke sumber di bawah. "
              f"{len(hits)} hasil untuk “{query.strip()}” dalam {elapsed:.2f} detik.{read}{also}"))


def show(hit: Hit) -> None:
    with st.container(border=True):
        st.markdown(f"**\\[{hit.rank}\\] {md(hit.citation)}**")
        title = hit.title if hit.title and hit.title not in hit.citation else None
        st.caption(md(" · ".join(x for x in (DOC_TYPES.get(hit.doc_type or "", hit.doc_type),
                                             str(hit.year or ""), title) if x)))
        if garbled(hit.meta.get("quality")):
            st.warning(OCR_WARNING, icon=":material/document_scanner:")
        if len(hit.meta.get("sources", [])) > 1:
            st.caption(md("Salinan lain: " + "; ".join(Path(p).name for p in hit.meta["sources"][1:])))
        marks = highlight(searched.text, hit.text)
        a, b = window(hit.text, marks, width=700)
        spans = [(s - a, e - a) for s, e in marks.spans if a <= s and e <= b]
        st.markdown(("…" if a else "") + highlighted(hit.text[a:b], spans) + ("…" if b < len(hit.text) else ""))
        left, right = st.columns([1, 3], vertical_alignment="center")
        source = Path(hit.source_path) if hit.source_path else None
        if hit.doc_type == "katalog":  # its file is the whole catalog: offer where the text itself is
            if hit.meta.get("url"):
                left.link_button("Buka sumber", str(hit.meta["url"]), icon=":material/open_in_new:")
            else:
                left.caption(md(f"Teks lengkap: {hit.meta.get('where') or 'sumber resmi'}"))
        elif source and source.is_file():
            left.download_button("Unduh berkas asli", data=source.read_bytes, file_name=source.name,
                                 key=f"unduh-{hit.chunk_id}", on_click="ignore", icon=":material/download:")
        right.code(hit.citation, language=None, wrap_lines=True)  # its copy icon copies the citation; long ones wrap
        label = (f"Baca {unit_name(hit.meta, hit.pasal)} utuh" if hit.pasal else
                 f"Baca halaman {hit.page_start} utuh" if hit.page_start else "Baca dokumen utuh")
        whole = st.expander(md(label), key=f"utuh-{hit.chunk_id}", on_change="rerun")
        if whole.open:  # fetched only when opened
            with whole:
                show_whole(hit)


def show_whole(hit: Hit) -> None:
    """The hit's whole Pasal with its Penjelasan and later amendments, else its whole page or document."""
    doc = kb.store.document(hit.doc_id)
    if doc is None:
        st.caption("Dokumen ini baru saja dihapus dari korpus.")
        return
    if hit.pasal:
        show_pasal(view(kb, doc, hit.pasal, copies(kb)))
        st.page_link(REGULASI_PAGE, label="Buka di halaman Regulasi", icon=":material/account_tree:",
                     query_params={"dok": hit.doc_id, "pasal": hit.pasal})
        return
    where: dict = {"doc_id": hit.doc_id}
    if hit.page_start:
        where = {"$and": [where, {"page_start": {"$lte": hit.page_start}}, {"page_end": {"$gte": hit.page_start}}]}
    chunks = sorted(kb.store.iter_chunks(where=where), key=lambda c: int(c.meta.get("ordinal", 0)))
    st.markdown(md("\n\n".join(c.text for c in chunks)))


for h in hits:
    show(h)
