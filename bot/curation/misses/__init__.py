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

The package, by job: `model` (the event and group values), `schema` (migrations),
`chat_key` (the key kept outside the database), `store` (the SQLite file), `recorder`
(the writer thread), `grouping` (similar wordings together) and `report` (what
`article-bot misses` prints). It imports `bot.answering` only; the front end and the
CLI import the names below.
"""

from bot.curation.misses.chat_key import CHAT_HASH_CHARS, key_file, load_key
from bot.curation.misses.grouping import group_events
from bot.curation.misses.model import (
    MissEvent,
    MissGroup,
    MissOutcome,
    MissStoreError,
    Resolution,
    event_from_match,
)
from bot.curation.misses.recorder import BackgroundRecorder
from bot.curation.misses.report import format_groups, misses_report
from bot.curation.misses.schema import DB_SCHEMA_VERSION, MIGRATIONS
from bot.curation.misses.store import DEFAULT_RETENTION_DAYS, MissStore

__all__ = [
    "CHAT_HASH_CHARS",
    "DB_SCHEMA_VERSION",
    "DEFAULT_RETENTION_DAYS",
    "MIGRATIONS",
    "BackgroundRecorder",
    "MissEvent",
    "MissGroup",
    "MissOutcome",
    "MissStore",
    "MissStoreError",
    "Resolution",
    "event_from_match",
    "format_groups",
    "group_events",
    "key_file",
    "load_key",
    "misses_report",
]
