"""MkDocs' page work on two cores: a forked copy of the build fills the page cache for part of the pages.

MkDocs converts every page, then themes every page, one after the other in one process; on a
first build (empty page cache) that is most of its time. At the start of each of the two passes,
``PageWork`` lists the generated pages still to be done and forks a child that takes them one by
one from the end of the list, doing to each exactly what MkDocs would (``_populate_page``, then
``_build_page``), which stores it in the page cache. Meanwhile MkDocs goes through the pages in
order in this process, taking each from the front of the list before it starts on it; where the
two meet, this process waits for the child to finish its page and then finds the child's pages in
the cache. Whichever process runs faster simply does more pages. Output cannot depend on where a
page was made: a page taken from the cache is byte for byte the page MkDocs would have made (the
page cache's own guarantee, and tested here with and without the child). A page the child logged
anything about is left out of the cache, so that MkDocs makes it again here and its messages (and
``--strict``) see it. If the child fails, its pages are simply not in the cache and MkDocs makes
them here.

This runs only with the page cache, ``workers`` of 2 or more, on Linux (``fork``), for ``mkdocs
build`` and the Python API (not ``serve`` or ``--dirty``, nor in a process running other threads),
and only when enough pages are to be done for a child to pay for itself (``MIN_PAGES``).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence

from jinja2 import Environment
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ...runner import can_fork
from .pagecache import CachedPage

log = logging.getLogger("mkdocs.plugins.digest")

MIN_PAGES = 10
"""Fewer pages to do than this and the child is not worth forking. It was 200, so that a rebuild
after one new article never forked; but such a rebuild converts and themes tens of changed pages
with the second core idle, and forking for them saved 0.3 to 0.9 s of 4 to 5 s gva-dev rebuilds
(two articles, three alternating pairs each, 10 against 200)."""
LOCK_SECONDS = 10.0
"""Longer than this for the shared position and the child is taken to have died holding it."""


class Meeting:
    """Where this process, taking pages from the front of a list, meets the child, taking them from
    the back. Shared memory and a lock, made before the fork."""

    def __init__(self, count: int, taken: int = 0) -> None:
        context = multiprocessing.get_context("fork")
        self.lock = context.Lock()
        self.bounds = context.RawArray("q", [taken, count])
        """[pages taken from the front, the first page taken from the back]."""

    def take_front(self, index: int) -> bool:
        """This process is about to do page ``index``: False when the child has it already."""
        if not self.lock.acquire(timeout=LOCK_SECONDS):
            return False
        try:
            if index < self.bounds[1]:
                self.bounds[0] = max(self.bounds[0], index + 1)
                return True
            return False
        finally:
            self.lock.release()

    def take_back(self) -> int | None:
        """The child's next page, from the back; None when the two have met."""
        with self.lock:
            index = self.bounds[1] - 1
            if index < self.bounds[0]:
                return None
            self.bounds[1] = index
            return index


class PageWork:
    """Hooks for the plugin: ``convert_beside`` at ``on_nav``, ``theme_beside`` at ``on_env``,
    ``before_page`` at every ``on_pre_page``, ``after_page`` at every ``on_post_page``."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and can_fork()
        self.child: int | None = None
        self.meeting: Meeting | None = None
        self.todo: list[CachedPage] = []
        self.index: dict[int, int] = {}
        """id(page) -> its place in ``todo``."""
        self.theming = False
        self.child_from: int | None = None
        """Where the child's pages start, once the two have met."""

    def convert_beside(self, pages: Sequence[CachedPage], config: MkDocsConfig, files: Files) -> None:
        if not self.enabled:
            return  # listing the pages to do reads every page's front matter: not for nothing
        todo = [page for page in pages if not page.probably_converted()]
        self._start(todo, lambda page: _convert(page, config, files), theming=False)

    def theme_beside(self, pages: Sequence[CachedPage], config: MkDocsConfig, files: Files,
                     nav: Navigation, env: Environment) -> None:
        todo = [page for page in pages if page.needs_theming()]
        doc_files = files.documentation_pages()
        self._start(todo, lambda page: _theme(page, config, doc_files, nav, env), theming=True)

    def before_page(self, page: Page) -> None:
        """Before MkDocs converts ``page``."""
        index = self.index.get(id(page))
        if not self.theming and index is not None and self.child_from is None:
            self._take(index)  # if the child has it, it is in the cache now

    def after_page(self, page: Page) -> None:
        """After MkDocs themed ``page``: the next page to theme is taken now, before MkDocs picks its
        template (the template says whether the page comes from the cache). A page the child themed
        is read back only then, one at a time."""
        index = self.index.get(id(page))
        if not self.theming or index is None or index + 1 >= len(self.todo):
            return
        if self.child_from is not None or not self._take(index + 1):
            self.todo[index + 1].reload()  # printed as the child themed it

    def _take(self, index: int) -> bool:
        """Whether this process does page ``index``; if not, the child has done it and the rest."""
        if self.meeting is None or self.meeting.take_front(index):
            return True
        self.join()
        self.child_from = index
        return False

    def join(self) -> None:
        """Wait for the child; its pages are in the page cache, or (if it failed) will be made here."""
        self.meeting = None
        if self.child is None:
            return
        _, status = os.waitpid(self.child, 0)
        self.child = None
        if os.waitstatus_to_exitcode(status) != 0:
            log.info("the pages made beside this build failed in their process; making them here")

    def stop(self) -> None:
        """After a failed build: end the child without waiting for its work."""
        self.meeting = None
        if self.child is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.child, signal.SIGKILL)
            os.waitpid(self.child, 0)
            self.child = None

    def _start(self, todo: list[CachedPage], work: Callable[[CachedPage], object], theming: bool) -> None:
        """Fork a child doing ``work`` to the pages of ``todo`` from the back, when worth it. While
        theming, the first page is this process's from the start (nothing comes before it to
        take it at)."""
        self.join()
        self.todo, self.index, self.theming, self.child_from = [], {}, theming, None
        if not self.enabled or len(todo) < MIN_PAGES or threading.active_count() > 1:
            return  # a fork copies only this thread: never fork beside others (a live-reload server)
        try:
            meeting = Meeting(len(todo), taken=1 if theming else 0)
        except (OSError, ImportError):  # no shared semaphores here (some containers): one process
            return
        todo[0].cache.store.release()  # no database connection crosses the fork
        pid = os.fork()
        if pid == 0:  # the child: never returns into MkDocs
            code = 1
            try:
                _child(todo, meeting, work)
                code = 0
            finally:
                os._exit(code)
        self.child, self.meeting, self.todo = pid, meeting, todo
        self.index = {id(page): number for number, page in enumerate(todo)}


def _child(todo: Sequence[CachedPage], meeting: Meeting, work: Callable[[CachedPage], object]) -> None:
    gc.freeze()  # the build's objects stay shared with the parent: the collector never visits them
    with recorded_logs() as records:
        while (index := meeting.take_back()) is not None:
            page, logged = todo[index], len(records)
            work(page)
            if len(records) > logged:
                page.cache.forget(page.cache_key)  # MkDocs makes it again in the build process, messages and all
    if todo:
        todo[0].cache.store.release()  # the records stored together, before the build process reads them


def _convert(page: CachedPage, config: MkDocsConfig, files: Files) -> None:
    mkdocs_build._populate_page(page, config, files)
    page.keep_converted()


def _theme(page: CachedPage, config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation,
           env: Environment) -> None:
    mkdocs_build.utils.write_file = _no_write  # the build process writes the page, from the cache
    mkdocs_build._build_page(page, config, doc_files, nav, env)


def _no_write(content: bytes, output_path: str) -> None:
    """In the child: nothing is written but the page cache."""


class _Recorder(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.INFO)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def recorded_logs() -> Iterator[list[logging.LogRecord]]:
    """While open, nothing logged (at INFO or above) is printed; it is recorded in the yielded list."""
    records: list[logging.LogRecord] = []
    recorder = _Recorder(records)
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    saved = [list(logger.handlers) for logger in loggers]
    for logger in loggers:
        logger.handlers = [recorder]
    try:
        yield records
    finally:
        for logger, handlers in zip(loggers, saved, strict=True):
            logger.handlers = handlers
