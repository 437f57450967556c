"""Run the bot: long polling by default, a webhook when ARTICLE_BOT_WEBHOOK_URL is set.

Ctrl-C and SIGTERM (`docker stop`) stop it without losing a question: it stops taking
updates, goes on answering the ones it has for up to ARTICLE_BOT_STOP_GRACE_SECONDS, and
leaves the rest in the inbox (`bot.frontend.inbox`), to be answered first at the next start.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from telegram import Update
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot.answering.engine import Engine, EngineRef
from bot.answering.facts import load
from bot.config import ConfigError, Settings
from bot.frontend.app import build_application
from bot.frontend.delivery import ChatOrderProcessor
from bot.logs import redact

if TYPE_CHECKING:
    from aiohttp import web

logger = logging.getLogger(__name__)

STARTUP_TIMEOUT = 30.0
"""How long start-up waits for the Bot API to answer getMe, retries included."""
TELEGRAM_HOST = "api.telegram.org"


class StartupError(Exception):
    """The bot cannot start; the message is one line that says what to do, with no secret."""


def run_bot(settings: Settings) -> int:
    """Serve Telegram until Ctrl-C or SIGTERM. A failure to start raises `StartupError`."""
    if not settings.token:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not set; get a token from @BotFather and export it"
        )
    engine = EngineRef(Engine(load(settings.facts_path)))
    app = build_application(settings, engine)
    logger.info("answering from %s (%d facts)", settings.facts_path, len(engine.current.base.facts))
    logging.getLogger("telegram.ext").addFilter(_no_bootstrap_traceback)
    try:
        asyncio.run(_serve_until_signalled(app, settings))
    except TelegramError as exc:
        raise StartupError(_what_to_do(exc, settings)) from None
    except OSError as exc:
        if not settings.webhook_url:
            raise
        # asyncio words strerror at length ("error while attempting to bind on ..."): the
        # errno's own text is the short one.
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise StartupError(
            f"cannot listen on {settings.listen}:{settings.port} ({reason}): set "
            "ARTICLE_BOT_WEBHOOK_PORT to a free port, or stop what uses this one"
        ) from None
    logger.info("stopped")
    return 0


async def _serve_until_signalled(app: Application, settings: Settings) -> None:  # type: ignore[type-arg]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await serve(app, settings, stop)


async def serve(app: Application, settings: Settings, stop: asyncio.Event) -> None:  # type: ignore[type-arg]
    """Answer Telegram until `stop` is set, then stop taking updates and finish (see
    `ChatOrderProcessor.finish`). Updates left unanswered by the last run come first.
    A failure to start (a rejected token, no answer, a port taken) is raised as it is,
    before the application has started (as PTB's run_polling does: no lines about it)."""
    processor = app.update_processor
    assert isinstance(processor, ChatOrderProcessor), "built by build_application"
    try:
        await _connect(app)  # initialize, which also opens the inbox
        try:
            if app.post_init:
                await app.post_init(app)
            await _answer_left_over(app, processor)  # queued until the application starts
            intake = _Intake(app, settings)
            await intake.start()
            try:
                await app.start()
                try:
                    await stop.wait()
                    logger.info(
                        "stopping: answering the updates taken for up to %g s", settings.stop_grace
                    )
                finally:
                    await intake.stop()
                    await processor.finish(settings.stop_grace)
                    await app.stop()
            finally:
                await intake.stop()
        finally:
            await app.shutdown()
    finally:
        if app.post_shutdown:
            await app.post_shutdown(app)


async def _connect(app: Application) -> None:  # type: ignore[type-arg]
    """Initialise the application, which asks the Bot API who the bot is (getMe)."""
    try:
        await asyncio.wait_for(app.initialize(), STARTUP_TIMEOUT)
    except asyncio.TimeoutError:
        raise NetworkError(f"no answer within {STARTUP_TIMEOUT:g} s") from None


class _Intake:
    """Where updates come from: long polling, or our webhook server (`bot.frontend.webhook`)."""

    def __init__(self, app: Application, settings: Settings) -> None:  # type: ignore[type-arg]
        self.app, self.settings = app, settings
        self._webhook: web.AppRunner | None = None

    async def start(self) -> None:
        """Poll, or serve the webhook and register it with Telegram."""
        if self.settings.webhook_url:
            from bot.frontend.webhook import start_webhook

            self._webhook = await start_webhook(self.app, self.settings)
        else:
            assert self.app.updater is not None
            logger.info("serving Telegram by long polling")
            await self.app.updater.start_polling(allowed_updates=Update.ALL_TYPES)

    async def stop(self) -> None:
        """Take no more updates (again: nothing)."""
        if self._webhook is not None:
            webhook, self._webhook = self._webhook, None
            await webhook.cleanup()
        if self.app.updater is not None and self.app.updater.running:
            await self.app.updater.stop()


async def _answer_left_over(app: Application, processor: ChatOrderProcessor) -> None:  # type: ignore[type-arg]
    """Queue the updates the last run took but did not answer, oldest first."""
    left = processor.inbox.unanswered()
    if left:
        logger.info("answering %d updates left from the last run", len(left))
    for data in left:
        try:
            update = Update.de_json(data, app.bot)
        except Exception:
            logger.warning("dropped unreadable update %s", data.get("update_id"), exc_info=True)
            processor.inbox.done(data["update_id"])
            continue
        await app.update_queue.put(update)


def _no_bootstrap_traceback(record: logging.LogRecord) -> bool:
    """Keep PTB's line about a failed start-up step (setWebhook, deleteWebhook) but not
    its traceback: the error reaches `run_bot`, which says in one line what to do."""
    if record.exc_info and record.getMessage().startswith("Network Retry Loop (Bootstrap"):
        record.exc_info = record.exc_text = None
    return True


def _what_to_do(exc: TelegramError, settings: Settings) -> str:
    """One line for a Bot API error at start: what went wrong and what to check."""
    said = " ".join(redact(exc.message, (settings.token, settings.webhook_secret)).split())
    if isinstance(exc, InvalidToken):
        return _rejected(exc, settings)
    if isinstance(exc, NetworkError) and not isinstance(exc, BadRequest):
        # BadRequest is a NetworkError to PTB, but it is the Bot API's answer.
        return (
            f"cannot reach the Bot API at {_api_host(settings.base_url)} ({said}); check the "
            "network and TELEGRAM_BASE_URL, then start again"
        )
    if settings.webhook_url:
        return (
            f"the Bot API refused the webhook ({said}): ARTICLE_BOT_WEBHOOK_URL must be a "
            "public https:// URL on port 443, 80, 88 or 8443"
        )
    return f"the Bot API refused to start the bot ({said}); check TELEGRAM_BASE_URL"


def _rejected(exc: InvalidToken, settings: Settings) -> str:
    """What to do when getMe answers 401 (a revoked or mistyped token) or 404 (a token
    Telegram cannot parse, or a base URL that is not a Bot API)."""
    # PTB's own message names the token; the status is in the error it was raised from.
    cause = str(exc.__cause__ or "")
    if "404" in cause or cause.startswith("Not Found"):
        if settings.base_url:
            return (
                "the Bot API answered 404 Not Found to getMe: TELEGRAM_BOT_TOKEN is malformed "
                "or TELEGRAM_BASE_URL is not a Bot API URL; check the token with @BotFather "
                "and that TELEGRAM_BASE_URL ends in /bot, e.g. http://127.0.0.1:8081/bot"
            )
        return (
            "Telegram answered 404 Not Found to getMe: TELEGRAM_BOT_TOKEN is malformed; copy "
            "it again from @BotFather (/mybots, API Token)"
        )
    return (
        "the Bot API rejected TELEGRAM_BOT_TOKEN (getMe answered 401 Unauthorized): the token "
        "was revoked or mistyped; copy the current one from @BotFather (/mybots, API Token) "
        "into TELEGRAM_BOT_TOKEN"
    )


def _api_host(base_url: str | None) -> str:
    """host[:port] of the Bot API, without any user name or password the URL holds."""
    if not base_url:
        return TELEGRAM_HOST
    parsed = urlparse(base_url)
    host = parsed.hostname or base_url
    return f"{host}:{parsed.port}" if parsed.port else host
