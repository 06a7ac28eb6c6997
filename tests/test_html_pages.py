"""Saved web pages: the reader's headline, the article's paragraphs, and every other line accounted for."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest import ingest, parse_article
from generator.ingest.audit import unaccounted
from generator.ingest.files import InputFile, read_source

PARAGRAPHS = [
    "The regional water board approved a plan on Tuesday to replace forty kilometres of old mains by 2028.",
    "Engineers said leaks from the cast-iron pipes waste about a fifth of the water the board treats each year.",
    "The work will be paid for by a small rise in bills, which the board said would average two pounds a month.",
    "Residents of the valley villages, where bursts are most common, will see the new pipes first.",
    "A public meeting on the timetable is planned for next month at the town hall.",
]
NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li><li>Sport</li></ul></nav>"
FOOTER = "<footer><p>Copyright 2024 Valley Courier Media Group. All rights reserved.</p></footer>"
RELATED = "<aside><h3>Most read</h3><ul><li><a href='/a'>Mayor opens new bridge over the river</a></li></ul></aside>"


def page(head: str, article_html: str) -> str:
    return (f"<!DOCTYPE html><html><head>{head}</head><body>{NAV}<main><article>{article_html}</article></main>"
            f"{RELATED}{FOOTER}</body></html>")


def body_html() -> str:
    return "".join(f"<p>{text}</p>" for text in PARAGRAPHS)


LAYOUTS = {
    "h1 confirmed by og:title": page(
        '<title>Water board to replace old mains | Local | Valley Courier</title>'
        '<meta property="og:title" content="Water board to replace old mains">',
        f"<h1>Water board to replace old mains</h1><p class='byline'>By Sam Field</p>{body_html()}"),
    "title with site and section": page(
        "<title>Water board to replace old mains - News - Valley Courier</title>"
        '<meta property="og:site_name" content="Valley Courier">',
        f"<div class='intro'>{body_html()}</div>"),
    "site name as h1, headline in og:title": page(
        '<title>Valley Courier</title><meta property="og:title" content="Water board to replace old mains">',
        f"<h1>Valley Courier</h1>{body_html()}"),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_headline_and_paragraphs_of_a_page(tmp_path: Path, layout: str) -> None:
    (tmp_path / "page.html").write_text(LAYOUTS[layout], encoding="utf-8")
    (article,) = ingest(tmp_path).articles
    assert article.title == "Water board to replace old mains"
    assert list(article.paragraphs) == PARAGRAPHS
    left_out = {r.line for r in article.removed if r.rule == "html-boilerplate"}
    assert "Mayor opens new bridge over the river" in left_out
    assert "Copyright 2024 Valley Courier Media Group. All rights reserved." in left_out


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_word_of_a_page_is_accounted_for(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(LAYOUTS[layout], encoding="utf-8")
    source, _ = read_source(InputFile(path, "page.html"))
    article, _ = parse_article(source)
    assert unaccounted(source, article) == {}


def test_a_page_naming_no_site_but_in_its_title_gives_the_outlet(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(page(
        '<title>Water board to replace old mains | Valley Courier</title>'
        '<meta property="og:title" content="Water board to replace old mains">',
        f"<h1>Water board to replace old mains</h1>{body_html()}"), encoding="utf-8")
    (tmp_path / "other.html").write_text(page(
        "<title>Water board to replace old mains</title>", body_html().replace("water", "river")), encoding="utf-8")
    articles = {a.source_file: a for a in ingest(tmp_path).articles}
    assert articles["page.html"].outlet == "Valley Courier"
    assert articles["page.html"].title == "Water board to replace old mains"
    assert articles["other.html"].outlet is None
