"""Settings from environment variables, read in this one place.

Telegram's own `TELEGRAM_BOT_TOKEN` and `TELEGRAM_BASE_URL` aside, every variable is
named `ARTICLE_BOT_*`. They may also be written in `.env` in the working directory (as
`.env.example` shows); a variable set in the environment wins over the file. A missing
or malformed value raises `ConfigError` naming the variable and how to set it; the
token and the other secrets (the webhook secret, the misses database's key) never
appear in a repr or a message.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from dotenv import dotenv_values

DEFAULT_RETENTION_DAYS = 90
"""Days a recorded unanswered question is kept (ARTICLE_BOT_RETENTION_DAYS)."""

PACKAGED_FACTS = Path(__file__).with_name("facts.yaml")
DEFAULT_DB = "article-bot.sqlite3"
ENV_FILE = Path(".env")
"""Settings for this folder, read when `article-bot` starts; the environment wins."""
DEFAULT_UPDATES_DB = "article-bot-updates.sqlite3"
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
MIN_KEY_CHARS = 32
"""The shortest key that makes a stored chat hash unreadable without it: ARTICLE_BOT_DB_KEY,
or a key file beside the database (a shorter file is damaged or still being written)."""
_TOKEN_LIKE_RE = re.compile(r"\d+:[A-Za-z0-9_-]{20,}")
_SECRET_LIKE_RE = re.compile(r"[A-Za-z0-9_-]{32,}")
"""A run of characters as long as a generated secret (token_urlsafe(32) gives 43)."""
_ON = {"on", "true", "1", "yes"}
_OFF = {"off", "false", "0", "no"}


_Getter = Callable[[str], "str | None"]
"""Reads one variable, stripped; None when unset or blank."""


class ConfigError(Exception):
    """A setting is missing or malformed; the message names the variable and the fix."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the bot and the CLI read from the environment."""

    token: str | None = field(default=None, repr=False)
    base_url: str | None = None
    facts_path: Path = field(default_factory=lambda: default_facts_path())
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    listen: str = "0.0.0.0"
    port: int = 8443
    log_level: str = "INFO"
    admins: frozenset[int] = frozenset()
    rate_limit: bool = True
    db_path: Path | None = Path(DEFAULT_DB)
    db_key: str | None = field(default=None, repr=False)
    retention_days: int = DEFAULT_RETENTION_DAYS
    reload_seconds: float = 2.0
    send_deadline: float = 300.0
    """Seconds for which a failing reply is retried before it is given up."""
    stop_grace: float = 5.0
    """Seconds the bot goes on answering after SIGTERM before it stops."""
    updates_db: Path | None = None
    """The inbox of updates not answered yet (`bot.frontend.inbox`); None: in memory."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and check every variable (by default the environment over `.env`);
        raise `ConfigError` on the first bad one."""
        env = environment() if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        token = get("TELEGRAM_BOT_TOKEN")
        if token is not None and not _TOKEN_RE.match(token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not a bot token (expected digits, a colon and at least "
                "20 letters, as @BotFather gives it)"
            )
        base_url = get("TELEGRAM_BASE_URL")
        if base_url is not None:
            _require_url("TELEGRAM_BASE_URL", base_url, example="http://127.0.0.1:8081/bot")
        webhook_url = get("ARTICLE_BOT_WEBHOOK_URL")
        if webhook_url is not None:
            _require_url(
                "ARTICLE_BOT_WEBHOOK_URL", webhook_url, example="https://bot.example.org/telegram"
            )
        secret = get("ARTICLE_BOT_WEBHOOK_SECRET")
        if secret is not None and not _SECRET_RE.match(secret):
            raise ConfigError(
                "ARTICLE_BOT_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and -, 1 to 256 characters"
            )
        if webhook_url is not None and secret is None:
            raise ConfigError(
                "ARTICLE_BOT_WEBHOOK_SECRET is required with ARTICLE_BOT_WEBHOOK_URL, so that only "
                "Telegram can post updates (e.g. the output of: python -c 'import secrets; "
                "print(secrets.token_urlsafe(32))')"
            )
        db_key = get("ARTICLE_BOT_DB_KEY")
        if db_key is not None and len(db_key) < MIN_KEY_CHARS:
            # The value is a secret: say how long it is, never what it is.
            raise ConfigError(
                f"ARTICLE_BOT_DB_KEY must be at least {MIN_KEY_CHARS} characters long, "
                f"got {len(db_key)} (e.g. the output of: python -c 'import secrets; "
                "print(secrets.token_hex(32))')"
            )
        facts = get("ARTICLE_BOT_FACTS")
        log_level = (get("ARTICLE_BOT_LOG_LEVEL") or "INFO").upper()
        if log_level not in _LOG_LEVELS:
            raise ConfigError(f"ARTICLE_BOT_LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}")
        return cls(
            token=token,
            base_url=base_url,
            facts_path=Path(facts) if facts else default_facts_path(),
            webhook_url=webhook_url,
            webhook_secret=secret,
            listen=get("ARTICLE_BOT_WEBHOOK_LISTEN") or "0.0.0.0",
            port=_int(get, "ARTICLE_BOT_WEBHOOK_PORT", 8443, low=1, high=65535),
            log_level=log_level,
            admins=_admins(get("ARTICLE_BOT_ADMINS")),
            rate_limit=_switch(get, "ARTICLE_BOT_RATE_LIMIT", default=True),
            db_path=_db_path(get("ARTICLE_BOT_DB")),
            db_key=db_key,
            retention_days=_int(
                get, "ARTICLE_BOT_RETENTION_DAYS", DEFAULT_RETENTION_DAYS, low=1, high=36500
            ),
            reload_seconds=_int(get, "ARTICLE_BOT_RELOAD_SECONDS", 2, low=0, high=86400),
            send_deadline=_int(get, "ARTICLE_BOT_SEND_DEADLINE_SECONDS", 300, low=1, high=86400),
            stop_grace=_int(get, "ARTICLE_BOT_STOP_GRACE_SECONDS", 5, low=0, high=3600),
            updates_db=_updates_db(get("ARTICLE_BOT_UPDATES_DB"), get("ARTICLE_BOT_DB")),
        )


def environment(env_file: Path | None = None) -> dict[str, str]:
    """The process environment over the variables of `env_file` (default `ENV_FILE`):
    a variable set in both keeps the environment's value, as python-dotenv's
    `load_dotenv` does, without changing `os.environ` for the rest of the process."""
    values = dotenv_values(ENV_FILE if env_file is None else env_file)
    from_file = {name: value for name, value in values.items() if value is not None}
    return {**from_file, **os.environ}


def default_facts_path() -> Path:
    """facts.yaml in the working directory, else the copy shipped with the package."""
    local = Path("facts.yaml")
    return local if local.is_file() else PACKAGED_FACTS


def _db_path(raw: str | None) -> Path | None:
    """The misses database; `off` records nothing."""
    if raw is not None and raw.lower() in _OFF:
        return None
    return Path(raw or DEFAULT_DB)


def _updates_db(raw: str | None, db: str | None) -> Path | None:
    """The inbox file: by default beside ARTICLE_BOT_DB (in the working directory when
    that is off); `off` keeps it in memory."""
    if raw is not None:
        return None if raw.lower() in _OFF else Path(raw)
    misses = _db_path(db)
    folder = misses.parent if misses is not None else Path()
    return folder / DEFAULT_UPDATES_DB


def _require_url(name: str, value: str, *, example: str) -> None:
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(f"{name} must be an http(s) URL, e.g. {example}")


def _shown(raw: str) -> str:
    """A bad value as an error message may quote it: not at all when it looks like a
    token or a secret (pasted into the wrong variable, it is still a secret).

    >>> _shown("eighty")
    "'eighty'"
    >>> _shown("123456:" + "A" * 35)
    'a value that looks like a bot token (not shown; is it in the wrong variable?)'
    """
    if _TOKEN_LIKE_RE.search(raw):
        kind = "a bot token"
    elif _SECRET_LIKE_RE.search(raw):
        kind = "a secret"
    else:
        return repr(raw)
    return f"a value that looks like {kind} (not shown; is it in the wrong variable?)"


def _int(get: _Getter, name: str, default: int, *, low: int, high: int) -> int:
    raw = get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {_shown(raw)}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, got {value}")
    return value


def _switch(get: _Getter, name: str, *, default: bool) -> bool:
    raw = get(name)
    if raw is None:
        return default
    if raw.lower() in _ON:
        return True
    if raw.lower() in _OFF:
        return False
    raise ConfigError(f"{name} must be on or off, got {_shown(raw)}")


def _admins(raw: str | None) -> frozenset[int]:
    if raw is None:
        return frozenset()
    ids: set[int] = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise ConfigError(
                "ARTICLE_BOT_ADMINS must be Telegram user ids separated by commas, "
                f"got {_shown(part)}"
            )
        ids.add(int(part))
    return frozenset(ids)
