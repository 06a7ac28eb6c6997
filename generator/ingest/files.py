"""Finding input files inside the input folder and decoding them to text with front matter split off."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ftfy
import yaml

from ..models import Finding

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown")
_INVISIBLE = dict.fromkeys(
    [c for c in range(0x20) if chr(c) not in "\n\t"] + [0x7F, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
)


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded input file: its path relative to the input folder, front matter and body."""

    relative_path: str
    front_matter: dict[str, Any]
    body: str


def discover(root: Path) -> tuple[list[Path], list[Finding]]:
    """Every regular file under ``root`` in a stable order; symlinks leaving ``root`` are refused."""
    root = root.resolve()
    found: list[Path] = []
    findings: list[Finding] = []
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(directory) / name
            relative = path.relative_to(root).as_posix()
            if name.startswith("."):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                findings.append(Finding(relative, "symbolic link pointing outside the input folder; not followed"))
            elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
                findings.append(Finding(relative, f"unsupported file type '{path.suffix or name}'; skipped"))
            else:
                found.append(path)
    return found, findings


def read_source(path: Path, root: Path) -> tuple[SourceText | None, list[Finding]]:
    """Decode one file; return None with a finding when it cannot be used at all."""
    relative = path.resolve().relative_to(root.resolve()).as_posix() if not path.is_symlink() \
        else path.relative_to(root).as_posix()
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        return None, [Finding(relative, "binary file (contains NUL bytes); skipped")]
    text, findings = _decode(data, relative)
    text = normalise_text(text)
    if not text.strip():
        return None, [*findings, Finding(relative, "empty file; skipped")]
    front_matter, body, error = split_front_matter(text)
    if error:
        findings.append(Finding(relative, error))
    return SourceText(relative, front_matter, body), findings


def _decode(data: bytes, relative: str) -> tuple[str, list[Finding]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        note = Finding(relative, f"not valid UTF-8 (byte {error.start}); read as Windows-1252")
        return data.decode("cp1252", errors="replace"), [note]


def normalise_text(text: str) -> str:
    """Repair mojibake, unify line endings, drop control and zero-width characters, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    text = text.translate(_INVISIBLE).replace("\u00a0", " ")
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

