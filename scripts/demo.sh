#!/usr/bin/env bash
# Set everything up, then run diveml's main job on built-in data: a practice study of the
# Titanic passengers (bokeh_sampledata, public domain). It prints where the report is.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export MPLBACKEND=Agg
.venv/bin/diveml study titanic --target survived
