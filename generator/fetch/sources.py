"""The sources to follow: an OPML file (what every feed reader exports) or a YAML list of feeds."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..errors import ConfigError


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    name: str = ""
    outlet: str = ""
    """Written as the articles' ``source``; empty: the site name the page gives."""
    language: str = ""
    """Written into the articles' front matter as ``language``, for other tools; digest reads English."""


def load_sources(path: Path) -> list[Source]:
    """Every feed of ``path``; a bad file or entry is a ``ConfigError`` naming the file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(str(path), [f"cannot read the sources file: {error.strerror or error}"]) from None
    sources, errors = (_opml(path, data), []) if path.suffix.lower() in (".opml", ".xml") else _yaml(path, data)
    errors += [f"'{s.url}' is not an http(s) address" for s in sources if not is_web_address(s.url)]
    if errors:
        raise ConfigError(str(path), errors)
    return sources


def is_web_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _opml(path: Path, data: bytes) -> list[Source]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise ConfigError(str(path), [f"not valid OPML: {error}"]) from None
    return [Source(o.get("xmlUrl", "").strip(), o.get("title") or o.get("text") or "")
            for o in root.iter("outline") if o.get("xmlUrl")]


def _yaml(path: Path, data: bytes) -> tuple[list[Source], list[str]]:
    try:
        raw = yaml.safe_load(data.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConfigError(str(path), [f"not valid YAML: {error}"]) from None
    if not isinstance(raw, list):
        raise ConfigError(str(path), ["expected a list of feed addresses or {url, name, outlet} entries"])
    sources, errors = [], []
    for number, item in enumerate(raw, start=1):
        if isinstance(item, str):
            sources.append(Source(item.strip()))
        elif isinstance(item, dict) and isinstance(item.get("url"), str):
            unknown = sorted(set(item) - {"url", "name", "outlet", "language"})
            if unknown:
                errors.append(f"entry {number}: unknown key(s) {', '.join(map(str, unknown))} "
                              "(known: url, name, outlet, language)")
            sources.append(Source(item["url"].strip(), str(item.get("name") or ""), str(item.get("outlet") or ""),
                                  str(item.get("language") or "")))
        else:
            errors.append(f"entry {number}: expected an address or a mapping with 'url'")
    return sources, errors
