"""Pustaka: the studies as a list; select some and export their references (APA, BibTeX, RIS)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ingest.cards import THESIS_TYPES, CaseCard
from kb.references import FORMATS, link, render
from ui.common import cards, knowledge_base

FORMAT_LABELS = {"apa": "APA 7", "bibtex": "BibTeX", "ris": "RIS"}
FILES = {"apa": ("pustaka.txt", "text/plain"), "bibtex": ("pustaka.bib", "application/x-bibtex"),
         "ris": ("pustaka.ris", "application/x-research-info-systems")}

kb = knowledge_base()
st.title("Pustaka")
studies = sorted((c for c in cards(kb) if not isinstance(c, CaseCard)),
                 key=lambda c: (c.authors[0].family if c.authors else c.title, c.year or 0))
if not studies:
    st.info("Belum ada kartu studi di korpus. Jalankan `kb ingest corpus/` di terminal, lalu muat ulang halaman ini.")
    st.stop()

rows = pd.DataFrame([("; ".join(a.full for a in c.authors) or "(tidak disebut)", c.year, c.title, c.city,
                      c.publication_type, c.venue or (c.institution if c.publication_type in THESIS_TYPES else None),
                      link(c), (c.record.missing or None) if c.record else "belum dicari") for c in studies],
                    columns=["Penulis", "Tahun", "Judul", "Kota", "Jenis", "Terbit di", "Tautan",
                             "Data pustaka belum ditemukan"]).astype({"Tahun": "Int64"})
st.caption("Centang studi yang ingin dikutip; tanpa centang, semua studi diekspor. Data pustaka yang belum "
           "ditemukan tetap kosong; sumber tiap data tercatat di kartunya (kolom record).")
event = st.dataframe(rows, key="studi", on_select="rerun", selection_mode="multi-row", hide_index=True,
                     placeholder="—", column_config={"Judul": st.column_config.TextColumn(width="large"),
                                                     "Tautan": st.column_config.LinkColumn()})
picked = [studies[i] for i in event.selection.rows] or studies

fmt = st.radio("Format", FORMATS, format_func=FORMAT_LABELS.__getitem__, horizontal=True, key="format")
text = render(picked, fmt)
name, mime = FILES[fmt]
st.download_button(f"Unduh {len(picked)} referensi ({FORMAT_LABELS[fmt]})", text, file_name=name, mime=mime,
                   icon=":material/download:", on_click="ignore")
st.code(text, language=None, wrap_lines=True)
