"""Separating article text from scraped residue, recording every removed line with its rule."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import RemovedLine

_URL = re.compile(r"^\s*(<)?(https?://|www\.)\S+(>)?\s*$", re.I)
_CREDIT = re.compile(
    r"(\(\s*(photo\s*)?credits?\s*:|^\s*(photo|image|picture|credit|source)s?\s*:|"
    r"\b(AFP|Reuters|AP|EPA|Getty Images|Shutterstock|Pool|Sputnik|Xinhua|Anadolu)\b\s*/|"
    r"/\s*(AFP|Reuters|AP|EPA|Getty Images|Shutterstock|Pool|Sputnik|Xinhua|Anadolu)\b)",
    re.I,
)
_SEE_ALSO = re.compile(r"^\s*(read|see|watch|listen)\s+(also|more)\b\s*:?|^\s*(related|recommended)\s*:", re.I)
_SOCIAL = re.compile(
    r"^\s*(share|tweet|email|print|subscribe|sign up|follow us|accept( all)? cookies|"
    r"we use cookies|advertisement|skip to (main )?content|click here)\b", re.I)
_DATE_WORDS = (r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
               r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}(t[\d:.]+z?)?|\d{1,2}|\d{4}|"
               r"[\d:]+\s*(am|pm)?|at|on|posted|published|updated|by|[,|•·-]|"
               r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|utc|gmt|[ap]\.?m\.?")
_TIMESTAMP = re.compile(rf"^\s*((?:{_DATE_WORDS})\s*)+$", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[\"”]\s*$")
_WORD = re.compile(r"\w+")


def is_url(line: str) -> bool:
    return bool(_URL.match(line))


def is_timestamp(line: str) -> bool:
    return len(line) <= 80 and bool(re.search(r"\d", line)) and bool(_TIMESTAMP.match(line))


def is_credit(line: str) -> bool:
    return bool(_CREDIT.search(line)) and not _looks_like_prose(line)


def _looks_like_prose(line: str) -> bool:
    words = _WORD.findall(line)
    return len(words) >= 8 and bool(_SENTENCE_END.search(line)) and "/" not in line


def is_see_also(line: str) -> bool:
    return bool(_SEE_ALSO.match(line))


def is_social(line: str) -> bool:
    return bool(_SOCIAL.match(line)) and len(_WORD.findall(line)) <= 12


def is_punctuation_only(line: str) -> bool:
    return not _WORD.search(line)


LINE_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("punctuation-only", is_punctuation_only),
    ("lone-url", is_url),
    ("timestamp", is_timestamp),
    ("photo-credit", is_credit),
    ("see-also", is_see_also),
    ("share-or-subscribe", is_social),
)


def is_paragraph(line: str) -> bool:
    """A line that reads as article prose: several words ending like a sentence."""
    return len(_WORD.findall(line)) >= 6 and bool(_SENTENCE_END.search(line))


def clean_lines(lines: list[str]) -> tuple[list[str], list[RemovedLine]]:
    """Drop residue lines; blank lines are kept as paragraph breaks."""
    kept: list[str] = []
    removed: list[RemovedLine] = []
    for line in lines:
        rule = _rule_for(line)
        if rule:
            removed.append(RemovedLine(line.strip(), rule))
        else:
            kept.append(line.strip())
    kept, trailer = _strip_trailer(kept)
    return kept, removed + trailer


def _rule_for(line: str) -> str | None:
    if not line.strip():
        return None
    for name, rule in LINE_RULES:
        if rule(line):
            return name
    return None


def _strip_trailer(lines: list[str]) -> tuple[list[str], list[RemovedLine]]:
    """Remove the run of non-prose lines after the last paragraph (comment forms, feed names)."""
    end = len(lines)
    while end > 0 and not is_paragraph(lines[end - 1]):
        end -= 1
    trailer = [RemovedLine(line, "trailer") for line in lines[end:] if line]
    return lines[:end], trailer
