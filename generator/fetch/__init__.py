"""``digest fetch``: follow sources. For every feed of the sources file, read the feed (one request,
answered 304 when it has not changed), and for every item not fetched before, download the page it
links to and keep its article (trafilatura), or the feed's own text when the page cannot be had;
write each as a Markdown file into the input folder. Problems are collected, never raised.

Stages: ``sources`` (the file), ``client`` (polite HTTP), ``items`` (feeds and pages), ``store``
(files and what was fetched); this module only orders them.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..models import Finding, Severity
from .client import Client, FetchError
from .items import Item, extract_page, normalise_url, parse_feed
from .sources import Source, load_sources
from .store import FetchState, article_path, text_key, write_article

__all__ = ["FetchReport", "Source", "fetch_sources", "load_sources"]

PARALLEL = 4
"""Requests at once (never two at once to one host)."""
FEED_TYPES = ("xml", "rss", "atom", "rdf")
PAGE_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class FetchReport:
    feeds: int = 0
    unchanged: int = 0
    items: int = 0
    new: int = 0
    skipped: int = 0
    """Items fetched before (same address, guid or text)."""
    failed: int = 0
    from_feed: int = 0
    """New articles kept from the feed's own text because the page could not be had."""
    written: list[Path] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)

    def problem(self, url: str, reason: str) -> None:
        self.problems.append(Finding(url, reason, Severity.PROBLEM))


def fetch_sources(sources: list[Source], input_dir: Path, state_file: Path,
                  client: Client | None = None) -> FetchReport:
    """Fetch every source into ``input_dir``; remember what was fetched in ``state_file``."""
    client = client or Client()
    state = FetchState.load(state_file)
    report = FetchReport()
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        read = list(pool.map(lambda source: _read_feed(client, source, state.feeds.get(source.url, {})), sources))
        for source, (items, problem, validators) in zip(sources, read, strict=True):
            report.feeds += 1
            report.unchanged += validators is None and not problem
            if validators is not None:
                state.feeds[source.url] = validators
            if problem:
                report.failed += 1
                report.problem(source.url, problem)
                continue
            report.items += len(items)
            new = [item for item in items if not _seen(item, state)]
            report.skipped += len(items) - len(new)
            pages = list(pool.map(lambda item: _read_page(client, item), new))
            for item, (page, reason) in zip(new, pages, strict=True):
                _keep(item, page, reason, source, input_dir, state, report)
    state.save(state_file)
    return report


def _read_feed(client: Client, source: Source,
               known: dict[str, str]) -> tuple[list[Item], str | None, dict[str, str] | None]:
    """(items, problem, the feed's new ETag and Last-Modified); unchanged (304): no items, no
    problem and no validators."""
    headers = {k: v for k, v in (("If-None-Match", known.get("etag")), ("If-Modified-Since", known.get("modified")))
               if v}
    try:
        answer = client.get(source.url, headers)
    except FetchError as error:
        return [], str(error), None
    if answer.status == 304:
        return [], None, None
    if answer.content_type and not any(kind in answer.content_type for kind in FEED_TYPES):
        return [], f"not a feed (content type {answer.content_type})", None
    items, problem = parse_feed(answer.body, answer.url)
    validators = {k: v for k, v in (("etag", answer.headers.get("ETag")),
                                    ("modified", answer.headers.get("Last-Modified"))) if v}
    return items, problem, None if problem else validators


def _seen(item: Item, state: FetchState) -> bool:
    return normalise_url(item.url) in state.urls or item.guid in state.guids


def _read_page(client: Client, item: Item):
    try:
        answer = client.get(item.url)
    except FetchError as error:
        return None, str(error)
    if answer.content_type and answer.content_type not in PAGE_TYPES:
        return None, f"not a web page (content type {answer.content_type})"
    page = extract_page(answer.body, answer.url)
    return (page, None) if page else (None, "no article found on the page")


def _keep(item: Item, page, reason: str | None, source: Source, input_dir: Path, state: FetchState,
          report: FetchReport) -> None:
    url = normalise_url(item.url)
    text = page.text if page else item.content
    if reason:
        report.problem(item.url, reason + ("; kept the feed's own text" if text else ""))
    if not text:
        report.failed += 1
        return
    key = text_key(text)
    if key in state.texts:
        report.skipped += 1
        state.urls[url] = ""
        state.guids.add(item.guid)
        return
    path = article_path(input_dir, url)
    write_article(path, title=(page.title if page and page.title else item.title), url=item.url,
                  published=(page.published if page and page.published else item.published),
                  source=source.outlet or (page.site if page else "") or source.name,
                  author=(page.author if page and page.author else item.author), feed=source.url, text=text,
                  language=source.language)
    state.urls[url] = str(path.relative_to(input_dir.resolve()))
    state.guids.add(item.guid)
    state.texts.add(key)
    report.new += 1
    report.from_feed += page is None
    report.written.append(path)
