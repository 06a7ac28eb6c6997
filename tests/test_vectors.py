"""The sparse-matrix TF-IDF rows stories and related articles read hold what the per-document
``tfidf`` vectors hold, and their candidate pairs are the ones the rule describes."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from generator.corpus import vectors


def _documents(seed: int) -> dict[str, list[str]]:
    chance = random.Random(seed)
    words = [f"w{n}" for n in range(60)]
    documents = {f"d{n:02d}": [chance.choice(words[:chance.randint(5, 60)]) for _ in range(chance.randint(0, 40))]
                 for n in range(30)}
    documents["empty"] = []
    return documents


def _plain_candidates(plain: dict[str, dict[str, float]], top: int, max_shared: int,
                      max_partners: int) -> set[tuple[str, str]]:
    """The rule written out: heaviest ``top`` terms (ties by term), terms held by 2 to ``max_shared``
    documents, each document's ``max_partners`` partners sharing most of them (ties by id)."""
    heavy = {item: set(sorted(vec, key=lambda t: (-vec[t], t))[:top]) for item, vec in plain.items()}
    holders = Counter(term for terms in heavy.values() for term in terms)
    usable = {item: {t for t in terms if holders[t] <= max_shared} for item, terms in heavy.items()}
    pairs = set()
    for item in plain:
        shared = [(-len(usable[item] & usable[other]), other) for other in plain
                  if other != item and usable[item] & usable[other]]
        pairs.update(tuple(sorted((item, other))) for _, other in sorted(shared)[:max_partners])
    return pairs


@pytest.mark.parametrize("seed", range(5))
def test_rows_hold_the_same_vectors_pairs_and_cosines_as_the_dicts(seed: int) -> None:
    documents = _documents(seed)
    idf = vectors.idf_weights(documents.values())
    plain = {item: vectors.tfidf(terms, idf) for item, terms in documents.items()}
    rows = vectors.tfidf_rows(documents)
    terms = sorted({t for d in documents.values() for t in d})  # ``order`` gives each column's place here
    for item, vector in plain.items():
        row = rows.matrix[rows.row[item]]
        found = dict(zip([terms[rows.order[c]] for c in row.indices], row.data.tolist(), strict=True))
        assert found.keys() == vector.keys()
        assert all(found[t] == pytest.approx(w, rel=1e-12) for t, w in vector.items())
    found = vectors.candidate_pairs(rows, 5, 10, 4).named(rows.ids)
    assert found == sorted(_plain_candidates(plain, 5, 10, 4))
    pairs = sorted((a, b) for a in documents for b in documents if a < b)
    assert vectors.Pairs.of(rows, [(b, a) for a, b in reversed(pairs)]).named(rows.ids) == pairs
    assert vectors.row_cosines(rows, vectors.Pairs.of(rows, pairs)).tolist() == pytest.approx(
        [vectors.cosine(plain[a], plain[b]) for a, b in pairs], abs=1e-12)
    sets = {item: set(terms[:3]) for item, terms in documents.items() if len(terms) % 3}  # some have none
    assert vectors.jaccards(rows.ids, sets, vectors.Pairs.of(rows, pairs)).tolist() == \
        [vectors.jaccard(sets.get(a, set()), sets.get(b, set())) for a, b in pairs]
