"""`article-bot run` as an operator starts it: a real process, polling or webhook, stopped by SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest
from conftest import TOWN_FACTS
from fake_bot_api import FakeBotAPI
from fake_bot_api.server import USER_ID

from bot.answering.engine import Engine, EngineRef
from bot.config import Settings
from bot.frontend.app import build_application
from bot.frontend.runner import serve


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def start(api: FakeBotAPI, tmp_path: Path, **env: str) -> asyncio.subprocess.Process:
    """`python -m bot run` against the fake server, with a clean environment plus `env`."""
    environment = {
        "PATH": os.environ["PATH"],
        # A small base: what these tests check is the process, not the answers.
        "ARTICLE_BOT_FACTS": str(TOWN_FACTS),
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
        cwd=tmp_path,  # away from any .env of the developer's
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


async def stop(process: asyncio.subprocess.Process, kill_after: float = 20) -> tuple[int, str]:
    """Send SIGTERM, and SIGKILL `kill_after` seconds later, as `docker stop` does; return
    the exit code and what it logged."""
    process.send_signal(signal.SIGTERM)
    output = asyncio.ensure_future(process.communicate())  # reading, so logging never blocks
    done, _ = await asyncio.wait({output}, timeout=kill_after)
    if not done:
        process.kill()
    _, err = await asyncio.wait_for(output, timeout=20)
    assert process.returncode is not None
    return process.returncode, err.decode()


async def test_a_stop_mid_burst_loses_no_question_and_answers_none_twice(
    api: FakeBotAPI, engine: Engine, tmp_path: Path
) -> None:
    """Stopped while 80 questions wait (paced at 30/s), the bot is done within a second (Docker kills 10 s after SIGTERM), and after a restart every question has exactly one answer."""
    chats = range(6000, 6080)
    for chat in chats:
        api.message("where did they meet?", user_id=chat)
    settings = Settings(
        token=api.token,
        base_url=f"{api.url}/bot",
        db_path=None,
        updates_db=tmp_path / "updates.sqlite3",
        stop_grace=0,
    )
    stop = asyncio.Event()
    running = asyncio.create_task(
        serve(build_application(settings, EngineRef(engine)), settings, stop)
    )
    await api.wait_for("sendMessage", count=35, timeout=30)
    stop.set()
    await asyncio.wait_for(running, 1.0)
    assert len(api.sent()) < len(chats), "stopped mid-burst"
    assert api.pending_updates == [], "every update was confirmed to Telegram"
    stop = asyncio.Event()
    running = asyncio.create_task(
        serve(build_application(settings, EngineRef(engine)), settings, stop)
    )
    try:
        await api.wait_for("sendMessage", count=len(chats), timeout=30)
        await asyncio.sleep(0.2)  # time for a second answer, were one coming
    finally:
        stop.set()
        await running
    assert sorted(c["chat_id"] for c in api.sent()) == list(chats)
    assert all("Kennedy Space Center" in c["text"] for c in api.sent())


async def test_polling_bot_answers_and_stops_cleanly_on_sigterm(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """The process answers a question, exits 0 on SIGTERM, says what it left for the next start, and never logs the token."""
    process = await start(api, tmp_path)
    try:
        api.message("where did they meet?")
        [call] = await api.wait_for("sendMessage", timeout=30)
    finally:
        code, log = await stop(process)
    assert "town hall" in call.params["text"]
    assert code == 0
    assert "serving Telegram by long polling" in log
    assert "stopping: answering the updates taken" in log
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
        update = {"update_id": 1, "message": api.user_message(text="why was the opening delayed?")}
        assert await post(url, update) == 403
        assert await post(url, update, {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}) == 200
        [call] = await api.wait_for("sendMessage", timeout=30)
    finally:
        code, _ = await stop(process)
    assert "June 20" in call.params["text"] and call.params["chat_id"] == USER_ID
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
    env: dict[str, str], message: str, tmp_path: Path
) -> None:
    """A missing or malformed setting stops `run` with one line, exit code 2, no traceback."""
    assert await run_until_exit(env, tmp_path) == (2, "", message)


async def run_until_exit(env: dict[str, str], cwd: Path) -> tuple[int, str, str]:
    """`python -m bot run` with only `env` set, from `cwd`; its exit code, stdout and stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=cwd,
        env={
            "PATH": os.environ["PATH"],
            "PTB_TIMEDELTA": "true",
            "ARTICLE_BOT_FACTS": str(TOWN_FACTS),  # a small base: start-up is what is tested
            **env,
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


REJECTED = (
    "article-bot: cannot start: the Bot API rejected TELEGRAM_BOT_TOKEN (getMe answered "
    "401 Unauthorized): the token was revoked or mistyped; copy the current one from "
    "@BotFather (/mybots, API Token) into TELEGRAM_BOT_TOKEN\n"
)
NOT_FOUND = (
    "article-bot: cannot start: the Bot API answered 404 Not Found to getMe: "
    "TELEGRAM_BOT_TOKEN is malformed or TELEGRAM_BASE_URL is not a Bot API URL; check the "
    "token with @BotFather and that TELEGRAM_BASE_URL ends in /bot, e.g. "
    "http://127.0.0.1:8081/bot\n"
)


@pytest.mark.parametrize(
    ("failure", "level"),
    # DEBUG logs the most, so each failure is checked there for the token; the one that
    # retries before it gives up is also checked for a short log at INFO.
    [
        ("revoked", "DEBUG"),
        ("not found", "DEBUG"),
        ("unreachable", "DEBUG"),
        ("unreachable", "INFO"),
    ],
)
async def test_start_up_failure_is_one_line_without_the_token_and_exit_2(
    api: FakeBotAPI, tmp_path: Path, failure: str, level: str
) -> None:
    """A rejected token (401), a Bot API URL that 404s or one nothing listens on ends
    `run` with one line saying what to do, exit 2, no traceback and never the token."""
    base_url = {
        "revoked": f"{api.url}/bot",
        "not found": f"{api.url}/nowhere/bot",
        "unreachable": f"http://127.0.0.1:{free_port()}/bot",
    }[failure]
    if failure == "revoked":
        api.fail_next("getMe", 401, description="Unauthorized")
    code, out, err = await run_until_exit(
        {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_BASE_URL": base_url,
            "ARTICLE_BOT_DB": "off",
            "ARTICLE_BOT_LOG_LEVEL": level,
        },
        tmp_path,
    )
    port = base_url.split(":")[2].split("/")[0]
    expected = {
        "revoked": REJECTED,
        "not found": NOT_FOUND,
        "unreachable": (
            f"article-bot: cannot start: cannot reach the Bot API at 127.0.0.1:{port} "
            "(httpx.ConnectError: All connection attempts failed); check the network and "
            "TELEGRAM_BASE_URL, then start again\n"
        ),
    }[failure]
    assert (code, out) == (2, "")
    assert err.splitlines(keepends=True)[-1] == expected
    assert "Traceback" not in err
    assert api.token not in err and api.token.split(":")[1] not in err
    if level == "INFO":
        assert len(err.splitlines()) <= 5, err


async def test_token_pasted_into_another_setting_is_not_echoed(tmp_path: Path) -> None:
    """A bad value that looks like a bot token is named but not shown."""
    token = "123456789:AAH-token-pasted-into-the-wrong-variable"
    code, out, err = await run_until_exit({"ARTICLE_BOT_WEBHOOK_PORT": token}, tmp_path)
    assert (code, out, err) == (
        2,
        "",
        "article-bot: configuration error: ARTICLE_BOT_WEBHOOK_PORT must be a whole number, "
        "got a value that looks like a bot token (not shown; is it in the wrong variable?)\n",
    )


@pytest.mark.parametrize("failure", ["refused", "port taken"])
async def test_webhook_that_cannot_start_is_one_line_and_exit_2(
    api: FakeBotAPI, tmp_path: Path, failure: str
) -> None:
    """A webhook URL the Bot API refuses, or a port already taken, ends `run` in one line
    saying what to change, exit 2, without a traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1] if failure == "port taken" else free_port()
        if failure == "refused":
            api.fail_next(
                "setWebhook",
                400,
                description="Bad Request: bad webhook: HTTPS url must be provided for webhook",
            )
        code, out, err = await run_until_exit(
            {
                "TELEGRAM_BOT_TOKEN": api.token,
                "TELEGRAM_BASE_URL": f"{api.url}/bot",
                "ARTICLE_BOT_DB": "off",
                "ARTICLE_BOT_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
                "ARTICLE_BOT_WEBHOOK_SECRET": "s3cret-token",
                "ARTICLE_BOT_WEBHOOK_LISTEN": "127.0.0.1",
                "ARTICLE_BOT_WEBHOOK_PORT": str(port),
            },
            tmp_path,
        )
    expected = {
        "refused": "article-bot: cannot start: the Bot API refused the webhook (Bad webhook: "
        "https url must be provided for webhook): ARTICLE_BOT_WEBHOOK_URL must be a public "
        "https:// URL on port 443, 80, 88 or 8443\n",
        "port taken": f"article-bot: cannot start: cannot listen on 127.0.0.1:{port} (Address "
        "already in use): set ARTICLE_BOT_WEBHOOK_PORT to a free port, or stop what uses "
        "this one\n",
    }[failure]
    assert (code, out) == (2, "")
    assert err.splitlines(keepends=True)[-1] == expected
    assert "Traceback" not in err and "s3cret-token" not in err
    assert len(err.splitlines()) <= 5, err
