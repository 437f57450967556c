"""What every handler shares: the engine, the reader's language, and sending a reply
with its "Did you mean" buttons."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.answering.engine import EngineRef
from bot.answering.followup import ConversationMemory
from bot.answering.matcher import Status
from bot.answering.replies import Reply, Suggestion
from bot.answering.reply_language import choose_language
from bot.frontend.admin import record

FACT_BUTTON = "f:"
"""Callback data of a button that answers a fact: this, then the fact's id."""
LANGUAGE_BUTTON = "l:"
"""Callback data of a button that fixes the presser's language: this, then its code."""
CALLBACK_DATA_LIMIT = 64
"""Bytes of callback data Telegram keeps; a fact whose id is longer gets no button."""
MAX_CLARIFICATIONS_KEPT = 20
"""Per chat: the questions behind the last "Did you mean" messages, for their buttons."""


def engine(context: ContextTypes.DEFAULT_TYPE) -> EngineRef:
    """The engine shared through `bot_data`."""
    ref: EngineRef = context.bot_data["engine"]
    return ref


def language_data(context: ContextTypes.DEFAULT_TYPE) -> dict[str, str]:
    """Where a reader's language lives: with the user, not the chat, so that in a group one
    reader's /language choice or last language is never another's."""
    data = context.user_data if context.user_data is not None else context.chat_data
    return data if data is not None else {}


def language(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str | None) -> str:
    """Choose the reply language and remember it for the user."""
    data = language_data(context)
    user = update.effective_user
    lang = choose_language(
        text,
        fixed=data.get("language_fixed"),
        last=data.get("language"),
        user_code=user.language_code if user else None,
    )
    data["language"] = lang
    return lang


def keyboard(suggestions: tuple[Suggestion, ...]) -> InlineKeyboardMarkup | None:
    """ "Did you mean" buttons, one a row; None when no fact's id fits a button."""
    buttons = [
        [InlineKeyboardButton(s.question[:64], callback_data=f"{FACT_BUTTON}{s.fact_id}")]
        for s in suggestions
        if len((FACT_BUTTON + s.fact_id).encode()) <= CALLBACK_DATA_LIMIT
    ]
    return InlineKeyboardMarkup(buttons) if buttons else None


async def send(message: Message, reply: Reply, *, buttons: bool = True) -> Message:
    """Send `reply` in `message`'s chat; quoting the question in groups, where several
    readers may be asking at once."""
    return await message.reply_text(
        reply.html,
        do_quote=message.chat.type != ChatType.PRIVATE,
        reply_markup=keyboard(reply.suggestions) if buttons and reply.suggestions else None,
    )


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    """Answer `question`, record it if it was missed, and remember a "Did you mean"."""
    message = update.effective_message
    if message is None:
        return
    lang = language(update, context, question)
    chat = update.effective_chat.id if update.effective_chat else None
    memory: ConversationMemory = context.bot_data["memory"]
    exchange = engine(context).current.answer(question, language=lang, memory=memory, chat=chat)
    sent = await send(message, exchange.reply)
    record(context, exchange.match, chat)
    if exchange.match.status is Status.CLARIFY and context.chat_data is not None:
        # Remember what was asked, so that the button pressed under it resolves it.
        asked: dict[int, str] = context.chat_data.setdefault("clarified", {})
        asked[sent.message_id] = question
        while len(asked) > MAX_CLARIFICATIONS_KEPT:
            asked.pop(next(iter(asked)))
