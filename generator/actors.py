"""Actors: spaCy's mentions across the corpus merged into canonical people, organisations and places."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

import yaml

from .models import Actor, ActorKind, Analysis
from .slugs import unique_slugs

KIND_OF_LABEL = {"PERSON": ActorKind.PERSON, "ORG": ActorKind.ORGANIZATION, "GPE": ActorKind.PLACE,
                 "LOC": ActorKind.PLACE, "FAC": ActorKind.PLACE}
_TITLE_WORDS = frozenset("""president vice prime minister chancellor secretary general secretary-general
deputy foreign defence defense mr mrs ms dr sir lord lady king queen prince pope senator sen rep governor
gov gen admiral ambassador spokesman spokeswoman chairman ceo premier leader""".split())
_ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "in", "on", "de", "&"})
_POSSESSIVE = re.compile(r"(['’]s|['’])$")


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """The canonical actors and how to find an actor from a surface form."""

    actors: tuple[Actor, ...]
    by_form: Mapping[str, str]
    by_article: Mapping[str, tuple[str, ...]]

    def resolve(self, surface: str | None) -> str | None:
        return self.by_form.get(form_key(normalise_name(surface))) if surface else None


def default_aliases() -> dict[str, list[str]]:
    text = resources.files("generator").joinpath("data/aliases.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def normalise_name(text: str) -> str:
    """Drop titles, a leading 'the' and a possessive: "President Vladimir Putin's" -> "Vladimir Putin"."""
    words = " ".join(text.split()).strip(" .,;:-–—\"'“”‘’()[]").split(" ")
    words[-1] = _POSSESSIVE.sub("", words[-1])
    while len(words) > 1 and words[0].lower().strip(".") in _TITLE_WORDS | {"the"}:
        words = words[1:]
    return " ".join(words)


def form_key(name: str) -> str:
    """Case, dots and spacing do not tell actors apart: NATO, Nato; U.S., US."""
    return re.sub(r"\s+", " ", name.replace(".", "")).strip().casefold()


def is_name_like(name: str) -> bool:
    """Reject credits, fragments and numbers such as "Mikhail Metzel/AFP" or "2014"."""
    return (len(name) >= 2 and "/" not in name and not re.search(r"\d", name)
            and any(ch.isupper() for ch in name) and name[0].isalpha() and len(name.split()) <= 6)


def build_actors(analyses: Sequence[Analysis], min_mentions: int,
                 aliases: Mapping[str, list[str]] | None = None) -> ActorIndex:
    """Merge every mention of the corpus into actors, drop weak ones, give them stable ids."""
    mentions = _collect(analyses)
    groups = _Groups(mentions, aliases if aliases is not None else default_aliases())
    groups.merge_acronyms()
    groups.merge_surnames()
    return groups.to_index(min_mentions)


def _collect(analyses: Sequence[Analysis]) -> list[tuple[str, str, str]]:
    """(name, spaCy label, article id) for every usable mention."""
    found = []
    for analysis in analyses:
        for mention in analysis.mentions:
            name = normalise_name(mention.text)
            if mention.label in KIND_OF_LABEL and is_name_like(name):
                found.append((name, mention.label, analysis.article_id))
    return found


class _Groups:
    """Union-find over form keys; each root becomes one actor."""

    def __init__(self, mentions: list[tuple[str, str, str]], aliases: Mapping[str, list[str]]) -> None:
        self.mentions = mentions
        self.parent: dict[str, str] = {}
        self.preferred: dict[str, str] = {}
        for canonical, others in aliases.items():
            for other in others or []:
                self.union(form_key(canonical), form_key(normalise_name(other)))
            self.preferred[form_key(canonical)] = canonical
        for name, _, _ in mentions:
            self.find(form_key(name))

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

    def merge_acronyms(self) -> None:
        seen = {form_key(name) for name, _, _ in self.mentions}
        for name, label, _ in self.mentions:
            words = [w for w in name.split() if w.lower() not in _ACRONYM_SKIP]
            if label != "PERSON" and len(words) >= 2 and all(w[0].isupper() for w in words):
                acronym = "".join(w[0] for w in words).casefold()
                if acronym in seen:
                    self.union(acronym, form_key(name))

    def merge_surnames(self) -> None:
        """A one-word mention joins the only multi-word person whose last name it is."""
        people = {form_key(n) for n, label, _ in self.mentions if label == "PERSON" and " " in n}
        by_last: dict[str, set[str]] = defaultdict(set)
        for key in people:
            by_last[key.split(" ")[-1]].add(self.find(key))
        for name, _, _ in self.mentions:
            key = form_key(name)
            if " " not in key and len(by_last.get(key, ())) == 1:
                self.union(key, next(iter(by_last[key])))

    def to_index(self, min_mentions: int) -> ActorIndex:
        members: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for mention in self.mentions:
            members[self.find(form_key(mention[0]))].append(mention)
        kept = {root: group for root, group in members.items()
                if len(group) >= min_mentions or len({m[2] for m in group}) >= 2}
        names = {root: self._name(root, group) for root, group in kept.items()}
        ids = unique_slugs(names)
        actors = tuple(sorted((self._actor(ids[root], names[root], group) for root, group in kept.items()),
                              key=lambda a: (-a.mentions, a.id)))
        by_form = {key: ids[self.find(key)] for key in self.parent if self.find(key) in ids}
        return ActorIndex(actors, by_form, _by_article(actors, kept, ids))

    def _name(self, root: str, group: list[tuple[str, str, str]]) -> str:
        preferred = sorted(name for key, name in self.preferred.items() if self.find(key) == root)
        if preferred:
            return preferred[0]
        counts = Counter(name for name, _, _ in group)
        acronyms = [n for n in counts if n.isupper() and n.isalpha() and len(n) <= 6]
        if acronyms:
            return max(acronyms, key=lambda n: (counts[n], n))
        multi = [n for n in counts if " " in n] if _kind(group) == ActorKind.PERSON else []
        pool = multi or list(counts)
        return max(pool, key=lambda n: (counts[n], len(n), n))

    @staticmethod
    def _actor(actor_id: str, name: str, group: list[tuple[str, str, str]]) -> Actor:
        aliases = tuple(sorted({n for n, _, _ in group} - {name}))
        articles = tuple(sorted({article for _, _, article in group}))
        return Actor(actor_id, name, _kind(group), aliases, articles, len(group))


def _kind(group: list[tuple[str, str, str]]) -> ActorKind:
    """Majority label of the multi-word mentions when there are any: "Olaf Scholz" outvotes "Scholz"."""
    multi = [m for m in group if " " in m[0]]
    votes = Counter(KIND_OF_LABEL[label] for _, label, _ in multi or group)
    return max(votes, key=lambda kind: (votes[kind], kind.value))


def _by_article(actors: tuple[Actor, ...], kept: dict, ids: dict[str, str]) -> dict[str, tuple[str, ...]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for root, group in kept.items():
        for _, _, article in group:
            counts[article][ids[root]] += 1
    return {article: tuple(sorted(c, key=lambda a: (-c[a], a))) for article, c in counts.items()}
