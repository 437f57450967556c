"""Russian typed in Latin letters ("kogda oni vstretilis", "kto takoi bakanov"), read
back into Cyrillic so that it is matched, and answered, as Russian.

A message of Latin letters is Russian when it holds a word of `[markers]` (Russian words
in Latin letters that are no English words: "kto", "kogda", "eto"), or when, with no
English function word of three letters or more in it, more of its words read as common
Russian words than as English ones, two at least: by the word frequencies of both
languages, "kem" and "vstretilsya" are rare in English and "кем", "встретился" common in
Russian (`RUSSIAN_READING_MIN_ZIPF`, `RUSSIAN_READING_MARGIN`). Its words are then
spelt in Cyrillic by the common chat transliteration of `[letters]`, longest spelling
first ("shch" before "sh" before "s"). The result need not be exact: the matcher reads
"встретилис" as the base's "встретились", as it reads any typo. The letters and markers
are data (`bot/data/ru/translit.txt`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache

from bot.language.text import detect_language
from bot.language.wordlists import section_lines, word_lists, zipf

RUSSIAN_READING_MIN_ZIPF = 4.0
"""A word in Latin letters reads as Russian if, spelt in Cyrillic, it is at least this
common in Russian ("кем" 5.1, "встретился" 4.2)…"""
RUSSIAN_READING_MARGIN = 1.5
"""…and this much more common than the word is in English ("kem" 2.4); "net" (4.8 in
English, "нет" 6.2) reads as neither."""
MIN_RUSSIAN_READINGS = 2
"""Without a marker, this many words must read as Russian: one could be a name."""
WORD_CACHE_SIZE = 16384

_LATIN_WORD = re.compile(r"^[a-z']+$")
_CASED_LATIN_WORDS = re.compile(r"[A-Za-z]+")
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


def reads_as_russian(tokens: Sequence[str], names: AbstractSet[str] = frozenset()) -> bool:
    """Whether tokens in Latin letters are Russian typed so ("kto takoi bakanov"). The
    `names` (words written with a capital inside the message: "Sergey Lavrov") are read
    as neither language; an English word among the Russian ones ("sorry") is allowed
    only where the Russian readings outnumber the English twice over.

    >>> reads_as_russian(["kto", "takoi", "bakanov"]), reads_as_russian(["who", "is", "he"])
    (True, False)
    >>> reads_as_russian(["bakanov", "s", "kem", "vstretilsya"])
    True
    >>> reads_as_russian(["sergei", "ivanov", "role"])  # a Russian name in English
    False
    """
    if not _data()[0].isdisjoint(tokens):
        return True
    if not _ENGLISH_FUNCTION_WORDS.isdisjoint(tokens):
        return False
    readings = [_reading(token) for token in tokens if token not in names]
    russian, english = readings.count("ru"), readings.count("en")
    return russian >= MIN_RUSSIAN_READINGS and (english == 0 or russian > 2 * english)


def latin_text_reads_as_russian(text: str) -> bool:
    """`reads_as_russian` of a message's Latin words, its capitalised words after the
    first taken for names: the one decision both the reply's language and the reading of
    the question rest on."""
    words = _CASED_LATIN_WORDS.findall(text)
    names = frozenset(w.lower() for w in words[1:] if w[:1].isupper())
    return reads_as_russian([w.lower() for w in words], names)


_ENGLISH_FUNCTION_WORDS = frozenset(
    w for w in word_lists().function_words if len(w) >= 3 and w.isascii() and w.isalpha()
)
"""English function words too long to be Russian ones typed in Latin ("na", "i", "a" are)."""


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _reading(token: str) -> str | None:
    """ "ru" if a Latin token reads as a common Russian word and not as an English one,
    "en" the other way round (the same Zipf floor and margin), else None: a name common
    in both ("nasa"), a short or an unknown word."""
    if len(token) < 3 or not _LATIN_WORD.match(token):
        return None
    english, russian = zipf(token), zipf(to_cyrillic(token))
    if russian >= RUSSIAN_READING_MIN_ZIPF and russian - english >= RUSSIAN_READING_MARGIN:
        return "ru"
    if english >= RUSSIAN_READING_MIN_ZIPF and english - russian >= RUSSIAN_READING_MARGIN:
        return "en"
    return None


def message_language(text: str) -> str | None:
    """`detect_language`, with Russian typed in Latin letters taken as Russian.

    >>> message_language("kogda oni vstretilis?"), message_language("when did they meet?")
    ('ru', 'en')
    """
    found = detect_language(text)
    # Plain Latin words are all a marker can be: cheaper than `tokenize` on every message.
    if found == "en" and latin_text_reads_as_russian(text):
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
