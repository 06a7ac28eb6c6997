"""Article summaries kept between builds while the corpus' term weights cannot have changed them.

The news summarizer (``news.py``) reads the corpus only through the terms' rarity (IDF), and every
article added moves the rarity of every term a little, so a summary cannot simply be kept under
its inputs, as the names' first pass or the feeds are. It is kept with a certificate instead.
``news.traced`` records what the summary was chosen from: each sentence's score without its
centrality term, its directed centrality, how many of its similarity edges lie near the edge
threshold, the largest similarity, the sentences the greedy pick looked at in order, and the
cosines it compared with the redundancy bar. When each term weight of the article has moved by at
most a share ``d`` since then, ``holds`` bounds how far every one of those numbers can have moved
and keeps the summary only when no comparison that chose it can have come out otherwise; any
article it cannot vouch for is summarized again. So a kept summary is the one a full rebuild
makes (a test compares them under many perturbed weights), never an approximation.

The bound, for weights that are all positive (they are: sublinear counts times IDF, at least 1):
multiplying each weight by a factor in [1 - d, 1 + d] multiplies every cosine by a factor in
[1/k, k], k = ((1 + d) / (1 - d)) ** 2, so a cosine c moves by at most c (k - 1), the largest one
(``high``) and the edge threshold (``BETA`` times it, the smallest similarity being the zero of
the diagonal) by at most high (k - 1) and BETA high (k - 1). An edge is a similarity minus the
threshold, floored at zero, so it moves by at most u = (1 + BETA) high (k - 1), and one below the
threshold by more than ``GUARD`` high stays zero while u is at most that. A sentence's directed
centrality then moves by at most u times its weighted count of edges near or above the threshold
(``near``), the largest centrality by the largest such move, and each score lies in an interval;
the order the pick walked must hold for every score in the intervals, and each cosine it compared
must stay on its side of the bar.

``d`` for an article: its terms' rarity now over their rarity when the certificate was made. Each
build keeps the corpus' IDF and, for every kept record, the drift accumulated since it was made
(``cache_dir/summaries.pickle``); a build compares its IDF with the last build's (every term whose
document frequency did not change moves by the same small shift; the others, the terms of added or
removed articles, are looked up one by one) and multiplies the factors. The records themselves are
rows of ``cache_dir/summaries.sqlite``, each under the article's analysis key, the sentence count
and a salt naming the code; with the IDF fingerprint of the build that made it, so a record made
by a build that never finished is not trusted. Only the ``news`` summarizer is kept this way.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..analyze.cache import read_pickle, write_atomically
from ..models import Analysis, Sentence
from ..publish.memo import code_salt
from ..store import Store
from .base import SummaryContext
from .centrality import BETA
from .news import GUARD, REDUNDANCY, WEIGHTS, Trace, news, traced

_HERE = Path(__file__).parent
SALT = code_salt(*(str(_HERE / name) for name in ("news.py", "base.py", "centrality.py", "reuse.py")),
                 str(_HERE.parent / "corpus" / "vectors.py"))
EPSILON = 1e-9
"""Slack on every comparison, far above the rounding of the sums it stands for."""
MAX_DRIFT = 0.05
"""Beyond this share of movement in any term weight, a summary is made again without looking."""


@dataclass(frozen=True, slots=True)
class Record:
    trace: Trace
    generation: str
    """The fingerprint of the IDF the trace was made with (``Reuse.generation``)."""


@dataclass(frozen=True, slots=True)
class Part:
    """What summarizing some of the articles gives: their summaries by article id, and the drift
    each kept record has accumulated, by record key, for the next build."""

    summaries: dict[str, tuple[str, ...]] = field(default_factory=dict)
    drift: dict[str, tuple[str, float]] = field(default_factory=dict)


class Reuse:
    """The certificates of the last build, and how far this build's IDF moved from its."""

    def __init__(self, folder: Path, idf: Mapping[str, float], documents: int, keys: Mapping[str, str]) -> None:
        self.folder = folder
        self.store = Store(folder / "summaries.sqlite", "the summaries cache")
        self.keys = keys
        self.made: list[tuple[str, bytes]] = []
        """Records made since ``store_made`` last stored them."""
        self.idf_bytes = pickle.dumps((documents, dict(idf)), protocol=5)
        self.generation = hashlib.sha256(self.idf_bytes).hexdigest()
        self.ledger: dict[str, tuple[str, float]] = {}
        self.shift, self.moved = math.inf, {}
        last = read_pickle(folder / "summaries.pickle", tuple)
        try:
            (count_before, before), ledger = pickle.loads(last[0]), last[1]  # type: ignore[index]
        except (TypeError, IndexError, ValueError, EOFError, pickle.UnpicklingError):
            return
        if isinstance(before, dict) and isinstance(ledger, dict) and isinstance(count_before, int):
            self.ledger = ledger
            self.shift, self.moved = term_drift(before, count_before, idf, documents)

    def summary(self, analysis: Analysis, window: Sequence[Sentence], count: int,
                context: SummaryContext, part: Part) -> tuple[int, ...]:
        """The chosen sentences of ``window``: kept when the record holds, else made and recorded."""
        analysis_key = self.keys.get(analysis.article_id)
        if analysis_key is None:
            return news(window, count, context)
        key = hashlib.sha256(f"{SALT}\n{analysis_key}\n{count}".encode()).hexdigest()
        kept = self.ledger.get(key)
        if kept is not None and self.shift < MAX_DRIFT:
            drift = (1 + kept[1]) * (1 + self._drift(window)) - 1
            record = self._record(key)
            if record is not None and record.generation == kept[0] and holds(record.trace, drift):
                part.drift[key] = (kept[0], drift)
                return record.trace.chosen
        trace = traced(window, count, context, GUARD)
        self.made.append((key, pickle.dumps(Record(trace, self.generation), protocol=5)))
        part.drift[key] = (self.generation, 0.0)
        return trace.chosen

    def _drift(self, window: Sequence[Sentence]) -> float:
        """How far any term weight of these sentences moved since the last build, as a share."""
        drift = self.shift
        if self.moved:
            for sentence in window:
                if not self.moved.keys().isdisjoint(sentence.terms):
                    drift = max(drift, max(self.moved.get(term, 0.0) for term in sentence.terms))
        return drift

    def _record(self, key: str) -> Record | None:
        found = self.store.get(key)
        try:
            record = pickle.loads(found) if found is not None else None
        except (EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
            return None
        return record if isinstance(record, Record) else None

    def store_made(self) -> None:
        """Store the records made so far, in one transaction (each process its own)."""
        self.store.put_many(self.made)
        self.made = []

    def save(self, drift: Mapping[str, tuple[str, float]]) -> None:
        """Keep this build's IDF and the records it used, with their drift; forget the others."""
        write_atomically(self.folder / "summaries.pickle",
                         pickle.dumps((self.idf_bytes, dict(sorted(drift.items()))), protocol=5))
        self.store.keep_only(drift)
        self.store.release()


def term_drift(before: Mapping[str, float], count_before: int, idf: Mapping[str, float],
               documents: int) -> tuple[float, dict[str, float]]:
    """How far term weights moved, as a share of the old weight: one bound for every term that
    moved no more than the corpus' size alone moves a weight (``log((1 + N') / (1 + N))``), and
    each other term's own share. A term the last build did not have is no article's it certified."""
    size = abs(math.log((1 + documents) / (1 + count_before))) * (1 + 1e-6) + 1e-12
    moved = {}
    for term, weight in idf.items():
        old = before.get(term)
        if old is not None and old > 0:
            share = abs(weight / old - 1)
            if share > size:
                moved[term] = share
    return size, moved


def holds(trace: Trace, drift: float) -> bool:
    """Whether ``news`` gives ``trace.chosen`` again when every term weight of the article has
    moved by at most the share ``drift`` (the module's docstring has the reasoning)."""
    if drift >= MAX_DRIFT:
        return False
    growth = ((1 + drift) / (1 - drift)) ** 2 - 1
    move = (1 + BETA) * trace.high * growth
    if move > GUARD * trace.high:
        return False
    bounds = _score_bounds(trace, [move * near for near in trace.near])
    if bounds is None:
        return False
    lowest, highest = bounds
    order, walked = trace.walk.examined, set(trace.walk.examined)
    for earlier, later in itertools.pairwise(order):
        if lowest[earlier] - highest[later] <= EPSILON:
            return False
    if order and any(highest[i] >= lowest[order[-1]] - EPSILON for i in trace.eligible if i not in walked):
        return False
    bar, factor = REDUNDANCY, 1 + growth
    return all(c * factor < bar - EPSILON if c < bar else c / factor >= bar + EPSILON for c in trace.walk.cosines)


def _score_bounds(trace: Trace, spread: Sequence[float]) -> tuple[list[float], list[float]] | None:
    """The lowest and highest score each sentence can have when its directed centrality moves by
    at most ``spread``; None when the largest centrality could fall to zero or below (the score
    then divides by 1 instead) without surely doing so."""
    directed, rest, weight = trace.directed, trace.rest, WEIGHTS["centrality"]
    if not directed:
        return list(rest), list(rest)
    top_low = max(d - s for d, s in zip(directed, spread, strict=True))
    top_high = max(d + s for d, s in zip(directed, spread, strict=True))
    if top_low > 0:
        return ([r + weight * max(d - s, 0.0) / top_high for r, d, s in zip(rest, directed, spread, strict=True)],
                [r + weight * max(d + s, 0.0) / top_low for r, d, s in zip(rest, directed, spread, strict=True)])
    if top_high <= 0:  # no centrality is positive or can become so: the term is zero throughout
        return list(rest), list(rest)
    return None
