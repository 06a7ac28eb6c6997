"""MkDocs' page work on two cores: a forked copy of the build fills the page cache for part of the pages.

MkDocs converts every page, then themes every page, one after the other in one process; on a
first build (empty page cache) that is most of its time. At the start of each of the two passes,
``PageWork`` forks a child that does to the last part of the generated pages still to be done
exactly what MkDocs would do to them (``_populate_page``, then ``_build_page``), which stores them
in the page cache, and exits. Meanwhile MkDocs goes through the pages in order in this process;
before it reaches the child's part it waits for the child, and then finds those pages in the
cache. Output cannot depend on where a page was made: a page taken from the cache is byte for byte
the page MkDocs would have made (the page cache's own guarantee, and tested here with and without
the child). A page the child logged anything about is left out of the cache, so that MkDocs makes
it again here and its messages (and ``--strict``) see it. If the child fails, its pages are simply
not in the cache and MkDocs makes them here.

This runs only with the page cache, ``workers`` of 2 or more, on Linux (``fork``), for ``mkdocs
build`` and the Python API (not ``serve`` or ``--dirty``), and only when enough pages are to be done
for a child to pay for itself: a rebuild after one new article never forks.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
from collections.abc import Callable, Iterator, Sequence

from jinja2 import Environment
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .pagecache import CachedPage
from .parallel import can_fork

log = logging.getLogger("mkdocs.plugins.digest")

MIN_PAGES = 200
"""Fewer pages to do than this and the child is not worth forking."""
CONVERT_SHARE, THEME_SHARE = 0.45, 0.5
"""The part of each pass's work (by weight) the child takes; the rest, reading the child's pages back
and (while theming) copying the theme's files stay here. Measured on two cores."""
CONVERT_WEIGHT, THEME_WEIGHT = 200, 6500
"""A page's fixed cost, in characters of its text, for splitting each pass (measured: converting
costs about the same per character on every kind of page; theming costs about as much as
6,500 characters before the page's own)."""


class PageWork:
    """Hooks for the plugin: ``convert_beside`` at ``on_nav``, ``theme_beside`` at ``on_env``,
    ``before_page`` at every ``on_pre_page``, ``after_page`` at every ``on_post_page``."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and can_fork()
        self.child: int | None = None
        self.share: list[CachedPage] = []
        self.wait_before: Page | None = None
        """Conversion: the first page of the child's part; MkDocs waits before converting it."""
        self.wait_after: Page | None = None
        """Theming: the page just before the child's part; MkDocs waits after theming it."""

    def convert_beside(self, pages: Sequence[CachedPage], config: MkDocsConfig, files: Files) -> None:
        todo = [page for page in pages if not page.probably_converted()]
        share = self._start(todo, [len(page.file.content_string) + CONVERT_WEIGHT for page in todo], CONVERT_SHARE,
                            lambda page: _convert(page, config, files))
        self.wait_before = share[0] if share else None

    def theme_beside(self, pages: Sequence[CachedPage], config: MkDocsConfig, files: Files,
                     nav: Navigation, env: Environment) -> None:
        todo = [page for page in pages if page.output_key and page.cached_output is None]
        doc_files = files.documentation_pages()
        order = [file.page for file in doc_files]
        if todo and order.index(todo[0]) == 0:
            todo = todo[1:]  # the wait comes after a page MkDocs themes here
        share = self._start(todo, [len(page.content or "") + THEME_WEIGHT for page in todo], THEME_SHARE,
                            lambda page: _theme(page, config, doc_files, nav, env))
        self.wait_after = order[order.index(share[0]) - 1] if share else None

    def before_page(self, page: Page) -> None:
        if page is self.wait_before:
            self.wait_before = None
            self.join()

    def after_page(self, page: Page) -> None:
        if page is self.wait_after:
            self.wait_after = None
            self.join()
            for done in self.share:
                done.reload()  # now themed in the cache: printed as it is

    def join(self) -> None:
        """Wait for the child; its pages are in the page cache, or (if it failed) will be made here."""
        if self.child is None:
            return
        _, status = os.waitpid(self.child, 0)
        self.child = None
        if os.waitstatus_to_exitcode(status) != 0:
            log.info("the pages made beside this build failed in their process; making them here")

    def stop(self) -> None:
        """After a failed build: end the child without waiting for its work."""
        if self.child is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.child, signal.SIGKILL)
            self.join()

    def _start(self, todo: list[CachedPage], weights: list[int], part: float,
               work: Callable[[CachedPage], object]) -> list[CachedPage]:
        """Fork a child doing ``work`` to the last part of ``todo``; that part, or [] when not worth it."""
        self.join()
        self.share = []
        if not self.enabled or len(todo) < MIN_PAGES:
            return []
        share = _tail(todo, weights, part)
        pid = os.fork()
        if pid == 0:  # the child: never returns into MkDocs
            code = 1
            try:
                _child(share, work)
                code = 0
            finally:
                os._exit(code)
        self.child, self.share = pid, share
        return share


def _tail(items: list[CachedPage], weights: list[int], part: float) -> list[CachedPage]:
    """The shortest run at the end of ``items`` that carries ``part`` of the total weight."""
    goal, carried = part * sum(weights), 0
    for index in range(len(items) - 1, -1, -1):
        carried += weights[index]
        if carried >= goal:
            return items[index:]
    return items


def _child(share: list[CachedPage], work: Callable[[CachedPage], object]) -> None:
    gc.freeze()  # the build's objects stay shared with the parent: the collector never visits them
    with recorded_logs() as records:
        for page in share:
            logged = len(records)
            work(page)
            if len(records) > logged:
                page.cache.forget(page.cache_key)  # MkDocs makes it again in the build process, messages and all


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
