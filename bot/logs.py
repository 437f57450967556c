"""Logging set-up: one place, with secrets scrubbed from every record."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import stamina.instrumentation

REDACTED = "[REDACTED]"


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """`text` with each secret, and the secret half of a bot token ("123:ABC…" -> "ABC…"),
    replaced by [REDACTED].

    >>> redact("token 123456:ABCDEFGHIJ, or ABCDEFGHIJ alone", ["123456:ABCDEFGHIJ"])
    'token [REDACTED], or [REDACTED] alone'
    """
    for secret in _with_halves(secrets):
        text = text.replace(secret, REDACTED)
    return text


def _with_halves(secrets: Iterable[str | None]) -> list[str]:
    """The secrets, then the part after the colon of each that is a bot token: a token's
    id half is the bot's public user id, its other half the secret."""
    given = [s for s in secrets if s]
    halves = [s.partition(":")[2] for s in given if ":" in s]
    return given + [h for h in halves if len(h) >= 8]


class RedactingFilter(logging.Filter):
    """Replaces each secret in a record's rendered message (and traceback) by [REDACTED]."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        super().__init__()
        self.secrets = _with_halves(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message once, scrub it, and keep the record."""
        if not self.secrets:
            return True
        text = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
            if record.exc_text:
                record.exc_text = record.exc_text.replace(secret, REDACTED)
        record.msg, record.args = text, None
        return True


def configure_logging(level: str | int, secrets: Iterable[str | None] = ()) -> None:
    """Log to stderr at `level`; httpx's request lines (which carry the bot token in the
    URL) are kept to warnings, and secrets are scrubbed from whatever still gets through."""
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    redact = RedactingFilter(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # stamina logs each retry as a bare "stamina.retry_scheduled" (its details only in the
    # record's `extra`, which this format drops); bot.frontend.delivery says what it retries itself.
    stamina.instrumentation.set_on_retry_hooks([])
