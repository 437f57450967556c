"""How precise a "when" question is, and whether an answer is that precise.

"What time did the launch happen?" asks the time of day and "какого числа запуск?" the
day; a fact that says only "delayed to August 1" or "в ноябре" does not answer them, and
the decision offers it instead of answering. The phrases that ask, and the words that
give, a time of day or a day are data per language (`bot/data/<language>/
time_precision.txt`); the shapes of a clock time ("10:30", "3pm") and of a date (a
month next to a number) are the same in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bot.language.text import tokenize
from bot.language.wordlists import section_lines

CLOCK = "time of day"
DAY = "day"

_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*[ap]\.?\s?m\b")
"""A clock time: "10:30", "10 a.m.", "3pm"."""
MAX_DAY_OF_MONTH = 31
"""The highest number that can be a day of a month."""


@dataclass(frozen=True, slots=True)
class _Data:
    asks: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    """By first token, the phrases (as tokens) that ask a precision, and which one;
    longest first."""
    clock_words: frozenset[str]
    day_words: frozenset[str]
    months: frozenset[str]


@cache
def _data() -> _Data:
    """Every language's time_precision.txt, merged (the scripts never collide)."""
    asks: list[tuple[tuple[str, ...], str]] = []
    sections: dict[str, set[str]] = {"clock words": set(), "day words": set(), "months": set()}
    for section, line, where in section_lines("time_precision.txt"):
        if section == "asks clock":
            asks.append((tuple(tokenize(line)), CLOCK))
        elif section == "asks day":
            asks.append((tuple(tokenize(line)), DAY))
        elif section in sections:
            sections[section].update(tokenize(line))
        else:
            raise ValueError(f"{where}: a line outside a known section")
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, precision in sorted(asks, key=lambda item: -len(item[0])):
        by_first.setdefault(phrase[0], []).append((phrase, precision))
    return _Data(
        {first: tuple(phrases) for first, phrases in by_first.items()},
        frozenset(sections["clock words"]),
        frozenset(sections["day words"]),
        frozenset(sections["months"]),
    )


def asked_precision(tokens: Sequence[str]) -> str | None:
    """`CLOCK` or `DAY` if the question's tokens ask for that precise a time, else None.

    >>> asked_precision(["what", "time", "did", "it", "launch"]), asked_precision(["when"])
    ('time of day', None)
    """
    asks = _data().asks
    for i, token in enumerate(tokens):
        for phrase, precision in asks.get(token, ()):
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                return precision
    return None


def precisions_given(text: str) -> frozenset[str]:
    """The precisions a text states: `CLOCK` for a time of day, `DAY` for a day (a time
    of day counts as giving its day too).

    >>> sorted(precisions_given("Weather delayed the launch to August 1."))
    ['day']
    >>> precisions_given("Bakanov invited Duffy to Baikonur in November.")
    frozenset()
    """
    data = _data()
    tokens = tokenize(text)
    found: set[str] = set()
    if _CLOCK_TIME.search(text.lower()) or not data.clock_words.isdisjoint(tokens):
        found.update((CLOCK, DAY))
    if not data.day_words.isdisjoint(tokens) or any(
        token in data.months and _has_day_number(tokens, i) for i, token in enumerate(tokens)
    ):
        found.add(DAY)
    return frozenset(found)


def is_month(token: str) -> bool:
    """Whether a token names a month ("august", "августа")."""
    return token in _data().months


def _has_day_number(tokens: Sequence[str], i: int) -> bool:
    """Whether a number that can be a day of the month stands next to token `i`."""
    return any(
        0 <= j < len(tokens) and tokens[j].isdigit() and 1 <= int(tokens[j]) <= MAX_DAY_OF_MONTH
        for j in (i - 1, i + 1)
    )
