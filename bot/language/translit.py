"""Russian typed in Latin letters ("kogda oni vstretilis", "kto takoi bakanov"), read
back into Cyrillic so that it is matched, and answered, as Russian.

A message of Latin letters is Russian when it holds a word of `[markers]` (Russian words
in Latin letters that are no English words: "kto", "kogda", "eto"); its words are then
spelt in Cyrillic by the common chat transliteration of `[letters]`, longest spelling
first ("shch" before "sh" before "s"). The result need not be exact: the matcher reads
"встретилис" as the base's "встретились", as it reads any typo. The letters and markers
are data (`bot/data/ru/translit.txt`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from bot.language.text import detect_language
from bot.language.wordlists import section_lines

_LATIN_WORD = re.compile(r"^[a-z']+$")
_LATIN_WORDS = re.compile(r"[a-z]+")
_VOWELS = frozenset("aeiouy")


@cache
def _data() -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """The marker words, and (Latin spelling, Cyrillic) pairs, longest spelling first."""
    markers: set[str] = set()
    letters: list[tuple[str, str]] = []
    for section, line, where in section_lines("translit.txt", ("ru",)):
        if section == "markers":
            markers.update(line.split())
        elif section == "letters":
            latin, cyrillic = line.split()
            letters.append((latin, cyrillic))
        else:
            raise ValueError(f"{where}: in unknown section [{section}]")
    letters.sort(key=lambda pair: -len(pair[0]))
    return frozenset(markers), tuple(letters)


def reads_as_russian(tokens: Sequence[str]) -> bool:
    """Whether tokens in Latin letters are Russian typed so ("kto takoi bakanov").

    >>> reads_as_russian(["kto", "takoi", "bakanov"]), reads_as_russian(["who", "is", "he"])
    (True, False)
    """
    return not _data()[0].isdisjoint(tokens)


def message_language(text: str) -> str | None:
    """`detect_language`, with Russian typed in Latin letters taken as Russian.

    >>> message_language("kogda oni vstretilis?"), message_language("when did they meet?")
    ('ru', 'en')
    """
    found = detect_language(text)
    # Plain Latin words are all a marker can be: cheaper than `tokenize` on every message.
    if found == "en" and reads_as_russian(_LATIN_WORDS.findall(text.lower())):
        return "ru"
    return found


def to_cyrillic(word: str) -> str:
    """A word typed in Latin letters spelt in Cyrillic; other words unchanged.

    >>> to_cyrillic("vstretilis"), to_cyrillic("takoi"), to_cyrillic("2028")
    ('встретилис', 'такой', '2028')
    """
    if not _LATIN_WORD.match(word):
        return word
    letters = _data()[1]
    out: list[str] = []
    i = 0
    while i < len(word):
        # "y" after a vowel is "й" ("takoy"), elsewhere "ы" ("byl"); so is a final "i"
        # after a vowel ("takoi").
        after_vowel = i > 0 and word[i - 1] in _VOWELS
        y_glide = word[i] == "y" and word[i : i + 2] not in _Y_PAIRS
        if after_vowel and (y_glide or (word[i] == "i" and i == len(word) - 1)):
            out.append("й")
            i += 1
            continue
        for latin, cyrillic in letters:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


_Y_PAIRS = frozenset({"yo", "yu", "ya", "ye"})
