"""Whether a text gives the shape of answer a question asks for.

"How long…?" asks for a span ("for 12 years", "since 2000"), "what does KPA stand for?"
for the full form of an abbreviation, "what is it called?" for a name. A fact that gives
such an answer explains the question's asking word ("long", "stand", "called") even if
it never uses it. The asking phrases and what gives each shape are data per language
(`bot/data/<language>/answer_shapes.txt`); how a name and an abbreviation's full form
look is the same in both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.language.text import stem, tokenize
from bot.language.wordlists import LANGUAGES, word_lists

FIGURE, WORD, NAME, EXPANSION, PERSON = "figure", "word", "name", "expansion", "person"
SCORELINE = "scoreline"
_KINDS = (FIGURE, WORD, NAME, EXPANSION, PERSON, SCORELINE)
FIGURE_REACH = 2
"""A figure's unit stands at most this many words after its number ("12 long years")."""
FOLLOWED_BY_A_NUMBER = "+"
"""A giver word written "since+" gives its shape only before a number, at most
`FIGURE_REACH` words on ("since 2000", "since November 2000"; not "since it rained")."""
_YEAR_LIKE = range(1000, 2200)
"""A number of this size before "years"/"года" is a date, not a span."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_GLUED_UNIT = re.compile(r"^(\d+(?:[.,]\d+)?)([a-zа-я]+)$")
"""A number written together with its unit, as news does: "300m", "5km", "12kg"."""
_SENTENCE_END = re.compile(r"[.!?…:]\s*$")
_SCORELINE = re.compile(
    r"(?<![\d.,:/])\d{1,3}\s?[-–—]\s?(?:\d{1,3}|all|apiece)(?![\d.,:/]?\d)"
    r"|(?<![\d.,:/])\d{1,3} to \d{1,3}(?![\d.,:/]?\d)(?! (?:years?|per ?cent|%))",
    re.IGNORECASE,
)
"""A match's score: "3-2", "22–17", "10-all", "won 5 to 3"; not a date ("2000-2050", "31/7"),
a time ("7:33") or a range of ages or shares ("13 to 15 years")."""
_PERCENT_SIGN = re.compile(r"\d\s?%")
"""A share written with its sign ("20%"), which tokens do not keep: the unit "percent"."""
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[\"“«(]?[A-ZА-ЯЁ0-9])")
"""Where a figure's reach stops: a sentence's end before the next one's capital. Cheap,
as facts are indexed on every start; "Dr. Smith" splits, which costs nothing here."""
_FUNCTION_WORDS = word_lists().function_words


@dataclass(frozen=True, slots=True)
class _Shape:
    kind: str
    givers: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Data:
    asking: tuple[tuple[tuple[str, ...], _Shape], ...]
    """(asking phrase as tokens, the shape it asks for), longest phrase first."""
    numbers: frozenset[str]
    not_a_span: frozenset[str]
    """After a figure, these make it a point in time ("12 years ago"), not how long."""
    units: frozenset[str]
    """Every figure's units."""
    givers: frozenset[str]
    """Every word shape's giver words ("monday", "since+")."""
    asking_words: frozenset[str]
    """Every word of an asking phrase: no other question word can ask a shape."""


def _fail(path: object, raw: str, why: str) -> ValueError:
    return ValueError(f"{path}: {why}: {raw!r}")


@cache
def _data() -> _Data:
    """Every language's answer_shapes.txt, merged (the scripts never collide)."""
    asking: list[tuple[tuple[str, ...], _Shape]] = []
    numbers: set[str] = set()
    not_a_span: set[str] = set()
    for language in LANGUAGES:
        path = resources.files("bot") / "data" / language / "answer_shapes.txt"
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip().lower()
            if not line or line.startswith("#"):
                continue
            if line.count("|") != 1 or "#" in line:
                raise _fail(path, raw, "not 'asking phrases | shape'")
            phrases, shape_text = (part.strip() for part in line.split("|"))
            fields = shape_text.split()
            if not phrases or not fields:
                raise _fail(path, raw, "not 'asking phrases | shape'")
            if phrases == "numbers":
                numbers.update(fields)
                continue
            if phrases == "not a span":
                not_a_span.update(fields)
                continue
            kind, givers = fields[0], fields[1:]
            if kind not in _KINDS or (bool(givers) != (kind in (FIGURE, WORD))):
                raise _fail(path, raw, f"unknown shape {shape_text!r}")
            shape = _Shape(kind, frozenset(givers))
            for phrase in phrases.split(","):
                tokens = tuple(tokenize(phrase))
                if not tokens:
                    raise _fail(path, raw, "an empty asking phrase")
                asking.append((tokens, shape))
    asking.sort(key=lambda item: -len(item[0]))

    def givers_of(kind: str) -> frozenset[str]:
        return frozenset(g for _, shape in asking if shape.kind == kind for g in shape.givers)

    asking_words = frozenset(word for phrase, _ in asking for word in phrase)
    return _Data(
        tuple(asking),
        frozenset(numbers),
        frozenset(not_a_span),
        givers_of(FIGURE),
        givers_of(WORD),
        asking_words,
    )


@dataclass(frozen=True, slots=True)
class ShapesGiven:
    """What a fact's texts give: the figures' units and the giver words they hold, the
    names they use and the abbreviations they spell out (all lowercase tokens)."""

    units: frozenset[str] = frozenset()
    """Units that follow a number as a span or measure ("years" of "for 12 years")."""
    words: frozenset[str] = frozenset()
    """The giver words present, "since+" for a "since" before a number."""
    names: frozenset[tuple[str, tuple[str, ...]]] = frozenset()
    """Each name as (the word right before it, its tokens): "the robot Emiew"."""
    abbreviations: frozenset[str] = frozenset()
    scoreline: bool = False
    """Whether a text gives a match's score ("3-2")."""


def shapes_given(texts: Iterable[str]) -> ShapesGiven:
    """What of an answer's shape some of `texts` give.

    >>> given = shapes_given(["The Korean People's Army (KPA) has served for 70 years."])
    >>> sorted(given.units), sorted(given.abbreviations)
    (['years'], ['kpa'])
    >>> sorted(shapes_given(["It opened 12 years ago, in 1998."]).units)
    []
    """
    data = _data()
    units: set[str] = set()
    words: set[str] = set()
    names: set[tuple[str, tuple[str, ...]]] = set()
    abbreviations: set[str] = set()
    scoreline = False
    for text in texts:
        scoreline = scoreline or _SCORELINE.search(text) is not None
        for sentence in _SENTENCE_BREAK.split(text):
            tokens = tokenize(sentence)
            units.update(_figure_units(tokens, data.numbers) & data.units)
            if _PERCENT_SIGN.search(sentence):
                units.add("percent")
            words.update(data.givers.intersection(tokens))
            words.update(
                token + FOLLOWED_BY_A_NUMBER
                for i, token in enumerate(tokens)
                if token + FOLLOWED_BY_A_NUMBER in data.givers
                and any(t[:1].isdigit() for t in tokens[i + 1 : i + 1 + FIGURE_REACH])
            )
        names.update(_names(text))
        abbreviations.update(_spelt_out(text))
    return ShapesGiven(
        frozenset(units), frozenset(words), frozenset(names), frozenset(abbreviations), scoreline
    )


def asks_shape(word: str, question: Sequence[str]) -> bool:
    """Whether `word` stands in an asking phrase of the question (its tokens): "heavy" in
    "how heavy is it?", which asks for a weight whatever else "heavy" can mean."""
    return next(_shapes_asked(word, question), None) is not None


def _shapes_asked(word: str, question: Sequence[str]) -> Iterator[_Shape]:
    """The shapes that the question's asking phrases holding `word` ask for."""
    data = _data()
    if word not in data.asking_words:  # most words: no phrase to look for
        return
    for phrase, shape in data.asking:
        if word in phrase and _holds(question, phrase):
            yield shape


def explains(given: ShapesGiven, word: str, question: Sequence[str]) -> bool:
    """Whether a fact that gives `given` answers what the question (its tokens) asks
    with `word`: the word must stand in an asking phrase of the question ("long" in "how
    long"). The abbreviation to spell out must be one of the question's tokens; a name
    answers "what is the project called?" if it ends with or follows a word of the
    question ("Flag Consideration Project", "the robot, Emiew") and is not all in it:
    "US-Japanese-Russian" names no astronaut. A word for someone ("guy") is answered by
    a name of two words or more ("Dmitry Bakanov"); "what was the score?" by a score
    ("won 3-2")."""
    for shape in _shapes_asked(word, question):
        if shape.kind == FIGURE and not shape.givers.isdisjoint(given.units):
            return True
        if shape.kind == WORD and not shape.givers.isdisjoint(given.words):
            return True
        if shape.kind == NAME:
            asked = set(question)
            # "what was the engineers name" of "engineer Michael Kempf": any form of it.
            asked_stems = {stem(token) for token in question}
            if any(
                (before in asked or name[-1] in asked or (before and stem(before) in asked_stems))
                and not asked.issuperset(name)
                for before, name in given.names
            ):
                return True
        if shape.kind == EXPANSION and not given.abbreviations.isdisjoint(question):
            return True
        if shape.kind == PERSON and any(len(name) > 1 for _, name in given.names):
            return True
        if shape.kind == SCORELINE and given.scoreline:
            return True
    return False


def _holds(tokens: Sequence[str], phrase: tuple[str, ...]) -> bool:
    """Whether the phrase's tokens stand together in `tokens`."""
    size = len(phrase)
    return any(tuple(tokens[i : i + size]) == phrase for i in range(len(tokens) - size + 1))


def _figure_units(tokens: Sequence[str], numbers: frozenset[str]) -> set[str]:
    """The units that follow a number in one sentence's tokens ("12 years", "300m"),
    unless "ago" or the like makes it a point in time, or the number is a year's."""
    found = set()
    for i, token in enumerate(tokens):
        glued = _GLUED_UNIT.match(token)
        if glued:
            unit, at = glued.group(2), i
        elif (
            len(token) > 1
            and any(  # "m" apart from its number is "10 p.m."'s
                _is_number(t, numbers) and not _is_year(t)
                for t in tokens[max(0, i - FIGURE_REACH) : i]
            )
        ):
            unit, at = token, i
        else:
            continue
        if at + 1 < len(tokens) and tokens[at + 1] in _data().not_a_span:
            continue
        found.add(unit)
    return found


def _is_number(token: str, numbers: frozenset[str]) -> bool:
    return token[:1].isdigit() or token in numbers


def _is_year(token: str) -> bool:
    return token.isdigit() and int(token) in _YEAR_LIKE


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
        opens = i == 0 or bool(_SENTENCE_END.search(text[max(0, start - 3) : start]))
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


_BRACKETED = re.compile(
    r"[(\[]\s*([A-ZА-ЯЁ]{2,6})\s*[)\]]|([A-ZА-ЯЁ]{2,6})\s*[(\[]([^()\[\]]{3,80})[)\]]"
)


def _spelt_out(text: str) -> set[str]:
    """The abbreviations (2–6 capitals) that the text spells out beside them in round or
    square brackets: "the Korean People's Army (KPA)", "Korean People's Army [KPA]",
    "МКС (Международная космическая станция)". The initials are those of the words other
    than function words, or of the capitalised words ("FIRST (For Inspiration and
    Recognition of Science and Technology)")."""
    found = set()
    for match in _BRACKETED.finditer(text):
        if match.group(1):  # "Full Name (ABBR)": the words before the bracket
            letters = match.group(1).lower()
            words = list(reversed(_WORD.findall(text[: match.start()])))
            readings = [list(reversed(pick(words, len(letters)))) for pick in _INITIALS]
        else:  # "ABBR (Full Name)"
            letters = match.group(2).lower()
            words = _WORD.findall(match.group(3))
            readings = [pick(words, len(letters)) for pick in _INITIALS]
        if any(_initials_match(expansion, letters) for expansion in readings):
            found.add(letters)
    return found


def _content(words: Sequence[str], count: int) -> list[str]:
    """The first `count` words that are not function words ("of", "the")."""
    kept = [w for w in words[: 2 * count] if w.lower() not in _FUNCTION_WORDS]
    return kept[:count]


def _capitalised(words: Sequence[str], count: int) -> list[str]:
    """The first `count` capitalised words, function words among them ("For")."""
    kept = [w for w in words[: 2 * count] if w[:1].isupper()]
    return kept[:count]


_INITIALS = (_content, _capitalised)


def _initials_match(words: Sequence[str], letters: str) -> bool:
    """Whether the words' initials are the letters, in any order: a translated name
    keeps its original's abbreviation ("Italian Episcopal Conference (CEI)")."""
    return len(words) == len(letters) and sorted(w[:1].lower() for w in words) == sorted(letters)
