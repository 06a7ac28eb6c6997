"""A book-length article and a 100,000-line one build beside normal articles, in bounded memory."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tools.benchmark import make_project

pytestmark = pytest.mark.e2e

SENTENCE = ('{who} said on day {n} that the plan for the {what} would cost {cost} million, '
            '"we will see," she said.')
PEOPLE = ("Maria Lopez", "The city council", "Acme Corp", "Tom Reed", "The harbour authority")
THINGS = ("roads", "schools", "port", "water works")


def _sentence(n: int) -> str:
    return SENTENCE.format(who=PEOPLE[n % 5], n=n, what=THINGS[n % 4], cost=n % 900 + 1)


def test_huge_articles_build_with_every_article_and_bounded_memory(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    huge = " ".join(_sentence(n) for n in range(22_000))  # one paragraph, about 2.4 MB
    # an all-capitals headline: its sentence case is read from the text, which must stay bounded work
    (articles / "huge.txt").write_text(f"COUNCIL BUDGET IN ONE PARAGRAPH\n\n{huge}\n", encoding="utf-8")
    rows = "\n".join(f"Row {n} noted." for n in range(100_000))
    (articles / "rows.txt").write_text(f"A register of a hundred thousand rows\n\n{rows}\n", encoding="utf-8")
    for n in range(3):
        body = " ".join(_sentence(n * 20 + k) for k in range(12))
        (articles / f"normal-{n}.txt").write_text(f"date 2024-03-0{n + 1}\nBudget vote {n}\n\n{body}\n")
    config = make_project(tmp_path / "project", articles)

    done = subprocess.run([sys.executable, "-m", "generator", "build", "-f", str(config), "--strict"],
                          cwd=config.parent, capture_output=True, text=True, timeout=1800)

    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    site = config.parent / "site"
    exported = {a["source_file"] for a in json.loads((site / "data" / "articles.json").read_text())}
    assert exported == {"huge.txt", "rows.txt", "normal-0.txt", "normal-1.txt", "normal-2.txt"}
    pages = {page.parent.name: page.read_text(encoding="utf-8") for page in site.glob("articles/*/index.html")}
    huge_page = next(text for name, text in pages.items() if name.startswith("council-budget"))
    assert "day 21999 that" in huge_page  # the page shows the whole text, not the summarised window
    rows_page = next(text for name, text in pages.items() if name.startswith("a-register"))
    assert "Row 99999 noted." in rows_page
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 2048, f"peak memory {peak_mb:.0f} MB"
