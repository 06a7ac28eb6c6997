"""End to end with the real model: the site built from seeds/ is what a reader expects."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from .conftest import SEEDS, SITE_URL, load_json

pytestmark = pytest.mark.e2e

HEADER_DATES = {"000_9d333b87861021ee.txt": date(2021, 12, 22), "001_7d38692210c993ff.txt": date(2021, 12, 28),
                "002_caf6e756d51fc672.txt": date(2021, 12, 21)}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.head_links: list[dict[str, str | None]] = []
        self.hrefs: list[str] = []
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "head":
            self._in_head = True
        if tag == "link" and self._in_head:
            self.head_links.append(attributes)
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_one_page_per_article(seeds_site: Path) -> None:
    pages = sorted(p.parent.name for p in (seeds_site / "articles").glob("*/index.html"))
    articles = load_json(seeds_site, "articles.json")
    assert len(pages) == 5
    assert sorted(a["url"].split("/")[1] for a in articles) == pages
    assert sorted(a["source_file"] for a in articles) == sorted(p.name for p in SEEDS.iterdir())


def test_export_has_documented_keys(seeds_site: Path) -> None:
    article = load_json(seeds_site, "articles.json")[0]
    assert list(article) == ["id", "title", "date", "date_source", "source_file", "url", "source_url", "summary",
                             "actors", "themes", "story", "quotes"]
    actor = load_json(seeds_site, "actors.json")[0]
    assert list(actor) == ["id", "name", "kind", "aliases", "articles", "mentions", "page"]
    assert isinstance(load_json(seeds_site, "themes.json"), list)
    assert isinstance(load_json(seeds_site, "stories.json"), list)


def test_summaries_are_two_to_four_sentences_of_the_article(seeds_site: Path) -> None:
    for article in load_json(seeds_site, "articles.json"):
        assert 2 <= len(article["summary"]) <= 4
        page = (seeds_site / article["url"] / "index.html").read_text(encoding="utf-8")
        text = _visible_text(page)
        for sentence in article["summary"]:
            assert " ".join(sentence.split()) in text


def test_feeds_parse_with_stable_absolute_items(seeds_site: Path) -> None:
    articles = {SITE_URL + a["url"]: a for a in load_json(seeds_site, "articles.json")}
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((seeds_site / name).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert len(feed.entries) == 5
        assert {e.link for e in feed.entries} == set(articles)
        assert len({e.id for e in feed.entries}) == 5
        for entry in feed.entries:
            source = articles[entry.link]["source_file"]
            if source in HEADER_DATES:
                assert date(*entry.published_parsed[:3]) == HEADER_DATES[source]


def test_every_page_advertises_the_site_feeds_and_its_own(seeds_site: Path) -> None:
    for page in seeds_site.rglob("*.html"):
        if page.name == "404.html":
            continue
        alternates = {(link.get("type"), (page.parent / (link.get("href") or "")).resolve())
                      for link in parse(page).head_links if link.get("rel") == "alternate"}
        assert ("application/rss+xml", (seeds_site / "feed.xml").resolve()) in alternates, page
        assert ("application/atom+xml", (seeds_site / "atom.xml").resolve()) in alternates, page
        section = page.relative_to(seeds_site).parts[0]
        if section in ("actors", "themes", "stories") and page.parent.name != section:
            own = (seeds_site / f"feed-{section}-{page.parent.name}.xml").resolve()
            assert ("application/rss+xml", own) in alternates and own.exists(), page


def test_internal_links_resolve(seeds_site: Path) -> None:
    for page in [*list((seeds_site / "articles").rglob("index.html")), seeds_site / "index.html"]:
        for href in parse(page).hrefs:
            if href.startswith(("http", "#", "mailto:")) or not href:
                continue
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.exists() or (target / "index.html").exists(), (page, href)


def test_actor_page_lists_articles_newest_first(seeds_site: Path) -> None:
    articles = {a["url"]: a for a in load_json(seeds_site, "articles.json")}
    putin = next(a for a in load_json(seeds_site, "actors.json") if a["name"] == "Vladimir Putin")
    page = seeds_site / "actors" / putin["id"] / "index.html"
    listed = [href for href in parse(page).hrefs if "/articles/" in href]
    urls = list(dict.fromkeys("articles/" + h.split("/articles/")[1] for h in listed))
    assert set(urls) == {a["url"] for a in articles.values() if a["id"] in putin["articles"]}
    dates = [articles[u]["date"] or "0000" for u in urls]
    assert dates == sorted(dates, reverse=True)


def test_timeline_lists_undated_article_under_undated(seeds_site: Path) -> None:
    html = (seeds_site / "timeline" / "index.html").read_text(encoding="utf-8")
    undated = next(a for a in load_json(seeds_site, "articles.json") if a["date"] is None)
    assert undated["source_file"].startswith("003")
    tail = html[html.index(">Undated<"):]
    assert undated["url"].split("/")[1] in tail


def test_search_index_finds_actors_and_summaries(seeds_site: Path) -> None:
    index = (seeds_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"actors/vladimir-putin/"' in index.replace(" ", "")
    assert "Jens Stoltenberg" in index


def test_no_residue_in_pages(seeds_site: Path) -> None:
    for page in (seeds_site / "articles").rglob("index.html"):
        text = _visible_text(page.read_text(encoding="utf-8"))
        for residue in ("Leave A Reply", "Please enter your comment", "ift.tt", "Post a Comment", "Read Also"):
            assert residue not in text, (page, residue)


def _visible_text(html: str) -> str:
    body = html[html.index('<article'):html.index('</article>')]
    text = re.sub(r"<[^>]+>", " ", body)
    import html as html_module

    return " ".join(html_module.unescape(text).split())


def test_no_page_shows_markdown_or_entity_source(seeds_site: Path) -> None:
    pages = [p for p in seeds_site.rglob("index.html") if "search" not in p.parts]
    assert len(pages) > 10
    for page in pages:
        text = _visible_text(page.read_text(encoding="utf-8"))
        for leak in ("&#", "](", "###", "{{", "{%"):
            assert leak not in text, (page, leak)


def test_home_lists_the_newest_articles_with_summaries(seeds_site: Path) -> None:
    articles = load_json(seeds_site, "articles.json")
    home = seeds_site / "index.html"
    linked = [h.rstrip("/").split("/")[-1] for h in parse(home).hrefs if h.startswith("articles/")]
    assert list(dict.fromkeys(linked)) == [a["url"].split("/")[1] for a in articles]
    text = _visible_text(home.read_text(encoding="utf-8"))
    for article in articles:
        assert " ".join(article["summary"][0].split()) in text


class _Paragraphs(HTMLParser):
    """The text of each <p> of a page's article body."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "p":
            self.depth += 1
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.paragraphs[-1] += data


def test_actor_page_gives_each_part_its_own_paragraph(seeds_site: Path) -> None:
    parser = _Paragraphs()
    parser.feed((seeds_site / "actors" / "vladimir-putin" / "index.html").read_text(encoding="utf-8"))
    starts = {label: [p for p in parser.paragraphs if label in p] for label in
              ("Also written as:", "Appears most with:", "Themes:")}
    for label, found in starts.items():
        assert len(found) == 1 and found[0].strip().startswith(label), (label, found)
