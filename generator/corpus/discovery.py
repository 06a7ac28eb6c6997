"""Themes discovered from the corpus: recurring key phrases, variants merged, no configuration.

A phrase of two or three words (the lemmas of a noun phrase, see analyze.py; single words are
too often generic, "year", "people") is a candidate when it appears in at least ``MIN_ARTICLES``
articles (and 2% of them) but in no more than ``MAX_SHARE`` of the corpus. Candidates are taken
most widespread first; a candidate joins an earlier group when it is a variant of one of its
phrases ("security guarantee", "western security guarantee") or appears in mostly the same
articles. Groups that repeat a taxonomy theme's articles are dropped. Corpora under
``MIN_CORPUS`` articles get no discovered themes: too few to tell a theme from chance.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import Analysis, Theme, ThemeMatch
from . import vectors

MIN_CORPUS = 10
MIN_ARTICLES = 3
MAX_SHARE = 0.3
LIMIT = 12
SAME_ARTICLES = 0.7


@dataclass(slots=True)
class _Group:
    phrases: list[str]
    articles: set[str] = field(default_factory=set)


def discover_themes(analyses: Sequence[Analysis], order: Sequence[str],
                    taxonomy: Sequence[Theme]) -> list[tuple[str, Theme]]:
    """(label, theme without its final id) for up to ``LIMIT`` discovered themes, widest first."""
    if len(analyses) < MIN_CORPUS:
        return []
    phrases_of = {a.article_id: set(a.phrases) for a in analyses}
    counts = Counter(p for phrases in phrases_of.values() for p in phrases)
    low, high = max(MIN_ARTICLES, 0.02 * len(analyses)), MAX_SHARE * len(analyses)
    ranked = sorted((p for p, n in counts.items() if low <= n <= high and " " in p),
                    key=lambda p: (-counts[p], p))
    holders: dict[str, set[str]] = {}
    for article_id, phrases in phrases_of.items():
        for phrase in phrases:
            holders.setdefault(phrase, set()).add(article_id)
    groups: list[_Group] = []
    for phrase in ranked:
        articles = holders[phrase]
        group = next((g for g in groups if _belongs(phrase, articles, g)), None)
        if group:
            group.phrases.append(phrase)
            group.articles |= articles
        else:
            groups.append(_Group([phrase], articles))
    kept = [g for g in groups if not any(vectors.jaccard(g.articles, set(t.article_ids)) >= 0.8 for t in taxonomy)]
    kept.sort(key=lambda g: (-len(g.articles), g.phrases[0]))
    rank = {article_id: i for i, article_id in enumerate(order)}
    return [_theme(g, phrases_of, rank) for g in kept[:LIMIT]]


def _belongs(phrase: str, articles: set[str], group: _Group) -> bool:
    words = set(phrase.split())
    variant = any(words <= set(p.split()) or set(p.split()) <= words for p in group.phrases)
    return variant or vectors.jaccard(articles, group.articles) >= SAME_ARTICLES



def _theme(group: _Group, phrases_of: dict[str, set[str]], rank: dict[str, int]) -> tuple[str, Theme]:
    label = group.phrases[0].capitalize()
    matches = tuple(ThemeMatch(i, tuple(sorted(set(group.phrases) & phrases_of[i])))
                    for i in sorted(group.articles, key=rank.__getitem__))
    description = "Discovered in the articles: " + ", ".join(f"“{p}”" for p in group.phrases[:6]) + "."
    return label, Theme("", label, description, matches, discovered=True)
