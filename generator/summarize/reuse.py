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
multiplying each weight of two sentences by a factor in [1 - d, 1 + d] multiplies their cosine by
a factor in [1/k, k], k = ((1 + d) / (1 - d)) ** 2, so a cosine c moves by at most c (k - 1). For
an article's window each sentence has its own interval of factors, [low, high] (``Interval``),
and a pair of sentences its own k from both intervals (``Moves``): one new article moves the
rarity of the terms it carries, which most sentences of an older article lack (in a gva-dev
rebuild nine sentences in ten of the articles it touched moved only by the corpus' growth), and
the corpus' growth moves every other weight up, never down, so most intervals are [1, 1 + s] and
their k is (1 + s) ** 2 where a share either way gave ((1 + s) / (1 - s)) ** 2 (on a gva-dev
rebuild 352 of 428 summaries kept instead of about 235). A story's pool uses one share ``d`` per
sentence, the most any of its terms moved either way, and a pair the larger of theirs. The
trace keeps the pairs whose edge can move (at or above the edge
threshold, or below it by less than ``GUARD`` times the largest similarity ``high``), with their
similarities: the largest similarity then lies between the largest of theirs shrunk and grown by
their own k (or the guard's bar grown, for the other pairs), the threshold (``BETA`` times it, the
smallest similarity being the zero of the diagonal) moves by ``BETA`` times as much, each such
edge by its own move plus the threshold's, and every other edge stays zero as long as the largest
pair it could reach stays under the lowest threshold. A sentence's directed centrality then
moves by its edges' moves (forward ones counted ``FORWARD``, backward ones ``-BACKWARD``), the
largest centrality by the largest such move, and each score lies in an interval; the order the
pick walked must hold for every score in the intervals, and each cosine it compared must stay on
its side of the bar, grown or shrunk by its own pair's k.

The factors of a sentence: its terms' rarity now over their rarity when the certificate was made.
Each build keeps the corpus' IDF and, for every kept record, the drift accumulated since it was
made (``cache_dir/summaries.pickle``: per sentence of an article's window or of a story's pool); a
build compares its IDF with the last build's (every term whose document frequency did not change
moves by the same small shift; the others, the terms of added or removed articles, are looked up
one by one: ``term_factors``) and multiplies the factors. The records themselves
are rows of ``cache_dir/summaries.sqlite``, each under the article's analysis key, the sentence
count and a salt naming the code; with the IDF fingerprint of the build that made it, so a record
made by a build that never finished is not trusted. Only the ``news`` summarizer is kept this way.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy

from ..analyze.cache import read_pickle, unpickled, write_atomically
from ..models import Analysis, Sentence
from ..publish.memo import code_salt
from ..store import Store
from .base import SummaryContext, Walk
from .centrality import BACKWARD, BETA, FORWARD
from .news import GUARD, REDUNDANCY, WEIGHTS, Trace, news, traced
from .story import REDUNDANCY as STORY_REDUNDANCY
from .story import Pool, StoryTrace, pool_at, priors, story_places, story_text, summarize_story, traced_story

_HERE = Path(__file__).parent
SALT = code_salt(*(str(_HERE / name) for name in ("news.py", "story.py", "base.py", "centrality.py", "reuse.py")),
                 str(_HERE.parent / "corpus" / "vectors.py"))
EPSILON = 1e-9
"""Slack on every comparison, far above the rounding of the sums it stands for."""
MAX_DRIFT = 0.05
"""Beyond this share of movement in any term weight, a summary is made again without looking."""


@dataclass(frozen=True, slots=True)
class Record:
    trace: Trace | StoryTrace
    generation: str
    """The fingerprint of the IDF the trace was made with (``Reuse.generation``)."""
    places: tuple[tuple[int, int], ...] = ()
    """For a story: where its pool's sentences are (``story.story_places``)."""


Interval = tuple[float, float]
"""The lowest and highest factor a sentence's term weights were multiplied by since a record was
made: adding articles raises every weight whose term's document count stayed the same (by a factor
in [1, 1 + log((1 + N') / (1 + N))]), so most sentences' weights all moved the same way."""
Drift = float | tuple[float, ...] | tuple[Interval, ...]
"""How far term weights moved since a record was made: as a share either way, one figure for every
sentence or one per sentence of an article's window or of a story's pool; or, for an article's
window, an ``Interval`` per sentence."""


@dataclass(frozen=True, slots=True)
class Part:
    """What summarizing some of the articles gives: their summaries by article id, and the drift
    each kept record has accumulated, by record key, for the next build."""

    summaries: dict[str, tuple[str, ...]] = field(default_factory=dict)
    drift: dict[str, tuple[str, Drift]] = field(default_factory=dict)


class Reuse:
    """The certificates of the last build, and how far this build's IDF moved from its."""

    def __init__(self, folder: Path, idf: Mapping[str, float], documents: int, keys: Mapping[str, str]) -> None:
        self.folder = folder
        self.store = Store(folder / "summaries.sqlite", "the summaries cache")
        self.keys = keys
        self.idf_bytes = pickle.dumps((documents, dict(idf)), protocol=5)
        self.generation = hashlib.sha256(self.idf_bytes).hexdigest()
        self.ledger: dict[str, tuple[str, Drift]] = {}
        self.shift = math.inf
        self.base: Interval = (0.0, math.inf)
        self.factors: dict[str, float] = {}
        last = read_pickle(folder / "summaries.pickle", tuple)
        before = unpickled(last[0], tuple) if last and len(last) == 2 and isinstance(last[0], bytes) else None
        if before and len(before) == 2 and isinstance(before[0], int) and isinstance(before[1], dict) \
                and isinstance(last[1], dict):
            self.ledger = last[1]
            self.base, self.factors = term_factors(before[1], before[0], idf, documents)
            self.shift = _share(self.base)

    def summary(self, analysis: Analysis, window: Sequence[Sentence], count: int,
                context: SummaryContext, part: Part) -> tuple[int, ...]:
        """The chosen sentences of ``window``: kept when the record holds, else made and recorded."""
        analysis_key = self.keys.get(analysis.article_id)
        if analysis_key is None:
            return news(window, count, context)
        key = hashlib.sha256(f"{SALT}\n{analysis_key}\n{count}".encode()).hexdigest()
        found = self._kept(key, Trace)
        if found is not None:
            drift = compounded(found[1], self._spans(window))
            if holds(found[0].trace, drift):
                return self._keep(key, found[0], drift, part).trace.chosen
        return self._make(key, Record(traced(window, count, context, GUARD), self.generation), part).trace.chosen

    def story_summary(self, readable: Sequence[Analysis], idf: Mapping[str, float], part: Part) -> tuple[str, ...]:
        """``story.summarize_story`` of a story's readable articles (in reading order): kept when
        the record holds, else made and recorded. A kept record says where the pool's sentences
        are, so the sentences need not be judged fit again (most of the time a kept story took)."""
        analysis_keys = [self.keys.get(a.article_id) for a in readable]
        if None in analysis_keys:
            return summarize_story(readable, idf)
        key = hashlib.sha256("\n".join([SALT, "story", *map(str, analysis_keys)]).encode()).hexdigest()
        found = self._kept(key, StoryTrace)
        if found is not None:
            pool = pool_at(readable, found[0].places)
            drift = compounded(found[1], self._drifts([sentence for _, sentence in pool]))
            if holds_story(found[0].trace, pool, drift):
                return story_text(pool, self._keep(key, found[0], drift, part).trace.chosen)
        places = story_places(readable)
        pool = pool_at(readable, places)
        if not pool:
            return ()
        made = self._make(key, Record(traced_story(pool, idf), self.generation, tuple(places)), part)
        return story_text(pool, made.trace.chosen)

    def _kept(self, key: str, kind: type) -> tuple[Record, Drift] | None:
        """The last build's record under ``key``, of a trace of ``kind``, with the drift it had
        borne before this build; None when there is none to trust."""
        kept = self.ledger.get(key)
        if kept is None or self.shift >= MAX_DRIFT:
            return None
        record = unpickled(self.store.get(key), Record)
        if not isinstance(record, Record) or record.generation != kept[0] or not isinstance(record.trace, kind):
            return None
        return record, kept[1]

    @staticmethod
    def _keep(key: str, record: Record, drift: Drift, part: Part) -> Record:
        part.drift[key] = (record.generation, drift)
        return record

    def _make(self, key: str, record: Record, part: Part) -> Record:
        self.store.add(key, pickle.dumps(record, protocol=5))
        part.drift[key] = (self.generation, 0.0)
        return record

    def _drifts(self, window: Sequence[Sentence]) -> tuple[float, ...]:
        """How far any term weight of each of these sentences moved since the last build, as a
        share either way (a story's pool bears shares: ``closeness_bounds``)."""
        return tuple(map(_share, self._spans(window)))

    def _spans(self, window: Sequence[Sentence]) -> tuple[Interval, ...]:
        """Each of these sentences' ``Interval`` since the last build: the corpus' size's, widened to
        the factor of each of its terms that moved otherwise."""
        (low, high), factors = self.base, self.factors
        spans = []
        for sentence in window:
            own = [factors[term] for term in factors.keys() & sentence.terms] if factors else []
            spans.append((min(low, *own), max(high, *own)) if own else (low, high))
        return tuple(spans)

    def store_made(self) -> None:
        """Store the records made so far (each process its own)."""
        self.store.flush()

    def save(self, drift: Mapping[str, tuple[str, Drift]]) -> None:
        """Keep this build's IDF and the records it used, with their drift; forget the others."""
        write_atomically(self.folder / "summaries.pickle",
                         pickle.dumps((self.idf_bytes, dict(sorted(drift.items()))), protocol=5))
        self.store.keep_only(drift)
        self.store.release()


def compounded(before: Drift, now: Drift) -> Drift:
    """The drift since a record was made: what it had borne (``before``), then this build's move;
    per sentence when this build's is, else one figure; intervals when this build's are. A
    ``before`` that does not match sentence for sentence counts as its largest share for every
    sentence."""
    if isinstance(now, tuple) and now and isinstance(now[0], tuple):
        borne = intervals(before, len(now)) or [_symmetric(_widest(before))] * len(now)
        return tuple((low * lowest, high * highest)  # type: ignore[misc]
                     for (low, high), (lowest, highest) in zip(borne, now, strict=True))
    if not isinstance(now, tuple):
        return (1 + _widest(before)) * (1 + now) - 1
    borne = tuple(map(_share, before)) if isinstance(before, tuple) and len(before) == len(now) \
        else (_widest(before),) * len(now)
    return tuple((1 + b) * (1 + d) - 1 for b, d in zip(borne, now, strict=True))


def _widest(drift: Drift) -> float:
    """The largest share any weight may have moved by, either way."""
    return max(map(_share, drift), default=0.0) if isinstance(drift, tuple) else drift


def _share(item: float | Interval) -> float:
    return max(item[1] - 1, 1 - item[0]) if isinstance(item, tuple) else item


def _symmetric(share: float) -> Interval:
    return (1 - share, 1 + share)


def intervals(drift: Drift, count: int) -> list[Interval] | None:
    """Each of ``count`` sentences' ``Interval`` (a share either way is one too); None when the
    drift does not match the sentences."""
    items = list(drift) if isinstance(drift, tuple) else [drift] * count
    if len(items) != count:
        return None
    return [item if isinstance(item, tuple) else _symmetric(item) for item in items]


def term_factors(before: Mapping[str, float], count_before: int, idf: Mapping[str, float],
                 documents: int) -> tuple[Interval, dict[str, float]]:
    """How far term weights moved, as factors of the old weight: the ``Interval`` of every term
    moved no more than the corpus' size moves a weight (a weight is at least 1, so the size's
    shift ``log((1 + N') / (1 + N))`` moves it by a factor between 1 and 1 plus that shift, up
    when articles were added, down when removed), and each other term's own factor."""
    shift = math.log((1 + documents) / (1 + count_before))
    margin = abs(shift) * 1e-6 + 1e-12
    base = (1 - margin, 1 + shift + margin) if shift >= 0 else (1 + shift - margin, 1 + margin)
    moved = {}
    for term, weight in idf.items():
        old = before.get(term)
        if old is not None and old > 0 and not base[0] <= weight / old <= base[1]:
            moved[term] = weight / old
    return base, moved


def growth(drift: float) -> float:
    """How much more than 1 a cosine's factor can be when every weight moved by at most ``drift``."""
    return ((1 + drift) / (1 - drift)) ** 2 - 1


def holds(trace: Trace, drift: Drift) -> bool:
    """Whether ``news`` gives ``trace.chosen`` again when every term weight of each sentence has
    moved by a factor within its ``Interval`` of ``drift`` (a share either way is one; one share:
    every sentence's). The module's docstring has the reasoning."""
    spans = intervals(drift, len(trace.directed))
    if spans is None or max(map(_share, spans), default=0.0) >= MAX_DRIFT:
        return False
    moves = Moves(spans)
    spread = centrality_spread(trace, moves)
    if spread is None:
        return False
    bounds = _score_bounds(trace, spread)
    if bounds is None:
        return False
    lowest, highest = bounds
    return walk_holds(trace.walk, lowest, highest, trace.eligible, REDUNDANCY, 1 + moves.widest,
                      ordered=False, factors=moves.factors(walked_pairs(trace.walk)))


class Moves:
    """How far the cosine of two sentences can move when each sentence's term weights were
    multiplied by factors within its ``Interval``. A term two sentences share moved by one factor,
    within both intervals; so their cosine, a sum over the shared terms over the product of their
    lengths, is at most ``min(high_i, high_j)^2 / (low_i low_j)`` times what it was and at least
    ``max(low_i, low_j)^2 / (high_i high_j)`` times. Weights all moved up by at most ``s`` (the
    corpus grew) move a cosine by a factor within ``(1 + s)^2`` either way, where a share of
    ``s`` either way allowed ``((1 + s) / (1 - s))^2``."""

    def __init__(self, spans: Sequence[Interval]) -> None:
        self.low = numpy.array([low for low, _ in spans], dtype=float)
        self.high = numpy.array([high for _, high in spans], dtype=float)

    def growth(self, first: numpy.ndarray, second: numpy.ndarray) -> numpy.ndarray:
        """For each pair, how much more than 1 its cosine's factor can be, up or down."""
        low_first, low_second, high_first, high_second = \
            self.low[first], self.low[second], self.high[first], self.high[second]
        up = numpy.minimum(high_first, high_second) ** 2 / (low_first * low_second)
        down = high_first * high_second / numpy.maximum(low_first, low_second) ** 2
        return numpy.maximum(up, down) - 1

    def factors(self, pairs: Sequence[tuple[int, int]]) -> list[float]:
        """For each pair of sentences, the factor its cosine can grow or shrink by."""
        found = numpy.array(pairs, dtype=numpy.intp).reshape(-1, 2)
        return (1 + self.growth(found[:, 0], found[:, 1])).tolist()

    @property
    def widest(self) -> float:
        """At least every pair's ``growth``, any two sentences'."""
        if not len(self.low):
            return 0.0
        return float(self.high.max() ** 2 / self.low.min() ** 2 - 1)


def centrality_spread(trace: Trace, moves: Moves) -> list[float] | None:
    """How far each sentence's directed centrality can move when each pair's cosine may grow or
    shrink by its ``moves.growth``; None when an edge now zero might not stay zero."""
    widest, high = moves.widest, trace.high
    first, second, similarity = (trace.pairs[:, column] for column in range(3))
    first, second = first.astype(numpy.intp), second.astype(numpy.intp)
    pair_grows = moves.growth(first, second)
    others = (BETA - GUARD) * high * (1 + widest)  # the most any pair not kept can reach
    rising = max(others, float((similarity * (1 + pair_grows)).max(initial=0.0)))
    falling = float((similarity / (1 + pair_grows)).max(initial=0.0))
    shift = max(rising - high, high - falling, 0.0)  # of the largest similarity
    if high > 0 and others >= BETA * (high - shift) - EPSILON:
        return None
    move = similarity * pair_grows + BETA * shift
    count = len(moves.low)
    spread = (numpy.bincount(first, weights=FORWARD * move, minlength=count)
              + numpy.bincount(second, weights=-BACKWARD * move, minlength=count))
    return spread.tolist()


def walked_pairs(walk: Walk, taken: Sequence[int] = ()) -> list[tuple[int, int]]:
    """The two sentences of each of ``walk.cosines``: a taken sentence and each taken before it, a
    repeating one and the one it repeats; ``taken``: those taken before the walk began."""
    taken = list(taken)
    pairs: list[tuple[int, int]] = []
    for index, blocker in zip(walk.examined, walk.blockers, strict=True):
        if blocker < 0:
            pairs.extend((index, other) for other in taken)
            taken.append(index)
        else:
            pairs.append((index, blocker))
    return pairs


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


def holds_story(trace: StoryTrace, pool: Pool, drift: Drift) -> bool:
    """Whether ``story.traced_story`` chooses ``trace.chosen`` again from ``pool`` when every term
    weight of each pool sentence has moved by at most its share of ``drift`` (one share: every
    sentence's). Each sentence's closeness to the centroid lies within ``closeness_bounds``; the
    walk's order and its redundancy comparisons must hold for every value in those bounds, each
    comparison's cosine moving by its own pair's factor."""
    drifts = drift if isinstance(drift, tuple) else (drift,) * len(pool)
    if len(drifts) != len(pool) or len(trace.closeness) != len(pool) or max(drifts, default=0.0) >= MAX_DRIFT:
        return False
    bounds = closeness_bounds(trace.closeness, trace.norm, [growth(d) for d in drifts])
    if bounds is None:
        return False
    prior = priors(pool)
    lowest = [close + p for close, p in zip(bounds[0], prior, strict=True)]
    highest = [close + p for close, p in zip(bounds[1], prior, strict=True)]
    moves = Moves([_symmetric(d) for d in drifts])
    return walk_holds(trace.walk, lowest, highest, range(len(pool)), STORY_REDUNDANCY, 1 + moves.widest,
                      first=0, twins=lambda i, j: pool[i][1].terms == pool[j][1].terms, beyond=trace.beyond,
                      factors=moves.factors(walked_pairs(trace.walk, taken=[0])),
                      beyond_factors=moves.factors([(i, j if j >= 0 else i) for i, j, _ in trace.beyond]))


def closeness_bounds(closeness: Sequence[float], norm: float,
                     grows: Sequence[float]) -> tuple[list[float], list[float]] | None:
    """The lowest and highest cosine to the centroid each pool sentence can have when each pair's
    cosine may grow or shrink by the larger of its two ``grows``; None when the rows' sum could
    shrink to nothing. A sentence's closeness is ``n_i / sqrt(S)``, ``n_i`` the sum of its cosines
    to every pool sentence and ``S`` the sum of all the ``n``: ``n_i`` moves by at most
    ``sum_j c_ij max(g_i, g_j) <= g_i n_i + sum_j max(g_j - g_i, 0)`` (a cosine is at most 1), with
    ``g`` each sentence's growth when rising and ``g / (1 + g)`` when falling, and ``S`` by at
    most the sum of those moves. So a sentence whose own terms kept their weight bears the moves of
    the others only through its cosines to them, not through a share of its whole closeness."""
    if not norm:
        zeros = [0.0] * len(closeness)  # every row is empty, under any weights
        return zeros, list(zeros)
    sums = numpy.asarray(closeness, dtype=float) * norm
    rising = numpy.asarray(grows, dtype=float)
    falling = rising / (1 + rising)
    up, down = _moves(sums, rising), _moves(sums, falling)
    total = norm * norm
    if total - float(down.sum()) <= EPSILON:
        return None
    lowest = numpy.maximum(sums - down, 0.0) / math.sqrt(total + float(up.sum()))
    highest = (sums + up) / math.sqrt(total - float(down.sum()))
    return lowest.tolist(), highest.tolist()


def _moves(sums: numpy.ndarray, grows: numpy.ndarray) -> numpy.ndarray:
    """``g_i n_i + sum_j max(g_j - g_i, 0)`` for every sentence ``i``."""
    ordered = numpy.sort(grows)
    above = numpy.concatenate([numpy.cumsum(ordered[::-1])[::-1], [0.0]])  # the sum of ordered[k:]
    place = numpy.searchsorted(ordered, grows, side="right")
    return grows * sums + above[place] - (len(grows) - place) * grows


def walk_holds(walk: Walk, lowest: Sequence[float], highest: Sequence[float], candidates: Iterable[int],
               redundancy: float, factor: float, first: int = -1, ordered: bool = True,
               twins: Callable[[int, int], bool] | None = None,
               beyond: Sequence[tuple[int, int, float]] = (), factors: Sequence[float] | None = None,
               beyond_factors: Sequence[float] | None = None) -> bool:
    """Whether a greedy pick whose scores may now lie anywhere between ``lowest`` and ``highest``,
    and whose cosines anywhere between 1/``factor`` and ``factor`` times those of ``walk``, takes the
    same sentences in the same order: the sentences it took stay in their order, each one it found
    repeating stays after the one it repeats, every sentence it never looked at stays after the last
    one it took, and each deciding cosine stays on its side of ``redundancy``. Sentences that repeat
    others may change places among the rest without changing what is taken. ``first``: a sentence
    taken before the pick starts (a story's oldest lead), which every other follows. Without
    ``ordered`` (a pick that stops at a number of sentences, not of words), the sentences taken may
    change places among themselves too: every pair of them was compared, so each is taken
    whichever comes first, and the same ones are taken before any sentence never looked at.
    ``twins`` tells sentences with the same terms in the same order (a sentence two articles of a
    story both carry): their vectors are the same under any weights, so their scores differ only by
    their fixed position priors, or tie and go by their fixed order, and stay in the order they had.
    ``beyond``: sentences just after where the pick stopped, as it would have taken them up; one
    that may now come before the last sentence taken is no matter if it surely repeats a taken
    sentence that surely comes before it. ``factors`` and ``beyond_factors``: each of
    ``walk.cosines``' and each of ``beyond``'s own factor, in place of ``factor``."""
    taken = [i for i, blocker in zip(walk.examined, walk.blockers, strict=True) if blocker < 0]
    for earlier, later in itertools.pairwise(taken) if ordered else ():
        if lowest[earlier] - highest[later] <= EPSILON:
            return False
    for index, blocker in zip(walk.examined, walk.blockers, strict=True):
        if blocker not in (-1, first) and lowest[blocker] - highest[index] <= EPSILON \
                and not (twins and twins(blocker, index)):
            return False
    examined = set(walk.examined)
    if taken:
        last = taken[-1] if ordered else min(taken, key=lowest.__getitem__)
        spread = [factor] * len(beyond) if beyond_factors is None else beyond_factors
        repeats = _sure_repeats(beyond, spread, lowest, highest, redundancy, first, twins) if beyond else set()
        if any(highest[i] >= lowest[last] - EPSILON and not (ordered and twins and twins(last, i))
               and i not in repeats for i in candidates if i not in examined):
            return False
    spans = [factor] * len(walk.cosines) if factors is None else factors
    if len(spans) != len(walk.cosines):
        return False
    return all(c * f < redundancy - EPSILON if c < redundancy else c / f >= redundancy + EPSILON
               for c, f in zip(walk.cosines, spans, strict=True))


def _sure_repeats(beyond: Sequence[tuple[int, int, float]], factors: Sequence[float], lowest: Sequence[float],
                  highest: Sequence[float], redundancy: float, first: int,
                  twins: Callable[[int, int], bool] | None) -> set[int]:
    """The sentences of ``beyond`` that surely repeat a taken sentence that surely comes first
    (each cosine moving by its own factor)."""
    return {index for (index, blocker, cosine), factor in zip(beyond, factors, strict=True)
            if blocker >= 0 and cosine / factor >= redundancy + EPSILON
            and (blocker == first or (twins is not None and twins(blocker, index))
                 or lowest[blocker] - highest[index] > EPSILON)}
