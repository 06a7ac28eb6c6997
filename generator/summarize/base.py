"""The one call shape every summarizer has, and which sentences may be chosen at all."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..corpus import vectors
from ..ingest.titles import split_dateline
from ..models import Sentence

_CREDIT = re.compile(r"\b(photo|credit|getty|afp|reuters|ap photo)\b\s*[:/]|/\s*(afp|reuters|getty|ap)\b", re.I)
MIN_WORDS = 6
WINDOW = 200
"""Summaries are drawn from an article's first 200 sentences (about 4,000 words, longer than nearly
all news articles): pairwise work stays bounded on a book-length file, and news puts the news first."""


@dataclass(frozen=True, slots=True)
class SummaryContext:
    """Corpus knowledge a summarizer may use: term rarity and the terms naming salient actors."""

    idf: Mapping[str, float] = field(default_factory=dict)
    salient_terms: frozenset[str] = frozenset()


class Summarizer(Protocol):
    """Choose ``count`` sentences; return their indices in ``sentences`` in article order."""

    def __call__(self, sentences: Sequence[Sentence], count: int, context: SummaryContext) -> tuple[int, ...]: ...


def eligible(sentence: Sentence) -> bool:
    """Sentences fit for a summary: whole statements, not captions, questions or quote fragments."""
    text = sentence.text
    if len(sentence.lemmas) < MIN_WORDS or text.endswith("?") or _CREDIT.search(text):
        return False
    if not (text[0].isupper() or text[0] in "\"“‘'(") or not text.rstrip("\"”’')").endswith((".", "!")):
        return False
    return _balanced_quotes(text)


_CLOSING_SINGLE = re.compile(r"(?<=\S)['’](?=[\s,.;:!?)]|$)")
"""A single mark closing a quote: after a word or punctuation, before a space or punctuation (one
after an "s" may be a plural's apostrophe: "the players' union")."""
_OPENING_SINGLE = re.compile(r"(?:^|(?<=[\s(]))['‘](?=\w)")
_ENDS_QUOTED = re.compile(r"[.!?,]['’]\s*$")


def _balanced_quotes(text: str) -> bool:
    """No quotation left open or closed from another sentence: a part of a quote that runs over
    several sentences is no whole statement. Double marks are counted; single ones, which British
    papers quote with and apostrophes share, are read at the edges: a sentence that opens on one and
    never closes it ("'If he had been on the pitch, he would have taken it."), or ends on one that
    it never opened ("We will be back.'")."""
    if text.count("“") != text.count("”") or text.count('"') % 2:
        return False
    if text[:1] in "'‘" and not any(match.start() and text[match.start() - 1] != "s"
                                    for match in _CLOSING_SINGLE.finditer(text, 1)):
        return False
    return not (_ENDS_QUOTED.search(text) and not _OPENING_SINGLE.search(text))


def candidates(sentences: Sequence[Sentence]) -> list[int]:
    """The eligible sentences, or every sentence when none is."""
    return [i for i, s in enumerate(sentences) if eligible(s)] or list(range(len(sentences)))


@dataclass(slots=True)
class Walk:
    """What a greedy pick (``best_unrepeated``, ``story.traced_story``) looked at, for ``reuse.py``:
    the sentences in the order it took them up, for each the one taken before that it repeats (-1
    when it was taken), and the cosines that decided: a taken sentence's with every one taken before
    it, a repeating one's with the one it repeats."""

    examined: list[int] = field(default_factory=list)
    blockers: list[int] = field(default_factory=list)
    cosines: list[float] = field(default_factory=list)

    def take_up(self, index: int, chosen: Sequence[int], vecs: Sequence[vectors.Vector], redundancy: float) -> bool:
        """Whether ``index`` repeats none of ``chosen`` (cosine under ``redundancy``); noted."""
        self.examined.append(index)
        found = []
        for other in chosen:
            similarity = vectors.cosine(vecs[index], vecs[other])
            found.append(similarity)
            if similarity >= redundancy:
                self.blockers.append(other)
                self.cosines.append(similarity)
                return False
        self.blockers.append(-1)
        self.cosines.extend(found)
        return True


def best_unrepeated(order: Sequence[int], vecs: Sequence[vectors.Vector], count: int,
                    redundancy: float, walk: Walk | None = None) -> tuple[int, ...]:
    """The first ``count`` sentences of ``order`` (best first) whose cosine to every one taken
    before stays under ``redundancy`` (maximal marginal relevance, Carbonell and Goldstein, 1998),
    in article order. ``walk``, when given, is told what was looked at."""
    walk = walk if walk is not None else Walk()
    chosen: list[int] = []
    for index in order:
        if walk.take_up(index, chosen, vecs, redundancy):
            chosen.append(index)
        if len(chosen) == count:
            break
    return tuple(sorted(chosen))


def without_dateline(sentence: str) -> str:
    """An article's first sentence as a summary shows it: without the dateline it opens on
    ("LONDON, March 10 (Reuters) - Harrowgate Foods reported..." -> "Harrowgate Foods reported...");
    the article's page keeps it in the text."""
    outlet, rest = split_dateline(sentence)
    return rest if outlet is not None and (rest[:1].isalnum() or rest[:1] in "\"“‘'") else sentence
