"""Extractive summaries: summarizers share one call shape and are chosen by name in the config."""

from __future__ import annotations

from ..models import Analysis
from .base import WINDOW, Summarizer, SummaryContext, eligible, without_dateline
from .centrality import centrality
from .lead import lead
from .lexrank import lexrank
from .news import news

SUMMARIZERS: dict[str, Summarizer] = {"news": news, "centrality": centrality, "lead": lead, "lexrank": lexrank}

__all__ = ["SUMMARIZERS", "Summarizer", "SummaryContext", "eligible", "summarize", "without_dateline"]


def summarize(analysis: Analysis, count: int, method: str, context: SummaryContext) -> tuple[str, ...]:
    """The chosen sentences' text, in article order; the article's first sentence without the
    dateline it opens on (the page shows it in the text; a summary is read without it)."""
    window = analysis.sentences[:WINDOW]
    chosen = SUMMARIZERS[method](window, count, context)
    return tuple(without_dateline(window[i].text) if i == 0 else window[i].text for i in chosen)
