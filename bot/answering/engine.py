"""The answering engine: a fact base, its matcher, and question -> reply in one call."""

from __future__ import annotations

import logging
from collections.abc import Hashable
from dataclasses import dataclass, field

from bot.answering.facts import FactBase
from bot.answering.followup import ConversationMemory
from bot.answering.matcher import Match, Matcher, Status
from bot.answering.replies import AnswerReplies, Reply, answer_replies, build_reply

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Engine:
    """A loaded fact base with its matcher; immutable, so it can be swapped atomically."""

    base: FactBase
    matcher: Matcher = field(init=False, repr=False)
    answers: AnswerReplies = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "matcher", Matcher(self.base))
        object.__setattr__(self, "answers", answer_replies(self.base))

    def match(self, question: str, *, language: str | None = None) -> Match:
        """Match a question; `language` (if given) is the reply language."""
        result = self.matcher.match(question, language=language)
        if logger.isEnabledFor(logging.INFO):
            logger.info(
                "question %r -> %s %s score=%s",
                question[:200],
                result.status.value,
                result.candidates[0].fact.id if result.candidates else "-",
                result.score,
            )
        return result

    def ask(
        self,
        question: str,
        *,
        language: str | None = None,
        memory: ConversationMemory | None = None,
        chat: Hashable = None,
    ) -> Reply:
        """The reply to one question (a follow-up of the chat's last answer if `memory`
        knows one and the question leans on it)."""
        return self.answer(question, language=language, memory=memory, chat=chat).reply

    def answer(
        self,
        question: str,
        *,
        language: str | None = None,
        memory: ConversationMemory | None = None,
        chat: Hashable = None,
    ) -> Exchange:
        """The match and the reply for one question, remembering the answer in `memory`."""
        match = self.match(question, language=language)
        previous = memory.last(chat) if memory is not None else None
        # Small talk is never a follow-up: "goodbye, have a nice day" after the meeting's
        # date asks nothing about "that day".
        if match.status not in (Status.ANSWERED, Status.SMALLTALK) and previous is not None:
            followup = self.matcher.match_followup(
                question,
                previous.fact_id,
                previous.kind,
                language=match.language,
                analysis=match.analysis,
            )
            if followup is not None:
                logger.info(
                    "follow-up of %s -> %s", previous.fact_id, followup.candidates[0].fact.id
                )
                match = followup
        if memory is not None:
            memory.remember(chat, match)
        return Exchange(match, build_reply(match, self.base, self.answers))


@dataclass(slots=True)
class Exchange:
    """A question's match and the reply built from it (not frozen, as `Match` is not:
    built for every question)."""

    match: Match
    reply: Reply


class EngineRef:
    """The engine the bot answers from now; `swap` replaces it atomically (a reference
    assignment), so questions in flight finish on the engine they started with."""

    def __init__(self, engine: Engine) -> None:
        self.current = engine

    def swap(self, engine: Engine) -> None:
        """Answer from `engine` from now on."""
        self.current = engine
