"""Ingestion: an input folder becomes cleaned ``Article``s plus findings about the files."""

from __future__ import annotations

import hashlib
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..models import Article, Finding, RemovedLine, Severity, TitleSource
from . import clean, dates, titles
from .cache import IngestCache, ParseEntry, ReadEntry
from .files import InputFile, SourceText, discover, read_source

SPACY_LIMIT = 1_000_000
"""spaCy's default length limit; longer articles are analysed in parts (see analyze.py)."""


@dataclass(frozen=True, slots=True)
class Ingested:
    articles: tuple[Article, ...]
    findings: tuple[Finding, ...]


Spread = Callable[[Callable[[list[Any]], list[Any]], list[Any]], list[Any]]
"""Applies a function of a list to parts of a list and joins the results in order: the build's
runner spreads the work over its two sides (``build.py``); ``in_order`` does it here."""


def in_order(work: Callable[[list[Any]], list[Any]], items: list[Any]) -> list[Any]:
    return work(items)


def ingest(root: Path, cache: IngestCache | None = None, spread: Spread = in_order) -> Ingested:
    """Read every supported file under ``root``; a bad file is reported, never fatal. With a cache,
    unchanged files are taken from it (see ``ingest/cache.py``). The files not in the cache are
    read, and the articles not in it cleaned, through ``spread``: each file on its own, once the
    corpus' repeated lines are known."""
    files, findings = discover(root)
    entries = _read_all(files, cache, spread)
    findings.extend(finding for _, entry in entries for finding in entry.findings)
    usable = [(key, entry) for key, entry in entries if entry.source is not None]
    repeated = clean.repeated_keys([entry.candidates for _, entry in usable])
    articles, more = _parse_all([(key, entry.source, entry.line_keys & repeated) for key, entry in usable], cache,
                                spread)
    ordered = sorted(findings + more, key=lambda f: (f.path, f.severity != Severity.PROBLEM, f.reason))
    return Ingested(tuple(articles), tuple(ordered))


def parse_corpus(sources: list[SourceText]) -> tuple[list[Article], list[Finding]]:
    """Clean every source against the corpus' repeated lines; later copies of a text are reported."""
    repeated = clean.repeated_lines([source.body.split("\n") for source in sources])
    return _parse_all([("", source, repeated) for source in sources], None)


def _read_all(files: list[InputFile], cache: IngestCache | None, spread: Spread) -> list[tuple[str, ReadEntry]]:
    looked = [_look_up(item, cache) for item in files]
    missing = [(item, key, data) for item, key, data, found in looked if found is None]
    made = iter(spread(partial(_made_entries, cache=cache), missing) if missing else [])
    return [(key, found if found is not None else next(made)) for _, key, _, found in looked]


def _parse_all(items: list[tuple[str, SourceText, frozenset[str]]], cache: IngestCache | None,
               spread: Spread = in_order) -> tuple[list[Article], list[Finding]]:
    keys = [IngestCache.parse_key(read_key, repeated) if cache else "" for read_key, _, repeated in items]
    found = [cache.get(key) if cache else None for key in keys]
    missing = [(key, source, repeated) for key, (_, source, repeated), entry in zip(keys, items, found, strict=True)
               if not isinstance(entry, ParseEntry)]
    made = iter(spread(partial(_parsed, cache=cache), missing) if missing else [])
    articles: list[Article] = []
    findings: list[Finding] = []
    seen: dict[str, str] = {}
    for entry in found:
        entry = entry if isinstance(entry, ParseEntry) else next(made)
        article, fingerprint = entry.article, entry.fingerprint
        findings.extend(entry.findings)
        if article is None:
            continue
        if fingerprint in seen:
            findings.append(Finding(article.source_file, f"same text as {seen[fingerprint]}; skipped as a duplicate"))
            continue
        seen[fingerprint] = article.source_file
        articles.append(article)
    return articles, findings


def _parsed(items: list[tuple[str, SourceText, frozenset[str]]], cache: IngestCache | None) -> list[ParseEntry]:
    """Each article cleaned, with its findings and the fingerprint its copies share
    (``text_fingerprint``), kept in the cache under its key."""
    entries = []
    for key, source, repeated in items:
        article, findings = parse_article(source, repeated)
        entry = ParseEntry(article, tuple(findings), text_fingerprint(article) if article is not None else "")
        if cache:
            cache.put(key, entry)
        entries.append(entry)
    return entries


def text_fingerprint(article: Article) -> str:
    """What copies of one text share, whatever their case, spacing and punctuation (kept with the
    cleaned article: reading every article's words again took 0.5 s of a rebuild of 5,000)."""
    return hashlib.sha256(clean.line_key(article.text).encode()).hexdigest()


def _look_up(item: InputFile, cache: IngestCache | None) -> tuple[InputFile, str, bytes, ReadEntry | None]:
    """A file's bytes, its cache key and its entry: from the cache when its bytes are there, an
    entry reporting it when it cannot be read, else None (to be made)."""
    try:
        data = item.path.read_bytes()
    except OSError as error:
        return item, "", b"", ReadEntry(None, (Finding(item.relative, f"cannot be read: {error.strerror or error}"),),
                                        frozenset(), frozenset())
    key = IngestCache.read_key(item.relative, data) if cache else ""
    found = cache.get(key) if cache else None
    return (item, key, b"", found) if isinstance(found, ReadEntry) else (item, key, data, None)


def _made_entries(items: list[tuple[InputFile, str, bytes]], cache: IngestCache | None) -> list[ReadEntry]:
    """Each file decoded, with the line keys cleaning will look up; kept in the cache under its key."""
    entries = []
    for item, key, data in items:
        source, findings = read_source(item, data)
        lines = source.body.split("\n") if source else []
        candidates = clean.boilerplate_candidates(lines)
        entry = ReadEntry(source, tuple(findings), candidates,
                          frozenset(clean.line_key(line) for line in [*lines, *_cleanable_lines(lines)])
                          | {key for key in candidates if key.startswith(titles.SITE_KEY)})
        if cache:
            cache.put(key, entry)
        entries.append(entry)
    return entries


def article_id(relative_path: str) -> str:
    """Stable id from the file's path in the input folder: the same file keeps its id and feed guid."""
    return hashlib.sha256(relative_path.encode("utf-8")).hexdigest()[:12]


def parse_article(source: SourceText, repeated: frozenset[str] = frozenset()) -> tuple[Article | None, list[Finding]]:
    """Clean one decoded file and find its date, title and outlet."""
    findings: list[Finding] = []
    if len(source.body) > SPACY_LIMIT:
        findings.append(Finding(source.relative_path, f"{len(source.body)} characters, over spaCy's limit of "
                                f"{SPACY_LIMIT}; analysed in parts", Severity.NOTE))
    lines = source.body.split("\n")
    header_date, date_text, lines = _take_header_date(lines)
    outlet, dateline, lines = _take_dateline(lines)
    kept, removed = clean.clean_lines(lines, repeated, by_place=not source.extracted)
    removed = [*source.removed, *removed]
    paragraphs = _paragraphs(titles.separate_headline(kept))
    fm = source.front_matter
    title, title_source, paragraphs = titles.choose_title(_str(fm.get("title")), paragraphs, removed)
    site = None
    if title_source is TitleSource.HEADLINE:
        title, site = titles.without_site(title, repeated)
        removed += [RemovedLine(site, "site-name")] if site else []
    if title_source is not TitleSource.LEAD:
        residue, paragraphs = titles.under_headline(paragraphs, title)
        removed += residue
    if not paragraphs:
        return None, [*findings, Finding(source.relative_path, "no article text left after cleaning; skipped")]
    title = titles.readable_case(title, paragraphs)
    outlet = _str(fm.get("source")) or outlet or titles.trailer_outlet(removed) or (site and titles.site_outlet(site))
    when, date_source, date_findings = dates.choose_date(source, header_date, lines, removed)
    article = Article(
        id=_str(fm.get("id")) or article_id(source.relative_path),
        source_file=source.relative_path, title=title, date=when, date_source=date_source,
        outlet=outlet, paragraphs=tuple(paragraphs), removed=tuple(removed),
        header=tuple(text.strip() for text in (date_text, dateline) if text.strip()), title_source=title_source,
        source_url=_web_address(_str(fm.get("url"))))
    return article, findings + date_findings


def _cleanable_lines(lines: list[str]) -> list[str]:
    """The lines ``parse_article`` hands to cleaning: header date and dateline taken off."""
    return _take_dateline(_take_header_date(lines)[2])[2]


def _web_address(value: str | None) -> str | None:
    """An http(s) address with a host, else None: other schemes never become links."""
    parts = urllib.parse.urlsplit(value or "")
    return value if parts.scheme in ("http", "https") and parts.netloc and " " not in value else None


def _str(value: object) -> str | None:
    """A front matter scalar as stripped text; None for missing, empty or structured values."""
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value).strip() or None


def _take_header_date(lines: list[str]) -> tuple[str | None, str, list[str]]:
    """(the date, the header text taken, the lines left)."""
    match = dates.HEADER.match(lines[0]) if lines else None
    if not match:
        return None, "", lines
    return match.group(1), lines[0][:match.end()], [lines[0][match.end():], *lines[1:]]


def _take_dateline(lines: list[str]) -> tuple[str | None, str, list[str]]:
    """(the outlet, the dateline text taken, the lines left). A dateline opening the text (in the
    first ``DATELINE_LINES`` lines with words: under a headline or a byline too) names the outlet. A
    bare outlet tag opening the file is taken off the text ("(CNN)Russian President..."); a dateline
    with its place stays, as the page prints it: where the story was filed is part of the news."""
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        outlet, rest = titles.split_dateline(line)
        if outlet is not None and seen == 0 and line.lstrip().startswith("("):
            return outlet, line[:len(line) - len(rest)], [*lines[:index], rest, *lines[index + 1:]]
        if outlet is not None:
            return outlet, "", lines
        seen += 1
        if seen == DATELINE_LINES:
            break
    return None, "", lines


DATELINE_LINES = 4
"""Lines with words a dateline may open: a headline, a byline and a date line can come before it."""


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank lines separate paragraphs; inside a block, so does a line that ends a sentence or is
    short (a subheading): only long lines cut mid-sentence are hard-wrapped prose to join."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        if current and (not line or clean.is_paragraph(line) or len(line) < clean.WRAP_WIDTH):
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs
