"""Speed and memory figures for digest (``python -m tools.benchmark --help``).

The names below are imported when first used (PEP 562), not with the package: every build the
benchmark times runs ``tools.benchmark.one_build`` in a fresh process, and importing the
benchmark's own command line there (click, the corpus maker, the measuring code: about 0.12 s)
delayed the build's start, and the forking of its preloading copy, by as much, in a figure
meant to be what a user's ``digest build`` costs.
"""

from __future__ import annotations

from importlib import import_module

_WHERE = {"main": ".cli", "make_corpus": ".corpus", "make_project": ".measure"}

__all__ = ["main", "make_corpus", "make_project"]


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_WHERE[name], __name__), name)
