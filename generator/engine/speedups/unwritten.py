"""Files MkDocs would write unchanged are not written: one global function and one method swapped
for a build."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path

from mkdocs import utils as mkdocs_utils
from mkdocs.structure.files import File

from ...analyze.cache import read_pickle, write_atomically
from ..sync import same_bytes

_keep: Callable[[str], bool] | None = None
"""While ``unchanged_outputs`` is open: marks an output as the file the site has already."""


def keep_in_place(output_path: str) -> bool:
    """The site's own file at this output's place stays as it is, unread, because the caller
    knows it holds the bytes MkDocs would write there (the page cache does, by the file's
    ``stat``). False, and nothing done, when no build is publishing through ``unchanged_outputs``
    or the output goes elsewhere: then the caller writes the bytes as usual."""
    return _keep is not None and _keep(output_path)


Mark = tuple[int, int, int, int]
"""A file's size, inode, and modification and change times in nanoseconds (``mark_of``): what
the published site's files were when a build last read or wrote them, here and in the page cache."""


class Marks:
    """What the site's files were as this build found or wrote them: by place, the file's ``Mark``
    and the SHA-256 of its bytes, kept in ``path`` (in the cache folder) for the next build. A file
    whose mark is the one noted holds the bytes noted, as git trusts a file whose ``stat`` did not
    change (editing, replacing or copying a file changes its change time, which nothing can set
    back): an output with those bytes is then known unchanged without reading the file. At 5,000
    articles that spares reading 5,000 feeds (80 MB) on every build; hashing them costs a fifth."""

    def __init__(self, path: Path) -> None:
        self.path = path
        found = read_pickle(path, dict)
        self.before: dict[str, tuple[Mark, str]] = found if isinstance(found, dict) else {}
        self.now: dict[str, tuple[Mark, str]] = {}
        self.fresh: dict[str, str] = {}
        """Place -> SHA-256 of each output written this build, marked once it is in the site."""

    def unchanged(self, site_file: Path, relative: str, content: bytes) -> bool | None:
        """True when the site's file surely holds ``content``, False when it surely does not, None
        when only reading it can tell."""
        known = self.before.get(relative)
        if known is None:
            return None
        try:
            mark = mark_of(os.stat(site_file))
        except OSError:
            return False
        if mark != known[0]:
            return None
        same = sha256_of(content) == known[1]
        if same:
            self.now[relative] = known
        return same

    def found_same(self, site_file: Path, relative: str, content: bytes) -> None:
        with contextlib.suppress(OSError):
            self.now[relative] = (mark_of(os.stat(site_file)), sha256_of(content))

    def written(self, relative: str, content: bytes) -> None:
        self.fresh[relative] = sha256_of(content)

    def save(self, site: Path) -> None:
        """Once the site is published: mark the files written, keep every mark for the next build."""
        for relative, sha in self.fresh.items():
            with contextlib.suppress(OSError):
                self.now[relative] = (mark_of(os.stat(site / relative)), sha)
        write_atomically(self.path, pickle.dumps(dict(sorted(self.now.items())), protocol=5))


def mark_of(found: os.stat_result) -> Mark:
    return found.st_size, found.st_ino, found.st_mtime_ns, found.st_ctime_ns


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def unchanged_outputs(staging: Path, target: Path, marks: Marks | None = None) -> Iterator[set[str]]:
    """While open, a file MkDocs writes under ``staging`` with the same bytes as the file at the
    same place under ``target`` is not written at all: its relative path (POSIX) goes into the yielded set.
    That covers what goes through ``mkdocs.utils.write_file`` (every themed page, the sitemap, the
    search index) and the files MkDocs copies out with ``File.copy_file`` (digest's feeds, OPML
    and data files, whose content is in memory, and the theme's assets).

    MkDocs offers no hook for where its output goes, so this swaps that function and that method
    for the duration of a build. Making a folder and a file for each of thousands of pages and
    feeds costs about a second on a journaling file system (0.7 ms a file here), only for most of
    them to be found unchanged and thrown away. With ``marks``, a file whose mark is as noted is
    not even read (``Marks``)."""
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
        site_file = target / relative
        same = marks.unchanged(site_file, relative, content) if marks else None
        if same is None:
            same = same_bytes(site_file, content)
            if same and marks:
                marks.found_same(site_file, relative, content)
        if same:
            if relative in written:  # an earlier write of this path in this build differed
                (root / relative).unlink(missing_ok=True)
                written.discard(relative)
                if marks:
                    marks.fresh.pop(relative, None)
            unchanged.add(relative)
            return True
        unchanged.discard(relative)
        written.add(relative)
        if marks:
            marks.now.pop(relative, None)
            marks.written(relative, content)
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
