"""The sample articles: exactly the residue goes, every article line stays, dates and titles as a reader expects."""

from __future__ import annotations

from datetime import date

import pytest

from generator.ingest import ingest
from generator.ingest.files import normalise_text
from generator.models import DateSource, Severity

from .conftest import SEEDS

# Every removed line with its rule, in file order.
REMOVED = {
    "000_9d333b87861021ee.txt": [("photo-credit", "Vladimir Putin during press conference Sputnikq/Mikhail "
                                  "Tereshchenko Pool/via Reuters Photo: Sputnik/Mikhail Tereshchenko/Pool / Reuters")],
    "001_7d38692210c993ff.txt": [("timestamp", "posted on 12/26/2021 5:10 PM"),
                                 ("photo-credit", "(credit: Mikhail Metzel/AFP)")],
    "002_caf6e756d51fc672.txt": [],
    "003_f55253afa69fbce5.txt": [("see-also", "Read Also:  Europe is not prepared for climate threats"),
                                 ("punctuation-only", "."), ("trailer", "Recent Articles"),
                                 ("trailer", "Related News"), ("trailer", "Leave A Reply"),
                                 ("trailer", "Please enter your comment!"), ("trailer", "Please enter your name here")],
    "004_ba1a0382fca0afd2.txt": [("trailer", "World - Latest - Google News"),
                                 ("timestamp", "December 22, 2021 at 10:45AM"),
                                 ("lone-url", "https://ift.tt/3Fk2aTG"),
                                 ("trailer", "As Ukraine tensions mount, Putin says Russia has 'every right' to "
                                  "'react harshly to unfriendly steps' - CNN"),
                                 ("trailer", "World - Latest - Google News"), ("lone-url", "https://ift.tt/2SeTG7d"),
                                 ("trailer", "No comments:"), ("trailer", "Post a Comment")],
}
DATES = {"000_9d333b87861021ee.txt": (date(2021, 12, 22), DateSource.HEADER),
         "001_7d38692210c993ff.txt": (date(2021, 12, 28), DateSource.HEADER),
         "002_caf6e756d51fc672.txt": (date(2021, 12, 21), DateSource.HEADER),
         "003_f55253afa69fbce5.txt": (None, DateSource.NONE),
         "004_ba1a0382fca0afd2.txt": (date(2021, 12, 22), DateSource.TRAILER)}


@pytest.fixture(scope="module")
def seeds():
    return ingest(SEEDS)


def test_exactly_the_residue_is_removed(seeds) -> None:
    assert {a.source_file: [(r.rule, r.line) for r in a.removed] for a in seeds.articles} == REMOVED


def test_no_article_line_is_lost(seeds) -> None:
    for article in seeds.articles:
        raw = normalise_text((SEEDS / article.source_file).read_text(encoding="utf-8"))
        gone = {line for _, line in REMOVED[article.source_file]}
        text = " ".join(article.text.split())
        for line in raw.splitlines():
            line = line.replace("(CNN)", "").strip()
            line = line.split(" ", 2)[2] if line.startswith("date 20") else line
            if line and line not in gone and line != article.title:
                assert " ".join(line.split()) in text, (article.source_file, line)


def test_dates_and_their_sources(seeds) -> None:
    assert {a.source_file: (a.date, a.date_source) for a in seeds.articles} == DATES


def test_date_reports(seeds) -> None:
    notes = [(f.path, f.reason) for f in seeds.findings]
    assert notes == [("001_7d38692210c993ff.txt", "byline date 2021-12-26 conflicts with header date 2021-12-28; "
                      "kept the header date"), ("003_f55253afa69fbce5.txt", "no date found; listed under Undated")]
    assert all(f.severity is Severity.NOTE for f in seeds.findings)


def test_titles_read_as_headlines(seeds) -> None:
    titles = {a.source_file: a.title for a in seeds.articles}
    assert titles["003_f55253afa69fbce5.txt"] == ("Putin warns that Russia will respond “militarily and technically” "
                                                  "to threats from the West")
    assert titles["004_ba1a0382fca0afd2.txt"] == ("As Ukraine tensions mount, Putin says Russia has 'every right' to "
                                                  "'react harshly to unfriendly steps'")
    for source in ("000_9d333b87861021ee.txt", "001_7d38692210c993ff.txt", "002_caf6e756d51fc672.txt"):
        assert len(titles[source]) <= 91 and titles[source].endswith("…")
        assert titles[source].split()[-1].rstrip("…").lower() not in {"a", "the", "of", "to", "and", "towards"}


def test_outlets(seeds) -> None:
    outlets = {a.source_file: a.outlet for a in seeds.articles}
    assert outlets["004_ba1a0382fca0afd2.txt"] == "CNN"
    assert outlets["000_9d333b87861021ee.txt"] is None  # Reuters and Sputnik are photo agencies in a credit
