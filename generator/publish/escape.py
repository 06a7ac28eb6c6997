"""Escaping untrusted text for Markdown pages, so it can only ever show as text."""

from __future__ import annotations

import functools
import re
import urllib.parse

from markupsafe import Markup

# Characters that can open Markdown, HTML or extension syntax anywhere in a line become numeric
# entities; Python-Markdown passes entities through untouched and the browser shows the character.
# With "[", "<", "{" and "`" escaped no link, tag, attribute list or code span can form, so "(",
# ":" or "!" are harmless; characters that only matter at the start of a line ("#", "-", "+",
# "1.", "=") are escaped there. So "<script>", "[x](javascript:...)", "{: onclick }" and
# "--8<--" render as those characters, never as markup.
_ANYWHERE = "\\`*_{}[]<>&|~^$"
_TABLE = {ord(ch): f"&#{ord(ch)};" for ch in _ANYWHERE}
_LINE_START = re.compile(r"^([#=+\-]|\d+(?=[.)]))")


def md_text(value: object) -> str:
    """Inline Markdown for untrusted text: whitespace collapsed, syntax characters as entities."""
    text = str(value)
    return _remembered(text) if len(text) <= 200 else _escaped(text)


@functools.lru_cache(maxsize=1 << 16)
def _remembered(text: str) -> str:
    """Names and titles are printed on page after page; long text (paragraphs) is not remembered."""
    return _escaped(text)


def _escaped(value: str) -> str:
    text = " ".join(value.split()).translate(_TABLE)
    return _LINE_START.sub(lambda m: "".join(f"&#{ord(ch)};" for ch in m.group()), text)


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


def web_link(text: str, address: str) -> Markup:
    """A Markdown link to an http(s) address digest checked at ingestion, with every character
    that could end the link or start markup percent-encoded."""
    quoted = urllib.parse.quote(address, safe=":/?#@!$&*+,;=%-._~")
    return Markup(f"[{md_text(text)}]({quoted})")
