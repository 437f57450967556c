"""Unanswered questions: the SQLite store, its background writer, grouping and `misses`."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import sqlite3
import stat
import threading
import time
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import TWO_MEETINGS_YAML

from bot.answering.engine import Engine
from bot.answering.facts import loads
from bot.answering.matcher import Match, Status
from bot.cli import main
from bot.curation import misses
from bot.curation.misses import (
    DB_SCHEMA_VERSION,
    BackgroundRecorder,
    MissEvent,
    MissOutcome,
    MissStore,
    MissStoreError,
    Resolution,
    chat_key,
    event_from_match,
    format_groups,
    group_events,
    key_file,
    schema,
)

V1_DUMP = Path(__file__).resolve().parent / "data" / "misses-v1.sql"
ISS_WEIGHT = "how much does the ISS weigh?"  # nothing in the article says
AGE = "how old are the mayors?"  # nor this, but both facts come near it
MEET = "when did the mayors meet"  # on Friday, or in March 2019? the bot has to ask
FRIDAY = "when did the mayors meet on friday?"  # answered
# The two meetings of conftest's TWO_MEETINGS_YAML, and a thank-you: small enough that the
# verdicts above are plain, and an edit to the shipped facts.yaml cannot move them.
MEETINGS_YAML = f"""{TWO_MEETINGS_YAML}smalltalk:
  - id: thanks
    ask: [thanks]
    answer: You're welcome!
"""
USER_ID = 987_654_321_987
GROUP_ID = -1_001_234_567_890
NOW = datetime.now(timezone.utc).replace(second=0, microsecond=0)
LOCKED = "database is locked; another process holds a lock on it; later events are written once it is free"
CORRUPT = (
    "file is not a database; it is not an intact article-bot database: move it aside "
    "(a fresh one is then created) or set ARTICLE_BOT_DB to another file"
)


@pytest.fixture(scope="module")
def meetings() -> Engine:
    """An engine over MEETINGS_YAML: it is immutable, so one serves the module."""
    return Engine(loads(MEETINGS_YAML))


def match(engine: Engine, question: str, status: Status) -> Match:
    """The matcher's verdict, checked, so that a test's premise failing says so plainly."""
    result = engine.match(question)
    assert result.status is status, f"MEETINGS_YAML now gives {question!r} {result.status.value}"
    return result


def event(engine: Engine, question: str, status: Status, *, at: datetime = NOW) -> MissEvent:
    """The event the bot records for `question`, which must end in `status`."""
    recorded = event_from_match(match(engine, question, status), at=at)
    assert recorded is not None
    return recorded


def asked(
    question: str,
    outcome: MissOutcome = MissOutcome.UNKNOWN,
    candidates: tuple[tuple[str, float], ...] = (("iss-assembly", 0.3),),
    *,
    at: datetime = NOW,
) -> MissEvent:
    """A hand-made event, for grouping rules the fact base cannot pin down."""
    return MissEvent(question, outcome, "en", candidates, at=at)


def stored_questions(path: Path) -> list[str]:
    """The questions in the events table, in the order written, read without the store."""
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT question FROM events ORDER BY id").fetchall()
    db.close()
    return [q for (q,) in rows]


def every_value(path: Path) -> list[str]:
    """Every value in every table of a database file, as text: all that the file offers."""
    with closing(sqlite3.connect(path)) as db:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return [str(v) for t in tables for row in db.execute(f"SELECT * FROM {t}") for v in row]


def chat_hashes(path: Path) -> list[str | None]:
    """The chat_hash column, in the order written."""
    with closing(sqlite3.connect(path)) as db:
        return [h for (h,) in db.execute("SELECT chat_hash FROM events ORDER BY id")]


def hashes_from(values: list[str], chat_id: int) -> set[str]:
    """What an attacker holding the values computes for a chat id, cut to a stored hash's
    length: sha256 of the id, alone or with any value before or after it (version 1 stored
    sha256(salt + id)), HMAC keyed with any value, of the id or of such a sha256."""
    chat = str(chat_id).encode()
    sha = [hashlib.sha256(chat).hexdigest()]
    for value in map(str.encode, values):
        sha += [hashlib.sha256(value + chat).hexdigest(), hashlib.sha256(chat + value).hexdigest()]
    found = set(sha)
    for key in map(str.encode, values):
        for message in [chat, *(h[: misses.CHAT_HASH_CHARS].encode() for h in sha)]:
            found.add(hmac.new(key, message, hashlib.sha256).hexdigest())
    return {h[: misses.CHAT_HASH_CHARS] for h in found}


def warnings_from(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Every warning the misses package logged."""
    return [r.getMessage() for r in caplog.records if r.name.startswith("bot.curation.misses.")]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database goes: two folders down, which the store creates."""
    return tmp_path / "data" / "bot" / "misses.sqlite3"


# --- schema -----------------------------------------------------------------------------
def test_a_store_touches_no_file_until_it_is_first_used(db_path: Path) -> None:
    """Building a store or a recorder creates nothing; the first write creates the folders and file."""
    recorder = BackgroundRecorder(MissStore(db_path))
    assert not db_path.parent.exists()
    recorder.submit(asked(ISS_WEIGHT))
    recorder.close()
    assert stored_questions(db_path) == [ISS_WEIGHT]


def test_a_new_database_gets_the_current_schema_version_and_a_random_salt(db_path: Path) -> None:
    """The schema version is in PRAGMA user_version, the salt in the meta table (not the key)."""
    with MissStore(db_path) as store:
        store.purge()
    with sqlite3.connect(db_path) as db:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        (salt,) = db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
    db.close()
    assert version == DB_SCHEMA_VERSION == 2
    assert tables == {"meta", "events"}
    assert len(salt) == 32 and int(salt, 16) >= 0


def test_an_older_database_is_migrated_step_by_step_and_keeps_its_rows(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later schema step runs once on a version-1 file, and the events survive it."""
    with MissStore(db_path) as store:
        store.record(asked(ISS_WEIGHT))

    def add_note_column(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE events ADD COLUMN note TEXT")

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, add_note_column))
    monkeypatch.setattr(schema, "DB_SCHEMA_VERSION", DB_SCHEMA_VERSION + 1)
    with MissStore(db_path) as store:
        assert [e.question for e in store.events()] == [ISS_WEIGHT]
    with MissStore(db_path) as store:  # already at the new version: the step does not run again
        assert len(store.events()) == 1
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == DB_SCHEMA_VERSION + 1
        assert "note" in {row[1] for row in db.execute("PRAGMA table_info(events)")}
    db.close()


def test_a_database_from_a_newer_article_bot_is_refused_with_how_to_fix_it(
    db_path: Path,
) -> None:
    """A schema version this code does not know is an error naming the file and the way out."""
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(MissStoreError) as error, MissStore(db_path) as store:
        store.events()
    assert str(error.value) == (
        f"{db_path}: schema version 99 is newer than this article-bot reads (2); "
        "upgrade article-bot, or set ARTICLE_BOT_DB to another file"
    )


# --- recording --------------------------------------------------------------------------
def test_only_unknown_and_clarify_outcomes_become_events(meetings: Engine) -> None:
    """Answers and small talk are not misses; an unknown or clarify keeps its candidates."""
    assert event_from_match(match(meetings, FRIDAY, Status.ANSWERED)) is None
    assert event_from_match(match(meetings, "thanks", Status.SMALLTALK)) is None
    clarify = match(meetings, MEET, Status.CLARIFY)
    event = event_from_match(clarify, at=NOW)
    assert event == MissEvent(
        MEET,
        MissOutcome.CLARIFY,
        "en",
        tuple((c.fact.id, round(c.score, 4)) for c in clarify.candidates),
        at=NOW,
    )


def test_recorded_events_read_back_as_written(meetings: Engine, db_path: Path) -> None:
    """Question, outcome, language, candidates and time survive the round trip; answers are skipped."""
    unknown = match(meetings, "сколько весит МКС?", Status.UNKNOWN)
    with MissStore(db_path) as store:
        assert store.record_match(unknown) is True
        assert store.record_match(match(meetings, FRIDAY, Status.ANSWERED)) is False
        store.record_resolution(MEET, "previous-meeting", language="en")
        events = store.events()
    assert [(e.question, e.outcome, e.language, e.chosen_fact) for e in events] == [
        ("сколько весит МКС?", MissOutcome.UNKNOWN, "ru", None),
        (MEET, MissOutcome.RESOLVED, "en", "previous-meeting"),
    ]
    assert events[0].candidates == tuple((c.fact.id, round(c.score, 4)) for c in unknown.candidates)
    assert events[0].at <= events[1].at <= datetime.now(timezone.utc)
    assert events[1].at.utcoffset() == timedelta(0)


def test_an_event_time_without_a_timezone_is_refused() -> None:
    """Naive datetimes would be stored as if they were UTC; MissEvent refuses them."""
    with pytest.raises(ValueError, match="timezone-aware"):
        MissEvent(ISS_WEIGHT, MissOutcome.UNKNOWN, "en", at=datetime(2025, 1, 1))


# --- privacy ----------------------------------------------------------------------------
def test_raw_chat_ids_are_never_stored(meetings: Engine, db_path: Path) -> None:
    """Neither the database files' bytes nor any column hold a chat id, only its salted hash."""
    with BackgroundRecorder(MissStore(db_path)) as recorder:
        for chat_id in (USER_ID, GROUP_ID, USER_ID):
            recorder.submit_match(match(meetings, ISS_WEIGHT, Status.UNKNOWN), chat_id=chat_id)
        recorder.submit_resolution(MEET, "previous-meeting", language="en", chat_id=GROUP_ID)
        assert recorder.flush(5)
        files_while_open = {p: p.read_bytes() for p in db_path.parent.iterdir()}
    files_after = {p: p.read_bytes() for p in db_path.parent.iterdir()}

    for chat_id in (USER_ID, GROUP_ID):
        forms = [str(chat_id).encode(), str(abs(chat_id)).encode()]
        forms += [chat_id.to_bytes(n, "big", signed=True) for n in (6, 8)]  # SQLite integers
        for name, content in {**files_while_open, **files_after}.items():
            assert not any(form in content for form in forms), f"{chat_id} found in {name}"

    with sqlite3.connect(db_path) as db:
        tables = [
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        values = [str(v) for t in tables for row in db.execute(f"SELECT * FROM {t}") for v in row]
        hashes = [h for (h,) in db.execute("SELECT chat_hash FROM events ORDER BY id")]
    db.close()
    assert not any(str(abs(chat_id)) in v for v in values for chat_id in (USER_ID, GROUP_ID))
    with MissStore(db_path) as store:
        user, group = store.hash_chat(USER_ID), store.hash_chat(GROUP_ID)
        assert store.groups()[0].chats == 2
    assert hashes == [user, group, user, group]
    assert len(user) == 16 and user != group


def test_each_database_hashes_the_same_chat_differently(tmp_path: Path) -> None:
    """Keys and salts are random per database, so hashes cannot be joined across databases,
    not even when they share one ARTICLE_BOT_DB_KEY."""
    with MissStore(tmp_path / "a.sqlite3") as a, MissStore(tmp_path / "b.sqlite3") as b:
        assert a.hash_chat(USER_ID) == a.hash_chat(USER_ID) != b.hash_chat(USER_ID)
    key = "k" * 40
    with (
        MissStore(tmp_path / "c.sqlite3", key=key) as c,
        MissStore(tmp_path / "d.sqlite3", key=key) as d,
    ):
        assert c.hash_chat(USER_ID) != d.hash_chat(USER_ID)


def test_the_database_file_alone_does_not_tell_which_rows_are_a_chat_s(
    meetings: Engine, db_path: Path
) -> None:
    """Hashing a chat id with anything the database holds, salt included, never gives the
    hash stored for it: that takes the key, which is not in the database."""
    with MissStore(db_path) as store:
        store.record_match(match(meetings, ISS_WEIGHT, Status.UNKNOWN), chat_id=USER_ID)
        store.record_match(match(meetings, ISS_WEIGHT, Status.UNKNOWN), chat_id=GROUP_ID)
    values = every_value(db_path)
    user, group = chat_hashes(db_path)
    assert user not in hashes_from(values, USER_ID)
    assert group not in hashes_from(values, GROUP_ID)
    key = key_file(db_path).read_text().strip()
    assert key not in "".join(values)
    with_key = hashes_from([*values, key], USER_ID)
    assert user in with_key and group not in with_key


def test_the_key_file_is_made_once_beside_the_database_for_its_owner_only(db_path: Path) -> None:
    """The first hash makes `<db>.key`, mode 0600, 64 random hex digits; later stores reuse it."""
    with MissStore(db_path) as store:
        first = store.hash_chat(USER_ID)
    path = db_path.with_name("misses.sqlite3.key")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert re.fullmatch(r"[0-9a-f]{64}\n", path.read_text())
    with MissStore(db_path) as store:
        assert store.hash_chat(USER_ID) == first


def test_a_key_setting_replaces_the_key_file(tmp_path: Path) -> None:
    """With a key given (ARTICLE_BOT_DB_KEY) no key file is made; a key file's text given as
    the setting hashes as the file did, so a key can move from file to setting."""
    with MissStore(tmp_path / "a.sqlite3", key="k" * 40) as store:
        store.hash_chat(USER_ID)
    assert not key_file(tmp_path / "a.sqlite3").exists()
    with MissStore(tmp_path / "b.sqlite3") as store:
        from_file = store.hash_chat(USER_ID)
    key = key_file(tmp_path / "b.sqlite3").read_text().strip()
    with MissStore(tmp_path / "b.sqlite3", key=key) as store:
        assert store.hash_chat(USER_ID) == from_file


def test_stores_opening_at_once_agree_on_one_key(db_path: Path) -> None:
    """Processes starting together race to make the key file; one makes it, all use it."""
    start = threading.Barrier(8)
    hashes: list[str] = []

    def first_hash() -> None:
        with MissStore(db_path, timeout=10) as store:
            start.wait()
            hashes.append(store.hash_chat(USER_ID))

    threads = [threading.Thread(target=first_hash) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(hashes) == 8 and len(set(hashes)) == 1


def test_a_key_file_another_process_is_still_writing_is_waited_for(db_path: Path) -> None:
    """An empty key file (just made by another process) is read again until it holds the key."""
    path = key_file(db_path)
    path.parent.mkdir(parents=True)
    path.touch(0o600)
    writer = threading.Timer(0.2, path.write_text, ("a" * 64 + "\n",))
    writer.start()
    with MissStore(db_path) as store:
        waited = store.hash_chat(USER_ID)
    writer.join()
    with MissStore(db_path, key="a" * 64) as store:
        assert store.hash_chat(USER_ID) == waited


def test_a_damaged_key_file_is_an_error_saying_what_to_do(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key file that stays short is refused, naming the file and both ways out."""
    monkeypatch.setattr(chat_key, "KEY_WAIT_SECONDS", 0.0)
    path = key_file(db_path)
    path.parent.mkdir(parents=True)
    path.write_text("abc\n")
    with pytest.raises(MissStoreError) as error, MissStore(db_path) as store:
        store.hash_chat(USER_ID)
    assert str(error.value) == (
        f"{path}: the chat key file holds fewer than 32 characters; delete it to have a new "
        "key made (chats already recorded then count as new ones), or set ARTICLE_BOT_DB_KEY"
    )


def test_a_key_file_others_can_read_is_used_with_a_warning(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A key file readable by group or others still works, and the log says how to fix it."""
    path = key_file(db_path)
    path.parent.mkdir(parents=True)
    path.write_text("b" * 64 + "\n")
    path.chmod(0o644)
    with MissStore(db_path) as store:
        store.hash_chat(USER_ID)
    assert warnings_from(caplog) == [
        f"{path} can be read by other users (mode 644): run chmod 600 {path}"
    ]


def test_a_version_1_database_is_re_keyed_and_still_counts_its_chats(tmp_path: Path) -> None:
    """A database made before keyed hashes keeps its events; its hashes become keyed ones,
    which the file alone no longer reverses, and a chat that asks again is the same chat."""
    path = tmp_path / "old.sqlite3"
    with closing(sqlite3.connect(path)) as db:
        db.executescript(V1_DUMP.read_text(encoding="utf-8"))
    old = chat_hashes(path)
    chats = [1001, 1002, -1001000000001, -1001000000001]
    salted = hashes_from(every_value(path), 1001)
    assert old[0] in salted  # the weakness: version 1's hashes fall to the file alone

    with MissStore(path, retention_days=36500) as store:
        store.record(asked(ISS_WEIGHT), chat_id=1001)  # chat 1001 asks again
        questions = [e.question for e in store.events()]
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == DB_SCHEMA_VERSION == 2
    assert questions == [
        ISS_WEIGHT,
        "how heavy is the ISS?",
        "who is the boss",
        "who is the boss",
        "сколько весит МКС?",
        ISS_WEIGHT,
    ]
    new = chat_hashes(path)
    assert new[4] is None
    assert new[0] == new[5] != new[1] and new[2] == new[3] != new[0]
    values = every_value(path)
    for chat_id, stored in zip(chats, new[:4], strict=True):
        assert stored not in hashes_from(values, chat_id)
        assert stored not in old
    assert stat.S_IMODE(key_file(path).stat().st_mode) == 0o600


def test_misses_re_keys_a_version_1_database_with_the_key_setting(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    """`misses` run first after the upgrade migrates with ARTICLE_BOT_DB_KEY: each old hash
    h becomes HMAC-SHA256(key, h), cut short, and no key file is made."""
    db_path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(db_path)) as db:
        db.executescript(V1_DUMP.read_text(encoding="utf-8"))
    old = chat_hashes(db_path)
    key = "s3cret-" * 6
    monkeypatch.setenv("ARTICLE_BOT_DB_KEY", key)
    monkeypatch.setenv("ARTICLE_BOT_RETENTION_DAYS", "36500")
    code, out, err = run_misses(capsys, monkeypatch, db_path)
    assert (code, err) == (0, "")
    assert '"who is the boss": asked 1 time in 1 chat' in out
    assert chat_hashes(db_path) == [
        None if h is None else hmac.new(key.encode(), h.encode(), "sha256").hexdigest()[:16]
        for h in old
    ]
    assert not key_file(db_path).exists()


def test_reading_a_database_needs_no_key(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    """`misses` lists a current database whose key file is gone, and makes no new key."""
    with MissStore(db_path) as store:
        store.record(asked(ISS_WEIGHT), chat_id=USER_ID)
    key_file(db_path).unlink()
    code, out, _ = run_misses(capsys, monkeypatch, db_path)
    assert code == 0 and f'1. "{ISS_WEIGHT}": asked 1 time in 1 chat' in out
    assert not key_file(db_path).exists()


# --- retention --------------------------------------------------------------------------
def test_purge_deletes_events_older_than_the_retention_period(db_path: Path) -> None:
    """With 90 days' retention an event of 100 days ago goes, one of yesterday stays."""
    with MissStore(db_path, retention_days=90) as store:
        store.record(asked("old question", at=NOW - timedelta(days=100)))
        store.record(asked("recent question", at=NOW - timedelta(days=1)))
        assert store.purge() == 1
        assert [e.question for e in store.events()] == ["recent question"]
        assert store.purge(now=NOW + timedelta(days=90)) == 1
        assert store.events() == []


def test_old_events_are_purged_when_the_store_opens(db_path: Path) -> None:
    """A shorter retention takes effect on the next open, before anything is read."""
    with MissStore(db_path, retention_days=90) as store:
        store.record(asked("old question", at=NOW - timedelta(days=40)))
        store.record(asked("recent question", at=NOW - timedelta(days=1)))
    with MissStore(db_path, retention_days=30) as store:
        assert [e.question for e in store.events()] == ["recent question"]


def test_old_events_are_purged_every_so_many_writes(db_path: Path) -> None:
    """A long-running bot purges as it writes, not only when it starts."""
    with MissStore(db_path, retention_days=30, purge_every=3) as store:
        store.record(asked("old question 1", at=NOW - timedelta(days=40)))
        store.record(asked("old question 2", at=NOW - timedelta(days=40)))
        assert len(store.events()) == 2
        store.record(asked("recent question"))
        assert [e.question for e in store.events()] == ["recent question"]


# --- grouping ---------------------------------------------------------------------------
def test_similar_wordings_fall_into_one_group_most_frequent_first(
    meetings: Engine, db_path: Path
) -> None:
    """Case, punctuation and a dropped word keep a question in its group; groups come by count."""
    with MissStore(db_path) as store:
        for question in (ISS_WEIGHT, "How much does the ISS weigh", "how much does iss weigh?"):
            store.record_match(match(meetings, question, Status.UNKNOWN))
        store.record_match(match(meetings, "what did the mayors eat", Status.CLARIFY))
        for question in (MEET, "When did the mayors meet?", MEET):
            store.record_match(match(meetings, question, Status.CLARIFY))
        store.record_match(match(meetings, ISS_WEIGHT, Status.UNKNOWN))
        groups = store.groups()
    assert [(g.question, g.questions, g.count) for g in groups] == [
        (ISS_WEIGHT, ((ISS_WEIGHT, 3), ("how much does iss weigh?", 1)), 4),
        (MEET, ((MEET, 3),), 3),
        ("what did the mayors eat", (("what did the mayors eat", 1),), 1),
    ]
    assert groups[0].outcomes == {"unknown": 4, "clarify": 0, "resolved": 0}
    assert groups[1].outcomes == {"unknown": 0, "clarify": 3, "resolved": 0}
    assert groups[2].outcomes == {"unknown": 0, "clarify": 1, "resolved": 0}


def test_different_questions_stay_in_different_groups() -> None:
    """Another content word ("cost") or another question word ("where") makes another group."""
    groups = group_events(
        asked(q)
        for q in (
            "how much does the iss weigh",
            "how much does the iss cost",
            "when did they meet",
            "where did they meet",
            "whem did they meet",  # no question word left: joins the most asked close wording
            "when did they meet",
        )
    )
    assert [g.questions for g in groups] == [
        (("when did they meet", 2), ("whem did they meet", 1)),
        (("how much does the iss cost", 1),),
        (("how much does the iss weigh", 1),),
        (("where did they meet", 1),),
    ]


def test_the_nearest_fact_is_the_one_most_often_ranked_first_with_its_mean_score() -> None:
    """Ties in how often a fact came first go to the higher mean score; the rest are listed by frequency."""
    (group,) = group_events(
        [
            asked(ISS_WEIGHT, candidates=(("iss-assembly", 0.5), ("soyuz", 0.4))),
            asked(ISS_WEIGHT, candidates=(("iss-assembly", 0.3), ("launch-delay", 0.2))),
            asked(ISS_WEIGHT, candidates=(("soyuz", 0.45), ("iss-assembly", 0.4))),
            asked(ISS_WEIGHT, candidates=()),
        ]
    )
    assert (group.nearest_fact, group.nearest_score, group.other_facts) == (
        "iss-assembly",
        0.4,
        ("soyuz", "launch-delay"),
    )


def test_resolved_clarifications_show_which_fact_readers_meant(
    meetings: Engine, db_path: Path
) -> None:
    """Button presses after "Did you mean…?" are counted per fact, with the wording asked."""
    clarify = match(meetings, MEET, Status.CLARIFY)
    first, second = (c.fact.id for c in clarify.candidates[:2])
    with MissStore(db_path) as store:
        for chat_id, picked in ((1, first), (2, first), (3, second)):
            store.record_match(clarify, chat_id=chat_id)
            store.record_resolution(MEET, picked, chat_id=chat_id)
        (group,) = store.groups()
    assert group.resolved_to == (Resolution(first, 2, MEET), Resolution(second, 1, MEET))
    assert (group.count, group.chats) == (3, 3)
    assert group.outcomes == {"unknown": 0, "clarify": 3, "resolved": 3}


def test_a_resolution_whose_clarify_is_gone_still_counts_as_asked() -> None:
    """Each resolution follows a clarify; one without (purged, dropped) counts as an ask itself."""
    (group,) = group_events([MissEvent.resolution(MEET, "previous-meeting", language="en")])
    assert (group.count, group.questions, group.nearest_fact) == (1, ((MEET, 1),), None)


def test_groups_can_be_limited_to_recent_days_and_to_the_most_frequent(db_path: Path) -> None:
    """since_days drops older events before grouping; limit keeps the first groups."""
    with MissStore(db_path) as store:
        store.record(asked("asked last month", at=NOW - timedelta(days=30)))
        store.record(asked("asked last month", at=NOW - timedelta(days=30)))
        store.record(asked(ISS_WEIGHT, at=NOW - timedelta(hours=2)))
        store.record(asked("what colour is the rocket", at=NOW - timedelta(hours=1)))
        assert [g.question for g in store.groups(since_days=7, now=NOW)] == [
            "what colour is the rocket",  # equal counts: the most recent first
            ISS_WEIGHT,
        ]
        assert [g.question for g in store.groups(limit=1)] == ["asked last month"]


# --- the background recorder ------------------------------------------------------------
def test_close_writes_everything_still_queued(db_path: Path) -> None:
    """Events submitted just before close are written, not lost."""
    with BackgroundRecorder(MissStore(db_path)) as recorder:
        for n in range(50):
            recorder.submit(asked(f"question {n}"))
    assert stored_questions(db_path) == [f"question {n}" for n in range(50)]
    assert recorder.dropped == 0


def test_a_locked_database_costs_the_event_never_the_caller_and_recording_resumes(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """While another connection holds an exclusive lock, submit returns at once, the
    event is dropped with one warning, and later events are written once it is free."""
    caplog.set_level(logging.WARNING, logger="bot.curation.misses")
    with BackgroundRecorder(MissStore(db_path, timeout=0.2)) as recorder:
        recorder.submit(asked("before the lock"))
        assert recorder.flush(5)
        locker = sqlite3.connect(db_path, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")
        try:
            started = time.monotonic()
            recorder.submit(asked("while locked 1"))
            assert time.monotonic() - started < 0.1  # not the 0.2 s the write waits
            assert recorder.flush(5)
            recorder.submit(asked("while locked 2"))
            assert recorder.flush(5)
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        recorder.submit(asked("after the lock"))
        assert recorder.flush(5)
    assert stored_questions(db_path) == ["before the lock", "after the lock"]
    assert recorder.dropped == 2
    assert warnings_from(caplog) == [
        f"missed questions not recorded: {db_path}: {LOCKED}. Dropped 1; answering carries "
        "on, and further failures like this are only counted"
    ]


def test_a_corrupt_database_file_is_logged_once_and_left_untouched(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A file that is not SQLite costs each event and one warning; submit never raises."""
    caplog.set_level(logging.WARNING, logger="bot.curation.misses")
    db_path.parent.mkdir(parents=True)
    garbage = b"this is not an SQLite database, just some bytes\n" * 100
    db_path.write_bytes(garbage)
    with BackgroundRecorder(MissStore(db_path)) as recorder:
        recorder.submit(asked(ISS_WEIGHT))
        assert recorder.flush(5)
        recorder.submit(asked(MEET))
        assert recorder.flush(5)
    assert recorder.dropped == 2
    assert warnings_from(caplog) == [
        f"missed questions not recorded: {db_path}: {CORRUPT}. Dropped 1; answering carries "
        "on, and further failures like this are only counted"
    ]
    assert db_path.read_bytes() == garbage


def test_events_submitted_after_close_are_dropped_without_raising(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A late event (a handler finishing during shutdown) is counted and logged, not raised."""
    caplog.set_level(logging.WARNING, logger="bot.curation.misses")
    recorder = BackgroundRecorder(MissStore(db_path))
    recorder.close()
    recorder.submit(asked(ISS_WEIGHT))
    recorder.close()
    assert recorder.dropped == 1
    assert warnings_from(caplog) == ["a missed question arrived after the recorder was closed"]
    assert not db_path.exists()


# --- article-bot misses -----------------------------------------------------------------
def run_misses(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db_path: Path,
    *args: str,
) -> tuple[int, str, str]:
    """`article-bot misses args…` with ARTICLE_BOT_DB=db_path: exit code, stdout, stderr."""
    monkeypatch.setenv("ARTICLE_BOT_DB", str(db_path))
    code = main(["misses", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_misses_without_a_database_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    """Before the bot has recorded anything there is no file, and `misses` does not create one."""
    assert run_misses(capsys, monkeypatch, db_path) == (
        0,
        f"no misses recorded yet (ARTICLE_BOT_DB={db_path})\n",
        "",
    )
    assert not db_path.exists()


def test_misses_lists_groups_with_nearest_facts_and_what_readers_meant(
    meetings: Engine,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db_path: Path,
) -> None:
    """Most frequent first: counts, other wordings, the nearest fact, resolved hints, how to teach."""
    age = match(meetings, AGE, Status.UNKNOWN)
    meet = match(meetings, MEET, Status.CLARIFY)
    at = NOW - timedelta(hours=1)
    with MissStore(db_path) as store:
        for question, chat_id in (
            (AGE, 1),
            ("How old are the mayors", 2),
            (AGE, 1),
        ):
            store.record(event(meetings, question, Status.UNKNOWN, at=at), chat_id=chat_id)
        store.record(event(meetings, MEET, Status.CLARIFY, at=at), chat_id=3)
        store.record_resolution(MEET, meet.candidates[1].fact.id, chat_id=3, at=at)

    nearest, *others = (c.fact.id for c in age.candidates)
    meet_nearest, *meet_others = (c.fact.id for c in meet.candidates)
    assert run_misses(capsys, monkeypatch, db_path) == (
        0,
        f'1. "{AGE}": asked 3 times in 2 chats (3 unknown), last {at:%Y-%m-%d %H:%M} UTC\n'
        f"   nearest fact: {nearest} ({age.score:.2f}); other candidates: {', '.join(others)}\n"
        "\n"
        f'2. "{MEET}": asked 1 time in 1 chat (1 clarify), last {at:%Y-%m-%d %H:%M} UTC\n'
        f"   nearest fact: {meet_nearest} ({meet.score:.2f}); other candidates: {', '.join(meet_others)}\n"
        f'   users who asked "{MEET}" meant fact {meet.candidates[1].fact.id} (1 time)\n'
        f'   teach: article-bot teach "{MEET}" {meet.candidates[1].fact.id}\n'
        "\n"
        'To teach the bot a wording: article-bot teach "QUESTION" FACT_ID\n',
        "",
    )


def test_misses_json_prints_one_object_with_every_group(
    meetings: Engine,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db_path: Path,
) -> None:
    """--json gives the groups as data; --since and --limit narrow them."""
    age = match(meetings, AGE, Status.UNKNOWN)
    with MissStore(db_path) as store:
        store.record(asked("asked last month", at=NOW - timedelta(days=30)))
        store.record(event(meetings, AGE, Status.UNKNOWN), chat_id=USER_ID)
        store.record(asked("what colour is the rocket", at=NOW - timedelta(hours=1)))

    code, out, err = run_misses(
        capsys, monkeypatch, db_path, "--json", "--since", "7", "--limit", "1"
    )
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "db": str(db_path),
        "since_days": 7.0,
        "groups": [
            {
                "question": AGE,
                "count": 1,
                "chats": 1,
                "last_seen": NOW.isoformat(timespec="seconds"),
                "outcomes": {"unknown": 1, "clarify": 0, "resolved": 0},
                "questions": [{"question": AGE, "count": 1}],
                "nearest_fact": {
                    "fact_id": age.candidates[0].fact.id,
                    "score": round(age.candidates[0].score, 3),
                },
                "other_facts": [c.fact.id for c in age.candidates[1:]],
                "resolved_to": [],
            }
        ],
    }


def test_misses_on_a_corrupt_database_exits_1_with_one_line_saying_what_to_do(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    """A file that is not SQLite is reported on stderr, without a traceback."""
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"not a database\n" * 100)
    assert run_misses(capsys, monkeypatch, db_path) == (
        1,
        "",
        f"article-bot: {db_path}: {CORRUPT}\n",
    )


def test_misses_shows_a_few_other_wordings_and_counts_the_rest() -> None:
    """A group of many typos lists five other wordings and says how many more --json has."""
    typos = ["how much does the iss weigh", *(f"how much does the iss weigh{c}" for c in "abcdefg")]
    (group,) = group_events(asked(q, at=NOW) for q in typos)
    assert format_groups([group]).splitlines()[1] == (
        '   also asked: "how much does the iss weigha" (1), "how much does the iss weighb" (1), '
        '"how much does the iss weighc" (1), "how much does the iss weighd" (1), '
        '"how much does the iss weighe" (1) and 2 more (see --json)'
    )


def test_misses_prints_a_reader_s_control_characters_escaped(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    """ESC sequences (7-bit and C1) and a bidi override in a Telegram message reach the
    curator's terminal as text, in the report and in --json, which stays valid JSON."""
    question = "\x1b]0;pwned\x07what\x1b[2J is \x9b31mthis\u202e?\r"
    with MissStore(db_path) as store:
        store.record(asked(question, at=NOW))

    code, out, err = run_misses(capsys, monkeypatch, db_path)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        '1. "\\u001b]0;pwned\\u0007what\\u001b[2J is \\u009b31mthis\\u202e?\\r": asked 1 time '
        f"(1 unknown), last {NOW:%Y-%m-%d %H:%M} UTC"
    )
    code, out, err = run_misses(capsys, monkeypatch, db_path, "--json")
    assert (code, err) == (0, "")
    assert not any(c in out for c in "\x1b\x07\x9b\u202e\r")
    assert json.loads(out)["groups"][0]["question"] == question
