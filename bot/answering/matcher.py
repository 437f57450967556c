"""Match a reader's question to one fact of a `FactBase`: pure, deterministic, no I/O.

How a question is read and decided, in order (each step in its own module):

1. `reading`: the question is normalised, tokenized, typos put right, and folded into
   concepts through the base's synonym groups.
2. `index`: every concept weighs its IDF over the facts; a word the base has never seen
   weighs the most a word can, less the more common it is in general use (wordfreq).
3. `scoring`: each fact scores the best weighted F-beta against one of its phrasings
   blended with how much of the question its whole vocabulary explains; a question that
   asks *when* loses against a fact no phrasing of which asks *when*.
4. `evidence`: what is found out about the best fact (its lead over the next fact the
   question is about, whether the question names what the fact is about, what it leaves
   unexplained, a `decline:` example closer than it) goes to `decision`, which answers,
   offers "Did you mean…?", or says the article does not say.
5. `smalltalk`: a message that is no clear question may be a greeting or thanks.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence

from bot.answering.decision import Evidence, Thresholds, Verdict, decide
from bot.answering.evidence import Declines, Relations, gather
from bot.answering.facts import DEFAULT_LANGUAGE, FactBase
from bot.answering.index import FactIndex
from bot.answering.match import MAX_SUGGESTIONS, Analysis, Candidate, Match, Status
from bot.answering.reading import MAX_QUESTION_CHARS, QuestionReader
from bot.answering.scoring import rank
from bot.answering.smalltalk import SmallTalkMatcher
from bot.language.lexicon import preload

__all__ = [
    "MAX_QUESTION_CHARS",
    "MAX_SUGGESTIONS",
    "Analysis",
    "Candidate",
    "Match",
    "Matcher",
    "Status",
]

CLARIFY_WINDOW = 0.20
"""Only facts within this distance of the best are offered."""
ADVICE_KINDS = frozenset({"how-to"})
"""Questions that ask the reader's own way to do something ("how do I get a job at
NASA"): a news article's facts answer them only where a phrasing of the base asks one."""
FOLLOWUP_MAX_CONCEPTS = 2
"""A question with at most this many content words may lean on the previous answer…"""
ANAPHORA = frozenset(
    "that it this they them he she there then those это этом том там тогда он она они его их".split()
)
"""…as may any question that points back with one of these words."""


class Matcher:
    """Scores questions against one fact base; build once, call `match` many times."""

    def __init__(self, base: FactBase, thresholds: Thresholds | None = None) -> None:
        self.base = base
        self.thresholds = thresholds or base.thresholds
        preload()  # the thesauri and lemmatisers, once per process, not on a first question
        self.reader = QuestionReader(base)
        self.index = FactIndex(base, self.reader)
        self.reader.read_name_parts(self.index.idf.keys())
        self.declines = Declines(base, self.reader, self.index)
        self.relations = Relations(self.reader)
        self.smalltalk = SmallTalkMatcher(base, self.reader.words, self.reader.smalltalk_only)

    def holding_out(self, fact_id: str, position: int) -> Matcher:
        """A copy of this matcher that never saw phrasing `position` of `fact_id` (in the
        order of `Fact.phrasings`, languages in turn): for cross-validation. The copy
        shares everything it does not change, so it costs a re-index, not a rebuild."""
        clone = copy.copy(self)
        clone.index = self.index.holding_out(fact_id, position)
        return clone

    def holding_out_decline(self, position: int) -> Matcher:
        """A copy of this matcher that never saw `decline:` example `position` (in the
        order of `FactBase.decline`, languages in turn): for calibration."""
        clone = copy.copy(self)
        clone.declines = self.declines.holding_out(position)
        return clone

    def analyse(self, question: str) -> Analysis:
        """How the matcher reads `question` (at most `MAX_QUESTION_CHARS` of it)."""
        return self.reader.analyse(question)

    def rank(self, analysis: Analysis, unit: str | None = None) -> list[Candidate]:
        """The best facts for a question read as `analysis`, best first."""
        return rank(
            self.index,
            analysis.concepts,
            analysis.kind,
            unit,
            analysis.words,
            analysis.claimed_concepts,
        )

    def match(self, question: str, *, language: str | None = None) -> Match:
        """Match one question, replying in `language` if given (the front end decided),
        else in the language the text is written in.

        >>> from bot.answering.facts import load
        >>> m = Matcher(load("facts.yaml")).match("where did they meet?")
        >>> m.status.value, m.fact.id if m.fact else None  # doctest: +SKIP
        ('answered', 'meeting-date-place')
        """
        text = question[:MAX_QUESTION_CHARS]
        analysis = self.reader.analyse(text)
        lang = language or analysis.language or DEFAULT_LANGUAGE
        kind = analysis.kind
        # Small talk is compared word for word, contractions spelt out ("who's" = "who is").
        normalised = " ".join(analysis.tokens)
        only_smalltalk = self.smalltalk.only(analysis.tokens)
        if only_smalltalk is not None:
            return Match(question, lang, Status.SMALLTALK, (), only_smalltalk, kind, analysis)
        ranked = self.rank(analysis, analysis.unit)
        evidence = self._gather(ranked, analysis) if ranked else None
        evidence, verdict, reason = self._verdict(evidence, kind)
        if verdict is Verdict.ANSWER:
            # Checked before the fuzzy small-talk pass, which most questions then skip.
            answered = _answered(question, lang, ranked, evidence, reason, analysis)
            if analysis.concepts and analysis.concepts <= self.reader.summary_concepts:
                return dataclasses.replace(answered, asks_summary=True)
            return answered
        vague = not ranked or ranked[0].score < self.thresholds.clarify_min_score
        smalltalk = self.smalltalk.closest(normalised, vague=vague)
        if smalltalk is not None:
            # The evidence stays: a looser answer threshold would have answered it.
            return Match(
                question, lang, Status.SMALLTALK, (), smalltalk, kind, analysis, evidence, reason
            )
        status = Status.UNKNOWN
        if verdict is Verdict.CLARIFY:
            best = ranked[0].score
            floor = max(self.thresholds.clarify_min_score, best - CLARIFY_WINDOW)
            ranked, status = [c for c in ranked if c.score >= floor], Status.CLARIFY
        return Match(question, lang, status, tuple(ranked), None, kind, analysis, evidence, reason)

    def match_followup(
        self,
        question: str,
        previous_fact: str,
        previous_kind: str | None = None,
        *,
        language: str | None = None,
        analysis: Analysis | None = None,
    ) -> Match | None:
        """Match a short follow-up against the fact answered last (`previous_fact`, asked
        as `previous_kind`); None when the question does not lean on it.

        - "and where?" / "when was that?" (a kind, few words of its own): the previous fact
          if it answers that kind, else the fact that answers it about the same subject;
        - "and NASA?" / "what about Duffy?" (words, no kind): the previous kind, asked
          about the new words.
        """
        text = question[:MAX_QUESTION_CHARS]
        if analysis is None:
            analysis = self.reader.analyse(text)
        kind, concepts = analysis.kind, analysis.concepts
        index = self.index.index_of.get(previous_fact)
        elliptical = len(concepts) <= FOLLOWUP_MAX_CONCEPTS or not ANAPHORA.isdisjoint(
            analysis.tokens
        )
        if index is None or not elliptical:
            return None
        lang = language or analysis.language or DEFAULT_LANGUAGE
        if kind is not None:
            if (
                kind in self.index.fact_kinds[index]
                and concepts <= self.index.profiles[index].keys()
            ):
                fact = Candidate(self.base.facts[index], 1.0, index)
                return Match(question, lang, Status.ANSWERED, (fact,), kind=kind)
            concepts = concepts | self.index.subjects[index]
        elif concepts and previous_kind is not None:
            kind = previous_kind
        else:
            return None
        leaning = Analysis(analysis.tokens, kind, concepts, analysis.words)
        ranked = self.rank(leaning)
        if not ranked:
            return None
        evidence, verdict, reason = self._verdict(self._gather(ranked, leaning), kind)
        if verdict is Verdict.ANSWER:
            return _answered(question, lang, ranked, evidence, reason, leaning)
        return None

    def _gather(self, ranked: Sequence[Candidate], analysis: Analysis) -> Evidence:
        return gather(
            self.index, self.reader, self.relations, self.declines, list(ranked), analysis
        )

    def _verdict(
        self, evidence: Evidence | None, kind: str | None
    ) -> tuple[Evidence | None, Verdict, str]:
        """The evidence kept, the verdict and its reason. A question of a kind that asks
        the reader's own way of doing something, which no fact answers, keeps no evidence:
        no threshold could make it an answer, and calibration and eval's threshold curve
        replay `decide` on the evidence of every question."""
        if kind in ADVICE_KINDS and not any(kind in kinds for kinds in self.index.fact_kinds):
            return None, Verdict.DECLINE, f"no fact answers a {kind} question"
        if evidence is None:
            return None, Verdict.DECLINE, "no fact"
        return evidence, *decide(evidence, self.thresholds)


def _answered(
    question: str,
    language: str,
    ranked: Sequence[Candidate],
    evidence: Evidence | None,
    reason: str,
    analysis: Analysis,
) -> Match:
    """An answered match: the best of `ranked`, the others kept as what came next."""
    return Match(
        question,
        language,
        Status.ANSWERED,
        tuple(ranked),
        None,
        analysis.kind,
        analysis,
        evidence,
        reason,
    )
