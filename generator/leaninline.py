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

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

TRIGGERS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "short_reference": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_image_ref": ("![",),
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


class LeanInlineExtension(Extension):
    """Register with ``extensions=[LeanInlineExtension()]``."""

    def extendMarkdown(self, md: Markdown) -> None:
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
