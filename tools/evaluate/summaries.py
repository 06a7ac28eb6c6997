"""Article summaries measured with ROUGE (Google's rouge-score, Porter stemming) against human or
extracted reference summaries, beside Lead-3, in one run.

A set gives its references either as ``summaries/<file>`` (one reference per article, bbc-dev) or
as ``refs.json`` (``{id: [references]}``, summeval-dev: the highlights first, then ten written for
SummEval). Each summary is scored against the first reference and as the mean over all of them.
Lead-3 is the first three sentences of the article: its lines when the set writes one sentence per
line, else the sentences as spaCy splits them. Rows are given for all articles and for the two
halves (even and odd positions in file order): constants are chosen on one half of one set, and
the other half and the other sets are held out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rouge_score import rouge_scorer

from generator.actors.index import build_actors, own_headlines
from generator.analyze.nlp import analyze
from generator.build import summary_context
from generator.config import Config
from generator.corpus.vectors import idf_weights
from generator.ingest import ingest
from generator.models import Analysis, Article
from generator.summarize import summarize, without_dateline

from .stories import duplicate_twins

METRICS = ("rouge1", "rouge2", "rougeLsum")
HALVES = {"all": None, "even": 0, "odd": 1}


@dataclass(frozen=True, slots=True)
class RougeRow:
    name: str
    rouge1: float
    rouge2: float
    rougeLsum: float


@dataclass(frozen=True, slots=True)
class Scored:
    """One summarizer on one set: against the first reference and the mean over references, per half."""

    name: str
    first: dict[str, RougeRow]
    mean: dict[str, RougeRow]
    references: int
    """The most references an article has: with one, the mean is the first."""


@dataclass(frozen=True, slots=True)
class SummaryData:
    articles: list[Article]
    analyses: list[Analysis]
    references: list[list[str]]
    contexts: list


def load_summary_data(dataset: Path, model: str) -> SummaryData:
    """Every article of ``dataset/articles`` that has references, analysed once."""
    ingested = ingest(dataset / "articles")
    analyses = analyze(ingested.articles, model)
    idf = idf_weights([t for s in a.sentences for t in s.terms] for a in analyses)
    actors = build_actors(analyses, Config().min_actor_mentions, headlines=own_headlines(ingested.articles))
    by_file = {a.source_file: (a, n) for a, n in zip(ingested.articles, analyses, strict=True)}
    for original, copies in duplicate_twins(ingested.findings).items():  # a copy is scored like its original
        for copy in copies:
            by_file[copy] = by_file[original]
    references = _references(dataset)
    data = SummaryData([], [], [], [])
    for name, (article, analysis) in sorted(by_file.items()):
        found = references.get(Path(name).name) or references.get(Path(name).stem)
        if found:
            data.articles.append(article)
            data.analyses.append(analysis)
            data.references.append(found)
            data.contexts.append(summary_context(analysis.article_id, actors, idf))
    return data


def _references(dataset: Path) -> dict[str, list[str]]:
    if (dataset / "refs.json").is_file():
        return {key: [r.strip() for r in refs] for key, refs in
                json.loads((dataset / "refs.json").read_text(encoding="utf-8")).items()}
    return {path.name: [path.read_text(encoding="utf-8").strip()]
            for path in sorted((dataset / "summaries").glob("*.txt"))}


def lead_3(article: Article, analysis: Analysis, count: int = 3) -> list[str]:
    """The first sentences as digest shows them in a summary: the dateline off the first, as
    digest's own summaries have it, so the two differ only in the sentences chosen."""
    lines = [line for paragraph in article.paragraphs for line in paragraph.split("\n")]
    if len(lines) > len(article.paragraphs):  # one sentence per line
        return [without_dateline(lines[0]), *lines[1:count]]
    return [without_dateline(s.text) if i == 0 else s.text for i, s in enumerate(analysis.sentences[:count])]


def score_summarizer(data: SummaryData, name: str,
                     summarizer: Callable[[Article, Analysis, object], Sequence[str]]) -> Scored:
    candidates = ["\n".join(summarizer(a, n, c))
                  for a, n, c in zip(data.articles, data.analyses, data.contexts, strict=True)]
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    per_article = [[scorer.score(reference, candidate) for reference in references]
                   for candidate, references in zip(candidates, data.references, strict=True)]
    first, mean = {}, {}
    for half, parity in HALVES.items():
        chosen = [scores for i, scores in enumerate(per_article) if parity is None or i % 2 == parity]
        first[half] = _row(name, [{m: s[0][m].fmeasure for m in METRICS} for s in chosen])
        mean[half] = _row(name, [{m: sum(r[m].fmeasure for r in s) / len(s) for m in METRICS} for s in chosen])
    return Scored(name, first, mean, max(map(len, data.references), default=0))


def _row(name: str, scores: list[dict[str, float]]) -> RougeRow:
    count = max(len(scores), 1)
    return RougeRow(name, *(100 * sum(s[m] for s in scores) / count for m in METRICS))


def summary_table(dataset: Path, model: str, methods: Sequence[str], sentences: int = 3) -> tuple[list[Scored], int]:
    """digest's summarizers and Lead-3 on one set; and the number of articles scored."""
    data = load_summary_data(dataset, model)
    rows = [score_summarizer(data, f"digest ({method})",
                             lambda a, n, c, method=method: summarize(n, sentences, method, c))
            for method in methods]
    rows.append(score_summarizer(data, "Lead-3", lambda a, n, c: lead_3(a, n, sentences)))
    return rows, len(data.articles)


def rouge_row(name: str, candidates: list[str], references: list[str]) -> RougeRow:
    """One reference per candidate (the story summaries' measure)."""
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    return _row(name, [{m: s[m].fmeasure for m in METRICS}
                       for s in (scorer.score(r, c) for c, r in zip(candidates, references, strict=True))])


def format_table(rows: Sequence[RougeRow]) -> str:
    lines = [f"{'summarizer':<24} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-Lsum':>10}"]
    lines += [f"{row.name:<24} {row.rouge1:8.1f} {row.rouge2:8.1f} {row.rougeLsum:10.1f}" for row in rows]
    return "\n".join(lines)


def format_scored(rows: Sequence[Scored]) -> str:
    """ROUGE-1/2/Lsum for each half, against the first reference and (several references) the mean."""
    several = any(row.references > 1 for row in rows)
    kinds = [("first reference", "first")] + ([("mean over references", "mean")] if several else [])
    lines = []
    for title, kind in kinds:
        lines.append(f"  against the {title}: ROUGE-1 / ROUGE-2 / ROUGE-Lsum F1")
        lines.append(f"  {'summarizer':<24}" + "".join(f"{half:>20}" for half in HALVES))
        for scored in rows:
            cells = [getattr(scored, kind)[half] for half in HALVES]
            lines.append(f"  {scored.name:<24}" + "".join(
                f"{c.rouge1:>8.1f}{c.rouge2:>6.1f}{c.rougeLsum:>6.1f}" for c in cells))
    return "\n".join(lines)
