"""The lean inline extension changes how fast pages convert, never what they convert to."""

from __future__ import annotations

import markdown
import pytest

from generator.engine.speedups.leaninline import LeanInlineExtension

from .conftest import REPO, SEEDS

EVERY_SYNTAX = """# Title with `code` and *emphasis*

A [link](other.md), a [reference][r], a [short one], ![an image](a.png), ![ref image][r] and ![r].
An <http://example.org/autolink>, a <me@example.org>, inline <b>HTML</b> &amp; entities &#91;.
Escaped \\*stars\\*, __strong__, _em_, **strong**, ***both*** and a line break{BREAK}here, and a tab break\t
there.

[r]: target.md
[short one]: short.md

<div markdown="1">Raw *block*</div>
""".replace("{BREAK}", "  \n")


LINKS = [
    "[a](b.md) and [c](d.md \"title\") and [e](<f g.md> 'h') and [i]( j.md ) and [k](l(m).md)",
    "[nested [brackets]](x.md) [unclosed](x.md [no close", "[text](x.md'quote) [t](x.md\"q\")",
    "[a]\n(b.md) [esc\\]aped](y.md) [x](y\\)z.md) [](empty.md) [e]() [a](b.md)(c) [a] (b.md)",
    "[ref][r] and [r] undefined, then [r]\n\n[r]: defined.md",
    "* [list](x.md)\n\n> [quoted](y.md)\n\n> [r]: in-a-quote.md\n\n[r]",
]
"""Inline links the quick reader takes, and the ones it must leave to the original."""


def convert(text: str, lean: bool) -> str:
    extensions = ["toc", "attr_list", "md_in_html", *([LeanInlineExtension()] if lean else [])]
    return markdown.Markdown(extensions=extensions).convert(text)


@pytest.mark.parametrize("text", [
    EVERY_SYNTAX,
    *EVERY_SYNTAX.splitlines(),
    "Plain prose with no markup at all, only words.",
    "Entities only: &#91;x&#93;(y) and &#60;script&#62;",
    "Two spaces then CR LF  \r\nnext line",
    *LINKS,
])
def test_lean_conversion_gives_the_same_html(text: str) -> None:
    assert convert(text, lean=True) == convert(text, lean=False)


def test_patterns_a_page_cannot_use_are_left_out_and_put_back() -> None:
    md = markdown.Markdown(extensions=[LeanInlineExtension()])
    def registered() -> set[tuple[str, float]]:
        return {(item.name, item.priority) for item in md.inlinePatterns._priority}

    everything = registered()
    seen: list[set[str]] = []
    original_run = md.treeprocessors["inline"].run

    def spy(tree, *args):
        seen.append({name for name, _ in registered()})
        return original_run(tree, *args)

    md.treeprocessors["inline"].run = spy
    assert md.convert("A [link](x.md) &amp; text.") == '<p>A <a href="x.md">link</a> &amp; text.</p>'
    assert seen[0] == {"link", "entity"}  # no reference definitions: the reference patterns are out too
    assert registered() == everything
    assert md.convert("*em*") == "<p><em>em</em></p>"  # the same instance again, complete


@pytest.mark.e2e
def test_generated_pages_convert_identically() -> None:
    """Every page digest generates for the seeds (real model), converted with and without it."""
    from generator.build import SiteInfo, generate
    from generator.config import load_config

    config = load_config(REPO / "digest.yml", input=str(SEEDS), cache_dir=None)
    pages = generate(config, SiteInfo("Digest", "https://example.org/")).pages
    assert len(pages) > 30
    for path, text in sorted(pages.items()):
        assert convert(text, lean=True) == convert(text, lean=False), path


def test_definitions_left_from_an_earlier_conversion_still_count() -> None:
    """Python-Markdown keeps reference definitions between conversions until ``reset()``."""
    def second(lean: bool) -> str:
        md = markdown.Markdown(extensions=[LeanInlineExtension()] if lean else [])
        md.convert("[r]: kept.md")
        return md.convert("A [r] and [text][r].")

    assert second(lean=True) == second(lean=False) == '<p>A <a href="kept.md">r</a> and <a href="kept.md">text</a>.</p>'
