"""What a question asks for: the kind of answer its question words ask (who, when, where,
why, a quantity, how to), the category a "which…" question names, and what a "how many"
question counts. The phrases that ask each kind and the nouns that name one are data per
language (`bot/data/<language>/question_kinds.txt`), read as `bot.language.text.tokenize`
gives them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.language.text import PHRASE_PREPOSITIONS
from bot.language.wordlists import section_lines

_ASKS = "asks "
_NAMES = "names "


@dataclass(frozen=True, slots=True)
class _Kinds:
    patterns: dict[str, list[tuple[list[str], str, list[str]]]]
    """Per first word: (the phrase's words, the kind, the words of it that stay in the
    question), longest first. "how old", "how heavy": the adjective is what is asked, so
    it stays; "how long ago" asks a date, and no measure stays."""
    nouns: dict[str, str]
    """Nouns that name the kind of answer ("what month and year"), and the kind."""
    deictic: frozenset[str]
    """Words that make a kind noun the time or place of the question ("this year")."""
    measures: frozenset[str]


def _read_kinds() -> _Kinds:
    """Every language's question_kinds.txt, merged (the scripts never collide)."""
    phrases: list[tuple[list[str], str]] = []
    nouns: dict[str, str] = {}
    words: dict[str, set[str]] = {"deictic": set(), "measures": set()}
    for section, line, where in section_lines("question_kinds.txt"):
        if section.startswith(_ASKS):
            phrases.append((line.split(), section.removeprefix(_ASKS)))
        elif section.startswith(_NAMES):
            nouns.update(dict.fromkeys(line.split(), section.removeprefix(_NAMES)))
        elif section in words:
            words[section].update(line.split())
        else:
            raise ValueError(f"{where}: in unknown section [{section}]")
    measures = frozenset(words["measures"])
    patterns: dict[str, list[tuple[list[str], str, list[str]]]] = {}
    for phrase, kind in sorted(phrases, key=lambda item: -len(item[0])):
        kept = (
            phrase[1:] if len(phrase) == 2 and phrase[0] == "how" and phrase[1] in measures else []
        )
        patterns.setdefault(phrase[0], []).append((phrase, kind, kept))
    return _Kinds(patterns, nouns, frozenset(words["deictic"]), measures)


_KINDS = _read_kinds()


def question_kind(tokens: list[str]) -> tuple[str | None, list[str]]:
    """What the question asks for (who, when, where, why, quantity; None if it doesn't
    say), and the tokens left once the words that asked it are taken out.

    >>> question_kind(["on", "what", "day", "did", "they", "meet"])
    ('when', ['on', 'did', 'they', 'meet'])
    """
    for i, token in enumerate(tokens):
        for pattern, kind, kept in _KINDS.patterns.get(token, ()):
            end = i + len(pattern)
            if tokens[i:end] == pattern:
                rest = tokens[:i] + kept + tokens[end:]
                if _KINDS.nouns.keys().isdisjoint(rest):
                    return kind, rest
                return kind, [t for t in rest if _KINDS.nouns.get(t) != kind]
    if _KINDS.nouns.keys().isdisjoint(tokens):
        return None, list(tokens)
    named = next(
        (
            _KINDS.nouns[t]
            for i, t in enumerate(tokens)
            if t in _KINDS.nouns
            and not _in_prepositional_phrase(tokens, i)
            and (i == 0 or tokens[i - 1] not in _KINDS.deictic)
        ),
        None,
    )
    return named, [t for t in tokens if named is None or _KINDS.nouns.get(t) != named]


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
        for pattern, kind, _ in _KINDS.patterns.get(token, ()):
            if kind == "quantity" and list(tokens[i : i + len(pattern)]) == pattern:
                after = tokens[i + len(pattern) : i + len(pattern) + 1]
                return after[0] if after and pattern[-1] not in _KINDS.measures else None
    return None
