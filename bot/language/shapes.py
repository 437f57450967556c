"""Whether a text gives the shape of answer a question word asks for.

"How long…?" asks for a span ("for 12 years", "since 2000"), "what does KPA stand for?"
for the full form of an abbreviation, "what is it called?" for a name. A fact that gives
such an answer explains the asking word even if it never uses it. The asking words and
what gives each shape are data per language (`bot/data/<language>/answer_shapes.txt`);
how a name and an abbreviation's full form look is the same in both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.language.lexicon import lemmas
from bot.language.text import tokenize
from bot.language.wordlists import LANGUAGES, word_lists

FIGURE, WORD, NAME, EXPANSION = "figure", "word", "name", "expansion"
FIGURE_REACH = 2
"""A figure's unit stands at most this many words after its number ("12 long years")."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ABBREVIATION = re.compile(r"^[A-ZА-ЯЁ]{2,6}$")
_SENTENCE_END = re.compile(r"[.!?…:]\s*$")
_FUNCTION_WORDS = word_lists().function_words


@dataclass(frozen=True, slots=True)
class _Data:
    figures: dict[str, frozenset[str]]
    """Per asking word, the units a number before which gives its answer."""
    words: dict[str, frozenset[str]]
    """Per asking word, the words that give its answer alone."""
    names: frozenset[str]
    """Asking words that a name answers."""
    expansions: frozenset[str]
    """Asking words that the full form of the question's abbreviation answers."""
    numbers: frozenset[str]


@cache
def _data() -> _Data:
    """Every language's answer_shapes.txt, merged (the scripts never collide)."""
    figures: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    names: set[str] = set()
    expansions: set[str] = set()
    numbers: set[str] = set()
    for language in LANGUAGES:
        path = resources.files("bot") / "data" / language / "answer_shapes.txt"
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip().lower()
            if not line or line.startswith("#"):
                continue
            asking, bar, shape = line.partition("|")
            kind, *givers = shape.split()
            if not bar or not asking.split():
                raise ValueError(f"{path}: not 'asking words | shape': {raw!r}")
            if asking.strip() == "numbers":
                numbers.update(shape.split())
                continue
            for word in asking.split():
                if kind == FIGURE and givers:
                    figures.setdefault(word, set()).update(givers)
                elif kind == WORD and givers:
                    words.setdefault(word, set()).update(givers)
                elif kind == NAME and not givers:
                    names.add(word)
                elif kind == EXPANSION and not givers:
                    expansions.add(word)
                else:
                    raise ValueError(f"{path}: unknown shape {shape.strip()!r}: {raw!r}")
    return _Data(
        {w: frozenset(units) for w, units in figures.items()},
        {w: frozenset(given) for w, given in words.items()},
        frozenset(names),
        frozenset(expansions),
        frozenset(numbers),
    )


@dataclass(frozen=True, slots=True)
class ShapesGiven:
    """What a fact's texts give: the asking words they answer, the names they use and
    the abbreviations whose full form they spell out (both lowercase)."""

    answers: frozenset[str] = frozenset()
    names: frozenset[tuple[str, tuple[str, ...]]] = frozenset()
    """Each name as (the word right before it, its tokens): "the robot Emiew"."""
    abbreviations: frozenset[str] = frozenset()


def shapes_given(texts: Iterable[str]) -> ShapesGiven:
    """The shapes of answer some of `texts` give.

    >>> given = shapes_given(["The Korean People's Army (KPA) has served for 70 years."])
    >>> sorted(given.answers & {"long", "old", "week"}), sorted(given.names)
    (['long', 'old'], [('', ('korean', 'people', 'army')), ('', ('kpa',))])
    >>> sorted(given.abbreviations)
    ['kpa']
    """
    data = _data()
    answers: set[str] = set()
    names: set[tuple[str, tuple[str, ...]]] = set()
    abbreviations: set[str] = set()
    for text in texts:
        tokens = tokenize(text)
        present = set(tokens)
        for asking, given in data.words.items():
            if not given.isdisjoint(present):
                answers.add(asking)
        for asking, units in data.figures.items():
            if _has_figure(tokens, units, data.numbers):
                answers.add(asking)
        names.update(_names(text))
        abbreviations.update(_spelt_out(text))
    return ShapesGiven(frozenset(answers), frozenset(names), frozenset(abbreviations))


def explains(given: ShapesGiven, word: str, language: str, question: Sequence[str]) -> bool:
    """Whether a fact that gives `given` answers what the question `word` asks for.
    `question` is the question's tokens: the abbreviation to spell out must be one of
    them; a name answers "what is the project called?" if it ends with or follows a word
    of the question ("Flag Consideration Project", "the robot, Emiew") and is not all in
    it: "US-Japanese-Russian" names no astronaut."""
    data = _data()
    forms = {word, *lemmas(word, language)}
    if not forms.isdisjoint(given.answers):
        return True
    if not forms.isdisjoint(data.names):
        asked = set(question)
        return any(
            (before in asked or name[-1] in asked) and not asked.issuperset(name)
            for before, name in given.names
        )
    if not forms.isdisjoint(data.expansions):
        return not given.abbreviations.isdisjoint(question)
    return False


def _has_figure(tokens: Sequence[str], units: frozenset[str], numbers: frozenset[str]) -> bool:
    for i, token in enumerate(tokens):
        if token in units and any(
            t[:1].isdigit() or t in numbers for t in tokens[max(0, i - FIGURE_REACH) : i]
        ):
            return True
    return False


def _names(text: str) -> set[tuple[str, tuple[str, ...]]]:
    """The names in a text: each run of capitalised words that does not open a sentence
    (joined by spaces or hyphens: "(ISS)" after "Space Station" is a name of its own),
    as (the word right before it, lowercase, "" if none or a function word; the run's
    tokens)."""
    runs: set[tuple[str, tuple[str, ...]]] = set()
    words = [(m.group(0), m.start()) for m in _WORD.finditer(text)]
    run: list[str] = []
    before = ""
    for i, (word, start) in enumerate(words):
        gap = text[words[i - 1][1] + len(words[i - 1][0]) : start] if i else ""
        if run and gap.strip() not in ("", "-"):
            runs.add((before, tuple(tokenize(" ".join(run)))))
            run = []
        opens = i == 0 or bool(_SENTENCE_END.search(text[:start][-3:]))
        if not opens and word[:1].isupper() and word.lower() not in _FUNCTION_WORDS:
            if not run:
                tokens = tokenize(words[i - 1][0])[:1] if gap.strip() in ("", ",") else []
                before = tokens[0] if tokens and tokens[0] not in _FUNCTION_WORDS else ""
            run.append(word)
            continue
        if run:
            runs.add((before, tuple(tokenize(" ".join(run)))))
            run = []
    if run:
        runs.add((before, tuple(tokenize(" ".join(run)))))
    return runs


def _spelt_out(text: str) -> set[str]:
    """The abbreviations (2–6 capitals) that the text spells out next to them: "the
    Korean People's Army (KPA)", "МКС (Международная космическая станция)"."""
    words = _WORD.findall(text)
    found = set()
    for i, word in enumerate(words):
        if not _ABBREVIATION.match(word):
            continue
        letters = word.lower()
        before = [w for w in reversed(words[max(0, i - 2 * len(letters)) : i])]
        after = words[i + 1 : i + 1 + 2 * len(letters)]
        if _initials_match(list(reversed(_content(before, len(letters)))), letters) or (
            _initials_match(_content(after, len(letters)), letters)
        ):
            found.add(letters)
    return found


def _content(words: Sequence[str], count: int) -> list[str]:
    """The first `count` words that are not function words ("of", "the")."""
    kept = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    return kept[:count]


def _initials_match(words: Sequence[str], letters: str) -> bool:
    return len(words) == len(letters) and all(
        w[:1].lower() == letter for w, letter in zip(words, letters, strict=True)
    )
