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

    def top_terms(self, row: int, count: int) -> numpy.ndarray:
        """Columns of the row's ``count`` heaviest terms, ties by term."""
        start, end = self.matrix.indptr[row], self.matrix.indptr[row + 1]
        columns = self.matrix.indices[start:end]
        return columns[numpy.lexsort((self.order[columns], -self.matrix.data[start:end]))[:count]]


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


def row_cosines(rows: Rows, ordered: Sequence[tuple[str, str]]) -> numpy.ndarray:
    """The cosines of ``ordered`` pairs of ids, in that order: each chunk of pairs is a row-wise
    product of two row selections, computed in C."""
    found = numpy.zeros(len(ordered), dtype=numpy.float64)
    for start in range(0, len(ordered), PAIR_CHUNK):
        chunk = ordered[start:start + PAIR_CHUNK]
        left = rows.matrix[[rows.row[a] for a, _ in chunk]]
        right = rows.matrix[[rows.row[b] for _, b in chunk]]
        found[start:start + len(chunk)] = numpy.asarray(left.multiply(right).sum(axis=1)).ravel()
    return found


MAX_SHARED = 200
"""A term held by more documents than this is too common to make two of them a candidate pair. A
fixed number, not a share of the corpus: each of a document's heaviest terms then pairs it with
at most ``MAX_SHARED - 1`` others, so the pairs grow linearly with the corpus. As a share (a twentieth, above 4,000
articles) the pairs grew with the square of the corpus: 5,000 generated articles took 106 s to
cluster into stories. Corpora under 4,000 articles (every dev set) are compared as before."""


def candidate_pairs(rows: Rows, top_terms: int, max_shared: int,
                    max_partners: int | None = None) -> set[tuple[str, str]]:
    """Pairs of ids sharing one of their ``top_terms`` heaviest terms, ignoring terms held by more than
    ``max_shared`` ids (too common to tell documents apart): near-linear instead of all pairs. With
    ``max_partners``, each id keeps only that many partners, those sharing the most of its heavy
    terms (ties by id), so the pairs stay within ``len(rows.ids) * max_partners`` however much the
    documents overlap; a pair is kept when either side keeps it."""
    postings: dict[int, list[int]] = {}
    for row in range(len(rows.ids)):
        for column in rows.top_terms(row, top_terms).tolist():
            postings.setdefault(column, []).append(row)
    return _pairs_sharing(list(rows.ids), list(postings.values()), max_shared, max_partners)


def _pairs_sharing(ids: list[str], postings: list[list[int]], max_shared: int,
                   max_partners: int | None) -> set[tuple[str, str]]:
    """Pairs of ids whose rows share a posting list of at most ``max_shared`` rows."""
    shared = [rows for rows in postings if 1 < len(rows) <= max_shared]
    if not shared:
        return set()
    incidence = sparse.csr_matrix((numpy.ones(sum(map(len, shared))),
                                   (numpy.concatenate([numpy.asarray(rows) for rows in shared]),
                                    numpy.repeat(numpy.arange(len(shared)), [len(rows) for rows in shared]))),
                                  shape=(len(ids), len(shared)))
    counts = (incidence @ incidence.T).tocsr()  # shared heavy terms of every pair that has one
    pairs: set[tuple[str, str]] = set()
    for row in range(len(ids)):
        start, end = counts.indptr[row], counts.indptr[row + 1]
        partners, together = counts.indices[start:end], counts.data[start:end]
        keep = partners != row
        partners, together = partners[keep], together[keep]
        if max_partners is not None and len(partners) > max_partners:
            partners = partners[numpy.lexsort((partners, -together))[:max_partners]]
        pairs.update((ids[min(row, other)], ids[max(row, other)]) for other in partners.tolist())
    return pairs


def jaccard(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """Shared items over all items; 0 for two empty sets."""
    shared = len(a & b)
    union = len(a) + len(b) - shared
    return shared / union if union else 0.0
