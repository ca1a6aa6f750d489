#!/usr/bin/env bash
# Install, then run the main job on the bundled samples into an SQLite file (vanban.db).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PREFECT_SERVER_ANALYTICS_ENABLED=false
.venv/bin/vanban import samples --db sqlite:///vanban.db
.venv/bin/vanban missing --db sqlite:///vanban.db
