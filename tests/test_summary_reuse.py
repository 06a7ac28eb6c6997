"""Summaries kept between builds (``summarize/reuse.py``): a kept article or story summary is always
the one the summarizer makes with the new term weights, and many are kept when the weights barely moved."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from generator.corpus.vectors import idf_weights, tfidf
from generator.models import Analysis, Sentence
from generator.summarize import Part, Reuse, SummaryContext, summarize
from generator.summarize.base import WINDOW
from generator.summarize.centrality import centrality_parts
from generator.summarize.news import GUARD, news, traced
from generator.summarize.reuse import (
    MAX_DRIFT,
    Moves,
    centrality_spread,
    closeness_bounds,
    growth,
    holds,
    holds_story,
    intervals,
    term_factors,
)
from generator.summarize.story import story_pool, story_text, summarize_story, traced_story

WORDS = [f"word{n}" for n in range(400)]


def _article(chance: random.Random, article_id: str) -> Analysis:
    """Sentences of words drawn with a long tail (a few words in most sentences, most rarely), some
    sharing words with the sentences around them, as an article's do."""
    sentences = []
    for index in range(chance.randint(4, 30)):
        count = chance.randint(4, 22)
        terms = tuple(WORDS[min(int(chance.paretovariate(0.7)) - 1, len(WORDS) - 1)] for _ in range(count))
        if sentences and chance.random() < 0.5:
            terms += sentences[-1].terms[:chance.randint(1, 4)]
        text = " ".join(["The", *terms, "said", "today."][:len(terms) + chance.randint(3, 4)])
        text = text if text.endswith(".") else text + "."
        sentences.append(Sentence(text, index, index // 3, terms, tuple(text.lower().split())))
    return Analysis(article_id, tuple(sentences), (), ())


def _corpus(seed: int, count: int) -> tuple[random.Random, list[Analysis], dict[str, float]]:
    """``count`` articles drawn from ``seed``, the random source to go on with, and their weights."""
    chance = random.Random(seed)
    articles = [_article(chance, f"a{n}") for n in range(count)]
    return chance, articles, idf_weights([t for s in a.sentences for t in s.terms] for a in articles)


def _windows(chance: random.Random, articles: list[Analysis], values: tuple[float, ...]):
    """Each value with each article's window, the window's terms and a fifteenth of them drawn at
    random (the terms a new article carries)."""
    for value in values:
        for article in articles:
            window = article.sentences[:WINDOW]
            terms = sorted({t for s in window for t in s.terms})
            yield value, window, terms, chance.sample(terms, max(1, len(terms) // 15))


def _moved(idf: dict[str, float], chance: random.Random, share: float) -> dict[str, float]:
    """Every weight moved by a random share of at most ``share``, up or down."""
    return {term: weight * (1 + chance.uniform(-share, share)) for term, weight in idf.items()}


def _favouring(idf: dict[str, float], terms: tuple[str, ...], share: float) -> dict[str, float]:
    """The weights of ``terms`` up by ``share``, every other down by it: what most lifts the
    sentences that carry those terms over the others."""
    lifted = set(terms)
    return {term: weight * (1 + share if term in lifted else 1 - share) for term, weight in idf.items()}


def _weightings(idf: dict[str, float], sentences: list[Sentence], chance: random.Random,
                share: float) -> list[dict[str, float]]:
    """Weights moved at random, and moved in favour of each of a few of these sentences."""
    picked = chance.sample(sentences, min(6, len(sentences)))
    return [_moved(idf, chance, share), *(_favouring(idf, s.terms, share) for s in picked)]


@pytest.mark.parametrize("seed", range(6))
def test_a_kept_summary_is_the_one_the_new_weights_give(seed: int) -> None:
    chance, articles, idf = _corpus(seed, 60)
    kept = checked = 0
    for share in (0.0005, 0.002, 0.005, 0.01, 0.03):
        for article in articles:
            window = article.sentences[:WINDOW]
            weightings = _weightings(idf, list(window), chance, share)
            for count in (2, 3, 4):
                trace = traced(window, count, SummaryContext(idf), GUARD)
                assert trace.chosen == news(window, count, SummaryContext(idf))
                if holds(trace, share):
                    kept += 1
                    for moved in weightings:
                        assert news(window, count, SummaryContext(moved)) == trace.chosen
                checked += 1
        assert not any(holds(traced(a.sentences, 3, SummaryContext(idf), GUARD), MAX_DRIFT) for a in articles)
    assert kept > checked / 3  # not a test that passes by keeping nothing


def _moved_by_term(idf: dict[str, float], chance: random.Random, shares: dict[str, float]) -> dict[str, float]:
    return {term: weight * (1 + chance.uniform(-shares[term], shares[term])) for term, weight in idf.items()}


def _favouring_by_term(idf: dict[str, float], terms: tuple[str, ...], shares: dict[str, float]) -> dict[str, float]:
    lifted = set(terms)
    return {term: weight * (1 + shares[term] if term in lifted else 1 - shares[term]) for term, weight in idf.items()}


@pytest.mark.parametrize("seed", range(6))
def test_a_summary_kept_by_each_sentences_drift_is_the_one_the_new_weights_give(seed: int) -> None:
    """A new article moves the weights of the terms it carries, which most sentences of an older
    article lack: each sentence bears only its own terms' drift, and the summary kept is still
    the one the moved weights give, whichever way each weight moved within its share."""
    chance, articles, idf = _corpus(200 + seed, 60)
    kept = uniform = checked = 0
    for share, window, _, sample in _windows(chance, articles, (0.005, 0.02, 0.045)):
        carried = set(sample)  # the new article's terms
        shares = {t: share if t in carried else 0.001 for t in idf}
        drifts = tuple(max((shares[t] for t in s.terms), default=0.001) for s in window)
        picked = chance.sample(list(window), min(6, len(window)))
        weightings = [*(_moved_by_term(idf, chance, shares) for _ in range(2)),
                      *(_favouring_by_term(idf, s.terms, shares) for s in picked),
                      _favouring_by_term(idf, tuple(carried), shares)]
        for count in (2, 3, 4):
            trace = traced(window, count, SummaryContext(idf), GUARD)
            if holds(trace, drifts):
                kept += 1
                uniform += holds(trace, max(drifts))
                for moved in weightings:
                    assert news(window, count, SummaryContext(moved)) == trace.chosen
            checked += 1
    assert kept > checked / 3 and kept > uniform + checked / 10  # more than one drift for the whole window keeps


def _raising(idf: dict[str, float], carried: dict[str, float], grown: float, up: frozenset[str]) -> dict[str, float]:
    """The new article's terms by their own factors; ``up``'s other terms raised by the corpus'
    growth, every other term left as it was: the extremes of weights that moved one way."""
    return {t: w * carried.get(t, 1 + grown if t in up else 1.0) for t, w in idf.items()}


@pytest.mark.parametrize("seed", range(6))
def test_a_summary_kept_by_weights_that_moved_one_way_is_the_one_the_new_weights_give(seed: int) -> None:
    """Adding an article raises every weight whose term it lacks by a factor between 1 and 1 plus
    the corpus' growth, and moves its own terms' weights by their own factors, up or down: each
    sentence's interval of factors keeps more summaries than a share either way, and every kept
    summary is the one any weights within those intervals give."""
    chance, articles, idf = _corpus(500 + seed, 60)
    kept = symmetric = checked = 0
    for grown, window, terms, sample in _windows(chance, articles, (0.002, 0.01, 0.03)):
        carried = {t: 1 + chance.uniform(-3 * grown, 3 * grown) for t in sample}
        spans = tuple((min(1.0, *own), max(1 + grown, *own)) if (own := [carried[t] for t in s.terms if t in carried])
                      else (1.0, 1 + grown) for s in window)
        weightings = [{t: w * carried.get(t, 1 + chance.uniform(0, grown)) for t, w in idf.items()},
                      *(_raising(idf, carried, grown, frozenset(s.terms)) for s in window),
                      *(_raising(idf, carried, grown, frozenset(terms) - frozenset(s.terms)) for s in window)]
        for count in (2, 3, 4):
            trace = traced(window, count, SummaryContext(idf), GUARD)
            if holds(trace, spans):
                kept += 1
                for moved in weightings:
                    assert news(window, count, SummaryContext(moved)) == trace.chosen
            symmetric += holds(trace, tuple(max(high - 1, 1 - low) for low, high in spans))
            checked += 1
    assert kept > 0.4 * checked and kept > symmetric + checked / 20  # one-sided intervals keep more


def test_only_weights_moved_as_the_corpus_size_moves_them_share_its_interval() -> None:
    """A weight whose term's document count grew with the corpus moves down a little, less than
    the corpus' size moves the others up: it has a factor of its own, not the size's interval."""
    count = 400
    before = {"common": math.log(401 / 301) + 1, "usual": math.log(401 / 101) + 1, "rare": math.log(401 / 3) + 1}
    after = {"common": math.log(402 / 302) + 1, "usual": math.log(402 / 101) + 1, "rare": math.log(402 / 4) + 1}
    (low, high), moved = term_factors(before, count, after, count + 1)
    assert low < 1 < high and high - 1 == pytest.approx(math.log(402 / 401), rel=1e-4)
    assert low <= after["usual"] / before["usual"] <= high and "usual" not in moved
    assert after["common"] / before["common"] < 1 and moved["common"] == after["common"] / before["common"]
    assert moved["rare"] == after["rare"] / before["rare"] < 1
    for term, weight in after.items():
        assert term in moved or low <= weight / before[term] <= high


@pytest.mark.parametrize("seed", range(4))
def test_each_directed_centrality_stays_within_its_spread(seed: int) -> None:
    """The bound under the certificate, checked on its own: with each sentence's weights moved
    within their shares, lifting each sentence's terms, the most similar pair's or the new
    article's and lowering the rest, no centrality moves further than ``centrality_spread`` says."""
    chance, articles, idf = _corpus(300 + seed, 40)
    bounded = 0
    for share in (0.01, 0.04):
        for article in articles:
            window = article.sentences[:WINDOW]
            terms = sorted({t for s in window for t in s.terms})
            carried = set(chance.sample(terms, max(1, len(terms) // 15)))
            shares = {t: share if t in carried else 0.002 for t in idf}
            drifts = [max((shares[t] for t in s.terms), default=0.002) for s in window]
            trace = traced(window, 3, SummaryContext(idf), GUARD)
            spread = centrality_spread(trace, Moves(intervals(tuple(drifts), len(drifts))))
            if spread is None:
                continue
            bounded += 1
            lifts = [s.terms for s in window] + [tuple(carried)]
            if len(trace.pairs):  # the most similar pair's terms
                first, second = (int(n) for n in trace.pairs[trace.pairs[:, 2].argmax(), :2])
                lifts.append(window[first].terms + window[second].terms)
            weightings = [_moved_by_term(idf, chance, shares),
                          *(_favouring_by_term(idf, lift, shares) for lift in lifts),
                          *(_favouring_by_term(idf, tuple(set(terms) - set(lift)), shares) for lift in lifts)]
            for moved in weightings:
                vecs = [tfidf(s.terms, moved) for s in window]
                directed = centrality_parts(vecs)[0]
                assert all(abs(new - old) <= room + 1e-9
                           for new, old, room in zip(directed, trace.directed, spread, strict=True))
    assert bounded > 40


def test_weights_moved_only_by_the_corpus_size_share_one_bound() -> None:
    before = {"common": math.log(11 / 9) + 1, "rare": math.log(11 / 2) + 1}
    after = {"common": math.log(12 / 9) + 1, "rare": math.log(12 / 3) + 1, "new": math.log(12 / 2) + 1}
    (low, high), moved = term_factors(before, 10, after, 11)
    shift = max(high - 1, 1 - low)
    assert shift == pytest.approx(math.log(12 / 11), rel=1e-5)
    assert after["common"] / before["common"] - 1 <= shift  # moved only by the size of the corpus
    assert set(moved) == {"rare"} and 1 - moved["rare"] == pytest.approx(1 - after["rare"] / before["rare"])


def test_builds_that_keep_summaries_give_what_a_full_rebuild_gives(tmp_path: Path) -> None:
    chance = random.Random(7)
    corpus = [_article(chance, f"a{n:03d}") for n in range(400)]
    kept_by_build = []
    for size in (300, 300, 301, 302, 305, 400, 399):  # a first build, none new, one, one more, three...
        articles = corpus[:size]
        idf = idf_weights([t for s in a.sentences for t in s.terms] for a in articles)
        keys = {a.article_id: f"text-of-{a.article_id}" for a in articles}
        reuse, part = Reuse(tmp_path, idf, len(articles), keys), Part()
        for article in articles:
            context = SummaryContext(idf)
            assert summarize(article, 3, "news", context, reuse, part) == summarize(article, 3, "news", context)
        reuse.store_made()
        reuse.save(part.drift)
        kept_by_build.append(sum(isinstance(drift, tuple) or drift > 0.0 for _, drift in part.drift.values()))
    assert kept_by_build[:2] == [0, 300]  # a build with nothing new keeps every summary
    assert kept_by_build[2] > 75  # one new article moves the weights too little to remake many


@pytest.mark.parametrize("seed", range(4))
def test_a_kept_story_summary_is_the_one_the_new_weights_give(seed: int) -> None:
    chance, articles, idf = _corpus(100 + seed, 80)
    stories = [_sharing(articles[n:n + chance.randint(2, 6)], chance) for n in range(0, 70, 5)]
    kept = checked = 0
    for share in (0.00002, 0.0001, 0.0005, 0.002, 0.01):
        for story in stories:
            pool = story_pool(story)
            trace = traced_story(pool, idf)
            assert story_text(pool, trace.chosen) == summarize_story(story, idf)
            if holds_story(trace, pool, share):
                kept += 1
                for moved in _weightings(idf, [s for _, s in pool], chance, share):
                    assert traced_story(pool, moved).chosen == trace.chosen
            checked += 1
    assert kept > checked / 5


def _story_weightings(idf: dict[str, float], pool: list, carried: set[str], shares: dict[str, float],
                      chance: random.Random) -> list[dict[str, float]]:
    """Weights moved within each term's share: at random, in favour of a few pool sentences, of
    the new article's terms, and against them."""
    picked = chance.sample([s for _, s in pool], min(5, len(pool)))
    rest = tuple({t for _, s in pool for t in s.terms} - carried)
    return [_moved_by_term(idf, chance, shares), *(_favouring_by_term(idf, s.terms, shares) for s in picked),
            _favouring_by_term(idf, tuple(carried), shares), _favouring_by_term(idf, rest, shares)]


@pytest.mark.parametrize("seed", range(4))
def test_a_story_summary_kept_by_each_sentences_drift_is_the_one_the_new_weights_give(seed: int) -> None:
    """A new article moves the weights of its own terms, which few sentences of a story carry:
    each pool sentence bears its own drift, and the story summary kept is the one the moved
    weights give; more are kept than with the largest drift for every sentence."""
    chance, articles, idf = _corpus(400 + seed, 80)
    stories = [_sharing(articles[n:n + chance.randint(2, 6)], chance) for n in range(0, 70, 5)]
    kept = uniform = checked = 0
    for share in (0.0005, 0.002, 0.01):
        for story in stories:
            pool = story_pool(story)
            terms = sorted({t for _, s in pool for t in s.terms})
            carried = set(chance.sample(terms, max(1, len(terms) // 40)))  # the new article's terms
            shares = {t: share if t in carried else 0.0002 for t in idf}
            drifts = tuple(max((shares[t] for t in s.terms), default=0.0002) for _, s in pool)
            trace = traced_story(pool, idf)
            if holds_story(trace, pool, drifts):
                kept += 1
                uniform += holds_story(trace, pool, max(drifts))
                for moved in _story_weightings(idf, pool, carried, shares, chance):
                    assert traced_story(pool, moved).chosen == trace.chosen
            checked += 1
    assert kept > checked / 5 and kept > 1.5 * uniform  # not a test that passes by keeping nothing


@pytest.mark.parametrize("seed", range(3))
def test_each_closeness_to_the_centroid_stays_within_its_bounds(seed: int) -> None:
    """The bound under the story certificate, checked on its own: with each sentence's weights
    moved within their shares, no sentence's cosine to the story's centroid leaves the bounds,
    not even a sentence none of whose weights moved, whose cosines to the others did."""
    chance, articles, idf = _corpus(500 + seed, 60)
    for n in range(0, 50, 5):
        pool = story_pool(_sharing(articles[n:n + chance.randint(2, 6)], chance))
        terms = sorted({t for _, s in pool for t in s.terms})
        carried = set(chance.sample(terms, max(1, len(terms) // 20)))
        for share, others in ((0.002, 0.0005), (0.02, 0.0005), (0.02, 0.0)):  # the others' terms kept still too
            shares = {t: share if t in carried else others for t in idf}
            drifts = [max((shares[t] for t in s.terms), default=others) for _, s in pool]
            trace = traced_story(pool, idf)
            lowest, highest = closeness_bounds(trace.closeness, trace.norm, [growth(d) for d in drifts])
            for moved in _story_weightings(idf, pool, carried, shares, chance):
                closeness = traced_story(pool, moved).closeness
                assert all(low - 1e-12 <= c <= high + 1e-12
                           for c, low, high in zip(closeness, lowest, highest, strict=True))
                assert closeness != trace.closeness  # the weights did move


def test_a_still_sentence_bears_the_moves_of_the_sentences_it_shares_terms_with() -> None:
    """Only the new article's term "beta" moves; "alpha" stays. The sentence "alpha" is no nearer
    the centroid by any of its own weights, but by its cosine to "alpha beta", which the fall of
    "beta" lifts; with many sentences about something else, the centroid's length barely moves."""
    def sentence(index: int, terms: tuple[str, ...]) -> Sentence:
        return Sentence("The words " + " ".join(terms) + " were said.", index, index, terms, ("w",) * 8)

    pool = [(0, sentence(0, ("alpha",))), (1, sentence(0, ("alpha", "beta"))),
            *((2 + n, sentence(0, ("delta",))) for n in range(30))]
    idf = {"alpha": 2.0, "beta": 3.0, "delta": 1.5}
    trace = traced_story(pool, idf)
    lowest, highest = closeness_bounds(trace.closeness, trace.norm, [0.0, growth(0.2), *([0.0] * 30)])
    moved = traced_story(pool, {**idf, "beta": 3.0 * 0.8}).closeness
    assert moved[0] > trace.closeness[0] and lowest[0] <= moved[0] <= highest[0]


def _sharing(story: list[Analysis], chance: random.Random) -> list[Analysis]:
    """The story with some of its first article's sentences carried by the others too, as wire copy
    is: the same words at another place, or at the same place."""
    shared = []
    for article in story[1:]:
        sentences = list(article.sentences)
        for copied in chance.sample(story[0].sentences, min(3, len(story[0].sentences))):
            at = copied.index if chance.random() < 0.5 else chance.randint(0, len(sentences))
            sentences.insert(min(at, len(sentences)), copied)
        renumbered = tuple(Sentence(s.text, i, s.paragraph, s.terms, s.lemmas) for i, s in enumerate(sentences))
        shared.append(Analysis(article.article_id, renumbered, (), ()))
    return [story[0], *shared]


def test_story_summaries_kept_across_builds_are_a_full_rebuilds(tmp_path: Path) -> None:
    chance = random.Random(11)
    corpus = [_article(chance, f"a{n:03d}") for n in range(320)]
    stories = [corpus[n:n + 4] for n in range(0, 280, 7)]
    kept_by_build = []
    for size in (300, 300, 301, 310):
        articles = corpus[:size]
        idf = idf_weights([t for s in a.sentences for t in s.terms] for a in articles)
        reuse, part = Reuse(tmp_path, idf, size, {a.article_id: f"text-of-{a.article_id}" for a in articles}), Part()
        for story in stories:
            assert reuse.story_summary(story, idf, part) == summarize_story(story, idf)
        reuse.store_made()
        reuse.save(part.drift)
        kept_by_build.append(sum(isinstance(drift, tuple) or drift > 0.0 for _, drift in part.drift.values()))
    assert kept_by_build[:2] == [0, len(stories)]  # a build with nothing new keeps every story summary


def test_a_sentence_repeating_its_twin_needs_no_margin_over_it() -> None:
    """A repeat whose score may come near its blocker's keeps the summary only when the two are
    twins (the same terms: the same score under any weights, give or take fixed position priors)."""
    from generator.summarize.base import Walk
    from generator.summarize.reuse import walk_holds

    walk = Walk(examined=[1, 2, 3], blockers=[-1, 1, -1], cosines=[0.9, 0.1])
    lowest, highest = [0.0, 0.80, 0.79, 0.5], [0.0, 0.81, 0.80, 0.51]
    assert not walk_holds(walk, lowest, highest, range(4), 0.5, 1.01, first=0)
    assert walk_holds(walk, lowest, highest, range(4), 0.5, 1.01, first=0, twins=lambda i, j: {i, j} == {1, 2})
    assert not walk_holds(walk, lowest, highest, range(4), 0.5, 1.01, first=0, twins=lambda i, j: {i, j} == {1, 3})


def test_a_sentence_past_the_stop_that_may_rise_is_excused_only_as_a_sure_repeat() -> None:
    """Sentence 4 was never looked at, but other weights may lift it over the last one taken (3):
    no matter when it surely repeats a sentence taken before it (1), else the summary is made again."""
    from generator.summarize.base import Walk
    from generator.summarize.reuse import walk_holds

    walk = Walk(examined=[1, 2, 3], blockers=[-1, -1, -1], cosines=[0.1, 0.1, 0.2, 0.1, 0.2, 0.3])
    lowest, highest = [0.0, 0.9, 0.8, 0.5, 0.49], [0.0, 0.91, 0.81, 0.51, 0.505]
    holds = [walk_holds(walk, lowest, highest, range(5), 0.5, 1.01, first=0, beyond=beyond)
             for beyond in ((), ((4, -1, 0.0),), ((4, 1, 0.8),), ((4, 3, 0.8),), ((4, 1, 0.502),))]
    assert holds == [False, False, True, False, False]
