"""Independent corpus stages side by side: a forked copy of this process runs some of them.

After the actors are known, themes, summaries, stories and related articles each read the same
analyses and write nothing the others read, so on a machine with two cores a rebuild need not run
them one after the other. A fork shares the analyses with the child for free (copy on write); only
the child's results travel back, pickled. Results never depend on where a job ran. Where ``fork``
is not the safe way to start a process (outside Linux), with one worker, or if the child fails for
any reason, every job simply runs in this process, in order.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from multiprocessing.connection import Connection
from typing import TypeVar

from .timing import StageTimer

log = logging.getLogger("mkdocs.plugins.digest")
Jobs = Mapping[str, Callable[[], object]]
T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def side_by_side(here: Jobs, there: Jobs, timer: StageTimer, workers: int) -> dict[str, object]:
    """Run ``there`` in a forked child while this process runs ``here``; every result by job name.
    Each job's own time goes into ``timer`` under its name."""
    if workers < 2 or not there or not can_fork():
        return _run(here | there, timer)
    receiver, sender = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_child, args=(sender, there), daemon=True)
    child.start()
    sender.close()
    try:
        results = _run(here, timer)
        try:
            message = receiver.recv()
        except (EOFError, OSError):
            message = None
    finally:
        receiver.close()
        child.join()
    if message is None:
        log.info("the stages run beside this one failed in their process; running them here")
        return results | _run(there, timer)
    found, seconds = message
    for name, spent in seconds.items():
        timer.seconds[name] = timer.seconds.get(name, 0.0) + spent
    return results | found


def in_halves(name: str, work: Callable[[Sequence[T]], list[R]], items: Sequence[T], timer: StageTimer,
              workers: int) -> list[R]:
    """``work`` over the first half of ``items`` here and the second half beside it, results in
    order (``work`` must treat items independently). Timed as ``name`` and ``name 2/2``."""
    half = (len(items) + 1) // 2
    done = side_by_side({name: partial(work, items[:half])}, {f"{name} 2/2": partial(work, items[half:])},
                        timer, workers)
    return done[name] + done[f"{name} 2/2"]


def _run(jobs: Jobs, timer: StageTimer) -> dict[str, object]:
    results = {}
    for name, job in jobs.items():
        with timer.stage(name):
            results[name] = job()
    return results


def _child(sender: Connection, jobs: Jobs) -> None:
    """In the forked process: run the jobs and send back (results, seconds), or None on failure."""
    try:
        results, seconds = {}, {}
        for name, job in jobs.items():
            start = time.perf_counter()
            results[name] = job()
            seconds[name] = time.perf_counter() - start
        sender.send((results, seconds))
    except BaseException:  # any failure: the parent runs the jobs itself, and sees the error
        sender.send(None)
    finally:
        sender.close()
