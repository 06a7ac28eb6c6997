"""Stories, digests and the feeds of every actor, theme and story on the site built from seeds/."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from .conftest import SITE_URL, load_json
from .test_e2e_site import _visible_text, parse

pytestmark = pytest.mark.e2e


def test_the_five_seed_articles_are_one_story(seeds_site: Path) -> None:
    articles = load_json(seeds_site, "articles.json")
    (story,) = load_json(seeds_site, "stories.json")
    assert sorted(story["articles"]) == sorted(a["id"] for a in articles)
    assert {a["story"] for a in articles} == {story["id"]}
    assert (story["start"], story["end"]) == ("2021-12-21", "2021-12-28")
    words = sum(len(sentence.split()) for sentence in story["summary"])
    assert 60 <= words <= 140
    assert len(set(story["summary"])) == len(story["summary"])  # no sentence twice
    pages = " ".join(_visible_text((seeds_site / a["url"] / "index.html").read_text(encoding="utf-8"))
                     for a in articles)
    for sentence in story["summary"]:  # every sentence is taken from one of the story's articles
        assert " ".join(sentence.split()) in pages


def test_story_page_has_timeline_in_date_order(seeds_site: Path) -> None:
    (story,) = load_json(seeds_site, "stories.json")
    page = seeds_site / "stories" / story["id"] / "index.html"
    by_url = {a["url"].split("/")[1]: a for a in load_json(seeds_site, "articles.json")}
    linked = list(dict.fromkeys(h.rstrip("/").split("/")[-1] for h in parse(page).hrefs if "/articles/" in h))
    assert len(linked) == 5
    dates = [by_url[slug]["date"] or "9999" for slug in linked]
    assert dates == sorted(dates)
    text = _visible_text(page.read_text(encoding="utf-8"))
    assert "21 to 28 December 2021 · 5 articles · 1 outlet" in text and "CNN" in text  # only one names its outlet


def test_digests_by_day_and_week(seeds_site: Path) -> None:
    pages = sorted(p.parent.name for p in (seeds_site / "digests").glob("*/index.html"))
    assert pages == ["2021-12-21", "2021-12-22", "2021-12-28", "2021-w51", "2021-w52"]
    week = _visible_text((seeds_site / "digests" / "2021-w51" / "index.html").read_text(encoding="utf-8"))
    assert "3 articles in this period" in week
    home = _visible_text((seeds_site / "index.html").read_text(encoding="utf-8"))
    assert "Latest digest: Week 52, 2021" in home


def feeds_of(site: Path) -> list[tuple[str, str]]:
    opml = ET.fromstring((site / "feeds.opml").read_bytes())
    return [(o.get("xmlUrl"), o.get("htmlUrl")) for o in opml.iter("outline")]


def test_opml_lists_a_feed_for_every_paged_actor_theme_and_story(seeds_site: Path) -> None:
    urls = {url for url, _ in feeds_of(seeds_site)}
    expected = {SITE_URL + "feed.xml"}
    for name, section in (("actors.json", "actors"), ("themes.json", "themes"), ("stories.json", "stories")):
        expected |= {f"{SITE_URL}feed-{section}-{item['id']}.xml" for item in load_json(seeds_site, name)
                     if item.get("page", True)}
    assert urls == expected
    page = _visible_text((seeds_site / "feeds" / "index.html").read_text(encoding="utf-8"))
    listed = {f"{SITE_URL}feed-themes-{item['id']}.xml" for item in load_json(seeds_site, "themes.json")}
    assert page.count("RSS · Atom") == len(listed) + 1  # the site's and each theme's; the others on their pages
    for section, noun in (("actors", "actor"), ("stories", "story")):
        paged = [url for url in expected if url.startswith(f"{SITE_URL}feed-{section}-")]
        assert (f"{len(paged)} {noun} feed" + ("" if len(paged) == 1 else "s")) in page
        for url in paged:
            item = url.removeprefix(f"{SITE_URL}feed-{section}-").removesuffix(".xml")
            own = _visible_text((seeds_site / section / item / "index.html").read_text(encoding="utf-8"))
            assert "Follow: RSS · Atom" in own


def test_every_feed_parses_with_required_elements(seeds_site: Path) -> None:
    articles = {SITE_URL + a["url"]: a for a in load_json(seeds_site, "articles.json")}
    names = {a["id"]: a["name"] for a in load_json(seeds_site, "actors.json")}
    for url, _ in feeds_of(seeds_site):
        rss_path = seeds_site / url.removeprefix(SITE_URL)
        main = rss_path.name == "feed.xml"
        atom_path = rss_path.with_name("atom.xml") if main else rss_path.with_suffix(".atom.xml")
        for path, version in ((rss_path, "rss20"), (atom_path, "atom10")):
            feed = feedparser.parse(path.read_bytes())
            assert not feed.bozo and feed.version == version, path
            assert feed.feed.title and feed.feed.link and feed.entries, path
            for entry in feed.entries:
                assert entry.id.startswith("urn:uuid:") and entry.link in articles and entry.title
                lead_actor = articles[entry.link]["actors"][0]
                terms = {t.term for t in entry.tags}  # RSS carries the label, Atom the id
                assert lead_actor in terms or names[lead_actor] in terms
                if articles[entry.link]["date"]:
                    assert entry.published_parsed[:3] == tuple(map(int, articles[entry.link]["date"].split("-")))
            keys = [(articles[e.link]["date"] or "0000", articles[e.link]["id"]) for e in feed.entries]
            dated = [k for k in keys if k[0] != "0000"]
            assert dated == sorted(dated, key=lambda k: (-int(k[0].replace("-", "")), k[1]))


def test_rfc_dates_in_both_formats(seeds_site: Path) -> None:
    rss = (seeds_site / "feed.xml").read_text(encoding="utf-8")
    atom = (seeds_site / "atom.xml").read_text(encoding="utf-8")
    assert re.search(r"<pubDate>Tue, 28 Dec 2021 00:00:00 \+0000</pubDate>", rss)
    assert re.search(r"<published>2021-12-28T00:00:00\+00:00</published>", atom)
