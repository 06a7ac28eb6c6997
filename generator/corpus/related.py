"""Related articles: TF-IDF similarity of whole articles, nudged by the actors they share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..models import Analysis
from . import vectors

MIN_SIMILARITY = 0.1
CANDIDATE_TERMS = 30
"""Only articles sharing one of their 30 heaviest terms are compared (see vectors.candidate_pairs)."""
ACTOR_WEIGHT = 0.3
MAX_PARTNERS = 100
"""Each article is compared with at most this many others, those sharing the most of its heaviest
terms (see ``vectors.candidate_pairs``): near-linear on a large corpus of much-alike articles."""


def related_articles(analyses: Sequence[Analysis], actors_of: Mapping[str, tuple[str, ...]],
                     idf: Mapping[str, float], limit: int) -> dict[str, tuple[str, ...]]:
    """For each article, up to ``limit`` most similar other articles, best first (ties by id, scores
    ``vectors.settled``)."""
    rows = vectors.tfidf_rows({a.article_id: [t for s in a.sentences for t in s.terms] for a in analyses}, idf)
    neighbours: dict[str, list[tuple[float, str]]] = {a.article_id: [] for a in analyses}
    pairs = sorted(vectors.candidate_pairs(rows, CANDIDATE_TERMS, vectors.MAX_SHARED, MAX_PARTNERS))
    actor_sets = {a.article_id: frozenset(actors_of.get(a.article_id, ())) for a in analyses}
    for (a, b), text in zip(pairs, vectors.row_cosines(rows, pairs).tolist(), strict=True):
        shared = vectors.jaccard(actor_sets[a], actor_sets[b])
        score = vectors.settled((1 - ACTOR_WEIGHT) * text + ACTOR_WEIGHT * shared)
        if score >= MIN_SIMILARITY:
            neighbours[a].append((score, b))
            neighbours[b].append((score, a))
    return {me: tuple(other for _, other in sorted(found, key=lambda x: (-x[0], x[1]))[:limit])
            for me, found in neighbours.items()}
