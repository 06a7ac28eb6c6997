"""Clustering, story summaries and digests on hand-built data."""

from __future__ import annotations

import itertools
import random
from datetime import date

import numpy
import pytest

from generator.corpus.clustering import average_linkage, nearest_neighbour_joins
from generator.corpus.digests import build_periods
from generator.corpus.stories import cluster_stories
from generator.models import Entry
from generator.summarize.story import summarize_story

from .helpers import analysis, article


def test_average_linkage_stops_at_the_threshold() -> None:
    similarity = {("a", "b"): 0.9, ("b", "c"): 0.5, ("a", "c"): 0.4, ("c", "d"): 0.1, ("d", "e"): 0.8}
    assert average_linkage(list("abcde"), similarity, 0.3) == [["a", "b", "c"], ["d", "e"]]
    assert average_linkage(list("abcde"), similarity, 0.5) == [["a", "b"], ["c"], ["d", "e"]]
    assert average_linkage(list("abcde"), {}, 0.1) == [["a"], ["b"], ["c"], ["d"], ["e"]]


def test_a_developing_story_joins_when_each_later_article_follows_one_earlier_article_closely() -> None:
    # a, b: the shooting; c follows b closely (the arrest) but shares little with a; d, e: a look-alike
    # shooting elsewhere, close to each other and only faintly to a and b.
    similarity = {("a", "b"): 2.0, ("b", "c"): 1.8, ("a", "c"): 0.1, ("d", "e"): 2.0, ("a", "d"): 0.6,
                  ("b", "e"): 0.7, ("c", "d"): 0.1}
    groups = average_linkage(list("abcde"), similarity, 1.0)
    assert groups == [["a", "b"], ["c"], ["d", "e"]]  # c with a and b: 0.95 on average
    assert nearest_neighbour_joins(groups, similarity, 1.5) == [["a", "b", "c"], ["d", "e"]]
    assert nearest_neighbour_joins(groups, similarity, 1.9) == groups
    # two stories of one size join only when each side has partners in the other: the lower mean
    pairs = {("a", "c"): 1.6, ("b", "d"): 1.6, ("a", "b"): 2.0, ("c", "d"): 2.0}
    assert nearest_neighbour_joins([["a", "b"], ["c", "d"]], pairs, 1.5) == [["a", "b", "c", "d"]]
    pairs = {("a", "c"): 2.8, ("a", "b"): 2.0, ("c", "d"): 2.0}  # one strong pair alone is not enough
    assert nearest_neighbour_joins([["a", "b"], ["c", "d"]], pairs, 1.5) == [["a", "b"], ["c", "d"]]


def test_nearest_neighbour_joins_make_the_joins_a_plain_search_makes() -> None:
    """The heap recomputes only the means a join changes: the groups must be those of a search that
    recomputes every mean after every join."""
    import random

    for seed in range(30):
        chance = random.Random(seed)
        items = [f"a{n:02d}" for n in range(chance.randint(4, 30))]
        pairs = {(a, b): chance.choice([chance.uniform(0.0, 1.0), chance.uniform(1.0, 3.0)])
                 for a in items for b in items if a < b and chance.random() < 0.3}
        groups = average_linkage(items, pairs, 1.0)
        assert nearest_neighbour_joins(groups, pairs, 1.5) == _plain_neighbour_joins(groups, pairs, 1.5), seed


def _plain_neighbour_joins(groups: list[list[str]], pairs: dict, threshold: float) -> list[list[str]]:
    groups = [list(g) for g in groups]

    def best(item: str, group: list[str]) -> float:
        return max([v for (a, b), v in pairs.items() if (a == item and b in group) or (b == item and a in group)],
                   default=0.0)

    def mean(small: list[str], large: list[str]) -> float:
        return sum(best(item, large) for item in small) / len(small)

    while True:
        links = []
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                a, b = groups[i], groups[j]
                link = min(mean(a, b), mean(b, a)) if len(a) == len(b) else mean(*sorted((a, b), key=len))
                if link >= threshold:
                    links.append((-link, min(a), i, j))
        if not links:
            return sorted(sorted(g) for g in groups)
        _, _, i, j = min(links)
        groups[i] += groups.pop(j)


QUAKE = ["A strong earthquake struck the coastal city of Valdera on Monday morning.",
         "Rescue teams searched collapsed buildings in Valdera for survivors of the earthquake."]
ELECTION = ["Voters in Norland elected a new parliament on Sunday after a bitter campaign.",
            "The ruling party lost its majority in the Norland parliament election."]


def test_stories_join_the_same_event_over_months_keep_others_apart_and_collapse_copies() -> None:
    trial = ["Months after the earthquake that struck Valdera, the builder of the collapsed buildings in "
             "Valdera went on trial.", "Rescue teams told the court how they searched the collapsed buildings."]
    articles = [article("q1", "Quake", date(2023, 5, 1)), article("q2", "Quake", date(2023, 5, 2)),
                article("q3", "Quake copy", date(2023, 5, 2)), article("e1", "Vote", date(2023, 5, 1)),
                article("e2", "Vote", date(2023, 5, 2)), article("q9", "Trial", date(2023, 9, 1))]
    analyses = [analysis("q1", QUAKE), analysis("q2", [*QUAKE[::-1], "More aftershocks shook Valdera."]),
                analysis("q3", [*QUAKE[::-1], "More aftershocks shook Valdera."]), analysis("e1", ELECTION),
                analysis("e2", ELECTION[::-1]), analysis("q9", trial)]
    groups = cluster_stories(articles, analyses, {})
    assert [g.article_ids for g in groups] == [("e1", "e2"), ("q1", "q2", "q3", "q9")]  # no date window
    assert dict(groups[1].copies) == {"q2": ("q3",)}


def test_story_summary_reads_in_order_without_repeats() -> None:
    first = analysis("a", [*QUAKE, "Officials said the death toll had risen to twelve in Valdera."])
    second = analysis("b", [QUAKE[0], "Aid convoys reached Valdera on Tuesday after the earthquake."])
    summary = summarize_story([first, second], {})
    assert len(set(summary)) == len(summary) and summary.count(QUAKE[0]) == 1
    assert sum(len(s.split()) for s in summary) <= 100 + 20
    positions = [(0, QUAKE.index(s)) if s in QUAKE else (1, 1) for s in summary]
    assert positions == sorted(positions)


def test_periods_list_the_most_covered_story_first() -> None:
    def entry(article_id: str, day: int, story: str | None) -> Entry:
        return Entry(article(article_id, article_id, date(2023, 5, day)), f"articles/{article_id}/", ("S.",),
                     (), (), story, (), ())
    entries = (entry("a", 2, "quake"), entry("b", 2, "quake"), entry("c", 2, None), entry("d", 9, "vote"))
    periods = build_periods(entries, ())
    assert [(p.kind, p.key) for p in periods] == [("day", "2023-05-09"), ("day", "2023-05-02"),
                                                 ("week", "2023-W19"), ("week", "2023-W18")]
    may_2 = periods[1]
    assert [(i.story_id, i.article_ids) for i in may_2.items] == [("quake", ("a", "b")), (None, ("c",))]


def test_discovered_themes_merge_variants_and_skip_rare_or_common_phrases() -> None:
    from generator.corpus.discovery import discover_themes
    from generator.models import Analysis

    def item(number: int, phrases: tuple[str, ...]) -> Analysis:
        return Analysis(f"a{number:02d}", (), (), (), phrases)

    analyses = [item(i, ("transfer window", "league title")) for i in range(2)]
    analyses += [item(i, ("transfer window",)) for i in range(2, 4)]
    analyses += [item(i, ("summer transfer window", "injury time")) for i in range(4, 7)]
    analyses += [item(i, ("one off phrase",)) for i in range(7, 12)]
    analyses += [item(i, ("league title",)) for i in range(12, 14)]
    order = [a.article_id for a in analyses]
    themes = dict(discover_themes(analyses, order, []))
    assert set(themes) == {"Transfer window", "League title", "Injury time"}
    window = themes["Transfer window"]
    assert window.discovered and [m.article_id for m in window.matches] == order[:7]
    assert window.matches[5].terms == ("summer transfer window",)
    assert discover_themes(analyses[:9], order[:9], []) == []  # too few articles to tell


def test_story_summary_opens_with_what_happened_first() -> None:
    # The later articles' sentences are closer to the story's centroid and fill the 100 words on
    # their own: without the rule the oldest lead is crowded out.
    lead = "A strong earthquake struck Valdera on Sunday night."
    later = ["Rescue teams searched collapsed homes for survivors through Monday, rescue dogs found three people "
             "alive under the rubble of homes, and rescue teams from three regions said the search of collapsed "
             "homes would go on for days.",
             "Aid convoys carrying tents, blankets, medicine and food arrived on Tuesday, aid workers handed out "
             "tents and blankets in the square, and charities said more aid convoys with food and medicine were on "
             "their way.",
             "Engineers inspected bridges, roads and the water supply on Wednesday, engineers said two bridges were "
             "unsafe, and the water supply was restored after engineers repaired the main pipe under the road near "
             "the bridges."]
    summary = summarize_story([analysis("a", [lead]), *(analysis(f"b{i}", [t]) for i, t in enumerate(later))], {})
    assert summary[0] == lead



def test_a_story_is_titled_by_its_most_representative_real_headline() -> None:
    from dataclasses import replace

    from generator.corpus.stories import representative_headline
    from generator.models import TitleSource

    def titled(article_id: str, title: str, source: TitleSource):
        return replace(article(article_id, title, date(2023, 5, 2)), title_source=source)

    lead_cut = titled("a", "Rescuers worked through the night in the hill town after the…", TitleSource.LEAD)
    odd_one = titled("b", "Region mourns", TitleSource.HEADLINE)
    central = titled("c", "Earthquake kills twelve in Valdera", TitleSource.HEADLINE)
    echo = titled("d", "Valdera earthquake: twelve dead, rescue goes on", TitleSource.HEADLINE)
    assert representative_headline([lead_cut, odd_one, central, echo], {}) == "Earthquake kills twelve in Valdera"
    assert representative_headline([lead_cut], {}) is None
    assert representative_headline([lead_cut, odd_one], {}) == "Region mourns"


def test_two_headlines_with_the_same_words_keep_the_older_one_whatever_the_corpus() -> None:
    """A new article elsewhere changes every term's rarity; the twins' totals then differ only in
    their last bits, which used to hand the story's title to the younger twin on some builds."""
    import random
    from dataclasses import replace

    from generator.corpus.stories import representative_headline
    from generator.models import TitleSource

    heads = ["Storm closes coastal road near harbour", "Storm closes coastal road", "Coastal road near harbour shut",
             "Harbour storm closes road", "Storm Closes Coastal Road Near Harbour", "Road closed as storm hits harbour",
             "Storm damage closes harbour road", "Coastal storm shuts road"]
    twins = [replace(article(f"a{i}", head, date(2023, 5, 2 + i)), title_source=TitleSource.HEADLINE)
             for i, head in enumerate(heads)]
    words = {w.lower() for head in heads for w in head.replace("-", " ").split()}
    chosen = set()
    for seed in range(60):
        rng = random.Random(seed)
        idf = {w: 1 + 3 * rng.random() for w in sorted(words)}
        chosen.add(representative_headline(twins, idf))
    assert chosen == {"Storm closes coastal road near harbour"}


def test_local_scaling_measures_each_pair_against_both_articles_neighbourhoods() -> None:
    from generator.corpus.stories import locally_scaled
    from generator.corpus.vectors import Pairs

    # "a" has close neighbours (its yardstick is its second best, 0.4); "d" only weak ones (floor).
    scores = {("a", "b"): 0.5, ("a", "c"): 0.4, ("a", "d"): 0.05, ("b", "c"): 0.3, ("c", "d"): 0.02}
    rows = {"a": 0, "b": 1, "c": 2, "d": 3}
    pairs = Pairs(numpy.array([rows[a] for a, _ in scores]), numpy.array([rows[b] for _, b in scores]))
    scaled = dict(zip(scores, locally_scaled(pairs, numpy.array(list(scores.values())), 4, 2, 0.1).tolist(),
                      strict=True))
    assert round(scaled[("a", "b")], 3) == round(0.5 / (0.4 * 0.3) ** 0.5, 3)
    assert round(scaled[("a", "d")], 3) == round(0.05 / (0.4 * 0.1) ** 0.5, 3)
    assert scaled[("a", "b")] > scaled[("a", "c")] > scaled[("a", "d")]


def test_look_alike_events_stay_apart_while_each_event_keeps_its_follow_ups() -> None:
    # Two warehouse fires in two towns a year apart, reported in other words, with other places and people.
    first = ["A warehouse fire destroyed three buildings on Quay Street in Marlow overnight, firefighters said.",
             "Fire chief Petersen said crews from Marlow fought the warehouse blaze for six hours.",
             "Residents of Marlow were told to keep windows closed because of the smoke."]
    second = ["Firefighters in Tilbury spent the night tackling a blaze at a storage warehouse on Mill Lane.",
              "Nobody was hurt, according to station officer Okonjo, though the roof of the warehouse collapsed.",
              "Tilbury council opened the leisure centre for families evacuated from nearby homes."]
    follow_up = ["Investigators said the warehouse fire on Quay Street in Marlow was started deliberately.",
                 "Fire chief Petersen said a man from Marlow had been arrested over the blaze."]
    articles = [article("m1", "Fire", date(2023, 3, 1)), article("m2", "Fire", date(2023, 3, 2)),
                article("m3", "Arrest", date(2023, 4, 20)), article("t1", "Fire", date(2024, 3, 5)),
                article("t2", "Fire", date(2024, 3, 6))]
    analyses = [analysis("m1", first), analysis("m2", first[::-1]), analysis("m3", follow_up),
                analysis("t1", second), analysis("t2", second[::-1])]
    actors = {"m1": ("marlow", "petersen"), "m2": ("marlow", "petersen"), "m3": ("marlow", "petersen"),
              "t1": ("tilbury", "okonjo"), "t2": ("tilbury", "okonjo")}
    groups = cluster_stories(articles, analyses, actors)
    assert [g.article_ids for g in groups] == [("m1", "m2", "m3"), ("t1", "t2")]


def _plain_average_linkage(items: list[str], similarity: dict[tuple[str, str], float],
                           threshold: float) -> list[list[str]]:
    """UPGMA by the book: every pair of clusters averaged on every step."""
    clusters = [[item] for item in items]

    def value(a: str, b: str) -> float:
        return similarity.get((a, b), 0.0) + similarity.get((b, a), 0.0)

    while len(clusters) > 1:
        best, i, j = max((sum(value(a, b) for a in x for b in y) / (len(x) * len(y)), i, j)
                         for i, x in enumerate(clusters) for j, y in enumerate(clusters) if i < j)
        if best < threshold:
            break
        clusters[i] = clusters[i] + clusters.pop(j)
    return sorted(sorted(c) for c in clusters)


def test_average_linkage_joins_exactly_what_plain_upgma_joins() -> None:
    """The heap leaves out pairs that can never join two clusters: the clusters must not change."""
    import random

    for seed in range(30):
        chance = random.Random(seed)
        items = [f"a{n:02d}" for n in range(chance.randint(4, 24))]
        pairs = {(a, b): chance.choice([chance.uniform(0.0, 0.8), chance.uniform(0.8, 2.5)])
                 for a in items for b in items if a < b and chance.random() < 0.4}
        assert average_linkage(items, pairs, 1.0) == _plain_average_linkage(items, pairs, 1.0), seed


def test_an_assembled_collection_keeps_each_story_sets_events_and_makes_every_other_article_its_own(
        tmp_path) -> None:
    import json

    from tools.evaluate.stories import UNRELATED, assemble_collection, has_gold_events

    stories, lone = tmp_path / "stories", tmp_path / "lone"
    for folder, names in ((stories, ("a.txt", "b.txt")), (lone, ("c.txt", "d.txt"))):
        (folder / "articles").mkdir(parents=True)
        for name in names:
            (folder / "articles" / name).write_text(f"Text of {name}.\n", encoding="utf-8")
    (stories / "gold.json").write_text(json.dumps({"events": {"a.txt": "1", "b.txt": "1"}}), encoding="utf-8")
    (lone / "gold.json").write_text(json.dumps({"aliases": []}), encoding="utf-8")  # labels, but no events
    assert has_gold_events(stories) and not has_gold_events(lone)
    folder = assemble_collection([stories], [lone], tmp_path / "collection")
    events = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["events"]
    assert events["stories_a.txt"] == events["stories_b.txt"] == "stories:1"
    assert events["lone_c.txt"] != events["lone_d.txt"] and events["lone_c.txt"].startswith(UNRELATED)
    assert sorted(p.name for p in (folder / "articles").iterdir()) == sorted(events)


@pytest.mark.parametrize("seed", range(20))
def test_pairs_outside_the_components_that_may_join_never_change_the_stories(seed: int) -> None:
    from generator.corpus.stories import NEIGHBOUR_JOIN, _joinable
    from generator.corpus.vectors import Pairs

    chance = random.Random(seed)
    items = [f"a{n:02d}" for n in range(40)]
    joint = {(a, b): chance.choice([chance.uniform(0, 0.9), chance.uniform(0.9, 2.0)])
             for a, b in itertools.combinations(items, 2) if chance.random() < 0.15}
    pairs = Pairs(numpy.array([items.index(a) for a, _ in joint]), numpy.array([items.index(b) for _, b in joint]))
    near = _joinable(pairs, numpy.array(list(joint.values())) >= 1.0, len(items))
    pruned = {pair: value for pair, value, inside in zip(joint, joint.values(), near, strict=True) if inside}
    assert len(pruned) < len(joint)
    every = nearest_neighbour_joins(average_linkage(items, joint, 1.0), joint, NEIGHBOUR_JOIN)
    assert nearest_neighbour_joins(average_linkage(items, pruned, 1.0), pruned, NEIGHBOUR_JOIN) == every
    assert any(len(group) > 1 for group in every)
