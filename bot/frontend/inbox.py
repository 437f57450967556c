"""The inbox: updates fetched from Telegram that are not answered yet, kept in SQLite.

Telegram forgets an update once the bot confirms it (the next getUpdates offset, or a
webhook's 200 answer), and a bot confirms an update long before it has answered it: a
stop or a crash in between would lose the question for good. So every update is written
here before it is confirmed, marked answered when its handler returns, and whatever is
left is answered first at the next start.

Updates are kept as Telegram sent them, a getUpdates answer (or a webhook body) at a time:
serialising each update again would cost more than the rest of the bookkeeping. A batch
is deleted, with the readers' messages in it, once all of its updates are answered. Only
the ids of answered updates stay, so that an update delivered twice (a webhook retried
after a timeout, an update fetched again after a crash) is answered once: the last
RECENT_IDS ids are remembered, in the file and in memory.
"""

from __future__ import annotations

import collections
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot.config import ConfigError

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
close). Gathering them costs a crash (not a stop) at most this many answers sent twice."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
    seq INTEGER PRIMARY KEY,
    received REAL NOT NULL,           -- Unix time
    body BLOB NOT NULL                -- {"result": [update, ...]}, as Telegram sent it
);
CREATE TABLE IF NOT EXISTS updates (
    seq INTEGER PRIMARY KEY,          -- arrival order
    update_id INTEGER NOT NULL UNIQUE,
    batch INTEGER                     -- its batch; answered once NULL or the batch is gone
);
"""
_ANSWERED = "(batch IS NULL OR batch NOT IN (SELECT seq FROM batches))"


class Inbox:
    """Updates not answered yet, in a SQLite file (`path`), or in memory when `path` is
    None (then a restart loses them, but an update delivered twice is still answered once).

    `keep` before confirming updates to Telegram; `claim` before answering one (False: it
    is answered, or being answered, already), then `done`, or `release` if it was not
    answered after all. Used from the event loop's thread only; each write is one short
    SQLite transaction (in WAL mode, without waiting for the disk).
    """

    def __init__(self, path: Path | None, *, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock
        self._db: sqlite3.Connection | None = None
        self._claimed: set[int] = set()
        self._answered: set[int] = set()
        self._answered_order: collections.deque[int] = collections.deque()
        self._batch_of: dict[int, int] = {}  # unanswered update id -> its batch
        self._left_in: collections.Counter[int] = collections.Counter()  # batch -> unanswered
        self._unwritten: list[tuple[int, int]] = []  # (answered update, its batch), not yet written
        self._emptied: list[tuple[int]] = []  # batches all answered, not yet deleted
        self._since_prune = 0

    def open(self) -> None:
        """Open (or create) the file, drop what has expired, and load the state."""
        if self._db is not None:
            return
        try:
            db = self._connect()
        except (OSError, sqlite3.Error) as error:
            raise ConfigError(
                f"ARTICLE_BOT_UPDATES_DB: cannot open {self.path} ({error}); make its folder "
                "writable, point the variable at another file, or set it to off"
            ) from None
        self._db = db
        self._drop_expired()
        self._prune()
        recent = db.execute(
            f"SELECT update_id FROM updates WHERE {_ANSWERED} ORDER BY seq DESC LIMIT ?",
            (RECENT_IDS,),
        ).fetchall()
        for (update_id,) in reversed(recent):
            self._remember(update_id)
        for update_id, batch in db.execute(
            "SELECT update_id, batch FROM updates WHERE batch IN (SELECT seq FROM batches)"
        ):
            self._batch_of[update_id] = batch
            self._left_in[batch] += 1

    def _connect(self) -> sqlite3.Connection:
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
        return db

    def close(self) -> None:
        """Write what is gathered and close the file; what is unanswered stays for the next start."""
        if self._db is not None:
            self.write()
            self._db.close()
            self._db = None

    def keep(self, body: bytes, update_ids: Sequence[int], *, one: bool = False) -> None:
        """Write down updates as Telegram sent them: `body` is a getUpdates answer holding
        `update_ids`, or with `one`, a webhook's body, that update alone. An id already
        here is left as it is."""
        if one:
            body = b'{"result": [' + body + b"]}"
        self.write()
        added = [
            u
            for u in dict.fromkeys(update_ids)
            if u not in self._batch_of and u not in self._answered
        ]
        if not added:  # all delivered before
            return
        db = self._connection()
        db.execute("BEGIN")
        try:
            batch = db.execute(
                "INSERT INTO batches (received, body) VALUES (?, ?)", (self._clock(), body)
            ).lastrowid
            assert batch is not None
            db.executemany(
                "INSERT OR IGNORE INTO updates (update_id, batch) VALUES (?, ?)",
                [(update_id, batch) for update_id in added],
            )
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        for update_id in added:
            self._batch_of[update_id] = batch
        self._left_in[batch] = len(added)

    def unanswered(self) -> list[dict[str, Any]]:
        """The updates kept but not answered, oldest first."""
        self.write()
        rows = self._connection().execute(
            "SELECT updates.update_id, batches.seq, batches.body FROM updates "
            "JOIN batches ON updates.batch = batches.seq ORDER BY updates.seq"
        )
        parsed: dict[int, dict[int, dict[str, Any]]] = {}
        updates = []
        for update_id, batch, body in rows:
            if batch not in parsed:
                try:
                    parsed[batch] = {u["update_id"]: u for u in json.loads(body)["result"]}
                except (ValueError, KeyError, TypeError):
                    logger.warning("inbox: batch %d is unreadable; its updates are dropped", batch)
                    parsed[batch] = {}
            if update_id in parsed[batch]:
                updates.append(parsed[batch][update_id])
        return updates

    def unanswered_count(self) -> int:
        """How many updates are kept but not answered."""
        return len(self._batch_of)

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
        """Mark an update answered: its id is remembered, and its batch deleted once all of
        it is answered (in the file within WRITE_EVERY updates, or at the next `write`)."""
        self._claimed.discard(update_id)
        self._remember(update_id)
        batch = self._batch_of.pop(update_id, None)
        if batch is None:  # not kept (an update put in the queue directly)
            return
        self._unwritten.append((update_id, batch))
        self._left_in[batch] -= 1
        if not self._left_in[batch]:
            del self._left_in[batch]
            self._emptied.append((batch,))
        if len(self._unwritten) >= WRITE_EVERY:
            self.write()

    def write(self) -> None:
        """Write the answered marks gathered so far, in one transaction: a batch all
        answered is deleted (which marks its updates), an update of a batch still in part
        unanswered is marked on its own."""
        if not self._unwritten:
            return
        unwritten, emptied = self._unwritten, self._emptied
        self._unwritten, self._emptied = [], []
        answered = [(u,) for u, batch in unwritten if batch in self._left_in]
        db = self._connection()
        db.execute("BEGIN")
        try:
            db.executemany("UPDATE updates SET batch = NULL WHERE update_id = ?", answered)
            db.executemany("DELETE FROM batches WHERE seq = ?", emptied)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        self._since_prune += len(unwritten)
        if self._since_prune >= PRUNE_EVERY:
            self._prune()

    def _remember(self, update_id: int) -> None:
        if len(self._answered_order) >= RECENT_IDS:
            self._answered.discard(self._answered_order.popleft())
        self._answered_order.append(update_id)
        self._answered.add(update_id)

    def _drop_expired(self) -> None:
        """Forget batches older than KEEP_SECONDS, with what is unanswered in them."""
        db = self._connection()
        cutoff = self._clock() - KEEP_SECONDS
        (expired,) = db.execute(
            "SELECT count(*) FROM updates WHERE batch IN "
            "(SELECT seq FROM batches WHERE received < ?)",
            (cutoff,),
        ).fetchone()
        db.execute("DELETE FROM batches WHERE received < ?", (cutoff,))
        if expired:
            logger.warning("dropped %d unanswered updates older than 24 hours", expired)

    def _prune(self) -> None:
        """Delete the answered updates beyond the RECENT_IDS most recent."""
        self._since_prune = 0
        self._connection().execute(
            f"DELETE FROM updates WHERE {_ANSWERED} AND seq <= (SELECT max(seq) FROM updates) - ?",
            (RECENT_IDS,),
        )

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("the inbox is not open: call open() first")
        return self._db
