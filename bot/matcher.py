"""Match a reader's question to one fact of a `FactBase`: pure, deterministic, no I/O.

How a question is scored, in order:

1. Tokens are stemmed (Snowball), stopwords dropped, and a token the fact base has never
   seen is corrected to its closest known word (rapidfuzz `fuzz.ratio`), so typos count.
2. Stems are folded into concepts through the curated synonym groups, so "boss", "head"
   and "chief" are one term, and so are "NASA" and "НАСА".
3. Every concept carries an IDF weight over the facts: words that many facts share
   ("ISS") weigh little; words the fact base has never seen weigh most, because a
   question built around an unknown word ("How much does the ISS *weigh*?") asks
   something the article does not say.
4. A fact's score blends (a) the best weighted F-measure against one of its phrasings
   and (b) how much of the question its whole vocabulary (phrasings, answer, citation)
   explains. A question that asks *when* loses against a fact no phrasing of which asks
   *when*.
5. The best fact is answered only when its score is high and clearly ahead of the
   runner-up; otherwise close candidates are offered as "Did you mean…?", and weak ones
   are declined.
"""

from __future__ import annotations

import bisect
import copy
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from rapidfuzz import fuzz, process

from bot.facts import DEFAULT_LANGUAGE, Fact, FactBase, SmallTalk, normalise_phrasing
from bot.text import (
    STOP_STEMS,
    STOPWORDS,
    SynonymFolder,
    correct_question_word,
    counted_noun,
    detect_language,
    question_kind,
    stem,
    tokenize,
)

ANSWER_MIN_SCORE = 0.62
"""A fact is answered outright only at or above this score…"""
ANSWER_MIN_MARGIN = 0.08
"""…and only this far ahead of the next fact."""
ANSWER_MAX_UNEXPLAINED = 0.25
"""Common words the answered fact lacks may make up at most this share of the question
("who founded NASA?": NASA is common, but it is half of what is asked)."""
CLARIFY_MIN_SCORE = 0.40
"""Facts at or above this score may be offered as "Did you mean…?"."""
CLARIFY_MAX_UNEXPLAINED = 0.25
"""A question more than this share of whose weight the best fact does not explain is
declined (with suggestions) rather than offered as "Did you mean…?"."""
CLARIFY_WINDOW = 0.20
"""Only facts within this distance of the best are offered."""
MAX_SUGGESTIONS = 3
RANKED = MAX_SUGGESTIONS + 1
"""Facts ranked per question: the suggestions and the runner-up they are measured against."""
KIND_MISMATCH_PENALTY = 0.55
"""Score factor for a fact none of whose phrasings asks the question's kind."""
NUMBER_MISMATCH_PENALTY = 0.7
"""Score factor for a fact whose answer lacks a number the question names (2028 vs 2030)."""
PHRASING_WEIGHT = 0.55
"""Share of the best single phrasing in a fact's score; the rest is vocabulary cover."""
RECALL_BETA = 2.0
"""F-beta against a phrasing: covering the question's terms matters more than covering the phrasing's."""
SMALLTALK_MIN_RATIO = 86.0
"""Similarity (0-100) a message needs to a small-talk phrasing."""
SMALLTALK_MAX_CHARS = 60
SMALLTALK_CONTAINS_MAX_WORDS = 4
"""Messages this short count as small talk when they merely contain a phrasing."""
CITATION_ONLY_CREDIT = 0.5
"""Credit for a question word that only a fact's citation (not its phrasings or answer) has."""
VETO_FREE_SHARE = 0.4
"""A question word the answered fact lacks is tolerated only if at least this share of all
facts has it (it says nothing specific); any rarer unexplained word blocks the answer."""
TYPO_MIN_RATIO = {4: 85.0, 5: 85.0, 6: 85.0}
"""`fuzz.ratio` a word needs to be corrected to a known one, by word length (longer: 80)."""
FOLLOWUP_MAX_CONCEPTS = 2
"""A question with at most this many content words may lean on the previous answer…"""
ANAPHORA = frozenset(
    "that it this they them he she there then those это этом том там тогда он она они его их".split()
)
"""…as may any question that points back with one of these words."""
SUBJECT_MIN_SHARE = 0.25
"""A concept in at least this share of a fact's phrasings is part of what the fact is about."""
ARTICLE_WORDS = ("article", "статья")
"""Words for the article itself ("according to the article", "в статье"): every fact is
in it, so these (and their synonyms) are dropped from a question that asks more than
what the article is."""
MAX_QUESTION_CHARS = 400
"""Matching reads this much of a message; longer text is not a question."""


class Status(str, Enum):
    """The four ways a question can end."""

    ANSWERED = "answered"
    CLARIFY = "clarify"
    UNKNOWN = "unknown"
    SMALLTALK = "smalltalk"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A fact and how well the question matched it (0..1)."""

    fact: Fact
    score: float
    fact_index: int = -1


@dataclass(frozen=True, slots=True)
class Match:
    """The outcome of matching one question."""

    question: str
    language: str
    status: Status
    candidates: tuple[Candidate, ...] = ()
    smalltalk: SmallTalk | None = None
    kind: str | None = None

    @property
    def fact(self) -> Fact | None:
        """The answered fact, or None."""
        return self.candidates[0].fact if self.status is Status.ANSWERED else None

    @property
    def score(self) -> float | None:
        """The best candidate's score, or None when there is none."""
        return self.candidates[0].score if self.candidates else None


class Matcher:
    """Scores questions against one fact base; build once, call `match` many times."""

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self._index_of = {fact.id: index for index, fact in enumerate(base.facts)}
        self._synonyms = SynonymFolder(base.synonyms)

        self._words: set[str] = set()
        for text in self._all_texts(base):
            self._words.update(tokenize(text))
        self._known_stems = {stem(w) for w in self._words}
        self._words_by_initial: dict[str, list[str]] = defaultdict(list)
        for word in sorted(self._words):
            self._words_by_initial[word[0]].append(word)
        self._typo_cache: dict[str, str | None] = {}
        # Words only small talk uses ("thanks", "bot") say nothing about the article.
        self._smalltalk_only = (
            frozenset(
                word
                for entry in base.smalltalk
                for asks in entry.phrasings.values()
                for phrasing in asks
                for word in tokenize(phrasing)
            )
            - self._words
        )
        self._article_concepts = frozenset(
            concept for word in ARTICLE_WORDS for concept in self._concepts(tokenize(word))
        )

        # What each fact says, analysed once: its phrasings (with the kind each asks),
        # and the vocabulary of its answers (full credit) and citations (half credit).
        self._bags: list[list[frozenset[str]]] = []
        self._kinds: list[list[str | None]] = []
        self._fixed_vocabulary: list[dict[str, float]] = []
        self._answer_numbers: list[frozenset[str]] = []
        self._units: list[frozenset[str]] = []  # what the fact's "how many" phrasings count
        for fact in base.facts:
            phrasings = [p for asks in fact.phrasings.values() for p in asks]
            tokenized = [tokenize(p) for p in phrasings]
            kinds_and_rest = [question_kind(tokens) for tokens in tokenized]
            self._units.append(frozenset(u for u in map(self._unit, tokenized) if u))
            self._bags.append([frozenset(self._concepts(rest)) for _, rest in kinds_and_rest])
            self._kinds.append([kind for kind, _ in kinds_and_rest])
            vocabulary = dict.fromkeys(
                (c for quote in fact.citations for c in self._concepts(tokenize(quote.quote))),
                CITATION_ONLY_CREDIT,
            )
            answer_concepts = frozenset(
                c for a in fact.answers.values() for c in self._concepts(tokenize(a))
            )
            vocabulary.update(dict.fromkeys(answer_concepts, 1.0))
            self._fixed_vocabulary.append(vocabulary)
            self._answer_numbers.append(frozenset(c for c in answer_concepts if c.isdigit()))
        self._index()
        self._subjects = [self._subject(bags) for bags in self._bags]

        self._smalltalk: list[tuple[str, SmallTalk]] = [
            (normalise_phrasing(p), entry)
            for entry in base.smalltalk
            for asks in entry.phrasings.values()
            for p in asks
        ]
        self._smalltalk_texts = [p for p, _ in self._smalltalk]
        self._smalltalk_stems = frozenset(stem(w) for p in self._smalltalk_texts for w in p.split())
        # Longest first, so "what can i ask you" wins over "hey" in a message with both.
        self._smalltalk_words = sorted(
            ((frozenset(p.split()), entry) for p, entry in self._smalltalk),
            key=lambda item: -len(item[0]),
        )
        self._smalltalk_exact = dict(self._smalltalk)

    def _index(self) -> None:
        """Weights and postings from the analysed facts (rebuilt for a held-out copy)."""
        profiles: list[dict[str, float]] = []
        for bags, vocabulary in zip(self._bags, self._fixed_vocabulary, strict=True):
            profile = dict(vocabulary)
            profile.update(dict.fromkeys(set().union(*bags), 1.0))
            profiles.append(profile)
        self._fact_kinds = [frozenset(k for k in kinds if k) for kinds in self._kinds]

        count = len(self.base.facts)
        document_frequency: dict[str, int] = defaultdict(int)
        for profile in profiles:
            for concept in profile:
                document_frequency[concept] += 1
        self._idf = {
            c: math.log((count + 1) / (df + 0.5)) + 1.0 for c, df in document_frequency.items()
        }
        self._unknown_weight = math.log((count + 1) / 1.5) + 1.0
        self._veto_weight = math.log((count + 1) / (count * VETO_FREE_SHARE + 0.5)) + 1.0

        # Per fact: each phrasing's total weight, and which phrasings hold each concept.
        self._phrasing_weights = [[self._weight(bag) for bag in bags] for bags in self._bags]
        self._phrasing_postings: list[dict[str, list[int]]] = []
        for bags in self._bags:
            postings: dict[str, list[int]] = defaultdict(list)
            for position, bag in enumerate(bags):
                for concept in bag:
                    postings[concept].append(position)
            self._phrasing_postings.append(dict(postings))
        self._profiles = profiles
        self._profile_postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for fact_index, profile in enumerate(profiles):
            for concept, credit in profile.items():
                self._profile_postings[concept].append((fact_index, credit))

    @staticmethod
    def _subject(bags: list[frozenset[str]]) -> frozenset[str]:
        """What a fact is about: the concepts that recur across its phrasings."""
        counts: dict[str, int] = defaultdict(int)
        for bag in bags:
            for concept in bag:
                counts[concept] += 1
        ranked = sorted(counts, key=lambda c: (-counts[c], c))
        core = [c for c in ranked if counts[c] >= SUBJECT_MIN_SHARE * len(bags)]
        return frozenset(core if len(core) >= 2 else ranked[:3])

    def holding_out(self, fact_id: str, position: int) -> Matcher:
        """A copy of this matcher that never saw phrasing `position` of `fact_id` (in the
        order of `Fact.phrasings`, languages in turn): for cross-validation. The copy
        shares everything it does not change, so it costs a re-index, not a rebuild."""
        index = self._index_of[fact_id]
        clone = copy.copy(self)
        clone._bags = list(self._bags)
        clone._bags[index] = self._bags[index][:position] + self._bags[index][position + 1 :]
        clone._kinds = list(self._kinds)
        clone._kinds[index] = self._kinds[index][:position] + self._kinds[index][position + 1 :]
        clone._index()
        return clone

    @staticmethod
    def _all_texts(base: FactBase) -> Iterable[str]:
        yield from (text for _, text in base.article.parts())
        yield from (word for group in base.synonyms for word in group)
        for fact in base.facts:
            yield from fact.answers.values()
            yield from (p for asks in fact.phrasings.values() for p in asks)

    # --- analysis -----------------------------------------------------------------
    def _correct(self, word: str) -> str | None:
        """The known word a misspelt `word` stands for, or None."""
        if word in self._typo_cache:
            return self._typo_cache[word]
        corrected = None
        if len(word) >= 4 and not word.isdigit():
            # Typos seldom touch the first letter; requiring it keeps "rubles" from
            # becoming "troubles".
            candidates = self._words_by_initial.get(word[0], [])
            cutoff = TYPO_MIN_RATIO.get(len(word), 80.0)
            found = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
            corrected = found[0] if found else None
        self._typo_cache[word] = corrected
        return corrected

    def _unit(self, tokens: list[str]) -> str | None:
        """The concept a "how many" question counts ("people", "years"), or None."""
        noun = counted_noun(tokens)
        if noun is None or noun in STOPWORDS:
            return None
        # Not `_concepts`: a word small talk also uses ("человек") still counts here.
        return self._synonyms.fold([stem(noun)])[0]

    def _tokens(self, text: str) -> list[str]:
        """A question's tokens, with misspelt question words ("wher") put right."""
        return [t if t in self._words else correct_question_word(t) for t in tokenize(text)]

    def _stems(self, tokens: Sequence[str], *, correct: bool) -> list[tuple[str, bool]]:
        """(stem, whether it is a stopword) per token. Stopwords stay until synonym phrases
        are folded, so that "get together" and "take off" can still be one concept."""
        stems: list[tuple[str, bool]] = []
        for token in tokens:
            stemmed = stem(token)
            if token in STOPWORDS or token in self._smalltalk_only:
                stems.append((stemmed, True))
                continue
            if stemmed in STOP_STEMS and token not in self._words:
                stems.append((stemmed, True))  # "getting", "happening": a stopword's form
                continue
            if correct and stemmed not in self._known_stems and token not in self._words:
                fixed = self._correct(token)
                if fixed is not None:
                    stemmed = stem(fixed)
                    if fixed in STOPWORDS:
                        stems.append((stemmed, True))
                        continue
            stems.append((stemmed, False))
        return stems

    def _concepts(self, tokens: Sequence[str], *, correct: bool = False) -> list[str]:
        """Stems with synonym phrases folded into one concept each (longest phrase first),
        then stopwords dropped unless they were part of a phrase of two words or more."""
        stems = self._stems(tokens, correct=correct)
        spans = self._synonyms.fold_spans([s for s, _ in stems])
        ends = [start for _, start in spans[1:]] + [len(stems)] if spans else []
        return [
            concept
            for (concept, start), end in zip(spans, ends, strict=True)
            if end - start > 1 or not stems[start][1]
        ]

    def _question_concepts(self, tokens: Sequence[str]) -> set[str]:
        """A question's concepts, without words for the article unless that is all it has."""
        concepts = set(self._concepts(tokens, correct=True))
        return concepts - self._article_concepts or concepts

    def _weight(self, concepts: Iterable[str]) -> float:
        return sum(self._idf.get(c, self._unknown_weight) for c in concepts)

    # --- matching ---------------------------------------------------------------------
    def match(self, question: str, *, language: str | None = None) -> Match:
        """Match one question, replying in `language` if given (the front end decided),
        else in the language the text is written in.

        >>> from bot.facts import load
        >>> m = Matcher(load("facts.yaml")).match("where did they meet?")
        >>> m.status.value, m.fact.id if m.fact else None  # doctest: +SKIP
        ('answered', 'meeting-date-place')
        """
        text = question[:MAX_QUESTION_CHARS]
        lang = language or detect_language(text) or DEFAULT_LANGUAGE
        tokens = self._tokens(text)
        kind, rest = question_kind(tokens)
        concepts = self._question_concepts(rest)
        normalised = normalise_phrasing(text)
        exact = self._smalltalk_exact.get(normalised)
        if exact is not None:
            return Match(question, lang, Status.SMALLTALK, smalltalk=exact, kind=kind)
        ranked = self._rank(concepts, kind, self._unit(tokens) if kind == "quantity" else None)
        if ranked and self._is_clear_answer(ranked, concepts):
            # Checked before the fuzzy small-talk pass, which most questions then skip.
            return Match(
                question, lang, Status.ANSWERED, tuple(ranked[:MAX_SUGGESTIONS]), kind=kind
            )
        vague = not ranked or ranked[0].score < CLARIFY_MIN_SCORE
        smalltalk = self._match_smalltalk(normalised, vague=vague)
        if smalltalk is not None:
            return Match(question, lang, Status.SMALLTALK, smalltalk=smalltalk, kind=kind)
        if ranked and self._asks_beyond(ranked[0], concepts):
            return Match(question, lang, Status.UNKNOWN, tuple(ranked[:MAX_SUGGESTIONS]), kind=kind)
        best = ranked[0].score if ranked else 0.0
        close = tuple(
            c
            for c in ranked[:MAX_SUGGESTIONS]
            if c.score >= CLARIFY_MIN_SCORE and c.score >= best - CLARIFY_WINDOW
        )
        if close:
            return Match(question, lang, Status.CLARIFY, close, kind=kind)
        return Match(question, lang, Status.UNKNOWN, tuple(ranked[:MAX_SUGGESTIONS]), kind=kind)

    def match_followup(
        self,
        question: str,
        previous_fact: str,
        previous_kind: str | None = None,
        *,
        language: str | None = None,
    ) -> Match | None:
        """Match a short follow-up against the fact answered last (`previous_fact`, asked
        as `previous_kind`); None when the question does not lean on it.

        - "and where?" / "when was that?" (a kind, few words of its own): the previous fact
          if it answers that kind, else the fact that answers it about the same subject;
        - "and NASA?" / "what about Duffy?" (words, no kind): the previous kind, asked
          about the new words.
        """
        text = question[:MAX_QUESTION_CHARS]
        tokens = self._tokens(text)
        kind, rest = question_kind(tokens)
        concepts = self._question_concepts(rest)
        index = self._index_of.get(previous_fact)
        elliptical = len(concepts) <= FOLLOWUP_MAX_CONCEPTS or bool(ANAPHORA & set(tokens))
        if index is None or not elliptical:
            return None
        lang = language or detect_language(text) or DEFAULT_LANGUAGE
        if kind is not None:
            if kind in self._fact_kinds[index] and concepts <= self._profiles[index].keys():
                fact = Candidate(self.base.facts[index], 1.0, index)
                return Match(question, lang, Status.ANSWERED, (fact,), kind=kind)
            concepts |= self._subjects[index]
        elif concepts and previous_kind is not None:
            kind = previous_kind
        else:
            return None
        ranked = self._rank(concepts, kind)
        if ranked and self._is_clear_answer(ranked, concepts):
            return Match(
                question, lang, Status.ANSWERED, tuple(ranked[:MAX_SUGGESTIONS]), kind=kind
            )
        return None

    def _is_clear_answer(self, ranked: list[Candidate], concepts: set[str]) -> bool:
        """High score, clear lead, and no weighty word of the question left unexplained."""
        best = ranked[0]
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        if best.score < ANSWER_MIN_SCORE or best.score - runner_up < ANSWER_MIN_MARGIN:
            return False
        profile = self._profiles[best.fact_index]
        weights = {c: self._idf.get(c, self._unknown_weight) for c in concepts}
        missing = {c: w for c, w in weights.items() if profile.get(c, 0.0) < 1.0}
        if any(w > self._veto_weight for w in missing.values()):
            return False
        return sum(missing.values()) <= ANSWER_MAX_UNEXPLAINED * sum(weights.values())

    def _asks_beyond(self, best: Candidate, concepts: set[str]) -> bool:
        """Whether the question most likely asks what the article does not say: it has a
        word the fact base has never seen, or much of it is foreign to the best fact."""
        if any(c not in self._idf for c in concepts):
            return True
        profile = self._profiles[best.fact_index]
        weights = {c: self._idf[c] for c in concepts}
        unexplained = sum(w for c, w in weights.items() if profile.get(c, 0.0) < 1.0)
        return unexplained / sum(weights.values()) > CLARIFY_MAX_UNEXPLAINED

    def _match_smalltalk(self, normalised: str, *, vague: bool = False) -> SmallTalk | None:
        """The closest small-talk entry by whole text, word order aside; a short message
        may also just contain a phrasing ("thanks, that helped"), and one that is `vague`
        (no fact comes near it) may hold a phrasing's words among words the base knows
        ("hey, what kind of questions can I ask you"; not "translate good morning into
        French"). Asked only once the article has no clear answer, so "hello, who runs
        NASA?" stays a question."""
        if not self._smalltalk:
            return None
        if not normalised or len(normalised) > SMALLTALK_MAX_CHARS:
            return None
        scorers = [fuzz.ratio, fuzz.token_sort_ratio]
        if len(normalised.split()) <= SMALLTALK_CONTAINS_MAX_WORDS:
            scorers.append(fuzz.token_set_ratio)
        best: tuple[str, float, int] | None = None
        for scorer in scorers:
            found = process.extractOne(
                normalised, self._smalltalk_texts, scorer=scorer, score_cutoff=SMALLTALK_MIN_RATIO
            )
            if found is not None and (best is None or found[1] > best[1]):
                best = found
        if best is not None:
            return self._smalltalk[best[2]][1]
        words = set(normalised.split())
        if vague and all(self._is_known_word(w) for w in words):
            for phrasing_words, entry in self._smalltalk_words:
                if phrasing_words <= words:
                    return entry
        return None

    def _is_known_word(self, word: str) -> bool:
        """Whether the fact base or its small talk knows `word` (in some form)."""
        return (
            word in STOPWORDS
            or word in self._words
            or stem(word) in STOP_STEMS
            or stem(word) in self._smalltalk_stems
        )

    def _rank(
        self, concepts: set[str], kind: str | None, unit: str | None = None
    ) -> list[Candidate]:
        """The best facts for the question, best first (at most `RANKED`).

        A fact's phrasing score can never beat what its whole vocabulary covers, so facts
        are scored exactly in order of cover, and the scan stops once no remaining fact
        can reach the last place kept: the result is the same as scoring every fact.
        """
        if not concepts:
            return []
        weights = {c: self._idf.get(c, self._unknown_weight) for c in concepts}
        question_weight = sum(weights.values())
        numbers = {c for c in concepts if c.isdigit()}
        cover: dict[int, float] = defaultdict(float)
        for concept, weight in weights.items():
            for fact_index, credit in self._profile_postings.get(concept, ()):
                cover[fact_index] += weight * credit
        facts = self.base.facts
        top: list[tuple[float, str, int]] = []  # (-score, fact id, index): best first
        for fact_index, covered in sorted(cover.items(), key=lambda item: (-item[1], item[0])):
            recall = covered / question_weight
            if len(top) >= RANKED and _score_bound(recall) < -top[-1][0]:
                break
            score = PHRASING_WEIGHT * self._best_phrasing(fact_index, weights, question_weight)
            score += (1.0 - PHRASING_WEIGHT) * recall
            if kind is not None and kind not in self._fact_kinds[fact_index]:
                score *= KIND_MISMATCH_PENALTY
            elif unit is not None and unit not in self._units[fact_index]:
                score *= KIND_MISMATCH_PENALTY  # "how many people" is not "how many years"
            if not numbers <= self._answer_numbers[fact_index]:
                score *= NUMBER_MISMATCH_PENALTY
            bisect.insort(top, (-round(score, 4), facts[fact_index].id, fact_index))
            del top[RANKED:]
        return [Candidate(facts[index], -negative, index) for negative, _, index in top]

    def _best_phrasing(
        self, fact_index: int, weights: dict[str, float], question_weight: float
    ) -> float:
        """The best weighted F-beta between the question and one of the fact's phrasings."""
        postings = self._phrasing_postings[fact_index]
        overlap: dict[int, float] = {}
        for concept, weight in weights.items():
            for position in postings.get(concept, ()):
                overlap[position] = overlap.get(position, 0.0) + weight
        # With precision s/b and recall s/q, F-beta is (1 + beta²)·s / (beta²·q + b): one
        # division per phrasing in this hot loop, and the constant factor once at the end.
        bag_weights = self._phrasing_weights[fact_index]
        question_part = _BETA2 * question_weight
        best = 0.0
        for position, shared in overlap.items():
            ratio = shared / (question_part + bag_weights[position])
            if ratio > best:
                best = ratio
        return (1 + _BETA2) * best


_BETA2 = RECALL_BETA * RECALL_BETA


def _f_beta(precision: float, recall: float) -> float:
    return (1 + _BETA2) * precision * recall / (_BETA2 * precision + recall)


def _score_bound(recall: float) -> float:
    """The highest score a fact can reach when its vocabulary covers `recall` of the
    question: its best phrasing at best has precision 1 and the same recall."""
    return (
        PHRASING_WEIGHT * _f_beta(1.0, recall) + (1.0 - PHRASING_WEIGHT) * recall if recall else 0.0
    )
