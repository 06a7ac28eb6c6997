"""Each actor rule on its own, over a union-find of hand-made mentions: the merge it exists for,
and the case it must leave alone. Their order is written once, in ``RULES``."""

from __future__ import annotations

import pytest

from generator.actors.aliasfile import load_aliases
from generator.actors.groups import Groups
from generator.actors.mentions import NameMention
from generator.actors.names import form_key
from generator.actors.rules import RULES, merge_acronyms

PER, ORG, GPE, LOC = "PERSON", "ORG", "GPE", "LOC"


def mention(name: str, label: str, article: str = "a1") -> NameMention:
    return NameMention(name, name, label, article, form_key(name), form_key(name))


DEFINED = {"ofwat": "water services regulation authority"}
"""What ``KnownNames.defined`` holds after "the Water Services Regulation Authority (Ofwat)"."""


def joined(rule, names: list[tuple[str, str]], a: str, b: str) -> bool:
    groups = Groups([mention(name, label) for name, label in names], load_aliases(None), frozenset(), DEFINED)
    rule(groups)
    return groups.find(form_key(a)) == groups.find(form_key(b))


CASES = {
    "merge_aliases": ([("US", GPE), ("United States", GPE)], "US", "United States"),
    "merge_countries": ([("Democratic People's Republic of Korea", GPE), ("North Korea", GPE)],
                        "Democratic People's Republic of Korea", "North Korea"),
    "merge_acronyms": ([("NATO", ORG), ("North Atlantic Treaty Organization", ORG)], "NATO",
                       "North Atlantic Treaty Organization"),
    "merge_defined": ([("Ofwat", PER), ("Water Services Regulation Authority", ORG)], "Ofwat",
                      "Water Services Regulation Authority"),
    "merge_name_variants": ([("Mark Jay Heller", PER), ("Mark Heller", PER)], "Mark Jay Heller", "Mark Heller"),
    "merge_longer_titles": ([("Central Election Commission", ORG), ("Central Election and Referendum Commission", ORG)],
                            "Central Election Commission", "Central Election and Referendum Commission"),
    "merge_misspelt_people": ([("Duncan Rait", PER), ("Duncan Raite", PER)], "Duncan Rait", "Duncan Raite"),
    "merge_first_name_variants": ([("Mo Cheeks", PER), ("Maurice Cheeks", PER)], "Mo Cheeks", "Maurice Cheeks"),
    "merge_blends": ([("LiLo", PER), ("Lindsay Lohan", PER)], "LiLo", "Lindsay Lohan"),
    "merge_spacing": ([("SeaMicro", ORG), ("Sea Micro", ORG)], "SeaMicro", "Sea Micro"),
    "merge_place_heads": ([("Gaza", GPE), ("Gaza Strip", GPE)], "Gaza", "Gaza Strip"),
    "merge_teams": ([("Drake Bulldogs", ORG), ("Drake", ORG), ("Bulldogs", ORG)], "Drake", "Bulldogs"),
    "merge_contained_names": ([("Mount Cook", LOC), ("Aoraki Mount Cook National Park", LOC)], "Mount Cook",
                              "Aoraki Mount Cook National Park"),
    "merge_surnames": ([("Scholz", PER), ("Olaf Scholz", PER)], "Scholz", "Olaf Scholz"),
    "merge_dominant_people": ([("Matt", PER), ("Matt Smith", PER), ("Matt Smith", PER), ("Matt Smith", PER),
                               ("Matt Jones", PER)], "Matt", "Matt Smith"),
}


def test_the_rules_run_in_one_written_order() -> None:
    assert [rule.__name__ for rule in RULES] == list(CASES)
    assert all(rule.__doc__ for rule in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_each_rule_makes_its_merge_alone(rule) -> None:
    names, a, b = CASES[rule.__name__]
    assert joined(rule, names, a, b)
    assert not joined(lambda groups: None, names, a, b)


def test_rules_leave_alone_what_is_not_theirs() -> None:
    ambiguous = [("NP", ORG), ("National Park", ORG), ("North Philadelphia", ORG)]
    assert not joined(merge_acronyms, ambiguous, "NP", "National Park")
    rules = dict(zip(CASES, RULES, strict=True))
    assert not joined(rules["merge_surnames"], [("Scholz", PER), ("Olaf Scholz", PER), ("Anna Scholz", PER)],
                      "Scholz", "Olaf Scholz")  # two full names end with it
    assert not joined(rules["merge_dominant_people"], [("Matt", PER), ("Matt Smith", PER), ("Matt Jones", PER)],
                      "Matt", "Matt Smith")  # no one has two thirds
    assert not joined(rules["merge_place_heads"], [("Gaza", PER), ("Gaza Strip", GPE)], "Gaza", "Gaza Strip")


def test_a_name_in_a_headline_is_found_as_whole_words_as_the_regular_expression_finds_it() -> None:
    import random
    import re

    from generator.actors.index import _as_words

    chance = random.Random(1)
    pieces = ["Ann Lee", "ann", " ", "x", "_", "é", "-", "Lee", "Ann", "1", ".", "\u0301"]
    for _ in range(5000):
        text = "".join(chance.choice(pieces) for _ in range(chance.randint(0, 8)))
        name = chance.choice(["Ann Lee", "Lee Ann", "A n", "Ann  Lee"])
        assert _as_words(name, text) == bool(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)), (name, text)
    assert _as_words("Ann Lee", "Ann Lee to run") and not _as_words("Ann Lee", "Ann Leeds to run")
