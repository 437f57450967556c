"""Calibrate the answer decision on a fact base's own phrasings: cross-validation.

Each phrasing is held out in turn and matched against the rest of the base, as a
reader's new wording of that fact would be; each `decline:` example is held out in turn
as a question the bot must not answer. What the matcher found out about its best fact
(`Evidence`) does not depend on the thresholds, so it is collected once, and the
thresholds are then chosen on a fixed grid: the most right answers, a wrong answer (or
an answered decline example) costing `WRONG_ANSWER_COST` right ones. Same base, same
thresholds: there is nothing random in it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from bot.answering.decision import Evidence, Thresholds, Verdict, decide
from bot.answering.matcher import Matcher

WRONG_ANSWER_COST = 10.0
"""A wrong answer misleads a reader; a "Did you mean…?" costs them one tap."""

GRID: dict[str, tuple[float, ...]] = {
    "answer_min_score": (0.55, 0.6, 0.65, 0.7, 0.75, 0.8),
    "answer_min_margin": (0.0, 0.02, 0.03, 0.05, 0.08, 0.1),
    "answer_max_unexplained": (0.1, 0.15, 0.2, 0.25, 0.3, 0.4),
    "answer_max_word": (0.2, 0.3, 0.4, 0.5, 0.7, 1.0),
}
"""The values tried for each answer threshold; the clarify thresholds keep their defaults."""


@dataclass(frozen=True, slots=True)
class Sample:
    """One held-out question and what answering it would be."""

    question: str
    evidence: Evidence | None
    """None when no fact matched at all."""
    right: bool | None
    """Whether the best fact is the phrasing's own; None for a decline example."""


@dataclass(frozen=True, slots=True)
class Calibration:
    """The chosen thresholds and what they do on the held-out questions."""

    thresholds: Thresholds
    phrasings: int
    answered_right: int
    answered_wrong: int
    declines: int
    declines_answered: int

    @property
    def utility(self) -> float:
        """Right answers less the cost of wrong ones."""
        return self.answered_right - WRONG_ANSWER_COST * (
            self.answered_wrong + self.declines_answered
        )


def collect(matcher: Matcher) -> list[Sample]:
    """Hold out each phrasing and each decline example in turn, and record the evidence."""
    samples: list[Sample] = []
    for fact in matcher.base.facts:
        position = 0
        for language, asks in fact.phrasings.items():
            for phrasing in asks:
                match = matcher.holding_out(fact.id, position).match(phrasing, language=language)
                best = match.candidates[0].fact.id if match.candidates else None
                samples.append(Sample(phrasing, match.evidence, best == fact.id))
                position += 1
    position = 0
    for language, examples in matcher.base.decline.items():
        for example in examples:
            match = matcher.holding_out_decline(position).match(example, language=language)
            samples.append(Sample(example, match.evidence, None))
            position += 1
    return samples


def outcome(samples: Iterable[Sample], thresholds: Thresholds) -> Calibration:
    """What `thresholds` do on the samples."""
    phrasings = right = wrong = declines = declines_answered = 0
    for sample in samples:
        answered = sample.evidence is not None and (
            decide(sample.evidence, thresholds)[0] is Verdict.ANSWER
        )
        if sample.right is None:
            declines += 1
            declines_answered += answered
        else:
            phrasings += 1
            right += answered and sample.right
            wrong += answered and not sample.right
    return Calibration(thresholds, phrasings, right, wrong, declines, declines_answered)


def calibrate(samples: Sequence[Sample], base: Thresholds | None = None) -> Calibration:
    """The grid point with the best utility; among equals, the strictest (highest score
    and margin, least unexplained), so that a tie never loosens the decision."""
    start = base or Thresholds()
    best: Calibration | None = None
    names = list(GRID)
    for values in itertools.product(*(GRID[name] for name in names)):
        candidate = outcome(samples, replace(start, **dict(zip(names, values, strict=True))))
        if best is None or _better(candidate, best):
            best = candidate
    assert best is not None  # the grid is never empty
    return best


def _better(a: Calibration, b: Calibration) -> bool:
    """Whether `a` beats `b`: higher utility, then stricter thresholds."""
    if a.utility != b.utility:
        return a.utility > b.utility
    return _strictness(a.thresholds) > _strictness(b.thresholds)


def _strictness(t: Thresholds) -> tuple[float, ...]:
    return (t.answer_min_score, t.answer_min_margin, -t.answer_max_unexplained, -t.answer_max_word)
