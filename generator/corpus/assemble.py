"""Assembling the stage outputs into one ``Digest``: entries in reading order with their links."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from ..actors.countries import is_nationality
from ..actors.index import ActorIndex
from ..models import Analysis, Article, AttributedQuote, Digest, Entry, Quote, Story, Theme
from ..publish.slugs import article_slug, page_path, page_url
from .digests import build_periods


def reading_order(articles: Sequence[Article]) -> list[Article]:
    """Newest first; undated articles after all dated ones; then title and id for a total order."""
    dated = sorted((a for a in articles if a.date), key=lambda a: (-a.date.toordinal(), a.title, a.id))
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title, a.id))
    return dated + undated


def article_page(article: Article) -> str:
    return page_path("articles", article_slug(article.title, article.id))


def theme_order(themes: Sequence[Theme]) -> Callable[[Theme], tuple]:
    """An article's themes in an order that another article cannot change: the taxonomy's in its
    order, then the discovered ones by id. Discovered themes come ranked by how many articles they
    hold, and when one new article moved two of them, the categories of every feed item of their
    articles swapped places: 364 of the 420 files a one-article gva-dev rebuild wrote."""
    position = {theme.id: n for n, theme in enumerate(themes)}
    return lambda theme: (theme.discovered, 0 if theme.discovered else position[theme.id], theme.id)


def assemble(articles: Sequence[Article], analyses: Mapping[str, Analysis],
             summaries: Mapping[str, tuple[str, ...]], actors: ActorIndex, themes: Sequence[Theme],
             stories: Sequence[Story], related: Mapping[str, tuple[str, ...]], build_date: date) -> Digest:
    theme_ids: dict[str, list[str]] = {}
    for theme in sorted(themes, key=theme_order(themes)):
        for article_id in theme.article_ids:
            theme_ids.setdefault(article_id, []).append(theme.id)
    story_of = {article_id: story.id for story in stories for article_id in story.article_ids}
    entries = tuple(
        Entry(article=article, url=page_url(article_page(article)), summary=summaries[article.id],
              actor_ids=actors.by_article.get(article.id, ()), theme_ids=tuple(theme_ids.get(article.id, ())),
              story_id=story_of.get(article.id),
              quotes=unique_quotes(_attributed(q, actors, article.id) for q in analyses[article.id].quotes),
              related_ids=related.get(article.id, ()))
        for article in reading_order(articles))
    return Digest(entries, actors.actors, tuple(themes), tuple(stories), build_date,
                  build_periods(entries, stories))


def _attributed(quote: Quote, actors: ActorIndex, article_id: str) -> AttributedQuote:
    """The quote with its speaker's actor and name as written; a nationality ("the Frenchman") is no speaker."""
    if quote.speaker is None or is_nationality(quote.speaker):
        return AttributedQuote(quote.text, None)
    return AttributedQuote(quote.text, actors.resolve(quote.speaker, article_id), quote.speaker)


def unique_quotes(quotes: Iterable[AttributedQuote]) -> tuple[AttributedQuote, ...]:
    """Each quotation once, where it first appears: scraped articles repeat a line as a pull quote.
    When one copy names its speaker and another does not, the named speaker is kept."""
    found: dict[str, AttributedQuote] = {}
    for quote in quotes:
        kept = found.get(quote.text)
        if kept is None or (kept.speaker is None and quote.speaker is not None) or (
                kept.written is None and quote.written is not None):
            found[quote.text] = quote  # a replaced quote keeps its first place
    return tuple(found.values())
