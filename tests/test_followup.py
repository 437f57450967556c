"""Follow-up questions: short questions lean on the chat's last answer, full ones do not."""

from __future__ import annotations

import pytest

from bot.answering.engine import Engine
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


def test_and_where_after_a_meeting_answer_gives_the_meeting_place(engine: Engine) -> None:
    """ "and where?" on its own means nothing; after the meeting date it asks for the place."""
    assert engine.answer("and where?").match.status is not Status.ANSWERED
    assert conversation(
        engine,
        "when did bakanov and duffy meet?",
        "and where?",
        "why was the launch delayed?",
        "when?",
    ) == ["meeting-date-place", "meeting-date-place", "launch-delay", "launch-delay"]


def test_and_nasa_asks_the_previous_question_about_the_new_subject(engine: Engine) -> None:
    """After "who runs roscosmos?", "and nasa?" asks who runs NASA."""
    assert conversation(engine, "who runs roscosmos?", "and nasa?", "and where did they meet?") == [
        "roscosmos-director",
        "nasa-administrator",
        "meeting-date-place",
    ]


def test_a_follow_up_the_article_cannot_answer_stays_unanswered(engine: Engine) -> None:
    """After the 2018 meeting, "where?" is not guessed: the article does not say where."""
    assert conversation(
        engine,
        "when did the two agencies' chiefs last meet in person?",
        "where?",
        "what happened to luna-25?",
        "when?",
    ) == ["last-leaders-meeting", None, "luna-25", "luna-25"]


def test_russian_follow_ups_work_the_same(engine: Engine) -> None:
    """«а когда?» after the meeting place, «почему?» after the new launch date."""
    assert conversation(
        engine, "где прошла встреча?", "а когда?", "на какое число перенесли запуск?", "почему?"
    ) == [
        "meeting-date-place",
        "meeting-date-place",
        "launch-delay",
        "launch-delay",
    ]


def test_why_after_a_fact_that_gives_no_reason_is_not_answered_with_it(engine: Engine) -> None:
    """The article says Luna-25 crashed, not why: "why?" gets no answer from that fact."""
    assert conversation(engine, "what happened to luna-25?", "why?") == ["luna-25", None]


def test_a_full_question_on_a_new_subject_ignores_the_context(engine: Engine) -> None:
    """A complete question is answered on its own, whatever was asked before."""
    assert conversation(
        engine, "why was the launch delayed?", "which spacecraft can still reach the iss?"
    ) == [
        "launch-delay",
        "soyuz",
    ]


def test_context_expires_after_silence_and_is_per_chat(engine: Engine) -> None:
    """Ten minutes of silence, or another chat, and "and where?" has nothing to lean on."""
    now = [0.0]
    memory = ConversationMemory(ttl=600, clock=lambda: now[0])
    engine.answer("when did bakanov and duffy meet?", memory=memory, chat=1)
    assert engine.answer("and where?", memory=memory, chat=2).match.fact is None
    now[0] = 601.0
    assert engine.answer("and where?", memory=memory, chat=1).match.fact is None


def test_memory_is_bounded_forgetting_the_least_recent_chat(engine: Engine) -> None:
    """Past max_chats, the chat heard from longest ago is forgotten first."""
    memory = ConversationMemory(max_chats=2)
    for chat in (1, 2, 3):
        engine.answer("where did they meet?", memory=memory, chat=chat)
    assert len(memory) == 2
    assert memory.last(1) is None
    assert memory.last(3) is not None


@pytest.mark.parametrize("junk", ["", "🚀", "?", "12345"])
def test_junk_after_an_answer_is_not_a_follow_up(engine: Engine, junk: str) -> None:
    """Emoji, digits or nothing never re-answer the previous fact."""
    memory = ConversationMemory()
    engine.answer("where did they meet?", memory=memory, chat=1)
    assert engine.answer(junk, memory=memory, chat=1).match.status is not Status.ANSWERED
