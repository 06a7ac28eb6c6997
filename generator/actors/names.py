"""Name strings: normalising surface forms of entities and the keys that tell actors apart."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ..config import shipped_yaml

TITLE_WORDS = frozenset("""president vice prime minister chancellor secretary general secretary-general
deputy foreign defence defense mr mrs ms dr sir lord lady king queen prince pope senator sen rep governor
gov gen admiral ambassador spokesman spokeswoman chairman ceo premier leader mayor judge rev
councilmember councilmembers councilman councilwoman councillor councilor alderman alderwoman
assemblyman assemblywoman congressman congresswoman senators chairwoman spokesperson professor prof
detective inspector sergeant sgt officer constable sheriff commissioner superintendent chief executive founder
director captain manager coach referee striker goalkeeper defender midfielder winger substitute""".split())
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
_TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                         "today", "tonight", "yesterday", "tomorrow"})
"""Glued onto a name by the tagger ("Stoltenberg Tuesday"); never part of one. (Not months: "May".)"""
COMPANY_FORMS = frozenset({"corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "plc", "co",
                           "ag", "sa", "gmbh"})
_PARTICLES = frozenset({"of", "and", "the", "de", "da", "del", "der", "den", "van", "von", "al", "el", "bin",
                        "ibn", "la", "le", "du", "di", "for", "on", "in", "at", "&", "y", "e"})
ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "in", "on", "de", "&"})
_SCORE = re.compile(r"\(\d{1,3}\)?|\(?\d{1,3}[-–]\d{1,3}\)?")
_POSSESSIVE = re.compile(r"(['’]s|['’])$")
_SPELLING = (("centre", "center"), ("organisation", "organization"), ("defence", "defense"),
             ("theatre", "theater"), ("programme", "program"))


@functools.lru_cache(maxsize=1 << 18)  # names repeat across a corpus; pure functions of the string
def surface_name(text: str) -> str:
    """The name as written, without a leading 'the' or lower-case word, a possessive, a lower-case tail that
    headline-cased text glued on ("Lindsay Lohan checks into" -> "Lindsay Lohan") or a score
    glued after it ("Daniel Moreau 7-6")."""
    words = " ".join(text.split()).strip(" .,;:-–—\"'“”‘’()[]").split(" ")
    while len(words) > 1 and words[0].lower() == "the":  # also "the The Associated Press"
        words = words[1:]
    words = _without_lower_case_lead(words)
    for index, word in enumerate(words[1:], start=1):
        if word[:1].islower() and word.lower() not in _PARTICLES:
            words = words[:index]
            break
    while len(words) > 1 and _SCORE.fullmatch(words[-1]):  # "Daniel Moreau 7-6": a score glued on
        words.pop()
    while len(words) > 1 and words[-1] in _PARTICLES:  # "National Player of" -> "National Player"
        words.pop()
    while len(words) > 1 and _POSSESSIVE.sub("", words[-1]).lower() in _TIME_WORDS:  # "Stoltenberg Tuesday"
        words.pop()
    while len(words) > 1 and words[0].lower() in _TIME_WORDS:  # "Tuesday Stoltenberg"
        words = words[1:]
    words[-1] = _POSSESSIVE.sub("", words[-1])
    return " ".join(words).strip(" .,;:-–—")


NAME_PREFIXES = frozenset({"de", "da", "del", "der", "den", "van", "von", "al", "el", "bin", "ibn", "la", "le",
                           "du", "di"})


def _without_lower_case_lead(words: list[str]) -> list[str]:
    """The words from the first capitalised one, when a tagger's span opens on lower-case words
    that no name does: an article or an epithet ("a David Garrard", "unbeaten Russian Alexander
    Povetkin"). Not a particle that opens a surname ("de Blasio", "van Gaal"), nor a number or a
    direction before a street ("east 10th Street" stays whole: "Street" is no name)."""
    start = next((i for i, word in enumerate(words) if word[:1].isupper()), 0)
    lead = words[:start]
    if lead and all(word.isalpha() and word.islower() and word not in NAME_PREFIXES for word in lead):
        return words[start:]
    return words


@functools.lru_cache(maxsize=1 << 18)  # names repeat across a corpus; pure functions of the string
def normalise_name(text: str) -> str:
    """The surface name without titles: "President Vladimir Putin's" -> "Vladimir Putin"."""
    words = surface_name(text).split(" ")
    while len(words) > 1 and words[0].lower().strip(".") in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


@functools.lru_cache(maxsize=1 << 18)  # names repeat across a corpus; pure functions of the string
def form_key(name: str) -> str:
    """Case, dots, spacing, suffixes and British/American spelling do not tell actors apart."""
    key = re.sub(r"\s+", " ", name.replace(".", "").replace(",", " ")).strip().casefold()
    for british, american in _SPELLING:
        key = key.replace(british, american)
    words = ["mount" if word == "mt" else word for word in key.split(" ")]
    while (len(words) > 2 and words[-1] in GENERATIONS) or (len(words) > 1 and words[-1] in COMPANY_FORMS):
        words.pop()
    return " ".join(words)


def has_company_form(name: str) -> bool:
    """"Brightwater Foods Inc.": a name ending on a company form, which news drops after the first mention."""
    words = name.replace(".", "").replace(",", " ").split()
    return len(words) > 1 and words[-1].casefold() in COMPANY_FORMS


def is_name_like(name: str) -> bool:
    """Reject credits, fragments and numbers such as "Mikhail Metzel/AFP" or "2014"."""
    return (len(name) >= 2 and "/" not in name and not re.search(r"\d", name)
            and any(ch.isupper() for ch in name) and name[0].isalpha() and len(name.split()) <= 6)


def is_acronym(name: str) -> bool:
    """"NATO", "BBC", "U.S.": one word of two to six capitals."""
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


RANKS = frozenset("""brigadier justice colonel col capt lieutenant lt det cpl corporal trooper deputy commander coroner
archbishop sheikh rabbi pastor reverend quarterback qb linebacker fullback halfback tailback cornerback shortstop
pitcher midfielder rookie""".split())
"""Ranks and offices written before a person's name that no given name is: stripped from the front of a
person's name, beside ``TITLE_WORDS`` ("Trooper Stephen Hammons" is Stephen Hammons), but kept in
other names ("Justice Department")."""
ROLES = frozenset("""farmer resident neighbor neighbour witness victim teacher student pupil driver shopkeeper
landlord tenant""".split())
"""Roles a sentence may open on before a person's name, capitalised there ("Farmer Gwen Harcourt said"):
stripped like ``RANKS`` from the front of a person's name of three words or more, and nothing else
(not evidence of a person: "Victim Support", "Student Union")."""
HONORIFICS = TITLE_WORDS | RANKS | frozenset("""major bishop cardinal father duke duchess earl baron baroness
dame""".split())
"""Words written before a person's name as a title. Wider than ``TITLE_WORDS`` (which are stripped
from a name: "Justice Department" must keep its first word); used only to keep "Justice Kim
Hargrave" among the forms a person is written with."""


def acronyms(name: str) -> frozenset[str]:
    """Every acronym a name is written as: ``acronym``; with its small words too ("Bureau of
    Meteorology" -> "bom", "Ministry of Defence" -> "mod"); and without a leading national
    qualifier ("US Food and Drug Administration" -> "fda")."""
    found = {acronym(name)}
    words = name.replace(".", "").split()
    if any(w.lower() in ACRONYM_SKIP for w in words[1:-1]) and all(w[0].isupper() or w.lower() in ACRONYM_SKIP
                                                                   for w in words):
        found.add("".join(w if w.isupper() and len(w) <= 3 else w[0] for w in words).casefold())
    if len(words) > 2 and words[0].isupper() and len(words[0]) <= 3:
        found.add(acronym(" ".join(words[1:])))
    return frozenset(found - {None})


def acronym(name: str) -> str | None:
    """"North Atlantic Treaty Organization" -> "nato"; None for one-word names or lower-case words."""
    words = [w for w in name.replace(".", "").split() if w.lower() not in ACRONYM_SKIP]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return None
    # An all-capitals word keeps its letters: "US Geological Survey" -> "usgs".
    return "".join(w if w.isupper() and len(w) <= 3 else w[0] for w in words).casefold()


@functools.cache
def _nicknames() -> dict[str, frozenset[str]]:
    return {short: frozenset(full) for short, full in shipped_yaml("nicknames.yml").items()}


def same_first_name(a: str, b: str) -> bool:
    """Two spellings of one first name: a listed short form ("Mo", "Maurice"), one starting the other
    or both starting with the same four letters ("Alex", "Alexis", "Alexandros"), or one letter apart
    ("Jon", "John")."""
    if a == b or short_form(a, b):
        return True
    shorter = min(len(a), len(b))
    return (shorter >= 4 and a[:4] == b[:4]) or (shorter >= 3 and one_edit_apart(a, b))


def short_form(a: str, b: str) -> bool:
    """One first name a listed short form of the other ("Bill", "William") or its start ("Chris",
    "Christopher"; three letters at least)."""
    if b in _nicknames().get(a, ()) or a in _nicknames().get(b, ()):
        return True
    return min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a))


def spelling_variants(a: str, b: str) -> bool:
    """Two keys that write one name two ways: the same words but for spelling ("israel defense
    forces", "israeli defence forces"), a qualifier abbreviated ("us geological survey", "united
    states geological survey") or left out; not two names that share words ("dallas police
    department", "detroit police department")."""
    first, second = a.split(" "), b.split(" ")
    while first and second and first[0] == second[0]:
        first, second = first[1:], second[1:]
    while first and second and first[-1] == second[-1]:
        first, second = first[:-1], second[:-1]
    if not first or not second:
        return True
    if min(len(first), len(second)) == 1 < max(len(first), len(second)):
        single, words = (first[0], second) if len(first) == 1 else (second[0], first)
        return single == "".join(word[0] for word in words)
    return len(first) == len(second) and all(_spelt_alike(x, y) for x, y in zip(first, second, strict=True))


def _spelt_alike(x: str, y: str) -> bool:
    return x == y or one_edit_apart(x, y) or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)))


def distinct_names(keys: Iterable[str]) -> list[list[str]]:
    """The keys in groups of spelling variants of one name (``spelling_variants``), in sorted order."""
    found: list[list[str]] = []
    for key in sorted(keys):
        group = next((g for g in found if any(spelling_variants(key, other) for other in g)), None)
        if group is None:
            found.append([key])
        else:
            group.append(key)
    return found


def plural_nickname(word: str) -> bool:
    """A key's last word that may be a team's plural nickname ("colts", "jaguars"; not "ross")."""
    return len(word) >= 4 and word.endswith("s") and not word.endswith("ss")


def first_last(key: str) -> tuple[str, str] | None:
    """First and last word of a multi-word key: "mark jay heller" and "mark heller" share them."""
    words = key.split(" ")
    return (words[0], words[-1]) if len(words) >= 2 else None


def one_edit_apart(a: str, b: str) -> bool:
    """True when one insertion, deletion, substitution or swap of neighbours turns ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) < len(b):
        return a[start:] == b[start + 1:]
    swapped = start + 1 < len(a) and a[start] == b[start + 1] and a[start + 1] == b[start]
    return a[start + 1:] == b[start + 1:] or (swapped and a[start + 2:] == b[start + 2:])


def near_pairs(words: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of distinct words one edit apart, found through shared one-deletion variants, so the
    work grows with the number of words rather than its square."""
    by_variant: dict[str, set[str]] = {}
    for word in set(words):
        for variant in {word} | {word[:i] + word[i + 1:] for i in range(len(word))}:
            by_variant.setdefault(variant, set()).add(word)
    pairs = {(a, b) for group in by_variant.values() for a in group for b in group if a < b}
    return sorted(pair for pair in pairs if one_edit_apart(*pair))


PLACE_NAME = re.compile(r"(?:mount|mt|lake|cape|isle|gulf|fort|(?:city|town|village|borough|township) of) \w")
"""How the names of places open ("Mount Sefton", "Fort Pierce", "City of Palmer"): a place, not the person or the
organisation the tagger may read, unless an institution's word follows ("Mount Sinai Hospital")."""
INSTITUTIONS = frozenset("""court police department ministry service council agency office bank school hospital
university college church club party company commission committee board authority bureau corporation inc center
centre institute foundation association museum""".split())
"""Words that make a name an institution's even when it is written as a place is ("in Wayne County Circuit Court")."""


STREET_TYPES = frozenset("street st avenue ave road rd boulevard blvd highway hwy parkway pkwy drive square plaza"
                         .split())
"""How the names of streets end ("N. Main St", "Kilpatrick Avenue"): an address, never a person however the
tagger reads it. Not "lane" nor "court": surnames and institutions end so too."""


NOT_PERSON_ENDINGS = (INSTITUTIONS - {"church", "court", "bank", "board"}) | frozenset("""schools elementary academy
ems united rovers wanderers athletic albion harriers rangers town city fc afc""".split())
"""Last words of institutions' and clubs' names that end no person's name ("Brenneman Elementary", "Adams County
Sheriff's Office", "Kelham Town", "Ridgeway Rovers"): ``INSTITUTIONS`` but "church", "court", "bank" and "board",
which end surnames too ("Margaret Court")."""


def shaped_as_place(key: str) -> bool:
    """A form key that opens as places' names do ("mount sefton", "city of palmer") or ends as streets'
    names do ("n main st")."""
    return bool(PLACE_NAME.match(key)) or (" " in key and key.rsplit(" ", 1)[1] in STREET_TYPES)


def named_as_place(key: str) -> bool:
    """A form key shaped as a place's name, with no institution's word in it: "lake tenby",
    "mount sefton", "w main street"; not "mount sinai hospital"."""
    return shaped_as_place(key) and not INSTITUTIONS.intersection(key.split(" "))
