"""A sentence's subject and main verb, as the draft's questions need them.

The subject is the leading noun phrase after any phrase fronted before it ("In 2018, …",
a dateline); the main verb is the first verb after it that is not inside a name, a
relative clause ("protesters who are associated with X were arrested") or a participle
that modifies a noun ("a group led by X", "Naruhito, born in 1960,"). Word classes come
from the data files (`bot.drafting.words`), verb forms from lemminflect.
"""

from __future__ import annotations

import re

from bot.drafting.entities import is_verb, verb_in_context
from bot.drafting.grammar import AUXILIARIES, BE_FORMS, is_participial
from bot.drafting.metadata import opening_dateline
from bot.drafting.model import Sentence, Token
from bot.drafting.words import (
    CLAUSE_STOPS,
    DETERMINERS,
    LEADING_TIME_WORDS,
    LEADING_WORDS,
    NAMING_VERBS,
    PREPOSITIONS,
    PRONOUNS,
)


def subject_and_verb(sentence: Sentence) -> tuple[str, int | None]:
    """The leading noun phrase ("The ISS", "Luna-25") as written, and the main verb."""
    tokens = sentence.tokens
    text = sentence.text
    if not tokens:
        return "", None
    start = 0
    closing = re.match(r"\s*[\"“][^\"”]+[\"”]", text)
    if closing:  # '"We were surprised. …," Dr. Osei said'
        start = next((k for k, t in enumerate(tokens) if t.start >= closing.end()), 0)
        return "", _main_verb(sentence, start)[0]
    dateline = opening_dateline(text) if sentence.order <= 3 else ""
    if dateline:  # "BERGEN (Coastal Times) — Fishermen … queued": the clause follows it
        start = next((k for k, t in enumerate(tokens) if t.start > len(dateline) + 1), 0)
    else:
        # "In 2018, …", "Started in 1990, the festival …", "At a station, after the
        # polls closed, …": the subject follows the opening phrases.
        while start < len(tokens) and (
            _opens_phrase(tokens[start]) or _opens_time_phrase(tokens, start, text)
        ):
            comma = text.find(",", tokens[start].end)
            if comma < 0:
                return "", None
            start = next((k for k, t in enumerate(tokens) if t.start > comma), len(tokens))
        if start + 1 < len(tokens) and tokens[start].lower in CONJUNCTIONS:
            start += 1  # "…, and Gordon, who …, passed": the subject is Gordon
    words: list[Token] = []
    for k, token in enumerate(tokens[start : start + 10], start):
        gap = text[words[-1].end : token.start].strip() if words else ""
        if gap == "." and "." in words[-1].text:
            gap = ""  # "U.S." ends in a full stop that ends nothing
        naming = token.lower in NAMING_VERBS and k + 1 < len(tokens)
        verb = verb_in_context(tokens, k) and not (naming and tokens[k + 1].capitalised)
        if words and (verb or gap or token.lower in RELATIVE_OPENERS):
            break  # "Two protesters who are …": the subject ends at its relative clause
        words.append(token)
    subject = text[words[0].start : words[-1].end] if words else ""
    main, subordinate = _main_verb(sentence, start)
    # A relative clause's verb is not its head noun's: "The last time that they
    # conferred" has no subject to ask about.
    return (subject if len(words) <= 8 and not subordinate else ""), main


def _main_verb(sentence: Sentence, start: int) -> tuple[int | None, bool]:
    """The first verb after the subject that is not in a name, a relative clause
    ("which … has been", "protesters who are associated with X were arrested") or
    used as an adjective ("the attempted launch", "a group led by X examined"); of a
    verb chain ("has been continuously occupied") the last. A clause whose only verb
    is a relative clause's or a participle's, or whose main verb is a bare "was",
    keeps that one (and says so: True)."""
    tokens = sentence.tokens
    relative = False  # inside a relative clause set off by commas
    restrictive = False  # after "who"/"that" with no comma, before its verb
    subordinate: int | None = None
    after = start  # where the search goes on, past a subordinate verb chain
    for k in range(start, len(tokens)):
        if k < after:
            continue
        token = tokens[k]
        gap = sentence.text[tokens[k - 1].end : token.start] if k else ""
        if "," in gap:
            relative = token.lower in ("which", "who", "whose")
        if not relative and k > start and "," not in gap and _opens_relative(tokens, k):
            restrictive = True
        if relative or not verb_in_context(tokens, k) or token.capitalised:
            continue
        if k and tokens[k - 1].lower in ("the", "a", "an", "its", "their", "his", "her"):
            continue
        if any(e.start <= k < e.end for e in sentence.entities):
            continue
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        if token.lower in NAMING_VERBS and following is not None and following.capitalised:
            continue  # "a robot called Emiew broke …": "called" names, "broke" tells
        verb = k
        while verb + 1 < len(tokens) and tokens[verb].lower in AUXILIARIES:
            following = tokens[verb + 1]
            if following.lower.endswith("ly") and verb + 2 < len(tokens):
                if is_verb(tokens[verb + 2]):
                    verb += 2
                    continue
                break
            if is_verb(following):
                verb += 1
                continue
            break
        reduced = (  # "a group led by X", "Naruhito, born in 1960,": a participle
            # after its noun, with no auxiliary, its agent or set off by a comma
            verb == k
            and k > start
            and verb + 1 < len(tokens)
            and (tokens[verb + 1].lower == "by" or ("," in gap and appositive(sentence, k)))
            and tokens[k - 1].lower not in AUXILIARIES
            and is_participial(token.lower)
        )
        if not (restrictive or reduced):
            # "The last time that they conferred was in 2018": a bare "was" says
            # less than the relative clause's verb.
            if subordinate is not None and tokens[verb].lower in BE_FORMS:
                return subordinate, True
            return verb, False
        if subordinate is None:
            subordinate = verb
        restrictive = False
        after = verb + 1
    return subordinate, subordinate is not None


TIME_PHRASE_WORDS = 4
"""The most words a fronted time phrase runs to before its comma ("Late on Monday night,")."""
CONJUNCTIONS = frozenset(("and", "but", "so", "yet"))
"""Words that join the clause to what came before, no part of its subject."""
RELATIVE_WORDS = frozenset(("that", "which", "who", "whom", "whose", "where", "when"))
"""Words that open a relative clause ("the day when …")."""
RELATIVE_OPENERS = RELATIVE_WORDS - {"where", "when"}
"""Those that open one inside a subject ("the protesters who …"): "when" and "where" there
open a clause of time or place instead."""


def appositive(sentence: Sentence, k: int) -> bool:
    """Whether the participle `k` after a comma opens a phrase that a comma closes, with a
    preposition right after it: "Naruhito, born in 1960, graduated …"."""
    tokens = sentence.tokens
    following = tokens[k + 1].lower if k + 1 < len(tokens) else ""
    if following not in PREPOSITIONS and following not in CLAUSE_STOPS - PRONOUNS:
        return False
    return "," in sentence.text[tokens[k].end :]


def _opens_relative(tokens: list[Token], k: int) -> bool:
    """Whether token `k` opens a relative clause: "who", "which", "that the …", not the
    determiner of "at that time"."""
    if tokens[k].lower not in RELATIVE_OPENERS:
        return False
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    if tokens[k].lower != "that" or following is None or following.capitalised:
        return True
    word = following.lower
    return word in DETERMINERS or word in PRONOUNS or is_verb(following)


def _opens_time_phrase(tokens: list[Token], k: int, text: str) -> bool:
    """Whether a time word opens a phrase that a comma closes within a few words:
    "Late Monday, the state legislature complied"."""
    if tokens[k].lower not in LEADING_TIME_WORDS:
        return False
    reach = tokens[min(len(tokens) - 1, k + TIME_PHRASE_WORDS)].end
    return "," in text[tokens[k].end : reach]


def _opens_phrase(token: Token) -> bool:
    """Whether a clause's first word opens a phrase before its subject: a preposition or
    conjunction ("In", "If"), an adverb ("Also", "Finally") or a verb form ("Started in
    1990", "Having won")."""
    word = token.lower
    if word in LEADING_WORDS or word.endswith("ly"):
        return True
    return word not in AUXILIARIES and is_participial(word)
