"""A fact that gives the shape of answer a question word asks for explains that word:
"how long…?" by a span, "what does RLF stand for?" by its full form, "what is it
called?" by a name."""

from __future__ import annotations

import pytest

from bot.answering.facts import FactBase, loads
from bot.answering.match import Status
from bot.answering.matcher import Matcher
from bot.language.shapes import asks_shape, explains, shapes_given
from bot.language.text import tokenize


@pytest.mark.parametrize(
    ("text", "word", "question", "explained"),
    [
        ("The bridge has stood there for 120 years.", "long", "how long has it stood", True),
        ("The bridge has stood there since 1905.", "long", "how long has it stood", True),
        ("The bridge has stood there for twelve years.", "long", "how long has it stood", True),
        ("The bridge stood there in 1905.", "long", "how long has it stood", False),
        # "How long ago…?", "how long since…?" ask for the time elapsed: a date gives it.
        ("The mayors last met in 2015.", "long", "how long ago did the mayors meet", True),
        ("The mayors last met in May.", "long", "how long since the mayors met", True),
        ("The mayors met at the town hall.", "long", "how long ago did the mayors meet", False),
        ("Мэры встречались в 2015 году.", "давно", "как давно встречались мэры", True),
        ("The museum, 300 metres long, opened in May.", "long", "how long is it", True),
        ("The museum opened in May.", "long", "how long is it", False),
        ("Smith, aged 41, runs the museum.", "old", "how old is smith", True),
        ("The report is dated Thursday.", "week", "what day of the week", True),
        ("The Korean People's Army (KPA) moved.", "stand", "what does kpa stand for", True),
        ("The Korean People's Army (KPA) moved.", "stand", "what does kcna stand for", False),
        ("The Korean People's Army [KPA] moved.", "stand", "what does kpa stand for", True),
        (
            "Международная космическая станция (МКС) летает.",
            "расшифровывается",
            "как расшифровывается мкс",
            True,
        ),
        ("The Flag Consideration Project met.", "called", "what is the project called", True),
        ("They built a robot, Emiew, last year.", "called", "what is the robot called", True),
        ("Killed was the engineer Michael Kempf.", "name", "what was the engineers name", True),
        ("Roscosmos is headed by Dmitry Bakanov.", "guy", "who is the roscosmos guy", True),
        ("Roscosmos is Russia's space agency.", "guy", "who is the roscosmos guy", False),
        (
            "The crew flew to the International Space Station.",
            "names",
            "what are the names of the crew",
            False,
        ),
        (
            "The Flag Consideration Project met.",
            "called",
            "what is the flag consideration project called",
            False,
        ),
        (
            "A US-Japanese-Russian crew flew to the International Space Station (ISS).",
            "names",
            "what are the names of the japanese astronauts",
            False,
        ),
        ("The Lantern Festival (LF) opens.", "called", "what is the festival called", True),
        # A point in time, a date, a cause, a clock time: no span and no measure.
        ("The footbridge opened 12 years ago.", "long", "how long is the footbridge", False),
        ("It launched in 2019. Years later it failed.", "long", "how long did it fly", False),
        ("Since the weather was bad, they waited.", "long", "how long did they wait", False),
        ("Запуск перенесли на 5 мая 2026 года.", "долго", "как долго продлится полёт", False),
        ("Полёт длился 12 дней.", "долго", "как долго длился полёт", True),
        ("Weather delayed the launch to August 1.", "date", "launch date?", True),
        ("Weather delayed the launch.", "date", "launch date?", False),
        ("Запуск перенесли на 1 августа.", "дата", "какая дата запуска", True),
        (
            "Программа годами страдает от нехватки денег.",
            "долго",
            "как долго программа страдает",
            True,
        ),
        ("Станция обитаема с ноября 2000 года.", "долго", "как долго станция обитаема", True),
        ("Станция обитаема с экипажем.", "долго", "как долго станция обитаема", False),
        ("They met at 10 p.m. in the hall.", "tall", "how tall is the hall", False),
        ("The tower is 300m tall.", "tall", "how tall is the tower", True),
        # The word must ask: "old" of "the old bridge", "call" of "call trump" do not.
        ("The bridge stood for twelve years.", "old", "what happened to the old bridge", False),
        ("Russian President Vladimir Putin spoke.", "call", "when did putin call trump", False),
        # An abbreviation is spelt out in brackets, not by any words with its initials.
        ("The UN urges nations to act.", "stand", "what does the un stand for", False),
        # "What does X mean?" by a text that says what X refers to or symbolises.
        ("In the jargon, route out refers to leaving.", "mean", "what does route out mean", True),
        ("Its round shape symbolizes wealth.", "stand", "what does the shape stand for", True),
        ("Members route out of the church.", "mean", "what does route out mean", False),
        # A translated name keeps its original's initials, in another order.
        ("CEI (Italian Episcopal Conference) spoke.", "stand", "what does cei stand for", True),
        ("The Italian Bishops Council (CEI) spoke.", "stand", "what does cei stand for", False),
        # A match's score; not a span of years, a clock time or a range of ages.
        ("Sweden beat Korea 1-0 on Monday.", "score", "what was the score", True),
        ("It was 10-all after five minutes.", "score", "score after five minutes?", True),
        ("Japan won the second game 5 to 3.", "score", "final score game two", True),
        ("Japan won the second game.", "score", "what was the score", False),
        ("The study covers 2000 - 2050.", "score", "what was the score", False),
        ("With 7:33 left, Britain led.", "score", "what was the score", False),
        ("Smoking rose among 13 to 15 year-olds.", "scores", "what are the scores", False),
        ("Рома выиграла 2-1.", "счет", "какой был счёт", True),
        # A share, by a figure in percent or a fraction's word; what someone said, by a
        # word of saying.
        ("About 20% of adults read poorly.", "share", "what share of adults read poorly", True),
        ("About 20 per cent of adults read poorly.", "proportion", "what proportion", True),
        ("Half of the adults read poorly.", "share", "what share of adults", True),
        ("Adults read poorly.", "share", "what share of adults read poorly", False),
        ("Munz said the week created a backlog.", "say", "what did munz say", True),
        ("Munz created a backlog.", "say", "what did munz say", False),
        ("Около 20 процентов взрослых читают плохо.", "процентов", "сколько процентов", True),
    ],
)
def test_a_text_gives_the_shape_a_word_asks_for(
    text: str, word: str, question: str, explained: bool
) -> None:
    assert explains(shapes_given([text]), word, tokenize(question)) is explained


@pytest.fixture(scope="module")
def town() -> Matcher:
    return Matcher(_town())


def _town() -> FactBase:
    body = [
        "The Riverton museum has stood on Main Street for 120 years.",
        "The Riverton Lantern Festival (RLF) opens on Friday.",
        "The mayor, Ann Lee, cut the ribbon.",
        "The library opened on Elm Street in 1998.",
    ]
    return loads(
        f"""\
version: 1
article:
  title: Riverton celebrates
  body: {body!r}
summary:
  en: {body[1]}
facts:
  - id: museum
    cite: {body[0]}
    answer:
      en: {body[0]}
    ask:
      en: [where is the riverton museum, what street is the museum on, since when is the museum there]
  - id: festival
    cite: {body[1]}
    answer:
      en: {body[1]}
    ask:
      en: [when does the festival open, what opens on friday, what is the rlf]
  - id: mayor
    cite: {body[2]}
    answer:
      en: {body[2]}
    ask:
      en: [who is the mayor, who cut the ribbon]
  - id: library
    cite: {body[3]}
    answer:
      en: {body[3]}
    ask:
      en: [where is the library, when did the library open, since when is the library on elm street]
"""
    )


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("how long has the museum been on main street", "museum"),
        ("what does RLF stand for", "festival"),
        ("what is the festival called", "festival"),
    ],
)
def test_a_word_the_answer_shape_explains_is_answered(
    town: Matcher, question: str, fact_id: str
) -> None:
    match = town.match(question)
    assert (match.status, match.candidates[0].fact.id) == (Status.ANSWERED, fact_id)


def test_the_best_fact_without_that_shape_is_only_offered(town: Matcher) -> None:
    """The library fact is the clear best match, but "in 1998" is no span: "how long"
    stays unexplained, and the fact is offered, not answered."""
    match = town.match("how long has the library been on elm street")
    assert (match.status, match.candidates[0].fact.id) == (Status.CLARIFY, "library")
    assert '"long"' in match.reason


@pytest.mark.parametrize(
    ("word", "question", "asked"),
    [
        ("heavy", "how heavy is the station", True),
        ("heavy", "was the rain heavy", False),
        ("long", "how long did it take", True),
        ("long", "was it a long meeting", False),
    ],
)
def test_a_word_asks_a_shape_only_inside_an_asking_phrase(
    word: str, question: str, asked: bool
) -> None:
    """ "How heavy" asks for a weight, whatever else "heavy" can mean; "heavy rain" asks
    nothing of the kind."""
    assert asks_shape(word, tokenize(question)) is asked
