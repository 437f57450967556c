"""How precise a "when" question is, and whether a fact's reply is that precise."""

from __future__ import annotations

import pytest

from bot.answering.decision import Evidence, Thresholds, Verdict, decide
from bot.answering.engine import Engine
from bot.answering.facts import loads
from bot.answering.match import Status
from bot.language.precision import CLOCK, DAY, asked_precision, precisions_given
from bot.language.text import tokenize


@pytest.mark.parametrize(
    ("question", "precision"),
    [
        ("what time did the launch happen", CLOCK),
        ("at what time did they meet", CLOCK),
        ("во сколько был запуск", CLOCK),
        ("what date did they meet", DAY),
        ("which day was the launch", DAY),
        ("какого числа в ноябре запуск", DAY),
        ("when exactly did they meet", DAY),
        ("когда именно была встреча", DAY),
        ("when did they meet", None),
        ("what year did they last meet", None),
        ("в каком месяце запуск", None),
    ],
)
def test_the_precision_a_question_asks(question: str, precision: str | None) -> None:
    assert asked_precision(tokenize(question)) == precision


@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("Weather delayed the launch to August 1.", {DAY}),
        ("They met on 31 July at the Kennedy Space Center.", {DAY}),
        ("Встреча прошла 31 июля во Флориде.", {DAY}),
        ("The crew lifted off at 10:30 GMT.", {CLOCK, DAY}),
        ("The launch is set for 3pm on Friday.", {CLOCK, DAY}),
        ("Bakanov invited Duffy to Baikonur in November.", set()),
        ("Запуск с Байконура намечен на ноябрь.", set()),
        ("They last met in October 2018.", set()),  # a year is no day of the month
        ("Roscosmos has 5 launch pads in May 2030.", set()),
    ],
)
def test_the_precision_a_text_gives(text: str, given: set[str]) -> None:
    assert precisions_given(text) == given


def test_a_fact_not_precise_enough_is_offered_not_answered() -> None:
    """Plausible and fully explained, but the question asks what the fact cannot say."""
    evidence = Evidence(0.9, 0.3, True, 0.0, lacks=CLOCK)
    assert decide(evidence, Thresholds()) == (
        Verdict.CLARIFY,
        "did you mean: the fact gives no time of day",
    )


def test_a_decline_example_still_wins_over_an_imprecise_fact() -> None:
    evidence = Evidence(0.9, 0.3, True, 0.0, decline_example="what time is it", lacks=CLOCK)
    assert decide(evidence, Thresholds())[0] is Verdict.DECLINE


@pytest.mark.parametrize(
    ("question", "status"),
    [
        ("what date did kowalski and novak meet", Status.ANSWERED),
        ("какого числа встретились ковальски и новак", Status.ANSWERED),
        ("what time did kowalski and novak meet", Status.CLARIFY),
        ("во сколько встретились ковальски и новак", Status.CLARIFY),
        ("on what day will the ferry stop running", Status.CLARIFY),
    ],
)
def test_the_town_base_answers_a_time_only_as_precise_as_it_knows(
    town_engine: Engine, question: str, status: Status
) -> None:
    """The meeting's fact gives "June 12": it answers "what date", and is offered, not
    answered, for "what time"; the ferry's gives only a year."""
    match = town_engine.match(question)
    assert match.status is status
    assert match.candidates[0].fact.id in ("meeting", "ferry-2028")


CLOCK_BASE = """\
version: 1
article:
  title: Ferry timetable changes
  byline: Staff reporter
  body:
    - The first ferry now leaves at 6:30 every morning.
summary: The first ferry leaves at 6:30.
facts:
  - id: first-ferry
    cite: The first ferry now leaves at 6:30 every morning.
    answer: The first ferry leaves at 6:30 in the morning.
    ask: [when does the first ferry leave, first ferry departure]
"""


def test_a_fact_that_gives_the_time_answers_what_time() -> None:
    match = Engine(loads(CLOCK_BASE)).match("what time does the first ferry leave")
    assert (match.status, match.fact.id if match.fact else None) == (
        Status.ANSWERED,
        "first-ferry",
    )
