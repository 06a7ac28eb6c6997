"""The names' first pass kept between builds: the names spaCy tagged in an article, read once.

``mentions.collect_mentions`` turns one article's tagged entities into name mentions (spans
trimmed, ranks and nationalities dropped, demonyms made countries, the evidence around each
name). What it gives depends on nothing but the article's analysis, its id and the names the
alias files ignore, so a rebuild need not read the articles it read before: ``FirstPass`` keeps
each article's mentions in a ``Store`` (``cache_dir/names.sqlite``) under those and a salt naming
the code (every module of ``generator/actors``, the data files it reads, the models). At 5,000
generated articles the pass took 2.3 s of every rebuild, and loading what it found 0.6 s.

What the corpus makes of the mentions (names rejoined across articles, the known names, the
second pass, the actors) depends on every article and is made again on every build. Records a
build did not use are deleted after it (``prune``); a record that cannot be read is made anew.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping
from pathlib import Path

from ..analyze.cache import unpickled
from ..models import Analysis
from ..publish.memo import Memo, code_salt
from ..store import Store
from .mentions import NameMention, collect_mentions

_HERE = Path(__file__).parent
SALT = code_salt(*sorted(str(path) for path in _HERE.glob("*.py")),
                 *sorted(str(path) for path in (_HERE.parent / "data").glob("*.yml")),
                 str(_HERE.parent / "models.py"))


class FirstPass:
    """``collect_mentions`` through a store. ``keys``: each article's analysis key by article id
    (``AnalysisCache.key``: its text, the pipeline and the analysis version); an article without
    one is read every time."""

    def __init__(self, store: Store, keys: Mapping[str, str]) -> None:
        self.store = store
        self.memo = Memo(store, SALT)
        self.keys = keys
        self._ignored: tuple[frozenset[str], str] | None = None

    def __call__(self, analysis: Analysis, ignore: frozenset[str]) -> list[NameMention]:
        key = self.keys.get(analysis.article_id)
        if key is None:
            return collect_mentions(analysis, ignore)
        record_key = self.memo.key((key, analysis.article_id, self._fingerprint(ignore)))
        self.memo.used.append(record_key)
        found = unpickled(self.store.get(record_key), list)
        if isinstance(found, list) and all(isinstance(m, NameMention) for m in found):
            return found
        made = collect_mentions(analysis, ignore)
        self.store.add(record_key, pickle.dumps(made, protocol=5))
        return made

    def _fingerprint(self, ignore: frozenset[str]) -> str:
        """The ignored names as one short string, made once for the set every article shares."""
        if self._ignored is None or self._ignored[0] is not ignore:
            text = "\n".join(sorted(ignore))
            self._ignored = (ignore, hashlib.sha256(text.encode("utf-8")).hexdigest())
        return self._ignored[1]

    def prune(self) -> None:
        """Store what this build read, forget the records it did not use, and close the store
        (before any fork)."""
        self.memo.prune()
