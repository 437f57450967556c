"""What a drafted fact's button says: the first phrasing, which a reader sees under
"Did you mean…?" and "I can tell you, for example". A whole question if the sentence has
one (`bot.drafting.questions`); else "What about <its subject>?"; else how the sentence
opens ("He says authorities are reacting slowly to his…"), never a lone keyword.
"""

from __future__ import annotations

import re

from bot.drafting.clauses import common_start, subject_start
from bot.drafting.grammar import is_modifier_only
from bot.drafting.model import Sentence
from bot.drafting.words import CLAUSE_STOPS, DETERMINERS, LEADING_WORDS, PREPOSITIONS, PRONOUNS
from bot.language.text import STOPWORDS

MAX_TOPIC_WORDS = 7
"""A subject longer than this makes a poor button: the first name stands instead."""
OPENING_WORDS = 8
MIN_OPENING_WORDS = 4
OPENING_CHARS = 60
"""A button that shows how a sentence opens has at most OPENING_WORDS words and
OPENING_CHARS characters (Telegram shows a button's first ~60), and stops at a comma
after MIN_OPENING_WORDS."""
_QUOTES = re.compile(r"[\"“”«»„]|^['‘’]+|['‘’]+$")
_CONJUNCTIONS = frozenset(("and", "but", "or", "so", "yet", "plus", "also", "then"))
"""Words a subject read from a clause may open with that are no part of it."""
_NOT_A_TOPIC = STOPWORDS | {"who", "which", "that", "not", "also", "too", "only", "even"}
"""Words a subject may end with that name nothing: function words, relative pronouns,
negation and focus adverbs."""
_NO_SUBJECT_START = PREPOSITIONS | (CLAUSE_STOPS - DETERMINERS - PRONOUNS)
"""Words a subject read from a clause cannot open with: a preposition or a conjunction
means a fronted phrase was taken for it."""


def opening(sentence: Sentence, most_words: int = OPENING_WORDS, *, to_break: bool = True) -> str:
    """The sentence's first words, as a button can show them: up to `most_words` and
    `OPENING_CHARS`, ended early (if `to_break`) by a clause break after at least
    `MIN_OPENING_WORDS`, quotation marks and leading dots or dashes left out, "…" where
    cut; "" if no word."""
    words = [w for w in (_QUOTES.sub("", w) for w in sentence.text.split()) if w]
    while words and not any(c.isalnum() for c in words[0]):
        words = words[1:]  # "... and then", "— Meanwhile"
    shown: list[str] = []
    for word in words[:most_words]:
        if shown and len(" ".join([*shown, word])) > OPENING_CHARS:
            break
        shown.append(word)
        if to_break and len(shown) >= MIN_OPENING_WORDS and word[-1:] in ",;:":
            break
    label = " ".join(shown).rstrip(",;:—–-).…")
    if not any(c.isalnum() for c in label):
        return ""
    label = label[0].upper() + label[1:]  # a quotation's fragment ("… and then, slowly")
    return label if len(shown) == len(words) else f"{label}…"


def topic_of(sentence: Sentence) -> str:
    """What a "What about …?" button names when no whole question was found: the
    sentence's subject without the words around it that name nothing ("and her lack of
    improvement", "Gloria also" -> "her lack of improvement", "Gloria"), else its first
    name; "" when it has neither."""
    words = sentence.subject.split()
    while words and words[0].lower() in _CONJUNCTIONS:
        words = words[1:]
    if words and words[0].lower() in _NO_SUBJECT_START:
        words = []  # "Of the thousands, …", "Per the statement, …": no subject was read
    while words and (words[-1].lower() in _NOT_A_TOPIC or is_modifier_only(words[-1].lower())):
        words = words[:-1]
    whole = " ".join(words).lower()
    if words and len(words) <= MAX_TOPIC_WORDS and whole not in PRONOUNS | LEADING_WORDS:
        at = subject_start(sentence)
        first = next(
            (k for k, t in enumerate(sentence.tokens) if k >= at and t.text == words[0]), None
        )
        if words[0].lower() in DETERMINERS or (first is not None and common_start(sentence, first)):
            words[0] = words[0].lower()  # "the ISS", "police"; "Zoë Ångström", "NASA" kept
        return " ".join(words)
    names = [e.text for e in sentence.entities if e.kind != "thing"]
    return names[0] if names else ""
