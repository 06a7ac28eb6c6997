"""The names' first pass kept between builds: an article read before is not read again, and what
comes back is what reading it gives; anything that changes the reading reads it anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.actors import firstpass
from generator.actors.aliasfile import AliasSpec
from generator.actors.index import tagged_mentions
from generator.actors.mentions import collect_mentions
from generator.store import Store

from .helpers import analysis

ANALYSES = [analysis("a", ["Olaf Scholz met Vladimir Putin in Moscow."],
                     [("Olaf Scholz", "PERSON"), ("Vladimir Putin", "PERSON"), ("Moscow", "GPE")]),
            analysis("b", ["The Department of Health and Human Services said so."],
                     [("The Department of Health", "ORG"), ("Human Services", "ORG")])]


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []

    def counting(one, ignore):
        read.append(one.article_id)
        return collect_mentions(one, ignore)

    monkeypatch.setattr(firstpass, "collect_mentions", counting)
    return read


def _pass(path: Path, keys: dict[str, str], specs: tuple[AliasSpec, ...] = ()) -> dict:
    reader = firstpass.FirstPass(Store(path / "names.sqlite"), keys)
    found = tagged_mentions(ANALYSES, specs, reader)
    reader.prune()
    return found


def test_a_rebuild_reads_only_new_or_changed_articles_and_finds_the_same(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tagged_mentions(ANALYSES, ())
    assert {m.name for m in plain["a"]} == {"Olaf Scholz", "Vladimir Putin", "Moscow"}
    assert [m.name for m in plain["b"]] == ["Department of Health and Human Services"]  # rejoined across the pass
    read = _counted(monkeypatch)
    assert _pass(tmp_path, {"a": "key-a", "b": "key-b"}) == plain
    assert read == ["a", "b"]
    assert _pass(tmp_path, {"a": "key-a", "b": "key-b"}) == plain
    assert read == ["a", "b"]  # nothing read again
    assert _pass(tmp_path, {"a": "key-a", "b": "key-b2"}) == plain  # b's text changed
    assert read == ["a", "b", "b"]
    ignoring = (AliasSpec(ignore=frozenset({"moscow"})),)
    assert {m.name for m in _pass(tmp_path, {"a": "key-a", "b": "key-b2"}, ignoring)["a"]} == \
        {"Olaf Scholz", "Vladimir Putin"}
    assert read == ["a", "b", "b", "a", "b"]  # another ignore list reads every article again


def test_an_unreadable_record_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = {"a": "key-a", "b": "key-b"}
    plain = _pass(tmp_path, keys)
    store = Store(tmp_path / "names.sqlite")
    for key in [row[0] for row in store._open().execute("SELECT key FROM pages")]:
        store.put(key, b"not a pickle")
    store.release()
    read = _counted(monkeypatch)
    assert _pass(tmp_path, keys) == plain
    assert sorted(read) == ["a", "b"]
