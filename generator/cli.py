"""The command line: a thin layer over ``generator.site`` that turns errors into exit codes."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .engine import ENGINES
from .errors import DigestError

CONFIG_OPTION = click.option("-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path),
                             default=Path("mkdocs.yml"), show_default=True, help="The MkDocs configuration.")
INPUT_OPTION = click.option("--input", "input_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
                            help="Folder of articles; overrides 'input' in digest.yml.")


def _verbosity(func: Callable[..., Any]) -> Callable[..., Any]:
    @click.option("-v", "--verbose", is_flag=True, help="Also print notes and timings.")
    @click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
    @functools.wraps(func)
    def wrapper(*args: Any, verbose: bool, quiet: bool, **kwargs: Any) -> Any:
        if verbose and quiet:
            raise click.UsageError("-v/--verbose and -q/--quiet cannot be used together")
        level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
        logger = logging.getLogger("mkdocs")
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO if verbose else level)
        return func(*args, verbose=verbose, quiet=quiet, **kwargs)
    return wrapper


def _api():
    """The Python API, imported when a command runs: ``--help`` and ``--version`` stay quick."""
    from . import site

    return site


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


LISTED = 10
"""Files named in the report of a rebuild's new analyses (``-v``: all of them)."""
PROGRESS_MINIMUM = 200
"""New articles from which the analysis shows a progress bar on a terminal."""


def _analysed_again(files: tuple[str, ...], verbose: bool) -> str:
    shown = files if verbose else files[:LISTED]
    more = f", and {len(files) - len(shown)} more (-v lists them)" if len(shown) < len(files) else ""
    return f"Analysed (new or changed since the last build): {', '.join(shown)}{more}."


class ProgressBar:
    """A bar on the terminal while many new articles are analysed; nothing for a few."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_MINIMUM:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Analysing new articles", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _errors_to_exit_codes(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DigestError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(error.exit_code)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="digest")
def main() -> None:
    """digest: turn a folder of news articles into a static digest site.

    \b
    The stages of a build, each a package of generator/:
      fetch      new articles from the sources' feeds (digest fetch)
      ingest     files read, cleaned and audited; dates, titles, outlets
      analyze    spaCy: sentences, names, quotes (cached per text)
      actors     names merged into people, organisations and places
      summarize  extractive summaries of articles and stories
      corpus     stories, related articles, themes, digests by date
      publish    the Markdown tree: pages, charts, feeds, JSON export
      engine     MkDocs (or Zensical) builds the site from the tree
    """


@main.command()
@CONFIG_OPTION
@INPUT_OPTION
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), help="Where to write the site.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on any problem with an input file or MkDocs warning.")
@click.option("--dask-scheduler", help="Run the analysis on this Dask scheduler (tcp://host:8786); needs digest[dask].")
@click.option("--engine", type=click.Choice(ENGINES), default="mkdocs", show_default=True,
              help="What builds the site from the Markdown tree: MkDocs with the digest plugin, or Zensical "
                   "(needs digest[zensical]).")
@click.option("--markdown-out", type=click.Path(file_okay=False, path_type=Path),
              help="Write the Markdown tree (mkdocs.yml, docs/, overrides/) here for another tool; build no site.")
@_verbosity
@_errors_to_exit_codes
def build(config_file: Path, input_dir: Path | None, site_dir: Path | None, strict: bool,
          dask_scheduler: str | None, engine: str, markdown_out: Path | None, verbose: bool, quiet: bool) -> None:
    """Build the site from a folder of articles.

    \b
    Examples:
        digest build --input ~/beats/ukraine --site-dir public --strict
        digest build --engine zensical
        digest build --markdown-out tree    # then: cd tree && zensical build (or mkdocs build)
    """
    from .runner import preload_early

    early = preload_early()  # spaCy imported on the second core while this process imports the rest
    bar = ProgressBar() if sys.stderr.isatty() and not quiet else None
    try:
        if markdown_out is not None:
            report = _api().build_from_tree(config_file, input_dir=input_dir, strict=strict,
                                          dask_scheduler=dask_scheduler, progress=bar, markdown_out=markdown_out,
                                          preloader=early)
        else:
            report = _api().build_site(config_file, input_dir=input_dir, site_dir=site_dir, strict=strict,
                                     dask_scheduler=dask_scheduler, progress=bar, engine=engine, preloader=early)
    finally:
        if early:
            early.close()
        if bar:
            bar.close()
    _api().ending_process()
    generated = report.generated
    if verbose:
        for name, seconds in generated.seconds.items():
            click.echo(f"  {name:<12} {seconds:7.2f} s", err=True)
        click.echo(f"  {'all stages':<12} {generated.wall:7.2f} s (some two at a time)", err=True)
    from .report import removal_counts, skip_summary

    counts = removal_counts(entry.article for entry in generated.digest.entries)
    if verbose:
        for rule, count in sorted(counts.items()):
            click.echo(f"  removed {count:4} lines by rule {rule}", err=True)
        for finding in report.notes:
            click.echo(f"  note: {finding}", err=True)
    if not quiet:
        entries = len(generated.digest.entries)
        click.echo(f"Built {_count(entries, 'article')} ({generated.analysed} analysed, "
                   f"{entries - generated.analysed} from the cache), {_count(len(generated.digest.actors), 'actor')}, "
                   f"{_count(len(generated.digest.themes), 'theme')} into {report.site_dir} "
                   f"({_count(sum(counts.values()), 'residue line')} removed, {_count(len(report.notes), 'note')}, "
                   f"{_count(len(report.problems), 'problem')}; {_count(report.written, 'file')} written, "
                   f"{report.removed} removed).", err=True)
        if generated.analysed and generated.analysed < entries:
            click.echo(_analysed_again(generated.analysed_files, verbose), err=True)
    if not generated.digest.entries:
        click.echo(f"No articles found in {report.input_dir} (.txt, .md, .markdown, .html, .htm files, "
                   "sub-folders included).", err=True)
        if strict:
            sys.exit(1)
    if not quiet:
        click.echo(f"Read {skip_summary(report.problems, len(generated.digest.entries))}.", err=True)
    if strict and report.problems:
        sys.exit(1)


@main.command()
@CONFIG_OPTION
@INPUT_OPTION
@click.option("--sources", "sources_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An OPML file or a YAML list of feeds; overrides 'sources' in digest.yml.")
@click.option("--strict", is_flag=True, help="Exit 1 when a feed or a page could not be had.")
@_verbosity
@_errors_to_exit_codes
def fetch(config_file: Path, input_dir: Path | None, sources_file: Path | None, strict: bool, verbose: bool,
          quiet: bool) -> None:
    """Fetch new articles from the sources' feeds into the input folder, as Markdown files.

    \b
    Example:
        digest fetch --sources feeds.opml
    """
    report = _api().fetch(config_file, input_dir=input_dir, sources_file=sources_file)
    for finding in report.problems:
        click.echo(f"problem: {finding.path}: {finding.reason}", err=True)
    if verbose:
        for path in report.written:
            click.echo(f"  wrote {path}", err=True)
    if not quiet:
        click.echo(f"Read {_count(report.feeds, 'feed')} ({report.unchanged} unchanged, {report.failed} failed): "
                   f"{_count(report.items, 'item')}, {report.new} new ({report.from_feed} from the feed's own text), "
                   f"{report.skipped} fetched before.", err=True)
    if strict and report.problems:
        sys.exit(1)


@main.command()
@CONFIG_OPTION
@INPUT_OPTION
@click.option("-a", "--dev-addr", help="Address to serve on, IP:PORT (default 127.0.0.1:8000).")
@_verbosity
@_errors_to_exit_codes
def serve(config_file: Path, input_dir: Path | None, dev_addr: str | None, verbose: bool, quiet: bool) -> None:
    """Preview the site, rebuilding when an article, template or page changes.

    \b
    Example:
        digest serve --input seeds --dev-addr 127.0.0.1:8000
    """
    logging.getLogger("mkdocs").setLevel(logging.INFO if not quiet else logging.ERROR)
    _api().serve_site(config_file, input_dir=input_dir, dev_addr=dev_addr)


@main.command()
@CONFIG_OPTION
@INPUT_OPTION
@_verbosity
@_errors_to_exit_codes
def check(config_file: Path, input_dir: Path | None, verbose: bool, quiet: bool) -> None:
    """Validate the configuration and the input files; write nothing.

    Exits 1 when an input file has a problem, 2 when the configuration is invalid.

    \b
    Example:
        digest check --input seeds
    """
    config, findings = _api().check(config_file, input_dir=input_dir)
    problems = [f for f in findings if f.severity.value == "problem"]
    for finding in findings:
        if verbose or finding in problems:
            click.echo(f"{finding.severity.value}: {finding}")
    if not quiet:
        click.echo(f"Configuration OK; input {config.input}: {len(problems)} problems.")
    if problems:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, one record per file.")
@_errors_to_exit_codes
def inspect(files: tuple[Path, ...], as_json: bool) -> None:
    """Show how digest reads article files: title, date and its source, outlet, cleaned text,
    every removed line with the rule that removed it, problems and notes. A folder: every supported
    file inside it. Needs no model.

    \b
    Example:
        digest inspect seeds/003_f55253afa69fbce5.txt --json
    """
    from .report import as_text, expand_paths, inspect_files

    records = inspect_files(expand_paths(list(files)))
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(as_text(record) for record in records))
