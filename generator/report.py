"""What digest tells people and tools about inputs: ``digest inspect`` records and removal counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .ingest import parse_corpus
from .ingest.files import HTML_SUFFIXES, TEXT_SUFFIXES, InputFile, SourceText, read_source
from .models import Article, Finding


def inspect_files(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """Each file parsed as digest would: the cleaned article, what was removed and why, the problems."""
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
    problems = [f"{f.severity.value}: {f.reason}" for f in findings if f.path == name]
    if article is None:
        return {"source_file": name, "title": None, "date": None, "date_source": "none", "outlet": None,
                "text": "", "removed": [], "problems": problems}
    return {"source_file": name, "title": article.title,
            "date": article.date.isoformat() if article.date else None,
            "date_source": article.date_source.value, "outlet": article.outlet, "text": article.text,
            "removed": [{"line": r.line, "rule": r.rule} for r in article.removed], "problems": problems}


def as_text(record: dict[str, Any]) -> str:
    """The same record, laid out for a person reading a terminal."""
    lines = [f"== {record['source_file']}", f"title:  {record['title']}",
             f"date:   {record['date'] or 'undated'} ({record['date_source']})", f"outlet: {record['outlet'] or '-'}"]
    lines += [f"problem: {p}" for p in record["problems"]]
    lines += [f"removed [{r['rule']}]: {r['line']}" for r in record["removed"]]
    lines += ["", record["text"], ""]
    return "\n".join(lines)


def removal_counts(articles: Iterable[Article]) -> Counter[str]:
    """Removed lines per cleaning rule, for the build report."""
    return Counter(r.rule for article in articles for r in article.removed)
