"""The inbox: updates fetched from Telegram that are not answered yet, kept in SQLite.

Telegram forgets an update once the bot confirms it (the next getUpdates offset, or a
webhook's 200 answer), and a bot confirms an update long before it has answered it: a
stop or a crash in between would lose the question for good. So every update is written
here before it is confirmed, marked answered when its handler returns, and whatever is
left is answered first at the next start.

Answered updates keep only their id (the reader's message is deleted), so that an update
delivered twice (a webhook retried after a timeout, an update fetched again after a
crash) is answered once: the last RECENT_IDS ids are remembered, in the file and in memory.
"""

from __future__ import annotations

import collections
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

KEEP_SECONDS = 24 * 3600
"""An unanswered update older than this is dropped at start: Telegram keeps an update it
could not deliver for 24 hours, and a question that old is no longer worth answering."""
RECENT_IDS = 10_000
"""Ids of answered updates remembered to recognise an update delivered again. Telegram
delivers again only what it has sent in the last minutes; this covers hours of traffic."""
PRUNE_EVERY = 1_000
"""Answered updates between two deletions of the ids no longer remembered."""
WRITE_EVERY = 32
"""Answered marks gathered before they are written in one transaction (at the latest: they
are also written when nothing is being answered, with the next updates kept, and on
close). A write costs ~40 µs, a tenth of what an update costs in all; gathering them
costs a crash (not a stop) at most this many answers sent twice."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS updates (
    seq INTEGER PRIMARY KEY,          -- arrival order
    update_id INTEGER NOT NULL UNIQUE,
    received REAL NOT NULL,           -- Unix time
    body TEXT                         -- the update as Telegram sent it; NULL once answered
);
"""


class Inbox:
    """Updates not answered yet, in a SQLite file (`path`), or in memory when `path` is
    None (then a restart loses them, but an update delivered twice is still answered once).

    `keep` before confirming updates to Telegram; `claim` before answering one (False: it
    is answered, or being answered, already), then `done`, or `release` if it was not
    answered after all. Used from the event loop's thread only; each call is one short
    SQLite transaction (in WAL mode, without waiting for the disk).
    """

    def __init__(self, path: Path | None, *, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock
        self._db: sqlite3.Connection | None = None
        self._claimed: set[int] = set()
        self._answered: set[int] = set()
        self._answered_order: collections.deque[int] = collections.deque()
        self._since_prune = 0
        self._answered_unwritten: list[tuple[int]] = []

    def open(self) -> None:
        """Open (or create) the file, drop what has expired, and load the recent ids."""
        if self._db is not None:
            return
        if self.path is None:
            db = sqlite3.connect(":memory:", isolation_level=None)
        else:
            if not self.path.exists():
                # The file holds readers' messages until they are answered: owner only.
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            db = sqlite3.connect(self.path, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        cutoff = self._clock() - KEEP_SECONDS
        expired = db.execute(
            "DELETE FROM updates WHERE received < ? AND body IS NOT NULL", (cutoff,)
        ).rowcount
        if expired:
            logger.warning("dropped %d unanswered updates older than 24 hours", expired)
        self._db = db
        self._prune()
        recent = db.execute(
            "SELECT update_id FROM updates WHERE body IS NULL ORDER BY seq DESC LIMIT ?",
            (RECENT_IDS,),
        ).fetchall()
        for (update_id,) in reversed(recent):
            self._remember(update_id)

    def close(self) -> None:
        """Write what is gathered and close the file; what is unanswered stays for the next start."""
        if self._db is not None:
            self.write()
            self._db.close()
            self._db = None

    def keep(self, updates: Iterable[Mapping[str, Any]]) -> None:
        """Write updates down, as Telegram sent them (an id already here is left as it is)."""
        self.write()
        now = self._clock()
        rows = [
            (update["update_id"], now, json.dumps(update, ensure_ascii=False)) for update in updates
        ]
        self._transaction(
            "INSERT OR IGNORE INTO updates (update_id, received, body) VALUES (?, ?, ?)", rows
        )

    def unanswered(self) -> list[dict[str, Any]]:
        """The updates kept but not answered, oldest first."""
        self.write()
        rows = self._connection().execute(
            "SELECT body FROM updates WHERE body IS NOT NULL ORDER BY seq"
        )
        updates: list[dict[str, Any]] = [json.loads(body) for (body,) in rows]
        return updates

    def unanswered_count(self) -> int:
        """How many updates are kept but not answered."""
        self.write()
        row = self._connection().execute("SELECT count(*) FROM updates WHERE body IS NOT NULL")
        count: int = row.fetchone()[0]
        return count

    def claim(self, update_id: int) -> bool:
        """Take an update to answer; False if it is answered, or being answered, already."""
        if update_id in self._claimed or update_id in self._answered:
            return False
        self._claimed.add(update_id)
        return True

    def release(self, update_id: int) -> None:
        """Give a claimed update back unanswered: it stays for the next start."""
        self._claimed.discard(update_id)

    def done(self, update_id: int) -> None:
        """Mark an update answered: its message is deleted, its id remembered (in the
        file within WRITE_EVERY updates, or at the next `write`)."""
        self._claimed.discard(update_id)
        self._remember(update_id)
        self._answered_unwritten.append((update_id,))
        if len(self._answered_unwritten) >= WRITE_EVERY:
            self.write()

    def write(self) -> None:
        """Write the answered marks gathered so far, in one transaction."""
        if not self._answered_unwritten:
            return
        rows = self._answered_unwritten
        self._answered_unwritten = []
        self._transaction("UPDATE updates SET body = NULL WHERE update_id = ?", rows)
        self._since_prune += len(rows)
        if self._since_prune >= PRUNE_EVERY:
            self._prune()

    def _transaction(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        """Run `statement` for each row, in one transaction."""
        db = self._connection()
        db.execute("BEGIN")
        try:
            db.executemany(statement, rows)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _remember(self, update_id: int) -> None:
        if len(self._answered_order) >= RECENT_IDS:
            self._answered.discard(self._answered_order.popleft())
        self._answered_order.append(update_id)
        self._answered.add(update_id)

    def _prune(self) -> None:
        """Delete the answered updates beyond the RECENT_IDS most recent."""
        self._since_prune = 0
        self._connection().execute(
            "DELETE FROM updates WHERE body IS NULL AND seq <= (SELECT max(seq) FROM updates) - ?",
            (RECENT_IDS,),
        )

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("the inbox is not open: call open() first")
        return self._db
