"""Speed-ups for the MkDocs stage that lean on other projects' internals: the page cache and its
store (``pagecache``, over ``generator/store.py``), page work on two cores (``pagework``), a leaner inline
Markdown pass (``leaninline``) and pages, feeds and assets not written when unchanged (``unwritten``). Each stays
only while it saves a tenth of the MkDocs stage at 2,000 articles (``python -m tools.benchmark
--speedups-only``); the navigation rendered once per folder saved 5 to 11 % and was removed.

Each can be turned off by name (the ``speedups`` option), and all of them turn themselves off, with
one warning, when an installed package they lean on is not the version they were tested with:
the build is the same, byte for byte, without them (tested), only slower. This module imports
nothing heavy: the configuration reads ``NAMES`` from it.

One more leans on spaCy's: ``spacyimport`` imports spaCy without its command line in the copy of
the build that preloads the pipeline, and loads every pipeline without the default tokenizer its
saved one replaces. That copy starts before the configuration is read, so the option does not
name it; it is used only with the spaCy version it was tested with."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version

NAMES = ("page-cache", "page-work", "lean-inline", "unwritten")
"""``page-work`` works on the page cache's pages, so it needs ``page-cache``."""
TESTED_WITH = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2", "jinja2": "3.1.6", "markdown": "3.11.3"}
"""The exact versions of the packages whose internals the speed-ups use."""

log = logging.getLogger("digest.speedups")  # outside MkDocs' loggers: the warning never fails a --strict build


def active(wanted: Iterable[str]) -> frozenset[str]:
    """The speed-ups to use: those ``wanted``, when the installed packages are the tested ones."""
    wanted = frozenset(wanted)
    return wanted if wanted and versions_tested() else frozenset()


@functools.cache
def versions_tested() -> bool:
    """True when every package in ``TESTED_WITH`` is installed at that version; else one warning."""
    for package, tested in TESTED_WITH.items():
        try:
            found = version(package)
        except PackageNotFoundError:
            found = "missing"
        if found != tested:
            log.warning("digest: speed-ups off: %s is %s here, they were tested with %s; the site is the same "
                        "without them, only slower to build", package, found, tested)
            return False
    return True
