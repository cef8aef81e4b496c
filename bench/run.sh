#!/usr/bin/env bash
# The benchmark in one command:  bash bench/run.sh [run.py options]
#   e.g. bash bench/run.sh --contenders diveml sklearn_hgb --datasets penguins titanic
# Builds each contender's virtual environment under bench/.venvs/ from the pinned files in
# bench/requirements/ (once), then runs bench/run.py under `nice -n 19` with them.
# Without options it runs every contender on every dataset (hours on 2 cores; see RESULTS.md).
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
PY="${PYTHON:-python3}"
export DIVEML_DATA_DIRS="${DIVEML_DATA_DIRS:-$REPO/../shared/data}"

make_venv() {  # make_venv NAME: bench/.venvs/NAME from bench/requirements/NAME.txt
  local name="$1" dir="$BENCH/.venvs/$1"
  [ -x "$dir/bin/python" ] && [ -f "$dir/.complete" ] && return 0
  echo "creating $dir"
  rm -rf "$dir"
  "$PY" -m venv "$dir"
  "$dir/bin/pip" install -q --upgrade pip
  if [ "$name" = autogluon ]; then
    # torch first, alone: the CPU wheel of 2.13.0 (a newer torch would pull a CUDA build).
    "$dir/bin/pip" install -q "torch==2.13.0"
  fi
  if [ "$name" = diveml ]; then
    # diveml itself from this checkout, pinned by the project's constraints.txt.
    "$dir/bin/pip" install -q -c "$REPO/constraints.txt" -e "$REPO"
  fi
  if [ "$name" = diveml ]; then
    "$dir/bin/pip" install -q -r "$BENCH/requirements/$name.txt"
  else
    # a complete `pip freeze` of a working venv: install exactly that, nothing resolved anew
    "$dir/bin/pip" install -q --no-deps -r "$BENCH/requirements/$name.txt"
  fi
  touch "$dir/.complete"
}

for venv in diveml skrub lazypredict flaml autogluon pycaret; do
  make_venv "$venv" || echo "could not build bench/.venvs/$venv: that contender will be recorded as not installed"
done
exec nice -n 19 "$BENCH/.venvs/diveml/bin/python" "$BENCH/run.py" "$@"
