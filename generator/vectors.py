"""Sparse TF-IDF vectors and cosine similarity over lemma terms, shared by several stages."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

Vector = dict[str, float]


def idf_weights(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency: log((1 + N) / (1 + df)) + 1."""
    frequencies: Counter[str] = Counter()
    count = 0
    for terms in documents:
        frequencies.update(set(terms))
        count += 1
    return {term: math.log((1 + count) / (1 + df)) + 1 for term, df in frequencies.items()}


def tfidf(terms: Sequence[str], idf: Mapping[str, float], default_idf: float = 1.0) -> Vector:
    """A unit-length TF-IDF vector (sublinear term frequency)."""
    counts = Counter(terms)
    vector = {term: (1 + math.log(n)) * idf.get(term, default_idf) for term, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {term: w / norm for term, w in vector.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())
