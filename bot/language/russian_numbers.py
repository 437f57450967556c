"""Russian numbers said in words, read as digits: "в две тысячи восемнадцатом" (2018),
"с двухтысячного года" (2000), "тысяча девятьсот девяносто восьмом" (1998), "тридцать
первого июля" (31).

Russian declines its numerals, so a word is read through its lemma ("восемнадцатом" is
"восемнадцатый"). As in English (`bot.language.numbers`), only what cannot be an ordinary
word is read: a number of two words or more, a thousands form, and an ordinal beside a
month's name ("первого августа"); "один из немногих", "три космонавта" and "первая
встреча" stay as they are. The words are data (`bot/data/ru/number_words.txt`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bot.language.lexicon import lemmas
from bot.language.precision import is_month
from bot.language.text import stem
from bot.language.wordlists import section_lines

_CYRILLIC_START = re.compile("[а-яё]")
_ADJECTIVE_ENDINGS = tuple(
    "ый ий ой ая яя ое ее ые ие ых их ым им ом ем ую юю ого его ому ему ыми ими".split()
)
"""Endings of an ordinal's cases, which a cardinal ("тридцать", "тридцати") never has."""
_MIN_STEM = 5
SHORT_YEAR_PIVOT = 69
"""A year said in two digits ("в 24 году") is 20NN below this and 19NN from it on, as
POSIX `strptime`'s %y reads one."""
_CARDINAL = "cardinal"
_ORDINAL = "ordinal"


@dataclass(frozen=True, slots=True)
class _NumberWords:
    values: dict[str, tuple[int, str]]
    """Lemma -> (value, cardinal or ordinal)."""
    thousands: tuple[tuple[str, int], ...]
    """The starts of ordinal thousands' forms ("двухтысячн") with their value."""
    year: frozenset[str]
    """The singular forms of the word "year" ("году", "года")."""
    year_locative: frozenset[str]
    """…those that make a number before them a year whatever precedes it ("в 24 году")…"""
    year_prepositions: frozenset[str]
    """…and the prepositions of time that make a number before the others one ("до 28
    года"; "уже 24 года" counts years)."""


@cache
def _words() -> _NumberWords:
    """number_words.txt's sections."""
    first = {
        "units": (1, 1, _CARDINAL),
        "teens": (10, 1, _CARDINAL),
        "tens": (2, 10, _CARDINAL),
        "hundreds": (1, 100, _CARDINAL),
        "ordinal units": (1, 1, _ORDINAL),
        "ordinal teens": (10, 1, _ORDINAL),
        "ordinal tens": (2, 10, _ORDINAL),
        "thousand": (1, 1000, _CARDINAL),
    }
    extra = ["ordinal thousands", "year", "year locative", "year prepositions"]
    found: dict[str, list[str]] = {name: [] for name in [*first, *extra]}
    for section, line, where in section_lines("number_words.txt", ("ru",)):
        if section not in found:
            raise ValueError(f"{where}: in unknown section [{section}]")
        found[section].extend(line.split())
    values: dict[str, tuple[int, str]] = {}
    for section, (start, step, sort) in first.items():
        for offset, word in enumerate(found[section]):
            values[word] = ((start + offset) * step, sort)
    thousands = tuple(
        (start, (offset + 1) * 1000) for offset, start in enumerate(found["ordinal thousands"])
    )
    locative = frozenset(found["year locative"])
    return _NumberWords(
        values,
        thousands,
        frozenset(found["year"]) | locative,
        locative,
        frozenset(found["year prepositions"]),
    )


def _number_word(token: str) -> tuple[int, str] | None:
    """(value, cardinal or ordinal) of a Russian number word in any case, or None."""
    if not _CYRILLIC_START.match(token):
        return None
    words = _words()
    for start, value in words.thousands:
        if token.startswith(start):
            return value, _ORDINAL
    for lemma in lemmas(token, "ru"):
        if lemma in words.values:
            return words.values[lemma]
    # A form the lemma table lacks ("тридцатому"): by its stem, an ordinal if it ends as
    # an adjective does.
    by_stem = _by_stem().get(stem(token))
    if by_stem is None:
        return None
    return by_stem, _ORDINAL if token.endswith(_ADJECTIVE_ENDINGS) else _CARDINAL


@cache
def _by_stem() -> dict[str, int]:
    """Each number word's stem -> its value ("тридцат" of "тридцать" and "тридцатый")."""
    stems = {stem(word): value for word, (value, _) in _words().values.items()}
    # Short stems are other words' too ("сем" of "семья"): only long ones are read so.
    return {found: value for found, value in stems.items() if len(found) >= _MIN_STEM}


def russian_numbers_as_digits(tokens: Sequence[str]) -> list[str]:
    """The tokens with Russian numbers said in words replaced by their digits.

    >>> russian_numbers_as_digits("встречались в две тысячи восемнадцатом году".split())
    ['встречались', 'в', '2018', 'году']
    >>> russian_numbers_as_digits("с двухтысячного года".split())
    ['с', '2000', 'года']
    >>> russian_numbers_as_digits("в тысяча девятьсот девяносто восьмом".split())
    ['в', '1998']
    >>> russian_numbers_as_digits("тридцать первого июля".split())
    ['31', 'июля']
    >>> russian_numbers_as_digits("к две тысячи тридцатому".split())
    ['к', '2030']
    >>> russian_numbers_as_digits("первого августа".split())
    ['1', 'августа']
    >>> russian_numbers_as_digits("одна из первых встреч".split())
    ['одна', 'из', 'первых', 'встреч']
    >>> russian_numbers_as_digits("в двадцать четвёртом году".split())
    ['в', '2024', 'году']
    >>> russian_numbers_as_digits("до сорокового года".split())
    ['до', '2040', 'года']
    >>> russian_numbers_as_digits("в восемнадцатом году".split())
    ['в', '2018', 'году']
    >>> russian_numbers_as_digits("на третьем году жизни".split())  # the third year of…
    ['на', 'третьем', 'году', 'жизни']
    """
    out: list[str] = []
    i = 0
    while i < len(tokens):
        read = _number_word(tokens[i])
        if read is None:
            out.append(tokens[i])
            i += 1
            continue
        # A run of number words: thousands, then hundreds, tens and units below them.
        total, part, j, sort = 0, 0, i, _CARDINAL
        while j < len(tokens) and sort == _CARDINAL:
            read = _number_word(tokens[j])
            if read is None:
                break
            value, sort = read
            if value % 1000 == 0 and value >= 1000 and sort == _CARDINAL:
                total += (part or 1) * value  # "две тысячи", "тысяча"
                part = 0
            elif value >= 1000:
                total += (part or 1) * value  # "двухтысячного"
                part = 0
            else:
                part += value
            j += 1
        value, used = total + part, j - i
        beside_month = any(0 <= k < len(tokens) and is_month(tokens[k]) for k in (i - 1, j))
        if _is_year_word(tokens, j) and (used > 1 or (sort == _ORDINAL and value >= 10)):
            out.append(str(_full_year(value)))
        elif used > 1 or value >= 1000 or (sort == _ORDINAL and beside_month):
            out.append(str(value))
        else:
            out.extend(tokens[i:j])
        i = j
    return out


def _is_year_word(tokens: Sequence[str], at: int) -> bool:
    """Whether token `at` is the word "year" in the singular ("году", "года")."""
    return at < len(tokens) and tokens[at] in _words().year


def _full_year(value: int) -> int:
    """A year said in two digits in full: 24 is 2024, 98 is 1998; others unchanged."""
    if value >= 100:
        return value
    return value + (2000 if value < SHORT_YEAR_PIVOT else 1900)


def short_years_in_full(tokens: Sequence[str]) -> list[str]:
    """Years typed in two digits written in full: before "году", or before "года"/"год"
    after a preposition of time; not a count of years ("уже 24 года").

    >>> short_years_in_full("хотели закрыть в 24 году".split())
    ['хотели', 'закрыть', 'в', '2024', 'году']
    >>> short_years_in_full("до 28 года".split()), short_years_in_full("уже 24 года".split())
    (['до', '2028', 'года'], ['уже', '24', 'года'])
    """
    words = _words()
    out: list[str] = []
    for i, token in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        before = tokens[i - 1] if i else ""
        if (
            len(token) == 2
            and token.isdigit()
            and _is_year_word(tokens, i + 1)
            and (after in words.year_locative or before in words.year_prepositions)
        ):
            token = str(_full_year(int(token)))
        out.append(token)
    return out
