"""The default summarizer on small hand-built articles: what a reader would pick as the news."""

from __future__ import annotations

from generator.summarize import SummaryContext
from generator.summarize.news import news

from .helpers import sentence

CONTEXT = SummaryContext()


def pick(texts: list[str], count: int = 2) -> list[str]:
    sentences = [sentence(i, text) for i, text in enumerate(texts)]
    return [texts[i] for i in news(sentences, count, CONTEXT)]


ANECDOTE = ("On a grey Saturday morning, long before the first customers drifted in with their dogs, "
            "their children and their shopping lists, the smell of warm bread was already hanging over "
            "the little square where the market traders were setting out their crates of apples.")
NEWS = "The town council voted to close the covered market for two years of repairs."
FOLLOW = [
    "Repairs to the market roof and walls will cost the council about four million pounds.",
    "Traders will move to the car park while the council repairs the market roof and walls.",
    "The council said the market would reopen once the roof repairs were finished.",
]


def test_a_long_anecdotal_opening_gives_way_to_the_news() -> None:
    chosen = pick([ANECDOTE, NEWS, *FOLLOW])
    assert ANECDOTE not in chosen and chosen[0] == NEWS


def test_a_hard_news_lead_is_kept_first() -> None:
    chosen = pick([NEWS, *FOLLOW, "Shoppers said they would miss the Saturday stalls in the square."])
    assert chosen[0] == NEWS


def test_a_part_of_a_quote_that_runs_over_sentences_is_never_chosen() -> None:
    opening = "'The market has been here for two hundred years."
    closing = "We will fight this all the way.'"
    chosen = pick([NEWS, opening, "Nobody asked the traders.", closing, *FOLLOW], count=3)
    assert opening not in chosen and closing not in chosen and chosen[0] == NEWS


def test_a_caption_or_a_question_is_never_chosen() -> None:
    caption = "Traders set out their stalls in the market square (pictured) on Saturday. Photo: Getty/AFP"
    question = "What will happen to the traders of the covered market while the council repairs it?"
    chosen = pick([caption, question, NEWS, *FOLLOW], count=3)
    assert caption not in chosen and question not in chosen and chosen[0] == NEWS



def test_a_speakers_short_remark_gives_way_to_reported_news() -> None:
    remark = "'We will miss our stalls,' one trader said."
    reported = "Traders will move to the car park while the council repairs the market roof and walls."
    chosen = pick([NEWS, remark, reported, "Repairs to the market roof and walls will cost four million pounds "
                   "and take two years, the council said in a report to members on Thursday evening."])
    assert chosen == [NEWS, reported]


def test_a_column_in_the_first_person_keeps_its_own_lead() -> None:
    column = ["The covered market was where I learned to read, where I did my homework after school, and where "
              "my mother, who never owned a computer, sold apples from a stall for thirty years.",
              "The council says closing the market for two years will save money.",
              "Repairs to the market roof will cost about four million pounds.",
              "Nobody has asked what the traders of the market will lose."]
    assert pick(column)[0] == column[0]


def test_a_summary_and_a_story_summary_leave_the_dateline_on_the_page() -> None:
    from generator.summarize import summarize
    from generator.summarize.story import summarize_story

    from .helpers import analysis

    wire = analysis("a", ["LONDON, March 10 (Reuters) - Harrowgate Foods reported a 12% rise in annual profit.",
                          "Revenue rose 6% to 1.91 billion pounds in the year to January.",
                          "The shares rose 4.2% by nine in the morning in London trading."])
    assert summarize(wire, 3, "lead", SummaryContext())[0] == "Harrowgate Foods reported a 12% rise in annual profit."
    assert summarize_story([wire], {})[0] == "Harrowgate Foods reported a 12% rise in annual profit."
