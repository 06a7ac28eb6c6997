"""The SQLite store of pages and feeds: shared by a build and its fork, and never a reason for a build to fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.store import Store


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_and_its_parent_store_records_side_by_side(tmp_path: Path) -> None:
    store = Store(tmp_path / "pages.sqlite")
    store.put("parent-before", b"1")
    store.release()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            for number in range(50):
                store.put(f"child-{number}", b"c")
            code = 0
        finally:
            os._exit(code)
    for number in range(50):
        store.put(f"parent-{number}", b"p")
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    assert store.get("parent-before") == b"1" and store.get("child-49") == b"c" and store.get("parent-0") == b"p"
    store.keep_only(["child-3", "parent-before"])
    assert [key for key in ("parent-before", "child-3", "child-4", "parent-0") if store.has(key)] == \
        ["parent-before", "child-3"]
    assert not store.broken


def test_a_damaged_file_is_started_afresh(tmp_path: Path) -> None:
    path = tmp_path / "pages.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    store = Store(path)
    assert store.get("anything") is None
    store.put("key", b"record")
    assert store.get("key") == b"record" and not store.broken


def test_an_unusable_place_stores_nothing_and_raises_nothing(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    store = Store(tmp_path / "file" / "pages.sqlite")
    store.put("key", b"record")
    assert store.get("key") is None and not store.has("key") and store.broken


def test_added_records_are_stored_together_and_none_is_lost_at_release(tmp_path: Path) -> None:
    from generator.store import BATCH

    store = Store(tmp_path / "records.sqlite")
    other = Store(tmp_path / "records.sqlite")  # another process's view
    for number in range(BATCH + 2):
        store.add(f"r{number}", b"x")
    assert other.has("r0") and not other.has(f"r{BATCH + 1}")  # the first batch went in one transaction
    assert store.get(f"r{BATCH + 1}") == b"x"  # the adding store reads what it holds
    store.add("gone", b"z")
    store.forget("gone")  # forgetting a held record drops it: the next flush does not store it
    store.add("twice", b"old")
    store.put("twice", b"new")  # stored now: no held older record overwrites it later
    store.release()  # before a fork: what is held is stored, not copied into the child
    assert all(other.has(f"r{number}") for number in range(BATCH + 2))
    assert not other.has("gone") and other.get("twice") == b"new"
    store.add("late", b"y")
    store.keep_only(["late", "r1"])
    assert [key for key in ("late", "r0", "r1") if store.has(key)] == ["late", "r1"]
