"""Noun phrases as the draft's questions quote them, and the questions that a phrase
after a noun asks: "an international group led by Manuel Llinás" asks "Who led an
international group?", "Naruhito, born in 1960," asks "When was Naruhito born?".
"""

from __future__ import annotations

import re

from bot.drafting.entities import verb_in_context
from bot.drafting.figures import Question
from bot.drafting.grammar import AUXILIARIES, is_participial, is_plural_noun, simple_past
from bot.drafting.main_clause import RELATIVE_WORDS, appositive
from bot.drafting.model import Sentence, Token
from bot.drafting.quantities import DATE
from bot.drafting.words import CLAUSE_STOPS, DETERMINERS, PREPOSITIONS, PRONOUNS

MAX_OBJECT_TOKENS = 6
"""The longest object (or noun phrase before a participle) a question quotes."""
PHRASE_BREAK = re.compile(r"[,;:()\"“”—–]")
"""Punctuation between two words that ends the phrase they would make."""


def lower_determiner(phrase: str) -> str:
    """The phrase with a leading determiner lowercased, to stand inside a question."""
    if phrase.split()[0].lower() in DETERMINERS:
        return phrase[0].lower() + phrase[1:]
    return phrase


def joins_noun_phrase(tokens: list[Token], k: int, taken: list[Token]) -> bool:
    """Whether "of" at `k` continues the object's noun phrase ("the Man of the Match
    award"): after a noun of it, before a determiner or a name."""
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    return (
        tokens[k].lower == "of"
        and bool(taken)
        and following is not None
        and (following.lower in DETERMINERS or following.capitalised)
    )


def agent_questions(sentence: Sentence) -> list[Question]:
    """ "an international group led by Manuel Llinás" asks "Who led an international
    group?": a participle after its noun, with a named agent ("by" and a capitalised
    word), says who did what to the noun phrase before it."""
    tokens, text = sentence.tokens, sentence.text
    out: list[Question] = []
    for k in range(1, len(tokens) - 2):
        participle, by, agent = tokens[k], tokens[k + 1], tokens[k + 2]
        if by.lower != "by" or not agent.capitalised or not is_participial(participle.lower):
            continue
        if tokens[k - 1].lower in AUXILIARIES or PHRASE_BREAK.search(
            text[tokens[k - 1].end : participle.start]
        ):
            continue  # "was led by": the main clause's passive (`_Clause`)
        phrase: list[Token] = []
        for j in range(k - 1, max(-1, k - 1 - MAX_OBJECT_TOKENS), -1):
            token = tokens[j]
            gap = text[token.end : (phrase[0] if phrase else participle).start]
            if (
                PHRASE_BREAK.search(gap)
                or token.lower in CLAUSE_STOPS
                or token.lower in PREPOSITIONS
            ):
                break
            if token.lower in RELATIVE_WORDS or verb_in_context(tokens, j):
                break
            phrase.insert(0, token)
            if token.lower in DETERMINERS:
                break
        if (
            len(phrase) < 2
            or phrase[0].lower not in DETERMINERS
            or any(t.capitalised or not t.text.isalpha() for t in phrase[1:])
        ):
            continue  # "Putin, led by …", "the Walding 400 Powered by …": a name, not a thing
        noun = lower_determiner(text[phrase[0].start : phrase[-1].end])
        out.append((f"Who {simple_past(participle.lower)} {noun}?", "who"))
    return out


def appositive_questions(sentence: Sentence) -> list[Question]:
    """ "Naruhito, born in 1960, graduated …" asks "When was Naruhito born?": a participle
    set off by commas right after the subject, with a date before the next comma."""
    tokens, text = sentence.tokens, sentence.text
    subject = sentence.subject
    if not subject or subject.lower() in PRONOUNS:
        return []
    end = text.find(subject) + len(subject)
    k = next((i for i, t in enumerate(tokens) if t.start > end), None)
    if k is None or text[end : tokens[k].start].strip() != ",":
        return []
    participle = tokens[k]
    if not is_participial(participle.lower) or not appositive(sentence, k):
        return []
    close = text.find(",", participle.end)
    if close < 0 or not DATE.search(text[participle.end : close]):
        return []
    be = "were" if is_plural_noun(subject.split()[-1].lower()) else "was"
    return [(f"When {be} {lower_determiner(subject)} {participle.lower}?", "when")]
