"""Match a reader's question to one fact of a `FactBase`: pure, deterministic, no I/O.

How a question is read and scored, in order:

1. Text is normalised and tokenized (`bot.language.text`); request frames ("can you tell me")
   and words that never decide what is asked (function words, interjections, light
   words: the data files of `bot.language.wordlists`) are set aside; a token the fact base has
   never seen is corrected to its closest known word (rapidfuzz), so typos count.
2. Stems (Russian through its lemma) are folded into concepts through the curated
   synonym groups, so "boss", "head" and "chief" are one term, and "NASA" and "НАСА".
3. Every concept weighs its IDF over the facts; a word the base has never seen weighs
   the most a word can, less the more common it is in general use (wordfreq).
4. A fact's score blends (a) the best weighted F-measure against one of its phrasings
   and (b) how much of the question its whole vocabulary (phrasings, answer, citation)
   explains. A question that asks *when* loses against a fact no phrasing of which asks
   *when*.
5. What is found out about the best fact (`Evidence`: its lead over the next fact the
   question is about, whether the question names what the fact is about, what it leaves
   unexplained, a `decline:` example closer than it) goes to `bot.answering.decision`, which
   answers, offers "Did you mean…?", or says the article does not say.
"""

from __future__ import annotations

import bisect
import copy
import functools
import heapq
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from enum import Enum

from rapidfuzz import fuzz, process

from bot.answering.decision import Evidence, Thresholds, Verdict, decide
from bot.answering.facts import DEFAULT_LANGUAGE, Fact, FactBase, SmallTalk
from bot.language.lexicon import preload, related
from bot.language.text import (
    QUESTION_WORDS,
    STOP_STEMS,
    STOPWORDS,
    SynonymFolder,
    correct_question_word,
    counted_noun,
    detect_language,
    drop_frames,
    phrase_stems,
    question_kind,
    stem,
    tokenize,
)
from bot.language.wordlists import word_lists, zipf

CLARIFY_WINDOW = 0.20
"""Only facts within this distance of the best are offered."""
MAX_SUGGESTIONS = 3
RANKED = MAX_SUGGESTIONS
"""Facts ranked per question: the suggestions (the first two are also the best fact and the
runner-up it must lead)."""
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
"""Credit for a question word that only a fact's citation or its paragraph (not its
phrasings or answer) has."""
ADVICE_KINDS = frozenset({"how-to"})
"""Questions that ask the reader's own way to do something ("how do I get a job at
NASA"): a news article's facts answer them only where a phrasing of the base asks one."""
COMMON_ZIPF = 6.5
"""A word the base has never seen weighs less the more common it is in general use: a
tenth of the most a word can weigh at this Zipf frequency ("people" 6.3, "time" 6.3)…"""
SPECIFIC_ZIPF = 4.0
"""…and all of it at this one and below ("weigh" 4.0, "budget" 4.8 in between)."""
COMMON_WORD_SHARE = 0.1
RELATED_CREDIT = 0.5
"""Credit for a question word the fact does not use that a thesaurus relates to one it
does ("postponed" to "delayed"): a reader's own word for the fact's concept, mostly."""
RELATED_MAX = 60
"""A word related to more lemmas than this has too many senses to vouch for any."""
DECLINE_MIN_SCORE = 0.5
"""A `decline:` example this close to the question, and closer than any fact, declines it."""
WORD_CACHE_SIZE = 50_000
"""Distinct question words whose reading (stem, stopword, typo fixed) is remembered."""
TYPO_MIN_RATIO = {4: 85.0, 5: 85.0, 6: 85.0}
"""`fuzz.ratio` a real word needs to be read as a known one, by word length (longer: 80)…"""
NON_WORD_MIN_RATIO = 75.0
"""…and a string that is no word in general use ("yeer", "invitaton"): one wrong letter
in four."""
REAL_WORD_ZIPF = 3.0
"""A word at least this common in general use is a real word, not a typo."""
FOLLOWUP_MAX_CONCEPTS = 2
"""A question with at most this many content words may lean on the previous answer…"""
ANAPHORA = frozenset(
    "that it this they them he she there then those это этом том там тогда он она они его их".split()
)
"""…as may any question that points back with one of these words."""
SUBJECT_MIN_SHARE = 0.15
"""A concept in at least this share of a fact's phrasings is part of what the fact is about."""
ARTICLE_WORDS = ("article", "статья")
"""Words for the article itself ("according to the article", "в статье"): every fact is
in it, so these (and their synonyms) are dropped from a question that asks more than
what the article is."""
SCORE_DIGITS = 4
"""Scores are rounded to this many digits, so that facts that tie rank by id, stably."""
SCORE_SCALE = 10**SCORE_DIGITS
SCORE_ROUNDING = 1 / SCORE_SCALE
MAX_QUESTION_CHARS = 400
"""Matching reads this much of a message; longer text is not a question."""


class Status(str, Enum):
    """The four ways a question can end."""

    ANSWERED = "answered"
    CLARIFY = "clarify"
    UNKNOWN = "unknown"
    SMALLTALK = "smalltalk"


# Candidate, Analysis and Match are built for every question, so they are not frozen:
# on Python 3.11 a frozen dataclass takes about three times as long to build (each
# field goes through object.__setattr__). Nothing changes them once built.
@dataclass(slots=True)
class Candidate:
    """A fact and how well the question matched it (0..1)."""

    fact: Fact
    score: float
    fact_index: int = -1
    phrasing: float = 0.0
    """How well the fact's closest phrasing matches (F-beta, 0..1), penalties included."""


@dataclass(slots=True)
class Analysis:
    """A question as the matcher reads it: its tokens (question words put right), the
    kind of answer it asks for, and its concepts."""

    tokens: tuple[str, ...]
    kind: str | None
    concepts: frozenset[str]
    words: dict[str, str] = field(default_factory=dict)
    """The word each one-word concept was read from, to weigh one the base never saw."""


@dataclass(slots=True)
class Match:
    """The outcome of matching one question."""

    question: str
    language: str
    status: Status
    candidates: tuple[Candidate, ...] = ()
    smalltalk: SmallTalk | None = None
    kind: str | None = None
    analysis: Analysis | None = field(default=None, compare=False, repr=False)
    """How the question was read, so that a follow-up pass need not read it again."""
    evidence: Evidence | None = field(default=None, compare=False, repr=False)
    """What the decision weighed about the best fact, and `reason`, what it concluded."""
    reason: str = ""

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

    def __init__(self, base: FactBase, thresholds: Thresholds | None = None) -> None:
        self.base = base
        self.thresholds = thresholds or base.thresholds
        preload()  # the thesauri and lemmatisers, once per process, not on a first question
        self._index_of = {fact.id: index for index, fact in enumerate(base.facts)}
        self._synonyms = SynonymFolder(base.synonyms)

        self._words: set[str] = set()
        for text in self._all_texts(base):
            self._words.update(tokenize(text))
        self._known_stems = {stem(w) for w in self._words}
        self._words_by_initial: dict[str, list[str]] = defaultdict(list)
        for word in sorted(self._words):
            self._words_by_initial[word[0]].append(word)
        # Per distinct question word, bounded: a word is read the same way every time.
        self._question_stem = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(self._stem_question_word)
        self._related_concepts = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(
            self._related_concepts_uncached
        )
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
        # Per concept of the base, how specific its words are in general use: a stem by
        # its most common form in the base ("get" for "getting"), a synonym group by its
        # first (head) word.
        self._specificity: dict[str, float] = {}
        for word in self._words:
            if not word.isdigit():
                concept = self._synonyms.fold([stem(word)])[0]
                value = _specificity(word)
                if value < self._specificity.get(concept, 1.0):
                    self._specificity[concept] = value
        for group in base.synonyms:
            stems = phrase_stems(group[0])
            if stems and len(group[0].split()) == 1:
                self._specificity[self._synonyms.concept_of[stems]] = _specificity(group[0])
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
        paragraphs = base.article.paragraphs
        self._context: list[frozenset[str]] = []
        for fact in base.facts:
            phrasings = [p for asks in fact.phrasings.values() for p in asks]
            tokenized = [drop_frames(tokenize(p)) for p in phrasings]
            kinds_and_rest = [question_kind(tokens) for tokens in tokenized]
            self._units.append(frozenset(u for u in map(self._unit, tokenized) if u))
            self._bags.append([frozenset(self._concepts(rest)) for _, rest in kinds_and_rest])
            self._kinds.append([kind for kind, _ in kinds_and_rest])
            vocabulary = dict.fromkeys(
                (c for quote in fact.citations for c in self._concepts(tokenize(quote.quote))),
                CITATION_ONLY_CREDIT,
            )
            # The cited sentences' paragraphs, whole: a fact stands in its context ("Weather
            # delayed the launch" follows "...a crew to the ISS"). For the decision only:
            # in the ranking, every fact of a paragraph would cover all of it.
            cited = {q.location.paragraph for q in fact.citations if q.location.paragraph}
            self._context.append(
                frozenset(
                    c
                    for p in paragraphs
                    if p.number in cited
                    for c in self._concepts(tokenize(p.text))
                )
            )
            answer_concepts = frozenset(
                c for a in fact.answers.values() for c in self._concepts(tokenize(a))
            )
            vocabulary.update(dict.fromkeys(answer_concepts, 1.0))
            self._fixed_vocabulary.append(vocabulary)
            self._answer_numbers.append(frozenset(c for c in answer_concepts if c.isdigit()))
        self._index()
        self._subjects = [self._subject(bags) for bags in self._bags]
        self._anchors = self._anchor_sets()
        # The `decline:` examples, read as phrasings are: (kind, concepts, their words).
        # The `decline:` examples, read as phrasings are: (example, kind, concepts, their
        # weight), and per concept the examples that hold it.
        self._declines: list[tuple[str, str | None, frozenset[str], float]] = []
        self._declines_with: dict[str, list[int]] = defaultdict(list)
        for asks in base.decline.values():
            for example in asks:
                kind, rest = question_kind(drop_frames(tokenize(example)))
                read_from = dict(self._concepts_with_words(rest))
                concepts = frozenset(read_from) - self._article_concepts or frozenset(read_from)
                own = sum(self._word_weight(c, read_from) for c in sorted(concepts))
                for concept in concepts:
                    self._declines_with[concept].append(len(self._declines))
                self._declines.append((example, kind, concepts, own))

        self._smalltalk: list[tuple[str, SmallTalk]] = [
            (" ".join(tokenize(p)), entry)
            for entry in base.smalltalk
            for asks in entry.phrasings.values()
            for p in asks
        ]
        self._smalltalk_texts = [p for p, _ in self._smalltalk]
        smalltalk_sorted = [" ".join(sorted(p.split())) for p in self._smalltalk_texts]
        # Per message length: the phrasings (as they stand, and their words sorted) long
        # enough and short enough to reach `SMALLTALK_MIN_RATIO`, and their indices.
        self._smalltalk_near: list[tuple[list[str], list[str], list[int]]] = []
        for length in range(SMALLTALK_MAX_CHARS + 1):
            near = _near_lengths(length, map(len, self._smalltalk_texts))
            self._smalltalk_near.append(
                (
                    [self._smalltalk_texts[i] for i in near],
                    [smalltalk_sorted[i] for i in near],
                    near,
                )
            )
        # The same for `fuzz.token_set_ratio`, which compares the texts' distinct words:
        # a phrasing that shares no word with the message scores their `fuzz.ratio`, so
        # only one that shares a word or has a near length can reach the ratio.
        self._smalltalk_set_near = [
            _near_lengths(length, map(_distinct_words_length, self._smalltalk_texts))
            for length in range(SMALLTALK_MAX_CHARS + 1)
        ]
        self._smalltalk_with_word: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(self._smalltalk_texts):
            for word in set(p.split()):
                self._smalltalk_with_word[word].append(i)
        self._smalltalk_stems = frozenset(stem(w) for p in self._smalltalk_texts for w in p.split())
        # Longest first, so "what can i ask you" wins over "hey" in a message with both.
        self._smalltalk_words = sorted(
            ((frozenset(p.split()), entry) for p, entry in self._smalltalk),
            key=lambda item: -len(item[0]),
        )
        # Per first word, each phrasing's words and entry, longest first.
        self._smalltalk_phrases: dict[str, list[tuple[tuple[str, ...], SmallTalk]]] = defaultdict(
            list
        )
        for phrasing, entry in sorted(self._smalltalk, key=lambda item: -len(item[0].split())):
            words = tuple(phrasing.split())
            if words:
                self._smalltalk_phrases[words[0]].append((words, entry))

    def _index(self) -> None:
        """Weights and postings from the analysed facts (rebuilt for a held-out copy)."""
        profiles: list[dict[str, float]] = []
        for bags, vocabulary in zip(self._bags, self._fixed_vocabulary, strict=True):
            profile = dict(vocabulary)
            profile.update(dict.fromkeys(set().union(*bags), 1.0))
            profiles.append(profile)
        self._fact_kinds = [frozenset(k for k in kinds if k) for kinds in self._kinds]
        # `_penalty` per fact for each kind some fact answers (and none), with no unit or
        # number asked: what most questions need.
        self._kind_factors: dict[str | None, list[float]] = {
            kind: [self._penalty(i, kind, None, frozenset()) for i in range(len(self._kinds))]
            for kind in {None}.union(*self._fact_kinds)
        }

        count = len(self.base.facts)
        document_frequency: dict[str, int] = defaultdict(int)
        for profile in profiles:
            for concept in profile:
                document_frequency[concept] += 1
        self._idf = {
            c: math.log((count + 1) / (df + 0.5)) + 1.0 for c, df in document_frequency.items()
        }
        self._unknown_weight = math.log((count + 1) / 1.5) + 1.0

        # Per fact: its distinct phrasing bags, lightest first, and per concept a bitmask
        # of the bags that hold it (bit i: the i-th lightest bag) with the weight of the
        # lightest of them; see `_best_phrasing`.
        self._bag_weights: list[list[float]] = []
        self._bag_masks: list[dict[str, tuple[int, float]]] = []
        for bags in self._bags:
            lightest_first = sorted(set(bags), key=lambda bag: (self._weight(bag), sorted(bag)))
            weights = [self._weight(bag) for bag in lightest_first]
            masks: dict[str, int] = defaultdict(int)
            for bit, bag in enumerate(lightest_first):
                for concept in bag:
                    masks[concept] |= 1 << bit
            self._bag_weights.append(weights)
            self._bag_masks.append(
                {c: (mask, weights[_lowest_bit(mask)]) for c, mask in masks.items()}
            )
        self._profiles = profiles
        # Per concept: the facts whose vocabulary has it, the weight of the concept their
        # vocabulary covers (weight times credit), and the weight their phrasings hold (0:
        # none holds it).
        self._profile_postings: dict[str, list[tuple[int, float, float]]] = defaultdict(list)
        for fact_index, (profile, held_by) in enumerate(
            zip(profiles, self._bag_masks, strict=True)
        ):
            for concept, credit in profile.items():
                weight = self._idf[concept]
                held = weight if concept in held_by else 0.0
                self._profile_postings[concept].append((fact_index, weight * credit, held))

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

    def _anchor_sets(self) -> list[frozenset[str]]:
        """Per fact, the concepts an answer from it may rest on: what it is about (its
        subject), and every concept its phrasings name more often than any other fact's
        do ("Kennedy" for the meeting's place, "goodwill" for the invitation). A
        question that shares only other words with a fact is not about it."""
        shares: dict[str, list[tuple[float, int]]] = defaultdict(list)
        for index, bags in enumerate(self._bags):
            counts: dict[str, int] = defaultdict(int)
            for bag in bags:
                for concept in bag:
                    counts[concept] += 1
            for concept, count in counts.items():
                shares[concept].append((count / len(bags), index))
        owned: list[set[str]] = [set() for _ in self._bags]
        for concept, per_fact in shares.items():
            top = max(share for share, _ in per_fact)
            for share, index in per_fact:
                if share == top:
                    owned[index].add(concept)
        return [
            subject | frozenset(mine) for subject, mine in zip(self._subjects, owned, strict=True)
        ]

    def holding_out_decline(self, position: int) -> Matcher:
        """A copy of this matcher that never saw `decline:` example `position` (in the
        order of `FactBase.decline`, languages in turn): for calibration."""
        clone = copy.copy(self)
        clone._declines_with = {
            concept: [i for i in indices if i != position]
            for concept, indices in self._declines_with.items()
        }
        return clone

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
        # What the held-out fact is about, and what it names most, without that phrasing.
        clone._subjects = list(self._subjects)
        clone._subjects[index] = self._subject(clone._bags[index])
        clone._anchors = clone._anchor_sets()
        return clone

    @staticmethod
    def _all_texts(base: FactBase) -> Iterable[str]:
        yield from (text for _, text in base.article.parts())
        yield from (word for group in base.synonyms for word in group)
        yield from (example for asks in base.decline.values() for example in asks)
        for fact in base.facts:
            yield from fact.answers.values()
            yield from (p for asks in fact.phrasings.values() for p in asks)

    # --- analysis -----------------------------------------------------------------
    def _correct(self, word: str) -> str | None:
        """The known word a misspelt `word` stands for, or None."""
        if len(word) < 4 or word.isdigit():
            return None
        # Typos seldom touch the first letter; requiring it keeps "rubles" from
        # becoming "troubles".
        candidates = self._words_by_initial.get(word[0], [])
        if zipf(word) >= REAL_WORD_ZIPF:
            cutoff = TYPO_MIN_RATIO.get(len(word), 80.0)
        else:
            cutoff = NON_WORD_MIN_RATIO
        found = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
        return found[0] if found else None

    def _unit(self, tokens: Sequence[str]) -> str | None:
        """The concept a "how many" question counts ("people", "years"), or None."""
        noun = counted_noun(tokens)
        if noun is None or noun in FUNCTION_WORDS:
            return None
        # Not `_concepts`: a word small talk also uses ("человек") still counts here.
        return self._synonyms.fold([stem(noun)])[0]

    def _stem_word(self, token: str) -> tuple[str, bool]:
        """(stem, whether it is a stopword) of a word of the fact base."""
        stemmed = stem(token)
        if token in STOPWORDS or token in self._smalltalk_only:
            return stemmed, True
        if stemmed in STOP_STEMS and token not in self._words:
            return stemmed, True  # "getting", "happening": a stopword's form
        return stemmed, False

    def _stem_question_word(self, token: str) -> tuple[str, bool]:
        """`_stem_word`, with a word the fact base has never seen (in any form) read as
        the known word it most likely misspells."""
        stemmed, stop = self._stem_word(token)
        if stop or stemmed in self._known_stems or token in self._words:
            return stemmed, stop
        fixed = self._correct(token)
        if fixed is None:
            return stemmed, False
        return stem(fixed), fixed in STOPWORDS

    def _concepts(self, tokens: Sequence[str]) -> list[str]:
        """The concepts of a text of the fact base, in order."""
        return self._fold([self._stem_word(token) for token in tokens])

    def _concepts_with_words(self, tokens: Sequence[str]) -> list[tuple[str, str]]:
        """(concept, the word it was read from) of a text of the fact base, in order."""
        return self._fold_words(tokens, [self._stem_word(token) for token in tokens])

    def _closest_decline(
        self, weights: Mapping[str, float], kind: str | None, best: float
    ) -> str | None:
        """The `decline:` example the question (its concepts' `weights`, in sorted order) is
        closer to than to the best fact (`best`, its score), scored as a fact with that one
        phrasing would be; None if none is."""
        # Per example, the weight of the question's concepts it holds, from the postings.
        shared: dict[int, float] = {}
        question_weight = 0.0
        for concept, weight in weights.items():
            question_weight += weight
            for index in self._declines_with.get(concept, ()):
                shared[index] = shared.get(index, 0.0) + weight
        # A tie goes to the example: a curator wrote it as a question not to answer.
        found, found_score = None, max(best - SCORE_ROUNDING, DECLINE_MIN_SCORE)
        for index in sorted(shared):
            example, example_kind, _, own = self._declines[index]
            held = shared[index]
            f_beta = (1 + _BETA2) * held / (_BETA2 * question_weight + own)
            score = PHRASING_WEIGHT * f_beta + (1.0 - PHRASING_WEIGHT) * held / question_weight
            if kind != example_kind:
                score *= KIND_MISMATCH_PENALTY
            if score > found_score:
                found, found_score = example, score
        return found

    def _fold(self, readings: Sequence[tuple[str, bool]]) -> list[str]:
        """The concepts of (stem, whether it is a stopword) per token; see `_fold_words`."""
        return [concept for concept, _ in self._fold_words(None, readings)]

    def _fold_words(
        self, tokens: Sequence[str] | None, readings: Sequence[tuple[str, bool]]
    ) -> list[tuple[str, str]]:
        """From (stem, whether it is a stopword) per token: synonym phrases folded into one
        concept each (longest phrase first), then stopwords dropped unless they were part
        of a phrase of two words or more ("get together", "take off"). Each concept comes
        with the token it was read from (the concept itself for a phrase, or without
        `tokens`)."""
        spans = self._synonyms.fold_spans([stemmed for stemmed, _ in readings])
        return [
            (concept, tokens[start] if tokens is not None and end - start == 1 else concept)
            for concept, start, end in spans
            if end - start > 1 or not readings[start][1]
        ]

    def _weight(self, concepts: Iterable[str]) -> float:
        """The concepts' summed weight, in sorted order: a set iterates in an order that
        changes from process to process (string hashes are salted), and so would the
        sum's last bits."""
        return sum(self._idf.get(c, self._unknown_weight) for c in sorted(concepts))

    # --- matching ---------------------------------------------------------------------
    def match(self, question: str, *, language: str | None = None) -> Match:
        """Match one question, replying in `language` if given (the front end decided),
        else in the language the text is written in.

        >>> from bot.answering.facts import load
        >>> m = Matcher(load("facts.yaml")).match("where did they meet?")
        >>> m.status.value, m.fact.id if m.fact else None  # doctest: +SKIP
        ('answered', 'meeting-date-place')
        """
        text = question[:MAX_QUESTION_CHARS]
        lang = language or detect_language(text) or DEFAULT_LANGUAGE
        analysis = self.analyse(text)
        kind, concepts = analysis.kind, analysis.concepts
        # Small talk is compared word for word, contractions spelt out ("who's" = "who is").
        normalised = " ".join(analysis.tokens)
        only_smalltalk = self._only_smalltalk(analysis.tokens)
        if only_smalltalk is not None:
            return Match(question, lang, Status.SMALLTALK, (), only_smalltalk, kind, analysis)
        unit = self._unit(analysis.tokens) if kind == "quantity" else None
        ranked = self._rank(concepts, kind, unit, analysis.words)
        evidence = self._evidence(ranked, analysis, kind) if ranked else None
        evidence, verdict, reason = self._verdict(evidence, kind)
        if verdict is Verdict.ANSWER:
            # Checked before the fuzzy small-talk pass, which most questions then skip.
            return Match(
                question,
                lang,
                Status.ANSWERED,
                tuple(ranked),
                None,
                kind,
                analysis,
                evidence,
                reason,
            )
        vague = not ranked or ranked[0].score < self.thresholds.clarify_min_score
        smalltalk = self._match_smalltalk(normalised, vague=vague)
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

    def analyse(self, question: str) -> Analysis:
        """How the matcher reads `question` (at most `MAX_QUESTION_CHARS` of it)."""
        # Misspelt question words ("wher") put right; then the words that ask the kind.
        words = self._words
        tokens = [
            t if t in words else correct_question_word(t)
            for t in tokenize(question[:MAX_QUESTION_CHARS])
        ]
        kind, rest = question_kind(drop_frames(tokens))
        read_from: dict[str, str] = {}
        for concept, word in self._fold_words(rest, [self._question_stem(t) for t in rest]):
            read_from.setdefault(concept, word)
        concepts = frozenset(read_from)
        # Words for the article itself count only when that is all the question has.
        concepts = concepts - self._article_concepts or concepts
        return Analysis(tuple(tokens), kind, concepts, read_from)

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
            analysis = self.analyse(text)
        kind, concepts = analysis.kind, analysis.concepts
        index = self._index_of.get(previous_fact)
        elliptical = len(concepts) <= FOLLOWUP_MAX_CONCEPTS or not ANAPHORA.isdisjoint(
            analysis.tokens
        )
        if index is None or not elliptical:
            return None
        lang = language or detect_language(text) or DEFAULT_LANGUAGE
        if kind is not None:
            if kind in self._fact_kinds[index] and concepts <= self._profiles[index].keys():
                fact = Candidate(self.base.facts[index], 1.0, index)
                return Match(question, lang, Status.ANSWERED, (fact,), kind=kind)
            concepts = concepts | self._subjects[index]
        elif concepts and previous_kind is not None:
            kind = previous_kind
        else:
            return None
        ranked = self._rank(concepts, kind, None, analysis.words)
        if not ranked:
            return None
        evidence, verdict, reason = self._verdict(
            self._evidence(ranked, Analysis(analysis.tokens, kind, concepts, analysis.words), kind),
            kind,
        )
        if verdict is Verdict.ANSWER:
            return Match(
                question,
                lang,
                Status.ANSWERED,
                tuple(ranked),
                kind=kind,
                evidence=evidence,
                reason=reason,
            )
        return None

    def _verdict(
        self, evidence: Evidence | None, kind: str | None
    ) -> tuple[Evidence | None, Verdict, str]:
        """The evidence kept, the verdict and its reason. A question of a kind that asks
        the reader's own way of doing something, which no fact answers, keeps no evidence:
        no threshold could make it an answer, and calibration and eval's threshold curve
        replay `decide` on the evidence of every question."""
        if kind in ADVICE_KINDS and not any(kind in kinds for kinds in self._fact_kinds):
            return None, Verdict.DECLINE, f"no fact answers a {kind} question"
        if evidence is None:
            return None, Verdict.DECLINE, "no fact"
        return evidence, *decide(evidence, self.thresholds)

    def _word_weight(self, concept: str, words: Mapping[str, str]) -> float:
        """How much a question concept weighs: its IDF over the facts; for a word the base
        has never seen, the most a word can weigh, less the more common the word is in
        general use (a common word is less likely to ask something new)."""
        weight = self._idf.get(concept)
        if weight is not None:
            return weight
        word = words.get(concept)
        if word is None:
            return self._unknown_weight
        return self._unknown_weight * _specificity(word)

    def _related_credit(self, word: str, profile: Mapping[str, float]) -> float:
        """The credit a fact's vocabulary gives `word` through the thesaurus: the best
        credit of a concept related to it, times `RELATED_CREDIT`."""
        best = max((profile.get(c, 0.0) for c in self._related_concepts(word)), default=0.0)
        return best * RELATED_CREDIT

    def _related_concepts_uncached(self, word: str) -> frozenset[str]:
        """The concepts of the base that a thesaurus relates `word` to."""
        if word.isdigit() or word in STOPWORDS:
            return frozenset()
        lemmas = related(word, "ru" if _CYRILLIC_WORD.match(word) else "en")
        if len(lemmas) > RELATED_MAX:
            return frozenset()
        concepts = set()
        for lemma in lemmas:  # lowercase dictionary forms: split, not tokenized again
            folded = self._synonyms.fold([stem(t) for t in lemma.replace("-", " ").split()])
            if len(folded) == 1:
                concepts.add(folded[0])
        return frozenset(concepts)

    def _evidence(self, ranked: list[Candidate], analysis: Analysis, kind: str | None) -> Evidence:
        """What the decision weighs about the best fact: its score and lead, whether the
        question names what the fact is about, and what of the question it leaves
        unexplained (a word only its citation has counts half)."""
        best = ranked[0]
        concepts, words = analysis.concepts, analysis.words
        # Only a runner-up the question is also about can make the answer doubtful, and
        # the lead is taken on the closest phrasings: many facts' answers mention
        # Roscosmos and its chief, but one fact is asked "who heads Roscosmos".
        runner_up = max(
            (
                c.phrasing
                for c in ranked[1:]
                if not self._anchors[c.fact_index].isdisjoint(concepts)
            ),
            default=0.0,
        )
        profile = self._profiles[best.fact_index]
        context = self._context[best.fact_index]
        total = missing = 0.0
        unexplained: list[tuple[float, str]] = []
        weights = {c: self._word_weight(c, words) for c in sorted(concepts)}
        for concept, weight in weights.items():  # sums in a fixed order, as in `_rank`
            # What a word the fact lacks can mean: IDF says how specific it is to some
            # facts; how common it is in general use, how much it can say at all ("get").
            weight *= self._specificity.get(concept, 1.0)
            total += weight
            credit = profile.get(concept, 0.0)
            if credit < CITATION_ONLY_CREDIT and concept in context:
                credit = CITATION_ONLY_CREDIT
            if credit < 1.0 and concept in words:
                credit = max(credit, self._related_credit(words[concept], profile))
            if credit < 1.0:
                missing += weight * (1.0 - credit)
                unexplained.append(
                    (-weight * (1.0 - credit), words.get(concept, concept).lstrip("~"))
                )
        return Evidence(
            score=best.score,
            margin=round_score(max(0.0, best.phrasing - runner_up)),
            anchored=not self._anchors[best.fact_index].isdisjoint(concepts),
            unexplained=missing / total if total else 0.0,
            heaviest=-unexplained[0][0] / self._unknown_weight if unexplained else 0.0,
            unexplained_words=tuple(word for _, word in sorted(unexplained)),
            decline_example=self._closest_decline(weights, kind, best.score),
        )

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
        words = normalised.split()
        # fuzz.ratio of the texts, then of their words sorted (`fuzz.token_sort_ratio`,
        # with the phrasings' side sorted once in advance), each against the phrasings
        # whose length lets them reach the ratio; then for a short message
        # `fuzz.token_set_ratio` (whether it holds a phrasing).
        texts, sorted_texts, near = self._smalltalk_near[len(normalised)]
        searches: list[tuple[str, list[str], Callable[..., float], list[int]]] = []
        if near:
            searches.append((normalised, texts, fuzz.ratio, near))
            searches.append((" ".join(sorted(words)), sorted_texts, fuzz.ratio, near))
        if len(words) <= SMALLTALK_CONTAINS_MAX_WORDS:
            candidates = set(self._smalltalk_set_near[_distinct_words_length(normalised)])
            for word in words:
                candidates.update(self._smalltalk_with_word.get(word, ()))
            if candidates:
                indices = sorted(candidates)
                choices = [self._smalltalk_texts[i] for i in indices]
                searches.append((normalised, choices, fuzz.token_set_ratio, indices))
        best: tuple[float, int] | None = None  # (score, index into self._smalltalk)
        for query, choices, scorer, indices in searches:
            found = process.extractOne(
                query, choices, scorer=scorer, score_cutoff=SMALLTALK_MIN_RATIO
            )
            if found is not None and (best is None or found[1] > best[0]):
                best = found[1], indices[found[2]]
        if best is not None:
            return self._smalltalk[best[1]][1]
        if vague and all(self._is_known_word(w) for w in words):
            for phrasing_words, entry in self._smalltalk_words:
                if phrasing_words.issubset(words):
                    return entry
        return None

    def _only_smalltalk(self, words: Sequence[str]) -> SmallTalk | None:
        """The entry of a message (its tokens) made of nothing but small-talk phrasings
        and stopwords (one phrasing as it stands; "ok, thanks, bye"; "пока, до связи"),
        whatever facts share its words ("связи"): that of its longest phrasing, the last of
        equals. None if anything else is said (which stops the scan at the first such
        word)."""
        found: list[tuple[int, int, SmallTalk]] = []  # (length, position, entry)
        i = 0
        while i < len(words):
            for phrasing, entry in self._smalltalk_phrases.get(words[i], ()):
                if tuple(words[i : i + len(phrasing)]) == phrasing:
                    found.append((len(phrasing), i, entry))
                    i += len(phrasing)
                    break
            else:
                if words[i] not in STOPWORDS and words[i] not in self._smalltalk_only:
                    return None
                if words[i] in QUESTION_WORDS:  # "hey, what can I ask?" asks something
                    return None
                i += 1
        return max(found, key=lambda item: item[:2])[2] if found else None

    def _is_known_word(self, word: str) -> bool:
        """Whether the fact base or its small talk knows `word` (in some form)."""
        return (
            word in STOPWORDS
            or word in self._words
            or stem(word) in STOP_STEMS
            or stem(word) in self._smalltalk_stems
        )

    def _rank(
        self,
        concepts: AbstractSet[str],
        kind: str | None,
        unit: str | None = None,
        words: Mapping[str, str] | None = None,
    ) -> list[Candidate]:
        """The best facts for the question, best first (at most `RANKED`).

        No fact can score more than `_score_bound` of how much of the question its
        phrasings and its whole vocabulary cover, times the penalties it is sure to take,
        so facts are scored in order of that bound, and the scan stops once no remaining
        fact can reach the last place kept: the result is the same as scoring every fact.
        """
        if not concepts:
            return []
        idf = self._idf
        # In a fixed order, so that float sums (and scores that round to a tie) do not
        # depend on how this process hashes strings.
        words = words or {}
        weights = {c: idf[c] if c in idf else self._word_weight(c, words) for c in sorted(concepts)}
        question_weight = sum(weights.values())
        numbers = {c for c in weights if c.isdigit()}
        # Per fact: [the weight of the question its vocabulary covers, the weight its
        # phrasings hold].
        totals: dict[int, list[float]] = {}
        postings = self._profile_postings
        for concept in weights:
            for fact_index, covered, held in postings.get(concept, ()):
                sums = totals.get(fact_index)
                if sums is None:
                    totals[fact_index] = [covered, held]
                else:
                    sums[0] += covered
                    sums[1] += held
        factors: Mapping[int, float] | Sequence[float] | None = None
        if unit is None and not numbers:
            factors = self._kind_factors.get(kind)
            if factors is None:  # a kind no fact answers: every fact takes the penalty
                factors = self._kind_factors.setdefault(
                    kind, [KIND_MISMATCH_PENALTY] * len(self._kinds)
                )
        if factors is None:
            factors = {i: self._penalty(i, kind, unit, numbers) for i in totals}
        question_part = _BETA2 * question_weight
        cover_part = (1.0 - PHRASING_WEIGHT) / question_weight
        order = []
        for fact_index, (covered, held) in totals.items():
            bound = _BOUND_PHRASING * held / (question_part + held) + cover_part * covered
            order.append((-bound * factors[fact_index], fact_index, covered))
        heapq.heapify(order)  # few facts are taken off it: cheaper than sorting them all
        facts = self.base.facts
        top: list[tuple[float, str, int, float]] = []  # (-score, fact id, index, phrasing)
        while order:
            negative_bound, fact_index, covered = heapq.heappop(order)
            # Scores are compared rounded, so a fact that may round up to a tie still counts.
            if len(top) >= RANKED and -negative_bound < -top[-1][0] - SCORE_ROUNDING / 2:
                break
            masks = self._bag_masks[fact_index]
            phrasing = _best_phrasing(
                [(masks[c], w) for c, w in weights.items() if c in masks],
                self._bag_weights[fact_index],
                question_part,
            )
            score = (PHRASING_WEIGHT * phrasing + cover_part * covered) * factors[fact_index]
            bisect.insort(
                top,
                (
                    -round_score(score),
                    facts[fact_index].id,
                    fact_index,
                    phrasing * factors[fact_index],
                ),
            )
            del top[RANKED:]
        return [
            Candidate(facts[index], -negative, index, round_score(phrasing))
            for negative, _, index, phrasing in top
        ]

    def _penalty(
        self, fact_index: int, kind: str | None, unit: str | None, numbers: AbstractSet[str]
    ) -> float:
        """The factor a fact's score takes for not answering the question's kind (or
        counting something else) and for lacking a number the question names."""
        factor = 1.0
        if kind is not None and kind not in self._fact_kinds[fact_index]:
            factor = KIND_MISMATCH_PENALTY
        elif unit is not None and unit not in self._units[fact_index]:
            factor = KIND_MISMATCH_PENALTY  # "how many people" is not "how many years"
        if not numbers <= self._answer_numbers[fact_index]:
            factor *= NUMBER_MISMATCH_PENALTY
        return factor


def _best_phrasing(
    held: list[tuple[tuple[int, float], float]], bag_weights: list[float], question_part: float
) -> float:
    """The best weighted F-beta between the question and one of a fact's phrasings, from
    ((bitmask of the fact's phrasings that hold it, weight of the lightest of them),
    weight) of each question concept the phrasings hold; `bag_weights` are the
    phrasings' weights, lightest first, and `question_part` is beta² times the
    question's weight.

    With precision s/b and recall s/q (s: the weight a phrasing shares with the question,
    b: the phrasing's, q: the question's), F-beta is (1 + beta²)·s / (beta²·q + b). Rather
    than summing s phrasing by phrasing, this grows the sets of question concepts that
    some phrasing holds together (an AND of their bitmasks) one concept at a time, and
    pairs each set with the lightest phrasing that holds it (the mask's lowest bit): the
    best of those pairs is the best phrasing, and the work is as large as the question's
    concepts co-occur, not as large as the fact has phrasings.
    """
    best = 0.0
    sets: list[tuple[int, float]] = []  # (mask, shared weight) of each set grown so far
    for (mask, lightest), weight in held:
        ratio = weight / (question_part + lightest)
        if ratio > best:
            best = ratio
        if sets:
            grown = []
            for other, shared in sets:
                both = other & mask
                if both:
                    shared += weight
                    grown.append((both, shared))
                    lowest_bit = (both & -both).bit_length() - 1  # `_lowest_bit`, inlined
                    ratio = shared / (question_part + bag_weights[lowest_bit])
                    if ratio > best:
                        best = ratio
            sets += grown
        sets.append((mask, weight))
    return (1 + _BETA2) * best


def _specificity(word: str) -> float:
    """How much a word can mean, by how common it is in general use: 1 for a specific
    word, down to `COMMON_WORD_SHARE` for the most common ones; 1 for a contrast word
    ("before", "other"), common as it is, since it changes what is asked."""
    if word in CONTRAST_WORDS:
        return 1.0
    share = (COMMON_ZIPF - zipf(word)) / (COMMON_ZIPF - SPECIFIC_ZIPF)
    return min(1.0, max(COMMON_WORD_SHARE, share))


def round_score(score: float) -> float:
    """A score (never negative) to `SCORE_DIGITS` decimals, half up. `round(score, 4)`
    would do, but it goes through decimal strings, and this is on every question's path."""
    return int(score * SCORE_SCALE + 0.5) / SCORE_SCALE


def _near_lengths(length: int, lengths: Iterable[int]) -> list[int]:
    """The indices of `lengths` near enough to `length` for two texts of those lengths to
    reach `SMALLTALK_MIN_RATIO`: `fuzz.ratio` is 100 less the share of both lengths that
    an edit touches, and an edit touches at least their difference."""
    return [
        i
        for i, other in enumerate(lengths)
        if 200.0 * min(length, other) >= SMALLTALK_MIN_RATIO * (length + other)
    ]


def _distinct_words_length(text: str) -> int:
    """The length of `text`'s distinct words joined by spaces, as token-set scorers join them."""
    words = set(text.split())
    return sum(map(len, words)) + len(words) - 1 if words else 0


def _lowest_bit(mask: int) -> int:
    """The index of the lowest set bit of `mask` (> 0)."""
    return (mask & -mask).bit_length() - 1


CONTRAST_WORDS = word_lists().contrast_words
FUNCTION_WORDS = word_lists().function_words
_CYRILLIC_WORD = re.compile(r"[а-яё]")
_BETA2 = RECALL_BETA * RECALL_BETA
_BOUND_PHRASING = PHRASING_WEIGHT * (1 + _BETA2)
"""A fact's phrasing score is at most this times phrased / (beta²·q + phrased), where
phrased is the weight of the question its phrasings hold (`_best_phrasing` with
precision 1)."""
