"""What matching a question gives: the candidates it ranked and how it ended. Plain data,
shared by the matcher, the engine, replies and curation."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from bot.answering.decision import Evidence
from bot.answering.facts import Fact, SmallTalk

MAX_SUGGESTIONS = 3
RANKED = MAX_SUGGESTIONS
"""Facts ranked per question: the suggestions (the first two are also the best fact and the
runner-up it must lead)."""
SCORE_DIGITS = 4
"""Scores are rounded to this many digits, so that facts that tie rank by id, stably."""
SCORE_SCALE = 10**SCORE_DIGITS
SCORE_ROUNDING = 1 / SCORE_SCALE


class Status(str, Enum):
    """The four ways a question can end."""

    ANSWERED = "answered"
    CLARIFY = "clarify"
    UNKNOWN = "unknown"
    SMALLTALK = "smalltalk"


# Candidate, Analysis and Match are built for every question, so they are not frozen:
# on Python 3.11 a frozen dataclass takes about three times as long to build (each
# field goes through object.__setattr__). Nothing changes them once built.
@dataclass(slots=True)
class Candidate:
    """A fact and how well the question matched it (0..1)."""

    fact: Fact
    score: float
    fact_index: int = -1
    phrasing: float = 0.0
    """How well the fact's closest phrasing matches (F-beta, 0..1), penalties included."""


@dataclass(slots=True)
class Analysis:
    """A question as the matcher reads it: its tokens (question words put right), the
    kind of answer it asks for, and its concepts."""

    tokens: tuple[str, ...]
    kind: str | None
    concepts: frozenset[str]
    words: dict[str, str] = field(default_factory=dict)
    """The word each one-word concept was read from, to weigh one the base never saw."""
    precision: str | None = None
    """How precise a time the question asks ("what time": the time of day), if it says."""
    claims: dict[str, str] = field(default_factory=dict)
    """Years and dates a yes/no question puts forward to be checked, with their sort
    (`bot.language.claims`); one no fact mentions is not among the concepts."""
    unit: str | None = None
    """What a "how many" question counts ("people", "years"), read once for the ranking
    and the evidence."""
    language: str | None = None
    """The language the question is written in (Russian typed in Latin letters is
    Russian), or None when its words tell none: the reply's, unless the chat chose one."""
    addresses_the_bot: bool = False
    """Whether the question asks about the bot itself ("who made you", "do you think…"),
    not the article (`bot.language.addressee`): no fact answers it."""

    @property
    def claimed_concepts(self) -> frozenset[str]:
        """The concepts read from the years and dates put forward to be checked."""
        return frozenset(
            c for c in self.concepts if c in self.claims or self.words.get(c) in self.claims
        )


@dataclass(slots=True)
class Match:
    """The outcome of matching one question."""

    question: str
    language: str
    status: Status
    candidates: tuple[Candidate, ...] = ()
    smalltalk: SmallTalk | None = None
    kind: str | None = None
    analysis: Analysis | None = field(default=None, compare=False, repr=False)
    """How the question was read, so that a follow-up pass need not read it again."""
    evidence: Evidence | None = field(default=None, compare=False, repr=False)
    """What the decision weighed about the best fact, and `reason`, what it concluded."""
    reason: str = ""
    asks_summary: bool = False
    """Whether the question asks for nothing but the article in short ("tl;dr", "кратко"):
    its answer is the base's summary, cited as the answered fact is."""

    @property
    def fact(self) -> Fact | None:
        """The answered fact, or None."""
        return self.candidates[0].fact if self.status is Status.ANSWERED else None

    @property
    def score(self) -> float | None:
        """The best candidate's score, or None when there is none."""
        return self.candidates[0].score if self.candidates else None


def round_score(score: float) -> float:
    """A score (never negative) to `SCORE_DIGITS` decimals, half up. `round(score, 4)`
    would do, but it goes through decimal strings, and this is on every question's path."""
    return int(score * SCORE_SCALE + 0.5) / SCORE_SCALE
