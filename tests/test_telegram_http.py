"""BotApiRequest: PTB's HTTPXRequest, with timeouts before sending told apart and a
non-JSON answer logged as one line.

A real `telegram.Bot` sends through it to an httpx MockTransport, which answers in process.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest
from telegram import Bot
from telegram.error import NetworkError, TelegramError, TimedOut

from bot.frontend.transport import BotApiRequest, NotSent

TOKEN = "123:ABC"
BASE_URL = "http://127.0.0.1:9/bot"  # never connected to: the transport answers


async def send(handler: Callable[[httpx.Request], httpx.Response]) -> object:
    """sendMessage through a Bot whose requests `handler` answers."""
    transport = httpx.MockTransport(handler)
    request = BotApiRequest(httpx_kwargs={"transport": transport})
    bot = Bot(TOKEN, base_url=BASE_URL, request=request, get_updates_request=request)
    return await bot.send_message(7, "hi")


def sent_message(request: httpx.Request) -> httpx.Response:
    chat = {"id": 7, "type": "private"}
    result = {"message_id": 1, "date": 0, "chat": chat, "text": "hi"}
    return httpx.Response(200, json={"ok": True, "result": result})


async def test_a_call_goes_through_as_ptb_sends_it() -> None:
    """Parameters are sent as PTB's HTTPXRequest sends them, and the answer parsed."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return sent_message(request)

    message = await send(handler)
    assert getattr(message, "message_id", None) == 1
    assert dict(httpx.QueryParams(seen[0].content.decode())) == {"chat_id": "7", "text": "hi"}
    assert seen[0].headers["user-agent"] == BotApiRequest.USER_AGENT


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (httpx.ReadTimeout("slow"), TimedOut),
        (httpx.WriteTimeout("slow"), TimedOut),
        (httpx.PoolTimeout("busy"), NotSent),
        (httpx.ConnectTimeout("unreachable"), NotSent),
        (httpx.ConnectError("refused"), NetworkError),
        (httpx.RemoteProtocolError("dropped"), NetworkError),
    ],
)
async def test_httpx_failures_become_ptb_errors(
    failure: httpx.HTTPError, expected: type[Exception]
) -> None:
    """A timeout before the call left is NotSent; one after it may have arrived stays TimedOut."""

    def handler(request: httpx.Request) -> httpx.Response:
        raise failure

    with pytest.raises(expected) as raised:
        await send(handler)
    # TimedOut is a NetworkError: the delivery layer must tell them apart, and a timeout
    # that may have reached the Bot API from one that surely did not.
    assert type(raised.value) is expected
    assert TOKEN not in str(raised.value)


async def test_an_answer_that_is_not_json_is_one_warning_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A proxy's error page is logged as one line, without a traceback."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>Bad gateway</html>")

    with pytest.raises(TelegramError, match="Invalid server response"):
        await send(handler)
    warnings = [r for r in caplog.records if r.name == "bot.frontend.transport"]
    assert [r.getMessage() for r in warnings] == [
        "the Bot API answered with something that is not JSON: '<html>Bad gateway</html>'"
    ]
    assert warnings[0].exc_info is None


def test_json_answers_are_parsed_as_ptb_parses_them() -> None:
    """The override changes only what happens to an answer that is not JSON."""
    payload = json.dumps({"ok": True, "result": {"text": "«Встреча»"}}).encode()
    assert BotApiRequest.parse_json_payload(payload) == {
        "ok": True,
        "result": {"text": "«Встреча»"},
    }
