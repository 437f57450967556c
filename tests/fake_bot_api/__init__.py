"""A fake Telegram Bot API server for end-to-end tests."""

from .server import ApiError, Call, FakeBotAPI, check_text, parse_html, utf16_len

__all__ = ["ApiError", "Call", "FakeBotAPI", "check_text", "parse_html", "utf16_len"]
