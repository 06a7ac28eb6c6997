"""`digest fetch` against a real HTTP server on 127.0.0.1: feeds, pages with boilerplate, a broken
feed, a 404, a server too slow to answer, a redirect and a huge page; then the fetched folder built
into a site whose article pages link to their originals."""

from __future__ import annotations

import http.server
import shutil
import threading
import time
from pathlib import Path

import pytest
import yaml

from generator.fetch import fetch_sources, load_sources
from generator.fetch.client import Client
from generator.fetch.items import normalise_url

from .conftest import REPO

BOILERPLATE = ["Share on Facebook", "Subscribe to our newsletter", "Cookie settings", "Most read this week"]


def page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title} | The Valley Courier</title>"
            f'<meta property="og:site_name" content="The Valley Courier">'
            f'<meta property="article:published_time" content="2026-05-12T08:00:00Z"></head><body>'
            f'<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
            f'<div class="share">{BOILERPLATE[0]}</div><article><h1>{title}</h1>{body}</article>'
            f"<aside><h3>{BOILERPLATE[3]}</h3><ul><li><a href='/x'>Another story</a></li></ul></aside>"
            f"<footer>{BOILERPLATE[1]} · {BOILERPLATE[2]}</footer></body></html>")


BRIDGE = ["The county council closed the old stone bridge over the river Dane on Monday after engineers "
          "found cracks in two of its arches.",
          "Drivers face a detour of about eight miles while the bridge is inspected, the council said.",
          "The bridge, built in 1820, carries about 9,000 vehicles a day between the two market towns.",
          "Engineers expect to decide within a month whether the arches can be repaired or must be rebuilt."]
FERRY = ["The harbour board approved a new timetable for the island ferry on Tuesday, adding two sailings "
         "on weekdays from June.",
         "Passengers had complained of queues of up to three hours at the harbour during the spring holidays.",
         "The extra sailings will be run by a second vessel chartered from a company on the mainland."]
SCHOOL = ["A primary school in the valley will get a new science room after parents raised 40,000 pounds "
          "in a year of cake sales, fun runs and auctions.",
          "The head teacher said the room would open in September with benches for thirty pupils."]


def rss(base: str) -> str:
    items = "".join(
        f"<item><title>{t}</title><link>{base}{path}?utm_source=feed</link><guid>{base}{path}</guid>"
        f"<pubDate>Tue, 12 May 2026 08:00:00 GMT</pubDate><description>{d}</description></item>"
        for t, path, d in (("Old bridge closed after cracks found", "/bridge.html", "The bridge is shut."),
                           ("Two more ferry sailings from June", "/ferry.html", "More sailings."),
                           ("Gone page", "/gone.html", "The ferry fares will rise by five percent from July, "
                            "the harbour board said on Tuesday, the first rise in three years."),
                           ("Huge page", "/huge.html", "")))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>{items}</channel></rss>'


def atom(base: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>'
            f'<id>{base}/atom</id><updated>2026-05-13T09:00:00Z</updated><entry><title>School science room</title>'
            f'<id>tag:courier,2026:school</id><link href="{base}/moved"/><updated>2026-05-13T09:00:00Z</updated>'
            "<summary>A new science room.</summary></entry></feed>")


class Handler(http.server.BaseHTTPRequestHandler):
    base = ""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/slow.xml":
            time.sleep(3)
        routes = {"/rss.xml": ("application/rss+xml", rss(self.base)),
                  "/atom.xml": ("application/atom+xml", atom(self.base)),
                  "/broken.xml": ("application/rss+xml", "<rss><channel><title>oops</title><item><title>x"),
                  "/slow.xml": ("application/rss+xml", rss(self.base)),
                  "/bridge.html": ("text/html", page("Old bridge closed after cracks found", BRIDGE)),
                  "/ferry.html": ("text/html", page("Two more ferry sailings from June", FERRY)),
                  "/school.html": ("text/html", page("Parents raise money for a school science room", SCHOOL)),
                  "/huge.html": ("text/html", "<p>" + "word " * 400_000 + "</p>")}
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/school.html")
            self.end_headers()
            return
        if path not in routes:
            self.send_error(404)
            return
        kind, text = routes[path]
        body = text.encode("utf-8")
        etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Handler.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield Handler.base
    httpd.shutdown()


def sources_file(tmp_path: Path, base: str) -> Path:
    path = tmp_path / "feeds.yml"
    path.write_text(yaml.safe_dump([f"{base}/rss.xml", {"url": f"{base}/atom.xml", "outlet": "Valley Courier",
                                                           "language": "en"},
                                    f"{base}/broken.xml", f"{base}/missing.xml", f"{base}/slow.xml"]))
    return path


def front_matter(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def test_fetch_writes_clean_articles_reports_bad_sources_and_never_twice(tmp_path: Path, server: str) -> None:
    articles, state = tmp_path / "articles", tmp_path / "cache" / "state.json"
    articles.mkdir()
    client = Client(timeout=1.0, max_bytes=1_000_000)
    report = fetch_sources(load_sources(sources_file(tmp_path, server)), articles, state, client)
    written = {front_matter(p)[0]["title"]: front_matter(p) for p in report.written}
    assert set(written) == {"Old bridge closed after cracks found", "Two more ferry sailings from June",
                            "Parents raise money for a school science room", "Gone page"}
    meta, body = written["Old bridge closed after cracks found"]
    assert meta["url"] == f"{server}/bridge.html?utm_source=feed" and str(meta["date"]) == "2026-05-12"
    assert meta["source"] == "The Valley Courier" and meta["feed"] == f"{server}/rss.xml"
    assert all(sentence in body for sentence in BRIDGE)
    assert not any(line in body for line in BOILERPLATE) and "Home" not in body
    school = written["Parents raise money for a school science room"][0]
    assert school["url"] == f"{server}/moved" and school["source"] == "Valley Courier"  # redirect followed
    assert school["language"] == "en" and "language" not in meta
    assert "ferry fares will rise" in written["Gone page"][1]  # a 404 page: the feed's own text
    reasons = {finding.path: finding.reason for finding in report.problems}
    assert reasons[f"{server}/broken.xml"].startswith("not a feed")
    assert reasons[f"{server}/missing.xml"].startswith("HTTP 404")
    assert reasons[f"{server}/slow.xml"].startswith("no answer")
    assert reasons[f"{server}/huge.html?utm_source=feed"].startswith("too large")
    assert reasons[f"{server}/gone.html?utm_source=feed"].startswith("HTTP 404")
    assert all(p.is_relative_to(articles) and p.parent.parent.name == "fetched" for p in report.written)

    again = fetch_sources(load_sources(sources_file(tmp_path, server)), articles, state, client)
    assert again.written == [] and again.new == 0 and again.unchanged == 2  # ETags: two feeds answered 304


def test_addresses_lose_tracking_parameters_and_fragments() -> None:
    assert normalise_url("HTTP://Example.org:80/a?utm_source=x&id=3&fbclid=y#top") == "http://example.org/a?id=3"


def test_sources_file_errors_name_the_file(tmp_path: Path) -> None:
    from generator.errors import ConfigError

    bad = tmp_path / "feeds.yml"
    bad.write_text("- file:///etc/passwd\n- {url: 'https://example.org/feed', colour: red}\n")
    with pytest.raises(ConfigError) as raised:
        load_sources(bad)
    assert str(bad) in str(raised.value) and "file:///etc/passwd" in str(raised.value) and "colour" in str(raised.value)
    opml = tmp_path / "feeds.opml"
    opml.write_text('<opml version="2.0"><body><outline text="News"><outline text="A" xmlUrl="https://a.example/rss"/>'
                    "</outline></body></opml>")
    assert [s.url for s in load_sources(opml)] == ["https://a.example/rss"]


@pytest.mark.e2e
def test_fetched_articles_build_into_a_site_that_links_to_the_originals(tmp_path: Path, server: str) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    folder = tmp_path / "site-project"
    (folder / "articles").mkdir(parents=True)
    (folder / "docs").mkdir()
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    sources = folder / "feeds.yml"
    sources.write_text(yaml.safe_dump([f"{server}/rss.xml", f"{server}/atom.xml"]))
    (folder / "digest.yml").write_text("input: articles\nsources: feeds.yml\n")
    runner = CliRunner()
    fetched = runner.invoke(main, ["fetch", "-f", str(folder / "mkdocs.yml"), "--strict"])
    assert fetched.exit_code == 1, fetched.output  # the huge page and the 404 are problems under --strict
    assert "Read 2 feeds" in fetched.output and "4 new" in fetched.output
    built = runner.invoke(main, ["build", "-f", str(folder / "mkdocs.yml")])
    assert built.exit_code == 0, built.output
    bridge = next((folder / "site" / "articles").glob("old-bridge-closed*/index.html")).read_text(encoding="utf-8")
    assert f'href="{server}/bridge.html?utm_source=feed"' in bridge


def test_feed_items_carry_the_original_as_source_and_related_link(tmp_path: Path) -> None:
    from datetime import date

    import feedparser

    from generator.models import Article, DateSource, Digest, Entry
    from generator.publish.feeds import render_feeds

    original = "https://courier.example/bridge?id=3&x=<y>"
    article = Article("b1", "b.md", "Bridge closed", None, DateSource.NONE, "Valley Courier", ("Text.",),
                      source_url=original)
    digest = Digest((Entry(article, "articles/bridge-b1/", ("Text.",), (), (), None, (), ()),), (), (), (),
                    date(2026, 5, 12))
    files = render_feeds(digest, "Site", "https://example.org/", 10)
    rss_item = feedparser.parse(files["feed.xml"]).entries[0]
    assert rss_item.source.href == original and rss_item.source.title == "Valley Courier"
    atom_item = feedparser.parse(files["atom.xml"]).entries[0]
    assert atom_item.source.title == "Valley Courier" and atom_item.source.link == original
    assert [link.href for link in atom_item.links] == ["https://example.org/articles/bridge-b1/"]
