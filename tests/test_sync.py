"""Publishing a build: unchanged files are never written, changed and new ones are, stale ones go."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from mkdocs import utils as mkdocs_utils

from generator.engine.speedups.unwritten import unchanged_outputs
from generator.engine.sync import MANIFEST, sync_tree


def test_only_new_or_changed_files_reach_the_site(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / "staging"
    for name, text in {"same/index.html": "same", "changed/index.html": "old", "gone/index.html": "x"}.items():
        (site / name).parent.mkdir(parents=True)
        (site / name).write_text(text)
    (site / MANIFEST).write_text('["same/index.html", "changed/index.html", "gone/index.html"]')  # an earlier build
    staging.mkdir()
    stamp = (site / "same/index.html").stat().st_mtime_ns
    with unchanged_outputs(staging, site) as unchanged:
        mkdocs_utils.write_file(b"same", str(staging / "same/index.html"))
        mkdocs_utils.write_file(b"new", str(staging / "changed/index.html"))
        mkdocs_utils.write_file(b"old", str(staging / "twice/index.html"))  # not in the site: written
        mkdocs_utils.write_file(b"old", str(staging / "changed/index.html"))  # written again, now as it was
        mkdocs_utils.write_file(b"fresh", str(staging / "added/index.html"))
    assert unchanged == {"same/index.html", "changed/index.html"}
    assert not (staging / "same").exists()
    assert sync_tree(staging, site, unchanged) == (2, 1)
    files = {str(p.relative_to(site)): p.read_text() for p in site.rglob("*") if p.is_file() and p.name != MANIFEST}
    assert files == {"same/index.html": "same", "changed/index.html": "old",
                     "twice/index.html": "old", "added/index.html": "fresh"}
    assert not (site / "gone").exists()
    assert (site / "same/index.html").stat().st_mtime_ns == stamp
    assert mkdocs_utils.write_file.__module__ == "mkdocs.utils"  # put back


def test_outputs_are_placed_by_their_path_through_a_linked_folder_and_never_outside_it(tmp_path: Path) -> None:
    site, real = tmp_path / "site", tmp_path / "real-staging"
    (site / "page").mkdir(parents=True)
    (site / "page/index.html").write_text("same")
    (site / "outside.html").write_text("same")
    real.mkdir()
    staging = tmp_path / "staging"
    staging.symlink_to(real)
    with unchanged_outputs(staging, site) as unchanged:
        mkdocs_utils.write_file(b"same", str(real / "page/index.html"))  # MkDocs given the folder's real path
        mkdocs_utils.write_file(b"same", str(staging / "x/../page/index.html"))
        mkdocs_utils.write_file(b"same", str(staging / "../outside.html"))  # not under staging: written as asked
    assert unchanged == {"page/index.html"}
    assert (tmp_path / "outside.html").read_text() == "same" and not (real / "page").exists()


def test_generated_files_and_assets_with_the_bytes_the_site_has_are_not_copied_out(tmp_path: Path) -> None:
    from mkdocs.structure.files import File

    site, staging = tmp_path / "site", tmp_path / "staging"
    site.mkdir()
    (site / "feed.xml").write_bytes(b"<rss>same</rss>")
    (site / "atom.xml").write_bytes(b"<feed>old</feed>")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "style.css").write_text("p {}")
    files = [File(name, None, str(staging), use_directory_urls=True) for name in ("feed.xml", "atom.xml")]
    files[0].content_bytes, files[1].content_bytes = b"<rss>same</rss>", b"<feed>new</feed>"
    files.append(File("style.css", str(tmp_path / "docs"), str(staging), use_directory_urls=True))
    (site / "style.css").write_text("p {}")
    with unchanged_outputs(staging, site) as unchanged:
        for file in files:
            file.copy_file()
    assert unchanged == {"feed.xml", "style.css"}
    assert not (staging / "feed.xml").exists() and not (staging / "style.css").exists()
    assert (staging / "atom.xml").read_bytes() == b"<feed>new</feed>"
    assert File.copy_file.__module__ == "mkdocs.structure.files"  # put back


def test_files_digest_did_not_write_are_never_removed(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / "staging"
    theirs = {".git/HEAD": "ref: refs/heads/gh-pages", ".git/objects/ab/cd": "blob", "CNAME": "news.example.org",
              ".nojekyll": "", "notes/todo.txt": "mine"}
    for name, text in theirs.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    for build, pages in enumerate([["index.html", "old/index.html"], ["index.html"]]):
        staging.mkdir()
        for page in pages:
            (staging / page).parent.mkdir(parents=True, exist_ok=True)
            (staging / page).write_text(f"build {build}")
        written, removed = sync_tree(staging, site)
        shutil.rmtree(staging)
    assert (written, removed) == (1, 1)
    assert not (site / "old").exists()
    for name, text in theirs.items():
        assert (site / name).read_text() == text


def test_a_first_build_moves_whole_new_folders_and_counts_their_files(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / "staging"
    (site / "actors").mkdir(parents=True)
    (site / "actors/theirs.txt").write_text("mine")  # a folder the site has: merged file by file
    pages = {"articles/a/index.html": "a", "articles/b/index.html": "b", "articles/b/deep/x.svg": "x",
             "actors/c/index.html": "c", "index.html": "home"}
    for name, text in pages.items():
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).write_text(text)
    folder = (staging / "articles").stat().st_ino
    assert sync_tree(staging, site) == (5, 0)
    assert (site / "articles").stat().st_ino == folder  # one rename, not a folder and a move per page
    files = {p.relative_to(site).as_posix(): p.read_text() for p in site.rglob("*") if p.is_file()}
    assert files.pop(MANIFEST)
    assert files == pages | {"actors/theirs.txt": "mine"}
    assert not any(p.is_file() for p in staging.rglob("*"))
    shutil.rmtree(staging)
    (staging / "articles/a").mkdir(parents=True)
    (staging / "articles/a/index.html").write_text("a")
    assert sync_tree(staging, site) == (0, 4)  # the others were this digest's: removed; theirs stays
    assert (site / "actors/theirs.txt").read_text() == "mine"


def test_a_site_file_whose_stat_is_as_noted_is_not_read_and_an_edited_one_is(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """With marks, an output whose file in the site has the stat noted when it was last found or
    written, and the bytes noted then, is known unchanged unread; a file edited in the site, even
    to its old size and modification time, is read, found changed and written as built."""
    from generator.engine import sync
    from generator.engine.speedups import unwritten
    from generator.engine.speedups.unwritten import Marks

    site = tmp_path / "site"
    outputs = {"a/index.html": b"alpha", "b/index.html": b"beta", "feed.xml": b"<rss/>"}
    read: list[str] = []
    plain_same = sync.same_bytes
    monkeypatch.setattr(unwritten, "same_bytes",
                        lambda path, content: read.append(path.parent.name) or plain_same(path, content))

    def build(changed: dict[str, bytes]) -> tuple[set[str], int]:
        staging = tmp_path / "staging"
        staging.mkdir()
        marks = Marks(tmp_path / "cache" / "published.pickle")
        with unchanged_outputs(staging, site, marks) as unchanged:
            for name, content in {**outputs, **changed}.items():
                mkdocs_utils.write_file(content, str(staging / name))
        written, _ = sync_tree(staging, site, unchanged)
        marks.save(site)
        shutil.rmtree(staging)
        return unchanged, written

    assert build({}) == (set(), 3)  # a first build: everything written, then marked
    read.clear()
    assert build({}) == (set(outputs), 0) and read == []  # nothing read
    edited = site / "b/index.html"
    times = edited.stat()
    edited.write_bytes(b"BETA")
    os.utime(edited, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert build({"feed.xml": b"<rss>new</rss>"}) == ({"a/index.html"}, 2)
    assert read == ["b"]  # only the edited file; the changed feed's bytes differ from those noted
    assert edited.read_bytes() == b"beta" and (site / "feed.xml").read_bytes() == b"<rss>new</rss>"
    read.clear()
    assert build({"feed.xml": b"<rss>new</rss>"}) == (set(outputs), 0) and read == []  # all marked again
