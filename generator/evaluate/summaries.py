"""Summaries measured with ROUGE (Google's rouge-score, Porter stemming) against reference summaries.

Both digest's summaries and Lead-3 (the first three sentences of the article body) are scored on the
same articles in one run, so the table compares like with like.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rouge_score import rouge_scorer

from ..actors import build_actors
from ..analyze import analyze
from ..build import summary_context
from ..config import Config
from ..ingest import ingest
from ..summarize import summarize
from ..vectors import idf_weights
from .stories import duplicate_twins

METRICS = ("rouge1", "rouge2", "rougeLsum")


@dataclass(frozen=True, slots=True)
class RougeRow:
    name: str
    rouge1: float
    rouge2: float
    rougeLsum: float


def rouge_table(dataset: Path, model: str, method: str, sentences: int = 3) -> tuple[RougeRow, RougeRow, int]:
    """(digest's row, Lead-3's row, articles scored) for ``dataset/articles`` and ``dataset/summaries``."""
    ingested = ingest(dataset / "articles")
    analyses = analyze(ingested.articles, model)
    idf = idf_weights([t for s in a.sentences for t in s.terms] for a in analyses)
    actors = build_actors(analyses, Config().min_actor_mentions)
    by_file = {a.source_file: (a, n) for a, n in zip(ingested.articles, analyses, strict=True)}
    for original, copies in duplicate_twins(ingested.findings).items():  # a copy is scored like its original
        for copy in copies:
            by_file[copy] = by_file[original]
    ours, lead, references = [], [], []
    for name, (article, analysis) in sorted(by_file.items()):
        reference = dataset / "summaries" / Path(name).name
        if reference.exists():
            references.append(reference.read_text(encoding="utf-8").strip())
            context = summary_context(analysis.article_id, actors, idf)
            ours.append("\n".join(summarize(analysis, sentences, method, context)))
            lead.append("\n".join(_lead(article.paragraphs, sentences)))
    return rouge_row(f"digest ({method})", ours, references), rouge_row("Lead-3", lead, references), len(references)


def _lead(paragraphs: Sequence[str], count: int) -> list[str]:
    """The first body sentences as the data set writes them: one sentence per line."""
    return [line for paragraph in paragraphs for line in paragraph.split("\n")][:count]


def rouge_row(name: str, candidates: list[str], references: list[str]) -> RougeRow:
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    totals = dict.fromkeys(METRICS, 0.0)
    for candidate, reference in zip(candidates, references, strict=True):
        scores = scorer.score(reference, candidate)
        for metric in METRICS:
            totals[metric] += scores[metric].fmeasure
    count = max(len(candidates), 1)
    return RougeRow(name, *(100 * totals[metric] / count for metric in METRICS))


def format_table(rows: Sequence[RougeRow]) -> str:
    lines = [f"{'summarizer':<24} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-Lsum':>10}"]
    lines += [f"{row.name:<24} {row.rouge1:8.1f} {row.rouge2:8.1f} {row.rougeLsum:10.1f}" for row in rows]
    return "\n".join(lines)
