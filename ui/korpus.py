"""Kelola Korpus: upload and ingest files, see every document with its state, remove one."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from ingest.cards import read_catalog
from ingest.loaders import max_file_bytes
from kb.base import LockedError
from kb.copies import copies
from kb.fetch import fetch_entries, offline
from kb.indexer import ingest
from kb.stats import dir_size
from kb.uploads import ALLOWED, SavedUpload, UploadError, discard, remove_document, save
from ui.common import DOC_TYPES, knowledge_base, md

STATUS = {"ok": "siap", "pending": "terputus: ingest ulang"}
Message = tuple[str, str]  # ("success" | "error", text)

kb = knowledge_base()
st.title("Kelola Korpus")
st.caption("Unggah dokumen agar dapat dicari; berkas asli disimpan sehingga bisa diunduh dan di-ingest ulang.")
# Failures of this session, listed in the table until the page is reloaded: (file name, reason).
failed: list[tuple[str, str]] = st.session_state.setdefault("gagal", [])


def add(files: list[UploadedFile]) -> list[Message]:
    """Check, keep and ingest the uploads, with a progress bar; what happened, as messages."""
    messages: list[Message] = []
    saved: list[SavedUpload] = []
    for f in files:
        try:
            saved.append(save(kb.settings.data_dir, f.name, f.getvalue()))
        except UploadError as e:
            failed.append((f.name, str(e)))
            messages.append(("error", str(e)))
    if not saved:
        return messages
    names = {str(s.path): s.original_name for s in saved}
    bar = st.progress(0.0, text="Menyiapkan…")

    def progress(path: str, done: int, total: int, chunks: int) -> None:
        label = f"Memproses {names.get(path, path)} ({done + 1}/{total})" if path else "Memperbarui indeks…"
        bar.progress(done / max(total, 1), text=md(label))

    try:
        report = ingest(kb, [s.path for s in saved], progress=progress)
    except LockedError:
        discard(kb.settings.data_dir, list(names))
        return messages + [("error", "Ingest lain sedang berjalan pada korpus ini. Tunggu sampai selesai, "
                                     "lalu unggah lagi.")]
    for path, reason in report.failed:
        failed.append((names[path], reason))
        messages.append(("error", f"{names[path]} gagal: {reason}"))
    discard(kb.settings.data_dir, [p for p, _ in report.failed])  # nothing to download or re-ingest
    done = len(report.added) + len(report.updated)
    if done or report.unchanged:
        messages.append(("success", f"{done} dokumen masuk korpus ({report.chunks} potongan)"
                         + (f"; {len(report.unchanged)} sudah ada sebelumnya" if report.unchanged else "") + "."))
    return messages


for kind, text in st.session_state.pop("pesan", []):
    (st.success if kind == "success" else st.error)(md(text))

MAX_MB = max_file_bytes() // 2**20  # one limit for uploads and `kb ingest` (KB_MAX_FILE_MB, README)
# Streamlit does not translate its uploader ("Drag and drop", "Browse files"/"Upload"): say it here.
st.caption("Seret berkas ke kotak di bawah, atau klik tombol di dalamnya untuk memilih berkas dari komputer; "
           "beberapa berkas boleh sekaligus.")
files = st.file_uploader(f"Unggah dokumen (PDF, DOCX, TXT, MD, HTML; maks. {MAX_MB} MB per berkas)",
                         type=sorted(s.lstrip(".") for s in ALLOWED), accept_multiple_files=True,
                         max_upload_size=MAX_MB, key=f"unggah-{st.session_state.get('putaran', 0)}")
if files and st.button("Masukkan ke korpus", type="primary", key="masukkan"):
    st.session_state["pesan"] = add(files)
    st.session_state["putaran"] = st.session_state.get("putaran", 0) + 1  # a new key empties the uploader
    st.rerun()

def fetch_catalog(catalog: Path) -> list[Message]:
    """The catalog's regulations in full text, downloaded into the data dir and ingested, with progress;
    offline it gives up at once (kb.fetch) and says where to put the files instead."""
    entries = [e for e in read_catalog(catalog).entries if e.url and e.kind == "regulasi"]
    dest = kb.settings.data_dir / "unduhan"
    bar = st.progress(0.0, text="Menghubungi sumber…")
    results = fetch_entries(entries, dest, progress=lambda name, done, total: bar.progress(
        done / max(total, 1), text=md(f"Mengunduh {name} ({done + 1}/{total})" if name else "Selesai mengunduh")))
    if offline(results):
        return [("error", f"Luring: tidak ada jaringan, tidak ada yang diunduh. Salin berkas peraturannya ke "
                          f"{dest}, lalu jalankan `kb ingest {dest}`.")]
    failures = [("error", f"{r.entry_id} gagal diunduh: {r.message}") for r in results if r.status == "failed"]
    try:
        report = ingest(kb, [dest])
    except LockedError:
        return failures + [("error", "Ingest lain sedang berjalan; coba lagi setelah selesai.")]
    got = sum(r.status == "downloaded" for r in results)
    return failures + [("success", f"{got} teks lengkap diunduh, {len(report.added) + len(report.updated)} dokumen "
                                   f"masuk korpus ({report.chunks} potongan).")]


CATALOG = Path("corpus") / "catalog.yaml"  # the shipped catalog, as `kb fetch` reads it
if CATALOG.is_file() and st.button("Unduh teks lengkap dari katalog", icon=":material/cloud_download:",
                                   help="Peraturan di katalog yang punya alamat; yang sudah ada tidak diunduh lagi.",
                                   key="unduh-katalog"):
    st.session_state["pesan"] = fetch_catalog(CATALOG)
    st.rerun()

docs = kb.store.documents()
if not docs and not failed:
    st.info("Korpus masih kosong. Unggah dokumen di atas, atau jalankan `kb ingest corpus/` di terminal.")
    st.stop()

c1, c2, c3 = st.columns(3)
c1.metric("Dokumen", len(docs))
c2.metric("Potongan teks", kb.store.count())
c3.metric("Ukuran indeks", f"{dir_size(kb.settings.data_dir) / 1e6:.1f} MB")

same = copies(kb)


def status(d) -> str:
    """The ingest state, and what search does with the document: a catalog entry whose text is in, a copy."""
    notes = [STATUS.get(d.status, d.status)]
    if d.doc_id in same.catalog:
        notes.append(f"teks lengkap ada: {same.catalog[d.doc_id]}")
    elif same.of(d.doc_id) != d.doc_id:
        notes.append(f"salinan dari {same.of(d.doc_id)}")
    return "; ".join(notes)


table = pd.DataFrame(
    [(d.title, DOC_TYPES.get(d.doc_type, d.doc_type), d.year, d.n_pages, d.n_chunks, status(d), "", d.doc_id)
     for d in docs]
    + [(name, "", None, None, 0, "gagal", reason, "") for name, reason in failed],
    columns=["Judul", "Jenis", "Tahun", "Halaman", "Potongan", "Status", "Galat", "ID"],
).astype({"Tahun": "Int64", "Halaman": "Int64"})
st.dataframe(table, hide_index=True, placeholder="—",
             column_config={"Judul": st.column_config.TextColumn(width="large"),
                            "Status": st.column_config.TextColumn(width="medium"),
                            "Galat": st.column_config.TextColumn(width="large")})

if docs:
    st.subheader("Hapus dokumen")
    titles = {d.doc_id: f"{d.title} ({d.doc_id})" for d in docs}
    doc_id = st.selectbox("Dokumen", list(titles), format_func=titles.__getitem__, index=None,
                          placeholder="Pilih dokumen yang akan dihapus", key="hapus")
    if doc_id and st.button("Hapus dokumen", help="Menghapus dokumen, potongan teksnya, dan berkas unggahannya.",
                            key="hapus-dokumen"):
        try:
            remove_document(kb, doc_id)
            st.session_state["pesan"] = [("success", f"Dihapus: {titles[doc_id]}")]
        except LockedError:
            st.session_state["pesan"] = [("error", "Ingest sedang berjalan; hapus dokumen setelah selesai.")]
        st.rerun()
