"""Story summaries measured on ECB+ event groups, against the headlines of their articles.

No dev set has human summaries of article clusters. The ECB+ articles whose file ends in
``ecbplus`` open with the outlet's headline, which ingestion takes out of the text as the title; the
headlines of one gold event group, together, are a human description of that event that no
summarizer has read. Each group with at least two headlines is summarised, from all of its articles,
by digest's story summarizer, by LexRank over the group's pooled sentences (Erkan and Radev, 2004),
and by the leads of its articles; each is cut at about ``WORDS`` words and scored with ROUGE-1/2/Lsum
F1 against the headlines, averaged over the groups. Gold groups, not digest's stories, are used,
so the figures measure the summaries alone.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from generator.corpus.vectors import idf_weights, tfidf
from generator.models import Analysis, Article, Sentence
from generator.summarize import eligible
from generator.summarize.lexrank import lexrank_scores
from generator.summarize.story import WORDS, summarize_story

from . import DevCorpus
from .summaries import RougeRow, rouge_row


def story_summary_table(corpus: DevCorpus) -> tuple[list[RougeRow], int]:
    """Rows for digest, LexRank (pooled) and pooled leads, and the number of groups scored."""
    gold = json.loads((corpus.folder / "gold.json").read_text(encoding="utf-8"))
    analysis_of = {a.article_id: a for a in corpus.analyses}
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in corpus.ingested.articles:
        event = gold["events"].get(article.source_file)
        if event is not None:
            groups[event].append(article)
    idf = idf_weights([t for s in a.sentences for t in s.terms] for a in corpus.analyses)
    ours, lexrank, leads, references = [], [], [], []
    for _, articles in sorted(groups.items()):
        headlines = [a.title for a in articles if _has_headline(a)]
        if len(headlines) < 2:
            continue
        ordered = [analysis_of[a.id] for a in sorted(articles, key=lambda a: (a.date or date.max, a.id))]
        references.append("\n".join(headlines))
        ours.append("\n".join(summarize_story(ordered, idf)))
        lexrank.append("\n".join(pooled_lexrank(ordered, idf)))
        leads.append("\n".join(pooled_leads(ordered)))
    rows = [rouge_row("digest story summary", ours, references), rouge_row("LexRank, pooled", lexrank, references),
            rouge_row("leads of the articles", leads, references)]
    return rows, len(references)


def _has_headline(article: Article) -> bool:
    """An ECB+ "ecbplus" file whose headline line became the title (not a title cut from the lead)."""
    return article.source_file.endswith("ecbplus.txt") and not article.title.endswith("…")


def pooled_lexrank(analyses: Sequence[Analysis], idf: Mapping[str, float]) -> list[str]:
    """LexRank over every eligible sentence of the group, best first until about ``WORDS`` words."""
    pool = [(rank, s) for rank, a in enumerate(analyses) for s in a.sentences if eligible(s)]
    scores = lexrank_scores([tfidf(s.terms, idf) for _, s in pool])
    return _cut([pool[i] for i in sorted(range(len(pool)), key=lambda i: (-scores[i], i))])


def pooled_leads(analyses: Sequence[Analysis]) -> list[str]:
    """The first eligible sentence of each article, oldest first, then the second ones, and so on."""
    per_article = [[s for s in a.sentences if eligible(s)] for a in analyses]
    rounds = max((len(s) for s in per_article), default=0)
    return _cut([(rank, sentences[depth]) for depth in range(rounds)
                 for rank, sentences in enumerate(per_article) if depth < len(sentences)])


def _cut(ranked: list[tuple[int, Sentence]]) -> list[str]:
    """Take sentences in ranked order until about ``WORDS`` words, then put them in reading order."""
    chosen: list[tuple[int, Sentence]] = []
    words = 0
    for item in ranked:
        if words >= WORDS:
            break
        chosen.append(item)
        words += len(item[1].lemmas)
    return [s.text for _, s in sorted(chosen, key=lambda item: (item[0], item[1].index))]
