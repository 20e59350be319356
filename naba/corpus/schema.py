"""Tables of the corpus store and the versioned migrations that create them.

Migrations use a small explicit version table (``naba_schema``), not Alembic: the schema is owned
by this one package, the search index is dialect-specific DDL (an SQLite FTS5 virtual table, a
PostgreSQL tsvector column with a GIN index) that Alembic's autogenerate cannot see anyway, and a
store must upgrade itself on open without an ``alembic.ini`` or a migrations folder next to the
user's database file. Each migration is a function applied once, in order, inside a transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean, Column, DateTime, Engine, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text,
    UniqueConstraint, inspect, text,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

reports = Table(
    "reports", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(128), nullable=False, unique=True),
    Column("title", Text),
    Column("outlet", Text),
    Column("url", Text),
    Column("published", String(40)),  # as the report gives it
    Column("published_day", String(10), index=True),  # YYYY-MM-DD, for filters and ordering
    Column("canonical_id", String(128), index=True),  # near-duplicate of this report
    Column("story_id", String(140), index=True),
    Column("n_entities", Integer, nullable=False, default=0),
    Column("n_times", Integer, nullable=False, default=0),
    Column("n_attributions", Integer, nullable=False, default=0),
    Column("n_events", Integer, nullable=False, default=0),
    Column("minhash", LargeBinary),
    Column("text", Text, nullable=False),  # also inside report_json; kept apart so snippets need no JSON parse
    Column("report_json", Text, nullable=False),
    Column("ingested_at", DateTime),
)

entities = Table(
    "entities", metadata,
    Column("id", String(160), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("name_ar", Text),
    Column("name_en", Text),
    Column("kb", String(160)),
    Column("mention_count", Integer, nullable=False, default=0),
    Column("report_count", Integer, nullable=False, default=0),
)

entity_aliases = Table(
    "entity_aliases", metadata,
    Column("entity_id", String(160), ForeignKey("entities.id"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("alias_norm", String(400), nullable=False, index=True),
    UniqueConstraint("entity_id", "alias_norm", name="uq_alias"),
)

mentions = Table(
    "mentions", metadata,
    Column("report_pk", Integer, ForeignKey("reports.pk"), nullable=False, index=True),
    Column("entity_id", String(160), ForeignKey("entities.id"), nullable=False, index=True),
    Column("local_id", String(64)),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text),
)

times = Table(
    "times", metadata,
    Column("report_pk", Integer, ForeignKey("reports.pk"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text),
    Column("value", String(64)),
    Column("mod", String(16)),
)

attributions = Table(
    "attributions", metadata,
    Column("report_pk", Integer, ForeignKey("reports.pk"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("speaker", Text),
    Column("speaker_kind", String(16)),
    Column("speaker_entity", String(160)),
    Column("speaker_affiliation", String(160)),  # since v2
    Column("via_entity", String(160)),  # since v2
    Column("cue", Text),
    Column("direct", Boolean, nullable=False, default=False),
    Column("content", Text),
)

events = Table(
    "events", metadata,
    Column("report_pk", Integer, ForeignKey("reports.pk"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("type", String(32), nullable=False, index=True),
    Column("mode", String(32)),
    Column("cameo", String(8)),
    Column("actor", String(160), index=True),  # corpus entity ids
    Column("target", String(160), index=True),
    Column("place", String(160), index=True),
    Column("date", String(64)),  # TIMEX3 value of the event's time
    Column("status", String(16), nullable=False),
    Column("trigger", Text),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("attribution", Integer),
)

corpus_state = Table(
    "corpus_state", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text),
)

schema_version = Table("naba_schema", metadata, Column("version", Integer, nullable=False))

Index("ix_events_actor_target", events.c.actor, events.c.target)


def _v1(conn: Connection) -> None:
    """All tables, plus the full-text index of the dialect."""
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t is not schema_version])
    if conn.dialect.name == "sqlite":
        # Text is normalised and clitic-stripped in Python before it reaches FTS5 (see search.py).
        conn.execute(text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')"
        ))
    else:
        conn.execute(text(
            "CREATE TABLE IF NOT EXISTS search_docs (report_pk INTEGER PRIMARY KEY REFERENCES reports(pk), tsv tsvector NOT NULL)"
        ))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_search_docs_tsv ON search_docs USING GIN (tsv)"))


def _v2(conn: Connection) -> None:
    """Attributions keep the speaker's stated affiliation and the relaying outlet as corpus entity ids."""
    present = {column["name"] for column in inspect(conn).get_columns("attributions")}
    for name in ("speaker_affiliation", "via_entity"):
        if name not in present:  # a v1 database; a fresh one got the columns from v1's create_all
            conn.execute(text(f"ALTER TABLE attributions ADD COLUMN {name} VARCHAR(160)"))


MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2]
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(RuntimeError):
    pass


def current_version(conn: Connection) -> int:
    schema_version.create(conn, checkfirst=True)
    row = conn.execute(schema_version.select()).first()
    return row.version if row else 0


def migrate(engine: Engine) -> int:
    """Bring the database to ``SCHEMA_VERSION``; returns the version it found."""
    with engine.begin() as conn:
        # Two processes opening a fresh database at once must not both create the tables.
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(7477001)"))
        elif conn.dialect.name == "sqlite":  # the driver runs DDL outside a transaction unless one is begun here
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        found = current_version(conn)
        if found > SCHEMA_VERSION:
            raise SchemaTooNew(f"database schema v{found} is newer than this naba (v{SCHEMA_VERSION}); upgrade naba")
        for version in range(found, SCHEMA_VERSION):
            MIGRATIONS[version](conn)
        if found == 0:
            conn.execute(schema_version.insert().values(version=SCHEMA_VERSION))
        elif found < SCHEMA_VERSION:
            conn.execute(schema_version.update().values(version=SCHEMA_VERSION))
    return found
