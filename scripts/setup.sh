#!/usr/bin/env bash
# Create .venv (or $KB_VENV) and install kb with everything it needs; safe to run again.
# Usage: scripts/setup.sh [extras]   e.g. scripts/setup.sh st,test
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
venv="${KB_VENV:-.venv}"
python3 -m venv "$venv"
. "$venv/bin/activate"
python -m pip install -q --upgrade pip
if [[ "$extras" == *st* ]]; then
  # The CPU build of torch; a bare `torch` requirement would pull a multi-GB CUDA build.
  python -m pip install -q "torch==2.13.0"
fi
python -m pip install -q -e ".${extras:+[$extras]}"
