"""Questions a figure or a name asks, whatever the clause around it: an age ("Ken
Bates, 42," and "Ahmed Mohamed, a 14-year-old boy" ask "How old is …?"), a measure ("a
240,000 square meter memorial park" asks "How big is the memorial park?", "a 20 minute
walk" "How long is the walk?"), a distance from a named place ("20 kilometers northwest
of Borrego Springs" asks "How far is it from Borrego Springs?") and what a thing is
called ("a robot called Emiew", "the magazine MicroMega", "the Luna-25 probe").
"""

from __future__ import annotations

import re

from bot.drafting.entities import is_verb
from bot.drafting.grammar import denotes_people, is_noun, is_plural_noun, parts_of_speech
from bot.drafting.model import Entity, Sentence, Token
from bot.drafting.words import (
    AGE_WORDS,
    AREA_UNITS,
    CONNECTORS,
    DETERMINERS,
    DIRECTIONS,
    LEADING_WORDS,
    LENGTH_UNITS,
    NAMING_VERBS,
    PLACE_NAMES,
    PRONOUNS,
    demonym_country,
)
from bot.language.lexicon import has_noun_sense
from bot.language.text import STOPWORDS

Question = tuple[str, "str | None"]
"""A phrasing and the kind of answer it asks (None: what the matcher reads from it)."""
HEIGHT_WORDS = frozenset(("tall", "high", "height"))
"""Words that make a figure's length a height: "How tall …?", not "How long …?"."""
MAX_AGE = 120
"""A figure above this after a name is no age ("Bowyer, 577,": his points)."""
LISTED_FIGURES = 3
"""As many "Name, figure," as this in one sentence make a table, not ages."""
_AGE = re.compile(
    r"(?P<name>(?:[A-Z][\w'’-]+\s){0,2}[A-Z][\w'’-]+),\s+(?P<age>\d{1,3}),"
    r"|(?P<age2>\d{1,3})-year-old\s+(?P<name2>(?:[A-Z][\w'’-]+\s?){1,3})"
    r"|(?P<name3>(?:[A-Z][\w'’-]+\s){0,2}[A-Z][\w'’-]+),?\s+aged\s+(?P<age3>\d{1,3})"
    r"|(?P<name4>(?:[A-Z][\w'’-]+\s){0,2}[A-Z][\w'’-]+),\s+an?\s+(?P<age4>\d{1,3})-year-old\b"
)


def figure_questions(sentence: Sentence) -> list[Question]:
    """The questions the sentence's ages, measures, distances and names ask."""
    return (
        _age_questions(sentence)
        + _naming_questions(sentence)
        + _measure_questions(sentence)
        + _apposition_names(sentence)
    )


def _age_questions(sentence: Sentence) -> list[Question]:
    """ "Ken Bates, 42,", "the 42-year-old Ken Bates", "Ken Bates, aged 42" and "Ahmed
    Mohamed, a 14-year-old boy" ask how old the person is. In the last shape the words
    before the comma must be a name: "On Monday, a 14-year-old boy …" names no one."""
    out: list[Question] = []
    # A name the analysis found (a person, or a name it could not type: the age says
    # it is someone's), not an opening phrase such as "On Monday" or "Meanwhile".
    names = {e.text for e in sentence.entities if e.kind in ("person", "thing")}
    found = list(_AGE.finditer(sentence.text))
    # "Logano, 591; and Bowyer, 577,": a run of names with figures is a table of points
    # or votes, not of ages.
    listed = sum(1 for m in found if m.group("name")) >= LISTED_FIGURES
    for m in found:
        name = (
            m.group("name") or m.group("name2") or m.group("name3") or m.group("name4") or ""
        ).strip()
        if not name or name.split()[0].lower() in AGE_WORDS:
            continue
        age = m.group("age") or m.group("age2") or m.group("age3") or m.group("age4")
        if int(age) > MAX_AGE or (m.group("name") and listed):
            continue
        if m.group("name4") and (name not in names or name.split()[0].lower() in LEADING_WORDS):
            continue
        surname = name.split()[-1]
        out += [
            (f"How old is {name}?", "quantity"),
            (f"how old is {surname.lower()}", "quantity"),
            (f"{surname.lower()} age", None),
            (f"what age is {surname.lower()}", None),
        ]
    return out


def _measure_questions(sentence: Sentence) -> list[Question]:
    """ "a 240,000 square meter memorial park" asks "How big is the memorial park?"; "a
    20 minute walk" asks "How long is the walk?": a figure's unit says what is asked, and
    the nouns right after it what it measures."""
    tokens = sentence.tokens
    out: list[Question] = []
    for k, token in enumerate(tokens[:-2]):
        if not token.text[:1].isdigit():
            continue
        unit_end = k + 1
        unit = tokens[unit_end].lower
        if unit in AREA_UNITS:
            asked, noun = "How big", "size"
            if unit == "square":
                unit_end += 1  # "square meter"
        elif unit in LENGTH_UNITS and HEIGHT_WORDS.isdisjoint(t.lower for t in tokens):
            asked, noun = "How long", "length"
        else:
            continue
        measured: list[Token] = []
        previous = tokens[unit_end]
        for follower in tokens[unit_end + 1 : unit_end + 4]:
            word = follower.lower
            if sentence.text[previous.end : follower.start].strip() or follower.capitalised:
                break
            if (
                not word.isalpha()
                or word in STOPWORDS
                or word in DIRECTIONS
                or not is_noun(word)
                or is_verb(follower)
            ):
                break
            measured.append(follower)
            previous = follower
        if not measured:
            out += _distance_questions(sentence, unit_end) if asked == "How long" else []
            continue
        thing = " ".join(t.lower for t in measured)
        out += [(f"{asked} is the {thing}?", "quantity"), (f"{thing} {noun}", None)]
    return out


def _distance_questions(sentence: Sentence, unit_end: int) -> list[Question]:
    """ "20 kilometers northwest of Borrego Springs" and "94 kilometers to the northeast of
    San Diego" ask "How far is it from …?": a distance from a named place (its name ends
    at a comma: "Paris, France" asks about Paris)."""
    tokens = sentence.tokens
    words = [t.lower for t in tokens]
    k = unit_end + 1
    if words[k : k + 2] == ["to", "the"] and k + 2 < len(tokens) and words[k + 2] in DIRECTIONS:
        k += 2  # "to the northeast of"
    if k < len(tokens) and words[k] in DIRECTIONS:
        k += 1
    if k >= len(tokens) or words[k] not in ("of", "from"):
        return []
    place: list[str] = []
    previous = tokens[k]
    for token in tokens[k + 1 : k + 4]:
        if not token.capitalised or sentence.text[previous.end : token.start].strip():
            break
        place.append(token.text)
        previous = token
    if not place:
        return []
    name = " ".join(place)
    return [(f"How far is it from {name}?", "quantity"), (f"distance from {name.lower()}", None)]


def _naming_questions(sentence: Sentence) -> list[Question]:
    """ "a robot called Emiew" asks "What is the robot called?" and "What is Emiew?"."""
    tokens = sentence.tokens
    out: list[Question] = []
    for k, token in enumerate(tokens[1:-1], 1):
        if token.lower not in NAMING_VERBS or not tokens[k + 1].capitalised:
            continue
        noun = tokens[k - 1].lower
        if not noun.isalpha() or not is_noun(noun) or tokens[k - 1].capitalised:
            continue
        name = tokens[k + 1].bare
        out += [
            (f"What is the {noun} called?", None),
            (f"what is the name of the {noun}", "who"),
            (f"What is {name}?", None),
        ]
    return out


def _apposition_names(sentence: Sentence) -> list[Question]:
    """A common noun right beside a name says what the name is: "the magazine
    MicroMega", "the Luna-25 probe" ask "What is the magazine called?", "What is the probe
    called?". Not a person's ("his son Ahmed", "the NASA administrator"), nor the first
    noun of a longer one ("the Baikonur launch site")."""
    tokens = sentence.tokens
    out: list[Question] = []
    for entity in sentence.entities:
        if entity.kind in ("person", "place") or not _may_name(entity.text):
            continue
        for k in (entity.run_start - 1, entity.end):
            if 0 < k < len(tokens) and _names_the_noun(sentence, k, entity):
                word = tokens[k].lower
                out += [(f"What is the {word} called?", None), (f"name of the {word}", None)]
    return out


def _may_name(name: str) -> bool:
    """Whether a name can be what a thing is called: not a number or ordinal ("the 18th
    dynasty"), a pronoun ("In the end I'll…"), a place or its people ("the U.S. border",
    "the Brazilian team")."""
    lowered = name.lower()
    if name[:1].isdigit() or re.split(r"['’]", lowered)[0] in PRONOUNS | {"i"}:
        return False
    return lowered not in PLACE_NAMES and demonym_country(lowered) is None


def _names_the_noun(sentence: Sentence, k: int, entity: Entity) -> bool:
    """Whether the name beside token `k` is what the common noun at `k` is called: a
    singular noun that is no adverb or connector ("today", "de"), right beside the name
    (no comma between: "By the end, Gloria's…"), not its possessor ("the AFCA's
    assistance"), after a determiner, and the whole noun phrase, not a modifier of a noun
    after it ("the Baikonur launch site", "the first FIRST Global competition")."""
    tokens = sentence.tokens
    token = tokens[k]
    word = token.lower
    if token.capitalised or not word.isalpha() or word in STOPWORDS | CONNECTORS:
        return False
    if not is_noun(word) or is_verb(token) or is_plural_noun(word) or denotes_people(word):
        return False
    if "ADV" in parts_of_speech(word) or not has_noun_sense(word, "en"):
        return False
    if _between(sentence, k, entity).strip():
        return False
    if k == entity.end and tokens[k - 1].text != tokens[k - 1].bare:
        return False  # "the AFCA's assistance": whose it is, not what it is called
    after = k + 1 if k == entity.end else entity.end
    following = tokens[after] if after < len(tokens) else None
    if (
        following is not None
        and not following.capitalised
        and is_noun(following.lower)
        and not is_verb(following)
    ):
        return False
    determiner = entity.run_start - 1 if k == entity.end else k - 1
    return determiner >= 0 and tokens[determiner].lower in DETERMINERS


def _between(sentence: Sentence, k: int, entity: Entity) -> str:
    """The text between token `k` and the entity beside it."""
    tokens = sentence.tokens
    if k < entity.run_start:
        return sentence.text[tokens[k].end : tokens[entity.run_start].start]
    return sentence.text[tokens[entity.end - 1].end : tokens[k].start]
