"""English numbers spelt out in words, read as digits: "luna twenty five", "twenty twenty
eight", "nineteen ninety eight", "two thousand one", "july thirty first".

Readers who dictate or type in words write numbers that the article gives in digits. Only
what cannot be an ordinary word is read: a tens word with its unit ("twenty five"), a
tens word alone ("twenty"), the pairs and thousands that make a year, and an ordinal after
a tens word or a month ("thirty first", "july first"). "one of the few", "three
astronauts" and "the first meeting" stay as they are, as the fact base writes them.
The words are data (`bot/data/en/number_words.txt`).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.language.precision import is_month
from bot.language.wordlists import section_lines


def _words(section: str) -> list[str]:
    return [
        word
        for name, line, _ in section_lines("number_words.txt", ("en",))
        if name == section
        for word in line.split()
    ]


_UNITS = {word: value for value, word in enumerate(_words("units"), start=1)}
_TEENS = {word: value for value, word in enumerate(_words("teens"), start=10)}
_TENS = {word: 10 * value for value, word in enumerate(_words("tens"), start=2)}
_ORDINAL_UNITS = {word: value for value, word in enumerate(_words("ordinal units"), start=1)}
_CENTURIES = {19: 1900, 20: 2000}
"""The first half of a year said in two ("nineteen ninety eight", "twenty twenty eight")."""


def _two_digits(tokens: Sequence[str], i: int) -> tuple[int, int] | None:
    """(value, tokens used) of a number below 100 said at `i` ("twenty five", "forty",
    "eighteen"); units alone are left out, they are ordinary words."""
    word = tokens[i]
    if word in _TEENS:
        return _TEENS[word], 1
    if word in _TENS:
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if following in _UNITS:
            return _TENS[word] + _UNITS[following], 2
        return _TENS[word], 1
    return None


def spelt_numbers_as_digits(tokens: Sequence[str]) -> list[str]:
    """The tokens with English numbers said in words replaced by their digits.

    >>> spelt_numbers_as_digits("until twenty twenty eight".split())
    ['until', '2028']
    >>> spelt_numbers_as_digits("in nineteen ninety eight".split())
    ['in', '1998']
    >>> spelt_numbers_as_digits("two thousand or two thousand one".split())
    ['2000', 'or', '2001']
    >>> spelt_numbers_as_digits("on july thirty first".split())
    ['on', 'july', '31']
    >>> spelt_numbers_as_digits("one of the first ten".split())
    ['one', 'of', 'the', 'first', 'ten']
    """
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i]
        # "two thousand [and] [twenty] [one]"
        if word in _UNITS and i + 1 < len(tokens) and tokens[i + 1] == "thousand":
            value, j = _UNITS[word] * 1000, i + 2
            if j < len(tokens) and tokens[j] == "and":
                j += 1
            rest = _two_digits(tokens, j) if j < len(tokens) else None
            if rest is not None:
                value, j = value + rest[0], j + rest[1]
            elif j < len(tokens) and tokens[j] in _UNITS:
                value, j = value + _UNITS[tokens[j]], j + 1
            out.append(str(value))
            i = j
            continue
        first = _two_digits(tokens, i)
        if first is None:
            if word in _ORDINAL_UNITS and out and is_month(out[-1]):
                out.append(str(_ORDINAL_UNITS[word]))  # "july first"
            else:
                out.append(word)
            i += 1
            continue
        value, used = first
        j = i + used
        # "nineteen ninety eight", "twenty twenty eight": a year said in two.
        second = _two_digits(tokens, j) if value in _CENTURIES and j < len(tokens) else None
        if second is not None and second[0] >= 10:
            out.append(str(_CENTURIES[value] + second[0]))
            i = j + second[1]
            continue
        # "thirty first": a day of the month.
        if used == 1 and word in _TENS and j < len(tokens) and tokens[j] in _ORDINAL_UNITS:
            out.append(str(value + _ORDINAL_UNITS[tokens[j]]))
            i = j + 1
            continue
        if word in _TEENS:
            out.append(word)  # "ten", "twelve" alone: words the base writes so too
        else:
            out.append(str(value))
        i = j
    return out


SPELT_NUMBER_CUES = frozenset(_TEENS) | frozenset(_TENS) | frozenset({"thousand"})
"""The words without which a question holds no number to read (a cheap first test)."""
