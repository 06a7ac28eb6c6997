"""View objects for the page templates: everything resolved, sorted and formatted in Python."""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from ..models import Actor, ActorKind, DateSource, Digest, Entry, Period, Story, Theme
from .escape import md_text, plain_title, trusted
from .slugs import page_path

HOME, TIMELINE, FEEDS = "index.md", "timeline.md", "feeds.md"
ACTORS_INDEX, THEMES_INDEX = "actors/index.md", "themes/index.md"
STORIES_INDEX, DIGESTS_INDEX = "stories/index.md", "digests/index.md"
DATE_SOURCE_TEXT = {DateSource.FRONT_MATTER: "front matter", DateSource.METADATA: "page metadata",
                    DateSource.HEADER: "date header",
                    DateSource.BYLINE: "byline", DateSource.DATELINE: "dateline", DateSource.TRAILER: "trailer",
                    DateSource.FILE_NAME: "file name"}
KIND_HEADINGS = ((ActorKind.PERSON, "People"), (ActorKind.ORGANIZATION, "Organisations"),
                 (ActorKind.PLACE, "Places"), (ActorKind.GROUP, "Groups"))


@dataclass(frozen=True, slots=True)
class EntryView:
    link: Markup
    meta: str
    summary: tuple[str, ...]
    actors: tuple[Markup, ...]


@dataclass(frozen=True, slots=True)
class Row:
    link: Markup
    detail: str


def actor_page(actor: Actor) -> str:
    return page_path("actors", actor.id)


def theme_page(theme: Theme) -> str:
    return page_path("themes", theme.id)


def entry_page(entry: Entry) -> str:
    return page_path("articles", entry.url.rstrip("/").split("/")[-1])


def link(text: str, source: str, target: str) -> Markup:
    """A Markdown link from page ``source`` to page ``target``, both Markdown source paths."""
    return _link(text, _folder(source), target)


@functools.lru_cache(maxsize=1 << 16)
def _folder(path: str) -> str:
    return posixpath.dirname(path)


@functools.lru_cache(maxsize=1 << 16)
def _link(text: str, folder: str, target: str) -> Markup:
    """Remembered: every article page links the same actors and themes from the same folder."""
    return trusted(f"[{md_text(text)}]({relative_path(target, folder)})")


@functools.lru_cache(maxsize=65_536)
def relative_path(target: str, folder: str) -> str:
    """``posixpath.relpath(target, folder or ".")``, remembered, and for the clean relative paths
    of generated pages ("actors/jane-doe.md" from "articles") worked out by their common folders
    without resolving either against the working directory: a site links thousands of pages from
    as many folders' listings."""
    if not _clean(target) or (folder and not _clean(folder)):
        return posixpath.relpath(target, folder or ".")
    into, base = target.split("/"), folder.split("/") if folder else []
    common = 0
    while common < min(len(into), len(base)) and into[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + into[common:]) or "."


def _clean(path: str) -> bool:
    """A relative path of named parts: no root, no empty part, no "." or ".."."""
    return not path.startswith("/") and all(part not in ("", ".", "..") for part in path.split("/"))


def story_page(story: Story) -> str:
    return page_path("stories", story.id)


def period_page(period: Period) -> str:
    return page_path("digests", period.key.lower())


_YAML_BREAKS = re.compile("[\x7f-\x9f\u2028\u2029]")
"""Characters JSON leaves as they are but YAML reads as line breaks or refuses as unprintable."""


def _escape_char(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def front_matter(title: str, feeds: tuple[str, str] | None = None) -> Markup:
    """YAML front matter with a title that stays text in every theme template, escaped or not,
    and the page's own (RSS, Atom) feed paths for the theme's feed autodiscovery."""
    data = {"title": html.escape(plain_title(title), quote=True)}
    if feeds:
        data |= {"feed_rss": feeds[0], "feed_atom": feeds[1]}
    # Each value as a JSON string, which YAML reads as a double-quoted scalar: one line, every
    # character escaped that YAML could take as syntax, and far cheaper than a YAML emitter.
    lines = [f"{key}: {_YAML_BREAKS.sub(_escape_char, json.dumps(value, ensure_ascii=False))}"
             for key, value in data.items()]
    return trusted("---\n" + "\n".join(lines) + "\n---")


def counted(number: int, noun: str) -> str:
    """"1 article", "3 articles", "1 shared article": the noun's last word in the plural but for one."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def date_range(start: date | None, end: date | None) -> str:
    if not start or not end:
        return "Undated"
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {end.day} {end:%B %Y}"
    return f"{long_date(start)} to {long_date(end)}"


def long_date(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else "Undated"


def entry_meta(entry: Entry) -> str:
    article = entry.article
    parts = [long_date(article.date)]
    if article.date:
        parts[0] += f" (from the {DATE_SOURCE_TEXT[article.date_source]})"
    if article.outlet:
        parts.append(article.outlet)
    return " · ".join(parts)


class Views:
    """Look-ups shared by every page: entries, actors and themes by id."""

    def __init__(self, digest: Digest) -> None:
        self.digest = digest
        self.entries = {entry.id: entry for entry in digest.entries}
        self.actors = {actor.id: actor for actor in digest.actors}
        self.themes = {theme.id: theme for theme in digest.themes}
        self.stories = {story.id: story for story in digest.stories}
        self.order = {entry.id: i for i, entry in enumerate(digest.entries)}
        self.all_dates = sorted({entry.article.date for entry in digest.entries if entry.article.date})
        """Every day the collection has an article on (once each): what charts take as collected."""
        self._entry_views: dict[tuple[str, str], EntryView] = {}

    def entry_view(self, entry: Entry, source: str) -> EntryView:
        """The entry as listed on page ``source``: the same for every page in its folder, so made
        once per folder (an article is listed on the page of each actor it names)."""
        key = (entry.id, _folder(source))
        found = self._entry_views.get(key)
        if found is None:
            actors = tuple(self.actor_link(a, source) for a in entry.actor_ids[:8])
            found = EntryView(link(entry.article.title, source, entry_page(entry)), entry_meta(entry),
                              entry.summary, actors)
            self._entry_views[key] = found
        return found

    def actor_link(self, actor_id: str, source: str) -> Markup:
        actor = self.actors[actor_id]
        return link(actor.name, source, actor_page(actor)) if actor.page else trusted(md_text(actor.name))

    def theme_link(self, theme_id: str, source: str) -> Markup:
        theme = self.themes[theme_id]
        return link(theme.label, source, theme_page(theme))

    def companions(self, actor: Actor, limit: int = 10) -> list[tuple[str, int]]:
        """The actors named most often in the same articles, with the number of shared articles."""
        return [(other, n) for other, n in self.top_actors(actor.article_ids, limit + 1) if other != actor.id][:limit]

    def story_link(self, story_id: str, source: str) -> Markup:
        story = self.stories[story_id]
        return link(story.title, source, story_page(story))

    def dates(self, article_ids: tuple[str, ...]) -> list[date]:
        """The dates of the dated ones among these articles."""
        return [d for d in (self.entries[i].article.date for i in article_ids) if d]

    def in_reading_order(self, article_ids: tuple[str, ...]) -> list[str]:
        return sorted(article_ids, key=self.order.__getitem__)

    def top_actors(self, article_ids: tuple[str, ...], limit: int = 10) -> list[tuple[str, int]]:
        """The actors named in most of these articles, with the number of articles."""
        counts = Counter(a for article_id in article_ids for a in self.entries[article_id].actor_ids)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]

    def themes_of(self, article_ids: tuple[str, ...]) -> list[tuple[str, int]]:
        counts = Counter(t for article_id in article_ids for t in self.entries[article_id].theme_ids)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def entry_link(self, article_id: str, source: str) -> Markup:
        entry = self.entries[article_id]
        return link(entry.article.title, source, entry_page(entry))


def md_text_date(entry: Entry) -> str:
    """The article's date as escaped inline Markdown, for use inside trusted Markdown."""
    return md_text(long_date(entry.article.date))
