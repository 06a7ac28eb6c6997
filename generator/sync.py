"""Publishing a freshly built site over the previous one, rewriting only the files that changed."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from mkdocs import utils as mkdocs_utils


@contextlib.contextmanager
def unchanged_outputs(staging: Path, target: Path) -> Iterator[set[Path]]:
    """While open, a file MkDocs writes under ``staging`` through ``mkdocs.utils.write_file``
    (every themed page, the sitemap, the search index) with the same bytes as the file at the same
    place under ``target`` is not written at all: its relative path goes into the yielded set.

    MkDocs offers no hook for where its output goes, so this swaps that one function for the
    duration of a build. Making a folder and a file for each of thousands of pages costs about a
    second on a journaling file system, only for most of them to be found unchanged and thrown
    away. Other writers (theme assets, generated files) still write into ``staging``."""
    unchanged: set[Path] = set()
    root = staging.resolve()
    plain = getattr(mkdocs_utils, "write_file", None)
    if plain is None:  # another MkDocs: every page is written to staging and compared there
        yield unchanged
        return

    def write_file(content: bytes, output_path: str) -> None:
        path = Path(output_path).resolve()
        if not path.is_relative_to(root):
            plain(content, output_path)
            return
        relative = path.relative_to(root)
        if _same_bytes(target / relative, content):
            path.unlink(missing_ok=True)  # in case an earlier write of this path differed
            unchanged.add(relative)
        else:
            unchanged.discard(relative)
            plain(content, output_path)

    mkdocs_utils.write_file = write_file
    try:
        yield unchanged
    finally:
        mkdocs_utils.write_file = plain


def _same_bytes(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def sync_tree(source: Path, target: Path, unchanged: set[Path] = frozenset()) -> tuple[int, int]:
    """Make ``target`` hold exactly the files of ``source`` plus the ``unchanged`` ones it already
    has: new or changed files are moved in, unchanged ones keep their bytes and times, files in
    neither are removed. Files are moved out of ``source``, so it is left emptied.
    Returns (files written, files removed)."""
    target.mkdir(parents=True, exist_ok=True)
    written = removed = 0
    built = {path.relative_to(source) for path in source.rglob("*") if path.is_file()}
    for relative in sorted(built):
        new, old = source / relative, target / relative
        if _same_bytes(old, new.read_bytes()):
            continue
        old.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(new, old)
        except OSError:  # the site folder is a mount of its own
            shutil.copyfile(new, old)
        written += 1
    wanted = built | unchanged
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target)
        if path.is_file() and relative not in wanted:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            os.rmdir(path)
    return written, removed
