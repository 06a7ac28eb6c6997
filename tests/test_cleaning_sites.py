"""Cleaning on article shapes from other kinds of sites: the general rules, not the sample's phrases."""

# ruff: noqa: E501 - the sample articles keep their real line lengths

from __future__ import annotations

from pathlib import Path

from generator.ingest import ingest
from generator.models import DateSource

PUBLIC_BROADCASTER = """Ministers agree new plan to end rail strikes
Published
3 hours ago
Share
Image source, Getty Images
Image caption, Rail workers on a picket line in London last month
By Jane Doe
Business reporter
The government has agreed a new plan with unions to end the rail strikes that have disrupted travel since June.
Under the deal, workers will receive a pay rise of 5% this year and a further 4% next year, the transport secretary said.
"This is a fair offer that recognises the work our railway staff do," she told reporters on Tuesday.
Unions said members would vote on the offer in the coming weeks.
Related Topics
Rail strikes
UK economy
More on this story
"""

WIRE = """LONDON (Reuters) - Britain's biggest energy supplier said on Wednesday it would cut household bills by 10% from April, as wholesale gas prices fall.
The company said the cut would save a typical home about 150 pounds a year.
Analysts said other suppliers were likely to follow within weeks.
Reporting by Kate Holton; Editing by Alex Richardson
"""

BLOG = """Home | News | World | Europe
We use cookies to give you the best experience. By continuing to browse you agree to our cookie policy.
Farmers block roads in protest over new fuel taxes
March 3, 2023 at 9:15 am
Farmers drove hundreds of tractors into the capital on Friday to protest against a planned rise in fuel taxes.
Advertisement
The protest closed three main roads for most of the morning, police said.
READ MORE: Fuel prices hit a record high
The agriculture minister said she would meet farmers' leaders next week.
Share this:
Twitter
Facebook
Like this:
Loading...
"""


def read(tmp_path: Path, name: str, text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    (article,) = ingest(tmp_path).articles
    return article


def sentences_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip().endswith((".", '"'))]


def test_public_broadcaster_page(tmp_path: Path) -> None:
    article = read(tmp_path, "a.txt", PUBLIC_BROADCASTER)
    assert article.title == "Ministers agree new plan to end rail strikes"
    assert list(article.paragraphs) == sentences_of(PUBLIC_BROADCASTER)
    removed = {r.line: r.rule for r in article.removed}
    assert removed["Image source, Getty Images"] == "photo-credit"
    assert removed["Image caption, Rail workers on a picket line in London last month"] == "photo-credit"
    assert removed["By Jane Doe"] == "byline"
    assert set(removed) >= {"Published", "3 hours ago", "Share", "Business reporter", "Related Topics",
                            "More on this story"}


def test_wire_story_dateline_and_credits(tmp_path: Path) -> None:
    article = read(tmp_path, "a.txt", WIRE)
    assert article.outlet == "Reuters"
    assert article.paragraphs[0].startswith("LONDON (Reuters) - Britain's biggest energy supplier said on Wednesday")
    assert article.title == "Britain's biggest energy supplier said on Wednesday it would cut household bills by 10%…"
    assert len(article.paragraphs) == 3
    assert [r.line for r in article.removed] == ["Reporting by Kate Holton; Editing by Alex Richardson"]


def test_blog_page_with_menus_cookies_and_share_buttons(tmp_path: Path) -> None:
    article = read(tmp_path, "a.txt", BLOG)
    assert (article.date, article.date_source) == (__import__("datetime").date(2023, 3, 3), DateSource.BYLINE)
    assert article.paragraphs == (
        "Farmers drove hundreds of tractors into the capital on Friday to protest against a planned rise in fuel "
        "taxes.", "The protest closed three main roads for most of the morning, police said.",
        "The agriculture minister said she would meet farmers' leaders next week.")
    rules = {r.line: r.rule for r in article.removed}
    assert rules["Home | News | World | Europe"] == "navigation"
    assert rules["We use cookies to give you the best experience. By continuing to browse you agree to our cookie "
                 "policy."] == "cookie-notice"
    assert rules["READ MORE: Fuel prices hit a record high"] == "see-also"
    assert rules["Advertisement"] == "share-or-subscribe"


def test_lines_repeated_across_the_corpus_are_boilerplate(tmp_path: Path) -> None:
    footer = "Sign in to get our morning briefing in your inbox"
    for number, topic in enumerate(["bridge", "school", "library", "hospital"]):
        (tmp_path / f"{number}.txt").write_text(
            f"The council approved a new {topic} for the town centre on Monday night after a long debate.\n\n"
            f"{footer}\n\nWork on the {topic} will begin in the spring and last for two years, officials said.\n")
    articles = ingest(tmp_path).articles
    assert len(articles) == 4
    for article in articles:
        assert footer not in article.text
        assert [(r.line, r.rule) for r in article.removed] == [(footer, "repeated-boilerplate")]
        assert len(article.paragraphs) == 2


def test_shared_wire_paragraphs_are_not_boilerplate(tmp_path: Path) -> None:
    shared = "The central bank raised its main interest rate by half a point to 4.5%, the highest level since 2008."
    for number in range(3):
        (tmp_path / f"{number}.txt").write_text(f"Outlet {number} reports on the rate decision of Thursday morning.\n\n"
                                                 f"{shared}\n")
    for article in ingest(tmp_path).articles:
        assert shared in article.text


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    html = """<html><head><title>Talks resume in Geneva | Example News</title>
    <meta property="article:published_time" content="2022-01-04T10:00:00Z">
    <meta property="og:site_name" content="Example News"><meta property="og:title" content="Talks resume in Geneva">
    </head><body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
    <article><h1>Talks resume in Geneva</h1>
    <p>Diplomats from both governments met in Geneva on Tuesday to prepare the talks that open next week.</p>
    <p>The delegations said the meeting was constructive and that a joint statement would follow on Wednesday.</p>
    </article><footer><p>Share this article</p><p>Copyright 2022 Example News</p></footer>
    <script>alert(1)</script></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (article,) = ingest(tmp_path).articles
    assert article.title == "Talks resume in Geneva"
    assert (article.date.isoformat(), article.date_source) == ("2022-01-04", DateSource.METADATA)
    assert article.outlet == "Example News"
    assert article.paragraphs == (
        "Diplomats from both governments met in Geneva on Tuesday to prepare the talks that open next week.",
        "The delegations said the meeting was constructive and that a joint statement would follow on Wednesday.")
