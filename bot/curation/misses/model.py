"""What the misses package passes around: the recorded event, the groups a curator reads,
and the store's error.

`MissEvent` is one question the bot could not answer outright (or a clarification a
reader resolved); `MissGroup` is what `grouping` makes of many; `Closing` gives the
store and the recorder their `with` form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from bot.answering.match import Match, Status
from bot.answering.reading import MAX_QUESTION_CHARS


class MissOutcome(str, Enum):
    """What happened to a recorded question."""

    UNKNOWN = "unknown"
    CLARIFY = "clarify"
    RESOLVED = "resolved"
    """The reader pressed one of the "Did you mean…?" buttons."""


def utcnow() -> datetime:
    """Now, in UTC: every stored time is timezone-aware."""
    return datetime.now(timezone.utc)


@dataclass(frozen=True, slots=True)
class MissEvent:
    """One question the bot could not answer outright, or a clarification resolved.

    `candidates` are (fact id, score) pairs, best first; `chosen_fact` is the fact a
    reader picked (resolved events only); `chat_hash` is never a raw Telegram id.
    """

    question: str
    outcome: MissOutcome
    language: str
    candidates: tuple[tuple[str, float], ...] = ()
    chosen_fact: str | None = None
    chat_hash: str | None = None
    at: datetime = field(default_factory=utcnow)

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
            MissOutcome.RESOLVED,
            language,
            chosen_fact=fact_id,
            at=at or utcnow(),
        )


def event_from_match(match: Match, *, at: datetime | None = None) -> MissEvent | None:
    """The event to record for a match: None when it was answered or small talk.

    >>> event_from_match(Engine(load("facts.yaml")).match("how much does the ISS weigh?"))  # doctest: +SKIP
    MissEvent(question='how much does the ISS weigh?', outcome=<MissOutcome.UNKNOWN: 'unknown'>, …)
    """
    if match.status is Status.UNKNOWN:
        outcome = MissOutcome.UNKNOWN
    elif match.status is Status.CLARIFY:
        outcome = MissOutcome.CLARIFY
    else:
        return None
    return MissEvent(
        match.question[:MAX_QUESTION_CHARS],
        outcome,
        match.language,
        tuple((c.fact.id, round(c.score, 4)) for c in match.candidates),
        at=at or utcnow(),
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


_C = TypeVar("_C", bound="Closing")


class Closing:
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
