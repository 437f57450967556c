"""The misses database's schema: one migration step per version, kept in
`PRAGMA user_version`."""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path

from bot.curation.misses.model import MissStoreError


def _create_v1(db: sqlite3.Connection) -> None:
    """Version 1: a key/value meta table (the salt) and one row per event."""
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,            -- UTC, ISO 8601 with +00:00: sorts as time does
            outcome TEXT NOT NULL CHECK (outcome IN ('unknown', 'clarify', 'resolved')),
            question TEXT NOT NULL,
            language TEXT NOT NULL,
            candidates TEXT NOT NULL,    -- JSON [[fact id, score], ...], best first
            chosen_fact TEXT,            -- the fact a reader picked ('resolved' only)
            chat_hash TEXT               -- sha256(salt + chat id), truncated; never the id
        )
        """
    )
    db.execute("CREATE INDEX events_at ON events (at)")
    db.execute("INSERT INTO meta (key, value) VALUES ('salt', ?)", (secrets.token_hex(16),))


def _key_chat_hashes_v2(db: sqlite3.Connection) -> None:
    """Version 2: a stored chat hash is keyed with a secret kept outside the database.

    Version 1 stored sha256(salt + chat id), and the salt is in the database, so anyone
    with the file could hash every chat id and find a chat's rows. Each stored hash `h`
    becomes `keyed_chat_hash(h)` (a function of the connection, `MissStore._keyed`), which
    is what a new event from that chat gets: distinct chats still count right across the
    upgrade, and no row keeps a hash the database alone can reproduce.
    """
    db.execute(
        "UPDATE events SET chat_hash = keyed_chat_hash(chat_hash) WHERE chat_hash IS NOT NULL"
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_create_v1, _key_chat_hashes_v2)
"""Step i takes a database from `PRAGMA user_version` i to i + 1; append, never edit."""
DB_SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the schema to DB_SCHEMA_VERSION, one step per transaction-held version."""
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    if version == DB_SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the write lock.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > DB_SCHEMA_VERSION:
            raise MissStoreError(
                path,
                f"schema version {version} is newer than this article-bot reads ({DB_SCHEMA_VERSION})",
                "upgrade article-bot, or set ARTICLE_BOT_DB to another file",
            )
        for step in MIGRATIONS[version:]:
            step(db)
            version += 1
            db.execute(f"PRAGMA user_version = {version:d}")
        db.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise
