"""Where the article is among a file's lines: the span that holds the most prose.

A saved page's text holds the article among menus, teasers, captions, footers and comments. We
score each line, prose for and anything else against, and take the contiguous span with the
highest total (the maximum-sum subarray, in linear time). This is the idea of Body Text Extraction
(Finn, Kushmerick and Smyth, 2001: the region that maximises text tokens inside and tag tokens
outside), with lines in place of tags, as the tags are gone in plain text; the line signals are
those jusText (Pomikálek, 2011) uses without links: length, stop-word share and sentence shape.

The constants were chosen on the even-numbered pages (by sorted id) of
``../shared/eval/scrapinghub-dev`` and checked on the odd ones; the other dev sets (clean articles)
check that no prose is lost: see the README's cleaning table.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from .titles import title_cased

PROSE_WORDS = 8
"""A line of prose has at least this many words and ends like a sentence..."""
LONG_PROSE_WORDS = 25
"""...or has at least this many (a truncated scrape, an article written as one line)."""
MIN_STOP_SHARE = 0.15
"""Prose is written with function words; lists of names and teaser headlines have few."""
MIN_COST = 5
"""A line that is not prose counts against the span by its words, and by at least this many."""
RULE_WEIGHT = 2
"""A line a residue rule removed (a timestamp, a share line) is twice that evidence against."""

STOP_WORDS = frozenset("""a an the of to in on at for and or but nor with by from that as is was are were be been
being has have had will would could should may might must can it its his her their our your my this these
those if than into over about after before between during since until while when where which who whom
whose because not no so also just very more most such said says he she they we you i them him us me what
there here then do does did how all some any one out up""".split())

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[\"”]\s*$")


def stop_share(words: Sequence[str]) -> float:
    return sum(word.lower() in STOP_WORDS for word in words) / len(words) if words else 0.0


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def is_prose(line: str) -> bool:
    """A line that reads as article text: long enough, shaped as sentences, with function words."""
    words = _WORD.findall(line)
    long_enough = len(words) >= LONG_PROSE_WORDS or (len(words) >= PROSE_WORDS and ends_sentence(line))
    return long_enough and stop_share(words) >= MIN_STOP_SHARE


def joins_article(line: str, above: bool = False) -> bool:
    """A line right next to the article that belongs to it: a short sentence, or (below the article,
    unless ``above``) one cut off mid-way."""
    words = _WORD.findall(line)
    if len(words) >= 3 and (ends_sentence(line) or words[-1].lower() in STOP_WORDS - {"said", "says"}):
        return True  # a sentence, or one wrapped after a word that cannot end it ("...and" / "NATO said")
    return not above and len(words) >= PROSE_WORDS and stop_share(words) >= 0.25 and not title_cased(line)


def line_score(line: str, removed_by_rule: bool, tabular: bool = False) -> int:
    """Prose counts for the article by its words; a row of a table (``tabular``) for nothing either
    way, as results and standings sit inside reports; anything else against it."""
    words = len(_WORD.findall(line))
    if not removed_by_rule and is_prose(line):
        return words
    if tabular:
        return 0
    return -max(words, MIN_COST) * (RULE_WEIGHT if removed_by_rule else 1)


TABLE_ROWS = 3
"""Lines of data in a row (blank lines between) that make a table: results, standings. One or two
such lines are as often a timestamp or "Image 1 of 5"."""


def tabular_lines(lines: Sequence[str], removed_by_rule: Sequence[bool]) -> frozenset[int]:
    """Indices of the lines in runs of ``TABLE_ROWS`` or more data lines that no rule removed."""
    rows = [(index, not removed_by_rule[index] and is_data(_WORD.findall(line)) and not is_prose(line))
            for index, line in enumerate(lines) if line.strip()]
    found: set[int] = set()
    for is_row, run in itertools.groupby(rows, key=lambda row: row[1]):
        indices = [index for index, _ in run]
        if is_row and len(indices) >= TABLE_ROWS:
            found.update(indices)
    return frozenset(found)


def is_data(words: Sequence[str]) -> bool:
    """A line of two numbers or more: "Brockley Town 1-2 Harrow Harriers", "2. Castleford 33 pts"."""
    return sum(word.isdigit() for word in words) >= 2


def article_span(lines: Sequence[str], removed_by_rule: Sequence[bool]) -> tuple[int, int] | None:
    """(first, last) index of the article's lines; None when no line is prose (keep them all).

    Blank lines score nothing. The span is then widened over directly adjacent lines that
    belong to the article (a short first or last sentence, a last sentence cut off)."""
    best, best_start, best_end, total, start = 0, 0, -1, 0, 0
    tabular = tabular_lines(lines, removed_by_rule)
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if total <= 0:
            total, start = 0, index
        total += line_score(line, removed_by_rule[index], index in tabular)
        if total > best:
            best, best_start, best_end = total, start, index
    if best_end < 0:
        return None
    return _widen(lines, removed_by_rule, best_start, best_end)


def _widen(lines: Sequence[str], removed_by_rule: Sequence[bool], first: int, last: int) -> tuple[int, int]:
    """Past the span, lines that belong to the article join it, over lines a rule removes anyway;
    but over a removed line above it, only a line read as a sentence: one without a full stop above
    a dateline or a byline is the headline ("Meridian Power restores electricity to most homes after
    storm" / "June 3, 2026")."""
    while ((before := _next_kept(lines, removed_by_rule, first, -1)) is not None
           and joins_article(lines[before], above=any(removed_by_rule[before + 1:first]))):
        first = before
    while (after := _next_kept(lines, removed_by_rule, last, 1)) is not None and joins_article(lines[after]):
        last = after
    return first, last


def _next_kept(lines: Sequence[str], removed_by_rule: Sequence[bool], index: int, step: int) -> int | None:
    index += step
    while 0 <= index < len(lines) and (not lines[index].strip() or removed_by_rule[index]):
        index += step
    return index if 0 <= index < len(lines) else None
