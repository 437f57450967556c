"""Russian typed in Latin letters ("kogda oni vstretilis", "kto takoi bakanov"), read
back into Cyrillic so that it is matched, and answered, as Russian.

A message of Latin letters is Russian when it holds a word of `[markers]` (Russian words
in Latin letters that are no English words: "kto", "kogda", "eto"), or when, with no
English function word of three letters or more in it, more of its words read as common
Russian words than as English ones, two at least: by the word frequencies of both
languages, "kem" and "vstretilsya" are rare in English and "кем", "встретился" common in
Russian (`RUSSIAN_READING_MIN_ZIPF`, `RUSSIAN_READING_MARGIN`). Its words are then
spelt in Cyrillic by the common chat transliteration of `[letters]`, longest spelling
first ("shch" before "sh" before "s"). Where that transliteration is ambiguous ("ts" is
"ц" or "тс", a first "e" "е" or "э", a soft sign left out), the spelling that is the
most common Russian word is read: "agentstv" агентств, "ekipazh" экипаж, "normalno"
нормально. The result need not be exact otherwise: the matcher reads a misspelling as
it reads any typo. The letters, markers and ambiguities are data
(`bot/data/ru/translit.txt`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, lru_cache

from bot.language.text import detect_language
from bot.language.wordlists import section_lines, word_lists, zipf

RUSSIAN_READING_MIN_ZIPF = 4.0
"""A word in Latin letters reads as Russian if, spelt in Cyrillic, it is at least this
common in Russian ("кем" 5.1, "встретился" 4.2)…"""
RUSSIAN_READING_MARGIN = 1.5
"""…and this much more common than the word is in English ("kem" 2.4); "net" (4.8 in
English, "нет" 6.2) reads as neither."""
MAX_SPELLINGS = 64
"""A long word has many spellings (a soft sign may follow most consonants): only the
first this many are weighed, the plain spelling first."""
MIN_RUSSIAN_READINGS = 2
"""Without a marker, this many words must read as Russian: one could be a name."""
WORD_CACHE_SIZE = 16384

_LATIN_WORD = re.compile(r"^[a-z']+$")
_CASED_LATIN_WORDS = re.compile(r"[A-Za-z]+")
_VOWELS = frozenset("aeiouy")


@dataclass(frozen=True, slots=True)
class _Spelling:
    markers: frozenset[str]
    letters: tuple[tuple[str, str], ...]
    """(Latin spelling, Cyrillic), longest spelling first."""
    alternatives: dict[str, str]
    """Latin spelling -> its other Cyrillic reading; a key "^e" only at a word's start."""
    soft: frozenset[str]
    """Cyrillic letters a left-out soft sign may follow."""


@cache
def _data() -> _Spelling:
    """translit.txt's sections."""
    markers: set[str] = set()
    letters: list[tuple[str, str]] = []
    alternatives: dict[str, str] = {}
    soft: set[str] = set()
    for section, line, where in section_lines("translit.txt", ("ru",)):
        if section == "markers":
            markers.update(line.split())
        elif section == "letters":
            latin, cyrillic = line.split()
            letters.append((latin, cyrillic))
        elif section == "alternatives":
            latin, cyrillic = line.split()
            alternatives[latin] = cyrillic
        elif section == "soft sign after":
            soft.update(line.split())
        else:
            raise ValueError(f"{where}: in unknown section [{section}]")
    letters.sort(key=lambda pair: -len(pair[0]))
    return _Spelling(frozenset(markers), tuple(letters), alternatives, frozenset(soft))


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
    if not _data().markers.isdisjoint(tokens):
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


@lru_cache(maxsize=WORD_CACHE_SIZE)
def to_cyrillic(word: str) -> str:
    """A word typed in Latin letters spelt in Cyrillic, the most common Russian word among
    the spellings it may stand for (`[alternatives]`, a left-out soft sign); other words
    unchanged.

    >>> to_cyrillic("vstretilis"), to_cyrillic("takoi"), to_cyrillic("2028")
    ('встретились', 'такой', '2028')
    >>> to_cyrillic("iyulya"), to_cyrillic("ekipazh"), to_cyrillic("agentstv")
    ('июля', 'экипаж', 'агентств')
    """
    if not _LATIN_WORD.match(word):
        return word
    spellings = [
        "".join(choice)
        for choice in itertools.islice(itertools.product(*_slots(word)), MAX_SPELLINGS)
    ]
    return max(spellings, key=zipf)  # the first, plain spelling when none is a known word


def _slots(word: str) -> list[tuple[str, ...]]:
    """The word's Cyrillic letters in turn, each with its other readings, the plain one
    first: [("с",), ("т",), ("р",), ...] for "stroit", with ("", "ь") after its "т"."""
    data = _data()
    slots: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        # "y" after a vowel is "й" ("takoy"), elsewhere "ы" ("byl"); a final "i" after a
        # vowel may be either ("takoi" такой, "rossii" России).
        after_vowel = i > 0 and word[i - 1] in _VOWELS
        if after_vowel and word[i] == "y" and word[i : i + 2] not in _Y_PAIRS:
            slots.append(("й",))
            i += 1
            continue
        if after_vowel and word[i] == "i" and i == len(word) - 1:
            slots.append(("й", "и"))
            i += 1
            continue
        for latin, cyrillic in data.letters:
            end = i + len(latin)
            # "iy" is "ий" ("noviy"), but not before a vowel: "iyulya" is "и" + "ю".
            if word.startswith(latin, i) and not (
                len(latin) > 1 and latin.endswith("y") and word[end : end + 1] in _VOWELS
            ):
                other = data.alternatives.get(latin) or (
                    data.alternatives.get("^" + latin) if i == 0 else None
                )
                slots.append((cyrillic, other) if other else (cyrillic,))
                i = end
                break
        else:
            slots.append((word[i],))
            i += 1
        follows = word[i : i + 1]
        if slots[-1][0] in data.soft and (not follows or follows not in _VOWELS):
            slots.append(("", "ь"))
    return slots


_Y_PAIRS = frozenset({"yo", "yu", "ya", "ye"})
