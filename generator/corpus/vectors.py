"""Sparse TF-IDF vectors and cosine similarity over lemma terms, shared by several stages."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy
from scipy import sparse

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


SETTLED_DIGITS = 9


def settled(score: float) -> float:
    """A score as compared for order: rounded to nine decimals. The same terms summed in another
    order (a new article moves the columns of the sparse product, a headline's own place moves
    where its twin is added) differ in the last bits, and two copies of an article, or two headlines
    with the same words, then swap places from one build to the next, rewriting pages that did not
    change. Rounded, they tie, and the tie goes by id or by age."""
    return round(score, SETTLED_DIGITS)


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two unit vectors: only the shared terms are visited (the key intersection runs in
    C), and ``fsum`` is exactly rounded, so the result does not depend on the set's order."""
    return math.fsum([a[term] * b[term] for term in a.keys() & b.keys()])


PAIR_CHUNK = 5_000
"""Pairs compared per product in ``row_cosines``: each chunk selects two rows per pair, so memory
follows the chunk times a row's length. Stories over 1,236 articles of the dev sets (rows of 16
sentences' lemmas and pairs) peaked at 448 MB with chunks of 50,000 pairs and 91 MB with 5,000, in
the same time (1.4 s)."""


@dataclass(frozen=True, slots=True)
class Rows:
    """The ``tfidf`` vectors of many documents at once, as the rows of one sparse matrix (scipy CSR,
    ids in sorted order): the weights are computed in numpy, and pairs are compared without going
    through a dict per document. Stories and related articles read every article's vectors on every
    build."""

    ids: tuple[str, ...]
    row: Mapping[str, int]
    matrix: sparse.csr_matrix
    order: numpy.ndarray
    """Each column's place in the sorted order of the terms: equal weights are ranked by term."""


def tfidf_rows(features: Mapping[str, Sequence[str]], idf: Mapping[str, float] | None = None) -> Rows:
    """Each document's ``tfidf`` vector with ``idf_weights`` of these documents, as ``Rows``:
    sublinear term frequency times smoothed IDF, each row of unit length (an empty document is a
    row of zeros). With ``idf``, its weights (1 for a term it lacks), as ``tfidf`` takes them,
    instead of the rarity of the terms in these documents."""
    ids = tuple(sorted(features))
    columns: dict[str, int] = {}
    indptr, indices, counts = [0], [], []
    for item in ids:
        found = Counter(features[item])
        indices.extend([columns.setdefault(term, len(columns)) for term in found])
        counts.extend(found.values())
        indptr.append(len(indices))
    index = numpy.array(indices, dtype=numpy.int64)
    document_frequency = numpy.bincount(index, minlength=len(columns))
    rarity = numpy.log((1 + len(ids)) / (1 + document_frequency)) + 1 if idf is None else \
        numpy.array([idf.get(term, 1.0) for term in columns], dtype=numpy.float64)
    data = (1 + numpy.log(numpy.array(counts, dtype=numpy.float64))) * rarity[index]
    starts = numpy.array(indptr, dtype=numpy.int64)
    lengths = numpy.diff(starts)
    owner = numpy.repeat(numpy.arange(len(ids)), lengths)
    norms = numpy.sqrt(numpy.bincount(owner, weights=data * data, minlength=len(ids)))
    data /= norms[owner]  # an empty document has no entry to divide
    matrix = sparse.csr_matrix((data, index, starts), shape=(len(ids), max(len(columns), 1)))
    matrix.sort_indices()  # once here, or scipy sorts a copy on every product
    order = numpy.empty(len(columns), dtype=numpy.int64)
    order[numpy.array([columns[term] for term in sorted(columns)], dtype=numpy.int64)] = numpy.arange(len(columns))
    return Rows(ids, {item: i for i, item in enumerate(ids)}, matrix, order)


@dataclass(frozen=True, slots=True)
class Pairs:
    """Pairs of rows of one ``Rows`` (``first`` < ``second``), sorted. The rows' ids are sorted, so
    this is also the order of the pairs of ids; stages that compare many pairs keep them as these two
    arrays and name them only at the end (``named``)."""

    first: numpy.ndarray
    second: numpy.ndarray

    def __len__(self) -> int:
        return len(self.first)

    def named(self, ids: Sequence[str]) -> list[tuple[str, str]]:
        return [(ids[a], ids[b]) for a, b in zip(self.first.tolist(), self.second.tolist(), strict=True)]

    @classmethod
    def of(cls, rows: Rows, pairs: Iterable[tuple[str, str]]) -> Pairs:
        """These pairs of ids (each in either order), sorted."""
        found = numpy.array([sorted((rows.row[a], rows.row[b])) for a, b in pairs], dtype=numpy.int64).reshape(-1, 2)
        return _sorted_pairs(found[:, 0], found[:, 1], len(rows.ids))


def row_cosines(rows: Rows, pairs: Pairs) -> numpy.ndarray:
    """The cosines of ``pairs``, in their order: each chunk of pairs is a row-wise product of two
    row selections, computed in C."""
    return _row_products(rows.matrix, pairs)


def _row_products(matrix: sparse.csr_matrix, pairs: Pairs) -> numpy.ndarray:
    found = numpy.zeros(len(pairs), dtype=numpy.float64)
    for start in range(0, len(pairs), PAIR_CHUNK):
        left, right = matrix[pairs.first[start:start + PAIR_CHUNK]], matrix[pairs.second[start:start + PAIR_CHUNK]]
        found[start:start + left.shape[0]] = numpy.asarray(left.multiply(right).sum(axis=1)).ravel()
    return found


def jaccards(ids: Sequence[str], sets: Mapping[str, Iterable[str]], pairs: Pairs) -> numpy.ndarray:
    """``jaccard`` of the sets of ``pairs`` (of rows of ``ids``; an id without a set has an empty
    one), in their order."""
    columns: dict[str, int] = {}
    members = [sorted({columns.setdefault(item, len(columns)) for item in sets.get(key, ())}) for key in ids]
    sizes = numpy.array([len(found) for found in members], dtype=numpy.float64)
    matrix = sparse.csr_matrix((numpy.ones(int(sizes.sum())), numpy.array([c for found in members for c in found],
                                                                         dtype=numpy.int64),
                                numpy.concatenate([[0], numpy.cumsum(sizes, dtype=numpy.int64)])),
                               shape=(len(members), max(len(columns), 1)))
    shared = _row_products(matrix, pairs)
    union = sizes[pairs.first] + sizes[pairs.second] - shared
    return numpy.divide(shared, union, out=numpy.zeros_like(shared), where=union > 0)


MAX_SHARED = 200
"""A term held by more documents than this is too common to make two of them a candidate pair. A
fixed number, not a share of the corpus: each of a document's heaviest terms then pairs it with
at most ``MAX_SHARED - 1`` others, so the pairs grow linearly with the corpus. As a share (a twentieth, above 4,000
articles) the pairs grew with the square of the corpus: 5,000 generated articles took 106 s to
cluster into stories. Corpora under 4,000 articles (every dev set) are compared as before."""


def candidate_pairs(rows: Rows, top_terms: int, max_shared: int, max_partners: int | None = None) -> Pairs:
    """Pairs of rows sharing one of their ``top_terms`` heaviest terms, ignoring terms held by more
    than ``max_shared`` rows (too common to tell documents apart): near-linear instead of all pairs.
    With ``max_partners``, each row keeps only that many partners, those sharing the most of its
    heavy terms (ties by id), so the pairs stay within ``len(rows.ids) * max_partners`` however much
    the documents overlap; a pair is kept when either side keeps it. Computed in numpy, not per row."""
    matrix, count = rows.matrix, len(rows.ids)
    owner = numpy.repeat(numpy.arange(count), numpy.diff(matrix.indptr))
    heaviest = numpy.lexsort((rows.order[matrix.indices], -matrix.data, owner))
    heaviest = heaviest[_places(owner[heaviest], matrix.indptr) < top_terms]
    owners, terms = owner[heaviest], matrix.indices[heaviest]
    holders = numpy.bincount(terms, minlength=matrix.shape[1])
    usable = (holders[terms] > 1) & (holders[terms] <= max_shared)
    if not usable.any():
        return _sorted_pairs(numpy.zeros(0, dtype=numpy.int64), numpy.zeros(0, dtype=numpy.int64), count)
    incidence = sparse.csr_matrix((numpy.ones(int(usable.sum()), dtype=numpy.int32), (owners[usable], terms[usable])),
                                  shape=(count, matrix.shape[1]))
    shared = incidence @ incidence.T  # shared heavy terms of every pair that has one (millions of entries: kept lean)
    mine = numpy.repeat(numpy.arange(count, dtype=numpy.int32), numpy.diff(shared.indptr))
    keep = shared.indices != mine
    mine, other, together = mine[keep], shared.indices[keep], shared.data[keep]
    del shared, keep
    if max_partners is not None:
        mine, other = _most_shared(mine, other, together, count, top_terms, max_partners)
    return _sorted_pairs(numpy.minimum(mine, other), numpy.maximum(mine, other), count)


def _most_shared(mine: numpy.ndarray, other: numpy.ndarray, together: numpy.ndarray, count: int, most: int,
                 limit: int) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Each row's ``limit`` partners sharing the most terms (``together``, 1 to ``most``), ties by
    partner. Nothing is sorted but the ties at each row's bar: a histogram per row gives the bar (the
    fewest shared terms a kept partner may have) and the room left at it."""
    histogram = numpy.bincount(mine.astype(numpy.int64) * (most + 2) + together,
                               minlength=count * (most + 2)).reshape(count, most + 2)
    at_least = numpy.cumsum(histogram[:, ::-1], axis=1)[:, ::-1]  # [row, n]: partners sharing n terms or more
    bar = numpy.where(at_least[:, 0] > limit, (at_least >= limit).sum(axis=1) - 1, 0)
    room = limit - at_least[numpy.arange(count), bar + 1]
    above = together > bar[mine]
    tied = (together == bar[mine]) & (bar[mine] > 0)
    keys = numpy.sort(mine[tied].astype(numpy.int64) * count + other[tied])
    rows = keys // count
    keys = keys[_places(rows, group_starts(rows, count)) < room[rows]]
    return numpy.concatenate([mine[above], keys // count]), numpy.concatenate([other[above], keys % count])


def group_starts(grouped: numpy.ndarray, count: int) -> numpy.ndarray:
    """Where each of ``count`` groups (0 to ``count`` - 1) begins in ``grouped``, entries sorted by
    group, and where the last ends: group ``g`` is ``grouped[starts[g]:starts[g + 1]]``."""
    return numpy.searchsorted(grouped, numpy.arange(count + 1))


def _places(grouped: numpy.ndarray, starts: numpy.ndarray) -> numpy.ndarray:
    """Each entry's place in its group, for entries grouped by ascending group (``starts``: where each group begins)."""
    return numpy.arange(len(grouped)) - starts[grouped]


def _sorted_pairs(first: numpy.ndarray, second: numpy.ndarray, count: int) -> Pairs:
    keys = numpy.unique(first.astype(numpy.int64) * max(count, 1) + second)
    return Pairs(keys // max(count, 1), keys % max(count, 1))


def jaccard(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """Shared items over all items; 0 for two empty sets."""
    shared = len(a & b)
    union = len(a) + len(b) - shared
    return shared / union if union else 0.0
