"""Never lose an article: every word of every input is accounted for, and prose is always kept."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.ingest import ingest, parse_article
from generator.ingest.audit import unaccounted
from generator.ingest.files import SourceText, discover, read_source
from generator.models import TitleSource

ROOT = Path(__file__).parent.parent
EVAL = ROOT.parent / "shared" / "eval"
FOLDERS = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "bad", ROOT / "tests" / "fixtures" / "hostile"]
DEV_FOLDERS = [EVAL / name / "articles" for name in ("bbc-dev", "summeval-dev", "gva-dev", "ecbplus-dev",
                                                      "elevant-dev")] + [EVAL / "scrapinghub-dev" / "text",
                                                                         EVAL / "scrapinghub-dev" / "html"]
SENTENCES = ["The county opened a new library branch on Saturday morning near the old mill.",
             "About three hundred people came to see the reading rooms and the children's corner.",
             "The branch cost 4 million dollars and was paid for by a bond approved in 2022.",
             "Librarians said the first week of opening hours would run late into the evening"]


def unaccounted_files(folder: Path) -> dict[str, dict[str, int]]:
    failures = {}
    for item in discover(folder)[0]:
        source, _ = read_source(item)
        article = parse_article(source)[0] if source else None
        if article is not None and (missing := unaccounted(source, article)):
            failures[item.relative] = dict(missing)
    return failures


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_every_word_of_every_fixture_is_in_exactly_one_place(folder: Path) -> None:
    assert unaccounted_files(folder) == {}


@pytest.fixture(params=DEV_FOLDERS, ids=lambda folder: f"{folder.parent.name}/{folder.name}")
def dev_folder(request: pytest.FixtureRequest) -> Path:
    if not request.param.is_dir():
        pytest.skip(f"{request.param} is not here (../shared/eval)")
    return request.param


@pytest.mark.quality
def test_every_word_of_every_dev_set_file_is_in_exactly_one_place(dev_folder: Path) -> None:
    assert unaccounted_files(dev_folder) == {}


@pytest.mark.quality
def test_no_dev_set_article_is_lost(dev_folder: Path) -> None:
    lost = [f for f in ingest(dev_folder).findings if "skipped" in f.reason and "same text as" not in f.reason]
    assert lost == []


def test_the_invariant_sees_a_lost_and_a_doubled_word() -> None:
    source = SourceText("a.txt", {}, "Headline of the day\n\n" + " ".join(SENTENCES))
    article = parse_article(source)[0]
    assert unaccounted(source, article) == {}
    lost = dataclasses.replace(article, paragraphs=(*article.paragraphs[:-1], "The county opened"))
    doubled = dataclasses.replace(article, header=("Headline",))
    assert unaccounted(source, lost)
    assert unaccounted(source, doubled) == {"headline": 1}


@pytest.mark.parametrize("layout", ["one line", "line per sentence", "no blank lines", "headline and one line"])
def test_prose_is_kept_whatever_its_layout(tmp_path: Path, layout: str) -> None:
    text = {"one line": " ".join(SENTENCES),
            "line per sentence": "\n\n".join(SENTENCES),
            "no blank lines": "\n".join(SENTENCES),
            "headline and one line": "Library opens in the old mill\n" + " ".join(SENTENCES)}[layout]
    (tmp_path / "a.txt").write_text(text + "\n", encoding="utf-8")
    (article,) = ingest(tmp_path).articles
    assert " ".join(article.paragraphs) == " ".join(SENTENCES)  # the last one ends mid-sentence
    assert article.removed == ()
    if layout.startswith("headline"):
        assert (article.title, article.title_source) == ("Library opens in the old mill", TitleSource.HEADLINE)
    else:
        assert article.title_source == TitleSource.LEAD
        assert article.title.startswith("The county opened a new library branch")


def test_a_long_first_line_is_text_not_a_headline(tmp_path: Path) -> None:
    long_line = "Ticket prices at the city's football ground will rise by a fifth next season, the club said on"
    (tmp_path / "a.txt").write_text(f"{long_line}\nMonday after a vote.\n\n{SENTENCES[1]}\n", encoding="utf-8")
    (article,) = ingest(tmp_path).articles
    assert article.paragraphs[0].startswith(long_line)
    assert article.title_source == TitleSource.LEAD
