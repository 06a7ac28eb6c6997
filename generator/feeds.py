"""RSS 2.0 and Atom feeds of the newest articles, written with feedgen.

Each item's guid is ``urn:uuid:`` + a UUID derived from the article id, so it never changes
across rebuilds or when ``site_url`` moves. Undated articles come after dated ones; their RSS
item has no ``pubDate`` and their Atom ``updated`` is the digest's build date (Atom requires one).
"""

from __future__ import annotations

import html
import uuid
from datetime import UTC, date, datetime, time

from feedgen.feed import FeedGenerator

from .escape import plain_title
from .models import Digest, Entry

GUID_NAMESPACE = uuid.UUID("8f0d7a4e-52c1-4bb0-9d4e-2f2f6a3c1d10")


def guid(article_id: str) -> str:
    return f"urn:uuid:{uuid.uuid5(GUID_NAMESPACE, article_id)}"


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def render_feeds(digest: Digest, site_name: str, site_url: str, limit: int) -> dict[str, bytes]:
    """``feed.xml`` (RSS 2.0) and ``atom.xml`` (Atom 1.0) as bytes."""
    entries = digest.entries[:limit]
    rss = _feed(digest, site_name, site_url, "feed.xml")
    atom = _feed(digest, site_name, site_url, "atom.xml")
    for entry in reversed(entries):  # feedgen prepends each new entry
        _add(rss, entry, site_url, digest.build_date, for_rss=True)
        _add(atom, entry, site_url, digest.build_date, for_rss=False)
    return {"feed.xml": rss.rss_str(pretty=True), "atom.xml": atom.atom_str(pretty=True)}


def _feed(digest: Digest, site_name: str, site_url: str, self_path: str) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(_absolute(site_url, ""))
    feed.title(site_name)
    feed.description(f"The newest articles of {site_name}")
    feed.link(href=_absolute(site_url, self_path), rel="self")
    feed.link(href=_absolute(site_url, ""), rel="alternate")  # last: RSS keeps one link
    feed.language("en")
    feed.generator("digest")
    moment = _moment(digest.build_date)
    feed.updated(moment)
    feed.lastBuildDate(moment)
    return feed


def _add(feed: FeedGenerator, entry: Entry, site_url: str, build_date: date, *, for_rss: bool) -> None:
    item = feed.add_entry()
    item.id(guid(entry.id))
    item.guid(guid(entry.id), permalink=False)
    item.title(plain_title(entry.article.title))
    item.link(href=_absolute(site_url, entry.url))
    text = " ".join(entry.summary)
    if for_rss:
        # RSS readers treat description as HTML: escape it so article text stays text.
        item.description(html.escape(text), isSummary=True)
    else:
        item.summary(html.escape(text), type="html")
    if entry.article.date:
        item.published(_moment(entry.article.date))
        item.pubDate(_moment(entry.article.date))
    item.updated(_moment(entry.article.date or build_date))
