"""The actor rules: each merges name keys of the shared union-find (``groups.Groups``) by one kind
of evidence, and ``RULES`` runs them in one written order, because the order changes the result
(a later rule sees the groups the earlier ones made). Each is documented and tested on its own."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict

from ..models import ActorKind
from .countries import country_names
from .groups import Groups
from .mentions import PLACE_LABELS
from .names import (
    ACRONYM_SKIP,
    acronyms,
    distinct_names,
    first_last,
    form_key,
    near_pairs,
    normalise_name,
    plural_nickname,
    same_first_name,
    short_form,
)

_BLEND = re.compile(r"^([A-Z][a-z]{0,3})[-.]?([A-Z][a-z]{1,3})$")
_PLACE_PREFIXES = ("city", "town", "province", "state", "county", "island")
_SITE_LABELS = (*PLACE_LABELS, "FAC")
_PLACE_HEADS = frozenset({"strip", "province", "region", "peninsula", "island", "islands", "national park",
                          "national forest", "state park", "nature reserve"})




def _subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


def merge_aliases(groups: Groups) -> None:
    """The alias files: each canonical name with its other names, the canonical name preferred
    (a user's file over the shipped one), and the kinds they force."""
    for spec in sorted(groups.specs, key=lambda s: s.priority):
        for canonical, others in spec.aliases.items():
            for other in others:
                groups.union(form_key(canonical), form_key(normalise_name(other)))
            groups.prefer(canonical, spec.priority)
        groups.kinds.update(spec.kinds)


def merge_countries(groups: Groups) -> None:
    """A country's other names join it ("Democratic People's Republic of Korea", "North Korea"), named as its common
    name, always a place."""
    table = country_names()
    for key in list(groups.parent):
        if key in table:
            groups.union(key, form_key(table[key]))
            groups.prefer(table[key], 0)
            groups.kinds[key] = ActorKind.PLACE


def merge_acronyms(groups: Groups) -> None:
    """"NATO" and "North Atlantic Treaty Organization". An acronym that stands for two different
    names in the corpus ("DPD": the Dallas and the Detroit Police Department; spellings of one name,
    "Israel Defense Forces" and "Israeli Defence Forces", are one) joins only the name that makes two
    thirds of its expansions' tagged mentions, or none; each article has read its own already
    (``mentions.resolve_in_article``). A two-letter acronym joins only an actor that makes two thirds
    of them ("AP" and "Associated Press", but "NP" neither "National Park" nor "North Philadelphia"),
    and none when tagged mostly as a person's: a person's initials ("JD")."""
    present = set(groups.parent)
    written: dict[str, list[str]] = {}  # each name's acronyms that some name of the corpus is, worked out once
    expansions: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in groups.mentions:
        if not mention.tagged or mention.label == "PERSON":
            continue
        shorts = written.get(mention.name)
        if shorts is None:
            # not "JD", mostly tagged as a person's initials: "JD" DeGuzman is no "Judicial District"
            shorts = written[mention.name] = [
                short for short in sorted(acronyms(mention.name) & present)
                if not (len(short) == 2 and groups.mostly(short, ("PERSON",)))]
        for short in shorts:
            if not {short, mention.key} & groups.separate:
                expansions[short][groups.find(mention.key)] += 1
    for short, keys in sorted(expansions.items()):
        names = [[(key, keys[key]) for key in name] for name in distinct_names(keys)] if len(short) >= 3 \
            else [[item] for item in sorted(keys.items())]
        name = max(names, key=lambda name: (sum(count for _, count in name), name))
        if 3 * sum(count for _, count in name) >= 2 * keys.total():
            for key, _ in name:
                groups.union(short, key)


def merge_defined(groups: Groups) -> None:
    """A short name an article defines in brackets after an organisation's name ("the Gas and
    Electricity Markets Authority (Ofgem)", "Agence France-Presse (AFP)"), whatever its letters."""
    for short, key in sorted(groups.defined.items()):
        if short in groups.parent and key in groups.parent and not {short, key} & groups.separate:
            groups.union(short, key)


def merge_name_variants(groups: Groups) -> None:
    """"Mark Jay Heller" and "Mark Heller": one person."""
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in sorted({m.key for m in groups.mentions if m.label == "PERSON"} - groups.separate):
        ends = first_last(key)
        if ends:
            by_ends[ends].append(key)
    for keys in by_ends.values():
        for other in keys[1:]:
            groups.union(keys[0], other)


def merge_longer_titles(groups: Groups) -> None:
    """"Central Election Commission" and "Central Election and Referendum Commission": an
    organisation's name of three or more content words inside a longer one with the same first
    and last word ("University of California" is not "University of Southern California")."""
    keys = sorted({m.key for m in groups.mentions if m.label != "PERSON" and " " in m.key} - groups.separate)
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in keys:
        by_ends[key.split(" ")[0], key.split(" ")[-1]].append(key)
    for group in by_ends.values():
        for short, long in itertools.permutations(group, 2):
            content = [w for w in short.split(" ") if w not in ACRONYM_SKIP]
            if len(content) >= 3 and len(short) < len(long) and _subsequence(short.split(" "), long.split(" ")):
                groups.union(short, long)


def merge_misspelt_people(groups: Groups) -> None:
    """"Duncan Rait" and "Duncan Raite": one name part spelt one letter apart, the other equal;
    "Klistchko" and "Wladimir Klitschko": a long surname one letter from one person's."""
    people = sorted({m.key for m in groups.mentions if m.label == "PERSON" and len(m.key.split(" ")) == 2}
                    - groups.separate)
    by_first: dict[str, set[str]] = defaultdict(set)
    by_last: dict[str, set[str]] = defaultdict(set)
    for key in people:
        first, last = key.split(" ")
        by_first[first].add(last)
        by_last[last].add(first)
    for a, b in near_pairs(by_first.keys() | by_last.keys()):
        if min(len(a), len(b)) >= 4:
            for last in by_first.get(a, set()) & by_first.get(b, set()):
                groups.union(f"{a} {last}", f"{b} {last}")
            for first in by_last.get(a, set()) & by_last.get(b, set()):
                groups.union(f"{first} {a}", f"{first} {b}")
    singles = sorted({m.key for m in groups.mentions if " " not in m.key and len(m.key) >= 6} - groups.separate)
    near: dict[str, set[str]] = defaultdict(set)
    for a, b in near_pairs([*singles, *by_last]):
        for single, last in ((a, b), (b, a)):
            if last in by_last:
                near[single] |= {groups.find(f"{first} {last}") for first in by_last[last]}
    for single in singles:
        if len(near.get(single, ())) == 1 and not groups.is_place(single):
            groups.union(single, next(iter(near[single])))


def merge_first_name_variants(groups: Groups) -> None:
    """"Mo Cheeks" and "Maurice Cheeks", "Alexis" and "Alexandros Grigoropoulos": one surname and
    two forms of one first name, when neither form fits another person of that surname. A surname
    of three letters ("Chris Few", "Christopher Few") takes only a first name that starts the other
    or a listed short form: "Alexis Lee" and "Alexandra Lee" may be two people."""
    by_last: dict[str, set[str]] = defaultdict(set)
    for key in {m.key for m in groups.mentions if m.label == "PERSON"} - groups.separate:
        words = key.split(" ")
        if len(words) == 2 and len(words[1]) >= 3:
            by_last[words[1]].add(words[0])
    for last, firsts in sorted(by_last.items()):
        alike = same_first_name if len(last) >= 4 else short_form
        fits = {first: [other for other in firsts if other != first and alike(first, other)]
                for first in firsts}
        for first, others in sorted(fits.items()):
            if len(others) == 1 and fits[others[0]] == [first]:
                groups.union(f"{first} {last}", f"{others[0]} {last}")


def merge_blends(groups: Groups) -> None:
    """"LiLo" is Lindsay Lohan, "A-Rod" Alex Rodriguez: a one-word nickname of two capitalised parts
    that start the first and last name of exactly one person of the corpus."""
    people = sorted({m.key for m in groups.mentions if m.label == "PERSON" and " " in m.key} - groups.separate)
    blends = {m.key: match.groups() for m in groups.mentions
              if m.key not in groups.separate and (match := _BLEND.match(m.name))}
    for key, (first, last) in sorted(blends.items()):
        roots = {groups.find(person) for person in people if person.split(" ")[0].startswith(first.lower())
                 and person.split(" ")[-1].startswith(last.lower())}
        if len(roots) == 1:
            groups.union(key, roots.pop())


def merge_spacing(groups: Groups) -> None:
    """"SeaMicro" and "Sea Micro", "Coca-Cola" and "Coca Cola"."""
    by_compact: dict[str, str] = {}
    for key in sorted(set(groups.parent) - groups.separate):
        compact = re.sub(r"[\s-]", "", key)
        if compact in by_compact:
            groups.union(by_compact[compact], key)
        else:
            by_compact[compact] = key


def merge_place_heads(groups: Groups) -> None:
    """"Gaza Strip" is Gaza, "Aceh Province" is Aceh, "Mount Cook National Park" is Mount Cook, "City
    of Palmer" is Palmer: a place and the same name with a generic head."""
    for key in sorted(set(groups.parent) - groups.separate):
        words = key.split(" ")
        bases = [" ".join(words[:-size]) for size in (1, 2) if " ".join(words[-size:]) in _PLACE_HEADS]
        bases += [" ".join(words[2:]) for head in _PLACE_PREFIXES if key.startswith(head + " of ")]
        for base in bases:
            # spaCy tags parks as facilities, so they count as places here
            if base in groups.parent and groups.mostly(base, _SITE_LABELS) and groups.mostly(key, _SITE_LABELS):
                groups.union(base, key)


def merge_teams(groups: Groups) -> None:
    """"Drake Bulldogs" joins "Drake" and "Bulldogs": a name that ends in a plural nickname, when the
    nickname and the rest are both names of their own and the rest is not a person or a country."""
    present = set(groups.parent)
    countries = country_names()
    for key in sorted({m.key for m in groups.mentions if " " in m.key} - groups.separate):
        words = key.split(" ")
        base, nickname = " ".join(words[:-1]), words[-1]
        if (plural_nickname(nickname) and {base, nickname} <= present - groups.separate and base not in countries
                and not groups.mostly(base, ("PERSON",))):
            groups.union(base, key)
            groups.union(nickname, key)


def merge_contained_names(groups: Groups) -> None:
    """A multi-word name inside longer names of a single actor is that actor: "Mount Cook" in
    "Mount Cook National Park" and "Aoraki Mount Cook National Park". When the longer names belong
    to several actors, the one that ends with it wins if it is alone, since the last words of a
    name are its head: "Mount Cook" is "Aoraki Mount Cook", not "Mount Cook Village"."""
    keys = sorted({m.key for m in groups.mentions if " " in m.key} - groups.separate)
    holders: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        words = key.split(" ")
        for start in range(len(words)):
            for end in range(start + 2, len(words) + 1):
                if end - start < len(words):
                    holders[" ".join(words[start:end])].add(key)
    for key in sorted(keys, key=lambda k: (-len(k.split(" ")), k)):  # longest first, so holders merge first
        if key in country_names():
            continue
        roots = {groups.find(holder) for holder in holders.get(key, ())}
        if len(roots) > 1:
            roots = {groups.find(holder) for holder in holders[key] if holder.endswith(" " + key)}
        if len(roots) == 1:
            groups.union(key, roots.pop())


def merge_surnames(groups: Groups) -> None:
    """A one-word name joins the only repeated multi-word name of the corpus that ends with it
    ("Scholz" and "Olaf Scholz", "Colts" and "Indianapolis Colts"); not a name only ever written
    in capitals, which is an acronym ("DART", the transit agency, is not Tom Dart)."""
    sizes = Counter(groups.find(m.key) for m in groups.mentions)
    lower = {m.key for m in groups.mentions if not m.surface.isupper()}
    roots_by_last: dict[str, set[str]] = defaultdict(set)
    for key, label in {(m.key, m.label) for m in groups.mentions if " " in m.key}:
        root = groups.find(key)
        if (label == "PERSON" or sizes[root] >= 2) and not groups.is_place(key):
            roots_by_last[key.split(" ")[-1]].add(root)
    for key in sorted({m.key for m in groups.mentions if " " not in m.key} & (lower - groups.separate)):
        if len(roots_by_last.get(key, ())) == 1 and key not in country_names() and not groups.is_place(key):
            groups.union(key, next(iter(roots_by_last[key])))


def merge_dominant_people(groups: Groups) -> None:
    """A lone first name or surname still on its own ("Matt", "White") joins the person it names
    when that person has at least two thirds of the mentions of every person it could name, as the
    two-letter acronyms do; "Matt" is Matt Smith when he outnumbers every other Matt two to one."""
    sizes = Counter(groups.find(m.key) for m in groups.mentions)
    by_part: dict[str, Counter[str]] = defaultdict(Counter)
    for key in {m.key for m in groups.mentions if m.label == "PERSON" and " " in m.key}:
        words, root = key.split(" "), groups.find(key)
        if not groups.is_place(key):
            for part in {words[0], words[-1]}:
                by_part[part][root] = sizes[root]
    for key in sorted({m.key for m in groups.mentions if " " not in m.key and m.label == "PERSON"} - groups.separate):
        candidates = by_part.get(key)
        if groups.find(key) != key or not candidates or key in country_names() or groups.is_place(key):
            continue
        root, count = max(candidates.items(), key=lambda item: (item[1], item[0]))
        if 3 * count >= 2 * candidates.total():
            groups.union(key, root)


RULES = (
    merge_aliases,
    merge_countries,
    merge_acronyms,
    merge_defined,
    merge_name_variants,
    merge_longer_titles,
    merge_misspelt_people,
    merge_first_name_variants,
    merge_blends,
    merge_spacing,
    merge_place_heads,
    merge_teams,
    merge_contained_names,
    merge_surnames,
    merge_dominant_people,
)
"""The rules in the order they run: the alias files first (a user's word wins), then the evidence
that is nearly certain (country names, acronyms and short names the text defines, one person's
name variants), then containment and surnames, and last the lone names that join a dominant person."""
