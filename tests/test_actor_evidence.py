"""Actors from evidence across the corpus: glued spans split, names the tagger missed found again,
and kinds decided by how the text writes a name, not by the tagger's label alone. Hand-built
analyses: no model needed."""

from __future__ import annotations

from generator.actors.countries import is_nationality
from generator.actors.index import build_actors
from generator.actors.mentions import kind_evidence
from generator.actors.names import acronyms
from generator.models import ActorKind, Analysis, Mention, Quote

from .helpers import sentence


def analysed(article_id: str, sentences: list[str], mentions: list[tuple[str, str, int]]) -> Analysis:
    """An analysis whose mentions sit in the sentences they name (text, label, sentence index)."""
    return Analysis(article_id, tuple(sentence(i, text) for i, text in enumerate(sentences)),
                    tuple(Mention(text, label, index) for text, label, index in mentions), ())


def by_name(analyses: list[Analysis]) -> dict:
    return {actor.name: actor for actor in build_actors(analyses, 2, ()).actors}


def kinds_in_two_articles(sentences: list[str], mentions: list[tuple[str, str, int]]) -> dict[str, ActorKind]:
    """Each actor's kind when two articles hold the same sentences and mentions."""
    return {a.name: a.kind for a in by_name([analysed(f"p{i}", sentences, mentions) for i in range(2)]).values()}


def test_a_span_that_glues_two_known_names_is_split_into_both() -> None:
    analyses = [
        analysed("a1", ["Arsenal signed a new goalkeeper on Monday.", "Tomás Varga scored twice for Feyenoord."],
                 [("Arsenal", "ORG", 0), ("Tomás Varga", "PERSON", 1), ("Feyenoord", "ORG", 1)]),
        analysed("a2", ["Arsenal made a bid for Tomás Varga on Friday.", "Varga has two years left."],
                 [("Arsenal for Tomás Varga", "ORG", 0), ("Varga", "PERSON", 1)]),
    ]
    actors = by_name(analyses)
    assert not any(" for " in form for actor in actors.values() for form in (actor.name, *actor.aliases))
    assert actors["Arsenal"].article_ids == ("a1", "a2")
    assert actors["Tomás Varga"].article_ids == ("a1", "a2")
    assert actors["Tomás Varga"].kind is ActorKind.PERSON


def test_a_span_gluing_an_employer_to_a_titled_person_is_split_and_an_acronym_is_no_surname() -> None:
    analyses = [
        analysed("d1", ["DART said its trains would run on Monday.", "Brent Thompson joined DART in 2011.",
                        "Tom Dart, a county official, praised the crews."],
                 [("DART", "ORG", 0), ("Brent Thompson", "PERSON", 1), ("DART", "ORG", 1), ("Tom Dart", "PERSON", 2)]),
        analysed("d2", ["DART Officer Brent Thompson was killed on Thursday.", "DART flew its flags at half staff.",
                        "Tom Dart spoke at the vigil."],
                 [("DART Officer Brent Thompson", "PERSON", 0), ("DART", "ORG", 1), ("Tom Dart", "PERSON", 2)]),
    ]
    actors = by_name(analyses)
    assert actors["DART"].kind is ActorKind.ORGANIZATION and "Tom Dart" not in actors["DART"].aliases
    assert actors["Brent Thompson"].article_ids == ("d1", "d2") and actors["Tom Dart"].article_ids == ("d1", "d2")
    assert not any("Officer" in form for form in actors["DART"].aliases)


def test_a_name_with_a_connecting_word_stays_whole_when_it_is_the_usual_name() -> None:
    sentences = ["The Fish and Wildlife Service listed the bird on Monday.", "Fish joined the board."]
    analyses = [analysed(f"f{i}", sentences, [("Fish and Wildlife Service", "ORG", 0), ("Fish", "PERSON", 1)])
                for i in range(3)]
    analyses.append(analysed("w1", ["Wildlife Service staff counted birds."], [("Wildlife Service", "ORG", 0)]))
    assert "Fish and Wildlife Service" in by_name(analyses)


def test_a_known_full_name_is_found_where_the_tagger_missed_it() -> None:
    tagged = ["Mikel Arteta wants a new forward.", "Mikel Arteta said the squad was ready."]
    analyses = [
        analysed("t1", tagged, [("Mikel Arteta", "PERSON", 0), ("Mikel Arteta", "PERSON", 1)]),
        analysed("m1", ["The club confirmed the fee.", "Mikel Arteta said the striker would train on Monday.",
                        "The striker spoke to Arteta by phone."], []),
        analysed("m2", ["The Mikel Arteta Foundation opened a school."], []),
    ]
    arteta = by_name(analyses)["Mikel Arteta"]
    assert arteta.article_ids == ("m1", "t1")  # not m2: a longer capitalised name is another name
    assert arteta.mentions == 4  # both of m1's, the surname after the full name included


def test_an_agency_named_without_its_country_after_the_first_mention_is_the_same_agency() -> None:
    first = ["The U.S. Maritime Safety Board opened an inquiry on Monday.", "The U.S. Maritime Safety Board met."]
    analyses = [
        analysed("b1", first, [("U.S.", "GPE", 0), ("U.S. Maritime Safety Board", "ORG", 0),
                               ("U.S. Maritime Safety Board", "ORG", 1)]),
        analysed("b2", ["Investigators from the Maritime Safety Board boarded the ferry.",
                        "The ferry sailed from Canada in May."], [("Canada", "GPE", 1)]),
        analysed("b3", ["The Canadian Maritime Safety Board kept its own records."], []),
    ]
    board = by_name(analyses)["U.S. Maritime Safety Board"]
    assert board.article_ids == ("b1", "b2")  # b3 writes a longer capitalised name: another board
    assert "Maritime Safety Board" in board.aliases


def test_a_country_named_after_an_agency_that_opens_on_it_is_still_the_country() -> None:
    agency = "U.S. Maritime Safety Board"
    analyses = [analysed(f"u{i}", [f"The {agency} opened an inquiry.", f"The {agency} met on Monday.",
                                   "The U.S. has sent ships to the strait."],
                         [(agency, "ORG", 0), (agency, "ORG", 1), ("U.S.", "GPE", 2)]) for i in range(2)]
    analyses.append(analysed("k1", [f"Officials said the {agency} would report in May."], []))
    actors = {actor.name: actor for actor in build_actors(analyses, 2).actors}  # the shipped alias file
    assert actors["United States"].article_ids == ("u0", "u1")
    assert "U.S" not in actors[agency].aliases and actors[agency].article_ids == ("k1", "u0", "u1")
    assert "U.S Maritime Safety Board" not in actors[agency].aliases  # found in k1 as written, with its dots


def test_a_name_an_alias_file_lists_in_capitals_only_is_not_its_lower_case_namesake() -> None:
    analyses = [analysed(f"m{i}", ["The Who played Hyde Park on Saturday.", "The WHO warned of a measles outbreak.",
                                   "Who fans sang along."],
                         [("The Who", "ORG", 0), ("WHO", "ORG", 1), ("Who", "ORG", 2)]) for i in range(2)]
    actors = {actor.name: actor for actor in build_actors(analyses, 2).actors}  # the shipped alias file
    assert "Who" not in actors["World Health Organization"].aliases
    assert actors["World Health Organization"].mentions == 2 and actors["Who"].mentions == 4


def test_a_short_name_defined_in_brackets_is_the_organisation_whatever_its_letters() -> None:
    regulator = "Water Services Regulation Authority"
    analyses = [
        analysed("d1", [f"The {regulator} (Ofwat) fined Northgate Water.", "Ofwat said the fine was a record."],
                 [(regulator, "ORG", 0), ("Ofwat", "PERSON", 1)]),
        analysed("d2", ["Ofwat will review the bills.", "Ofwat opened a consultation."],
                 [("Ofwat", "PERSON", 0), ("Ofwat", "ORG", 1)]),
    ]
    actors = by_name(analyses)
    [ofwat] = [a for a in actors.values() if "Ofwat" in (a.name, *a.aliases)]
    assert regulator in (ofwat.name, *ofwat.aliases) and ofwat.article_ids == ("d1", "d2")
    assert ofwat.kind is ActorKind.ORGANIZATION


def test_a_generic_rest_of_a_place_qualified_name_is_not_looked_for() -> None:
    analyses = [analysed(f"p{i}", ["The Leeds Police Department said the road was closed.",
                                   "The Leeds Police Department made two arrests."],
                         [("Leeds", "GPE", 0), ("Leeds Police Department", "ORG", 0),
                          ("Leeds Police Department", "ORG", 1)]) for i in range(2)]
    analyses.append(analysed("y1", ["A spokesman for the Police Department said little."], []))
    assert by_name(analyses)["Leeds Police Department"].article_ids == ("p0", "p1")


def test_a_first_name_the_tagger_left_out_of_a_span_is_taken_back() -> None:
    analyses = [
        analysed("s1", ["Ka'Nyla Rose Okafor won the regional spelling final on Saturday."],
                 [("Rose Okafor", "PERSON", 0)]),
        analysed("s2", ["Ka'Nyla Okafor, 12, spelled the last word.", "Okafor will travel to the national final."],
                 [("Ka'Nyla Okafor", "PERSON", 0), ("Okafor", "PERSON", 1)]),
        analysed("s3", ["Ka'Nyla Rose Okafor thanked her teacher.", "Rose Okafor was not at school on Monday."],
                 [("Rose Okafor", "PERSON", 0), ("Rose Okafor", "PERSON", 1)]),
    ]
    actors = list(by_name(analyses).values())
    assert len(actors) == 1 and actors[0].article_ids == ("s1", "s2", "s3")
    assert {"Ka'Nyla Okafor", "Ka'Nyla Rose Okafor"} <= {actors[0].name, *actors[0].aliases}


def test_a_club_tagged_as_a_person_is_an_organisation_when_written_with_a_plural_verb() -> None:
    analyses = [analysed("c1", ["Borussia Dortmund are ready to return with a higher offer."],
                         [("Borussia Dortmund", "PERSON", 0)]),
                analysed("c2", ["The offer from Borussia Dortmund was turned down."],
                         [("Borussia Dortmund", "PERSON", 0)])]
    assert by_name(analyses)["Borussia Dortmund"].kind is ActorKind.ORGANIZATION


def test_a_team_named_like_a_person_is_an_organisation_when_written_with_the() -> None:
    analyses = [analysed(f"n{i}", ["Indianapolis Colts beat the Jaguars.", "Since then the Colts have won twice.",
                                   "Fans of the Colts cheered."],
                         [("Indianapolis Colts", "PERSON", 0), ("Colts", "PERSON", 1), ("Colts", "PERSON", 2)])
                for i in range(2)]
    assert by_name(analyses)["Indianapolis Colts"].kind is ActorKind.ORGANIZATION


def test_a_team_and_its_nickname_are_no_full_name_and_surname_unless_tagged_as_a_person() -> None:
    analyses = [analysed(f"h{i}", ["Harlow Hawks signed a new coach.", "Hawks fans cheered.",
                                   "Harlow Hawks won again.", "Harlow Hawks Rugby Club sold out."],
                         [("Harlow Hawks", "ORG", 0), ("Hawks", "GPE", 1), ("Harlow Hawks", "ORG", 2),
                          ("Harlow Hawks Rugby Club", "PERSON", 3)]) for i in range(2)]
    [team] = [a for a in by_name(analyses).values() if "Harlow Hawks" in (a.name, *a.aliases)]
    assert team.kind is ActorKind.ORGANIZATION


def test_a_place_label_without_a_locative_gives_way_to_an_organisation_label() -> None:
    club = [analysed(f"k{i}", ["Feyenoord rejected the bid.", "Feyenoord value him highly.", "He joined Feyenoord."],
                     [("Feyenoord", "GPE", 0), ("Feyenoord", "GPE", 1), ("Feyenoord", "ORG", 2)]) for i in range(2)]
    city = [analysed(f"r{i}", ["Rotterdam voted on Monday.", "Rotterdam said no.", "The vote was held in Rotterdam."],
                     [("Rotterdam", "GPE", 0), ("Rotterdam", "ORG", 1), ("Rotterdam", "GPE", 2)]) for i in range(2)]
    actors = by_name(club + city)
    assert actors["Feyenoord"].kind is ActorKind.ORGANIZATION
    assert actors["Rotterdam"].kind is ActorKind.PLACE


def test_a_person_stays_a_person() -> None:
    analyses = [analysed(f"p{i}", ["Priya Nandakumar said the deal was fair.", "Mr Nandakumar met the board.",
                                   "Wladimir and his brother Vitali have won again."],
                         [("Priya Nandakumar", "PERSON", 0), ("Mr Nandakumar", "PERSON", 1), ("Vitali", "PERSON", 2)])
                for i in range(2)]
    actors = by_name(analyses)
    assert actors["Priya Nandakumar"].kind is ActorKind.PERSON
    assert actors["Vitali"].kind is ActorKind.PERSON


def test_kind_evidence_reads_the_words_around_a_name() -> None:
    assert kind_evidence("Arsenal have opened talks.", "Arsenal") == "group"
    assert kind_evidence("Dortmund and Chelsea have asked.", "Chelsea") == ""
    assert kind_evidence("Members of the family of Timmons were in court.", "Timmons") == ""
    assert kind_evidence("Wladimir and his older brother Vitali have dominated.", "Vitali") == ""
    assert kind_evidence("The talks were held in Rotterdam on Monday.", "Rotterdam") == "place"
    assert kind_evidence("Fans of the Colts cheered.", "Colts") == "the"
    assert kind_evidence("Senator Jane Roe said no.", "Jane Roe") == "person"
    assert kind_evidence("Mr Roe said no.", "Mr Roe") == "person"
    assert kind_evidence("Hodgson praised 32-year-old Cabaye on Friday.", "Cabaye") == "person"
    assert kind_evidence("They toured the 100-year-old Grace Church.", "Grace Church") == ""


def test_a_title_written_before_a_tagged_name_is_one_of_the_forms_it_is_written_with() -> None:
    analyses = [analysed(f"s{i}", ["Bill Shorten spoke first.", "Mr Shorten said the vote was close.",
                                   "Justice Kim Hargrave ruled on Friday."],
                         [("Bill Shorten", "PERSON", 0), ("Shorten", "PERSON", 1), ("Kim Hargrave", "PERSON", 2)])
                for i in range(2)]
    actors = by_name(analyses)
    assert "Mr Shorten" in actors["Bill Shorten"].aliases
    assert "Justice Kim Hargrave" in actors["Kim Hargrave"].aliases
    assert "Justice Department" not in actors  # a title word is kept in a form, never stripped from a name


def test_a_title_glued_to_the_name_by_its_dot_is_kept_as_written() -> None:
    analyses = [analysed(f"g{i}", ["The church Governor Ann Vale attends burned.", "Gov.Ann Vale spoke on Friday."],
                         [("Ann Vale", "PERSON", 0), ("Ann Vale", "PERSON", 1)]) for i in range(2)]
    vale = by_name(analyses)["Ann Vale"]
    assert "Gov.Ann Vale" in vale.aliases and "Governor Ann Vale" in vale.aliases
    assert "Gov. Ann Vale" not in vale.aliases  # a form as the text writes it, not as digest would


def test_an_organisation_the_tagger_split_at_its_and_is_one_name_again() -> None:
    spaced = ("The Department of Fisheries", "ORG", 0), ("Coastal Waters", "ORG", 0), ("NATO", "ORG", 1)
    analyses = [
        analysed("h1", ["The Department of Fisheries and Coastal Waters closed the bay.", "NATO ships waited."],
                 list(spaced)),
        analysed("h2", ["The Department of Fisheries and Coastal Waters reopened it.", "NATO ships left."],
                 list(spaced)),
        analysed("h3", ["The Ministry of Defence and NATO met.", "The Ministry of Defence said little."],
                 [("The Ministry of Defence", "ORG", 0), ("NATO", "ORG", 0), ("The Ministry of Defence", "ORG", 1)]),
        analysed("h4", ["The Board of Trade and Tourism met.", "Tourism fell in May.", "The Board of Trade met."],
                 [("The Board of Trade", "ORG", 0), ("Tourism", "ORG", 0), ("Tourism", "ORG", 1),
                  ("The Board of Trade", "ORG", 2)]),
    ]
    actors = by_name(analyses)
    assert actors["Department of Fisheries and Coastal Waters"].article_ids == ("h1", "h2")
    assert "Department of Fisheries" not in actors and "Coastal Waters" not in actors
    assert actors["NATO"].article_ids == ("h1", "h2", "h3")  # an acronym is a name of its own
    assert "Board of Trade and Tourism" not in actors  # "Tourism" is named alone elsewhere


def test_a_team_written_by_the_singular_of_its_nickname_before_a_noun_is_the_team() -> None:
    tagged = [("Riverton Hawks", "ORG", 0), ("Riverton", "GPE", 1), ("Hawks", "ORG", 2)]
    games = ["The Riverton Hawks won again.", "Fans in Riverton cheered.", "The Hawks lead the league."]
    analyses = [
        analysed("k1", games, tagged),
        analysed("k2", games, tagged),
        analysed("k3", ["It was a late Hawk rally that settled it.", "Riverton Hawk defense held firm."], []),
        analysed("k4", ["Mr Ames bought a Hawk jacket.", "Sam Hawk said so.", "Hawk numbers fell."], []),
        analysed("k5", ["A hawk circled.", "Experts saw the Hawk nest there."], []),
    ]
    hawks = by_name(analyses)["Riverton Hawks"]
    assert hawks.article_ids == ("k1", "k2", "k3")  # not after "a", a capitalised word, a sentence start,
    assert {"Hawk", "Riverton Hawk"} <= set(hawks.aliases)  # nor where the word is a common noun


def test_a_dateline_names_its_place_as_a_reader_writes_it_and_a_state_by_its_name() -> None:
    analyses = [analysed(f"p{i}", ["PASADENA, Calif. (AP) — The probe reached orbit.", "Officials in Mo. said little.",
                                   "Mo Farah ran."],
                         [("PASADENA", "GPE", 0), ("Calif.", "GPE", 0), ("Mo", "GPE", 1), ("Mo Farah", "PERSON", 2)])
                for i in range(2)]
    actors = by_name(analyses)
    assert actors["Pasadena"].aliases == () and "PASADENA" not in actors
    assert actors["California"].kind is ActorKind.PLACE and actors["California"].aliases == ("Calif",)
    assert "Missouri" in actors and "Mo" not in actors["Mo Farah"].aliases


def test_a_town_the_tagger_calls_a_person_is_a_place_before_its_council() -> None:
    analyses = [analysed(f"t{i}", ["Fenwick town council voted on Monday.", "Fenwick spent the reserves."],
                         [("Fenwick", "PERSON", 0), ("Fenwick", "PERSON", 1)]) for i in range(2)]
    analyses += [analysed(f"s{i}", ["Barton said the town council erred.", "Barton left."],
                          [("Barton", "PERSON", 0), ("Barton", "PERSON", 1)]) for i in range(2)]
    actors = by_name(analyses)
    assert actors["Fenwick"].kind is ActorKind.PLACE
    assert actors["Barton"].kind is ActorKind.PERSON


def test_a_company_is_named_without_the_company_form_news_drops_after_the_first_mention() -> None:
    analyses = [analysed(f"c{i}", ["Brightwater Foods Inc. cut 300 jobs.", "Brightwater Foods said demand fell."],
                         [("Brightwater Foods Inc.", "ORG", 0), ("Brightwater Foods", "ORG", 1)]) for i in range(2)]
    company = by_name(analyses)["Brightwater Foods"]
    assert company.aliases == ("Brightwater Foods Inc",) and company.mentions == 4


def test_acronyms_with_their_small_words_or_without_a_national_qualifier() -> None:
    assert acronyms("Bureau of Meteorology") == {"bm", "bom"}
    assert acronyms("US Food and Drug Administration") == {"usfda", "usfada", "fda"}
    analyses = [analysed(f"b{i}", ["The Bureau of Meteorology warned of storms.", "The BOM said rain would follow.",
                                   "The US Food and Drug Administration approved it.", "The FDA said so."],
                         [("Bureau of Meteorology", "ORG", 0), ("BOM", "ORG", 1),
                          ("US Food and Drug Administration", "ORG", 2), ("FDA", "ORG", 3)]) for i in range(2)]
    forms = {actor.name: {actor.name, *actor.aliases} for actor in build_actors(analyses, 2, ()).actors}
    assert {"BOM", "Bureau of Meteorology"} in forms.values()
    assert {"FDA", "US Food and Drug Administration"} in forms.values()


def test_a_company_whose_short_form_is_tagged_as_a_person_is_an_organisation() -> None:
    analyses = [analysed(f"c{i}", ["Halden Foods said its profit rose.", "Shares in Halden Foods fell.",
                                   "Halden employs 21,000 people.", "Halden raised its forecast.",
                                   "Halden will open a plant."],
                         [("Halden Foods", "ORG", 0), ("Halden Foods", "ORG", 1), ("Halden", "PERSON", 2),
                          ("Halden", "PERSON", 3), ("Halden", "PERSON", 4)]) for i in range(2)]
    actors = by_name(analyses)
    assert actors["Halden Foods"].kind is ActorKind.ORGANIZATION  # the full name's labels, not the short form's


def test_a_quoted_speaker_the_tagger_missed_is_a_person_named_where_the_article_writes_the_name() -> None:
    texts = ["Unseeded Ivo Brankov beat the top seed on Friday.", "Brankov, 22, saved two break points.",
             '"I dreamed of this as a kid," Brankov said.', '"Tomorrow I will try to enjoy it."',
             '"He played better on the big points," the Frenchman said.']
    analysis = Analysis("t1", tuple(sentence(i, text) for i, text in enumerate(texts)), (),
                        (Quote("I dreamed of this as a kid", "Brankov", 2),
                         Quote("Tomorrow I will try to enjoy it.", "Brankov", 3),
                         Quote("He played better on the big points", "Frenchman", 4)))
    actors = build_actors([analysis], 2, ()).actors
    assert [(a.name, a.kind, a.mentions) for a in actors] == [("Brankov", ActorKind.PERSON, 3)]  # sentences 0 to 2
    assert not is_nationality("Brankov") and is_nationality("the Frenchman")


def test_a_score_glued_to_a_name_is_not_part_of_it_but_a_number_in_a_name_is() -> None:
    from generator.actors.names import surface_name

    assert surface_name("Daniel Moreau 7-6") == "Daniel Moreau" and surface_name("Moreau 7-6 (4)") == "Moreau"
    assert surface_name("Route 66") == "Route 66" and surface_name("Apollo 11") == "Apollo 11"


def test_words_a_span_opens_on_before_a_name_are_not_part_of_it() -> None:
    analyses = [analysed(f"w{i}", ["The club signed a Lena Marsh clone, said unbeaten Dutch Femke Aalders on Sunday.",
                                   "Femke Aalders trains in Utrecht.", "Marsh and Aalders met at the gym."],
                         [("a Lena Marsh", "PERSON", 0), ("unbeaten Dutch Femke Aalders", "PERSON", 0),
                          ("Femke Aalders", "PERSON", 1)]) for i in range(2)]
    forms = {form for actor in by_name(analyses).values() for form in (actor.name, *actor.aliases)}
    assert {"Lena Marsh", "Femke Aalders"} <= forms
    assert not any(form.split()[0] in {"a", "unbeaten", "Dutch"} for form in forms)
    from generator.actors.names import surface_name
    assert surface_name("de Blasio") == "de Blasio" and surface_name("east 10th Street") == "east 10th Street"


def test_a_full_name_tagged_once_as_a_person_is_found_where_the_tagger_missed_it() -> None:
    analyses = [
        analysed("r1", ["Its chief operating officer, Jean-Luc Marchetti, said a timetable would follow."],
                 [("Jean-Luc Marchetti", "PERSON", 0)]),
        analysed("r2", ["Jean-Luc Marchetti, the operator's chief, said the union had added demands."], []),
        analysed("o1", ["Eastmoor Rail runs 640 services a day."], [("Eastmoor Rail", "ORG", 0)]),
        analysed("o2", ["The first Eastmoor Rail strike in a decade went ahead."], []),
    ]
    actors = by_name(analyses)
    assert actors["Jean-Luc Marchetti"].article_ids == ("r1", "r2")
    # an organisation's name tagged once is not looked for: spans tagged once are often
    # fragments ("People, Reid", "Kimani (Kiki") that would then be found again
    assert "Eastmoor Rail" not in actors


def test_a_person_is_named_without_the_employer_before_a_title_nor_without_a_first_name_after_one() -> None:
    analyses = [
        analysed("c1", ["Ashford Fire Chief Tomas Lindqvist said the fire started in a pile of scraps.",
                        "Lindqvist said no one was hurt."],
                 [("Ashford Fire Chief Tomas Lindqvist", "PERSON", 0), ("Lindqvist", "PERSON", 1)]),
        analysed("c2", ["Millbridge Fire Chief Dolores Keane said crews fought the blaze.", "Keane praised them."],
                 [("Keane", "PERSON", 0), ("Keane", "PERSON", 1)]),
        analysed("c3", ["Fire Chief Dolores Keane sent the findings on.", "Defense Attorney Sandmeyer objected.",
                        "Sandmeyer said so twice."],
                 [("Keane", "PERSON", 0), ("Sandmeyer", "PERSON", 1), ("Sandmeyer", "PERSON", 2)]),
        analysed("c4", ["Tomas Lindqvist retired.", "They marched down Martin Luther King Drive on Sunday."],
                 [("Tomas Lindqvist", "PERSON", 0), ("Martin Luther King Drive", "PERSON", 1)]),
    ]
    actors = by_name(analyses)
    assert actors["Tomas Lindqvist"].article_ids == ("c1", "c4")
    assert "Chief Tomas Lindqvist" in actors["Tomas Lindqvist"].aliases
    assert actors["Dolores Keane"].article_ids == ("c2", "c3") and actors["Dolores Keane"].mentions == 3
    assert "Sandmeyer" in actors  # an office between the title and the surname is no first name
    assert not any("Fire" in form or "Attorney" in form for a in actors.values() for form in (a.name, *a.aliases))


def test_a_town_the_tagger_calls_an_organisation_is_a_place_when_written_as_one() -> None:
    sentences = ["A fire swept through a plant in Millbridge on Tuesday.", "Millbridge voted on Tuesday.",
                 "Workers in Millbridge returned."]
    analyses = [analysed(f"m{i}", sentences, [("Millbridge", "ORG", 0), ("Millbridge", "ORG", 1),
                                             ("Millbridge", "ORG", 2)]) for i in range(2)]
    court = ["He appeared in Wayne County Circuit Court on Monday.", "He returned in Wayne County Circuit Court."]
    analyses += [analysed(f"w{i}", court, [("Wayne County Circuit Court", "ORG", 0),
                                          ("Wayne County Circuit Court", "ORG", 1)]) for i in range(2)]
    actors = by_name(analyses)
    assert actors["Millbridge"].kind is ActorKind.PLACE
    assert actors["Wayne County Circuit Court"].kind is ActorKind.ORGANIZATION


def test_a_name_ending_on_a_business_word_is_an_organisation_whatever_the_tagger_says() -> None:
    analyses = [analysed(f"h{i}", ["Corvane agreed to buy Helix Freight for $4.1 billion.",
                                   "Helix Freight employs about 12,000 drivers."],
                         [("Helix Freight", "PERSON", 0), ("Helix Freight", "PERSON", 1)]) for i in range(2)]
    analyses += [analysed(f"p{i}", ["Mr Grant Capital spoke.", "Grant Capital said so."],
                          [("Grant Capital", "PERSON", 0), ("Grant Capital", "PERSON", 1)]) for i in range(2)]
    actors = by_name(analyses)
    assert actors["Helix Freight"].kind is ActorKind.ORGANIZATION
    assert actors["Grant Capital"].kind is ActorKind.PERSON  # after a title: a person, whatever the name's end


def test_a_name_shaped_as_a_place_or_a_street_is_a_place_unless_an_institution_s() -> None:
    sentences = ["The City of Palmer said the fire was out.", "City of Palmer crews cleared the road.",
                 "Climbers reached Mount Sefton on Friday.", "Mount Sefton was quiet.",
                 "Mount Sinai Hospital treated two climbers.", "Mount Sinai Hospital said both were well.",
                 "Shots were fired on N. Main St late on Friday.", "N. Main St was closed for hours.",
                 "Neighbours on Verbena Drive heard them.", "Verbena Drive stayed quiet after.",
                 "Coroner Ada Brightwater named the victim.", "Brightwater said the family had been told."]
    mentions = [("City of Palmer", "PERSON", 0), ("City of Palmer", "PERSON", 1), ("Mount Sefton", "ORG", 2),
                ("Mount Sefton", "ORG", 3), ("Mount Sinai Hospital", "ORG", 4), ("Mount Sinai Hospital", "ORG", 5),
                ("N. Main St", "PERSON", 6), ("N. Main St", "PERSON", 7), ("Verbena Drive", "PERSON", 8),
                ("Verbena Drive", "ORG", 9), ("Coroner Ada Brightwater", "PERSON", 10), ("Brightwater", "PERSON", 11)]
    actors = kinds_in_two_articles(sentences, mentions)
    assert actors["Mount Sefton"] is ActorKind.PLACE and actors["Mount Sinai Hospital"] is ActorKind.ORGANIZATION
    assert ActorKind.PERSON not in {kind for name, kind in actors.items() if "Palmer" in name}
    assert actors["N. Main St"] is ActorKind.PLACE and actors["Verbena Drive"] is ActorKind.PLACE
    assert actors["Ada Brightwater"] is ActorKind.PERSON and not any("Coroner" in name for name in actors)  # a rank


def test_a_school_or_a_club_named_as_a_person_is_no_person_but_the_person_a_school_is_named_after_is() -> None:
    sentences = ["Pupils left Edith Carrow High School after the alarm.", "Edith Carrow High School reopened.",
                 "Sheriff Huntley Police said so.", "Ada Brightwater, a teacher, spoke.",
                 "Mrs Ada Brightwater thanked the staff.", "Brightwater Hospital treated one pupil.",
                 "Ridgeway Rovers won the cup.", "Ridgeway Rovers paraded it."]
    mentions = [("Edith Carrow High School", "PERSON", 0), ("Edith Carrow High School", "PERSON", 1),
                ("Huntley Police", "PERSON", 2), ("Ada Brightwater", "PERSON", 3), ("Ada Brightwater", "PERSON", 4),
                ("Brightwater Hospital", "ORG", 5), ("Ridgeway Rovers", "PERSON", 6), ("Ridgeway Rovers", "PERSON", 7)]
    actors = kinds_in_two_articles(sentences, mentions)
    assert actors["Edith Carrow High School"] is ActorKind.ORGANIZATION
    assert actors["Huntley Police"] is ActorKind.ORGANIZATION  # a title before it changes nothing
    assert actors["Ridgeway Rovers"] is ActorKind.ORGANIZATION
    assert actors["Ada Brightwater"] is ActorKind.PERSON


def test_a_person_is_named_as_written_most_though_only_a_misspelling_was_tagged_as_a_person() -> None:
    sentences = ["Police named the suspect as Oskar Venterra.", "Venterra was held overnight.",
                 "Venterra will appear in court."]
    mentions = [("Oskar Venterra", "ORG", 0), ("Venterra", "PERSON", 1), ("Venterra", "PERSON", 2)]
    analyses = [analysed("p0", [*sentences, "Osker Venterra declined to comment."],
                         [*mentions, ("Osker Venterra", "PERSON", 3)])]  # the one misspelling, tagged as a person
    analyses += [analysed(f"p{i}", sentences, mentions) for i in range(1, 4)]
    actors = by_name(analyses)
    assert "Oskar Venterra" in actors and actors["Oskar Venterra"].kind is ActorKind.PERSON
    assert "Osker Venterra" in actors["Oskar Venterra"].aliases


def test_the_end_of_a_title_written_x_in_y_or_a_role_opening_a_sentence_is_no_part_of_the_name_after_it() -> None:
    sentences = ["Special Agent in Charge Ada Brightwater said the search was over.", "Brightwater thanked them.",
                 "Farmer Gwen Harcourt said the hay had caught fire.", "Harcourt lost forty sheep."]
    mentions = [("Charge Ada Brightwater", "PERSON", 0), ("Brightwater", "PERSON", 1),
                ("Farmer Gwen Harcourt", "PERSON", 2), ("Harcourt", "PERSON", 3)]
    actors = kinds_in_two_articles(sentences, mentions)
    assert "Ada Brightwater" in actors and not any("Charge" in name for name in actors)
    assert "Gwen Harcourt" in actors and not any("Farmer" in name for name in actors)  # a role opening a sentence


def test_an_acronym_two_towns_police_share_is_each_article_s_own_and_joins_neither() -> None:
    analyses = []
    for town in ("Dallas", "Detroit"):
        for i in range(2):
            analyses.append(analysed(f"{town}{i}", [
                f"The {town} Police Department said two men were shot in {town} on Friday.",
                "DPD officers arrived within minutes.", f"{town} has seen fewer shootings this year."],
                [(f"The {town} Police Department", "ORG", 0), (town, "GPE", 0), ("DPD", "ORG", 1), (town, "GPE", 2)]))
    analyses += [analysed(f"g{i}", [f"The {name} measured the quake.", "The USGS said it was shallow."],
                          [(name, "ORG", 0), ("USGS", "ORG", 1)])
                 for i, name in enumerate(("U.S. Geological Survey", "United States Geological Survey"))]
    actors = by_name(analyses)
    dallas, detroit = actors["Dallas Police Department"], actors["Detroit Police Department"]
    assert dallas.article_ids == ("Dallas0", "Dallas1") and detroit.article_ids == ("Detroit0", "Detroit1")
    assert "DPD" in dallas.aliases and "DPD" in detroit.aliases
    assert actors["Dallas"].kind is ActorKind.PLACE and "Dallas" not in dallas.aliases
    survey = next(a for a in actors.values() if "USGS" in (a.name, *a.aliases))
    assert {"U.S. Geological Survey", "United States Geological Survey"} <= {survey.name, *survey.aliases}


def test_a_club_named_by_its_town_alone_is_the_club_but_a_town_named_alone_after_its_police_is_the_town() -> None:
    analyses = [analysed(f"n{i}", ["Newcastle United beat Chelsea on Saturday.", "Newcastle scored twice.",
                                   "Huntingburg Police Department officers were called.",
                                   "Huntingburg is a small town."],
                         [("Newcastle United", "ORG", 0), ("Chelsea", "ORG", 0), ("Newcastle", "GPE", 1),
                          ("Huntingburg Police Department", "ORG", 2), ("Huntingburg", "GPE", 3)]) for i in range(2)]
    actors = by_name(analyses)
    assert "Newcastle" in actors["Newcastle United"].aliases
    assert actors["Huntingburg"].kind is ActorKind.PLACE
    assert "Huntingburg" not in actors["Huntingburg Police Department"].aliases


def test_ranks_are_no_part_of_a_name_nor_a_name_alone_and_a_dateline_s_capitals_are_no_acronym() -> None:
    analyses = [analysed(f"r{i}", ["DALLAS — Trooper Stephen Hammons was shot on Friday in Dallas.",
                                   "Sgt said the trooper would recover.", "Dallas police said so."],
                         [("DALLAS", "GPE", 0), ("Trooper Stephen Hammons", "PERSON", 0), ("Dallas", "GPE", 0),
                          ("Sgt", "PERSON", 1), ("Dallas", "GPE", 2)]) for i in range(2)]
    actors = by_name(analyses)
    assert "Trooper Stephen Hammons" in actors["Stephen Hammons"].aliases
    assert actors["Dallas"].mentions == 6 and "DALLAS" not in actors  # one place, as a reader writes it
    assert not any(a.name == "Sgt" or "Sgt" in a.aliases for a in actors.values())


def test_a_team_named_with_its_city_is_an_organisation_named_in_full_and_a_person_never_by_initials() -> None:
    sentences = ["The Kansas City Chiefs beat Denver on Sunday.", "The Chiefs scored twice late in Kansas City.",
                 "Officer JD DeGuzman was there.", "JD said the Chiefs were ready.", "JD left Kansas City.",
                 "Fans celebrated with JD."]
    mentions = [("Kansas City Chiefs", "ORG", 0), ("Chiefs", "ORG", 1), ("Kansas City", "GPE", 1),
                ("JD DeGuzman", "PERSON", 2), ("JD", "PERSON", 3), ("Chiefs", "ORG", 3), ("JD", "PERSON", 4),
                ("Kansas City", "GPE", 4), ("JD", "PERSON", 5)]
    actors = by_name([analysed(f"k{i}", sentences, mentions) for i in range(2)])
    team = actors["Kansas City Chiefs"]
    assert team.kind is ActorKind.ORGANIZATION and {"Chiefs", "Kansas City"} <= set(team.aliases)
    assert actors["JD DeGuzman"].kind is ActorKind.PERSON and "JD" in actors["JD DeGuzman"].aliases


def test_a_playing_position_is_no_part_of_a_name_and_a_title_ending_a_clause_is_no_title() -> None:
    analyses = [analysed(f"q{i}", ["Fullback Mike Karney scored twice.", "Karney was mobbed."],
                         [("Fullback Mike Karney", "PERSON", 0), ("Karney", "PERSON", 1)]) for i in range(2)]
    assert "Fullback Mike Karney" in by_name(analyses)["Mike Karney"].aliases
    said = '"Peyton Manning is a good quarterback," Jaguars safety Reggie Nelson said.'
    assert kind_evidence(said, "Jaguars") == ""
    assert kind_evidence("Quarterback Peyton Manning threw twice.", "Peyton Manning") == "person"


def test_a_person_s_initials_are_no_acronym_of_an_organisation() -> None:
    analyses = [analysed(f"j{i}", ["Officer JD DeGuzman was shot.", "JD was a father of two."],
                         [("JD DeGuzman", "PERSON", 0), ("JD", "PERSON", 1)]) for i in range(2)]
    analyses += [analysed(f"v{i}", ["JD was remembered on Sunday.", "JD loved the force.",
                                    "The Judicial District court met."],
                          [("JD", "PERSON", 0), ("JD", "PERSON", 1), ("Judicial District", "ORG", 2)])
                 for i in range(2)]
    actors = by_name(analyses)
    assert "JD" in actors["JD DeGuzman"].aliases and "Judicial District" not in actors["JD DeGuzman"].aliases


def test_a_name_written_only_as_an_acronym_is_no_person_whatever_the_tags() -> None:
    analyses = [analysed(f"j{i}", ["JDRF has funded the trial for three years.", "WLKY reported the crash first.",
                                   "Senator Jane Roe welcomed it."],
                         [("JDRF", "PERSON", 0), ("WLKY", "PERSON", 1), ("Jane Roe", "PERSON", 2)]) for i in range(2)]
    actors = by_name(analyses)
    assert actors["JDRF"].kind is ActorKind.ORGANIZATION and actors["WLKY"].kind is ActorKind.ORGANIZATION
    assert actors["Jane Roe"].kind is ActorKind.PERSON
