"""Related articles: TF-IDF similarity of whole articles, nudged by the actors they share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import vectors
from .models import Analysis

MIN_SIMILARITY = 0.1
ACTOR_WEIGHT = 0.3


def related_articles(analyses: Sequence[Analysis], actors_of: Mapping[str, tuple[str, ...]],
                     idf: Mapping[str, float], limit: int) -> dict[str, tuple[str, ...]]:
    """For each article, up to ``limit`` most similar other articles, best first (ties by id)."""
    vecs = {a.article_id: vectors.tfidf([t for s in a.sentences for t in s.terms], idf) for a in analyses}
    result: dict[str, tuple[str, ...]] = {}
    for analysis in analyses:
        me = analysis.article_id
        scored = [(_score(me, other, vecs, actors_of), other) for other in vecs if other != me]
        ranked = sorted((item for item in scored if item[0] >= MIN_SIMILARITY), key=lambda x: (-x[0], x[1]))
        result[me] = tuple(other for _, other in ranked[:limit])
    return result


def _score(a: str, b: str, vecs: Mapping[str, vectors.Vector], actors_of: Mapping[str, tuple[str, ...]]) -> float:
    mine, theirs = set(actors_of.get(a, ())), set(actors_of.get(b, ()))
    shared = len(mine & theirs) / len(mine | theirs) if mine | theirs else 0.0
    return (1 - ACTOR_WEIGHT) * vectors.cosine(vecs[a], vecs[b]) + ACTOR_WEIGHT * shared
