"""The audit trail's invariant: every word of a file's text ends up in exactly one place.

The places are the title (when it was a line of the file), the header (date line and dateline),
the article text, and the removed lines with their rules. Words are compared as a multiset, so a
word lost, or a word counted in two places, both show.
"""

from __future__ import annotations

from collections import Counter

from ..models import Article, TitleSource
from .clean import words
from .files import SourceText


def unaccounted(source: SourceText, article: Article) -> Counter[str]:
    """Words of ``source`` not in exactly one place of ``article`` (missing or doubled); empty when whole."""
    given = Counter(_folded(source.body))
    for line in source.removed:
        given.update(_folded(line.line))
    placed: Counter[str] = Counter()
    for part in _places(article):
        placed.update(_folded(part))
    return (given - placed) + (placed - given)


def _folded(text: str) -> list[str]:
    """The words of ``text`` whatever their case: an all-capitals headline is shown in sentence case."""
    return [word.casefold() for word in words(text)]


def _places(article: Article) -> list[str]:
    title = [article.title] if article.title_source == TitleSource.HEADLINE else []
    return [*title, *article.header, *article.paragraphs, *(r.line for r in article.removed)]
