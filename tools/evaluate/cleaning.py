"""Boilerplate removal measured on scrapinghub-dev: article snippets kept, boilerplate snippets dropped.

A page's gold lists ``with`` snippets (sentences of the hand-marked article body) and ``without``
snippets (lines of the page that are not in the body). ``keep`` is the share of ``with`` snippets
found in what digest publishes for the page (title and text); ``drop`` the share of ``without``
snippets absent from it. Both are pooled over all snippets, as the dev set's README defines them;
a page digest skips keeps nothing and drops everything.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.ingest import ingest
from generator.report import skip_summary

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
                         "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


@dataclass(frozen=True, slots=True)
class CleaningScore:
    name: str
    """The folder, and which pages: all, or the even (tuning) or odd (held-out) ones by sorted id."""
    pages: int
    articles: int
    keep: float
    drop: float


def comparable(text: str) -> str:
    """Whitespace removed, quotes straightened and dashes unified, as the dev set compares snippets."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text).translate(_QUOTES))


def score_folder(dataset: Path, folder: str) -> list[CleaningScore]:
    """Ingest ``dataset/folder`` (``text`` or ``html``) and score it against ``dataset/gold.json``:
    all pages, then the even-numbered pages (where the cleaning constants were chosen) and the odd ones."""
    gold = json.loads((dataset / "gold.json").read_text(encoding="utf-8"))
    published = {Path(a.source_file).name.split(".")[0]: comparable(f"{a.title}\n{a.text}")
                 for a in ingest(dataset / folder).articles}
    pages = sorted(gold)
    return [_score(f"{folder} {name}", selection, gold, published)
            for name, selection in (("all", pages), ("even", pages[::2]), ("odd", pages[1::2]))]


def _score(name: str, pages: list[str], gold: dict, published: dict[str, str]) -> CleaningScore:
    kept = dropped = with_total = without_total = 0
    for page in pages:
        body, snippets = published.get(page, ""), gold[page]
        kept += sum(comparable(s) in body for s in snippets["with"])
        dropped += sum(comparable(s) not in body for s in snippets["without"])
        with_total += len(snippets["with"])
        without_total += len(snippets["without"])
    return CleaningScore(name, len(pages), sum(page in published for page in pages),
                         kept / max(with_total, 1), dropped / max(without_total, 1))


def format_scores(scores: list[CleaningScore]) -> str:
    lines = [f"{'input':<10} {'pages':>5} {'kept as articles':>16} {'keep':>6} {'drop':>6}"]
    lines += [f"{s.name:<10} {s.pages:>5} {s.articles:>16} {s.keep:>6.3f} {s.drop:>6.3f}" for s in scores]
    return "\n".join(lines)


def ingestion_line(dataset: Path) -> str:
    """``name: N files, K kept, S skipped (reasons)`` for a dev set's articles (``html/`` for a page set)."""
    folder = dataset / "articles" if (dataset / "articles").is_dir() else dataset / "html"
    ingested = ingest(folder)
    return f"{dataset.name}: {skip_summary(ingested.findings, len(ingested.articles))}"
