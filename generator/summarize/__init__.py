"""Extractive summaries: summarizers share one call shape and are chosen by name in the config."""

from __future__ import annotations

from ..models import Analysis
from .base import WINDOW, Summarizer, SummaryContext, eligible
from .centrality import centrality
from .lead import lead
from .lexrank import lexrank
from .news import news

SUMMARIZERS: dict[str, Summarizer] = {"news": news, "centrality": centrality, "lead": lead, "lexrank": lexrank}

__all__ = ["SUMMARIZERS", "Summarizer", "SummaryContext", "eligible", "summarize"]


def summarize(analysis: Analysis, count: int, method: str, context: SummaryContext) -> tuple[str, ...]:
    """The chosen sentences' text, in article order."""
    window = analysis.sentences[:WINDOW]
    chosen = SUMMARIZERS[method](window, count, context)
    return tuple(window[i].text for i in chosen)
