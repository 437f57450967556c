"""JsonBodyRequest: Bot API calls as JSON bodies, files as PTB sends them, PTB's errors.

httpx's MockTransport answers in process, so these tests see the exact request sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from unittest.mock import ANY

import httpx
import pytest
from telegram import InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.frontend.transport import JsonBodyRequest, NotSent

URL = "http://127.0.0.1:9/bot123:ABC/sendMessage"
OK = json.dumps({"ok": True, "result": True}).encode()


def request_data(**params: object) -> RequestData:
    return RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])


async def send(
    handler: Callable[[httpx.Request], httpx.Response], data: RequestData | None, **timeouts: float
) -> tuple[int, bytes]:
    request = JsonBodyRequest(httpx_kwargs={"transport": httpx.MockTransport(handler)})
    await request.initialize()
    try:
        return await request.do_request(URL, "POST", data, **timeouts)
    finally:
        await request.shutdown()


async def test_parameters_go_as_one_json_body() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=OK)

    markup = {"inline_keyboard": [[{"text": "Где?", "callback_data": "f:place"}]]}
    text = "«Встреча» & <b>“quotes”</b>"
    status, body = await send(
        handler, request_data(chat_id=7, text=text, parse_mode="HTML", reply_markup=markup)
    )
    assert (status, body) == (200, OK)
    assert seen[0].headers["content-type"] == "application/json"
    # The same texts a form body carries (Telegram reads each as that parameter's text).
    sent = json.loads(seen[0].content)
    assert sent == {"chat_id": "7", "text": text, "parse_mode": "HTML", "reply_markup": ANY}
    assert json.loads(sent["reply_markup"]) == markup


async def test_a_call_with_a_file_is_sent_as_multipart() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=OK)

    upload = InputFile(b"facts: []\n", filename="facts.yaml")
    await send(handler, request_data(chat_id=7, document=upload))
    assert seen[0].headers["content-type"].startswith("multipart/form-data")
    assert b"facts: []" in seen[0].content
    assert seen[0].extensions["timeout"]["write"] == 20.0  # PTB's media write timeout


async def test_a_call_without_parameters_is_an_empty_json_object() -> None:
    """PTB sends getMe and the like with an empty RequestData."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=OK)

    await send(handler, RequestData())
    await send(handler, None)
    assert seen[0].headers["content-type"] == "application/json"
    assert seen[0].content == b"{}"
    assert seen[1].content == b""
    assert all(r.headers["user-agent"] == JsonBodyRequest.USER_AGENT for r in seen)


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
    def handler(request: httpx.Request) -> httpx.Response:
        raise failure

    with pytest.raises(expected) as raised:
        await send(handler, request_data(chat_id=7, text="hi"))
    # TimedOut is a NetworkError: the delivery layer must tell them apart, and a timeout
    # that may have reached the Bot API from one that surely did not.
    assert type(raised.value) is expected
    assert "123:ABC" not in str(raised.value)


async def test_a_call_may_set_its_own_timeouts() -> None:
    seen: list[dict[str, float | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, content=OK)

    timeouts = {"read": 12.5, "write": 7.5, "connect": 3.5, "pool": 2.5}
    given = {f"{name}_timeout": value for name, value in timeouts.items()}
    await send(handler, request_data(chat_id=7, text="hi"), **given)
    await send(handler, request_data(chat_id=7, text="hi"))
    assert seen[0] == timeouts
    assert seen[1] == {"read": 5.0, "write": 5.0, "connect": 5.0, "pool": 1.0}  # PTB's defaults
