"""Whether to answer, ask "Did you mean…?", or say the article does not say: a pure rule
over what the matcher found out about its best fact.

The rule, in plain words (README, "How the bot decides"):

- **Answer** when the best fact scores high, is clearly ahead of the next one, the
  question names something the fact is about (one of its core concepts, not only a
  word it mentions in passing), and little of the question is left that the fact does
  not explain. A fact that explains every word of the question and answers its kind
  (no score penalty) needs only a plausible score: the score weighs how close the
  question's wording is to the fact's phrasings, and the evidence is then complete.
- **Ask "Did you mean…?"** when a fact is plausible (it scores well enough and the
  question names what it is about) but one of those checks fails: a close runner-up,
  or words the fact does not explain; or when the question asks a more precise time
  than the fact gives ("what time…?" of a fact that gives a date); or when the best fact
  explains every word of the question but the words are only ones many facts share
  ("where did the earthquake happen?" of an article about an earthquake); or when the
  question asks about the bot itself ("who made you?", "do you think it will last?"),
  which no fact answers, whatever words they share ("made" of "made headlines"). Small
  talk gets its turn then ("who made you" is close to "who are you").
- **Say the article does not say** when no fact is plausible, or when the question is
  closer to one of the base's `decline:` examples than to any fact.

The thresholds are a `Thresholds` value: calibrated per fact base by `article-bot
calibrate` (cross-validation on the base's own phrasings and decline examples), stored
in facts.yaml's `decision:` block, with these defaults for a base that has none.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum


class Verdict(str, Enum):
    """What the decision says to do with a question that is not small talk."""

    ANSWER = "answered"
    CLARIFY = "clarify"
    DECLINE = "unknown"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The numbers the rule compares against; see the module docstring. The defaults, for
    a base without a `decision:` block (a fresh draft), are the answer thresholds that
    `article-bot calibrate` chose on the shipped facts.yaml."""

    answer_min_score: float = 0.55
    """The best fact is answered only at or above this score…"""
    answer_min_margin: float = 0.05
    """…this far ahead of the next fact…"""
    answer_max_unexplained: float = 0.2
    """…with at most this share of the question's weight left unexplained…"""
    answer_max_word: float = 0.2
    """…and no unexplained word heavier than this share of what a rare word weighs."""
    clarify_min_score: float = 0.40
    """A fact is offered as "Did you mean…?" only at or above this score…"""
    clarify_max_unexplained: float = 0.50
    """…and only if it explains all but this share of the question."""

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The thresholds' names, as facts.yaml's `decision:` block spells them."""
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the matcher found out about its best fact for one question."""

    score: float
    """The best fact's score (0..1)."""
    margin: float
    """How far it is ahead of the runner-up."""
    anchored: bool
    """Whether the question names one of the fact's core concepts."""
    unexplained: float
    """The share of the question's weight that the fact does not explain (0..1)."""
    heaviest: float = 0.0
    """The weight of the heaviest word the fact does not explain, as a share of the most
    a word can weigh (0..1): 1 for a rare word no fact knows, little for "people"."""
    unexplained_words: tuple[str, ...] = ()
    """The question's words that the fact does not explain, heaviest first."""
    decline_example: str | None = None
    """A `decline:` example of the base that the question is closer to than to the fact."""
    lacks: str | None = None
    """What the question asks that the fact's answer is not precise enough to give ("time
    of day" for "what time…?" of a fact that gives a date)."""
    shares_words: bool = True
    """Whether the fact uses a word of the question (or a thesaurus relation of one), not
    only gives the shape or category of answer it asks for."""
    addresses_the_bot: bool = False
    """Whether the question asks about the bot itself ("who made you?") and the fact's
    text does not speak to its reader in the same words: the fact does not answer it,
    whatever words they share ("made headlines")."""
    answers_kind: bool = False
    """Whether the fact answers the kind of question asked (its phrasings ask "when"
    for a "when" question), counts what a "how many" question counts and states the
    numbers it names: its score took no penalty."""


def decide(evidence: Evidence, thresholds: Thresholds) -> tuple[Verdict, str]:
    """The verdict and, in a few words, why: the reason a curator reads in `eval`.

    >>> decide(Evidence(0.9, 0.3, True, 0.0), Thresholds())
    (<Verdict.ANSWER: 'answered'>, 'answered')
    >>> decide(Evidence(0.9, 0.3, True, 0.5, 1.0, ("weigh",)), Thresholds())[1]
    'did you mean: the fact does not explain "weigh"'
    """
    t = thresholds
    if evidence.decline_example is not None:
        return Verdict.DECLINE, f"closest to the decline example {evidence.decline_example!r}"
    plausible = evidence.anchored and evidence.score >= t.clarify_min_score
    if not plausible:
        if evidence.score < t.clarify_min_score:
            return Verdict.DECLINE, f"score {evidence.score:.2f} < {t.clarify_min_score:.2f}"
        if evidence.unexplained == 0.0 and evidence.lacks is None and evidence.shares_words:
            # Every word is the fact's, but only words many facts share ("where did the
            # earthquake happen" of an article about one): plausible, not certain.
            return Verdict.CLARIFY, "did you mean: names only what many facts are about"
        return Verdict.DECLINE, "names nothing the best fact is about"
    if evidence.unexplained > t.clarify_max_unexplained:
        return Verdict.DECLINE, f"unexplained: {_words(evidence)}"
    if evidence.lacks is not None:
        return Verdict.CLARIFY, f"did you mean: the fact gives no {evidence.lacks}"
    if evidence.addresses_the_bot:
        return Verdict.CLARIFY, "did you mean: the question asks about the bot"
    if evidence.unexplained > t.answer_max_unexplained or evidence.heaviest > t.answer_max_word:
        return Verdict.CLARIFY, f"did you mean: the fact does not explain {_words(evidence)}"
    complete = evidence.unexplained == 0.0 and evidence.answers_kind
    if evidence.score < t.answer_min_score and not complete:
        return (
            Verdict.CLARIFY,
            f"did you mean: score {evidence.score:.2f} < {t.answer_min_score:.2f}",
        )
    if evidence.margin < t.answer_min_margin:
        return (
            Verdict.CLARIFY,
            f"did you mean: margin {evidence.margin:.2f} < {t.answer_min_margin:.2f}",
        )
    return Verdict.ANSWER, "answered"


def _words(evidence: Evidence) -> str:
    return ", ".join(f'"{w}"' for w in evidence.unexplained_words) or "part of the question"
