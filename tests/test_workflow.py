"""The GitHub Actions workflow: linted offline, least privilege, pull requests never deploy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "site.yml"


def load() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def test_zizmor_finds_nothing() -> None:
    zizmor = Path(sys.executable).parent / "zizmor"
    done = subprocess.run([str(zizmor), "--offline", str(WORKFLOW)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_triggers_and_permissions() -> None:
    workflow = load()
    assert set(workflow["on"]) == {"push", "pull_request"}
    assert workflow["permissions"] == {}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["needs"] == "build"


def test_build_job_tests_then_builds_strictly_and_uploads_on_main_only() -> None:
    steps = load()["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert runs.index("make test") < runs.index(".venv/bin/digest build --strict")
    upload = next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    cache = next(s for s in steps if "actions/cache" in s.get("uses", ""))
    assert cache["with"]["path"] == "~/.cache/pip"
    assert load()["jobs"]["build"]["container"]["image"].startswith("python:3.11-bookworm")
    for step in steps:
        if "uses" in step:
            assert len(step["uses"].split("@")[1]) == 40, step["uses"]  # pinned to a commit
