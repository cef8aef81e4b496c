"""Rows drawn from a hash of their values and the seed, never from their place in memory.

Every random choice of rows a study makes (the holdout, the folds, the samples of a big
table) ranks the rows by a *draw*: a 64-bit hash of the row's values (pandas'
``hash_pandas_object``, the index left out), mixed with a key made from the seed and the
purpose (``pandas.util.hash_array``, a splitmix64 mix). A row's draw is the same whichever
order the rows are in and however a Dask DataFrame cuts them into partitions, so the same
table and seed give the same holdout, folds and samples everywhere. Identical rows get the
same draw, so copies of a row land on the same side of the holdout, save the one set of
copies (per class) that the holdout's size cuts through: rows whose draws tie are ranked by
their place in the table as read. Since copies are drawn together, the holdout's interval
resamples them together (:class:`._evaluate.Clusters`).
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

__all__ = [
    "DRAWN",
    "draw_key",
    "draws",
    "fold_ids",
    "lowest",
    "lowest_by_class",
    "row_hashes",
    "share_counts",
]

DRAWN = (
    "rows are drawn by a hash of each row's values (pandas.util.hash_pandas_object, the "
    "index left out) mixed with the seed (pandas.util.hash_array), so the holdout, the "
    "folds and the samples do not depend on the order or the partitioning of the rows"
)


def row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """Return each row's 64-bit hash of its values (not its index)."""
    try:
        return pd.util.hash_pandas_object(frame, index=False).to_numpy(dtype=np.uint64)
    except TypeError:  # unhashable cells (lists, dicts): hash their text instead
        return pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy(dtype=np.uint64)


def draw_key(seed: int, purpose: str) -> int:
    """Return the 64-bit key that mixes ``seed`` into the draws for ``purpose``."""
    return int(hashlib.sha256(f"diveml:{purpose}:{seed}".encode()).hexdigest()[:16], 16)


def draws(hashes: np.ndarray, seed: int, purpose: str) -> np.ndarray:
    """Return each row's draw (uint64) for ``purpose``: its hash mixed with the seed's key."""
    key = np.uint64(draw_key(seed, purpose))
    return np.asarray(pd.util.hash_array(np.asarray(hashes, dtype=np.uint64) ^ key))


def lowest(draw: np.ndarray, n: int) -> np.ndarray:
    """Return the positions of the ``n`` lowest draws (ties: the earlier row first)."""
    return np.sort(np.argsort(draw, kind="stable")[:n])


def share_counts(counts: np.ndarray, share: float) -> np.ndarray:
    """How many rows of each class a ``share`` takes: rounded, and at most all but one."""
    taken = np.floor(share * counts + 0.5).astype(int)
    return np.minimum(taken, np.maximum(counts - 1, 0))


def lowest_by_class(draw: np.ndarray, labels: pd.Series, share: float) -> np.ndarray:
    """Return the positions of the lowest draws of each class, ``share`` of its rows."""
    codes, _ = pd.factorize(labels, sort=True)
    counts = np.bincount(codes)
    take = share_counts(counts, share)
    order = np.lexsort((np.arange(len(draw)), draw, codes))  # by class, then draw
    rank = np.empty(len(draw), dtype=int)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    rank[order] = np.arange(len(draw)) - np.repeat(starts, counts)
    return np.flatnonzero(rank < take[codes])


def fold_ids(draw: np.ndarray, labels: pd.Series | None, folds: int) -> np.ndarray:
    """Return each row's fold: dealt in turn by rising draw, within each class if given."""
    n = len(draw)
    codes = np.zeros(n, dtype=int) if labels is None else pd.factorize(labels, sort=True)[0]
    order = np.lexsort((np.arange(n), draw, codes))
    counts = np.bincount(codes) if n else np.array([], dtype=int)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])) if n else counts
    rank = np.empty(n, dtype=int)
    rank[order] = np.arange(n) - np.repeat(starts, counts)
    # Each class starts where the last left off, so the folds' sizes differ by one at most.
    offset = np.concatenate(([0], np.cumsum(counts)[:-1])) % folds if n else counts
    return (rank + offset[codes]) % folds
