"""The alias file: documented structure, every error named, and its effect on actors."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.actors.aliasfile import load_aliases, parse_aliases
from generator.actors.index import build_actors
from generator.errors import ConfigError
from generator.models import ActorKind

from .helpers import analysis


def test_errors_name_the_key_and_the_file() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_aliases({"aliases": {"A": "B"}, "ignore": "x", "kinds": {"Scholz": "human"}, "colour": 1}, "mine.yml")
    assert caught.value.path == "mine.yml"
    assert caught.value.errors == ["'colour': unknown key (known: aliases, ignore, separate, kinds)",
                                   "'aliases.A': expected a list of names", "'ignore': expected a list of names",
                                   "'kinds.Scholz': expected one of person, organization, place, group, got 'human'"]


def test_user_file_merges_ignores_separates_and_sets_kinds(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yml"
    path.write_text("aliases:\n  Volodymyr Zelensky: [Zelenskiy, Volodymr Zelenskiy]\n"
                    "ignore: [Kremlin]\nseparate: [Biden]\nkinds:\n  Acme: group\n")
    analyses = [analysis("a", ["x"], [("Volodymr Zelenskiy", "PERSON"), ("Zelenskiy", "PERSON"),
                                      ("Kremlin", "ORG"), ("Kremlin", "ORG"), ("Joe Biden", "PERSON"),
                                      ("Biden", "PERSON"), ("Biden", "PERSON"), ("Acme", "ORG"), ("Acme", "ORG")])]
    actors = {a.name: a for a in build_actors(analyses, 2, load_aliases(path)).actors}
    assert set(actors) == {"Volodymyr Zelensky", "Joe Biden", "Biden", "Acme"}
    assert actors["Volodymyr Zelensky"].mentions == 2
    assert actors["Acme"].kind is ActorKind.GROUP


def test_shipped_defaults_are_valid_and_generic() -> None:
    (shipped,) = load_aliases(None)
    assert "United States" in shipped.aliases and "NATO" in shipped.aliases
    assert "ministry" in shipped.ignore
