"""The alias file: a user's YAML of aliases, names to ignore, names to keep apart and kinds, checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..config import shipped_yaml
from ..errors import ConfigError
from ..models import ActorKind
from .names import form_key

KEYS = ("aliases", "ignore", "separate", "kinds")


@dataclass(frozen=True, slots=True)
class AliasSpec:
    """What users (and the shipped defaults) say about actors, keyed by ``form_key``."""

    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Canonical name -> other names of the same actor."""
    ignore: frozenset[str] = frozenset()
    """Names that never become actors."""
    separate: frozenset[str] = frozenset()
    """Names the automatic rules must not merge with any other name (aliases still apply)."""
    kinds: dict[str, ActorKind] = field(default_factory=dict)
    """Name -> the kind its actor has, whatever spaCy's labels say."""
    priority: int = 0


def load_aliases(path: Path | None) -> tuple[AliasSpec, ...]:
    """The shipped defaults, then the user's file when given (later entries win)."""
    specs = [parse_aliases(shipped_yaml("aliases.yml"), "generator/data/aliases.yml", priority=1)]
    if path is not None:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise ConfigError(str(path), [f"not valid YAML: {error}"]) from None
        specs.append(parse_aliases(data, str(path), priority=2))
    return tuple(specs)


def parse_aliases(data: Any, where: str, priority: int = 2) -> AliasSpec:
    """Check the structure, collecting every error with its key, then build the spec."""
    if data is None:
        return AliasSpec(priority=priority)
    if not isinstance(data, dict):
        raise ConfigError(where, ["the alias file must be a mapping with keys " + ", ".join(KEYS)])
    errors = [f"'{key}': unknown key (known: {', '.join(KEYS)})" for key in data if key not in KEYS]
    aliases = _aliases(data.get("aliases") or {}, errors)
    ignore = _names(data.get("ignore") or [], "ignore", errors)
    separate = _names(data.get("separate") or [], "separate", errors)
    kinds = _kinds(data.get("kinds") or {}, errors)
    if errors:
        raise ConfigError(where, errors)
    return AliasSpec(aliases, frozenset(map(form_key, ignore)), frozenset(map(form_key, separate)),
                     {form_key(k): v for k, v in kinds.items()}, priority)


def _aliases(value: Any, errors: list[str]) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        errors.append("'aliases': expected a mapping of canonical name: [other names]")
        return {}
    result = {}
    for name, others in value.items():
        if not isinstance(others, list) or not all(isinstance(o, str) and o.strip() for o in others):
            errors.append(f"'aliases.{name}': expected a list of names")
        else:
            result[str(name)] = tuple(others)
    return result


def _names(value: Any, key: str, errors: list[str]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        errors.append(f"'{key}': expected a list of names")
        return []
    return value


def _kinds(value: Any, errors: list[str]) -> dict[str, ActorKind]:
    if not isinstance(value, dict):
        errors.append("'kinds': expected a mapping of name: kind")
        return {}
    known = [kind.value for kind in ActorKind]
    result = {}
    for name, kind in value.items():
        if kind not in known:
            errors.append(f"'kinds.{name}': expected one of {', '.join(known)}, got {kind!r}")
        else:
            result[str(name)] = ActorKind(kind)
    return result
