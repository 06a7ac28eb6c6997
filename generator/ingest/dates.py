"""Reading dates out of headers, bylines and trailers, and last out of the file's path (a
year-month-day in its name or folders, as in "2026-11-04-derby.txt"); the file's mtime is never used."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..models import DateSource, Finding, RemovedLine, Severity
from .clean import is_paragraph

if TYPE_CHECKING:
    from .files import SourceText

_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>\d{{4}})\b", re.I),
)
HEADER = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)
_PATH_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[-_./])(?P<mnum>\d\d)(?P=sep)(?P<day>\d\d)(?!\d)")
"""Year, month and day with one separator, four-digit years from 1900: "20261104" or "11-04-2026"
could be an id or either order, and are not read."""


def path_date(relative_path: str) -> date | None:
    """The last well-formed year-month-day in a file's path: the file name before its folders."""
    found = [when for match in _PATH_DATE.finditer(relative_path) if (when := _to_date(match))]
    return found[-1] if found else None


def find_date(text: str) -> date | None:
    """The first well-formed calendar date in ``text``, or None."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found = _to_date(match)
            if found:
                return found
    return None


def coerce_date(value: object) -> date | None:
    """A front matter value (YAML date, datetime or string) as a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return find_date(value)
    return None


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        month, day = _MONTHS[groups["month"].lower().rstrip(".")], int(groups["day"])
    elif groups.get("mnum"):
        month, day = int(groups["mnum"]), int(groups["day"])
    else:
        # Slashed dates are read month first (US style) unless that is impossible.
        month, day = int(groups["a"]), int(groups["b"])
        if month > 12:
            month, day = day, month
    try:
        return date(year, month, day)
    except ValueError:
        return None


def choose_date(source: SourceText, header: str | None, lines: list[str],
                removed: list[RemovedLine]) -> tuple[date | None, DateSource, list[Finding]]:
    """The most trusted date found, where it came from, and a note when another source disagrees."""
    candidates = []
    fm_date = coerce_date(source.front_matter.get("date"))
    if fm_date:
        candidates.append((fm_date, source.metadata_source))
    if header:
        candidates.append((find_date(header), DateSource.HEADER))
    first_prose = _first_prose(lines, removed)
    candidates.extend(_removed_dates(lines, removed, first_prose))
    candidates.append((dateline_date(lines[first_prose] if first_prose < len(lines) else ""), DateSource.DATELINE))
    candidates.append((path_date(source.relative_path), DateSource.FILE_NAME))
    trust = list(DateSource)  # most trusted first
    candidates = sorted(((when, where) for when, where in candidates if when), key=lambda c: trust.index(c[1]))
    if not candidates:
        undated = Finding(source.relative_path, "no date found; listed under Undated", Severity.NOTE)
        return None, DateSource.NONE, [undated]
    chosen, where = candidates[0]
    findings = [Finding(source.relative_path,
                        f"{other_source.value} date {other.isoformat()} conflicts with {where.value} date "
                        f"{chosen.isoformat()}; kept the {where.value} date", Severity.NOTE)
                for other, other_source in candidates[1:] if other != chosen]
    return chosen, where, findings[:1]


_DATELINE_END = re.compile(r"\s(?:--|[-–—])\s|\)\s*[-–—]|/\s*--")


def dateline_date(first_paragraph: str) -> date | None:
    """A full date in the dateline that opens the first paragraph of text, before its dash
    ("WASHINGTON, Sept. 3, 2025 (AP) -", "CAMBRIDGE, England, April 2, 2026 /PRNewswire/ --")."""
    end = _DATELINE_END.search(first_paragraph[:120])
    return find_date(first_paragraph[:end.start()]) if end else None


def _first_prose(lines: list[str], removed: list[RemovedLine]) -> int:
    """The index of the article's first paragraph among ``lines`` (their count when none is)."""
    gone = {entry.line for entry in removed}
    return next((i for i, line in enumerate(lines) if is_paragraph(line) and line.strip() not in gone), len(lines))


def _removed_dates(lines: list[str], removed: list[RemovedLine],
                   first_prose: int) -> list[tuple[date | None, DateSource]]:
    """Dates on removed lines: before the first paragraph they are bylines, after it trailers."""
    top = {line.strip() for line in lines[:first_prose]}
    found = []
    for entry in removed:
        if entry.rule in ("timestamp", "trailer", "byline", "header-fragment"):
            when = find_date(entry.line)
            if when:
                found.append((when, DateSource.BYLINE if entry.line in top else DateSource.TRAILER))
    return found
