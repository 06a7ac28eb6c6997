"""Sparse TF-IDF vectors and cosine similarity over lemma terms, shared by several stages."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet

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
    """Cosine of two unit vectors: only the shared terms are visited (the key intersection runs in
    C), and ``fsum`` is exactly rounded, so the result does not depend on the set's order."""
    return math.fsum([a[term] * b[term] for term in a.keys() & b.keys()])


def candidate_pairs(vecs: Mapping[str, Vector], top_terms: int, max_shared: int) -> set[tuple[str, str]]:
    """Pairs of ids sharing one of their ``top_terms`` heaviest terms, ignoring terms held by more than
    ``max_shared`` ids (too common to tell documents apart): near-linear instead of all pairs."""
    postings: dict[str, list[str]] = {}
    for item, vec in vecs.items():
        for term in sorted(vec, key=lambda t: (-vec[t], t))[:top_terms]:
            postings.setdefault(term, []).append(item)
    pairs: set[tuple[str, str]] = set()
    for ids in postings.values():
        if len(ids) > max_shared:
            continue
        ids.sort()
        for i, a in enumerate(ids):
            pairs.update((a, b) for b in ids[i + 1:])
    return pairs


def jaccard(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """Shared items over all items; 0 for two empty sets."""
    return len(a & b) / len(a | b) if a | b else 0.0
