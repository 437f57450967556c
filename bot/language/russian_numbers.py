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
_CARDINAL = "cardinal"
_ORDINAL = "ordinal"


@cache
def _values() -> tuple[dict[str, tuple[int, str]], tuple[tuple[str, int], ...]]:
    """Lemma -> (value, cardinal or ordinal); and the starts of ordinal thousands' forms
    with their value."""
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
    found: dict[str, list[str]] = {name: [] for name in [*first, "ordinal thousands"]}
    for section, line, where in section_lines("number_words.txt", ("ru",)):
        if section not in found:
            raise ValueError(f"{where}: in unknown section [{section}]")
        found[section].extend(line.split())
    values: dict[str, tuple[int, str]] = {}
    for section, (start, step, sort) in first.items():
        for offset, word in enumerate(found[section]):
            values[word] = ((start + offset) * step, sort)
    starts = tuple(
        (start, (offset + 1) * 1000) for offset, start in enumerate(found["ordinal thousands"])
    )
    return values, starts


def _number_word(token: str) -> tuple[int, str] | None:
    """(value, cardinal or ordinal) of a Russian number word in any case, or None."""
    if not _CYRILLIC_START.match(token):
        return None
    values, starts = _values()
    for start, value in starts:
        if token.startswith(start):
            return value, _ORDINAL
    for lemma in lemmas(token, "ru"):
        if lemma in values:
            return values[lemma]
    # A form the lemma table lacks ("тридцатому"): by its stem, an ordinal if it ends as
    # an adjective does.
    by_stem = _by_stem().get(stem(token))
    if by_stem is None:
        return None
    return by_stem, _ORDINAL if token.endswith(_ADJECTIVE_ENDINGS) else _CARDINAL


@cache
def _by_stem() -> dict[str, int]:
    """Each number word's stem -> its value ("тридцат" of "тридцать" and "тридцатый")."""
    stems = {stem(word): value for word, (value, _) in _values()[0].items()}
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
        if used > 1 or value >= 1000 or (sort == _ORDINAL and beside_month):
            out.append(str(value))
        else:
            out.extend(tokens[i:j])
        i = j
    return out
