"""The page cache: a generated page whose Markdown did not change is neither converted nor themed again.

MkDocs converts and themes every page on every build. For digest's generated pages the converted
HTML depends only on the page's Markdown, its place in the site and the Markdown settings, so
``CachedPage`` keys the HTML, table of contents and anchors by those and reuses them on the next
build. The themed page also depends on the site around it, so it is kept with its own key, which
adds a fingerprint of the site's configuration, hand-written pages, theme overrides and package
versions (``site_salt``); a page whose themed key matches is written through a template that
prints it as it was. The search index entries a page gave are kept with it: for a cached page,
Material's search plugin is told to skip it (its documented ``search: exclude`` page setting, set
only while the plugin runs) and the stored entries are added to its index in the same place, so
the index comes out byte-identical without parsing the page again. They are stored as the index
prints them, and printed into it as they are (``splicing``), never read back into dictionaries.
Adding one article thus converts, themes and indexes only the pages that list it. Pages written by hand in ``docs/`` are
never cached; a generated page named in the navigation is, with the title the navigation gives it.

A page generated exactly as in the build that themed it (the same Markdown, place and site) is
not even read: ``Settled`` records, by the generated Markdown (``PageCache.settled_key``), where
its themed page is, its anchors, links and search entries, and a hash of the page as it was
written; ``CachedPage`` hands MkDocs an empty page that its events pass over, takes the anchors
and links from that record and prints the page: the published site's own copy when its bytes
hash as recorded (and its charts are the same), else the stored themed page. A rebuild thus
reads neither the converted nor the themed HTML of the thousands of pages that did not change
(350 MB of records at 5,000 articles). A page printed from the published copy is not themed at
all (``passing_unchanged``): its stored search entries join the index and its bytes are written as
they are, without MkDocs' context, page events and template. Only with no plugin but digest's and the search plugin
(``PageCache.settling``).

Each page is one record (a pickled ``Entry``) in ``generator/store.py``'s SQLite file, written after
MkDocs themed it (and, for a page a forked child converted, once before, to hand it over; see
``pagework.py``), 500 to a transaction: a first build's commit per record cost more than storing it,
and no process reads another's records before that one has ended and flushed them. Records not
used by a build are deleted after it. Like the analysis cache, the
records are pickles written by digest itself.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils.meta import YAML_RE, get_data

from ...analyze.cache import prune_unused, unpickled
from ...store import Store
from .unwritten import Mark, keep_in_place, mark_of, sha256_of

PAGE_CACHE_VERSION = "5"
PASSING = hasattr(mkdocs_build, "_build_page")
"""Whether MkDocs themes each page through the function ``passing_unchanged`` swaps (else every
page is themed, as usual)."""
CACHED_TEMPLATE = "digest-cached.html"
"""In ``templates/theme/``: prints the stored themed page unchanged."""
MARKS_KEY = "published-marks"
"""The record of ``PageCache.marks``, beside the pages' records."""


@dataclass(frozen=True, slots=True)
class Rendered:
    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    """Linked file's source path -> {anchor: original link}, for MkDocs' anchor validation."""


@dataclass(frozen=True, slots=True)
class Themed:
    key: str
    """``PageCache.output_key``: what the themed page depends on besides its converted Markdown."""
    html: str
    search: str | None
    """The search index entries the page gave, as the index prints them (``search_json``), or None
    when the search plugin was not there."""


@dataclass(frozen=True, slots=True)
class Settled:
    """What a generated page gave, by the page as generated (see ``PageCache.settled_key``): where
    its themed HTML is, what MkDocs and the search index need of it, and the page as written."""

    cache_key: str
    output_key: str
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    search: str | None
    """As ``Themed.search``."""
    written: str
    """The SHA-256 of the page's bytes as written, charts and all."""
    charts: str
    """The SHA-256 of the charts put back into it (``charts.put_back``)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One page's record: converted, and (once MkDocs has themed it) themed."""

    rendered: Rendered
    themed: Themed | None = None


class PageCache:
    def __init__(self, folder: Path, config: MkDocsConfig, published: Path | None = None) -> None:
        self.folder = folder
        self.published = published
        """The site folder this build's pages will replace (MkDocs writes to a staging folder):
        a settled page is printed from its copy there when that is the page as last written."""
        self.store = Store(folder / "pages.sqlite", "the page cache")
        versions = [metadata.version(name) for name in ("mkdocs", "markdown", "pymdown-extensions")]
        self.salt = "\n".join([PAGE_CACHE_VERSION, *versions, repr(config["markdown_extensions"]),
                               repr(sorted((config["mdx_configs"] or {}).items(), key=lambda item: item[0])),
                               str(config["use_directory_urls"]), ""])
        self.used: set[str] = set()
        self.site_salt = ""
        self.search_entries: list | None = None
        """The search plugin's list of index entries, when its shape is the one known here."""
        self.settling = False
        """Whether a page the site has already, themed from the same generated Markdown, skips
        MkDocs' reading and converting (``CachedPage.read_source``): only when no plugin but
        digest's and the search plugin sees the pages, as another could change them on the way."""
        self.passing = False
        """Whether a settled page the published site has as written may be left there unread
        (``CachedPage.pass_unchanged``): set while settling, with Material's search entries known,
        MkDocs' ``_build_page`` to swap, and the ``unwritten`` speed-up publishing."""
        self.marks_before: dict[str, tuple[Mark, str]] | None = None
        self.marks: dict[str, tuple[Mark, str]] = {}
        """Published file's place -> (its ``Mark``, the SHA-256 of its bytes), for the files this
        build found or wrote; the last build's are ``marks_before``."""
        self.fresh: dict[str, str] = {}
        """Place -> SHA-256 of each settled page this build themed, marked once published."""

    def key(self, page: Page, markdown: str | None = None) -> str:
        """The converted page's key: its Markdown (``page.markdown`` unless given), place and settings."""
        text = f"{self.salt}{page.file.src_uri}\n{page.file.url}\n{page.markdown if markdown is None else markdown}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, key: str) -> Entry | None:
        found = self._record(key)
        return found if isinstance(found, Entry) else None

    def keep(self, key: str) -> None:
        """Keep the record at ``key`` past this build, unread."""
        self.used.add(key)

    def _record(self, key: str) -> object:
        """The unpickled record at ``key`` (None when absent or unreadable), kept past this build."""
        self.used.add(key)
        return unpickled(self.store.get(key), object)

    def put(self, key: str, entry: Entry) -> None:
        """Stored with others (``Store.add``): a forked page worker's records are flushed as it
        ends, before this process reads them; this process's own, by ``prune``."""
        self.store.add(key, pickle.dumps(entry, protocol=5))

    def has(self, key: str) -> bool:
        return self.store.has(key)

    def forget(self, key: str) -> None:
        self.store.forget(key)

    def settled_key(self, file: File) -> str:
        """What a page's themed HTML follows from, known before MkDocs reads the page: the
        generated Markdown as handed to MkDocs, its place, the Markdown settings and the site's
        fingerprint. Its title, front matter and converted Markdown all follow from these."""
        text = f"settled\n{self.salt}{self.site_salt}\n{file.src_uri}\n{file.url}\n{file.content_string}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def settled(self, key: str) -> Settled | None:
        found = self._record(key)
        return found if isinstance(found, Settled) else None

    def put_settled(self, key: str, settled: Settled) -> None:
        self.store.add(key, pickle.dumps(settled, protocol=5))

    def as_published(self, file: File, settled: Settled, charts: str) -> bytes | None:
        """The page as the published site has it, when those are the bytes ``settled`` recorded
        and its charts are ``charts`` still; else None."""
        if self.published is None or settled.charts != charts:
            return None
        try:
            mark = mark_of(os.stat(path := self.published / file.dest_uri))
            data = path.read_bytes()
        except OSError:
            return None
        if sha256_of(data) != settled.written:
            return None
        self.marks[file.dest_uri] = (mark, settled.written)
        return data

    def in_published(self, file: File, settled: Settled, charts: str) -> bool:
        """Whether the published site has the page as ``settled`` recorded it (and its charts are
        ``charts`` still), known without reading it when the file's ``Mark`` is the one it had
        when this cache last read or wrote those bytes: as git trusts a file whose ``stat`` is
        unchanged. Editing, replacing or copying a file changes its change time, which nothing
        can set back, so an edited page is read, found changed and written again as built."""
        if self.published is None or settled.charts != charts:
            return False
        try:
            mark = mark_of(os.stat(self.published / file.dest_uri))
        except OSError:
            return False
        if self.marks_before is None:
            self.marks_before = unpickled(self.store.get(MARKS_KEY), dict) or {}
        if self.marks_before.get(file.dest_uri) == (mark, settled.written):
            self.marks[file.dest_uri] = (mark, settled.written)
            return True
        return self.as_published(file, settled, charts) is not None

    def note_published(self) -> None:
        """After the site is published: mark the settled pages this build themed as they are
        there now, and keep every mark for the next build."""
        if self.published is None or not (self.marks or self.fresh):
            return
        for place, sha in self.fresh.items():
            try:
                self.marks[place] = (mark_of(os.stat(self.published / place)), sha)
            except OSError:
                continue
        self.store.put(MARKS_KEY, pickle.dumps(self.marks, protocol=5))
        self.store.release()

    def output_key(self, page: CachedPage) -> str:
        """The themed page's key: the converted page's, the site's fingerprint, the title and meta."""
        text = f"{self.site_salt}\n{page.cache_key}\n{page.title}\n{sorted(page.meta.items())!r}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def prune(self) -> None:
        """Delete the entries this build did not use (pages that changed or went away)."""
        self.store.keep_only(self.used | {MARKS_KEY})
        self.store.release()
        prune_unused(self.folder, set(), (".pickle", ".html", ".json"))  # files of earlier versions


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
    """A generated page that takes its HTML from the page cache when its Markdown is unchanged.
    ``charts``: those cut out of its Markdown, put back into the themed page (``charts.py``)."""

    def __init__(self, file: File, config: MkDocsConfig, cache: PageCache, title: str | None = None,
                 charts: tuple[str, ...] = ()) -> None:
        super().__init__(title, file, config)  # a page in the navigation has the title it is given there
        self.cache = cache
        self.charts = sha256_of("\n".join(charts).encode("utf-8"))
        self.found: Settled | None = None
        self.cache_key = ""
        self.output_key = ""
        self.entry: Entry | None = None
        self.cached_output: str | None = None
        self.search_found: str | None = None
        self.search_made: str | None = None
        self.search_start = 0
        self.search_meta: object = None
        self.settled_key = ""
        self.settled = False
        """Read from the page cache without reading or converting its Markdown (``read_source``)."""
        self.published_copy: bytes | None = None
        """A settled page as the published site has it, charts and all, when it is as written."""
        self.in_site = False
        """A settled page the published site has as written, left there unread (``pass_unchanged``)."""

    def _set_canonical_url(self, base: str | None) -> None:
        """MkDocs' ``urljoin`` of the site's address and the page's, for the plain addresses of
        generated pages ("actors/jane-doe/"): the same two strings, without parsing the site's
        address again for each of thousands of pages; any other address goes MkDocs' way."""
        found = joined_address(base, self.url) if base else None
        if found is None:
            super()._set_canonical_url(base)
        else:
            self.canonical_url, self.abs_url = found

    def probably_converted(self) -> bool:
        """Whether the cache holds this page converted, judged before MkDocs reads it (assuming no
        plugin changes its Markdown): only to decide whether converting it elsewhere is worth it.
        A page settled in an earlier build was converted then: its settled key, worked out here,
        is the one ``read_source`` looks up next (one hash of the page, not two)."""
        if self.cache.settling and self.cache.has(self._settled_key()):
            return True
        return self.cache.has(self.cache.key(self, _body(self.file.content_string)))

    def _settled_key(self) -> str:
        if not self.settled_key:
            self.settled_key = self.cache.settled_key(self.file)
        return self.settled_key

    def read_source(self, config: MkDocsConfig) -> None:
        """A page generated as in a build whose themed page the cache holds is not read: its
        Markdown stays empty, MkDocs' events pass over it in no time, and ``render`` takes the rest
        from the cache. Any other page is read as MkDocs reads it."""
        if self.cache.settling:
            found = self.cache.settled(self._settled_key())
            if found is not None and self._printable(found):
                self.found, self.cache_key, self.output_key = found, found.cache_key, found.output_key
                self.settled = True
                self.markdown, self.meta = "", ({} if found.title is None else {"title": found.title})
                return
        super().read_source(config)

    def _printable(self, found: Settled) -> bool:
        """Whether the settled page can be printed unconverted: from the published site (then the
        themed page stored is kept unread) or from the page cache."""
        self.cache.keep(found.cache_key)
        if self.cache.passing and found.search is not None:  # left in the site, unread when its mark says so
            self.in_site = self.cache.in_published(self.file, found, self.charts)
            if self.in_site:
                return True
        else:
            self.published_copy = self.cache.as_published(self.file, found, self.charts)
            if self.published_copy is not None:
                return True
        self.entry = self.cache.get(found.cache_key)
        return self.entry is not None and self.entry.themed is not None and self.entry.themed.key == found.output_key

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.settled:
            assert self.found is not None
            self._title_from_render = self.found.title
            self._take_anchors(self.found.anchors, self.found.links_to_anchors, files)
            self.content = ""  # printed from the cache; nothing reads it, and the search plugin skips the page
            return
        key = self.cache_key = self.cache.key(self)
        self.entry = self.cache.get(key)
        if self.entry is None:
            super().render(config, files)
            links = ({linked.src_uri: anchors for linked, anchors in self.links_to_anchors.items()}
                     if self.links_to_anchors is not None else None)
            self.entry = Entry(Rendered(self.content or "", self.toc, self._title_from_render,
                                        frozenset(self.present_anchor_ids or ()), links))
            return
        self._take_rendered(self.entry.rendered, files)

    def _take_rendered(self, found: Rendered, files: Files) -> None:
        self.content, self.toc, self._title_from_render = found.content, found.toc, found.title
        self._take_anchors(found.anchors, found.links_to_anchors, files)

    def _take_anchors(self, anchors: frozenset[str], links: dict[str, dict[str, str]] | None, files: Files) -> None:
        self.present_anchor_ids = set(anchors)
        if links is not None:
            self.links_to_anchors = {linked: anchors for uri, anchors in links.items()
                                     if (linked := files.get_file_from_path(uri)) is not None}

    def keep_converted(self) -> None:
        """Store the page as converted so far (for a build process that will theme it)."""
        if self.entry is not None and self.entry.themed is None:
            self.cache.put(self.cache_key, self.entry)

    def use_cached_output(self) -> None:
        """After conversion: when the themed page is cached, have MkDocs print it through
        ``CACHED_TEMPLATE``; a settled page as published, if it is there as written, else as
        stored."""
        if self.settled and (self.in_site or self.published_copy is not None):
            assert self.found is not None
            self.search_found = self.found.search
            if not self.unchanged_in_site():  # MkDocs prints it through the template
                assert self.published_copy is not None
                self.cached_output = self.published_copy.decode("utf-8")
                self.meta["template"] = CACHED_TEMPLATE
            return
        if not self.settled:
            self.output_key = self.cache.output_key(self)
        themed = self.entry.themed if self.entry is not None else None
        if themed is not None and themed.key == self.output_key:
            self.cached_output, self.search_found = themed.html, themed.search
            self.meta["template"] = CACHED_TEMPLATE

    def reload(self) -> None:
        """Take the record again from the cache, where another process may have themed the page."""
        if self.cache_key and self.cached_output is None and self.entry is not None:
            found = self.cache.get(self.cache_key)
            if found is not None and found.themed is not None:
                self.entry = Entry(self.entry.rendered, found.themed)  # the converted page is here already
            self.use_cached_output()

    def unchanged_in_site(self) -> bool:
        """Printed from the published site's own copy (charts and all), its search entries stored:
        theming it would print those bytes again and index it from the record."""
        return self.in_site or (self.published_copy is not None and self.found is not None
                                and self.found.search is not None and self.cache.search_entries is not None
                                and PASSING)

    def pass_unchanged(self) -> None:
        """What MkDocs' theming of a page ``unchanged_in_site`` comes to: its stored search entries
        join the index where the search plugin would have put them, and the site keeps its file
        (``unwritten.keep_in_place``), or its bytes go to MkDocs' ``write_file``."""
        assert self.found is not None and self.found.search is not None and self.cache.search_entries is not None
        add_entries(self.cache.search_entries, self.found.search)
        if not (self.in_site and keep_in_place(self.file.abs_dest_path)):
            copy = self.published_copy
            if copy is None:  # in the site as written (its mark said so), though not kept in place
                assert self.cache.published is not None
                copy = (self.cache.published / self.file.dest_uri).read_bytes()
            mkdocs_utils.write_file(copy, self.file.abs_dest_path)
        self._let_go()

    def needs_theming(self) -> bool:
        """Whether MkDocs makes this page's themed HTML (not printed from the cache or the site)."""
        return bool(self.output_key) and self.cached_output is None and self.published_copy is None and not self.in_site

    def store_output(self, output: str, written: str) -> None:
        """After MkDocs themed the page (``output``, and ``written`` with its charts): keep it,
        unless it came from the cache, and what a later build needs of it without reading it;
        then let it go, with its Markdown and converted HTML. Nothing of MkDocs reads them once
        the page is written (the sitemap is made before the pages, the search plugin reads a page
        before it is themed, anchors are checked from ``present_anchor_ids``), and holding them
        for every page took hundreds of megabytes at 10,000 articles."""
        if self.cached_output is None and self.output_key and self.entry is not None:
            themed = Themed(self.output_key, output, self.search_made)
            self.cache.put(self.cache_key, Entry(self.entry.rendered, themed))
        if self.settled_key and self.output_key and self.entry is not None:
            settled = self._settled(written)
            self.cache.put_settled(self.settled_key, settled)
            self.cache.fresh[self.file.dest_uri] = settled.written
        self._let_go()

    def _let_go(self) -> None:
        self.entry, self.cached_output, self.search_found, self.search_made = None, None, None, None
        self.markdown, self.content, self.found, self.published_copy = None, None, None, None

    def _settled(self, written: str) -> Settled:
        assert self.entry is not None
        rendered = self.entry.rendered
        search = self.search_found if self.search_found is not None else self.search_made
        page = written.encode("utf-8", errors="xmlcharrefreplace")  # as MkDocs writes it
        return Settled(self.cache_key, self.output_key, self.title, rendered.anchors, rendered.links_to_anchors,
                       search, sha256_of(page), self.charts)

    def before_search(self) -> None:
        """Before the search plugin indexes the page: skip it when its entries are stored."""
        entries = self.cache.search_entries
        if entries is None or not self.output_key:
            return
        if self.cached_output is None or self.search_found is None:
            self.search_start = len(entries)
            self.search_found = None
        else:
            self.search_meta = self.meta.get("search")
            self.meta["search"] = {**(self.search_meta or {}), "exclude": True}

    def after_search(self) -> None:
        """After it: add the stored entries, or keep the ones it made for the cache."""
        entries = self.cache.search_entries
        if entries is None or not self.output_key:
            return
        if self.search_found is None:
            self.search_made = search_json(entries[self.search_start:])
            return
        if self.search_meta is None:
            self.meta.pop("search", None)
        else:
            self.meta["search"] = self.search_meta
        add_entries(entries, self.search_found)


def passing_unchanged() -> Callable[[], None]:
    """From now until the returned function is called, MkDocs themes each page through a function
    that hands a page ``unchanged_in_site`` to ``CachedPage.pass_unchanged`` instead of making its
    context, running the page events and printing it through a template: the same bytes and search
    index, without MkDocs' per-page work (most of the MkDocs stage of a rebuild, where nearly every
    page is unchanged). Only while the page cache settles pages, so no other plugin waits for those
    events. MkDocs' build calls ``_build_page`` by name for each page; this swaps it."""
    if not PASSING:
        return lambda: None
    plain = mkdocs_build._build_page

    def build_page(page: Page, config: MkDocsConfig, doc_files: object, nav: object, env: object,
                   dirty: bool = False, excluded: bool = False) -> None:
        if not excluded and isinstance(page, CachedPage) and page.unchanged_in_site():
            page.pass_unchanged()
        else:
            plain(page, config, doc_files, nav, env, dirty, excluded=excluded)

    mkdocs_build._build_page = build_page

    def restore() -> None:
        mkdocs_build._build_page = plain

    return restore


_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~/-]*")


def joined_address(base: str, url: str) -> tuple[str, str] | None:
    """``urljoin(base, url)`` and its path, as MkDocs' ``Page._set_canonical_url`` makes them, for
    a relative address of plain path characters with no empty, "." or ".." part; else None."""
    site = _site_address(base)
    if site is None or not _PLAIN_ADDRESS.fullmatch(url) or "//" in url or any(
            part in (".", "..") for part in url.split("/")):
        return None
    return site[0] + url, site[1] + url


@functools.lru_cache(maxsize=8)
def _site_address(base: str) -> tuple[str, str] | None:
    """The site's address ending in "/", and its path; None for one that a plain name is not
    simply added to."""
    base = base if base.endswith("/") else base + "/"
    parts = urlsplit(base)
    if not (parts.scheme and parts.netloc) or urljoin(base, "page/") != base + "page/" or \
            urlsplit(base + "page/").path != parts.path + "page/":
        return None  # joining a plain name does more than add it (a query, "." parts)
    return base, parts.path


def _body(source: str) -> str:
    """The Markdown after its front matter, as ``get_data`` would leave it when the front matter is
    a mapping (digest's always is), without parsing the YAML: a guess's input, so a page that is
    not like that is at worst converted twice."""
    found = YAML_RE.match(source)
    return source[found.end():].lstrip("\n") if found else get_data(source)[0]


def search_entries(config: MkDocsConfig) -> list | None:
    """Material's search index entries, or None when the search plugin is missing or shaped
    otherwise. The index is then printed with the stored entries spliced in (``splicing``)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    entries = getattr(index, "entries", None)
    if not isinstance(entries, list) or not type(plugin).__module__.startswith("material.") \
            or not callable(getattr(index, "generate_search_index", None)):
        return None
    splicing(index)
    return entries


SEARCH_JSON = {"separators": (",", ":"), "default": str}
"""How Material's search plugin prints its index (``SearchIndex.generate_search_index``)."""
SEARCH_SETTINGS = ("lang", "separator", "pipeline", "fields")
"""The plugin's settings its index starts with, in that order."""


class Entries(str):
    """A page's search index entries as the index prints them (``search_json``), standing in the
    plugin's list of entries for the entries themselves."""


def search_json(entries: list[dict]) -> str:
    """Index entries as the index prints them, one after the other: each entry printed alone with
    the index's settings, joined by commas, is the index's list printed whole without its brackets."""
    return ",".join(json.dumps(entry, **SEARCH_JSON) for entry in entries)


def add_entries(entries: list, printed: str) -> None:
    if printed:  # a page left out of the search gave none
        entries.append(Entries(printed))


def splicing(index: object) -> None:
    """Have Material's search index printed with the stored entries of unchanged pages spliced in
    as they were printed, not read back into dictionaries and printed again (at 5,000 articles, 60 MB
    of entries: 0.5 s to unpickle, 0.3 s to print). The same bytes as the plugin prints (tested)."""
    plain = index.generate_search_index  # type: ignore[attr-defined]

    def generate_search_index(prev: object) -> str:
        entries = index.entries  # type: ignore[attr-defined]
        if not any(isinstance(entry, Entries) for entry in entries):
            return plain(prev)
        if prev is not None:  # a live reload's index, merged with the last one's entries: the plugin's way
            index.entries = [item for entry in entries  # type: ignore[attr-defined]
                             for item in (json.loads(f"[{entry}]") if isinstance(entry, Entries) else [entry])]
            return plain(prev)
        settings = {key: index.config[key] for key in SEARCH_SETTINGS}  # type: ignore[attr-defined]
        head = json.dumps({"config": settings, "docs": []}, **SEARCH_JSON)
        docs = ",".join(entry if isinstance(entry, Entries) else json.dumps(entry, **SEARCH_JSON) for entry in entries)
        return f"{head[:-2]}{docs}]}}"

    index.generate_search_index = generate_search_index  # type: ignore[attr-defined]
