"""The fake Bot API server, driven by the real python-telegram-bot stack over HTTP."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from fake_bot_api import FakeBotAPI
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest


def make_bot(api: FakeBotAPI, token: str | None = None) -> Bot:
    """A PTB Bot on the fake; plain HTTP needs no TLS context, which saves ~0.2 s a bot."""
    request, polling = (HTTPXRequest(httpx_kwargs={"verify": False}) for _ in range(2))
    return Bot(
        token or api.token,
        base_url=f"{api.url}/bot",
        base_file_url=f"{api.url}/file/bot",
        request=request,
        get_updates_request=polling,
    )


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with make_bot(api) as client:
        yield client


def keyboard(callback_data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data=callback_data)]])


def ignoring_case(text: str) -> str:
    return "(?i)" + re.escape(text)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"echo: {update.effective_message.text}")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text("started")


def echo_app(api: FakeBotAPI) -> Application:  # type: ignore[type-arg]
    app = (
        ApplicationBuilder()
        .token(api.token)
        .base_url(f"{api.url}/bot")
        .base_file_url(f"{api.url}/file/bot")
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


async def test_get_me_describes_the_test_bot(bot: Bot) -> None:
    """getMe answers with the bot's identity, which PTB parses into a User."""
    me = await bot.get_me()
    assert (me.username, me.is_bot, me.supports_inline_queries) == ("article_test_bot", True, True)
    assert me.can_read_all_group_messages is False


async def test_an_update_reaches_the_echo_handler_and_the_reply_is_recorded(
    api: FakeBotAPI,
) -> None:
    """A queued private message and a group command reach a polling Application's handlers."""
    app = echo_app(api)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        api.message("hello there", user_id=42)
        api.command("start@article_test_bot", chat_type="supergroup", user_id=43)
        await api.wait_for("sendMessage", count=2)
        await app.updater.stop()
        await app.stop()
    assert [p["text"] for p in api.sent(chat_id=42)] == ["echo: hello there"]
    assert [p["text"] for p in api.sent(chat_id=-1001000000001)] == ["started"]
    assert api.pending_updates == []


@pytest.mark.parametrize(
    ("text", "parse_mode", "error"),
    [
        ("", None, "message text is empty"),
        (" \n\t ", None, "message text is empty"),
        ("<b> </b>", "HTML", "message text is empty"),
        ("x" * 4097, None, "message is too long"),
        ("😀" * 2049, None, "message is too long"),
        ("<b>" + "x" * 4097 + "</b>", "HTML", "message is too long"),
        ("<b>unclosed", "HTML", 'find end tag corresponding to start tag "b"'),
        ("<b>x</i>", "HTML", 'expected "</b>", found "</i>"'),
        ("<p>x</p>", "HTML", 'unsupported start tag "p"'),
        ("<span>x</span>", "HTML", 'tag "span" must have class "tg-spoiler"'),
        ("1 < 2", "HTML", "can't parse entities"),
        ("AT&T", "HTML", "can't parse entities"),
        ("x</b>", "HTML", "unexpected end tag"),
    ],
)
async def test_bad_text_is_rejected_with_telegrams_description(
    bot: Bot, text: str, parse_mode: str | None, error: str
) -> None:
    """Empty, over-long and malformed HTML texts raise BadRequest as Telegram words it."""
    with pytest.raises(BadRequest, match=ignoring_case(error)):
        await bot.send_message(1, text, parse_mode=parse_mode)


async def test_good_html_is_accepted_and_recorded_as_plain_text(api: FakeBotAPI, bot: Bot) -> None:
    """Supported tags and entities pass, and the message carries the text without tags."""
    html = (
        '<b>bold</b> <a href="https://example.com/?a=1&amp;b=2">link</a> &lt;&gt;&amp;&quot;&#33;'
        ' <span class="tg-spoiler">s</span> <blockquote expandable>q</blockquote>'
        ' <pre><code class="language-python">x = 1</code></pre>'
    )
    message = await bot.send_message(1, html, parse_mode="HTML")
    assert message.text == 'bold link <>&"! s q x = 1'
    assert (await bot.send_message(1, "😀" * 2048)).text == "😀" * 2048
    long_html = "<i>" + "x" * 4096 + "</i>"
    assert len((await bot.send_message(1, long_html, parse_mode="HTML")).text or "") == 4096
    assert message.message_id == 1
    assert api.sent(1)[0]["text"] == html


@pytest.mark.parametrize("data", ["x" * 65, "ж" * 33, ""])
async def test_callback_data_outside_1_to_64_bytes_is_rejected(bot: Bot, data: str) -> None:
    """A button whose callback_data is empty or longer than 64 bytes raises BUTTON_DATA_INVALID."""
    with pytest.raises(BadRequest, match=ignoring_case("BUTTON_DATA_INVALID")):
        await bot.send_message(1, "pick", reply_markup=keyboard(data))


async def test_buttons_come_back_and_their_callback_query_can_be_answered_once(
    api: FakeBotAPI, bot: Bot
) -> None:
    """A 64-byte callback_data is kept on the message, and its query is answerable only once."""
    message = await bot.send_message(7, "pick", reply_markup=keyboard("ж" * 32))
    assert message.reply_markup == keyboard("ж" * 32)
    query_id = api.callback_query("ж" * 32, chat_id=7, message_id=message.message_id)
    assert await bot.answer_callback_query(query_id)
    with pytest.raises(BadRequest, match=ignoring_case("query is too old")):
        await bot.answer_callback_query(query_id)


async def test_edits_follow_telegrams_rules(bot: Bot) -> None:
    """Edits change the stored message, and an unchanged or unknown message is refused."""
    message = await bot.send_message(7, "one")
    edited = await bot.edit_message_text("two", chat_id=7, message_id=message.message_id)
    assert isinstance(edited, Message) and edited.text == "two"
    with pytest.raises(BadRequest, match=ignoring_case("message is not modified")):
        await bot.edit_message_text("two", chat_id=7, message_id=message.message_id)
    with pytest.raises(BadRequest, match=ignoring_case("message to edit not found")):
        await bot.edit_message_text("two", chat_id=7, message_id=999)
    assert await bot.delete_message(7, message.message_id)
    with pytest.raises(BadRequest, match=ignoring_case("message to delete not found")):
        await bot.delete_message(7, message.message_id)


async def test_inline_answers_are_validated(api: FakeBotAPI, bot: Bot) -> None:
    """Too many results, over-long ids and bad message texts are refused; a good answer passes."""

    def article(result_id: str, text: str = "t") -> InlineQueryResultArticle:
        return InlineQueryResultArticle(result_id, "title", InputTextMessageContent(text))

    query_id = api.inline_query("space")
    with pytest.raises(BadRequest, match=ignoring_case("RESULTS_TOO_MUCH")):
        await bot.answer_inline_query(query_id, [article(str(i)) for i in range(51)])
    with pytest.raises(BadRequest, match=ignoring_case("RESULT_ID_INVALID")):
        await bot.answer_inline_query(query_id, [article("i" * 65)])
    with pytest.raises(BadRequest, match=ignoring_case("message text is empty")):
        await bot.answer_inline_query(query_id, [article("1", " ")])
    assert await bot.answer_inline_query(query_id, [article(str(i)) for i in range(50)])


async def test_a_wrong_token_is_refused_as_invalid(api: FakeBotAPI) -> None:
    """A bot with another token gets 401 Unauthorized, which PTB raises as InvalidToken."""
    with pytest.raises(InvalidToken, match="rejected by the server"):
        async with make_bot(api, token="999:WRONG"):
            pass
    assert (api.calls[-1].method, api.calls[-1].status) == ("getMe", 401)


async def test_an_unknown_method_is_not_found_and_recorded(api: FakeBotAPI, bot: Bot) -> None:
    """A method the fake lacks answers 404, which PTB raises as InvalidToken, and is recorded."""
    with pytest.raises(InvalidToken, match=ignoring_case("method not found")):
        await bot.get_chat(1)
    assert (api.calls[-1].method, api.calls[-1].status) == ("getChat", 404)


async def test_a_429_on_send_message_is_seen_by_ptb_as_retry_after(
    api: FakeBotAPI, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An injected 429 with retry_after raises RetryAfter once, then sending works again."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # RetryAfter warns about int periods otherwise
    api.fail_next("sendMessage", retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(1, "hi")
    assert caught.value.retry_after == timedelta(seconds=3)
    assert (await bot.send_message(1, "hi")).text == "hi"
    assert [c.status for c in api.calls if c.method == "sendMessage"] == [429, 200]


async def test_bad_gateways_and_dropped_connections_are_network_errors(
    api: FakeBotAPI, bot: Bot
) -> None:
    """A 502 with a plain body and a dropped connection both raise NetworkError."""
    api.fail_next("sendMessage", status=502)
    api.fail_next("sendMessage", drop=True, times=2)
    for _ in range(3):
        with pytest.raises(NetworkError):
            await bot.send_message(1, "hi")
    assert (await bot.send_message(1, "hi")).message_id == 1
    assert [c.status for c in api.calls if c.method == "sendMessage"] == [502, 0, 0, 200]


async def test_the_update_queue_honours_offset_and_limit(api: FakeBotAPI, bot: Bot) -> None:
    """getUpdates returns queued updates, limit caps them, and an offset confirms earlier ones."""
    ids = [api.message(f"m{i}") for i in range(3)]
    assert [u.update_id for u in await bot.get_updates(limit=2)] == ids[:2]
    assert [u.update_id for u in await bot.get_updates(offset=ids[1])] == ids[1:]
    assert await bot.get_updates(offset=ids[2] + 1) == ()
    assert api.pending_updates == []


async def test_get_updates_waits_for_an_update_instead_of_returning_at_once(
    api: FakeBotAPI, bot: Bot
) -> None:
    """A long poll stays open until an update arrives, then answers with it."""
    asyncio.get_running_loop().call_later(0.2, api.message, "late")
    started = time.monotonic()
    updates = await bot.get_updates(timeout=5)
    assert 0.15 < time.monotonic() - started < 2
    assert [u.effective_message.text for u in updates if u.effective_message] == ["late"]


async def test_every_builder_makes_an_update_ptb_can_parse(api: FakeBotAPI, bot: Bot) -> None:
    """Messages, commands, edits, stickers, button presses, inline queries and posts parse."""
    api.message("hi @article_test_bot", chat_type="group", language_code="ru")
    api.command("start", args="deep")
    api.edited_message("fixed", message_id=1)
    api.sticker(emoji="🚀")
    api.callback_query("data", chat_id=1001, message_id=1)
    api.inline_query("space")
    api.channel_post("news")
    api.message("thanks", reply_to_bot=True)
    mention, command, edit, sticker, press, inline, post, reply = await bot.get_updates()
    assert mention.effective_chat and mention.effective_chat.type == "group"
    assert mention.message and mention.message.parse_entities() == {
        mention.message.entities[0]: "@article_test_bot"
    }
    assert command.message and command.message.text == "/start deep"
    assert command.message.entities[0].type == "bot_command"
    assert edit.edited_message and edit.edited_message.message_id == 1
    assert sticker.message and sticker.message.sticker and sticker.message.sticker.emoji == "🚀"
    assert press.callback_query and press.callback_query.data == "data"
    assert inline.inline_query and inline.inline_query.query == "space"
    assert post.channel_post and post.channel_post.text == "news"
    assert reply.message and reply.message.reply_to_message
    assert (
        reply.message.reply_to_message.from_user and reply.message.reply_to_message.from_user.is_bot
    )


async def test_commands_and_descriptions_are_stored_per_scope_and_language(bot: Bot) -> None:
    """setMyCommands and setMyDescription keep one value per scope and language."""
    group = BotCommandScopeAllGroupChats()
    assert await bot.set_my_commands([BotCommand("ask", "Ask a question")])
    assert await bot.set_my_commands([BotCommand("ask", "Задать вопрос")], language_code="ru")
    assert await bot.set_my_commands([BotCommand("help", "Help")], scope=group)
    assert [c.description for c in await bot.get_my_commands(language_code="ru")] == [
        "Задать вопрос"
    ]
    assert [c.command for c in await bot.get_my_commands(scope=group)] == ["help"]
    assert await bot.delete_my_commands(scope=group)
    assert await bot.get_my_commands(scope=group) == ()
    with pytest.raises(BadRequest, match=ignoring_case("BOT_COMMAND_INVALID")):
        await bot.set_my_commands([BotCommand("Ask", "Capitalised")])
    assert await bot.set_my_description("About the article", language_code="en")
    assert (await bot.get_my_description("en")).description == "About the article"
    assert (await bot.get_my_description("ru")).description == ""


async def test_rates_and_waits_are_measured_from_recorded_calls(api: FakeBotAPI, bot: Bot) -> None:
    """max_rate counts sends within a window, and wait_for times out with the calls it saw."""
    for chat_id in (1, 1, 2):
        await bot.send_message(chat_id, "hi")
    await bot.send_chat_action(1, "typing")
    assert api.max_rate(1.0) == 3
    assert api.max_rate(60.0, chat_id=1) == 2
    assert len(await api.wait_for(lambda c: c.params.get("chat_id") == 1, count=3)) == 3
    with pytest.raises(TimeoutError, match="sendMessage:200"):
        await api.wait_for("deleteMessage", timeout=0.05)


async def test_json_bodies_and_query_strings_are_read_like_form_data(api: FakeBotAPI) -> None:
    """Clients other than PTB may send JSON or query parameters, and both are understood."""
    url = f"{api.url}/bot{api.token}/sendMessage"
    async with aiohttp.ClientSession() as session:
        async with session.post(url, json={"chat_id": 5, "text": "json"}) as response:
            assert (await response.json())["result"]["text"] == "json"
        async with session.get(url, params={"chat_id": "5", "text": "123"}) as response:
            assert (await response.json())["result"]["text"] == "123"
    assert [p["chat_id"] for p in api.sent()] == [5, 5]
