"""The options of a choice question: "was it in Moscow or in America?", "is Roscosmos a
state corporation or a private company?", "это был созвон или личная встреча?".

An option is the run of content words (no word of `STOPWORDS`: function words,
discourse markers) that ends at a choice word (`choice_words.txt` per language: "or",
"или") or starts after one, past the function words that open it ("or *a* private
company", "or *in* America"), and no longer than the option before it: what follows
("or Moscow *pizza party*") is the rest of the question. A fact that states one option
answers the choice; the words of the others are the reader's guesses.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.language.text import STOPWORDS
from bot.language.wordlists import word_lists

CHOICE_WORDS = word_lists().choice_words


def options(tokens: Sequence[str]) -> list[list[int]]:
    """The options of a choice question, each as the positions of its content words; []
    when no choice word stands between two words.

    >>> t = "is roscosmos a state corporation or a private company".split()
    >>> [[t[k] for k in option] for option in options(t)]
    [['state', 'corporation'], ['private', 'company']]
    >>> t = "kennedy space center or cape canaveral or houston where did they meet".split()
    >>> [[t[k] for k in option] for option in options(t)]
    [['kennedy', 'space', 'center'], ['cape', 'canaveral'], ['houston']]
    >>> t = "was the meeting in florida or moscow pizza party".split()
    >>> [[t[k] for k in option] for option in options(t)]
    [['florida'], ['moscow']]
    >>> options("when did they meet".split())
    []
    """
    joins = CHOICE_WORDS
    if joins.isdisjoint(tokens):
        return []
    found: list[list[int]] = []
    taken: set[int] = set()
    for i, token in enumerate(tokens):
        if token not in joins or not 0 < i < len(tokens) - 1:
            continue
        before: list[int] = []
        k = i - 1
        while k >= 0 and k not in taken and _content(tokens[k], joins):
            before.append(k)
            k -= 1
        after: list[int] = []
        k = i + 1
        while k < len(tokens) and tokens[k] in STOPWORDS and tokens[k] not in joins:
            k += 1  # "or *a* private company"
        longest = len(before) or len(tokens)
        while k < len(tokens) and _content(tokens[k], joins) and len(after) < longest:
            after.append(k)
            k += 1
        for option in (sorted(before), after):
            if option:
                found.append(option)
                taken.update(option)
    return found


def _content(token: str, joins: frozenset[str]) -> bool:
    return token not in STOPWORDS and token not in joins
