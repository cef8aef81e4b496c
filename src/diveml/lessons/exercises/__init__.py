"""Exercise definitions, one module per lesson (``lNN_words.py``), found automatically.

Each module defines ``lesson = Lesson(...)`` and decorates one check function per
exercise with ``@lesson.exercise(...)``. See ``AUTHORING.md`` beside this package.
"""
