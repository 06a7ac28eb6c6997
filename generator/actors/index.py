"""Actors: spaCy's mentions across the corpus merged into canonical people, organisations and places.

Mentions are first resolved inside their article ("Scholz" after "Olaf Scholz", "Lindsay" after
"Lindsay Lohan", "Morningside" after "Morningside Recovery"), then merged across the corpus by the
alias files, country names, acronyms ("NATO" for "North Atlantic Treaty Organization"), variants of
one person's name (same first and last word) and a surname shared by exactly one full name.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..models import Actor, ActorKind, Analysis
from ..publish.slugs import unique_slugs
from .aliasfile import AliasSpec, load_aliases
from .countries import country_names, country_of_demonym
from .mentions import (
    KIND_OF_LABEL,
    PLACE_LABELS,
    KnownNames,
    NameMention,
    article_mentions,
    collect_mentions,
    known_names,
)
from .names import ACRONYM_SKIP, acronyms, first_last, form_key, near_pairs, normalise_name, same_first_name


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """The canonical actors and how to find an actor from a surface form."""

    actors: tuple[Actor, ...]
    by_form: Mapping[str, str]
    by_article_form: Mapping[tuple[str, str], str]
    by_article: Mapping[str, tuple[str, ...]]
    surnames: Mapping[str, str]
    """Actor id -> the last word of its name's key, for "Donfried" said."""

    def resolve(self, surface: str | None, article_id: str | None = None) -> str | None:
        """The actor a name refers to: as tagged in the article, else the one actor of the article
        with that surname ("Donfried" for Karen Donfried), else as known in the corpus."""
        if not surface:
            return None
        key = form_key(normalise_name(surface))
        found = self.by_article_form.get((article_id or "", key))
        if found is None and article_id and " " not in key:
            same = [i for i in self.by_article.get(article_id, ()) if self.surnames.get(i) == key]
            found = same[0] if len(same) == 1 else None
        return found or self.by_form.get(key)


def people_of(index: ActorIndex) -> frozenset[str]:
    """Ids of the actors who are people."""
    return frozenset(actor.id for actor in index.actors if actor.kind is ActorKind.PERSON)


PAGE_ARTICLES = 2
"""An actor named in fewer articles (and not in the alias files) gets no page or feeds of its own."""


def build_actors(analyses: Sequence[Analysis], min_mentions: int,
                 specs: Sequence[AliasSpec] | None = None) -> ActorIndex:
    """Merge every mention of the corpus into actors, drop weak ones, give them stable ids."""
    specs = tuple(specs) if specs is not None else load_aliases(None)
    return actors_from(corpus_mentions(analyses, specs, corpus_names(analyses, specs)), min_mentions, specs)


def actors_from(mentions: Sequence[NameMention], min_mentions: int, specs: Sequence[AliasSpec],
                page_articles: int = PAGE_ARTICLES) -> ActorIndex:
    """``build_actors`` for mentions already found by ``corpus_mentions`` (the build finds them in
    two processes). An actor has a page when named in ``page_articles`` articles or in the alias files."""
    return _Groups(list(mentions), specs, _union(spec.separate for spec in specs)).to_index(min_mentions,
                                                                                           page_articles)


def corpus_names(analyses: Sequence[Analysis], specs: Sequence[AliasSpec]) -> KnownNames:
    """The first pass: the names spaCy tagged anywhere in the corpus."""
    ignore = _union(spec.ignore for spec in specs)
    return known_names(m for a in analyses for m in collect_mentions(a, ignore))


def corpus_mentions(analyses: Sequence[Analysis], specs: Sequence[AliasSpec],
                    known: KnownNames | None = None) -> list[NameMention]:
    """Every usable name mention of these articles, each resolved inside its article, in order;
    with the corpus' ``known`` names, glued spans split and untagged known names found."""
    ignore, separate = _union(spec.ignore for spec in specs), _union(spec.separate for spec in specs)
    return [m for a in analyses for m in article_mentions(a, ignore, separate, known)]


def _union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*sets)


class _Groups:
    """Union-find over form keys; each root becomes one actor."""

    def __init__(self, mentions: list[NameMention], specs: Sequence[AliasSpec], separate: frozenset[str]) -> None:
        self.mentions = mentions
        self.separate = separate
        self.parent: dict[str, str] = {}
        self.preferred: dict[str, tuple[int, str]] = {}
        self.kinds: dict[str, ActorKind] = {}
        self.labels: dict[str, Counter[str]] = defaultdict(Counter)
        for mention in mentions:
            self.find(mention.key)
            self.labels[mention.key][mention.label] += 1
        self._merge_aliases(specs)
        self._merge_countries()
        self._merge_acronyms()
        self._merge_name_variants()
        self._merge_longer_titles()
        self._merge_misspelt_people()
        self._merge_first_name_variants()
        self._merge_blends()
        self._merge_spacing()
        self._merge_place_heads()
        self._merge_teams()
        self._merge_contained_names()
        self._merge_surnames()
        self._merge_dominant_people()

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)

    def mostly(self, key: str, labels: Iterable[str]) -> bool:
        """Tagged with one of ``labels`` in more than half of its mentions."""
        counts = self.labels.get(key)
        return bool(counts) and sum(counts[label] for label in labels) * 2 > counts.total()

    def is_place(self, key: str) -> bool:
        """Mostly tagged as a place: never merged into a longer name by containment."""
        return self.mostly(key, PLACE_LABELS)

    def _prefer(self, name: str, priority: int) -> None:
        key = form_key(name)
        if self.preferred.get(key, (-1, ""))[0] < priority:
            self.preferred[key] = (priority, name)

    def _merge_aliases(self, specs: Sequence[AliasSpec]) -> None:
        for spec in sorted(specs, key=lambda s: s.priority):
            for canonical, others in spec.aliases.items():
                for other in others:
                    self.union(form_key(canonical), form_key(normalise_name(other)))
                self._prefer(canonical, spec.priority)
            self.kinds.update(spec.kinds)

    def _merge_countries(self) -> None:
        table = country_names()
        for key in list(self.parent):
            if key in table:
                self.union(key, form_key(table[key]))
                self._prefer(table[key], 0)
                self.kinds[key] = ActorKind.PLACE

    def _merge_acronyms(self) -> None:
        """"NATO" and "North Atlantic Treaty Organization". A two-letter acronym is ambiguous: it joins
        only the actor that makes two thirds of its expansions' tagged mentions ("AP" and "Associated
        Press", but "NP" neither "National Park" nor "North Philadelphia")."""
        present = set(self.parent)
        expansions: dict[str, Counter[str]] = defaultdict(Counter)
        for mention in self.mentions:
            if not mention.tagged or mention.label == "PERSON":
                continue
            for short in sorted(acronyms(mention.name) & present):
                if not {short, mention.key} & self.separate:
                    expansions[short][self.find(mention.key)] += 1
        for short, keys in sorted(expansions.items()):
            if len(short) >= 3:
                for key in sorted(keys):
                    self.union(short, key)
                continue
            key, count = max(keys.items(), key=lambda item: (item[1], item[0]))
            if 3 * count >= 2 * keys.total():
                self.union(short, key)

    def _merge_name_variants(self) -> None:
        """"Mark Jay Heller" and "Mark Heller": one person."""
        by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key in sorted({m.key for m in self.mentions if m.label == "PERSON"} - self.separate):
            ends = first_last(key)
            if ends:
                by_ends[ends].append(key)
        for keys in by_ends.values():
            for other in keys[1:]:
                self.union(keys[0], other)

    def _merge_longer_titles(self) -> None:
        """"Central Election Commission" and "Central Election and Referendum Commission": an
        organisation's name of three or more content words inside a longer one with the same first
        and last word ("University of California" is not "University of Southern California")."""
        keys = sorted({m.key for m in self.mentions if m.label != "PERSON" and " " in m.key} - self.separate)
        by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key in keys:
            by_ends[key.split(" ")[0], key.split(" ")[-1]].append(key)
        for group in by_ends.values():
            for short, long in itertools.permutations(group, 2):
                content = [w for w in short.split(" ") if w not in ACRONYM_SKIP]
                if len(content) >= 3 and len(short) < len(long) and _subsequence(short.split(" "), long.split(" ")):
                    self.union(short, long)

    def _merge_place_heads(self) -> None:
        """"Gaza Strip" is Gaza, "Aceh Province" is Aceh, "Mount Cook National Park" is Mount Cook, "City
        of Palmer" is Palmer: a place and the same name with a generic head."""
        for key in sorted(set(self.parent) - self.separate):
            words = key.split(" ")
            bases = [" ".join(words[:-size]) for size in (1, 2) if " ".join(words[-size:]) in _PLACE_HEADS]
            bases += [" ".join(words[2:]) for head in _PLACE_PREFIXES if key.startswith(head + " of ")]
            for base in bases:
                # spaCy tags parks as facilities, so they count as places here
                if base in self.parent and self.mostly(base, _SITE_LABELS) and self.mostly(key, _SITE_LABELS):
                    self.union(base, key)

    def _merge_misspelt_people(self) -> None:
        """"Duncan Rait" and "Duncan Raite": one name part spelt one letter apart, the other equal;
        "Klistchko" and "Wladimir Klitschko": a long surname one letter from one person's."""
        people = sorted({m.key for m in self.mentions if m.label == "PERSON" and len(m.key.split(" ")) == 2}
                        - self.separate)
        by_first: dict[str, set[str]] = defaultdict(set)
        by_last: dict[str, set[str]] = defaultdict(set)
        for key in people:
            first, last = key.split(" ")
            by_first[first].add(last)
            by_last[last].add(first)
        for a, b in near_pairs(by_first.keys() | by_last.keys()):
            if min(len(a), len(b)) >= 4:
                for last in by_first.get(a, set()) & by_first.get(b, set()):
                    self.union(f"{a} {last}", f"{b} {last}")
                for first in by_last.get(a, set()) & by_last.get(b, set()):
                    self.union(f"{first} {a}", f"{first} {b}")
        singles = sorted({m.key for m in self.mentions if " " not in m.key and len(m.key) >= 6} - self.separate)
        near: dict[str, set[str]] = defaultdict(set)
        for a, b in near_pairs([*singles, *by_last]):
            for single, last in ((a, b), (b, a)):
                if last in by_last:
                    near[single] |= {self.find(f"{first} {last}") for first in by_last[last]}
        for single in singles:
            if len(near.get(single, ())) == 1 and not self.is_place(single):
                self.union(single, next(iter(near[single])))

    def _merge_first_name_variants(self) -> None:
        """"Mo Cheeks" and "Maurice Cheeks", "Alexis" and "Alexandros Grigoropoulos": one surname and
        two forms of one first name, when neither form fits another person of that surname."""
        by_last: dict[str, set[str]] = defaultdict(set)
        for key in {m.key for m in self.mentions if m.label == "PERSON"} - self.separate:
            words = key.split(" ")
            if len(words) == 2 and len(words[1]) >= 4:
                by_last[words[1]].add(words[0])
        for last, firsts in sorted(by_last.items()):
            fits = {first: [other for other in firsts if other != first and same_first_name(first, other)]
                    for first in firsts}
            for first, others in sorted(fits.items()):
                if len(others) == 1 and fits[others[0]] == [first]:
                    self.union(f"{first} {last}", f"{others[0]} {last}")

    def _merge_blends(self) -> None:
        """"LiLo" is Lindsay Lohan, "A-Rod" Alex Rodriguez: a one-word nickname of two capitalised parts
        that start the first and last name of exactly one person of the corpus."""
        people = sorted({m.key for m in self.mentions if m.label == "PERSON" and " " in m.key} - self.separate)
        blends = {m.key: match.groups() for m in self.mentions
                  if m.key not in self.separate and (match := _BLEND.match(m.name))}
        for key, (first, last) in sorted(blends.items()):
            roots = {self.find(person) for person in people if person.split(" ")[0].startswith(first.lower())
                     and person.split(" ")[-1].startswith(last.lower())}
            if len(roots) == 1:
                self.union(key, roots.pop())

    def _merge_spacing(self) -> None:
        """"SeaMicro" and "Sea Micro", "Coca-Cola" and "Coca Cola"."""
        by_compact: dict[str, str] = {}
        for key in sorted(set(self.parent) - self.separate):
            compact = re.sub(r"[\s-]", "", key)
            if compact in by_compact:
                self.union(by_compact[compact], key)
            else:
                by_compact[compact] = key

    def _merge_teams(self) -> None:
        """"Drake Bulldogs" joins "Drake" and "Bulldogs": a name that ends in a plural nickname, when the
        nickname and the rest are both names of their own and the rest is not a person or a country."""
        present = set(self.parent)
        countries = country_names()
        for key in sorted({m.key for m in self.mentions if " " in m.key} - self.separate):
            words = key.split(" ")
            base, nickname = " ".join(words[:-1]), words[-1]
            if (len(nickname) >= 4 and nickname.endswith("s") and not nickname.endswith("ss")
                    and {base, nickname} <= present - self.separate and base not in countries
                    and not self.mostly(base, ("PERSON",))):
                self.union(base, key)
                self.union(nickname, key)

    def _merge_contained_names(self) -> None:
        """A multi-word name inside longer names of a single actor is that actor: "Mount Cook" in
        "Mount Cook National Park" and "Aoraki Mount Cook National Park". When the longer names belong
        to several actors, the one that ends with it wins if it is alone, since the last words of a
        name are its head: "Mount Cook" is "Aoraki Mount Cook", not "Mount Cook Village"."""
        keys = sorted({m.key for m in self.mentions if " " in m.key} - self.separate)
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
            roots = {self.find(holder) for holder in holders.get(key, ())}
            if len(roots) > 1:
                roots = {self.find(holder) for holder in holders[key] if holder.endswith(" " + key)}
            if len(roots) == 1:
                self.union(key, roots.pop())

    def _merge_surnames(self) -> None:
        """A one-word name joins the only repeated multi-word name of the corpus that ends with it
        ("Scholz" and "Olaf Scholz", "Colts" and "Indianapolis Colts")."""
        sizes = Counter(self.find(m.key) for m in self.mentions)
        roots_by_last: dict[str, set[str]] = defaultdict(set)
        for mention in self.mentions:
            root = self.find(mention.key)
            named = mention.label == "PERSON" or sizes[root] >= 2
            if " " in mention.key and named and not self.is_place(mention.key):
                roots_by_last[mention.key.split(" ")[-1]].add(root)
        for key in sorted({m.key for m in self.mentions if " " not in m.key} - self.separate):
            if len(roots_by_last.get(key, ())) == 1 and key not in country_names() and not self.is_place(key):
                self.union(key, next(iter(roots_by_last[key])))

    def _merge_dominant_people(self) -> None:
        """A lone first name or surname still on its own ("Matt", "White") joins the person it names
        when that person has at least two thirds of the mentions of every person it could name, as the
        two-letter acronyms do; "Matt" is Matt Smith when he outnumbers every other Matt two to one."""
        sizes = Counter(self.find(m.key) for m in self.mentions)
        by_part: dict[str, Counter[str]] = defaultdict(Counter)
        for key in {m.key for m in self.mentions if m.label == "PERSON" and " " in m.key}:
            words, root = key.split(" "), self.find(key)
            if not self.is_place(key):
                for part in {words[0], words[-1]}:
                    by_part[part][root] = sizes[root]
        for key in sorted({m.key for m in self.mentions if " " not in m.key and m.label == "PERSON"} - self.separate):
            candidates = by_part.get(key)
            if self.find(key) != key or not candidates or key in country_names() or self.is_place(key):
                continue
            root, count = max(candidates.items(), key=lambda item: (item[1], item[0]))
            if 3 * count >= 2 * candidates.total():
                self.union(key, root)

    def to_index(self, min_mentions: int, page_articles: int = PAGE_ARTICLES) -> ActorIndex:
        members: dict[str, list[NameMention]] = defaultdict(list)
        for mention in self.mentions:
            members[self.find(mention.key)].append(mention)
        kept = {root: group for root, group in members.items()
                if self._strong(root, group, min_mentions) and any(not _demonym(m) for m in group)}
        names = {root: self._name(root, group) for root, group in kept.items()}
        ids = unique_slugs(names)
        actors = tuple(sorted((self._actor(ids[root], names[root], root, group, page_articles)
                               for root, group in kept.items()),
                              key=lambda a: (-a.mentions, a.id)))
        by_form = {key: ids[self.find(key)] for key in self.parent if self.find(key) in ids}
        by_article_form = {(m.article, m.surface_key): ids[root] for root, group in kept.items() for m in group}
        surnames = {actor.id: form_key(actor.name).split(" ")[-1] for actor in actors}
        return ActorIndex(actors, by_form, by_article_form, _by_article(kept, ids), surnames)

    def _strong(self, root: str, group: list[NameMention], min_mentions: int) -> bool:
        """Enough evidence: repeated, in two articles, a full personal name, or a known actor."""
        return (len(group) >= min_mentions or len({m.article for m in group}) >= 2
                or any(m.label == "PERSON" and " " in m.key for m in group) or self._known(root))

    def _known(self, root: str) -> bool:
        return any(self.find(key) == root for key in self.preferred)

    def _name(self, root: str, group: list[NameMention]) -> str:
        preferred = [value for key, value in self.preferred.items() if self.find(key) == root]
        if preferred:
            return max(preferred)[1]
        counts = Counter(m.name for m in group)
        acronyms = [n for n in counts if n.isupper() and n.isalpha() and len(n) <= 6]
        if acronyms:
            return max(acronyms, key=lambda n: (counts[n], n))
        multi = [n for n in counts if " " in form_key(n)] if _vote(group) in _FULL_NAMED else []
        return max(multi or list(counts), key=lambda n: (counts[n], len(n), n))

    def _actor(self, actor_id: str, name: str, root: str, group: list[NameMention], page_articles: int) -> Actor:
        aliases = tuple(sorted(({m.name for m in group} | {m.surface for m in group}) - {name}))
        articles = tuple(sorted({m.article for m in group if not _demonym(m)}))
        forced = [kind for key, kind in self.kinds.items() if self.find(key) == root]
        page = len(articles) >= page_articles or self._known(root)
        return Actor(actor_id, name, forced[0] if forced else _vote(group), aliases, articles, len(group), page)


_BLEND = re.compile(r"^([A-Z][a-z]{0,3})[-.]?([A-Z][a-z]{1,3})$")
_PLACE_PREFIXES = ("city", "town", "province", "state", "county", "island")
_SITE_LABELS = (*PLACE_LABELS, "FAC")
_PLACE_HEADS = frozenset({"strip", "province", "region", "peninsula", "island", "islands", "national park",
                          "national forest", "state park", "nature reserve"})


EVIDENCE_SHARE = 3
"""A third of the mentions, for the evidence of a plural verb or of "the" (``_vote``): chosen on the hand-built
sports and business corpus in the tests, then checked on the dev sets' actors."""
_FULL_NAMED = (ActorKind.PERSON, ActorKind.ORGANIZATION)
"""Kinds named by their longest form when it is in use: "Indianapolis Colts", not "Colts"."""


def _subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


def _vote(group: list[NameMention]) -> ActorKind:
    """The kind the evidence across the corpus supports, in this order:

    1. an organisation when written with a plural verb ("Feyenoord have") in a third of its
       mentions and never after a title: a person never is, clubs, companies and bands are in
       British English;
    2. not a person when a third of its mentions, and two at least, follow "the" ("the Colts",
       "the Kremlin");
    3. a person when tagged so at least once and after a title ("Mr", "Senator"), or named as people
       are, full name then surname alone ("Olaf Scholz", "Scholz" tagged as a place). Teams are named
       that way too ("Manchester United", "United"), and the tagger's labels are all there is to
       tell them apart: a full name tagged as a person stays one;
    4. else the majority label, multi-word mentions first; but a majority for place with some
       organisation tags and never a locative preposition ("in Rotterdam") is an organisation: a club
       named after its town is tagged as the town.
    """
    evidence = Counter(m.evidence for m in group)
    if evidence["group"] * EVIDENCE_SHARE >= len(group) and not evidence["person"]:
        return ActorKind.ORGANIZATION
    thing = evidence["the"] >= 2 and evidence["the"] * EVIDENCE_SHARE >= len(group) and not evidence["person"]
    singles = {m.surface_key for m in group if " " not in m.surface_key}
    surnamed = any(" " in m.surface_key and m.surface_key.split(" ")[-1] in singles for m in group)
    if (surnamed or evidence["person"]) and not thing and any(m.label == "PERSON" for m in group):
        return ActorKind.PERSON
    multi = [m for m in group if " " in m.key]
    votes = Counter(KIND_OF_LABEL[m.label] for m in multi or group)
    if thing:
        del votes[ActorKind.PERSON]
    if not votes:
        return ActorKind.ORGANIZATION
    kind = max(votes, key=lambda kind: (votes[kind], kind.value))
    if kind is ActorKind.PLACE and votes[ActorKind.ORGANIZATION] and not evidence["place"]:
        return ActorKind.ORGANIZATION
    return kind


def _demonym(mention: NameMention) -> bool:
    """"Hungarian" counted toward Hungary: a mention of the country, but not a naming of it."""
    return mention.surface_key != mention.key and country_of_demonym(mention.surface_key) is not None


def _by_article(kept: Mapping[str, Iterable[NameMention]], ids: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Each article's actors, most mentioned first; a country named only by a demonym ("a Hungarian
    striker") is not one of them."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for root, group in kept.items():
        for mention in group:
            if not _demonym(mention):
                counts[mention.article][ids[root]] += 1
    return {article: tuple(sorted(c, key=lambda a: (-c[a], a))) for article, c in counts.items()}
