"""The Python API: build, serve and check a digest site through MkDocs (or Zensical), or write
the Markdown tree for any other tool."""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib.util
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException

from .actors.aliasfile import load_aliases
from .analyze.nlp import Preloader, Progress
from .build import Generated, SiteInfo, generate
from .config import Config, load_config
from .corpus.themes import load_taxonomy
from .engine import ENGINES, speedups
from .engine.plugin import DigestPlugin
from .engine.speedups.unwritten import Marks, unchanged_outputs
from .engine.sync import sync_tree
from .engine.tree import SITE_DIR, write_markdown_tree
from .engine.zensical import build_with_zensical
from .errors import BuildError, ConfigError, ModelError
from .ingest import ingest
from .models import Finding, Severity
from .runner import paced_collector, preload


@dataclass(frozen=True, slots=True)
class BuildReport:
    site_dir: Path
    generated: Generated
    written: int = 0
    """Files written into the site folder (new or changed)."""
    removed: int = 0
    input_dir: Path | None = None
    """The folder the articles were read from."""

    @property
    def problems(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.generated.findings if f.severity is Severity.PROBLEM)

    @property
    def notes(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.generated.findings if f.severity is Severity.NOTE)


def ending_process() -> None:
    """For a program that exits once its build is done (the command line): at exit, before the
    interpreter's last garbage collection, the objects left are frozen (``gc.freeze``), so that the
    collection skips them and the operating system takes their memory back at once instead of
    Python freeing them one by one. On ecbplus-dev a rebuild's exit took 0.25 to 0.47 s, and 0.04 to
    0.06 s this way (six runs each). Other exit handlers still run; only objects held in reference
    cycles go unfinalized, and digest's files and stores are closed by then. Registered once however
    often it is called, and only at exit, so a process that goes on building (tests calling the
    command line in process) collects as usual until it ends."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def _mkdocs_config(config_file: Path, input_dir: Path | None, dask_scheduler: str | None = None,
                   **settings: object) -> tuple[MkDocsConfig, DigestPlugin]:
    try:
        mkdocs_config = load_mkdocs_config(str(config_file), **settings)
    except MkDocsException as error:
        raise ConfigError(str(config_file), [str(error)]) from None
    plugin = mkdocs_config.plugins.get("digest")
    if not isinstance(plugin, DigestPlugin):
        raise ConfigError(str(config_file), ["Config value 'plugins': the 'digest' plugin is not enabled"])
    # Set on every call: MkDocs reuses plugin instances that define on_startup.
    plugin.overrides = ({"input": str(input_dir.resolve())} if input_dir else {}) | (
        {"dask_scheduler": dask_scheduler} if dask_scheduler else {})
    return mkdocs_config, plugin


def build_site(config_file: Path = Path("mkdocs.yml"), *, input_dir: Path | None = None,
               site_dir: Path | None = None, strict: bool = False, dask_scheduler: str | None = None,
               progress: Progress | None = None, engine: str = "mkdocs",
               preloader: Preloader | None = None) -> BuildReport:
    """Build the site; with ``strict``, any problem or MkDocs warning raises ``BuildError``;
    ``progress`` hears how the analysis of new articles goes. ``engine`` "zensical" builds the
    Markdown tree with Zensical instead (see ``build_from_tree``). ``preloader``: one the caller
    started before importing this module (``runner.preload_early``, as the command line does),
    used or ended here.

    MkDocs builds into a staging folder beside the site, skipping pages whose bytes the site
    already has; only new or changed files are then moved into the site folder, and files of
    removed pages are deleted, so a rebuild leaves unchanged pages (and their times) alone, and a
    failed build leaves the site as it was."""
    if engine not in ENGINES:
        raise ConfigError("--engine", [f"Unknown engine '{engine}': choose one of {', '.join(ENGINES)}"])
    if engine != "mkdocs":
        return build_from_tree(config_file, input_dir=input_dir, site_dir=site_dir, strict=strict,
                               dask_scheduler=dask_scheduler, progress=progress, preloader=preloader)
    mkdocs_config, plugin = _mkdocs_config(config_file, input_dir, dask_scheduler, strict=strict)
    config = _preflight(config_file, mkdocs_config, plugin)
    plugin.progress = progress
    target = (site_dir or Path(mkdocs_config.site_dir)).resolve()
    with paced_collector(), _staging_beside(target) as staging, _preloading(config, preloader) as plugin.preloader:
        mkdocs_config.site_dir = str(staging)
        plugin.published = target
        fast = "unwritten" in speedups.active(config.speedups)
        marks = Marks(config.cache_dir / "published.pickle") if fast and config.cache_dir else None
        with unchanged_outputs(staging, target, marks) if fast else contextlib.nullcontext(set()) as unchanged:
            try:
                mkdocs_build(mkdocs_config)
            except Abort as error:
                raise BuildError(f"Build failed: {error}") from None
            except MkDocsException as error:
                raise BuildError(str(error)) from None
        written, removed = sync_tree(staging, target, unchanged)
        if marks:
            marks.save(target)
        plugin.after_publish()
    assert plugin.result is not None
    return BuildReport(target, plugin.result, written, removed, config.input)


def build_from_tree(config_file: Path = Path("mkdocs.yml"), *, input_dir: Path | None = None,
                    site_dir: Path | None = None, strict: bool = False, dask_scheduler: str | None = None,
                    progress: Progress | None = None, markdown_out: Path | None = None,
                    preloader: Preloader | None = None) -> BuildReport:
    """Generate the Markdown tree; with ``markdown_out``, write it there for another tool (the
    report's ``site_dir`` is that folder); else build it with Zensical into a staging folder and
    publish that over the site folder as ``build_site`` does. ``preloader`` as for ``build_site``."""
    mkdocs_config, plugin = _mkdocs_config(config_file, input_dir, dask_scheduler, strict=strict)
    config = _preflight(config_file, mkdocs_config, plugin)
    with paced_collector(), _preloading(config, preloader) as preloader:
        generated = generate(config, SiteInfo(mkdocs_config.site_name, mkdocs_config.site_url), progress, preloader)
    if markdown_out is not None:
        _, written, removed = write_markdown_tree(mkdocs_config, generated, markdown_out)
        return BuildReport(markdown_out.resolve(), generated, written, removed, config.input)
    target = (site_dir or Path(mkdocs_config.site_dir)).resolve()
    with _staging_beside(target) as staging:
        tree, _, _ = write_markdown_tree(mkdocs_config, generated, staging)
        build_with_zensical(tree, strict)
        written, removed = sync_tree(tree.parent / SITE_DIR, target)
    return BuildReport(target, generated, written, removed, config.input)


@contextlib.contextmanager
def _preloading(config: Config, early: Preloader | None = None) -> Iterator[Preloader | None]:
    """A copy of this process loading the spaCy pipeline while the build starts (``runner.preload``;
    ``early``, one the caller started before, is used or ended), ended when the build is over if
    the analysis has not ended it before."""
    preloader = preload(config.model, config.workers, config.dask_scheduler, early)
    try:
        yield preloader
    finally:
        if preloader:
            preloader.close()


@contextlib.contextmanager
def _staging_beside(target: Path) -> Iterator[Path]:
    """A fresh folder next to the site folder (same file system, so files move in without a copy),
    removed afterwards: a failed build leaves the site as it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".digest-staging-", dir=target.parent) as staging:
        yield Path(staging)


def serve_site(config_file: Path = Path("mkdocs.yml"), *, input_dir: Path | None = None,
               dev_addr: str | None = None) -> None:
    """Live preview: MkDocs serves the site and rebuilds when an article or page changes."""
    from mkdocs.commands.serve import serve

    _mkdocs_config(config_file, input_dir)  # validates, and primes the reused plugin instance
    serve(config_file=str(config_file), **({"dev_addr": dev_addr} if dev_addr else {}))


def fetch(config_file: Path = Path("mkdocs.yml"), *, input_dir: Path | None = None,
          sources_file: Path | None = None, client=None):
    """Fetch new articles from the sources (``--sources``, else ``sources`` in digest.yml) into the
    input folder; what was fetched is remembered in ``<cache_dir>/fetch/state.json``."""
    from .fetch import fetch_sources, load_sources

    _, plugin = _mkdocs_config(config_file, input_dir)
    config = load_config(Path(config_file).parent / plugin.config.config, **plugin.overrides)
    where = sources_file or config.sources
    if where is None:
        raise ConfigError(str(config.source or config_file), [
            "Config value 'sources': no sources file; set it to an OPML file or a YAML list of feeds, "
            "or pass --sources"])
    if config.cache_dir is None:
        raise ConfigError(str(config.source or config_file), ["Config value 'cache_dir': fetch remembers what it "
                                                              "fetched there; it cannot be empty"])
    return fetch_sources(load_sources(where), config.input, config.cache_dir / "fetch" / "state.json", client)


def check(config_file: Path = Path("mkdocs.yml"), *, input_dir: Path | None = None) -> tuple[Config, list[Finding]]:
    """Validate configuration, taxonomy, model and inputs; write nothing."""
    mkdocs_config, plugin = _mkdocs_config(config_file, input_dir)
    config = _preflight(config_file, mkdocs_config, plugin)
    return config, list(ingest(config.input).findings)


def _preflight(config_file: Path, mkdocs_config: MkDocsConfig, plugin: DigestPlugin) -> Config:
    """Everything a build needs, checked before any work, so a bad setting is a ``ConfigError`` or
    ``ModelError`` (exit 2) naming its key and file: digest.yml, the taxonomy, the alias file, the
    spaCy pipeline and ``site_url``."""
    config = load_config(Path(config_file).parent / plugin.config.config, **plugin.overrides)
    load_taxonomy(config.themes)
    load_aliases(config.aliases)
    _check_model(config.model)
    if not mkdocs_config.site_url:
        raise ConfigError(str(config_file), ["Config value 'site_url': needed for the feeds' absolute links "
                                             "(for example https://you.github.io/beat/)"])
    return config


def _check_model(name: str) -> None:
    """The pipeline is an installed package or a folder; found without importing spaCy."""
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a path, or a dotted name whose parent is missing
        found = False
    if not found and not Path(name).is_dir():
        raise ModelError(f"The spaCy pipeline '{name}' is not installed. Run 'make setup', or set "
                         "'model' in digest.yml to an installed pipeline.")
