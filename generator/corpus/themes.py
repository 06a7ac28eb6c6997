"""Themes: articles matched against a YAML taxonomy of lemma terms, with the terms that matched."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..config import shipped_yaml
from ..errors import ConfigError
from ..models import Analysis, Theme, ThemeMatch
from ..publish.slugs import unique_slugs

MIN_TERMS = 2
"""An article joins a theme when it uses at least this many different terms of the theme."""


@dataclass(frozen=True, slots=True)
class ThemeSpec:
    label: str
    description: str
    terms: tuple[str, ...]


def load_taxonomy(path: Path | None) -> tuple[ThemeSpec, ...]:
    """Read and check a taxonomy file (the shipped one when ``path`` is None)."""
    if path is None:
        return _check(shipped_yaml("themes.yml"), "themes.yml")
    where = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ConfigError(where, [f"not valid YAML: {error}"]) from None
    return _check(data, where)


def _check(data: object, where: str) -> tuple[ThemeSpec, ...]:
    if not isinstance(data, list):
        raise ConfigError(where, ["the taxonomy must be a list of themes"])
    specs, errors = [], []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("label"), str):
            errors.append(f"theme {number}: needs a 'label' string")
            continue
        terms = item.get("terms")
        if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            errors.append(f"theme {number} ({item['label']}): 'terms' must be a non-empty list of strings")
            continue
        unknown = sorted(set(item) - {"label", "description", "terms"})
        if unknown:
            errors.append(f"theme {number} ({item['label']}): unknown keys {', '.join(unknown)}")
            continue
        specs.append(ThemeSpec(item["label"], str(item.get("description") or ""), tuple(terms)))
    if errors:
        raise ConfigError(where, errors)
    return tuple(specs)


def theme_terms(specs: Sequence[ThemeSpec]) -> list[str]:
    """Every term of every theme, as written in the taxonomy (to be lemmatized)."""
    return [term for spec in specs for term in spec.terms]


def assign_themes(specs: Sequence[ThemeSpec], analyses: Sequence[Analysis],
                  lemmatize: Callable[[Iterable[str]], Mapping[str, tuple[str, ...]]],
                  order: Sequence[str]) -> tuple[Theme, ...]:
    """Match every article against every theme; ``order`` lists article ids newest first."""
    lemmas = lemmatize(theme_terms(specs))
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for phrase in lemmas.values():
        if phrase:
            by_first.setdefault(phrase[0], set()).add(phrase)
    grams = {a.article_id: _phrases_used(a, by_first) for a in analyses}
    rank = {article_id: i for i, article_id in enumerate(order)}
    ids = unique_slugs({spec.label: spec.label for spec in specs})
    themes = []
    for spec in specs:
        matches = []
        for article_id, present in grams.items():
            terms = tuple(sorted({t for t in spec.terms if lemmas[t] in present}))
            if len(terms) >= MIN_TERMS:
                matches.append(ThemeMatch(article_id, terms))
        matches.sort(key=lambda m: rank[m.article_id])
        themes.append(Theme(ids[spec.label], spec.label, spec.description, tuple(matches)))
    return tuple(t for t in themes if t.matches)


def _phrases_used(analysis: Analysis, by_first: Mapping[str, set[tuple[str, ...]]]) -> set[tuple[str, ...]]:
    """The taxonomy phrases (lemma sequences, indexed by first lemma) that occur in some sentence."""
    found: set[tuple[str, ...]] = set()
    for sentence in analysis.sentences:
        words = sentence.lemmas
        for i, word in enumerate(words):
            for phrase in by_first.get(word, ()):
                if words[i:i + len(phrase)] == phrase:
                    found.add(phrase)
    return found


def with_discovered(taxonomy: Sequence[Theme], discovered: Sequence[tuple[str, Theme]]) -> tuple[Theme, ...]:
    """Taxonomy themes, then discovered ones, each discovered theme with an id no other theme has."""
    taken = {theme.id for theme in taxonomy}
    result = list(taxonomy)
    for label, theme in discovered:
        slug = unique_slugs({label: label})[label]
        theme_id = slug if slug not in taken else f"{slug}-topic"
        taken.add(theme_id)
        result.append(Theme(theme_id, theme.label, theme.description, theme.matches, discovered=True))
    return tuple(result)
