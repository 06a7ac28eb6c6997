"""The names' second pass kept between builds, with what it read of the corpus' known names.

``mentions.article_mentions`` reads one article's first-pass mentions again with the names the
whole corpus knows (``KnownNames``): glued spans split, untagged known names found, short forms
resolved. Every article added changes what the corpus knows, so its result cannot be kept under
its inputs alone, as the first pass's is. It is kept with a record of every question it asked of
the known names instead: each label, count, phrase or singular looked up and the answer, each
word tested against a set of names and which of them were in it, and whether a field was empty.
``SecondPass`` runs the pass through a watching copy of ``KnownNames`` that notes those questions;
a rebuild asks them again of this build's known names and keeps the stored mentions when every
answer is the same. The pass is a function of its inputs, so a kept result is the one it would
make (a test changes the known names under it), never an approximation. At 5,000 generated
articles the pass took 1.9 s on each of two cores in every rebuild.

A record sits in a ``Store`` (``cache_dir/mentions.sqlite``) under the article's analysis key, its
id, the alias files' names and the code's salt (``firstpass.SALT``), one per article, so that the
build can prune the records of articles gone without hearing from the forked copy that made some
of them. It holds the fingerprint of the article's first-pass mentions as the corpus rejoined
them, which must match too.
"""

from __future__ import annotations

import hashlib
import marshal
import pickle
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter

from ..analyze.cache import unpickled
from ..models import Analysis
from ..publish.memo import Memo
from ..store import Store
from .firstpass import SALT
from .mentions import KnownNames, NameMention, article_mentions

_ABSENT = "\x00absent"
"""The answer noted for a key a mapping does not hold (no name, label or phrase is this string)."""


@dataclass(slots=True)
class Questions:
    """What one article's pass asked of the known names, with the answers."""

    looked_up: dict[tuple[str, object], object] = field(default_factory=dict)
    """(field, key) -> the value, or ``_ABSENT``."""
    tested: dict[str, set] = field(default_factory=dict)
    """A set field -> every item tested for membership."""
    held: dict[str, set] = field(default_factory=dict)
    """A set field -> the tested items it held."""
    empty: dict[str, bool] = field(default_factory=dict)
    """A field whose emptiness was asked -> whether it was empty."""

    def hold(self, known: KnownNames) -> bool:
        """Whether ``known`` gives every answer these questions got."""
        return (all(getattr(known, name).get(key, _ABSENT) == value for (name, key), value in self.looked_up.items())
                and all(getattr(known, name).intersection(items) == self.held.get(name, set())
                        for name, items in self.tested.items())
                and all((not getattr(known, name)) == empty for name, empty in self.empty.items()))


class _Watched:
    """A field of ``KnownNames`` that notes what is asked of it. Only the ways the pass reads a
    field exist here: anything else fails at once rather than go unnoted."""

    __slots__ = ("_data", "_name", "_questions")

    def __init__(self, name: str, data: Mapping | frozenset, questions: Questions) -> None:
        self._name, self._data, self._questions = name, data, questions

    def __bool__(self) -> bool:
        self._questions.empty[self._name] = not self._data
        return bool(self._data)

    def __iter__(self) -> Iterator:
        raise TypeError(f"the second pass may not read every item of the known names' {self._name} unnoted")


class _WatchedMapping(_Watched):
    """A mapping field: each key looked up, with the value (or ``_ABSENT``)."""

    __slots__ = ()

    def _answer(self, key: object) -> object:
        value = self._data.get(key, _ABSENT)
        self._questions.looked_up[(self._name, key)] = value
        return value

    def __getitem__(self, key: object) -> object:
        value = self._answer(key)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def get(self, key: object, default: object = None) -> object:
        value = self._answer(key)
        return default if value is _ABSENT else value

    def __contains__(self, key: object) -> bool:
        return self._answer(key) is not _ABSENT


class _WatchedSet(_Watched):
    """A set field: each item tested, and those it held."""

    __slots__ = ("_held", "_tested")

    def __init__(self, name: str, data: frozenset, questions: Questions) -> None:
        super().__init__(name, data, questions)
        self._tested = questions.tested.setdefault(name, set())
        self._held = questions.held.setdefault(name, set())

    def __contains__(self, item: object) -> bool:
        self._tested.add(item)
        if item in self._data:
            self._held.add(item)
            return True
        return False

    def isdisjoint(self, items: Iterable) -> bool:
        items = set(items)
        found = self._data.intersection(items)
        self._tested.update(items)
        self._held.update(found)
        return not found


def watched(known: KnownNames) -> tuple[KnownNames, Questions]:
    """A copy of ``known`` whose fields (every one: sets and mappings) note what is asked of them,
    and the questions noted."""
    questions = Questions()
    values = {item.name: getattr(known, item.name) for item in fields(known)}
    return replace(known, **{name: (_WatchedSet if isinstance(value, frozenset) else _WatchedMapping)(
        name, value, questions) for name, value in values.items()}), questions


@dataclass(frozen=True, slots=True)
class _Record:
    first_pass: str
    """SHA-256 of the article's first-pass mentions, as the corpus rejoined them."""
    questions: Questions
    mentions: tuple[NameMention, ...]


class SecondPass:
    """``article_mentions`` through a store. ``keys``: each article's analysis key by article id
    (``AnalysisCache.key``); an article without one is read every time."""

    def __init__(self, store: Store, keys: Mapping[str, str]) -> None:
        self.store = store
        self.keys = keys
        self.memo = Memo(store, SALT)

    def record_key(self, article_id: str, names: str) -> str | None:
        """Where an article's record is, for the alias files' names ``names`` (``fingerprint``)."""
        key = self.keys.get(article_id)
        return None if key is None else self.memo.key((key, article_id, names))

    def __call__(self, analysis: Analysis, ignore: frozenset[str], fixed: frozenset[str], known: KnownNames,
                 tagged: Sequence[NameMention], names: str) -> list[NameMention]:
        where = self.record_key(analysis.article_id, names)
        if where is None:
            return article_mentions(analysis, ignore, fixed, known, tagged)
        first_pass = mentions_fingerprint(tagged)
        found = unpickled(self.store.get(where), _Record)
        if found is not None and found.first_pass == first_pass and found.questions.hold(known):
            return list(found.mentions)
        watching, questions = watched(known)
        made = article_mentions(analysis, ignore, fixed, watching, tagged)
        self.store.add(where, pickle.dumps(_Record(first_pass, questions, tuple(made)), protocol=5))
        return made

    def prune(self, article_ids: Iterable[str], names: str) -> None:
        """Forget the records of articles not among ``article_ids``, and close the store (before a fork)."""
        self.store.keep_only(key for article_id in article_ids if (key := self.record_key(article_id, names)))
        self.store.release()


_FIELDS = attrgetter(*NameMention.__slots__)


def mentions_fingerprint(mentions: Sequence[NameMention]) -> str:
    """SHA-256 of the mentions' field values (strings, numbers, flags). Written by ``marshal`` at its
    version 2, which writes equal values alike whatever their identity or interning (its later
    versions do not); three times faster than hashing the pickled mentions, which took a third of a
    second of every rebuild at 5,000 generated articles."""
    return hashlib.sha256(marshal.dumps([_FIELDS(m) for m in mentions], 2)).hexdigest()


def fingerprint(*sets: frozenset[str]) -> str:
    """The alias files' names the pass reads (ignored and fixed), as one short string."""
    return hashlib.sha256("\n\n".join("\n".join(sorted(names)) for names in sets).encode("utf-8")).hexdigest()
