#!/bin/bash
# Same inputs, same study on a busy machine: run one CLI study as the machine is, then the
# same study with two busy loops pinning the cores, and compare the two study.json files
# apart from the timings (and the id, the creation time, the model file's sha256 and the
# rungs' measured seconds, which are timings too).
#
#   bash scripts/busy-machine-check.sh [DATASET TARGET BUDGET]   (default: titanic survived 20)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-titanic} target=${2:-survived} budget=${3:-20}
work=$(mktemp -d)
export DIVEML_OFFLINE=1 MPLBACKEND=Agg
run() {  # $1: name
    DIVEML_HOME="$work/home-$1" .venv/bin/diveml study "$data" --target "$target" \
        --budget "$budget" --seed 0 --out "$work/$1" > "$work/$1.log" 2>&1
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
run as-is
.venv/bin/python -c "while True: pass" & busy1=$!
.venv/bin/python -c "while True: pass" & busy2=$!
trap 'kill $busy1 $busy2 2>/dev/null || true' EXIT
sleep 5
echo "load with two busy loops: $(cut -d' ' -f1-3 /proc/loadavg)"
run busy
kill "$busy1" "$busy2"
.venv/bin/python - "$work" <<'PY'
import json
import sys
from pathlib import Path

work = Path(sys.argv[1])


def strip(name):
    r = json.loads((work / name / "study.json").read_text())
    timings = r.pop("timings")
    for key in ("id", "created_at"):
        r.pop(key)
    r["model"].pop("sha256")
    for rung in r["ladder"]:
        rung["fit_seconds"] = rung["predict_seconds"] = None
    return r, timings


a, ta = strip("as-is")
b, tb = strip("busy")
print("identical apart from timings:", a == b)
if a != b:
    print("differing sections:", [k for k in a if a[k] != b[k]])
for name, t in (("as is", ta), ("busy", tb)):
    print(f"{name}: {t['total_seconds']} s, over budget: {t['over_budget']}")
sys.exit(0 if a == b else 1)
PY
