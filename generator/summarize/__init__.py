"""Extractive summaries: summarizers share one call shape and are chosen by name in the config."""

from __future__ import annotations

from ..models import Analysis
from .base import Summarizer, SummaryContext, eligible
from .centrality import centrality
from .lead import lead
from .lexrank import lexrank

SUMMARIZERS: dict[str, Summarizer] = {"centrality": centrality, "lead": lead, "lexrank": lexrank}

__all__ = ["SUMMARIZERS", "Summarizer", "SummaryContext", "eligible", "summarize"]


def summarize(analysis: Analysis, count: int, method: str, context: SummaryContext) -> tuple[str, ...]:
    """The chosen sentences' text, in article order."""
    chosen = SUMMARIZERS[method](analysis.sentences, count, context)
    return tuple(analysis.sentences[i].text for i in chosen)
