"""Main text and metadata out of saved web pages, with trafilatura."""

from __future__ import annotations

from typing import Any

import trafilatura


def extract_html(html: str) -> tuple[dict[str, Any], str]:
    """(metadata in front matter keys, main text with one paragraph per line); empty text if none."""
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                           include_tables=False, favor_precision=True)
    if document is None:
        return {}, ""
    metadata = {"title": document.title, "date": document.date, "source": document.sitename,
                "url": document.url, "author": document.author}
    return {key: value for key, value in metadata.items() if value}, document.text or ""
