"""The YAML files shipped in ``generator/data``, read with libyaml's loader when PyYAML has it.

They are read on every build, and PyYAML's pure-Python loader took ten times as long as libyaml's
(about 15 ms a build here for the five files); they are digest's own files, so what the two loaders
say about a mistake never reaches a user. Files a user writes are read with ``yaml.safe_load``."""

from __future__ import annotations

from importlib import resources

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def shipped_text(name: str) -> str:
    return resources.files("generator").joinpath(f"data/{name}").read_text(encoding="utf-8")


def shipped_yaml(name: str) -> object:
    """The data of ``generator/data/<name>``."""
    return yaml.load(shipped_text(name), Loader=LOADER)  # a safe loader, C or Python
