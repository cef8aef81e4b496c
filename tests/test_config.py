"""Settings resolve in one order: defaults < config file < DIVEML_* < overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from diveml.config import Settings, config_file_path, resolve_settings
from diveml.exceptions import ConfigError


def _env(tmp_path: Path, config: str | None = None, **variables: str) -> dict[str, str]:
    path = tmp_path / "config.toml"
    if config is not None:
        path.write_text(config, encoding="utf-8")
    return {"DIVEML_CONFIG": str(path), **variables}


def test_defaults_without_file_or_environment(tmp_path: Path) -> None:
    settings = resolve_settings(_env(tmp_path))
    assert settings.offline is False
    assert settings.data_dirs == ()
    assert settings.home.name == "diveml"
    assert settings.database_path == settings.home / "diveml.sqlite"


@pytest.mark.parametrize(
    ("key", "toml_value", "expected"),
    [
        ("home", '"/tmp/h"', Path("/tmp/h")),
        ("data_dirs", '["/a", "/b"]', (Path("/a"), Path("/b"))),
        ("offline", "true", True),
        ("workspace", '"/tmp/w"', Path("/tmp/w")),
        ("studies_dir", '"/tmp/s"', Path("/tmp/s")),
    ],
)
def test_every_setting_is_read_from_the_config_file(
    tmp_path: Path, key: str, toml_value: str, expected: object
) -> None:
    settings = resolve_settings(_env(tmp_path, f"{key} = {toml_value}\n"))
    assert getattr(settings, key) == expected


@pytest.mark.parametrize(
    ("variable", "value", "key", "expected"),
    [
        ("DIVEML_HOME", "/tmp/env-home", "home", Path("/tmp/env-home")),
        ("DIVEML_DATA_DIRS", "/a:/b", "data_dirs", (Path("/a"), Path("/b"))),
        ("DIVEML_OFFLINE", "yes", "offline", True),
        ("DIVEML_WORKSPACE", "/tmp/ws", "workspace", Path("/tmp/ws")),
        ("DIVEML_STUDIES_DIR", "/tmp/st", "studies_dir", Path("/tmp/st")),
    ],
)
def test_every_setting_is_read_from_the_environment(
    tmp_path: Path, variable: str, value: str, key: str, expected: object
) -> None:
    assert getattr(resolve_settings(_env(tmp_path, **{variable: value})), key) == expected


def test_environment_beats_file_and_overrides_beat_environment(tmp_path: Path) -> None:
    env = _env(tmp_path, 'home = "/from-file"\noffline = true\n', DIVEML_HOME="/from-env")
    settings = resolve_settings(env)
    assert settings.home == Path("/from-env")
    assert settings.offline is True  # from the file, not overridden
    settings = resolve_settings(env, home="/from-flag", offline=False)
    assert (settings.home, settings.offline) == (Path("/from-flag"), False)


def test_none_override_means_not_given(tmp_path: Path) -> None:
    settings = resolve_settings(_env(tmp_path, DIVEML_HOME="/env"), home=None)
    assert settings.home == Path("/env")


def test_config_file_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown key 'ofline'\. Did you mean 'offline'\?"):
        resolve_settings(_env(tmp_path, "ofline = true\n"))


def test_config_file_invalid_toml_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"config\.toml' is not valid TOML .* delete it"):
        resolve_settings(_env(tmp_path, "home = \n"))


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DIVEML_OFFLINE": "maybe"}, r"DIVEML_OFFLINE is 'maybe', which is not a yes/no value"),
        ({"DIVEML_HOME": ""}, r"DIVEML_HOME must be a folder path, got ''"),
    ],
)
def test_bad_environment_values_are_named(
    tmp_path: Path, env: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        resolve_settings(_env(tmp_path, **env))


def test_unknown_override_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"Unknown setting 'hme'\. Did you mean 'home'\?"):
        resolve_settings(_env(tmp_path), hme="/x")


def test_config_file_path_follows_diveml_config(tmp_path: Path) -> None:
    assert config_file_path({"DIVEML_CONFIG": str(tmp_path / "c.toml")}) == tmp_path / "c.toml"


def test_settings_cache_dir_is_under_home() -> None:
    assert Settings(home=Path("/h")).cache_dir == Path("/h/cache")
