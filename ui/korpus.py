"""Kelola Korpus: every document with its state; after sign-in (ui.signin) upload, fetch, remove,
restore, and the audit log. Every change runs as the signed-in name (kb.audit)."""
from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from ingest.cards import read_catalog
from ingest.loaders import max_file_bytes
from kb.audit import AuditError, acting_as
from kb.base import LockedError, RestoreError
from kb.fetch import audit, fetch_entries, offline
from kb.indexer import ingest
from kb.inventory import listing
from kb.stats import dir_size
from kb.uploads import ALLOWED, SavedUpload, UploadBudget, UploadError, discard, save
from ui.common import DOC_TYPES, knowledge_base, md
from ui.signin import editor, sign_out_button

Message = tuple[str, str]  # ("success" | "error", text)
BUSY = "Ingest lain sedang berjalan pada korpus ini. Tunggu sampai selesai, lalu coba lagi."

kb = knowledge_base()
st.title("Kelola Korpus")
st.caption("Unggah dokumen agar dapat dicari; berkas asli disimpan sehingga bisa diunduh dan di-ingest ulang.")
# Failures of this session, listed in the table until the page is reloaded: (file name, reason).
failed: list[tuple[str, str]] = st.session_state.setdefault("gagal", [])
budget: UploadBudget = st.session_state.setdefault("kuota-unggah", UploadBudget())
who = editor()


def add(files: list[UploadedFile]) -> list[Message]:
    """Check, keep and ingest the uploads, with a progress bar; what happened, as messages."""
    messages: list[Message] = []
    saved: list[SavedUpload] = []
    for f in files:
        try:
            budget.take(f.name, f.size)
            saved.append(save(kb.settings.data_dir, f.name, f.getvalue(), audit=kb.audit))
        except (UploadError, AuditError) as e:
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
    except (LockedError, AuditError) as e:
        discard(kb.settings.data_dir, list(names))
        return messages + [("error", BUSY if isinstance(e, LockedError) else str(e))]
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


def uploader() -> None:
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
    try:
        audit(kb.audit, results)
    except AuditError as e:
        return [("error", str(e))]
    if offline(results):
        return [("error", f"Luring: tidak ada jaringan, tidak ada yang diunduh. Salin berkas peraturannya ke "
                          f"{dest}, lalu jalankan `kb ingest {dest}`.")]
    failures = [("error", f"{r.entry_id} gagal diunduh: {r.message}") for r in results if r.status == "failed"]
    try:
        report = ingest(kb, [dest])
    except (LockedError, AuditError) as e:
        return failures + [("error", BUSY if isinstance(e, LockedError) else str(e))]
    got = sum(r.status == "downloaded" for r in results)
    return failures + [("success", f"{got} teks lengkap diunduh, {len(report.added) + len(report.updated)} dokumen "
                                   f"masuk korpus ({report.chunks} potongan).")]


CATALOG = Path("corpus") / "catalog.yaml"  # the shipped catalog, as `kb fetch` reads it


def fetch_button() -> None:
    if CATALOG.is_file() and st.button(
            "Unduh teks lengkap dari katalog", icon=":material/cloud_download:", key="unduh-katalog",
            help="Peraturan di katalog yang punya alamat; yang sudah ada tidak diunduh lagi."):
        st.session_state["pesan"] = fetch_catalog(CATALOG)
        st.rerun()


def remover(rows) -> None:
    st.subheader("Hapus dokumen")
    titles = {r.doc_id: f"{r.title} ({r.doc_id})" for r in rows}
    doc_id = st.selectbox("Dokumen", list(titles), format_func=titles.__getitem__, index=None,
                          placeholder="Pilih dokumen yang akan dihapus", key="hapus")
    if doc_id and st.button("Hapus dokumen", key="hapus-dokumen",
                            help="Dokumen, potongan teks dan berkas unggahannya pindah ke tempat sampah; "
                                 "bisa dipulihkan."):
        st.session_state["pesan"] = [_attempt(lambda: kb.remove(doc_id), f"Dihapus: {titles[doc_id]}. "
                                              f"Pulihkan dari Tempat sampah di bawah bila keliru.")]
        st.rerun()


def recycle_bin() -> None:
    binned = kb.recycle.entries()
    st.subheader(f"Tempat sampah ({len(binned)})")
    if not binned:
        st.caption("Kosong. Dokumen yang dihapus disimpan di sini sampai dibersihkan (`kb purge --older-than 30d`).")
    for i, b in enumerate(binned):
        left, right = st.columns([5, 1], vertical_alignment="center")
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(b.removed_at))
        left.markdown(md(f"{b.title} ({b.doc_id}) · {b.n_chunks} potongan · dihapus {when} oleh {b.who}"))
        if right.button("Pulihkan", key=f"pulihkan-{i}", icon=":material/restore_from_trash:"):
            st.session_state["pesan"] = [_attempt(lambda: kb.restore(b.doc_id),
                                                  f"Dipulihkan: {b.title} ({b.n_chunks} potongan)")]
            st.rerun()


def audit_log() -> None:
    entries = kb.audit.entries()[-20:][::-1]
    st.subheader("Log audit")
    st.caption("Setiap perubahan korpus, terbaru di atas; seluruhnya: `kb audit`.")
    st.dataframe(pd.DataFrame([(e.time, e.who, e.action, e.doc_id, e.file, (e.sha256 or "")[:12], e.result)
                               for e in entries],
                              columns=["Waktu (UTC)", "Oleh", "Aksi", "ID", "Berkas", "SHA-256", "Hasil"]),
                 hide_index=True, placeholder="—")


def _attempt(change, success: str) -> Message:
    try:
        change()
    except LockedError:
        return "error", BUSY
    except (RestoreError, AuditError) as e:
        return "error", str(e)
    return "success", success


for kind, text in st.session_state.pop("pesan", []):
    (st.success if kind == "success" else st.error)(md(text))

if who:
    sign_out_button(who)
    with acting_as(who):
        uploader()
        fetch_button()
rows = listing(kb)
if not rows and not failed and not (who and kb.recycle.entries()):
    st.info("Korpus masih kosong. " + ("Unggah dokumen di atas" if who else "Admin dapat mengunggah dokumen di sini")
            + ", atau jalankan `kb ingest corpus/` di terminal.")
    st.stop()

c1, c2, c3 = st.columns(3)
c1.metric("Dokumen", len(rows))
c2.metric("Potongan teks", kb.store.count())
c3.metric("Ukuran indeks", f"{dir_size(kb.settings.data_dir) / 1e6:.1f} MB")

table = pd.DataFrame(
    [(r.title, DOC_TYPES.get(r.doc_type, r.doc_type), " ".join(str(x) for x in (r.jenis, r.nomor) if x) or None,
      r.tahun, r.pages, r.chunks, f"{r.units} {r.unit_kind}" if r.units else None, r.status_text, "", r.doc_id)
     for r in rows]
    + [(name, "", None, None, None, 0, None, "gagal", reason, "") for name, reason in failed],
    columns=["Judul", "Jenis", "Nomor", "Tahun", "Halaman", "Potongan", "Satuan", "Status", "Galat", "ID"],
).astype({"Tahun": "Int64", "Halaman": "Int64"})
st.dataframe(table, hide_index=True, placeholder="—",
             column_config={"Judul": st.column_config.TextColumn(width="large"),
                            "Status": st.column_config.TextColumn(width="medium"),
                            "Galat": st.column_config.TextColumn(width="large")})

if who:
    with acting_as(who):
        if rows:
            remover(rows)
        recycle_bin()
    audit_log()
