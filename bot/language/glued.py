"""Two words typed without the space between them ("гдеони", "whereis", "nasaboss").

A token that is no word (rare in general use, unknown to the fact base) is read as two
when it splits into two words that are each common in general use (wordfreq's Zipf
scale) or known to the base: of all such splits, the one whose rarer half is the most
common.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet

from bot.language.wordlists import REAL_WORD_ZIPF, zipf

GLUED_MIN_CHARS = 5
"""Shorter tokens are left alone: "isit" is too easily a typo of something else."""
PART_MIN_CHARS = 2
"""Each half has at least this many letters ("isthe" is "is the", never "i sthe")."""
PART_MIN_ZIPF = 4.0
"""A half the base does not know must be at least this common ("где" 6.1, "boss" 4.8)."""
KNOWN_PART_ZIPF = 7.0
"""How common a half the base knows counts as, whatever its general use ("баканов")."""
KNOWN_PART_MIN_CHARS = 3
"""A half the base knows must have this many letters to count as one of its words."""


def split_glued(
    tokens: Sequence[str],
    known: AbstractSet[str],
    misspells: Callable[[str], bool] = lambda token: False,
) -> list[str]:
    """The tokens with each glued pair of words split in two; not one that `misspells`
    a known word ("contries" is no "con tries").

    >>> split_glued(["гдеони", "встречались"], frozenset())
    ['где', 'они', 'встречались']
    >>> split_glued(["when", "did", "nasaboss", "meet"], frozenset({"nasa"}))
    ['when', 'did', 'nasa', 'boss', 'meet']
    >>> split_glued(["roscosmos"], frozenset({"roscosmos"}))
    ['roscosmos']
    """
    out: list[str] = []
    for token in tokens:
        found = _split(token, known)
        out.extend(found if found is not None and not misspells(token) else (token,))
    return out


def _split(token: str, known: AbstractSet[str]) -> tuple[str, str] | None:
    if (
        len(token) < GLUED_MIN_CHARS
        or not token.isalpha()
        or token in known
        or zipf(token) >= REAL_WORD_ZIPF
    ):
        return None
    best: tuple[str, str] | None = None
    best_score = 0.0
    for at in range(PART_MIN_CHARS, len(token) - PART_MIN_CHARS + 1):
        left, right = token[:at], token[at:]
        score = min(_commonness(left, known), _commonness(right, known))
        if score > best_score:
            best, best_score = (left, right), score
    return best


def _commonness(part: str, known: AbstractSet[str]) -> float:
    """How common a half is, 0 if it cannot stand as a word of its own."""
    if part in known and len(part) >= KNOWN_PART_MIN_CHARS:
        return KNOWN_PART_ZIPF
    found = zipf(part)
    return found if found >= PART_MIN_ZIPF else 0.0
