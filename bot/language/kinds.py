"""What a question asks for: the kind of answer its question words ask (who, when, where,
why, a quantity, how to), the category a "which…" question names, and what a "how many"
question counts. English and Russian patterns side by side; the words are read as
`bot.language.text.tokenize` gives them."""

from __future__ import annotations

from collections.abc import Sequence

from bot.language.text import PHRASE_PREPOSITIONS

# Question words and the kind of answer they ask for. Longest patterns first.
_KIND_PATTERNS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("how", "many"), "quantity"),
    (("how", "much"), "quantity"),
    (("how", "old"), "quantity"),
    (("how", "tall"), "quantity"),
    (("how", "big"), "quantity"),
    (("how", "far"), "quantity"),
    (("how", "heavy"), "quantity"),
    (("how", "long", "ago"), "when"),
    (("how", "long"), "when"),
    (("how", "come"), "why"),
    (("how", "do", "i"), "how-to"),
    (("how", "can", "i"), "how-to"),
    (("how", "should", "i"), "how-to"),
    (("how", "would", "i"), "how-to"),
    (("how", "do", "you", "become"), "how-to"),
    (("how", "to"), "how-to"),
    (("как", "мне"), "how-to"),
    (("как", "стать"), "how-to"),
    (("как", "попасть"), "how-to"),
    (("what", "date"), "when"),
    (("what", "day"), "when"),
    (("what", "year"), "when"),
    (("what", "month"), "when"),
    (("what", "time"), "when"),
    (("which", "date"), "when"),
    (("which", "day"), "when"),
    (("which", "year"), "when"),
    (("which", "month"), "when"),
    (("what", "caused"), "why"),
    (("for", "what", "reason"), "why"),
    (("из", "за", "чего"), "why"),
    (("до", "скольки"), "when"),
    (("сколько", "времени"), "when"),
    (("по", "какой", "причине"), "why"),
    (("в", "какой", "стране"), "where"),
    (("в", "каком", "городе"), "where"),
    (("в", "каком", "месте"), "where"),
    (("in", "which", "country"), "where"),
    (("in", "what", "country"), "where"),
    (("which", "country"), "where"),
    (("what", "country"), "where"),
    (("which", "city"), "where"),
    (("what", "city"), "where"),
    (("какого", "числа"), "when"),
    (("в", "каком", "году"), "when"),
    (("до", "какого"), "when"),
    (("с", "какого"), "when"),
    (("в", "какой", "день"), "when"),
    (("в", "каком", "месяце"), "when"),
    (("when",), "when"),
    (("who",), "who"),
    (("whom",), "who"),
    (("whose",), "whose"),
    (("where",), "where"),
    (("why",), "why"),
    (("когда",), "when"),
    (("кто",), "who"),
    (("чей",), "whose"),
    (("чья",), "whose"),
    (("чье",), "whose"),
    (("чьи",), "whose"),
    (("кого",), "who"),
    (("кому",), "who"),
    (("кем",), "who"),
    (("где",), "where"),
    (("куда",), "where"),
    (("откуда",), "where"),
    (("почему",), "why"),
    (("зачем",), "why"),
    (("сколько",), "quantity"),
)

_MEASURES = frozenset({"old", "tall", "big", "far", "heavy", "long"})

_PATTERNS_BY_FIRST_WORD: dict[str, list[tuple[list[str], str, list[str]]]] = {}
"""Per first word: (the pattern's words, the kind, the words of it that stay in the
question), longest first as listed. "how old", "how heavy": the adjective is what is
asked, so it stays."""
for _pattern, _kind in _KIND_PATTERNS:
    # "how long ago" asks a date: no measure stays.
    _kept = (
        list(_pattern[1:])
        if _pattern[0] == "how" and _pattern[1] in _MEASURES and len(_pattern) == 2
        else []
    )
    _PATTERNS_BY_FIRST_WORD.setdefault(_pattern[0], []).append((list(_pattern), _kind, _kept))

_KIND_NOUNS: dict[str, str] = {
    **dict.fromkeys("year month год году года месяц".split(), "when"),
    **dict.fromkeys("country city location город городе".split(), "where"),
    **dict.fromkeys("reason причина причине причины".split(), "why"),
    **dict.fromkeys("guy guys dude fella chap bloke мужик чувак".split(), "who"),
}
"""Nouns that name the kind of answer ("what month and year", "baikonur country"): the
question asks that kind, and the noun says nothing more. Not "day", "time", "place",
"страны", which also stand in "the same day", "take place", "западные страны"; not
"date", which phrasings use to tell the meeting's date from other dates; not "man",
"woman", "person", which also name what is asked ("the first woman in space")."""
_DEICTIC = frozenset(
    "this that last next every each same per этот этом этого прошлом прошлый следующем "
    "каждый каждом том".split()
)
"""Words that make a kind noun a time or place of the question, not what it asks: "the
festival's theme this year", "в этом году"."""


def question_kind(tokens: list[str]) -> tuple[str | None, list[str]]:
    """What the question asks for (who, when, where, why, quantity; None if it doesn't
    say), and the tokens left once the words that asked it are taken out.

    >>> question_kind(["on", "what", "day", "did", "they", "meet"])
    ('when', ['on', 'did', 'they', 'meet'])
    """
    for i, token in enumerate(tokens):
        for pattern, kind, kept in _PATTERNS_BY_FIRST_WORD.get(token, ()):
            end = i + len(pattern)
            if tokens[i:end] == pattern:
                rest = tokens[:i] + kept + tokens[end:]
                if _KIND_NOUNS.keys().isdisjoint(rest):
                    return kind, rest
                return kind, [t for t in rest if _KIND_NOUNS.get(t) != kind]
    if _KIND_NOUNS.keys().isdisjoint(tokens):
        return None, list(tokens)
    named = next(
        (
            _KIND_NOUNS[t]
            for i, t in enumerate(tokens)
            if t in _KIND_NOUNS
            and not _in_prepositional_phrase(tokens, i)
            and (i == 0 or tokens[i - 1] not in _DEICTIC)
        ),
        None,
    )
    return named, [t for t in tokens if named is None or _KIND_NOUNS.get(t) != named]


_CATEGORY_FRAMES = frozenset({"kind", "type", "sort"})


def category_words(tokens: Sequence[str]) -> frozenset[str]:
    """The words that may name the category a "which/what" question asks for an instance
    of: the two after "which" or "what" ("which country", "which star cluster") and the
    one after "what kind/type/sort of" ("what kind of publication").

    >>> sorted(category_words(["which", "news", "outlet", "reported", "it"]))
    ['news', 'outlet']
    >>> sorted(category_words(["what", "kind", "of", "publication", "is", "it"]))
    ['kind', 'of', 'publication']
    """
    found: set[str] = set()
    for i, token in enumerate(tokens):
        if token in ("which", "what"):
            found.update(tokens[i + 1 : i + 3])
        elif token in _CATEGORY_FRAMES and i + 2 < len(tokens) and tokens[i + 1] == "of":
            found.add(tokens[i + 2])
    return frozenset(found)


def _in_prepositional_phrase(tokens: Sequence[str], i: int) -> bool:
    """Whether token `i` follows "for the", "to the"...: "what has it been for the country"
    does not ask where, as "baikonur country" does."""
    return i >= 2 and tokens[i - 1] == "the" and tokens[i - 2] in PHRASE_PREPOSITIONS


def counted_noun(tokens: Sequence[str]) -> str | None:
    """What a "how many"/"сколько" question counts: the word right after it, if any.

    >>> counted_noun(["how", "many", "people", "live", "there"])
    'people'
    """
    for i, token in enumerate(tokens):
        for pattern, kind, _ in _PATTERNS_BY_FIRST_WORD.get(token, ()):
            if kind == "quantity" and list(tokens[i : i + len(pattern)]) == pattern:
                after = tokens[i + len(pattern) : i + len(pattern) + 1]
                return after[0] if after and pattern[-1] not in _MEASURES else None
    return None
