"""The JSON export under ``data/``: a stable, documented interface for other tools."""

from __future__ import annotations

import json
from typing import Any

from ..models import Digest


def render_export(digest: Digest) -> dict[str, bytes]:
    """``data/articles.json``, ``actors.json``, ``themes.json`` and ``stories.json`` as bytes."""
    documents = {
        "data/articles.json": [_article(entry) for entry in digest.entries],
        "data/actors.json": [{"id": a.id, "name": a.name, "kind": a.kind.value, "aliases": list(a.aliases),
                              "articles": list(a.article_ids), "mentions": a.mentions, "page": a.page}
                             for a in digest.actors],
        "data/themes.json": [{"id": t.id, "label": t.label, "articles": list(t.article_ids)} for t in digest.themes],
        "data/stories.json": [{"id": s.id, "title": s.title, "articles": list(s.article_ids),
                               "summary": list(s.summary), "start": _iso(s.start), "end": _iso(s.end)}
                              for s in digest.stories],
    }
    return {path: _dump(data) for path, data in documents.items()}


def _article(entry) -> dict[str, Any]:
    article = entry.article
    return {"id": article.id, "title": article.title, "date": _iso(article.date),
            "date_source": article.date_source.value, "source_file": article.source_file, "url": entry.url,
            "source_url": article.source_url,
            "summary": list(entry.summary), "actors": list(entry.actor_ids), "themes": list(entry.theme_ids),
            "story": entry.story_id,
            "quotes": [{"text": q.text, "speaker": q.speaker, "speaker_name": q.written}
                       for q in entry.quotes]}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _dump(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
