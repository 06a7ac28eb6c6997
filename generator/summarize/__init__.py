"""Extractive summaries: summarizers share one call shape and are chosen by name in the config."""

from __future__ import annotations

from ..models import Analysis
from .base import WINDOW, Summarizer, SummaryContext, eligible, without_dateline
from .centrality import centrality
from .lead import lead
from .lexrank import lexrank
from .news import news
from .reuse import Part, Reuse

SUMMARIZERS: dict[str, Summarizer] = {"news": news, "centrality": centrality, "lead": lead, "lexrank": lexrank}

__all__ = ["SUMMARIZERS", "Part", "Reuse", "Summarizer", "SummaryContext", "eligible", "summarize", "without_dateline"]


def summarize(analysis: Analysis, count: int, method: str, context: SummaryContext,
              reuse: Reuse | None = None, part: Part | None = None) -> tuple[str, ...]:
    """The chosen sentences' text, in article order; the article's first sentence without the
    dateline it opens on (the page shows it in the text; a summary is read without it). With
    ``reuse`` (the ``news`` summarizer only), the last build's choice when it surely still holds
    (``reuse.py``), and ``part`` hears what was kept."""
    window = analysis.sentences[:WINDOW]
    if reuse is not None and part is not None and method == "news":
        chosen = reuse.summary(analysis, window, count, context, part)
    else:
        chosen = SUMMARIZERS[method](window, count, context)
    return tuple(without_dateline(window[i].text) if i == 0 else window[i].text for i in chosen)
