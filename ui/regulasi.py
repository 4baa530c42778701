"""Regulasi: one regulation or agreement as a tree (BAB > Pasal), a Pasal with its Penjelasan and
amendments, and whether the regulation was amended or revoked by another document in the corpus."""
from __future__ import annotations

import streamlit as st

from ingest.legal import LEGAL_TYPES
from ingest.regulation import with_acronyms
from kb.citations import cite, unit_name
from kb.copies import copies, files
from kb.legal_lookup import names, view
from kb.store import DocRecord
from ui.common import KORPUS_PAGE, knowledge_base, md, show_pasal

NO_BAB = "Tanpa BAB"

kb = knowledge_base()
st.title("Regulasi")
same = copies(kb)
# Each regulation once, as its cleanest copy (kb.copies); the other copies are listed as its sources.
docs = [d for d in kb.store.documents() if d.status == "ok" and same.shows(d.doc_id)]
regulations = {d.doc_id: d for d in docs if d.doc_type in LEGAL_TYPES}
if not regulations:
    st.info("Belum ada regulasi atau perjanjian di korpus. Unggah teks lengkapnya (PDF, DOCX, TXT, MD, HTML) "
            "di halaman Kelola Korpus, atau jalankan `kb ingest` di terminal.")
    st.page_link(KORPUS_PAGE, label="Buka Kelola Korpus", icon=":material/upload_file:")
    st.stop()

# A link from Cari ("Buka di halaman Regulasi") names the document and the Pasal.
if st.query_params.get("dok") in regulations:
    st.session_state["regulasi"] = st.query_params["dok"]
    st.session_state["pasal"] = st.query_params.get("pasal")
    st.query_params.clear()

doc_id = st.selectbox("Regulasi atau perjanjian", list(regulations), key="regulasi",
                      format_func=lambda d: regulations[d].title, on_change=lambda: st.session_state.pop("pasal", None))
doc = regulations[doc_id]


def named_in(field: str) -> list[DocRecord]:
    """Documents whose `field` (mengubah, mencabut) names this regulation by its short citation."""
    return [d for d in docs if names(d, field, str(doc.metadata.get("short_cite") or ""))]


def cites(found: list[DocRecord]) -> str:
    return ", ".join(str(d.metadata.get("short_cite") or d.title) for d in found)


def status() -> None:
    revoked, amended = named_in("mencabut"), named_in("mengubah")
    if revoked:
        st.error(md(f"Tidak berlaku lagi: dicabut dengan {cites(revoked)}."))
    elif amended:
        st.warning(md(f"Masih berlaku dengan perubahan: diubah dengan {cites(amended)}."))
    else:
        st.success("Tidak ada dokumen di korpus yang mengubah atau mencabutnya.")
    relations = (("mengubah", "Mengubah"), ("mencabut", "Mencabut"), ("mencabut_sebagian", "Mencabut sebagian"))
    for field, label in relations:
        if doc.metadata.get(field):
            st.caption(md(f"{label}: {doc.metadata[field]}"))


facts = [f"{k}: {doc.metadata[key]}" for key, k in (("tentang", "Tentang"), ("issuer", "Penerbit"),
                                                    ("tanggal_ditetapkan", "Ditetapkan"),
                                                    ("tanggal_diundangkan", "Diundangkan")) if doc.metadata.get(key)]
st.caption(md(" · ".join(facts)))
if len(sources := files(kb, same, doc_id)) > 1:
    st.caption(md("Sumber (teks dari salinan terbersih): " + "; ".join(sources)))
status()

chunks = sorted(kb.store.iter_chunks(where={"doc_id": doc_id}), key=lambda c: int(c.meta.get("ordinal", 0)))
tree: dict[str, list[str]] = {}  # BAB -> its Pasal, in the order of the text
for c in chunks:
    if c.meta.get("section") == "batang_tubuh" and c.meta.get("pasal"):
        pasals = tree.setdefault(str(c.meta.get("bab") or NO_BAB), [])
        if str(c.meta["pasal"]) not in pasals:
            pasals.append(str(c.meta["pasal"]))
if not tree:
    st.info("Susunan Pasal dokumen ini tidak terbaca (mungkin hasil pindaian yang rusak). Bacalah lewat halaman Cari.")
    st.stop()

every = [p for pasals in tree.values() for p in pasals]
if st.session_state.get("pasal") not in every:
    st.session_state["pasal"] = every[0]
chosen = st.session_state["pasal"]


def pick(key: str) -> None:
    if st.session_state[key]:  # clicking the chosen pill again clears it: keep the Pasal shown
        st.session_state["pasal"] = st.session_state[key]


left, right = st.columns([2, 3], gap="large")
with left:
    st.subheader("Susunan")
    for i, (bab, pasals) in enumerate(tree.items()):
        key = f"bab-{i}"
        st.session_state[key] = chosen if chosen in pasals else None
        with st.expander(md(with_acronyms(bab)), expanded=chosen in pasals):
            st.pills(md(bab), pasals, key=key, on_change=pick, args=(key,), label_visibility="collapsed",
                     format_func=lambda p: unit_name(doc.metadata, p))  # "Diktum KEDUA" in a Keputusan
with right:
    pasal = view(kb, doc, chosen, same)
    st.subheader(md(unit_name(doc.metadata, chosen)))
    if pasal.body:
        st.code(cite(pasal.body[0].meta), language=None)
    show_pasal(pasal)
