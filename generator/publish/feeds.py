"""RSS 2.0 and Atom feeds, written with feedgen: the whole site, and every actor, theme and story.

Each item's guid is ``urn:uuid:`` + a UUID derived from the article id, so it never changes
across rebuilds or when ``site_url`` moves. Items are newest first, ties broken by article id;
undated articles come last: their RSS item has no ``pubDate`` and their Atom ``updated`` is the
digest's build date (Atom requires one). Categories name the article's actors and themes.
"""

from __future__ import annotations

import html
import pickle
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import partial
from importlib import metadata
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from ..models import Digest, Entry
from ..store import Store
from .escape import plain_title
from .memo import Memo, code_salt

GUID_NAMESPACE = uuid.UUID("8f0d7a4e-52c1-4bb0-9d4e-2f2f6a3c1d10")


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed in both formats: what it covers and where its files and page live."""

    title: str
    description: str
    rss: str
    atom: str
    page: str
    """Site-relative URL of the page the feed follows."""
    article_ids: tuple[str, ...]


def feed_paths(section: str, term_id: str) -> tuple[str, str]:
    """(RSS, Atom) paths of a term's feeds. They sit at the site's top level because the theme
    looks for ``sitemap.xml`` beside every ``<link rel="alternate">`` target."""
    return f"feed-{section}-{term_id}.xml", f"feed-{section}-{term_id}.atom.xml"


def guid(article_id: str) -> str:
    return f"urn:uuid:{uuid.uuid5(GUID_NAMESPACE, article_id)}"


def feed_catalogue(digest: Digest, site_name: str) -> list[FeedSpec]:
    """Every feed of the site: the main one first, then actors, themes and stories by id."""
    url_of = {e.id: e.url for e in digest.entries}
    feeds = [FeedSpec(site_name, f"The newest articles of {site_name}", "feed.xml", "atom.xml", "",
                      tuple(e.id for e in digest.entries))]
    for section, terms in (("actors", [(a.id, a.name, a.article_ids) for a in digest.actors if a.page]),
                           ("themes", [(t.id, t.label, t.article_ids) for t in digest.themes]),
                           ("stories", [(s.id, s.title, s.article_ids) for s in digest.stories])):
        for term_id, label, article_ids in sorted(terms):
            rss, atom = feed_paths(section, term_id)
            feeds.append(FeedSpec(f"{label} · {site_name}", f"Articles about {label}", rss, atom,
                                  f"{section}/{term_id}/", tuple(i for i in article_ids if i in url_of)))
    return feeds


def render_feeds(digest: Digest, site_name: str, site_url: str, limit: int,
                 store: Store | None = None) -> dict[str, bytes]:
    """Every feed of the catalogue in both formats, and ``feeds.opml`` listing them, as bytes. With
    a ``store``, a feed whose items and labels are those of the last build is not made again."""
    catalogue = feed_catalogue(digest, site_name)
    return finish_feeds([make_feeds(digest, catalogue, site_url, limit, store)], catalogue, site_name, site_url,
                        store)


@dataclass(frozen=True, slots=True)
class MadeFeeds:
    """Some feeds of the catalogue, made or taken from the store."""

    files: dict[str, bytes]
    keys: tuple[str, ...]
    """The store's records they came from or went into: kept by ``finish_feeds``."""


def make_feeds(digest: Digest, specs: Sequence[FeedSpec], site_url: str, limit: int,
               store: Store | None = None) -> MadeFeeds:
    """The feeds of ``specs`` (any part of the catalogue) in both formats. Two processes may make
    two parts at once with the same store."""
    entries = {e.id: e for e in digest.entries}
    labels = {a.id: a.name for a in digest.actors} | {t.id: t.label for t in digest.themes}
    files: dict[str, bytes] = {}
    memo = Memo(store, SALT)
    for spec in specs:
        items = _newest_first([entries[i] for i in spec.article_ids])[:limit]
        made = memo.get(_inputs(spec, items, labels, site_url, digest.build_date),
                        partial(_both, spec, items, labels, site_url, digest.build_date))
        files[spec.rss], files[spec.atom] = pickle.loads(made)
    memo.flush()
    return MadeFeeds(files, tuple(memo.used))


def finish_feeds(parts: Sequence[MadeFeeds], catalogue: Sequence[FeedSpec], site_name: str, site_url: str,
                 store: Store | None = None) -> dict[str, bytes]:
    """The parts' feeds in the catalogue's order and ``feeds.opml``; the store forgets every record
    no part used."""
    made = {path: data for part in parts for path, data in part.files.items()}
    files = {path: made[path] for spec in catalogue for path in (spec.rss, spec.atom)}
    files["feeds.opml"] = _opml(list(catalogue), site_name, site_url)
    Memo(store, SALT, [key for part in parts for key in part.keys]).prune()
    return files


SALT = code_salt(__file__, extra=metadata.version("feedgen"))


def _both(spec: FeedSpec, items: list[Entry], labels: dict[str, str], site_url: str, build_date: date) -> bytes:
    """Both formats of one feed. The items are made once and carried by both generators (they hold
    the fields of each format): half the work of making every item twice."""
    made = [_item(entry, labels, site_url, build_date) for entry in reversed(items)]  # feedgen prepends
    newest = next((e.article.date for e in items if e.article.date), None) or build_date
    rss = _build(spec, made, newest, site_url, atom=False).rss_str(pretty=True)
    atom = _build(spec, made, newest, site_url, atom=True).atom_str(pretty=True)
    return pickle.dumps((rss, atom), protocol=5)


def _inputs(spec: FeedSpec, items: list[Entry], labels: dict[str, str], site_url: str, build_date: date) -> tuple:
    """Everything ``_build`` reads, as plain values: the build date only where it is printed (a feed
    with an undated item or none dated), so a newer article elsewhere leaves this feed alone."""
    undated = not items or any(e.article.date is None for e in items)
    return (spec, site_url, build_date if undated else None,
            tuple((e.id, e.url, e.article.title, e.article.source_url, e.article.outlet, e.summary, e.article.date,
                   tuple((term, labels.get(term, term)) for term in (*e.actor_ids, *e.theme_ids)))
                  for e in items))


def _newest_first(entries: Sequence[Entry]) -> list[Entry]:
    dated = sorted((e for e in entries if e.article.date), key=lambda e: (-e.article.date.toordinal(), e.id))
    return dated + sorted((e for e in entries if not e.article.date), key=lambda e: e.id)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def _build(spec: FeedSpec, made: list[FeedEntry], newest: date, site_url: str, *, atom: bool) -> FeedGenerator:
    self_path = spec.atom if atom else spec.rss
    feed = FeedGenerator()
    feed.id(_absolute(site_url, spec.rss))
    feed.title(plain_title(spec.title))
    feed.description(plain_title(spec.description))
    feed.link(href=_absolute(site_url, self_path), rel="self")
    feed.link(href=_absolute(site_url, spec.page), rel="alternate")  # last: RSS keeps one link
    feed.language("en")
    feed.generator("digest")
    feed.updated(_moment(newest))
    feed.lastBuildDate(_moment(newest))
    for item in made:
        feed.add_entry(item, order="prepend")
    return feed


def _item(entry: Entry, labels: dict[str, str], site_url: str, build_date: date) -> FeedEntry:
    """One article as a feed item, with the fields of both formats: the Atom summary (HTML) is also
    the RSS description, and the date both formats' publication date."""
    item = FeedEntry()
    item.id(guid(entry.id))
    item.guid(guid(entry.id), permalink=False)
    item.title(plain_title(entry.article.title))
    item.link(href=_absolute(site_url, entry.url))
    original = entry.article.source_url
    if original:  # the outlet's own page as the item's <source> (feedgen 1.0.0 drops a link's rel, so
        # a "related" link would come out as a second alternate link, which Atom forbids)
        item.source(url=original, title=plain_title(entry.article.outlet or urlsplit(original).hostname or original))
    text = html.escape(" ".join(entry.summary))  # readers show descriptions as HTML
    item.summary(text, type="html")
    terms = (*entry.actor_ids, *entry.theme_ids)
    if terms:  # in one call: feedgen re-maps all of an item's categories on every call
        item.category([{"term": term, "label": plain_title(labels.get(term, term))} for term in terms])
    if entry.article.date:
        item.published(_moment(entry.article.date))
    item.updated(_moment(entry.article.date or build_date))
    return item


def _opml(catalogue: list[FeedSpec], site_name: str, site_url: str) -> bytes:
    """An OPML 2.0 list of every RSS feed, for importing into a feed reader."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             f"  <head><title>{html.escape(plain_title(site_name))} feeds</title></head>", "  <body>"]
    for spec in catalogue:
        lines.append(f"    <outline type=\"rss\" text={quoteattr(plain_title(spec.title))} "
                     f"xmlUrl={quoteattr(_absolute(site_url, spec.rss))} "
                     f"htmlUrl={quoteattr(_absolute(site_url, spec.page))}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines).encode("utf-8")
