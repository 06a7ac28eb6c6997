"""Direct quotations and who said them, read from a spaCy Doc (a helper of the analysis stage).

A speaker is named only when the text says who spoke, in this order: the subject of a speech verb
outside the quote in its sentence ('"...," Putin said', 'Putin told officials: "..."', or of the
verb it is joined to: 'Putin smiled and said "..."'), of a verb whose object the quote
describes ('Putin called the plan "a dangerous mistake"'), the object of
'according to'; a short attribution sentence right after the quote ('"...?" Putin said.'); for a
quote that fills its sentence, the speaker of a quote in the sentence before. 'He' and 'she' stand
for the one person named earlier in the paragraph (or, when none, in the previous paragraph);
when two people could be meant, the speaker stays unknown: no guesses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..models import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SPEECH_LEMMAS = frozenset({"say", "tell", "add", "warn", "stress", "continue", "note", "insist", "ask", "write",
                           "declare", "state", "reply", "explain", "argue", "urge", "claim", "announce",
                           "emphasize", "emphasise", "conclude", "respond", "comment", "point", "admit"})
CHARACTERISING_LEMMAS = frozenset({"call", "describe", "dub", "label", "brand", "term"})
"""Verbs that give the subject's words for their object ('called it "a disgrace"'): a speaker only as
``_characterises`` says."""
_QUOTE = re.compile(r"[“\"]([^”\"]{3,}?)[”\"]")
MIN_QUOTE_WORDS = 4
_ATTRIBUTION_WORDS = 4


def entity_text(ent: Span) -> str:
    return " ".join(ent.text.split())


def extract_quotes(doc: Doc, sent_index: dict[int, int], paragraph_of: Callable[[int], int]) -> list[Quote]:
    quotes: list[Quote] = []
    previous: tuple[int, str | None] | None = None
    for match in _QUOTE.finditer(doc.text):
        text = " ".join(match.group(1).split()).strip(" ,")
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if len(text.split()) < MIN_QUOTE_WORDS or span is None:
            continue
        number = sent_index[span.sent.start]
        speaker = _speaker(span, doc, paragraph_of) or _following_attribution(span, doc, paragraph_of)
        if speaker is None and previous and previous[0] == number - 1 and _only_quote(span):
            speaker = previous[1]
        quotes.append(Quote(text, speaker, number))
        previous = (sent_index[doc[span.end - 1].sent.start], speaker)
    return quotes


def _only_quote(span: Span) -> bool:
    """The quote fills its sentence: a continuation of the previous speaker's words."""
    return not [t for t in span.sent if not span.start <= t.i < span.end and not (t.is_punct or t.is_space)]


def _speaker(span: Span, doc: Doc, paragraph_of: Callable[[int], int]) -> str | None:
    """The subject of a speech verb outside the quote, or the object of 'according to'."""
    for token in doc[span.sent.start:doc[span.end - 1].sent.end]:
        if span.start <= token.i < span.end:
            continue
        if (token.lemma_.lower() in SPEECH_LEMMAS or _characterises(token, span)) and token.pos_ == "VERB":
            # the subject outside the quote: a parse that hangs '..., which many have not," she said' on
            # the quote's last clause gives the verb "which" as a subject too
            subject = _subject(token, span)
            if subject is not None:
                return _resolve(subject, doc, paragraph_of)
        if token.lower_ == "according" and token.i + 1 < len(doc) and token.nbor(1).lower_ == "to":
            target = next((t for t in token.nbor(1).children if t.dep_ == "pobj"), None)
            if target is not None:
                return _resolve(target, doc, paragraph_of)
    return None


def _characterises(verb: Token, span: Span) -> bool:
    """'Kowalczyk called the purchase "the cheapest water treatment we will ever buy"', 'described the
    bill as "a giveaway..."': the quote says what the verb's object is, in the subject's words. Only
    when the quote hangs on the verb or its object; not 'called police after hearing "loud bangs..."',
    nor 'a group called "Save Our Lake"', whose verb has no subject."""
    if verb.lemma_.lower() not in CHARACTERISING_LEMMAS or verb.i > span.start:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj" and not span.start <= c.i < span.end]
    roots = [t for t in span if not t.is_punct and not span.start <= t.head.i < span.end]
    for root in roots:
        head = root.head.head if root.head.dep_ == "prep" and root.head.lower_ == "as" else root.head
        if objects and (head == verb or head in objects):
            return True
    return False


def _subject(verb: Token, span: Span) -> Token | None:
    """The speech verb's subject outside the quote; for a verb joined to another that has it, that
    one's when the verb introduces the quote ('Greaves welcomed the payments but said they came
    "too late"'), unless the verb has an object, as "add" and "write" have when they are no speech
    ('added her to the "Registry of Excellence"', 'has written books, including "A Return to Love"')."""
    borrowed = (verb.dep_ == "conj" and verb.i < span.start
                and not any(c.dep_ == "dobj" for c in verb.children))
    for head in (verb, verb.head) if borrowed else (verb,):
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")
                        and not span.start <= c.i < span.end), None)
        if subject is not None:
            return subject
    return None


def _following_attribution(span: Span, doc: Doc, paragraph_of: Callable[[int], int]) -> str | None:
    """'"Do they think we'll be watching?" Putin said.': the quote ends its sentence and the next
    sentence opens with the speaker and a speech verb."""
    if span.end >= len(doc) or doc[span.end - 1].sent.end != span.end:
        return None
    opening = doc[span.end:min(span.end + _ATTRIBUTION_WORDS, doc[span.end].sent.end)]
    for token in opening:
        if token.lemma_.lower() in SPEECH_LEMMAS and token.pos_ == "VERB":
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.i < token.i:
                return _resolve(subject, doc, paragraph_of)
    return None


def _resolve(token: Token, doc: Doc, paragraph_of: Callable[[int], int]) -> str | None:
    """A named subject as written (the actors stage decides who it is), the person a described subject
    is named as beside it, or the person 'he' stands for."""
    if token.ent_type_:
        ent = next(e for e in doc.ents if e.start <= token.i < e.end)
        return entity_text(ent) if ent.label_ in ("PERSON", "ORG", "GPE", "NORP") else None
    if token.pos_ == "PROPN":
        if any(child.dep_ == "det" for child in token.children):
            return None  # "the Frenchman said": a description, not a name
        parts = [t for t in token.subtree if t.pos_ == "PROPN" and (t.i == token.i or t.dep_ == "compound")]
        return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
    if token.lower_ in ("he", "she"):
        return _only_person_before(token, doc, paragraph_of)
    named = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if token.pos_ == "NOUN" and named is not None:
        return _resolve(named, doc, paragraph_of)  # "The leader of the council, Deborah Finch, said"
    return None


def _only_person_before(pronoun: Token, doc: Doc, paragraph_of: Callable[[int], int]) -> str | None:
    """The one person named earlier in the pronoun's paragraph, else in the paragraph before."""
    here = paragraph_of(pronoun.idx)
    earlier = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= pronoun.i and not _inside_quote(e, doc)]
    for paragraph in (here, here - 1):
        people = [e for e in earlier if paragraph_of(e.start_char) == paragraph]
        surnames = {entity_text(e).split(" ")[-1] for e in people}
        if len(surnames) == 1:
            return max((entity_text(e) for e in people), key=len)
        if surnames or (paragraph == here and _untagged_subject_before(pronoun, doc, paragraph_of)):
            return None
    return None


def _untagged_subject_before(pronoun: Token, doc: Doc, paragraph_of: Callable[[int], int]) -> bool:
    """A name the tagger missed is the subject of a sentence before the pronoun's, in its paragraph
    and outside quotation marks ('Jean-Luc Marchetti, the operator's chief, said...'): the pronoun
    likely stands for it, so the person of the paragraph before is no safe guess."""
    here = paragraph_of(pronoun.idx)
    sentence = pronoun.sent
    for _ in range(SUBJECT_SENTENCES):
        if sentence.start == 0 or paragraph_of(doc[sentence.start - 1].idx) != here:
            break
        sentence = doc[sentence.start - 1].sent
        if any(t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass") and not t.ent_type_
               and not _inside_quote(t, doc) for t in sentence):
            return True
    return False


SUBJECT_SENTENCES = 3
"""Sentences before a pronoun's own that ``_untagged_subject_before`` reads: a pronoun's referent is
near, and a paragraph of thousands of sentences must not be read again for every pronoun."""


def _inside_quote(ent: Span | Token, doc: Doc) -> bool:
    start = ent.idx if hasattr(ent, "idx") else ent.start_char
    before = doc.text[ent.sent.start_char:start]
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1
