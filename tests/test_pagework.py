"""MkDocs' pages made on two cores, and the navigation rendered once per depth: same site, byte for byte."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment
from mkdocs.utils import get_relative_url

from generator import pagework
from generator.navmemo import folder_outside, remember_navigation

from .conftest import REPO, SEEDS


def test_a_page_the_child_logged_about_is_left_for_the_build_process() -> None:
    forgotten: list[str] = []
    cache = SimpleNamespace(forget=forgotten.append)
    pages = [SimpleNamespace(cache=cache, cache_key=key) for key in ("quiet", "noisy", "also-quiet")]
    made: list[str] = []

    def work(page) -> None:
        made.append(page.cache_key)
        if page.cache_key == "noisy":
            logging.getLogger("mkdocs.structure.pages").warning("a link to a missing page")

    root_handlers = list(logging.getLogger().handlers)
    pagework._child(pages, work)
    assert made == ["quiet", "noisy", "also-quiet"]
    assert forgotten == ["noisy"]
    assert logging.getLogger().handlers == root_handlers  # put back (in the real child it no longer matters)


def test_the_child_takes_the_last_part_of_the_work_by_weight() -> None:
    items = list("abcdef")
    assert pagework._tail(items, [1, 1, 1, 1, 1, 5], 0.5) == ["f"]
    assert pagework._tail(items, [5, 1, 1, 1, 1, 1], 0.5) == ["b", "c", "d", "e", "f"]
    assert pagework._tail(items, [1] * 6, 1.0) == items


def test_navigation_is_rendered_once_per_folder_for_pages_outside_it() -> None:
    calls: list[str] = []
    env = Environment(loader=DictLoader({
        "partials/nav.html": "{{ count(page.url) }}<a href='{{ 'actors/' | rel(page) }}'>x</a>",
        "main.html": "[{% include 'partials/nav.html' %}]",
    }))
    env.globals["count"] = lambda url: calls.append(url) or ""
    env.filters["rel"] = lambda target, page: get_relative_url(target, page.url)
    nav = SimpleNamespace(pages=[SimpleNamespace(url=u) for u in ("", "actors/", "stories/x/inside/")])
    generated = ("articles/", "actors/", "stories/")
    memo = remember_navigation(env, folder_outside(nav, lambda page: page.url.startswith(generated)))
    main = env.get_template("main.html")
    urls = ["articles/a/", "articles/b/", "actors/c/", "actors/d/", "actors/", "stories/x/", "stories/y/"]
    html = {url: main.render(page=SimpleNamespace(url=url)) for url in urls}
    assert html == {url: f"[<a href='{get_relative_url('actors/', url)}'>x</a>]" for url in urls}
    assert calls == ["articles/a/", "actors/c/", "actors/", "stories/x/", "stories/y/"]
    assert sorted(memo) == [("partials/nav.html", "actors"), ("partials/nav.html", "articles"),
                            ("partials/nav.html", "stories")]


@pytest.mark.e2e
def test_pages_made_beside_the_build_are_the_pages_it_would_make(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.structure.pages import Page

    from generator import plugin
    from generator.pagecache import PageCache
    from generator.site import build_site

    from .test_e2e_builds import tree

    def project(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for part in ("docs", "templates"):
            (folder / part).symlink_to(REPO / part)
        shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
        (folder / "digest.yml").write_text(f"input: {SEEDS}\ncache_dir: {folder / 'cache'}\nworkers: 2\n")
        return folder / "mkdocs.yml"

    shares, converted_here, stored_here = [], [], []
    real_start, real_render, real_put = pagework.PageWork._start, Page.render, PageCache.put
    monkeypatch.setattr(pagework, "MIN_PAGES", 1)
    monkeypatch.setattr(pagework.PageWork, "_start", lambda work, *a: shares.append(real_start(work, *a)) or shares[-1])
    monkeypatch.setattr(Page, "render", lambda page, *a: converted_here.append(page) or real_render(page, *a))
    monkeypatch.setattr(PageCache, "put", lambda cache, *a: stored_here.append(a[0]) or real_put(cache, *a))
    beside = build_site(project("beside"), site_dir=tmp_path / "beside-site")
    generated = len(beside.generated.pages)
    assert len(shares) == 2 and all(shares)  # one child converts, one themes
    assert 0 < len(converted_here) < generated  # the rest came converted from the child
    assert 0 < len(stored_here) < generated  # and the child themed and stored some

    with monkeypatch.context() as plain:
        plain.setattr(pagework, "can_fork", lambda: False)
        plain.setattr(plugin, "remember_navigation", lambda env, place: {})
        build_site(project("plain"), site_dir=tmp_path / "plain-site")
    a, b = tree(tmp_path / "beside-site"), tree(tmp_path / "plain-site")
    assert a.keys() == b.keys() and [name for name in a if a[name] != b[name]] == []

    def failing(share, work) -> None:
        raise RuntimeError("the child fails")

    monkeypatch.setattr(pagework, "_child", failing)
    build_site(project("failed"), site_dir=tmp_path / "failed-site")
    c = tree(tmp_path / "failed-site")
    assert a.keys() == c.keys() and [name for name in a if a[name] != c[name]] == []
