"""Hostile articles build, and nothing they contain becomes markup, script or a live link."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import load_json

pytestmark = pytest.mark.e2e


class _Audit(HTMLParser):
    """Collects what an article could have injected: script bodies, handlers, risky URLs, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self.tags: set[str] = set()
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append((tag, name))
            if name in ("href", "src", "action", "formaction") and value:
                self.urls.append(value.strip().lower())
        if tag == "script":
            self.scripts.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def audit(path: Path) -> _Audit:
    parser = _Audit()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_hostile_articles_get_pages(hostile_site: Path) -> None:
    assert len(load_json(hostile_site, "articles.json")) == 2


def test_no_injected_markup_on_any_page(hostile_site: Path) -> None:
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        found = audit(page)
        assert not any("alert" in script for script in found.scripts), page
        assert not found.handlers, (page, found.handlers)
        assert not [u for u in found.urls if u.startswith(("javascript:", "data:", "vbscript:"))], page
        assert not found.tags & {"iframe", "img", "b", "object", "embed"}, (page, found.tags)


class _Heading(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h1 = ""
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = self._inside or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        self._inside = self._inside and tag != "h1"

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.h1 += data


def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    article = next(a for a in load_json(hostile_site, "articles.json") if a["source_file"] == "front-matter.md")
    assert article["title"] == "<script>alert(1)</script> <img src=x onerror=alert(2)> {{ 7*7 }}"
    heading = _Heading()
    heading.feed((hostile_site / article["url"] / "index.html").read_text(encoding="utf-8"))
    assert heading.h1 == article["title"]


def test_search_index_carries_no_markup_from_articles(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("onerror" in doc["text"] for doc in index["docs"])  # the hostile text is indexed, as text
    for doc in index["docs"]:
        for field in ("title", "text"):
            found = _Audit()
            found.feed(doc[field])  # Material's search shows these as HTML
            assert not found.scripts and not found.handlers, doc
            assert not [u for u in found.urls if u.startswith(("javascript:", "data:"))], doc
            assert not found.tags & {"iframe", "img", "script", "a"}, doc


def test_feeds_carry_no_active_content(hostile_site: Path) -> None:
    for name in ("feed.xml", "atom.xml"):
        root = ET.fromstring((hostile_site / name).read_bytes())
        for element in root.iter():
            text = element.text or ""
            # After XML decoding, RSS descriptions are HTML: markup must still be escaped there.
            assert "<" not in text, (name, element.tag, text)
            for value in element.attrib.values():
                assert not value.lower().startswith(("javascript:", "data:")), (name, value)
