"""Finding input files inside the input folder and decoding them to text with front matter split off."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ftfy
import yaml

from ..models import DateSource, Finding, RemovedLine

_GLUED_QUOTE = re.compile(r"([.!?,][\"”])([A-Z])")
"""A closing quote glued to the next word ('...appropriate."he said' has one after a capital)."""
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES)
HTML_SUFFIXES = (".html", ".htm")
_INVISIBLE = dict.fromkeys(
    [c for c in range(0x20) if chr(c) not in "\n\t"]
    + [0x7F, 0xAD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF]
)


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    relative: str
    """Path inside the input folder, with forward slashes: the article's name in reports and ids."""


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded input file: its relative path, its metadata and its body text."""

    relative_path: str
    front_matter: dict[str, Any]
    body: str
    metadata_source: DateSource = DateSource.FRONT_MATTER
    """What a date in ``front_matter`` is called in reports: front matter, or HTML metadata."""
    removed: tuple[RemovedLine, ...] = ()
    """Lines the reader itself left out (a page's text outside the extracted article)."""

    @property
    def extracted(self) -> bool:
        """The body is an article an extractor already took out of a page: cleaning by place is off."""
        return bool(self.removed)


def discover(root: Path) -> tuple[list[InputFile], list[Finding]]:
    """Every supported file under ``root`` in a stable order; symlinks leaving ``root`` are refused."""
    root = root.resolve()
    found: list[InputFile] = []
    findings: list[Finding] = []
    for directory, subdirs, names in os.walk(root):
        here = Path(directory)
        for name in sorted(d for d in subdirs if (here / d).is_symlink()):
            findings.append(Finding((here / name).relative_to(root).as_posix(),
                                    "symbolic link to a folder; not followed"))
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(n for n in names if not n.startswith(".")):
            item = InputFile(here / name, (here / name).relative_to(root).as_posix())
            finding = _refusal(item, root)
            if finding:
                findings.append(finding)
            else:
                found.append(item)
    return found, findings


def _refusal(item: InputFile, root: Path) -> Finding | None:
    if item.path.is_symlink() and not item.path.resolve().is_relative_to(root):
        return Finding(item.relative, "symbolic link pointing outside the input folder; not followed")
    if item.path.suffix.lower() not in TEXT_SUFFIXES + HTML_SUFFIXES:
        return Finding(item.relative, f"unsupported file type '{item.path.suffix or item.path.name}'; skipped")
    return None


def read_source(item: InputFile, data: bytes | None = None) -> tuple[SourceText | None, list[Finding]]:
    """Decode one file (``data``: its bytes, when already read); None with a finding when it cannot be used."""
    data = item.path.read_bytes() if data is None else data
    if b"\x00" in data[:8192]:
        return None, [Finding(item.relative, "binary file (contains NUL bytes); skipped")]
    text, findings = _decode(data, item.relative)
    text = normalise_text(text)
    if not text.strip():
        return None, [*findings, Finding(item.relative, "empty file; skipped")]
    if item.path.suffix.lower() in HTML_SUFFIXES:
        return _from_html(text, item.relative, findings)
    front_matter, body, error = split_front_matter(text)
    if error:
        findings.append(Finding(item.relative, error))
    if item.path.suffix.lower() in MARKDOWN_SUFFIXES:
        body = plain_markdown(body)
    if not front_matter and not error:
        front_matter, body = split_metadata_lines(body)
        if front_matter:
            return SourceText(item.relative, front_matter, body, DateSource.HEADER), findings
    return SourceText(item.relative, front_matter, body), findings


def _from_html(text: str, relative: str, findings: list[Finding]) -> tuple[SourceText | None, list[Finding]]:
    from .html import extract_html  # trafilatura's imports take 0.15 s; a folder of text files never needs them

    metadata, body, removed = extract_html(text)
    if not body.strip():
        return None, [*findings, Finding(relative, "no article text found in the HTML; skipped")]
    return SourceText(relative, metadata, normalise_text(body), DateSource.METADATA, removed), findings


def _decode(data: bytes, relative: str) -> tuple[str, list[Finding]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        note = Finding(relative, f"not valid UTF-8 (byte {error.start}); read as Windows-1252")
        return data.decode("cp1252", errors="replace"), [note]


_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1")


def plain_markdown(text: str) -> str:
    """The text of a Markdown file without the markup a reader does not see: heading marks ("#
    Hornets streak ends": the headline, read as a headline line is), images, link targets (the
    link's words stay) and strong emphasis marks. Other Markdown is read as written."""
    text = _HEADING.sub(r"\1", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    return _STRONG.sub(r"\2", text)


def normalise_text(text: str) -> str:
    """Repair mojibake, unify line endings, drop control and zero-width characters, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    text = text.translate(_INVISIBLE).replace("\u00a0", " ")
    text = _GLUED_QUOTE.sub(r"\1 \2", text)
    return unicodedata.normalize("NFC", text)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """Split YAML front matter (``---`` fenced) from the body; tags that build objects are refused."""
    if not text.startswith("---\n"):
        return {}, text, None
    end = text.find("\n---", 4)
    if end == -1:
        return {}, text, "front matter opened with '---' is never closed; read as text"
    block, body = text[4:end], text[end + 4:].lstrip("-").lstrip("\n")
    try:
        data = yaml.safe_load(block)
    except yaml.constructor.ConstructorError as error:
        tag = re.search(r"'([^']+)'", str(getattr(error, "problem", "")))
        name = f"'{tag.group(1)}'" if tag else "a tag"
        return {}, body, f"front matter refused: the YAML tag {name} would build an object; ignored"
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, body, f"malformed YAML front matter{where}: {reason}; front matter ignored"
    if data is None:
        return {}, body, None
    if not isinstance(data, dict):
        return {}, body, "front matter is not a mapping of key: value; ignored"
    return {str(k): v for k, v in data.items()}, body, None


METADATA_KEYS = {"title": "title", "headline": "title", "date": "date", "published": "date", "source": "source",
                 "outlet": "source", "publication": "source", "publisher": "source", "url": "url", "link": "url",
                 "author": "author", "authors": "author", "by": "author", "id": "id", "published date": "date",
                 "publish date": "date", "publication date": "date", "date published": "date", "source url": "url",
                 "original url": "url", "canonical url": "url"}
"""Keys of a plain-text metadata block and the front matter key each stands for."""
OTHER_METADATA_KEYS = frozenset({"tags", "category", "categories", "slug", "summary", "keywords", "modified",
                                 "updated", "lang", "language", "section", "description", "status"})
"""Keys that belong in such a block too (Pelican's, MultiMarkdown's); digest reads none of them."""
_METADATA_LINE = re.compile(r"([A-Za-z]+(?:[ _][A-Za-z]+)?)[ \t]*:[ \t]*(\S.*)")


def split_metadata_lines(text: str) -> tuple[dict[str, str], str]:
    """``Key: value`` lines opening a text file, the MultiMarkdown and Pelican convention ("Title:
    ...", "Date: ...", "Author: ..."), as front matter; the block ends at the first line that is
    not one. Only those conventions' keys count, and one of them must name the title, the outlet,
    the address or the author: a text opening "Washington: ..." or "Update: ..." stays text, and so
    does a lone "Date: 2026-03-02" (the date header, read as before)."""
    lines = text.split("\n")
    found: dict[str, str] = {}
    end = 0
    while end < len(lines):
        match = _METADATA_LINE.fullmatch(lines[end].strip())
        key = match.group(1).lower().replace("_", " ") if match else ""
        if key not in METADATA_KEYS and key not in OTHER_METADATA_KEYS:
            break
        found.setdefault(METADATA_KEYS.get(key, key), _unquoted(match.group(2).strip()))
        end += 1
    if not found.keys() & {"title", "source", "url", "author"}:
        return {}, text
    return found, "\n".join(lines[end:]).lstrip("\n")


def _unquoted(value: str) -> str:
    return value[1:-1].strip() if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'" else value
