"""What digest tells people and tools about inputs: ``digest inspect`` records and removal counts."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .errors import UsageError
from .ingest import parse_corpus
from .ingest.files import HTML_SUFFIXES, TEXT_SUFFIXES, InputFile, SourceText, discover, read_source
from .models import Article, Finding, Severity


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files as given, and the supported files inside any folder given (sorted); a path that does
    not exist is a ``UsageError``."""
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted((path / item.relative for item in discover(path)[0]), key=str))
        else:
            files.append(path)
    return files


def inspect_files(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """Each file parsed as digest would: the cleaned article, what was removed and why, the problems and notes."""
    sources: list[SourceText] = []
    findings: list[Finding] = []
    for path in paths:
        item = InputFile(path, str(path))
        if not path.is_file():
            findings.append(Finding(item.relative, "not a file"))
        elif path.suffix.lower() not in TEXT_SUFFIXES + HTML_SUFFIXES:
            findings.append(Finding(item.relative, f"unsupported file type '{path.suffix or path.name}'"))
        else:
            source, more = read_source(item)
            findings.extend(more)
            sources.extend([source] if source else [])
    articles, more = parse_corpus(sources)
    findings.extend(more)
    by_file = {a.source_file: a for a in articles}
    return [_record(str(path), by_file.get(str(path)), findings) for path in paths]


def _record(name: str, article: Article | None, findings: Iterable[Finding]) -> dict[str, Any]:
    mine = [f for f in findings if f.path == name]
    problems = [f.reason for f in mine if f.severity == Severity.PROBLEM]
    notes = [f.reason for f in mine if f.severity == Severity.NOTE]
    if article is None:
        return {"source_file": name, "title": None, "title_source": None, "date": None, "date_source": "none",
                "outlet": None, "header": [], "text": "", "removed": [], "problems": problems, "notes": notes}
    return {"source_file": name, "title": article.title, "title_source": article.title_source.value,
            "date": article.date.isoformat() if article.date else None,
            "date_source": article.date_source.value, "outlet": article.outlet, "header": list(article.header),
            "text": article.text, "removed": [{"line": r.line, "rule": r.rule} for r in article.removed],
            "problems": problems, "notes": notes}


def as_text(record: dict[str, Any]) -> str:
    """The same record, laid out for a person reading a terminal."""
    lines = [f"== {record['source_file']}", f"title:  {record['title']} ({record['title_source'] or '-'})",
             f"date:   {record['date'] or 'undated'} ({record['date_source']})", f"outlet: {record['outlet'] or '-'}"]
    lines += [f"header: {text}" for text in record["header"]]
    lines += [f"problem: {p}" for p in record["problems"]]
    lines += [f"note: {n}" for n in record["notes"]]
    lines += [f"removed [{r['rule']}]: {r['line']}" for r in record["removed"]]
    lines += ["", record["text"], ""]
    return "\n".join(lines)


def removal_counts(articles: Iterable[Article]) -> Counter[str]:
    """Removed lines per cleaning rule, for the build report."""
    return Counter(r.rule for article in articles for r in article.removed)


def skip_counts(findings: Iterable[Finding]) -> Counter[str]:
    """Input files skipped, per reason (the reason's first clause, without the file it names)."""
    reasons = (f.reason.split(";")[0] for f in findings if f.severity == Severity.PROBLEM and "skipped" in f.reason)
    return Counter(re.sub(r"same text as .*", "same text as another file", re.sub(r" '[^']*'", "", reason))
                   for reason in reasons)


def skip_summary(findings: Iterable[Finding], kept: int) -> str:
    """``N files: K kept as articles, S skipped (2 empty file; 1 same text as another file)``."""
    skipped = skip_counts(findings)
    reasons = "; ".join(f"{count} {reason}" for reason, count in sorted(skipped.items()))
    total = sum(skipped.values())
    return f"{kept + total} files: {kept} kept as articles, {total} skipped" + (f" ({reasons})" if reasons else "")
