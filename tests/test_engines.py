"""Two engines, one Markdown tree: the seeds built by MkDocs (the default) and by Zensical give the
same pages, links, feeds and feed autodiscovery, and the Zensical site works in Chromium; the tree
written with --markdown-out is a project of its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
import yaml

from .conftest import REPO, SEEDS
from .test_browser import Watch, browser, page_paths, serve  # noqa: F401 (browser is a fixture)

pytestmark = pytest.mark.e2e


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*")
            if p.is_file() and not p.name.endswith(".gz") and p.parts[len(site.parts)] not in {"assets", "search"}
            and p.name not in {".digest-manifest.json", "search.json"}}
"""Every page, feed, chart and data file; not the theme's assets nor the search index, which each
engine makes its own way."""


def test_both_engines_publish_the_same_pages_feeds_and_data(seeds_site: Path, zensical_site: Path) -> None:
    assert pages(zensical_site) == pages(seeds_site)
    for feed in ("feed.xml", "atom.xml"):
        ours, theirs = (feedparser.parse((site / feed).read_bytes()) for site in (seeds_site, zensical_site))
        assert not theirs.bozo and [e.id for e in theirs.entries] == [e.id for e in ours.entries]
    assert (zensical_site / "data" / "actors.json").read_bytes() == (seeds_site / "data" / "actors.json").read_bytes()


def test_every_zensical_page_links_to_pages_that_exist_and_names_its_feeds(zensical_site: Path) -> None:
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" type="application/rss\+xml"[^>]*href="\./feed\.xml"', home)
    assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="\./atom\.xml"', home)
    broken = []
    for page in sorted(zensical_site.rglob("index.html")):
        for href in re.findall(r'href="([^"#?]+)', page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:|//", href):
                continue
            target = (page.parent / href).resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(zensical_site)} -> {href}")
    assert broken == []


@pytest.fixture(scope="module")
def zensical_url(zensical_site: Path) -> Iterator[str]:
    server, url = serve(zensical_site)
    yield url
    server.shutdown()


@pytest.mark.browser
def test_zensical_pages_load_cleanly_and_search_finds_an_actor(browser, zensical_site: Path,  # noqa: F811
                                                                 zensical_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    for name, path in page_paths(zensical_site).items():
        page.goto(zensical_url + path, wait_until="networkidle")
        assert page.locator("article h1").count() == 1, name
    assert watch.errors == [] and watch.dialogs == []
    page.goto(zensical_url, wait_until="networkidle")
    page.locator("button.md-search__button").first.click()  # Zensical's search is a dialog
    page.locator("input[placeholder=Search]").fill("Stoltenberg")
    found = page.locator("a[href*='actors/jens-stoltenberg/']")
    found.first.wait_for(timeout=10000)
    assert found.count() >= 1


def test_the_markdown_tree_is_a_project_of_its_own(tmp_path: Path) -> None:
    from generator.site import build_from_tree

    out = tmp_path / "tree"
    out.mkdir()
    (out / "NOTES.md").write_text("mine\n", encoding="utf-8")
    report = build_from_tree(REPO / "mkdocs.yml", input_dir=SEEDS, markdown_out=out)
    settings = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert settings["plugins"] == ["search"] and settings["docs_dir"] == "docs"
    assert settings["theme"]["custom_dir"] == "overrides" and (out / "overrides" / "main.html").is_file()
    assert (out / "docs" / "about.md").is_file() and (out / "docs" / "feed.xml").is_file()
    assert len(list((out / "docs" / "articles").glob("*.md"))) == len(report.generated.digest.entries)
    build_from_tree(REPO / "mkdocs.yml", input_dir=SEEDS, markdown_out=out)
    assert (out / "NOTES.md").read_text(encoding="utf-8") == "mine\n"  # never removes what it did not write
