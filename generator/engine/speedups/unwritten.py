"""Files MkDocs would write unchanged are not written: one global function and one method swapped
for a build."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from mkdocs import utils as mkdocs_utils
from mkdocs.structure.files import File

from ..sync import same_bytes

_keep: Callable[[str], bool] | None = None
"""While ``unchanged_outputs`` is open: marks an output as the file the site has already."""


def keep_in_place(output_path: str) -> bool:
    """The site's own file at this output's place stays as it is, unread, because the caller
    knows it holds the bytes MkDocs would write there (the page cache does, by the file's
    ``stat``). False, and nothing done, when no build is publishing through ``unchanged_outputs``
    or the output goes elsewhere: then the caller writes the bytes as usual."""
    return _keep is not None and _keep(output_path)


@contextlib.contextmanager
def unchanged_outputs(staging: Path, target: Path) -> Iterator[set[str]]:
    """While open, a file MkDocs writes under ``staging`` with the same bytes as the file at the
    same place under ``target`` is not written at all: its relative path (POSIX) goes into the yielded set.
    That covers what goes through ``mkdocs.utils.write_file`` (every themed page, the sitemap, the
    search index) and the files MkDocs copies out with ``File.copy_file`` (digest's feeds, OPML
    and data files, whose content is in memory, and the theme's assets).

    MkDocs offers no hook for where its output goes, so this swaps that function and that method
    for the duration of a build. Making a folder and a file for each of thousands of pages and
    feeds costs about a second on a journaling file system (0.7 ms a file here), only for most of
    them to be found unchanged and thrown away."""
    unchanged: set[str] = set()
    written: set[str] = set()
    root = staging.resolve()
    prefixes = sorted({os.path.join(str(staging), ""), os.path.join(str(root), "")})
    plain = getattr(mkdocs_utils, "write_file", None)
    plain_copy = getattr(File, "copy_file", None)
    if plain is None or plain_copy is None:  # another MkDocs: every file is written to staging and compared there
        yield unchanged
        return

    def place(output_path: str) -> str | None:
        """The output's place under ``staging``, or None when it goes elsewhere. MkDocs joins the
        site folder it was given and the file's place: the string says it, without the several
        system calls a ``resolve`` makes (half this function's time on 3,100 files)."""
        normal = os.path.normpath(output_path)
        for prefix in prefixes:
            if normal.startswith(prefix):
                return normal[len(prefix):].replace(os.sep, "/")
        path = Path(output_path).resolve()
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else None

    def kept(content: bytes, output_path: str) -> bool:
        """Whether the site has these bytes at this place already (then nothing is written)."""
        relative = place(output_path)
        if relative is None:
            return False
        if same_bytes(target / relative, content):
            if relative in written:  # an earlier write of this path in this build differed
                (root / relative).unlink(missing_ok=True)
                written.discard(relative)
            unchanged.add(relative)
            return True
        unchanged.discard(relative)
        written.add(relative)
        return False

    def keep(output_path: str) -> bool:
        relative = place(output_path)
        if relative is None or relative in written:
            return False
        unchanged.add(relative)
        return True

    def write_file(content: bytes, output_path: str) -> None:
        if not kept(content, output_path):
            plain(content, output_path)

    def copy_file(self: File, dirty: bool = False) -> None:
        if not kept(self.content_bytes, self.abs_dest_path):
            plain_copy(self, dirty)

    global _keep
    mkdocs_utils.write_file = write_file
    File.copy_file = copy_file
    _keep = keep
    try:
        yield unchanged
    finally:
        mkdocs_utils.write_file = plain
        File.copy_file = plain_copy
        _keep = None
