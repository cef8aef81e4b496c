"""Measure the lesson checks on realistic beginner answers (``mistakes.py``).

For every exercise of lessons 00-12 it runs the extra mistakes and the valid alternatives
the way the test suite runs a lesson's ``wrong=`` answers, and prints:

- *specific*: of the mistakes whose code does not raise, the share whose feedback
  contains the words that name that mistake;
- *false accepts*: mistakes the check called correct;
- *checker bugs*: checks that crashed;
- *alternatives accepted*: valid other answers called correct.

Run from the repository root::

    DIVEML_DATA_DIRS=../shared/data MPLBACKEND=Agg python bench/lesson_checks/measure.py [-v] [07 08 ...]

Lesson numbers restrict the run to those lessons (default: all). ``-v`` lists every mistake that was not diagnosed specifically, with its feedback.
Exit code 1 when a goal is missed (specific < 90%, false accepts > 2%, any checker bug,
alternatives accepted < 98%).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mistakes import ALTERNATIVES, MISTAKES

from diveml.lessons import get_lesson
from diveml.lessons._model import Wrong
from diveml.lessons._proof import prove_lesson


def classify(outcome: str, feedback: str, words: str) -> str:
    """One mistake's verdict: raised, checker bug, false accept, specific or generic."""
    if outcome == "raised":
        return "raised"
    if outcome == "checker_bug":
        return "checker bug"
    if outcome == "correct":
        return "false accept"
    return "specific" if words in feedback else "generic"


def measure(verbose: bool = False, lessons: Sequence[str] | None = None) -> dict[str, float]:
    """Run the extra answers of ``lessons`` (default: all); print and return the shares."""
    totals: Counter[str] = Counter()
    alt_total = alt_ok = 0
    misses: list[str] = []
    print(
        f"{'lesson':<8}{'mistakes':>9}{'raised':>8}{'specific':>10}{'generic':>9}"
        f"{'accepted':>10}{'bugs':>6}{'alts ok':>9}"
    )
    for number in sorted(lessons or MISTAKES):
        lesson = get_lesson(number)
        extra = {
            name: [Wrong(code, outcome="incorrect", message=words) for code, words in items]
            for name, items in MISTAKES[number].items()
        }
        proof = prove_lesson(lesson, extra=extra, alternatives=ALTERNATIVES.get(number, {}))
        counts: Counter[str] = Counter()
        alts = ok = 0
        for v in proof.variants:
            if v.variant.startswith("extra"):
                verdict = classify(v.result.outcome, v.result.feedback, v.expected_message)
                counts[verdict] += 1
                if verdict != "specific" and (
                    verbose or verdict in {"false accept", "checker bug"}
                ):
                    misses.append(
                        f"{number} {v.exercise} [{verdict}] {v.code!r}\n    -> "
                        f"{v.result.outcome}: {v.result.feedback}"
                    )
            elif v.variant.startswith("alternative"):
                alts += 1
                ok += v.result.outcome == "correct"
                if v.result.outcome != "correct":
                    misses.append(
                        f"{number} {v.exercise} [alternative rejected] {v.code!r}\n    -> "
                        f"{v.result.outcome}: {v.result.feedback}"
                    )
        totals.update(counts)
        alt_total += alts
        alt_ok += ok
        print(
            f"{number:<8}{sum(counts.values()):>9}{counts['raised']:>8}{counts['specific']:>10}"
            f"{counts['generic']:>9}{counts['false accept']:>10}{counts['checker bug']:>6}"
            f"{ok:>5}/{alts:<3}"
        )
    ran = sum(totals.values())
    not_raising = ran - totals["raised"]
    shares = {
        "specific": totals["specific"] / not_raising if not_raising else 1.0,
        "false_accepts": totals["false accept"] / ran if ran else 0.0,
        "checker_bugs": float(totals["checker bug"]),
        "alternatives": alt_ok / alt_total if alt_total else 1.0,
    }
    print(
        f"\n{ran} mistakes ({not_raising} whose code runs): specific {shares['specific']:.1%} "
        f"(goal >= 90%), false accepts {totals['false accept']} = {shares['false_accepts']:.1%} "
        f"(goal <= 2%), checker bugs {totals['checker bug']} (goal 0); "
        f"alternatives accepted {alt_ok}/{alt_total} = {shares['alternatives']:.1%} (goal >= 98%)"
    )
    for line in misses:
        print(line)
    return shares


def goals_met(shares: dict[str, float]) -> bool:
    """True when every goal of the issue is met."""
    return (
        shares["specific"] >= 0.90
        and shares["false_accepts"] <= 0.02
        and shares["checker_bugs"] == 0
        and shares["alternatives"] >= 0.98
    )


if __name__ == "__main__":
    chosen = [arg for arg in sys.argv[1:] if arg != "-v"]
    result = measure(verbose="-v" in sys.argv, lessons=chosen or None)
    sys.exit(0 if goals_met(result) else 1)
