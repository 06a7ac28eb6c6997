"""Slugs and output paths, made in one place and kept inside the output folder."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

MAX_SLUG = 60
_RESERVED = frozenset({"index", "assets", "search", "data", "feed", "atom", "404"})


def slugify(text: str, fallback: str = "item") -> str:
    """ASCII, lower-case, hyphen-separated; never empty, never a reserved name, at most 60 chars."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG:
            break
        slug = candidate
    slug = slug or words[0][:MAX_SLUG] if words else slug
    if not slug:
        slug = f"{fallback}-{hashlib.sha256(text.encode()).hexdigest()[:8]}"
    return f"{slug}-1" if slug in _RESERVED else slug


def article_slug(title: str, article_id: str) -> str:
    """Title words plus the start of the stable id: unique, and unchanged when namesakes arrive."""
    return f"{slugify(title, 'article')}-{article_id[:6]}"


def unique_slugs(names: dict[str, str]) -> dict[str, str]:
    """Slug per key; names that collide get a short hash of the key, so each slug is stable."""
    base = {key: slugify(name) for key, name in names.items()}
    counts: dict[str, int] = {}
    for slug in base.values():
        counts[slug] = counts.get(slug, 0) + 1
    return {key: slug if counts[slug] == 1 else f"{slug}-{hashlib.sha256(key.encode()).hexdigest()[:6]}"
            for key, slug in base.items()}


@functools.lru_cache(maxsize=1 << 16)
def page_path(section: str, slug: str) -> str:
    """The Markdown source path of a generated page; a slug that could leave its section is refused.
    Remembered: a site links the same few thousand pages from every listing."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise ValueError(f"unsafe slug {slug!r}")
    return f"{section}/{slug}.md" if section else f"{slug}.md"


def page_url(path: str) -> str:
    """Site-relative URL of a generated Markdown page (MkDocs directory URLs)."""
    stem = path[:-3]
    if stem == "index":
        return ""
    return (stem[: -len("index")] if stem.endswith("/index") else stem + "/")
