"""Resolve diveml's settings in one documented order.

Later sources win::

    defaults  <  config file  <  DIVEML_* environment variables  <  flags / function arguments

The config file is TOML, at ``$DIVEML_CONFIG`` if set, else ``config.toml`` in the user
configuration directory (``platformdirs.user_config_dir("diveml")``). Every other module
receives a :class:`Settings` and never reads the environment itself, so a test can build
one explicitly.

Settings
--------
home        where the state database and the data cache live (``DIVEML_HOME``)
data_dirs   extra folders searched for fetched data files before the cache
            (``DIVEML_DATA_DIRS``, separated by ``os.pathsep``)
offline     never download; a missing file is an error that says where to put it
            (``DIVEML_OFFLINE``: 1/0, true/false, yes/no)
workspace   where ``diveml learn`` copies lessons (``DIVEML_WORKSPACE``)
studies_dir where ``diveml study`` writes its artifacts (``DIVEML_STUDIES_DIR``)
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from diveml.exceptions import ConfigError, did_you_mean

__all__ = ["Settings", "config_file_path", "resolve_settings"]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclasses.dataclass(frozen=True)
class Settings:
    """Resolved settings; build with :func:`resolve_settings`."""

    home: Path
    data_dirs: tuple[Path, ...] = ()
    offline: bool = False
    workspace: Path = Path("diveml-lessons")
    studies_dir: Path = Path("diveml-studies")

    @property
    def database_path(self) -> Path:
        """The SQLite file holding progress, the study ledger and the study index."""
        return self.home / "diveml.sqlite"

    @property
    def cache_dir(self) -> Path:
        """Where fetched data files are stored after download."""
        return self.home / "cache"


_FIELDS = {f.name for f in dataclasses.fields(Settings)}


def _default_home() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("diveml", appauthor=False))


def config_file_path(environ: Mapping[str, str] | None = None) -> Path:
    """Return the path of the config file (it may not exist)."""
    env = os.environ if environ is None else environ
    if env.get("DIVEML_CONFIG"):
        return Path(env["DIVEML_CONFIG"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("diveml", appauthor=False)) / "config.toml"


def _parse_bool(value: object, source: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ConfigError(
        f"{source} is {value!r}, which is not a yes/no value. Use one of 1, 0, true, false."
    )


def _coerce(name: str, value: Any, source: str) -> Any:
    if name in {"home", "workspace", "studies_dir"}:
        if not isinstance(value, (str, os.PathLike)) or str(value) == "":
            raise ConfigError(f"{source} must be a folder path, got {value!r}.")
        return Path(value).expanduser()
    if name == "data_dirs":
        if isinstance(value, str):
            parts = [p for p in value.split(os.pathsep) if p]
        elif isinstance(value, (list, tuple)):
            parts = [str(p) for p in value]
        else:
            raise ConfigError(f"{source} must be a list of folder paths, got {value!r}.")
        return tuple(Path(p).expanduser() for p in parts)
    if name == "offline":
        return _parse_bool(value, source)
    raise AssertionError(f"unhandled setting {name}")  # pragma: no cover - guarded by _FIELDS


def _read_config_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"The config file {str(path)!r} is not valid TOML ({exc}). "
            "Fix it, or delete it to use the defaults."
        ) from exc
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _FIELDS:
            raise ConfigError(
                f"The config file {str(path)!r} has an unknown key {key!r}."
                f"{did_you_mean(key, _FIELDS)} Known keys: {', '.join(sorted(_FIELDS))}."
            )
        values[key] = _coerce(key, value, f"The key {key!r} in {str(path)!r}")
    return values


def resolve_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Resolve settings from defaults, the config file, ``DIVEML_*`` variables and overrides.

    Parameters
    ----------
    environ
        The environment to read (``os.environ`` by default); tests pass a dict.
    **overrides
        Values from flags or function arguments; ``None`` means "not given".

    Examples
    --------
    >>> s = resolve_settings({"DIVEML_HOME": "/tmp/dv"}, offline=True)
    >>> (str(s.home), s.offline)
    ('/tmp/dv', True)
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    values.update(_read_config_file(config_file_path(env)))
    for name in _FIELDS:
        var = f"DIVEML_{name.upper()}"
        if var in env:
            values[name] = _coerce(name, env[var], f"The environment variable {var}")
    for name, value in overrides.items():
        if name not in _FIELDS:
            raise ConfigError(f"Unknown setting {name!r}.{did_you_mean(name, _FIELDS)}")
        if value is not None:
            values[name] = _coerce(name, value, f"The setting {name!r}")
    if "home" not in values:
        values["home"] = _default_home()
    return Settings(**values)
