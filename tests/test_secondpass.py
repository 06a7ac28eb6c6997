"""The names' second pass kept between builds: an article's mentions come back from the store only
while the corpus' known names answer its questions as they did, and are then what the pass gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from generator.actors import secondpass
from generator.actors.index import corpus_mentions, corpus_names, prune_second_pass, tagged_mentions
from generator.actors.mentions import article_mentions
from generator.store import Store

from .helpers import analysis

# "Harlow Foods" is looked for once the corpus tags it twice; "a" then finds it untagged in its second sentence.
A = analysis("a", ["Olaf Scholz visited the plant on Monday.", "Staff said Harlow Foods welcomed him."],
             [("Olaf Scholz", "PERSON")])
B = analysis("b", ["Harlow Foods reported a profit, its chief Mia Ortega said."],
             [("Harlow Foods", "ORG"), ("Mia Ortega", "PERSON")])
C = analysis("c", ["Shares in Harlow Foods rose."], [("Harlow Foods", "ORG")])
D = analysis("d", ["Rain fell on Tenby for a week, Gwen Price said."], [("Tenby", "GPE"), ("Gwen Price", "PERSON")])


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []

    def counting(one, *args):
        read.append(one.article_id)
        return article_mentions(one, *args)

    monkeypatch.setattr(secondpass, "article_mentions", counting)
    return read


def _both(path: Path, analyses: list) -> tuple[list, list]:
    """The mentions made plainly, and through a second pass kept in ``path``."""
    tagged = tagged_mentions(analyses, ())
    known = corpus_names(analyses, (), tagged)
    plain = corpus_mentions(analyses, (), known, tagged)
    second = secondpass.SecondPass(Store(path / "mentions.sqlite"), {a.article_id: f"key-{a.article_id}"
                                                                      for a in analyses})
    prune_second_pass(second, [a.article_id for a in analyses], ())
    return plain, corpus_mentions(analyses, (), known, tagged, second)


def test_an_article_is_read_again_only_when_the_known_names_answer_it_otherwise(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read = _counted(monkeypatch)
    plain, kept = _both(tmp_path, [A, B, D])
    assert kept == plain and read == ["a", "b", "d"]
    assert "Harlow Foods" not in {m.name for m in plain if m.article == "a"}  # tagged once: not looked for
    read.clear()
    plain, kept = _both(tmp_path, [A, B, D])
    assert kept == plain and read == []  # nothing changed: every article from the store
    plain, kept = _both(tmp_path, [A, B, C, D])  # now tagged twice: "a" finds it
    assert kept == plain and "Harlow Foods" in {m.name for m in plain if m.article == "a"}
    assert sorted(read) == ["a", "b", "c"]  # "a" and "b" asked whether "Harlow Foods" is a known name; "d" is kept


@pytest.mark.parametrize("seed", range(4))
def test_kept_mentions_are_the_ones_a_full_pass_makes_as_the_corpus_changes(tmp_path: Path, seed: int) -> None:
    chance = random.Random(seed)
    people = ["Ana Ruiz", "Tom Becker", "Lena Fischer", "Omar Haddad", "Mia Ortega"]
    bodies = ["Harlow Foods", "Tenby Town Council", "Marlow Rovers", "Quay Street Clinic"]
    corpus = []
    for n in range(14):
        names = chance.sample(people + bodies, 3)
        tagged = [name for name in names if chance.random() < 0.7]
        sentences = [f"{names[0]} met {names[1]} on Monday.", f"Later {names[2]} spoke to reporters.",
                     f"{names[0].split()[-1]} said {names[2]} had agreed."]
        corpus.append(analysis(f"n{n:02d}", sentences,
                               [(name, "PERSON" if name in people else "ORG") for name in tagged]))
    for _ in range(5):  # builds over changing collections, one store
        collection = sorted(chance.sample(corpus, chance.randint(6, 14)), key=lambda a: a.article_id)
        plain, kept = _both(tmp_path, collection)
        assert kept == plain


def test_a_question_the_watching_copy_cannot_note_fails_at_once() -> None:
    known = corpus_names([B, C], (), tagged_mentions([B, C], ()))
    watching, _ = secondpass.watched(known)
    with pytest.raises(TypeError):
        list(watching.labels)  # iterating would read every label unnoted


def test_the_first_pass_fingerprint_follows_the_values_not_their_identity() -> None:
    import sys
    from dataclasses import replace

    (mention, *rest) = tagged_mentions([B], ())["b"]
    copied = replace(mention, name="".join(list(mention.name)), surface=sys.intern("".join(list(mention.surface))))
    assert copied.name is not mention.name
    assert secondpass.mentions_fingerprint([copied, *rest]) == secondpass.mentions_fingerprint([mention, *rest])
    assert secondpass.mentions_fingerprint([replace(mention, sentence=mention.sentence + 1), *rest]) != \
        secondpass.mentions_fingerprint([mention, *rest])
    assert secondpass.mentions_fingerprint(rest) != secondpass.mentions_fingerprint([mention, *rest])
