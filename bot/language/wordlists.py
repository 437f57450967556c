"""General word lists per language, read from the package's data files.

Language knowledge lives in `bot/data/<language>/` as plain text a linguist can review,
not in Python source: function words, chat spellings, and the interjections, discourse
markers and request frames that surround a question without being part of it. Nothing
here is about any one article; an article's own concepts are its facts.yaml's synonyms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from bot.language.linetable import Lines, fields

LANGUAGES: tuple[str, ...] = ("en", "ru")
"""The languages the bot reads and answers in: each has its folder of data files."""
_CYRILLIC = re.compile("[а-яё]")


@dataclass(frozen=True, slots=True)
class WordLists:
    """Every language's lists merged: English and Russian words never collide, since
    they are written in different scripts."""

    function_words: frozenset[str]
    """Closed-class words: articles, pronouns, prepositions, auxiliaries, question words."""
    discourse_words: frozenset[str]
    """Single-word interjections and discourse markers ("lol", "btw", "ну", "блин"), and
    words too general to add to a question word ("thing", "happen")."""
    discourse_phrases: tuple[tuple[str, ...], ...]
    """Request frames of several words ("tell me", "do you know"), longest first."""
    chat_spellings: dict[str, tuple[str, ...]]
    """Chat spellings and abbreviations and the words they stand for ("ppl" -> people)."""
    confusables: dict[str, str]
    """Latin letter -> the Cyrillic letter that looks the same."""
    contrast_words: frozenset[str] = frozenset()
    """Words that ask about something other than a stated fact ("before", "other")."""
    unstemmed: frozenset[str] = frozenset()
    """Words a stemmer would cut to another word's stem ("photographer")."""
    manner_words: frozenset[str] = frozenset()
    """Words that say how to answer, not what ("briefly", "кратко"): filler, unless a
    message has nothing else."""
    text_words: frozenset[str] = frozenset()
    """Words that name the text asked about or a part of it ("caption", "заголовок"): they
    rank facts, but never leave a fact's answer short of what was asked…"""
    saying_words: frozenset[str] = frozenset()
    """…and verbs of saying, which do the same where the question names the text ("what
    does the caption say")."""
    opening_frames: tuple[tuple[str, ...], ...] = ()
    """Request frames that frame a message only where they open it ("confirm: they met
    in 2019"), longest first: elsewhere their words are the question's ("did nasa
    confirm the deal")."""
    choice_words: frozenset[str] = frozenset()
    """Words that join the options of a choice question ("or", "или")."""

    @property
    def filler(self) -> frozenset[str]:
        """Words that never decide what a question asks about."""
        return (
            self.function_words | self.discourse_words | self.manner_words
        ) - self.contrast_words


def _lines(language: str | None, name: str) -> list[str]:
    """The non-blank, non-comment lines of a data file, lowercased."""
    folder = resources.files("bot") / "data"
    path = folder / language / name if language else folder / name
    text = path.read_text(encoding="utf-8")
    return [
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def section_lines(
    name: str, languages: Sequence[str] = LANGUAGES, *, lowercase: bool = True
) -> Iterator[tuple[str, str, str]]:
    """(section, line, where it stands) for every line of each language's data file
    `name`, a file of `[section]` headers each followed by its lines; stripped (and
    lowercased, unless `lowercase` is False), comments and blank lines skipped. A line
    before the first header is an error."""
    for language in languages:
        path = resources.files("bot") / "data" / language / name
        section = None
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip().lower() if lowercase else raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1].lower()
                continue
            if section is None:
                raise ValueError(f"{path}: a line outside a section: {raw!r}")
            yield section, line, f"{path}: {raw!r}"


@cache
def word_lists() -> WordLists:
    """The lists of every supported language, read once per process."""
    function_words: set[str] = set()
    discourse_words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    spellings: dict[str, tuple[str, ...]] = {}
    contrast: set[str] = set()
    unstemmed: set[str] = set()
    manner: set[str] = set()
    text_words: set[str] = set()
    saying: set[str] = set()
    opening: set[tuple[str, ...]] = set()
    choice: set[str] = set()
    for section, line, where in section_lines("text_words.txt"):
        if section not in ("names", "saying"):
            raise ValueError(f"{where}: a section other than [names] and [saying]")
        (text_words if section == "names" else saying).update(line.split())
    for language in LANGUAGES:
        for line in _lines(language, "manner_words.txt"):
            manner.update(line.split())
        for line in _lines(language, "unstemmed.txt"):
            unstemmed.update(line.split())
        for line in _lines(language, "contrast_words.txt"):
            contrast.update(line.split())
        for line in _lines(language, "choice_words.txt"):
            choice.update(line.split())
        for line in _lines(language, "function_words.txt"):
            function_words.update(line.split())
        for name in ("discourse_markers.txt", "general_words.txt"):
            for line in _lines(language, name):
                discourse_words.update(line.split())
        for line in _lines(language, "request_frames.txt"):
            words = tuple(line.split())
            if line.startswith("^"):
                opening.add(tuple(line[1:].split()))
            elif len(words) == 1:
                discourse_words.update(words)
            else:
                phrases.add(words)
        for line in _lines(language, "chat_spellings.tsv"):
            typed, _, meant = line.partition("\t") if "\t" in line else line.partition(" ")
            spellings[typed.strip()] = tuple(meant.split())
    confusables = {}
    for line in _lines(None, "confusables.tsv"):
        latin, cyrillic = line.split()
        confusables[latin] = cyrillic
    return WordLists(
        frozenset(function_words),
        frozenset(discourse_words),
        tuple(sorted(phrases, key=lambda p: (-len(p), p))),
        spellings,
        confusables,
        frozenset(contrast),
        frozenset(unstemmed),
        frozenset(manner),
        frozenset(text_words),
        frozenset(saying),
        tuple(sorted(opening, key=lambda p: (-len(p), p))),
        frozenset(choice),
    )


RARE_ZIPF = 2.0
"""The Zipf frequency taken for a word missing from the tables (their last words are ~2.5)."""
REAL_WORD_ZIPF = 3.0
"""A word at least this common in general use is a real word: not a typo, nor two words
typed without a space."""


@cache
def _frequency_table(language: str) -> Lines:
    """One language's word frequencies, sorted by word (bot/data/LICENSE.wordfreq.txt)."""
    data = resources.files("bot") / "data" / language / "frequencies.tsv"
    with resources.as_file(data) as path:
        return Lines.mapped(path)[1:]  # the first line says what the file is


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a lowercase word is in general use, on the Zipf scale (log10 of uses per
    billion words: "the" 7.7, "people" 6.1, "weigh" 4.0), from wordfreq's data; `RARE_ZIPF`
    for a word not among the 60,000 most common of its script's language.

    >>> zipf("weigh"), zipf("встреча"), zipf("qwertyuiop")
    (3.99, 4.79, 2.0)
    """
    found = fields(_frequency_table("ru" if _CYRILLIC.search(word) else "en"), word)
    return float(found[0]) if found else RARE_ZIPF
