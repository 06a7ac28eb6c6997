"""The benchmark command the README quotes runs end to end and prints every figure (tiny sizes)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from tools.benchmark import main, make_corpus

pytestmark = pytest.mark.e2e


def test_benchmark_prints_every_figure() -> None:
    result = CliRunner().invoke(main, ["--articles", "6", "--mkdocs-articles", "12", "--speed-articles", "3"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert re.search(r"analysis: [\d,]+ words/s; plain nlp.pipe [\d,]+ words/s; ratio \d", out)
    assert re.search(r"cold build of 6 articles \([\d,]+ words\): [\d.]+ s", out)
    assert re.search(r"rebuild after adding one article \(median of 3, each adding one more\): [\d.]+ s", out)
    assert len(re.findall(r"MkDocs at 12 articles, .*ms per page", out)) == 2
    assert "peak memory:" in out
    for stage in ("ingest", "analyze", "actors", "summarize", "stories", "related", "render", "mkdocs"):
        assert re.search(rf"^  {stage} +[\d.]+ s", out, re.M), stage


def test_generated_corpus_is_the_same_for_the_same_seed(tmp_path) -> None:
    words = make_corpus(tmp_path / "a", 4)
    assert words == make_corpus(tmp_path / "b", 4) and words > 4 * 500
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
        assert path.read_text().startswith("date 2024-")
