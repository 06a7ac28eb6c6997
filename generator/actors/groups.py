"""The union-find over name keys that the actor rules share (``rules.RULES``); each root becomes one
actor. It also keeps each key's labels, the names the alias files and country names prefer, and the
kinds the alias files force."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from ..models import ActorKind
from .aliasfile import AliasSpec
from .mentions import PLACE_LABELS, NameMention
from .names import form_key, named_as_place


class Groups:
    """Union-find over form keys, with what the rules read of each key."""

    def __init__(self, mentions: list[NameMention], specs: Sequence[AliasSpec], separate: frozenset[str],
                 defined: Mapping[str, str] | None = None) -> None:
        self.mentions = mentions
        self.separate = separate
        self.defined = dict(defined or {})
        """Short names the corpus defines -> the key of the name they stand for (``KnownNames.defined``)."""
        self.specs = tuple(specs)
        self.parent: dict[str, str] = {}
        self.preferred: dict[str, tuple[int, str]] = {}
        self.kinds: dict[str, ActorKind] = {}
        self.labels: dict[str, Counter[str]] = defaultdict(Counter)
        self._by_root: dict[str, list[tuple[int, str]]] | None = None
        self._places: dict[str, bool] = {}
        for mention in mentions:
            self.find(mention.key)
            self.labels[mention.key][mention.label] += 1

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
            self._by_root = None

    def mostly(self, key: str, labels: Iterable[str]) -> bool:
        """Tagged with one of ``labels`` in more than half of its mentions."""
        counts = self.labels.get(key)
        return bool(counts) and sum(counts[label] for label in labels) * 2 > counts.total()

    def is_place(self, key: str) -> bool:
        """Mostly tagged as a place, or named as places are ("Lake Tenby", whatever its tags): never
        merged into a longer name by containment, nor the holder of a surname. Worked out once
        per key: the labels are all counted as the groups are made."""
        found = self._places.get(key)
        if found is None:
            found = self._places[key] = self.mostly(key, PLACE_LABELS) or named_as_place(key)
        return found

    def prefer(self, name: str, priority: int) -> None:
        """``name`` is the actor's name unless a name of higher priority is preferred for its key."""
        key = form_key(name)
        if self.preferred.get(key, (-1, ""))[0] < priority:
            self.preferred[key] = (priority, name)
            self._by_root = None

    def preferred_by_root(self) -> dict[str, list[tuple[int, str]]]:
        """Each group's preferred names, by the group's root: made once for the groups as they are
        (again after a union or a new preference), not looked for across every preferred name for
        each group."""
        if self._by_root is None:
            found: dict[str, list[tuple[int, str]]] = defaultdict(list)
            for key, value in self.preferred.items():
                found[self.find(key)].append(value)
            self._by_root = dict(found)
        return self._by_root
