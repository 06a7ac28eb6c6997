"""The fixtures folder of bad files: each is read or skipped with the right report, none stops ingestion."""

from __future__ import annotations

import json
from pathlib import Path

import spacy
from click.testing import CliRunner

from generator.analyze.nlp import PART_CHARS, analyze_with, split_parts
from generator.cli import main
from generator.corpus.assemble import article_page
from generator.ingest import ingest
from generator.models import Severity

from .conftest import FIXTURES
from .helpers import article

BAD = FIXTURES / "bad"


def test_every_bad_file_is_reported_with_its_reason() -> None:
    result = ingest(BAD)
    problems = {f.path: f.reason for f in result.findings if f.severity is Severity.PROBLEM}
    assert problems == {
        "binary.txt": "binary file (contains NUL bytes); skipped",
        "cp1252.txt": "not valid UTF-8 (byte 19); read as Windows-1252",
        "duplicate-b.txt": "same text as duplicate-a.txt; skipped as a duplicate",
        "empty.txt": "empty file; skipped",
        "malformed-front-matter.md": "malformed YAML front matter at line 3: expected ',' or ']', but got "
                                     "'<stream end>'; front matter ignored",
        "outside-link.txt": "symbolic link pointing outside the input folder; not followed",
        "photo.jpg": "unsupported file type '.jpg'; skipped",
        "whitespace.txt": "empty file; skipped",
        "yaml-tag.md": "front matter refused: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
                       "would build an object; ignored",
    }


def test_readable_bad_files_still_become_articles() -> None:
    articles = {a.source_file: a for a in ingest(BAD).articles}
    assert sorted(articles) == [
        "bom-front-matter.md", "control-chars.txt", "cp1252.txt", "crlf.txt", "duplicate-a.txt",
        "malformed-front-matter.md", "same-title-1.md", "same-title-2.md", "title-dotdot.md", "title-emoji.md",
        "title-index.md", "title-long.md", "yaml-tag.md"]
    assert articles["bom-front-matter.md"].title == "Treaty talks open"  # the BOM does not hide front matter
    assert articles["bom-front-matter.md"].outlet == "River News"
    assert articles["cp1252.txt"].text.startswith("Café owners in Vienna said on Tuesday that the new “water levy”")
    assert "\r" not in articles["crlf.txt"].text and len(articles["crlf.txt"].paragraphs) == 2
    control = articles["control-chars.txt"].text
    assert control.startswith("Officials from Slovenia met in Vienna") and "\u200b" not in control
    assert not any(ch in control for ch in "\x07\x1b\u200d")
    assert not articles["yaml-tag.md"].title.startswith("!!")


def test_bad_titles_get_distinct_safe_stable_slugs() -> None:
    articles = ingest(BAD).articles
    paths = [article_page(a) for a in articles]
    assert len(set(paths)) == len(paths)
    by_file = {a.source_file: article_page(a) for a in articles}
    assert by_file["title-dotdot.md"].startswith("articles/x-")
    assert by_file["title-index.md"].startswith("articles/index-1-")
    assert by_file["title-emoji.md"].startswith("articles/article-")
    assert len(by_file["title-long.md"]) <= len("articles/") + 60 + 7 + 3
    assert by_file["same-title-1.md"] != by_file["same-title-2.md"]
    assert by_file == {a.source_file: article_page(a) for a in ingest(BAD).articles}


def test_two_megabyte_article_is_analysed_in_parts() -> None:
    sentence = "The council debated the river treaty for many hours on Monday. "
    paragraphs = tuple(sentence * 40 for _ in range(800))  # about 2 MB, over spaCy's 1,000,000 limit
    big = article("big", "Long", None).__class__(**{**_fields(article("big", "Long", None)),
                                                    "paragraphs": paragraphs})
    assert len(big.text) > 2_000_000
    parts = split_parts(big)
    assert all(len(part.text) <= PART_CHARS for part in parts) and len(parts) > 100
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    (result,) = analyze_with([big], nlp)
    assert len(result.sentences) == 800 * 40
    assert [s.index for s in result.sentences] == list(range(800 * 40))
    assert result.sentences[-1].paragraph == 799


def _fields(item: object) -> dict:
    return {name: getattr(item, name) for name in item.__dataclass_fields__}


def test_inspect_prints_the_documented_json() -> None:
    result = CliRunner().invoke(main, ["inspect", str(BAD / "cp1252.txt"), str(BAD / "binary.txt"), "--json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [list(r) for r in records] == [["source_file", "title", "title_source", "date", "date_source", "outlet",
                                           "header", "text", "removed", "problems", "notes"]] * 2
    assert records[0]["date"] == "2022-02-01" and records[0]["date_source"] == "header"
    assert records[0]["header"] == ["date 2022-02-01"]
    assert records[0]["problems"] == ["not valid UTF-8 (byte 19); read as Windows-1252"]
    assert records[1]["problems"] == ["binary file (contains NUL bytes); skipped"] and records[1]["notes"] == []
    assert records[1]["text"] == ""


def test_inspect_for_a_person_lists_removed_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Ministers met in Vienna on Monday to discuss the river treaty and its future.\n\n"
                    "Read more: Other news\n\nhttps://t.co/abc\n")
    result = CliRunner().invoke(main, ["inspect", str(path)])
    assert "removed [see-also]: Read more: Other news" in result.output
    assert "removed [lone-url]: https://t.co/abc" in result.output
