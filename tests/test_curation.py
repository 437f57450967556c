"""The curator's loop in Telegram, end to end: live reload, /reload, misses, teaching."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import stat
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from fake_bot_api import FakeBotAPI
from fake_bot_api.server import BOT_USERNAME, GROUP_CHAT_IDS, USER_ID
from telegram.ext import Application

from bot.answering.engine import Engine, EngineRef
from bot.answering.facts import load
from bot.config import Settings
from bot.curation.misses import MissOutcome, MissStore
from bot.frontend.app import build_application

ADMIN = 777
UNANSWERED = "who will pay for the bridge"  # unknown, with bridge-cost nearest
WHERE = "where did they meet?"  # answered: "…in the town hall."
# Five facts (so that a save cut short after four still validates) and two small-talk
# entries: the curator's loop on a base whose verdicts an edit of the shipped
# facts.yaml cannot move.
CURATION_YAML = """\
version: 1
article:
  title: Mayors agree on a new bridge
  byline: Staff reporter
  body:
    - The two mayors met on Friday in the town hall.
    - The mayors had last met in March 2019.
    - They agreed to build a new bridge across the river.
    - The bridge will cost 4 million euros.
    - Construction is expected to take two years.
summary: The mayors met on Friday and agreed to build a new bridge.
decision: {answer_min_margin: 0.1}
facts:
  - id: friday-meeting
    cite: The two mayors met on Friday in the town hall.
    answer: The mayors met on Friday in the town hall.
    ask: [when did the mayors meet on friday, where did the mayors meet on friday]
  - id: previous-meeting
    cite: The mayors had last met in March 2019.
    answer: Before Friday, the mayors had last met in March 2019.
    ask: [when did the mayors meet in march, in which year did the mayors meet in march]
  - id: bridge
    cite: They agreed to build a new bridge across the river.
    answer: They agreed to build a new bridge across the river.
    ask: [what will be built across the river, what did the mayors agree to build]
  - id: bridge-cost
    cite: The bridge will cost 4 million euros.
    answer: The bridge will cost 4 million euros.
    ask: [how much will the bridge cost, what is the price of the bridge]
  - id: construction-time
    cite: Construction is expected to take two years.
    answer: Construction is expected to take two years.
    ask: [how long will construction take, when will the bridge be finished]
smalltalk:
  - id: greeting
    ask: [hello]
    answer: Hello!
  - id: thanks
    ask: [thanks]
    answer: You're welcome!
"""


@pytest.fixture
def facts_file(tmp_path: Path) -> Path:
    """CURATION_YAML in a file that a test may edit."""
    path = tmp_path / "facts.yaml"
    path.write_text(CURATION_YAML, encoding="utf-8")
    return path


@pytest.fixture
async def bot(api: FakeBotAPI, facts_file: Path, tmp_path: Path) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """The bot answering from `facts_file`, watching it every 0.1 s, with a misses store."""
    settings = Settings(
        token=api.token,
        base_url=f"{api.url}/bot",
        rate_limit=False,
        admins=frozenset({ADMIN}),
        db_path=tmp_path / "misses.sqlite3",
        reload_seconds=0.1,
    )
    app = build_application(settings, EngineRef(Engine(load(facts_file))))
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    yield app
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
    assert app.post_shutdown is not None
    await app.post_shutdown(app)


async def replies_to(api: FakeBotAPI, chat_id: int, count: int = 1) -> list[dict[str, Any]]:
    """Wait for `count` messages sent to `chat_id`; return their parameters."""
    await api.wait_for(
        lambda c: c.method == "sendMessage" and c.params.get("chat_id") == chat_id, count
    )
    return api.sent(chat_id)


async def ask(api: FakeBotAPI, question: str, chat_id: int = USER_ID) -> str:
    """Send one question and return the text of the reply to it."""
    before = len(api.sent(chat_id))
    api.message(question, user_id=chat_id)
    return (await replies_to(api, chat_id, before + 1))[-1]["text"]


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` in a file, as a curator's editor would."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def test_a_good_edit_is_answered_from_within_seconds(
    api: FakeBotAPI,
    bot: Application,
    facts_file: Path,  # type: ignore[type-arg]
) -> None:
    """Editing an answer in facts.yaml changes the bot's reply without a restart."""
    assert "town hall" in await ask(api, WHERE)
    edit(
        facts_file,
        "answer: The mayors met on Friday in the town hall.",
        "answer: The mayors met on Friday in the library.",
    )
    engine = bot.bot_data["engine"]
    for _ in range(100):  # the watcher polls every 0.1 s: give it up to 5 s
        if "library" in engine.current.base.by_id["friday-meeting"].answer("en"):
            break
        await asyncio.sleep(0.05)
    assert "library" in await ask(api, WHERE)


async def test_a_broken_edit_keeps_the_old_base_and_tells_admins_once(
    api: FakeBotAPI,
    bot: Application,
    facts_file: Path,  # type: ignore[type-arg]
) -> None:
    """A YAML error is reported to the admin once, with file and line; answers go on."""
    edit(facts_file, "version: 1", "version: 1\n  broken: [")
    [note] = await replies_to(api, ADMIN)
    assert "NOT reloaded" in note["text"] and f"{facts_file}:" in note["text"]
    assert "town hall" in await ask(api, WHERE)
    edit(facts_file, "broken: [", "broken: [ ")  # another bad edit: another note
    notes = await replies_to(api, ADMIN, 2)
    assert len(notes) == 2


async def test_reload_is_for_admins_only(
    api: FakeBotAPI,
    bot: Application,  # type: ignore[type-arg]
    facts_file: Path,
) -> None:
    """/reload from an admin reloads; from anyone else it is an unknown command."""
    api.command("reload", user_id=ADMIN)
    [reply] = await replies_to(api, ADMIN)
    assert reply["text"].startswith(f"Reloaded: {len(load(facts_file).facts)} facts")
    api.command("reload")
    [refused] = await replies_to(api, USER_ID)
    assert "don't know that command" in refused["text"]


async def test_misses_are_recorded_listed_and_taught_from_telegram(
    api: FakeBotAPI,
    bot: Application,
    facts_file: Path,
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    """An unanswered question shows in /misses; its button teaches it; then it is answered."""
    assert "can't find" in await ask(api, UNANSWERED)
    api.command("misses", user_id=ADMIN)
    [listing] = await replies_to(api, ADMIN)
    assert UNANSWERED in listing["text"]
    buttons = [b for row in listing["reply_markup"]["inline_keyboard"] for b in row]
    cost = next(b for b in buttons if "cost" in b["text"].lower())
    message_id = last_message_id(api, ADMIN)
    api.callback_query(cost["callback_data"], chat_id=ADMIN, message_id=message_id, user_id=ADMIN)
    replies = await replies_to(api, ADMIN, 2)
    assert f'added "{UNANSWERED}" to bridge-cost (en)' in replies[1]["text"]
    assert UNANSWERED in facts_file.read_text(encoding="utf-8")
    assert "4 million euros" in await ask(api, UNANSWERED)


async def test_a_miss_declined_from_telegram_is_declined_from_then_on(
    api: FakeBotAPI,
    bot: Application,
    facts_file: Path,  # type: ignore[type-arg]
) -> None:
    """ "🚫" under a miss adds it to facts.yaml's decline examples, and the reloaded bot
    then says the article does not answer it instead of asking "Did you mean"."""
    question = "what will span the river"
    assert "Did you mean" in await ask(api, question)
    api.command("misses", user_id=ADMIN)
    [listing] = await replies_to(api, ADMIN)
    buttons = [b for row in listing["reply_markup"]["inline_keyboard"] for b in row]
    decline = next(b for b in buttons if b["text"].startswith("🚫 1."))
    message_id = last_message_id(api, ADMIN)
    api.callback_query(
        decline["callback_data"], chat_id=ADMIN, message_id=message_id, user_id=ADMIN
    )
    replies = await replies_to(api, ADMIN, 2)
    assert f'added "{question}" to the decline examples (en)' in replies[1]["text"]
    assert question in load(facts_file).decline["en"]
    assert "can't find" in await ask(api, question)


async def test_the_misses_database_alone_does_not_tell_who_asked(
    api: FakeBotAPI,
    bot: Application,  # type: ignore[type-arg]
    tmp_path: Path,
) -> None:
    """Given the database file and a reader's chat id, hashing the id with whatever the file
    holds (as version 1's sha256(salt + chat id) allowed) does not find the reader's row."""
    assert "can't find" in await ask(api, UNANSWERED)
    for _ in range(100):  # the handler records the miss just after it has replied
        bot.bot_data["recorder"].flush(5)
        with MissStore(tmp_path / "misses.sqlite3") as store:
            if store.events():
                break
        await asyncio.sleep(0.05)
    with closing(sqlite3.connect(tmp_path / "misses.sqlite3")) as db:
        [(stored,)] = db.execute("SELECT chat_hash FROM events").fetchall()
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        values = [str(v) for t in tables for row in db.execute(f"SELECT * FROM {t}") for v in row]
    chat = str(USER_ID).encode()
    guesses = {hashlib.sha256(chat).hexdigest()}
    for value in map(str.encode, values):
        guesses |= {
            hashlib.sha256(value + chat).hexdigest(),
            hashlib.sha256(chat + value).hexdigest(),
        }
    assert stored and not any(guess.startswith(stored) for guess in guesses)
    key = tmp_path / "misses.sqlite3.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


async def test_a_pressed_clarification_is_recorded_as_what_the_reader_meant(
    api: FakeBotAPI,
    bot: Application,
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    """ "Did you mean" then a button press stores the question with the chosen fact."""
    api.message("When did they meet?")
    [clarify] = await replies_to(api, USER_ID)
    button = clarify["reply_markup"]["inline_keyboard"][0][0]
    message_id = last_message_id(api, USER_ID)
    api.callback_query(button["callback_data"], chat_id=USER_ID, message_id=message_id)
    await replies_to(api, USER_ID, 2)
    bot.bot_data["recorder"].flush(5)
    with MissStore(tmp_path / "misses.sqlite3") as store:
        outcomes = [(e.outcome, e.chosen_fact) for e in store.events()]
    assert (MissOutcome.CLARIFY, None) in outcomes
    assert (MissOutcome.RESOLVED, button["callback_data"].removeprefix("f:")) in outcomes


# --- admin commands stay in private chats -----------------------------------------------
GROUP = GROUP_CHAT_IDS["supergroup"]
IN_PRIVATE_HINT = "Admin commands answer only in a private chat: send /{command} to @{bot} there."


def sent_to(api: FakeBotAPI, chat_id: int) -> list[str]:
    """The texts of every message the bot has sent to `chat_id` so far."""
    return [m["text"] for m in api.sent(chat_id)]


@pytest.mark.parametrize("command", ["misses", "reload"])
async def test_an_admin_command_in_a_group_only_hints_to_ask_in_private(
    api: FakeBotAPI,
    bot: Application,  # type: ignore[type-arg]
    command: str,
) -> None:
    """/misses or /reload from an admin in a group gets a one-line hint there, and nothing else."""
    assert "can't find" in await ask(api, UNANSWERED)
    api.command(command, user_id=ADMIN, chat_type="supergroup")
    [hint] = await replies_to(api, GROUP)
    assert hint["text"] == IN_PRIVATE_HINT.format(command=command, bot=BOT_USERNAME)
    assert "reply_markup" not in hint
    api.message(WHERE, user_id=ADMIN)  # a marker: updates run in order
    await replies_to(api, ADMIN)
    assert sent_to(api, GROUP) == [hint["text"]]
    assert len(sent_to(api, ADMIN)) == 1


async def test_an_admin_command_from_a_reader_in_a_group_gets_no_answer(
    api: FakeBotAPI,
    bot: Application,  # type: ignore[type-arg]
) -> None:
    """In a group, /misses from someone else is ignored, as any command the bot does not have."""
    assert "can't find" in await ask(api, UNANSWERED)
    api.command("misses", chat_type="supergroup")
    api.command("reload", chat_type="supergroup")
    api.command("ask", WHERE, chat_type="supergroup")  # a marker
    [answer] = await replies_to(api, GROUP)
    assert "town hall" in answer["text"]


async def test_a_teach_button_pressed_in_a_group_teaches_nothing_and_says_nothing_there(
    api: FakeBotAPI,
    bot: Application,  # type: ignore[type-arg]
    facts_file: Path,
) -> None:
    """A real teach button's data, replayed by an admin under a message in a group, is refused."""
    assert "can't find" in await ask(api, UNANSWERED)
    api.command("misses", user_id=ADMIN)
    [listing] = await replies_to(api, ADMIN)
    button = listing["reply_markup"]["inline_keyboard"][0][0]
    api.command("ask", WHERE, chat_type="supergroup")
    await replies_to(api, GROUP)
    before = facts_file.read_bytes()
    api.callback_query(
        button["callback_data"],
        chat_id=GROUP,
        message_id=last_message_id(api, GROUP),
        user_id=ADMIN,
    )
    [call] = await api.wait_for("answerCallbackQuery")
    assert call.params["text"] == IN_PRIVATE_HINT.format(command="misses", bot=BOT_USERNAME)
    assert facts_file.read_bytes() == before
    assert len(sent_to(api, GROUP)) == 1
    assert len(sent_to(api, ADMIN)) == 1


def last_message_id(api: FakeBotAPI, chat_id: int) -> int:
    """The id of the last message the bot sent to `chat_id`."""
    sent = [c for c in api.calls if c.method == "sendMessage" and c.ok]
    return int(
        [c for c in sent if c.params["chat_id"] == chat_id][-1].response["result"]["message_id"]
    )


# --- edits in progress ---------------------------------------------------------------
def cut_after_facts(path: Path, kept: int) -> str:
    """The file's text cut short after its first `kept` facts, where an editor's in-place
    save may pause: it still validates."""
    entries = path.read_text(encoding="utf-8").split("\n  - id: ")
    return "\n  - id: ".join(entries[: kept + 1]) + "\n"


async def test_a_save_paused_mid_way_is_held_told_to_admins_once_and_confirmed_by_reload(
    api: FakeBotAPI,
    bot: Application,  # type: ignore[type-arg]
    facts_file: Path,
) -> None:
    """A cut-short copy that validates never reaches readers; /reload accepts it."""
    whole = load(facts_file)
    facts_file.write_text(cut_after_facts(facts_file, 4), encoding="utf-8")

    [note] = await replies_to(api, ADMIN)
    assert note["text"].startswith(
        "facts.yaml was NOT reloaded; still answering from the last good version:\n"
        f"{facts_file} has 4 facts and 0 small-talk entries, fewer than the last good "
        f"version's {len(whole.facts)} and {len(whole.smalltalk)} (missing: "
    )
    assert "town hall" in await ask(api, WHERE)
    await asyncio.sleep(0.5)  # five more polls: still one note
    assert len(api.sent(ADMIN)) == 1

    api.command("reload", user_id=ADMIN)
    reply = (await replies_to(api, ADMIN, 2))[-1]
    assert reply["text"].startswith("Reloaded: 4 facts")
    assert len(bot.bot_data["engine"].current.base.facts) == 4


async def test_the_teach_button_refuses_a_file_cut_short_mid_save(
    api: FakeBotAPI,
    bot: Application,  # type: ignore[type-arg]
    facts_file: Path,
) -> None:
    """Pressed while the file holds 4 of its facts, "➕" says why it did nothing."""
    whole = load(facts_file)
    assert "can't find" in await ask(api, UNANSWERED)
    api.command("misses", user_id=ADMIN)
    [listing] = await replies_to(api, ADMIN)
    buttons = [b for row in listing["reply_markup"]["inline_keyboard"] for b in row]
    cost = next(b for b in buttons if "cost" in b["text"].lower())
    message_id = last_message_id(api, ADMIN)
    cut = cut_after_facts(facts_file, 4)
    facts_file.write_text(cut, encoding="utf-8")

    api.callback_query(cost["callback_data"], chat_id=ADMIN, message_id=message_id, user_id=ADMIN)

    replies = await replies_to(api, ADMIN, 3)  # the listing, the held note, the refusal
    [refusal] = [r for r in replies if r["text"].startswith(f"{facts_file} has 4 facts")]
    assert refusal["text"].startswith(
        f"{facts_file} has 4 facts and 0 small-talk entries, fewer than the last good "
        f"version's {len(whole.facts)} and {len(whole.smalltalk)} (missing: "
    )
    assert refusal["text"].endswith(
        "so it may be half-saved and nothing was changed; wait until it is saved and teach "
        "again, or if the entries were removed on purpose, first send /reload to the bot or "
        "run: article-bot check --confirm"
    )
    assert facts_file.read_text(encoding="utf-8") == cut
