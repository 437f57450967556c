"""Settings from the environment: the delivery and stop settings, and what they refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings


def test_delivery_settings_have_safe_defaults() -> None:
    """Replies are retried for 5 minutes, a stop answers for 5 s, the inbox sits beside the misses."""
    settings = Settings.from_env({"ARTICLE_BOT_DB": "/data/article-bot.sqlite3"})
    assert settings.send_deadline == 300
    assert settings.stop_grace == 5
    assert settings.updates_db == Path("/data/article-bot-updates.sqlite3")


@pytest.mark.parametrize(
    ("env", "updates_db"),
    [
        ({}, Path("article-bot-updates.sqlite3")),
        ({"ARTICLE_BOT_DB": "off"}, Path("article-bot-updates.sqlite3")),
        (
            {"ARTICLE_BOT_UPDATES_DB": "/var/lib/bot/frontend/inbox.sqlite3"},
            Path("/var/lib/bot/frontend/inbox.sqlite3"),
        ),
        ({"ARTICLE_BOT_UPDATES_DB": "off"}, None),
    ],
)
def test_the_inbox_file_can_be_moved_or_kept_in_memory(
    env: dict[str, str], updates_db: Path | None
) -> None:
    assert Settings.from_env(env).updates_db == updates_db


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"ARTICLE_BOT_SEND_DEADLINE_SECONDS": "0"},
            "ARTICLE_BOT_SEND_DEADLINE_SECONDS must be between 1 and 86400, got 0",
        ),
        (
            {"ARTICLE_BOT_STOP_GRACE_SECONDS": "soon"},
            "ARTICLE_BOT_STOP_GRACE_SECONDS must be a whole number, got 'soon'",
        ),
    ],
)
def test_a_bad_delivery_setting_names_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        Settings.from_env(env)
    assert str(raised.value) == message
