"""What teaching gives back, and the refusal that stops it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answering.facts import FactBase


@dataclass(frozen=True, slots=True)
class TeachResult:
    """What teaching did: `ok` with the new fact base, or a refusal and why."""

    ok: bool
    reason: str
    """A sentence for the curator: what was added where, or what is wrong and what to do."""
    fact_id: str
    """The fact it was added to, or `DECLINE_KEY` for the `decline:` examples."""
    language: str
    line: int = 0
    """The line of facts.yaml the phrasing now stands on (0 when refused)."""
    new_base: FactBase | None = None
    """The reloaded fact base, for the bot to swap in (None when refused)."""


class Refused(Exception):
    """Teaching stops here; the message is the reason shown to the curator."""


DECISION = "decision"
"""The facts file's block of answer-decision thresholds."""
