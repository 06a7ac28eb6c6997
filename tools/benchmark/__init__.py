"""Speed and memory figures for digest (``python -m tools.benchmark --help``)."""

from .cli import main
from .corpus import make_corpus
from .measure import make_project

__all__ = ["main", "make_corpus", "make_project"]
