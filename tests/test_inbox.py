"""The inbox: updates taken from Telegram, kept until answered, across restarts."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot import inbox as inbox_module
from bot.inbox import KEEP_SECONDS, Inbox


def message(update_id: int, text: str = "where did they meet?") -> dict[str, Any]:
    chat = {"id": 7, "type": "private"}
    return {
        "update_id": update_id,
        "message": {"message_id": 1, "date": 0, "chat": chat, "text": text},
    }


class Clock:
    def __init__(self) -> None:
        self.now = 1_750_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "updates.sqlite3"


@pytest.fixture
def inbox(path: Path, clock: Clock) -> Iterator[Inbox]:
    box = Inbox(path, clock=clock)
    box.open()
    yield box
    box.close()


def reopened(path: Path, clock: Clock) -> Inbox:
    box = Inbox(path, clock=clock)
    box.open()
    return box


def test_unanswered_updates_survive_a_restart_in_order(
    inbox: Inbox, path: Path, clock: Clock
) -> None:
    """What was kept and not marked done comes back, as Telegram sent it, oldest first."""
    inbox.keep([message(3, "first"), message(1, "second")])
    inbox.keep([message(2, "ünïcode")])
    assert inbox.claim(3)
    inbox.done(3)
    inbox.close()
    again = reopened(path, clock)
    assert again.unanswered() == [message(1, "second"), message(2, "ünïcode")]
    assert again.unanswered_count() == 2
    again.close()


def test_an_answered_update_is_not_taken_again_even_after_a_restart(
    inbox: Inbox, path: Path, clock: Clock
) -> None:
    """claim refuses an update being answered, and one answered, also in the next run."""
    inbox.keep([message(1)])
    assert inbox.claim(1)
    assert not inbox.claim(1)
    inbox.done(1)
    assert not inbox.claim(1)
    inbox.keep([message(1)])  # delivered again: left as it is
    assert inbox.unanswered() == []
    inbox.close()
    again = reopened(path, clock)
    assert not again.claim(1)
    again.close()


def test_a_released_update_can_be_taken_again(inbox: Inbox) -> None:
    """An update given back unanswered (a stop) is still unanswered, and can be claimed."""
    inbox.keep([message(1)])
    assert inbox.claim(1)
    inbox.release(1)
    assert inbox.claim(1)
    assert [u["update_id"] for u in inbox.unanswered()] == [1]


def test_answered_updates_keep_no_message(inbox: Inbox, path: Path) -> None:
    """Once answered, only the id is left in the file: the reader's text is gone."""
    inbox.keep([message(1, "a private question")])
    inbox.claim(1)
    inbox.done(1)
    inbox.close()
    assert b"a private question" not in path.read_bytes()


def test_the_file_is_readable_by_its_owner_only(inbox: Inbox, path: Path) -> None:
    """The file holds readers' messages until they are answered: mode 0600."""
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_updates_older_than_a_day_are_dropped_at_start(
    inbox: Inbox, path: Path, clock: Clock
) -> None:
    """An update Telegram would no longer deliver is not answered a day late."""
    inbox.keep([message(1)])
    clock.now += KEEP_SECONDS - 60
    inbox.keep([message(2)])
    inbox.close()
    clock.now += 120
    again = reopened(path, clock)
    assert [u["update_id"] for u in again.unanswered()] == [2]
    again.close()


def test_only_recent_answered_ids_are_remembered(
    inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory and file stay bounded: answered ids beyond RECENT_IDS are forgotten."""
    monkeypatch.setattr(inbox_module, "RECENT_IDS", 3)
    monkeypatch.setattr(inbox_module, "PRUNE_EVERY", 2)
    for update_id in range(1, 7):
        inbox.keep([message(update_id)])
        inbox.claim(update_id)
        inbox.done(update_id)
    assert inbox.claim(1)  # forgotten
    assert not inbox.claim(6)


def test_an_inbox_kept_in_memory_works_without_a_file(clock: Clock) -> None:
    """With ARTICLE_BOT_UPDATES_DB=off the inbox lives in memory for the run."""
    box = Inbox(None, clock=clock)
    box.open()
    box.keep([message(1)])
    assert box.claim(1) and not box.claim(1)
    box.close()


def test_using_a_closed_inbox_says_what_to_do(clock: Clock) -> None:
    with pytest.raises(RuntimeError, match=r"the inbox is not open: call open\(\) first"):
        Inbox(None, clock=clock).keep([message(1)])
