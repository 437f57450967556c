"""What readers' messages and commands get: a question is answered, a command does its
one thing. Admin commands are left to `bot.frontend.admin` once the sender is checked."""

from __future__ import annotations

import html
from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import MessageEntityType
from telegram.ext import ContextTypes

from bot.answering.facts import LANGUAGES, FactBase
from bot.answering.messages import LANGUAGE_NAMES, message
from bot.answering.replies import (
    Reply,
    source_reply,
    start_reply,
    summary_reply,
    text_reply,
    topics_reply,
)
from bot.frontend.admin import in_private, is_admin, on_misses, on_reload, private_hint
from bot.frontend.chat import LANGUAGE_BUTTON, answer, engine, language, send


# --- commands ------------------------------------------------------------------------
async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet, summarise, and offer example questions as buttons."""
    await _send_about_article(update, context, start_reply)


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain how to ask."""
    await _send_text(update, context, "help")


async def on_summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the article's summary."""
    await _send_about_article(update, context, summary_reply)


async def on_topics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List what the bot can answer, as buttons."""
    await _send_about_article(update, context, topics_reply)


async def on_source(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Give the article's attribution."""
    await _send_about_article(update, context, source_reply)


async def on_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer English / Russian buttons that fix the language of whoever presses one."""
    if update.effective_message:
        lang = language(update, context, None)
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
        await _send_text(update, context, "ask_usage")
        return
    await answer(update, context, question)


async def on_reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload (admins, in private): reload facts.yaml now."""
    if await _admin_may_run(update, context, "reload"):
        await on_reload(update, context, language(update, context, None))


async def on_misses_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/misses (admins, in private): the top unanswered questions, with buttons to teach them."""
    if await _admin_may_run(update, context, "misses"):
        await on_misses(update, context, language(update, context, None))


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
            hint = private_hint(context, command, language(update, context, None))
            await update.effective_message.reply_text(html.escape(hint, quote=False))
        return False
    return True


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command we do not have."""
    await _send_text(update, context, "unknown_command")


# --- messages ------------------------------------------------------------------------
async def on_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chat: any text is a question (edited ones are answered again)."""
    message = update.effective_message
    if message and message.text is not None:
        await answer(update, context, message.text)


async def on_group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Groups: answer only when mentioned or replied to, so the bot never floods a chat."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    question = _addressed_question(message, context.bot.username, context.bot.id)
    if question is not None:
        await answer(update, context, question)


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
    await _send_text(update, context, "non_text")


# --- replies -------------------------------------------------------------------------
async def _send_about_article(
    update: Update, context: ContextTypes.DEFAULT_TYPE, render: Callable[[FactBase, str], Reply]
) -> None:
    """Reply with what `render` makes of the fact base, in the reader's language."""
    if update.effective_message:
        lang = language(update, context, None)
        await send(update.effective_message, render(engine(context).current.base, lang))


async def _send_text(update: Update, context: ContextTypes.DEFAULT_TYPE, key: str) -> None:
    """Reply with one fixed message, in the reader's language."""
    if update.effective_message:
        await send(update.effective_message, text_reply(key, language(update, context, None)))
