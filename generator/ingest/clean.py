"""Separating article text from scraped residue, recording every removed line with its rule.

The rules use general signals, not phrases from particular sites: the shape of a line (prose
ends like a sentence; residue is short, unpunctuated or made of links and separators), credit
and link patterns, its position (a header block before the first paragraph, a trailer after the
last one) and repetition across the corpus (a line found in several articles is boilerplate).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection

from ..models import RemovedLine
from . import region
from .titles import SITE_KEY, is_headline, line_key, site_keys

_AGENCIES = r"AFP|Reuters|AP|EPA|Getty Images|Getty|Shutterstock|Pool|Sputnik|Xinhua|Anadolu|Bloomberg|TASS|PA"
_CREDIT = re.compile(
    rf"\(\s*(photo\s*)?credits?\s*:|^\s*(photo|image|picture|credit|source|caption)s?\s*:|"
    rf"^\s*(image|photo|picture|video)\s+(source|caption|credit)s?\b|^\s*((photo|image|video)\s+)?courtesy\s+of\b|"
    rf"\b({_AGENCIES})\b\s*/|/\s*({_AGENCIES})\b|\b(photograph|photo|image)\s*(by|:)|©", re.I)
_URL = re.compile(r"^\s*(<)?(https?://|www\.)\S+(>)?\s*$", re.I)
_URL_START = re.compile(r"^\s*(https?://|www\.)\S+", re.I)
_SEE_ALSO = re.compile(r"^\s*(read|see|watch|listen)\s+(also|more)\b\s*:?|^\s*(related|recommended|more)\s*:", re.I)
_SOCIAL = re.compile(
    r"^\s*(share( this)?|tweet|e-?mail|print|subscribe|sign up|follow us|log ?in|register|advertisement|"
    r"skip to (main )?content|click here|comments?|listen|download the app)\b", re.I)
_SHARE_TARGETS = frozenset("""facebook twitter x email e mail whatsapp linkedin pinterest reddit print share
copy link messenger telegram flipboard tumblr sms bluesky threads mastodon comments comment save""".split())
"""The labels of a row of share buttons ("Facebook Twitter Email"), which scraped pages keep as a line."""
_COOKIE = re.compile(r"\bcookies?\b.*\b(accept|consent|privacy|browsing|continu|agree|settings)", re.I)
_BYLINE = re.compile(r"^\s*(?i:by|written by|reporting by|edited by)\s+[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3}"
                     r"(\s*(,|and|&)\s*[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3})*\s*[|,;-]?.*$")
_SEPARATORS = re.compile(r"\s[|•›»>·]\s")
_DATE_WORDS = (r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
               r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}(t[\d:.]+z?)?|\d{1,2}|\d{4}|"
               r"[\d:]+\s*(am|pm)?|at|on|posted|published|updated|last|modified|by|[,|•·()-]|"
               r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|utc|gmt|[a-z]{1,2}t|[ap]\.?m\.?|"
               r"ago|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|an?|just|now|read|min")
_DATE_TOKEN = re.compile(rf"(?:{_DATE_WORDS}):?", re.I)
_TOKEN_SEPARATORS = re.compile(r"[\s,|•·()]+")
_WORD = re.compile(r"\w+")
_ALNUM = re.compile(r"[^\W_]")
_RIGHTS = re.compile(r"^\s*copyright\b|\ball rights reserved\b|\bmay not be (?:re)?published, broadcast", re.I)
_CONTRIBUTORS = re.compile(
    r"^\s*(?:(?:[\w.&'’-]+\s+){0,4}(?:writers?|reporters?|correspondents?|staff)\b.{0,160}\bcontributed"
    r"(?:\s+to\s+(?:this|the)\s+(?:report|story|article)|\s+(?:reporting\s+)?from\s+[A-Z][^.]{0,60})?\.?\s*$"
    r"|contributing\s*:|additional reporting\b)", re.I)


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def is_paragraph(line: str) -> bool:
    """A line that reads as article prose: several words ending like a sentence."""
    return len(words(line)) >= 6 and region.ends_sentence(line)


def is_url(line: str) -> bool:
    """A link on its own line, also when a scraper has broken it up with spaces."""
    return bool(_URL.match(line)) or (bool(_URL_START.match(line)) and not is_paragraph(line))


def is_timestamp(line: str) -> bool:
    """Only date and time words. Checked token by token: one pattern over the whole line
    backtracked exponentially on lines such as "2019-11-20 12:57:32 Marcus De Guzman"."""
    if len(line) > 80 or not re.search(r"\d", line):
        return False
    return all(_DATE_TOKEN.fullmatch(token) for token in _TOKEN_SEPARATORS.split(line) if token)


def is_credit(line: str) -> bool:
    return bool(_CREDIT.search(line)) and not is_paragraph(line)


def is_see_also(line: str) -> bool:
    return bool(_SEE_ALSO.match(line))


def is_social(line: str) -> bool:
    """A share, subscribe or sign-in prompt, or a row of share buttons' labels."""
    tokens = words(line.casefold())
    if tokens and len(tokens) <= 12 and all(token in _SHARE_TARGETS for token in tokens):
        return True
    return bool(_SOCIAL.match(line)) and len(tokens) <= 12 and not is_paragraph(line)


def is_cookie_notice(line: str) -> bool:
    return bool(_COOKIE.search(line))


def is_byline(line: str) -> bool:
    return bool(_BYLINE.match(line)) and len(words(line)) <= 14 and not line.rstrip().endswith(".")


def is_navigation(line: str) -> bool:
    """Menus and breadcrumbs: three or more short items between separators."""
    parts = [p for p in re.split(r"\s[|•›»>·]\s", line) if p.strip()]
    return len(_SEPARATORS.findall(line)) >= 2 and len(parts) >= 3 and all(len(words(p)) <= 4 for p in parts)


def is_punctuation_only(line: str) -> bool:
    """No letter or digit: rules and separators ("* * *", "___")."""
    return not _ALNUM.search(line)


def is_rights_notice(line: str) -> bool:
    """"Copyright 2026 The Associated Press. All rights reserved. This material may not be published..."."""
    return bool(_RIGHTS.search(line)) and len(words(line)) <= 60


def is_contributors(line: str) -> bool:
    """A wire story's closing credit: "Associated Press writer Ann Lee contributed from Paris.",
    "Contributing: Ann Lee", "Additional reporting by Ann Lee"."""
    return bool(_CONTRIBUTORS.match(line)) and len(words(line)) <= 40


LINE_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("punctuation-only", is_punctuation_only),
    ("lone-url", is_url),
    ("timestamp", is_timestamp),
    ("photo-credit", is_credit),
    ("see-also", is_see_also),
    ("cookie-notice", is_cookie_notice),
    ("share-or-subscribe", is_social),
    ("byline", is_byline),
    ("contributors", is_contributors),
    ("rights-notice", is_rights_notice),
    ("navigation", is_navigation),
)


def clean_lines(lines: list[str], repeated: Collection[str] = frozenset(),
                by_place: bool = True) -> tuple[list[str], list[RemovedLine]]:
    """Drop residue lines, in file order; blank lines inside the article are kept as paragraph breaks.

    A line goes by its own shape (``LINE_RULES``, ``repeated``: corpus boilerplate keys) or by its
    place: before the article's span of prose (``region.py``) it is a header fragment, except the
    headline nearest above the text; after the span it is a trailer. ``by_place=False`` (text an
    extractor already took out of a page) keeps the rules of shape only."""
    rules = [_rule_for(line, repeated) for line in lines]
    blocks = _wrapped_blocks(lines, rules)
    span = region.article_span([" ".join(lines[a:b]) for a, b in blocks],
                               [rules[a] is not None for a, _ in blocks]) if by_place else None
    first, last = (blocks[span[0]][0], blocks[span[1]][1] - 1) if span else (0, len(lines) - 1)
    last = _before_about(lines, first, last) if span else last
    headline = _headline_above(lines, rules, first, last) if span else None
    wrapped = frozenset(i for a, b in blocks if b - a > 1 for i in range(a, b))
    insets = _insets(lines, rules, wrapped, (first, last)) if span else frozenset()
    kept: list[str] = []
    removed: list[RemovedLine] = []
    for index, (line, rule) in enumerate(zip(lines, rules, strict=True)):
        place = rule or ("header-fragment" if index < first else "trailer" if index > last else
                         "inset" if index in insets else None)
        if not line.strip():
            kept.extend([""] if place is None else [])
        elif index == headline:
            kept.extend([line.strip(), ""])
        elif place:
            removed.append(RemovedLine(line.strip(), place))
        else:
            kept.append(line.strip())
    return kept, removed


_ABOUT = re.compile(r"About (?:the )?[A-Z][\w&'’.-]*(?: (?:[A-Z&][\w&'’.-]*|of|and|for)){0,5}:?")


def _before_about(lines: list[str], first: int, last: int) -> int:
    """The span's last line before an "About Corlan Biotech" heading in its second half: what a
    press release (or a page's author box) prints after it is boilerplate about the issuer, its
    legal notices and contacts, and goes as a trailer."""
    for index in range((first + last) // 2 + 1, last + 1):
        if _ABOUT.fullmatch(lines[index].strip()):
            return index - 1
    return last


WRAP_WIDTH = 60
"""In a hard-wrapped file, a line this long that stops mid-sentence runs on into the next line."""
WRAP_LIMIT = 100
"""A file is hard-wrapped when nine in ten of its long lines (``WRAP_WIDTH`` or more) are at most this long."""


def _wrapped_blocks(lines: list[str], rules: list[str | None]) -> list[tuple[int, int]]:
    """[start, end) ranges of lines that read as one: a hard-wrapped paragraph is judged whole."""
    blocks: list[tuple[int, int]] = []
    start = 0
    if not _hard_wrapped(lines):
        return [(index, index + 1) for index in range(len(lines))]
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        runs_on = (len(line.strip()) >= WRAP_WIDTH and not region.ends_sentence(line) and rules[index] is None
                   and following.strip() != "" and rules[index + 1] is None)
        if not runs_on:
            blocks.append((start, index + 1))
            start = index + 1
    return blocks


def _hard_wrapped(lines: list[str]) -> bool:
    wide = [length for length in (len(line.strip()) for line in lines) if length >= WRAP_WIDTH]
    return len(wide) >= 3 and sum(length <= WRAP_LIMIT for length in wide) >= 0.9 * len(wide)


INSET_WORDS = 4
"""Inside the article, unpunctuated lines of this many words or more next to another line that is
not prose are teasers, captions and link lists, not subheadings (which stand alone between
paragraphs) nor data (scores and results, with two or more numbers)."""


def _insets(lines: list[str], rules: list[str | None], wrapped: frozenset[int],
            span: tuple[int, int]) -> frozenset[int]:
    """Indices of the inset lines inside ``span``; lines of a hard-wrapped paragraph are prose."""
    first, last = span
    prose = [index in wrapped or (bool(line.strip()) and rules[index] is None and region.is_prose(line))
             for index, line in enumerate(lines)]
    found = set()
    for index in range(first, last + 1):
        line = lines[index]
        if prose[index] or rules[index] or len(words(line)) < INSET_WORDS or _continues(line) or _data(line):
            continue
        neighbours = [i for i in (index - 1, index + 1) if first <= i <= last and lines[i].strip()]
        if any(not prose[i] for i in neighbours):
            found.add(index)
    return frozenset(found)


def _data(line: str) -> bool:
    """A line carrying two or more numbers is data (a score, a result, a date list), not a teaser."""
    return region.is_data(words(line))


def _continues(line: str) -> bool:
    """Ends like a sentence, or on punctuation that leads into the next line."""
    if region.ends_sentence(line) or line.rstrip().endswith((":", ",", ";", "–", "-")):
        return True
    tokens = words(line)
    return tokens[-1].lower() in region.STOP_WORDS or line.count('"') % 2 == 1


def _headline_above(lines: list[str], rules: list[str | None], first: int, last: int) -> int | None:
    """The nearest line above the article that no rule removed and that reads as a headline,
    preferring, among the ``HEADLINE_REACH`` lines above, one that shares two content words (one,
    for a headline of one or two) with the article's first prose lines. A headline tells what the
    text tells, while the lines a page prints between its headline and its text ("Get short URL",
    "Sharing is caring!", a reporter's handle, a photo credit) share nothing with it."""
    found = [index for index in range(first - 1, -1, -1)
             if lines[index].strip() and rules[index] is None and is_headline(lines[index])]
    prose = itertools.islice((line for index, line in enumerate(lines[first:last + 1], first)
                              if rules[index] is None and region.is_prose(line)), HEADLINE_CONTEXT)
    opening = _content_words(" ".join(prose))
    for index in found:
        if index < first - HEADLINE_REACH:
            break
        shared = _content_words(lines[index]) & opening
        if len(shared) >= min(2, len(_content_words(lines[index]))) and shared:
            return _top_of_stack(lines, rules, index)
    return _top_of_stack(lines, rules, found[0]) if found else None


def _top_of_stack(lines: list[str], rules: list[str | None], index: int) -> int:
    """The first of the headline-like lines stacked right above ``index`` (blank lines between): a
    page prints its headline, then a deck or two ("IE6 through IE11 harbor vulnerability, but
    in-the-wild attacks limited to IE8 and IE9") over the byline. Lines of fewer than
    ``INSET_WORDS`` words (a section's name) end the stack."""
    while True:
        above = next((i for i in range(index - 1, -1, -1) if lines[i].strip()), None)
        if (above is None or rules[above] is not None or not is_headline(lines[above])
                or len(words(lines[above])) < INSET_WORDS):
            return index
        index = above


HEADLINE_CONTEXT = 3
"""Prose lines of the article's opening a headline is compared with."""
HEADLINE_REACH = 15
"""Lines above the article a headline is looked for in before the nearest headline-like line is taken."""


def _content_words(text: str) -> set[str]:
    return {word for word in words(text.casefold()) if len(word) > 3 and word not in region.STOP_WORDS}


def _rule_for(line: str, repeated: Collection[str]) -> str | None:
    if not line.strip():
        return None
    if line_key(line) in repeated:
        return "repeated-boilerplate"
    item = _BULLET.sub("", line, count=1)
    for name, rule in LINE_RULES:
        if rule(line) or (item != line and item.strip() and rule(item)):
            return name
    return None


_BULLET = re.compile(r"^\s*[*•·▪►>+-]\s+")
"""A list item's marker: "* Read more: ..." is read like "Read more: ..."."""


def repeated_lines(bodies: list[list[str]], min_files: int = 3) -> frozenset[str]:
    """Keys of short or unpunctuated lines found in at least ``min_files`` different articles."""
    return repeated_keys([boilerplate_candidates(lines) for lines in bodies], min_files)


def boilerplate_candidates(lines: list[str]) -> frozenset[str]:
    """Keys of one article's lines that count toward corpus boilerplate: short or unpunctuated ones."""
    keys = {key for key in (line_key(line) for line in lines if line.strip() and not _long_prose(line)) if key}
    return frozenset(keys.union(*(site_keys(line) for line in lines[:HEADLINE_LINES])))


HEADLINE_LINES = 12
"""Lines at the top of a file whose endings after a separator count as a site's name (``site_keys``)."""


def repeated_keys(candidates: list[frozenset[str]], min_files: int = 3) -> frozenset[str]:
    """The candidate keys found in at least ``min_files`` different articles; a headline's ending
    after a separator (``titles.site_keys``) in at least ``SITE_FILES``."""
    counts: dict[str, int] = {}
    for keys in candidates:
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return frozenset(key for key, count in counts.items()
                     if count >= (min(min_files, SITE_FILES) if key.startswith(SITE_KEY) else min_files))


SITE_FILES = 2
"""Two headlines ending on the same words after a separator ("... - CBS 5 - KPHO") name their site:
two articles may share a short line by chance (a quote, a subheading), hardly a headline's tail."""


def _long_prose(line: str) -> bool:
    """Identical long paragraphs in several articles are shared wire copy, not boilerplate."""
    return is_paragraph(line) and len(words(line)) > 12
