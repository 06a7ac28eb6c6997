"""What a fetch writes: one Markdown file per article in the input folder (a path made by digest
from the address, the same for the same address), and in the cache what was fetched before and
each feed's ETag and Last-Modified."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..analyze.cache import write_atomically

FOLDER = "fetched"
"""Fetched articles go under ``<input>/fetched/<host>/``."""


@dataclass
class FetchState:
    """Kept in ``<cache_dir>/fetch/state.json``."""

    feeds: dict[str, dict[str, str]] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    """Normalised article address -> the file written for it."""
    guids: set[str] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)
    """SHA-256 of each written article's text, so the same text under another address is not kept twice."""

    @classmethod
    def load(cls, path: Path) -> FetchState:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(dict(raw["feeds"]), dict(raw["urls"]), set(raw["guids"]), set(raw["texts"]))
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, path: Path) -> None:
        data = {"feeds": dict(sorted(self.feeds.items())), "urls": dict(sorted(self.urls.items())),
                "guids": sorted(self.guids), "texts": sorted(self.texts)}
        write_atomically(path, json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"))


def text_key(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()


def article_path(input_dir: Path, url: str) -> Path:
    """``<input>/fetched/<host>/<hash of the address>.md``: never a name taken from the address or title."""
    host = re.sub(r"[^a-z0-9.-]+", "-", urlsplit(url).hostname or "unknown").strip(".-") or "unknown"
    name = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    path = (input_dir / FOLDER / host / f"{name}.md").resolve()
    if not path.is_relative_to(input_dir.resolve()):
        raise ValueError(f"{path} is outside {input_dir}")
    return path


def write_article(path: Path, *, title: str, published: date | None, source: str, url: str, author: str,
                  feed: str, text: str, language: str = "") -> None:
    """Front matter (safe YAML, every value a plain string) and the text, paragraphs kept."""
    meta = {"title": title, "date": published.isoformat() if published else None, "source": source or None,
            "url": url, "author": author or None, "feed": feed, "language": language or None}
    front = yaml.safe_dump({k: v for k, v in meta.items() if v}, allow_unicode=True, sort_keys=False)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    document = f"---\n{front}---\n\n" + "\n\n".join(paragraphs) + "\n"
    write_atomically(path, document.encode("utf-8"))
