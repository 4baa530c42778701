#!/usr/bin/env bash
# Set up (with the sentence-transformers extra and test tools), install the system packages the
# browser and OCR tests use, and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  need=""
  for pkg in chromium tesseract-ocr tesseract-ocr-ind poppler-utils; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
  done
  if [ -n "$need" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  fi
fi
scripts/setup.sh st,test
. .venv/bin/activate
exec python -m pytest -q "$@"
