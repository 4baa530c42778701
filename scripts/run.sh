#!/usr/bin/env bash
# Set up, ingest the shipped corpus (incremental: a second run only picks up changes), open the UI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. .venv/bin/activate
# The catalog's regulations in full text, once (a later run finds them present); offline this gives up in
# seconds with one line, and the app starts with the cards and catalog alone.
kb fetch --kind regulasi || echo "Unduhan tidak lengkap; aplikasi tetap dijalankan / downloads incomplete; starting anyway."
kb ingest corpus/ "${KB_DATA_DIR:-.kb}/unduhan" || echo "Sebagian berkas gagal; lihat pesan di atas / some files failed, see above."
exec streamlit run app.py --server.headless true --browser.gatherUsageStats false "$@"
