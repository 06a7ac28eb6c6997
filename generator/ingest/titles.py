"""Choosing an article's title and outlet from front matter, headline lines, trailers or the lead."""

from __future__ import annotations

import itertools
import re

from ..models import RemovedLine, TitleSource

MAX_TITLE = 90
_MONTH_DAY = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:,? \d{4})?"
_DATELINE = re.compile(r"^\s*(?:[A-Z][A-Z .'-]{1,30}"
                       rf"(?:,\s*(?!{_MONTH_DAY})[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){{0,3}})?(?:,\s*{_MONTH_DAY})?,?\s*)?"
                       r"(?:\((?P<outlet>[A-Z][\w.&' ]{0,30})\)|/(?P<wire>[A-Z][\w.&' -]{0,30})/)\s*(?:--?|[—–])?\s*")
"""``LONDON (Reuters) -``, ``PORTO ALEGRE, Brazil (AP) —``, ``LONDON, March 10 (Reuters) -``, ``(CNN)``,
``CAMBRIDGE, England, April 2, 2026 /PRNewswire/ --``: a place in capitals, perhaps its region or
country and the day, and the outlet in brackets (a wire service between slashes), opening the text."""
_TRAILER = re.compile(r"^(?P<headline>.{15,200}?)\s+[-–—|]\s+(?P<outlet>[A-Z][\w.&' ]{1,40})$")
_DANGLING = frozenset("""a an the of to in on at for and or but nor with by from that as is was are were be been
has have had will would could should may might must can its his her their our your my this these those
if than into onto over under about against after before between during despite since until upon via
towards toward amid across within without through while when where which who whom whose because
not no so also just very more most such said says""".split())
_WORD = re.compile(r"\w+")


def split_dateline(line: str) -> tuple[str | None, str]:
    """``(CNN)Russian President...`` and ``LONDON (Reuters) - Britain...`` name the outlet."""
    match = _DATELINE.match(line)
    if not match:
        return None, line
    return (match.group("outlet") or match.group("wire")).strip(), line[match.end():]


def is_headline(line: str) -> bool:
    """A short line with no closing sentence punctuation, as headlines are written."""
    stripped = line.strip()
    words = _WORD.findall(stripped)
    if not 3 <= len(words) <= 25 or len(stripped) > 200 or stripped.endswith((".", ":", ",", ";")):
        return False
    if sum(not word.isdigit() for word in words) < max(3, 0.75 * len(words)):
        return False  # "Nov 18, 2019 @17:19 PM" is a timestamp, not a headline
    return stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"'“‘"


def separate_headline(lines: list[str]) -> list[str]:
    """A headline line directly above the text (no blank line between) stays its own paragraph.

    It must read as a headline, end on a full word, and either be written in title case or come
    before a line that starts like a sentence: wrapped prose ends on a dangling word ("...the
    United States and" / "NATO said") or runs on in lower case."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or first + 1 >= len(lines) or not lines[first + 1].strip() or not is_headline(lines[first]):
        return lines
    following = lines[first + 1].lstrip()
    last_word = lines[first].split()[-1].lower()
    runs_on = last_word in _DANGLING and last_word not in ("said", "says")  # "..., lawyer says" ends headlines
    if not runs_on and (title_cased(lines[first]) or following[0].isupper()):
        return [*lines[:first + 1], "", *lines[first + 1:]]
    return lines


def title_cased(line: str) -> bool:
    """Most words of four or more letters start with a capital, as in "Lohan Checks Into Rehab"."""
    long_words = [word for word in _WORD.findall(line) if len(word) >= 4]
    return len(long_words) >= 2 and sum(word[0].isupper() for word in long_words) >= 0.75 * len(long_words)


def trailer_headline(lines: list[str]) -> tuple[str, str] | None:
    """The ``Headline - Outlet`` line aggregators append, as (headline, outlet)."""
    for line in lines:
        match = _TRAILER.match(line.strip())
        if match and len(_WORD.findall(match.group("headline"))) >= 4:
            return match.group("headline").strip(), match.group("outlet").strip()
    return None


_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]\.|(?:Mr|Mrs|Ms|Dr|St|Mt|Ft|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|"
                           r"Prof|Jr|Sr|No|Inc|Corp|Co|Ltd|vs|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])")
_PHRASE_START = frozenset("""of to in on at for and or but nor with by from that as into onto over under about against
after before between during despite since until upon via towards toward amid across within without through while
when where which who whom whose because than if so said says according""".split())


def first_sentence(text: str) -> str:
    """The text up to the first full stop, question or exclamation mark followed by a capital,
    skipping the stops of abbreviations and initials ("U.S.", "V.", "Mr.")."""
    text = text.strip()
    for match in _SENTENCE_END.finditer(text):
        before = text[max(0, match.start() - 20):match.start() + 1].split()
        if not (before and _ABBREVIATION.fullmatch(before[-1])):
            return text[:match.end()].strip()
    return text


def _closed(text: str) -> bool:
    """No quotation or bracket left open."""
    return (text.count('"') % 2 == 0 and text.count("“") == text.count("”") and text.count("(") == text.count(")"))


def title_from_lead(text: str) -> str:
    """The first sentence, or when it is longer than about 90 characters, its opening cut where a
    phrase ends: before a preposition, conjunction or relative word, or after a comma, never in
    the middle of a name or a noun phrase when such a place exists past a third of the limit."""
    sentence = first_sentence(split_dateline(text)[1])  # "LONDON (Reuters) - " is where, not what
    if len(sentence) <= MAX_TITLE:
        return sentence.rstrip(".")
    words = sentence[:2 * MAX_TITLE].split()  # enough for the words that fit and the one after them
    ends = list(itertools.accumulate(len(word) + 1 for word in words))  # length of words[:k] plus one
    fit = max(sum(1 for end in ends if end - 1 <= MAX_TITLE), 1)
    boundaries = [k for k in range(2, fit + 1) if ends[k - 1] - 1 >= MAX_TITLE // 3 and (
        k == len(words) or words[k].lower().strip("\"'“‘(") in _PHRASE_START or words[k - 1].endswith((",", ";", ":"))
        or words[k] in ("-", "–", "—")) and _closed(" ".join(words[:k])) and not _before_attribution(words, k)]
    kept = words[:boundaries[-1]] if boundaries else words[:fit]
    while len(kept) > 1 and kept[-1].lower().strip(",;:") in _DANGLING:
        kept.pop()
    return " ".join(kept).rstrip(",;:-–—") + "…"


def _before_attribution(words: list[str], k: int) -> bool:
    """A cut just before or after "said" or "according" that a comma precedes within three words
    would end the title on the speaker ("..., organisers…"): the comma is the phrase's end."""
    return any(j < len(words) and words[j].lower().strip(",") in ("said", "says", "according")
               and any(word.endswith(",") for word in words[max(0, j - 4):j - 1]) for j in (k - 1, k))


def choose_title(given: str | None, paragraphs: list[str],
                 removed: list[RemovedLine]) -> tuple[str, TitleSource, list[str]]:
    """Front matter, else a headline first line, else a trailer headline, else the lead; and the body left."""
    if given:
        if paragraphs and same_words(paragraphs[0], given) and len(paragraphs) > 1:
            return paragraphs[0], TitleSource.HEADLINE, paragraphs[1:]
        return given, TitleSource.FRONT_MATTER, paragraphs
    if paragraphs and is_headline(paragraphs[0]) and len(paragraphs) > 1:
        return paragraphs[0], TitleSource.HEADLINE, paragraphs[1:]
    trailer = trailer_headline([r.line for r in removed if r.rule == "trailer"])
    if trailer:
        return trailer[0], TitleSource.TRAILER, paragraphs
    return title_from_lead(paragraphs[0] if paragraphs else ""), TitleSource.LEAD, paragraphs


def line_key(line: str) -> str:
    """Lines compare equal across articles regardless of case, spacing and punctuation."""
    return " ".join(_WORD.findall(line.casefold()))


def same_words(a: str, b: str) -> bool:
    """The same words in the same order, whatever the case, quotes and punctuation."""
    return line_key(a) == line_key(b)


LABEL_WORDS = 4


def is_label(paragraph: str) -> bool:
    """A few words with no sentence punctuation opening the text under a headline: a section or
    topic label ("Hong Kong", "Review"), a byline without "By" ("Staff Reports"), a site's name."""
    text = paragraph.strip()
    return 0 < len(text.split()) <= LABEL_WORDS and not text.endswith((".", "!", "?", '"', "”", ":"))


def under_headline(paragraphs: list[str], title: str) -> tuple[list[RemovedLine], list[str]]:
    """(the removed lines, the paragraphs left): copies of the headline at the top of the text
    (pages often print it twice), then a label (``is_label``); never every paragraph."""
    count = 0
    while count < len(paragraphs) - 1 and same_words(paragraphs[count], title):
        count += 1
    removed = [RemovedLine(paragraph, "repeated-headline") for paragraph in paragraphs[:count]]
    if len(paragraphs) - count > 1 and is_label(paragraphs[count]):
        removed.append(RemovedLine(paragraphs[count], "label"))
        count += 1
    return removed, paragraphs[count:]


def trailer_outlet(removed: list[RemovedLine]) -> str | None:
    """The outlet named at the end of an aggregator's ``Headline - Outlet`` trailer."""
    trailer = trailer_headline([r.line for r in removed if r.rule == "trailer"])
    return trailer[1] if trailer else None


_TOKEN = re.compile(r"[\w'’]+(?:[.-][\w'’]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’']?\s+)[\"“‘']?$")


def readable_case(title: str, paragraphs: list[str]) -> str:
    """An all-capitals headline ("NEW CANCER WING OPENS AT ST. AGNES HOSPITAL") in sentence case,
    each word as the article writes it most often inside its sentences, else anywhere ("New cancer
    wing opens at St. Agnes Hospital"): names and acronyms keep the article's capitals, words the
    article never writes go lower case. Any other title is returned as it is."""
    if any(c.islower() for c in title) or sum(1 for w in _TOKEN.findall(title) if w.isalpha() and len(w) > 2) < 2:
        return title
    inside: dict[str, dict[str, int]] = {}
    anywhere: dict[str, dict[str, int]] = {}
    led: dict[str, set[str | None]] = {}
    """A word -> the capitalised word before each of its capitalised forms inside sentences (None:
    a form with no capitalised word before it, a name of its own)."""
    for paragraph in _opening(paragraphs, CASE_CHARACTERS):
        previous = None
        for match in _TOKEN.finditer(paragraph):
            word = match.group()
            initial = _SENTENCE_START.search(paragraph[max(0, match.start() - 4):match.start()])
            places = (anywhere,) if initial else (anywhere, inside)
            for forms in places:
                counts = forms.setdefault(word.casefold(), {})
                counts[word] = counts.get(word, 0) + 1
            if not initial and word[:1].isupper():
                before = previous if previous and previous[:1].isupper() else None
                led.setdefault(word.casefold(), set()).add(before.casefold() if before else None)
            previous = word
    head: str | None = None  # the headline's word before the one being recased

    def recase(match: re.Match[str]) -> str:
        nonlocal head
        word, key = match.group(), match.group().casefold()
        forms = inside.get(key) or anywhere.get(key)
        if forms and _inside_other_names(key, head, forms, led):
            forms = {form: n for form, n in forms.items() if not form[:1].isupper()}
        head = word
        return _as_written(word, forms)

    recased = _TOKEN.sub(recase, title)
    first = next(_TOKEN.finditer(recased), None)
    if first is None:
        return recased
    return recased[:first.start()] + recased[first.start()].upper() + recased[first.start() + 1:]


CASE_CHARACTERS = 20_000
"""Characters of the article whose capitals an all-capitals headline takes: a book-length file is
not read whole for one title."""


def _opening(paragraphs: list[str], limit: int) -> list[str]:
    """The paragraphs that fit in ``limit`` characters, the last cut to fit."""
    kept: list[str] = []
    for paragraph in paragraphs:
        kept.append(paragraph[:limit])
        limit -= len(kept[-1])
        if limit <= 0:
            break
    return kept


def _inside_other_names(key: str, head: str | None, forms: dict[str, int], led: dict[str, set[str | None]]) -> bool:
    """The article writes the word in lower case too, and in capitals only inside other names
    ("Meridian Power" where the headline's "POWER" follows "WITHOUT"): the headline's word is the
    common one. A word always in capitals ("Putin", after "Vladimir") keeps them."""
    if not any(not form[:1].isupper() for form in forms):
        return False
    leads = led.get(key, set())
    return bool(leads) and None not in leads and (head or "").casefold() not in leads


def _as_written(word: str, written: dict[str, int] | None) -> str:
    """The form the article writes most often (inside sentences when it does), else lower case."""
    return max(sorted(written), key=written.__getitem__) if written else word.lower()


_SITE_SEPARATOR = re.compile(r"\s+[-–—|]\s+")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|net|org|co\.uk|co|tv|news|info)\b", re.I)
SITE_KEY = "site-suffix:"
"""Prefix of the keys that count a headline's suffix ("- Site Name | Section") across the corpus."""


def site_keys(line: str) -> frozenset[str]:
    """Keys of the parts a headline line could end on after a separator ("Headline - Site | City":
    "Site | City" and "City"), so that the corpus can count in how many files each ends a headline."""
    if not is_headline(line):
        return frozenset()
    return frozenset(SITE_KEY + key for m in _SITE_SEPARATOR.finditer(line) if (key := line_key(line[m.end():])))


def without_site(title: str, repeated: frozenset[str]) -> tuple[str, str | None]:
    """(the headline, the site's name after it or None): a page's title saved as a headline line
    ends on its site's name ("Man charged in shooting - WXYZ News | Springfield"). Such an ending
    goes when the corpus ends two or more headlines on it (``repeated`` holds its key) or it
    starts with a web address ("- Example.com"); the headline left keeps three or more words."""
    for match in _SITE_SEPARATOR.finditer(title):
        head, tail = title[:match.start()].strip(), title[match.end():].strip()
        if len(_WORD.findall(head)) < 3:
            continue
        if SITE_KEY + line_key(tail) in repeated or _DOMAIN.match(tail):
            return head, tail
    return title, None


def site_outlet(site: str) -> str:
    """The site's own name out of "Name: News, Weather & Sports | City": its first part."""
    return re.split(r"\s+[-–—|]\s+|:\s|,\s", site.lstrip("-–—| "), maxsplit=1)[0].strip()
