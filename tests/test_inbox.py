"""The inbox: updates taken from Telegram, kept until answered, across restarts."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import ConfigError
from bot.frontend import inbox as inbox_module
from bot.frontend.inbox import KEEP_SECONDS, Inbox


def message(update_id: int, text: str = "where did they meet?") -> dict[str, Any]:
    chat = {"id": 7, "type": "private"}
    return {
        "update_id": update_id,
        "message": {"message_id": 1, "date": 0, "chat": chat, "text": text},
    }


def keep(inbox: Inbox, updates: list[dict[str, Any]]) -> None:
    """Keep `updates` as a getUpdates answer holding them."""
    body = json.dumps({"ok": True, "result": updates}, ensure_ascii=False).encode()
    inbox.keep(body, [u["update_id"] for u in updates])


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
    keep(inbox, [message(3, "first"), message(1, "second")])
    keep(inbox, [message(2, "ünïcode")])
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
    keep(inbox, [message(1)])
    assert inbox.claim(1)
    assert not inbox.claim(1)
    inbox.done(1)
    assert not inbox.claim(1)
    keep(inbox, [message(1)])  # delivered again: left as it is
    assert inbox.unanswered() == []
    inbox.close()
    again = reopened(path, clock)
    assert not again.claim(1)
    again.close()


def test_a_released_update_can_be_taken_again(inbox: Inbox) -> None:
    """An update given back unanswered (a stop) is still unanswered, and can be claimed."""
    keep(inbox, [message(1)])
    assert inbox.claim(1)
    inbox.release(1)
    assert inbox.claim(1)
    assert [u["update_id"] for u in inbox.unanswered()] == [1]


def test_answered_updates_keep_no_message(inbox: Inbox, path: Path) -> None:
    """Once every update fetched with it is answered, only the ids are left in the file."""
    keep(inbox, [message(1, "a private question"), message(2, "another")])
    inbox.claim(1)
    inbox.done(1)
    inbox.write()
    assert b"a private question" in path.read_bytes() + Path(f"{path}-wal").read_bytes()
    inbox.claim(2)
    inbox.done(2)
    inbox.close()
    assert b"a private question" not in path.read_bytes()


def test_the_file_is_readable_by_its_owner_only(inbox: Inbox, path: Path) -> None:
    """The file holds readers' messages until they are answered: mode 0600."""
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_updates_older_than_a_day_are_dropped_at_start(
    inbox: Inbox, path: Path, clock: Clock
) -> None:
    """An update Telegram would no longer deliver is not answered a day late."""
    keep(inbox, [message(1)])
    clock.now += KEEP_SECONDS - 60
    keep(inbox, [message(2)])
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
        keep(inbox, [message(update_id)])
        inbox.claim(update_id)
        inbox.done(update_id)
    assert inbox.claim(1)  # forgotten
    assert not inbox.claim(6)


def test_a_webhook_body_is_kept_as_one_update(inbox: Inbox) -> None:
    """A webhook posts one update at a time; it is kept as it came."""
    body = json.dumps(message(9, "ébène")).encode()
    inbox.keep(body, [9], one=True)
    assert inbox.unanswered() == [message(9, "ébène")]


def test_an_inbox_kept_in_memory_works_without_a_file(clock: Clock) -> None:
    """With ARTICLE_BOT_UPDATES_DB=off the inbox lives in memory for the run."""
    box = Inbox(None, clock=clock)
    box.open()
    keep(box, [message(1)])
    assert box.claim(1) and not box.claim(1)
    box.close()


def test_using_a_closed_inbox_says_what_to_do(clock: Clock) -> None:
    with pytest.raises(RuntimeError, match=r"the inbox is not open: call open\(\) first"):
        keep(Inbox(None, clock=clock), [message(1)])


def test_a_file_that_cannot_be_opened_is_a_configuration_error(tmp_path: Path) -> None:
    """A folder the bot cannot write to stops it with one line naming the setting."""
    path = tmp_path / "missing-folder" / "updates.sqlite3"
    with pytest.raises(ConfigError) as raised:
        Inbox(path).open()
    assert str(raised.value) == (
        f"ARTICLE_BOT_UPDATES_DB: cannot open {path} ([Errno 2] No such file or directory: "
        f"'{path}'); make its folder writable, point the variable at another file, or set it to off"
    )


def test_an_unreadable_batch_is_skipped_not_fatal(inbox: Inbox) -> None:
    """A damaged batch costs its own updates, never the start of the bot."""
    inbox.keep(b"{not json", [1])
    keep(inbox, [message(2)])
    assert [u["update_id"] for u in inbox.unanswered()] == [2]
