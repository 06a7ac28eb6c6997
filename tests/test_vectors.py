"""The sparse-matrix TF-IDF rows the stories read give what the per-document vectors give."""

from __future__ import annotations

import random

import pytest

from generator.corpus import vectors


def _documents(seed: int) -> dict[str, list[str]]:
    chance = random.Random(seed)
    words = [f"w{n}" for n in range(60)]
    documents = {f"d{n:02d}": [chance.choice(words[:chance.randint(5, 60)]) for _ in range(chance.randint(0, 40))]
                 for n in range(30)}
    documents["empty"] = []
    return documents


@pytest.mark.parametrize("seed", range(5))
def test_rows_hold_the_same_vectors_pairs_and_cosines_as_the_dicts(seed: int) -> None:
    documents = _documents(seed)
    plain = vectors.tfidf_vectors(documents)
    rows = vectors.tfidf_rows(documents)
    terms = sorted({t for d in documents.values() for t in d})  # ``order`` gives each column's place here
    for item, vector in plain.items():
        row = rows.matrix[rows.row[item]]
        found = dict(zip([terms[rows.order[c]] for c in row.indices], row.data.tolist(), strict=True))
        assert found.keys() == vector.keys()
        assert all(found[t] == pytest.approx(w, rel=1e-12) for t, w in vector.items())
    assert vectors.candidate_rows(rows, 5, 10, 4) == vectors.candidate_pairs(plain, 5, 10, 4)
    pairs = sorted((a, b) for a in documents for b in documents if a < b)
    assert vectors.row_cosines(rows, pairs).tolist() == pytest.approx(
        [vectors.cosine(plain[a], plain[b]) for a, b in pairs], abs=1e-12)
