"""The state database: versioned, atomic, and loud about corruption."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from diveml.exceptions import StateError
from diveml.state import SCHEMA_VERSION, Database


def test_new_database_is_migrated_to_the_current_schema(tmp_path: Path) -> None:
    with Database(tmp_path / "s.sqlite") as db:
        assert db.schema_version == SCHEMA_VERSION
        tables = {r["name"] for r in db.query("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"progress", "studies"} <= tables


def test_database_uses_write_ahead_logging(tmp_path: Path) -> None:
    with Database(tmp_path / "s.sqlite") as db:
        assert db.query("PRAGMA journal_mode")[0][0] == "wal"


def _add_progress(con: sqlite3.Connection, exercise: str) -> None:
    con.execute(
        "INSERT INTO progress (lesson, exercise, outcome, updated_at) VALUES (?, ?, 'correct', 'now')",
        ("00", exercise),
    )


def test_failed_transaction_leaves_earlier_state_intact(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Database(path) as db, db.transaction() as con:
        _add_progress(con, "first")
    with Database(path) as db:
        with pytest.raises(KeyboardInterrupt), db.transaction() as con:
            _add_progress(con, "second")
            raise KeyboardInterrupt  # the user pressed Ctrl-C half-way
        rows = [r["exercise"] for r in db.query("SELECT exercise FROM progress")]
    assert rows == ["first"]


def test_state_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Database(path) as db, db.transaction() as con:
        _add_progress(con, "kept")
    with Database(path) as db:
        assert db.query("SELECT count(*) FROM progress")[0][0] == 1


def test_corrupt_database_names_its_path_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"this is not a database, just some text " * 100)
    with pytest.raises(
        StateError, match=r"cannot be read .* Inspect, or move aside, the following file"
    ) as info:
        Database(path)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)


def test_database_from_a_newer_diveml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.close()
    with pytest.raises(StateError, match=r"written by a newer diveml .* Upgrade diveml"):
        Database(path)


def test_unwritable_home_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StateError, match=r"Cannot create the folder .* Set DIVEML_HOME"):
        Database(blocker / "sub" / "s.sqlite")
