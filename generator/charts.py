"""Charts drawn at build time as inline SVG, readable in light and dark mode, each with a text alternative.

Bars and text use the theme's colours (``currentColor`` and Material's primary colour) so the
charts follow the light/dark toggle; series colours are mid-tones that read on both backgrounds.
Nothing is fetched at view time: no script, no CDN.
"""

from __future__ import annotations

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


def _bucket_of(day: date, points: list[date]) -> date:
    return day if points[-1] - points[0] == timedelta(days=len(points) - 1) else day - timedelta(days=day.weekday())


def bar_chart(chart_id: str, title: str, days: Sequence[date]) -> Chart | None:
    """Articles per day (or week) as bars."""
    if not days:
        return None
    points = buckets(days)
    counts = Counter(_bucket_of(d, points) for d in days)
    values = [counts.get(p, 0) for p in points]
    top = max(values)
    step = (WIDTH - 2 * MARGIN) / len(points)
    bars = "".join(
        f'<rect x="{MARGIN + i * step + step * 0.1:.1f}" y="{_y(v, top):.1f}" width="{step * 0.8:.1f}" '
        f'height="{HEIGHT - MARGIN - _y(v, top):.1f}" fill="var(--md-primary-fg-color, #4e79a7)"/>'
        for i, v in enumerate(values) if v)
    description = f"{title}: " + "; ".join(f"{_label(p)}: {v}" for p, v in zip(points, values, strict=True) if v)
    return Chart(_svg(chart_id, title, description, bars + _axes(points, top)), title, description)


def line_chart(chart_id: str, title: str, series: Mapping[str, Sequence[date]]) -> Chart | None:
    """One line per named series (actors, themes), counted per day or week."""
    series = {name: days for name, days in series.items() if days}
    if not series:
        return None
    points = buckets([d for days in series.values() for d in days])
    counted = {name: Counter(_bucket_of(d, points) for d in days) for name, days in series.items()}
    top = max(max(c.values()) for c in counted.values())
    step = (WIDTH - 2 * MARGIN) / max(len(points) - 1, 1)
    parts, words = [], []
    for number, (name, counts) in enumerate(counted.items()):
        colour = PALETTE[number % len(PALETTE)]
        coords = " ".join(f"{MARGIN + i * step:.1f},{_y(counts.get(p, 0), top):.1f}" for i, p in enumerate(points))
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<text x="{WIDTH - MARGIN}" y="{14 + 14 * number}" text-anchor="end" font-size="11" '
                     f'fill="{colour}">{html.escape(name)}</text>')
        words.append(f"{name} {sum(counts.values())}")
    description = f"{title}: " + "; ".join(words)
    return Chart(_svg(chart_id, title, description, "".join(parts) + _axes(points, top)), title, description)


def _y(value: int, top: int) -> float:
    return HEIGHT - MARGIN - (HEIGHT - 2 * MARGIN) * value / top if top else HEIGHT - MARGIN


def _label(day: date) -> str:
    return f"{day.day} {day:%b} {day.year}"


def _axes(points: list[date], top: int) -> str:
    baseline = f'<line x1="{MARGIN}" y1="{HEIGHT - MARGIN}" x2="{WIDTH - MARGIN}" y2="{HEIGHT - MARGIN}" ' \
               f'stroke="currentColor" stroke-opacity="0.5"/>'
    labels = (f'<text x="{MARGIN}" y="{HEIGHT - 8}" font-size="11" fill="currentColor">{_label(points[0])}</text>'
              f'<text x="{WIDTH - MARGIN}" y="{HEIGHT - 8}" font-size="11" text-anchor="end" '
              f'fill="currentColor">{_label(points[-1])}</text>'
              f'<text x="4" y="{MARGIN + 4}" font-size="11" fill="currentColor">{top}</text>')
    return baseline + labels


def _svg(chart_id: str, title: str, description: str, body: str) -> Markup:
    return Markup(
        f'<div class="digest-chart"><svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{html.escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{html.escape(description)}</desc>{body}</svg></div>')
