"""Whether a question asks about the bot itself rather than the article: "who made you",
"do you think the deal will last?". The words that address the bot, and those that make
such a word part of a request ("can you tell me…"), are data per language
(`bot/data/<language>/addressee_words.txt`); a verb of saying after it ("you said…")
quotes the bot's own reply back, which is about the article."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bot.language.wordlists import section_lines, word_lists


@dataclass(frozen=True, slots=True)
class _Words:
    the_bot: frozenset[str]
    requests: frozenset[str]


@cache
def _words() -> _Words:
    sections: dict[str, set[str]] = {"the bot": set(), "requests": set()}
    for section, line, where in section_lines("addressee_words.txt"):
        if section not in sections:
            raise ValueError(f"{where}: in unknown section [{section}]")
        sections[section].update(line.split())
    return _Words(frozenset(sections["the bot"]), frozenset(sections["requests"]))


def speaks_to_reader(tokens: Sequence[str]) -> bool:
    """Whether a text (its tokens) uses a word of `[the bot]`: a quotation that says "you"
    may answer a question that does."""
    return not _words().the_bot.isdisjoint(tokens)


def addresses_the_bot(tokens: Sequence[str]) -> bool:
    """Whether the tokens left once a question's frame is read ("can you tell me" gone)
    still speak to the bot: a word of `[the bot]` that follows no word of `[requests]` and
    comes before no verb of saying.

    >>> addresses_the_bot(["who", "made", "you"]), addresses_the_bot(["can", "you", "sum", "up"])
    (True, False)
    >>> addresses_the_bot(["you", "said", "they", "met", "in", "july"])
    False
    """
    words = _words()
    saying = word_lists().saying_words
    for i, token in enumerate(tokens):
        if token not in words.the_bot:
            continue
        after_request = i > 0 and tokens[i - 1] in words.requests
        quoting = i + 1 < len(tokens) and tokens[i + 1] in saying
        if not after_request and not quoting:
            return True
    return False
