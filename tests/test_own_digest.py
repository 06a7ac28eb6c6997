"""The README's "Start your own digest", followed as written: its files, its commands, its workflow.

The articles are this test's own (local harbour news), so the section is tried on a subject that
none of the project's other data is about."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import REPO
from .test_workflow import lint

pytestmark = pytest.mark.e2e

DIGEST = str(Path(sys.executable).parent / "digest")

ARTICLES = {
    "ferry-timetable.txt": """date 2026-03-02
Winter ferry timetable cut to four sailings a day

The Harbour Authority said on Monday that the ferry crossing to the island will run four sailings a
day from next week, down from six, because one of the two vessels is going into dry dock.
Passengers with cars are asked to book, as the route is expected to be full at weekends.
"We know this is hard for people who commute," said Mira Talvik, who runs the ferry service.
Talvik said the second vessel would return to the route in April once its engines were refitted.
""",
    "ferry-passengers.txt": """date 2026-03-09
Ferry passengers queue for hours after timetable change

Passengers waited up to three hours for the morning crossing on Saturday, the first weekend of the
reduced ferry timetable. The Port Authority added a relief sailing in the afternoon.
Mira Talvik said the route would keep the extra sailing on Saturdays until the second vessel is back.
Island businesses said fewer passengers had come over for the market than in any March they remember.
""",
    "dredging-contract.txt": """date 2026-03-04
Dredging contract awarded for the inner harbour

The Harbour Authority has awarded a contract for dredging the inner harbour to a contractor from the
coast, at a cost of 4.2 million euros. Work on the berth for larger cargo ships starts in May.
The dredging will deepen the channel by two metres, so that ships can reach the new quay at low tide.
Construction of the quay itself is due to begin once the dredging is finished, the Authority said.
""",
    "crane-arrives.txt": """date 2026-03-11
New container crane arrives at the east quay

A new container crane arrived by barge at the east quay on Wednesday, the largest the port has
owned. Engineers from the contractor will spend six weeks assembling it at its berth.
The Port Authority said the crane would double the number of containers the quay can handle in a day.
Construction workers closed the quay road for the delivery, and it reopened in the evening.
""",
}


def section(name: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(f"## {name}\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def blocks(text: str, language: str) -> list[str]:
    found = re.finditer(rf"^( *)```{language}\n(.*?)^\1```$", text, flags=re.MULTILINE | re.DOTALL)
    return [textwrap.dedent(match[2]) for match in found]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def newest_articles(home: str) -> int:
    return home.split('id="newest-articles"', 1)[1].split("</article>", 1)[0].count("<h3")


def test_start_your_own_digest(tmp_path: Path) -> None:
    readme = section("Start your own digest")
    commands = [line for block in blocks(readme, "sh") for line in block.splitlines() if line.strip()]
    mkdir, cd = commands[0], commands[1]
    assert mkdir.startswith("mkdir -p ") and cd.startswith("cd ")
    subprocess.run(mkdir, shell=True, cwd=tmp_path, check=True)
    folder = tmp_path / cd.removeprefix("cd ").strip()
    for name, text in ARTICLES.items():
        (folder / "articles" / name).write_text(text, encoding="utf-8")
    files = {block.splitlines()[0].removeprefix("# "): block for block in blocks(readme, "yaml")}
    assert set(files) == {"mkdocs.yml", "digest.yml", "aliases.yml", "themes.yml", ".github/workflows/site.yml"}
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "site").mkdir()
    (folder / "site" / "CNAME").write_text("harbour.example\n", encoding="utf-8")

    check, build, serve = (command.replace("../digest/.venv/bin/digest", DIGEST).split() for command in commands[2:5])
    done = subprocess.run(check, cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    done = subprocess.run(build, cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

    site = folder / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Harbour watch" in home
    for page in ("stories/", "digests/", "timeline/", "actors/", "themes/", "feeds/"):
        assert f'<a href="{page}" class="md-nav__link">' in home, page  # the navigation digest supplies
    assert (site / "stylesheets" / "digest.css").is_file() and "stylesheets/digest.css" in home
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    assert (site / "CNAME").read_text(encoding="utf-8") == "harbour.example\n"
    assert (folder / ".digest-cache").is_dir()

    actors = json.loads((site / "data" / "actors.json").read_text(encoding="utf-8"))
    authority = [actor for actor in actors if "Authority" in actor["name"]]
    assert [actor["name"] for actor in authority] == ["Harbour Authority"], authority
    assert authority[0]["kind"] == "organization"
    assert len(authority[0]["articles"]) == 4
    exported = json.loads((site / "data" / "themes.json").read_text(encoding="utf-8"))
    themes = {theme["label"]: theme for theme in exported}
    assert set(themes) <= {"Ferries", "Port works"}
    assert len(themes["Ferries"]["articles"]) == 2 and len(themes["Port works"]["articles"]) == 2

    assert lint(folder / ".github" / "workflows" / "site.yml") == []

    port = free_port()
    server = subprocess.Popen([*serve, "--dev-addr", f"127.0.0.1:{port}"], cwd=folder,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = wait_for_address(server)
        assert url == f"http://127.0.0.1:{port}/harbour-watch/"
        assert newest_articles(fetch(url)) == 4
        with (folder / "digest.yml").open("a", encoding="utf-8") as options:
            options.write("home_articles: 1\n")
        assert wait_until(lambda: newest_articles(fetch(url)) == 1)
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for_address(server: subprocess.Popen) -> str:
    assert server.stdout is not None
    for line in server.stdout:
        found = re.search(r"Serving on (http://\S+)", line)
        if found:
            threading.Thread(target=server.stdout.read, daemon=True).start()  # the pipe never fills
            return found[1]
    raise AssertionError(f"digest serve stopped (exit {server.wait()})")


def wait_until(condition, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(1)
    return False


def test_the_readme_workflow_uses_the_same_actions_as_ours() -> None:
    ours = set(re.findall(r"uses: (\S+@\S+)", (REPO / ".github" / "workflows" / "site.yml").read_text()))
    theirs = set(re.findall(r"uses: (\S+@\S+)", section("Start your own digest")))
    assert theirs == ours

