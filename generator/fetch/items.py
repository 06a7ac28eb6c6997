"""Feed items and the articles made from them: parsing a feed (feedparser), extracting a page's
article (trafilatura), and normalising addresses so one article is fetched once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser
import trafilatura
from lxml import html as lxml_html

TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|_ga)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Item:
    url: str
    guid: str
    title: str
    published: date | None
    author: str
    content: str
    """The feed's own text for the item (often a teaser), as plain text."""


@dataclass(frozen=True, slots=True)
class Page:
    title: str
    published: date | None
    author: str
    site: str
    text: str


def normalise_url(url: str) -> str:
    """The address without tracking parameters, fragment, default port or case in the host."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)])
    host = parts.netloc.lower().removesuffix(":80" if parts.scheme == "http" else ":443")
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))


def parse_feed(body: bytes, base: str) -> tuple[list[Item], str | None]:
    """The items of an RSS 2.0, RSS 1.0 or Atom feed, and a reason when it is not a usable feed."""
    parsed = feedparser.parse(body, response_headers={"content-location": base})
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:
            continue
        content = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        items.append(Item(link, entry.get("id") or link, _plain(entry.get("title") or ""), _date(entry),
                          _plain(entry.get("author") or ""), _plain(content)))
    if parsed.bozo and not items:  # feedparser is lenient: a broken feed it half read counts only with links
        return [], f"not a feed ({type(parsed.bozo_exception).__name__}: {parsed.bozo_exception})"
    return items, None


def extract_page(body: bytes, url: str) -> Page | None:
    """The article of an HTML page, or None when trafilatura finds none."""
    found = trafilatura.bare_extraction(body.decode("utf-8", "replace"), url=url, with_metadata=True,
                                        include_comments=False, include_tables=False, favor_precision=True)
    if found is None:
        return None
    get = found.get if isinstance(found, dict) else lambda key: getattr(found, key, None)
    text = (get("text") or "").strip()
    if not text:
        return None
    return Page(get("title") or "", _iso(get("date")), get("author") or "", get("sitename") or "", text)


def _plain(markup: str) -> str:
    if "<" not in markup:
        return " ".join(markup.split())
    try:
        return " ".join(lxml_html.fromstring(markup).text_content().split())
    except (ValueError, TypeError):
        return " ".join(re.sub(r"<[^>]*>", " ", markup).split())


def _date(entry) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
