"""The Application: every handler registered in one place, the Bot API client, the
command menu, and the one error handler.

No matching or formatting happens in the front end: handlers (`handlers`, `buttons`) read
the text, ask the engine, and send what `bot.answering.replies` rendered. Nothing is built
at import time, so tests can run several applications.
"""

from __future__ import annotations

import html
import logging

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.answering.engine import EngineRef
from bot.answering.facts import LANGUAGES
from bot.answering.followup import ConversationMemory
from bot.answering.messages import COMMANDS, DESCRIPTIONS, message
from bot.answering.reply_language import choose_language
from bot.config import Settings
from bot.frontend.admin import TEACH_BUTTON, start_curation, stop_curation
from bot.frontend.buttons import (
    on_fact_button,
    on_inline_query,
    on_language_button,
    on_stale_button,
    on_teach_button_press,
)
from bot.frontend.chat import FACT_BUTTON, LANGUAGE_BUTTON, language_data
from bot.frontend.handlers import (
    on_ask,
    on_group_text,
    on_help,
    on_language,
    on_misses_command,
    on_non_text,
    on_question,
    on_reload_command,
    on_source,
    on_start,
    on_summary,
    on_topics,
    on_unknown_command,
)

logger = logging.getLogger(__name__)

CONCURRENT_UPDATES = 16
"""Updates handled at once. Telegram takes 30 messages a second, and a handler is busy for
a few milliseconds of CPU plus one round trip, so 16 keep the bot at Telegram's pace with
room to spare. With pacing on, a handler waiting for a group's per-minute budget holds its
slot; 16 such waits at once would delay other chats until the group's minute turns."""
CONNECTION_POOL_SIZE = CONCURRENT_UPDATES
"""HTTP connections to the Bot API: one per handler at work. Fewer would queue requests
behind each other; more would sit idle, and httpcore's pool bookkeeping walks every
connection, idle ones included, on each request."""
POOL_TIMEOUT = 30.0
"""Seconds a handler may wait for a free connection before the send fails."""


def build_application(settings: Settings, engine: EngineRef) -> Application:  # type: ignore[type-arg]
    """The Application with every handler; `engine` is shared through `bot_data`."""
    from bot.frontend.delivery import ChatOrderProcessor, RetryingRateLimiter
    from bot.frontend.inbox import Inbox
    from bot.frontend.transport import BotApiRequest, InboxRequest

    inbox = Inbox(settings.updates_db)
    builder = (
        ApplicationBuilder()
        .token(settings.token or "")
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(
            RetryingRateLimiter(throttle=settings.rate_limit, deadline=settings.send_deadline)
        )
        .concurrent_updates(ChatOrderProcessor(inbox, concurrency=CONCURRENT_UPDATES))
        .request(
            BotApiRequest(connection_pool_size=CONNECTION_POOL_SIZE, pool_timeout=POOL_TIMEOUT)
        )
        .get_updates_request(InboxRequest(inbox, connection_pool_size=1))
        .post_init(_post_init)
        .post_shutdown(stop_curation)
    )
    if settings.base_url:
        base = settings.base_url.rstrip("/")
        builder = builder.base_url(base).base_file_url(base.removesuffix("/bot") + "/file/bot")
    app = builder.build()
    app.bot_data["engine"] = engine
    app.bot_data["memory"] = ConversationMemory()
    app.bot_data["settings"] = settings

    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    messages = filters.UpdateType.MESSAGES  # new and edited messages; no channel posts
    # Questions first: almost every update is one, and PTB tries handlers in order. Their
    # filters exclude commands, so no command handler below is ever shadowed.
    app.add_handler(
        MessageHandler(messages & filters.TEXT & ~filters.COMMAND & private, on_question)
    )
    app.add_handler(
        MessageHandler(messages & filters.TEXT & ~filters.COMMAND & groups, on_group_text)
    )
    app.add_handler(CommandHandler("start", on_start, filters=messages))
    app.add_handler(CommandHandler("help", on_help, filters=messages))
    app.add_handler(CommandHandler("summary", on_summary, filters=messages))
    app.add_handler(CommandHandler("topics", on_topics, filters=messages))
    app.add_handler(CommandHandler("source", on_source, filters=messages))
    app.add_handler(CommandHandler("language", on_language, filters=messages))
    app.add_handler(CommandHandler("ask", on_ask, filters=messages))
    app.add_handler(CommandHandler("reload", on_reload_command, filters=messages))
    app.add_handler(CommandHandler("misses", on_misses_command, filters=messages))
    app.add_handler(MessageHandler(messages & filters.COMMAND & private, on_unknown_command))
    app.add_handler(
        MessageHandler(
            filters.UpdateType.MESSAGE & private & ~filters.TEXT & ~filters.StatusUpdate.ALL,
            on_non_text,
        )
    )
    app.add_handler(CallbackQueryHandler(on_fact_button, pattern=f"^{FACT_BUTTON}"))
    app.add_handler(CallbackQueryHandler(on_language_button, pattern=f"^{LANGUAGE_BUTTON}"))
    app.add_handler(CallbackQueryHandler(on_teach_button_press, pattern=f"^{TEACH_BUTTON}"))
    app.add_handler(CallbackQueryHandler(on_stale_button))
    app.add_handler(InlineQueryHandler(on_inline_query))
    app.add_error_handler(on_error)
    return app


async def _post_init(app: Application) -> None:  # type: ignore[type-arg]
    """Register the command menu and the bot's descriptions, in every language."""
    engine: EngineRef = app.bot_data["engine"]
    title = engine.current.base.article.title
    for lang in LANGUAGES:
        code = None if lang == "en" else lang
        commands = [BotCommand(name, text) for name, text in COMMANDS[lang]]
        description, short = DESCRIPTIONS[lang]
        await app.bot.set_my_commands(commands, language_code=code)
        await app.bot.set_my_description(description.format(title=title)[:512], language_code=code)
        await app.bot.set_my_short_description(short.format(title=title)[:120], language_code=code)
    await start_curation(app)


# --- errors --------------------------------------------------------------------------
async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure once with its update id, and apologise to the user, unless the reply
    itself did not get through (after minutes of retries): the apology would not either."""
    update_id = update.update_id if isinstance(update, Update) else None
    logger.error("error while handling update %s", update_id, exc_info=context.error)
    undelivered = isinstance(context.error, NetworkError) and not isinstance(
        context.error, BadRequest
    )
    if undelivered:
        return
    if isinstance(update, Update) and update.effective_message and update.effective_chat:
        user = update.effective_user
        lang = choose_language(
            update.effective_message.text,
            last=language_data(context).get("language"),
            user_code=user.language_code if user else None,
        )
        try:
            await update.effective_message.reply_text(html.escape(message("error", lang)))
        except Exception:
            logger.warning("could not send the apology for update %s", update_id)
