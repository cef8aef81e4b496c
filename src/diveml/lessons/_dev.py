"""For lesson authors: ``python -m diveml.lessons._dev LESSON [--notebook]``.

Prints the source problems, every proof (solution, starter, each wrong answer) with the
feedback it produced, and with ``--notebook`` runs both nbclient modes, timed.
"""

from __future__ import annotations

import argparse

from diveml.lessons._proof import prove_lesson
from diveml.lessons._registry import get_lesson
from diveml.lessons._runner import execute_lesson
from diveml.lessons._source import validate_source


def main(argv: list[str] | None = None) -> int:
    """Prove one lesson and print what was found; return 1 when anything fails."""
    parser = argparse.ArgumentParser(prog="python -m diveml.lessons._dev")
    parser.add_argument("lesson")
    parser.add_argument("--notebook", action="store_true", help="also run both notebook modes")
    args = parser.parse_args(argv)
    lesson = get_lesson(args.lesson)
    failed = False
    problems = validate_source(lesson)
    for problem in problems:
        print(f"SOURCE PROBLEM: {problem}")
    failed |= bool(problems)
    proof = prove_lesson(lesson)
    for error in proof.cell_errors:
        print(f"CELL ERROR: {error}")
    for error in proof.starter_errors:
        print(f"STARTER-MODE ERROR: {error}")
    failed |= bool(proof.cell_errors or proof.starter_errors)
    for variant in proof.variants:
        mark = "ok  " if variant.ok else "FAIL"
        failed |= not variant.ok
        print(
            f"{mark} {variant.exercise:<20} {variant.variant:<9} {variant.result.outcome:<14} "
            f"{variant.result.feedback}"
        )
        if not variant.ok:
            print(f"     expected {variant.expected_outcome!r} with {variant.expected_message!r}")
    print(f"in-process run: {proof.seconds:.1f} s")
    if args.notebook:
        for mode, expected in (("starter", "not_attempted"), ("solution", "correct")):
            report = execute_lesson(lesson, mode)
            wrong = [r for r in report.results if r.outcome != expected]
            failed |= bool(wrong or report.cell_errors)
            print(
                f"{mode} notebook: {report.seconds:.1f} s, {report.counts()}, "
                f"cell errors: {report.cell_errors or 'none'}"
            )
            for r in wrong:
                print(f"  {r.text()}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
