"""Whole builds through the command line: reproducible, strict, and in step with the input folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from generator.engine.sync import MANIFEST

from .conftest import FIXTURES, REPO, SEEDS

pytestmark = pytest.mark.e2e
BIN = Path(sys.executable).parent


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, env=env, check=False)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    env = {**os.environ, "PYTHONHASHSEED": "1"}
    shutil.rmtree(REPO / ".digest-cache" / "pages", ignore_errors=True)  # both builds convert every page
    done = run(str(BIN / "digest"), "build", "--strict", "-q", "--site-dir", str(first), env=env)
    assert done.returncode == 0, done.stderr
    env["PYTHONHASHSEED"] = "2"
    shutil.rmtree(REPO / ".digest-cache" / "pages", ignore_errors=True)
    done = run(str(BIN / "mkdocs"), "build", "--strict", "-q", "--site-dir", str(second), env=env)
    assert done.returncode == 0, done.stderr
    a, b = tree(first), tree(second)
    manifest = json.loads(a.pop(MANIFEST))  # digest's own record of what it wrote; plain mkdocs keeps none
    assert manifest == sorted(a)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    guids = [e.id for e in feedparser.parse(a["feed.xml"]).entries]
    assert len(set(guids)) == 5


def test_source_date_epoch_sets_the_build_date(tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    done = run(str(BIN / "python"), "-m", "generator", "build", "-q", "--site-dir", str(tmp_path), env=env)
    assert done.returncode == 0, done.stderr
    assert "<lastmod>2023-11-14</lastmod>" in (tmp_path / "sitemap.xml").read_text()
    feed = feedparser.parse((tmp_path / "atom.xml").read_bytes())
    assert feed.feed.updated.startswith("2021-12-28")  # a feed is as new as its newest item, never the clock
    undated = [e for e in feed.entries if "published" not in e]
    assert [e.updated[:10] for e in undated] == ["2023-11-14"]  # undated items carry the build date


def test_removed_article_disappears_on_rebuild(tmp_path: Path) -> None:
    from generator.site import build_site

    input_dir, site_dir = tmp_path / "in", tmp_path / "site"
    shutil.copytree(SEEDS, input_dir)
    first = build_site(REPO / "mkdocs.yml", input_dir=input_dir, site_dir=site_dir)
    gone = first.generated.digest.entries[0]
    (input_dir / gone.article.source_file).unlink()
    build_site(REPO / "mkdocs.yml", input_dir=input_dir, site_dir=site_dir)
    assert not (site_dir / gone.url).exists()
    assert len(list((site_dir / "articles").iterdir())) == 4
    assert gone.article.title not in (site_dir / "timeline" / "index.html").read_text(encoding="utf-8")


def test_strict_fails_on_a_bad_file_and_names_it(tmp_path: Path) -> None:
    input_dir = tmp_path / "in"
    shutil.copytree(SEEDS, input_dir)
    (input_dir / "broken.bin").write_bytes(b"\x00\x01binary")
    (input_dir / "empty.txt").write_text("  \n")
    done = run(str(BIN / "digest"), "build", "--strict", "--input", str(input_dir), "--site-dir", str(tmp_path / "s"))
    assert done.returncode == 1
    assert "broken.bin" in done.stderr and "empty.txt: empty file" in done.stderr
    lenient = run(str(BIN / "digest"), "build", "--input", str(input_dir), "--site-dir", str(tmp_path / "s"))
    assert lenient.returncode == 0, lenient.stderr
    assert len(list((tmp_path / "s" / "articles").iterdir())) == 5


def test_hostile_folder_builds_strictly_clean(tmp_path: Path) -> None:
    done = run(str(BIN / "digest"), "build", "--strict", "--input", str(FIXTURES / "hostile"),
               "--site-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr


def test_bad_files_folder_builds_with_reports(tmp_path: Path) -> None:
    site = tmp_path / "site"
    strict = run(str(BIN / "digest"), "build", "--strict", "--input", str(FIXTURES / "bad"), "--site-dir", str(site))
    assert strict.returncode == 1
    for name in ("binary.txt", "empty.txt", "whitespace.txt", "photo.jpg", "cp1252.txt", "yaml-tag.md",
                 "malformed-front-matter.md", "duplicate-b.txt", "outside-link.txt"):
        assert name in strict.stderr, name
    lenient = run(str(BIN / "digest"), "build", "-v", "--input", str(FIXTURES / "bad"), "--site-dir", str(site))
    assert lenient.returncode == 0, lenient.stderr
    assert len(list((site / "articles").iterdir())) == 13
    assert "note: title-index.md: no date found; listed under Undated" in lenient.stderr
    assert "Built 13 articles" in lenient.stderr
    readme_line = (REPO / "README.md").read_text(encoding="utf-8").splitlines()[2]
    for page in site.rglob("*.html"):
        assert readme_line not in page.read_text(encoding="utf-8")


def test_build_report_counts_removed_lines_by_rule(tmp_path: Path) -> None:
    done = run(str(BIN / "digest"), "build", "-v", "--site-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "removed   10 lines by rule trailer" in done.stderr
    assert "removed    2 lines by rule photo-credit" in done.stderr
    assert "18 residue lines removed" in done.stderr


def test_rebuild_rewrites_only_changed_files(tmp_path: Path) -> None:
    from generator.site import build_site

    input_dir, site_dir = tmp_path / "in", tmp_path / "site"
    shutil.copytree(SEEDS, input_dir)
    first = build_site(REPO / "mkdocs.yml", input_dir=input_dir, site_dir=site_dir)
    assert first.written > 50 and first.removed == 0
    about = site_dir / "about" / "index.html"
    stamp = about.stat().st_mtime_ns
    again = build_site(REPO / "mkdocs.yml", input_dir=input_dir, site_dir=site_dir)
    assert (again.written, again.removed) == (0, 0) and about.stat().st_mtime_ns == stamp
    assert not list(tmp_path.glob(".digest-staging-*"))


def test_page_cache_converts_only_changed_pages_and_changes_no_byte(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.structure.pages import Page

    from generator.engine.charts import cut_charts
    from generator.site import build_site
    from tools.benchmark import make_project

    converted: list[str] = []
    plain_render = Page.render

    def counting_render(page: Page, config, files) -> None:
        converted.append(page.file.src_uri)
        plain_render(page, config, files)

    monkeypatch.setattr(Page, "render", counting_render)
    indexed: list[str] = []
    plain_index = SearchIndex.add_entry_from_context

    def counting_index(index: SearchIndex, page: Page) -> None:
        if not (page.meta.get("search") or {}).get("exclude"):
            indexed.append(page.file.src_uri)
        plain_index(index, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", counting_index)
    input_dir = tmp_path / "in"
    shutil.copytree(SEEDS, input_dir)

    def project(name: str) -> Path:
        return make_project(tmp_path / name, input_dir, workers=1)  # every page made in this process, counted

    cached = project("cached")
    first = build_site(cached, site_dir=tmp_path / "site").generated.pages
    (input_dir / "new.txt").write_text(
        "date 2021-12-30 Diplomats from Russia and the United States confirmed on Thursday that security talks "
        "will open in Geneva on January 10.\n", encoding="utf-8")
    converted.clear()
    indexed.clear()
    second = build_site(cached, site_dir=tmp_path / "site").generated.pages
    never_cached = {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")}  # hand-written
    changed = {path for path, text in second.items() if first.get(path) != text}
    assert set(converted) - never_cached == changed - never_cached
    assert set(indexed) - never_cached == changed - never_cached  # search reads only changed pages
    assert len(changed) < len(second) / 2  # most pages came from the cache
    (input_dir / "gap.txt").write_text(  # a day no article had: shaded on the charts that span it, until now
        "date 2021-12-24 A bakery in Millbrook sold its last loaf on Friday after forty years on Main Street, "
        "its owner said.\n", encoding="utf-8")
    converted.clear()
    indexed.clear()
    third = build_site(cached, site_dir=tmp_path / "site").generated.pages
    changed = {path for path, text in third.items() if second.get(path) != text}
    # A page whose only change is a chart is not converted again: the chart goes in beside it.
    redrawn = {path for path in changed if path in second and cut_charts(second[path])[0] == cut_charts(third[path])[0]}
    assert redrawn - never_cached and all("digest-chart" in third[path] for path in redrawn)
    assert set(converted) - never_cached == changed - redrawn - never_cached
    assert set(indexed) - never_cached == changed - redrawn - never_cached
    shown = (tmp_path / "site" / "actors" / "vladimir-putin" / "index.html").read_text(encoding="utf-8")
    assert shown.count('<div class="digest-chart"><svg') == 1 and "<!-- digest-chart" not in shown
    assert "no articles collected" in shown
    index = (tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Articles naming" in index and "no articles collected" not in index  # a chart's text is not searched
    build_site(project("fresh"), site_dir=tmp_path / "fresh-site")
    a, b = tree(tmp_path / "site"), tree(tmp_path / "fresh-site")
    assert a.keys() == b.keys() and [name for name in a if a[name] != b[name]] == []
    # A change around the pages (here the site's name in mkdocs.yml) reaches every cached page.
    settings = cached.read_text(encoding="utf-8")
    name = next(line for line in settings.splitlines() if line.startswith("site_name:"))
    cached.write_text(settings.replace(name, "site_name: Renamed Desk"), encoding="utf-8")
    build_site(cached, site_dir=tmp_path / "site")
    article_pages = [p for p in (tmp_path / "site" / "articles").rglob("index.html")]
    assert article_pages and all("Renamed Desk" in p.read_text(encoding="utf-8") for p in article_pages)


def test_a_page_generated_as_before_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.structure.pages import Page

    from generator.site import build_site
    from tools.benchmark import make_project

    read: list[str] = []
    plain_read = Page.read_source

    def counting_read(page: Page, config) -> None:
        read.append(page.file.src_uri)
        plain_read(page, config)

    monkeypatch.setattr(Page, "read_source", counting_read)
    own = {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")}
    config = make_project(tmp_path / "project", SEEDS, workers=1)  # every page read in this process, counted
    first = build_site(config, site_dir=tmp_path / "site").generated.pages
    assert set(read) == set(first) | own
    read.clear()
    build_site(config, site_dir=tmp_path / "site")
    assert set(read) == own  # nothing new: every generated page printed from the cache unread
    fresh = tree(tmp_path / "site")
    build_site(make_project(tmp_path / "other", SEEDS), site_dir=tmp_path / "other-site")
    assert tree(tmp_path / "other-site") == fresh
    settings = config.read_text(encoding="utf-8")
    config.write_text(settings.replace("site_name: News digest", "site_name: Desk digest"), encoding="utf-8")
    read.clear()
    build_site(config, site_dir=tmp_path / "site")
    assert set(read) == set(first) | own  # the site changed around every page: all read again
    config.write_text(settings.replace("plugins:\n", "plugins:\n  - tags\n"), encoding="utf-8")
    build_site(config, site_dir=tmp_path / "site")
    read.clear()
    build_site(config, site_dir=tmp_path / "site")
    assert set(read) == set(first) | own  # another plugin might change pages on the way: none is skipped


def test_an_unchanged_page_is_printed_from_the_published_site_unless_it_changed_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild leaves an unchanged page in the site it replaces, unread when the file's stat is
    the one the page cache noted as it published it, without MkDocs theming it (its search entries
    come from the record); a page edited or deleted in the site comes from the cache, as built,
    even when the edit kept its size and set its modification time back."""
    from mkdocs.commands import build as mkdocs_build

    from generator.engine.speedups.pagecache import PageCache
    from generator.site import build_site
    from tools.benchmark import make_project

    stored: list[str] = []
    plain_get = PageCache.get

    def counting_get(cache: PageCache, key: str):
        stored.append(key)
        return plain_get(cache, key)

    themed: list[str] = []
    plain_context = mkdocs_build.get_context

    def counting_context(nav, files, config, page=None, base_url=""):
        if page is not None:
            themed.append(page.file.src_uri)
        return plain_context(nav, files, config, page, base_url)

    hashed: list[str] = []
    plain_as_published = PageCache.as_published

    def counting_as_published(cache: PageCache, file, settled, charts):
        hashed.append(file.src_uri)
        return plain_as_published(cache, file, settled, charts)

    monkeypatch.setattr(PageCache, "get", counting_get)
    monkeypatch.setattr(PageCache, "as_published", counting_as_published)
    monkeypatch.setattr(mkdocs_build, "get_context", counting_context)
    config = make_project(tmp_path / "project", SEEDS, workers=1)
    site = tmp_path / "site"
    build_site(config, site_dir=site)
    built = tree(site)
    assert "search/search_index.json" in built
    stored.clear()
    themed.clear()
    build_site(config, site_dir=site)
    assert stored == [] and tree(site) == built  # no stored page read, no byte changed, the same search index
    assert hashed == []  # every page as the first build published it, by its stat: none read
    hand_written = {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")}
    assert themed and set(themed) == hand_written  # MkDocs themed only the pages digest does not cache
    pages = sorted(path for path in built if path.startswith("articles/") and path.endswith("index.html"))
    edited, deleted, disguised = site / pages[0], site / pages[1], site / pages[2]
    edited.write_text(edited.read_text(encoding="utf-8").replace("</body>", "<script>alert(1)</script></body>"),
                      encoding="utf-8")
    deleted.unlink()
    times = disguised.stat()
    disguised.write_bytes(disguised.read_bytes().replace(b"</body>", b"</bodY>"))
    os.utime(disguised, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert disguised.stat().st_size == times.st_size and disguised.stat().st_mtime_ns == times.st_mtime_ns
    report = build_site(config, site_dir=site)
    assert len(stored) == 3 and report.written == 3 and tree(site) == built


def test_the_site_is_the_same_byte_for_byte_without_the_speedups(tmp_path: Path) -> None:
    """The speed-ups that lean on MkDocs', Material's, Jinja's and Python-Markdown's internals change
    no byte: a cold build, a rebuild from the page cache and a build with every speed-up off agree."""
    from generator.site import build_site
    from tools.benchmark import make_project

    input_dir = tmp_path / "in"
    shutil.copytree(SEEDS, input_dir)
    fast = make_project(tmp_path / "fast", input_dir)
    build_site(fast, site_dir=tmp_path / "fast-site")
    cold = tree(tmp_path / "fast-site")
    build_site(fast, site_dir=tmp_path / "fast-site")  # every page from the page cache
    plain = make_project(tmp_path / "plain", input_dir)
    with (plain.parent / "digest.yml").open("a", encoding="utf-8") as settings:
        settings.write("speedups: []\n")
    build_site(plain, site_dir=tmp_path / "plain-site")
    assert tree(tmp_path / "fast-site") == cold == tree(tmp_path / "plain-site")


def test_the_speedups_turn_themselves_off_with_one_warning_on_untested_versions(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from generator.engine import speedups

    speedups.versions_tested.cache_clear()
    monkeypatch.setitem(speedups.TESTED_WITH, "mkdocs", "0.0.1")
    try:
        assert speedups.active(speedups.NAMES) == frozenset() and speedups.active(["unwritten"]) == frozenset()
        warnings = [r for r in caplog.records if r.levelname == "WARNING" and "speed-ups off" in r.getMessage()]
        assert len(warnings) == 1 and "mkdocs is 1.6.1" in warnings[0].getMessage()
    finally:
        monkeypatch.undo()
        speedups.versions_tested.cache_clear()
    assert speedups.active(["unwritten"]) == {"unwritten"}  # the tested versions, installed here
