"""What teaching gives back, and the refusal that stops it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answering.facts import DECLINE_KEY, FactBase


@dataclass(frozen=True, slots=True)
class TeachResult:
    """What teaching did: `ok` with the new fact base, or a refusal and why."""

    ok: bool
    reason: str
    """A sentence for the curator: what was added where, or what is wrong and what to do."""
    fact_id: str
    language: str
    line: int = 0
    """The line of facts.yaml the phrasing now stands on (0 when refused)."""
    new_base: FactBase | None = None
    """The reloaded fact base, for the bot to swap in (None when refused)."""


class Refused(Exception):
    """Teaching stops here; the message is the reason shown to the curator."""


DECLINE = DECLINE_KEY
"""What a `TeachResult` names as its `fact_id` when a question was added to `decline:`."""
DECISION = "decision"
"""The facts file's block of answer-decision thresholds."""
