"""The commonest Russian misspelling put right: "-тся" and "-ться" confused.

"упоминаеться" for "упоминается", "встретится" for "встретиться": the two endings sound
the same, and chat writes one for the other. A word typed with one of them that is rare
in Russian, where the other is common (wordfreq's frequencies), is read with the other.
"""

from __future__ import annotations

from functools import lru_cache

from bot.language.wordlists import zipf

MIN_GAIN_ZIPF = 1.0
"""The other ending is read only if that word is this much more common (Zipf scale):
both "встретится" and "встретиться" are words, and stay as typed."""
WORD_CACHE_SIZE = 16384


@lru_cache(maxsize=WORD_CACHE_SIZE)
def respell_tsya(token: str) -> str:
    """The token with "-тся"/"-ться" swapped when that makes a much more common word.

    >>> respell_tsya("упоминаеться"), respell_tsya("встретится"), respell_tsya("космос")
    ('упоминается', 'встретится', 'космос')
    """
    if token.endswith("ться"):
        other = token[:-4] + "тся"
    elif token.endswith("тся"):
        other = token[:-3] + "ться"
    else:
        return token
    return other if zipf(other) >= zipf(token) + MIN_GAIN_ZIPF else token
