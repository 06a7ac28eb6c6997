"""Digests by date: for each day and ISO week, its stories, the most covered first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from ..models import DigestItem, Entry, Period, Story


def build_periods(entries: Sequence[Entry], stories: Sequence[Story]) -> tuple[Period, ...]:
    """Every day and week with a dated article: days newest first, then weeks newest first."""
    days: dict[date, list[Entry]] = defaultdict(list)
    weeks: dict[date, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.article.date:
            days[entry.article.date].append(entry)
            weeks[_monday(entry.article.date)].append(entry)
    periods = [_period("day", day, day, days[day]) for day in sorted(days, reverse=True)]
    periods += [_period("week", monday, monday + timedelta(days=6), weeks[monday])
                for monday in sorted(weeks, reverse=True)]
    return tuple(periods)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _period(kind: str, start: date, end: date, entries: list[Entry]) -> Period:
    if kind == "day":
        key, label = start.isoformat(), f"{start.day} {start:%B %Y}"
    else:
        year, week, _ = start.isocalendar()
        key, label = f"{year}-W{week:02d}", f"Week {week}, {year} ({start.day} {start:%B} to {end.day} {end:%B})"
    return Period(kind, key, label, start, end, _items(entries))


def _items(entries: list[Entry]) -> tuple[DigestItem, ...]:
    """Stories by the number of their articles in the period, then newest; lone articles count one."""
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.story_id or f"article:{entry.id}"].append(entry)
    items = [DigestItem(None if key.startswith("article:") else key, tuple(e.id for e in group))
             for key, group in grouped.items()]
    newest = {item: max(e.article.date for e in grouped[item.story_id or f"article:{item.article_ids[0]}"])
              for item in items}
    return tuple(sorted(items, key=lambda i: (-len(i.article_ids), -newest[i].toordinal(), i.story_id or "",
                                              i.article_ids)))
