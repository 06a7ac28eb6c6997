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
