"""Position-aware directed centrality for news, after PacSum (Zheng and Lapata, ACL 2019).

PacSum scores a sentence by its similarity to the sentences after it (weighted up) and before it
(weighted down), because in news the sentence that the rest of the article elaborates comes
first. We compute that over TF-IDF vectors, add a position prior and the share of the article's
salient actor terms in the sentence, then pick greedily with a redundancy cut (maximal marginal
relevance, Carbonell and Goldstein, 1998).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy

from ..corpus import vectors
from ..models import Sentence
from .base import SummaryContext, best_unrepeated, candidates

FORWARD, BACKWARD = 1.0, -0.3
BETA = 0.3
# Chosen on ../shared/eval/bbc-dev (see the README's Evaluation): more weight on centrality than
# on position, a mild position decay, and PacSum's down-weighting of similarity to earlier sentences.
WEIGHTS = {"centrality": 0.6, "position": 0.25, "salience": 0.1}
REDUNDANCY = 0.6
POSITION_DECAY = 0.5


def centrality(sentences: Sequence[Sentence], count: int, context: SummaryContext) -> tuple[int, ...]:
    vecs = [vectors.tfidf(s.terms, context.idf) for s in sentences]
    scores = _scores(sentences, vecs, context)
    order = sorted(candidates(sentences), key=lambda i: (-scores[i], i))
    return best_unrepeated(order, vecs, count, REDUNDANCY)


def _scores(sentences: Sequence[Sentence], vecs: list[vectors.Vector], context: SummaryContext) -> list[float]:
    directed = directed_centrality(vecs)
    top = max(directed) if directed and max(directed) > 0 else 1.0
    scores = []
    for i, sentence in enumerate(sentences):
        position = 1.0 / (1.0 + i) ** POSITION_DECAY
        terms = set(sentence.terms)
        salience = len(terms & context.salient_terms) / len(terms) if terms else 0.0
        scores.append(WEIGHTS["centrality"] * max(directed[i], 0.0) / top
                      + WEIGHTS["position"] * position + WEIGHTS["salience"] * salience)
    return scores


def directed_centrality(vecs: list[vectors.Vector]) -> list[float]:
    return centrality_parts(vecs)[0]


def centrality_parts(vecs: list[vectors.Vector], guard: float = 0.0) -> tuple[list[float], numpy.ndarray, float]:
    """Each sentence's directed centrality; with it, for ``reuse.py``, the pairs of sentences whose
    similarity is at or above the edge threshold, or below it by less than ``guard`` times the
    largest similarity, one row (i, j, similarity) each with i < j; and that largest similarity."""
    n = len(vecs)
    if n == 0:
        return [], numpy.zeros((0, 3)), 0.0
    vocabulary = {term: i for i, term in enumerate(sorted({t for vec in vecs for t in vec}))}
    matrix = numpy.zeros((n, max(len(vocabulary), 1)))
    for row, vec in enumerate(vecs):
        for term, weight in vec.items():
            matrix[row, vocabulary[term]] = weight
    sims = matrix @ matrix.T
    numpy.fill_diagonal(sims, 0.0)
    low, high = float(sims.min()), float(sims.max())
    threshold = low + BETA * (high - low)
    edges = numpy.maximum(sims - threshold, 0.0)
    forward = numpy.triu(edges, k=1).sum(axis=1)
    backward = numpy.tril(edges, k=-1).sum(axis=1)
    directed = [float(v) for v in FORWARD * forward + BACKWARD * backward]
    if not guard:
        return directed, numpy.zeros((0, 3)), high
    rows, columns = numpy.nonzero(numpy.triu(sims > threshold - guard * high, k=1))
    return directed, numpy.column_stack([rows, columns, sims[rows, columns]]).astype(float), high
