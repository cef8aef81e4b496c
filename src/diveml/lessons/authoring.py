"""What a lesson author imports: :class:`Lesson`, :class:`Wrong`, :class:`Check`, ``recipes``.

See ``AUTHORING.md`` in this folder for the whole guide.
"""

from __future__ import annotations

from diveml.lessons import _recipes as recipes
from diveml.lessons._check import Check
from diveml.lessons._model import Lesson, Outcome, Wrong

__all__ = ["Check", "Lesson", "Outcome", "Wrong", "recipes"]
