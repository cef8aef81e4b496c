"""Find, download and verify the files of fetched datasets.

Search order for each file: every extra data directory (``data_dirs`` setting), then the
cache under ``DIVEML_HOME``; only then, unless ``offline`` is set, a download from the
public URL. Every file, found or downloaded, must match the sha256 its provenance records:
a silently different file would make two learners' numbers disagree.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from diveml.config import Settings
from diveml.data._catalog import DataFile, Dataset
from diveml.exceptions import ChecksumError, DatasetUnavailableError

__all__ = ["cached_path", "candidate_paths", "fetch_files", "file_sha256", "locate_file"]


def file_sha256(path: Path) -> str:
    """Return the hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def candidate_paths(dataset: Dataset, file: DataFile, settings: Settings) -> list[Path]:
    """Return every place ``file`` is looked for, in search order (they may not exist)."""
    places: list[Path] = []
    for folder in settings.data_dirs:
        places += [
            folder / dataset.folder / file.name,
            folder / dataset.name / file.name,
            folder / file.name,
        ]
    places.append(cached_path(dataset, file, settings))
    return places


def cached_path(dataset: Dataset, file: DataFile, settings: Settings) -> Path:
    """Return where the cache keeps ``file`` (it may not exist yet)."""
    return settings.cache_dir / dataset.folder / file.name


def _verify(path: Path, file: DataFile) -> Path:
    actual = file_sha256(path)
    if actual != file.sha256:
        raise ChecksumError(
            f"The file {str(path)!r} does not match its published checksum (sha256 "
            f"{actual[:12]}..., expected {file.sha256[:12]}...). It is damaged or a "
            "different version: delete it and run `diveml data fetch` again, or replace it "
            f"with the file from {file.url}"
        )
    return path


def locate_file(dataset: Dataset, file: DataFile, settings: Settings) -> Path | None:
    """Return a verified local copy of ``file``, or ``None`` when there is none."""
    for path in candidate_paths(dataset, file, settings):
        if path.is_file():
            return _verify(path, file)
    return None


def _download(file: DataFile, target: Path) -> None:
    import pooch

    # pooch checks the hash before moving the file into place, so a broken download
    # never lands in the cache under the final name.
    pooch.retrieve(
        url=file.url,
        known_hash=f"sha256:{file.sha256}",
        fname=target.name,
        path=target.parent,
        progressbar=False,
    )


def fetch_files(dataset: Dataset, settings: Settings, *, download: bool = True) -> dict[str, Path]:
    """Return a verified local path for every file of ``dataset``, downloading what is missing.

    Raises
    ------
    DatasetUnavailableError
        A file is not on disk and cannot be downloaded (offline, or the download failed).
    ChecksumError
        A file on disk, or the one downloaded, is not the published one.
    """
    paths: dict[str, Path] = {}
    for file in dataset.files:
        found = locate_file(dataset, file, settings)
        if found is None:
            target = cached_path(dataset, file, settings)
            if settings.offline or not download:
                raise _unavailable(dataset, file, target, "diveml is set to work offline")
            try:
                _download(file, target)
            except ValueError as exc:  # pooch's hash mismatch
                raise ChecksumError(
                    f"The download of {file.url} does not match its published checksum "
                    f"({exc}). Nothing was saved; try again later."
                ) from exc
            except Exception as exc:  # network errors come in many types (requests, OSError)
                raise _unavailable(dataset, file, target, _download_failure(file, exc)) from exc
            found = _verify(target, file)
        paths[file.name] = found
    return paths


def _download_failure(file: DataFile, exc: Exception) -> str:
    """Say why a download failed in one short line, not the HTTP library's whole chain."""
    from urllib.parse import urlparse

    text = str(exc)
    if len(text) <= 80:
        return f"the download failed: {text}"
    host = urlparse(file.url).hostname
    return f"the download from {host} failed ({type(exc).__name__}; is this machine online?)"


def _unavailable(
    dataset: Dataset, file: DataFile, target: Path, why: str
) -> DatasetUnavailableError:
    return DatasetUnavailableError(
        f"The dataset {dataset.name!r} needs the file {file.name!r}, which is not on this "
        f"machine, and {why}. With internet access run `diveml data fetch {dataset.name}`; "
        f"or download {file.url} yourself and put it at {str(target)!r} (or in a folder "
        f"named in DIVEML_DATA_DIRS)."
    )
