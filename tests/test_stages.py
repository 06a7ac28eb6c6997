"""Corpus stages on hand-built data: actors, themes, summaries, related articles."""

from __future__ import annotations

import pytest

from generator.actors.index import build_actors
from generator.actors.mentions import joined_team_names
from generator.actors.names import normalise_name
from generator.corpus.assemble import theme_order, unique_quotes
from generator.corpus.related import related_articles
from generator.corpus.themes import ThemeSpec, _check, assign_themes
from generator.errors import ConfigError
from generator.models import ActorKind, Analysis, AttributedQuote, Mention, Theme, ThemeMatch
from generator.summarize import SUMMARIZERS, SummaryContext, summarize

from .helpers import analysis, sentence


def test_titles_roles_and_possessives_are_stripped() -> None:
    assert normalise_name("President Vladimir Putin's") == "Vladimir Putin"
    assert normalise_name("Councilmembers Ray Dubois") == "Ray Dubois"
    assert normalise_name("Councillor Priya Shah") == "Priya Shah"
    assert normalise_name("Mayor Karen Webb") == "Karen Webb"
    assert normalise_name("Striker Kofi Mensah") == "Kofi Mensah"
    assert normalise_name("Superintendent Eddie Johnson") == "Eddie Johnson"
    assert normalise_name("the United States") == "United States"
    assert normalise_name("NATO’s") == "NATO"


def test_aliases_merge_across_articles() -> None:
    analyses = [
        analysis("a", ["x"], [("Vladimir Putin", "PERSON"), ("Putin", "PERSON"), ("NATO", "ORG"),
                              ("U.S.", "GPE"), ("Olaf Scholz", "PERSON")]),
        analysis("b", ["x"], [("Putin", "PERSON"), ("Nato", "ORG"), ("North Atlantic Treaty Organization", "ORG"),
                              ("the United States", "GPE"), ("Olaf Scholz", "ORG"), ("Scholz", "GPE"),
                              ("Scholz", "GPE"), ("Mikhail Metzel/AFP", "PERSON")]),
    ]
    index = build_actors(analyses, min_mentions=2)
    by_name = {a.name: a for a in index.actors}
    assert set(by_name) == {"Vladimir Putin", "NATO", "United States", "Olaf Scholz"}
    assert by_name["Vladimir Putin"].mentions == 3
    assert set(by_name["NATO"].aliases) == {"Nato", "North Atlantic Treaty Organization"}
    assert by_name["Olaf Scholz"].kind is ActorKind.PERSON
    assert by_name["United States"].kind is ActorKind.PLACE
    assert index.resolve("Putin") == index.resolve("President Vladimir Putin") == by_name["Vladimir Putin"].id


def test_weak_single_mentions_are_dropped_but_full_names_kept() -> None:
    index = build_actors([analysis("a", ["x"], [("Roe", "PERSON"), ("Acme", "ORG"), ("Jane Doe", "PERSON")])],
                         min_mentions=2)
    assert [a.name for a in index.actors] == ["Jane Doe"]


def test_a_place_is_not_merged_into_a_person_of_another_article() -> None:
    index = build_actors([analysis("a", ["x"], [("George Washington", "PERSON")] * 2),
                          analysis("b", ["x"], [("Washington", "GPE")] * 2)], min_mentions=2)
    assert sorted(a.name for a in index.actors) == ["George Washington", "Washington"]


def test_demonyms_count_toward_their_country_but_do_not_name_it() -> None:
    index = build_actors([analysis("a", ["x"], [("Russian", "NORP"), ("Russia", "GPE"), ("Ukrainians", "NORP"),
                                                ("Hungarian", "NORP")]),
                          analysis("b", ["y"], [("Ukraine", "GPE"), ("Kyiv", "GPE")])], min_mentions=2)
    by_name = {a.name: a for a in index.actors}
    assert by_name["Russia"].mentions == 2 and "Russian" in by_name["Russia"].aliases
    assert by_name["Ukraine"].kind is ActorKind.PLACE and "Russian" not in by_name
    # "Ukrainians" counts toward Ukraine's mentions, but only article b names Ukraine
    assert by_name["Ukraine"].mentions == 2 and by_name["Ukraine"].article_ids == ("b",)
    assert "ukraine" not in index.by_article["a"] and "russia" in index.by_article["a"]
    assert "Hungary" not in by_name  # named by a demonym only, nowhere else


def test_actor_ids_do_not_change_when_articles_are_added() -> None:
    one = build_actors([analysis("a", ["x"], [("Vladimir Putin", "PERSON")] * 2)], min_mentions=2)
    two = build_actors([analysis("a", ["x"], [("Vladimir Putin", "PERSON")] * 2),
                        analysis("b", ["x"], [("Putin", "PERSON"), ("Joe Biden", "PERSON")] * 2)], min_mentions=2)
    assert one.resolve("Vladimir Putin") == two.resolve("Vladimir Putin") == "vladimir-putin"


def names_of(index) -> list[list[str]]:
    return sorted(sorted([a.name, *a.aliases]) for a in index.actors)


def test_first_name_forms_of_one_surname_merge_but_different_people_do_not() -> None:
    index = build_actors([analysis("a", ["x"], [("Maurice Cheeks", "PERSON"), ("Alexandros Grigoropoulos", "PERSON"),
                                                ("Roy Williams", "PERSON"), ("Jon Owen", "PERSON")]),
                          analysis("b", ["x"], [("Mo Cheeks", "PERSON"), ("Alexis Grigoropoulos", "PERSON"),
                                                ("Jamal Williams", "PERSON"), ("John Owen", "PERSON")])],
                         min_mentions=2)
    merged = names_of(index)
    assert ["Maurice Cheeks", "Mo Cheeks"] in merged
    assert ["Alexandros Grigoropoulos", "Alexis Grigoropoulos"] in merged
    assert ["John Owen", "Jon Owen"] in merged
    assert ["Jamal Williams"] in merged and ["Roy Williams"] in merged


def test_a_three_letter_surname_takes_only_a_short_form_of_the_first_name() -> None:
    index = build_actors([analysis("a", ["x"], [("Chris Few", "PERSON"), ("Alexis Lee", "PERSON"),
                                                ("Bill Orr", "PERSON")]),
                          analysis("b", ["x"], [("Christopher Few", "PERSON"), ("Alexandra Lee", "PERSON"),
                                                ("William Orr", "PERSON")])],
                         min_mentions=2)
    merged = names_of(index)
    assert ["Chris Few", "Christopher Few"] in merged
    assert ["Bill Orr", "William Orr"] in merged
    assert ["Alexandra Lee"] in merged and ["Alexis Lee"] in merged


def test_a_name_the_headline_and_the_text_both_give_is_an_actor_though_named_once() -> None:
    texts = ["Valdane Semiconductor said it would close its plant in Penang.", "Kulim Works has spare capacity."]
    mentions = [("Valdane Semiconductor", "ORG"), ("Penang", "GPE"), ("Kulim Works", "ORG")]
    plain = build_actors([analysis("a", texts, mentions)], min_mentions=2)
    headed = build_actors([analysis("a", texts, mentions)], min_mentions=2,
                          headlines={"a": "Valdane Semiconductor to close Penang plant"})
    assert not plain.actors
    assert [a.name for a in headed.actors] == ["Valdane Semiconductor"]  # one word alone is not enough
    assert headed.by_article["a"] == ("valdane-semiconductor",)


def test_a_word_after_a_name_shaped_as_a_place_is_not_its_short_form() -> None:
    index = build_actors([analysis("a", ["Lake Tenby closed as Olaf Scholz spoke.", "Residents of Tenby met Scholz."],
                                   [("Lake Tenby", "PERSON"), ("Olaf Scholz", "PERSON"), ("Tenby", "GPE"),
                                    ("Scholz", "PERSON")])],
                         min_mentions=1)
    merged = names_of(index)
    assert ["Lake Tenby"] in merged and ["Tenby"] in merged  # the town is not the lake, whatever the tags
    assert ["Olaf Scholz", "Scholz"] in merged


def test_clipped_names_join_the_place_or_team_they_clip() -> None:
    index = build_actors([analysis("a", ["x"], [("Indianapolis Colts", "ORG"), ("Indy", "GPE"),
                                                ("Philadelphia", "GPE"), ("Philly", "PERSON"),
                                                ("Andrew Anderson", "PERSON"), ("Andy", "PERSON")])],
                         min_mentions=1)
    merged = names_of(index)
    assert ["Indianapolis Colts", "Indy"] in merged
    assert ["Philadelphia", "Philly"] in merged
    assert not any("Andy" in names and "Andrew Anderson" in names for names in merged)


def test_two_letter_acronym_joins_only_a_dominant_expansion() -> None:
    index = build_actors([analysis("a", ["x"], [("Associated Press", "ORG")] * 3 + [("AP", "ORG")]),
                          analysis("b", ["x"], [("National Park", "ORG"), ("North Philadelphia", "GPE"),
                                                ("NP", "ORG")])],
                         min_mentions=1)
    merged = names_of(index)
    assert ["AP", "Associated Press"] in merged
    assert ["NP"] in merged


def test_longer_forms_of_a_name_with_the_same_head_merge() -> None:
    index = build_actors([analysis("a", ["x"], [("Central Election Commission", "ORG"), ("Mount Cook", "LOC"),
                                                ("the Gaza Strip", "GPE"), ("University of California", "ORG")]),
                          analysis("b", ["x"], [("Central Election and Referendum Commission", "ORG"),
                                                ("Aoraki Mount Cook", "LOC"), ("Mount Cook Village", "LOC"),
                                                ("Gaza", "GPE"), ("University of Southern California", "ORG")])],
                         min_mentions=1)
    merged = names_of(index)
    assert ["Central Election Commission", "Central Election and Referendum Commission"] in merged
    assert ["Aoraki Mount Cook", "Mount Cook"] in merged and ["Mount Cook Village"] in merged
    assert ["Gaza", "Gaza Strip"] in merged
    assert ["University of California"] in merged and ["University of Southern California"] in merged



def test_blended_nickname_joins_the_one_person_it_blends() -> None:
    one = build_actors([analysis("a", ["x"], [("Lindsay Lohan", "PERSON")]),
                        analysis("b", ["x"], [("LiLo", "PERSON"), ("A-Rod", "PERSON"), ("Alex Rodriguez", "PERSON")])],
                       min_mentions=1)
    assert ["LiLo", "Lindsay Lohan"] in names_of(one) and ["A-Rod", "Alex Rodriguez"] in names_of(one)
    two = build_actors([analysis("a", ["x"], [("Lindsay Lohan", "PERSON"), ("Lisa Lopez", "PERSON")]),
                        analysis("b", ["x"], [("LiLo", "PERSON")])], min_mentions=1)
    assert ["LiLo"] in names_of(two)  # two people fit: no guess


def test_parks_and_cities_join_the_place_they_are_named_after() -> None:
    index = build_actors([analysis("a", ["x"], [("Yellowstone National Park", "FAC"), ("City of Palmer", "GPE")]),
                          analysis("b", ["x"], [("Yellowstone", "GPE"), ("Palmer", "GPE"),
                                                ("City of London Corporation", "ORG")]),
                          analysis("c", ["x"], [("London", "GPE")])], min_mentions=1)
    merged = names_of(index)
    assert ["Yellowstone", "Yellowstone National Park"] in merged and ["City of Palmer", "Palmer"] in merged
    assert ["London"] in merged  # an organisation is no place head


def test_team_name_joins_its_school_and_nickname_not_a_person() -> None:
    index = build_actors([analysis("a", ["x"], [("Drake Bulldogs", "PERSON"), ("Peter Jones", "PERSON")]),
                          analysis("b", ["x"], [("Drake", "ORG"), ("the Bulldogs", "PERSON")]),
                          analysis("c", ["x"], [("Peter", "PERSON"), ("Peter", "PERSON"), ("Jones", "PERSON")]),
                          analysis("d", ["x"], [("Peter Smith", "PERSON")] * 2)], min_mentions=1)
    merged = names_of(index)
    assert ["Bulldogs", "Drake", "Drake Bulldogs"] in merged
    assert not any("Peter" in names and "Peter Jones" in names for names in merged)


def test_a_place_followed_by_a_tagged_plural_name_is_one_team() -> None:
    text = ["The North Carolina Tar Heels won again.", "The Tar Heels lead the conference.",
            "North Carolina is a state."]
    found = Analysis("a", tuple(sentence(i, t) for i, t in enumerate(text)),
                     (Mention("North Carolina", "GPE", 0), Mention("the Tar Heels", "PERSON", 1),
                      Mention("North Carolina", "GPE", 2)), ())
    assert [(m.text, m.label) for m in joined_team_names(found)] == [
        ("North Carolina Tar Heels", "ORG"), ("the Tar Heels", "PERSON"), ("North Carolina", "GPE")]


def test_a_lone_first_name_joins_a_person_only_when_he_dominates() -> None:
    smith = [analysis("a", ["x"], [("Matt Smith", "PERSON")] * 3), analysis("b", ["x"], [("Matt Jones", "PERSON")]),
             analysis("c", ["x"], [("Matt", "PERSON")])]
    assert ["Matt", "Matt Smith"] in names_of(build_actors(smith, min_mentions=1))
    close = [*smith, analysis("d", ["x"], [("Matt Jones", "PERSON")])]
    assert ["Matt"] in names_of(build_actors(close, min_mentions=1))  # 3 of 5 is no two thirds

CAPTION = "Photo: Jane Smith/Reuters shows the minister arriving at the summit in Brussels today."
ARTICLE = [
    "The government announced a sweeping plan to cut energy prices for households this winter.",
    CAPTION,
    "The plan caps energy prices for households and gives grants to small companies.",
    "The plan caps energy prices for households and gives grants to small companies too.",
    "Officials said the energy plan would cost billions over the next two years.",
    "Will it work?",
    "Critics said the plan does not address the causes of high energy prices.",
]


@pytest.mark.parametrize("method", sorted(SUMMARIZERS))
def test_captions_and_questions_are_never_chosen(method: str) -> None:
    chosen = summarize(analysis("a", ARTICLE), 4, method, SummaryContext())
    assert CAPTION not in chosen and "Will it work?" not in chosen
    assert len(chosen) == 4 or method == "centrality"


def test_redundant_pair_is_never_both_chosen() -> None:
    chosen = summarize(analysis("a", ARTICLE), 4, "centrality", SummaryContext())
    assert not {ARTICLE[2], ARTICLE[3]} <= set(chosen)
    assert list(chosen) == [s for s in ARTICLE if s in chosen]  # article order


def test_lead_takes_the_first_eligible_sentences() -> None:
    chosen = summarize(analysis("a", ARTICLE), 2, "lead", SummaryContext())
    assert chosen == (ARTICLE[0], ARTICLE[2])


def fake_lemmas(phrases):
    return {p: tuple(p.lower().split()) for p in phrases}


def test_theme_needs_two_distinct_terms_and_lists_them() -> None:
    specs = [ThemeSpec("Energy", "", ("energy", "gas", "pipeline")), ThemeSpec("Sport", "", ("goal", "match"))]
    analyses = [analysis("a", ["gas pipeline"]), analysis("b", ["energy talk and a goal"])]
    themes = assign_themes(specs, analyses, fake_lemmas, ["b", "a"])
    assert [(t.label, [(m.article_id, m.terms) for m in t.matches]) for t in themes] == [
        ("Energy", [("a", ("gas", "pipeline"))])]


def test_taxonomy_errors_are_all_reported() -> None:
    with pytest.raises(ConfigError) as caught:
        _check([{"label": "A", "terms": []}, {"terms": ["x"]}, {"label": "B", "terms": ["x"], "colour": 1}], "t.yml")
    assert caught.value.errors == ["theme 1 (A): 'terms' must be a non-empty list of strings",
                                   "theme 2: needs a 'label' string", "theme 3 (B): unknown keys colour"]
    assert "t.yml" in str(caught.value)


def test_related_prefers_shared_content_and_actors() -> None:
    analyses = [analysis("a", ["energy prices rise sharply"]), analysis("b", ["energy prices fall sharply"]),
                analysis("c", ["football match ends goalless"])]
    related = related_articles(analyses, {"a": ("x",), "b": ("x",)}, {}, limit=5)
    assert related["a"] == ("b",)
    assert related["c"] == ()


def test_a_repeated_quotation_is_listed_once_with_its_named_speaker() -> None:
    quotes = [AttributedQuote("We will act within weeks", None), AttributedQuote("Nothing is agreed yet", "a"),
              AttributedQuote("We will act within weeks", "b"), AttributedQuote("Nothing is agreed yet", "a"),
              AttributedQuote("Nothing is agreed yet", None)]
    assert unique_quotes(quotes) == (AttributedQuote("We will act within weeks", "b"),
                                     AttributedQuote("Nothing is agreed yet", "a"))


def test_a_day_glued_onto_a_name_is_not_part_of_it() -> None:
    from generator.actors.names import normalise_name

    assert normalise_name("Stoltenberg Tuesday") == "Stoltenberg"
    assert normalise_name("Jens Stoltenberg Tuesday's") == "Jens Stoltenberg"
    assert normalise_name("Monday Olaf Scholz") == "Olaf Scholz"
    assert normalise_name("Theresa May") == "Theresa May" and normalise_name("Tuesday") == "Tuesday"


def test_the_shipped_themes_cover_business_science_councils_storms_work_transport_schools_farms() -> None:
    from generator.corpus.themes import load_taxonomy

    terms = {spec.label: set(spec.terms) for spec in load_taxonomy(None)}
    assert {"merger", "takeover", "shareholder"} <= terms["Economy and sanctions"]
    assert {"council", "mayor"} <= terms["Elections and politics"] and "storm" in terms["Climate and environment"]
    assert {"research", "scientist", "study"} <= terms["Science and research"]
    assert {"strike", "trade union"} <= terms["Work and labour"] and {"rail", "commuter"} <= terms["Transport"]
    assert {"school", "teacher"} <= terms["Education"] and {"harvest", "farmer"} <= terms["Agriculture and food"]


def test_an_articles_themes_keep_their_order_when_counts_change() -> None:
    """Discovered themes come ranked by size; an article's own list of themes (its feed items'
    categories, its page) must not follow that rank, or one new article rewrites hundreds of feeds."""
    def theme(theme_id: str, discovered: bool = False) -> Theme:
        return Theme(theme_id, theme_id, "", (ThemeMatch("a", ()),), discovered)

    taxonomy = [theme("war"), theme("energy")]
    for ranked in (["police-officer", "family-member"], ["family-member", "police-officer"]):
        themes = [*taxonomy, *(theme(t, discovered=True) for t in ranked)]
        assert [t.id for t in sorted(themes, key=theme_order(themes))] == \
            ["war", "energy", "family-member", "police-officer"]
