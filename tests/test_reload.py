"""Live reload: a finished, whole edit is swapped in; a save in progress never is."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import pytest
from conftest import InPlaceSave, StartSave, WriteFacts

from bot.answering.engine import Engine, EngineRef
from bot.answering.facts import load
from bot.cli import main
from bot.curation.guard import Inventory, LastGood, read_last_good, write_last_good
from bot.curation.reload import FactsWatcher, ReloadResult

CUT_AFTER_THREE_FACTS = 39
"""In `six_facts_yaml`, the first 39 lines are a valid base of 3 facts and no small talk."""
CUT_AFTER_ONE_SMALLTALK = 58
"""...and the first 58 lines one of all 6 facts and 1 small-talk entry."""
HELD_THREE_OF_SIX = (
    "{path} has 3 facts and 0 small-talk entries, fewer than the last good version's 6 and "
    "2 (missing: extra-2, extra-3, extra-4, greeting, thanks). It may be half-saved, so the "
    "bot still answers from the last good version; if the entries were removed on purpose, "
    "send /reload to the bot or run: article-bot check --confirm"
)

EXTRA_4 = (
    "  - id: extra-4\n"
    "    cite: The town council voted on Monday to build a new bridge.\n"
    "    answer: Extra answer 4.\n"
    "    ask: [extra question number 4]\n"
)


class Watched:
    """A watcher over one file, with the engine it keeps and the edits it refused."""

    def __init__(self, path: Path) -> None:
        self.engine = EngineRef(Engine(load(path)))
        self.refused: list[ReloadResult] = []
        self.sleeps: list[float] = []
        self.watcher = FactsWatcher(
            path, self.engine, interval=0, settle=0.5, sleep=self._sleep, on_refused=self._tell
        )
        self.while_settling: list[InPlaceSave] = []

    async def _tell(self, result: ReloadResult) -> None:
        self.refused.append(result)

    async def _sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        for save in self.while_settling:
            save.write_lines(2)

    async def polls(self, count: int) -> list[str | None]:
        """The status of each of `count` polls (None: nothing done)."""
        results = [await self.watcher.poll_once() for _ in range(count)]
        return [r.status if r else None for r in results]

    @property
    def facts(self) -> int:
        """How many facts the bot answers from now."""
        return len(self.engine.current.base.facts)

    def answer(self, fact_id: str) -> str:
        """The English answer the bot gives now for `fact_id`."""
        return self.engine.current.base.by_id[fact_id].answer("en")


def rewrite(path: Path, text: str) -> None:
    """Replace the file's content in place, with an mtime of its own (as a second save
    within one clock tick would not get)."""
    mtime = path.stat().st_mtime_ns + 1_000_000
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime, mtime))


def record_of(path: Path) -> LastGood:
    """The record of the file as it is now."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return LastGood(digest, Inventory.of(load(path)))


@pytest.fixture
def six(write_facts: WriteFacts, six_facts_yaml: str) -> Path:
    """The six-fact base, saved."""
    return write_facts(six_facts_yaml)


@pytest.fixture
def edited(six_facts_yaml: str) -> str:
    """The six-fact base with one answer reworded: the save a curator makes."""
    return six_facts_yaml.replace("Extra answer 4.", "Extra answer four.")


# --- a save in progress -------------------------------------------------------------------
async def test_a_slow_in_place_save_never_shrinks_the_served_base(
    six: Path, start_save: StartSave, edited: str
) -> None:
    """Polled between every line of an in-place save, the bot keeps all 6 facts, then
    serves the finished file."""
    watched = Watched(six)
    save = start_save(six, edited)
    served = []
    while not save.done:
        save.write_lines(1)
        await watched.watcher.poll_once()
        served.append(watched.facts)
    save.finish()

    assert await watched.polls(2) == [None, "reloaded"]
    assert set(served) == {6}
    assert watched.answer("extra-4") == "Extra answer four."
    assert watched.refused == []


async def test_an_edit_is_reloaded_once_two_polls_see_the_same_size_mtime_and_inode(
    six: Path, edited: str
) -> None:
    """The first poll after a change only notes it; the next, seeing no further change,
    reloads."""
    watched = Watched(six)
    rewrite(six, edited)

    assert await watched.polls(3) == [None, "reloaded", None]
    assert watched.answer("extra-4") == "Extra answer four."


async def test_a_save_paused_where_the_yaml_validates_is_held_and_admins_told_once(
    six: Path, start_save: StartSave, edited: str
) -> None:
    """A cut-short copy that keeps still and validates is held, not served: one notice
    however many polls see it; the finished save is then swapped in."""
    watched = Watched(six)
    save = start_save(six, edited)
    save.write_up_to(CUT_AFTER_THREE_FACTS)

    assert await watched.polls(5) == [None, "held", None, None, None]
    assert watched.facts == 6
    assert [(r.status, r.message) for r in watched.refused] == [
        ("held", HELD_THREE_OF_SIX.format(path=six))
    ]

    save.finish()
    assert await watched.polls(2) == [None, "reloaded"]
    assert watched.answer("extra-4") == "Extra answer four."
    assert len(watched.refused) == 1


async def test_a_lost_small_talk_entry_is_held_too(
    six: Path, start_save: StartSave, six_facts_yaml: str
) -> None:
    """Small talk counts as well: a copy with every fact but one small-talk entry fewer
    is held."""
    watched = Watched(six)
    start_save(six, six_facts_yaml).write_up_to(CUT_AFTER_ONE_SMALLTALK)

    assert await watched.polls(2) == [None, "held"]
    assert watched.refused[0].message.startswith(
        f"{six} has 6 facts and 1 small-talk entry, fewer than the last good version's 6 and "
        "2 (missing: thanks)."
    )
    assert len(watched.engine.current.base.smalltalk) == 2


# --- what still swaps ---------------------------------------------------------------------
async def test_an_edit_that_adds_a_fact_swaps_as_before(six: Path, six_facts_yaml: str) -> None:
    """Growth needs no confirmation."""
    watched = Watched(six)
    extra = (
        "  - id: extra-5\n"
        "    cite: The town council voted on Monday to build a new bridge.\n"
        "    answer: Extra answer 5.\n"
        "    ask: [extra question number 5]\n"
    )
    rewrite(six, six_facts_yaml.replace("smalltalk:\n", extra + "smalltalk:\n"))

    assert await watched.polls(2) == [None, "reloaded"]
    assert watched.facts == 7


async def test_a_same_size_edit_swaps_as_before(six: Path, six_facts_yaml: str) -> None:
    """A reworded answer of the same length is noticed by its mtime alone."""
    watched = Watched(six)
    rewrite(six, six_facts_yaml.replace("Extra answer 4.", "Extra answer 9."))

    assert await watched.polls(2) == [None, "reloaded"]
    assert watched.answer("extra-4") == "Extra answer 9."


async def test_an_invalid_edit_is_refused_and_told_once(six: Path, six_facts_yaml: str) -> None:
    """A broken file that keeps still is reported once, with file and line."""
    watched = Watched(six)
    rewrite(six, six_facts_yaml.replace("version: 1", "version: 1\n  broken: ["))

    assert await watched.polls(4) == [None, "invalid", None, None]
    assert [r.status for r in watched.refused] == ["invalid"]
    assert str(watched.refused[0].error).startswith(f"{six}:2: ")
    assert watched.facts == 6


# --- confirming a removal -------------------------------------------------------------------
async def test_reload_with_confirm_swaps_in_a_held_removal(six: Path, six_facts_yaml: str) -> None:
    """The admin's /reload accepts fewer facts, and records the new base as last good."""
    watched = Watched(six)
    rewrite(six, six_facts_yaml.replace(EXTRA_4, ""))
    assert await watched.polls(2) == [None, "held"]

    result = await watched.watcher.reload(confirm=True)

    assert result.status == "reloaded"
    assert watched.facts == 5
    assert watched.sleeps == [0.5]
    record = read_last_good(six)
    assert record is not None
    assert record.inventory == Inventory.of(load(six))


async def test_reload_without_confirm_still_holds_a_removal(
    six: Path, start_save: StartSave, six_facts_yaml: str
) -> None:
    """Reloading is not confirming: only `confirm` swaps in a smaller base."""
    watched = Watched(six)
    start_save(six, six_facts_yaml).write_up_to(CUT_AFTER_THREE_FACTS)

    result = await watched.watcher.reload()

    assert (result.status, watched.facts) == ("held", 6)


async def test_a_removal_confirmed_from_the_command_line_is_swapped_in_at_the_next_poll(
    six: Path, start_save: StartSave, six_facts_yaml: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`article-bot check --confirm` records the file; the watcher, holding it, sees that."""
    watched = Watched(six)
    save = start_save(six, six_facts_yaml)
    save.write_up_to(CUT_AFTER_THREE_FACTS)
    assert await watched.polls(3) == [None, "held", None]

    assert main(["check", "--confirm", str(six)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"{six}: confirmed as the last good version (3 facts and 0 small-talk entries); a "
        "running bot answers from it at its next check"
    )

    assert await watched.polls(2) == ["reloaded", None]
    assert watched.facts == 3


async def test_reload_waits_for_the_file_to_keep_still(
    six: Path, start_save: StartSave, edited: str
) -> None:
    """/reload during a save answers that the file is still changing, and swaps nothing."""
    watched = Watched(six)
    save = start_save(six, edited)
    save.write_up_to(CUT_AFTER_THREE_FACTS)
    watched.while_settling.append(save)

    result = await watched.watcher.reload(confirm=True)

    assert (result.status, result.message) == (
        "changing",
        f"{six} is still changing (an editor may be saving it); not reloaded, try again once "
        "it is saved",
    )
    assert watched.facts == 6
    assert watched.refused == []


# --- the record at start ------------------------------------------------------------------
async def test_the_base_the_bot_starts_with_is_recorded_as_last_good(six: Path) -> None:
    """`teach` and `check`, run in other processes, compare with what the bot runs."""
    await Watched(six).watcher.start()

    assert read_last_good(six) == record_of(six)


async def test_a_smaller_file_at_start_is_served_and_logged_but_not_recorded(
    six: Path, start_save: StartSave, six_facts_yaml: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Started on a cut-short file, the bot has nothing else to serve; the record keeps
    the bigger version, so `teach` still refuses to build on the cut."""
    write_last_good(six, record_of(six))
    before = read_last_good(six)
    start_save(six, six_facts_yaml).write_up_to(CUT_AFTER_THREE_FACTS)

    with caplog.at_level(logging.WARNING, logger="bot.curation.reload"):
        await Watched(six).watcher.start()

    assert read_last_good(six) == before
    assert caplog.messages == [
        f"{six} has 3 facts and 0 small-talk entries, fewer than the last good version's 6 "
        "and 2 (missing: extra-2, extra-3, extra-4, greeting, thanks); answering from it, as "
        "it is the only version there is. If the entries were removed on purpose, send "
        "/reload to the bot or run: article-bot check --confirm"
    ]


# --- check ------------------------------------------------------------------------------------
def test_check_warns_when_the_file_has_fewer_entries_than_the_last_good_version(
    six: Path, six_facts_yaml: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cut-short file validates, so `check` says OK, but not without the warning."""
    write_last_good(six, record_of(six))
    six.write_text(six_facts_yaml.replace(EXTRA_4, ""), encoding="utf-8")

    assert main(["check", str(six)]) == 0
    *_, last_warning, count = capsys.readouterr().out.splitlines()
    assert last_warning == (
        f"{six}: warning: {six} has 5 facts and 2 small-talk entries, fewer than the last good "
        "version's 6 and 2 (missing: extra-4); a running bot keeps answering from the last good "
        "version until you confirm that they were removed on purpose: send /reload to the bot "
        "or run: article-bot check --confirm"
    )
    assert count.endswith(" warnings")


def test_check_confirm_records_the_file_so_check_no_longer_warns(
    six: Path, six_facts_yaml: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """After `--confirm` the smaller file is the last good version."""
    write_last_good(six, record_of(six))
    six.write_text(six_facts_yaml.replace(EXTRA_4, ""), encoding="utf-8")

    assert main(["check", "--confirm", str(six)]) == 0
    assert main(["check", str(six)]) == 0

    out = capsys.readouterr().out
    assert (
        f"{six}: confirmed as the last good version (5 facts and 2 small-talk entries); a "
        "running bot answers from it at its next check\n"
    ) in out
    assert "fewer than" not in out
    assert read_last_good(six) == record_of(six)
