"""LexRank: sentence centrality by PageRank over the cosine-similarity graph (Erkan and Radev, 2004).

Edges join sentences whose TF-IDF cosine is at least ``THRESHOLD`` (0.1, the paper's choice);
the scores are the stationary distribution of a random walk with damping ``DAMPING``. It is the
classic unsupervised baseline, here for comparison with the position-aware centrality method.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy

from ..corpus import vectors
from ..models import Sentence
from .base import SummaryContext, eligible

THRESHOLD = 0.1
DAMPING = 0.85


def lexrank_scores(vecs: list[vectors.Vector]) -> list[float]:
    n = len(vecs)
    if n == 0:
        return []
    adjacency = numpy.array([[1.0 if i != j and vectors.cosine(vecs[i], vecs[j]) >= THRESHOLD else 0.0
                              for j in range(n)] for i in range(n)])
    degree = adjacency.sum(axis=1, keepdims=True)
    walk = numpy.divide(adjacency, degree, out=numpy.full_like(adjacency, 1.0 / n), where=degree > 0)
    scores = numpy.full(n, 1.0 / n)
    for _ in range(100):
        updated = (1 - DAMPING) / n + DAMPING * walk.T @ scores
        if numpy.abs(updated - scores).sum() < 1e-9:
            break
        scores = updated
    return [float(s) for s in scores]


def lexrank(sentences: Sequence[Sentence], count: int, context: SummaryContext) -> tuple[int, ...]:
    candidates = [i for i, s in enumerate(sentences) if eligible(s)] or list(range(len(sentences)))
    vecs = [vectors.tfidf(s.terms, context.idf) for s in sentences]
    scores = lexrank_scores(vecs)
    chosen = sorted(candidates, key=lambda i: (-scores[i], i))[:count]
    return tuple(sorted(chosen))
