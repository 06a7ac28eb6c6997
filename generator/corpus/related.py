"""Related articles: TF-IDF similarity of whole articles, nudged by the actors they share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy

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
    ``vectors.settled``). The pairs are scored in numpy; only those near ``MIN_SIMILARITY`` or over
    it are settled and ranked."""
    rows = vectors.tfidf_rows({a.article_id: [t for s in a.sentences for t in s.terms] for a in analyses}, idf)
    pairs = vectors.candidate_pairs(rows, CANDIDATE_TERMS, vectors.MAX_SHARED, MAX_PARTNERS)
    scores = (1 - ACTOR_WEIGHT) * vectors.row_cosines(rows, pairs) + \
        ACTOR_WEIGHT * vectors.jaccards(rows.ids, actors_of, pairs)
    near = scores >= MIN_SIMILARITY - 10 ** -vectors.SETTLED_DIGITS  # settling moves a score by less
    settled = numpy.array([vectors.settled(score) for score in scores[near].tolist()], dtype=numpy.float64)
    kept = settled >= MIN_SIMILARITY
    first, second, settled = pairs.first[near][kept], pairs.second[near][kept], settled[kept]
    mine, other, score = (numpy.concatenate([first, second]), numpy.concatenate([second, first]),
                          numpy.concatenate([settled, settled]))
    ranked = numpy.lexsort((other, -score, mine))  # by article, best first, ties by id (rows are in id order)
    mine, other = mine[ranked], other[ranked]
    starts = vectors.group_starts(mine, len(rows.ids))
    found = {rows.ids[row]: tuple(rows.ids[k] for k in other[starts[row]:starts[row + 1]][:limit].tolist())
             for row in range(len(rows.ids))}
    return {a.article_id: found[a.article_id] for a in analyses}
