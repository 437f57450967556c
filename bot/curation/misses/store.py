"""The misses database: events in, events out, old ones purged.

SQLite in WAL mode, so `article-bot misses` reads while the bot writes; opened lazily and
thread-safe, but meant for one writer thread (`recorder`). No Telegram id is stored, only
a keyed hash of the chat id (to count distinct chats) whose key is not in the database:
see `MissStore`.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import stamina

from bot.answering.match import Match
from bot.config import DEFAULT_RETENTION_DAYS
from bot.curation.misses import schema
from bot.curation.misses.chat_key import CHAT_HASH_CHARS, key_file, load_key, salted
from bot.curation.misses.grouping import group_events
from bot.curation.misses.model import (
    Closing,
    MissEvent,
    MissGroup,
    MissOutcome,
    MissStoreError,
    event_from_match,
    utcnow,
)

logger = logging.getLogger(__name__)

PURGE_EVERY_WRITES = 500
"""Old rows are purged on open, after this many writes…"""
PURGE_INTERVAL_SECONDS = 24 * 3600.0
"""…and at least once a day while the bot runs."""
DEFAULT_BUSY_TIMEOUT = 2.0
"""Seconds a write waits for another process's lock before the event is dropped."""
ROWS_PER_STATEMENT = 100
"""Rows per INSERT: 7 parameters each, well under SQLite's limit of 32,766."""

_OUTCOMES = {o.value: o for o in MissOutcome}


def _time_text(at: datetime) -> str:
    return at.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _hint(reason: str) -> str:
    if "locked" in reason or "busy" in reason:
        return "another process holds a lock on it; later events are written once it is free"
    if "not a database" in reason or "malformed" in reason:
        return (
            "it is not an intact article-bot database: move it aside (a fresh one is then "
            "created) or set ARTICLE_BOT_DB to another file"
        )
    return "check that ARTICLE_BOT_DB names a writable SQLite file"


LOCKED_RETRY_WAIT = 0.01
"""Seconds before the first retry of a statement SQLite refused as locked."""


def _locked(exc: Exception) -> bool:
    """Whether SQLite refused a statement because another connection holds the lock."""
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


class MissStore(Closing):
    """The misses database. Opened lazily on first use (creating the file, its folders and
    schema), so building one never fails; methods raise `MissStoreError`.

    Safe to share between threads (one lock); meant for one writer thread, see
    `BackgroundRecorder`. Rows older than `retention_days` are purged on open, every
    `purge_every` writes and at least daily.

    A chat is stored as HMAC-SHA256(key, sha256(salt + chat id) cut short), cut short. The
    salt (random per database) is in the database; the key is not: it is `key`
    (ARTICLE_BOT_DB_KEY), else the file `key_file(path)`, made on first use. Without the
    key, the database alone cannot tell which rows are a given chat's; the salt keeps two
    databases that share a key from being joined on their hashes.
    """

    def __init__(
        self,
        path: str | Path,
        retention_days: float = DEFAULT_RETENTION_DAYS,
        *,
        timeout: float = DEFAULT_BUSY_TIMEOUT,
        purge_every: int = PURGE_EVERY_WRITES,
        key: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.retention_days = retention_days
        self.timeout = timeout
        self.purge_every = purge_every
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._salt = ""
        self._key = None if key is None else key.encode()
        self._writes = 0
        self._purged_at = 0.0

    @contextlib.contextmanager
    def _using(self) -> Iterator[sqlite3.Connection]:
        """The open connection, under the lock; a failure becomes `MissStoreError` and
        drops the connection, so the next call starts afresh (the lock may be gone, the
        file replaced)."""
        with self._lock:
            try:
                yield self._connect()
            except (sqlite3.Error, OSError) as exc:
                self._disconnect()
                reason = str(exc) or type(exc).__name__
                raise MissStoreError(self.path, reason, _hint(reason)) from exc
            except MissStoreError:
                self._disconnect()
                raise

    def _connect(self) -> sqlite3.Connection:
        if self._db is not None:
            return self._db
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(
            self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
        )
        try:
            # WAL: `article-bot misses` reads while the bot writes, neither waiting.
            # Switching a new file to WAL takes a lock that SQLite's busy timeout does not
            # wait for: processes opening the file together retry within the timeout.
            for attempt in stamina.retry_context(
                on=_locked,
                attempts=None,
                timeout=self.timeout,
                wait_initial=LOCKED_RETRY_WAIT,
                wait_max=20 * LOCKED_RETRY_WAIT,
                wait_jitter=LOCKED_RETRY_WAIT,
            ):
                with attempt:
                    db.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL cannot corrupt the file; a power cut may cost the last
            # few events, which is cheap next to an fsync per question.
            db.execute("PRAGMA synchronous=NORMAL")
            db.create_function("keyed_chat_hash", 1, self._keyed, deterministic=True)
            if db.execute("PRAGMA user_version").fetchone()[0] < schema.DB_SCHEMA_VERSION:
                # A migration may re-key hashes: load the key here, where a missing or
                # unreadable key file is reported as such rather than as a failed query.
                self._chat_key()
            schema.migrate(db, self.path)
            self._salt = db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0]
            self._purge(db)
        except BaseException:
            db.close()
            raise
        self._db = db
        return db

    def _disconnect(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def close(self) -> None:
        """Close the connection (a later call opens it again)."""
        with self._lock:
            self._disconnect()

    def hash_chat(self, chat_id: int) -> str:
        """The keyed hash that stands for a Telegram chat id in this database."""
        with self._using():
            return self._hash(chat_id)

    def _hash(self, chat_id: int) -> str:
        return self._keyed(salted(self._salt, chat_id))

    def _keyed(self, salted: str) -> str:
        digest = hmac.new(self._chat_key(), salted.encode(), hashlib.sha256).hexdigest()
        return digest[:CHAT_HASH_CHARS]

    def _chat_key(self) -> bytes:
        """The key: the one given, else the key file's, read (or made) once."""
        if self._key is None:
            self._key = load_key(key_file(self.path))
        return self._key

    def record(self, event: MissEvent, *, chat_id: int | None = None) -> None:
        """Store one event; a `chat_id` is stored as its keyed hash (see the class)."""
        self.record_many([(event, chat_id)])

    def record_many(self, events: Sequence[tuple[MissEvent, int | None]]) -> None:
        """Store (event, chat id or None) pairs in one transaction: all or none."""
        if not events:
            return
        with self._using() as db:
            rows = [
                (
                    _time_text(event.at),
                    MissOutcome(event.outcome).value,
                    event.question,
                    event.language,
                    json.dumps([[f, s] for f, s in event.candidates], ensure_ascii=False),
                    event.chosen_fact,
                    self._hash(chat_id) if chat_id is not None else event.chat_hash,
                )
                for event, chat_id in events
            ]
            db.execute("BEGIN IMMEDIATE")
            try:
                # One statement for the whole batch: sqlite3 lets go of the GIL around
                # each statement step, and every handover costs the answering thread.
                for start in range(0, len(rows), ROWS_PER_STATEMENT):
                    chunk = rows[start : start + ROWS_PER_STATEMENT]
                    db.execute(
                        "INSERT INTO events (at, outcome, question, language, candidates,"
                        " chosen_fact, chat_hash) VALUES "
                        + ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(chunk)),
                        [value for row in chunk for value in row],
                    )
                db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                raise
            self._writes += len(rows)
            if (
                self._writes >= self.purge_every
                or time.monotonic() - self._purged_at >= PURGE_INTERVAL_SECONDS
            ):
                # The events are in; a busy database is purged at a later write instead.
                with contextlib.suppress(sqlite3.OperationalError):
                    self._purge(db)

    def record_match(self, match: Match, *, chat_id: int | None = None) -> bool:
        """Store the match if it was a miss (unknown or clarify); say whether it was."""
        event = event_from_match(match)
        if event is not None:
            self.record(event, chat_id=chat_id)
        return event is not None

    def record_resolution(
        self,
        question: str,
        fact_id: str,
        *,
        chat_id: int | None = None,
        language: str = "en",
        at: datetime | None = None,
    ) -> None:
        """A reader who asked `question` and got "Did you mean…?" pressed `fact_id`.

        Pass the question as the reader first typed it, so it groups with its `clarify`.
        """
        self.record(
            MissEvent.resolution(question, fact_id, language=language, at=at), chat_id=chat_id
        )

    def purge(self, *, now: datetime | None = None) -> int:
        """Delete events older than the retention period; return how many went."""
        with self._using() as db:
            return self._purge(db, now)

    def _purge(self, db: sqlite3.Connection, now: datetime | None = None) -> int:
        cutoff = (now or utcnow()) - timedelta(days=self.retention_days)
        deleted = db.execute("DELETE FROM events WHERE at < ?", (_time_text(cutoff),)).rowcount
        self._writes = 0
        self._purged_at = time.monotonic()
        if deleted:
            logger.info(
                "purged %d missed questions older than %s days", deleted, self.retention_days
            )
        return deleted

    def events(
        self, *, since_days: float | None = None, now: datetime | None = None
    ) -> list[MissEvent]:
        """Every stored event (of the last `since_days` if given), oldest first."""
        cutoff = (
            "" if since_days is None else _time_text((now or utcnow()) - timedelta(days=since_days))
        )
        with self._using() as db:
            rows = db.execute(
                "SELECT question, outcome, language, candidates, chosen_fact, chat_hash, at"
                " FROM events WHERE at >= ? ORDER BY at, id",
                (cutoff,),
            ).fetchall()
        return [
            MissEvent(
                question,
                _OUTCOMES[outcome],
                language,
                tuple(map(tuple, json.loads(candidates))),
                chosen_fact,
                chat_hash,
                datetime.fromisoformat(at),
            )
            for question, outcome, language, candidates, chosen_fact, chat_hash, at in rows
        ]

    def groups(
        self,
        since_days: float | None = None,
        limit: int | None = None,
        *,
        now: datetime | None = None,
    ) -> list[MissGroup]:
        """The stored events grouped by wording, most frequent first (see `group_events`)."""
        return group_events(self.events(since_days=since_days, now=now))[:limit]
