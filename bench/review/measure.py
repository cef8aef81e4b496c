"""Measure `diveml review` on the labelled notebook corpus (tests/review/corpus).

For every notebook: the codes found by reading the code (static), by running it (run-time
provenance) and by both together, against the label on its first line. Prints precision
and recall per kind and writes the table as JSON.

    python bench/review/measure.py [--no-run] [--out bench/review/results.json]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from diveml.review._notebook import review_notebook

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "review" / "corpus"
KINDS = (
    "preprocessing-leak",
    "overlap-leak",
    "multi-test-leak",
    "target-in-features",
    "random-split-of-dated-rows",
    "group-split-row-by-row",
    "cv-spread-as-interval",
    "metric-chosen-after-results",
)


def label(path: Path) -> set[str]:
    return set(path.read_text().splitlines()[0].split(":", 1)[1].split()) - {"clean"}


def scores(rows: list[dict], key: str) -> dict[str, dict[str, float]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for row in rows:
        exp, got = set(row["expected"]), set(row[key])
        for c in got & exp:
            tp[c] += 1
        for c in got - exp:
            fp[c] += 1
        for c in exp - got:
            fn[c] += 1
    out = {}
    for c in KINDS:
        out[c] = {
            "tp": tp[c],
            "fp": fp[c],
            "fn": fn[c],
            "precision": round(tp[c] / (tp[c] + fp[c]), 3) if tp[c] + fp[c] else None,
            "recall": round(tp[c] / (tp[c] + fn[c]), 3) if tp[c] + fn[c] else None,
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-run", action="store_true")
    parser.add_argument("--out", default=str(Path(__file__).with_name("results.json")))
    args = parser.parse_args()
    rows: list[dict] = []
    # The three leak kinds of Yang et al. and the clean look-alikes first, so a run cut
    # short still measures what matters most; results are written after every notebook.
    first = (
        "leak_pre",
        "leak_overlap",
        "leak_multi",
        "h_leak_pre",
        "h_leak_overlap",
        "h_leak_multi",
        "clean",
        "h_clean",
    )
    paths = sorted(
        CORPUS.glob("*.py"),
        key=lambda p: (
            next((i for i, f in enumerate(first) if p.name.startswith(f)), len(first)),
            p.name,
        ),
    )
    for path in paths:
        started = time.perf_counter()
        data = review_notebook(path, run=not args.no_run, timeout=180)
        f = [x for x in data["findings"] if x["code"] in KINDS]
        rows.append(
            {
                "notebook": path.name,
                "expected": sorted(label(path)),
                "static": sorted({x["code"] for x in f if "static" in x["evidence"]}),
                "runtime": sorted({x["code"] for x in f if "run-time" in x["evidence"]}),
                "both": sorted({x["code"] for x in f}),
                "run": data["run"]["status"],
                "seconds": round(time.perf_counter() - started, 1),
            }
        )
        print(path.name, rows[-1]["run"], rows[-1]["both"], flush=True)
        write(rows, Path(args.out))
    result = write(rows, Path(args.out))
    for key in ("static", "runtime", "both"):
        print(key)
        for c, s in result[key].items():
            print(
                f"  {c:30} P={s['precision']} R={s['recall']} (tp {s['tp']} fp {s['fp']} fn {s['fn']})"
            )


def write(rows: list[dict], out: Path) -> dict:
    result = {
        "notebooks": len(rows),
        "clean": sum(not r["expected"] for r in rows),
        "false_alarms_on_clean": sum(bool(r["both"]) for r in rows if not r["expected"]),
        "static": scores(rows, "static"),
        "runtime": scores(rows, "runtime"),
        "both": scores(rows, "both"),
        "rows": rows,
    }
    out.write_text(json.dumps(result, indent=1) + "\n")
    return result


if __name__ == "__main__":
    main()
