"""The corpus store: every Report kept whole, plus the tables that are queried.

SQLAlchemy 2 over SQLite (default: ``naba.db`` in the working directory, or ``NABA_DB``) or
PostgreSQL (``postgresql://...``, driven by psycopg 3). Storage never runs a model: it takes
finished Reports. Writes are idempotent by report id, so a killed ingest can simply be rerun.
This module opens the database; writing is in ``write.py``, reading and search in ``query.py``.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from naba.corpus import schema as t
from naba.corpus.query import Queries
from naba.corpus.search import SearchIndex
from naba.corpus.write import Writer, corpus_entity_id

__all__ = ["DEFAULT_DB", "Store", "corpus_entity_id", "resolve_url"]

DEFAULT_DB = "naba.db"
BUSY_TIMEOUT_MS = 30_000  # how long an SQLite writer waits for another writer's transaction


def resolve_url(url: str | None = None) -> str:
    """``--db`` value, else ``NABA_DB``, else ``naba.db`` in the working directory, as an SQLAlchemy URL.

    A bare path means an SQLite file; ``postgresql://`` URLs are sent to the psycopg 3 driver.
    """
    url = url or os.environ.get("NABA_DB") or DEFAULT_DB
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: switching to WAL may itself wait for a lock
    _switch_to_wal(cursor)  # readers do not block the ingest, and a kill loses only the open batch
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _switch_to_wal(cursor) -> None:
    """``PRAGMA journal_mode=WAL``, tried again while another process switches the same new file:
    two connections switching at once deadlock, and SQLite answers one "locked" without waiting
    (four processes opening one new file at once: 7-15 failures in 100 before)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Store(Writer, Queries):
    """A corpus of Reports in one database. Open with ``Store.open(url)``; close when done."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name
        self.index = SearchIndex(self.dialect)
        self._init_writer()

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating or upgrading the schema) the store at ``url``; see ``resolve_url`` for defaults."""
        resolved = resolve_url(url)
        if resolved.startswith("sqlite"):
            engine = create_engine(resolved, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(resolved, pool_pre_ping=True)
        t.migrate(engine)
        return cls(engine)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
