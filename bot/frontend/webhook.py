"""The webhook server: Telegram POSTs each update to ARTICLE_BOT_WEBHOOK_URL.

Our own small aiohttp handler, as python-telegram-bot's `customwebhookbot` example does,
rather than PTB's built-in server, which reads a body of up to 100 MB before it looks at
the secret. Here a request without the secret header is refused before its body is read,
a body is at most MAX_BODY bytes (Telegram's updates are a few KB), and a body that is not
an update gets a 400, never a 500. Each update is written to the inbox before the 200
answer tells Telegram it arrived, so a stop or a crash loses none; one delivered twice
(Telegram retries after a timeout) is answered once (`ChatOrderProcessor`).
"""

from __future__ import annotations

import hmac
import json
import logging
from http import HTTPStatus
from typing import Any
from urllib.parse import urlparse

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.config import Settings
from bot.frontend.delivery import ChatOrderProcessor

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024
"""The largest body taken, in bytes: 1 MB."""
SHUTDOWN_SECONDS = 2.0
"""On stop: how long requests in progress may take to finish (each takes milliseconds)."""


class WebhookHandler:
    """Takes Telegram's POSTs: the secret first, then at most MAX_BODY bytes, then the update."""

    def __init__(self, app: Application, secret: str) -> None:  # type: ignore[type-arg]
        processor = app.update_processor
        assert isinstance(processor, ChatOrderProcessor), "built by build_application"
        self.app = app
        self.inbox = processor.inbox
        self._secret = secret.encode()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Answer one request: 405, 403, 413, 400, or 200 once the update is in the inbox."""
        if request.method != "POST":
            return _refuse(HTTPStatus.METHOD_NOT_ALLOWED, "POST updates here", Allow="POST")
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            return _refuse(HTTPStatus.FORBIDDEN, f"wrong or missing {SECRET_HEADER}")
        if request.content_length is not None and request.content_length > MAX_BODY:
            return _refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"at most {MAX_BODY} bytes")
        try:
            body = await request.read()  # stops at client_max_size (MAX_BODY): 413
            data = json.loads(body.decode("utf-8"))
        except UnicodeDecodeError:
            return _refuse(HTTPStatus.BAD_REQUEST, "the body is not UTF-8")
        except (ValueError, RecursionError):  # RecursionError: nested too deep
            return _refuse(HTTPStatus.BAD_REQUEST, "the body is not JSON")
        update = self._update(data)
        if update is None:
            return _refuse(HTTPStatus.BAD_REQUEST, "the body is not a Telegram update")
        self.inbox.keep(body, [data["update_id"]], one=True)
        await self.app.update_queue.put(update)
        return web.Response()

    def _update(self, data: Any) -> Update | None:
        """The update the JSON holds, or None."""
        if not isinstance(data, dict) or type(data.get("update_id")) is not int:
            return None
        try:
            return Update.de_json(data, self.app.bot)
        except Exception:
            logger.warning("webhook: update %s is not readable", data["update_id"], exc_info=True)
            return None


def _refuse(status: HTTPStatus, reason: str, **headers: str) -> web.Response:
    # DEBUG: anyone can send these, and logging each at INFO would let them flood the log.
    logger.debug("webhook: %d %s", status, reason)
    return web.Response(status=status, text=f"{status.phrase}: {reason}\n", headers=headers)


def webhook_app(app: Application, settings: Settings) -> web.Application:  # type: ignore[type-arg]
    """The aiohttp application: one route, the path of ARTICLE_BOT_WEBHOOK_URL."""
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    server = web.Application(client_max_size=MAX_BODY)
    path = urlparse(settings.webhook_url).path or "/"
    server.router.add_route("*", path, WebhookHandler(app, settings.webhook_secret).handle)
    return server


async def start_webhook(app: Application, settings: Settings) -> web.AppRunner:  # type: ignore[type-arg]
    """Listen on ARTICLE_BOT_WEBHOOK_LISTEN:PORT, then tell Telegram the URL and the secret.
    `await runner.cleanup()` stops the server."""
    runner = web.AppRunner(
        webhook_app(app, settings), access_log=None, shutdown_timeout=SHUTDOWN_SECONDS
    )
    await runner.setup()
    try:
        site = web.TCPSite(runner, settings.listen, settings.port)
        await site.start()
        logger.info(
            "serving a webhook on %s:%d%s",
            settings.listen,
            settings.port,
            urlparse(settings.webhook_url).path,
        )
        await app.bot.set_webhook(
            url=settings.webhook_url or "",
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    except BaseException:
        await runner.cleanup()
        raise
    return runner
