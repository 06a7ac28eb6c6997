"""Story summaries: about 100 words chosen across a story's articles, centroid-based with MMR.

The summary opens with the lead of the story's oldest article: what happened, as first reported.
Every other sentence is scored by its cosine to the centroid of the story's sentences (Radev et
al., MEAD, 2004) plus a prior for sentences near the start of their article; sentences are taken
greedily while they are not near-duplicates of one already taken (maximal marginal relevance,
Carbonell and Goldstein, 1998) until about ``WORDS`` words, then ordered by the date of their
article and their position in it so the summary reads in order. Opening with the oldest lead left
the story-summary measure on ``ecbplus-dev`` unchanged (ROUGE-1 38.5).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy
from scipy import sparse

from ..corpus import vectors
from ..models import Analysis, Sentence
from .base import WINDOW, Walk, eligible, without_dateline

WORDS = 100
REDUNDANCY = 0.5
POSITION_WEIGHT = 0.3


def summarize_story(analyses: Sequence[Analysis], idf: Mapping[str, float]) -> tuple[str, ...]:
    """``analyses`` in reading order (oldest article first)."""
    pool = story_pool(analyses)
    return story_text(pool, traced_story(pool, idf).chosen) if pool else ()


Pool = list[tuple[int, Sentence]]
"""The sentences a story summary may take: (the article's place in reading order, sentence)."""


def story_pool(analyses: Sequence[Analysis]) -> Pool:
    return pool_at(analyses, story_places(analyses))


def story_places(analyses: Sequence[Analysis]) -> list[tuple[int, int]]:
    """Where the pool's sentences are: (the article's place in reading order, the sentence's)."""
    return [(rank, place) for rank, a in enumerate(analyses) for place, s in enumerate(a.sentences[:WINDOW])
            if eligible(s)]


def pool_at(analyses: Sequence[Analysis], places: Sequence[tuple[int, int]]) -> Pool:
    return [(rank, analyses[rank].sentences[place]) for rank, place in places]


def story_text(pool: Pool, chosen: Sequence[int]) -> tuple[str, ...]:
    """The chosen sentences in reading order, the first sentence of an article without its dateline."""
    return tuple(without_dateline(pool[i][1].text) if pool[i][1].index == 0 else pool[i][1].text
                 for i in sorted(chosen, key=lambda i: (pool[i][0], pool[i][1].index)))


@dataclass(frozen=True, slots=True)
class StoryTrace:
    """A story summary's sentences (places in the pool) and what chose them, for ``reuse.py``."""

    chosen: tuple[int, ...]
    closeness: tuple[float, ...]
    """Each pool sentence's cosine to the centroid."""
    norm: float
    """The length of the sum of the pool's sentence vectors: a sentence's closeness times it is the
    sum of its cosines to every pool sentence (its own included)."""
    walk: Walk
    beyond: tuple[tuple[int, int, float], ...]
    """The sentences just after where the pick stopped, each with the taken one it repeats (``BEYOND``)."""


def traced_story(pool: Pool, idf: Mapping[str, float]) -> StoryTrace:
    """The summary of a non-empty pool, with what was computed on the way. Every sentence's
    closeness to the centroid comes from one sparse product; only the sentences the pick looks at
    get a vector of their own, for the cosines that tell repeats (``_Vectors``)."""
    # ids zero-padded, so that the rows (in the ids' sorted order) are in the pool's order
    rows = vectors.tfidf_rows({f"{place:09d}": sentence.terms for place, (_, sentence) in enumerate(pool)}, idf)
    closeness, norm = _closeness(rows.matrix)
    vecs = _Vectors(pool, idf)
    scores = [close + prior for close, prior in zip(closeness, priors(pool), strict=True)]
    chosen: list[int] = [0]  # the oldest article's lead: what happened, as first reported
    words = len(pool[0][1].lemmas)
    walk, beyond = Walk(), ()
    order = sorted(range(len(pool)), key=lambda i: (-scores[i], pool[i][0], pool[i][1].index))
    for place, i in enumerate(order):
        if words >= WORDS:
            beyond = _look_beyond(order[place:], scores, scores[chosen[-1]] - BEYOND, chosen, vecs)
            break
        if walk.take_up(i, chosen, vecs, REDUNDANCY):
            chosen.append(i)
            words += len(pool[i][1].lemmas)
    return StoryTrace(tuple(chosen), tuple(closeness), norm, walk, beyond)


BEYOND = 0.1
"""How far below the last sentence taken ``traced_story`` goes on looking, for ``reuse.py``: a
sentence there that repeats one taken stays out even if other term weights lift it."""


def _look_beyond(rest: Sequence[int], scores: Sequence[float], floor: float, chosen: list[int],
                 vecs: _Vectors) -> tuple[tuple[int, int, float], ...]:
    """For the sentences after the pick stopped that score ``floor`` or more: (sentence, the first
    taken sentence it repeats, their cosine), or (sentence, -1, 0) when it repeats none."""
    found = []
    for i in rest:
        if scores[i] < floor:
            break
        cosines = ((j, vectors.cosine(vecs[i], vecs[j])) for j in chosen)
        found.append(next(((i, j, c) for j, c in cosines if c >= REDUNDANCY), (i, -1, 0.0)))
    return tuple(found)


def priors(pool: Pool) -> list[float]:
    """Each pool sentence's prior for being near the start of its article."""
    return [POSITION_WEIGHT / (1 + s.index) for _, s in pool]


def _closeness(matrix: sparse.csr_matrix) -> tuple[list[float], float]:
    """Each row's cosine to the centroid of the rows (unit vectors, or rows of zeros), and the
    length of the rows' sum."""
    total = numpy.asarray(matrix.sum(axis=0)).ravel()
    norm = math.sqrt(float(total @ total))
    return ((matrix @ (total / norm)).tolist() if norm else [0.0] * matrix.shape[0]), norm


class _Vectors(Sequence[vectors.Vector]):
    """The pool's sentences' ``tfidf`` vectors, each made when first asked for."""

    def __init__(self, pool: Pool, idf: Mapping[str, float]) -> None:
        self.pool, self.idf = pool, idf
        self.made: dict[int, vectors.Vector] = {}

    def __len__(self) -> int:
        return len(self.pool)

    def __getitem__(self, place: int) -> vectors.Vector:  # type: ignore[override]  # one place, never a slice
        if place not in self.made:
            self.made[place] = vectors.tfidf(self.pool[place][1].terms, self.idf)
        return self.made[place]
