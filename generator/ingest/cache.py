"""The ingestion cache: a file whose bytes did not change is neither decoded, repaired nor cleaned again.

Reading a file (decoding, mojibake repair, front matter) depends only on its bytes and its path, so
that result is kept under the SHA-256 of both. Cleaning also depends on the corpus: a line repeated
in three or more articles is boilerplate. So the cleaned article is kept under the read entry's key
together with the repeated lines that occur in this file; adding an article that makes one of this
file's lines boilerplate changes that key and cleans the file again. ``INGEST_VERSION`` is raised
whenever ingestion changes what it produces. Like the analysis cache, entries are pickles written by
digest itself, and the entries a build did not use are deleted after it.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path

from ..analyze.cache import prune_unused, read_pickle, write_atomically
from ..models import Article, Finding
from .files import SourceText

INGEST_VERSION = "14"


@dataclass(frozen=True, slots=True)
class ReadEntry:
    """One file as read: its decoded source (None when unusable), findings, and boilerplate candidates."""

    source: SourceText | None
    findings: tuple[Finding, ...]
    candidates: frozenset[str]
    """Keys of the file's short or unpunctuated lines: what counts toward corpus boilerplate."""
    line_keys: frozenset[str]
    """Keys of every line cleaning will look up: the parse entry depends on which are boilerplate."""


@dataclass(frozen=True, slots=True)
class ParseEntry:
    article: Article | None
    findings: tuple[Finding, ...]
    fingerprint: str = ""
    """``ingest.text_fingerprint`` of the article: what its copies share."""


class IngestCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    @staticmethod
    def read_key(relative_path: str, data: bytes) -> str:
        return hashlib.sha256(f"{INGEST_VERSION}\n{relative_path}\n".encode() + data).hexdigest()

    @staticmethod
    def parse_key(read_key: str, repeated: frozenset[str]) -> str:
        text = "\n".join([read_key, *sorted(repeated)])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, key: str) -> ReadEntry | ParseEntry | None:
        self.used.add(key)
        found = read_pickle(self.folder / f"{key}.pickle", (ReadEntry, ParseEntry))
        return found if isinstance(found, ReadEntry | ParseEntry) else None

    def put(self, key: str, entry: ReadEntry | ParseEntry) -> None:
        self.used.add(key)
        write_atomically(self.folder / f"{key}.pickle", pickle.dumps(entry, protocol=5))

    def prune(self) -> None:
        """Delete the entries this build did not use (files that changed or went away)."""
        prune_unused(self.folder, self.used, (".pickle",))
