"""Mentions of one article: spaCy's entities cleaned, demonyms turned into countries, untagged
surnames found, and short forms resolved to the longer name they abbreviate in that article."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .countries import country_names, country_of_demonym, demonyms
from .models import ActorKind, Analysis, Mention, by_fields
from .names import form_key, is_name_like, normalise_name, surface_name

PLACE_LABELS = frozenset({"GPE", "LOC"})
_POSSESSIVE_END = re.compile(r"['’]s?$")
KIND_OF_LABEL = {"PERSON": ActorKind.PERSON, "ORG": ActorKind.ORGANIZATION, "GPE": ActorKind.PLACE,
                 "LOC": ActorKind.PLACE, "FAC": ActorKind.PLACE}


@dataclass(frozen=True, slots=True)
class NameMention:
    __reduce__ = by_fields

    name: str
    surface: str
    """As written (titles kept), for the actor's list of aliases."""
    label: str
    article: str
    surface_key: str
    key: str
    """The form key after resolution inside the article."""


def article_mentions(analysis: Analysis, ignore: frozenset[str], separate: frozenset[str]) -> list[NameMention]:
    """Every usable name mention of one article, resolved inside the article."""
    return resolve_in_article(collect_mentions(analysis, ignore) + missed_short_forms(analysis, ignore), separate)


def collect_mentions(analysis: Analysis, ignore: frozenset[str]) -> list[NameMention]:
    """Usable mentions of one article; demonyms become mentions of their country."""
    found = []
    for mention in joined_team_names(analysis):
        name, surface = normalise_name(mention.text), surface_name(mention.text)
        key, label = form_key(name), mention.label
        country = country_of_demonym(key)
        if country:
            name, label, key = country, "GPE", form_key(country)
        if label in KIND_OF_LABEL and is_name_like(name) and key not in ignore:
            found.append(NameMention(name, surface, label, analysis.article_id, form_key(normalise_name(mention.text)),
                                  key))
    return found


def joined_team_names(analysis: Analysis) -> list[Mention]:
    """spaCy often ends a team's name at its place: in "the North Carolina Tar Heels won" it tags
    "North Carolina" alone. A mention directly followed by a plural name the article tags elsewhere
    ("Tar Heels") is taken as the whole name, an organisation."""
    names = {surface_name(m.text) for m in analysis.mentions}
    plurals = sorted(name for name in names if _PLURAL_NAME.fullmatch(name))
    if not plurals:
        return list(analysis.mentions)
    texts = {s.index: s.text for s in analysis.sentences}
    joined = []
    for mention in analysis.mentions:
        sentence = texts.get(mention.sentence, "")
        follower = next((p for p in plurals if p != mention.text and f"{mention.text} {p}" in sentence), None) \
            if f"{mention.text} " in sentence else None
        joined.append(Mention(f"{mention.text} {follower}", "ORG", mention.sentence) if follower else mention)
    return joined


_PLURAL_NAME = re.compile(r"(?:[A-Z][\w'’-]+ ){0,2}[A-Z][\w'’-]+[^s]s")


_GENERIC_WORDS = frozenset("""new united national international american north south east west central city state
university college center centre department ministry service services company group council association
bank party club team court police school hospital church street park county district fund league the""".split())
_CAPITALISED = re.compile(r"(?<=[^.!?\"“(]\s)[A-Z][\w'’-]{2,}")


def missed_short_forms(analysis: Analysis, ignore: frozenset[str]) -> list[NameMention]:
    """First names, surnames and leading name words that spaCy did not tag on their own ("Timmons"
    after "Jermayne Timmons"), found in the sentences after the full name, never at a sentence start."""
    anchors: dict[str, tuple[str, int]] = {}
    for mention in analysis.mentions:
        words = normalise_name(mention.text).split(" ")
        if len(words) < 2 or mention.label not in ("PERSON", "ORG", "FAC"):
            continue
        for word in (words[0], words[-1]) if mention.label == "PERSON" else (words[0],):
            key = form_key(word)
            if (word.lower() not in _GENERIC_WORDS and key not in ignore and len(word) >= 3
                    and key not in demonyms() and key not in country_names()):
                anchors.setdefault(word, (mention.text, mention.sentence))
    tagged = defaultdict(list)
    for mention in analysis.mentions:
        tagged[mention.sentence].append(mention.text)
    found = []
    for sentence in analysis.sentences:
        for match in _CAPITALISED.finditer(" " + sentence.text):
            word = _POSSESSIVE_END.sub("", match.group())
            anchor = anchors.get(word)
            if anchor and anchor[1] < sentence.index and not any(word in text for text in tagged[sentence.index]):
                label = next(m.label for m in analysis.mentions if m.text == anchor[0])
                found.append(NameMention(word, word, label, analysis.article_id, form_key(word), form_key(word)))
    return found


def resolve_in_article(mentions: list[NameMention], separate: frozenset[str]) -> list[NameMention]:
    """A short form takes the key of the one longer name it abbreviates, when that name came first
    in the article and the short form did not: news writes "Olaf Scholz", then "Scholz"; and a
    clipped form ("Indy", "Jags", "Philly") takes the key of the one earlier name it clips."""
    countries = country_names()
    first_seen: dict[str, int] = {}
    for position, mention in enumerate(mentions):
        first_seen.setdefault(mention.key, position)
    longer: dict[tuple[str, str], NameMention] = {}
    """The distinct (key, label) of the longer names so far: all that ``_abbreviated`` looks at."""
    answers: dict[tuple[str, str, int], str | None] = {}
    resolved: list[NameMention] = []
    for mention in mentions:
        target = None
        if mention.key not in separate and mention.key not in countries:
            question = (mention.key, mention.label, len(longer))  # same names so far, same answer
            if question not in answers:
                earlier = [m for m in longer.values() if first_seen[m.key] < first_seen[mention.key]]
                answers[question] = _abbreviated(mention, earlier)
            target = answers[question] or _clipped(mention, resolved)
        resolved.append(NameMention(mention.name, mention.surface, mention.label, mention.article,
                                 mention.surface_key, target or mention.key))
        if " " in mention.key:
            longer.setdefault((mention.key, mention.label), mention)
    return resolved


_CLIPPED = re.compile(r"^(?P<stem>[a-z]{3,5})(?:y|ie|s)$")


def _clipped(mention: NameMention, earlier: list[NameMention]) -> str | None:
    """The one earlier place or organisation with a word this name clips: "Indy" for Indianapolis,
    "Philly" for Philadelphia. People are left out: "Andy" is no clip of "Anderson"."""
    match = _CLIPPED.match(mention.key)
    if not match:
        return None
    stem = match.group("stem")
    stems = {stem, stem[:-1]} if stem[-1] == stem[-2] else {stem}  # "Philly": "phil"
    clipped = {m.key for m in earlier if m.key != mention.key and m.label != "PERSON" and any(
        word.startswith(tuple(stems)) and len(word) >= len(mention.key) + 3 for word in m.key.split(" "))}
    return clipped.pop() if len(clipped) == 1 else None


def _abbreviated(mention: NameMention, earlier: list[NameMention]) -> str | None:
    """Surname or first name of one earlier person, else a part of one earlier longer name."""
    words = mention.key.split(" ")
    if len(words) == 1:
        by_last = {m.key for m in earlier if m.label not in PLACE_LABELS and m.key.split(" ")[-1] == mention.key}
        if len(by_last) == 1:
            return by_last.pop()
        by_first = {m.key for m in earlier if m.label == "PERSON" and m.key.split(" ")[0] == mention.key}
        if mention.label == "PERSON" and len(by_first) == 1:
            return by_first.pop()
    # Only a longer name that is not a place: "Europe" is not "Eastern Europe", but "Indianapolis"
    # after "Indianapolis Colts" is the team.
    containing = {m.key for m in earlier if m.label not in PLACE_LABELS
                  and len(m.key.split(" ")) > len(words) and set(words) <= set(m.key.split(" "))}
    return containing.pop() if len(containing) == 1 else None
