"""Kelola Korpus: upload and ingest files, see every document with its state, remove one."""
from __future__ import annotations

import streamlit as st

from kb.base import LockedError
from kb.indexer import ingest
from kb.stats import dir_size
from kb.uploads import ALLOWED, MAX_MB, SavedUpload, UploadError, discard, remove_document, save
from ui.common import knowledge_base, md

STATUS = {"ok": "siap", "pending": "terputus: unggah atau ingest ulang"}

kb = knowledge_base()
st.title("Kelola Korpus")
st.caption("Unggah dokumen agar dapat dicari; berkas asli disimpan sehingga bisa diunduh dan di-ingest ulang.")

if removed := st.session_state.pop("dihapus", None):
    st.success(md(f"Dihapus: {removed}"))
# Failures of this session, shown in the table until the page is reloaded: (name, reason).
failed: list[tuple[str, str]] = st.session_state.setdefault("gagal", [])

files = st.file_uploader(f"Unggah dokumen (PDF, DOCX, TXT, MD, HTML; maks. {MAX_MB} MB per berkas)",
                         type=sorted(s.lstrip(".") for s in ALLOWED), accept_multiple_files=True,
                         max_upload_size=MAX_MB, key=f"unggah-{st.session_state.get('putaran', 0)}")
if files and st.button("Masukkan ke korpus", type="primary", key="masukkan"):
    saved: list[SavedUpload] = []
    for f in files:
        try:
            saved.append(save(kb.settings.data_dir, f.name, f.getvalue()))
        except UploadError as e:
            failed.append((f.name, str(e)))
            st.error(md(e))
    if saved:
        bar = st.progress(0.0, text="Menyiapkan…")
        names = {str(s.path): s.original_name for s in saved}

        def progress(path: str, done: int, total: int) -> None:
            label = f"Memproses {names.get(path, path)} ({done + 1}/{total})" if path else "Memperbarui indeks…"
            bar.progress(done / max(total, 1), text=md(label))

        try:
            report = ingest(kb, [s.path for s in saved], progress=progress)
        except LockedError:
            st.error("Ingest lain sedang berjalan pada korpus ini. Tunggu sampai selesai, lalu coba lagi.")
            discard(kb.settings.data_dir, list(names))
            st.stop()
        bar.empty()
        for path, reason in report.failed:
            failed.append((names[path], reason))
            st.error(md(f"{names[path]} gagal: {reason}"))
        discard(kb.settings.data_dir, [p for p, _ in report.failed])  # nothing to download or re-ingest
        done = len(report.added) + len(report.updated)
        if done or report.unchanged:
            st.success(f"{done} dokumen masuk korpus ({report.chunks} potongan)"
                       + (f"; {len(report.unchanged)} sudah ada sebelumnya" if report.unchanged else "") + ".")
    st.session_state["putaran"] = st.session_state.get("putaran", 0) + 1  # clear the uploader

docs = kb.store.documents()
if not docs and not failed:
    st.info("Korpus masih kosong. Unggah dokumen di atas, atau jalankan `kb ingest corpus/` di terminal.")
    st.stop()

c1, c2, c3 = st.columns(3)
c1.metric("Dokumen", len(docs))
c2.metric("Potongan teks", kb.store.count())
c3.metric("Ukuran indeks", f"{dir_size(kb.settings.data_dir) / 1e6:.1f} MB")

rows = [{"Judul": d.title, "ID": d.doc_id, "Jenis": d.doc_type, "Tahun": d.year, "Halaman": d.n_pages,
         "Potongan": d.n_chunks, "Status": STATUS.get(d.status, d.status), "Galat": ""} for d in docs]
rows += [{"Judul": name, "ID": "", "Jenis": "", "Tahun": None, "Halaman": None, "Potongan": 0,
          "Status": "gagal", "Galat": reason} for name, reason in failed]
st.dataframe(rows, hide_index=True, column_config={"Tahun": st.column_config.NumberColumn(format="%d")})

if docs:
    st.subheader("Hapus dokumen")
    titles = {d.doc_id: f"{d.title} ({d.doc_id})" for d in docs}
    doc_id = st.selectbox("Dokumen", list(titles), format_func=titles.__getitem__, index=None,
                          placeholder="Pilih dokumen yang akan dihapus", key="hapus")
    if doc_id and st.button("Hapus dokumen", help="Menghapus dokumen, potongan teksnya, dan berkas unggahannya.",
                            key="hapus-dokumen"):
        try:
            remove_document(kb, doc_id)
        except LockedError:
            st.error("Ingest sedang berjalan; hapus dokumen setelah selesai.")
            st.stop()
        st.session_state["dihapus"] = titles[doc_id]
        st.rerun()
