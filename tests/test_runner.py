"""`article-bot run` as an operator starts it: a real process, polling or webhook, stopped by SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from fake_bot_api import FakeBotAPI
from fake_bot_api.server import USER_ID

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    """A fake Bot API server on 127.0.0.1."""
    async with FakeBotAPI() as server:
        yield server


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def start(api: FakeBotAPI, tmp_path: Path, **env: str) -> asyncio.subprocess.Process:
    """`python -m bot run` against the fake server, with a clean environment plus `env`."""
    environment = {
        "PATH": os.environ["PATH"],
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_BASE_URL": f"{api.url}/bot",
        "ARTICLE_BOT_DB": str(tmp_path / "misses.sqlite3"),
        "ARTICLE_BOT_LOG_LEVEL": "DEBUG",
        "PTB_TIMEDELTA": "true",
        **env,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=REPO,
        env=environment,
        stderr=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )


async def post(url: str, update: dict[str, object], headers: dict[str, str] | None = None) -> int:
    """POST an update to the webhook; the server may still be starting, so retry for 10 s."""
    async with aiohttp.ClientSession() as session:
        for _ in range(100):
            try:
                async with session.post(url, json=update, headers=headers or {}) as response:
                    return response.status
            except aiohttp.ClientConnectorError:
                await asyncio.sleep(0.1)
    raise AssertionError(f"nothing listens on {url}")


async def stop(process: asyncio.subprocess.Process) -> tuple[int, str]:
    """Send SIGTERM as Docker does; return the exit code and what it logged."""
    process.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(process.communicate(), timeout=20)
    assert process.returncode is not None
    return process.returncode, err.decode()


async def test_polling_bot_answers_and_stops_cleanly_on_sigterm(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """The process registers its menu, answers a question, exits 0 on SIGTERM, and never logs the token."""
    process = await start(api, tmp_path)
    try:
        api.message("where did they meet?")
        [call] = await api.wait_for("sendMessage", timeout=30)
    finally:
        code, log = await stop(process)
    assert "Kennedy Space Center" in call.params["text"]
    assert code == 0
    assert "serving Telegram by long polling" in log
    assert api.token not in log and api.token.split(":")[1] not in log


async def test_webhook_bot_accepts_only_updates_with_the_secret(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """With a webhook URL the bot registers it with its secret, answers a signed update and refuses an unsigned one."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    process = await start(
        api,
        tmp_path,
        ARTICLE_BOT_WEBHOOK_URL=url,
        ARTICLE_BOT_WEBHOOK_SECRET="s3cret-token",
        ARTICLE_BOT_WEBHOOK_LISTEN="127.0.0.1",
        ARTICLE_BOT_WEBHOOK_PORT=str(port),
    )
    try:
        [registered] = await api.wait_for("setWebhook", timeout=30)
        assert registered.params["url"] == url
        assert registered.params["secret_token"] == "s3cret-token"
        update = {"update_id": 1, "message": api.user_message(text="why was the launch delayed?")}
        assert await post(url, update) == 403
        assert await post(url, update, {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}) == 200
        [call] = await api.wait_for("sendMessage", timeout=30)
    finally:
        code, _ = await stop(process)
    assert "August 1" in call.params["text"] and call.params["chat_id"] == USER_ID
    assert code == 0


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"TELEGRAM_BOT_TOKEN": "not-a-token"},
            "article-bot: configuration error: TELEGRAM_BOT_TOKEN is not a bot token (expected "
            "digits, a colon and at least 20 letters, as @BotFather gives it)\n",
        ),
        (
            {"TELEGRAM_BOT_TOKEN": "123:" + "a" * 30, "ARTICLE_BOT_WEBHOOK_URL": "https://x.org/t"},
            "article-bot: configuration error: ARTICLE_BOT_WEBHOOK_SECRET is required with "
            "ARTICLE_BOT_WEBHOOK_URL, so that only Telegram can post updates (e.g. the output of: "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))')\n",
        ),
        (
            {"ARTICLE_BOT_WEBHOOK_PORT": "eighty"},
            "article-bot: configuration error: ARTICLE_BOT_WEBHOOK_PORT must be a whole number, "
            "got 'eighty'\n",
        ),
        (
            {},
            "article-bot: configuration error: TELEGRAM_BOT_TOKEN is not set; get a token from "
            "@BotFather and export it\n",
        ),
    ],
)
async def test_bad_setting_is_one_line_naming_the_variable_with_exit_2(
    env: dict[str, str], message: str
) -> None:
    """A missing or malformed setting stops `run` with one line, exit code 2, no traceback."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=REPO,
        env={"PATH": os.environ["PATH"], **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=30)
    assert (process.returncode, out.decode(), err.decode()) == (2, "", message)
