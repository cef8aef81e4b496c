"""Write bench/RESULTS.md from bench/results/runs.csv (the latest row of each dataset/contender).

Run by bench/run.py after every row; run it by hand with any Python that has pandas.
Only numbers found in runs.csv appear in the tables; the prose around them is in
bench/results_notes.md (kept by hand) and is copied in where it says so.

Ratios are only meaningful between rows measured under the same conditions, so the rows are
cut into the current run and earlier ones at the timestamp in bench/results/since.txt (one
ISO line; no file: every row is current). The main tables use current rows only; contenders
that only have earlier rows get their own section, paired with diveml's earlier rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import ci_coverage as coverage
import datasets as bench_datasets
import paired
import pandas as pd

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
SYNTHETIC_PREFIX = "synthetic"
# The tables every contender ran on; issue 12's (text, dates, prose) are reported apart.
CORE = [d.name for d in bench_datasets.DATASETS if d.group == "tabular"]
GROUP = {d.name: d.group for d in bench_datasets.DATASETS}
# diveml's rows finished before the time on this file's first line are "before" the rerun.
RERUN_CUT = RESULTS / "diveml_rerun.txt"
ORDER = [
    "diveml",
    "sklearn_hgb",
    "sklearn_linear",
    "skrub",
    "lazypredict",
    "flaml_30",
    "flaml_120",
    "autogluon_120",
    "pycaret",
]


# Columns run.py added later: older rows (and an older runs.csv) lack them.
ADDED = [
    "holdout_rows",
    "new_rows",
    "kept_back_new",
    "kept_back_se",
    "expected_cover",
    "expected_cover_new",
    "interval_cover",
]


def fmt(value: object, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(frame: pd.DataFrame, digits: int = 3) -> str:
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    body = [
        "| " + " | ".join(fmt(v, digits) for v in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([header, rule, *body])


def latest(runs: pd.DataFrame) -> pd.DataFrame:
    runs = runs.sort_values("finished_at")
    return runs.groupby(["dataset", "contender"], as_index=False).tail(1)


def split_by_since(runs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, str | None]:
    """Return (current rows, earlier rows, the cut) by bench/results/since.txt."""
    path = RESULTS / "since.txt"
    if not path.exists():
        return runs, runs.iloc[0:0], None
    since = path.read_text().strip()
    current = runs["finished_at"] >= since
    return runs[current], runs[~current], since


def numeric(ok: pd.DataFrame) -> pd.DataFrame:
    ok = ok.copy()
    ok = ok.reindex(columns=[*ok.columns, *(c for c in ADDED if c not in ok.columns)])
    for column in (
        *ADDED,
        "kept_back",
        "reported",
        "gap",
        "holdout_score",
        "ci_low",
        "ci_high",
        "wall_s",
        "cpu_s",
        "peak_rss_mb",
        "load_avg",
    ):
        ok[column] = pd.to_numeric(ok[column], errors="coerce")
    return ok


def summary(ok: pd.DataFrame) -> pd.DataFrame:
    """One row per contender; differences and ratios are paired with diveml per dataset."""
    base = ok[ok["contender"] == "diveml"].set_index("dataset")
    rows = []
    for contender in [c for c in ORDER if c in set(ok["contender"])]:
        mine = ok[ok["contender"] == contender].set_index("dataset")
        both = mine.index.intersection(base.index)
        diff = (mine.loc[both, "kept_back"] - base.loc[both, "kept_back"]).astype(float)
        ratio = (mine.loc[both, "wall_s"] / base.loc[both, "wall_s"]).astype(float)
        cpu_ratio = (mine.loc[both, "cpu_s"] / base.loc[both, "cpu_s"]).astype(float)
        rows.append(
            {
                "contender": contender,
                "datasets": len(mine),
                "median kept-back": mine["kept_back"].median(),
                "median diff to diveml": diff.median() if len(both) else None,
                "wins / ties / losses vs diveml (±0.005)": (
                    f"{int((diff > 0.005).sum())} / {int((diff.abs() <= 0.005).sum())} / "
                    f"{int((diff < -0.005).sum())}"
                    if len(both)
                    else "–"
                ),
                "median abs gap": mine["gap"].abs().median(),
                "median wall s": mine["wall_s"].median(),
                "total wall s": mine["wall_s"].sum(),
                "median wall ÷ diveml": ratio.median() if len(both) else None,
                "median CPU s": mine["cpu_s"].median(),
                "total CPU s": mine["cpu_s"].sum(),
                "median CPU ÷ diveml": cpu_ratio.median() if len(both) else None,
                "median peak MiB": mine["peak_rss_mb"].median(),
                "median load avg": mine["load_avg"].median(),
            }
        )
    return pd.DataFrame(rows)


def pivot(ok: pd.DataFrame, value: str) -> pd.DataFrame:
    wide = ok.pivot(index="dataset", columns="contender", values=value)
    wide = wide[[c for c in ORDER if c in wide.columns]]
    info = ok.drop_duplicates("dataset").set_index("dataset")[["task", "metric", "train_rows"]]
    return info.join(wide, how="right").reset_index()


def targets(ok: pd.DataFrame) -> list[str]:
    lines = []
    d = ok[ok["contender"] == "diveml"].set_index("dataset")
    if d.empty:
        return ["diveml has no completed run yet."]

    def paired(other: str) -> pd.Series:
        o = ok[ok["contender"] == other].set_index("dataset")
        both = d.index.intersection(o.index)
        return (d.loc[both, "kept_back"] - o.loc[both, "kept_back"]).astype(float)

    for ref in ("sklearn_hgb", "sklearn_linear", "skrub"):
        diff = paired(ref)
        if len(diff):
            o = ok[(ok["contender"] == ref)].set_index("dataset").loc[diff.index, "kept_back"]
            mine = d.loc[diff.index, "kept_back"]
            verdict = "meets" if mine.median() >= o.median() else "misses"
            lines.append(
                f"- Score vs {ref}: on the {len(diff)} datasets both completed, median kept-back "
                f"score diveml {mine.median():.4f} vs {ref} {o.median():.4f} ({verdict}: no "
                f"lower); paired median difference diveml − {ref} = {diff.median():+.4f}."
            )
    diff = paired("flaml_120")
    if len(diff):
        verdict = "meets" if diff.median() >= -0.01 else "misses"
        lines.append(
            f"- Score vs FLAML-120s: paired median difference diveml − flaml_120 = "
            f"{diff.median():+.4f} over {len(diff)} datasets (target ≥ −0.01: {verdict})."
        )
    gap = d["gap"].abs().median()
    lines.append(
        f"- Honesty (reported = CV mean of the chosen model): median |gap| = {gap:.4f} "
        f"(target ≤ 0.02: {'meets' if gap <= 0.02 else 'misses'})."
    )
    if d["holdout_score"].notna().any():
        hold_gap = (d["holdout_score"] - d["kept_back"]).abs().median()
        lines.append(
            f"- Honesty (diveml's own holdout score vs the kept-back score): median |gap| = "
            f"{hold_gap:.4f}."
        )
    if d["ci_low"].notna().any():
        lines += coverage.lines(coverage.table(d.reset_index()))
    f30 = ok[ok["contender"] == "flaml_30"].set_index("dataset")
    both = d.index.intersection(f30.index)
    if len(both):
        a, b = d.loc[both, "wall_s"].median(), f30.loc[both, "wall_s"].median()
        lines.append(
            f"- Time: diveml's median wall time {a:.1f} s vs FLAML-30s {b:.1f} s on the same "
            f"{len(both)} datasets (target ≤: {'meets' if a <= b else 'misses'}; ratio {a / b:.2f})."
        )
        a, b = d.loc[both, "cpu_s"].median(), f30.loc[both, "cpu_s"].median()
        lines.append(
            f"- CPU time: diveml's median {a:.1f} CPU s vs FLAML-30s {b:.1f} CPU s on the same "
            f"datasets (ratio {a / b:.2f}); on a shared machine wall time includes waiting for "
            "the CPU (see load avg)."
        )
    return lines


def copy_free_section(ok: pd.DataFrame) -> list[str]:
    """The kept-back score on the rows with no exact copy in the training part."""
    have = ok[ok["new_rows"].notna()]
    if have.empty:
        return []
    new = have.pivot(index="dataset", columns="contender", values="kept_back_new")
    every = have.pivot(index="dataset", columns="contender", values="kept_back")
    counts = have.drop_duplicates("dataset").set_index("dataset")
    wide = pd.DataFrame(
        {
            "metric": counts["metric"],
            "kept-back rows": counts["test_rows"].map("{:,}".format),
            "new rows": counts["new_rows"].map("{:,.0f}".format),
        }
    )
    for contender in [c for c in ORDER if c in new.columns]:
        wide[f"{contender} copy-free"] = new[contender]
        wide[f"{contender} all rows"] = every[contender]
    wide = wide.sort_index().rename_axis("dataset").reset_index()
    return [
        "",
        "## Copy-free kept-back score per dataset",
        "",
        "The same predictions scored on the kept-back rows that have no exact copy (every "
        "feature and the target) in the training part: the split is random, so a table with "
        "repeated rows has copies on both sides, and a model that memorised a training row "
        "scores its copy well. Only rows run since runs.csv has `kept_back_new` show it.",
        "",
        table(wide),
    ]


def coverage_section(ok: pd.DataFrame) -> list[str]:
    """diveml's interval against the kept-back scores, table by table (bench/ci_coverage.py)."""
    d = ok[(ok["contender"] == "diveml") & ok["ci_low"].notna()]
    if d.empty:
        return []
    frame = coverage.table(d).sort_values("dataset")
    return [
        "",
        "## diveml's 95% interval and the kept-back score, table by table",
        "",
        "diveml's interval comes from its own holdout; the kept-back score is a second, "
        "independent sample scored by the same model, so it falls outside even a right "
        "interval more often than 5% of the time. *expected (normal)* = "
        "P(|Z| < 1.96/√(1 + n_holdout/n_kept-back)), for a score that behaves like a mean; "
        "*expected (simulated)* draws a holdout and a kept-back part of these sizes (by "
        "class) from the table's own kept-back predictions, gives the holdout diveml's "
        "percentile bootstrap interval and counts how often the kept-back draw lands inside "
        f"({coverage.REPS} draws; tables with more than {coverage.MAX_CELLS:,} rows × "
        "resamples use the normal figure); *interval holds true score* counts, in the same "
        "draws, how often the interval holds the score of all the rows drawn from (the "
        "true score there): 95% for a right interval method. *outside (widths)*: how far the kept-back score "
        "lies outside the interval, in interval widths (− below, + above); *z*: "
        "(kept-back − holdout) / √(se_holdout² + se_kept-back²). *new rows*: kept-back "
        "rows with no exact copy (every feature and the target) in the training part; "
        "*kept_back_new* is the score on those rows alone, the rows diveml's interval "
        "speaks of (its holdout keeps a row's copies on one side), compared where there are "
        f"at least {coverage.MIN_NEW_ROWS}. Rows run before runs.csv had these columns show "
        "the normal figure, with the holdout taken as 20% of the training part.",
        "",
        table(frame, 3),
    ]


def seeds_section() -> list[str]:
    """diveml's holdout against the kept-back part under other seeds (bench/holdout_seeds.py)."""
    path = RESULTS / "holdout_seeds.csv"
    if not path.exists():
        return []
    rows = pd.read_csv(path)
    rows = rows[rows["status"] == "ok"].drop_duplicates(["dataset", "seed"], keep="last")
    if rows.empty:
        return []
    rows = rows.assign(diff=rows["holdout_score"] - rows["kept_back"])
    summary = []
    for dataset, mine in rows.groupby("dataset", sort=False):
        n, diff = len(mine), mine["diff"]
        sd = diff.std(ddof=1) if n > 1 else float("nan")
        summary.append(
            {
                "dataset": dataset,
                "seeds": n,
                "models chosen": ", ".join(sorted(set(mine["model"]))),
                "mean holdout − kept-back": diff.mean(),
                "sd over seeds": sd,
                # the kept-back part is the same for every seed: its own error moves every
                # difference together, so it is in the mean's standard error once, whole
                "shift z": diff.mean() / (sd**2 / n + mine["kept_back_se"].mean() ** 2) ** 0.5
                if n > 1
                else None,
                "median |z|": mine["z"].abs().median(),
                "covered": f"{int(mine['ci_covers'].map(coverage.truth).sum())} of {n}",
                "expected (simulated, mean)": mine["expected_cover"].mean(),
                "interval holds true score (simulated, mean)": mine["interval_cover"].mean(),
            }
        )
    cols = ["dataset", "seed", "model", "cv_mean", "holdout_score", "ci_low", "ci_high"]
    cols += ["kept_back", "ci_covers", "outside_widths", "z", "expected_cover"]
    return [
        "",
        "## diveml's holdout under other seeds (bench/holdout_seeds.py)",
        "",
        "The study rerun with `--seed` 0, 1, …: each seed draws another holdout (and other "
        "folds, so perhaps another model); the benchmark's kept-back part stays. A mean of "
        "holdout − kept-back far from 0 over seeds would be a shift between diveml's "
        "holdout and the kept-back part; one seed far off while the others are not is "
        "chance. *shift z* = mean / √(sd²/seeds + se_kept-back²): the kept-back part is "
        "shared by every seed, so its own sampling error counts once, whole. *covered*: the "
        "seeds whose interval contains the kept-back score.",
        "",
        table(pd.DataFrame(summary), 3),
        "",
        table(rows[cols], 3),
    ]


def diveml_stages(rows: pd.DataFrame) -> pd.DataFrame:
    """study.json's stage timings and sampling for each completed diveml run.

    Read from the run's bench/out/ folder when this checkout has it, else from
    bench/results/diveml_stages.csv, where every record found is also kept (bench/out/ is
    not committed: without the file a regenerated RESULTS.md would lose the table).
    """
    kept_file = RESULTS / "diveml_stages.csv"
    kept = pd.read_csv(kept_file, dtype={"run_id": str}) if kept_file.exists() else pd.DataFrame()
    records = []
    for row in rows.itertuples(index=False):
        path = BENCH / "out" / str(row.run_id) / str(row.dataset) / "diveml" / "reported.json"
        if not path.exists():
            if not kept.empty:
                match = kept[(kept["run_id"] == str(row.run_id)) & (kept["dataset"] == row.dataset)]
                records += match.to_dict("records")
            continue
        info = json.loads(path.read_text())
        stages = info.get("stages") or {}
        sampling = info.get("sampling") or {}
        records.append(
            {
                "dataset": row.dataset,
                "run_id": str(row.run_id),
                "train_rows": row.train_rows,
                "study s": info.get("study_seconds"),
                "predict s": (info.get("timings") or {}).get("predict"),
                **{k.replace(" ", "_"): float(v) for k, v in stages.items()},
                "ladder rows": sampling.get("ladder_rows"),
            }
        )
    frame = pd.DataFrame(records)
    if not frame.empty:
        merged = pd.concat([kept, frame], ignore_index=True)
        merged = merged.drop_duplicates(["run_id", "dataset"], keep="last")
        merged.to_csv(kept_file, index=False)
        frame = frame.drop(columns=["run_id"])
    return frame


def speed_ratio_sections() -> list[str]:
    """Issue 14's time target, per run that had diveml and sklearn_hgb side by side.

    Only rows of one run_id are paired (same session, same load), never rows of runs made
    days apart.
    """
    runs = pd.read_csv(RESULTS / "runs.csv")
    runs = runs[runs["status"] == "ok"]
    parts: list[str] = []
    for run_id, rows in runs.groupby("run_id", sort=True):
        wide = rows.pivot_table(index="dataset", columns="contender", values="wall_s")
        if not {"diveml", "sklearn_hgb"} <= set(wide.columns):
            continue
        wide = wide[["diveml", "sklearn_hgb"]].dropna()
        if wide.empty:
            continue
        score = rows.pivot_table(index="dataset", columns="contender", values="kept_back")
        cpu = rows.pivot_table(index="dataset", columns="contender", values="cpu_s")
        frame = pd.DataFrame(
            {
                "diveml wall s": wide["diveml"],
                "sklearn_hgb wall s": wide["sklearn_hgb"],
                "wall ratio": wide["diveml"] / wide["sklearn_hgb"],
                "diveml CPU s": cpu.loc[wide.index, "diveml"],
                "sklearn_hgb CPU s": cpu.loc[wide.index, "sklearn_hgb"],
                "CPU ratio": cpu.loc[wide.index, "diveml"] / cpu.loc[wide.index, "sklearn_hgb"],
                "diveml kept-back": score.loc[wide.index, "diveml"],
                "sklearn_hgb kept-back": score.loc[wide.index, "sklearn_hgb"],
            }
        ).reset_index()
        load = rows["load_avg"].median()
        parts += [
            "",
            f"## Time target, run {run_id}: diveml (study + predict) ÷ sklearn_hgb, side by side",
            "",
            f"Median wall ratio {frame['wall ratio'].median():.2f}, median CPU ratio "
            f"{frame['CPU ratio'].median():.2f}, over {len(frame)} tables (target: wall "
            f"≤ 1.5); median 5-minute load average {load:.1f}.",
            "",
            table(frame, 3),
        ]
    return parts


def speed_sections() -> list[str]:
    """The time breakdown (bench/breakdown.py) and the side-by-side runs (bench/ab.py)."""
    import csv

    import ab
    import breakdown

    parts: list[str] = []
    profile_csv = RESULTS / "breakdown.csv"
    if profile_csv.exists():
        with profile_csv.open() as handle:
            rows = list(csv.DictReader(handle))
        parts += [
            "",
            "## Where the time goes (bench/breakdown.py)",
            "",
            "One `diveml study` per table in a fresh process (default settings, the "
            "benchmark's training part), then `diveml predict` and `diveml --help` as "
            "processes of their own; wall / CPU seconds. **Bold** rows are the process "
            "parts and the protocol's stages (they add up to the study process); the "
            "others are parts inside a stage. Latest run of each table.",
            "",
            breakdown.markdown(rows),
        ]
    parts += speed_ratio_sections()
    ab_csv = RESULTS / "ab.csv"
    if ab_csv.exists():
        with ab_csv.open() as handle:
            rows = list(csv.DictReader(handle))
        for run_id in dict.fromkeys(r["run_id"] for r in rows):
            mine = [r for r in rows if r["run_id"] == run_id]
            labels = list(dict.fromkeys(r["variant"] for r in mine))
            parts += [
                "",
                f"## Side by side: diveml variants, run {run_id} (bench/ab.py)",
                "",
                ab.summary(mine, labels),
            ]
    return parts


def rerun_sections(all_rows: pd.DataFrame) -> list[str]:
    """diveml before and after the rerun at the cut in bench/results/diveml_rerun.txt."""
    if not RERUN_CUT.exists():
        return []
    cut, *about = RERUN_CUT.read_text().strip().splitlines()
    # An optional "runs: ID ..." line names the rerun's runs: later diveml rows of other runs
    # (another session's side-by-side, other code) are then left out of "after".
    runs = [line.split(":", 1)[1].split() for line in about if line.startswith("runs:")]
    about = [line for line in about if not line.startswith("runs:")]
    rows = numeric(all_rows[(all_rows["contender"] == "diveml") & (all_rows["status"] == "ok")])
    before = latest(rows[rows["finished_at"] < cut])
    after = rows[rows["finished_at"] >= cut]
    if runs:
        after = after[after["run_id"].astype(str).isin(runs[0])]
    after = latest(after)
    frame = paired.before_after(before, after, CORE)
    missing = [t for t in CORE if t not in set(frame["dataset"])]
    return [
        "",
        f"## diveml rerun: its rows after {cut} against its previous row of each table",
        "",
        *about,
        "",
        f"Rerun so far: {len(frame)} of {len(CORE)} tables"
        + (f"; not yet rerun: {', '.join(missing)}." if missing else "."),
        "",
        *paired.before_after_lines(frame),
        "",
        table(frame, 3),
    ]


def contender_sections(ok: pd.DataFrame) -> list[str]:
    """diveml paired with each contender over the tabular tables (bench/paired.py)."""
    if ok.empty or "diveml" not in set(ok["contender"]):
        return []
    summary_frame = paired.against_contenders(ok, CORE)
    if summary_frame.empty:
        return []
    shown = ["flaml_120", "autogluon_120", "sklearn_hgb"]
    return [
        "",
        "## diveml paired with each contender, table by table",
        "",
        "diveml's kept-back score minus the contender's on the same table (latest row of "
        "each). Mean with a 95% bootstrap interval over tables, median, wins / ties / losses "
        "at ±0.005 and an exact two-sided sign test on wins against losses (bench/paired.py). "
        "The metrics differ between tables (ROC AUC, balanced accuracy, r2): read the mean "
        "as a rough summary and the table below as the evidence.",
        "",
        table(summary_frame, 4),
        "",
        table(paired.per_table(ok, CORE, [c for c in shown if c in set(ok["contender"])]), 3),
    ]


def extra_sections(ok: pd.DataFrame) -> list[str]:
    """Issue 12's tables (free text, dates, prose): every contender that ran on them."""
    if ok.empty:
        return []
    ok = ok.assign(dataset=ok["dataset"].map(lambda d: f"{d} ({GROUP.get(d, '?')})"))
    parts = [
        "",
        "## Issue 12's tables: free text, dates, prose",
        "",
        "Kept-back score per contender (the group in brackets: text = a free-text column "
        "carries the signal, dates = a real datetime column, prose = sentences). diveml "
        "reads the Parquet file; FLAML, skrub and AutoGluon get date columns as dates, the "
        "scikit-learn pipelines and lazypredict as ISO text (bench/contenders/_common.py, "
        "tidy()); every other non-numeric column reaches every contender as text.",
        "",
        table(pivot(ok, "kept_back")),
        "",
        "Honesty gap (reported − kept-back):",
        "",
        table(pivot(ok, "gap")),
        "",
        "CPU seconds:",
        "",
        table(pivot(ok, "cpu_s"), 1),
    ]
    d = ok[ok["contender"] == "diveml"]
    if not d.empty:
        cols = ["dataset", "model", "reported", "holdout_score", "ci_low", "ci_high"]
        cols += ["kept_back", "ci_covers", "wall_s", "cpu_s", "peak_rss_mb"]
        parts += ["", "diveml on these tables:", "", table(d[cols])]
    return parts


def main() -> None:
    runs_csv = RESULTS / "runs.csv"
    if not runs_csv.exists():
        return
    all_rows = pd.read_csv(runs_csv)
    current_rows, earlier_rows, since = split_by_since(all_rows)
    runs = latest(current_rows)
    real = runs[~runs["dataset"].str.startswith(SYNTHETIC_PREFIX)]
    ok = numeric(real[real["status"] == "ok"])
    infos = [json.loads(line) for line in (RESULTS / "runs.jsonl").read_text().splitlines()]
    used = set(runs["run_id"])
    parts = ["# Benchmark results: diveml study against the tools people use instead", ""]
    notes = BENCH / "results_notes.md"
    if notes.exists():
        parts += [notes.read_text().strip(), ""]
    extra_ok = ok[~ok["dataset"].isin(CORE)]
    ok = ok[ok["dataset"].isin(CORE)]
    parts += ["## Where diveml stands on the issue's targets (generated from runs.csv)", ""]
    parts += [
        f"On the {len(CORE)} tabular tables (issue 12's tables have a section of their own).",
        "",
    ]
    parts += targets(ok)
    parts += coverage_section(ok)
    parts += seeds_section()
    parts += rerun_sections(all_rows)
    parts += contender_sections(ok)
    parts += ["", "## Summary per contender", ""]
    parts += [
        "Paired with diveml on the datasets both completed. Scores: roc_auc (binary), "
        "balanced_accuracy (multiclass), r2 (regression), on the kept-back 25%. "
        "gap = the score the tool reported for its chosen model − its kept-back score.",
        "",
    ]
    if not ok.empty:
        parts.append(table(summary(ok)))
        parts += ["", "## Kept-back score per dataset", "", table(pivot(ok, "kept_back"))]
        parts += copy_free_section(ok)
        parts += ["", "## Honesty gap per dataset (reported − kept-back)", ""]
        parts.append(table(pivot(ok, "gap")))
        parts += ["", "## Wall time per dataset (s)", "", table(pivot(ok, "wall_s"), 1)]
        parts += ["", "## CPU time per dataset (s)", "", table(pivot(ok, "cpu_s"), 1)]
        parts += ["", "## Peak memory per dataset (MiB)", "", table(pivot(ok, "peak_rss_mb"), 0)]
        d = ok[ok["contender"] == "diveml"]
        if not d.empty:
            cols = [
                "dataset",
                "task",
                "train_rows",
                "model",
                "reported",
                "holdout_score",
                "ci_low",
                "ci_high",
                "kept_back",
                "ci_covers",
                "wall_s",
                "cpu_s",
                "peak_rss_mb",
            ]
            parts += [
                "",
                "## diveml in detail",
                "",
                "reported = CV mean of the chosen model; holdout = diveml's own locked holdout "
                "(20% of the training part we gave it), with its 95% bootstrap CI.",
                "",
                table(d[cols]),
            ]
        stages = diveml_stages(d)
        if not stages.empty:
            parts += [
                "",
                "### Where diveml's study time goes (wall seconds per stage, from study.json)",
                "",
                "Process start-up, imports and `diveml predict` are the rest of the wall time.",
                "",
                table(stages, 1),
            ]
    parts += extra_sections(extra_ok)
    if since is not None:
        earlier = latest(earlier_rows)
        earlier = numeric(earlier[earlier["status"] == "ok"])
        only_before = sorted(set(earlier["contender"]) - set(ok["contender"]))
        if only_before and "diveml" in set(earlier["contender"]):
            shown = earlier[earlier["contender"].isin(["diveml", *only_before])]
            parts += [
                "",
                f"## Contenders from the earlier run only (rows finished before {since})",
                "",
                "These contenders were not re-run in the current run; here they are paired "
                "with diveml's rows of that earlier run (older diveml code, and a machine "
                "under heavy load: see load avg), so compare them only with each other.",
                "",
                table(summary(shown)),
                "",
                table(pivot(shown, "kept_back")),
            ]
    not_ok = runs[runs["status"] != "ok"]
    if not not_ok.empty:
        parts += ["", "## Runs that did not complete", ""]
        parts.append(table(not_ok[["dataset", "contender", "status", "wall_s", "note"]]))
    scale = runs[runs["dataset"].str.startswith(SYNTHETIC_PREFIX) | (runs["dataset"] == "flights")]
    scale = scale[scale["contender"] == "diveml"]
    if not scale.empty:
        parts += ["", "## Scale (diveml study + predict)", ""]
        parts.append(
            table(
                scale[
                    [
                        "dataset",
                        "train_rows",
                        "status",
                        "kept_back",
                        "wall_s",
                        "peak_rss_mb",
                        "note",
                    ]
                ]
            )
        )
    scale_csv = RESULTS / "scale.csv"
    if scale_csv.exists():
        rows = pd.read_csv(scale_csv)
        parts += [
            "",
            "## Scale: diveml study on the whole table (bench/scale.py)",
            "",
            table(
                rows[
                    [
                        "finished_at",
                        "dataset",
                        "rows",
                        "columns",
                        "status",
                        "wall_s",
                        "cpu_s",
                        "load_avg",
                        "peak_rss_mb",
                        "chosen",
                        "holdout_score",
                        "ladder_rows",
                        "learning_curve_rows",
                        "final_fit_rows",
                        "sampling_note",
                    ]
                ]
            ),
        ]
    parts += scale_dask_section()
    parts += speed_sections()
    parts += ["", "## Runs, machine and versions", ""]
    used |= set(earlier_rows["run_id"]) if since is not None else set()
    for info in infos:
        if info["run_id"] in used:
            m = info["machine"]
            parts.append(
                f"- run `{info['run_id']}` started {info['started_at']}: `{info['command']}` "
                f"on {m['platform']}, Python {m['python']}, {m['cpus']} CPUs, "
                f"{m['memory_gib']} GiB, load average at start {m['load_average_at_start']}"
            )
    versions = runs.drop_duplicates("contender")[["contender", "tool_version", "sklearn_version"]]
    versions = versions.rename(
        columns={"tool_version": "version of the tool (diveml for sklearn_*)"}
    )
    parts += ["", table(versions), ""]
    (BENCH / "RESULTS.md").write_text("\n".join(parts) + "\n")


def scale_dask_section() -> list[str]:
    """The scale section of local against Dask on big tables (bench/scale_dask.py).

    Only the latest run (its ``run`` stamp) is shown: its sizes were measured with one
    generator and one version of the code, one after the other.
    """
    path = RESULTS / "scale_dask.csv"
    if not path.exists():
        return []
    rows = pd.read_csv(path)
    if rows.empty or "run" not in rows.columns:
        return []
    if "format" not in rows.columns:  # rows written before CSV copies were studied
        rows["format"] = "parquet"
    run = rows["run"].dropna().astype(str).max()
    rows = rows[rows["run"].astype(str) == run].sort_values(["rows", "format", "engine"], kind="stable")
    stages = rows["stages"].map(lambda s: json.loads(s) if isinstance(s, str) else {})
    rows = rows.assign(
        peak_gib=(rows["peak_rss_mb"] / 1024).round(2),
        read_s=stages.map(lambda s: s.get("read")),
        rest_s=stages.map(lambda s: round(sum(v for k, v in s.items() if k != "read"), 1) or None),
    )
    rows = rows.assign(read_s_per_m_rows=(rows["read_s"] / (rows["rows"] / 1e6)).round(2))
    cost = [
        "rows", "format", "engine", "status", "wall_s", "cpu_s", "load_start", "load_avg", "peak_gib",
        "file_mb", "pandas_gib", "read_s", "read_s_per_m_rows", "rest_s", "note",
    ]  # fmt: skip
    used = [
        "rows", "format", "engine", "drawn_rows", "duplicate_rows", "ladder_rows", "final_fit_rows",
        "chosen", "holdout_score", "ci_low", "ci_high", "same_numbers_as_other_engine",
        "same_numbers_as_parquet",
        "how_read",
    ]  # fmt: skip
    return [
        "",
        f"## Scale: big tables, local against Dask, run {run} (bench/scale_dask.py)",
        "",
        "Synthetic Parquet tables (16 numbers, 4 categories, a binary target), `diveml study "
        "--budget 30` with `--engine local` and `--engine dask --jobs 2` on the same file, "
        "meant to run one at a time (the `note` column says where that did not hold) under "
        "`nice -n 10` on the shared 2-core, 24 GiB machine (load before and after each run "
        "in the table). Wall, CPU seconds and peak memory are the "
        "whole process tree's (Dask's workers included); `pandas_gib` is what the table would "
        "take loaded whole as pandas (bytes a row of its first row group, "
        "`memory_usage(deep=True)`, times its rows); `read_s` is the study's read stage "
        "(reading every row in parts, the hash draw and the whole-table counts), `rest_s` "
        "every other stage. Tables of more than 2,000,000 rows are studied on a hash-drawn "
        "sample of about 2,000,000 rows.",
        "",
        table(rows[[c for c in cost if c in rows.columns]]),
        "",
        "What each study used, and the parity check (`same_numbers_as_other_engine`: the "
        "chosen model, every fold score, the holdout score and interval and the holdout's "
        "fingerprint equal the other engine's on the same file):",
        "",
        table(rows[[c for c in used if c in rows.columns]]),
    ]


if __name__ == "__main__":
    main()
