"""Actor kinds against kinds labelled by hand: no dev set carries them, so ``kinds/<set>.json``
gives the kinds of a set's actors, by name (``elevant-dev``: its most mentioned actors before the
kinds came from evidence, less the few whose kind is unclear, such as "England" the country or the
team; ``beats``: the sports and business articles written for the tests). An actor is matched by
its name or any of its forms."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from generator.models import Actor

from .aliases import normalise_form


@dataclass(frozen=True, slots=True)
class KindScores:
    labelled: int
    found: int
    correct: int
    wrong: tuple[tuple[str, str, str], ...]
    """(name, digest's kind, the labelled kind) for each wrong one."""

    @property
    def accuracy(self) -> float:
        return self.correct / self.found if self.found else 0.0


def labelled_kinds(dataset_name: str) -> dict[str, str] | None:
    """The hand-labelled kinds for a set, or None when there are none."""
    path = Path(__file__).parent / "kinds" / f"{dataset_name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def score_kinds(actors: tuple[Actor, ...], labelled: dict[str, str]) -> KindScores:
    by_form: dict[str, Actor] = {}
    for actor in actors:  # most mentioned first: a form shared by two actors goes to the bigger one
        for form in (actor.name, *actor.aliases):
            by_form.setdefault(normalise_form(form), actor)
    found = correct = 0
    wrong = []
    for name, kind in sorted(labelled.items()):
        actor = by_form.get(normalise_form(name))
        if actor is None:
            continue
        found += 1
        if actor.kind.value == kind:
            correct += 1
        else:
            wrong.append((name, actor.kind.value, kind))
    return KindScores(len(labelled), found, correct, tuple(wrong))
