"""thread_map: jobs on threads come back in order, each with its own warnings, one OpenMP thread."""

from __future__ import annotations

import threading
import time
import warnings

import pytest

from diveml.study._threads import caught_warnings, thread_map


def _slow_then_warn(index: int, pause: float) -> tuple[int, list[str]]:
    with caught_warnings("always") as caught:
        time.sleep(pause)
        warnings.warn(f"from job {index}", UserWarning, stacklevel=1)
        time.sleep(pause)
        warnings.warn(f"again from job {index}", UserWarning, stacklevel=1)
    return index, [str(w.message) for w in caught]


def test_results_come_back_in_the_order_given_whatever_finished_first() -> None:
    # the first jobs sleep longest, so they finish last
    jobs = [(i, 0.02 * (6 - i)) for i in range(6)]
    done = thread_map(_slow_then_warn, (), jobs, threads=3)
    assert [index for index, _ in done] == list(range(6))


def test_each_job_records_its_own_warnings_and_no_one_elses() -> None:
    jobs = [(i, 0.01 * (i % 3)) for i in range(8)]
    done = thread_map(_slow_then_warn, (), jobs, threads=4)
    for index, messages in done:
        assert messages == [f"from job {index}", f"again from job {index}"]


def test_ignored_warnings_are_dropped_and_the_filters_come_back_as_they_were() -> None:
    def quiet(index: int) -> int:
        with caught_warnings("ignore") as caught:
            warnings.warn("not to be seen", UserWarning, stacklevel=1)
        assert caught == []
        return index

    before = (list(warnings.filters), warnings.showwarning)
    with warnings.catch_warnings(record=True) as outside:
        warnings.simplefilter("always")
        assert thread_map(quiet, (), [(i,) for i in range(4)], threads=2) == [0, 1, 2, 3]
    assert outside == []  # nothing leaked to the caller's handler
    assert (list(warnings.filters), warnings.showwarning) == before


def test_outside_a_thread_map_caught_warnings_is_catch_warnings() -> None:
    with caught_warnings("always") as caught:
        warnings.warn("here", UserWarning, stacklevel=1)
    assert [str(w.message) for w in caught] == ["here"]


def test_every_worker_thread_runs_one_openmp_thread() -> None:
    from sklearn.utils._openmp_helpers import _openmp_effective_n_threads

    def threads_here(_: int) -> tuple[int, str]:
        return _openmp_effective_n_threads(), threading.current_thread().name

    done = thread_map(threads_here, (), [(i,) for i in range(4)], threads=2)
    assert {n for n, _ in done} == {1}
    assert all(name != threading.main_thread().name for _, name in done)


def test_an_error_in_a_job_is_raised_to_the_caller() -> None:
    def fails(index: int) -> int:
        if index == 2:
            raise ValueError("job 2 failed")
        return index

    with pytest.raises(ValueError, match="job 2 failed"):
        thread_map(fails, (), [(i,) for i in range(4)], threads=2)
