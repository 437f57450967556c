"""Follow-up questions: short questions lean on the chat's last answer, full ones do not.

On the small Riverton base (tests/data/riverton.yaml), so that facts.yaml edits do not
move these tests."""

from __future__ import annotations

import pytest

from bot.answering.engine import Engine
from bot.answering.facts import loads
from bot.answering.followup import ConversationMemory
from bot.answering.matcher import Status


def conversation(engine: Engine, *turns: str) -> list[str | None]:
    """Ask the turns in order in one chat; the answered fact id per turn, or None."""
    memory = ConversationMemory()
    answered = []
    for turn in turns:
        fact = engine.answer(turn, memory=memory, chat=7).match.fact
        answered.append(fact.id if fact else None)
    return answered


def test_and_where_after_a_meeting_answer_gives_the_meeting_place(town_engine: Engine) -> None:
    """ "and where?" on its own means nothing; after the meeting date it asks for the place."""
    assert town_engine.answer("and where?").match.status is not Status.ANSWERED
    assert conversation(
        town_engine,
        "when did kowalski and novak meet?",
        "and where?",
        "why was the opening delayed?",
        "when?",
    ) == ["meeting", "meeting", "opening-delay", "opening-delay"]


def test_and_riverton_asks_the_previous_question_about_the_new_subject(
    town_engine: Engine,
) -> None:
    """After "who runs the library?", "and riverton?" asks who runs Riverton, which
    "and riverton?" alone does not (three facts are about Riverton)."""
    assert town_engine.answer("and riverton?").match.status is not Status.ANSWERED
    assert conversation(
        town_engine, "who runs the library?", "and riverton?", "and where did they meet?"
    ) == ["head-librarian", "mayor", "meeting"]


def test_a_follow_up_the_article_cannot_answer_stays_unanswered(town_engine: Engine) -> None:
    """After the librarians' 2015 meeting, "where?" is not guessed: the article does not
    say where."""
    assert conversation(
        town_engine,
        "when did the librarians last meet in person?",
        "where?",
        "what happened to the old library?",
        "when?",
    ) == ["librarians-last-met", None, "old-library", "old-library"]


def test_russian_follow_ups_work_the_same(town_engine: Engine) -> None:
    """«а когда?» after the meeting place, «почему?» after the new opening date."""
    assert conversation(
        town_engine,
        "где прошла встреча?",
        "а когда?",
        "на какое число перенесли открытие?",
        "почему?",
    ) == ["meeting", "meeting", "opening-delay", "opening-delay"]


def test_why_after_a_fact_that_gives_no_reason_is_not_answered_with_it(
    town_engine: Engine,
) -> None:
    """The article says the old library burned down, not why: "why?" gets no answer from
    that fact."""
    assert conversation(town_engine, "what happened to the old library?", "why?") == [
        "old-library",
        None,
    ]


def test_a_full_question_on_a_new_subject_ignores_the_context(town_engine: Engine) -> None:
    """A complete question is answered on its own, whatever was asked before."""
    assert conversation(town_engine, "why was the opening delayed?", "where is the library?") == [
        "opening-delay",
        "library-location",
    ]


def test_context_expires_after_silence_and_is_per_chat(town_engine: Engine) -> None:
    """Ten minutes of silence, or another chat, and "and where?" has nothing to lean on."""
    now = [0.0]
    memory = ConversationMemory(ttl=600, clock=lambda: now[0])
    town_engine.answer("when did kowalski and novak meet?", memory=memory, chat=1)
    assert town_engine.answer("and where?", memory=memory, chat=2).match.fact is None
    now[0] = 599.0
    assert town_engine.answer("and where?", memory=memory, chat=1).match.fact is not None
    now[0] = 599.0 + 601.0
    assert town_engine.answer("and where?", memory=memory, chat=1).match.fact is None


def test_memory_is_bounded_forgetting_the_least_recent_chat(town_engine: Engine) -> None:
    """Past max_chats, the chat heard from longest ago is forgotten first."""
    memory = ConversationMemory(max_chats=2)
    for chat in (1, 2, 3):
        town_engine.answer("where did they meet?", memory=memory, chat=chat)
    assert len(memory) == 2
    assert memory.last(1) is None
    assert memory.last(3) is not None


@pytest.mark.parametrize("junk", ["", "🚀", "?", "12345"])
def test_junk_after_an_answer_is_not_a_follow_up(town_engine: Engine, junk: str) -> None:
    """Emoji, digits or nothing never re-answer the previous fact."""
    memory = ConversationMemory()
    town_engine.answer("where did they meet?", memory=memory, chat=1)
    assert town_engine.answer(junk, memory=memory, chat=1).match.status is not Status.ANSWERED


DAY_YAML = """\
version: 1
article:
  title: Two mayors meet
  byline: Staff reporter
  body:
    - The mayors of Riverton and Bled met on June 12 at the town hall.
    - The same day, the new bridge opened to traffic.
summary: The mayors of Riverton and Bled met on June 12.
facts:
  - id: meeting
    cite: The mayors of Riverton and Bled met on June 12 at the town hall.
    answer:
      en: The mayors met on June 12 at the town hall.
    ask:
      en: [when did the mayors meet, where did the mayors meet, what date was the meeting]
  - id: bridge
    cite: The same day, the new bridge opened to traffic.
    answer:
      en: The new bridge opened the same day.
    ask:
      en: [what else happened that day, what happened on the day of the meeting]
smalltalk:
  - id: goodbye
    ask:
      en: [bye, goodbye, have a nice day]
    answer:
      en: Goodbye!
"""


def test_small_talk_after_an_answer_is_never_taken_for_a_follow_up() -> None:
    """ "goodbye, have a nice day" after the meeting's date is a goodbye, not "what else
    happened that day"."""
    engine = Engine(loads(DAY_YAML))
    memory = ConversationMemory()
    assert engine.answer("when did the mayors meet?", memory=memory, chat=1).match.fact
    match = engine.answer("goodbye, have a nice day", memory=memory, chat=1).match
    assert (match.status, match.smalltalk.id if match.smalltalk else None) == (
        Status.SMALLTALK,
        "goodbye",
    )
