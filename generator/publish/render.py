"""Rendering: Jinja templates turn the digest into Markdown pages, keyed by their source path."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from importlib import metadata
from itertools import groupby
from pathlib import Path

import jinja2

from ..models import Actor, Digest, Entry, Period, Story, Theme
from ..store import Store
from . import charts
from . import views as v
from .escape import finalize, trusted, web_link
from .feeds import feed_catalogue, feed_paths
from .memo import Memo, code_salt

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "pages"
Context = dict[str, object]


def environment(templates: Path = TEMPLATES, compiled: Path | None = None) -> jinja2.Environment:
    """Markdown templates; every printed value is escaped unless Python marked it trusted. With
    ``compiled``, the templates are compiled once and kept in that folder (Jinja's bytecode cache)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=False,
                              finalize=finalize, undefined=jinja2.StrictUndefined,
                              bytecode_cache=compiled_templates(compiled) if compiled else None,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def compiled_templates(folder: Path) -> jinja2.BytecodeCache:
    """Jinja's bytecode cache in ``folder``: templates compiled once, not on every build (about
    0.4 s a build for the theme's and the pages' templates)."""
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def page_paths(digest: Digest, site_name: str, home_articles: int) -> list[str]:
    """The source path of every generated page, in the order ``render_pages`` makes them (cheap)."""
    return [path for path, _, _ in _page_contexts(v.Views(digest), site_name, home_articles)]


def render_pages(digest: Digest, site_name: str, home_articles: int, templates: Path = TEMPLATES,
                 only: Collection[str] | None = None, compiled: Path | None = None) -> dict[str, str]:
    """Every generated page as {Markdown source path: text}, sorted by path; with ``only``, just
    the pages at those paths; with ``compiled``, the templates' bytecode is kept there."""
    return remembered_pages(digest, site_name, home_articles, templates, only, compiled).pages


@dataclass(frozen=True, slots=True)
class Rendered:
    pages: dict[str, str]
    keys: tuple[str, ...]
    """The page records they came from or went into: kept by ``pages_joined``."""


def remembered_pages(digest: Digest, site_name: str, home_articles: int, templates: Path = TEMPLATES,
                     only: Collection[str] | None = None, compiled: Path | None = None,
                     store: Store | None = None) -> Rendered:
    """``render_pages``, with each page's Markdown kept in ``store`` under its template and the
    ``repr`` of its context (``memo.Memo``): a page whose context did not change is not rendered
    again. The context is every value the template prints, already resolved and formatted, so
    the same context gives the same page; a value whose ``repr`` were not stable would only make
    the page miss its record. Two processes may render two parts at once with the same store."""
    env = environment(templates, compiled)
    views = v.Views(digest)
    wanted = None if only is None else frozenset(only)
    memo = Memo(store, page_salt(templates)) if store else None
    pages = {path: _rendered(env, template, context(), memo)
             for path, template, context in _page_contexts(views, site_name, home_articles)
             if wanted is None or path in wanted}
    if memo:
        memo.flush()
    return Rendered(dict(sorted(pages.items())), tuple(memo.used) if memo else ())


def _rendered(env: jinja2.Environment, template: str, context: Context, memo: Memo | None) -> str:
    if memo is None:
        return env.get_template(template).render(**context)
    made = memo.get((template, context), lambda: env.get_template(template).render(**context).encode("utf-8"))
    return made.decode("utf-8")


def pages_joined(parts: Sequence[Rendered], store: Store | None = None) -> dict[str, str]:
    """The parts' pages; the store forgets every record no part used."""
    if store:
        Memo(store, "", [key for part in parts for key in part.keys]).prune()
    return dict(sorted(page for part in parts for page in part.pages.items()))


def page_salt(templates: Path) -> str:
    """What a page is made by besides its context: the templates and the code that escapes and
    formats what they print."""
    here = Path(__file__).parent
    return code_salt(*(str(here / name) for name in ("render.py", "views.py", "escape.py", "charts.py")),
                     *(str(path) for path in sorted(templates.glob("*.j2"))), extra=metadata.version("jinja2"))


def _page_contexts(views: v.Views, site_name: str,
                   home_articles: int) -> Iterator[tuple[str, str, Callable[[], Context]]]:
    """(path, template, context maker) of every page, cheap to list: contexts are made when rendered."""
    digest = views.digest
    yield v.HOME, "home.md.j2", partial(_home, views, site_name, home_articles)
    yield from ((path, "timeline.md.j2", partial(dict, context)) for path, context in _timeline_pages(views))
    yield v.ACTORS_INDEX, "actors.md.j2", partial(_actors_index, views)
    yield v.THEMES_INDEX, "themes.md.j2", partial(_themes_index, views)
    yield v.STORIES_INDEX, "stories.md.j2", partial(_stories_index, views)
    yield v.DIGESTS_INDEX, "digests.md.j2", partial(_digests_index, views)
    yield v.FEEDS, "feeds.md.j2", partial(_feeds, views, site_name)
    yield from ((v.entry_page(e), "article.md.j2", partial(_article, views, e)) for e in digest.entries)
    for actor in digest.actors:
        if actor.page:
            yield from _actor_pages(views, actor)
    for theme in digest.themes:
        yield from _theme_pages(views, theme)
    yield from ((v.story_page(s), "story.md.j2", partial(_story, views, s)) for s in digest.stories)
    yield from ((v.period_page(p), "period.md.j2", partial(_period, views, p, v.period_page(p)))
                for p in digest.periods)


def _home(views: v.Views, site_name: str, count: int) -> Context:
    latest = next((p for p in views.digest.periods if p.kind == "week"), None)
    return {"front_matter": v.front_matter(site_name), "site_name": site_name,
            "total": v.counted(len(views.digest.entries), "article"),
            "charts": _home_charts(views),
            "latest": _period(views, latest, v.HOME) if latest else None,
            "entries": [views.entry_view(e, v.HOME) for e in views.digest.entries[:count]],
            "links": {name: trusted(path) for name, path in (
                ("timeline", v.TIMELINE), ("stories", v.STORIES_INDEX), ("digests", v.DIGESTS_INDEX),
                ("actors", v.ACTORS_INDEX), ("themes", v.THEMES_INDEX), ("feeds", v.FEEDS))}}


TIMELINE_PAGE = 500
"""The timeline page lists the newest whole months up to about this many articles; each older
month (and the undated articles) then gets a page of its own, linked from every timeline page."""


def _timeline_pages(views: v.Views) -> Iterator[tuple[str, Context]]:
    latest, older = by_month(list(views.digest.entries), TIMELINE_PAGE)
    pages = [(v.TIMELINE, "Latest", latest), *((f"timeline/{key}.md", label, group) for key, label, group in older)]
    paginated = len(pages) > 1
    for path, label, entries in pages:
        archive = [v.link(other, path, target) for target, other, _ in pages if target != path] if paginated else []
        title = "Timeline" if path == v.TIMELINE else f"Timeline: {label}"
        yield path, {"front_matter": v.front_matter(title), "title": title, "archive": archive,
                     "intro": _timeline_intro(path, label, paginated),
                     "days": _timeline_days(views, entries, path)}


Month = tuple[str, str, list[Entry]]
"""One month's page: (its key or path, its label, its entries); "2024-03", "March 2024"."""


def by_month(entries: list[Entry], limit: int) -> tuple[list[Entry], list[Month]]:
    """``entries`` (newest first, the undated last) cut into the newest whole months, up to about
    ``limit`` entries (the newest month at least), and each older month on its own. A new article
    of the newest month changes only the first part: older months keep their pages."""
    months = [(key, list(group)) for key, group in groupby(entries, key=_month_key)]
    first, count = 0, 0
    while first < len(months) and (first == 0 or count + len(months[first][1]) <= limit):
        count += len(months[first][1])
        first += 1
    return ([e for _, group in months[:first] for e in group],
            [(key, _month_label(group[0]), group) for key, group in months[first:]])


def _timeline_intro(path: str, label: str, paginated: bool) -> str:
    if path == v.TIMELINE:
        return "The newest articles by date; each older month has a page." if paginated else \
            "Every article by date, newest first."
    return "Articles without a date." if label == "Undated" else f"The articles of {label}, newest first."


def _month_key(entry: Entry) -> str:
    return f"{entry.article.date:%Y-%m}" if entry.article.date else "undated"


def _month_label(entry: Entry) -> str:
    return f"{entry.article.date:%B %Y}" if entry.article.date else "Undated"


def _outlet(entry: Entry) -> str:
    return entry.article.outlet or ""


def _timeline_days(views: v.Views, entries: list[Entry], source: str,
                   detail: Callable[[Entry], str] = _outlet) -> list[dict]:
    days = []
    for day, group in groupby(entries, key=lambda e: e.article.date):
        rows = [v.Row(views.entry_link(e.id, source), detail(e)) for e in group]
        days.append({"heading": v.long_date(day), "rows": rows})
    return days


def _actors_index(views: v.Views) -> Context:
    groups = []
    for kind, heading in v.KIND_HEADINGS:
        rows = [v.Row(views.actor_link(a.id, v.ACTORS_INDEX),
                      f"{v.counted(len(a.article_ids), 'article')}, {v.counted(a.mentions, 'mention')}")
                for a in views.digest.actors if a.kind == kind and a.page]
        if rows:
            groups.append({"heading": heading, "rows": rows})
    return {"front_matter": v.front_matter("Actors"), "groups": groups}


def _themes_index(views: v.Views) -> Context:
    groups = []
    for discovered, heading in ((False, "From the taxonomy"), (True, "Discovered in the articles")):
        rows = [v.Row(views.theme_link(t.id, v.THEMES_INDEX), v.counted(len(t.matches), "article"))
                for t in views.digest.themes if t.discovered == discovered]
        if rows:
            groups.append({"heading": heading, "rows": rows})
    return {"front_matter": v.front_matter("Themes"), "groups": groups}


FULL_STORIES = 20
"""The stories index shows this many most recent stories with their summaries, the older ones as one
line each (at 5,000 articles, 742 summaries made a page of 1.2 MB; each story's page has its own)."""


def _stories_index(views: v.Views) -> Context:
    stories = sorted(views.digest.stories, key=lambda s: (-(s.end.toordinal() if s.end else 0), s.id))
    rows = [{"link": views.story_link(s.id, v.STORIES_INDEX), "detail": f"{v.date_range(s.start, s.end)} · "
             f"{v.counted(len(s.article_ids), 'article')}", "summary": s.summary} for s in stories]
    return {"front_matter": v.front_matter("Stories"), "rows": rows[:FULL_STORIES], "earlier": rows[FULL_STORIES:]}


def _digests_index(views: v.Views) -> Context:
    periods = {kind: [v.Row(v.link(p.label, v.DIGESTS_INDEX, v.period_page(p)),
                            v.counted(sum(len(i.article_ids) for i in p.items), "article"))
                      for p in views.digest.periods if p.kind == kind] for kind in ("day", "week")}
    return {"front_matter": v.front_matter("Digests"), "days": periods["day"], "weeks": periods["week"]}


ON_THEIR_PAGES = (("actors/", "actor", v.ACTORS_INDEX, "Actors"), ("stories/", "story", v.STORIES_INDEX, "Stories"))
"""(page prefix, noun, index page, its name)."""
"""Feeds the Feeds page counts but does not list, one by one: each actor's and story's are on its
own page (and in ``feeds.opml``). Listed, they made a page of thousands of links (0.5 MB at 5,000
articles) that changed with almost every article and cost more than any other page to convert."""


def _feeds(views: v.Views, site_name: str) -> Context:
    catalogue = feed_catalogue(views.digest, site_name)
    elsewhere = tuple(prefix for prefix, _, _, _ in ON_THEIR_PAGES)
    rows = [{"title": spec.title, "rss": v.link("RSS", v.FEEDS, spec.rss), "atom": v.link("Atom", v.FEEDS, spec.atom)}
            for spec in catalogue if not spec.page.startswith(elsewhere)]
    counted = [{"count": v.counted(sum(spec.page.startswith(prefix) for spec in catalogue), f"{noun} feed"),
                "index": v.link(label, v.FEEDS, index)} for prefix, noun, index, label in ON_THEIR_PAGES]
    return {"front_matter": v.front_matter("Feeds"), "rows": rows, "counted": counted, "opml": trusted("feeds.opml")}


def _article(views: v.Views, entry: Entry) -> Context:
    source = v.entry_page(entry)
    quotes = [{"text": q.text, "speaker": views.actor_link(q.speaker, source) if q.speaker
               else q.written or "speaker not stated"} for q in entry.quotes]
    return {"front_matter": v.front_matter(entry.article.title), "title": entry.article.title,
            "meta": v.entry_meta(entry), "summary": entry.summary,
            "story": views.story_link(entry.story_id, source) if entry.story_id else None,
            "actors": [views.actor_link(a, source) for a in entry.actor_ids],
            "themes": [views.theme_link(t, source) for t in entry.theme_ids],
            "quotes": quotes, "paragraphs": entry.article.paragraphs,
            "related": [views.entry_link(r, source) for r in entry.related_ids],
            "source_file": entry.article.source_file,
            "original": web_link(f"Read the original{' at ' + entry.article.outlet if entry.article.outlet else ''}",
                                 entry.article.source_url) if entry.article.source_url else None}


def _follow(source: str, section: str, term_id: str) -> Context:
    rss, atom = feed_paths(section, term_id)
    return {"rss": v.link("RSS", source, rss), "atom": v.link("Atom", source, atom)}


FULL_ENTRIES = 20
"""An actor page shows this many newest articles with their summaries, the older ones as one line each."""
ACTOR_PAGE = 200
"""An actor page lists the articles of its newest whole months up to about this many; each older
month gets a page of its own (``by_month``), so that a new article changes one page of a long
archive, not a page listing thousands (at 5,000 generated articles the most named actor's page was
0.8 MB of HTML, made again in every rebuild)."""
QUOTES = 50
"""An actor page lists this many newest quotes; every quote stays on its article's page."""


def _actor_pages(views: v.Views, actor: Actor) -> Iterator[tuple[str, str, Callable[[], Context]]]:
    """The actor's page, and a page for each older month of a long list of articles."""
    source = v.actor_page(actor)
    entries = [views.entries[i] for i in views.in_reading_order(actor.article_ids)]
    latest, months = _months(source, entries, ACTOR_PAGE)
    yield source, "actor.md.j2", partial(_actor, views, actor, entries, latest, months)
    for path, label, group in months:
        yield path, "timeline.md.j2", partial(_month_page, views, source, path, f"{actor.name}: {label}",
                                              f"The articles naming {actor.name}", label, group, months)


def _months(source: str, entries: list[Entry], limit: int) -> tuple[list[Entry], list[Month]]:
    """``by_month``, with each older month's page path beside the page ``source``."""
    latest, older = by_month(entries, limit)
    return latest, [(f"{source.removesuffix('.md')}/{key}.md", label, group) for key, label, group in older]


def _month_page(views: v.Views, source: str, path: str, title: str, what: str, label: str, entries: list[Entry],
                months: list[Month], detail: Callable[[Entry], str] = _outlet) -> Context:
    """One older month of an actor's or a theme's articles (``what``), on the timeline's template,
    linked to the page ``source`` and to the other months."""
    archive = [v.link("Latest", path, source), *(v.link(other, path, target) for target, other, _ in months
                                                 if target != path)]
    return {"front_matter": v.front_matter(title), "title": title, "archive": archive,
            "intro": f"{what} in {label}, newest first." if label != "Undated" else f"{what}, undated.",
            "days": _timeline_days(views, entries, path, detail)}


def _actor(views: v.Views, actor: Actor, entries: list[Entry], latest: list[Entry], months: list[Month]) -> Context:
    """``entries``: all the actor's, newest first; ``latest``: those of its own page (``_months``)."""
    source = v.actor_page(actor)
    quotes = [{"text": q.text, "source": trusted(f"{views.entry_link(e.id, source)}, {v.md_text_date(e)}")}
              for e in entries for q in e.quotes if q.speaker == actor.id]
    return {"front_matter": v.front_matter(actor.name, feed_paths("actors", actor.id)), "name": actor.name,
            "kind": actor.kind.value.capitalize(), "article_count": v.counted(len(actor.article_ids), "article"),
            "mentions": v.counted(actor.mentions, "mention"), "aliases": actor.aliases,
            "follow": _follow(source, "actors", actor.id),
            "charts": [c for c in [charts.bar_chart("actor-days", f"Articles naming {actor.name}",
                                                    views.dates(actor.article_ids), views.all_dates)] if c],
            "entries": [views.entry_view(e, source) for e in latest[:FULL_ENTRIES]],
            "earlier": [v.Row(views.entry_link(e.id, source), v.entry_meta(e)) for e in latest[FULL_ENTRIES:]],
            "months": [v.link(label, source, path) for path, label, _ in months],
            "quotes": quotes[:QUOTES], "quote_count": len(quotes),
            "companions": [v.Row(views.actor_link(other, source), v.counted(n, "shared article"))
                           for other, n in views.companions(actor)],
            "themes": _theme_rows(views, actor.article_ids, source)}


THEME_PAGE = 200
"""A theme page lists its articles of its newest whole months up to about this many; each older
month gets a page of its own, as an actor's (``ACTOR_PAGE``)."""


def _theme_pages(views: v.Views, theme: Theme) -> Iterator[tuple[str, str, Callable[[], Context]]]:
    """The theme's page, and a page for each older month of a long list of articles."""
    source = v.theme_page(theme)
    terms = {m.article_id: ", ".join(m.terms) for m in theme.matches}
    latest, months = _months(source, [views.entries[m.article_id] for m in theme.matches], THEME_PAGE)
    yield source, "theme.md.j2", partial(_theme, views, theme, terms, latest, months)
    for path, label, group in months:
        yield path, "timeline.md.j2", partial(_month_page, views, source, path, f"{theme.label}: {label}",
                                              f"The articles on {theme.label}", label, group, months,
                                              lambda e: terms[e.id])


def _theme(views: v.Views, theme: Theme, terms: Mapping[str, str], latest: list[Entry],
           months: list[Month]) -> Context:
    """``terms``: the matched terms by article; ``latest``: the articles of its own page (``_months``)."""
    source = v.theme_page(theme)
    rows = [{"link": views.entry_link(e.id, source), "meta": v.entry_meta(e), "terms": terms[e.id]} for e in latest]
    related = [(t, n) for t, n in views.themes_of(theme.article_ids) if t != theme.id]
    return {"front_matter": v.front_matter(theme.label, feed_paths("themes", theme.id)), "label": theme.label,
            "description": theme.description, "article_count": v.counted(len(theme.matches), "article"), "rows": rows,
            "months": [v.link(label, source, path) for path, label, _ in months],
            "follow": _follow(source, "themes", theme.id),
            "charts": [c for c in [charts.bar_chart("theme-days", f"Articles on {theme.label}",
                                                    views.dates(theme.article_ids), views.all_dates)] if c],
            "terms": ", ".join(sorted({term for m in theme.matches for term in m.terms})),
            "actors": [v.Row(views.actor_link(a, source), v.counted(n, "article"))
                       for a, n in views.top_actors(theme.article_ids)],
            "related": [v.Row(views.theme_link(t, source), v.counted(n, "shared article")) for t, n in related]}


def _story(views: v.Views, story: Story) -> Context:
    source = v.story_page(story)
    copies = dict(story.copies)
    copied = {c for ids in copies.values() for c in ids}
    timeline = [{"date": v.long_date(views.entries[i].article.date), "link": views.entry_link(i, source),
                 "outlet": views.entries[i].article.outlet or "",
                 "copies": [views.entry_link(c, source) for c in copies.get(i, ())]}
                for i in story.article_ids if i not in copied]
    return {"front_matter": v.front_matter(story.title, feed_paths("stories", story.id)), "title": story.title,
            "dates": v.date_range(story.start, story.end), "count": v.counted(len(story.article_ids), "article"),
            "outlets": _outlets(len({views.entries[i].article.outlet for i in story.article_ids} - {None, ""})),
            "summary": story.summary, "timeline": timeline, "follow": _follow(source, "stories", story.id),
            "actors": [v.Row(views.actor_link(a, source), v.counted(n, "article"))
                       for a, n in views.top_actors(story.article_ids)],
            "themes": _theme_rows(views, story.article_ids, source)}


def _period(views: v.Views, period: Period, source: str) -> Context:
    items = []
    for item in period.items:
        entries = [views.entries[i] for i in item.article_ids]
        newest = max(entries, key=lambda e: (e.article.date or date.min, e.id))
        items.append({"heading": views.entry_link(newest.id, source), "summary": period_summary(entries),
                      "story": views.story_link(item.story_id, source) if item.story_id else None,
                      "count": v.counted(len(item.article_ids), "article"),
                      # an item of one article is its heading: no list repeating the link
                      "articles": [views.entry_link(i, source) for i in item.article_ids] if len(entries) > 1 else []})
    return {"front_matter": v.front_matter(period.label), "label": period.label, "items": items,
            "archive": v.link("All digests", source, v.DIGESTS_INDEX)}


def _outlets(number: int) -> str:
    return v.counted(number, "outlet") if number else ""


PERIOD_SENTENCES = 5
"""A story in a digest by date is told by at most this many of its articles of the period."""


def period_summary(entries: Sequence[Entry]) -> tuple[str, ...]:
    """What a digest by date says of a story: what its articles of that period reported (one
    article's summary, or the first summary sentence of each, oldest first), never the later
    turns of a story that ran on; a lone article's summary."""
    if len(entries) == 1:
        return entries[0].summary
    ordered = sorted(entries, key=lambda e: (e.article.date or date.max, e.id))
    firsts = [e.summary[0] for e in ordered if e.summary]
    return tuple(dict.fromkeys(firsts))[:PERIOD_SENTENCES]


def _theme_rows(views: v.Views, article_ids: tuple[str, ...], source: str) -> list[v.Row]:
    return [v.Row(views.theme_link(t, source), v.counted(n, "article")) for t, n in views.themes_of(article_ids)]


def _home_charts(views: v.Views) -> list[charts.Chart]:
    digest = views.digest
    leading = {a.name: views.dates(a.article_ids) for a in [a for a in digest.actors if a.page][:5]}
    themes = {t.label: views.dates(t.article_ids)
              for t in sorted(digest.themes, key=lambda t: (-len(t.matches), t.id))[:5]}
    every = views.dates(tuple(e.id for e in digest.entries))
    made = [charts.bar_chart("home-days", "Articles by date", every),
            charts.small_multiples("home-actors", "Articles naming the leading actors", leading, every),
            charts.small_multiples("home-themes", "Articles per theme", themes, every)]
    return [chart for chart in made if chart]
