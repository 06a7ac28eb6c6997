"""Quality measures on the development sets in ``../shared/eval`` (see the README's Evaluation)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.actors.index import ActorIndex, build_actors, own_headlines
from generator.analyze.nlp import analyze
from generator.config import Config
from generator.ingest import Ingested, ingest
from generator.models import Analysis


@dataclass(frozen=True, slots=True)
class DevCorpus:
    """A dev set's articles run through digest's own stages, up to the actors."""

    folder: Path
    ingested: Ingested
    analyses: tuple[Analysis, ...]
    actors: ActorIndex


def load_corpus(folder: Path, model: str) -> DevCorpus:
    """A dev set (its ``articles/``), or a plain folder of articles."""
    ingested = ingest(folder / "articles" if (folder / "articles").is_dir() else folder)
    analyses = analyze(ingested.articles, model)
    return DevCorpus(folder, ingested, analyses, build_actors(analyses, Config().min_actor_mentions,
                                                                   headlines=own_headlines(ingested.articles)))
