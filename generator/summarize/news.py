"""News: the lead, unless a later sentence says the news more briefly. The default summarizer.

News is written as an inverted pyramid, so the first sentences usually carry the news, and Lead-3
is the baseline that unsupervised methods struggle to beat on human-written summaries of news
(See et al., 2017; PacSum, Zheng and Lapata, 2019, gains a few tenths of a ROUGE point on
CNN/DailyMail). Each eligible sentence (``base.eligible``: no captions, questions, quote
fragments) scores

- its position, ``1 / (1 + i) ** POSITION_DECAY``: the inverted pyramid;
- its directed centrality (PacSum: similarity to the sentences after it, weighted up, and before
  it, weighted down): what the rest of the article elaborates;
- minus its length relative to the article's mean sentence length: a summary is read at a
  glance, and the longest "sentences" of scraped news are often several run together (a caption
  glued to the next line, a list without punctuation). Human summaries of news average about 13
  words a sentence, news sentences about 25;
- minus a penalty for a sentence in someone's own words, told by a first- or second-person
  pronoun ("I", "we", "our", "you"): a summary reports in the reporter's voice, and the short
  remark a speaker makes ("'We told one little lie.'") is the sentence the length term favours
  most. A penalty, not a rule: a quote that carries the news can still be chosen; and none in
  an article whose lead speaks in the first person outside quotation marks (a column).

Sentences are then taken best first unless they repeat one already taken (maximal marginal
relevance, Carbonell and Goldstein, 1998), and printed in article order. So a long, scene-setting
opening gives way to a shorter sentence that the rest of the article elaborates, while a hard-news
lead, short and central, stays first.

The constants were chosen on ``summeval-dev`` (CNN/Daily Mail, eleven human summaries each): the
highest mean ROUGE-1 over the references among the settings of a small grid (decay 0.5 to 1,
centrality 0.1 to 0.3, length 0.15 to 0.3) that do not fall below Lead-3 against the highlights.
A headline-overlap term was tried and left out: it gained nothing there (that set's titles are
cut from the lead). The speech penalty was chosen later, on the same set, among 0.05 to 1 (0.2
and 0.25 best; excluding such sentences outright gains less there and loses on ``bbc-dev``).
``bbc-dev`` and the story summaries on ``ecbplus-dev`` are held out; the figures are in the
README ("Evaluation").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy

from ..corpus import vectors
from ..models import Sentence
from .base import SummaryContext, Walk, best_unrepeated, candidates
from .centrality import centrality_parts

POSITION_DECAY = 0.5
WEIGHTS = {"centrality": 0.2, "length": 0.2, "speech": 0.2}
_SPEECH = re.compile(r"\b(?:I|[Ww]e|[Mm]y|[Oo]urs?|[Yy]ou|[Yy]ours?|me|us)\b")
"""First- and second-person pronouns (case kept: "US" is a country, "us" a pronoun)."""
REDUNDANCY = 0.6


def news(sentences: Sequence[Sentence], count: int, context: SummaryContext) -> tuple[int, ...]:
    return traced(sentences, count, context).chosen


@dataclass(frozen=True, slots=True)
class Trace:
    """A ``news`` summary and what was computed on the way to it: enough for ``reuse.holds`` to
    tell whether other term weights could have chosen otherwise."""

    chosen: tuple[int, ...]
    eligible: tuple[int, ...]
    rest: tuple[float, ...]
    """Each sentence's score without its centrality term (position, length, speech)."""
    directed: tuple[float, ...]
    pairs: numpy.ndarray
    """``centrality.centrality_parts``, with the guard ``GUARD``: the pairs whose edges can move, one
    row (i, j, similarity) each, i < j."""
    high: float
    walk: Walk


GUARD = 0.1
"""``centrality_parts``' guard: how near the edge threshold (a share of the largest similarity) a
similarity must be for ``reuse.holds`` to count it as an edge that term weights could move."""


def traced(sentences: Sequence[Sentence], count: int, context: SummaryContext, guard: float = 0.0) -> Trace:
    """``news``, with what it computed (``pairs`` only with a ``guard``)."""
    vecs = [vectors.tfidf(s.terms, context.idf) for s in sentences]
    eligible = candidates(sentences)
    directed, pairs, high = centrality_parts(vecs, guard)
    rest, scores = _scores(sentences, directed, reported=not (eligible and _own_voice(sentences[eligible[0]].text)))
    order = sorted(eligible, key=lambda i: (-scores[i], i))
    walk = Walk()
    chosen = best_unrepeated(order, vecs, count, REDUNDANCY, walk)
    return Trace(chosen, tuple(eligible), tuple(rest), tuple(directed), pairs, high, walk)


def _own_voice(lead: str) -> bool:
    """A lead in the first person outside quotation marks: a column or a first-hand account, whose
    own voice the speech penalty must not hold against it."""
    return bool(_SPEECH.search(lead)) and lead[:1] not in "\"“‘'"


def _scores(sentences: Sequence[Sentence], directed: list[float], reported: bool = True
            ) -> tuple[list[float], list[float]]:
    """Each sentence's score without its centrality term, and with it."""
    if not sentences:
        return [], []
    speech = WEIGHTS["speech"] if reported else 0.0
    top = centrality_top(directed)
    words = [len(s.text.split()) for s in sentences]
    mean = sum(words) / len(words)
    rest, scores = [], []
    for i in range(len(sentences)):
        position = 1.0 / (1.0 + i) ** POSITION_DECAY
        length = WEIGHTS["length"] * words[i] / mean
        spoken = speech * bool(_SPEECH.search(sentences[i].text))
        rest.append(position - length - spoken)
        scores.append(position + WEIGHTS["centrality"] * max(directed[i], 0.0) / top - length - spoken)
    return rest, scores


def centrality_top(directed: Sequence[float]) -> float:
    """What the centrality term divides by: the largest directed centrality, 1 when none is positive."""
    return max(directed) if directed and max(directed) > 0 else 1.0
