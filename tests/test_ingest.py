"""Ingestion on small hand-made files: dates, titles, outlets, residue and bad files."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from generator.ingest import article_id, ingest
from generator.ingest.clean import clean_lines
from generator.ingest.dates import find_date
from generator.ingest.titles import title_from_lead
from generator.models import DateSource, Severity, TitleSource

BODY = ("The ministers met in Brussels on Monday to discuss the new trade agreement with partners.\n\n"
        "They said the talks would continue next month, after a round of consultations at home.\n")


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def only_article(folder: Path):
    result = ingest(folder)
    assert len(result.articles) == 1, result.findings
    return result.articles[0]


def test_date_header_sharing_the_first_line(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "   date 2021-12-22 " + BODY)
    article = only_article(tmp_path)
    assert (article.date, article.date_source) == (date(2021, 12, 22), DateSource.HEADER)
    assert article.paragraphs[0].startswith("The ministers met")


def test_front_matter_wins_and_supplies_title_and_outlet(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: Trade talks\ndate: 2022-03-01\nsource: Wire\n---\n" + BODY)
    article = only_article(tmp_path)
    assert (article.title, article.outlet, article.date) == ("Trade talks", "Wire", date(2022, 3, 1))
    assert article.date_source is DateSource.FRONT_MATTER


def test_dateline_outlet_and_trailer_title_and_date(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "(CNN)" + BODY + "World - Latest - Google News\nDecember 22, 2021 at 10:45AM\n"
          "https://ift.tt/3Fk2aTG\nMinisters agree to keep talking about trade - CNN\nNo comments:\nPost a Comment\n")
    article = only_article(tmp_path)
    assert article.outlet == "CNN"
    assert article.title == "Ministers agree to keep talking about trade"
    assert (article.date, article.date_source) == (date(2021, 12, 22), DateSource.TRAILER)
    assert article.paragraphs == tuple(BODY.strip().split("\n\n"))
    assert {r.rule for r in article.removed} == {"timestamp", "lone-url", "trailer"}


def test_conflicting_byline_date_is_a_note(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "date 2021-12-28 posted on 12/26/2021 5:10 PM\n\n(credit: Someone/AFP)\n\n" + BODY)
    result = ingest(tmp_path)
    assert result.articles[0].date == date(2021, 12, 28)
    assert [(f.path, f.severity) for f in result.findings] == [("a.txt", Severity.NOTE)]
    assert "2021-12-26 conflicts" in result.findings[0].reason
    assert [r.rule for r in result.articles[0].removed] == ["timestamp", "photo-credit"]


def test_undated_article_is_kept_and_noted(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    result = ingest(tmp_path)
    assert result.articles[0].date is None
    assert result.findings[0].reason == "no date found; listed under Undated"


def test_a_date_in_the_file_path_is_the_last_resort(tmp_path: Path) -> None:
    """Desks name files by date ("2026-11-04-derby.txt", "2026/11/04/"): an article without a date
    in its text takes that one; a date in the text wins, with a note when the two differ."""
    (tmp_path / "2026" / "11" / "05").mkdir(parents=True)
    write(tmp_path, "2026-11-04-derby.txt", BODY)
    write(tmp_path / "2026" / "11" / "05", "budget.txt", BODY.replace("ministers", "mayors"))
    write(tmp_path, "2026_11_06-pier.txt", "date 2026-11-07 " + BODY.replace("ministers", "councillors"))
    write(tmp_path, "report-20261108.txt", BODY.replace("ministers", "judges"))
    result = ingest(tmp_path)
    dated = {a.source_file: (a.date, a.date_source) for a in result.articles}
    assert dated == {"2026-11-04-derby.txt": (date(2026, 11, 4), DateSource.FILE_NAME),
                     "2026/11/05/budget.txt": (date(2026, 11, 5), DateSource.FILE_NAME),
                     "2026_11_06-pier.txt": (date(2026, 11, 7), DateSource.HEADER),
                     "report-20261108.txt": (None, DateSource.NONE)}
    notes = {f.path: f.reason for f in result.findings}
    assert notes["2026_11_06-pier.txt"] == ("file_name date 2026-11-06 conflicts with header date 2026-11-07; "
                                            "kept the header date")


def test_headline_first_line_becomes_title(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Ministers agree to keep talking\n\n" + BODY)
    article = only_article(tmp_path)
    assert article.title == "Ministers agree to keep talking"
    assert "Ministers agree" not in article.text


def test_a_markdown_file_s_heading_is_its_title_and_its_markup_no_part_of_the_text(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "# Ministers agree to keep talking #\n\n"
          "The ministers met in [Brussels](https://example.com/brussels) on **Monday** to discuss the new "
          "trade agreement ![a photo](photo.jpg) with partners.\n\n## Next steps\n\n"
          "They said the talks would continue next month, after a round of consultations at home.\n")
    article = only_article(tmp_path)
    assert article.title == "Ministers agree to keep talking"
    assert article.paragraphs[0] == ("The ministers met in Brussels on Monday to discuss the new trade agreement"
                                     "  with partners.")
    assert not any("#" in paragraph or "](" in paragraph for paragraph in article.paragraphs)


def test_headline_directly_above_the_text_is_the_title_not_the_lead(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "http://example.com/2012/amd-acquires-seamicro\n"
          "AMD Acquires SeaMicro in Bet on Server Chips\nMarch 1, 2012 -- 07:58 GMT (23:58 PST)\n" + BODY)
    article = only_article(tmp_path)
    assert article.title == "AMD Acquires SeaMicro in Bet on Server Chips"
    assert article.paragraphs == tuple(BODY.strip().split("\n\n"))
    assert article.date == date(2012, 3, 1)


def test_wrapped_first_line_of_prose_is_not_taken_for_a_headline(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Russian President Vladimir Putin warned the United States and\n"
          "NATO on Tuesday that Moscow would respond to any new deployment near its borders.\n")
    article = only_article(tmp_path)
    assert article.paragraphs[0].startswith("Russian President Vladimir Putin warned the United States and NATO")


def test_comment_form_and_link_lines_removed(tmp_path: Path) -> None:
    kept, removed = clean_lines([*BODY.splitlines(), "Read Also: Something else", "", "Recent Articles",
                                 "Leave A Reply", "Please enter your comment!", "Please enter your name here"])
    assert [line for line in kept if line] == BODY.strip().replace("\n\n", "\n").split("\n")
    assert [r.rule for r in removed] == ["see-also", "trailer", "trailer", "trailer", "trailer"]


def test_bad_files_are_reported_not_fatal(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", BODY)
    write(tmp_path, "empty.txt", "  \n\n")
    write(tmp_path, "binary.txt", b"\x00\x01\x02abc")
    write(tmp_path, "legacy.txt", ("Caf\xe9 owners said the new rules would hurt business across the city centre.\n"
                                   ).encode("cp1252"))
    write(tmp_path, "notes.pdf", b"%PDF-1.4")
    write(tmp_path, "broken.md", "---\ntitle: [unclosed\n---\n" + BODY.replace("ministers", "mayors"))
    write(tmp_path, "tagged.md", "---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n"
          + BODY.replace("ministers", "farmers"))
    result = ingest(tmp_path)
    reasons = {f.path: f.reason for f in result.findings if f.severity is Severity.PROBLEM}
    assert reasons["empty.txt"] == "empty file; skipped"
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["legacy.txt"].startswith("not valid UTF-8")
    assert reasons["notes.pdf"] == "unsupported file type '.pdf'; skipped"
    assert reasons["broken.md"].startswith("malformed YAML front matter at line 2")
    assert reasons["tagged.md"] == ("front matter refused: the YAML tag "
                                    "'tag:yaml.org,2002:python/object/apply:os.system' would build an object; ignored")
    texts = {a.source_file: a.text for a in result.articles}
    assert sorted(texts) == ["broken.md", "good.txt", "legacy.txt", "tagged.md"]
    assert texts["legacy.txt"].startswith("Café owners")


def test_duplicate_text_is_reported_once(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "b.txt", BODY)
    result = ingest(tmp_path)
    assert [a.source_file for a in result.articles] == ["a.txt"]
    assert any(f.path == "b.txt" and "duplicate" in f.reason for f in result.findings)


def test_symlink_outside_input_not_followed(tmp_path: Path) -> None:
    inside, outside = tmp_path / "in", tmp_path / "secret.txt"
    inside.mkdir()
    write(tmp_path, "secret.txt", BODY)
    write(inside, "a.txt", BODY.replace("ministers", "bankers"))
    os.symlink(outside, inside / "link.txt")
    result = ingest(inside)
    assert [a.source_file for a in result.articles] == ["a.txt"]
    assert any(f.path == "link.txt" and "outside the input folder" in f.reason for f in result.findings)


def test_control_and_zero_width_characters_stripped(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "\ufeffThe mini\u200bsters met\x07 in Brussels on Monday to discuss the trade deal.\r\n")
    assert only_article(tmp_path).text == "The ministers met in Brussels on Monday to discuss the trade deal."


def test_ids_are_stable_functions_of_the_path() -> None:
    assert article_id("a/b.txt") == article_id("a/b.txt") != article_id("a/c.txt")
    assert len(article_id("x")) == 12


def test_dates_in_common_formats() -> None:
    assert find_date("posted on 12/26/2021 5:10 PM") == date(2021, 12, 26)
    assert find_date("December 22, 2021 at 10:45AM") == date(2021, 12, 22)
    assert find_date("Dec. 21, 2021") == date(2021, 12, 21)
    assert find_date("2021-12-21T10:00Z") == date(2021, 12, 21)
    assert find_date("21 December 2021") == date(2021, 12, 21)
    assert find_date("31/12/2021") == date(2021, 12, 31)
    assert find_date("no date here, only 2021") is None


def test_title_from_lead_cuts_at_a_word_without_dangling_words() -> None:
    lead = ("Russian President Vladimir Putin said on Sunday that he will consider a series of actions if the "
            "West does not press for guarantees.")
    title = title_from_lead(lead)
    assert len(title) <= 91 and title.endswith("…")
    assert title == "Russian President Vladimir Putin said on Sunday that he will consider a series of actions…"
    assert title_from_lead("A short lead sentence.") == "A short lead sentence"
    festival = ("The Harlow Bay folk festival drew a record 27,000 people over three days, organisers said on "
                "Sunday, despite heavy rain on the opening night.")
    assert title_from_lead(festival) == "The Harlow Bay folk festival drew a record 27,000 people over three days…"


HARBOUR = "The harbour district will reopen next week."


def test_ingest_cache_rereads_only_changed_files_and_tracks_new_boilerplate(tmp_path: Path,
                                                                            monkeypatch) -> None:
    from generator.ingest import cache as ingest_cache
    from generator.ingest import files

    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(3):
        marker = f"{HARBOUR}\n\n" if number < 2 else ""
        write(folder, f"{number}.txt", f"date 2024-01-0{number + 1} Story {number} opens here.\n\n{marker}{BODY}\n"
                                       f"Share this article\n\nWorld news {number}\n")
    write(folder, "bad.txt", b"\x00binary")
    plain = ingest(folder)
    read: list[str] = []
    real_read = files.read_source
    monkeypatch.setattr("generator.ingest.read_source",
                        lambda item, data=None: (read.append(item.relative), real_read(item, data))[1])
    store = ingest_cache.IngestCache(tmp_path / "cache")
    assert ingest(folder, store) == plain  # a cold cache changes nothing
    assert sorted(read) == ["0.txt", "1.txt", "2.txt", "bad.txt"]
    read.clear()
    assert HARBOUR in plain.articles[0].text  # in two files: not yet boilerplate
    write(folder, "3.txt", f"date 2024-01-04 Story three.\n\n{HARBOUR}\n\n{BODY}\nWorld news 3\n")
    again = ingest(folder, ingest_cache.IngestCache(tmp_path / "cache"))
    assert read == ["3.txt"]  # only the new file is decoded
    assert again == ingest(folder)
    # "World news" lines differ per file, "Share this article" is in three: boilerplate everywhere.
    assert all("Share this article" not in a.text for a in again.articles)
    assert all(HARBOUR not in a.text for a in again.articles)  # in three files now: cached ones cleaned again


def test_timestamps_are_recognised_token_by_token() -> None:
    from generator.ingest.clean import is_timestamp

    assert is_timestamp("Published: Nov. 19, 2019, 6:18 p.m. Updated: Nov. 19, 2019, 7:10 p.m.")
    assert is_timestamp("Monday, 3 March 2023 - 09:15 GMT")
    # A date followed by a name: one pattern over the whole line backtracked for minutes on these.
    assert not is_timestamp("2019-11-20 12:57:32 12:57:32 12:57:32 Marcus De Guzman")


def test_a_lead_title_is_never_cut_inside_a_phrase_a_quote_or_at_an_abbreviation() -> None:
    lead = ('After a Russian fighter jet intercepted a U.S. reconnaissance plane in an "unsafe and unprofessional '
            'manner" earlier this week, the United States is complaining to Moscow.')
    assert title_from_lead(lead) == "After a Russian fighter jet intercepted a U.S. reconnaissance plane…"
    lead = ("The singer's tour bus caught fire on a freeway near the city on Thursday morning, but everyone on board "
            "was safely evacuated.")
    assert title_from_lead(lead) == "The singer's tour bus caught fire on a freeway near the city on Thursday morning…"
    assert title_from_lead("Mr. Smith went to Washington on Monday. He left on Tuesday.") == (
        "Mr. Smith went to Washington on Monday")


def test_a_row_of_share_buttons_between_headline_and_text_is_not_the_title(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Harbour ferry fares to rise in spring\n\nBy Ann Lee, Transport Reporter\n"
          "Published: 3 March 2026\n\nShare this article\nFacebook Twitter Email\n\n" + BODY)
    article = only_article(tmp_path)
    assert article.title == "Harbour ferry fares to rise in spring"
    assert {r.line: r.rule for r in article.removed}["Facebook Twitter Email"] == "share-or-subscribe"


def test_a_wire_story_under_its_headline_loses_its_dateline_closing_credit_and_rights_notice(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "FLOODS FORCE THOUSANDS FROM HOMES\n\n"
          "PORTO ALEGRE, Brazil (AP) — Heavy rains in southern Brazil have forced more than 20,000 people from "
          "their homes, officials said Sunday.\n\nThe river reached its highest level in decades on Sunday morning, "
          "the city's civil defense agency said.\n\n___\n\n"
          "Associated Press writer Ann Lee contributed from São Paulo.\n\n"
          "Copyright 2026 The Associated Press. All rights reserved. This material may not be published, "
          "broadcast, rewritten or redistributed.\n")
    article = only_article(tmp_path)
    assert article.outlet == "AP" and article.paragraphs[0].startswith("PORTO ALEGRE, Brazil (AP) — Heavy rains")
    assert len(article.paragraphs) == 2
    rules = {r.line: r.rule for r in article.removed}
    assert rules["Associated Press writer Ann Lee contributed from São Paulo."] == "contributors"
    assert rules["___"] == "punctuation-only"


def test_a_topic_label_and_a_repeated_headline_under_the_headline_are_not_text() -> None:
    from generator.ingest import parse_article
    from generator.ingest.files import SourceText
    from generator.models import RemovedLine

    # text an extractor took out of a page (cleaning by place is off): the page's own headline again, a label
    text = "City on the Brink\n\n‘City on the brink’\n\nHong Kong\n\n" + BODY
    page = SourceText("a.html", {"title": "City on the brink"}, text,
                      removed=(RemovedLine("Home | News", "html-boilerplate"),))
    article = parse_article(page)[0]
    assert article is not None and article.paragraphs == tuple(BODY.strip().split("\n\n"))
    assert [(r.line, r.rule) for r in article.removed][1:] == [("‘City on the brink’", "repeated-headline"),
                                                               ("Hong Kong", "label")]


def test_a_courtesy_credit_is_a_photo_credit_not_a_headline() -> None:
    from generator.ingest.clean import is_credit

    assert is_credit("Courtesy of WKRN") and is_credit("Photo courtesy of the family")
    assert not is_credit("Courtesy of the city, the park will reopen in May after repairs to the fountain.")


def test_a_key_value_header_block_is_read_as_front_matter(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Title: Rail workers vote to strike\nDate: 2 March 2026\nSource: Harlow Gazette\n"
          "Tags: transport\n\n" + BODY)
    article = only_article(tmp_path)
    assert (article.title, article.outlet) == ("Rail workers vote to strike", "Harlow Gazette")
    assert (article.date, article.date_source) == (date(2026, 3, 2), DateSource.HEADER)
    assert article.paragraphs == tuple(BODY.strip().split("\n\n"))
    write(tmp_path, "a.txt", "Headline: Rail workers vote to strike\nSource URL: https://example.org/a\n"
          "Published Date: 2026-03-02\n" + BODY)  # no blank line: the block ends where the text starts
    article = only_article(tmp_path)
    assert (article.title, article.source_url, article.date) == ("Rail workers vote to strike",
                                                                 "https://example.org/a", date(2026, 3, 2))
    assert article.paragraphs == tuple(BODY.strip().split("\n\n"))


def test_a_text_opening_like_a_header_stays_text(tmp_path: Path) -> None:
    opening = "Washington: The ministers met in Brussels on Monday to discuss the new agreement with partners.\n\n"
    write(tmp_path, "a.txt", opening + BODY)
    assert only_article(tmp_path).paragraphs[0] == opening.strip()
    write(tmp_path, "a.txt", "Date: 2021-12-22\n\n" + BODY)  # a lone date line is the date header, as before
    assert only_article(tmp_path).date_source is DateSource.HEADER


def test_an_all_capitals_headline_is_shown_in_sentence_case_with_the_articles_names(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "NEW CANCER WING OPENS AT ST. AGNES HOSPITAL\n\nSt. Agnes Hospital opened its new "
          "cancer wing on Thursday, adding 48 beds that the NHS trust will staff from May.\n")
    article = only_article(tmp_path)
    assert article.title == "New cancer wing opens at St. Agnes Hospital"
    assert article.title_source is TitleSource.HEADLINE


def test_a_sites_name_after_the_headline_goes_when_two_headlines_end_on_it(tmp_path: Path) -> None:
    site = "WXYZ 9 News Springfield, Weather, Sports"
    for number, headline in enumerate(["Man charged in Elm Street shooting", "Council approves new budget"]):
        write(tmp_path, f"{number}.txt", f"{headline} - {site}\n\n" + BODY.replace("Monday", f"day {number}"))
    write(tmp_path, "one.txt", "Kenya expecting an oil boom - Example.com\n\n" + BODY.replace("Monday", "Friday"))
    write(tmp_path, "own.txt", "Dinner With Saddam review - can dictators be funny\n\n" + BODY.replace("Monday", "May"))
    by_file = {a.source_file: a for a in ingest(tmp_path).articles}
    assert by_file["0.txt"].title == "Man charged in Elm Street shooting"
    assert by_file["0.txt"].outlet == "WXYZ 9 News Springfield"
    assert [(r.line, r.rule) for r in by_file["0.txt"].removed] == [(site, "site-name")]
    assert by_file["one.txt"].title == "Kenya expecting an oil boom"  # a web address names a site anywhere
    assert by_file["own.txt"].title == "Dinner With Saddam review - can dictators be funny"


def test_a_dateline_with_the_day_names_the_outlet_and_stays_out_of_the_title(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "LONDON, March 10 (Reuters) - Harrowgate Foods reported a 12% rise in annual profit on "
          "Tuesday, helped by price increases and lower energy costs, and said it would buy back shares.\n\n" + BODY)
    article = only_article(tmp_path)
    assert article.outlet == "Reuters"
    assert article.title.startswith("Harrowgate Foods reported a 12% rise in annual profit")
    assert article.paragraphs[0].startswith("LONDON, March 10 (Reuters) - Harrowgate")  # where it was filed stays


def test_a_press_release_is_dated_by_its_dateline_and_loses_its_issuers_boilerplate(tmp_path: Path) -> None:
    write(tmp_path, "pr.txt", "FOR IMMEDIATE RELEASE\n\nCorlan Biotech Reports Positive Trial Results\n\n"
          "CAMBRIDGE, England, April 2, 2026 /PRNewswire/ -- Corlan Biotech plc, a clinical-stage company, "
          "today announced positive results from its trial of CB-114 in chronic kidney disease.\n\n"
          "The 24-week trial enrolled 212 patients at 31 sites in the UK and Germany, the company said.\n\n"
          "The drug was generally well tolerated, and the most common side effect was a mild headache.\n\n"
          "About Corlan Biotech\nCorlan Biotech plc is a clinical-stage biotechnology company focused on kidney "
          "disease. For more information, visit its website.\n\nMedia contact:\nJo Pemberton\n")
    article = only_article(tmp_path)
    assert (article.date, article.date_source, article.outlet) == (date(2026, 4, 2), DateSource.DATELINE, "PRNewswire")
    assert article.paragraphs[-1].startswith("The drug was generally well tolerated")
    assert ("About Corlan Biotech", "trailer") in {(r.line, r.rule) for r in article.removed}


def test_the_headline_is_the_line_above_the_text_that_tells_what_the_text_tells(tmp_path: Path) -> None:
    write(tmp_path, "page.txt", "Home\nNews\nSport\n\nMinisters agree to keep talking about trade\n\n"
          "Jane Doe, Staff Writer\n\nGet short URL\n\n" + BODY)
    article = only_article(tmp_path)
    assert article.title == "Ministers agree to keep talking about trade"
    assert article.paragraphs == tuple(BODY.strip().split("\n\n"))


def test_a_headline_in_sentence_case_over_a_dateline_is_the_title_not_part_of_the_text(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Ministers agree to keep talking about the new trade agreement\nJune 3, 2026\n\n" + BODY)
    article = only_article(tmp_path)
    assert (article.title, article.title_source) == ("Ministers agree to keep talking about the new trade agreement",
                                                     TitleSource.HEADLINE)
    assert article.paragraphs == tuple(BODY.strip().split("\n\n"))


def test_the_headline_is_the_first_of_the_lines_stacked_above_the_byline_not_the_deck_under_it(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Ministers agree to keep talking about trade\n\n"
          "The talks in Brussels will resume next week with new partners at the table\n\n"
          "By Jane Doe, Staff Writer\n\n" + BODY)
    article = only_article(tmp_path)
    assert article.title == "Ministers agree to keep talking about trade"
    assert article.paragraphs == tuple(BODY.strip().split("\n\n"))


def test_an_all_capitals_headline_keeps_a_names_capitals_only_where_the_name_is(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "STORM LEAVES 40,000 WITHOUT POWER ACROSS HARROW VALLEY\n\nThunderstorms knocked out "
          "power to 40,000 homes across the Harrow Valley, and Meridian Power said repairs would take days. Crews from "
          "Meridian Power were repairing power lines.\n")
    assert only_article(tmp_path).title == "Storm leaves 40,000 without power across Harrow Valley"


def test_a_table_of_results_between_two_paragraphs_keeps_the_report_whole(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Harriers top the table after late winner\n\nHarrow Harriers moved to the top of the "
          "league on Saturday after a stoppage-time goal gave them a 2-1 win at Brockley Town.\n\nResults\n"
          "Brockley Town 1-2 Harrow Harriers\nMill End 0-0 Castleford Athletic\nDeepdale United 3-1 Ravenscar\n\n"
          "Harriers manager Sue Pennington said the title race would go to the last day, as it should.\n")
    article = only_article(tmp_path)
    assert "Mill End 0-0 Castleford Athletic" in article.paragraphs
    assert article.paragraphs[-1].startswith("Harriers manager Sue Pennington said")


def test_reading_and_cleaning_on_two_sides_gives_what_one_side_gives(tmp_path: Path) -> None:
    """Files read and articles cleaned in a forked copy, half of them each side: the same
    articles, in the same order, with the same findings (copies, bad files) as read in order."""
    import shutil

    from generator.ingest.cache import IngestCache
    from generator.runner import Runner, can_fork
    from generator.timing import StageTimer

    from .conftest import FIXTURES

    folder = tmp_path / "in"
    shutil.copytree(FIXTURES / "bad", folder / "bad")
    shutil.copytree(FIXTURES / "beats", folder / "beats")
    for number in range(60):
        write(folder, f"local-{number:02}.txt", f"date 2026-03-{number % 28 + 1:02}\nCouncil meeting {number} "
              f"approved a new budget for the library on Tuesday, members said.\nShare this story\n")
    plain = ingest(folder)
    timer = StageTimer()
    runner = Runner(timer, workers=2)
    both = ingest(folder, IngestCache(tmp_path / "cache"), runner.spreading("reading and cleaning"))
    assert both == plain and len(plain.articles) > 60
    local = [article for article in plain.articles if article.source_file.startswith("local-")]
    assert len(local) == 60 and all("Share this story" not in article.text for article in local)
    if can_fork():
        assert "reading and cleaning 2/2" in timer.seconds
    again = ingest(folder, IngestCache(tmp_path / "cache"), Runner(StageTimer(), workers=2).spreading("x"))
    assert again == plain  # all from the cache
