#!/usr/bin/env bash
# Install, then run the whole test suite (SQLite and PostgreSQL, OCR, LibreOffice included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# PostgreSQL for the store tests (local trust auth); start it when it is down.
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && command -v pg_ctlcluster >/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
export PREFECT_SERVER_ANALYTICS_ENABLED=false PREFECT_LOGGING_LEVEL=WARNING OMP_THREAD_LIMIT=1
exec .venv/bin/python -m pytest "$@"
