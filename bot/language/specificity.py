"""How much a word can mean, by how common it is in general use (wordfreq's Zipf scale).

A word a fact base has never seen weighs the most a word can, less the more common it
is: "weigh" or "budget" can ask something new, "people" or "time" hardly. A contrast
word ("before", "other") keeps its weight, common as it is: it changes what is asked.
"""

from __future__ import annotations

from bot.language.wordlists import word_lists, zipf

COMMON_ZIPF = 6.5
"""A word the base has never seen weighs less the more common it is in general use: a
tenth of the most a word can weigh at this Zipf frequency ("people" 6.3, "time" 6.3)…"""
SPECIFIC_ZIPF = 4.0
"""…and all of it at this one and below ("weigh" 4.0, "budget" 4.8 in between)."""
COMMON_WORD_SHARE = 0.1
CONTRAST_WORDS = word_lists().contrast_words


def specificity(word: str) -> float:
    """How much a word can mean, by how common it is in general use: 1 for a specific
    word, down to `COMMON_WORD_SHARE` for the most common ones; 1 for a contrast word
    ("before", "other"), common as it is, since it changes what is asked.

    >>> specificity("weigh"), specificity("before"), specificity("the")
    (1.0, 1.0, 0.1)
    """
    if word in CONTRAST_WORDS:
        return 1.0
    share = (COMMON_ZIPF - zipf(word)) / (COMMON_ZIPF - SPECIFIC_ZIPF)
    return min(1.0, max(COMMON_WORD_SHARE, share))
