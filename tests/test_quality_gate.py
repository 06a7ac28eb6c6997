"""Quality gate: scores on the development sets may not fall below the pinned floors.

The floors are the scores measured when they were pinned (see the README's Evaluation); a change
that lowers one fails here. Raise a floor, in its own reviewed commit, when a change improves it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.config import Config

from .conftest import REPO

pytestmark = pytest.mark.quality
EVAL = Path(os.environ.get("DIGEST_EVAL_DIR", REPO.parent / "shared" / "eval"))
MODEL = Config().model
SUMMEVAL_FLOORS = {"rouge1": 34.3, "rouge2": 12.3, "rougeLsum": 29.8}
"""Mean over the eleven references; measured 34.40 / 12.36 / 29.84 (34.26 / 12.29 / 29.68 before the
penalty for sentences in a speaker's own words)."""
BBC_FLOORS = {"rouge1": 47.6, "rouge2": 39.5, "rougeLsum": 46.5}
ALIAS_FLOORS = {"precision": 0.95, "recall": 0.75}
"""The issue's targets; measured 0.967 / 0.764 (0.965 / 0.717 before organisations split at their "and",
teams by their nickname's singular and titles glued by a dot)."""
ELEVANT_ALIAS_FLOORS = {"precision": 0.95, "recall": 0.825}
"""Measured 0.971 / 0.850 (0.788 / 0.650 before the known-name pass, split spans, titled forms and
acronym variants)."""
KINDS_FLOOR = 0.95
"""Kinds of elevant-dev's most mentioned actors, labelled by hand: measured 0.958 (a name ending as clubs' names
do, "Manchester United", is no person; 0.944 before, with "JDRF", written only as an acronym, no person;
0.931 once the decks under a headline left the text, as only a deck had "Yohan Cabaye" tagged as a person;
0.931 before the kinds came from evidence)."""
STORY_FLOORS = {"f1": 0.90, "bcubed_f1": 0.935}
"""Held out since the constants were chosen on gva-dev with bbc-dev: measured 0.905 / 0.942 (0.927 / 0.955
when chosen on ecbplus-dev itself; 0.904 / 0.938 before the nearest-neighbour joins)."""
GVA_STORY_FLOORS = {"f1": 0.90, "bcubed_f1": 0.945}
"""The issue's goal; measured 0.914 / 0.952 (0.861 / 0.930 with the constants chosen on ecbplus-dev; 0.844 /
0.922 before the nearest-neighbour joins; 0.657 / 0.810 with the former 14-day window)."""
STORY_SUMMARY_FLOORS = {"rouge1": 37.5, "rouge2": 14.8, "rougeLsum": 35.0}
"""Measured 37.8 / 15.1 / 35.9 against the groups' headlines (38.5 / 15.8 / 36.3 against the titles read
before the headline stacks: the same summaries, other references)."""
CLEANING_FLOORS = {"text": (0.95, 0.85), "html": (0.95, 0.90)}
"""(keep, drop) on all pages of scrapinghub-dev: the issue's targets, met at 0.955 / 0.865 and 0.966 / 0.978."""


def dataset(name: str) -> Path:
    path = EVAL / name
    if not path.is_dir():
        pytest.skip(f"development set {path} not present (set DIGEST_EVAL_DIR)")
    return path


def _rows(name: str) -> tuple[dict, dict, int]:
    from tools.evaluate.summaries import summary_table

    (ours, lead), count = summary_table(dataset(name), MODEL, [Config().summarizer])
    return ours, lead, count


def test_article_summaries_beat_lead_3_on_human_summaries() -> None:
    ours, lead, count = _rows("summeval-dev")
    assert count == 97
    assert round(lead.mean["all"].rouge1, 1) == 33.8 and round(lead.first["all"].rouge1, 1) == 42.1
    assert ours.mean["all"].rouge1 >= lead.mean["all"].rouge1 + 0.5, ours.mean["all"]
    assert ours.first["all"].rouge1 >= lead.first["all"].rouge1, ours.first["all"]
    for metric, floor in SUMMEVAL_FLOORS.items():
        assert getattr(ours.mean["all"], metric) >= floor, (metric, ours.mean["all"])


def test_article_summaries_hold_on_extracted_references() -> None:
    ours, lead, count = _rows("bbc-dev")
    assert count == 100
    first, baseline = ours.first["all"], lead.first["all"]
    assert (round(baseline.rouge1, 1), round(baseline.rouge2, 1), round(baseline.rougeLsum, 1)) == (47.3, 38.7, 46.2)
    assert first.rouge1 >= baseline.rouge1 and first.rouge2 >= baseline.rouge2 and first.rougeLsum >= baseline.rougeLsum
    for metric, floor in BBC_FLOORS.items():
        assert getattr(first, metric) >= floor, (metric, first)


@pytest.fixture(scope="module")
def ecbplus():
    from tools.evaluate import load_corpus

    return load_corpus(dataset("ecbplus-dev"), MODEL)


def test_alias_pairs_hold_their_floors(ecbplus) -> None:
    from tools.evaluate.aliases import score_aliases

    scores = score_aliases(ecbplus.actors.actors, ecbplus.folder / "gold.json")
    assert scores.precision >= ALIAS_FLOORS["precision"], scores
    assert scores.recall >= ALIAS_FLOORS["recall"], scores


def test_alias_pairs_hold_their_floors_across_unrelated_articles() -> None:
    from tools.evaluate import load_corpus
    from tools.evaluate.aliases import score_aliases

    elevant = load_corpus(dataset("elevant-dev"), MODEL)
    scores = score_aliases(elevant.actors.actors, elevant.folder / "gold.json")
    assert scores.precision >= ELEVANT_ALIAS_FLOORS["precision"], scores
    assert scores.recall >= ELEVANT_ALIAS_FLOORS["recall"], scores
    from tools.evaluate.kinds import labelled_kinds, score_kinds

    kinds = score_kinds(elevant.actors.actors, labelled_kinds("elevant-dev"))
    assert kinds.found >= 70 and kinds.accuracy >= KINDS_FLOOR, kinds


def test_stories_hold_their_floors(ecbplus) -> None:
    from tools.evaluate.stories import evaluate_stories

    scores, _ = evaluate_stories(ecbplus)
    assert scores.f1 >= STORY_FLOORS["f1"], scores
    assert scores.bcubed_f1 >= STORY_FLOORS["bcubed_f1"], scores


def test_stories_hold_their_floors_on_look_alike_local_events() -> None:
    from tools.evaluate import load_corpus
    from tools.evaluate.stories import evaluate_stories

    scores, _ = evaluate_stories(load_corpus(dataset("gva-dev"), MODEL))
    assert scores.f1 >= GVA_STORY_FLOORS["f1"], scores
    assert scores.bcubed_f1 >= GVA_STORY_FLOORS["bcubed_f1"], scores


def test_story_summaries_beat_pooled_lexrank_and_hold_their_floors(ecbplus) -> None:
    from tools.evaluate.story_summaries import story_summary_table

    (ours, lexrank, _leads), count = story_summary_table(ecbplus)
    assert count == 21
    assert ours.rouge1 > lexrank.rouge1 and ours.rouge2 > lexrank.rouge2 and ours.rougeLsum > lexrank.rougeLsum
    for metric, floor in STORY_SUMMARY_FLOORS.items():
        assert getattr(ours, metric) >= floor, (metric, getattr(ours, metric))


@pytest.mark.parametrize("folder", sorted(CLEANING_FLOORS))
def test_cleaning_keeps_the_article_and_drops_the_boilerplate(folder: str) -> None:
    from tools.evaluate.cleaning import score_folder

    every_page = score_folder(dataset("scrapinghub-dev"), folder)[0]
    keep, drop = CLEANING_FLOORS[folder]
    assert every_page.articles == every_page.pages
    assert every_page.keep >= keep
    assert every_page.drop >= drop
