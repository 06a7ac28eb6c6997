"""Records kept between builds (converted pages, rendered feeds): one SQLite file that two processes
of a build can read and write at once.

A first build stores a record for each of thousands of pages or feeds, and a fork of the build
stores some of them beside it. As separate files that cost a file creation each (0.2 to 0.3 ms on this project's
disk, as much as theming a small page); as rows of one SQLite database in write-ahead-log mode,
each committed on its own, it costs a few tens of microseconds, and readers never wait for the
writer. A connection is never carried across a fork: ``release`` closes it before one, and each
process opens its own when it next needs it. The file is a cache: when SQLite cannot use it (a
damaged file, a full disk) the store says so once in the log, starts afresh if it can, and
otherwise stores nothing for the rest of the build, which then simply makes every record anew.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.digest")

BUSY_SECONDS = 60.0
"""How long a write waits for the other process's write to finish."""
BATCH = 500
"""Records ``Store.add`` stores together, in one transaction."""


class Store:
    """Records by key in the SQLite file at ``path``; ``label`` names it in the log ("the page cache")."""

    def __init__(self, path: Path, label: str = "the cache") -> None:
        self.path = path
        self.label = label
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self.broken = False
        self._pending: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        if key in self._pending:
            return self._pending[key]
        row = self._run("SELECT record FROM pages WHERE key = ?", (key,))
        return row[0] if row else None

    def has(self, key: str) -> bool:
        return key in self._pending or self._run("SELECT 1 FROM pages WHERE key = ?", (key,)) is not None

    def put(self, key: str, record: bytes) -> None:
        """Store a record now, committed on its own (another process may read it next)."""
        self._pending.pop(key, None)
        self._run("INSERT OR REPLACE INTO pages (key, record) VALUES (?, ?)", (key, record))

    def add(self, key: str, record: bytes) -> None:
        """Store a record with others, in one transaction for every ``BATCH`` (a first build makes
        thousands: one commit each would cost more than the records); ``flush`` stores the rest.
        This process reads it back at once; another, once it is flushed (``release`` flushes)."""
        self._pending[key] = record
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Store the records ``add`` holds."""
        pending, self._pending = self._pending, {}
        if pending:
            self._transaction(lambda db: db.executemany(
                "INSERT OR REPLACE INTO pages (key, record) VALUES (?, ?)", list(pending.items())))

    def forget(self, key: str) -> None:
        self._pending.pop(key, None)
        self._run("DELETE FROM pages WHERE key = ?", (key,))

    def keep_only(self, keys: Iterable[str]) -> None:
        """Delete every record whose key is not among ``keys`` (after storing those ``add`` holds).
        The keys stored are read from the table's index and compared here, and only the records
        to go are deleted by key: a ``NOT IN`` over a table of tens of thousands of records read
        the records themselves (0.4 s of a page cache of 16,000 records, against 0.03 s)."""
        self.flush()
        keep = set(keys)

        def delete_others(db: sqlite3.Connection) -> None:
            gone = [(key,) for (key,) in db.execute("SELECT key FROM pages").fetchall() if key not in keep]
            db.executemany("DELETE FROM pages WHERE key = ?", gone)

        if self._transaction(delete_others):
            self._run("PRAGMA wal_checkpoint(TRUNCATE)", ())

    def _transaction(self, work: Callable[[sqlite3.Connection], object]) -> bool:
        """Run ``work`` in one transaction; False when the store cannot be used."""
        db = self._open()
        if db is None:
            return False
        try:
            with db:
                db.execute("BEGIN")
                work(db)
        except sqlite3.Error as error:
            self._fail(error)
            return False
        return True

    def release(self) -> None:
        """Store what ``add`` holds and close this process's connection (before a fork: a copy
        would store it again; the next call opens a new connection)."""
        self.flush()
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None

    def _run(self, sql: str, parameters: tuple) -> tuple | None:
        db = self._open()
        if db is None:
            return None
        try:
            return db.execute(sql, parameters).fetchone()
        except sqlite3.Error as error:
            self._fail(error)
            return None

    def _open(self) -> sqlite3.Connection | None:
        if self.broken:
            return None
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        self._connection = None  # one inherited through a fork is left alone, never used or closed
        for attempt in (1, 2):
            try:
                self._connection, self._pid = _connect(self.path), os.getpid()
                return self._connection
            except (sqlite3.Error, OSError) as error:
                if attempt == 2 or not isinstance(error, sqlite3.DatabaseError) or not self.path.is_file():
                    self._fail(error)
                    return None
                log.info(f"{self.label} {self.path} could not be read ({error}); starting it afresh")
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        return None

    def _fail(self, error: Exception) -> None:
        if not self.broken:
            log.info(f"{self.label} {self.path} stopped working ({error}); its records are made anew")
        self.broken = True


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)  # each statement commits
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # a cache: a power cut may lose the newest records only
        db.execute("CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, record BLOB NOT NULL)")
    except sqlite3.Error:
        db.close()
        raise
    return db
