"""The site as a reader sees it, in Debian's headless Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import REPO, load_json

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / "tests" / "artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log in the test output."""


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: run 'make setup' (it installs chromium and chromium-driver)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def seeds_url(seeds_site: Path) -> Iterator[str]:
    server, url = serve(seeds_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def engine_site(request: pytest.FixtureRequest) -> Iterator[tuple[str, Path, str]]:
    """(engine, site folder, address) of the seeds built by each engine."""
    site = request.getfixturevalue("seeds_site" if request.param == "mkdocs" else "zensical_site")
    server, url = serve(site)
    yield request.param, site, url
    server.shutdown()


class Watch:
    """Console errors, failed requests and dialogs of one page."""

    def __init__(self, page) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.errors.append(f"failed {r.url}"))
        page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))


def page_paths(site: Path) -> dict[str, str]:
    (story,) = load_json(site, "stories.json")[:1]
    article = load_json(site, "articles.json")[0]
    actor = load_json(site, "actors.json")[0]
    theme = load_json(site, "themes.json")[0]
    day = sorted(p.parent.name for p in (site / "digests").glob("*/index.html"))[0]
    return {"home": "", "article": article["url"], "actor": f"actors/{actor['id']}/",
            "theme": f"themes/{theme['id']}/", "story": f"stories/{story['id']}/", "digest": f"digests/{day}/",
            "feeds": "feeds/", "timeline": "timeline/"}


def test_page_types_load_cleanly_and_are_screenshotted(browser, engine_site: tuple[str, Path, str]) -> None:
    engine, site, url = engine_site
    SHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    for name, path in page_paths(site).items():
        page.goto(url + path, wait_until="networkidle")
        assert page.locator("article h1").count() == 1, name
        page.screenshot(path=str(SHOTS / (f"{name}.png" if engine == "mkdocs" else f"{engine}-{name}.png")),
                        full_page=False)
    assert watch.errors == [] and watch.dialogs == []


def test_links_lead_from_home_to_article_to_actor(browser, engine_site: tuple[str, Path, str]) -> None:
    page = browser.new_page()
    page.goto(engine_site[2], wait_until="networkidle")
    page.locator("article h3 a[href*='articles/']").first.click()
    page.wait_for_load_state("networkidle")
    assert "/articles/" in page.url and page.locator("article h2", has_text="Summary").count() == 1
    page.locator("article a[href*='/actors/']").first.click()
    page.wait_for_load_state("networkidle")
    assert "/actors/" in page.url and "mentions" in page.locator("article").inner_text()


def search(page, url: str, words: str) -> list[str]:
    page.goto(url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type(words)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    return [a.get_attribute("href") or "" for a in page.locator(".md-search-result__link").all()]


def test_search_finds_an_actor_and_a_summary_word(browser, seeds_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    assert any("actors/jens-stoltenberg" in href for href in search(page, seeds_url, "Stoltenberg"))
    assert any("/articles/" in href for href in search(page, seeds_url, "ultimatum"))


def test_light_dark_toggle(browser, engine_site: tuple[str, Path, str]) -> None:
    page = browser.new_page()
    page.emulate_media(color_scheme="light")
    page.goto(engine_site[2], wait_until="networkidle")
    scheme = lambda: page.locator("body").get_attribute("data-md-color-scheme")  # noqa: E731
    assert scheme() == "default"
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert scheme() == "slate"


def test_phone_viewport_has_no_horizontal_scroll(browser, engine_site: tuple[str, Path, str]) -> None:
    engine, site, url = engine_site
    page = browser.new_page(viewport={"width": 375, "height": 740}, is_mobile=True)
    for name, path in page_paths(site).items():
        page.goto(url + path, wait_until="networkidle")
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], (name, width)
        if name == "home" and engine == "mkdocs":
            page.screenshot(path=str(SHOTS / "home-phone.png"))


INJECTED = """() => [
    ...document.querySelectorAll('iframe, object, embed, img[onerror], [onclick], [onmouseover]'),
    ...[...document.querySelectorAll('a[href]')].filter(a => /^(javascript|data):/i.test(a.getAttribute('href'))),
    ...[...document.querySelectorAll('script')].filter(s => /alert/.test(s.textContent)),
].length"""


def test_hostile_site_runs_nothing(browser, hostile_site: Path) -> None:
    server, url = serve(hostile_site)
    try:
        page = browser.new_page()
        watch = Watch(page)
        for html_page in sorted(hostile_site.rglob("index.html")):
            page.goto(url + html_page.parent.relative_to(hostile_site).as_posix() + "/", wait_until="networkidle")
            injected = page.evaluate(INJECTED)
            assert injected == 0, html_page
        assert watch.dialogs == []
    finally:
        server.shutdown()


def test_no_serious_accessibility_violations(browser, engine_site: tuple[str, Path, str]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    _, site, url = engine_site
    axe, page = Axe(), browser.new_page()
    found = {}
    for name, path in page_paths(site).items():
        page.goto(url + path, wait_until="networkidle")
        results = axe.run(page, context={"include": [[".md-content"]]})  # digest's content, not the theme
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
                   if v["impact"] in ("serious", "critical")]
        if serious:
            found[name] = serious
    assert found == {}
