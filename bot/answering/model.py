"""The fact base as the bot holds it: frozen dataclasses, built by `bot.answering.facts`
from facts.yaml and never changed after (a reload builds a new one and swaps it in)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from bot.answering.decision import Thresholds

DEFAULT_LANGUAGE = "en"
SCHEMA_VERSION = 1
MIN_PHRASINGS = 5
"""A fact with fewer English phrasings than this is thin: `check` warns, `draft` writes more."""
NEAR_DUPLICATE_RATIO = 92.0
"""`fuzz.ratio` at or above which two phrasings of one fact say nearly the same thing."""
MAX_PHRASING_CHARS = 300
"""Longer text is a paragraph, not a way of asking: the most a taught phrasing may have."""
MAX_ID_LENGTH = 48
"""Ids travel in Telegram button data (64 bytes at most) behind a short prefix."""
WHITESPACE = re.compile(r"\s+")
_PUNCT_RE = re.compile(r"[^\w\s]+")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a facts file, at a line (1-based; 0 when unknown)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )


class FactsError(Exception):
    """A facts file is malformed; `problems` lists every mistake found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True, slots=True)
class Location:
    """Where a sentence stands in the article: section, title, standfirst, caption, a
    subheading or a paragraph."""

    part: (
        str  # "section" | "title" | "dateline" | "standfirst" | "caption" | "heading" | "paragraph"
    )
    paragraph: int | None = None

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        """A reader-facing name for the place, e.g. "paragraph 3" or "абзац 3"."""
        names = _LOCATION_NAMES.get(language, _LOCATION_NAMES[DEFAULT_LANGUAGE])
        if self.part == "paragraph":
            return f"{names['paragraph']} {self.paragraph}"
        return names[self.part]

    @property
    def is_label(self) -> bool:
        """Whether the place names the article or a part of it (section, headline,
        subheading) rather than saying something."""
        return self.part in ("section", "title", "heading")

    @property
    def json_value(self) -> int | str:
        """The paragraph number, or the part's name when the sentence is not in the body."""
        return self.paragraph if self.paragraph is not None else self.part


_LOCATION_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "section": "section label",
        "title": "headline",
        "dateline": "dateline",
        "standfirst": "standfirst",
        "caption": "photo caption",
        "heading": "subheading",
        "paragraph": "paragraph",
    },
    "ru": {
        "section": "рубрика",
        "title": "заголовок",
        "dateline": "дата публикации",
        "standfirst": "подзаголовок",
        "caption": "подпись к фото",
        "heading": "промежуточный заголовок",
        "paragraph": "абзац",
    },
}


@dataclass(frozen=True, slots=True)
class Citation:
    """A verbatim sentence of the article and where it stands."""

    quote: str
    location: Location


@dataclass(frozen=True, slots=True)
class Fact:
    """One answerable point of the article, in every language the curators wrote."""

    id: str
    answers: Mapping[str, str]
    phrasings: Mapping[str, tuple[str, ...]]
    citations: tuple[Citation, ...]
    line: int = 0
    draft: bool = False
    """Written by `article-bot draft` and not yet reviewed (`draft: true` in the file)."""

    def answer(self, language: str) -> str:
        """The answer in `language`, falling back to English."""
        return self.answers.get(language) or self.answers[DEFAULT_LANGUAGE]

    def question(self, language: str) -> str:
        """A representative question for buttons and topic lists."""
        asks = self.phrasings.get(language) or self.phrasings[DEFAULT_LANGUAGE]
        return asks[0]


@dataclass(frozen=True, slots=True)
class SmallTalk:
    """Greetings, thanks and the like: answered without any citation."""

    id: str
    answers: Mapping[str, str]
    phrasings: Mapping[str, tuple[str, ...]]
    line: int = 0

    def answer(self, language: str) -> str:
        """The reply in `language`, falling back to English."""
        return self.answers.get(language) or self.answers[DEFAULT_LANGUAGE]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph (numbered from 1) or, with `heading` set, a subheading."""

    text: str
    number: int | None = None
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """The article's metadata and verbatim text."""

    title: str
    section: str
    standfirst: str
    byline: str
    source: str
    photo_caption: str
    photo_credit: str
    body: tuple[Paragraph, ...]
    dateline: str = ""
    """The date the page gives the article ("Monday, March 5, 2007"), if it gives one."""

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The numbered paragraphs, without subheadings."""
        return tuple(p for p in self.body if not p.heading)

    def parts(self) -> Iterator[tuple[Location, str]]:
        """Every citable text of the article with its location."""
        if self.section:
            yield Location("section"), self.section
        yield Location("title"), self.title
        if self.dateline:
            yield Location("dateline"), self.dateline
        if self.standfirst:
            yield Location("standfirst"), self.standfirst
        if self.photo_caption:
            yield Location("caption"), self.photo_caption
        for p in self.body:
            yield (Location("heading") if p.heading else Location("paragraph", p.number)), p.text

    def locate(self, quote: str) -> Location | None:
        """Where `quote` stands verbatim, or None."""
        return Locator(self).locate(quote)


class Locator:
    """Finds quotes in all parts of an article: a whole sentence (the usual citation) by
    one dictionary lookup, anything else by one search of the parts' joined text, so that
    loading stays linear in the number of citations."""

    _SEPARATOR = "\x00"  # cannot occur in YAML text, so no quote spans two parts
    _SENTENCE_END = re.compile(r"(?<=[.!?…\"”])\s+")

    def __init__(self, article: Article) -> None:
        self.locations: list[Location] = []
        self.starts: list[int] = []
        self.sentences: dict[str, Location] = {}
        texts: list[str] = []
        offset = 0
        for location, text in article.parts():
            self.locations.append(location)
            self.starts.append(offset)
            texts.append(text)
            offset += len(text) + len(self._SEPARATOR)
        self.text = self._SEPARATOR.join(texts)
        for location, text in zip(self.locations, texts, strict=True):
            for sentence in (text, *self._SENTENCE_END.split(text)):
                self.sentences.setdefault(sentence, location)  # the first part wins

    def locate(self, quote: str) -> Location | None:
        """The first part that holds `quote` verbatim, or None."""
        if quote in self.sentences:
            return self.sentences[quote]
        found = self.text.find(quote) if quote and self._SEPARATOR not in quote else -1
        if found < 0:
            return None
        return self.locations[bisect.bisect_right(self.starts, found) - 1]


@dataclass(frozen=True, slots=True)
class FactBase:
    """A validated facts file: the article, its summary, facts, small talk, synonyms."""

    path: str
    article: Article
    summary: Mapping[str, str]
    facts: tuple[Fact, ...]
    smalltalk: tuple[SmallTalk, ...]
    synonyms: tuple[tuple[str, ...], ...] = ()
    by_id: Mapping[str, Fact] = field(default_factory=dict, repr=False)
    decline: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Questions near the article's facts that it does not answer, per language: the bot
    must decline these and questions closer to them than to any fact."""
    decline_lines: Mapping[str, int] = field(default_factory=dict, repr=False)
    """The line of facts.yaml each decline example stands on."""
    thresholds: Thresholds = field(default_factory=Thresholds)
    """The answer decision's thresholds (facts.yaml's `decision:` block, else defaults)."""
    summary_draft: bool = False
    """The summary was written by `article-bot draft` and not yet reviewed."""

    def summary_in(self, language: str) -> str:
        """The summary in `language`, falling back to English."""
        return self.summary.get(language) or self.summary[DEFAULT_LANGUAGE]

    @property
    def asked_in(self) -> frozenset[str]:
        """The languages the facts' phrasings are in: a draft has English only."""
        return frozenset(
            lang for fact in self.facts for lang, asks in fact.phrasings.items() if asks
        )

    @property
    def phrasing_count(self) -> int:
        """How many question phrasings the facts hold, all languages together."""
        return sum(len(v) for f in self.facts for v in f.phrasings.values())


def normalise_phrasing(text: str) -> str:
    """The form in which two phrasings count as the same: case, punctuation, spaces."""
    return WHITESPACE.sub(" ", _PUNCT_RE.sub(" ", text.lower().replace("ё", "е"))).strip()
