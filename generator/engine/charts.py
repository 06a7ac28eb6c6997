"""Charts handed to MkDocs beside a page's Markdown, not through it.

A generated page's charts are inline SVG, one raw HTML line each, which Python-Markdown passes
through untouched. They change more often than the text around them: the collection's gaps are
shaded on every actor and theme chart, so one article dated in an empty week redraws the charts
of every actor and theme whose span covers it (120 of the 207 pages one added gva-dev article
changed, chart and nothing else). So the plugin cuts each chart out of the Markdown it hands
to MkDocs, leaving a comment in its place, and puts it back into the themed page: a page
whose only change is a chart is then neither converted, themed nor indexed again (its Markdown,
as the page cache sees it, did not change), and the charts' text (axis labels, "no articles
collected" on every shaded bar) stays out of the search index, where it was noise.

Only digest writes a line that starts with ``<div class="digest-chart">``: untrusted text has its
``<`` written as an entity, so no article can make one, or a placeholder.
"""

from __future__ import annotations

_OPENING = '<div class="digest-chart">'
_CLOSING = "</div>"
_PLACE = "<!-- digest-chart {} -->"


def cut_charts(markdown: str) -> tuple[str, tuple[str, ...]]:
    """The Markdown with each chart line replaced by a numbered comment, and the charts in order.
    A chart line starts with ``_OPENING`` and ends with ``_CLOSING``; the lines are found with
    ``str.find`` (a page's Markdown is scanned in C, not position by position by a pattern)."""
    charts: list[str] = []
    kept: list[str] = []
    done = 0
    start = markdown.find(_OPENING)
    while start >= 0:
        end = markdown.find("\n", start)
        end = len(markdown) if end < 0 else end
        line = markdown[start:end]
        if (start == 0 or markdown[start - 1] == "\n") and line.endswith(_CLOSING):
            kept += [markdown[done:start], _PLACE.format(len(charts))]
            charts.append(line)
            done = end
        start = markdown.find(_OPENING, end)
    return ("".join(kept) + markdown[done:] if charts else markdown), tuple(charts)


def put_back(html: str, charts: tuple[str, ...]) -> str:
    """The themed page with each placeholder replaced by its chart."""
    for number, chart in enumerate(charts):
        html = html.replace(_PLACE.format(number), chart, 1)
    return html
