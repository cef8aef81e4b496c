"""The local state database: one SQLite file under ``DIVEML_HOME``.

It holds lesson progress and the study ledger. Why SQLite rather than JSON files: a
transaction either lands whole or not at all, so a command killed half-way (Ctrl-C, a
full disk, a power cut) leaves the earlier state intact; WAL mode lets the dashboard read
while a study writes.

The schema carries a version (``PRAGMA user_version``). Each entry of :data:`MIGRATIONS`
moves it up by one; a database from a newer diveml is refused rather than guessed at.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from diveml.exceptions import StateError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Database"]

# Append only: never edit a migration that has shipped, add a new one.
MIGRATIONS: tuple[str, ...] = (
    # 1: lesson progress and the study ledger.
    """
    CREATE TABLE progress (
        lesson TEXT NOT NULL,
        exercise TEXT NOT NULL,
        outcome TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        hints_used INTEGER NOT NULL DEFAULT 0,
        solution_viewed INTEGER NOT NULL DEFAULT 0,
        first_correct_at TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (lesson, exercise)
    );
    CREATE TABLE studies (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        data_name TEXT NOT NULL,
        data_fingerprint TEXT NOT NULL,
        holdout_fingerprint TEXT NOT NULL,
        target TEXT NOT NULL,
        task TEXT,
        metric TEXT,
        chosen TEXT,
        holdout_score REAL,
        out_dir TEXT
    );
    CREATE INDEX studies_holdout ON studies (holdout_fingerprint);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class Database:
    """A connection to the state database, migrated to :data:`SCHEMA_VERSION`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> db = Database(pathlib.Path(tempfile.mkdtemp()) / "state.sqlite")
    >>> with db.transaction() as con:
    ...     _ = con.execute("SELECT count(*) FROM studies")
    >>> db.close()
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(
                f"Cannot create the folder {str(self.path.parent)!r} for diveml's state "
                f"({exc.strerror}). Set DIVEML_HOME to a folder you can write to.",
                path=str(self.path),
            ) from exc
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction
            # spans exactly the block the caller wrote.
            self._con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._con.row_factory = sqlite3.Row
            self._con.execute("PRAGMA journal_mode=WAL")
            self._con.execute("PRAGMA foreign_keys=ON")
            version = self._con.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from exc
        if version > SCHEMA_VERSION:
            self._con.close()
            raise StateError(
                f"The state database {str(self.path)!r} was written by a newer diveml "
                f"(schema {version}, this diveml knows up to {SCHEMA_VERSION}). Upgrade "
                "diveml, or point DIVEML_HOME at another folder.",
                path=str(self.path),
            )
        self._migrate(version)

    def _corrupt(self, exc: Exception) -> StateError:
        return StateError(
            f"The state database {str(self.path)!r} cannot be read ({exc}). Inspect, or "
            "move aside, the following file and run the command again to start fresh: "
            f"{self.path}",
            path=str(self.path),
        )

    def _migrate(self, version: int) -> None:
        for number in range(version, SCHEMA_VERSION):
            try:
                with self.transaction() as con:
                    # executescript would COMMIT our transaction; run statements one by one.
                    for statement in MIGRATIONS[number].split(";"):
                        if statement.strip():
                            con.execute(statement)
                    con.execute(f"PRAGMA user_version = {number + 1}")
            except sqlite3.DatabaseError as exc:
                raise self._corrupt(exc) from exc

    @property
    def schema_version(self) -> int:
        """The schema version stored in the file."""
        return int(self._con.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block atomically: all its writes land, or none do."""
        self._con.execute("BEGIN IMMEDIATE")
        try:
            yield self._con
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        else:
            self._con.execute("COMMIT")

    def query(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        """Run a read-only query and return all rows."""
        try:
            return list(self._con.execute(sql, params))
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from exc

    def close(self) -> None:
        """Close the connection."""
        self._con.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
