"""The bot end to end: the real python-telegram-bot stack against the local fake Bot API."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from typing import Any

import pytest
from fake_bot_api import FakeBotAPI
from fake_bot_api.server import BOT_USERNAME, GROUP_CHAT_IDS, USER_ID
from telegram.ext import Application

from bot.answering.engine import Engine, EngineRef
from bot.answering.facts import FactBase
from bot.answering.matcher import Status
from bot.config import Settings
from bot.frontend.app import build_application
from bot.logs import configure_logging

CLARIFY_QUESTION = "Who is the boss?"  # of Roscosmos, or of NASA?


StartBot = Callable[..., Any]


@pytest.fixture
async def start_bot(api: FakeBotAPI, engine: Engine) -> AsyncIterator[StartBot]:
    """A factory that starts the real Application, polling the fake server (answering
    from the session's engine, which is immutable, unless given one)."""
    apps: list[Application] = []  # type: ignore[type-arg]
    session_engine = engine

    async def start(*, engine: EngineRef | None = None, **settings: Any) -> Application:  # type: ignore[type-arg]
        defaults = Settings(
            token=api.token, base_url=f"{api.url}/bot", rate_limit=False, db_path=None
        )
        config = replace(defaults, **settings)
        app = build_application(config, engine or EngineRef(session_engine))
        await app.initialize()
        if app.post_init:
            await app.post_init(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        apps.append(app)
        return app

    yield start
    for app in apps:
        assert app.updater is not None
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def replies_to(api: FakeBotAPI, chat_id: int, count: int = 1) -> list[dict[str, Any]]:
    """Wait for `count` messages sent to `chat_id`; return their parameters."""
    await api.wait_for(
        lambda c: c.method == "sendMessage" and c.params.get("chat_id") == chat_id, count
    )
    return api.sent(chat_id)


def last_message_id(api: FakeBotAPI, chat_id: int) -> int:
    """The id of the last message the bot sent to `chat_id`."""
    sent = [c for c in api.calls if c.method == "sendMessage" and c.ok]
    return int(
        [c for c in sent if c.params["chat_id"] == chat_id][-1].response["result"]["message_id"]
    )


async def test_start_registers_menus_and_greets_with_example_buttons(
    api: FakeBotAPI, start_bot: StartBot
) -> None:
    """/start greets, summarises, offers example questions as buttons; menus exist in both languages."""
    await start_bot()
    api.command("start")
    [reply] = await replies_to(api, USER_ID)
    assert "I answer questions about one news article" in reply["text"]
    assert "Kennedy Space Center" in reply["text"]  # the summary
    buttons = [b for row in reply["reply_markup"]["inline_keyboard"] for b in row]
    assert len(buttons) == 3 and all(b["callback_data"].startswith("f:") for b in buttons)
    languages = {language for (_, language) in api.commands}
    assert languages == {"", "ru"}
    assert {kind for (kind, _) in api.descriptions} == {"description", "short_description"}


async def test_question_is_answered_with_its_cited_sentence(
    api: FakeBotAPI, start_bot: StartBot
) -> None:
    """A private question gets the answer, the verbatim sentence in a blockquote, and the source."""
    await start_bot()
    api.message("where did the two chiefs meet?")
    [reply] = await replies_to(api, USER_ID)
    assert reply["parse_mode"] == "HTML"
    assert "Kennedy Space Center" in reply["text"]
    assert "<blockquote>“Roscosmos' director, Dmitry Bakanov" in reply["text"]
    assert "paragraph 3" in reply["text"] and "AFP and BlueShift" in reply["text"]


async def test_clarify_button_press_answers_that_fact(
    api: FakeBotAPI, start_bot: StartBot, engine: Engine
) -> None:
    """ "Did you mean…?" carries buttons; pressing one answers that fact and the query is answered."""
    assert engine.match(CLARIFY_QUESTION).status is Status.CLARIFY
    await start_bot()
    api.message(CLARIFY_QUESTION)
    [clarify] = await replies_to(api, USER_ID)
    assert "Did you mean" in clarify["text"]
    first = clarify["reply_markup"]["inline_keyboard"][0][0]
    fact_id = first["callback_data"].removeprefix("f:")
    bot_message = last_message_id(api, USER_ID)
    api.callback_query(first["callback_data"], chat_id=USER_ID, message_id=bot_message)
    replies = await replies_to(api, USER_ID, 2)
    await api.wait_for("answerCallbackQuery")
    assert engine.base.by_id[fact_id].answer("en") in replies[1]["text"].replace("&quot;", '"')
    assert "<blockquote>" in replies[1]["text"]


async def test_stale_button_gets_a_polite_answer(api: FakeBotAPI, start_bot: StartBot) -> None:
    """Button data of a fact that no longer exists is answered politely, with no message sent."""
    await start_bot()
    api.callback_query("f:no-such-fact", chat_id=USER_ID, message_id=1)
    [call] = await api.wait_for("answerCallbackQuery")
    assert "expired" in call.params["text"]
    assert api.sent() == []


async def test_group_messages_are_answered_only_when_addressed(
    api: FakeBotAPI, start_bot: StartBot
) -> None:
    """In a group the bot ignores chatter but answers a mention, a reply to it, and /ask."""
    await start_bot()
    group = GROUP_CHAT_IDS["supergroup"]
    api.message("where did they meet?", chat_type="supergroup")
    api.message(f"@{BOT_USERNAME} where did they meet?", chat_type="supergroup")
    replies = await replies_to(api, group, 1)
    api.message("why was the launch delayed?", chat_type="supergroup", reply_to_bot=True)
    api.command("ask", "who is the head of roscosmos", chat_type="supergroup")
    replies = await replies_to(api, group, 3)
    assert len(replies) == 3
    assert "Kennedy" in replies[0]["text"]
    assert "Weather" in replies[1]["text"] or "weather" in replies[1]["text"]
    assert "Bakanov" in replies[2]["text"]


async def test_inline_query_offers_matching_answers(api: FakeBotAPI, start_bot: StartBot) -> None:
    """`@bot question` is answered with article results that carry the cited reply."""
    await start_bot()
    api.inline_query("who is nasa's acting administrator")
    [call] = await api.wait_for("answerInlineQuery")
    results = call.params["results"]
    assert results and results[0]["id"] == "nasa-administrator"
    assert "Duffy" in results[0]["input_message_content"]["message_text"]


async def test_sticker_gets_a_hint_and_channel_post_is_ignored(
    api: FakeBotAPI, start_bot: StartBot
) -> None:
    """A sticker gets a one-line hint to type; a channel post gets nothing."""
    await start_bot()
    api.channel_post("where did they meet?")
    api.sticker()
    [reply] = await replies_to(api, USER_ID)
    assert "only read text" in reply["text"]
    assert len(api.sent()) == 1


async def test_edited_message_is_answered_again(api: FakeBotAPI, start_bot: StartBot) -> None:
    """Editing a question gets a fresh answer to the edited text."""
    await start_bot()
    api.message("where did they meet?")
    await replies_to(api, USER_ID)
    api.edited_message("why was the launch delayed?", message_id=1)
    replies = await replies_to(api, USER_ID, 2)
    assert "August 1" in replies[1]["text"]


async def test_unknown_command_and_odd_text_get_sensible_replies(
    api: FakeBotAPI, start_bot: StartBot
) -> None:
    """An unknown command, markup-like text and emoji each get a reply, all valid HTML."""
    await start_bot()
    api.command("frobnicate")
    api.message("<b>bold</b> & <script>")
    api.message("🚀🚀🚀")
    replies = await replies_to(api, USER_ID, 3)
    texts = sorted(r["text"] for r in replies)
    assert any("don't know that command" in t for t in texts)
    assert any("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in t for t in texts)


@pytest.mark.parametrize(
    ("method", "fault"),
    [
        ("sendMessage", {"status": 429, "retry_after": 1}),
        ("sendMessage", {"status": 502}),
        ("sendMessage", {"drop": True}),
        ("getUpdates", {"status": 502}),
    ],
)
async def test_every_question_gets_exactly_one_answer_despite_faults(
    api: FakeBotAPI, start_bot: StartBot, method: str, fault: dict[str, Any]
) -> None:
    """429 with retry_after, 502 and a dropped connection are retried: one answer each, none twice."""
    api.fail_next(method, **fault)
    await start_bot(send_deadline=6.0)  # retry pauses from 0.01 s
    for chat in (2001, 2002, 2003):
        api.message("where did they meet?", user_id=chat)
    for chat in (2001, 2002, 2003):
        assert len(await replies_to(api, chat)) == 1
    failed = [c for c in api.calls if c.method == method and not c.ok]
    assert failed, "the fault was injected"
    assert len(api.sent()) == 3


QUESTIONS_AND_ANSWERS = [
    ("where did they meet?", "Kennedy Space Center"),
    ("why was the launch delayed?", "August 1"),
    ("when did construction of the ISS begin?", "1998"),
    ("who is nasa's acting administrator", "Sean Duffy is NASA's acting administrator"),
    ("which spacecraft can fly to the ISS?", "Soyuz spacecraft"),
]


async def test_an_outage_costs_no_answer_and_each_chat_keeps_its_order(
    api: FakeBotAPI, start_bot: StartBot
) -> None:
    """Sends failing for 2 s (past the old 1.75 s of retries) are retried with back-off: every question is answered once, each chat's answers in the order asked."""
    await start_bot(send_deadline=3.0)  # pauses of 5 ms doubling to 0.3 s
    api.outage(2.0)
    for question, _ in QUESTIONS_AND_ANSWERS:
        for chat in (5001, 5002):
            api.message(question, user_id=chat)
    for chat in (5001, 5002):
        replies = await replies_to(api, chat, len(QUESTIONS_AND_ANSWERS))
        assert len(replies) == len(QUESTIONS_AND_ANSWERS)
        for reply, (_, answer) in zip(replies, QUESTIONS_AND_ANSWERS, strict=True):
            assert answer in reply["text"]
    assert any(c.status == 502 for c in api.calls), "the outage happened"


async def test_a_reply_given_up_after_the_deadline_is_not_followed_by_an_apology(
    api: FakeBotAPI, start_bot: StartBot
) -> None:
    """When the answer could not get through, the apology is not tried: it would not either."""
    await start_bot(send_deadline=0.3)
    api.outage(60)
    api.message("where did they meet?")
    for _ in range(100):  # until the answer is given up: the deadline, then one more try
        await asyncio.sleep(0.02)
        if len([c for c in api.calls if c.method == "sendMessage"]) > 3:
            break
    await asyncio.sleep(0.5)
    sends = [c for c in api.calls if c.method == "sendMessage"]
    assert sends and all("Kennedy" in c.params["text"] for c in sends)


async def test_handler_error_is_logged_once_and_user_gets_an_apology(
    api: FakeBotAPI, start_bot: StartBot, base: FactBase, caplog: pytest.LogCaptureFixture
) -> None:
    """An exception in a handler is logged with the update id; the user gets an apology; serving goes on."""

    class Exploding(Engine):
        def answer(self, question: str, **kwargs: Any) -> Any:
            if "explode" in question:
                raise RuntimeError("boom")
            return super().answer(question, **kwargs)

    await start_bot(engine=EngineRef(Exploding(base)))
    with caplog.at_level(logging.ERROR, logger="bot.frontend.app"):
        update_id = api.message("please explode")
        await replies_to(api, USER_ID)
        api.message("where did they meet?")
        replies = await replies_to(api, USER_ID, 2)
    assert "something went wrong" in replies[0]["text"]
    assert "Kennedy" in replies[1]["text"]
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and f"update {update_id}" in errors[0].getMessage()


async def test_token_never_appears_in_debug_logs(
    api: FakeBotAPI, start_bot: StartBot, capsys: pytest.CaptureFixture[str]
) -> None:
    """With logging at DEBUG, no log line (httpx's request URLs included) shows the token."""
    configure_logging(logging.DEBUG, secrets=[api.token])
    try:
        api.fail_next("sendMessage", status=502)
        await start_bot()
        api.message("where did they meet?")
        await replies_to(api, USER_ID)
    finally:
        configure_logging(logging.WARNING)
    err = capsys.readouterr().err
    assert "getUpdates" in err or "sendMessage" in err  # DEBUG logging did capture requests
    assert api.token not in err
    assert api.token.split(":")[1] not in err


async def test_russian_conversation_end_to_end(api: FakeBotAPI, start_bot: StartBot) -> None:
    """A Russian reader gets Russian commands, answers with the English citation, clarification and "don't know"."""
    await start_bot()
    ru = 3001
    api.command("start", user_id=ru, language_code="ru")
    api.message("где прошла встреча?", user_id=ru, language_code="ru")
    api.message("кто руководит космическим агентством?", user_id=ru, language_code="ru")
    api.message("сколько весит МКС?", user_id=ru, language_code="ru")
    replies = await replies_to(api, ru, 4)
    start, answer, clarify, unknown = (r["text"] for r in replies)
    assert "Здравствуйте" in start
    assert (
        "Кеннеди" in answer and "Kennedy Space Center in Florida" in answer and "абзац 3" in answer
    )
    assert "Возможно, вы имели в виду" in clarify
    assert "К сожалению" in unknown


async def test_language_command_fixes_the_chat_language(
    api: FakeBotAPI, start_bot: StartBot
) -> None:
    """/language offers both languages; choosing Russian answers English questions in Russian."""
    await start_bot()
    api.command("language")
    [prompt] = await replies_to(api, USER_ID)
    codes = [b["callback_data"] for b in prompt["reply_markup"]["inline_keyboard"][0]]
    assert codes == ["l:en", "l:ru"]
    bot_message = last_message_id(api, USER_ID)
    api.callback_query("l:ru", chat_id=USER_ID, message_id=bot_message)
    await api.wait_for("editMessageText")
    api.message("where did they meet?")
    replies = await replies_to(api, USER_ID, 2)
    assert "Кеннеди" in replies[1]["text"]


async def test_burst_respects_telegram_flood_limits(api: FakeBotAPI, start_bot: StartBot) -> None:
    """With default settings, replies are paced: 45 questions from 45 chats are all answered,
    the last 15 after the first 30 at Telegram's ~30 messages a second (the limits
    themselves are checked on a virtual clock in test_delivery.py)."""
    await start_bot(rate_limit=True)
    queued = time.monotonic()  # the fake's clock
    for chat in range(10_000, 10_045):
        api.message("where did they meet?", user_id=chat)
    await api.wait_for("sendMessage", count=45, timeout=30)
    assert len({c["chat_id"] for c in api.sent()}) == 45
    # A burst of 30, then 30 a second: the 45th send cannot leave before half a second
    # after the first could. Timed from the questions, not from the first send, which
    # a busy machine may deliver late while the limiter's clock runs on.
    last = max(c.time for c in api.calls if c.method == "sendMessage")
    assert last - queued >= 0.45


async def test_follow_up_question_leans_on_the_chat_s_last_answer(
    api: FakeBotAPI, start_bot: StartBot
) -> None:
    """In Telegram, "and where?" after the meeting date answers with the place; another chat gets no such help."""
    await start_bot()
    api.message("when did bakanov and duffy meet?")
    await replies_to(api, USER_ID)
    api.message("and where?")
    api.message("and where?", user_id=4242)
    replies = await replies_to(api, USER_ID, 2)
    assert "Kennedy Space Center" in replies[1]["text"]
    [other] = await replies_to(api, 4242)
    assert "Kennedy" not in other["text"].split("\n")[0]


async def test_a_language_button_in_a_group_changes_only_the_presser_s_language(
    api: FakeBotAPI, start_bot: StartBot
) -> None:
    """Choosing Russian under /language in a group: that reader gets Russian, the others English."""
    await start_bot()
    group, reader, other = GROUP_CHAT_IDS["supergroup"], 5001, 5002
    api.command("language", user_id=other, chat_type="supergroup")
    [prompt] = await replies_to(api, group)
    assert prompt["text"] == "Choose the language I answer you in:"
    api.callback_query(
        "l:ru", chat_id=group, message_id=last_message_id(api, group), user_id=reader
    )
    [call] = await api.wait_for("answerCallbackQuery")
    assert call.params["text"] == "Теперь я буду отвечать вам по-русски."
    assert not [c for c in api.calls if c.method == "editMessageText"]  # others may still choose
    api.command("ask", "where did they meet?", user_id=reader, chat_type="supergroup")
    await replies_to(api, group, 2)
    api.command("ask", "where did they meet?", user_id=other, chat_type="supergroup")
    api.command("summary", user_id=other, chat_type="supergroup")  # no script to go by
    replies = await replies_to(api, group, 4)
    assert "Кеннеди" in replies[1]["text"]
    assert "Kennedy Space Center" in replies[2]["text"].split("<blockquote>")[0]
    assert replies[3]["text"].startswith("<b>In short:</b>")
    api.message("where did they meet?", user_id=reader)  # the choice follows the reader
    [private] = await replies_to(api, reader)
    assert "Кеннеди" in private["text"]
