"""A Markdown extension that leaves out, for one conversion, the inline patterns that cannot match.

Python-Markdown tries every inline pattern on every piece of text, and on digest's generated pages
that is most of the conversion time. Each core pattern needs a character to start: a link needs
``[``, an entity ``&``, a code span a backtick. Block processing only splits and trims the source,
so when none of a pattern's characters occur in the page (as written, nor after the other
preprocessors, which may include files) the pattern can match nothing,
and leaving it out gives byte-identical HTML, faster. Patterns this module does not know (from
other extensions) always stay. The patterns left out are put back when the conversion ends, so an
instance converted again starts complete.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import LinkInlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

TRIGGERS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("]:",),  # a reference link needs a definition, '[id]: target' (see REFERENCES)
    "link": ("[",),
    "short_reference": ("]:",),
    "image_link": ("![",),
    "image_reference": ("]:",),
    "short_image_ref": ("]:",),
    "autolink": ("<",),
    "automail": ("<",),
    "html": ("<",),
    "entity": ("&",),
    "linebreak": ("  \n", " \r", "\t"),  # tabs become spaces and CR LF becomes LF before inline work
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "not_strong": ("*", "_"),
}
"""Core pattern names (Python-Markdown 3.x) and the strings without which they cannot match."""
REFERENCES = frozenset({"reference", "short_reference", "image_reference", "short_image_ref"})
"""Patterns that make a link only from a definition; they find none when no definition is known
before the page is read and the page has none: undefined references stay text either way."""


class LeanInlineExtension(Extension):
    """Register with ``extensions=[LeanInlineExtension()]``."""

    def extendMarkdown(self, md: Markdown) -> None:
        _quicken_links(md)
        left_out: list[tuple[object, str, float]] = []
        source = _Source(md)
        md.preprocessors.register(source, "digest_lean_inline_source", 10_000)  # first
        md.preprocessors.register(_LeaveOut(md, left_out, source), "digest_lean_inline", -10_000)  # last
        md.postprocessors.register(_PutBack(md, left_out), "digest_lean_inline", -10_000)

    def __repr__(self) -> str:
        return "LeanInlineExtension()"  # stable: page cache keys include the extension list


class _Source(Preprocessor):
    """Remembers the page as written, before other preprocessors change it."""

    text = ""

    def run(self, lines: list[str]) -> list[str]:
        self.text = "\n".join(lines)
        return lines


class _LeaveOut(Preprocessor):
    def __init__(self, md: Markdown, left_out: list[tuple[object, str, float]], source: _Source) -> None:
        super().__init__(md)
        self.left_out = left_out
        self.source = source

    def run(self, lines: list[str]) -> list[str]:
        put_back(self.md, self.left_out)  # after a conversion that stopped half way
        text = self.source.text + "\n" + "\n".join(lines)
        patterns = self.md.inlinePatterns
        for entry in list(patterns._priority):
            if entry.name in REFERENCES and self.md.references:
                continue  # definitions known already: keep them all
            triggers = _triggers(entry.name, patterns[entry.name])
            if triggers is not None and not any(trigger in text for trigger in triggers):
                self.left_out.append((patterns[entry.name], entry.name, entry.priority))
                patterns.deregister(entry.name)
        return lines


class _PutBack(Postprocessor):
    def __init__(self, md: Markdown, left_out: list[tuple[object, str, float]]) -> None:
        super().__init__(md)
        self.left_out = left_out

    def run(self, text: str) -> str:
        put_back(self.md, self.left_out)
        return text


def _triggers(name: str, pattern: object) -> tuple[str, ...] | None:
    """The strings a pattern needs, or None when it is unknown (and so always kept)."""
    triggers = TRIGGERS.get(name)
    if triggers is None or type(pattern).__module__ != "markdown.inlinepatterns":
        return None
    extra = getattr(pattern, "delimiters", None)  # the delimiter processor's characters, '*' and '_'
    return triggers + tuple(extra) if isinstance(extra, dict) else triggers


def put_back(md: Markdown, left_out: list[tuple[object, str, float]]) -> None:
    for pattern, name, priority in left_out:
        md.inlinePatterns.register(pattern, name, priority)
    left_out.clear()


class _QuickLinkInlineProcessor(LinkInlineProcessor):
    """Python-Markdown's inline link, reading the common ``[text](target)`` with ``str.find``
    instead of a loop over characters; anything else goes the original way. Same results."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        close = data.find("]", index)
        if close != -1 and data.find("[", index, close) == -1:
            return data[index:close], close + 1, True
        return super().getText(data, index)

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        start = self.RE_LINK.match(data, pos=index)
        if start is not None and not start.group(1):
            close = data.find(")", start.end())
            if close != -1 and _NESTING.search(data, start.end(), close) is None:
                return self.unescape(data[start.end():close]).strip(), None, close + 1, True
        return super().getLink(data, index)


_NESTING = re.compile(r"""[('"]""")
"""Inside a link's parentheses, what makes the original loop do more than find the ')'."""


def _quicken_links(md: Markdown) -> None:
    patterns = md.inlinePatterns
    if "link" not in patterns or type(patterns["link"]) is not LinkInlineProcessor:
        return
    original = patterns["link"]
    priority = next(entry.priority for entry in patterns._priority if entry.name == "link")
    patterns.register(_QuickLinkInlineProcessor(original.pattern, md), "link", priority)
