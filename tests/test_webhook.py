"""The webhook server in process: what it refuses before reading a body, what it answers
malformed bodies, and that each update is answered once, also across a stop."""

from __future__ import annotations

import asyncio
import io
import json
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fake_bot_api import FakeBotAPI
from fake_bot_api.server import USER_ID

from bot.answering.engine import Engine, EngineRef
from bot.config import Settings
from bot.frontend.app import build_application
from bot.frontend.runner import serve
from bot.frontend.webhook import MAX_BODY, SECRET_HEADER

SECRET = "s3cret-token"
SIGNED = {SECRET_HEADER: SECRET}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


Start = Callable[..., Awaitable[str]]


@pytest.fixture
async def start(api: FakeBotAPI, engine: Engine, tmp_path: Path) -> AsyncIterator[Start]:
    """A factory: serve a webhook (as `article-bot run` does) and return its URL; each call
    stops the bot started before, as a restart does."""
    running: list[tuple[asyncio.Event, asyncio.Task[None]]] = []
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    settings = Settings(
        token=api.token,
        base_url=f"{api.url}/bot",
        webhook_url=url,
        webhook_secret=SECRET,
        listen="127.0.0.1",
        port=port,
        rate_limit=False,
        db_path=None,
        updates_db=tmp_path / "updates.sqlite3",
        stop_grace=0,
        send_deadline=60,
    )

    async def stop_running() -> None:
        while running:
            stop, task = running.pop()
            stop.set()
            await asyncio.wait_for(task, 10)

    async def start_bot(**changes: Any) -> str:
        await stop_running()
        calls = len(api.calls)
        app = build_application(replace(settings, **changes), EngineRef(engine))
        stop = asyncio.Event()
        task = asyncio.create_task(serve(app, replace(settings, **changes), stop))
        running.append((stop, task))
        registered = asyncio.create_task(
            api.wait_for(lambda c: c.method == "setWebhook" and api.calls.index(c) >= calls)
        )
        await asyncio.wait([task, registered], return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            registered.cancel()
            task.result()  # raises what stopped the bot
        await registered
        return url

    yield start_bot
    await stop_running()


async def post(url: str, body: bytes, headers: dict[str, str] | None = None) -> int:
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=io.BytesIO(body), headers=headers or {}) as response,
    ):
        return response.status


def update_body(api: FakeBotAPI, update_id: int, text: str = "where did they meet?") -> bytes:
    return json.dumps({"update_id": update_id, "message": api.user_message(text=text)}).encode()


async def test_an_unsigned_post_is_refused_before_its_body_is_sent(start: Start) -> None:
    """A POST announcing 50 MB without the secret header gets 403 at once, its body unread."""
    url = await start()
    host, port = "127.0.0.1", int(url.split(":")[2].split("/")[0])
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(
        b"POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 50000000\r\n\r\n{"
    )
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), 5)
    writer.close()
    assert status_line.startswith(b"HTTP/1.1 403")


async def test_a_body_over_one_megabyte_is_refused(start: Start, api: FakeBotAPI) -> None:
    """With the secret, more than 1 MB gets 413, whether its length is announced or not."""
    url = await start()
    big = b'{"update_id": 1, "x": "' + b"a" * MAX_BODY + b'"}'
    assert await post(url, big, SIGNED) == 413

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(20):
            yield b" " * 65536

    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=chunks(), headers=SIGNED) as response,
    ):
        assert response.status == 413
    assert api.sent() == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b'{"update_id": 1, "message": "\xff\xfe"}', 400),  # not UTF-8
        (b"[1, 2]", 400),
        (b'{"message": {}}', 400),  # no update_id
        (b'{"update_id": "1"}', 400),
        (b'{"update_id": 1, "message": {"chat": 5}}', 400),  # not an update PTB can read
        (b"[" * 100_000 + b"]" * 100_000, 400),
    ],
)
async def test_a_body_that_is_not_an_update_gets_400(
    start: Start, api: FakeBotAPI, body: bytes, status: int
) -> None:
    """Malformed JSON, a non-UTF-8 body or JSON that is no update: 400, and nothing is sent."""
    url = await start()
    assert await post(url, body, SIGNED) == status
    assert api.sent() == []


async def test_other_methods_get_405(start: Start) -> None:
    """GET, PUT and the like get 405 Method Not Allowed, with the secret or without."""
    url = await start()
    async with aiohttp.ClientSession() as session:
        for method in ("GET", "PUT", "DELETE"):
            async with session.request(method, url, headers=SIGNED) as response:
                assert (response.status, response.headers["Allow"]) == (405, "POST")


async def test_an_update_delivered_twice_is_answered_once(start: Start, api: FakeBotAPI) -> None:
    """Telegram sends an update again after a timeout: both get 200, one answer is sent."""
    url = await start()
    body = update_body(api, 41)
    assert await post(url, body, SIGNED) == 200
    assert await post(url, body, SIGNED) == 200
    await api.wait_for("sendMessage")
    assert await post(url, update_body(api, 42, "why was the launch delayed?"), SIGNED) == 200
    replies = await api.wait_for("sendMessage", count=2)
    await asyncio.sleep(0.05)
    assert len(api.sent()) == 2
    assert "Kennedy" in replies[0].params["text"] and "August 1" in replies[1].params["text"]


async def test_an_update_taken_but_not_answered_before_a_stop_is_answered_after(
    start: Start, api: FakeBotAPI
) -> None:
    """An update Telegram got a 200 for is answered after a restart if the stop came first."""
    url = await start()
    api.outage(60)  # nothing can be sent
    assert await post(url, update_body(api, 7), SIGNED) == 200
    for _ in range(250):  # until the bot has tried to answer
        if any(c.method == "sendMessage" for c in api.calls):
            break
        await asyncio.sleep(0.02)
    api.outage(0)
    await start()  # stops the first bot, starts another on the same inbox
    [reply] = await api.wait_for("sendMessage")
    assert reply.params["chat_id"] == USER_ID and "Kennedy" in reply.params["text"]
