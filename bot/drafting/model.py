"""What drafting knows about a sentence: its tokens, names, dates, numbers and concepts.

A concept is a word as `bot.answering.matcher` reads it: stemmed, with the draft's synonym
phrases folded into one, so that drafting can tell which questions the matcher would
read alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.language.kinds import question_kind
from bot.language.sentences import ABBREVIATIONS
from bot.language.synonyms import SynonymFolder
from bot.language.text import STOPWORDS, stem, tokenize

TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:-?[^\W\d_]+)?|[^\W\d_](?:\w|[-'’.](?=\w))*['’]?")


class Concepts:
    """Stems with synonym phrases folded into one concept, as the matcher does."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self.folder = SynonymFolder(groups)
        self.keys: dict[str, tuple[str | None, frozenset[str]]] = {}

    def fold(self, stems: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """(stem, position) pairs with synonym phrases folded, longest phrase first."""
        spans = self.folder.fold_spans([s for s, _ in stems])
        return [(concept, stems[start][1]) for concept, start, _ in spans]

    def of_text(self, text: str) -> list[str]:
        """The concepts of a text, in order."""
        stems = [(stem(t), 0) for t in tokenize(text) if t not in STOPWORDS]
        return [c for c, _ in self.fold(stems)]

    def key(self, phrasing: str) -> tuple[str | None, frozenset[str]]:
        """A phrasing as the matcher reads it: its kind and its bag of concepts."""
        if phrasing not in self.keys:
            kind, rest = question_kind(tokenize(phrasing))
            stems = [(stem(t), 0) for t in rest if t not in STOPWORDS]
            self.keys[phrasing] = (kind, frozenset(c for c, _ in self.fold(stems)))
        return self.keys[phrasing]


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    initial: bool
    """First in its sentence, or after an opening quote or a colon."""

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def bare(self) -> str:
        """Without a possessive ending: "NASA's" -> "NASA", "Roscosmos'" -> "Roscosmos"."""
        return re.sub(r"['’]s?$", "", self.text)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(slots=True)
class Entity:
    text: str  # as written, possessive removed
    kind: str  # person | org | place | thing
    start: int  # token indexes
    end: int
    role: list[str] = field(default_factory=list)
    run_start: int = -1  # where a title before the name starts ("Transportation Secretary")

    def __post_init__(self) -> None:
        if self.run_start < 0:
            self.run_start = self.start

    @property
    def surname(self) -> str:
        return self.text.split()[-1]


@dataclass(slots=True)
class Sentence:
    text: str
    part: str  # title | standfirst | caption | paragraph
    paragraph: int | None
    order: int
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dates: list[tuple[str, str]] = field(default_factory=list)  # (text, kind)
    numbers: list[tuple[str, str]] = field(default_factory=list)  # (number, unit)
    kinds: dict[str, int] = field(default_factory=dict)  # kind -> how well it answers it
    concepts: list[tuple[str, int]] = field(default_factory=list)  # (concept, token index)
    clauses: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    context: dict[str, str] = field(default_factory=dict)  # borrowed concept -> its words
    context_phrase: str = ""  # what a shared noun was called before ("launch of a … crew")
    subject: str = ""
    topic: str = ""  # what "it" stands for, from the sentences before ("The ISS")
    verb: int | None = None  # the main verb's token index
    merged: list[Sentence] = field(default_factory=list)  # sentences restating this one
    merged_into: Sentence | None = None
    complement: Sentence | None = None  # what a speech verb reports, read on its own

    @property
    def own_concepts(self) -> set[str]:
        return {c for c, _ in self.concepts}

    @property
    def vocabulary(self) -> set[str]:
        words = self.own_concepts | set(self.context)
        for other in self.merged:
            words |= other.own_concepts | set(other.context)
        return words

    @property
    def date_texts(self) -> set[str]:
        return {d for d, kind in self.dates if kind in ("full", "day", "month")}

    def entity_at(self, position: int) -> Entity | None:
        return next((e for e in self.entities if e.start <= position < e.end), None)


def tokens(text: str) -> list[Token]:
    """The words and numbers of a sentence, with where they stand."""
    out: list[Token] = []
    previous_end = 0
    for m in TOKEN.finditer(text):
        gap = text[previous_end : m.start()]
        initial = not out or bool(re.search(r"[\"“‘(:—–]\s*$", gap))
        if out and re.match(r"[.!?…]+\s", gap):
            last = out[-1].lower
            initial = initial or (len(last) > 1 and last not in ABBREVIATIONS)
        out.append(Token(m.group(), m.start(), m.end(), initial))
        previous_end = m.end()
    return out


def clean(text: str) -> str:
    """A phrasing as a reader would type it: lower case, no stray quotes or brackets."""
    text = re.sub(r"[\"“”‘()\[\]]", "", text)
    text = re.sub(r"(?<!\w)['’]|['’](?!\w)", "", text)
    return re.sub(r"\s+", " ", text).strip().lower()
