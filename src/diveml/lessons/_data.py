"""Make sure a lesson's datasets are here before its first exercise needs them."""

from __future__ import annotations

from diveml.config import Settings, resolve_settings
from diveml.exceptions import DatasetError, LessonDataError

__all__ = ["require_data"]


def require_data(*names: str, settings: Settings | None = None) -> None:
    """Find (or fetch, when online) every dataset ``names`` needs, or say what to run.

    Call it in a lesson's first code cell. A dataset that ships inside an installed
    package is always here; a fetched one is looked up in the data directories and the
    cache, and downloaded when diveml may go online. When one cannot be had, this raises
    :class:`~diveml.exceptions.LessonDataError`, which a notebook shows as a short message
    naming the command to run (``diveml data fetch NAME``), not as a traceback.
    """
    from diveml.data import dataset_info, fetch_dataset, is_available

    settings = settings or resolve_settings()
    for name in names:
        dataset = dataset_info(name)
        if is_available(name, settings):
            continue
        try:
            fetch_dataset(name, settings=settings)
        except DatasetError as error:
            raise LessonDataError(
                f"This lesson needs the dataset {name!r} ({dataset.title}), which is not on "
                "this computer yet, and it could not be downloaded now.\n"
                f"In a terminal, with internet access, run:\n\n    diveml data fetch {name}\n\n"
                "then run this cell again. (The dataset is kept after that, so the lesson "
                f"then works offline.)\nDetails: {error}"
            ) from None
