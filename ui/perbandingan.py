"""Perbandingan Kasus: studies and city cases side by side, each cell leading to its source card,
with CSV export and charts of the studies by year, city, smart-city dimension and theory."""
from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from ingest.cards import Card, display, render_card
from kb.compare import (GROUP_BY, NOT_STATED, Cell, columns_besides_group, comparison, side_by_side,
                        side_by_side_csv, to_csv)
from ui.common import cards, knowledge_base, md

GROUP_LABELS = {"city": "Kota", "theory": "Teori/model", "dimension": "Dimensi smart city", "year": "Tahun"}
KIND_LABELS = {"studi": "Studi terdahulu", "tesis": "Tesis (penelitian ini)", "kasus": "Kasus kota"}
GROUP_COLUMN = "kelompok"
CHARTS = (("year", "Studi per tahun"), ("city", "Studi per kota"),
          ("dimension", "Studi per dimensi smart city"), ("theory", "Studi per teori/model"))

kb = knowledge_base()
st.title("Perbandingan Kasus")
every = cards(kb)
if not every:
    st.info("Belum ada kartu studi atau kasus di korpus. Jalankan `kb ingest corpus/` di terminal, "
            "lalu muat ulang halaman ini.")
    st.stop()


def dimensions(card: Card) -> set[str]:
    return {display(d) for d in card.dimensions}


with st.sidebar:
    st.header("Saring kartu")
    by = st.selectbox("Kelompokkan menurut", GROUP_BY, format_func=GROUP_LABELS.__getitem__, key="kelompok")
    kinds = st.multiselect("Jenis kartu", list(KIND_LABELS), format_func=KIND_LABELS.__getitem__,
                           placeholder="Semua jenis", key="jenis-kartu")
    cities = st.multiselect("Kota", sorted({c.city for c in every}), placeholder="Semua kota", key="kota")
    dims = st.multiselect("Dimensi smart city", sorted(set().union(*map(dimensions, every))),
                          placeholder="Semua dimensi", key="dimensi")
    years = sorted({c.year for c in every if c.year})
    year_range = None
    if len(years) > 1:
        year_range = st.slider("Tahun", years[0], years[-1], (years[0], years[-1]), key="tahun-kartu")
        if year_range == (years[0], years[-1]):
            year_range = None  # the full range also keeps cards without a year (most cases)

chosen = [c for c in every if (not kinds or c.type in kinds) and (not cities or c.city in cities)
          and (not dims or dimensions(c) & set(dims))
          and (year_range is None or (c.year and year_range[0] <= c.year <= year_range[1]))]
if not chosen:
    st.warning("Tidak ada kartu yang cocok dengan saringan. Longgarkan saringan di samping.")
    st.stop()

def show_source(cell: Cell, column: str) -> None:
    card = next(c for c in chosen if c.id == cell.card_id)
    with st.container(border=True):
        st.subheader("Kartu sumber")
        where = f"{column} dari kartu {card.id}"
        st.caption(md(f"{KIND_LABELS[card.type]} · {where}"))
        st.markdown(md(render_card(card).removeprefix("# ")))


st.subheader("Bandingkan berdampingan")
titles = {c.id: f"{c.title} ({c.id})" for c in chosen}
picked = st.multiselect("Pilih 2–4 kartu", list(titles), format_func=titles.__getitem__, max_selections=4,
                        placeholder="mis. widodo-2020-bekasi, bandung, yahya-2022-surakarta", key="berdampingan")
if len(picked) >= 2:
    view = side_by_side([next(c for c in chosen if c.id == i) for i in picked])
    grid = pd.DataFrame({"aspek": [label for label, _ in view.rows],
                         **{cid: [cells[i].text for _, cells in view.rows] for i, cid in enumerate(view.cards)}})
    st.caption("Satu kolom per kartu, satu baris per aspek. Pilih satu sel untuk membuka kartu sumbernya.")
    side = st.dataframe(grid, key="tabel-berdampingan", on_select="rerun", selection_mode="single-cell",
                        hide_index=True, row_height=110, placeholder="—",
                        column_config={"aspek": st.column_config.TextColumn("Aspek", pinned=True, width="small"),
                                       **{cid: st.column_config.TextColumn(cid, width="large") for cid in view.cards}})
    st.download_button("Unduh CSV", side_by_side_csv(view), file_name="perbandingan-berdampingan.csv",
                       mime="text/csv", icon=":material/download:", on_click="ignore", key="csv-berdampingan")
    if side.selection.cells:
        row, column = side.selection.cells[0]
        if column != "aspek":
            show_source(view.rows[row][1][view.cards.index(column)], view.rows[row][0])
elif picked:
    st.caption("Pilih satu kartu lagi untuk membandingkan.")

st.subheader("Semua kartu")
table = comparison(chosen, by, columns_besides_group(by))  # the pinned group column shows that one
frame = pd.DataFrame({GROUP_COLUMN: [r.group.text for r in table.rows],
                      **{col: [r.cells[col].text for r in table.rows] for col in table.columns}})
st.caption(f"{len(chosen)} kartu. Pilih satu sel untuk membuka kartu sumbernya.")
event = st.dataframe(frame, key="tabel", on_select="rerun", selection_mode="single-cell", hide_index=True,
                     placeholder="—", row_height=70,  # long titles and cities wrap instead of being cut
                     column_config={GROUP_COLUMN: st.column_config.TextColumn("Kelompok", pinned=True, width="medium"),
                                    "id": "Kartu", "judul": st.column_config.TextColumn("Judul", width="large"),
                                    "kota": st.column_config.TextColumn("Kota", width="medium"),
                                    **{c: c.capitalize() for c in table.columns if c not in ("id", "judul", "kota")}})
st.download_button("Unduh CSV", to_csv(table), file_name=f"perbandingan-{by}.csv", mime="text/csv",
                   icon=":material/download:", on_click="ignore")


if event.selection.cells:
    row, column = event.selection.cells[0]
    hit = table.rows[row]
    show_source(hit.group if column == GROUP_COLUMN else hit.cells[column], column)

studies = [c for c in chosen if c.type != "kasus"]
if studies:
    st.subheader("Sekilas")
    columns = st.columns(2)
    for i, (key, title) in enumerate(CHARTS):
        # comparison() lists a card once under each of its keys, so rows per key = studies per key.
        counts = Counter(r.group.text for r in comparison(studies, key).rows if r.group.text != NOT_STATED)
        with columns[i % 2]:
            st.markdown(f"**{title}**")
            if key == "year":
                st.bar_chart(pd.Series(counts, name="Jumlah studi"), height=260)
            else:  # a table keeps long theory names whole, where a chart's axis cuts them off
                bars = pd.DataFrame(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])), columns=["", "studi"])
                # "auto": as tall as its rows (up to ten), not a fixed box of empty grid lines under two rows.
                st.dataframe(bars, hide_index=True, height="auto", key=f"sekilas-{key}", column_config={
                    "": st.column_config.TextColumn(width="medium"),
                    "studi": st.column_config.ProgressColumn("Jumlah studi", format="%d", min_value=0,
                                                             max_value=max(counts.values(), default=1))})
