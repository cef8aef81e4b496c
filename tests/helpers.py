"""Small helpers shared by tests."""

from __future__ import annotations

import re

_BOX = re.compile(r"[│╭╮╰╯─┃┏┓┗┛━┡┩╇┳┻╋┣┫┠┨┯┷┼]")


def flat(text: str) -> str:
    """Return terminal output as one line: box drawing removed, whitespace collapsed.

    Rich wraps long messages inside panels and tables, so tests compare on this form.
    """
    return " ".join(_BOX.sub(" ", text).split())
