"""MkDocs' pages made on two cores: same site, byte for byte."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.engine.speedups import pagework

from .conftest import SEEDS


def test_a_page_the_child_logged_about_is_left_for_the_build_process() -> None:
    forgotten: list[str] = []
    released: list[str] = []
    cache = SimpleNamespace(forget=forgotten.append, store=SimpleNamespace(release=lambda: released.append(made[-1])))
    pages = [SimpleNamespace(cache=cache, cache_key=key) for key in ("quiet", "noisy", "also-quiet")]
    made: list[str] = []

    def work(page) -> None:
        made.append(page.cache_key)
        if page.cache_key == "noisy":
            logging.getLogger("mkdocs.structure.pages").warning("a link to a missing page")

    root_handlers = list(logging.getLogger().handlers)
    pagework._child(pages, pagework.Meeting(len(pages)), work)
    assert made == ["also-quiet", "noisy", "quiet"]  # from the back
    assert forgotten == ["noisy"]
    assert released == ["quiet"]  # the records stored together, flushed once the last page is made
    assert logging.getLogger().handlers == root_handlers  # put back (in the real child it no longer matters)


def test_the_two_processes_never_take_the_same_page() -> None:
    meeting = pagework.Meeting(5)
    assert meeting.take_back() == 4
    assert meeting.take_front(0) and meeting.take_front(1)
    assert meeting.take_back() == 3
    assert meeting.take_back() == 2
    assert not meeting.take_front(2)  # the child has it: the build process waits and reads it
    assert meeting.take_back() is None
    theming = pagework.Meeting(2, taken=1)  # the first page is the build process's from the start
    assert theming.take_back() == 1 and theming.take_back() is None


@pytest.mark.e2e
def test_pages_made_beside_the_build_are_the_pages_it_would_make(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.structure.pages import Page

    from generator.engine.speedups.pagecache import PageCache
    from generator.site import build_site
    from tools.benchmark import make_project

    from .test_e2e_builds import tree

    def project(name: str) -> Path:
        return make_project(tmp_path / name, SEEDS)

    forked, converted_here, stored_here = [], [], []
    real_start, real_render, real_put = pagework.PageWork._start, Page.render, PageCache.put

    def start(work: pagework.PageWork, *args, **kwargs) -> None:
        real_start(work, *args, **kwargs)
        forked.append(work.child is not None)

    monkeypatch.setattr(pagework, "MIN_PAGES", 1)
    monkeypatch.setattr(pagework.threading, "active_count", lambda: 1)  # threads an earlier test left
    monkeypatch.setattr(pagework.PageWork, "_start", start)
    monkeypatch.setattr(Page, "render", lambda page, *a: converted_here.append(page) or real_render(page, *a))
    monkeypatch.setattr(PageCache, "put", lambda cache, *a: stored_here.append(a[0]) or real_put(cache, *a))
    beside = build_site(project("beside"), site_dir=tmp_path / "beside-site")
    generated = len(beside.generated.pages)
    assert forked == [True, True]  # one child converts, one themes
    assert 0 < len(converted_here) < generated  # the rest came converted from the child
    assert 0 < len(stored_here) < generated  # and the child themed and stored some

    with monkeypatch.context() as plain:
        plain.setattr(pagework, "can_fork", lambda: False)
        build_site(project("plain"), site_dir=tmp_path / "plain-site")
    a, b = tree(tmp_path / "beside-site"), tree(tmp_path / "plain-site")
    assert a.keys() == b.keys() and [name for name in a if a[name] != b[name]] == []

    def failing(todo, meeting, work) -> None:
        raise RuntimeError("the child fails")

    monkeypatch.setattr(pagework, "_child", failing)
    build_site(project("failed"), site_dir=tmp_path / "failed-site")
    c = tree(tmp_path / "failed-site")
    assert a.keys() == c.keys() and [name for name in a if a[name] != c[name]] == []


def test_a_generated_pages_address_is_joined_to_the_sites_as_mkdocs_joins_it() -> None:
    import random
    from urllib.parse import urljoin, urlsplit

    from generator.engine.speedups.pagecache import joined_address

    pieces = ["a", "actors", "/", ".", "..", "-", "_", "x1", "%20", " ", "?", "#q", ":", "~", "é", "//", "./", "../"]
    bases = ["https://example.github.io/digest/", "https://example.github.io/digest", "http://h", "https://h/a/?q=1",
             "file:///tmp/x/", "https://h/a%20b/", "https://h/a/./b/", "https://h/a//b/", "https://h/#x"]
    chance = random.Random(3)
    joined = 0
    for _ in range(20000):
        url = "".join(chance.choice(pieces) for _ in range(chance.randint(0, 6)))
        base = chance.choice(bases)
        plain = urljoin(base if base.endswith("/") else base + "/", url)
        found = joined_address(base, url)
        assert found is None or found == (plain, urlsplit(plain).path), (base, url)
        joined += found is not None
    assert joined > 500  # the plain addresses take the quick way
    assert joined_address("https://example.github.io/digest", "actors/jane-doe/") == (
        "https://example.github.io/digest/actors/jane-doe/", "/digest/actors/jane-doe/")


def test_stored_search_entries_print_the_index_as_the_search_plugin_does() -> None:
    """Entries kept printed (``search_json``) and spliced into Material's search index give the
    bytes the plugin prints from the entries themselves, with or without a live reload's last index."""
    from material.plugins.search.plugin import SearchIndex

    from generator.engine.speedups.pagecache import Entries, add_entries, search_json, splicing

    settings = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stemmer"], "fields": {"title": {"boost": 1e3}}}
    pages = [[{"location": "a/", "title": "Café <b>", "text": "Zoë said \"no\" \u2014 twice"}],
             [{"location": "b/", "title": "B", "text": "tabs\tand\nlines"},
              {"location": "b/#x", "title": "X", "text": ""}],
             []]  # a page left out of the search
    plain, spliced = SearchIndex(**settings), SearchIndex(**settings)
    splicing(spliced)
    for number, entries in enumerate(pages):
        plain.entries.extend(entries)
        if number == 1:
            spliced.entries.extend(entries)  # a page the plugin indexed in this build
        else:
            add_entries(spliced.entries, search_json(entries))
    assert any(isinstance(entry, Entries) for entry in spliced.entries)
    assert spliced.generate_search_index(None) == plain.generate_search_index(None)
    last = SearchIndex(**settings)
    last.entries.append({"location": "c/", "title": "C", "text": "c"})
    assert spliced.generate_search_index(last) == plain.generate_search_index(last)
