"""Escaping untrusted text for Markdown pages, so it can only ever show as text."""

from __future__ import annotations

from markupsafe import Markup

# Every character that can open Markdown, HTML or extension syntax becomes a numeric entity.
# Python-Markdown passes entities through untouched and the browser shows the character, so an
# article can contain "<script>", "[x](javascript:...)", "{: onclick }" or "--8<--" and it
# renders as those characters, never as markup.
_SPECIAL = "\\`*_{}[]()#+-.!<>&|~^=:\"'$%@"
_TABLE = {ord(ch): f"&#{ord(ch)};" for ch in _SPECIAL}


def md_text(value: object) -> str:
    """Inline Markdown for untrusted text: whitespace collapsed, every syntax character an entity."""
    return " ".join(str(value).split()).translate(_TABLE)


def finalize(value: object) -> object:
    """Jinja ``finalize``: anything printed is escaped unless Python marked it ``Markup``."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    return md_text(value)


def trusted(text: str) -> Markup:
    """Mark Markdown that digest wrote itself (links, paths) as safe to print as is."""
    return Markup(text)


def plain_title(title: str) -> str:
    """A title for places that may treat text as HTML (theme templates, feed titles): no angle brackets."""
    return title.replace("<", "‹").replace(">", "›")
