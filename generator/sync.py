"""Publishing a freshly built site over the previous one, rewriting only the files that changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def sync_tree(source: Path, target: Path) -> tuple[int, int]:
    """Make ``target`` hold exactly the files of ``source``: new or changed files are replaced,
    unchanged ones keep their bytes and times, files gone from ``source`` are removed.
    Returns (files written, files removed)."""
    target.mkdir(parents=True, exist_ok=True)
    written = removed = 0
    wanted = {path.relative_to(source) for path in source.rglob("*") if path.is_file()}
    for relative in sorted(wanted):
        new, old = source / relative, target / relative
        if old.is_file() and old.stat().st_size == new.stat().st_size and old.read_bytes() == new.read_bytes():
            continue
        old.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(new, old)
        written += 1
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target)
        if path.is_file() and relative not in wanted:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            os.rmdir(path)
    return written, removed
