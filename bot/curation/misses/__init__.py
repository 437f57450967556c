"""Unanswered questions, the curator's to-do list: every `unknown` and `clarify` outcome,
and every "Did you mean…?" a reader then resolved, kept in an embedded SQLite file
(`ARTICLE_BOT_DB`) for `ARTICLE_BOT_RETENTION_DAYS` and grouped by wording for
`article-bot misses`, so a curator sees what readers ask that the fact base does not
cover. By job: `model` (the event and group values), `schema` (migrations), `chat_key`
(the key kept outside the database), `store` (the SQLite file), `recorder` (the writer
thread, so that recording never slows answering), `grouping` (similar wordings
together) and `report` (what the command prints). Imports `bot.answering` only; the
front end and the CLI use the names below.
"""

from bot.curation.misses.chat_key import CHAT_HASH_CHARS, key_file
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
from bot.curation.misses.schema import DB_SCHEMA_VERSION
from bot.curation.misses.store import MissStore

__all__ = [
    "CHAT_HASH_CHARS",
    "DB_SCHEMA_VERSION",
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
    "misses_report",
]
