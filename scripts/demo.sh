#!/usr/bin/env bash
# Set everything up, then run diveml's main job on built-in data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export MPLBACKEND=Agg
.venv/bin/diveml data list
.venv/bin/diveml data show titanic
# The main job: an honest practice study of the built-in Titanic passengers.
.venv/bin/diveml study titanic --target survived
