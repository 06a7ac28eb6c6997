"""Lead: the first eligible sentences, the strong news baseline (Lead-3 in See et al., 2017)."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Sentence
from .base import SummaryContext, eligible


def lead(sentences: Sequence[Sentence], count: int, context: SummaryContext) -> tuple[int, ...]:
    chosen = [i for i, sentence in enumerate(sentences) if eligible(sentence)][:count]
    return tuple(chosen or range(min(count, len(sentences))))
