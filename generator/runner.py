"""Where the independent stages of a build run: ``Runner`` takes typed jobs (``Job``, ``Split``)
and runs them here, or side by side with a forked copy of this process.

After the actors are known, themes, summaries, stories and related articles each read the same
analyses and write nothing the others read, so on a machine with two cores a rebuild need not run
them one after the other. A fork shares the analyses with the child for free (copy on write); only
the child's results travel back, pickled. Results never depend on where a job ran. Where ``fork``
is not the safe way to start a process (outside Linux), with one worker, or if the child fails for
any reason, every job simply runs in this process, in order.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import multiprocessing
import os
import pickle
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Generic, TypeVar

from .analyze.cache import write_atomically
from .analyze.nlp import Placement, Preloader
from .timing import StageTimer

log = logging.getLogger("mkdocs.plugins.digest")
Jobs = Mapping[str, Callable[[], object]]
T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def side_by_side(here: Jobs, there: Jobs, timer: StageTimer, workers: int,
                 handoffs: Sequence[Handoff] = (), late: Callable[[float], None] | None = None) -> dict[str, object]:
    """Run ``there`` in a forked child while this process runs ``here``; every result by job name.
    Each job's own time goes into ``timer`` under its name. ``handoffs`` are sent by jobs here and
    received by jobs there. ``late`` hears how many seconds after this process's own jobs the
    child's results were here (negative when they would have been here before), counting their
    trip back, when both sides ran."""
    if workers < 2 or not there or not can_fork():
        return _run(here | there, timer)
    for handoff in handoffs:
        handoff.open()
    receiver, sender = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_child, args=(sender, there), daemon=True)
    child.start()
    sender.close()
    for handoff in handoffs:
        handoff.forked()
    try:
        try:
            results = _run(here, timer)
        finally:
            for handoff in handoffs:
                handoff.close()  # a child still waiting on a value never sent stops waiting
        done_here = time.monotonic()
        try:
            message = receiver.recv()
        except (EOFError, OSError):
            message = None
        received = time.monotonic()
    finally:
        receiver.close()
        child.join()
    if message is None:
        log.info("the stages run beside this one failed in their process; running them here")
        return results | _run(there, timer)
    found, seconds, done_there = message
    for name, spent in seconds.items():
        timer.seconds[name] = timer.seconds.get(name, 0.0) + spent
    if late is not None:  # the trip back (pickling, the pipe, unpickling) counts as the child's
        late(received - max(done_there, done_here) + done_there - done_here)
    return results | found


COLLECTOR_THRESHOLDS = (100_000, 50, 10)
"""The cyclic garbage collector's thresholds during a build (``gc.set_threshold``; Python's are
700, 10, 10). A build makes millions of objects that live until it ends (analyses, actors, pages)
and few reference cycles that die. With Python's thresholds the collector scanned the whole heap
every time it grew by a quarter: 16 full collections, 2.2 s of a 23 s rebuild of 5,000 generated
articles, nearly all finding nothing. Chosen there among (700, 10, 10), (10,000, 10, 10),
(50,000, 20, 10) and (100,000, 50, 10), two rebuilds each: collector time 2.7, 1.3, 0.8 and 0.5 s,
rebuilds 23.4, 21.9, 22.1 and 20.9 s on average, the same peak memory (the README reports the
other corpora). Young cycles (a page's Markdown converter) are still collected, a hundred thousand
objects at a time."""


@contextlib.contextmanager
def paced_collector() -> Iterator[None]:
    """Run a build with ``COLLECTOR_THRESHOLDS``; the process's own are back after it. Forked
    copies made meanwhile keep the build's."""
    before = gc.get_threshold()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _run(jobs: Jobs, timer: StageTimer) -> dict[str, object]:
    results = {}
    for name, job in jobs.items():
        with timer.stage(name):
            results[name] = job()
    return results


def _child(sender: Connection, jobs: Jobs) -> None:
    """In the forked process: run the jobs and send back (results, seconds, when they were done),
    or None on failure."""
    gc.freeze()  # the build's objects stay shared with it: the collector never visits them here
    try:
        results, seconds = {}, {}
        for name, job in jobs.items():
            start = time.perf_counter()
            results[name] = job()
            seconds[name] = time.perf_counter() - start
        sender.send((results, seconds, time.monotonic()))  # one clock for every process
    except BaseException:  # any failure: the parent runs the jobs itself, and sees the error
        sender.send(None)
    finally:
        sender.close()


@dataclass(frozen=True, slots=True)
class Job(Generic[R]):
    """A stage that runs whole: ``run()`` gives its result. ``weight`` is its cost relative to the
    other jobs run with it (a rough share of the time, from the benchmark), for balancing. A job
    that ``sends`` through a ``Handoff`` runs in this process, before the jobs that wait for it when
    all run here."""

    name: str
    run: Callable[[], R]
    weight: float = 1.0
    sends: Handoff | None = None


class Handoff(Generic[T]):
    """One value a job in this process makes part way through and a job run beside it waits for
    (the actors, which the stories' clustering needs only after comparing the articles' texts).
    ``send`` it once; ``receive`` gives it, waiting for it in a forked child. In one process the
    sending job runs first, so the value is there. The value goes through a pipe from a thread, so
    that the sender goes on while the child is still busy (a pipe holds 64 KiB); when the sender
    ends without sending (it failed), the runner closes the pipe and the waiting child fails, so
    its jobs run here."""

    def __init__(self) -> None:
        self._value: tuple[T] | None = None
        self._receiver: Connection | None = None
        self._sender: Connection | None = None
        self._thread: threading.Thread | None = None
        self._owner = os.getpid()

    def open(self) -> None:
        """Before a fork: the pipe the value will travel through."""
        self._receiver, self._sender = multiprocessing.Pipe(duplex=False)

    def forked(self) -> None:
        """After the fork, in this process: it never reads, so a child that ends unread breaks the pipe."""
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None

    def send(self, value: T) -> None:
        self._value = (value,)
        if self._sender is not None:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            self._thread = threading.Thread(target=self._send_bytes, args=(self._sender, data), daemon=True)
            self._sender = None
            self._thread.start()

    @staticmethod
    def _send_bytes(sender: Connection, data: bytes) -> None:
        try:
            sender.send_bytes(data)
        except OSError:
            pass  # the child ended without reading: it failed, and its jobs run here
        finally:
            sender.close()

    def receive(self) -> T:
        if self._value is not None:
            return self._value[0]
        if self._receiver is None or os.getpid() == self._owner:
            raise RuntimeError("nothing was handed off")
        if self._sender is not None:
            self._sender.close()  # this process's copy of the sending end: the sender's closing must be seen
            self._sender = None
        self._value = (pickle.loads(self._receiver.recv_bytes()),)  # EOFError when nothing was sent
        return self._value[0]

    def close(self) -> None:
        """In the sending process, once its jobs are done: wait for the value to be read (or the
        child to end), and close the pipe."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        for end in (self._sender, self._receiver):
            if end is not None:
                end.close()
        self._sender = self._receiver = None


@dataclass(frozen=True, slots=True)
class Split(Generic[T, R]):
    """A stage over items it treats independently: ``work`` on any part of ``items``, and ``join``
    of the parts' results (in the items' order; one part when the stage runs whole) gives the
    stage's result, the same however the items were cut. ``spread`` deals
    the items out in turn instead of cutting them in two runs, for items whose cost varies with
    their kind in runs (pages: indexes, then articles, then actors)."""

    name: str
    items: Sequence[T]
    work: Callable[[Sequence[T]], R]
    join: Callable[[list[R]], R]
    weight: float = 1.0
    spread: bool = False


PARALLEL_MINIMUM = 200
"""Fewer new articles than this are analysed in this process: starting workers costs seconds."""
SPREAD_MINIMUM = 50
"""Fewer items than this are not worth a fork (``Runner.spreading``): the fork and the results'
trip back cost a few hundredths of a second, reading and cleaning a file about 3 ms."""


def preload(model: str, workers: int, dask_scheduler: str | None = None,
            early: Preloader | None = None) -> Preloader | None:
    """A ``Preloader`` for a build about to start, where it can use a second core: ``workers`` of 2
    or more, no Dask cluster (whose workers load their own pipeline), and a process that may fork
    (Linux, no other thread running: a fork copies only this one). ``early``, one started before
    the configuration was read (``preload_early``), is given the pipeline's name and used, or ended
    when the configuration says not to preload."""
    wanted = workers >= 2 and not dask_scheduler
    if early is not None and early.running:
        if wanted:
            early.adopt(model)  # ends it when the copy is gone
        else:
            early.close()
        return early if early.running else None
    if not wanted or not can_fork() or threading.active_count() > 1:
        return None
    return Preloader.start(model)


def preload_early() -> Preloader | None:
    """A ``Preloader`` started before the build's configuration is read, importing spaCy on a
    second core while this process imports the rest of digest and MkDocs (about 0.4 s here), when
    there is a second core and this process may fork; ``preload`` names the pipeline to it or ends it."""
    if (os.cpu_count() or 1) < 2 or not can_fork() or threading.active_count() > 1:
        return None
    return Preloader.start(None)


class Balance:
    """How the items of the split jobs run side by side were shared out last time, learned from
    how they went: for each set of jobs run together, the share of the split jobs' items this
    process takes. The jobs' weights are rough shares of the time from the benchmark, and the
    true shares vary with the corpus (at 5,000 generated articles the story clustering in the
    forked copy outlasted the actors, related articles and themes here, and this process waited
    for it 0.6 s; on gva-dev's real articles the other way round) and with the results' trip
    back, which the copy pays. So after each run side by side, the share moves by half the time
    the copy's results came late (or early), over the seconds the split jobs took: next time each
    side has about as much to do, on a corpus whose costs barely changed, as a rebuild's. Kept in
    ``path`` (JSON, in the cache folder) between builds; a missing or unreadable file means the
    weights decide. Results never depend on where a job ran, so neither do they on this."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.shares = _read_shares(path) if path is not None else {}
        self.changed = False

    def share(self, phase: str) -> float | None:
        return self.shares.get(phase)

    def learn(self, phase: str, share: float, late: float, seconds: float) -> None:
        """``late``: how long after this process's own jobs the copy's results were here
        (negative: before); ``seconds``: what the split jobs took on both sides."""
        if seconds > 0:
            self.shares[phase] = min(max(share + late / (2 * seconds), 0.0), 1.0)
            self.changed = True

    def save(self) -> None:
        if self.path is not None and self.changed:
            with contextlib.suppress(OSError):
                write_atomically(self.path, json.dumps(self.shares, sort_keys=True, indent=1).encode("utf-8"))


def _read_shares(path: Path) -> dict[str, float]:
    """The shares kept at ``path``; none when the file is missing, unreadable or not shares."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {key: float(share) for key, share in found.items()
            if isinstance(share, (int, float)) and 0.0 <= share <= 1.0}


class Runner:
    """Decides where the work of a build runs. The analysis (``place_analysis``): on the Dask
    cluster when a scheduler is named, on ``workers`` processes when there is enough new work, else
    here. The independent stages (``run``): all in this process, in the order
    given (one worker, or no ``fork``), or across this process and a forked copy of it. Whole jobs
    go to the less loaded side, heaviest first and the forked copy on a tie, so that the memory a
    heavy job takes while it runs is given back when the copy exits; split jobs are shared out so
    that both sides carry about the same weight, or as ``balance`` learned from the last build.
    Results never depend on where a job ran."""

    def __init__(self, timer: StageTimer, workers: int, dask_scheduler: str | None = None,
                 balance: Balance | None = None) -> None:
        self.timer = timer
        self.workers = workers
        self.dask_scheduler = dask_scheduler
        self.balance = balance if balance is not None else Balance()

    def place_analysis(self, new: int) -> Placement:
        """Where ``new`` articles are analysed."""
        if self.dask_scheduler:
            return Placement(scheduler=self.dask_scheduler)
        if self.workers > 1 and new >= PARALLEL_MINIMUM:
            return Placement(processes=self.workers)
        return Placement()

    @property
    def two_sides(self) -> bool:
        return self.workers >= 2 and can_fork()

    def spreading(self, name: str) -> Callable[[Callable[[list], list], list], list]:
        """A function giving ``work(items)`` (a list from a list, item by item): from the two
        sides, each on one half of the items, when there are ``SPREAD_MINIMUM`` or more, else
        from here; timed as the stage ``name``."""
        def spread(work: Callable[[list], list], items: list) -> list:
            if len(items) < SPREAD_MINIMUM:
                with self.timer.stage(name):
                    return work(items)
            (done,) = self.run(Split(name, items, work, concatenated))
            return done
        return spread

    def run(self, *jobs: Job | Split) -> tuple:
        """Every job's result, in the order the jobs were given."""
        if not self.two_sides:
            done = _run({job.name: _whole(job) for job in jobs}, self.timer)
            return tuple(done[job.name] for job in jobs)
        phase = "|".join(sorted(job.name for job in jobs))
        here, there, parts, share = _plan(jobs, self.balance.share(phase))
        handoffs = [job.sends for job in jobs if isinstance(job, Job) and job.sends is not None]
        split_parts = [name for job in jobs if isinstance(job, Split) for name in parts[job.name]]
        before = sum(self.timer.seconds.get(name, 0.0) for name in split_parts)

        def late(seconds: float) -> None:
            spent = sum(self.timer.seconds.get(name, 0.0) for name in split_parts) - before
            self.balance.learn(phase, share, seconds, spent)

        done = side_by_side(here, there, self.timer, self.workers, handoffs, late if split_parts else None)
        return tuple(job.join([done[name] for name in parts[job.name]]) if isinstance(job, Split)
                     else done[job.name] for job in jobs)


def concatenated(parts: Sequence[Sequence[T]]) -> list[T]:
    """The parts' items in order: the join of a ``Split`` whose parts give lists."""
    return [item for part in parts for item in part]


def _whole(job: Job | Split) -> Callable[[], object]:
    return job.run if isinstance(job, Job) else lambda: job.join([job.work(job.items)])


def _plan(jobs: Sequence[Job | Split], learned: float | None = None) -> tuple[dict, dict, dict[str, list[str]], float]:
    """(jobs here, jobs there, the names of each split job's parts, the share of each split job's
    items done here): whole jobs by weight, the splits' share from the weights or ``learned``."""
    sides: tuple[dict, dict] = ({}, {})
    loads = [0.0, 0.0]
    for job in sorted((j for j in jobs if isinstance(j, Job)), key=lambda j: (j.sends is None, -j.weight, j.name)):
        side = 1 if loads[1] <= loads[0] and job.sends is None else 0  # on a tie the child: a heavy job's
        # memory goes when it exits; a sending job here, where the jobs waiting for it cannot be
        sides[side][job.name] = job.run
        loads[side] += job.weight
    splits = [job for job in jobs if isinstance(job, Split)]
    total = sum(job.weight for job in splits)
    if not total:
        share = 0.0
    elif learned is not None:
        share = learned
    else:
        share = min(max((loads[1] - loads[0] + total) / (2 * total), 0.0), 1.0)
    parts = {}
    for job in splits:
        mine, theirs = _cut(job.items, share, job.spread)
        sides[0][job.name] = partial(job.work, mine)
        sides[1][f"{job.name} 2/2"] = partial(job.work, theirs)
        parts[job.name] = [job.name, f"{job.name} 2/2"]
    return sides[0], sides[1], parts, share


def _cut(items: Sequence[T], share: float, spread: bool) -> tuple[list[T], list[T]]:
    """``share`` of the items for this side: the first ones, or (``spread``) every item that brings
    this side's count up to the next whole number of its share."""
    if not spread:
        cut = round(len(items) * share)
        return list(items[:cut]), list(items[cut:])
    mine = [item for i, item in enumerate(items) if int((i + 1) * share) > int(i * share)]
    theirs = [item for i, item in enumerate(items) if int((i + 1) * share) == int(i * share)]
    return mine, theirs
