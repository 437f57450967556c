"""Unanswered questions, the curator's to-do list.

Every `unknown` and `clarify` outcome, and every clarification a reader then resolved by
pressing a button, is kept in an embedded SQLite file (`ARTICLE_BOT_DB`) for
`ARTICLE_BOT_RETENTION_DAYS`. `article-bot misses` groups the questions by wording, most
frequent first, so a curator sees what readers ask that the fact base does not cover, and
which fact they meant when the bot had to ask.

Recording must never slow or break answering: the bot hands events to a
`BackgroundRecorder`, whose one thread writes them. A locked or broken database costs
the event and one warning, nothing more. No Telegram id is stored, only a keyed hash of
the chat id (to count distinct chats) whose key is not in the database: see `MissStore`.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import hmac
import json
import logging
import os
import queue
import secrets
import shlex
import sqlite3
import stat
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from rapidfuzz import fuzz, process

from bot.answering.facts import normalise_phrasing
from bot.answering.matcher import MAX_QUESTION_CHARS, Match, Status

logger = logging.getLogger(__name__)

SIMILAR_WORDING = 85.0
"""Two wordings fall into one group at this `fuzz.token_sort_ratio` (0-100) or above.

token_sort_ratio rather than token_set_ratio: set ratio scores 100 whenever one wording's
words are a subset of the other's, so "nasa" would swallow every question naming NASA,
and it rates "how much does the iss weigh" / "… cost" at 89. Sort ratio forgives typos,
punctuation and word order ("they met when") but not an extra or a changed content word.
See also QUESTION_WORDS."""
QUESTION_WORDS = frozenset(
    "who whom whose what which when where why how "
    "кто кого кому чей что чего какой какая какое какие каким когда где куда откуда почему "
    "зачем сколько как".split()
)
"""Wordings asking with different question words ("when" / "where did they meet") never
share a group, however alike their spelling; one with none (a typo, a bare phrase) may
join either. A plain word set: `bot.language.text.question_kind` knows more, but costs a hundred
times as much per wording."""
CHAT_HASH_CHARS = 16
"""Hex digits kept of a chat's hash: enough to count chats, no more."""
KEY_FILE_SUFFIX = ".key"
"""The key file is the database's path plus this: `article-bot.sqlite3.key`."""
KEY_BYTES = 32
"""Random bytes in a new key file (written as 64 hex digits)."""
MIN_KEY_CHARS = 32
"""A key file holding less than this is damaged (or being written: see KEY_WAIT_SECONDS)."""
KEY_WAIT_SECONDS = 1.0
"""How long to wait for a key file another process has just created to hold its key."""
PURGE_EVERY_WRITES = 500
"""Old rows are purged on open, after this many writes…"""
PURGE_INTERVAL_SECONDS = 24 * 3600.0
"""…and at least once a day while the bot runs."""
DEFAULT_BUSY_TIMEOUT = 2.0
"""Seconds a write waits for another process's lock before the event is dropped."""
WRITE_DELAY_SECONDS = 0.5
"""How long the writer gathers events before one transaction (a flush cuts it short)."""
ROWS_PER_STATEMENT = 100
"""Rows per INSERT: 7 parameters each, well under SQLite's limit of 32,766."""
WRITE_BATCH = 500
"""At most this many queued events are written in one transaction."""
MAX_PENDING = 10_000
"""Events queued beyond this (the database hangs) are dropped rather than held in memory."""
DEFAULT_RETENTION_DAYS = 90
WORDINGS_SHOWN = 5
"""`misses` shows this many other wordings of a group; --json has them all."""


class Outcome(str, Enum):
    """What happened to a recorded question."""

    UNKNOWN = "unknown"
    CLARIFY = "clarify"
    RESOLVED = "resolved"
    """The reader pressed one of the "Did you mean…?" buttons."""


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True, slots=True)
class MissEvent:
    """One question the bot could not answer outright, or a clarification resolved.

    `candidates` are (fact id, score) pairs, best first; `chosen_fact` is the fact a
    reader picked (resolved events only); `chat_hash` is never a raw Telegram id.
    """

    question: str
    outcome: Outcome
    language: str
    candidates: tuple[tuple[str, float], ...] = ()
    chosen_fact: str | None = None
    chat_hash: str | None = None
    at: datetime = field(default_factory=_utcnow)

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("MissEvent.at must be timezone-aware, e.g. datetime.now(timezone.utc)")

    @classmethod
    def resolution(
        cls, question: str, fact_id: str, *, language: str, at: datetime | None = None
    ) -> MissEvent:
        """A reader who asked `question` pressed the button of `fact_id`."""
        return cls(
            question[:MAX_QUESTION_CHARS],
            Outcome.RESOLVED,
            language,
            chosen_fact=fact_id,
            at=at or _utcnow(),
        )


def event_from_match(match: Match, *, at: datetime | None = None) -> MissEvent | None:
    """The event to record for a match: None when it was answered or small talk.

    >>> event_from_match(Engine(load("facts.yaml")).match("how much does the ISS weigh?"))  # doctest: +SKIP
    MissEvent(question='how much does the ISS weigh?', outcome=<Outcome.UNKNOWN: 'unknown'>, …)
    """
    if match.status is Status.UNKNOWN:
        outcome = Outcome.UNKNOWN
    elif match.status is Status.CLARIFY:
        outcome = Outcome.CLARIFY
    else:
        return None
    return MissEvent(
        match.question[:MAX_QUESTION_CHARS],
        outcome,
        match.language,
        tuple((c.fact.id, round(c.score, 4)) for c in match.candidates),
        at=at or _utcnow(),
    )


@dataclass(frozen=True, slots=True)
class Resolution:
    """Readers who asked `question` (or a wording like it) meant `fact_id`, `count` times."""

    fact_id: str
    count: int
    question: str


@dataclass(frozen=True, slots=True)
class MissGroup:
    """Questions of similar wording, with what the matcher and the readers made of them.

    `count` is how many times they were asked; `questions` every distinct wording with its
    count, most frequent first; `nearest_fact` the fact most often ranked first, with its
    mean score then; `resolved_to` the facts readers picked from "Did you mean…?".
    """

    question: str
    questions: tuple[tuple[str, int], ...]
    count: int
    chats: int
    last_seen: datetime
    outcomes: dict[str, int] = field(hash=False)
    nearest_fact: str | None
    nearest_score: float | None
    other_facts: tuple[str, ...]
    resolved_to: tuple[Resolution, ...]

    def to_json(self) -> dict[str, object]:
        """The group as plain JSON data."""
        return {
            "question": self.question,
            "count": self.count,
            "chats": self.chats,
            "last_seen": self.last_seen.isoformat(timespec="seconds"),
            "outcomes": self.outcomes,
            "questions": [{"question": q, "count": n} for q, n in self.questions],
            "nearest_fact": (
                None
                if self.nearest_fact is None
                else {"fact_id": self.nearest_fact, "score": self.nearest_score}
            ),
            "other_facts": list(self.other_facts),
            "resolved_to": [
                {"fact_id": r.fact_id, "count": r.count, "question": r.question}
                for r in self.resolved_to
            ],
        }


_OUTCOMES = {o.value: o for o in Outcome}


_C = TypeVar("_C", bound="_Closing")


class _Closing:
    """`with x:` closes x on the way out."""

    def close(self) -> None:
        """Release what the object holds."""
        raise NotImplementedError

    def __enter__(self: _C) -> _C:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class MissStoreError(Exception):
    """The misses database cannot be used; the message names the file and what to do."""

    def __init__(self, path: Path, reason: str, hint: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}; {hint}")


# --- schema ----------------------------------------------------------------------------
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
SCHEMA_VERSION = len(MIGRATIONS)


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the schema to SCHEMA_VERSION, one step per transaction-held version."""
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the write lock.
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise MissStoreError(
                path,
                f"schema version {version} is newer than this article-bot reads ({SCHEMA_VERSION})",
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


# --- the chat key -----------------------------------------------------------------------
def key_file(db_path: Path) -> Path:
    """Where the chat key of the database at `db_path` is kept when no key is set."""
    return db_path.with_name(db_path.name + KEY_FILE_SUFFIX)


def load_key(path: Path) -> bytes:
    """The key in the file at `path`, made first (random, mode 0600) if there is none.

    The file is created with O_EXCL, so two processes starting at once cannot both make
    one: the second reads the first's, waiting up to KEY_WAIT_SECONDS for it to be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return _read_key(path)
        key = secrets.token_hex(KEY_BYTES).encode()
        try:
            os.write(fd, key + b"\n")
            os.fsync(fd)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        finally:
            os.close(fd)
    except OSError as exc:
        raise MissStoreError(
            path,
            f"cannot read or create the chat key: {exc.strerror or exc}",
            "let the bot's user read and write its folder, or set ARTICLE_BOT_DB_KEY",
        ) from exc
    logger.info("made a new key for chat hashes in %s; keep it apart from database backups", path)
    return key


def _read_key(path: Path) -> bytes:
    deadline = time.monotonic() + KEY_WAIT_SECONDS
    while len(key := path.read_bytes().strip()) < MIN_KEY_CHARS and time.monotonic() < deadline:
        time.sleep(0.05)  # just created by another process, which has yet to write it
    if len(key) < MIN_KEY_CHARS:
        raise MissStoreError(
            path,
            f"the chat key file holds fewer than {MIN_KEY_CHARS} characters",
            "delete it to have a new key made (chats already recorded then count as new "
            "ones), or set ARTICLE_BOT_DB_KEY",
        )
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        logger.warning(
            "%s can be read by other users (mode %03o): run chmod 600 %s", path, mode, path
        )
    return key


def _salted(salt: str, chat_id: int) -> str:
    """Version 1's chat hash, sha256(salt + chat id) cut short: since version 2 only the
    input of the keyed hash, as the database alone reverses it (the salt is in it)."""
    return hashlib.sha256(f"{salt}{chat_id}".encode()).hexdigest()[:CHAT_HASH_CHARS]


# --- the store ---------------------------------------------------------------------------
class MissStore(_Closing):
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
            db.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL cannot corrupt the file; a power cut may cost the last
            # few events, which is cheap next to an fsync per question.
            db.execute("PRAGMA synchronous=NORMAL")
            db.create_function("keyed_chat_hash", 1, self._keyed, deterministic=True)
            if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                # A migration may re-key hashes: load the key here, where a missing or
                # unreadable key file is reported as such rather than as a failed query.
                self._chat_key()
            _migrate(db, self.path)
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
        return self._keyed(_salted(self._salt, chat_id))

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
                    Outcome(event.outcome).value,
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
        cutoff = (now or _utcnow()) - timedelta(days=self.retention_days)
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
            ""
            if since_days is None
            else _time_text((now or _utcnow()) - timedelta(days=since_days))
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


# --- grouping ---------------------------------------------------------------------------
@dataclass
class _Wording:
    """The events of one normalised wording."""

    key: str
    events: list[MissEvent] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)
    asks: int = 0
    last_seen: float = 0.0

    def finish(self) -> None:
        """Count the asks: each resolution follows a `clarify` of the same question, so
        only resolutions beyond those count as asks of their own (their clarify was purged)."""
        by = Counter(e.outcome for e in self.events)
        self.asks = (
            by[Outcome.UNKNOWN]
            + by[Outcome.CLARIFY]
            + max(0, by[Outcome.RESOLVED] - by[Outcome.CLARIFY])
        )
        self.last_seen = max(e.at for e in self.events).timestamp()


def group_events(
    events: Iterable[MissEvent], *, similarity: float = SIMILAR_WORDING
) -> list[MissGroup]:
    """Group events by similar wording, most asked group first.

    Wordings are normalised (case, punctuation, ё→е), then clustered greedily: the most
    asked wording not yet placed starts a group and takes every unplaced wording whose
    token_sort_ratio to it reaches `similarity` and whose question words do not differ.
    """
    wordings: dict[str, _Wording] = {}
    for event in events:
        key = normalise_phrasing(event.question) or event.question.strip()
        wording = wordings.get(key)
        if wording is None:
            wording = wordings[key] = _Wording(key)
        wording.events.append(event)
        wording.forms[event.question] += 1
    for wording in wordings.values():
        wording.finish()
    ordered = sorted(wordings.values(), key=lambda w: (-w.asks, -w.last_seen, w.key))
    groups = [_summarise(cluster) for cluster in _cluster(ordered, similarity)]
    groups.sort(key=lambda g: (-g.count, -g.last_seen.timestamp(), g.question))
    return groups


def _question_words(key: str) -> frozenset[str]:
    return QUESTION_WORDS.intersection(key.split())


def _cluster(wordings: Sequence[_Wording], similarity: float) -> list[list[_Wording]]:
    """Leader clustering: each group is compared with its first (most asked) wording only,
    so a chain of small edits cannot drift from one question to another."""
    # token_sort_ratio is ratio() on the words sorted; sort each wording once, not per pair.
    keys = [" ".join(sorted(w.key.split())) for w in wordings]
    asks_with = [_question_words(w.key) for w in wordings]
    # ratio() cannot reach `similarity` between strings whose lengths differ too much, so
    # each leader is scored only against the unplaced wordings within that length window.
    shortest, longest = similarity / (200 - similarity), (200 - similarity) / similarity
    placed = [False] * len(keys)
    pool: list[int] = []
    lengths: list[int] = []
    pool_keys: list[str] = []
    stale = len(keys)
    clusters: list[list[_Wording]] = []
    for i, key in enumerate(keys):
        if placed[i]:
            continue
        placed[i] = True
        stale += 1
        if stale * 4 > len(pool):
            # Leaders come in order, so everything before `i` is placed: drop it all.
            pool = sorted(
                (j for j in range(i + 1, len(keys)) if not placed[j]), key=lambda j: len(keys[j])
            )
            lengths = [len(keys[j]) for j in pool]
            pool_keys = [keys[j] for j in pool]
            stale = 0
        cluster = [wordings[i]]
        low = bisect.bisect_left(lengths, len(key) * shortest - 1e-9)
        high = bisect.bisect_right(lengths, len(key) * longest + 1e-9)
        for _, _, offset in process.extract(
            key, pool_keys[low:high], scorer=fuzz.ratio, score_cutoff=similarity, limit=None
        ):
            j = pool[low + offset]
            if not placed[j] and (
                asks_with[j] == asks_with[i] or not asks_with[j] or not asks_with[i]
            ):
                placed[j] = True
                stale += 1
                cluster.append(wordings[j])
        clusters.append(cluster)
    return clusters


def _summarise(cluster: list[_Wording]) -> MissGroup:
    events = [e for w in cluster for e in w.events]
    asked = [e for e in events if e.outcome is not Outcome.RESOLVED]
    questions = sorted(
        ((w.forms.most_common(1)[0][0], w.asks) for w in cluster), key=lambda q: -q[1]
    )

    firsts: Counter[str] = Counter()
    first_scores: dict[str, list[float]] = defaultdict(list)
    appearances: Counter[str] = Counter()
    score_sums: dict[str, float] = defaultdict(float)
    for event in asked:
        if event.candidates:
            fact_id, score = event.candidates[0]
            firsts[fact_id] += 1
            first_scores[fact_id].append(score)
        for fact_id, score in dict(event.candidates).items():
            appearances[fact_id] += 1
            score_sums[fact_id] += score

    def mean_first(fact_id: str) -> float:
        return sum(first_scores[fact_id]) / len(first_scores[fact_id])

    nearest = max(firsts, key=lambda f: (firsts[f], mean_first(f), f), default=None)
    others = sorted(
        (f for f in appearances if f != nearest),
        key=lambda f: (-appearances[f], -score_sums[f] / appearances[f], f),
    )

    picked: dict[str, Counter[str]] = defaultdict(Counter)
    for event in events:
        if event.outcome is Outcome.RESOLVED and event.chosen_fact:
            picked[event.chosen_fact][event.question] += 1
    resolved = sorted(
        (
            Resolution(fact_id, sum(asks.values()), asks.most_common(1)[0][0])
            for fact_id, asks in picked.items()
        ),
        key=lambda r: (-r.count, r.fact_id),
    )

    outcomes = Counter(e.outcome.value for e in events)
    return MissGroup(
        question=questions[0][0],
        questions=tuple(questions),
        count=sum(n for _, n in questions),
        chats=len({e.chat_hash for e in events if e.chat_hash}),
        last_seen=max(e.at for e in events),
        outcomes={o.value: outcomes[o.value] for o in Outcome},
        nearest_fact=nearest,
        nearest_score=None if nearest is None else round(mean_first(nearest), 3),
        other_facts=tuple(others),
        resolved_to=tuple(resolved),
    )


# --- the background writer --------------------------------------------------------------
_Job = tuple[MissEvent, int | None]


class BackgroundRecorder(_Closing):
    """Writes events to a `MissStore` on its own thread, so recording never delays or
    breaks answering. It owns the store from now on and closes it in `close`.

    `submit` only puts the event on a queue. A write that fails (a locked, corrupt or
    unwritable database) drops that event and is logged once per kind of failure;
    `dropped` counts every event lost.
    """

    def __init__(self, store: MissStore, *, max_pending: int = MAX_PENDING) -> None:
        self.store = store
        self.max_pending = max_pending
        self.dropped = 0
        self._queue: queue.SimpleQueue[_Job | threading.Event | None] = queue.SimpleQueue()
        self._counter_lock = threading.Lock()
        self._warned: set[str] = set()
        self._closed = False
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="article-bot-misses", daemon=True)
        self._thread.start()

    def submit(self, event: MissEvent, *, chat_id: int | None = None) -> None:
        """Queue one event for writing and return at once; never raises."""
        if self._closed:
            self._drop("closed", "a missed question arrived after the recorder was closed")
        elif self._queue.qsize() >= self.max_pending:
            self._drop(
                "full",
                "%d missed questions are waiting for %s; dropping new ones until it catches up",
                self.max_pending,
                self.store.path,
            )
        else:
            self._queue.put((event, chat_id))

    def submit_match(self, match: Match, *, chat_id: int | None = None) -> None:
        """Queue the match if it was a miss (unknown or clarify)."""
        event = event_from_match(match)
        if event is not None:
            self.submit(event, chat_id=chat_id)

    def submit_resolution(
        self, question: str, fact_id: str, *, language: str, chat_id: int | None = None
    ) -> None:
        """Queue "the reader who asked `question` pressed the button of `fact_id`"."""
        self.submit(MissEvent.resolution(question, fact_id, language=language), chat_id=chat_id)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything submitted so far is written (or dropped)."""
        if not self._thread.is_alive():
            return True
        done = threading.Event()
        self._queue.put(done)
        self._wake.set()
        return done.wait(timeout)

    def close(self, timeout: float | None = 5.0) -> None:
        """Write what is queued, stop the thread and close the store."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)
        self._wake.set()
        self._thread.join(timeout)
        if self._thread.is_alive():
            logger.warning(
                "missed questions are still being written to %s after %s s; those not yet "
                "written are lost at exit",
                self.store.path,
                timeout,
            )

    def _run(self) -> None:
        try:
            stopping = False
            while not stopping:
                # What arrives within WRITE_DELAY of the first event goes in one
                # transaction. The thread sleeps through that time rather than waking for
                # each event, since every wake takes the GIL from the answering loop; a
                # flush or close cuts the sleep short.
                items = [self._queue.get()]
                if isinstance(items[0], tuple):
                    self._wake.wait(WRITE_DELAY_SECONDS)
                self._wake.clear()
                with contextlib.suppress(queue.Empty):
                    while len(items) < WRITE_BATCH and isinstance(items[-1], tuple):
                        items.append(self._queue.get_nowait())
                batch: list[_Job] = []
                for item in items:
                    if isinstance(item, tuple):
                        batch.append(item)
                        continue
                    self._write(batch)
                    batch = []
                    if item is None:
                        stopping = True
                        break
                    item.set()
                self._write(batch)
        finally:
            self.store.close()

    def _write(self, batch: list[_Job]) -> None:
        try:
            self.store.record_many(batch)
        except MissStoreError as exc:
            self._drop(
                exc.reason,
                "missed questions not recorded: %s. Dropped %d; answering carries on, and "
                "further failures like this are only counted",
                exc,
                len(batch),
                count=len(batch),
            )
        except Exception:  # a bug must not stop recording for good, nor the bot
            with self._counter_lock:
                self.dropped += len(batch)
            logger.exception("could not record missed questions in %s", self.store.path)

    def _drop(self, kind: str, message: str, *args: object, count: int = 1) -> None:
        with self._counter_lock:
            self.dropped += count
            first = kind not in self._warned
            self._warned.add(kind)
        if first:
            logger.warning(message, *args)


# --- the report --------------------------------------------------------------------------
def _quoted(question: str) -> str:
    """The question as a shell argument: in double quotes when that is safe, as shown."""
    if not any(ch in question for ch in '"\\$`!'):
        return f'"{question}"'
    return shlex.quote(question)


def _times(n: int) -> str:
    return f"{n} time" if n == 1 else f"{n} times"


def format_groups(groups: Sequence[MissGroup]) -> str:
    """The groups as the curator reads them: counts, wordings, nearest fact, hints."""
    lines: list[str] = []
    for number, group in enumerate(groups, 1):
        outcomes = ", ".join(
            f"{group.outcomes[o.value]} {o.value}"
            for o in (Outcome.UNKNOWN, Outcome.CLARIFY)
            if group.outcomes[o.value]
        )
        chats = f" in {group.chats} chat{'' if group.chats == 1 else 's'}" if group.chats else ""
        lines.append(
            f'{number}. "{group.question}": asked {_times(group.count)}{chats}'
            f"{f' ({outcomes})' if outcomes else ''}, last {group.last_seen:%Y-%m-%d %H:%M} UTC"
        )
        if len(group.questions) > 1:
            shown = group.questions[1 : 1 + WORDINGS_SHOWN]
            also = ", ".join(f'"{q}" ({n})' for q, n in shown)
            hidden = len(group.questions) - 1 - len(shown)
            more = f" and {hidden} more (see --json)" if hidden else ""
            lines.append(f"   also asked: {also}{more}")
        if group.nearest_fact is not None:
            nearest = f"   nearest fact: {group.nearest_fact} ({group.nearest_score:.2f})"
            if group.other_facts:
                nearest += f"; other candidates: {', '.join(group.other_facts)}"
            lines.append(nearest)
        else:
            lines.append("   nearest fact: none")
        for r in group.resolved_to:
            lines.append(
                f'   users who asked "{r.question}" meant fact {r.fact_id} ({_times(r.count)})'
            )
        if group.resolved_to:
            best = group.resolved_to[0]
            lines.append(f"   teach: article-bot teach {_quoted(best.question)} {best.fact_id}")
        lines.append("")
    lines.append('To teach the bot a wording: article-bot teach "QUESTION" FACT_ID')
    return "\n".join(lines)


def misses_report(
    path: str | Path,
    *,
    retention_days: float = DEFAULT_RETENTION_DAYS,
    since_days: float | None = None,
    limit: int | None = None,
    as_json: bool = False,
    key: str | None = None,
) -> str:
    """What `article-bot misses` prints for the database at `path` (never creates it).

    `key` is ARTICLE_BOT_DB_KEY, needed only to migrate a version-1 database."""
    path = Path(path)
    groups: list[MissGroup] = []
    if path.exists():
        with MissStore(path, retention_days, key=key) as store:
            groups = store.groups(since_days, limit)
    if as_json:
        payload = {
            "db": str(path),
            "since_days": since_days,
            "groups": [g.to_json() for g in groups],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2)
    if not path.exists():
        return f"no misses recorded yet (ARTICLE_BOT_DB={path})"
    if not groups:
        within = "" if since_days is None else f" in the last {since_days:g} days"
        return f"no misses recorded{within} (ARTICLE_BOT_DB={path})"
    return format_groups(groups)
