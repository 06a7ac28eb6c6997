"""Mentions of one article: spaCy's entities cleaned, demonyms turned into countries, untagged
surnames found, and short forms resolved to the longer name they abbreviate in that article.

Two passes over the corpus. The first (``collect_mentions``) takes what spaCy tagged; ``known_names``
gathers from it the names the corpus knows. The second (``article_mentions`` with those names)
splits a span that glues two known names ("Arsenal for Tomás Varga" when both are named alone
elsewhere), finds known multi-word names where the tagger missed them ("Mikel Arteta" tagged in one
article of four), and resolves short forms inside the article.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..models import ActorKind, Analysis, Mention, by_fields
from .countries import country_names, country_of_demonym, demonyms, state_of_abbreviation
from .names import (
    GENERATIONS,
    HONORIFICS,
    NAME_PREFIXES,
    RANKS,
    ROLES,
    TITLE_WORDS,
    acronyms,
    distinct_names,
    form_key,
    is_acronym,
    is_name_like,
    named_as_place,
    normalise_name,
    plural_nickname,
    surface_name,
)

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
    sentence: int = -1
    evidence: str = ""
    """What the words around the mention say of its kind (``kind_evidence``): "person", "the",
    "place", "group" or nothing."""
    tagged: bool = True
    """Tagged by spaCy (or a part of such a span), not found later by a known name."""


@dataclass(frozen=True, slots=True)
class KnownNames:
    """Names the corpus knows, from the first pass: what the second pass looks for."""

    keys: frozenset[str]
    """Form keys of names tagged on their own somewhere (no connecting word inside)."""
    labels: Mapping[str, str]
    """Each known key's most frequent label."""
    counts: Mapping[str, int]
    """How often each key of the first pass was tagged, glued spans included."""
    phrases: Mapping[tuple[str, ...], str]
    """The words of each known multi-word name, as written -> its key."""
    starts: frozenset[str] = frozenset()
    """The first word of every phrase: a word that is none is passed over at once."""
    defined: Mapping[str, str] = field(default_factory=dict)
    """A short name the corpus defines in brackets after an organisation's name -> that name's key
    ("The Gas and Electricity Markets Authority (Ofgem)": "ofgem" -> "gas and electricity markets
    authority"); ``defined_short_names``, joined by ``rules.merge_defined``."""
    ambiguous: frozenset[str] = frozenset()
    """Acronyms of two different names of the corpus ("DPD": the Dallas and the Detroit Police
    Department): each article reads its own (``resolve_in_article``)."""
    singulars: Mapping[str, str] = field(default_factory=dict)
    """The singular of a team's plural nickname, as written -> the nickname's key ("Colt" ->
    "colts" when the corpus names the "Indianapolis Colts" and the "Colts"): ``team_modifiers``."""


def article_mentions(analysis: Analysis, ignore: frozenset[str], fixed: frozenset[str],
                     known: KnownNames | None = None, tagged: Sequence[NameMention] | None = None) -> list[NameMention]:
    """Every usable name mention of one article, resolved inside the article; with ``known``, also
    glued spans split and known names found where the tagger missed them. ``fixed`` are the keys never
    read as short for a longer name (the alias files' names and those kept apart). ``tagged`` is what
    ``collect_mentions`` gave for this article, when it was called already."""
    found = list(tagged) if tagged is not None else collect_mentions(analysis, ignore)
    if known is not None:
        found = with_dropped_first_names(split_glued(found, known), analysis, known)
        found = found + untagged_known_names(analysis, found, known, ignore)
        found = sorted(found + team_modifiers(analysis, found, known), key=lambda m: m.sentence)
    found = found + missed_short_forms(analysis, found, ignore)
    return resolve_in_article(sorted(found + untagged_speakers(analysis, found, ignore), key=lambda m: m.sentence),
                              fixed, known.ambiguous if known is not None else frozenset())


def collect_mentions(analysis: Analysis, ignore: frozenset[str]) -> list[NameMention]:
    """Usable mentions of one article; demonyms become mentions of their country."""
    texts = {s.index: s.text for s in analysis.sentences}
    found = []
    for mention in joined_team_names(analysis):
        sentence = texts.get(mention.sentence, "")
        text = _person_span(sentence, mention.text) if mention.label == "PERSON" else mention.text
        if mention.sentence == 0 and mention.label in PLACE_LABELS:
            text = _dateline_place(sentence, text)
        name, surface = normalise_name(text), surface_name(text)
        if mention.label == "PERSON":
            name, surface = _without_nationality(_without_rank(name)), _without_nationality(surface)
        key, label = form_key(name), mention.label
        country = country_of_demonym(key)
        if country:
            name, label, key = country, "GPE", form_key(country)
        state = state_of_abbreviation(mention.text, sentence) if label in PLACE_LABELS else None
        if state:
            name, key = state, form_key(state)
        if label in KIND_OF_LABEL and is_name_like(name) and key not in ignore and not _inner_title(key):
            evidence = kind_evidence(sentence, text)
            if label == "PERSON":
                surface = _titled(sentence, text, surface)
            found.append(NameMention(name, surface, label, analysis.article_id, form_key(normalise_name(text)),
                                     key, mention.sentence, evidence))
    return found


_DATELINE_END = re.compile(r"\s*(?:,|\(|[-–—])")


def _dateline_place(sentence: str, text: str) -> str:
    """A dateline's place as a reader writes it: "Pasadena" for the "PASADENA" opening "PASADENA,
    Calif. (AP) —", "St. Louis" for "ST. LOUIS". Only a place in capitals that opens the article's
    first sentence, followed by a comma, a bracket or a dash; a short one may be an acronym ("UAE")."""
    if (not text.isupper() or not sentence.startswith(text) or len(text.replace(".", "")) <= 3
            or not _DATELINE_END.match(sentence, len(text))):
        return text
    return " ".join(word if word.count(".") > 1 else word[:1] + word[1:].lower() for word in text.split(" "))


def _person_span(sentence: str, text: str) -> str:
    """A person's span as the name is written: without the end of a title before it ("Agent in Charge
    Ed Reinhold" -> "Ed Reinhold", ``_ends_a_title_phrase``); from the last title inside it ("Ashford Fire Chief
    Tomas Lindqvist" -> "Chief Tomas Lindqvist": the words before a title name an employer or a place),
    and with the first name the tagger left out between a title and a surname ("Fire Chief Dolores
    Keane", tagged "Keane" -> "Dolores Keane")."""
    words = text.split(" ")
    if len(words) >= 3 and _ends_a_title_phrase(sentence, text):
        words, text = words[1:], " ".join(words[1:])
    inner = [i for i, word in enumerate(words[1:-2], 1) if word[:1].isupper() and _inner_title(word)]
    if inner and all(word[:1].isupper() and word.rstrip(".").lower() not in GENERATIONS
                     for word in words[inner[-1] + 1:]):
        return " ".join(words[inner[-1]:])
    around = _around(sentence, text) if len(words) == 1 else None
    before = around[0] if around else []
    if len(before) >= 2 and _title(before[-2].strip(_EDGE)) and _first_name_like(before[-1]):
        return f"{before[-1]} {text}"
    return text


def _ends_a_title_phrase(sentence: str, text: str) -> bool:
    """The span's first word ends a title written "X in Y" or "X of Y" ("Special Agent in Charge Ed
    Reinhold", "Secretary of State Ana Ruiz"): a capitalised title or office, then "in" or "of",
    right before the span."""
    around = _around(sentence, text)
    before = around[0] if around else []
    return (len(before) >= 2 and before[-1] in ("in", "of") and before[-2][:1].isupper()
            and before[-2].lower() in _TITLE_HEADS)


def _inner_title(word: str) -> bool:
    """A job title that no surname or given name is ("Chief", "Sheriff", "Sen."; not "King", "Earl")."""
    bare = word.rstrip(".").lower()
    return (bare in TITLE_WORDS or bare in RANKS) and bare not in _NAME_LIKE_TITLES


def _without_rank(name: str) -> str:
    """A person's name without the ranks and roles it opens on ("Trooper Stephen Hammons", "Lt. Col. Ann Bell",
    "Farmer Gwen Harcourt")."""
    words = name.split(" ")
    while len(words) > 2 and words[0].rstrip(".").lower() in _FRONT_WORDS:
        words = words[1:]
    return " ".join(words)


_NAME_LIKE_TITLES = frozenset({"king", "queen", "prince", "lord", "lady", "sir", "pope", "general", "vice", "deputy",
                               "foreign", "leader", "executive", "founder", "director", "manager"})
"""Titles that are also names or that open an office's name ("Martin Luther King Drive", "Deputy Foreign Minister")."""


def _first_name_like(word: str) -> bool:
    """A capitalised word of letters (an apostrophe or a hyphen inside) that is no title and no office."""
    letters = word.replace("'", "").replace("’", "").replace("-", "")
    return (word[:1].isupper() and letters.isalpha() and not word.isupper() and not _title(word)
            and word.lower() not in _OFFICES)


_OFFICES = frozenset("""attorney solicitor counsel lawyer prosecutor marshal clerk treasurer auditor comptroller
controller examiner coroner speaker chair chairperson economist editor analyst strategist administrator adviser
advisor engineer architect correspondent producer counselor counsellor principal dean provost rector warden ranger
surgeon physician nurse deacon priest imam owner partner investigator agent patrolman
firefighter medic scientist researcher""".split())
"""Offices written capitalised between a title and a surname ("Defense Attorney Sandmeyer", "Chief
Economist Hatzius"): no first name."""
_TITLE_HEADS = HONORIFICS | _OFFICES
"""Words a title written "X in Y" or "X of Y" opens on ("Agent in Charge", "Secretary of State")."""
_FRONT_WORDS = RANKS | ROLES
"""Words stripped from the front of a person's name of three words or more."""


def _without_nationality(name: str) -> str:
    """A person's name without the nationality written before it ("Russian Alexander Povetkin")."""
    first, _, rest = name.partition(" ")
    return rest if " " in rest and form_key(first) in demonyms() else name


def _around(sentence: str, text: str) -> tuple[list[str], list[str]] | None:
    """The words before ``text``'s first occurrence in ``sentence`` and the one after, or None."""
    start = sentence.find(text)
    if start < 0:
        return None
    return sentence[:start].split(), sentence[start + len(text):].split()[:1]


def _titled(sentence: str, text: str, surface: str) -> str:
    """The surface with the title written before it, outside the tagger's span ("Mr" in "Mr
    Shorten", "Justice" in "Justice Kim Hargrave"): a form of the person's name as the text gives it."""
    words = _around(sentence, text)
    previous = words[0][-1] if words and words[0] else ""
    if previous[:1].isupper() and previous.rstrip(".").lower() in HONORIFICS:
        start = sentence.find(text)
        space = " " if sentence[start - 1].isspace() else ""  # "Gov.Sarah Palin": scraped text lost the space
        return f"{previous}{space}{surface}"
    return surface


_LOCATIVE = frozenset({"in", "near", "outside", "across", "throughout"})
_AGE = re.compile(r"\d{1,3}-year-old")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "our"})
_LOCAL_BODIES = frozenset({"town", "city", "county", "village", "borough", "parish", "township"})
"""Written in lower case after a place's name: "Fenwick town council", "Dayton city officials"."""
_PLURAL_VERBS = frozenset({"have", "are", "were", "'ve", "’ve"})
_COORDINATION = frozenset({"and", "&", "or", "nor"})
_NOT_A_SUBJECT = frozenset({*_COORDINATION, "of", "for", "to", "with", "from", "by", "at", "in", "on",
                            "about", "like", "than", "as", "against"})
"""Words before a name that make it one of several or a preposition's object, not the subject of the
verb after it ("members of the family of Timmons were")."""
_EDGE = " .,;:!?\"'“”‘’()[]"
_EDGE_BUT_DOTS = _EDGE.replace(".", "")


def kind_evidence(sentence: str, text: str) -> str:
    """What the words around a name in its sentence say of its kind: "person" after a title
    (``HONORIFICS``: "Mr", "Senator", "Coach") or an age ("32-year-old Cabaye"), "the" after the
    article ("the Colts", "the Kremlin": not a person), "place" after a locative preposition ("in
    Rotterdam") or before a local body's word in lower case ("Fenwick town council"), "group"
    before a plural verb ("Arsenal have", as British English writes of clubs, companies and bands;
    never after a preposition or with "and" in the five words before: "Dortmund and Chelsea have",
    "Wladimir and his brother Vitali have"); else "". Only the first occurrence."""
    words = _around(sentence, text)
    if words is None:
        return ""
    before, after = words
    previous = before[-1].strip(_EDGE).lower() if before else ""
    first = text.split()[0].strip(".").lower() if text.split() else ""
    titled = previous.strip(".") in HONORIFICS and not before[-1].rstrip(".").endswith(tuple(_EDGE))
    if first in HONORIFICS or titled:  # not a title that ends a clause: '"... a good quarterback," Jaguars'
        return "person"
    if _AGE.fullmatch(previous) and (len(before) < 2 or before[-2].lower() not in _DETERMINERS):
        return "person"  # "32-year-old Cabaye"; not "the 100-year-old Grace Church"
    if first == "the" or previous == "the":
        return "the"
    if previous in _LOCATIVE or (after and after[0] in _LOCAL_BODIES):
        return "place"
    listed = (previous in _NOT_A_SUBJECT or (before and before[-1].endswith(","))
              or any(word.lower() in _COORDINATION for word in before[-5:]))
    if after and after[0].lower() in _PLURAL_VERBS and not listed:
        return "group"
    return ""


CONNECTIVES = frozenset({"for", "to", "with", "from", "against", "over", "and", "at", "in", "on", "by", "as",
                         "v", "vs", "versus", "after", "before", "than", "&"})
"""Words that join two names in a sentence ("Arsenal for Tomás Varga"), and that a tagger's span
sometimes swallows."""


_PERSON_SHAPE = re.compile(r"[A-Z][\w'’-]*\.?(?: [A-Z][\w'’-]*\.?){1,3}")
"""Two to four capitalised words, nothing else: how a person's full name is written."""


def _looked_for(name: str, key: str, known: KnownNames) -> bool:
    """A multi-word name tagged twice or more, or a person's full name tagged once ("Jean-Luc
    Marchetti", missed in the next article). Other spans tagged once stay unsought: they are often
    fragments ("People, Reid", "Kimani (Kiki", street names) that would then be found everywhere."""
    return known.counts.get(key, 0) >= 2 or (known.labels[key] == "PERSON" and bool(_PERSON_SHAPE.fullmatch(name)))


def known_names(mentions: Iterable[NameMention]) -> KnownNames:
    """The names of a first pass over the corpus. The multi-word names tagged twice or more, and
    people's full names, are looked for in the second pass, unless they glue two names
    (``split_glued``)."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    written: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for mention in mentions:
        counts[mention.key] += 1
        if mention.key == mention.surface_key:
            labels[mention.key][mention.label] += 1
            written[mention.key].add(mention.name)
    keys = frozenset(key for key in labels if not CONNECTIVES & set(key.split(" ")))
    known = KnownNames(keys, {key: max(sorted(c), key=c.__getitem__) for key, c in labels.items()}, dict(counts), {})
    phrases = {_phrase(name): key for key, names in written.items() if " " in key
               for name in sorted(names) if _looked_for(name, key, known) and _cut(name, key, known) is None}
    tails = _unqualified(phrases, known)
    labels = {**{key: "ORG" for key in tails.values()}, **known.labels}
    phrases = {**tails, **phrases}
    return replace(known, labels=labels, phrases=phrases, starts=frozenset(phrase[0] for phrase in phrases),
                   ambiguous=_ambiguous_acronyms(written, known.labels), singulars=_team_singulars(written, known))


def _team_singulars(written: Mapping[str, set[str]], known: KnownNames) -> dict[str, str]:
    """"Colt" for "colts": the singular of each plural nickname the corpus names alone and after a
    place it tags as a place ("Indianapolis Colts"), both as an organisation, when the singular is
    no name of its own there nor a title ("Chief"), and the nickname ends no person's name (a
    surname: "Torres")."""
    surnames = {key.rsplit(" ", 1)[-1] for key, label in known.labels.items() if label == "PERSON"}
    found: dict[str, str] = {}
    for key in sorted(written):
        words = key.split(" ")
        nickname = words[-1]
        if (len(words) < 2 or not plural_nickname(nickname) or nickname in surnames or known.labels.get(key) != "ORG"
                or known.labels.get(nickname) != "ORG" or known.labels.get(" ".join(words[:-1])) not in PLACE_LABELS):
            continue
        for name in sorted(written.get(nickname, ())):
            singular = name[:-1]
            if singular[:1].isupper() and form_key(singular) not in known.labels and singular.lower() not in HONORIFICS:
                found[singular] = nickname
    return found


def _ambiguous_acronyms(written: Mapping[str, set[str]], labels: Mapping[str, str]) -> frozenset[str]:
    """The acronyms that two names of the corpus, neither a spelling of the other, are written as."""
    expansions: dict[str, set[str]] = defaultdict(set)
    for key, names in written.items():
        if " " in key and labels.get(key) != "PERSON":
            for name in names:
                for short in acronyms(name):
                    expansions[short].add(key)
    return frozenset(short for short, keys in expansions.items() if len(distinct_names(keys)) > 1)


def _unqualified(phrases: Mapping[tuple[str, ...], str], known: KnownNames) -> dict[tuple[str, ...], str]:
    """The organisations' names without the country or place they open on, which news drops after
    the first mention ("U.S. Fish and Wildlife Service", then "the Fish and Wildlife Service"): each
    rest of two or more words, not all generic ("Police Department"), that no other known name
    leaves -> its own key, which ``rules.merge_contained_names`` joins to the full name's."""
    sources: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for words, key in phrases.items():
        if known.labels.get(key) != "ORG":
            continue
        for size in (1, 2):
            rest = words[size:]
            qualifier = form_key(" ".join(words[:size]))
            if (len(rest) >= 2 and rest[0][:1].isupper() and not _generic(rest)
                    and (qualifier in country_names() or known.labels.get(qualifier) == "GPE")):
                sources[rest].add(key)
    return {rest: form_key(" ".join(rest)) for rest, keys in sources.items() if len(keys) == 1 and rest not in phrases}


def _generic(words: Sequence[str]) -> bool:
    return all(word.lower() in _GENERIC_WORDS | CONNECTIVES | {"of"} for word in words)


_DEFINED = re.compile(r"\s*\(([A-Z][\w.&-]{1,11})\)")


def defined_short_names(analyses: Iterable[Analysis], tagged: Mapping[str, Sequence[NameMention]],
                        known: KnownNames) -> dict[str, str]:
    """Short names an article defines in brackets right after an organisation's multi-word name:
    "the Gas and Electricity Markets Authority (Ofgem)", "Agence France-Presse (AFP)", whatever
    their letters. A short name two organisations define ("(TM)" after two products) defines
    neither, nor does one the corpus tags mostly as a place ("District B-2 (Roxbury)")."""
    sources: dict[str, set[str]] = defaultdict(set)
    for analysis in analyses:
        texts = {s.index: s.text for s in analysis.sentences}
        for mention in tagged.get(analysis.article_id, ()):
            if mention.label != "ORG" or " " not in mention.key:
                continue
            sentence = texts.get(mention.sentence, "")
            end = sentence.find(mention.surface)
            match = _DEFINED.match(sentence, end + len(mention.surface)) if end >= 0 else None
            if match:
                short = form_key(match.group(1))
                if short != mention.key and known.labels.get(short) not in PLACE_LABELS:
                    sources[short].add(mention.key)
    return {short: keys.pop() for short, keys in sorted(sources.items()) if len(keys) == 1}


_BODY_OF = frozenset({"of", "for", "on"})


def rejoin_split_names(analyses: Iterable[Analysis], tagged: Mapping[str, Sequence[NameMention]]
                       ) -> dict[str, list[NameMention]]:
    """An organisation's name that the tagger ended at its "and" is one name again: "the Central
    Commission for Elections" and "Referenda" in "the Central Commission for Elections and
    Referenda", "the Department of Health" and "Human Services". The first part is a body of
    something (an inner "of", "for" or "on"), the two are written "X and Y" (or "X & Y") in one sentence, and the
    second is no acronym and is tagged nowhere in the corpus but right after such a first part: "the
    Ministry of Defence and NATO" stays two names when NATO is named anywhere else."""
    joints: dict[str, dict[int, str]] = {}
    after_body: Counter[str] = Counter()
    everywhere: Counter[str] = Counter()
    for analysis in analyses:
        found = tagged.get(analysis.article_id, ())
        everywhere.update(m.key for m in found)
        shaped = [i for i in range(len(found) - 1) if _split_shape(found[i], found[i + 1])]
        if shaped:
            texts = {s.index: s.text for s in analysis.sentences}
            joints[analysis.article_id] = {i: joint for i in shaped if (joint := _joint(
                found[i], found[i + 1], texts.get(found[i].sentence, "")))}
            after_body.update(found[i + 1].key for i in joints[analysis.article_id])
    joined = {article: list(found) for article, found in tagged.items()}
    for article, candidates in joints.items():
        found = joined[article]
        starts = {i: joint for i, joint in candidates.items()
                  if after_body[found[i + 1].key] == everywhere[found[i + 1].key]}
        joined[article] = _joined_at(found, starts)
    return joined


def _split_shape(first: NameMention, second: NameMention) -> bool:
    """Two organisations in one sentence, the first a body of something, the second no acronym."""
    words = second.name.split(" ")
    return (first.label == "ORG" and second.label == "ORG" and first.sentence == second.sentence
            and any(word in _BODY_OF for word in first.name.split(" ")[1:-1]) and len(words) <= 3
            and all(word[:1].isupper() for word in words) and not is_acronym(second.name))


def _joint(first: NameMention, second: NameMention, sentence: str) -> str | None:
    """The word that joins the two in their sentence ("and", "&"), or None when they are apart."""
    return next((joint for joint in ("and", "&") if f"{first.surface} {joint} {second.surface}" in sentence), None)


def _joined_at(found: list[NameMention], starts: Mapping[int, str]) -> list[NameMention]:
    """The mentions with each one at ``starts`` joined to the next by the word given."""
    joined: list[NameMention] = []
    index = 0
    while index < len(found):
        mention = found[index]
        if index in starts:
            second, joint = found[index + 1], starts[index]
            name = f"{mention.name} {joint} {second.name}"
            mention = replace(mention, name=name, surface=f"{mention.surface} {joint} {second.surface}",
                              surface_key=form_key(name), key=form_key(name))
            index += 1
        joined.append(mention)
        index += 1
    return joined


def split_glued(mentions: Sequence[NameMention], known: KnownNames) -> list[NameMention]:
    """A span joining two known names at a connecting word or a capitalised title becomes the two
    names, when each is named on its own at least as often as the span is ("Arsenal for Tomás
    Varga", "Rachel and Blaine", "DART Officer Brent Thompson", but not "U.S. Fish and Wildlife
    Service")."""
    return [part for mention in mentions for part in _parts(mention, known)]


def _parts(mention: NameMention, known: KnownNames) -> list[NameMention]:
    cut = _cut(mention.name, mention.surface_key, known)
    if cut is None:
        return [mention]
    return [replace(mention, name=name, surface=name, label=known.labels[key], surface_key=key, key=key, evidence="")
            for name, key in cut]


def _cut(name: str, whole: str, known: KnownNames) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The two known names (name, key) a span glues at a connecting word, or None."""
    words = name.split(" ")
    for cut in range(1, len(words) - 1):
        if words[cut].lower() not in CONNECTIVES and not _title(words[cut]):
            continue
        left, right = " ".join(words[:cut]), " ".join(words[cut + 1:])
        keys = form_key(left), form_key(right)
        if keys[0] != keys[1] and all(key in known.keys and known.counts[key] >= known.counts.get(whole, 0)
                                      for key in keys):
            return (left, keys[0]), (right, keys[1])
    return None


def with_dropped_first_names(mentions: Sequence[NameMention], analysis: Analysis,
                             known: KnownNames) -> list[NameMention]:
    """A person's span that leaves out the first name written before it ("Marie Flynn" in "Ka'Loni
    Marie Flynn": the tagger reads an unfamiliar first name as no name) takes it back when the
    corpus knows that first name with the same surname ("Ka'Loni Flynn"); ``rules.merge_name_variants``
    then joins the two. A title before the span is no first name."""
    texts = {s.index: s.text for s in analysis.sentences}
    return [_with_first_name(m, texts.get(m.sentence, ""), known) if m.label == "PERSON" and " " in m.name else m
            for m in mentions]


def _with_first_name(mention: NameMention, sentence: str, known: KnownNames) -> NameMention:
    words = _around(sentence, mention.name)
    previous = words[0][-1] if words and words[0] else ""
    if not previous[:1].isupper() or previous != previous.strip(_EDGE) or previous.rstrip(".").lower() in HONORIFICS:
        return mention
    shorter = form_key(f"{previous} {mention.name.split(' ')[-1]}")
    if shorter not in known.keys or known.labels.get(shorter) != "PERSON":
        return mention
    full = f"{previous} {mention.name}"
    return replace(mention, name=full, surface=full, surface_key=form_key(full), key=form_key(full))


def _title(word: str) -> bool:
    """A capitalised title inside a span ("DART Officer Brent Thompson"): the name before it is
    another's (an employer, a team, a place)."""
    return word[:1].isupper() and word.rstrip(".").lower() in HONORIFICS


def _phrase(text: str, dots: bool = False) -> tuple[str, ...]:
    """The words of a name or a sentence as the known-name search compares them: edge punctuation
    (but dots, with ``dots``) and a possessive "'s" off."""
    edge = _EDGE_BUT_DOTS if dots else _EDGE
    stripped = [word.strip(edge) for word in text.split()]
    return tuple([word[:-2] if word.endswith(("'s", "’s")) else word for word in stripped])


_LONGEST_KNOWN = 6


def untagged_known_names(analysis: Analysis, tagged: Sequence[NameMention], known: KnownNames,
                         ignore: frozenset[str]) -> list[NameMention]:
    """Known multi-word names written in a sentence where no tagged mention covers them, each a
    whole name (no capitalised word runs on either side, nor a small word then a capitalised one:
    "Harlow Foods Group", "U.S. Fish and Wildlife Service" are other names). Linear in the
    article's length: at each word, the known names of two to six words."""
    if not known.phrases:
        return []
    covered = _surfaces_by_sentence(tagged)
    found = []
    starts = known.starts
    for sentence in analysis.sentences:
        words = list(_phrase(sentence.text))
        if starts.isdisjoint(words):  # most sentences: no word starts a known name
            continue
        written: tuple[str, ...] = ()
        taken = 0  # words before this are part of a name found
        for index in [i for i, word in enumerate(words) if word in starts]:
            match = _known_at(words, index, known) if index >= taken else None
            if match is None:
                continue
            taken, key = match
            written = written or _phrase(sentence.text, dots=True)  # word for word with ``words``, dots kept
            name = surface_name(" ".join(written[index:taken]))  # "U.K. Health Security Agency"
            if key not in ignore and not any(name in text for text in covered[sentence.index]):
                found.append(NameMention(name, name, known.labels[key], analysis.article_id, key, key,
                                         sentence.index, kind_evidence(sentence.text, name), tagged=False))
    return found


def _surfaces_by_sentence(mentions: Iterable[NameMention]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for mention in mentions:
        found[mention.sentence].append(mention.surface)
    return found


def _runs_on(beside: list[str]) -> bool:
    """The words next to a match, nearest first, continue the name: a capitalised word, or a
    connecting word then a capitalised one ("Fish and Wildlife Service")."""
    if not beside:
        return False
    if beside[0][:1].isupper():
        return True
    return beside[0].lower() in CONNECTIVES | {"of"} and len(beside) > 1 and beside[1][:1].isupper()


def _known_at(words: list[str], index: int, known: KnownNames) -> tuple[int, str] | None:
    """The longest known name starting at ``words[index]`` (a word in ``known.starts``) and standing
    alone, as (end, key)."""
    for size in range(min(_LONGEST_KNOWN, len(words) - index), 1, -1):
        key = known.phrases.get(tuple(words[index:index + size]))
        if key is None:
            continue
        before = words[max(index - 2, 0):index][::-1] if index > 1 else []  # a sentence's first word is capitalised
        if _runs_on(before) or _runs_on(words[index + size:index + size + 2]):
            return None
        return index + size, key
    return None


_ARTICLES = frozenset({"a", "an"})


def team_modifiers(analysis: Analysis, found: Sequence[NameMention], known: KnownNames) -> list[NameMention]:
    """A team named by the singular of its nickname, as sports writing does before a noun: "a
    fourth quarter Colt stampede", "Yankee fans", "Indianapolis Colt defense" (with the team's
    place). Only where a lower-case word follows and no capitalised word but the team's place comes
    before ("Samuel Colt", "Bear Stearns" are other names), never at a sentence's start nor after
    "a" or "an" ("a Colt revolver", "as a Bluejay": a brand, a player), and not in an article that
    writes the word in lower case too (a common noun capitalised: "Time")."""
    if not known.singulars:
        return []
    covered = _surfaces_by_sentence(found)
    added = []
    lower: dict[str, bool] = {}
    for sentence in analysis.sentences:
        words = list(_phrase(sentence.text))
        for index in [i for i, word in enumerate(words) if word in known.singulars]:
            if words[index] not in lower:
                lower[words[index]] = _written_in_lower_case(analysis, words[index].lower())
            if lower[words[index]]:
                continue
            after = words[index + 1] if index + 1 < len(words) else ""
            before = words[index - 1] if index else ""
            if not before or not after[:1].islower() or before.lower() in _ARTICLES | NAME_PREFIXES:
                continue
            name, key = _with_place(words, index, known)
            if key and not any(name in text for text in covered[sentence.index]):
                added.append(NameMention(name, name, "ORG", analysis.article_id, form_key(name), key, sentence.index,
                                         "", tagged=False))
    return added


def _written_in_lower_case(analysis: Analysis, word: str) -> bool:
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    return any(pattern.search(sentence.text) for sentence in analysis.sentences)


def _with_place(words: Sequence[str], index: int, known: KnownNames) -> tuple[str, str | None]:
    """The singular with the place before it when the two name a known team, else alone when no
    capitalised word comes before it; the name as written and the team's key, or None."""
    singular = words[index]
    for size in (2, 1):
        place = tuple(words[max(index - size, 0):index])
        key = known.phrases.get((*place, singular + "s")) if len(place) == size else None
        if key is not None:
            return " ".join((*place, singular)), key
    if words[index - 1][:1].isupper():
        return singular, None
    return singular, known.singulars[singular]


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
bank party club team court police school hospital church street park county district fund league the
armed forces medical health public safety""".split())
_PUBLIC_SERVICES = frozenset("""police sheriff sheriff's sheriffs fire department office patrol court courts council
metro metropolitan division school schools library board commission government administration authority services
service rescue emergency hospital medical""".split())
_PLACE_WORDS = frozenset({"county", "city", "state", "district", "of", "the", "and"})


def public_service(words: Sequence[str]) -> bool:
    """Words that make a place's name a public service's ("Police Department", "County Sheriff's
    Office", "Fire Rescue"): the place named alone is the place ("Huntingburg" after "Huntingburg
    Police Department"), where a club's short name is the club ("Newcastle" after "Newcastle United",
    "Derby" after "Derby County")."""
    lowered = [word.lower().replace("’", "'") for word in words]
    return bool(lowered) and all(word in _PUBLIC_SERVICES | _PLACE_WORDS for word in lowered) \
        and any(word in _PUBLIC_SERVICES for word in lowered)


_CAPITALISED = re.compile(r"(?<=[^.!?\"“(]\s)[A-Z][\w'’-]{2,}")


def missed_short_forms(analysis: Analysis, found: Sequence[NameMention], ignore: frozenset[str]) -> list[NameMention]:
    """First names, surnames and leading name words that spaCy did not tag on their own ("Timmons"
    after "Jermayne Timmons"), found in the sentences after the full name, never at a sentence start."""
    anchors: dict[str, tuple[str, int]] = {}
    """A word of a longer name -> (the name's label, the sentence it is first named in)."""
    tagged = _surfaces_by_sentence(found)
    for mention in found:
        words = mention.name.split(" ")
        if len(words) < 2 or mention.label not in ("PERSON", "ORG", "FAC") or named_as_place(mention.key):
            continue  # "Tenby" after "Lake Tenby", whatever its tag, is no surname
        if mention.label != "PERSON" and public_service(words[1:]):
            continue  # "Huntingburg" alone, after "Huntingburg Police Department", is the town
        for word in (words[0], words[-1]) if mention.label == "PERSON" else (words[0],):
            key = form_key(word)
            if (word.lower() not in _GENERIC_WORDS and key not in ignore and len(word) >= 3
                    and key not in demonyms() and key not in country_names()):
                anchors.setdefault(word, (mention.label, mention.sentence))
    missed: list[NameMention] = []
    if not anchors:
        return missed
    for sentence in analysis.sentences:
        for match in _CAPITALISED.finditer(" " + sentence.text):
            word = _POSSESSIVE_END.sub("", match.group())
            anchor = anchors.get(word)
            if anchor and anchor[1] < sentence.index and not any(word in text for text in tagged[sentence.index]):
                missed.append(NameMention(word, word, anchor[0], analysis.article_id, form_key(word), form_key(word),
                                          sentence.index, kind_evidence(sentence.text, word)))
    return missed


def untagged_speakers(analysis: Analysis, found: Sequence[NameMention], ignore: frozenset[str]) -> list[NameMention]:
    """The named speakers of quotes whom spaCy tagged nowhere near the quote ('"...," Kovac said.'),
    with the article's other sentences that write the same name: a name the text gives as someone's
    words is a person's, and a sports or local article's main figure can be a name the small model
    never tags. A speaker carried over from a pronoun or an earlier quote (not written beside the
    quote), or already among the mentions there (in full, or as the last word of one), adds nothing."""
    nearby = _surfaces_by_sentence(found)
    texts = {s.index: s.text for s in analysis.sentences}
    speakers: set[str] = set()
    for quote in analysis.quotes:
        speaker = quote.speaker
        if not speaker or not is_name_like(speaker) or not all(word[:1].isupper() for word in speaker.split()):
            continue
        key = form_key(normalise_name(speaker))
        if key in ignore or key in country_names() or country_of_demonym(key):
            continue
        beside = [index for index in (quote.sentence, quote.sentence + 1) if speaker in texts.get(index, "")]
        if beside and not any(speaker in text or text.split(" ")[-1] == speaker
                              for index in beside for text in nearby[index]):
            speakers.add(speaker)
    return _written_names(analysis, sorted(speakers), nearby) if speakers else []


_WORD_RUN = re.compile(r"[\w'’.-]+")


def _written_names(analysis: Analysis, names: Sequence[str], nearby: Mapping[int, list[str]]) -> list[NameMention]:
    """A person mention in every sentence that writes one of ``names`` as whole words and has no
    tagged mention containing it. One pass over each sentence's words, whatever the number of names."""
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for name in names:
        by_first[name.split(" ")[0]].append(tuple(name.split(" ")))
    added = []
    for sentence in analysis.sentences:
        words = [_POSSESSIVE_END.sub("", word.strip(".,;:'’-")) for word in _WORD_RUN.findall(sentence.text)]
        seen = {" ".join(words[i:i + len(name)]) for i, word in enumerate(words) for name in by_first.get(word, ())
                if tuple(words[i:i + len(name)]) == name}
        for name in sorted(seen):
            if not any(name in text for text in nearby.get(sentence.index, ())):
                key = form_key(normalise_name(name))
                added.append(NameMention(normalise_name(name), surface_name(name), "PERSON", analysis.article_id,
                                         key, key, sentence.index, tagged=False))
    return added


def resolve_in_article(mentions: list[NameMention], fixed: frozenset[str],
                       ambiguous: frozenset[str] = frozenset()) -> list[NameMention]:
    """A short form takes the key of the one longer name it abbreviates, when that name came first
    in the article and the short form did not: news writes "Olaf Scholz", then "Scholz"; a
    clipped form ("Indy", "Jags", "Philly") takes the key of the one earlier name it clips; and an
    acronym the corpus writes for two names (``ambiguous``) the key of the one earlier name it stands for."""
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
        if mention.key not in fixed and mention.key not in countries:
            question = (mention.key, mention.label, len(longer))  # same names so far, same answer
            if question not in answers:
                earlier = [m for m in longer.values() if first_seen[m.key] < first_seen[mention.key]]
                answers[question] = _abbreviated(mention, earlier, mention.key in ambiguous)
            target = answers[question] or _clipped(mention, resolved)
        resolved.append(mention if not target or target == mention.key else replace(mention, key=target))
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


def _abbreviated(mention: NameMention, earlier: list[NameMention], ambiguous: bool = False) -> str | None:
    """Surname or first name of one earlier person, else a part of one earlier longer name; an
    ``ambiguous`` acronym the one earlier name it stands for."""
    words = mention.key.split(" ")
    if ambiguous:
        expanded = {m.key for m in earlier if m.label != "PERSON" and mention.key in acronyms(m.name)}
        if len(expanded) == 1:
            return expanded.pop()
    earlier = [m for m in earlier if not named_as_place(m.key)]  # "Tenby" after "Lake Tenby" is the town
    if len(words) == 1:
        by_last = {m.key for m in earlier if m.label not in PLACE_LABELS and m.key.split(" ")[-1] == mention.key}
        if len(by_last) == 1:
            return by_last.pop()
        by_first = {m.key for m in earlier if m.label == "PERSON" and m.key.split(" ")[0] == mention.key}
        if mention.label == "PERSON" and len(by_first) == 1:
            return by_first.pop()
    # Only a longer name that is not a place (by its label or its shape: "Lake Tenby", tagged a
    # person, is a place): "Europe" is not "Eastern Europe", but "Indianapolis"
    # after "Indianapolis Colts" is the team; "Huntingburg" after "Huntingburg Police Department" is the town.
    containing = {m.key for m in earlier if m.label not in PLACE_LABELS
                  and len(m.key.split(" ")) > len(words) and set(words) <= set(m.key.split(" "))}
    if mention.label in PLACE_LABELS and any(public_service([w for w in key.split(" ") if w not in words])
                                             for key in containing):
        return None
    return containing.pop() if len(containing) == 1 else None
