"""Which language to answer a message in: pure, so it is tested without Telegram."""

from __future__ import annotations

from bot.answering.facts import DEFAULT_LANGUAGE, LANGUAGES
from bot.language.translit import message_language


def language_of_code(code: str | None) -> str | None:
    """Our language for a Telegram `language_code` such as "ru" or "en-GB", or None."""
    if not code:
        return None
    base = code.split("-")[0].lower()
    return base if base in LANGUAGES else None


def choose_language(
    text: str | None,
    *,
    fixed: str | None = None,
    last: str | None = None,
    user_code: str | None = None,
) -> str:
    """The reader's fixed choice (/language) first; then the message's own script; then the
    reader's last language; then the user's Telegram language; then English.

    >>> choose_language("где прошла встреча?")
    'ru'
    >>> choose_language("kogda oni vstretilis?")  # Russian in Latin letters
    'ru'
    >>> choose_language("🚀", last="ru")
    'ru'
    >>> choose_language("/start", user_code="ru-RU")
    'ru'
    """
    if fixed in LANGUAGES:
        return fixed
    detected = message_language(text or "")
    if detected is not None and not (text or "").lstrip().startswith("/"):
        return detected
    if last in LANGUAGES:
        return last
    return language_of_code(user_code) or DEFAULT_LANGUAGE
