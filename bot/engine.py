"""The answering engine: a fact base, its matcher, and question -> reply in one call."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.facts import FactBase
from bot.matcher import Match, Matcher
from bot.replies import Reply, build_reply

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Engine:
    """A loaded fact base with its matcher; immutable, so it can be swapped atomically."""

    base: FactBase
    matcher: Matcher = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "matcher", Matcher(self.base))

    def match(self, question: str, *, language: str | None = None) -> Match:
        """Match a question; `language` (if given) is the reply language."""
        result = self.matcher.match(question, language=language)
        logger.info(
            "question %r -> %s %s score=%s",
            question[:200],
            result.status.value,
            result.candidates[0].fact.id if result.candidates else "-",
            result.score,
        )
        return result

    def ask(self, question: str, *, language: str | None = None) -> Reply:
        """The reply to one question."""
        return build_reply(self.match(question, language=language), self.base)


class EngineRef:
    """The engine the bot answers from now; `swap` replaces it atomically (a reference
    assignment), so questions in flight finish on the engine they started with."""

    def __init__(self, engine: Engine) -> None:
        self.current = engine

    def swap(self, engine: Engine) -> None:
        """Answer from `engine` from now on."""
        self.current = engine
