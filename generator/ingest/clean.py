"""Separating article text from scraped residue, recording every removed line with its rule.

The rules use general signals, not phrases from particular sites: the shape of a line (prose
ends like a sentence; residue is short, unpunctuated or made of links and separators), credit
and link patterns, its position (a header block before the first paragraph, a trailer after the
last one) and repetition across the corpus (a line found in several articles is boilerplate).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from ..models import RemovedLine

_AGENCIES = r"AFP|Reuters|AP|EPA|Getty Images|Getty|Shutterstock|Pool|Sputnik|Xinhua|Anadolu|Bloomberg|TASS|PA"
_CREDIT = re.compile(
    rf"\(\s*(photo\s*)?credits?\s*:|^\s*(photo|image|picture|credit|source|caption)s?\s*:|"
    rf"^\s*(image|photo|picture|video)\s+(source|caption|credit)s?\b|"
    rf"\b({_AGENCIES})\b\s*/|/\s*({_AGENCIES})\b|\b(photograph|photo|image)\s*(by|:)|©", re.I)
_URL = re.compile(r"^\s*(<)?(https?://|www\.)\S+(>)?\s*$", re.I)
_URL_START = re.compile(r"^\s*(https?://|www\.)\S+", re.I)
_SEE_ALSO = re.compile(r"^\s*(read|see|watch|listen)\s+(also|more)\b\s*:?|^\s*(related|recommended|more)\s*:", re.I)
_SOCIAL = re.compile(
    r"^\s*(share( this)?|tweet|e-?mail|print|subscribe|sign up|follow us|log ?in|register|advertisement|"
    r"skip to (main )?content|click here|comments?|listen|download the app)\b", re.I)
_COOKIE = re.compile(r"\bcookies?\b.*\b(accept|consent|privacy|browsing|continu|agree|settings)", re.I)
_BYLINE = re.compile(r"^\s*(?i:by|written by|reporting by|edited by)\s+[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3}"
                     r"(\s*(,|and|&)\s*[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3})*\s*[|,;-]?.*$")
_SEPARATORS = re.compile(r"\s[|•›»>·]\s")
_DATE_WORDS = (r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
               r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}(t[\d:.]+z?)?|\d{1,2}|\d{4}|"
               r"[\d:]+\s*(am|pm)?|at|on|posted|published|updated|last|modified|by|[,|•·()-]|"
               r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|utc|gmt|[a-z]{1,2}t|[ap]\.?m\.?|"
               r"ago|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|an?|just|now|read|min")
_TIMESTAMP = re.compile(rf"^\s*((?:{_DATE_WORDS})\s*)+$", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[\"”]\s*$")
_WORD = re.compile(r"\w+")


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def is_paragraph(line: str) -> bool:
    """A line that reads as article prose: several words ending like a sentence."""
    return len(words(line)) >= 6 and bool(_SENTENCE_END.search(line))


def is_url(line: str) -> bool:
    """A link on its own line, also when a scraper has broken it up with spaces."""
    return bool(_URL.match(line)) or (bool(_URL_START.match(line)) and not is_paragraph(line))


def is_timestamp(line: str) -> bool:
    return len(line) <= 80 and bool(re.search(r"\d", line)) and bool(_TIMESTAMP.match(line))


def is_credit(line: str) -> bool:
    return bool(_CREDIT.search(line)) and not is_paragraph(line)


def is_see_also(line: str) -> bool:
    return bool(_SEE_ALSO.match(line))


def is_social(line: str) -> bool:
    return bool(_SOCIAL.match(line)) and len(words(line)) <= 12 and not is_paragraph(line)


def is_cookie_notice(line: str) -> bool:
    return bool(_COOKIE.search(line))


def is_byline(line: str) -> bool:
    return bool(_BYLINE.match(line)) and len(words(line)) <= 14 and not line.rstrip().endswith(".")


def is_navigation(line: str) -> bool:
    """Menus and breadcrumbs: three or more short items between separators."""
    parts = [p for p in re.split(r"\s[|•›»>·]\s", line) if p.strip()]
    return len(_SEPARATORS.findall(line)) >= 2 and len(parts) >= 3 and all(len(words(p)) <= 4 for p in parts)


def is_punctuation_only(line: str) -> bool:
    return not _WORD.search(line)


LINE_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("punctuation-only", is_punctuation_only),
    ("lone-url", is_url),
    ("timestamp", is_timestamp),
    ("photo-credit", is_credit),
    ("see-also", is_see_also),
    ("cookie-notice", is_cookie_notice),
    ("share-or-subscribe", is_social),
    ("byline", is_byline),
    ("navigation", is_navigation),
)


def line_key(line: str) -> str:
    """Lines compare equal across articles regardless of case, spacing and punctuation."""
    return " ".join(words(line.casefold()))


def clean_lines(lines: list[str], repeated: Collection[str] = frozenset()) -> tuple[list[str], list[RemovedLine]]:
    """Drop residue lines; blank lines are kept as paragraph breaks. ``repeated``: corpus boilerplate keys."""
    kept: list[str] = []
    removed: list[RemovedLine] = []
    for line in lines:
        rule = _rule_for(line, repeated)
        if rule:
            removed.append(RemovedLine(line.strip(), rule))
        else:
            kept.append(line.strip())
    kept, header = _strip_header(kept)
    kept, trailer = _strip_trailer(kept)
    return kept, header + removed + trailer


def _rule_for(line: str, repeated: Collection[str]) -> str | None:
    if not line.strip():
        return None
    if line_key(line) in repeated:
        return "repeated-boilerplate"
    for name, rule in LINE_RULES:
        if rule(line):
            return name
    return None


HEADER_WORDS = 8
"""Before the first paragraph, unpunctuated lines of at most this many words are page furniture."""


def _strip_header(lines: list[str]) -> tuple[list[str], list[RemovedLine]]:
    """Before the first paragraph, keep the first line (a headline) and drop short unpunctuated lines."""
    first_text = next((i for i, line in enumerate(lines) if line), None)
    if first_text is None:
        return lines, []
    kept, removed = lines[:first_text + 1], []
    for index in range(first_text + 1, len(lines)):
        line = lines[index]
        if is_paragraph(line):
            return kept + lines[index:], removed
        if line and len(words(line)) <= HEADER_WORDS and not line.endswith((".", "!", "?")):
            removed.append(RemovedLine(line, "header-fragment"))
        else:
            kept.append(line)
    return kept, removed


def _strip_trailer(lines: list[str]) -> tuple[list[str], list[RemovedLine]]:
    """Remove the run of non-prose lines after the last paragraph (comment forms, feed names)."""
    end = len(lines)
    while end > 0 and not is_paragraph(lines[end - 1]):
        end -= 1
    trailer = [RemovedLine(line, "trailer") for line in lines[end:] if line]
    return lines[:end], trailer


def repeated_lines(bodies: list[list[str]], min_files: int = 3) -> frozenset[str]:
    """Keys of short or unpunctuated lines found in at least ``min_files`` different articles."""
    return repeated_keys([boilerplate_candidates(lines) for lines in bodies], min_files)


def boilerplate_candidates(lines: list[str]) -> frozenset[str]:
    """Keys of one article's lines that count toward corpus boilerplate: short or unpunctuated ones."""
    return frozenset(key for key in (line_key(line) for line in lines if line.strip() and not _long_prose(line)) if key)


def repeated_keys(candidates: list[frozenset[str]], min_files: int = 3) -> frozenset[str]:
    """The candidate keys found in at least ``min_files`` different articles."""
    counts: dict[str, int] = {}
    for keys in candidates:
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return frozenset(key for key, count in counts.items() if count >= min_files)


def _long_prose(line: str) -> bool:
    """Identical long paragraphs in several articles are shared wire copy, not boilerplate."""
    return is_paragraph(line) and len(words(line)) > 12
