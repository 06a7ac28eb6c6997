"""Alias merging measured on ECB+: pairwise precision and recall of surface forms within each topic.

A candidate is a pair of distinct gold surface forms of one topic, compared after lower-casing and
removing a leading "the", a trailing "'s" and the dots of acronyms. It is gold when both forms
belong to one alias group, predicted when one digest actor lists both (as name or alias).
"""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from generator.models import Actor


@dataclass(frozen=True, slots=True)
class PairScores:
    precision: float
    recall: float
    predicted: int
    gold: int
    correct: int


def normalise_form(form: str) -> str:
    form = form.strip().lower()
    form = re.sub(r"^the\s+", "", form)
    form = re.sub(r"['’]s$", "", form)
    return form.replace(".", "").strip()


def score_aliases(actors: tuple[Actor, ...], gold_path: Path) -> PairScores:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    forms_by_topic: dict[str, set[str]] = defaultdict(set)
    group_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    for number, (group, topic) in enumerate(zip(gold["aliases"], gold["alias_topics"], strict=True)):
        for form in group:
            key = normalise_form(form)
            forms_by_topic[str(topic)].add(key)
            group_of[(str(topic), key)].add(number)
    actor_of: dict[str, set[str]] = defaultdict(set)
    for actor in actors:
        for form in (actor.name, *actor.aliases):
            actor_of[normalise_form(form)].add(actor.id)
    predicted = gold_pairs = correct = 0
    for topic, forms in forms_by_topic.items():
        for a, b in itertools.combinations(sorted(forms), 2):
            is_gold = bool(group_of[(topic, a)] & group_of[(topic, b)])
            is_predicted = bool(actor_of[a] & actor_of[b])
            gold_pairs += is_gold
            predicted += is_predicted
            correct += is_gold and is_predicted
    return PairScores(correct / predicted if predicted else 0.0, correct / gold_pairs if gold_pairs else 0.0,
                      predicted, gold_pairs, correct)
