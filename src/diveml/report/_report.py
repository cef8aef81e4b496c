"""The :class:`Report` object: one study result rendered as HTML, Markdown and a notebook."""

from __future__ import annotations

import json
import os
import re
import tempfile
import webbrowser
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diveml.report._context import build_context, fmt_num, fmt_p, fmt_pct, fmt_secs
from diveml.study._result import ARTIFACTS, StudyResult

if TYPE_CHECKING:
    import jinja2
    from nbformat import NotebookNode

__all__ = ["FILE_NAMES", "Report", "build_report", "write_report"]

#: The files :func:`write_report` writes, by their key in ``study.json``'s ``artifacts``.
FILE_NAMES = {key: ARTIFACTS[key] for key in ("report_html", "report_md", "notebook")}


def _tolerant(function: Callable[..., str]) -> Callable[..., str]:
    """Wrap a filter so a missing value (jinja2 Undefined) shows as '—', not as an error."""
    import jinja2

    def wrapped(value: Any, *args: Any) -> str:
        return function(None if isinstance(value, jinja2.Undefined) else value, *args)

    return wrapped


def sentence(value: Any) -> str:
    """Start a phrase with a capital letter and end it with a full stop ('' for none)."""
    if value is None:
        return ""
    text = str(value).strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def md_escape(value: Any) -> str:
    """Escape free text for Markdown: no HTML, emphasis, links or table breaks."""
    text = " ".join(str(value).split())
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)


def md_code(value: Any) -> str:
    """Put a value (a column name) in a Markdown code span that survives any characters."""
    text = " ".join(str(value).split()).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


@cache
def _environment(kind: str) -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("diveml.report", "templates"),
        autoescape=kind == "html",
        undefined=jinja2.ChainableUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(
        num=_tolerant(fmt_num),
        pct=_tolerant(fmt_pct),
        secs=_tolerant(fmt_secs),
        pval=_tolerant(fmt_p),
        sentence=_tolerant(sentence),
        md=md_escape,
        code=md_code,
    )
    return env


def _atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through diveml's one atomic writer (:mod:`diveml.outputs`).

    A temporary file with the user's ordinary permissions, then a rename: a reader never
    sees half a report.
    """
    from diveml.outputs import write_text

    write_text(path, text, option="out")


class Report:
    """A study's report: the numbers of one study, shown for people.

    Build it with :func:`build_report` from a :class:`~diveml.study.StudyResult` (or the
    content of a ``study.json``, which is checked against the result's types first). The
    report only reads the result; it computes nothing.

    Examples
    --------
    >>> report = build_report(result)  # doctest: +SKIP
    >>> paths = report.write("out/")  # doctest: +SKIP
    >>> sorted(paths)  # doctest: +SKIP
    ['notebook', 'report_html', 'report_md']
    """

    def __init__(self, result: StudyResult | Mapping[str, Any]) -> None:
        # A typed result is frozen, so a rendered report cannot change under its reader; a
        # dict is read (and checked field by field) into one, and never kept.
        self.result_: StudyResult = (
            result
            if isinstance(result, StudyResult)
            else StudyResult.from_dict(result, source="The result given to the report")
        )
        self._html: str | None = None
        self._written: Path | None = None

    @property
    def result(self) -> dict[str, Any]:
        """The result as plain data: the content of ``study.json``."""
        return self.result_.to_dict()

    def __repr__(self) -> str:
        r = self.result_
        return f"<Report {r.target!r} ({r.task}), chosen {r.chosen.name!r}>"

    def html(self) -> str:
        """Return the self-contained HTML report (inline CSS and SVG plots, no scripts)."""
        if self._html is None:
            context = build_context(self.result_)
            self._html = _environment("html").get_template("report.html.jinja").render(context)
        return self._html

    def markdown(self) -> str:
        """Return the Markdown summary of the report."""
        context = build_context(self.result_, with_plots=False)
        text = _environment("md").get_template("report.md.jinja").render(context)
        # Templates leave runs of blank lines where optional parts are absent.
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

    def notebook(self) -> NotebookNode:
        """Return ``study.ipynb``: the study's split, chosen model and holdout score as code."""
        import nbformat

        from diveml.report._notebook import build_notebook

        return nbformat.from_dict(build_notebook(self.result_))

    def write(self, out_dir: str | os.PathLike[str]) -> dict[str, Path]:
        """Write report.html, report.md and study.ipynb into ``out_dir``; return their paths.

        Each file is written to a temporary name and then renamed, so an interrupted write
        never leaves a truncated report behind.
        """
        from diveml.report._notebook import build_notebook

        folder = Path(out_dir)
        folder.mkdir(parents=True, exist_ok=True)
        # Render everything before writing anything, so a failure leaves no mix of files.
        texts = {"report_html": self.html(), "report_md": self.markdown()}
        # Written as JSON the way nbformat writes it (indent 1, sorted keys), without
        # importing nbformat; the tests check the file against nbformat's schema.
        notebook = build_notebook(self.result_)
        texts["notebook"] = (
            json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        )
        paths = {}
        for key, text in texts.items():
            path = folder / FILE_NAMES[key]
            _atomic_write(path, text)
            paths[key] = path
        self._written = paths["report_html"]
        return paths

    def open(self) -> Path:
        """Open the HTML report in the web browser; return the file that was opened.

        Opens the written ``report.html`` when :meth:`write` was called, else a temporary copy.
        """
        path = self._written
        if path is None or not path.exists():
            folder = Path(tempfile.mkdtemp(prefix="diveml-report-"))
            path = folder / FILE_NAMES["report_html"]
            _atomic_write(path, self.html())
        webbrowser.open(path.resolve().as_uri())
        return path

    def _repr_html_(self) -> str:
        context = build_context(self.result_, with_plots=False)
        context["report_path"] = str(self._written) if self._written else None
        return _environment("html").get_template("summary.html.jinja").render(context)


def build_report(result: StudyResult | Mapping[str, Any]) -> Report:
    """Return the :class:`Report` of a study result (typed, or the content of ``study.json``).

    Raises
    ------
    StudyResultError
        When ``result`` is not a study result of this format version (another kind of
        data, a field of the wrong type, a newer or older format).
    ReportError
        When the notebook cannot be written (the result's reproducing code is empty).
    """
    return Report(result)


def write_report(
    result: StudyResult | Mapping[str, Any], out_dir: str | os.PathLike[str]
) -> dict[str, Path]:
    """Write report.html, report.md and study.ipynb for ``result`` into ``out_dir``.

    Returns the paths by their ``artifacts`` key: ``report_html``, ``report_md``, ``notebook``.
    """
    return build_report(result).write(out_dir)
