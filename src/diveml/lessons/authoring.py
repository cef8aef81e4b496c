"""What a lesson author imports: :class:`Lesson`, :class:`Wrong` and :class:`Check`.

See ``AUTHORING.md`` in this folder for the whole guide.
"""

from __future__ import annotations

from diveml.lessons._check import Check
from diveml.lessons._model import Lesson, Outcome, Wrong

__all__ = ["Check", "Lesson", "Outcome", "Wrong"]
