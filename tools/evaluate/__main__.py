"""``python -m tools.evaluate aliases DIR``: run digest's stages on a dev set and print scores."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from generator.config import Config
from generator.models import Actor

from . import load_corpus
from .aliases import score_aliases
from .cleaning import format_scores, ingestion_line, score_folder
from .kinds import labelled_kinds, score_kinds
from .stories import assemble_collection, has_gold_events, score_stories, story_files, unrelated_in_stories
from .story_summaries import story_summary_table
from .summaries import format_scored, format_table, summary_table


@click.group()
def main() -> None:
    """Measure digest on the development sets (see the README's Evaluation section)."""


DATASET = click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path))
DATASETS = click.argument("datasets", nargs=-1, required=True,
                          type=click.Path(exists=True, file_okay=False, path_type=Path))
MODEL = click.option("--model", default=Config().model, show_default=True, help="The spaCy pipeline.")


@main.command()
@DATASETS
@MODEL
def aliases(datasets: tuple[Path, ...], model: str) -> None:
    """Alias-pair precision and recall on each set (articles/ and gold.json with alias groups).

    \b
    Example:
        python -m tools.evaluate aliases ../shared/eval/ecbplus-dev ../shared/eval/elevant-dev
    """
    for dataset in datasets:
        corpus = load_corpus(dataset, model)
        actors = corpus.actors
        scores = score_aliases(actors.actors, dataset / "gold.json")
        click.echo(f"{dataset.name}: articles {len(corpus.ingested.articles)}  actors {len(actors.actors)}")
        click.echo(f"  alias pairs: precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
                   f"(predicted {scores.predicted}, gold {scores.gold}, correct {scores.correct})")
        _echo_kinds(dataset.name, actors.actors)


@main.command()
@DATASETS
@MODEL
def kinds(datasets: tuple[Path, ...], model: str) -> None:
    """Actor kinds against the kinds labelled by hand in tools/evaluate/kinds/ (a folder of
    articles, or a set with articles/).

    \b
    Example:
        python -m tools.evaluate kinds tests/fixtures/beats
    """
    for dataset in datasets:
        corpus = load_corpus(dataset, model)
        click.echo(f"{dataset.name}: articles {len(corpus.analyses)}")
        _echo_kinds(dataset.name, corpus.actors.actors)


def _echo_kinds(name: str, actors: tuple[Actor, ...]) -> None:
    labelled = labelled_kinds(name)
    if labelled is None:
        return
    scores = score_kinds(actors, labelled)
    click.echo(f"  kinds (labelled by hand): accuracy {scores.accuracy:.3f}  "
               f"({scores.correct} of {scores.found} found; {scores.labelled} labelled)")
    for form, ours, gold in scores.wrong:
        click.echo(f"    {form}: {ours}, labelled {gold}")


@main.command()
@DATASETS
@MODEL
@click.option("--method", "methods", multiple=True, default=(Config().summarizer, "centrality", "lead"),
              show_default=True, help="Summarizers to score (repeat the option for several).")
@click.option("--sentences", default=3, show_default=True)
def summaries(datasets: tuple[Path, ...], model: str, methods: tuple[str, ...], sentences: int) -> None:
    """ROUGE F1 of digest's summaries and of Lead-3 on each set, against the first reference and the
    mean over references, for all articles and each half.

    \b
    Example:
        python -m tools.evaluate summaries ../shared/eval/summeval-dev ../shared/eval/bbc-dev
    """
    for dataset in datasets:
        rows, count = summary_table(dataset, model, methods, sentences)
        click.echo(f"{dataset.name}: {count} articles, {sentences}-sentence summaries")
        click.echo(format_scored(rows))


@main.command()
@DATASET
def cleaning(dataset: Path) -> None:
    """Boilerplate removal on scrapinghub-dev: article snippets kept and boilerplate snippets dropped,
    for the naive page text (text/) and the HTML pages (html/); all pages, tuning half, held-out half.

    \b
    Example:
        python -m tools.evaluate cleaning ../shared/eval/scrapinghub-dev
    """
    click.echo(format_scores([score for folder in ("text", "html") for score in score_folder(dataset, folder)]))


@main.command()
@DATASETS
def ingestion(datasets: tuple[Path, ...]) -> None:
    """Files read, kept as articles and skipped (by reason) for each dev set's articles/ folder.

    \b
    Example:
        python -m tools.evaluate ingestion ../shared/eval/summeval-dev ../shared/eval/gva-dev
    """
    for dataset in datasets:
        click.echo(ingestion_line(dataset))


@main.command("story-summaries")
@DATASET
@MODEL
def story_summaries(dataset: Path, model: str) -> None:
    """ROUGE of ~100-word story summaries against the headlines of each ECB+ event group, beside
    LexRank over the group's pooled sentences and the articles' leads.

    \b
    Example:
        python -m tools.evaluate story-summaries ../shared/eval/ecbplus-dev
    """
    rows, count = story_summary_table(load_corpus(dataset, model))
    click.echo(f"{count} event groups, about 100 words each, against the groups' headlines")
    click.echo(format_table(rows))


def _collection_sets(_context: click.Context, _parameter: click.Parameter,
                     values: tuple[str, ...]) -> tuple[list[Path], ...]:
    """Each ``--collection`` as its folders, all checked before the first set is read."""
    collections = tuple([Path(part) for part in value.split(",") if part] for value in values)
    missing = [str(path) for sets in collections for path in sets if not path.is_dir()]
    if missing:
        raise click.BadParameter(f"no such folder: {', '.join(missing)}")
    return collections


@main.command()
@DATASETS
@MODEL
@click.option("--collection", "collections", multiple=True, metavar="DIR,DIR...", callback=_collection_sets,
              help="Sets assembled into one collection (repeatable): the sets with gold events keep "
                   "them, every article of the others is an event of its own.")
def stories(datasets: tuple[Path, ...], model: str, collections: tuple[list[Path], ...]) -> None:
    """Pairwise precision, recall and F1 (and B-cubed F1) of stories against the gold events of each
    set, beside plain TF-IDF cosine with average linkage at 0.20; then the same on each assembled
    collection, with how many of its lone articles ended up in a story.

    \b
    Example:
        python -m tools.evaluate stories ../shared/eval/ecbplus-dev ../shared/eval/gva-dev \\
            --collection ../shared/eval/gva-dev,../shared/eval/bbc-dev
    """
    for dataset in datasets:
        _echo_stories(load_corpus(dataset, model), dataset.name)
    for sets in collections:
        story_sets = [path for path in sets if has_gold_events(path)]
        lone_sets = [path for path in sets if path not in story_sets]
        with tempfile.TemporaryDirectory() as scratch:
            folder = assemble_collection(story_sets, lone_sets, Path(scratch) / "collection")
            names = " + ".join(path.name for path in sets)
            _echo_stories(load_corpus(folder, model), f"assembled ({names})", with_unrelated=True)


def _echo_stories(corpus, name: str, with_unrelated: bool = False) -> None:
    click.echo(f"{name}: {len(corpus.ingested.articles)} articles")
    for label, baseline in (("digest", False), ("TF-IDF, average link 0.20", True)):
        found = story_files(corpus, baseline)
        scores = score_stories(found, corpus.folder / "gold.json")
        line = (f"  {label:<26} stories {len(found):4}  pairs: precision {scores.precision:.3f}  "
                f"recall {scores.recall:.3f}  F1 {scores.f1:.3f}  B-cubed F1 {scores.bcubed_f1:.3f}")
        if with_unrelated:
            holding, unrelated = unrelated_in_stories(found, corpus.folder / "gold.json")
            line += f"  unrelated articles in stories {unrelated} (in {holding} stories)"
        click.echo(line)

main()
