"""Story clustering measured on ECB+: pairwise precision, recall and F1 against the gold events, and B-cubed F1.

A pair of articles is correct when both share a gold event, predicted when both are in one story;
an article without a story is a cluster of its own.
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.corpus import vectors
from generator.corpus.clustering import average_linkage
from generator.corpus.stories import CANDIDATE_TERMS, cluster_stories
from generator.models import Finding

from . import DevCorpus


@dataclass(frozen=True, slots=True)
class ClusterScores:
    precision: float
    recall: float
    f1: float
    bcubed_f1: float


def score_stories(predicted: Iterable[Iterable[str]], gold_path: Path) -> ClusterScores:
    """``predicted``: stories as lists of source file names."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["events"]
    cluster_of = {name: f"alone:{name}" for name in gold}
    for number, story in enumerate(predicted):
        for name in story:
            if name in cluster_of:
                cluster_of[name] = f"story:{number}"
    names = sorted(gold)
    correct = predicted_pairs = gold_pairs = 0
    for a, b in itertools.combinations(names, 2):
        same_gold, same_story = gold[a] == gold[b], cluster_of[a] == cluster_of[b]
        gold_pairs += same_gold
        predicted_pairs += same_story
        correct += same_gold and same_story
    precision = correct / predicted_pairs if predicted_pairs else 0.0
    recall = correct / gold_pairs if gold_pairs else 0.0
    return ClusterScores(precision, recall, _f1(precision, recall), _bcubed(names, gold, cluster_of))


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _bcubed(names: list[str], gold: dict[str, str], cluster_of: dict[str, str]) -> float:
    precision = recall = 0.0
    for name in names:
        same_story = [n for n in names if cluster_of[n] == cluster_of[name]]
        same_gold = [n for n in names if gold[n] == gold[name]]
        both = sum(1 for n in same_story if gold[n] == gold[name])
        precision += both / len(same_story)
        recall += both / len(same_gold)
    return _f1(precision / len(names), recall / len(names))


def duplicate_twins(findings: Iterable[Finding]) -> dict[str, list[str]]:
    """{original file: [files skipped as copies of it]}, from ingestion's duplicate reports."""
    twins: dict[str, list[str]] = {}
    for finding in findings:
        if finding.reason.startswith("same text as "):
            original = finding.reason.removeprefix("same text as ").split(";")[0]
            twins.setdefault(original, []).append(finding.path)
    return twins


def evaluate_stories(corpus: DevCorpus, baseline: bool = False) -> tuple[ClusterScores, int]:
    """Cluster the corpus as a build would (or, with ``baseline``, by plain TF-IDF cosine of the
    content lemmas with average linkage at ``BASELINE_THRESHOLD``) and score it; a skipped copy
    goes with its original."""
    stories = story_files(corpus, baseline)
    return score_stories(stories, corpus.folder / "gold.json"), len(stories)


def story_files(corpus: DevCorpus, baseline: bool = False) -> list[list[str]]:
    """Each story as the source files of its articles, the files skipped as copies included."""
    articles = corpus.ingested.articles
    if baseline:
        groups = plain_tfidf_stories(corpus.analyses)
    else:
        groups = [g.article_ids for g in cluster_stories(articles, corpus.analyses, corpus.actors.by_article)]
    names = {a.id: a.source_file for a in articles}
    twins = duplicate_twins(corpus.ingested.findings)
    stories = [[names[i] for i in g] for g in groups]
    return [story + [copy for name in story for copy in twins.get(name, [])] for story in stories]


def has_gold_events(dataset: Path) -> bool:
    """Whether the set's ``gold.json`` names an event for its articles (a story set)."""
    gold = dataset / "gold.json"
    return gold.is_file() and "events" in json.loads(gold.read_text(encoding="utf-8"))


UNRELATED = "unrelated:"
"""The gold event of a distractor article in an assembled collection: an event of its own."""


def assemble_collection(story_sets: Sequence[Path], distractor_sets: Sequence[Path], folder: Path) -> Path:
    """One collection in ``folder``: every article of the story sets with its gold event, and every
    article of the distractor sets (news with no gold events) as an event of its own. File names
    get their set's name in front; returns the folder."""
    articles = folder / "articles"
    articles.mkdir(parents=True)
    events: dict[str, str] = {}
    for dataset in story_sets:
        gold = json.loads((dataset / "gold.json").read_text(encoding="utf-8"))["events"]
        for name, event in gold.items():
            shutil.copyfile(dataset / "articles" / name, articles / f"{dataset.name}_{name}")
            events[f"{dataset.name}_{name}"] = f"{dataset.name}:{event}"
    for dataset in distractor_sets:
        for path in sorted((dataset / "articles").iterdir()):
            shutil.copyfile(path, articles / f"{dataset.name}_{path.name}")
            events[f"{dataset.name}_{path.name}"] = f"{UNRELATED}{dataset.name}_{path.name}"
    (folder / "gold.json").write_text(json.dumps({"events": events}, sort_keys=True), encoding="utf-8")
    return folder


def unrelated_in_stories(stories: Iterable[Iterable[str]], gold_path: Path) -> tuple[int, int]:
    """(stories holding a distractor article, distractor articles in a story)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["events"]
    found = [[name for name in story if gold.get(name, "").startswith(UNRELATED)] for story in stories]
    return sum(1 for names in found if names), sum(len(names) for names in found)


BASELINE_THRESHOLD = 0.20
"""The reference point in the data sets' README: TF-IDF cosine, average linkage at 0.20."""


def plain_tfidf_stories(analyses) -> list[list[str]]:
    rows = vectors.tfidf_rows({a.article_id: [t for s in a.sentences for t in s.terms] for a in analyses})
    pairs = vectors.Pairs.of(rows, itertools.combinations(rows.ids, 2)) if len(rows.ids) <= 2000 else \
        vectors.candidate_pairs(rows, CANDIDATE_TERMS, len(rows.ids))
    cosines = dict(zip(pairs.named(rows.ids), vectors.row_cosines(rows, pairs).tolist(), strict=True))
    groups = average_linkage(list(rows.ids), cosines, BASELINE_THRESHOLD)
    return [g for g in groups if len(g) > 1]
