"""The word tables `article-bot draft` reads sentences with, from `bot/data/en/draft_*`.

They are general English (titles, roles, the last words of organisations' and places'
names, verbs of saying, countries and their peoples, synonyms readers use for news
words), kept as data a linguist can review, never about one article's topic.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from bot.language.wordlists import section_lines

LANGUAGE = "en"


def _text(name: str) -> str:
    return (resources.files("bot") / "data" / LANGUAGE / name).read_text(encoding="utf-8")


def _content_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and line[:1] != "#"]


def groups(name: str) -> tuple[tuple[str, ...], ...]:
    """A data file of comma-separated groups, one a line."""
    return tuple(
        tuple(w.strip().lower() for w in line.split(",")) for line in _content_lines(_text(name))
    )


def sections(name: str) -> dict[str, list[str]]:
    """A data file of `[section]` headers, each followed by its lines (as written)."""
    found: dict[str, list[str]] = {}
    for section, line, _ in section_lines(name, (LANGUAGE,), lowercase=False):
        found.setdefault(section, []).append(line)
    return found


@cache
def word_classes() -> dict[str, frozenset[str]]:
    """`draft_words.txt`: `[class]` sections of white-space separated words."""
    return {
        name: frozenset(" ".join(lines).lower().split())
        for name, lines in sections("draft_words.txt").items()
    }


def _class(name: str) -> frozenset[str]:
    return word_classes()[name]


SYNONYM_TABLE = groups("draft_synonyms.txt")
"""Words that mean the same to a reader asking about news."""
DEMONYMS = groups("draft_demonyms.txt")
"""A country or region, then the words for it and its people."""
REGIONS = _class("region")
COUNTRIES = frozenset(g[0] for g in DEMONYMS if g[0] not in REGIONS) | _class("country")
PLACE_NAMES = COUNTRIES | REGIONS | _class("place")
TITLE_WORDS = _class("title")
ROLE_WORDS = TITLE_WORDS | _class("role")
ORG_WORDS = _class("organisation")
PLACE_WORDS = _class("place_word")
GENERIC_WORDS = _class("generic")
NUMBER_WORDS = _class("number")
CURRENCY = _class("currency")
CAUSE_VERBS = _class("cause_verb")
SPEECH_VERBS = _class("speech")
FINDING_VERBS = _class("finding")
EVENT_VERBS = _class("event")
LEADING_WORDS = _class("leading")
LEADING_TIME_WORDS = _class("leading_time")
PRONOUNS = _class("pronoun")
DETERMINERS = _class("determiner")
DIRECTIONS = _class("direction")
PREPOSITIONS = _class("preposition")
LIGHT_VERBS = _class("light_verb")
WEAK_WORDS = _class("weak")
CONNECTORS = _class("connector")
HYPHEN_PREFIXES = _class("hyphen_prefix")
THING_PRONOUNS = frozenset(("it", "its"))


def demonym_country(word: str) -> str | None:
    """The country a people's word names ("russian" -> "russia"), else None."""
    for group in DEMONYMS:
        if word in group:
            return group[0]
    return None


MONTHS = _class("month")
WEEKDAYS = _class("weekday")
RELATIVE_TIMES = _class("relative_time")
DURATIONS = _class("duration")
SPEED_UNITS = _class("speed_unit")
HEIGHT_UNITS = _class("height_unit")
AREA_UNITS = _class("area_unit")
LENGTH_UNITS = _class("length_unit")
AGE_WORDS = _class("age_word")
NAMING_VERBS = _class("naming_verb")
CLAUSE_STOPS = _class("clause_stop")
DANGLING_WORDS = _class("dangling")
