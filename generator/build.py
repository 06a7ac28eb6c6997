"""The pipeline's table of contents: every stage, in order, from input folder to site files."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial

from .actors.aliasfile import AliasSpec, load_aliases
from .actors.firstpass import FirstPass
from .actors.index import (
    ActorIndex,
    actors_from,
    corpus_mentions,
    corpus_names,
    own_headlines,
    prune_second_pass,
    tagged_mentions,
)
from .actors.mentions import KnownNames, NameMention, collect_mentions
from .actors.secondpass import SecondPass
from .analyze import nlp
from .analyze.cache import AnalysisCache
from .config import Config
from .corpus.assemble import assemble, reading_order
from .corpus.discovery import discover_themes
from .corpus.related import related_articles
from .corpus.stories import StoryGroup, cluster_stories, make_stories
from .corpus.themes import ThemeSpec, assign_themes, load_taxonomy, theme_terms, with_discovered
from .corpus.vectors import idf_weights
from .ingest import ingest
from .ingest.cache import IngestCache
from .models import Analysis, Article, Digest, Finding, Story, Theme
from .publish.export import render_export
from .publish.feeds import feed_catalogue, finish_feeds, make_feeds
from .publish.render import page_paths, pages_joined, remembered_pages
from .runner import Balance, Handoff, Job, Runner, Split, concatenated
from .store import Store
from .summarize import Part, Reuse, SummaryContext, summarize
from .timing import StageTimer


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """What the build needs from mkdocs.yml."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class Generated:
    """Everything a build produces, before MkDocs turns the pages into HTML."""

    digest: Digest
    pages: dict[str, str]
    files: dict[str, bytes]
    findings: tuple[Finding, ...]
    seconds: dict[str, float] = field(default_factory=dict)
    analysed_files: tuple[str, ...] = ()
    """Files of the articles spaCy analysed in this build (the rest came from the cache)."""
    wall: float = 0.0
    """Seconds the whole generation took: less than the stages' sum when some ran side by side."""

    @property
    def analysed(self) -> int:
        return len(self.analysed_files)


def generate(config: Config, site: SiteInfo, progress: nlp.Progress | None = None,
             preloader: nlp.Preloader | None = None) -> Generated:
    """Run every stage; problems with single files are collected, never raised. ``progress`` hears
    how the analysis of new articles goes; a ``preloader`` (``runner.preload``, started by the
    caller) analyses them when they are few, and is closed once the analysis is done."""
    started = time.perf_counter()
    timer = StageTimer()
    runner = Runner(timer, config.workers, config.dask_scheduler,
                    Balance(config.cache_dir / "balance.json") if config.cache_dir else None)
    taxonomy = load_taxonomy(config.themes)  # broken taxonomy or alias files fail before any work
    alias_specs = load_aliases(config.aliases)
    with timer.stage("ingest"):
        ingest_cache = IngestCache(config.cache_dir / "ingest") if config.cache_dir else None
        ingested = ingest(config.input, ingest_cache, runner.spreading("reading"))
        if ingest_cache:
            ingest_cache.prune()
    articles = ingested.articles
    with timer.stage("analyze"):
        cache = AnalysisCache(config.cache_dir, config.model, nlp.model_version(config.model)) \
            if config.cache_dir else None
        run = nlp.analyze_corpus(articles, config.model, cache, runner.place_analysis, progress,
                                 phrases=theme_terms(taxonomy), preloader=preloader)
        analyses = run.analyses
    by_id = {a.article_id: a for a in analyses}
    keys = {a.id: cache.key(a) for a in articles} if cache else {}  # records of the names and summaries

    idf = idf_weights([t for s in a.sentences for t in s.terms] for a in analyses)
    order = [a.id for a in reading_order(articles)]
    lemmatize = partial(nlp.lemmatize, model=config.model, cache=cache)  # theme terms; cached like analyses
    with timer.stage("summary records"):
        reuse = Reuse(config.cache_dir, idf, len(analyses), keys) if cache and config.summarizer == "news" else None
    # The names and actors are found here while a forked copy compares the articles' texts for stories,
    # which it needs the actors for only at the end; then related articles and themes here, and the
    # summaries on both sides. Each reads the analyses and actors and nothing the others make.
    found: Handoff[ActorIndex] = Handoff()
    people = partial(names_and_mentions, analyses, alias_specs, config, keys if cache else None, timer)
    readings = partial(actors_and_readings, people, articles, analyses, idf, config, alias_specs,
                       partial(find_themes, taxonomy, analyses, order, lemmatize), timer, found)
    (actors, related, themes), summarized, groups = runner.run(
        Job("actors and readings", readings, weight=3.5, sends=found),
        Split("summarize", analyses, partial(summarize_all, actors=found.receive, idf=idf, config=config, reuse=reuse),
              summaries_joined, weight=1.5),
        Job("clusters", partial(cluster_stories, articles, analyses, lambda: found.receive().by_article), weight=3))
    timer.seconds.pop("actors and readings", None)  # timed as its five stages
    summaries = summarized.summaries
    # Each story's title and summary read only its own articles.
    ((stories, kept),) = runner.run(Split("stories", groups, partial(stories_part, articles=articles,
                                                                     analyses=analyses, idf=idf, reuse=reuse),
                                          stories_joined))
    if reuse:
        with timer.stage("summary records"):
            reuse.save(summarized.drift | kept.drift)
    digest = assemble(articles, by_id, summaries, actors, themes, stories, related, build_date(articles))
    compiled = config.cache_dir / "templates" / "pages" if config.cache_dir else None
    page_store = Store(config.cache_dir / "markdown.sqlite", "the page Markdown cache") if config.cache_dir else None
    render = partial(remembered_pages, digest, site.name, config.home_articles, compiled=compiled, store=page_store)
    feed_store = Store(config.cache_dir / "feeds.sqlite", "the feed cache") if config.cache_dir else None
    catalogue = feed_catalogue(digest, site.name)
    pages, feeds, data = runner.run(
        Split("render", page_paths(digest, site.name, config.home_articles), lambda paths: render(only=paths),
              partial(pages_joined, store=page_store), weight=3, spread=True),
        Split("feeds", catalogue, partial(make_feeds, digest, site_url=site.url, limit=config.feed_items,
                                          store=feed_store),
              partial(finish_feeds, catalogue=catalogue, site_name=site.name, site_url=site.url, store=feed_store),
              weight=2, spread=True),
        Job("data", partial(render_export, digest), weight=0.5))
    runner.balance.save()
    return Generated(digest, dict(sorted(pages.items())), feeds | data, ingested.findings, timer.seconds,
                     run.analysed_files, time.perf_counter() - started)


def names_and_mentions(analyses: Sequence[Analysis], specs: Sequence[AliasSpec], config: Config,
                       keys: Mapping[str, str] | None, timer: StageTimer) -> tuple[list[NameMention], KnownNames]:
    """Every name mention, resolved, and the names known across the corpus; with ``keys`` (each
    article's analysis key), each article's passes are kept between builds in the cache folder."""
    folder = config.cache_dir
    with timer.stage("names"):
        first_pass = FirstPass(Store(folder / "names.sqlite", "the names cache"), keys) if folder and keys is not None \
            else None
        tagged = tagged_mentions(analyses, specs, first_pass or collect_mentions)
        if first_pass:
            first_pass.prune()
        known = corpus_names(analyses, specs, tagged)
    with timer.stage("mentions"):
        second = SecondPass(Store(folder / "mentions.sqlite", "the mentions cache"), keys) \
            if folder and keys is not None else None
        if second:
            prune_second_pass(second, keys, specs)
        return corpus_mentions(analyses, specs, known, tagged, second), known


def actors_and_readings(people: Callable[[], tuple[Sequence[NameMention], KnownNames]], articles: Sequence[Article],
                        analyses: Sequence[Analysis], idf: dict[str, float], config: Config,
                        specs: Sequence[AliasSpec], themes: Callable[[], tuple[Theme, ...]], timer: StageTimer,
                        found: Handoff[ActorIndex]) -> tuple[ActorIndex, dict, tuple[Theme, ...]]:
    """The name mentions (``people``), the actors (handed off as soon as they are known), then the
    related articles and the themes."""
    mentions, known = people()
    with timer.stage("actors"):
        actors = actors_from(mentions, config.min_actor_mentions, specs, config.actor_page_articles,
                             defined=known.defined, headlines=own_headlines(articles))
    found.send(actors)
    with timer.stage("related"):
        related = related_articles(analyses, actors.by_article, idf, config.related_articles)
    with timer.stage("themes"):
        return actors, related, themes()


def find_themes(taxonomy: tuple[ThemeSpec, ...], analyses: tuple[Analysis, ...], order: list[str],
                lemmatize: Callable[[Iterable[str]], dict[str, tuple[str, ...]]]) -> tuple[Theme, ...]:
    """Taxonomy themes, then the themes discovered in the articles' own phrases."""
    themes = assign_themes(taxonomy, analyses, lemmatize, order)
    return with_discovered(themes, discover_themes(analyses, order, themes))


def _merged(parts: list[dict]) -> dict:
    return {key: value for part in parts for key, value in part.items()}


def summarize_all(analyses: Sequence[Analysis], actors: ActorIndex | Callable[[], ActorIndex],
                  idf: dict[str, float], config: Config, reuse: Reuse | None = None) -> Part:
    """Every article's summary; ``actors`` may be a function that gives them once they are known."""
    actors = actors() if callable(actors) else actors
    names = actor_names(actors)
    part = Part()
    for a in analyses:
        part.summaries[a.article_id] = summarize(a, config.summary_sentences, config.summarizer,
                                                 summary_context(a.article_id, actors, idf, names), reuse, part)
    if reuse:
        reuse.store_made()
    return part


def summaries_joined(parts: list[Part]) -> Part:
    return Part(_merged([part.summaries for part in parts]), _merged([part.drift for part in parts]))


def stories_part(groups: Sequence[StoryGroup], articles: Sequence[Article], analyses: Sequence[Analysis],
                 idf: dict[str, float], reuse: Reuse | None) -> tuple[tuple[Story, ...], Part]:
    part = Part()
    stories = make_stories(groups, articles, analyses, idf, reuse, part)
    if reuse:
        reuse.store_made()
    return stories, part


def stories_joined(parts: list[tuple[tuple[Story, ...], Part]]) -> tuple[tuple[Story, ...], Part]:
    return tuple(concatenated([stories for stories, _ in parts])), summaries_joined([part for _, part in parts])


def actor_names(actors: ActorIndex) -> dict[str, str]:
    return {actor.id: actor.name for actor in actors.actors}


def summary_context(article_id: str, actors: ActorIndex, idf: dict[str, float],
                    names: Mapping[str, str] | None = None) -> SummaryContext:
    """What a summarizer may know: term rarity, and the words naming the article's main actors
    (``names``: each actor's name by id, made once for a whole corpus by ``actor_names``)."""
    names = names if names is not None else actor_names(actors)
    salient = frozenset(word.lower() for actor_id in actors.by_article.get(article_id, ())[:3]
                        for word in names[actor_id].split())
    return SummaryContext(idf, salient)


def build_date(articles: tuple[Article, ...]) -> date:
    """SOURCE_DATE_EPOCH when set, else the newest article's date: never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    dates = [a.date for a in articles if a.date]
    return max(dates) if dates else date(1970, 1, 1)
