#!/usr/bin/env bash
# Install everything vanban needs on a fresh Debian machine: system tools, then the package.
# Idempotent: re-running installs nothing new.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES="tesseract-ocr tesseract-ocr-vie libreoffice-writer-nogui poppler-utils qpdf"
missing=""
for p in $SYSTEM_PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing system packages:$missing"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev]"
