"""Pages MkDocs would write unchanged are not written: one global function swapped for a build."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from mkdocs import utils as mkdocs_utils

from ..sync import same_bytes


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
        if same_bytes(target / relative, content):
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
