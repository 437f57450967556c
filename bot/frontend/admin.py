"""The curator's loop in Telegram: live reload, the misses store, /reload, /misses and
the "add as a phrasing" button. Admin commands from anyone else get the same answer as
an unknown command, so they are not advertised. They answer in private chats only:
/misses lists readers' questions and /reload shows file paths, neither the group's to read."""

from __future__ import annotations

import asyncio
import html
import logging
import secrets
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.ext import Application, ContextTypes

from bot.answering.engine import EngineRef
from bot.answering.facts import DECLINE_KEY
from bot.answering.matcher import Match, Status
from bot.answering.messages import message
from bot.config import Settings
from bot.curation.guard import Inventory
from bot.curation.misses import BackgroundRecorder, MissGroup, MissStore, format_groups
from bot.curation.reload import FactsWatcher, ReloadResult
from bot.curation.teach import add_phrasing

logger = logging.getLogger(__name__)

TEACH_BUTTON = "t:"
MISSES_SHOWN = 5
MAX_TEACH_OFFERS = 500
"""Teach buttons remembered; older ones answer as expired."""
MAX_ERROR_CHARS = 3000


async def start_curation(app: Application) -> None:  # type: ignore[type-arg]
    """Start watching facts.yaml and recording misses (from `post_init`)."""
    settings: Settings = app.bot_data["settings"]
    engine: EngineRef = app.bot_data["engine"]

    async def tell_admins(result: ReloadResult) -> None:
        text = f"{message('not_reloaded', 'en')}\n{result.error or result.message}"
        text = text[:MAX_ERROR_CHARS]
        for admin in sorted(settings.admins):
            try:
                await app.bot.send_message(admin, html.escape(text, quote=False))
            except Exception:
                logger.warning("could not tell admin %s about the refused edit", admin)

    watcher = FactsWatcher(
        Path(engine.current.base.path),
        engine,
        interval=settings.reload_seconds,
        on_refused=tell_admins,
    )
    await watcher.start()
    app.bot_data["watcher"] = watcher
    if settings.db_path is not None:
        store = MissStore(settings.db_path, settings.retention_days, key=settings.db_key)
        app.bot_data["recorder"] = BackgroundRecorder(store)


async def stop_curation(app: Application) -> None:  # type: ignore[type-arg]
    """Stop the watcher and flush the misses store (from `post_shutdown`)."""
    watcher: FactsWatcher | None = app.bot_data.pop("watcher", None)
    if watcher is not None:
        await watcher.stop()
    recorder: BackgroundRecorder | None = app.bot_data.pop("recorder", None)
    if recorder is not None:
        await asyncio.to_thread(recorder.close)


def record(context: ContextTypes.DEFAULT_TYPE, match: Match, chat_id: int | None) -> None:
    """Hand an unknown or clarify outcome to the misses store (never blocks)."""
    recorder: BackgroundRecorder | None = context.bot_data.get("recorder")
    if recorder is not None and match.status in (Status.UNKNOWN, Status.CLARIFY):
        recorder.submit_match(match, chat_id=chat_id)


def record_resolution(
    context: ContextTypes.DEFAULT_TYPE,
    question: str,
    fact_id: str,
    language: str,
    chat_id: int | None,
) -> None:
    """A reader pressed "Did you mean <fact>": the strongest hint for the curator."""
    recorder: BackgroundRecorder | None = context.bot_data.get("recorder")
    if recorder is not None:
        recorder.submit_resolution(question, fact_id, language=language, chat_id=chat_id)


def is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the update comes from one of ARTICLE_BOT_ADMINS."""
    settings: Settings = context.bot_data["settings"]
    user = update.effective_user
    return user is not None and user.id in settings.admins


def in_private(update: Update) -> bool:
    """Whether the update comes from a private chat (for a button: the chat of its message,
    so a button under an inline message, which has no chat, is not)."""
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


def private_hint(context: ContextTypes.DEFAULT_TYPE, command: str, lang: str) -> str:
    """The one line an admin gets for an admin command or button outside a private chat."""
    return message("admin_in_private", lang, command=command, bot=context.bot.username)


async def reload_now(context: ContextTypes.DEFAULT_TYPE, lang: str) -> str:
    """Reload facts.yaml, confirming a removal of entries, and say what happened, as the
    admin reads it."""
    watcher: FactsWatcher = context.bot_data["watcher"]
    result = await watcher.reload(confirm=True)
    if result.error is not None:
        return f"{message('not_reloaded', lang)}\n{result.error}"[:MAX_ERROR_CHARS]
    if result.status == "changing":
        return message("still_saving", lang)
    base = context.bot_data["engine"].current.base
    return message("reloaded", lang, facts=str(len(base.facts)), phrasings=str(base.phrasing_count))


async def on_reload(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """/reload: reload facts.yaml now and reply with the result or the errors."""
    if update.effective_message:
        text = await reload_now(context, lang)
        await update.effective_message.reply_text(html.escape(text, quote=False))


async def on_misses(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """/misses: the most frequent unanswered questions, each with "add as a phrasing"
    buttons for its nearest fact and the other candidates."""
    target = update.effective_message
    settings: Settings = context.bot_data["settings"]
    if target is None:
        return
    if settings.db_path is None:
        await target.reply_text(html.escape(message("misses_off", lang), quote=False))
        return
    recorder: BackgroundRecorder | None = context.bot_data.get("recorder")
    if recorder is not None:
        await asyncio.to_thread(recorder.flush, 2.0)
    groups = await asyncio.to_thread(_read_groups, settings)
    if not groups:
        await target.reply_text(html.escape(message("misses_none", lang), quote=False))
        return
    text = f"{message('misses_title', lang)}\n\n{format_groups(groups)}"[:MAX_ERROR_CHARS]
    await target.reply_text(
        html.escape(text, quote=False), reply_markup=_teach_keyboard(context, groups, lang)
    )


def _read_groups(settings: Settings) -> list[MissGroup]:
    assert settings.db_path is not None
    if not settings.db_path.exists():
        return []
    with MissStore(settings.db_path, settings.retention_days, key=settings.db_key) as store:
        return store.groups(limit=MISSES_SHOWN)


def _teach_keyboard(
    context: ContextTypes.DEFAULT_TYPE, groups: list[MissGroup], lang: str
) -> InlineKeyboardMarkup | None:
    offers: dict[str, tuple[str, str]] = context.bot_data.setdefault("teach_offers", {})
    base = context.bot_data["engine"].current.base
    rows = []
    for number, group in enumerate(groups, 1):
        facts = [f for f in (group.nearest_fact, *group.other_facts) if f and f in base.by_id]
        for fact_id in dict.fromkeys(facts[:3]):
            token = secrets.token_hex(6)
            offers[token] = (group.question, fact_id)
            label = message(
                "teach_button", lang, fact=f"{number}. {base.by_id[fact_id].question(lang)}"
            )
            rows.append([InlineKeyboardButton(label[:64], callback_data=f"{TEACH_BUTTON}{token}")])
        token = secrets.token_hex(6)
        offers[token] = (group.question, DECLINE_KEY)
        label = message("decline_button", lang, number=str(number))
        rows.append([InlineKeyboardButton(label[:64], callback_data=f"{TEACH_BUTTON}{token}")])
    while len(offers) > MAX_TEACH_OFFERS:
        offers.pop(next(iter(offers)))
    return InlineKeyboardMarkup(rows) if rows else None


async def on_teach_button(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """ "➕ fact": add the group's question as a phrasing of that fact, then reload;
    "🚫": add it to the decline examples instead."""
    query = update.callback_query
    if query is None:
        return
    offers: dict[str, tuple[str, str]] = context.bot_data.get("teach_offers", {})
    offer = offers.get((query.data or "").removeprefix(TEACH_BUTTON))
    if offer is None or not is_admin(update, context):
        await query.answer(
            message("stale_button", lang) if offer is None else message("admins_only", lang)
        )
        return
    if not in_private(update):
        # Its data replayed under a group's message: the reply would quote a reader there.
        await query.answer(private_hint(context, "misses", lang))
        return
    question, fact_id = offer
    engine: EngineRef = context.bot_data["engine"]
    watcher: FactsWatcher = context.bot_data["watcher"]
    result = await asyncio.to_thread(
        add_phrasing,
        Path(engine.current.base.path),
        fact_id,
        question,
        expected=Inventory.of(engine.current.base),
        settle=watcher.settle,
    )
    await query.answer()
    if result.ok:
        await watcher.reload()
        offers.pop((query.data or "").removeprefix(TEACH_BUTTON), None)
        if fact_id == DECLINE_KEY:
            done = message("taught_decline", lang)
        else:
            done = message("taught", lang, fact=engine.current.base.by_id[fact_id].question(lang))
        text = f"{result.reason}\n{done}"
    else:
        text = result.reason
    if isinstance(query.message, Message):
        await query.message.reply_text(html.escape(text, quote=False))
