"""The analysis stage on a small blank pipeline: plain data out, paragraphs kept, no guessed speakers."""

from __future__ import annotations

import spacy

from generator.analyze.nlp import analyze_with
from generator.models import Analysis, Sentence

from .helpers import article


def blank_pipeline() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Jane Smith"}, {"label": "GPE", "pattern": "Geneva"}])
    return nlp


def test_sentences_mentions_and_quotes_become_plain_data() -> None:
    item = article("a1", "Talks", None)
    item = item.__class__(**{**{f: getattr(item, f) for f in item.__dataclass_fields__},
                             "paragraphs": ("Jane Smith arrived in Geneva. The talks began.",
                                            '"We will keep talking until there is a deal," she said.')})
    (result,) = analyze_with([item], blank_pipeline())
    assert isinstance(result, Analysis) and result.article_id == "a1"
    assert [(s.text, s.paragraph) for s in result.sentences] == [
        ("Jane Smith arrived in Geneva.", 0), ("The talks began.", 0),
        ('"We will keep talking until there is a deal," she said.', 1)]
    assert all(isinstance(s, Sentence) and isinstance(s.lemmas, tuple) for s in result.sentences)
    assert [(m.text, m.label, m.sentence) for m in result.mentions] == [("Jane Smith", "PERSON", 0),
                                                                         ("Geneva", "GPE", 0)]
    assert [(q.text, q.speaker) for q in result.quotes] == [("We will keep talking until there is a deal", None)]


def test_workers_get_smaller_chunks_towards_the_end_so_they_finish_together() -> None:
    from generator.analyze.nlp import CHUNK, MIN_CHUNK, _chunks

    articles = [article(f"a{i}", f"Text {i}.", None) for i in range(483)]
    alone, shared = _chunks(articles), _chunks(articles, workers=2)
    for chunks in (alone, shared):
        assert [a for chunk in chunks for a in chunk] == articles  # every article once, in order
        assert max(len(chunk) for chunk in chunks) <= CHUNK
    sizes = [len(chunk) for chunk in shared]
    assert sizes == sorted(sizes, reverse=True) and sizes[-2] <= MIN_CHUNK
    assert {len(chunk) for chunk in alone[:-1]} == {CHUNK}
