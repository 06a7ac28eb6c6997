"""The analysis cache: one file per analysed text, so a rebuild analyses only new or changed articles
(and one for the lemmas of the theme terms, so a rebuild without new articles never loads spaCy).

An entry is keyed by the SHA-256 of the cleaned text together with the spaCy pipeline's name and
version and ``ANALYSIS_VERSION`` (raised whenever the analysis code changes what it produces). The
files are Python pickles written by digest itself: never point ``cache_dir`` at files from
elsewhere.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from ..models import Analysis, Article

ANALYSIS_VERSION = "11"


class AnalysisCache:
    def __init__(self, folder: Path, model: str, model_version: str) -> None:
        self.folder = folder
        self.salt = f"{ANALYSIS_VERSION}\n{model}\n{model_version}\n"

    def key(self, article: Article) -> str:
        return hashlib.sha256((self.salt + article.text).encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, article: Article) -> Analysis | None:
        """The cached analysis of this article's text, under this article's id; None when absent."""
        cached = read_pickle(self._path(self.key(article)), Analysis)
        return dataclasses.replace(cached, article_id=article.id) if isinstance(cached, Analysis) else None

    def has(self, article: Article) -> bool:
        """Whether an entry for this article's text is there (readable or not: ``get`` says)."""
        return self._path(self.key(article)).is_file()

    def put(self, article: Article, analysis: Analysis) -> None:
        write_atomically(self._path(self.key(article)),
                         pickle.dumps(dataclasses.replace(analysis, article_id=""), protocol=5))

    def _lemmas_path(self, phrases: list[str]) -> Path:
        key = hashlib.sha256((self.salt + "lemmas\n" + "\n".join(phrases)).encode("utf-8")).hexdigest()
        return self.folder / "lemmas" / f"{key}.pickle"

    def get_lemmas(self, phrases: list[str]) -> dict[str, tuple[str, ...]] | None:
        """The lemmas of exactly these phrases (theme terms) from an earlier build, so that a build
        with no new article never loads the model."""
        found = read_pickle(self._lemmas_path(phrases), dict)
        return found if isinstance(found, dict) and sorted(found) == phrases else None

    def put_lemmas(self, phrases: list[str], lemmas: dict[str, tuple[str, ...]]) -> None:
        write_atomically(self._lemmas_path(phrases), pickle.dumps(lemmas, protocol=5))


def read_pickle(path: Path, kind: type | tuple[type, ...]) -> object | None:
    """A cache entry of the expected kind, or None when it is absent, unreadable or of another kind."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return unpickled(data, kind)


def unpickled(data: bytes | None, kind: type | tuple[type, ...]) -> object | None:
    """A record digest wrote, of the expected kind, or None when it is absent, damaged or of another kind."""
    if data is None:
        return None
    try:
        found = pickle.loads(data)
    except (EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError, IndexError):
        return None
    return found if isinstance(found, kind) else None


def prune_unused(folder: Path, used: set[str], suffixes: tuple[str, ...]) -> None:
    """Delete the entries of ``folder`` (by file stem) that a build did not use."""
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix in suffixes and path.stem not in used:
                path.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file, so an interrupted build never leaves a half-written entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)
