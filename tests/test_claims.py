"""Years and dates a yes/no question puts forward to be checked (`bot.language.claims`)."""

from __future__ import annotations

import pytest

from bot.language.claims import (
    DAY_OF_MONTH,
    GUESS,
    MONTH,
    PLACE,
    YEAR,
    asks_yes_or_no,
    claimed_dates,
    claimed_guess,
    claimed_places,
    sorts_stated,
)
from bot.language.text import tokenize


@pytest.mark.parametrize(
    "question",
    [
        "when did the library open",
        "so where did they meet in 2019",
        "what burned down in 2017",
        "а когда это было, в 2019?",
        "в каком году сгорела библиотека",
        "что сгорело в 2017 году",
        "ferry through 2029",
        "паром до 2029",
    ],
)
def test_an_open_question_or_a_keyword_query_does_not_ask_yes_or_no(question: str) -> None:
    assert not asks_yes_or_no(tokenize(question))


@pytest.mark.parametrize(
    "question",
    [
        "did the old library burn down in 2017?",
        "the librarians last met in 2012, right?",
        "is it true the ferry runs until 2035",
        "верно ли, что библиотека сгорела в 2017 году?",
        "правильно понимаю, что они встречались в 2012?",
        "библиотеку открыли 25 июня, так?",
    ],
)
def test_an_auxiliary_verb_or_a_claim_word_asks_yes_or_no(question: str) -> None:
    assert asks_yes_or_no(tokenize(question))


@pytest.mark.parametrize("question", ["они встречались в 2012?", "they met in 2012?"])
def test_a_statement_with_a_question_mark_asks_yes_or_no(question: str) -> None:
    """Russian asks yes or no by intonation alone, and so do hurried readers."""
    assert not asks_yes_or_no(tokenize(question))
    assert asks_yes_or_no(tokenize(question), question_mark=True)
    assert not asks_yes_or_no(tokenize("когда они встречались"), question_mark=True)


def test_a_yes_no_question_claims_its_years_and_days_of_a_month_only() -> None:
    claims = claimed_dates(tokenize("was the opening moved to June 25, 2024, with 300 guests?"))
    assert claims == {"june": MONTH, "25": DAY_OF_MONTH, "2024": YEAR}


def test_an_open_question_claims_nothing() -> None:
    assert claimed_dates(tokenize("what happened on june 25, 2024?")) == {}


@pytest.mark.parametrize(
    ("question", "claims"),
    [
        ("did they meet in june?", {"june": MONTH}),
        ("они в июне встречались?", {"июне": MONTH}),
        ("was the opening delayed to august, right?", {"august": MONTH}),
        ("may i ask whether they met?", {}),  # the verb, not the month
        ("did they march to the town hall?", {}),
        ("when in june did they meet?", {}),  # an open question claims nothing
    ],
)
def test_a_yes_no_question_claims_a_month_named_in_a_time_phrase(
    question: str, claims: dict[str, str]
) -> None:
    assert claimed_dates(tokenize(question), question_mark=question.endswith("?")) == claims


def test_a_text_states_the_sorts_of_number_it_gives() -> None:
    assert sorts_stated(["Heavy rain delayed the opening to June 20."]) == {DAY_OF_MONTH, MONTH}
    assert sorts_stated(["Duffy was invited to the November launch."]) == {MONTH}
    assert sorts_stated(["The station may close in 2030."]) == {YEAR}
    assert sorts_stated(["The old library burned down in 2019."]) == {YEAR}
    assert sorts_stated(["The library holds 120,000 books."]) == frozenset()
    assert sorts_stated(["The mayors met in Lisbon."]) == {PLACE}
    assert sorts_stated(["The mayors met at the town hall."]) == frozenset()


@pytest.mark.parametrize(
    ("question", "claimed"),
    [
        ("was the invite for a december launch?", {"december": MONTH}),
        ("may i ask if they met?", {}),  # "may" is a verb too: a month only beside a date
        ("did they meet in may?", {"may": MONTH}),
    ],
)
def test_a_month_that_is_no_other_word_is_a_claim_wherever_it_stands(
    question: str, claimed: dict[str, str]
) -> None:
    assert claimed_dates(tokenize(question)) == claimed


@pytest.mark.parametrize(
    ("question", "claimed"),
    [
        ("did the mayors meet in madrid?", {"madrid"}),
        ("was the photo taken in washington dc", {"washington", "dc"}),
        ("so they met in st petersburg, right?", {"st", "petersburg"}),
        ("did the war in ukraine hurt ties?", {"ukraine"}),  # a verb after it is no name
        ("was it in space?", set()),  # "space" is no named place
        ("where in madrid did they meet", set()),  # an open question
        ("did they meet in madrid or in lisbon?", set()),  # options, not a claim
    ],
)
def test_a_yes_no_question_claims_the_named_place_after_a_preposition(
    question: str, claimed: set[str]
) -> None:
    assert set(claimed_places(tokenize(question))) == claimed


@pytest.mark.parametrize(
    ("question", "claimed"),
    [
        ("when did the old library burn down, 2019?", {"2019": YEAR}),
        ("who opened the library, Novak?", {"novak": GUESS}),  # a capital: a name
        ("who opened the library, putin?", {"putin": GUESS}),  # WordNet: a person
        ("кто открыл библиотеку, мишустин?", {"мишустин": GUESS}),  # a rare word
        ("which bridge was built? a new one?", {}),  # common words, no name
        ("what did the council decide, name them", {}),
        ("who opened it, and when?", {}),  # a second question, no guess
        ("did it open in 2019 or 2020?", {}),  # options
        ("what was the score with 7:33 left in the first", {}),  # a clock time
    ],
)
def test_a_name_or_a_date_added_to_an_open_question_is_a_guess_to_check(
    question: str, claimed: dict[str, str]
) -> None:
    assert claimed_guess(question, tokenize(question)) == claimed
