"""Hand-built analyses and digests, so stage tests need no spaCy model."""

from __future__ import annotations

from datetime import date

from generator.models import (
    Actor,
    ActorKind,
    Analysis,
    Article,
    AttributedQuote,
    DateSource,
    Digest,
    Entry,
    Mention,
    Sentence,
)


def sentence(index: int, text: str, paragraph: int = 0) -> Sentence:
    words = [w.strip(".,!?\"“”").lower() for w in text.split()]
    terms = tuple(w for w in words if len(w) > 3)
    return Sentence(text, index, paragraph, terms, tuple(words))


def analysis(article_id: str, texts: list[str], mentions: list[tuple[str, str]] = ()) -> Analysis:
    return Analysis(article_id, tuple(sentence(i, t) for i, t in enumerate(texts)),
                    tuple(Mention(text, label, 0) for text, label in mentions), ())


def article(article_id: str, title: str, day: date | None, text: str = "Body text of the article.") -> Article:
    return Article(article_id, f"{article_id}.txt", title, day, DateSource.HEADER if day else DateSource.NONE,
                   None, (text,))


def small_digest(title: str = "First story", summary: tuple[str, ...] = ("One.", "Two.")) -> Digest:
    first = Entry(article("aaa111", title, date(2021, 12, 22)), "articles/first-aaa111/", summary,
                  ("jane-doe",), (), None, (AttributedQuote("We will talk", "jane-doe", "Jane Doe"),), ("bbb222",))
    second = Entry(article("bbb222", "Undated story", None), "articles/undated-bbb222/", ("Three.", "Four."),
                   (), (), None, (), ())
    actor = Actor("jane-doe", "Jane Doe", ActorKind.PERSON, ("Doe",), ("aaa111",), 3)
    return Digest((first, second), (actor,), (), (), date(2021, 12, 22))
