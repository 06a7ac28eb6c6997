"""Escaping, slugs, feeds and the JSON export on hand-built digests."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from functools import partial

import feedparser
import markdown
import pytest

from generator.engine.charts import cut_charts, put_back
from generator.publish.escape import md_text
from generator.publish.export import render_export
from generator.publish.feeds import guid, render_feeds
from generator.publish.slugs import article_slug, page_path, slugify

from .helpers import small_digest

HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))',
           '# heading {: onclick="alert(1)" }', '--8<-- "/etc/passwd"', '*bold* _it_ `code` ~~s~~ | a | b |',
           '{{ 7*7 }} {% if %}', '<https://example.com>', '&lt;script&gt;', '1. first item', '2) second',
           '- dash item', '+ plus item', '> quoted', '=== setext', '![img](x.png) and [ref]: http://x',
           '    indented code', '***', '<!-- comment -->', 'a | b | c', 'term\n: definition', 'x^2^ ~~del~~']


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_exactly_that_text(text: str) -> None:
    html = markdown.markdown(md_text(text), extensions=["toc", "attr_list", "tables"])
    import html as html_module

    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html[3:-4]
    assert "<" not in inner
    assert html_module.unescape(inner) == " ".join(text.split())


def test_slugs_are_safe_and_never_empty() -> None:
    assert slugify("../../x") == "x"
    assert slugify("index") == "index-1"
    assert slugify("😀🎉").startswith("item-")
    assert len(slugify("word " * 100)) <= 60
    assert slugify("Émile Zola’s café") == "emile-zolas-cafe"
    assert article_slug("Same title", "abc123456") != article_slug("Same title", "def456789")


def test_page_paths_stay_inside_the_site() -> None:
    assert page_path("actors", "nato") == "actors/nato.md"
    for bad in ("../x", "/etc/passwd", "a b"):
        with pytest.raises(ValueError):
            page_path("actors", bad)


def test_links_between_pages_are_the_relative_paths_posixpath_gives() -> None:
    """Pages link each other by paths worked out from their common folders; for any pair of
    paths, clean or not, that is the path ``posixpath.relpath`` gives."""
    import posixpath
    import random

    from generator.publish.views import relative_path

    chance = random.Random(5)
    parts = ["actors", "articles", "a", "index.md", "x.md", ".", "..", ""]
    for _ in range(3000):
        target = "/".join(chance.choice(parts) for _ in range(chance.randint(1, 4))) or "index.md"
        folder = "/".join(chance.choice(parts[:3]) for _ in range(chance.randint(0, 3)))
        assert relative_path(target, folder) == posixpath.relpath(target, folder or "."), (target, folder)
    assert relative_path("actors/jane-doe.md", "articles") == "../actors/jane-doe.md"
    assert relative_path("articles/a.md", "") == "articles/a.md"


def test_feeds_have_stable_guids_and_documented_undated_rule() -> None:
    digest = small_digest()
    feeds = render_feeds(digest, "Site", "https://example.org/digest/", limit=10)
    rss = feedparser.parse(feeds["feed.xml"])
    atom = feedparser.parse(feeds["atom.xml"])
    assert [e.id for e in rss.entries] == [guid("aaa111"), guid("bbb222")] == [e.id for e in atom.entries]
    assert guid("aaa111") == guid("aaa111") and guid("aaa111").startswith("urn:uuid:")
    assert rss.entries[0].link == "https://example.org/digest/articles/first-aaa111/"
    assert rss.entries[0].published.startswith("Wed, 22 Dec 2021")
    assert "published" not in rss.entries[1]  # undated: no pubDate
    assert atom.entries[1].updated.startswith("2021-12-22")  # undated: Atom updated is the build date
    assert rss.feed.updated.startswith("Wed, 22 Dec 2021")


def test_feed_text_is_escaped_for_html_readers() -> None:
    digest = small_digest(title="<b>Bold</b> move", summary=("Say <script>x()</script> now.", "Two."))
    feeds = render_feeds(digest, "Site", "https://example.org/", limit=10)
    for name, data in feeds.items():
        for element in ET.fromstring(data).iter():
            assert "<" not in (element.text or ""), (name, element.tag)
    assert feedparser.parse(feeds["feed.xml"]).entries[0].title == "‹b›Bold‹/b› move"


def test_export_matches_the_documented_shape() -> None:
    files = render_export(small_digest())
    articles = json.loads(files["data/articles.json"])
    assert articles[0] == {"id": "aaa111", "title": "First story", "date": "2021-12-22", "date_source": "header",
                           "source_file": "aaa111.txt", "url": "articles/first-aaa111/", "source_url": None,
                           "summary": ["One.", "Two."],
                           "actors": ["jane-doe"], "themes": [], "story": None,
                           "quotes": [{"text": "We will talk", "speaker": "jane-doe", "speaker_name": "Jane Doe"}]}
    assert articles[1]["date"] is None and articles[1]["date_source"] == "none"
    assert json.loads(files["data/actors.json"]) == [{"id": "jane-doe", "name": "Jane Doe", "kind": "person",
                                                      "aliases": ["Doe"], "articles": ["aaa111"], "mentions": 3,
                                                      "page": True}]
    assert json.loads(files["data/stories.json"]) == [] == json.loads(files["data/themes.json"])


def test_charts_escape_labels_and_describe_their_figures() -> None:
    from datetime import date

    from generator.publish.charts import bar_chart, small_multiples

    days = [date(2021, 12, 21), date(2021, 12, 22), date(2021, 12, 22)]
    bars = bar_chart("c1", "Articles per day", days)
    assert bars is not None and bars.description == "Articles per day: 21 Dec 2021: 1; 22 Dec 2021: 2"
    assert 'role="img"' in bars.svg and "<title id=\"c1-title\">Articles per day</title>" in bars.svg
    rows = small_multiples("c2", "Actors", {"<script>x</script>": days, "Nobody": []})
    assert rows is not None and "<script>" not in rows.svg and "&lt;script&gt;" in rows.svg
    assert small_multiples("c3", "Empty", {"Nobody": []}) is None and bar_chart("c4", "Empty", []) is None
    spread = bar_chart("c5", "Weeks", [date(2021, 1, 4), date(2021, 6, 7)])
    assert spread is not None and spread.description.startswith(
        "Weeks: week of 4 Jan 2021: 1; week of 7 Jun 2021: 1; no articles")
    wednesday = bar_chart("c6", "Weeks", [date(2021, 1, 6), date(2021, 6, 9)])  # a bar stands for its week's Monday
    assert wednesday is not None and "week of 4 Jan 2021: 1; week of 7 Jun 2021: 1" in wednesday.description
    assert ">week of 4 Jan 2021</text>" in wednesday.svg
    weekly_rows = small_multiples("c7", "Actors", {"Ann Lee": [date(2021, 1, 6), date(2021, 6, 9)]})
    assert weekly_rows is not None and "Ann Lee 2 (most in the week of 4 Jan 2021: 1)" in weekly_rows.description


def test_actors_that_share_articles_get_a_row_each_on_one_scale() -> None:
    from datetime import date

    from generator.publish.charts import small_multiples

    shared = [date(2021, 12, 20), date(2021, 12, 21), date(2021, 12, 21)]
    chart = small_multiples("c", "Leading actors", {"Ann Lee": shared, "Bo Chan": shared, "Cy Dorr": shared[:1]})
    assert chart is not None
    # three rows, each with its own label and baseline: identical series never draw on top of each other
    assert chart.svg.count("<line ") == 3 and "Ann Lee (3)" in chart.svg and "Cy Dorr (1)" in chart.svg
    assert chart.description == ("Leading actors, on one scale (tallest bar: 2): Ann Lee 3 (most on 21 Dec 2021: 2); "
                                 "Bo Chan 3 (most on 21 Dec 2021: 2); Cy Dorr 1 (most on 20 Dec 2021: 1)")
    heights = {float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)" fill="#', chart.svg)}
    assert heights == {12.0, 24.0}  # one scale: 1 article is half as tall as 2, in every row


def test_days_without_any_article_are_shaded_as_gaps_not_drawn_as_zeros() -> None:
    from datetime import date

    from generator.publish.charts import bar_chart, small_multiples

    collected = [date(2021, 12, 20), date(2021, 12, 21), date(2021, 12, 24)]
    actor = [date(2021, 12, 20), date(2021, 12, 24)]
    bars = bar_chart("a", "Articles naming Ann Lee", actor, collected)
    assert bars is not None
    # 21 Dec has articles, none naming her: a true zero, no shade; 22 and 23 Dec have none at all
    assert bars.svg.count("no articles collected</title>") == 1  # one band over the two days
    assert bars.description.endswith("no articles collected in 2 of 5 days, shaded (22 Dec 2021, 23 Dec 2021)")
    rows = small_multiples("b", "Leading actors", {"Ann Lee": actor}, collected)
    assert rows is not None and rows.svg.count("no articles collected</title>") == 1


def test_long_actor_page_keeps_summaries_for_the_newest_and_lists_every_article() -> None:
    from datetime import date, timedelta

    from generator.models import Actor, ActorKind, AttributedQuote, Digest, Entry
    from generator.publish.render import FULL_ENTRIES, QUOTES, render_pages
    from generator.publish.views import actor_page

    from .helpers import article

    days = [date(2022, 1, 1) + timedelta(days=n) for n in range(30)]
    entries = tuple(Entry(article(f"a{n:03d}", f"Story number {n}", day), f"articles/story-{n}/",
                          (f"Summary sentence {n}.",), ("jane-doe",), (), None,
                          tuple(AttributedQuote(f"Quote {n}-{k}", "jane-doe") for k in range(2)), ())
                    for n, day in enumerate(days))
    actor = Actor("jane-doe", "Jane Doe", ActorKind.PERSON, (), tuple(e.id for e in entries), 30)
    newest_first = tuple(reversed(entries))  # as the digest orders its entries
    page = render_pages(Digest(newest_first, (actor,), (), (), days[-1]), "Test", 10)[actor_page(actor)]
    assert all(f"Story number {n}" in page for n in range(30))  # every article is listed
    newest = range(29, 29 - FULL_ENTRIES, -1)
    assert {n for n in range(30) if f"Summary sentence {n}." in page} == set(newest)
    assert page.index("Story number 29") < page.index("## Earlier articles") < page.index("Story number 9]")
    assert page.count("“Quote ") == QUOTES and "The 50 newest of 60 quotes" in page


def test_long_timeline_is_split_into_months_and_lists_each_article_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date, timedelta

    from generator.models import Digest, Entry
    from generator.publish import render

    from .helpers import article

    monkeypatch.setattr(render, "TIMELINE_PAGE", 10)
    days = [date(2022, 1, 1) + timedelta(days=4 * n) for n in range(30)]  # January to April
    entries = tuple(Entry(article(f"a{n:03d}", f"Story number {n}", day), f"articles/story-{n}/", (), (), (),
                          None, (), ()) for n, day in reversed(list(enumerate(days))))
    entries += (Entry(article("u001", "Story without a date", None), "articles/u/", (), (), (), None, (), ()),)
    pages = render_pages_of(Digest(entries, (), (), (), days[-1]))
    timeline = {path: text for path, text in pages.items() if path == "timeline.md" or path.startswith("timeline/")}
    assert sorted(timeline) == ["timeline.md", "timeline/2022-01.md", "timeline/2022-02.md", "timeline/2022-03.md",
                                "timeline/undated.md"]
    listed = [title for text in timeline.values() for title in re.findall(r"\[(Story [^\]]+)\]", text)]
    assert sorted(listed) == sorted(e.article.title for e in entries)  # every article exactly once
    assert "Story number 29" in timeline["timeline.md"] and "Story number 0]" in timeline["timeline/2022-01.md"]
    assert "[January 2022](timeline/2022-01.md)" in timeline["timeline.md"]
    assert "[Latest](../timeline.md)" in timeline["timeline/undated.md"]


def test_a_long_list_of_an_actors_articles_gets_a_page_for_each_older_month(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every article of the actor (and of the theme) is listed once across its pages, the newest on
    the actor's own page; each older month has a page linked both ways; adding an article of the
    newest month changes no month page."""
    from dataclasses import replace
    from datetime import date, timedelta

    from generator.models import Actor, ActorKind, Digest, Entry, Theme, ThemeMatch
    from generator.publish import render

    from .helpers import article

    monkeypatch.setattr(render, "ACTOR_PAGE", 10)
    monkeypatch.setattr(render, "THEME_PAGE", 10)
    monkeypatch.setattr(render, "FULL_ENTRIES", 3)
    days = [date(2022, 1, 1) + timedelta(days=4 * n) for n in range(30)]  # January to April
    entries = tuple(Entry(article(f"a{n:03d}", f"Story number {n}", day), f"articles/story-{n}/", (f"Summary {n}.",),
                          ("kai-b-lund",), (), None, (), ()) for n, day in reversed(list(enumerate(days))))
    actor = Actor("kai-b-lund", "Kai <b> Lund", ActorKind.PERSON, (), tuple(e.id for e in entries), 30)
    theme = Theme("floods", "Floods", "Rivers over their banks.", tuple(ThemeMatch(e.id, ("flood",)) for e in entries))
    pages = render_pages_of(Digest(entries, (actor,), (theme,), (), days[-1]))
    on_theme = {path: text for path, text in pages.items() if path.startswith("themes/floods")}
    assert len(on_theme) == 4 and "[January 2022](floods/2022-01.md)" in on_theme["themes/floods.md"]
    assert sorted(title for text in on_theme.values() for title in re.findall(r"\[(Story [^\]]+)\]", text)) == \
        sorted(e.article.title for e in entries)
    assert "[Story number 0](../../articles/story-0.md) · flood" in on_theme["themes/floods/2022-01.md"]
    mine = {path: text for path, text in pages.items() if path.startswith("actors/kai-b-lund")}
    assert sorted(mine) == ["actors/kai-b-lund.md", "actors/kai-b-lund/2022-01.md", "actors/kai-b-lund/2022-02.md",
                            "actors/kai-b-lund/2022-03.md"]
    listed = [title for text in mine.values() for title in re.findall(r"\[(Story [^\]]+)\]", text)]
    assert sorted(listed) == sorted(e.article.title for e in entries)  # every article exactly once
    assert "Summary 29." in mine["actors/kai-b-lund.md"] and "Summary 20." not in mine["actors/kai-b-lund.md"]
    assert "[January 2022](kai-b-lund/2022-01.md)" in mine["actors/kai-b-lund.md"]
    assert "[Latest](../kai-b-lund.md)" in mine["actors/kai-b-lund/2022-01.md"]
    assert "Kai <b> Lund" not in "".join(mine.values())  # the name is text on every page
    newer = Entry(article("a100", "Story number 100", days[-1]), "articles/story-100/", (), (actor.id,), (), None,
                  (), ())
    more = render_pages_of(Digest((newer, *entries), (replace(actor, article_ids=(*actor.article_ids, "a100")),),
                                  (theme,), (), days[-1]))
    assert all(more[path] == text for path, text in mine.items() if path != "actors/kai-b-lund.md")


def render_pages_of(digest):
    from generator.publish.render import render_pages

    return render_pages(digest, "Test", 10)


def test_an_actor_named_in_one_article_has_no_page_and_is_plain_text() -> None:
    from dataclasses import replace

    from generator.models import Actor, ActorKind
    from generator.publish.render import render_pages

    from .helpers import small_digest

    digest = small_digest()
    once = Actor("sam-price", "Sam <Price>", ActorKind.PERSON, (), ("aaa111",), 1, page=False)
    first = replace(digest.entries[0], actor_ids=("jane-doe", "sam-price"))
    digest = replace(digest, entries=(first, *digest.entries[1:]), actors=(*digest.actors, once))
    pages = render_pages(digest, "Site", 10)
    assert "actors/jane-doe.md" in pages and "actors/sam-price.md" not in pages
    article_page = next(text for path, text in pages.items() if path.startswith("articles/first"))
    assert "Sam &#60;Price&#62;" in article_page and "sam-price.md" not in article_page
    assert "Sam" not in pages["actors/index.md"]
    files = render_feeds(digest, "Site", "https://example.org/", 10)
    assert "feed-actors-jane-doe.xml" in files and "feed-actors-sam-price.xml" not in files


def test_a_feed_is_made_again_only_when_its_items_change_and_comes_out_the_same(tmp_path, monkeypatch) -> None:
    from generator.publish import feeds as feeds_module
    from generator.store import Store

    made = []
    real = feeds_module._both
    monkeypatch.setattr(feeds_module, "_both", lambda spec, *rest: made.append(spec.rss) or real(spec, *rest))
    store = Store(tmp_path / "feeds.sqlite")
    first = render_feeds(small_digest(), "Site", "https://example.org/", 10, store)
    assert sorted(made) == ["feed-actors-jane-doe.xml", "feed.xml"]
    assert first == render_feeds(small_digest(), "Site", "https://example.org/", 10)  # the store changes nothing

    made.clear()
    assert render_feeds(small_digest(), "Site", "https://example.org/", 10, store) == first and made == []

    changed = small_digest(summary=("One, told anew.", "Two."))  # an article of both feeds
    again = render_feeds(changed, "Site", "https://example.org/", 10, store)
    assert sorted(made) == ["feed-actors-jane-doe.xml", "feed.xml"]
    assert again == render_feeds(changed, "Site", "https://example.org/", 10) != first

    made.clear()
    moved = render_feeds(changed, "Site", "https://example.org/", 10, store)
    assert made == [] and moved == again


def test_feeds_made_in_two_parts_by_two_processes_are_the_feeds_made_whole(tmp_path, monkeypatch) -> None:
    """A build makes its feeds in two parts, one in a forked copy: the same files, in the same order,
    and the store keeps the records of both parts for the next build."""
    from generator.publish import feeds as feeds_module
    from generator.runner import Runner, Split
    from generator.store import Store
    from generator.timing import StageTimer

    digest = small_digest()
    whole = render_feeds(digest, "Site", "https://example.org/", 10)
    store = Store(tmp_path / "feeds.sqlite")
    catalogue = feeds_module.feed_catalogue(digest, "Site")
    (parts,) = Runner(StageTimer(), 2).run(
        Split("feeds", catalogue, partial(feeds_module.make_feeds, digest, site_url="https://example.org/", limit=10,
                                          store=store),
              partial(feeds_module.finish_feeds, catalogue=catalogue, site_name="Site",
                      site_url="https://example.org/", store=store), spread=True))
    assert list(parts.items()) == list(whole.items())
    made = []
    real = feeds_module._both
    monkeypatch.setattr(feeds_module, "_both", lambda spec, *rest: made.append(spec.rss) or real(spec, *rest))
    assert render_feeds(digest, "Site", "https://example.org/", 10, store) == whole
    assert made == []


def test_a_quote_shows_its_speaker_as_written_when_no_actor_is_theirs() -> None:
    from dataclasses import replace

    from generator.models import AttributedQuote
    from generator.publish.render import render_pages

    from .helpers import small_digest

    digest = small_digest()
    quotes = (AttributedQuote("I dreamed of this", None, "Ivo <Brankov>"), AttributedQuote("That is tennis", None))
    digest = replace(digest, entries=(replace(digest.entries[0], quotes=quotes), *digest.entries[1:]))
    article_page = next(text for path, text in render_pages(digest, "Site", 10).items()
                        if path.startswith("articles/first"))
    assert "“I dreamed of this” — Ivo &#60;Brankov&#62;" in article_page
    assert "“That is tennis” — speaker not stated" in article_page


def test_a_digest_by_date_tells_a_story_by_its_articles_of_that_period() -> None:
    from datetime import date

    from generator.models import Entry
    from generator.publish.render import period_summary

    from .helpers import article

    def entry(article_id: str, day: date, summary: tuple[str, ...]) -> Entry:
        return Entry(article(article_id, article_id, day), f"articles/{article_id}/", summary, (), (), "s", (), ())

    bid = entry("a", date(2026, 1, 12), ("Brightwater agreed to buy Corlan.", "Shares rose."))
    review = entry("b", date(2026, 2, 20), ("Regulators opened a review of the deal.", "A decision is due in June."))
    assert period_summary([review]) == review.summary  # the week of the review says nothing of June's approval
    assert period_summary([review, bid]) == ("Brightwater agreed to buy Corlan.",
                                             "Regulators opened a review of the deal.")


def test_counts_read_as_english_one_article_not_one_articles() -> None:
    from dataclasses import replace

    from generator.publish.render import render_pages
    from generator.publish.views import counted

    from .helpers import small_digest

    assert (counted(1, "article"), counted(3, "article"), counted(1, "shared article")) == (
        "1 article", "3 articles", "1 shared article")
    digest = small_digest()
    digest = replace(digest, actors=(replace(digest.actors[0], page=True, mentions=1),))
    pages = render_pages(digest, "Site", 10)
    assert "Person · 1 article · 1 mention" in pages["actors/jane-doe.md"]
    assert "1 articles" not in " ".join(pages.values()) and "2 articles." in pages["index.md"]


def test_a_digest_by_date_heads_a_story_with_its_headline_of_that_period() -> None:
    from dataclasses import replace
    from datetime import date

    from generator.corpus.digests import build_periods
    from generator.models import Story
    from generator.publish.render import render_pages

    from .helpers import article, small_digest

    digest = small_digest()
    bid = replace(digest.entries[0], article=article("aaa111", "Brightwater bids for Corlan", date(2026, 1, 12)),
                  story_id="deal")
    review = replace(digest.entries[1], article=article("bbb222", "Regulators review the deal", date(2026, 2, 20)),
                     story_id="deal")
    story = Story("deal", "Brightwater wins approval", ("aaa111", "bbb222"), ("Approved.",), date(2026, 1, 12),
                  date(2026, 6, 30))
    entries = (review, bid)
    digest = replace(digest, entries=entries, stories=(story,), periods=build_periods(entries, (story,)))
    week = render_pages(digest, "Site", 10)["digests/2026-w08.md"]
    assert "### [Regulators review the deal]" in week and "Part of the story [Brightwater wins approval]" in week
    assert "Brightwater bids for Corlan" not in week and "Approved." not in week
    assert "in this period" not in week  # its one article is its heading: no second link to it


def test_charts_go_around_the_markdown_and_back_and_no_article_can_fake_one() -> None:
    chart = '<div class="digest-chart"><svg viewBox="0 0 640 180"><title>Articles</title></svg></div>'
    hostile = md_text('<div class="digest-chart">not a chart</div> <!-- digest-chart 0 -->')
    page = f"# Actor\n\n{hostile}\n\n**Articles**\n\n{chart}\n\nAlso written as: A\n"
    cut, charts = cut_charts(page)
    assert charts == (chart,) and "<svg" not in cut and hostile in cut
    html = markdown.markdown(cut)
    assert put_back(html, charts) == markdown.markdown(page)  # as if the chart had gone through Markdown



def test_charts_are_the_lines_a_pattern_finds_wherever_they_stand() -> None:
    """Chart lines are cut where they stand, alone on their line, first or last, one after
    another, or not at all when a line only starts or only ends like one: as the pattern
    ``^<div class="digest-chart">.*</div>$`` (multi-line) finds them."""
    import random

    pattern = re.compile(r'^<div class="digest-chart">.*</div>$', re.MULTILINE)
    bits = ['<div class="digest-chart">', "<svg/>", "</div>", "\n", "\r\n", "text ", "<!-- digest-chart 0 -->"]
    chance = random.Random(3)
    for _ in range(4000):
        page = "".join(chance.choice(bits) for _ in range(chance.randint(0, 12)))
        cut, charts = cut_charts(page)
        assert charts == tuple(pattern.findall(page)), page
        parts = pattern.sub("\0", page).split("\0")
        assert cut == parts[0] + "".join(f"<!-- digest-chart {n} -->{part}" for n, part in enumerate(parts[1:])), page


def test_pages_kept_by_their_context_are_the_pages_made_afresh(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page whose context did not change comes from the record of the last build, unrendered; a
    page whose context changed is rendered; every page is the one a build without records makes."""
    from datetime import date, timedelta

    import jinja2

    from generator.models import Actor, ActorKind, Digest, Entry
    from generator.publish.render import pages_joined, remembered_pages
    from generator.store import Store

    from .helpers import article

    rendered: list[str] = []
    plain = jinja2.Template.render

    def counting(template: jinja2.Template, *args, **kwargs) -> str:
        rendered.append(template.name)
        return plain(template, *args, **kwargs)

    days = [date(2022, 3, 1) + timedelta(days=n) for n in range(6)]

    def digest(count: int) -> Digest:
        entries = tuple(Entry(article(f"a{n:03d}", f"Story number {n}", days[n]), f"articles/story-{n}/",
                              (f"Summary sentence {n}.",), ("jane-doe",) if n % 2 else ("max-roe",), (), None, (), ())
                        for n in reversed(range(count)))
        actors = tuple(Actor(key, name, ActorKind.PERSON, (), tuple(e.id for e in entries if key in e.actor_ids),
                             2) for key, name in (("jane-doe", "Jane Doe"), ("max-roe", "Max Roe")))
        return Digest(entries, actors, (), (), days[count - 1])

    store = Store(tmp_path / "markdown.sqlite")
    made_by_build = []
    for count in (5, 5, 6):
        rendered.clear()
        with monkeypatch.context() as patched:
            patched.setattr(jinja2.Template, "render", counting)
            pages = pages_joined([remembered_pages(digest(count), "Test", 10, store=store)], store)
        made_by_build.append((list(rendered), len(pages)))
        assert pages == render_pages_of(digest(count))  # the pages made afresh, without records
    (first, pages_first), (second, _), (third, pages_third) = made_by_build
    assert len(first) == pages_first  # no records yet: every page rendered
    assert second == []  # nothing changed: nothing rendered
    assert "article.md.j2" in third and len(third) < pages_third / 2  # only the pages whose context changed


def test_the_feeds_page_lists_the_sites_and_themes_feeds_and_counts_those_on_their_own_pages() -> None:
    """Every actor's and story's feeds are linked from its own page and listed in feeds.opml; the
    Feeds page counts them and links the indexes, and lists the site's and each theme's."""
    from dataclasses import replace

    from generator.models import Theme, ThemeMatch
    from generator.publish.render import render_pages

    digest = small_digest()
    matches = tuple(ThemeMatch(e.article.id, ("power",)) for e in digest.entries)
    theme = Theme("energy", "Energy <policy>", "Power.", matches)
    digest = replace(digest, themes=(theme,))
    pages = render_pages(digest, "Site", 10)
    feeds = pages["feeds.md"]
    assert "[RSS](feed.xml) · [Atom](atom.xml)" in feeds
    assert "Energy &#60;policy&#62; · Site: [RSS](feed-themes-energy.xml)" in feeds
    assert "feed-actors-jane-doe" not in feeds and "1 actor feed (see [Actors](actors/index.md))" in feeds
    assert "0 story feeds (see [Stories](stories/index.md))" in feeds
    assert "Follow: [RSS](../feed-actors-jane-doe.xml)" in pages["actors/jane-doe.md"]
    opml = render_feeds(digest, "Site", "https://example.org/", 10)["feeds.opml"].decode("utf-8")
    assert "feed-actors-jane-doe.xml" in opml and "feed-themes-energy.xml" in opml


def test_the_stories_index_summarizes_the_most_recent_stories_and_lists_the_rest() -> None:
    from dataclasses import replace
    from datetime import date

    from generator.models import Story
    from generator.publish.render import FULL_STORIES, render_pages

    digest = small_digest()
    ids = tuple(e.article.id for e in digest.entries)
    stories = tuple(Story(f"story-{n:02d}", f"Story <{n}>", ids, (f"Summary {n}.",), date(2024, 1, 1 + n),
                          date(2024, 1, 1 + n)) for n in range(FULL_STORIES + 3))
    index = render_pages(replace(digest, stories=stories), "Site", 10)["stories/index.md"]
    recent, earlier = index.split("## Earlier stories")
    newest = [f"story-{n:02d}" for n in range(FULL_STORIES + 2, 2, -1)]
    assert re.findall(r"\(story-\d\d\.md\)", recent) == [f"({slug}.md)" for slug in newest]
    assert all(f"Summary {n}." in recent for n in range(3, FULL_STORIES + 3)) and "Summary 2." not in index
    assert re.findall(r"- \[Story &#60;(\d)&#62;\]\(story-0\d\.md\) · \d January 2024 · 2 articles", earlier) == [
        "2", "1", "0"]
