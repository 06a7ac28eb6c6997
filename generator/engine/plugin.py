"""The MkDocs plugin: hands the generated pages and files to MkDocs in memory, never on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils.yaml import yaml_load

from ..analyze.nlp import Preloader, Progress
from ..build import Generated, SiteInfo, generate
from ..config import Config, load_config
from ..errors import DigestError
from ..models import Severity
from ..publish.render import compiled_templates
from . import speedups
from .charts import cut_charts, put_back
from .speedups.leaninline import LeanInlineExtension
from .speedups.pagecache import PASSING, CachedPage, PageCache, passing_unchanged, search_entries, site_fingerprint
from .speedups.pagework import PageWork

log = get_plugin_logger("digest")

THEME_DIR = Path(__file__).resolve().parents[2] / "templates" / "theme"
STYLESHEET = "stylesheets/digest.css"
"""In ``THEME_DIR``; MkDocs copies a theme folder's files into the site."""
GENERATED_NAV = (("Latest", "index.md"), ("Stories", "stories/index.md"), ("Digests", "digests/index.md"),
                 ("Timeline", "timeline.md"), ("Actors", "actors/index.md"), ("Themes", "themes/index.md"),
                 ("Feeds", "feeds.md"))

SETTLING_PLUGINS = frozenset({"digest", "search", "material/search"})
"""With no plugin but these, a page generated as before is printed from the page cache unread
(``PageCache.settling``); with a search plugin, only when it is Material's, whose index entries the
page cache keeps (an unread page has no content for another to index)."""


class DigestPluginConfig(base.Config):
    config = c.Type(str, default="digest.yml")
    """The digest options file, relative to mkdocs.yml."""


class DigestPlugin(BasePlugin[DigestPluginConfig]):
    """Runs the digest pipeline during ``mkdocs build`` and ``mkdocs serve``."""

    def __init__(self) -> None:
        self.overrides: dict[str, Any] = {}
        self.digest_config: Config | None = None
        self.result: Generated | None = None
        self.page_cache: PageCache | None = None
        self.cached_pages: list[CachedPage] = []
        self.page_work = PageWork(enabled=False)
        self.speedups: frozenset[str] = frozenset()
        """The speed-ups in use for this build (``speedups.active``)."""
        self.command: str | None = None
        """'build', 'serve' or 'gh-deploy' from the command line; None through the Python API."""
        self.dirty = False
        self.nav = None
        self.progress: Progress | None = None
        """Told how the analysis of new articles goes (the CLI draws a progress bar with it)."""
        self.preloader: Preloader | None = None
        """Set by ``build_site`` for one build: see ``nlp.Preloader``."""
        self.published: Path | None = None
        """Set by ``build_site`` for one build: the site folder that the folder MkDocs builds into
        will replace (``PageCache.published``)."""
        self.restore_build_page: Callable[[], None] = lambda: None
        """Puts MkDocs' own page theming back after a build (``pagecache.passing_unchanged``)."""
        self.charts: dict[str, tuple[str, ...]] = {}
        """A generated page's charts, cut out of the Markdown handed to MkDocs until the page is
        themed (``charts.py``)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Also makes MkDocs keep this instance (and the loaded model) across serve rebuilds."""
        self.command, self.dirty = command, dirty

    def on_config(self, config):
        path = Path(config.config_file_path or "mkdocs.yml").parent / self.config.config
        try:
            self.digest_config = load_config(path, **self.overrides)
        except DigestError as error:
            raise PluginError(str(error)) from None
        if not config.site_url:
            raise PluginError("Config value 'site_url' in mkdocs.yml: needed for the feeds' absolute links")
        self.speedups = speedups.active(self.digest_config.speedups)
        if "lean-inline" in self.speedups and not any(
                isinstance(ext, LeanInlineExtension) for ext in config.markdown_extensions):
            config.markdown_extensions.append(LeanInlineExtension())  # same HTML, converted faster
        _adopt_theme(config)
        if config.nav is None:
            config.nav = default_nav(Path(config.docs_dir))
        return config

    def on_files(self, files: Files, config) -> Files:
        assert self.digest_config is not None
        try:
            self.result = generate(self.digest_config, SiteInfo(config.site_name, config.site_url), self.progress,
                                   self.preloader)
        except DigestError as error:
            raise PluginError(str(error)) from None
        for finding in self.result.findings:
            (log.warning if finding.severity is Severity.PROBLEM else log.info)(str(finding))
        nav_titles = _nav_titles(config.nav or [])
        self.cached_pages = []
        cache_dir = self.digest_config.cache_dir
        self.page_cache = PageCache(cache_dir / "pages", config, self.published) \
            if cache_dir and "page-cache" in self.speedups else None
        if self.page_cache:
            here = Path(config.config_file_path or "mkdocs.yml").parent
            custom = getattr(config.theme, "custom_dir", None)
            roots = [Path(config.docs_dir), THEME_DIR, *([Path(custom)] if custom else []), here / self.config.config]
            self.page_cache.site_salt = site_fingerprint(config, roots)
            self.page_cache.search_entries = search_entries(config)
            self.page_cache.settling = set(config.plugins) <= SETTLING_PLUGINS and (
                self.page_cache.search_entries is not None or not set(config.plugins) & {"search", "material/search"})
            self.page_cache.passing = (self.page_cache.settling and self.page_cache.search_entries is not None
                                       and PASSING and "unwritten" in self.speedups)
        pages = {path: cut_charts(markdown) for path, markdown in self.result.pages.items()}
        self.charts = {path: charts for path, (_, charts) in pages.items() if charts}
        for path, content in [*((path, markdown) for path, (markdown, _) in pages.items()),
                              *self.result.files.items()]:
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} has the same path as a generated page; rename it")
            file = File.generated(config, path, content=content)
            files.append(file)
            if self.page_cache and file.is_documentation_page():
                self.cached_pages.append(CachedPage(file, config, self.page_cache, nav_titles.get(path),
                                                    self.charts.get(path, ())))
        self.page_work = PageWork(enabled=bool(self.page_cache) and "page-work" in self.speedups
                                  and self.digest_config.workers >= 2
                                  and self.command != "serve" and not self.dirty)
        return files

    @event_priority(-100)  # after other plugins' changes
    def on_nav(self, nav, *, config, files):
        self.nav = nav
        self.page_work.convert_beside(self.cached_pages, config, files)
        return nav

    @event_priority(-100)
    def on_env(self, env, *, config, files):
        cache_dir = self.digest_config.cache_dir
        if cache_dir and env.bytecode_cache is None:  # the theme's templates compiled once, not every build
            env.bytecode_cache = compiled_templates(cache_dir / "templates")
        self.page_work.theme_beside(self.cached_pages, config, files, self.nav, env)
        if self.page_cache and self.page_cache.settling:
            self.restore_build_page = passing_unchanged()
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self._theme_every_page()
        self.page_work.stop()
        if self.page_cache:
            self.page_cache.store.release()

    def on_page_content(self, html, *, page, config, files):
        if isinstance(page, CachedPage):
            page.use_cached_output()
        return html

    @event_priority(100)  # before the search plugin
    def _before_search(self, context, *, page, config, nav):
        if isinstance(page, CachedPage):
            page.before_search()
        return context

    @event_priority(-100)  # after it, before the page is themed
    def _after_search(self, context, *, page, config, nav):
        if isinstance(page, CachedPage):
            page.after_search()
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    @event_priority(100)
    def on_post_page(self, output, *, page, config):
        """First of the plugins: the page cache keeps the page as the theme made it, and the charts
        are back before another plugin changes the page (a minifier drops comments)."""
        written = put_back(output, self.charts.pop(page.file.src_uri, ()))
        if isinstance(page, CachedPage):
            page.store_output(output, written)
        self.page_work.after_page(page)
        return written

    def on_post_build(self, *, config) -> None:
        self._theme_every_page()
        self.page_work.join()
        if self.page_cache:
            self.page_cache.prune()

    def after_publish(self) -> None:
        """Called once the site is published (``site.build_site``): the page cache notes how the
        pages it settled are there, so that the next build need not read them."""
        if self.page_cache:
            self.page_cache.note_published()

    def _theme_every_page(self) -> None:
        self.restore_build_page()
        self.restore_build_page = lambda: None

    def on_pre_page(self, page, *, config, files):
        # The sitemap's dates come from here; the build date keeps them reproducible.
        assert self.result is not None
        self.page_work.before_page(page)
        page.update_date = self.result.digest.build_date.isoformat()
        return page

    def on_serve(self, server, *, config, builder):
        """Rebuild when an article, digest.yml, the theme taxonomy or the alias file changes (MkDocs
        itself watches mkdocs.yml, docs_dir and the theme)."""
        assert self.digest_config is not None
        watched = [self.digest_config.input, self.digest_config.source,
                   self.digest_config.themes, self.digest_config.aliases]
        for path in watched:
            if path is not None and path.exists():
                server.watch(str(path))
        return server


def _adopt_theme(config) -> None:
    """digest's theme overrides (feed autodiscovery, cached pages) and stylesheet, under any
    ``custom_dir`` of the site's own, so a site needs no copy of them; and system fonts unless the
    site chose a font, so a page fetches nothing from elsewhere (mkdocs-material's default is a
    web font from Google)."""
    if not _sets_font(config.config_file_path):
        config.theme["font"] = False
    if str(THEME_DIR) not in config.theme.dirs:
        config.theme.dirs.insert(1 if getattr(config.theme, "custom_dir", None) else 0, str(THEME_DIR))
    if STYLESHEET not in [str(css) for css in config.extra_css]:
        config.extra_css.append(STYLESHEET)


def _sets_font(config_file: str | None) -> bool:
    theme = raw_settings(config_file).get("theme")
    return isinstance(theme, dict) and "font" in theme


def raw_settings(config_file: str | None) -> dict:
    """``mkdocs.yml`` as written (before MkDocs fills in its defaults); empty when there is none."""
    if not config_file or not Path(config_file).is_file():
        return {}
    with open(config_file, encoding="utf-8") as stream:
        return dict(yaml_load(stream) or {})


def default_nav(docs_dir: Path) -> list[dict[str, str]]:
    """The navigation of a site whose mkdocs.yml sets no ``nav``: digest's index pages, then the
    hand-written pages at the top of ``docs_dir`` (``about.md`` becomes "About")."""
    own = [] if not docs_dir.is_dir() else sorted(
        path.name for path in docs_dir.glob("*.md") if path.name != "index.md")
    return [*({title: path} for title, path in GENERATED_NAV),
            *({Path(name).stem.replace("-", " ").replace("_", " ").capitalize(): name} for name in own)]


def _nav_titles(items: list) -> dict[str, str | None]:
    """Every page path named in ``nav``, at any depth, with the title it is given there (None for
    none: MkDocs then takes the page's own)."""
    found: dict[str, str | None] = {}
    for item in items:
        title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(value, list):
            found.update(_nav_titles(value))
        elif isinstance(value, str):
            found.setdefault(value, title)
    return found

