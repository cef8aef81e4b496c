"""Study reports: a study's result shown as HTML, Markdown and a reproducing notebook.

The report reads the numbers a study computed (its typed
:class:`~diveml.study.StudyResult`, or the content of a ``study.json``, checked against
those types) and draws them; it never fits or scores anything. Templates and the glossary are data files in this
package (``templates/``, ``glossary.toml``).

Examples
--------
>>> from diveml.report import build_report, write_report
>>> report = build_report(result)  # doctest: +SKIP
>>> report.write("my-study/")  # doctest: +SKIP
{'report_html': ..., 'report_md': ..., 'notebook': ...}
"""

from __future__ import annotations

from diveml.report._report import FILE_NAMES, Report, build_report, write_report

__all__ = ["FILE_NAMES", "Report", "build_report", "write_report"]
