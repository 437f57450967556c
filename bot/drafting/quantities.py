"""Dates and numbers in a sentence: what "when", "how many" and "how much" ask for.

Dates are read by shape (month names from `draft_words.txt`): a full date, a day, a
month of a year, a year, a relative time ("last week"), a span ("for decades"). Numbers
are figures or number words with the unit after them ("3.5 billion tonnes"), or a
currency sign before them ("$40m").
"""

from __future__ import annotations

import re

from bot.drafting.model import Sentence
from bot.drafting.words import (
    CURRENCY,
    DETERMINERS,
    DURATIONS,
    MONTHS,
    NUMBER_WORDS,
    RELATIVE_TIMES,
    WEEKDAYS,
)
from bot.language.text import STOPWORDS

CURRENCY_SIGNS = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen", "₽": "roubles"}


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(sorted((w.capitalize() for w in words), key=lambda w: (-len(w), w)))


_MONTH = rf"(?:{_alternatives(MONTHS - {'may'})})"
_ANY_MONTH = rf"(?:{_alternatives(MONTHS)})"
_WEEKDAY = rf"(?:{_alternatives(WEEKDAYS)})"
WEEKDAY = re.compile(_WEEKDAY)
DATE = re.compile(
    rf"(?P<full>{_ANY_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_ANY_MONTH}\s+\d{{4}})"
    rf"|(?P<day>{_ANY_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}\s+{_ANY_MONTH}\b)"
    rf"|(?P<month>{_ANY_MONTH}\s+\d{{4}})"
    r"|(?P<year>\b(?:1[5-9]|20)\d{2}s?\b)"
    rf"|(?P<bare>\b{_MONTH}\b)"
    rf"|(?P<relative>\b(?:last|next|this|early|late)\s+(?:{'|'.join(sorted(RELATIVE_TIMES))}"
    rf"|{_WEEKDAY})\b|\b{_WEEKDAY}\b|\b(?:yesterday|today|tomorrow)\b)"
    rf"|(?P<span>\bfor\s+(?:(?:\w+\s+)?(?:{'|'.join(sorted(DURATIONS))}))\b|\bsince\s+(?:then|\d{{4}})\b)"
)
DATE_STRENGTH = {"full": 4, "day": 3, "month": 2, "year": 1, "bare": 1, "relative": 1, "span": 1}
"""How precisely a date answers "when": a full date best."""


def find_dates_and_numbers(sentence: Sentence) -> None:
    """Fill `sentence.dates` and `sentence.numbers` (figures with their units)."""
    taken: list[tuple[int, int]] = []
    for m in DATE.finditer(sentence.text):
        sentence.dates.append((m.group(), m.lastgroup or "year"))
        taken.append(m.span())
    tokens = sentence.tokens
    for i, token in enumerate(tokens):
        if any(s <= token.start < e for s, e in taken):
            continue
        word = token.lower
        numeric = token.text[:1].isdigit()
        if not numeric and word not in NUMBER_WORDS:
            continue
        if numeric and re.search(r"[a-z]", word) and "-" not in word:
            sign = _sign_before(sentence.text, token.start)
            if sign and re.fullmatch(r"[\d.,]+(?:m|bn|k)", word):
                sentence.numbers.append((token.text, sign))
            continue  # "3rd" is an order
        if not numeric and i and tokens[i - 1].lower in DETERMINERS:
            continue  # "the two agencies" points back; it counts nothing
        sign = _sign_before(sentence.text, token.start)
        unit = sign or (word.split("-", 1)[1] if "-" in word else "")
        previous = token
        for follower in tokens[i + 1 : i + 4]:
            if unit or sentence.text[previous.end : follower.start].strip():
                break  # "Ken Bates, 42, built": a comma ends the figure
            previous = follower
            if follower.lower in NUMBER_WORDS or follower.lower in ("percent",):
                continue
            unit = follower.lower
            if sentence.text[follower.end : follower.end + 2] in ("/h", "/s"):
                unit += sentence.text[follower.end : follower.end + 2]  # "km/h", "m/s"
        if unit and unit not in STOPWORDS:
            sentence.numbers.append((token.text, unit))


def _sign_before(text: str, start: int) -> str:
    before = text[max(0, start - 2) : start].strip()
    return CURRENCY_SIGNS.get(before[-1:], "") if before else ""


def is_money(sentence: Sentence) -> bool:
    """Whether a number of the sentence is an amount of money."""
    return any(unit in CURRENCY for _, unit in sentence.numbers)
