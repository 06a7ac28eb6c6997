"""The pipeline's table of contents: every stage, in order, from input folder to site files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial

from . import analyze as nlp
from .actors import ActorIndex, build_actors, people_of
from .aliasfile import load_aliases
from .cache import AnalysisCache
from .config import Config
from .corpus import assemble, reading_order
from .discovery import discover_themes
from .export import render_export
from .feeds import render_feeds
from .ingest import ingest
from .ingest.cache import IngestCache
from .models import Article, Digest, Finding
from .related import related_articles
from .render import render_pages
from .stories import cluster_stories, make_stories
from .summarize import SummaryContext, summarize
from .themes import assign_themes, load_taxonomy, with_discovered
from .timing import StageTimer
from .vectors import idf_weights


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
    analysed: int = 0
    """Articles spaCy analysed in this build (the rest came from the cache)."""


def generate(config: Config, site: SiteInfo) -> Generated:
    """Run every stage; problems with single files are collected, never raised."""
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
        run = nlp.analyze_corpus(articles, config.model, cache, config.workers, config.dask_scheduler)
        analyses = run.analyses
    by_id = {a.article_id: a for a in analyses}
    idf = idf_weights([t for s in a.sentences for t in s.terms] for a in analyses)
    with timer.stage("actors"):
        actors = build_actors(analyses, config.min_actor_mentions, alias_specs)
    with timer.stage("themes"):
        order = [a.id for a in reading_order(articles)]
        themes = assign_themes(taxonomy, analyses, partial(nlp.lemmatize, model=config.model), order)
        themes = with_discovered(themes, discover_themes(analyses, order, themes))
    with timer.stage("summarize"):
        summaries = {a.article_id: summarize(a, config.summary_sentences, config.summarizer,
                                             summary_context(a.article_id, actors, idf)) for a in analyses}
    with timer.stage("stories"):
        groups = cluster_stories(articles, analyses, actors.by_article, people_of(actors))
        stories = make_stories(groups, articles, analyses, idf)
    with timer.stage("related"):
        related = related_articles(analyses, actors.by_article, idf, config.related_articles)
    digest = assemble(articles, by_id, summaries, actors, themes, stories, related, build_date(articles))
    with timer.stage("render"):
        pages = render_pages(digest, site.name, config.home_articles)
        files = render_feeds(digest, site.name, site.url, config.feed_items) | render_export(digest)
    return Generated(digest, pages, files, ingested.findings, timer.seconds, run.analysed)


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
