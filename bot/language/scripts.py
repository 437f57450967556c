"""Text as a reader types it, made the text the program reads: Unicode compatibility
forms and invisible characters (`normalise`), accents on Latin letters and letters of the
other script inside a word (`fold_scripts`). Readers type "maori" for "Māori", and a
Cyrillic "е" in "wherе" looks like a Latin one; neither may split a word or hide it.
"""

from __future__ import annotations

import re
import unicodedata

from bot.language.wordlists import word_lists

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
"""Invisible characters that split a word for a program and not for a reader."""
_TO_CYRILLIC = word_lists().confusables
_TO_LATIN = {cyrillic: latin for latin, cyrillic in _TO_CYRILLIC.items()}
_MIXED_WORD = re.compile(r"[a-zа-яё]*(?:[a-z][а-яё]|[а-яё][a-z])[a-zа-яё]*")


def normalise(text: str) -> str:
    """Unicode NFKC (full-width letters, ligatures, compatibility forms made plain), with
    zero-width characters and soft hyphens removed.

    >>> normalise("ｗｈｅｒｅ\u200b is baiko\u00adnur")
    'where is baikonur'
    """
    return unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)


_UNDECOMPOSABLE = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "þ": "th",
    "ı": "i",
}
"""Latin letters that Unicode does not decompose into a plain letter and a mark."""


class _LatinMarks(dict[int, str]):
    """A `str.translate` table, filled as characters come, that writes a Latin letter
    without its accents ("māori" -> "maori", "é" -> "e", "ß" -> "ss"): readers seldom type
    them, and a word's letters must stay one token. Other scripts pass unchanged (the
    Russian "й" keeps its breve)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = char
        if unicodedata.name(char, "").startswith("LATIN"):
            base = unicodedata.normalize("NFKD", char)
            letters = "".join(c for c in base if not unicodedata.combining(c))
            folded = _UNDECOMPOSABLE.get(char, letters if letters.isascii() else char)
        self[code] = folded
        return folded


_LATIN_MARKS = _LatinMarks()


def _fold_lookalikes(found: re.Match[str]) -> str:
    """A lowercase word of mixed scripts in the script most of its letters are in, the
    other script's look-alikes replaced ("wherе" with a Cyrillic е -> "where")."""
    word = found.group()
    cyrillic = sum(1 for ch in word if "а" <= ch <= "я" or ch == "ё")
    table = _TO_CYRILLIC if cyrillic * 2 > len(word) else _TO_LATIN
    return "".join(table.get(ch, ch) for ch in word)


def fold_scripts(lowered: str) -> str:
    """Lowercase text with accents taken off Latin letters and each word of mixed scripts
    written in one ("wherе" with a Cyrillic е -> "where").

    >>> fold_scripts("māori wherе")
    'maori where'
    """
    return _MIXED_WORD.sub(_fold_lookalikes, lowered.translate(_LATIN_MARKS))
