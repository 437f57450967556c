"""The small talk every draft starts with, in English and Russian, from the package's
data file `bot/data/draft_smalltalk.yaml`."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def _entries() -> tuple[dict[str, Any], ...]:
    """The data file's entries, read once per process."""
    text = (resources.files("bot") / "data" / "draft_smalltalk.yaml").read_text("utf-8")
    entries: list[dict[str, Any]] = yaml.safe_load(text)
    return tuple(entries)


def default_smalltalk(title: str) -> list[dict[str, Any]]:
    """Greeting, thanks, acknowledgement, goodbye, who-are-you, what-can-you-do and
    how-are-you, with the article's `title` in the greeting."""
    return [
        {
            "id": entry["id"],
            "ask": {lang: list(asks) for lang, asks in entry["ask"].items()},
            "answer": {
                lang: text.replace("{title}", title) for lang, text in entry["answer"].items()
            },
        }
        for entry in _entries()
    ]
