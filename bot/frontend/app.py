"""The thin python-telegram-bot layer: updates in, engine replies out.

No matching or formatting happens here: handlers read the text, ask the engine, and
send what `bot.answering.replies` rendered. Every handler is registered in `build_application`,
and nothing is built at import time, so tests can run several applications.
"""

from __future__ import annotations

import html
import logging

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatType, MessageEntityType, ParseMode
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
from bot.answering.matcher import Status
from bot.answering.messages import COMMANDS, DESCRIPTIONS, LANGUAGE_NAMES, message
from bot.answering.replies import (
    Reply,
    Suggestion,
    fact_reply,
    source_reply,
    start_reply,
    summary_reply,
    text_reply,
    topics_reply,
)
from bot.answering.reply_language import choose_language, language_of_code
from bot.config import Settings
from bot.frontend.admin import (
    TEACH_BUTTON,
    in_private,
    is_admin,
    on_misses,
    on_reload,
    on_teach_button,
    private_hint,
    record,
    record_resolution,
    start_curation,
    stop_curation,
)

logger = logging.getLogger(__name__)

FACT_BUTTON = "f:"
LANGUAGE_BUTTON = "l:"
MAX_INLINE_RESULTS = 5
CALLBACK_DATA_LIMIT = 64
CONCURRENT_UPDATES = 16
"""Updates handled at once. Telegram takes 30 messages a second, and a handler is busy for
a few milliseconds of CPU plus one round trip, so 16 keep the bot at Telegram's pace with
room to spare. With pacing on, a handler waiting for a group's per-minute budget holds its
slot; 16 such waits at once would delay other chats until the group's minute turns."""
CONNECTION_POOL_SIZE = CONCURRENT_UPDATES
"""HTTP connections to the Bot API: one per handler at work. httpcore's pool bookkeeping
walks every connection (polling each idle socket) once per request and is quadratic in
idle connections. With 64 handlers a burst opened 25 connections and spent more CPU in that
bookkeeping than in answering; a pool smaller than the handlers queues requests, which
costs more again (benchmarks/bench_bot.py)."""
POOL_TIMEOUT = 30.0
"""Seconds a handler may wait for a free connection before the send fails."""
MAX_CLARIFICATIONS_KEPT = 20
"""Per chat: the questions behind the last "Did you mean" messages, for their buttons."""


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


# --- helpers -------------------------------------------------------------------------
def _engine(context: ContextTypes.DEFAULT_TYPE) -> EngineRef:
    ref: EngineRef = context.bot_data["engine"]
    return ref


def _language_data(context: ContextTypes.DEFAULT_TYPE) -> dict[str, str]:
    """Where a reader's language lives: with the user, not the chat, so that in a group one
    reader's /language choice or last language is never another's."""
    data = context.user_data if context.user_data is not None else context.chat_data
    return data if data is not None else {}


def _language(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str | None) -> str:
    """Choose the reply language and remember it for the user."""
    data = _language_data(context)
    user = update.effective_user
    lang = choose_language(
        text,
        fixed=data.get("language_fixed"),
        last=data.get("language"),
        user_code=user.language_code if user else None,
    )
    data["language"] = lang
    return lang


def _keyboard(suggestions: tuple[Suggestion, ...]) -> InlineKeyboardMarkup | None:
    """ "Did you mean" buttons, one a row; None when no fact's id fits a button."""
    buttons = [
        [InlineKeyboardButton(s.question[:64], callback_data=f"{FACT_BUTTON}{s.fact_id}")]
        for s in suggestions
        if len((FACT_BUTTON + s.fact_id).encode()) <= CALLBACK_DATA_LIMIT
    ]
    return InlineKeyboardMarkup(buttons) if buttons else None


async def _send(message: Message, reply: Reply, *, buttons: bool = True) -> Message:
    return await message.reply_text(
        reply.html,
        do_quote=message.chat.type != ChatType.PRIVATE,
        reply_markup=_keyboard(reply.suggestions) if buttons and reply.suggestions else None,
    )


async def _answer(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    message = update.effective_message
    if message is None:
        return
    lang = _language(update, context, question)
    chat = update.effective_chat.id if update.effective_chat else None
    memory: ConversationMemory = context.bot_data["memory"]
    exchange = _engine(context).current.answer(question, language=lang, memory=memory, chat=chat)
    sent = await _send(message, exchange.reply)
    record(context, exchange.match, chat)
    if exchange.match.status is Status.CLARIFY and context.chat_data is not None:
        # Remember what was asked, so that the button pressed under it resolves it.
        asked: dict[int, str] = context.chat_data.setdefault("clarified", {})
        asked[sent.message_id] = question
        while len(asked) > MAX_CLARIFICATIONS_KEPT:
            asked.pop(next(iter(asked)))


# --- commands ------------------------------------------------------------------------
async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet, summarise, and offer example questions as buttons."""
    if update.effective_message:
        lang = _language(update, context, None)
        await _send(update.effective_message, start_reply(_engine(context).current.base, lang))


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain how to ask."""
    if update.effective_message:
        await _send(update.effective_message, text_reply("help", _language(update, context, None)))


async def on_summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the article's summary."""
    if update.effective_message:
        lang = _language(update, context, None)
        await _send(update.effective_message, summary_reply(_engine(context).current.base, lang))


async def on_topics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List what the bot can answer, as buttons."""
    if update.effective_message:
        lang = _language(update, context, None)
        await _send(update.effective_message, topics_reply(_engine(context).current.base, lang))


async def on_source(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Give the article's attribution."""
    if update.effective_message:
        lang = _language(update, context, None)
        await _send(update.effective_message, source_reply(_engine(context).current.base, lang))


async def on_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer English / Russian buttons that fix the language of whoever presses one."""
    if update.effective_message:
        lang = _language(update, context, None)
        buttons = [
            InlineKeyboardButton(LANGUAGE_NAMES[code], callback_data=f"{LANGUAGE_BUTTON}{code}")
            for code in LANGUAGES
        ]
        await update.effective_message.reply_text(
            html.escape(message("language_prompt", lang)),
            reply_markup=InlineKeyboardMarkup([buttons]),
        )


async def on_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/ask QUESTION`: the way to ask in a group with privacy mode on."""
    question = " ".join(context.args or [])
    if not question.strip():
        if update.effective_message:
            await _send(
                update.effective_message, text_reply("ask_usage", _language(update, context, None))
            )
        return
    await _answer(update, context, question)


async def on_reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload (admins, in private): reload facts.yaml now."""
    if await _admin_may_run(update, context, "reload"):
        await on_reload(update, context, _language(update, context, None))


async def on_misses_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/misses (admins, in private): the top unanswered questions, with buttons to teach them."""
    if await _admin_may_run(update, context, "misses"):
        await on_misses(update, context, _language(update, context, None))


async def _admin_may_run(update: Update, context: ContextTypes.DEFAULT_TYPE, command: str) -> bool:
    """Whether an admin command runs here; if not, the refusal has been sent.

    Anyone but an admin gets what any command the bot lacks gets: a reply in private, none
    in a group. An admin in a group gets one line saying to ask in private, nothing more.
    """
    if not is_admin(update, context):
        if in_private(update):
            await on_unknown_command(update, context)
        return False
    if not in_private(update):
        if update.effective_message:
            hint = private_hint(context, command, _language(update, context, None))
            await update.effective_message.reply_text(html.escape(hint, quote=False))
        return False
    return True


async def on_teach_button_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ "➕ fact" under /misses (admins): add the question as a phrasing of that fact."""
    await on_teach_button(update, context, _language(update, context, None))


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command we do not have."""
    if update.effective_message:
        lang = _language(update, context, None)
        await _send(update.effective_message, text_reply("unknown_command", lang))


# --- messages ------------------------------------------------------------------------
async def on_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chat: any text is a question (edited ones are answered again)."""
    message = update.effective_message
    if message and message.text is not None:
        await _answer(update, context, message.text)


async def on_group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Groups: answer only when mentioned or replied to, so the bot never floods a chat."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    question = _addressed_question(message, context.bot.username, context.bot.id)
    if question is not None:
        await _answer(update, context, question)


def _addressed_question(message: Message, username: str, bot_id: int) -> str | None:
    """The question without the @mention, if the message is addressed to the bot."""
    text = message.text or ""
    mention = f"@{username}".lower()
    mentioned = any(
        entity.type == MessageEntityType.MENTION and value.lower() == mention
        for entity, value in message.parse_entities([MessageEntityType.MENTION]).items()
    )
    replied = bool(
        message.reply_to_message
        and message.reply_to_message.from_user
        and message.reply_to_message.from_user.id == bot_id
    )
    if not (mentioned or replied):
        return None
    if mentioned:
        start = text.lower().find(mention)
        text = text[:start] + text[start + len(mention) :]
    return text.strip(" ,:")


async def on_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice, locations: ask for a text question."""
    if update.effective_message:
        await _send(
            update.effective_message, text_reply("non_text", _language(update, context, None))
        )


# --- buttons and inline mode ---------------------------------------------------------
async def on_fact_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A "Did you mean…?" or topic button: answer that fact."""
    query = update.callback_query
    if query is None:
        return
    base = _engine(context).current.base
    fact = base.by_id.get((query.data or "").removeprefix(FACT_BUTTON))
    lang = _language(update, context, None)
    if fact is None or not isinstance(query.message, Message):
        await query.answer(message("stale_button", lang), show_alert=False)
        return
    chat = query.message.chat.id
    context.bot_data["memory"].remember_fact(chat, fact.id)
    asked = (context.chat_data or {}).get("clarified", {}).get(query.message.message_id)
    if asked is not None:
        record_resolution(context, asked, fact.id, lang, chat)
    await query.answer()
    await _send(query.message, fact_reply(fact, base, lang), buttons=False)


async def on_language_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Fix the presser's own language: in a group, nobody else's."""
    query = update.callback_query
    if query is None:
        return
    code = (query.data or "").removeprefix(LANGUAGE_BUTTON)
    if code not in LANGUAGES:
        await query.answer(message("stale_button", "en"))
        return
    data = _language_data(context)
    data["language_fixed"] = code
    data["language"] = code
    done = message("language_set", code)
    if in_private(update) and isinstance(query.message, Message):
        await query.answer()
        await query.message.edit_text(html.escape(done))
    else:
        # Told to the presser alone; the buttons stay for the other members to choose.
        await query.answer(done)


async def on_stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Button data we do not know (an old keyboard): answer politely."""
    if update.callback_query:
        await update.callback_query.answer(
            message("stale_button", _language(update, context, None))
        )


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`@bot question` in any chat: the best matching answers as results."""
    query = update.inline_query
    if query is None:
        return
    engine = _engine(context).current
    user_lang = language_of_code(query.from_user.language_code)
    lang = choose_language(query.query, user_code=user_lang)
    if query.query.strip():
        match = engine.match(query.query, language=lang)
        lang = match.language
        facts = [c.fact for c in match.candidates] if match.status is not Status.UNKNOWN else []
    else:
        facts = list(engine.base.facts)
    results = []
    for fact in facts[:MAX_INLINE_RESULTS]:
        reply = fact_reply(fact, engine.base, lang)
        results.append(
            InlineQueryResultArticle(
                id=fact.id[:64],
                title=fact.question(lang)[:1].upper() + fact.question(lang)[1:],
                description=(reply.answer or "")[:200],
                input_message_content=InputTextMessageContent(
                    reply.html, parse_mode=ParseMode.HTML
                ),
            )
        )
    await query.answer(results, cache_time=60, is_personal=False)


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
            last=_language_data(context).get("language"),
            user_code=user.language_code if user else None,
        )
        try:
            await update.effective_message.reply_text(html.escape(message("error", lang)))
        except Exception:
            logger.warning("could not send the apology for update %s", update_id)
