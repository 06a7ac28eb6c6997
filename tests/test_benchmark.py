"""The benchmark command the README quotes runs end to end and prints every figure (tiny sizes)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from click.testing import CliRunner

from tools.benchmark import main, make_corpus
from tools.benchmark.measure import HELD_BACK, hold_back

pytestmark = pytest.mark.e2e

FIGURES = (r"plain nlp.pipe \(2 processes, [\d,]+ words\): [\d.]+ s",
           r"cold build: [\d.]+ s \([\d.]+ x plain spaCy\), \d+ pages, \d+ files written",
           r"rebuild after adding one article \(median of 3, each adding one more\): [\d.]+ s \([\d.]+% of cold\), "
           r"\d+ files written",
           r"rebuild after adding ten articles: [\d.]+ s \([\d.]+% of cold\), \d+ files written",
           r"peak memory: [\d,]+ MB")


def _assert_every_figure(out: str) -> None:
    for figure in FIGURES:
        assert re.search(figure, out), figure
    for stage in ("ingest", "analyze", "actors", "summarize", "stories", "related", "render", "mkdocs"):
        assert len(re.findall(rf"^  {stage} +[\d.]+ s", out, re.M)) == 3, stage  # cold, one, ten


def test_benchmark_prints_every_figure_on_a_generated_corpus() -> None:
    result = CliRunner().invoke(main, ["--articles", "6", "--mkdocs-articles", "24"])
    assert result.exit_code == 0, result.output
    _assert_every_figure(result.output)
    assert "generated articles: 6 in the cold build, 13 added after" in result.output
    assert len(re.findall(r"MkDocs at 24 articles, .*ms per page", result.output)) == 2


def test_benchmark_prints_every_figure_on_a_folder_of_real_articles(tmp_path) -> None:
    make_corpus(tmp_path / "real", 30, seed=5)
    result = CliRunner().invoke(main, ["--input", str(tmp_path / "real")])
    assert result.exit_code == 0, result.output
    _assert_every_figure(result.output)
    assert f"{30 - HELD_BACK} in the cold build, {HELD_BACK} added after" in result.output


def test_held_back_articles_are_spread_through_the_folder_and_none_is_lost(tmp_path) -> None:
    make_corpus(tmp_path / "in" / "a", 20)
    make_corpus(tmp_path / "in" / "b", 20, start=20)
    pending = hold_back(tmp_path / "in", tmp_path / "cold", tmp_path / "pending")
    cold = sorted(p.name for p in (tmp_path / "cold").iterdir())
    assert len(pending) == HELD_BACK and len(cold) == 40 - HELD_BACK
    assert not {p.name for p in pending} & set(cold)
    assert set(Counter(p.name.split("__")[0] for p in pending)) == {"a", "b"}


def test_generated_corpus_is_the_same_for_the_same_seed_and_has_a_long_tail(tmp_path) -> None:
    words = make_corpus(tmp_path / "a", 60)
    assert words == make_corpus(tmp_path / "b", 60) and words > 60 * 500
    texts = []
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
        assert path.read_text().startswith("date 2024-")
        texts.append(path.read_text())
    people = Counter(re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]+(?= (?:said|told|added|criticised|welcomed))",
                                "\n".join(texts)))
    in_one = [name for name in people if sum(name in t for t in texts) == 1]
    in_many = [name for name in people if sum(name in t for t in texts) >= 5]
    assert len(in_one) >= 20 and in_many  # most people named once, a few across many articles
