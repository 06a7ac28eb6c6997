"""Frozen data types passed between the stages of the pipeline; imports nothing from the package."""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass
from datetime import date


def by_fields(self: object) -> tuple[type, tuple[object, ...]]:
    """``__reduce__`` for the slotted dataclasses that caches store: pickled as the class and its
    field values, so loading calls the constructor, about twice as fast as the default way."""
    return type(self), tuple(getattr(self, name) for name in type(self).__slots__)


class DateSource(enum.StrEnum):
    """Where an article's date came from, most trusted first."""

    FRONT_MATTER = "front_matter"
    METADATA = "metadata"
    """The metadata of an HTML page (meta tags, JSON-LD), as read by trafilatura."""
    HEADER = "header"
    BYLINE = "byline"
    DATELINE = "dateline"
    """A full date in the dateline opening the text ("CAMBRIDGE, England, April 2, 2026 /PRNewswire/ --")."""
    TRAILER = "trailer"
    FILE_NAME = "file_name"
    """A year-month-day in the file's path ("2026-11-04-derby.txt", "2026/11/04/derby.txt")."""
    NONE = "none"


class TitleSource(enum.StrEnum):
    """Where an article's title came from. Only ``HEADLINE`` takes a line out of the text."""

    FRONT_MATTER = "front_matter"
    HEADLINE = "headline"
    """A headline line of the file, no longer in the text."""
    TRAILER = "trailer"
    """The headline part of an aggregator's ``Headline - Outlet`` trailer line."""
    LEAD = "lead"
    """The lead sentence, shortened; the lead stays in the text."""


class ActorKind(enum.StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    GROUP = "group"


class Severity(enum.StrEnum):
    """A note describes the data (undated article); a problem is a broken input (``--strict`` fails)."""

    NOTE = "note"
    PROBLEM = "problem"


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the build reports about one input file."""

    path: str
    reason: str
    severity: Severity = Severity.PROBLEM

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RemovedLine:
    __reduce__ = by_fields

    line: str
    rule: str


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned input article: the output of ingestion."""

    __reduce__ = by_fields

    id: str
    source_file: str
    title: str
    date: date | None
    date_source: DateSource
    outlet: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[RemovedLine, ...] = ()
    header: tuple[str, ...] = ()
    """What the date header and the dateline took from the text (``date 2024-03-01``, ``LONDON (Reuters) -``)."""
    title_source: TitleSource = TitleSource.LEAD
    source_url: str | None = None
    """The original's address (front matter ``url`` or the page's own), only when it is http(s)."""

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _load_sentence(text: str, index: int, paragraph: int, terms: tuple[str, ...],
                   lemmas: tuple[str, ...]) -> Sentence:
    """Unpickling a sentence: its lemmas become the one interned copy of each word. A corpus uses
    a few tens of thousands of words millions of times; at 10,000 articles this keeps about half
    a gigabyte of duplicate strings out of memory."""
    return Sentence(text, index, paragraph, tuple(map(sys.intern, terms)), tuple(map(sys.intern, lemmas)))


@dataclass(frozen=True, slots=True)
class Sentence:
    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return _load_sentence, (self.text, self.index, self.paragraph, self.terms, self.lemmas)

    text: str
    index: int
    paragraph: int
    terms: tuple[str, ...]
    """Lower-cased lemmas of the content words, for similarity."""
    lemmas: tuple[str, ...]
    """Lower-cased lemmas of every word, for phrase matching."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention as spaCy found it."""

    __reduce__ = by_fields

    text: str
    label: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Quote:
    __reduce__ = by_fields

    text: str
    speaker: str | None
    """The surface form of the speaker's mention, resolved to an actor later."""
    sentence: int


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the NLP stage learned about one article, as plain data."""

    __reduce__ = by_fields

    article_id: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    phrases: tuple[str, ...] = ()
    """Key phrases: lemmas of the noun phrases, lower-cased ("security guarantee"), in text order."""


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...]
    article_ids: tuple[str, ...]
    mentions: int
    page: bool = True
    """Has a page and feeds of its own (named in enough articles, or in the alias files); otherwise
    the actor is plain text on its articles' pages and stays in the JSON export."""


@dataclass(frozen=True, slots=True)
class ThemeMatch:
    article_id: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    label: str
    description: str
    matches: tuple[ThemeMatch, ...]
    """Articles in the theme, newest first, with the terms that put them there."""
    discovered: bool = False
    """Found from the corpus' recurring phrases rather than from the taxonomy."""

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(match.article_id for match in self.matches)


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]
    """Oldest first; undated articles last."""
    summary: tuple[str, ...]
    start: date | None
    end: date | None
    copies: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(article id, ids of its near-duplicate copies) for articles that were published twice."""


@dataclass(frozen=True, slots=True)
class AttributedQuote:
    text: str
    speaker: str | None
    """An actor id, or None when the speaker is no actor or the text does not say who spoke."""
    written: str | None = None
    """The speaker as the text names them, or None when it does not say who spoke."""


@dataclass(frozen=True, slots=True)
class Entry:
    """An article with everything the corpus-level stages found about it."""

    article: Article
    url: str
    summary: tuple[str, ...]
    actor_ids: tuple[str, ...]
    theme_ids: tuple[str, ...]
    story_id: str | None
    quotes: tuple[AttributedQuote, ...]
    related_ids: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.article.id


@dataclass(frozen=True, slots=True)
class DigestItem:
    """A story (or an article outside any story) and its articles published in one period."""

    story_id: str | None
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Period:
    """One day's or one ISO week's digest: its items, the most covered first."""

    kind: str
    """"day" or "week"."""
    key: str
    """"2021-12-21" or "2021-W51": the page's name."""
    label: str
    start: date
    end: date
    items: tuple[DigestItem, ...]


@dataclass(frozen=True, slots=True)
class Digest:
    """The whole corpus, organised; what render, feeds and export read."""

    entries: tuple[Entry, ...]
    """Newest first; undated articles last, then by title and id."""
    actors: tuple[Actor, ...]
    themes: tuple[Theme, ...]
    stories: tuple[Story, ...]
    build_date: date
    periods: tuple[Period, ...] = ()
    """Daily then weekly digests, newest first within each kind."""
