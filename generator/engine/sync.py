"""Publishing a freshly built site over the previous one, rewriting only the files that changed."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Collection
from pathlib import Path


def same_bytes(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


MANIFEST = ".digest-manifest.json"
"""In the site folder: every file the last build put there. Only those may ever be removed."""


def sync_tree(source: Path, target: Path, unchanged: Collection[str] = frozenset()) -> tuple[int, int]:
    """Make ``target`` hold the files of ``source`` plus the ``unchanged`` ones it already has
    (relative POSIX paths, as in the manifest; thousands on a rebuild, so kept as strings):
    new or changed files are moved in, unchanged ones keep their bytes and times, and files an
    earlier build wrote (the manifest) that this build did not are removed. Files digest did not
    write (a ``.git`` folder, ``CNAME``, ``.nojekyll``) are never touched. Files are moved out of
    ``source``, so it is left emptied. Returns (files written, files removed)."""
    target.mkdir(parents=True, exist_ok=True)
    removed = 0
    built = {path.relative_to(source).as_posix() for path in source.rglob("*") if path.is_file()}
    moved = _move_new_folders(source, target)
    written = sum(1 for relative in built if relative.split("/", 1)[0] in moved)
    for relative in sorted(r for r in built if r.split("/", 1)[0] not in moved):
        new, old = source / relative, target / relative
        if same_bytes(old, new.read_bytes()):
            continue
        old.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(new, old)
        except OSError:  # the site folder is a mount of its own
            shutil.copyfile(new, old)
        written += 1
    wanted = built | set(unchanged)
    for relative in sorted(_manifest(target) - wanted):
        removed += _remove(target, relative)
    (target / MANIFEST).write_text(json.dumps(sorted(wanted), indent=0) + "\n", encoding="utf-8")
    return written, removed


def _move_new_folders(source: Path, target: Path) -> set[str]:
    """Move each top-level folder of ``source`` that ``target`` does not have in one rename (a
    first build's ``articles/``, ``actors/``...: thousands of folders not made twice); the names
    of those moved. Nothing can be in the way: the target has no such entry at all."""
    moved = set()
    for folder in sorted(source.iterdir()):
        if folder.is_dir() and not folder.is_symlink() and not os.path.lexists(target / folder.name):
            try:
                os.replace(folder, target / folder.name)
            except OSError:  # the site folder is a mount of its own: file by file
                continue
            moved.add(folder.name)
    return moved


def _manifest(target: Path) -> set[str]:
    """The files the last build wrote; nothing when there is no readable manifest."""
    try:
        names = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {name for name in names if isinstance(name, str) and ".." not in name.replace("\\", "/").split("/")}


def _remove(target: Path, relative: str) -> int:
    """Remove one file digest wrote, and the folders it leaves empty; 1 when a file went."""
    path = target / relative
    if not path.is_file() or path.is_symlink():
        return 0
    path.unlink()
    folder = path.parent
    while folder != target and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
    return 1
