"""The pipeline's table of contents: every stage, in order, from input folder to site files."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial

from .actors.aliasfile import load_aliases
from .actors.index import ActorIndex, actors_from, corpus_mentions, corpus_names, people_of
from .analyze import nlp
from .analyze.cache import AnalysisCache
from .config import Config
from .corpus.assemble import assemble, reading_order
from .corpus.discovery import discover_themes
from .corpus.related import related_articles
from .corpus.stories import cluster_stories, make_stories
from .corpus.themes import ThemeSpec, assign_themes, load_taxonomy, with_discovered
from .corpus.vectors import idf_weights
from .ingest import ingest
from .ingest.cache import IngestCache
from .models import Analysis, Article, Digest, Finding, Story, Theme
from .parallel import in_halves, side_by_side
from .publish.export import render_export
from .publish.feeds import render_feeds
from .publish.render import render_pages
from .summarize import SummaryContext, summarize
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


def generate(config: Config, site: SiteInfo, progress: nlp.Progress | None = None) -> Generated:
    """Run every stage; problems with single files are collected, never raised. ``progress`` hears
    how the analysis of new articles goes."""
    started = time.perf_counter()
    timer = StageTimer()
    taxonomy = load_taxonomy(config.themes)  # broken taxonomy or alias files fail before any work
    alias_specs = load_aliases(config.aliases)
    with timer.stage("ingest"):
        ingest_cache = IngestCache(config.cache_dir / "ingest") if config.cache_dir else None
        ingested = ingest(config.input, ingest_cache)
        if ingest_cache:
            ingest_cache.prune()
    articles = ingested.articles
    with timer.stage("analyze"):
        cache = AnalysisCache(config.cache_dir, config.model, nlp.model_version(config.model)) \
            if config.cache_dir else None
        run = nlp.analyze_corpus(articles, config.model, cache, config.workers, config.dask_scheduler, progress)
        analyses = run.analyses
    by_id = {a.article_id: a for a in analyses}
    idf = idf_weights([t for s in a.sentences for t in s.terms] for a in analyses)
    with timer.stage("names"):
        known = corpus_names(analyses, alias_specs)
    mentions = in_halves("mentions", partial(corpus_mentions, specs=alias_specs, known=known), analyses, timer,
                         config.workers)
    with timer.stage("actors"):
        actors = actors_from(mentions, config.min_actor_mentions, alias_specs, config.actor_page_articles)
    order = [a.id for a in reading_order(articles)]
    lemmatize = partial(nlp.lemmatize, model=config.model, cache=cache)  # theme terms; cached like analyses
    # Each of these reads the analyses and actors and nothing the others make: two cores, two at a time
    # (the summaries in halves, so that both sides take about as long).
    half = (len(analyses) + 1) // 2
    done = side_by_side(
        here={"summarize": partial(summarize_all, analyses[:half], actors, idf, config),
              "related": partial(related_articles, analyses, actors.by_article, idf, config.related_articles),
              "themes": partial(find_themes, taxonomy, analyses, order, lemmatize)},
        there={"stories": partial(find_stories, articles, analyses, actors, idf),
               "summarize 2/2": partial(summarize_all, analyses[half:], actors, idf, config)},
        timer=timer, workers=config.workers)
    summaries = done["summarize"] | done["summarize 2/2"]
    related, stories, themes = done["related"], done["stories"], done["themes"]
    digest = assemble(articles, by_id, summaries, actors, themes, stories, related, build_date(articles))
    # The feeds here with a third of the pages, two thirds of the pages beside them.
    done = side_by_side(
        here={"render": partial(render_pages, digest, site.name, config.home_articles, share=(0, 1, 3)),
              "feeds": partial(feeds_and_data, digest, site, config.feed_items)},
        there={"render 2/2": partial(render_pages, digest, site.name, config.home_articles, share=(1, 3, 3))},
        timer=timer, workers=config.workers)
    pages, files = dict(sorted((done["render"] | done["render 2/2"]).items())), done["feeds"]
    return Generated(digest, pages, files, ingested.findings, timer.seconds, run.analysed_files,
                     time.perf_counter() - started)


def feeds_and_data(digest: Digest, site: SiteInfo, feed_items: int) -> dict[str, bytes]:
    return render_feeds(digest, site.name, site.url, feed_items) | render_export(digest)


def find_themes(taxonomy: tuple[ThemeSpec, ...], analyses: tuple[Analysis, ...], order: list[str],
                lemmatize: Callable[[Iterable[str]], dict[str, tuple[str, ...]]]) -> tuple[Theme, ...]:
    """Taxonomy themes, then the themes discovered in the articles' own phrases."""
    themes = assign_themes(taxonomy, analyses, lemmatize, order)
    return with_discovered(themes, discover_themes(analyses, order, themes))


def summarize_all(analyses: tuple[Analysis, ...], actors: ActorIndex, idf: dict[str, float],
                  config: Config) -> dict[str, tuple[str, ...]]:
    return {a.article_id: summarize(a, config.summary_sentences, config.summarizer,
                                    summary_context(a.article_id, actors, idf)) for a in analyses}


def find_stories(articles: tuple[Article, ...], analyses: tuple[Analysis, ...], actors: ActorIndex,
                 idf: dict[str, float]) -> tuple[Story, ...]:
    groups = cluster_stories(articles, analyses, actors.by_article, people_of(actors))
    return make_stories(groups, articles, analyses, idf)


def summary_context(article_id: str, actors: ActorIndex, idf: dict[str, float]) -> SummaryContext:
    """What a summarizer may know: term rarity, and the words naming the article's main actors."""
    names = {actor.id: actor.name for actor in actors.actors}
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
