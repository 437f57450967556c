"""What `article-bot eval --report` shows, as data: where the best fact's score falls
for each kind of outcome, what another answer threshold would do, how each fact's
questions end, which facts are confused, and every miss with the decision's reason.

Pure functions from evaluation results to frozen values; `bot.curation.report_page` draws them
and writes `index.html` and `report.json`. The threshold curve replays `decide` on each
question's `Evidence`, which the matcher records so that this is exact.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.answering.decision import Evidence, Thresholds, Verdict, decide
from bot.answering.facts import FactBase
from bot.answering.matcher import Matcher, Status
from bot.curation.evaluation import HeldOut, Outcome

GROUPS = ("right", "wrong", "offered", "declined", "out_of_scope", "smalltalk")
"""The histogram's rows: in-scope questions by outcome, then the other two kinds."""
UNKNOWN_FACT = "unknown fact"
"""Where an in-scope question goes whose right fact cannot be told from its `expect`."""
OUT_OF_SCOPE = "out of scope"
SMALL_TALK = "small talk"
BINS = 40
"""Histogram bins over scores 0..1."""
CURVE_STEP = 0.01
CURVE_BELOW = 0.1
"""The curve starts this far below the lower of today's answer and clarify thresholds:
below the clarify threshold nothing is answered, whatever the answer threshold."""


@dataclass(frozen=True, slots=True)
class Case:
    """One question as the report shows it."""

    number: int
    """Its position, from 1: the page's anchor is `#q-<number>`."""
    text: str
    kind: str
    """in_scope, out_of_scope or smalltalk."""
    where: str
    """`file:line` of the question, or the fact a held-out phrasing belongs to."""
    status: str
    correct: bool
    fact: str | None
    """In scope: the fact whose answer is right; None when that cannot be told."""
    best: str | None
    """The best-ranked fact, answered or not."""
    score: float | None
    evidence: Evidence | None
    reason: str

    @property
    def right(self) -> bool:
        """Whether the best-ranked fact is the right one."""
        return self.fact is not None and self.best == self.fact

    @property
    def group(self) -> str:
        """Its row in the histogram (`GROUPS`)."""
        if self.kind != "in_scope":
            return self.kind
        if self.status == Status.ANSWERED.value:
            return "right" if self.correct else "wrong"
        return "offered" if self.status == Status.CLARIFY.value else "declined"

    def answered_at(self, thresholds: Thresholds) -> bool:
        """Whether the question would be answered with `thresholds`."""
        return self.evidence is not None and decide(self.evidence, thresholds)[0] is Verdict.ANSWER


@dataclass(frozen=True, slots=True)
class Header:
    """What was measured, so that two reports can be compared."""

    mode: str
    """`questions` (eval on question files) or `cross-validation`."""
    facts_path: str
    facts_sha256: str
    question_files: tuple[str, ...]
    """Empty for cross-validation."""
    thresholds: dict[str, float]
    date: str


@dataclass(frozen=True, slots=True)
class Histogram:
    """Counts of the best fact's score per bin, for each of `GROUPS`."""

    edges: tuple[float, ...]
    counts: dict[str, tuple[int, ...]]
    without_score: dict[str, int]
    """Questions no fact scored on (most small talk)."""


@dataclass(frozen=True, slots=True)
class CurvePoint:
    """What one answer threshold does."""

    answer_min_score: float
    right: int
    wrong: int
    out_of_scope_answered: int


@dataclass(frozen=True, slots=True)
class FactRow:
    """How one fact's questions ended."""

    fact: str
    questions: int
    answered: int
    offered: int
    declined: int
    elsewhere: int
    """Answered with another fact."""
    ranked_first: int
    """Questions whose best-ranked fact is this one: the ranking was right."""


@dataclass(frozen=True, slots=True)
class Confusion:
    """Questions of `fact` on which `other` ranked first."""

    fact: str
    other: str
    answered: int
    """How many of them were answered with `other`."""
    questions: tuple[int, ...]
    """Their `Case.number`s."""


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the page and report.json show."""

    header: Header
    figures: dict[str, Any]
    """The figures `eval --json` prints."""
    histogram: Histogram
    curve: tuple[CurvePoint, ...]
    facts: tuple[FactRow, ...]
    untested: tuple[str, ...]
    """Facts no question was about."""
    confusions: tuple[Confusion, ...]
    misses: dict[str, tuple[Case, ...]]
    """Every question not handled right, by the fact it is about (or answered with)."""
    cases: tuple[Case, ...]

    def to_json(self) -> dict[str, Any]:
        """report.json: plain JSON values, the questions listed once, misses by number."""
        data = asdict(self)
        data["cases"] = [_case_json(c) for c in self.cases]
        data["misses"] = {fact: [c.number for c in cases] for fact, cases in self.misses.items()}
        return data


def _case_json(case: Case) -> dict[str, Any]:
    data = asdict(case)
    data["group"] = case.group
    return data


# --- cases ---------------------------------------------------------------------------------
def cases_from_outcomes(outcomes: Sequence[Outcome], base: FactBase) -> list[Case]:
    """The questions of an evaluation on question files."""
    cases = []
    for number, outcome in enumerate(outcomes, 1):
        question, reply, evidence = outcome.question, outcome.reply, outcome.evidence
        fact = _right_fact(outcome, base) if question.kind == "in_scope" else None
        cases.append(
            Case(
                number,
                question.text,
                question.kind,
                question.where,
                reply["status"],
                outcome.correct,
                fact,
                outcome.best,
                evidence.score if evidence is not None else reply["score"],
                evidence,
                outcome.reason,
            )
        )
    return cases


def _right_fact(outcome: Outcome, base: FactBase) -> str | None:
    """The fact whose answer holds an expected phrase (as `Outcome.best_right` tells):
    the best-ranked fact when it does, else the only fact that does, else None."""
    if outcome.best_right:
        return outcome.best
    language, expect = outcome.reply["language"], outcome.question.expect
    holding = [f.id for f in base.facts if any(e in f.answer(language).lower() for e in expect)]
    return holding[0] if len(holding) == 1 else None


def cases_from_cross_validation(results: Sequence[HeldOut], declines: Sequence[Case]) -> list[Case]:
    """Held-out phrasings as in-scope questions of their own fact, then the held-out
    decline examples (`held_out_declines`) as out-of-scope ones."""
    cases = [
        Case(
            number,
            r.phrasing,
            "in_scope",
            r.fact_id,
            r.status,
            r.correct,
            r.fact_id,
            r.best,
            r.score,
            r.evidence,
            r.reason,
        )
        for number, r in enumerate(results, 1)
    ]
    return cases + [replace(c, number=len(cases) + i) for i, c in enumerate(declines, 1)]


def held_out_declines(matcher: Matcher) -> list[Case]:
    """Each `decline:` example matched against the base without it, as calibration does:
    the out-of-scope questions of cross-validation."""
    cases = []
    position = 0
    for language, examples in matcher.base.decline.items():
        for example in examples:
            match = matcher.holding_out_decline(position).match(example, language=language)
            evidence = match.evidence
            cases.append(
                Case(
                    position + 1,
                    example,
                    "out_of_scope",
                    f"decline: ({language})",
                    match.status.value,
                    match.status is Status.UNKNOWN,
                    None,
                    match.candidates[0].fact.id if match.candidates else None,
                    evidence.score if evidence is not None else match.score,
                    evidence,
                    match.reason,
                )
            )
            position += 1
    return cases


# --- figures -------------------------------------------------------------------------------
def histogram(cases: Iterable[Case], bins: int = BINS) -> Histogram:
    """The best fact's score per group; a score of 1 falls in the last bin."""
    counts = {group: [0] * bins for group in GROUPS}
    without = dict.fromkeys(GROUPS, 0)
    for case in cases:
        if case.score is None:
            without[case.group] += 1
        else:
            counts[case.group][min(int(case.score * bins), bins - 1)] += 1
    edges = tuple(round(i / bins, 4) for i in range(bins + 1))
    return Histogram(edges, {g: tuple(c) for g, c in counts.items()}, without)


def threshold_curve(cases: Sequence[Case], thresholds: Thresholds) -> tuple[CurvePoint, ...]:
    """Right and wrong answers, and out-of-scope questions answered, as
    `answer_min_score` moves (every other threshold as today), today's value included."""
    today = thresholds.answer_min_score
    low = max(0.0, min(today, thresholds.clarify_min_score) - CURVE_BELOW)
    steps = round(1 / CURVE_STEP)
    values = {i / steps for i in range(round(low * steps), steps + 1)} | {today}
    return tuple(
        _curve_point(cases, replace(thresholds, answer_min_score=x)) for x in sorted(values)
    )


def _curve_point(cases: Sequence[Case], thresholds: Thresholds) -> CurvePoint:
    right = wrong = outside = 0
    for case in cases:
        if case.kind == "smalltalk" or not case.answered_at(thresholds):
            continue
        if case.kind == "out_of_scope":
            outside += 1
        elif case.right:
            right += 1
        else:
            wrong += 1
    return CurvePoint(thresholds.answer_min_score, right, wrong, outside)


def fact_rows(cases: Iterable[Case]) -> tuple[FactRow, ...]:
    """Per fact, how its in-scope questions ended; the least answered first, questions
    whose fact cannot be told last."""
    by_fact: dict[str, list[Case]] = {}
    for case in cases:
        if case.kind == "in_scope":
            by_fact.setdefault(case.fact or UNKNOWN_FACT, []).append(case)
    rows = [_fact_row(fact, items) for fact, items in by_fact.items()]
    return tuple(
        sorted(rows, key=lambda r: (r.fact == UNKNOWN_FACT, r.answered / r.questions, r.fact))
    )


def _fact_row(fact: str, cases: list[Case]) -> FactRow:
    groups = Counter(c.group for c in cases)
    return FactRow(
        fact,
        len(cases),
        groups["right"],
        groups["offered"],
        groups["declined"],
        groups["wrong"],
        sum(c.right for c in cases),
    )


def confusions(cases: Iterable[Case]) -> tuple[Confusion, ...]:
    """The pairs (a question's fact, the fact ranked first instead), most frequent first."""
    pairs: dict[tuple[str, str], list[Case]] = {}
    for case in cases:
        if case.fact is not None and case.best is not None and case.best != case.fact:
            pairs.setdefault((case.fact, case.best), []).append(case)
    ranked = sorted(pairs.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return tuple(
        Confusion(
            fact,
            other,
            sum(c.status == Status.ANSWERED.value for c in items),
            tuple(c.number for c in items),
        )
        for (fact, other), items in ranked
    )


def misses(cases: Iterable[Case]) -> dict[str, tuple[Case, ...]]:
    """Every question not handled right: in scope by its fact, out of scope by the fact
    it was answered or offered with, small talk apart."""
    grouped: dict[str, list[Case]] = {}
    for case in cases:
        if case.correct:
            continue
        if case.kind == "in_scope":
            key = case.fact or UNKNOWN_FACT
        elif case.kind == "out_of_scope":
            key = f"{OUT_OF_SCOPE}: {case.best}" if case.best else OUT_OF_SCOPE
        else:
            key = SMALL_TALK
        grouped.setdefault(key, []).append(case)
    return {key: tuple(grouped[key]) for key in sorted(grouped, key=_miss_order)}


def _miss_order(key: str) -> tuple[int, str]:
    """Facts by id, then questions of no known fact, out of scope, small talk."""
    rank = {UNKNOWN_FACT: 1, SMALL_TALK: 3}.get(key, 2 if key.startswith(OUT_OF_SCOPE) else 0)
    return rank, key


def header(
    facts_path: Path, question_files: Sequence[str], thresholds: Thresholds, now: datetime
) -> Header:
    """The report's header (no question files: cross-validation); the hash is of the
    facts file's bytes as they are now."""
    return Header(
        "questions" if question_files else "cross-validation",
        str(facts_path),
        hashlib.sha256(facts_path.read_bytes()).hexdigest(),
        tuple(question_files),
        {name: getattr(thresholds, name) for name in Thresholds.names()},
        now.isoformat(timespec="seconds"),
    )


def report_data(
    cases: Sequence[Case], figures: dict[str, Any], base: FactBase, head: Header
) -> ReportData:
    """All the report's figures for `cases`."""
    rows = fact_rows(cases)
    tested = {row.fact for row in rows}
    return ReportData(
        head,
        figures,
        histogram(cases),
        threshold_curve(cases, base.thresholds),
        rows,
        tuple(f.id for f in base.facts if f.id not in tested),
        confusions(cases),
        misses(cases),
        tuple(cases),
    )
