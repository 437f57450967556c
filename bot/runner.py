"""Run the bot: long polling by default, a webhook when ARTICLE_BOT_WEBHOOK_URL is set."""

from __future__ import annotations

import logging
from urllib.parse import urlparse

from telegram import Update

from bot.config import ConfigError, Settings
from bot.engine import Engine, EngineRef
from bot.facts import load
from bot.telegram_app import build_application

logger = logging.getLogger(__name__)


def run_bot(settings: Settings) -> int:
    """Serve Telegram until Ctrl-C or SIGTERM; python-telegram-bot handles both signals."""
    if not settings.token:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not set; get a token from @BotFather and export it"
        )
    engine = EngineRef(Engine(load(settings.facts_path)))
    app = build_application(settings, engine)
    logger.info("answering from %s (%d facts)", settings.facts_path, len(engine.current.base.facts))
    if settings.webhook_url:
        path = urlparse(settings.webhook_url).path.lstrip("/")
        logger.info("serving a webhook on %s:%d/%s", settings.listen, settings.port, path)
        app.run_webhook(
            listen=settings.listen,
            port=settings.port,
            url_path=path,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        logger.info("serving Telegram by long polling")
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    logger.info("stopped")
    return 0
