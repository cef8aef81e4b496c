#!/usr/bin/env bash
# Set everything up, then run the whole suite: ruff, mypy, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The tests read the real data files in ../shared/data instead of downloading them.
if [ -d ../shared/data ]; then
  export DIVEML_DATA_DIRS="${DIVEML_DATA_DIRS:-$(cd ../shared/data && pwd)}"
fi
export MPLBACKEND=Agg
echo "== ruff"; .venv/bin/ruff check src tests
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/python -m pytest -n 2 "$@"
