"""Rendering: Jinja templates turn the digest into Markdown pages, keyed by their source path."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

import jinja2

from . import views as v
from .escape import finalize, trusted
from .models import Digest

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "pages"


def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    """Markdown templates; every printed value is escaped unless Python marked it trusted."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=False,
                              finalize=finalize, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render_pages(digest: Digest, site_name: str, home_articles: int,
                 templates: Path = TEMPLATES) -> dict[str, str]:
    """Every generated page as {Markdown source path: text}."""
    env = environment(templates)
    views = v.Views(digest)
    pages: dict[str, str] = {}
    for path, template, context in _page_contexts(views, site_name, home_articles):
        pages[path] = env.get_template(template).render(**context)
    return dict(sorted(pages.items()))


def _page_contexts(views: v.Views, site_name: str, home_articles: int) -> Iterator[tuple[str, str, dict]]:
    yield v.HOME, "home.md.j2", _home(views, site_name, home_articles)
    yield v.TIMELINE, "timeline.md.j2", _timeline(views)
    yield v.ACTORS_INDEX, "actors.md.j2", _actors_index(views)
    yield v.THEMES_INDEX, "themes.md.j2", _themes_index(views)
    for entry in views.digest.entries:
        yield v.entry_page(entry), "article.md.j2", _article(views, entry)
    for actor in views.digest.actors:
        yield v.actor_page(actor), "actor.md.j2", _actor(views, actor)
    for theme in views.digest.themes:
        yield v.theme_page(theme), "theme.md.j2", _theme(views, theme)


def _home(views: v.Views, site_name: str, count: int) -> dict:
    source = v.HOME
    return {"front_matter": v.front_matter(site_name), "site_name": site_name,
            "total": len(views.digest.entries),
            "entries": [views.entry_view(e, source) for e in views.digest.entries[:count]],
            "timeline_href": trusted("timeline.md"), "actors_href": trusted("actors/index.md"),
            "themes_href": trusted("themes/index.md"), "rss_href": trusted("feed.xml"),
            "atom_href": trusted("atom.xml")}


def _timeline(views: v.Views) -> dict:
    source = v.TIMELINE
    days = []
    for day, entries in groupby(views.digest.entries, key=lambda e: e.article.date):
        rows = [v.Row(views.entry_link(e.id, source), e.article.outlet or "") for e in entries]
        days.append({"heading": v.long_date(day), "rows": rows})
    return {"front_matter": v.front_matter("Timeline"), "days": days}


def _actors_index(views: v.Views) -> dict:
    source = v.ACTORS_INDEX
    groups = []
    for kind, heading in v.KIND_HEADINGS:
        rows = [v.Row(views.actor_link(a.id, source), f"{len(a.article_ids)} articles, {a.mentions} mentions")
                for a in views.digest.actors if a.kind == kind]
        if rows:
            groups.append({"heading": heading, "rows": rows})
    return {"front_matter": v.front_matter("Actors"), "groups": groups}


def _themes_index(views: v.Views) -> dict:
    source = v.THEMES_INDEX
    rows = [v.Row(views.theme_link(t.id, source), f"{len(t.matches)} articles") for t in views.digest.themes]
    return {"front_matter": v.front_matter("Themes"), "rows": rows}


def _article(views: v.Views, entry) -> dict:
    source = v.entry_page(entry)
    quotes = [{"text": q.text, "speaker": views.actor_link(q.speaker, source) if q.speaker else "speaker not stated"}
              for q in entry.quotes]
    return {"front_matter": v.front_matter(entry.article.title), "title": entry.article.title,
            "meta": v.entry_meta(entry), "summary": entry.summary,
            "actors": [views.actor_link(a, source) for a in entry.actor_ids],
            "themes": [views.theme_link(t, source) for t in entry.theme_ids],
            "quotes": quotes, "paragraphs": entry.article.paragraphs,
            "related": [views.entry_link(r, source) for r in entry.related_ids],
            "source_file": entry.article.source_file}


def _actor(views: v.Views, actor) -> dict:
    source = v.actor_page(actor)
    entries = [views.entries[i] for i in sorted(actor.article_ids, key=_position(views))]
    quotes = [{"text": q.text, "source": trusted(f"{views.entry_link(e.id, source)}, {v.md_text_date(e)}")}
              for e in entries for q in e.quotes if q.speaker == actor.id]
    return {"front_matter": v.front_matter(actor.name), "name": actor.name, "kind": actor.kind.value.capitalize(),
            "article_count": len(actor.article_ids), "mentions": actor.mentions, "aliases": actor.aliases,
            "entries": [views.entry_view(e, source) for e in entries], "quotes": quotes,
            "companions": [v.Row(views.actor_link(other, source), f"{count} shared articles")
                           for other, count in views.companions(actor)],
            "themes": [v.Row(views.theme_link(theme, source), f"{count} articles")
                       for theme, count in views.actor_themes(actor)]}


def _theme(views: v.Views, theme) -> dict:
    source = v.theme_page(theme)
    rows = [{"link": views.entry_link(m.article_id, source), "meta": v.entry_meta(views.entries[m.article_id]),
             "terms": ", ".join(m.terms)} for m in theme.matches]
    return {"front_matter": v.front_matter(theme.label), "label": theme.label, "description": theme.description,
            "article_count": len(theme.matches), "rows": rows}


def _position(views: v.Views):
    order = {entry.id: i for i, entry in enumerate(views.digest.entries)}
    return order.__getitem__
