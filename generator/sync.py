"""Publishing a freshly built site over the previous one, rewriting only the files that changed."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from mkdocs import utils as mkdocs_utils


@contextlib.contextmanager
def pages_in_memory(staging: Path) -> Iterator[dict[Path, bytes]]:
    """While open, what MkDocs writes under ``staging`` through ``mkdocs.utils.write_file`` (every
    themed page, the sitemap, the search index) is kept in the yielded dict instead of on disk.

    MkDocs offers no hook for where its output goes, so this swaps that one function for the
    duration of a build. Making a folder and a file for each of thousands of pages costs about a
    second on a journaling file system, only for most of them to be found unchanged and thrown
    away; kept in memory, only changed pages are ever written. Other writers (theme assets,
    generated files) still write into ``staging``."""
    kept: dict[Path, bytes] = {}
    root = staging.resolve()
    plain = mkdocs_utils.write_file

    def write_file(content: bytes, output_path: str) -> None:
        path = Path(output_path).resolve()
        if path.is_relative_to(root):
            kept[path.relative_to(root)] = bytes(content)
        else:
            plain(content, output_path)

    mkdocs_utils.write_file = write_file
    try:
        yield kept
    finally:
        mkdocs_utils.write_file = plain


def sync_tree(source: Path, target: Path, kept: dict[Path, bytes] | None = None) -> tuple[int, int]:
    """Make ``target`` hold exactly the files of ``source`` and those of ``kept`` (relative path ->
    bytes, which win over a file of the same path): new or changed files are replaced, unchanged
    ones keep their bytes and times, files gone from both are removed.
    Returns (files written, files removed)."""
    target.mkdir(parents=True, exist_ok=True)
    written = removed = 0
    in_memory = kept or {}
    on_disk = {path.relative_to(source) for path in source.rglob("*") if path.is_file()} - in_memory.keys()
    for relative in sorted(on_disk | in_memory.keys()):
        old = target / relative
        if relative in in_memory:
            data = in_memory[relative]
            if old.is_file() and old.stat().st_size == len(data) and old.read_bytes() == data:
                continue
            old.parent.mkdir(parents=True, exist_ok=True)
            old.write_bytes(data)
        else:
            new = source / relative
            if old.is_file() and old.stat().st_size == new.stat().st_size and old.read_bytes() == new.read_bytes():
                continue
            old.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(new, old)
        written += 1
    wanted = on_disk | in_memory.keys()
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target)
        if path.is_file() and relative not in wanted:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            os.rmdir(path)
    return written, removed
