"""Stories: articles about the same event, clustered by their text and shared actors.

The similarity of two articles is half the cosine of their TF-IDF vectors (content lemmas and
pairs of neighbouring content lemmas), plus 0.35 x the Jaccard overlap of their actors, plus
0.15 x the overlap of the people among them (who acted tells two events of one kind apart).
Average-linkage clustering stops at ``THRESHOLD``. There is no date window: a story runs as long
as its articles keep resembling one another (an arrest, a charge and a trial months after a
shooting stay with it). A fixed 14-day window from the story's first article was tried and
dropped: it split every story longer than two weeks (gva-dev pair F1 0.657 with it, 0.821
without) and gained nothing on ecbplus-dev (0.849 with, 0.869 without); a penalty growing with the
time between two articles gained nothing on ecbplus-dev either (0.866). The weights and the
threshold were chosen on ecbplus-dev; gva-dev is held out. Articles whose text cosine is at
least ``DUPLICATE`` are copies of one another (the same wire story twice): a story lists the
copies under the first of them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..models import Analysis, Article, Story, TitleSource
from ..publish.slugs import article_slug
from ..summarize.story import summarize_story
from . import vectors
from .clustering import average_linkage

THRESHOLD = 0.11
TEXT_WEIGHT, ACTOR_WEIGHT, PERSON_WEIGHT = 0.5, 0.35, 0.15
DUPLICATE = 0.9
CANDIDATE_TERMS = 100
"""Articles are compared when they share one of their most weighted terms (keeps the work near-linear)."""
MAX_SHARED = vectors.MAX_SHARED
"""A term in more articles than this is too common to make two articles a pair."""
MAX_PARTNERS = 100
"""Each article is compared with at most this many others, those sharing the most of its heaviest
terms, so a large corpus of much-alike articles stays near-linear (5,000 generated articles had a
median of 1,524 candidates each; ecbplus-dev 99 and gva-dev 78, at most 243). Chosen on
ecbplus-dev as the smallest of 250, 150, 100, 60, 40 that left its stories unchanged (60 cost
0.006 pair F1); gva-dev, held out, is unchanged at 100 too."""


@dataclass(frozen=True, slots=True)
class StoryGroup:
    """One story's articles in date order, with the copies of near-duplicate articles."""

    article_ids: tuple[str, ...]
    copies: Mapping[str, tuple[str, ...]]


def story_features(analysis: Analysis) -> list[str]:
    """Content lemmas and neighbouring pairs of them: "security_guarantee" says more than each word."""
    found: list[str] = []
    for sentence in analysis.sentences:
        terms = sentence.terms
        found.extend(terms)
        found.extend(f"{a}_{b}" for a, b in itertools.pairwise(terms))
    return found


def cluster_stories(articles: Sequence[Article], analyses: Sequence[Analysis],
                    actors_of: Mapping[str, tuple[str, ...]], people: frozenset[str] = frozenset()) -> list[StoryGroup]:
    """Groups of two or more articles about the same event, oldest story first."""
    features = {a.article_id: story_features(a) for a in analyses}
    idf = vectors.idf_weights(features.values())
    vecs = {article_id: vectors.tfidf(terms, idf) for article_id, terms in features.items()}
    dates = {a.id: a.date for a in articles}
    text = vectors.pair_cosines(vecs, _candidates(vecs))
    actor_sets = {a.article_id: frozenset(actors_of.get(a.article_id, ())) for a in analyses}
    people_sets = {article_id: found & people for article_id, found in actor_sets.items()}
    similarity = {(a, b): (TEXT_WEIGHT * value + ACTOR_WEIGHT * vectors.jaccard(actor_sets[a], actor_sets[b])
                           + PERSON_WEIGHT * vectors.jaccard(people_sets[a], people_sets[b]))
                  for (a, b), value in text.items()}
    order = sorted(dates, key=lambda i: (dates[i] or date.max, i))
    groups = [g for g in average_linkage(order, similarity, THRESHOLD) if len(g) > 1]
    stories = [_story(group, text, dates) for group in groups]
    return sorted(stories, key=lambda s: (dates[s.article_ids[0]] or date.max, s.article_ids[0]))


def _candidates(vecs: Mapping[str, vectors.Vector]) -> set[tuple[str, str]]:
    return vectors.candidate_pairs(vecs, CANDIDATE_TERMS, MAX_SHARED, MAX_PARTNERS)


def _story(group: list[str], text: Mapping[tuple[str, str], float], dates: Mapping[str, date | None]) -> StoryGroup:
    ordered = sorted(group, key=lambda i: (dates[i] or date.max, i))
    copies: dict[str, list[str]] = {}
    kept: list[str] = []
    for article_id in ordered:
        original = next((k for k in kept if text.get(tuple(sorted((k, article_id))), 0.0) >= DUPLICATE), None)
        if original:
            copies.setdefault(original, []).append(article_id)
        else:
            kept.append(article_id)
    return StoryGroup(tuple(ordered), {k: tuple(v) for k, v in copies.items()})


def make_stories(groups: Sequence[StoryGroup], articles: Sequence[Article], analyses: Sequence[Analysis],
                 idf: Mapping[str, float]) -> tuple[Story, ...]:
    """Stories with a stable id (from their first article), a title, a summary and the date range."""
    by_id = {a.id: a for a in articles}
    analysis_of = {a.article_id: a for a in analyses}
    stories = []
    for group in groups:
        first = by_id[group.article_ids[0]]
        copies = {copy for copy_ids in group.copies.values() for copy in copy_ids}
        readable = [analysis_of[i] for i in group.article_ids if i not in copies]
        dates = sorted(by_id[i].date for i in group.article_ids if by_id[i].date)
        title = representative_headline([by_id[i] for i in group.article_ids if i not in copies], idf) or first.title
        stories.append(Story(id=article_slug(first.title, first.id), title=title,
                             article_ids=group.article_ids, summary=summarize_story(readable, idf),
                             start=dates[0] if dates else None, end=dates[-1] if dates else None,
                             copies=tuple(sorted(group.copies.items()))))
    return tuple(stories)


HEADLINES = (TitleSource.HEADLINE, TitleSource.FRONT_MATTER, TitleSource.TRAILER)


def representative_headline(articles: Sequence[Article], idf: Mapping[str, float]) -> str | None:
    """The real headline (not one cut from a lead) that shares most with the story's other
    headlines, by TF-IDF cosine of their words; the oldest on a tie, the only one when alone; None
    when no article of the story has a headline of its own."""
    headlines = [a.title for a in articles if a.title_source in HEADLINES]
    if len(headlines) <= 1:
        return headlines[0] if headlines else None
    vecs = [vectors.tfidf([w.lower() for w in re.findall(r"\w+", h) if len(w) > 2], idf) for h in headlines]
    totals = [sum(vectors.cosine(v, other) for j, other in enumerate(vecs) if j != i) for i, v in enumerate(vecs)]
    return headlines[max(range(len(headlines)), key=lambda i: (totals[i], -i))]
