"""Shared fixtures: the repository paths and one real build of seeds/ per test session."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE_URL = "https://example.github.io/digest/"


def load_json(site: Path, name: str) -> list[dict]:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from seeds/ with the real spaCy model, with --strict."""
    from generator.site import build_site

    site_dir = tmp_path_factory.mktemp("seeds-site")
    build_site(REPO / "mkdocs.yml", input_dir=SEEDS, site_dir=site_dir, strict=True)
    return site_dir


def fixture_site(tmp_path_factory: pytest.TempPathFactory, name: str, strict: bool = False) -> Path:
    """The site built from a copy of ``fixtures/<name>`` with the real model."""
    from generator.site import build_site

    input_dir = tmp_path_factory.mktemp(f"{name}-input")
    for path in (FIXTURES / name).iterdir():
        shutil.copy(path, input_dir / path.name)
    site_dir = tmp_path_factory.mktemp(f"{name}-site")
    build_site(REPO / "mkdocs.yml", input_dir=input_dir, site_dir=site_dir, strict=strict)
    return site_dir


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_site(tmp_path_factory, "hostile")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from seeds/ by the zensical engine, with --strict."""
    from generator.site import build_site

    site_dir = tmp_path_factory.mktemp("zensical-site")
    build_site(REPO / "mkdocs.yml", input_dir=SEEDS, site_dir=site_dir, strict=True, engine="zensical")
    return site_dir
