"""The original's address: kept only when it is http(s), exported, and linked safely from the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.ingest import ingest
from generator.publish.escape import web_link

BODY = "The harbour authority approved a new ferry timetable on Friday after months of talks with operators.\n"


@pytest.mark.parametrize(("given", "kept"), [
    ("https://news.example.org/ferry-timetable", "https://news.example.org/ferry-timetable"),
    ("javascript:alert(1)", None), ("data:text/html,hi", None), ("ftp://example.org/a", None), ("/relative", None),
])
def test_only_web_addresses_are_kept(tmp_path: Path, given: str, kept: str | None) -> None:
    (tmp_path / "a.md").write_text(f"---\ntitle: Ferry timetable\nurl: {json.dumps(given)}\n---\n{BODY}")
    (article,) = ingest(tmp_path).articles
    assert article.source_url == kept


def test_link_cannot_break_out_of_markdown() -> None:
    link = web_link("Read the original at [Evil](x)", "https://example.org/a (b)<c>\"d\"")
    assert str(link) == "[Read the original at &#91;Evil&#93;(x)](https://example.org/a%20%28b%29%3Cc%3E%22d%22)"


@pytest.mark.e2e
def test_source_url_is_exported_and_linked(tmp_path: Path) -> None:
    from generator.site import build_site

    from .conftest import REPO

    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.md").write_text(f"---\ntitle: Ferry timetable\ndate: 2024-05-03\nsource: Harbour News\n"
                                   f"url: https://news.example.org/ferry\n---\n{BODY}")
    (articles / "b.txt").write_text("date 2024-05-04\nBridge closes for repairs\n\nThe old bridge will close "
                                    "for three weeks of repairs from Monday, the council said.\n")
    site = tmp_path / "site"
    build_site(REPO / "mkdocs.yml", input_dir=articles, site_dir=site)
    exported = {a["title"]: a["source_url"] for a in json.loads((site / "data" / "articles.json").read_text())}
    assert exported == {"Ferry timetable": "https://news.example.org/ferry", "Bridge closes for repairs": None}
    page = next(site.glob("articles/ferry-timetable-*/index.html")).read_text()
    assert '<a href="https://news.example.org/ferry">Read the original at Harbour News</a>' in page
