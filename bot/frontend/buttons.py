"""What buttons and inline mode get: a fact's answer, a language fixed, or a polite word
for a button from an old keyboard."""

from __future__ import annotations

import html

from telegram import InlineQueryResultArticle, InputTextMessageContent, Message, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.answering.facts import LANGUAGES
from bot.answering.matcher import Status
from bot.answering.messages import message
from bot.answering.replies import fact_reply
from bot.answering.reply_language import choose_language, language_of_code
from bot.frontend.admin import in_private, on_teach_button, record_resolution
from bot.frontend.chat import FACT_BUTTON, LANGUAGE_BUTTON, engine, language, language_data, send

MAX_INLINE_RESULTS = 5


async def on_fact_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A "Did you mean…?" or topic button: answer that fact."""
    query = update.callback_query
    if query is None:
        return
    base = engine(context).current.base
    fact = base.by_id.get((query.data or "").removeprefix(FACT_BUTTON))
    lang = language(update, context, None)
    if fact is None or not isinstance(query.message, Message):
        await query.answer(message("stale_button", lang), show_alert=False)
        return
    chat = query.message.chat.id
    context.bot_data["memory"].remember_fact(chat, fact.id)
    asked = (context.chat_data or {}).get("clarified", {}).get(query.message.message_id)
    if asked is not None:
        record_resolution(context, asked, fact.id, lang, chat)
    await query.answer()
    await send(query.message, fact_reply(fact, base, lang), buttons=False)


async def on_language_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Fix the presser's own language: in a group, nobody else's."""
    query = update.callback_query
    if query is None:
        return
    code = (query.data or "").removeprefix(LANGUAGE_BUTTON)
    if code not in LANGUAGES:
        await query.answer(message("stale_button", "en"))
        return
    data = language_data(context)
    data["language_fixed"] = code
    data["language"] = code
    done = message("language_set", code)
    if in_private(update) and isinstance(query.message, Message):
        await query.answer()
        await query.message.edit_text(html.escape(done))
    else:
        # Told to the presser alone; the buttons stay for the other members to choose.
        await query.answer(done)


async def on_teach_button_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ "➕ fact" under /misses (admins): add the question as a phrasing of that fact."""
    await on_teach_button(update, context, language(update, context, None))


async def on_stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Button data we do not know (an old keyboard): answer politely."""
    if update.callback_query:
        await update.callback_query.answer(message("stale_button", language(update, context, None)))


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`@bot question` in any chat: the best matching answers as results."""
    query = update.inline_query
    if query is None:
        return
    current = engine(context).current
    user_lang = language_of_code(query.from_user.language_code)
    lang = choose_language(query.query, user_code=user_lang)
    if query.query.strip():
        match = current.match(query.query, language=lang)
        lang = match.language
        facts = [c.fact for c in match.candidates] if match.status is not Status.UNKNOWN else []
    else:
        facts = list(current.base.facts)
    results = []
    for fact in facts[:MAX_INLINE_RESULTS]:
        reply = fact_reply(fact, current.base, lang)
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
