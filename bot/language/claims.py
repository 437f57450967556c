"""Years and dates that a yes/no question puts forward as a claim to check.

"Was the last meeting in 2019?" and "confirm: the launch moved to August 3" ask whether
the article agrees; a fact that states a year (or a day of a month) answers them either
way, and the reply quotes what the article says. So a year or a day of a month in a
yes/no question (`asks_yes_or_no`: by the words of `question_words.txt` per language,
or a question mark after a statement) is a claim: a fact explains it when its answer or
citation states a number of the same sort, and one that no fact mentions ranks no fact.
In an open question ("what happened in 2019?") or a keyword query ("ferry through
2029") the number stays a word the fact must explain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from bot.language.precision import is_month
from bot.language.text import tokenize
from bot.language.wordlists import section_lines

YEAR = "year"
DAY = "day of a month"

_YEAR = re.compile(r"^(?:1[0-9]|2[0-9])\d\d$")
_MAX_DAY_OF_MONTH = 31
_LEADING_FILLER = frozenset({"so", "and", "but", "ok", "okay", "wait", "а", "и", "так", "ну"})
"""Words before an opening question word that leave it the opening one ("so when…",
"а когда…")."""


@dataclass(frozen=True, slots=True)
class _QuestionWords:
    anywhere: frozenset[str]
    first: frozenset[str]
    yes_no_openers: frozenset[str]
    claim_words: frozenset[str]


_SECTIONS = ("asks", "asks when first", "yes-no openers", "claim words")


@cache
def _question_words() -> _QuestionWords:
    """Every language's question_words.txt, merged (the scripts never collide)."""
    sections: dict[str, set[str]] = {name: set() for name in _SECTIONS}
    for section, line, where in section_lines("question_words.txt"):
        if section not in sections:
            raise ValueError(f"{where}: in unknown section [{section}]")
        sections[section].update(line.split())
    return _QuestionWords(*(frozenset(sections[name]) for name in _SECTIONS))


def asks_yes_or_no(tokens: Sequence[str], question_mark: bool = False) -> bool:
    """Whether a question asks yes or no, or puts a claim to be confirmed: no open
    question word, and an auxiliary verb opens it, a claim word stands in it, or it is a
    statement that ends with a question mark (`question_mark`), as Russian asks yes or
    no ("они встречались в 2019?") and so do readers in a hurry ("they met in 2019?").

    >>> asks_yes_or_no(["so", "did", "they", "meet", "in", "2019"])
    True
    >>> asks_yes_or_no(["верно", "ли", "что", "они", "встречались", "в", "2019"])
    True
    >>> asks_yes_or_no(["so", "when", "did", "they", "meet"])
    False
    >>> asks_yes_or_no(["ferry", "through", "2029"])  # a keyword query
    False
    >>> asks_yes_or_no(["они", "встречались", "в", "2019"], question_mark=True)
    True
    """
    words = _question_words()
    if not words.anywhere.isdisjoint(tokens):
        return False
    opening = next((t for t in tokens if t not in _LEADING_FILLER), None)
    if opening in words.first:
        return False
    return (
        question_mark or opening in words.yes_no_openers or not words.claim_words.isdisjoint(tokens)
    )


def number_sort(tokens: Sequence[str], i: int) -> str | None:
    """`YEAR` or `DAY` if token `i` is a year or a day beside a month name, else None."""
    token = tokens[i]
    if not token.isdigit():
        return None
    if _YEAR.match(token):
        return YEAR
    if 1 <= int(token) <= _MAX_DAY_OF_MONTH and any(
        0 <= j < len(tokens) and is_month(tokens[j]) for j in (i - 1, i + 1)
    ):
        return DAY
    return None


def claimed_numbers(tokens: Sequence[str], question_mark: bool = False) -> dict[str, str]:
    """The years and days of a month that a yes/no question (`asks_yes_or_no`) puts
    forward as a claim, with their sort.

    >>> claimed_numbers(["was", "it", "in", "2019"])
    {'2019': 'year'}
    >>> claimed_numbers(["what", "happened", "in", "2019"])
    {}
    """
    if not asks_yes_or_no(tokens, question_mark):
        return {}
    found: dict[str, str] = {}
    for i, token in enumerate(tokens):
        sort = number_sort(tokens, i)
        if sort is not None:
            found.setdefault(token, sort)
    return found


def sorts_stated(texts: Iterable[str]) -> frozenset[str]:
    """The sorts of number (`YEAR`, `DAY`) that texts state.

    >>> sorted(sorts_stated(["Weather delayed the launch to August 1, 2025."]))
    ['day of a month', 'year']
    """
    found: set[str] = set()
    for text in texts:
        tokens = tokenize(text)
        found.update(filter(None, (number_sort(tokens, i) for i in range(len(tokens)))))
    return frozenset(found)
