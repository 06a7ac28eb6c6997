"""Position-aware directed centrality for news, after PacSum (Zheng and Lapata, ACL 2019).

PacSum scores a sentence by its similarity to the sentences after it (weighted up) and before it
(weighted down), because in news the sentence that the rest of the article elaborates comes
first. We compute that over TF-IDF vectors, add a position prior and the share of the article's
salient actor terms in the sentence, then pick greedily with a redundancy cut (maximal marginal
relevance, Carbonell and Goldstein, 1998).
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import vectors
from ..models import Sentence
from .base import SummaryContext, eligible

FORWARD, BACKWARD = 1.0, -0.3
BETA = 0.3
# Chosen on ../shared/eval/bbc-dev (see the README's Evaluation): more weight on centrality than
# on position, a mild position decay, and PacSum's down-weighting of similarity to earlier sentences.
WEIGHTS = {"centrality": 0.6, "position": 0.25, "salience": 0.1}
REDUNDANCY = 0.6
POSITION_DECAY = 0.5


def centrality(sentences: Sequence[Sentence], count: int, context: SummaryContext) -> tuple[int, ...]:
    candidates = [i for i, s in enumerate(sentences) if eligible(s)] or list(range(len(sentences)))
    vecs = [vectors.tfidf(s.terms, context.idf) for s in sentences]
    scores = _scores(sentences, vecs, context)
    chosen: list[int] = []
    for index in sorted(candidates, key=lambda i: (-scores[i], i)):
        if all(vectors.cosine(vecs[index], vecs[other]) < REDUNDANCY for other in chosen):
            chosen.append(index)
        if len(chosen) == count:
            break
    return tuple(sorted(chosen))


def _scores(sentences: Sequence[Sentence], vecs: list[vectors.Vector], context: SummaryContext) -> list[float]:
    directed = _directed_centrality(vecs)
    top = max(directed) if directed and max(directed) > 0 else 1.0
    scores = []
    for i, sentence in enumerate(sentences):
        position = 1.0 / (1.0 + i) ** POSITION_DECAY
        terms = set(sentence.terms)
        salience = len(terms & context.salient_terms) / len(terms) if terms else 0.0
        scores.append(WEIGHTS["centrality"] * max(directed[i], 0.0) / top
                      + WEIGHTS["position"] * position + WEIGHTS["salience"] * salience)
    return scores


def _directed_centrality(vecs: list[vectors.Vector]) -> list[float]:
    n = len(vecs)
    sims = [[vectors.cosine(vecs[i], vecs[j]) if i != j else 0.0 for j in range(n)] for i in range(n)]
    flat = [value for row in sims for value in row]
    if not flat:
        return [0.0] * n
    low, high = min(flat), max(flat)
    cut = low + BETA * (high - low)
    edges = [[max(0.0, value - cut) for value in row] for row in sims]
    return [FORWARD * sum(edges[i][i + 1:]) + BACKWARD * sum(edges[i][:i]) for i in range(n)]
