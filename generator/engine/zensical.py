"""Zensical, the successor of Material for MkDocs by its authors, builds the Markdown tree
(``tree.py``): it reads ``mkdocs.yml`` and the theme overrides, and runs no MkDocs plugins, which is
why digest hands it a finished tree rather than pages in memory. An optional extra
(``pip install 'digest[zensical]'``, pinned to the version tested), run in a child process as its
command line."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from ..errors import BuildError


def build_with_zensical(config_file: Path, strict: bool = False) -> None:
    """``zensical build`` on the tree's ``mkdocs.yml``; its failure is a ``BuildError``."""
    if importlib.util.find_spec("zensical") is None:
        raise BuildError("The zensical engine is not installed: pip install 'digest[zensical]' (or make setup)")
    command = [sys.executable, "-m", "zensical", "build", "--config-file", str(config_file)]
    done = subprocess.run([*command, *(["--strict"] if strict else [])], cwd=config_file.parent,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"Zensical build failed: {(done.stderr or done.stdout).strip()}")
