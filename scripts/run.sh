#!/usr/bin/env bash
# Set up, ingest the shipped corpus (incremental: a second run only picks up changes), open the UI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. .venv/bin/activate
kb ingest corpus/ || echo "Sebagian berkas gagal; lihat pesan di atas / some files failed, see above."
exec streamlit run app.py --server.headless true --browser.gatherUsageStats false "$@"
