"""Timed builds, plain spaCy on the same texts, and peak memory."""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import click

from generator.analyze.nlp import load_pipeline, split_parts
from generator.ingest import ingest

REPO = Path(__file__).resolve().parents[2]
SIDE_BY_SIDE = ("names", "mentions", "actors", "summarize", "related", "clusters", "themes", "stories", "render",
                "feeds", "data")
"""Stages run beside another (``runner.Runner``), with their second parts (" 2/2")."""
WORKERS = 2


def make_project(project: Path, input_dir: Path, workers: int = WORKERS) -> Path:
    """A site folder using this repository's pages, templates and settings, reading ``input_dir``,
    with its own cache and ``workers`` processes; returns its ``mkdocs.yml``."""
    project.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "templates"):
        (project / name).symlink_to(REPO / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "digest.yml").write_text(f"input: {input_dir}\ncache_dir: {project / 'cache'}\nworkers: {workers}\n")
    return project / "mkdocs.yml"


def plain_spacy(folder: Path, model: str, processes: int = WORKERS) -> tuple[float, int]:
    """(seconds, words) of plain ``nlp.pipe`` over the texts digest would analyse in ``folder``:
    the same pipeline and components (``load_pipeline``), the same parts of long articles, the same
    number of processes. The pipeline is loaded before the clock starts."""
    texts = [part.text for article in ingest(folder).articles for part in split_parts(article)]
    nlp = load_pipeline(model)
    list(nlp.pipe(texts[:2]))  # first call allocates; not part of the figure
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=processes):
        pass
    return time.perf_counter() - started, sum(len(t.split()) for t in texts)


@dataclass(frozen=True)
class Timed:
    total: float
    """Wall seconds of the whole build process, from its start to its exit."""
    stages: dict[str, float]
    generate: float
    """Wall seconds of digest's own stages; some run side by side, so their sum can be larger."""
    build: float
    """Wall seconds of ``build_site``: the stages, MkDocs and publishing into the site folder."""
    pages: int
    written: int
    """Files written into the site folder (new or changed)."""

    @property
    def mkdocs(self) -> float:
        return self.build - self.generate

    @property
    def outside(self) -> float:
        """Start-up (imports, configuration) and exit."""
        return self.total - self.build


BUILD_PEAKS: list[float] = []
"""Peak memory (MB) of every timed build's process and of its largest worker or forked child."""


def timed_build(config: Path, site: Path) -> Timed:
    """One ``build_site`` in a fresh process (``one_build.py``), as a user's ``digest build`` runs."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tools.benchmark.one_build", str(config), str(site)],
                          cwd=REPO, capture_output=True, text=True)
    total = time.perf_counter() - started
    if done.returncode != 0:
        raise click.ClickException(f"the build failed:\n{done.stderr[-3000:]}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    BUILD_PEAKS.extend(found["memory"])
    return Timed(total, found["stages"], found["generate"], found["build"], found["pages"], found["written"])


def print_stages(timed: Timed) -> None:
    for stage, seconds in timed.stages.items():
        note = " (side by side)" if stage.removesuffix(" 2/2") in SIDE_BY_SIDE else ""
        click.echo(f"  {stage:<13} {seconds:7.2f} s{note}")
    click.echo(f"  {'mkdocs':<13} {timed.mkdocs:7.2f} s")
    click.echo(f"  {'start, exit':<13} {timed.outside:7.2f} s (imports, configuration, exit)")


def print_memory() -> None:
    spacy = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    click.echo(f"peak memory: {max(BUILD_PEAKS, default=0):,.0f} MB (largest process of the builds: the build, "
               f"its workers, its forked child; a fork shares its parent's pages until either writes them), "
               f"{spacy:,.0f} MB (this process: plain spaCy, when measured)")


ADD_ONE = 3
"""Rebuilds timed after adding one article each; the median is reported (a shared machine's timings
vary by a tenth from run to run)."""
ADD_TEN = 10
HELD_BACK = ADD_ONE + ADD_TEN


def follow_changes(root: Path, articles: Path, pending: list[Path], model: str) -> None:
    """The figures of one corpus: plain spaCy against the cold build of ``articles``, stage by
    stage, then rebuilds after moving in one of ``pending`` (``ADD_ONE`` times) and then ten more."""
    raw, words = plain_spacy(articles, model)
    config = make_project(root / "project", articles)
    site = root / "project" / "site"
    cold = timed_build(config, site)
    click.echo(f"plain nlp.pipe ({WORKERS} processes, {words:,} words): {raw:.1f} s")
    click.echo(f"cold build: {cold.total:.1f} s ({cold.total / raw:.2f} x plain spaCy), {cold.pages} pages, "
               f"{cold.written} files written")
    print_stages(cold)
    ones = []
    for path in pending[:ADD_ONE]:
        shutil.move(path, articles / path.name)
        ones.append(timed_build(config, site))
    one = sorted(ones, key=lambda t: t.total)[len(ones) // 2]
    click.echo(f"rebuild after adding one article (median of {len(ones)}, each adding one more): {one.total:.1f} s "
               f"({100 * one.total / cold.total:.1f}% of cold), {one.written} files written; all: "
               + ", ".join(f"{t.total:.1f}" for t in ones))
    print_stages(one)
    for path in pending[ADD_ONE:HELD_BACK]:
        shutil.move(path, articles / path.name)
    ten = timed_build(config, site)
    click.echo(f"rebuild after adding ten articles: {ten.total:.1f} s ({100 * ten.total / cold.total:.1f}% of cold), "
               f"{ten.written} files written")
    print_stages(ten)


def hold_back(folder: Path, target: Path, pending: Path) -> list[Path]:
    """Copy the files of ``folder`` into ``target``, except ``HELD_BACK`` spread evenly through the
    sorted list, which go to ``pending`` (returned in that order) to be added one by one."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    step = max(len(files) // (HELD_BACK + 1), 1)
    held = set(files[step::step][:HELD_BACK]) if len(files) > 2 * HELD_BACK else set()
    target.mkdir(parents=True)
    pending.mkdir(parents=True)
    out = []
    for path in files:
        name = "__".join(path.relative_to(folder).parts)
        shutil.copy(path, (pending if path in held else target) / name)
        if path in held:
            out.append(pending / name)
    return out
