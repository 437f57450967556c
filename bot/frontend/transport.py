"""How Bot API calls go over HTTP: python-telegram-bot's own `HTTPXRequest`, with two
things added through its public hooks.

A timeout is `TimedOut`, as in PTB, but one that struck before the call left (no
connection could be made, or none was free) is its subclass `NotSent`: the Bot API never
saw that call, so sending it again cannot answer a reader twice. And an answer that is not
JSON (a wrong base URL's 404 page, a proxy's error page) is logged as one line, not as a
traceback.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
from telegram.error import TelegramError, TimedOut
from telegram.request import HTTPXRequest

from bot.frontend.inbox import Inbox

logger = logging.getLogger(__name__)


class NotSent(TimedOut):
    """A timeout before the call reached the Bot API (connecting, or waiting for a free
    connection): safe to send again."""


class BotApiRequest(HTTPXRequest):
    """`HTTPXRequest` whose timeouts say whether the call may have reached the Bot API."""

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Send one call as PTB does; a timeout before it left raises `NotSent`."""
        try:
            return await super().do_request(*args, **kwargs)
        except TimedOut as error:
            # PTB raises TimedOut from httpx's exception, whose class names the phase.
            cause = error.__cause__
            if isinstance(cause, httpx.PoolTimeout):
                raise NotSent(
                    "Pool timeout: all connections to the Bot API are busy; the call was not sent."
                ) from cause
            if isinstance(cause, httpx.ConnectTimeout):
                raise NotSent(
                    "Connect timeout: the Bot API could not be reached; the call was not sent."
                ) from cause
            raise

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        """As PTB's own, except that an answer which is not JSON is one warning line."""
        text = payload.decode("utf-8", "replace")
        try:
            data: dict[str, Any] = json.loads(text)
        except ValueError:
            logger.warning("the Bot API answered with something that is not JSON: %.80r", text)
            raise TelegramError("Invalid server response") from None
        return data


class InboxRequest(BotApiRequest):
    """The getUpdates client: it writes each batch of updates to the inbox as Telegram
    sent it, before python-telegram-bot sees it, hence before the next getUpdates
    confirms it to Telegram. A stop or a crash after that loses no update."""

    def __init__(self, inbox: Inbox, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.inbox = inbox

    # PTB's is a staticmethod that its docs invite to override; it is called on the
    # instance, and this one needs its inbox.
    def parse_json_payload(self, payload: bytes) -> dict[str, Any]:  # type: ignore[override]
        """The Bot API's answer, its updates kept in the inbox."""
        answer: dict[str, Any] = super().parse_json_payload(payload)
        updates = answer.get("result")
        if answer.get("ok") is True and isinstance(updates, list) and updates:
            self.inbox.keep(payload, [update["update_id"] for update in updates])
        return answer
