"""What `digest build` tells its user: which files a rebuild analysed, and a progress bar on a
terminal only."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import REPO, SEEDS

pytestmark = pytest.mark.e2e


def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    (folder / "docs").mkdir(parents=True)
    shutil.copytree(SEEDS, folder / "articles")
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "digest.yml").write_text("input: articles\n", encoding="utf-8")
    return folder


def test_a_rebuild_names_the_files_it_analysed(tmp_path: Path) -> None:
    folder = project(tmp_path)
    config = str(folder / "mkdocs.yml")
    first = CliRunner().invoke(main, ["build", "-f", config])
    assert first.exit_code == 0, first.output
    assert "(5 analysed, 0 from the cache)" in first.output
    assert "Analysed (new or changed" not in first.output  # everything was: no list
    changed = sorted((folder / "articles").iterdir())[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nTalks resume in January.\n", encoding="utf-8")
    (folder / "articles" / "zz-new.txt").write_text(
        "date 2022-01-03\nMinisters met in Vienna on Monday to discuss grain exports through the Black Sea.\n",
        encoding="utf-8")
    second = CliRunner().invoke(main, ["build", "-f", config])
    assert second.exit_code == 0, second.output
    assert "(2 analysed, 4 from the cache)" in second.output
    assert f"Analysed (new or changed since the last build): {changed.name}, zz-new.txt." in second.output


def run_build(folder: Path, terminal: bool) -> str:
    """`digest build` with a progress bar from the first new article (instead of 200)."""
    command = [sys.executable, "-c", "import sys; import generator.cli as cli; cli.PROGRESS_MINIMUM = 1; "
               "sys.argv[0] = 'digest'; cli.main()", "build", "-f", str(folder / "mkdocs.yml")]
    if not terminal:
        return subprocess.run(command, capture_output=True, text=True, check=True).stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the build ended
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait() == 0, output
    return output.decode("utf-8", "replace")


def test_the_progress_bar_shows_on_a_terminal_only(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "digest.yml").write_text("input: articles\ncache_dir: ''\n", encoding="utf-8")
    on_terminal = run_build(folder, terminal=True)
    assert "Analysing new articles" in on_terminal and "100%" in on_terminal
    piped = run_build(folder, terminal=False)
    assert "Analysing new articles" not in piped and "Built 5 articles" in piped
