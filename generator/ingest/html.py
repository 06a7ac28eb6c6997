"""Saved web pages: the page's visible text, the article's lines in it (trafilatura), the headline.

Every visible text block of the page becomes a line, so the audit trail can account for all of
it: the lines trafilatura's precise extraction finds are the article; lines only its recall-oriented
extraction finds are recovered when they lie between the first and last precise line (the
article's own span); every other line is removed with the rule ``html-boilerplate``. A page the
extractor finds nothing in is handed on as its visible text, for the plain-text cleaning rules.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
import trafilatura

from ..models import RemovedLine

_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas")
_BLOCKS = frozenset("""address article aside blockquote body br dd details dialog div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul
option button label caption""".split())
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»|/)\s+")
SUBSTRING_BUDGET = 200_000_000
"""Lines are also looked for inside the extracted text (character comparisons) up to this cost;
past it, only whole-line matches count, so a huge page stays linear."""


def extract_html(html: str) -> tuple[dict[str, Any], str, tuple[RemovedLine, ...]]:
    """(metadata in front matter keys, the article's lines as paragraphs, the page lines left out)."""
    tree = _parse(html)
    if tree is None:
        return {}, "", ()
    precise = _extract(html, favor_precision=True)
    lines = visible_lines(tree)
    if precise is None or not (precise.text or "").strip():
        # Nothing the extractor recognises: the page's text goes to the cleaning rules for plain text.
        title = headline(tree, None)
        return {"title": title} if title else {}, "\n".join(lines), ()
    recall = _extract(html, favor_recall=True)
    chosen = _article_lines(lines, precise.text, recall.text if recall is not None else "")
    page_title = tree.findtext(".//title") or ""
    names = {_key(name).casefold() for name in (precise.sitename, page_title) if name}
    chosen = {index for index in chosen if lines[index].casefold() not in names}  # the site's name as a heading
    title = headline(tree, precise.sitename) or precise.title
    metadata = {"title": title, "date": precise.date, "url": precise.url, "author": precise.author,
                "source": precise.sitename or site_in_title(page_title, title)}
    metadata = {key: value for key, value in metadata.items() if value}
    if not chosen:  # the extractor's text does not follow the page's blocks: trust it as it is
        return metadata, precise.text, ()
    body = "\n\n".join(line for index, line in enumerate(lines) if index in chosen)
    removed = tuple(RemovedLine(line, "html-boilerplate") for index, line in enumerate(lines) if index not in chosen)
    return metadata, body, removed


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def _extract(html: str, **options: bool) -> Any:
    return trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                       **options)


def visible_lines(tree: lxml.html.HtmlElement) -> list[str]:
    """The page's visible text, one line per block element, whitespace collapsed."""
    chunks: list[str] = []
    _walk(tree, chunks)
    text = "".join(chunks)
    return [line for line in (" ".join(part.split()) for part in text.split("\n")) if line]


def _walk(element: Any, chunks: list[str]) -> None:
    stack: list[tuple[Any, bool]] = [(element, False)]
    while stack:  # iterative, so a deeply nested page cannot exhaust the recursion limit
        node, closing = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""
        if closing:
            chunks.append("\n" if tag in _BLOCKS else "")
            chunks.append(node.tail or "")
            continue
        if tag in _INVISIBLE or not isinstance(node.tag, str):
            chunks.append(node.tail or "")
            continue
        chunks.append("\n" if tag in _BLOCKS else "")
        chunks.append(node.text or "")
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))


def _key(text: str) -> str:
    return " ".join(text.split())


def _article_lines(lines: list[str], precise: str, recall: str) -> set[int]:
    """Indices of the page lines the precise extraction holds, and recall-only lines inside their span."""
    found = _found_in(lines, precise)
    if not found:
        return set()
    first, last = min(found), max(found)
    recovered = _found_in(lines[first:last + 1], recall)
    return found | {first + index for index in recovered}


def _found_in(lines: list[str], text: str) -> set[int]:
    whole = {_key(line) for line in text.split("\n") if line.strip()}
    flat = _key(text)
    search = len(flat) * len(lines) <= SUBSTRING_BUDGET
    return {index for index, line in enumerate(lines)
            if line in whole or (search and len(line.split()) >= 2 and line in flat)}


def headline(tree: lxml.html.HtmlElement, sitename: str | None) -> str | None:
    """The headline a reader sees above the article: an ``<h1>`` that ``og:title`` or ``<title>``
    confirms, else ``og:title``, else ``<title>``, with the site's name and section taken off."""
    social = _meta(tree, "og:title") or _meta(tree, "twitter:title")
    page_title = _key(tree.findtext(".//title") or "")
    named = [_strip_site(title, sitename) for title in (social, page_title) if title]
    for h1 in tree.iter("h1"):
        text = _key(h1.text_content())
        confirmed = any(text.casefold() in title.casefold() for title in (social, page_title) if title)
        if len(text.split()) >= 3 and confirmed:
            return text
    return next((title for title in named if title), None)


def site_in_title(page_title: str, title: str | None) -> str | None:
    """The site's name a page's ``<title>`` ends on after the headline ("Council approves library
    budget | Fenwick Gazette"), when the page names no site otherwise: the last part, when the
    first is the headline and there are just two."""
    parts = [part.strip() for part in _TITLE_SEPARATORS.split(_key(page_title)) if part.strip()]
    if title and len(parts) == 2 and parts[0].casefold() == title.casefold() and 1 <= len(parts[1].split()) <= 5:
        return parts[1]
    return None


def _meta(tree: lxml.html.HtmlElement, name: str) -> str | None:
    for meta in tree.iter("meta"):
        if name in (meta.get("property"), meta.get("name")) and (meta.get("content") or "").strip():
            return _key(meta.get("content"))
    return None


def _strip_site(title: str, sitename: str | None) -> str:
    """The longest part of ``Headline | Section | Site``, never the site's name."""
    parts = [part for part in _TITLE_SEPARATORS.split(title) if part.strip()]
    if sitename:
        parts = [part for part in parts if part.casefold() != sitename.casefold()] or parts
    return max(parts, key=lambda part: len(part.split()), default=title).strip()
