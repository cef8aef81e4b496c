"""A review as an object: JSON data first, then Markdown, HTML and terminal views of it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2
    from rich.console import Console

__all__ = ["Review"]

RUBRIC_TITLES = {
    "ml-test-score": "ML Test Score (Breck et al. 2017)",
    "overfitting": "Clever methods of overfitting (Langford 2005)",
    "technical-debt": "Technical debt (Sculley et al. 2014)",
    "rules-of-ml": "Rules of Machine Learning (Zinkevich)",
}
STATUS_STYLE = {
    "pass": "green",
    "fail": "bold red",
    "partial": "yellow",
    "needs_person": "dim",
    "not_assessable_offline": "dim",
}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


@cache
def _env() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("diveml.review", "templates"),
        autoescape=jinja2.select_autoescape(["html.jinja"]),
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md
    return env


class Review:
    """The review of a notebook or a study folder.

    ``data`` is the JSON contract (``diveml review PATH --json``); ``markdown()``, ``html()``
    and ``print()`` are views of it, and in Jupyter the object displays as the HTML page.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    @property
    def kind(self) -> str:
        return str(self.data["kind"])

    @property
    def findings(self) -> list[dict[str, Any]]:
        """The notebook findings (empty for a study review)."""
        return list(self.data.get("findings", []))

    @property
    def items(self) -> list[dict[str, Any]]:
        """The rubric items (empty for a notebook review)."""
        return list(self.data.get("items", []))

    def __repr__(self) -> str:
        if self.kind == "notebook":
            s = self.data["summary"]
            return (
                f"<Review of notebook {self.data['path']!r}: {s['error']} errors, "
                f"{s['warning']} warnings, {s['info']} notes>"
            )
        return (
            f"<Review of study {self.data['study_id']!r}: ML Test Score "
            f"{self.data['score']}, {self.data['ml_test_score']['judged_offline']} of 28 "
            "tests judged offline>"
        )

    def to_json(self) -> str:
        """Return the review as one JSON object (the ``--json`` contract)."""
        return json.dumps(self.data, indent=2, allow_nan=False) + "\n"

    def _context(self) -> dict[str, Any]:
        groups = []
        for rubric, title in RUBRIC_TITLES.items():
            items = [i for i in self.items if i["rubric"] == rubric]
            if items:
                groups.append((title, items))
        if self.kind == "notebook":
            title = f"Review of {Path(self.data['path']).name}"
        else:
            title = f"Review of study {self.data['study_id']}"
        css = resources.files("diveml.report").joinpath("templates/report.css").read_text("utf-8")
        return {"d": self.data, "groups": groups, "title": title, "css": css}

    def markdown(self) -> str:
        """Return the review as Markdown, fit to paste into a peer-review post."""
        return _env().get_template("review.md.jinja").render(**self._context())

    def html(self) -> str:
        """Return the review as one self-contained HTML page."""
        return _env().get_template("review.html.jinja").render(**self._context())

    def write_html(self, path: str | Path) -> Path:
        """Write the HTML page to ``path`` and return it."""
        path = Path(path)
        path.write_text(self.html(), encoding="utf-8")
        return path

    def _repr_html_(self) -> str:
        return self.html()

    def print(self, console: Console | None = None) -> None:
        """Print the review to a Rich console (the terminal view)."""
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        console = console or Console()
        d = self.data
        if self.kind == "notebook":
            s = d["summary"]
            console.print(
                f"[bold]Review of {d['path']}[/]  {s['error']} errors, "
                f"{s['warning']} warnings, {s['info']} notes; run: {d['run']['status']}"
                + (f" ({d['run']['error']})" if d["run"].get("error") else ""),
                highlight=False,
            )
            if not d["findings"]:
                console.print(f"No finding among: {', '.join(d['checked'])}.", highlight=False)
            for f in d["findings"]:
                where = (f"cell {f['cell']}, " if f["cell"] is not None else "") + (
                    f"line {f['line']}" if f["line"] is not None else ""
                )
                style = SEVERITY_STYLE[f["severity"]]
                console.print(
                    f"\n[{style}]{f['severity']}[/] [bold]{f['code']}[/] ({where}, "
                    f"{f['evidence']})",
                    highlight=False,
                )
                console.print(f"  {f['message']}", highlight=False, markup=False)
                console.print(Text.assemble(("  Fix: ", "green"), f["fix"]))
                console.print(Text(f"  Lesson: {f['lesson']}", style="dim"))
            return
        score = d["ml_test_score"]
        console.print(f"[bold]Review of study {d['study_id']}[/] ({d['path']})", highlight=False)
        sections = ", ".join(f"{k} {v:g}" for k, v in score["sections"].items())
        console.print(
            f"ML Test Score [bold]{score['score']:g}[/] (min of {sections}); "
            f"{score['judged_offline']} of {score['tests']} tests judged offline "
            f"({score['coverage']:.0%}).",
            highlight=False,
        )
        for s in d["selection"]:
            style = "bold red" if s["severity"] == "error" else "yellow"
            console.print(Text.assemble((s["kind"], style), ": ", s["message"]))
        for rubric, title in RUBRIC_TITLES.items():
            table = Table(title=title, show_lines=False, expand=True)
            table.add_column("id", no_wrap=True)
            table.add_column("status", no_wrap=True)
            table.add_column("evidence")
            for i in d["items"]:
                if i["rubric"] == rubric:
                    table.add_row(
                        i["id"], Text(i["status"], STATUS_STYLE[i["status"]]), Text(i["evidence"])
                    )
            console.print(table)
