"""Ingestion: an input folder becomes cleaned ``Article``s plus findings about the files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..models import Article, DateSource, Finding, RemovedLine, Severity
from . import clean, dates, titles
from .files import SourceText, discover, read_source

WRAP_WIDTH = 60
"""Lines shorter than this are never joined to the next one."""
MAX_CHARS = 1_000_000
"""spaCy's default length limit; longer articles are truncated with a problem reported."""


@dataclass(frozen=True, slots=True)
class Ingested:
    articles: tuple[Article, ...]
    findings: tuple[Finding, ...]


def ingest(root: Path) -> Ingested:
    """Read every supported file under ``root``; a bad file is reported, never fatal."""
    paths, findings = discover(root)
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for path in paths:
        article, file_findings = _read_article(path, root)
        findings.extend(file_findings)
        if article is None:
            continue
        fingerprint = hashlib.sha256(article.text.encode()).hexdigest()
        if fingerprint in seen:
            findings.append(Finding(article.source_file, f"same text as {seen[fingerprint]}; skipped as a duplicate"))
            continue
        seen[fingerprint] = article.source_file
        articles.append(article)
    return Ingested(tuple(articles), tuple(findings))


def _read_article(path: Path, root: Path) -> tuple[Article | None, list[Finding]]:
    try:
        source, findings = read_source(path, root)
    except OSError as error:
        relative = path.relative_to(root).as_posix()
        return None, [Finding(relative, f"cannot be read: {error.strerror or error}")]
    if source is None:
        return None, findings
    article, more = parse_article(source)
    return article, findings + more


def article_id(relative_path: str) -> str:
    """Stable id from the file's path in the input folder: the same file keeps its id and feed guid."""
    return hashlib.sha256(relative_path.encode("utf-8")).hexdigest()[:12]


def parse_article(source: SourceText) -> tuple[Article | None, list[Finding]]:
    """Clean one decoded file and find its date, title and outlet."""
    findings: list[Finding] = []
    body = source.body
    if len(body) > MAX_CHARS:
        findings.append(Finding(source.relative_path, f"{len(body)} characters, over {MAX_CHARS}; truncated"))
        body = body[:MAX_CHARS].rsplit("\n", 1)[0]
    lines = body.split("\n")
    header_date, lines = _take_header_date(lines)
    outlet, lines = _take_dateline(lines)
    kept, removed = clean.clean_lines(lines)
    paragraphs = _paragraphs(kept)
    fm = source.front_matter
    title, paragraphs = _choose_title(fm, paragraphs, removed)
    if not paragraphs:
        return None, [*findings, Finding(source.relative_path, "no article text left after cleaning; skipped")]
    outlet = _str(fm.get("source")) or outlet or _trailer_outlet(removed)
    when, date_source, date_findings = _choose_date(source, header_date, lines, removed)
    article = Article(
        id=_str(fm.get("id")) or article_id(source.relative_path),
        source_file=source.relative_path, title=title, date=when, date_source=date_source,
        outlet=outlet, paragraphs=tuple(paragraphs), removed=tuple(removed))
    return article, findings + date_findings


def _str(value: object) -> str | None:
    return str(value).strip() or None if value is not None and not isinstance(value, (dict, list)) else None


def _take_header_date(lines: list[str]) -> tuple[str | None, list[str]]:
    match = dates.HEADER.match(lines[0]) if lines else None
    if not match:
        return None, lines
    return match.group(1), [lines[0][match.end():], *lines[1:]]


def _take_dateline(lines: list[str]) -> tuple[str | None, list[str]]:
    for index, line in enumerate(lines):
        if line.strip():
            outlet, rest = titles.split_dateline(line)
            return outlet, [*lines[:index], rest, *lines[index + 1:]]
    return None, lines


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank lines separate paragraphs; inside a block, so does a line that ends a sentence or is
    short (a subheading): only long lines cut mid-sentence are hard-wrapped prose to join."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        if current and (not line or clean.is_paragraph(line) or len(line) < WRAP_WIDTH):
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def _choose_title(fm: dict, paragraphs: list[str], removed: list[RemovedLine]) -> tuple[str, list[str]]:
    if _str(fm.get("title")):
        return _str(fm["title"]) or "", paragraphs
    if paragraphs and titles.is_headline(paragraphs[0]) and len(paragraphs) > 1:
        return paragraphs[0], paragraphs[1:]
    trailer = titles.trailer_headline([r.line for r in removed if r.rule == "trailer"])
    if trailer:
        return trailer[0], paragraphs
    return titles.title_from_lead(paragraphs[0] if paragraphs else ""), paragraphs


def _trailer_outlet(removed: list[RemovedLine]) -> str | None:
    trailer = titles.trailer_headline([r.line for r in removed if r.rule == "trailer"])
    return trailer[1] if trailer else None


def _choose_date(source: SourceText, header: str | None, lines: list[str],
                 removed: list[RemovedLine]) -> tuple[object, DateSource, list[Finding]]:
    candidates = []
    fm_date = dates.coerce_date(source.front_matter.get("date"))
    if fm_date:
        candidates.append((fm_date, DateSource.FRONT_MATTER))
    if header:
        candidates.append((dates.find_date(header), DateSource.HEADER))
    candidates.extend(_removed_dates(lines, removed))
    candidates = [(when, where) for when, where in candidates if when]
    if not candidates:
        undated = Finding(source.relative_path, "no date found; listed under Undated", Severity.NOTE)
        return None, DateSource.NONE, [undated]
    chosen, where = candidates[0]
    findings = [Finding(source.relative_path,
                        f"{other_source.value} date {other.isoformat()} conflicts with {where.value} date "
                        f"{chosen.isoformat()}; kept the {where.value} date", Severity.NOTE)
                for other, other_source in candidates[1:] if other != chosen]
    return chosen, where, findings[:1]


def _removed_dates(lines: list[str], removed: list[RemovedLine]) -> list[tuple[object, DateSource]]:
    """Dates on removed timestamp lines: near the top they are bylines, else trailers."""
    top = [line.strip() for line in lines if line.strip()][:3]
    found = []
    for entry in removed:
        if entry.rule in ("timestamp", "trailer"):
            when = dates.find_date(entry.line)
            if when:
                where = DateSource.BYLINE if entry.line in top else DateSource.TRAILER
                found.append((when, where))
    found.sort(key=lambda item: item[1] != DateSource.BYLINE)
    return found
