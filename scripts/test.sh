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
# The browser tests (tests/web/test_browser.py) drive the system's Chromium through
# Playwright; Playwright's own browser download is not reachable from CI, Debian's is.
if ! command -v chromium >/dev/null 2>&1 && [ -z "${DIVEML_CHROMIUM:-}" ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ] && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
  if { [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; } && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium for the browser tests"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "!! chromium is missing and cannot be installed here (needs root and apt-get):" \
      "the browser tests will be skipped" >&2
  fi
fi
echo "== ruff"; .venv/bin/ruff check src tests
echo "== mypy"; .venv/bin/mypy
# loadgroup: the dashboard's tests share one set of real studies, made once on one worker.
echo "== pytest"; .venv/bin/python -m pytest -n 2 --dist loadgroup "$@"
