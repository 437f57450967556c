"""How Bot API calls go over HTTP: python-telegram-bot's httpx client, with JSON bodies.

PTB sends parameters form-encoded, and `urllib.parse.urlencode` quotes a text byte by
byte in Python: ~50 µs for one of our answers (an answer, its quote and the source,
~500 bytes), four times what the JSON encoder takes. The Bot API takes an
`application/json` body for every call that uploads no file; calls with files are sent
as PTB sends them (multipart).

A timeout is `TimedOut`, as in PTB, but one that struck before the call left (no
connection could be made, or none was free) is its subclass `NotSent`: the Bot API never
saw that call, so sending it again cannot answer a reader twice.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
from telegram.error import NetworkError, TelegramError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.frontend.inbox import Inbox

logger = logging.getLogger(__name__)


class NotSent(TimedOut):
    """A timeout before the call reached the Bot API (connecting, or waiting for a free
    connection): safe to send again."""


class JsonBodyRequest(HTTPXRequest):
    """`HTTPXRequest` that posts file-less calls as JSON. Timeouts and errors are as
    PTB's own: a timeout raises `TimedOut` (`NotSent` if the call never left), any other
    httpx failure `NetworkError`."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        # Each a number, None, or DEFAULT_NONE: PTB's ODVInput[float], whose name lives
        # in the private telegram._utils.
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one call; the JSON body is `RequestData.json_payload`."""
        if request_data is None or request_data.contains_files:
            return await super().do_request(
                url,
                method,
                request_data,
                read_timeout,
                write_timeout,
                connect_timeout,
                pool_timeout,
            )
        client = self._client
        if client.is_closed:
            raise RuntimeError("This HTTPXRequest is not initialized!")
        default = client.timeout  # set from the constructor's timeouts
        timeout = httpx.Timeout(
            connect=_given(connect_timeout, default.connect),
            read=_given(read_timeout, default.read),
            write=_given(write_timeout, default.write),
            pool=_given(pool_timeout, default.pool),
        )
        try:
            response = await client.request(
                method=method,
                url=url,
                headers={"User-Agent": self.USER_AGENT, "Content-Type": "application/json"},
                timeout=timeout,
                content=request_data.json_payload,
            )
        except httpx.PoolTimeout as exc:
            raise NotSent(
                "Pool timeout: all connections to the Bot API are busy; the call was not sent."
            ) from exc
        except httpx.ConnectTimeout as exc:
            raise NotSent(
                "Connect timeout: the Bot API could not be reached; the call was not sent."
            ) from exc
        except httpx.TimeoutException as exc:
            raise TimedOut from exc
        except httpx.HTTPError as exc:  # the base class of httpx's errors: last
            raise NetworkError(f"httpx.{type(exc).__name__}: {exc}") from exc
        return response.status_code, response.content

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        """As PTB's own, except that an answer which is not JSON (a wrong base URL's 404
        page, a proxy's error page) is logged as one line, not as a traceback."""
        text = payload.decode("utf-8", "replace")
        try:
            data: dict[str, Any] = json.loads(text)
        except ValueError:
            logger.warning("the Bot API answered with something that is not JSON: %.80r", text)
            raise TelegramError("Invalid server response") from None
        return data


class InboxRequest(JsonBodyRequest):
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


def _given(value: object, default: float | None) -> float | None:
    """A timeout the call set, else the client's (PTB passes DEFAULT_NONE when unset)."""
    if value is BaseRequest.DEFAULT_NONE:
        return default
    assert value is None or isinstance(value, (int, float)), value
    return value
