"""The shipped facts.yaml, checked in one place by question sets: the regression questions
in benchmarks/questions/regressions-*.yaml (readers' wordings that used to be unit tests)
and the development sets in ../shared/eval/. The matcher's behaviour is tested on small
bases of its own (tests/test_matcher.py), so a facts.yaml edit breaks only these checks,
and each failure names the question that stopped working."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.engine import Engine
from bot.answering.facts import FactBase
from bot.answering.matcher import Status
from bot.curation.evaluation import evaluate, format_report, load_questions

REPO = Path(__file__).resolve().parent.parent
SHARED_EVAL = REPO.parent / "shared" / "eval"
QUESTION_SETS = [
    REPO / "benchmarks" / "questions" / "regressions-en.yaml",
    REPO / "benchmarks" / "questions" / "regressions-ru.yaml",
    SHARED_EVAL / "dev-questions.yaml",
    SHARED_EVAL / "dev-questions-ru.yaml",
]

KNOWN_MISSES: dict[str, str] = {}
"""Questions of the sets the bot does not get right yet, with what it does instead: kept
visible, and a fix (or a new miss) fails the test so that this list is kept true."""


@pytest.mark.parametrize("path", QUESTION_SETS, ids=lambda path: path.name)
def test_question_set_is_all_right_on_the_shipped_base(engine: Engine, path: Path) -> None:
    """Every question of the set is right (answered with an expected phrase, declined, or
    taken as small talk) but the known misses, and none is answered wrong."""
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared development sets sit beside the repository)")
    report = evaluate(engine, load_questions(path))
    figures = report.figures()
    misses = {o.question.text: o.verdict for o in report.outcomes if not o.correct}
    known = {
        q: v for q, v in KNOWN_MISSES.items() if q in {o.question.text for o in report.outcomes}
    }
    assert (figures["in_scope_wrong"], figures["out_of_scope_answered"]) == (0, 0), format_report(
        report
    )
    assert misses == known, format_report(report)


# Buttons, /topics and "I can tell you…" replies show each fact's first phrasing; a reader
# who types one back should get that fact. These do not (what the bot does instead):
OFFERED_QUESTIONS_NOT_ANSWERED = {
    ("photo-credit", "ru"): "clarify: photo and photo-credit tie at 1.0",
}


def test_question_offered_for_each_shipped_fact_answers_that_fact(
    engine: Engine, base: FactBase
) -> None:
    """Typing back the question a button or topic list shows answers its own fact."""
    offered = {
        (fact.id, language): fact.question(language)
        for fact in base.facts
        for language in fact.phrasings
    }
    wrong = {}
    for (fact_id, language), question in offered.items():
        match = engine.match(question)
        if match.fact is None or match.fact.id != fact_id:
            wrong[fact_id, language] = (
                f"{match.status.value}: {[c.fact.id for c in match.candidates]}"
            )
    assert set(wrong) == set(OFFERED_QUESTIONS_NOT_ANSWERED), wrong


def test_every_shipped_decline_example_is_declined(engine: Engine, base: FactBase) -> None:
    """Each `decline:` example of facts.yaml ends "not in the article", in its language."""
    examples = [(lang, q) for lang, asks in base.decline.items() for q in asks]
    assert len(examples) >= 40
    answered = [
        q for lang, q in examples if engine.match(q, language=lang).status is not Status.UNKNOWN
    ]
    assert answered == []


# Near misses the bot offers "Did you mean…?" for rather than declining: a question set can
# only say "declined", so these are checked here: no fact is given as the answer.
NOT_ANSWERED = [
    "who was head of roscosmos before bakanov",
    "where was bakanov born",
    "is duffy married",
    "how far is the iss from earth",
    "кто был главой роскосмоса до баканова",
    "who founded NASA?",
    "что сказал глава НАСА?",
]


def test_near_misses_offered_as_did_you_mean_are_not_answered(engine: Engine) -> None:
    got = {q: engine.match(q).fact for q in NOT_ANSWERED}
    assert got == dict.fromkeys(NOT_ANSWERED)


def test_date_in_the_question_ranks_the_fact_with_that_date_first(engine: Engine) -> None:
    """Asking what happened on July 31 puts the July 31 meeting first."""
    match = engine.match("what happened on july 31")
    assert match.candidates[0].fact.id == "meeting-date-place"


def test_who_met_on_july_31_offers_the_july_31_meeting(engine: Engine) -> None:
    """Asking who met on July 31 at least offers the Bakanov-Duffy meeting."""
    candidates = [c.fact.id for c in engine.match("who met on july 31").candidates]
    assert "meeting-date-place" in candidates
