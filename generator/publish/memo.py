"""Outputs made again only where what they are made from changed.

A feed's XML is a pure function of plain values: its items, its labels, the site's address.
``Memo`` keys each output by the SHA-256 of the ``repr`` of those values, after a salt naming
the code that makes them, keeps it in a ``Store`` (``generator/store.py``) and hands it back on
the next build while the key is the same. So adding one article remakes the feeds that list it,
not the thousands that do not. Records a build did not use are deleted after it (``prune``). The
values must have a stable ``repr``: tuples, strings, numbers, dates and frozen dataclasses of
those, never sets (their order follows the hash seed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from ..store import Store


def code_salt(*modules: str, extra: str = "") -> str:
    """A salt that changes when any of these source files (or ``extra``) changes."""
    digest = hashlib.sha256(extra.encode("utf-8"))
    for module in modules:
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


class Memo:
    def __init__(self, store: Store | None, salt: str, used: list[str] | None = None) -> None:
        self.store = store
        self.salt = salt
        self.used: list[str] = used or []
        """Keys this build used: given when another ``Memo`` (in another process) used them."""

    def key(self, inputs: object) -> str:
        return hashlib.sha256((self.salt + "\n" + repr(inputs)).encode("utf-8")).hexdigest()

    def get(self, inputs: object, make: Callable[[], bytes]) -> bytes:
        """The stored output for ``inputs``, or ``make()``'s, stored for next time."""
        key = self.key(inputs)
        self.used.append(key)
        found = self.store.get(key) if self.store else None
        if found is not None:
            return found
        made = make()
        if self.store:
            self.store.add(key, made)
        return made

    def flush(self) -> None:
        """Store the outputs made so far, before this process hands its results over (``Store.add``
        keeps them together until then)."""
        if self.store:
            self.store.flush()

    def prune(self) -> None:
        """Forget every record this build did not use."""
        if self.store:
            self.store.keep_only(self.used)
            self.store.release()
