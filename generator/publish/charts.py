"""Charts drawn at build time as inline SVG, readable in light and dark mode, each with a text alternative.

Bars and text use the theme's colours (``currentColor`` and Material's primary colour) so the
charts follow the light/dark toggle; series colours are mid-tones that read on both backgrounds.
Nothing is fetched at view time: no script, no CDN.
"""

from __future__ import annotations

import functools
import html
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

WIDTH, HEIGHT, MARGIN = 640, 180, 28
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1")


@dataclass(frozen=True, slots=True)
class Chart:
    svg: Markup
    title: str
    description: str
    """The chart's content in words: its text alternative, also printed under it."""


def buckets(days: Sequence[date]) -> list[date]:
    """Every day from the first to the last when that is at most 62 days, else every Monday."""
    first, last = min(days), max(days)
    if (last - first).days <= 62:
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]
    monday = first - timedelta(days=first.weekday())
    return [monday + timedelta(weeks=i) for i in range((last - monday).days // 7 + 1)]


def _daily(points: list[date]) -> bool:
    return points[-1] - points[0] == timedelta(days=len(points) - 1)


def _bucket_of(day: date, daily: bool) -> date:
    """The bar a day falls in: the day itself on a daily axis (``_daily``), else its week's Monday."""
    return day if daily else day - timedelta(days=day.weekday())


def bar_chart(chart_id: str, title: str, days: Sequence[date], collected: Sequence[date] = ()) -> Chart | None:
    """Articles per day (or week) as bars. Periods in which the collection has no article at all
    (``collected``: the dates of every article; by default ``days``) are shaded and named as gaps,
    so that a gap in the collection does not read as a quiet day."""
    if not days:
        return None
    points = buckets(days)
    daily = _daily(points)
    counts = Counter(_bucket_of(d, daily) for d in days)
    values = [counts.get(p, 0) for p in points]
    top = max(values)
    step = (WIDTH - 2 * MARGIN) / len(points)
    gaps = _gaps(points, collected or days)
    bars = "".join(
        f'<rect x="{MARGIN + i * step + step * 0.1:.1f}" y="{_y(v, top):.1f}" width="{step * 0.8:.1f}" '
        f'height="{HEIGHT - MARGIN - _y(v, top):.1f}" fill="var(--md-primary-fg-color, #4e79a7)"/>'
        for i, v in enumerate(values) if v)
    description = f"{title}: " + "; ".join(f"{_label(p, daily)}: {v}" for p, v in zip(points, values, strict=True) if v)
    description += _gap_words(points, gaps)
    body = _shade(gaps, MARGIN, step, MARGIN, HEIGHT - MARGIN) + bars + _axes(points, top, daily)
    return Chart(_svg(chart_id, title, description, body, HEIGHT), title, description)


ROW, LABEL = 30, 170
"""Small multiples: the height of one series' row and the width of the names' column."""


def small_multiples(chart_id: str, title: str, series: Mapping[str, Sequence[date]],
                    collected: Sequence[date] = ()) -> Chart | None:
    """One row of bars per named series (actors, themes) on a shared time axis and a shared scale,
    so that series which share articles never hide one another; gaps in the collection are shaded
    across every row."""
    series = {name: days for name, days in series.items() if days}
    if not series:
        return None
    points = buckets([d for days in series.values() for d in days] + list(collected))
    daily = _daily(points)
    counted = {name: Counter(_bucket_of(d, daily) for d in days) for name, days in series.items()}
    top = max(max(c.values()) for c in counted.values())
    step = (WIDTH - LABEL - MARGIN) / len(points)
    height = 8 + ROW * len(series) + MARGIN
    gaps = _gaps(points, collected or [d for days in series.values() for d in days])
    parts = [_shade(gaps, LABEL, step, 8, 8 + ROW * len(series))]
    words = []
    for number, (name, counts) in enumerate(counted.items()):
        base = 8 + ROW * (number + 1)
        total = sum(counts.values())
        parts.append(f'<text x="{LABEL - 8}" y="{base - 8}" text-anchor="end" font-size="12" '
                     f'fill="currentColor">{html.escape(_short(name))} ({total})</text>')
        parts.append(f'<line x1="{LABEL}" y1="{base}" x2="{WIDTH - MARGIN}" y2="{base}" '
                     f'stroke="currentColor" stroke-opacity="0.4"/>')
        for i, point in enumerate(points):
            value = counts.get(point, 0)
            if value:
                tall = (ROW - 6) * value / top
                parts.append(f'<rect x="{LABEL + i * step + step * 0.1:.1f}" y="{base - tall:.1f}" '
                             f'width="{step * 0.8:.1f}" height="{tall:.1f}" fill="{PALETTE[number % len(PALETTE)]}"/>')
        busiest = max(points, key=lambda p: counts.get(p, 0))  # max keeps the first, the earliest, on a tie
        words.append(f"{name} {total} (most {'on' if daily else 'in the'} {_label(busiest, daily)}: "
                     f"{counts[busiest]})")
    axis = (f'<text x="{LABEL}" y="{height - 8}" font-size="11" fill="currentColor">{_label(points[0], daily)}</text>'
            f'<text x="{WIDTH - MARGIN}" y="{height - 8}" font-size="11" text-anchor="end" '
            f'fill="currentColor">{_label(points[-1], daily)}</text>')
    description = f"{title}, on one scale (tallest bar: {top}): " + "; ".join(words) + _gap_words(points, gaps)
    return Chart(_svg(chart_id, title, description, "".join(parts) + axis, height), title, description)


@functools.lru_cache(maxsize=8)
def _covered(collected: tuple[date, ...], daily: bool) -> frozenset[date]:
    """The bars that hold a collected day: the same for every chart of a site, so made once."""
    return frozenset(_bucket_of(d, daily) for d in collected)


def _gaps(points: list[date], collected: Sequence[date]) -> list[int]:
    """The periods (by position) in which the collection has no article."""
    daily = _daily(points)
    covered = _covered(tuple(collected), daily)
    return [i for i, point in enumerate(points) if point not in covered]


def _shade(gaps: list[int], left: float, step: float, top: float, bottom: float) -> str:
    """One shaded band per run of consecutive gaps."""
    runs: list[list[int]] = []
    for i in gaps:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return "".join(f'<rect x="{left + run[0] * step:.1f}" y="{top:.1f}" width="{step * len(run):.1f}" '
                   f'height="{bottom - top:.1f}" fill="currentColor" fill-opacity="0.08">'
                   f'<title>no articles collected</title></rect>' for run in runs)


def _gap_words(points: list[date], gaps: list[int]) -> str:
    if not gaps:
        return ""
    unit = "day" if _daily(points) else "week"
    named = ", ".join(_label(points[i]) for i in gaps[:5]) + (", …" if len(gaps) > 5 else "")
    return (f"; no articles collected in {len(gaps)} of {len(points)} {unit}s, shaded "
            f"({'weeks of ' if unit == 'week' else ''}{named})")


def _short(name: str, limit: int = 24) -> str:
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def _y(value: int, top: int) -> float:
    return HEIGHT - MARGIN - (HEIGHT - 2 * MARGIN) * value / top if top else HEIGHT - MARGIN


def _label(day: date, daily: bool = True) -> str:
    """A bar's date; on a weekly axis, the week it stands for ("week of 16 Feb 2026", a Monday)."""
    return f"{'' if daily else 'week of '}{day.day} {day:%b} {day.year}"


def _axes(points: list[date], top: int, daily: bool) -> str:
    baseline = f'<line x1="{MARGIN}" y1="{HEIGHT - MARGIN}" x2="{WIDTH - MARGIN}" y2="{HEIGHT - MARGIN}" ' \
               f'stroke="currentColor" stroke-opacity="0.5"/>'
    labels = (f'<text x="{MARGIN}" y="{HEIGHT - 8}" font-size="11" '
              f'fill="currentColor">{_label(points[0], daily)}</text>'
              f'<text x="{WIDTH - MARGIN}" y="{HEIGHT - 8}" font-size="11" text-anchor="end" '
              f'fill="currentColor">{_label(points[-1], daily)}</text>'
              f'<text x="4" y="{MARGIN + 4}" font-size="11" fill="currentColor">{top}</text>')
    return baseline + labels


def _svg(chart_id: str, title: str, description: str, body: str, height: int) -> Markup:
    return Markup(
        f'<div class="digest-chart"><svg viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{html.escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{html.escape(description)}</desc>{body}</svg></div>')
