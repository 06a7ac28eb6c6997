"""The page cache: a generated page whose Markdown did not change is neither converted nor themed again.

MkDocs converts and themes every page on every build. For digest's generated pages the converted
HTML depends only on the page's Markdown, its place in the site and the Markdown settings, so
``CachedPage`` keys the HTML, table of contents and anchors by those and reuses them on the next
build. The themed page also depends on the site around it, so its key adds a fingerprint of the
site's configuration, hand-written pages, theme overrides and package versions (``site_salt``);
a page found under that key is written through a template that prints it as it was. The search
index entries a page gave are kept under the same key: for a cached page, Material's search plugin
is told to skip it (its documented ``search: exclude`` page setting, set only while the plugin
runs) and the stored entries are added to its index in the same place, so the index comes out
byte-identical without parsing the page again. Adding one article thus converts, themes and
indexes only the pages that list it. Pages named in the navigation and pages written by hand in
``docs/`` are never cached.
Entries not used by a build are deleted after it. Like the analysis cache, the files are pickles
written by digest itself.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from .cache import prune_unused, read_pickle, write_atomically

PAGE_CACHE_VERSION = "1"
CACHED_TEMPLATE = "digest-cached.html"
"""In ``templates/theme/``: prints the stored themed page unchanged."""


@dataclass(frozen=True, slots=True)
class Rendered:
    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    """Linked file's source path -> {anchor: original link}, for MkDocs' anchor validation."""


class PageCache:
    def __init__(self, folder: Path, config: MkDocsConfig) -> None:
        self.folder = folder
        versions = [metadata.version(name) for name in ("mkdocs", "markdown", "pymdown-extensions")]
        self.salt = "\n".join([PAGE_CACHE_VERSION, *versions, repr(config["markdown_extensions"]),
                               repr(sorted((config["mdx_configs"] or {}).items(), key=lambda item: item[0])),
                               str(config["use_directory_urls"]), ""])
        self.used: set[str] = set()
        self.site_salt = ""
        self.search_entries: list | None = None
        """The search plugin's list of index entries, when its shape is the one known here."""

    def key(self, page: Page) -> str:
        text = f"{self.salt}{page.file.src_uri}\n{page.file.url}\n{page.markdown}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, key: str) -> Rendered | None:
        self.used.add(key)
        found = read_pickle(self._path(key), Rendered)
        return found if isinstance(found, Rendered) else None

    def put(self, key: str, rendered: Rendered) -> None:
        write_atomically(self._path(key), pickle.dumps(rendered, protocol=5))

    def output_key(self, page: CachedPage) -> str:
        """The themed page's key: the converted page's, the site's fingerprint, the title and meta."""
        text = f"{self.site_salt}\n{page.cache_key}\n{page.title}\n{sorted(page.meta.items())!r}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get_output(self, key: str) -> str | None:
        self.used.add(key)
        try:
            return (self.folder / f"{key}.html").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put_output(self, key: str, output: str) -> None:
        write_atomically(self.folder / f"{key}.html", output.encode("utf-8"))

    def get_search(self, key: str) -> list[dict] | None:
        try:
            found = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        return found if isinstance(found, list) and all(isinstance(e, dict) for e in found) else None

    def put_search(self, key: str, entries: list[dict]) -> None:
        write_atomically(self.folder / f"{key}.json", json.dumps(entries, ensure_ascii=False).encode("utf-8"))

    def prune(self) -> None:
        """Delete the entries this build did not use (pages that changed or went away)."""
        prune_unused(self.folder, self.used, (".pickle", ".html", ".json"))


def site_fingerprint(config: MkDocsConfig, roots: list[Path]) -> str:
    """Everything outside a generated page that its themed HTML can depend on: the MkDocs and digest
    configuration files, every file under ``roots`` (hand-written pages, theme overrides) and the
    versions of the packages that theme it."""
    digest = hashlib.sha256()
    versions = [metadata.version(name) for name in ("mkdocs", "mkdocs-material", "jinja2")]
    digest.update("\n".join([PAGE_CACHE_VERSION, *versions, ""]).encode())
    files = [Path(config.config_file_path)] if config.config_file_path else []
    for root in roots:
        files += sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else [root]
    for path in files:
        digest.update(f"{path}\n".encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


class CachedPage(Page):
    """A generated page that takes its HTML from the page cache when its Markdown is unchanged."""

    def __init__(self, file: File, config: MkDocsConfig, cache: PageCache) -> None:
        super().__init__(None, file, config)
        self.cache = cache
        self.cache_key = ""
        self.output_key = ""
        self.cached_output: str | None = None
        self.search_found: list[dict] | None = None
        self.search_start = 0
        self.search_meta: object = None

    def render(self, config: MkDocsConfig, files: Files) -> None:
        key = self.cache_key = self.cache.key(self)
        found = self.cache.get(key)
        if found is None:
            super().render(config, files)
            links = ({linked.src_uri: anchors for linked, anchors in self.links_to_anchors.items()}
                     if self.links_to_anchors is not None else None)
            found = Rendered(self.content or "", self.toc, self._title_from_render,
                             frozenset(self.present_anchor_ids or ()), links)
            self.cache.put(key, found)
            return
        self.content, self.toc, self._title_from_render = found.content, found.toc, found.title
        self.present_anchor_ids = set(found.anchors)
        if found.links_to_anchors is not None:
            self.links_to_anchors = {linked: anchors for uri, anchors in found.links_to_anchors.items()
                                     if (linked := files.get_file_from_path(uri)) is not None}

    def use_cached_output(self) -> None:
        """After conversion: when the themed page is cached, have MkDocs print it through ``CACHED_TEMPLATE``."""
        self.output_key = self.cache.output_key(self)
        self.cached_output = self.cache.get_output(self.output_key)
        if self.cached_output is not None:
            self.meta["template"] = CACHED_TEMPLATE

    def store_output(self, output: str) -> None:
        if self.cached_output is None and self.output_key:
            self.cache.put_output(self.output_key, output)

    def before_search(self) -> None:
        """Before the search plugin indexes the page: skip it when its entries are stored."""
        entries = self.cache.search_entries
        if entries is None or not self.output_key:
            return
        self.search_found = self.cache.get_search(self.output_key)
        if self.search_found is None:
            self.search_start = len(entries)
        else:
            self.search_meta = self.meta.get("search")
            self.meta["search"] = {**(self.search_meta or {}), "exclude": True}

    def after_search(self) -> None:
        """After it: add the stored entries, or store the ones it made."""
        entries = self.cache.search_entries
        if entries is None or not self.output_key:
            return
        if self.search_found is None:
            self.cache.put_search(self.output_key, entries[self.search_start:])
            return
        if self.search_meta is None:
            self.meta.pop("search", None)
        else:
            self.meta["search"] = self.search_meta
        entries.extend(self.search_found)


def search_entries(config: MkDocsConfig) -> list | None:
    """Material's search index entries, or None when the search plugin is missing or shaped otherwise."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    entries = getattr(getattr(plugin, "search_index", None), "entries", None)
    return entries if isinstance(entries, list) and type(plugin).__module__.startswith("material.") else None
