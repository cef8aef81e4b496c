"""Shared by the data tests: the wording they pin is the command line's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from diveml.exceptions import speaking


@pytest.fixture(autouse=True)
def _cli_spelling() -> Iterator[None]:
    """Spell options as the command line does (``--sep ';'``).

    The readers write option tokens; ``tests/test_option_spelling.py`` checks that the same
    messages read ``sep=';'`` for a Python caller.
    """
    with speaking("cli"):
        yield
