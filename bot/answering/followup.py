"""Per-chat memory of the last answer, so that "and where?" can lean on it.

In memory only, bounded (least recently used chats are forgotten first) and expiring
after some minutes of silence: a follow-up an hour later is a new conversation.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from bot.answering.matcher import Match, Status

FOLLOWUP_TTL_SECONDS = 600.0
MAX_CHATS = 10_000


@dataclass(slots=True)
class Turn:
    """What a chat was last answered: the fact, the kind of question, and when (not
    frozen, as `bot.answering.matcher.Match` is not: built for every answer)."""

    fact_id: str
    kind: str | None
    at: float


class ConversationMemory:
    """The last answered fact per chat: bounded, expiring."""

    def __init__(
        self,
        *,
        ttl: float = FOLLOWUP_TTL_SECONDS,
        max_chats: int = MAX_CHATS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_chats = max_chats
        self.clock = clock
        self._turns: OrderedDict[Hashable, Turn] = OrderedDict()

    def last(self, chat: Hashable) -> Turn | None:
        """The chat's last answer, unless it is older than the time to live."""
        turn = self._turns.get(chat)
        if turn is None:
            return None
        if self.clock() - turn.at > self.ttl:
            del self._turns[chat]
            return None
        return turn

    def remember(self, chat: Hashable, match: Match) -> None:
        """Keep an answered question as the chat's context; other outcomes keep the old one."""
        fact = match.fact
        if match.status is not Status.ANSWERED or fact is None:
            return
        self.remember_fact(chat, fact.id, match.kind)

    def remember_fact(self, chat: Hashable, fact_id: str, kind: str | None = None) -> None:
        """Make `fact_id` the chat's context (e.g. a "Did you mean" button was pressed)."""
        self._turns[chat] = Turn(fact_id, kind, self.clock())
        self._turns.move_to_end(chat)
        while len(self._turns) > self.max_chats:
            self._turns.popitem(last=False)

    def __len__(self) -> int:
        return len(self._turns)
