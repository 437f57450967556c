"""What each fact of a base says, read once and indexed for matching.

Per fact: the concepts of each phrasing (and the kind of question it asks), the
vocabulary of its answers (full credit) and citations (half), the concepts of its cited
paragraphs, what its "how many" phrasings count, and the numbers its answer gives. From
those: each concept's IDF over the facts, postings from concept to facts, each fact's
phrasings as bitmasks (see `bot.answering.scoring`), and what each fact is about (its
subject and anchors). A held-out copy for cross-validation re-indexes, not re-reads.
"""

from __future__ import annotations

import copy
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet

from bot.answering.facts import FactBase
from bot.answering.reading import QuestionReader
from bot.language.claims import sorts_stated
from bot.language.kinds import question_kind
from bot.language.lexicon import categories, has_noun_sense
from bot.language.precision import precisions_given
from bot.language.shapes import ShapesGiven, shapes_given
from bot.language.specificity import specificity
from bot.language.text import PARTICLES, STOPWORDS, drop_frames, tokenize

KIND_MISMATCH_PENALTY = 0.55
"""Score factor for a fact none of whose phrasings asks the question's kind."""
NUMBER_MISMATCH_PENALTY = 0.7
"""Score factor for a fact whose answer lacks a number the question names (2028 vs 2030)."""
CITATION_ONLY_CREDIT = 0.5
"""Credit for a question word that only a fact's citation or its paragraph (not its
phrasings or answer) has."""
SUBJECT_MIN_SHARE = 0.15
"""A concept in at least this share of a fact's phrasings is part of what the fact is about."""


class FactIndex:
    """The facts of one base, analysed by one `QuestionReader`; see the module docstring."""

    def __init__(self, base: FactBase, reader: QuestionReader) -> None:
        self.base = base
        self.index_of = {fact.id: index for index, fact in enumerate(base.facts)}
        self.bags: list[list[frozenset[str]]] = []
        self.kinds: list[list[str | None]] = []
        self.fixed_vocabulary: list[dict[str, float]] = []
        self.answer_numbers: list[frozenset[str]] = []
        self.number_sorts: list[frozenset[str]] = []
        """Per fact, the sorts of date (a year, a month, a day) its answer or citations
        state: what a claim of that sort is checked against."""
        self.precisions: list[frozenset[str]] = []  # how precise a time the reply gives
        self.shapes: list[ShapesGiven] = []  # the shapes of answer the reply gives
        self.units: list[frozenset[str]] = []  # what the fact's "how many" phrasings count
        self.context: list[frozenset[str]] = []
        self.phrase_parts: list[frozenset[str]] = []
        self._categories: dict[int, frozenset[str]] = {}  # filled on demand: `categories_named`
        paragraphs = base.article.paragraphs
        for fact in base.facts:
            phrasings = [tokenize(p) for asks in fact.phrasings.values() for p in asks]
            tokenized = [drop_frames(tokens) for tokens in phrasings]
            kinds_and_rest = [question_kind(tokens) for tokens in tokenized]
            self.units.append(frozenset(u for u in map(reader.unit, tokenized) if u))
            self.bags.append([frozenset(reader.concepts(rest)) for _, rest in kinds_and_rest])
            self.kinds.append([kind for kind, _ in kinds_and_rest])
            vocabulary = dict.fromkeys(
                (c for quote in fact.citations for c in reader.concepts(tokenize(quote.quote))),
                CITATION_ONLY_CREDIT,
            )
            # The cited sentences' paragraphs, whole: a fact stands in its context ("Weather
            # delayed the launch" follows "...a crew to the ISS"). For the decision only:
            # in the ranking, every fact of a paragraph would cover all of it.
            cited = {q.location.paragraph for q in fact.citations if q.location.paragraph}
            self.context.append(
                frozenset(
                    c
                    for p in paragraphs
                    if p.number in cited
                    for c in reader.concepts(tokenize(p.text))
                )
            )
            answer_tokens = [tokenize(a) for a in fact.answers.values()]
            answer_concepts = frozenset(
                c for tokens in answer_tokens for c in reader.concepts(tokens)
            )
            vocabulary.update(dict.fromkeys(answer_concepts, 1.0))
            # For the decision only: the words of the synonym phrases the fact uses, and of
            # the synonym groups it holds, each alone ("together" of "get together").
            held = answer_concepts.union(*self.bags[-1])
            self.phrase_parts.append(
                frozenset().union(
                    *map(reader.phrase_parts, [*answer_tokens, *phrasings]),
                    *map(reader.group_parts, held),
                )
            )
            self.fixed_vocabulary.append(vocabulary)
            self.answer_numbers.append(frozenset(c for c in answer_concepts if c.isdigit()))
            # The reply quotes the citations beside the answer: either may give the time.
            replied = [*fact.answers.values(), *(quote.quote for quote in fact.citations)]
            self.precisions.append(frozenset().union(*map(precisions_given, replied)))
            self.number_sorts.append(sorts_stated(replied))
            self.shapes.append(shapes_given(replied))
        # Per fact, the words its answer alone states (a figure aside), for its anchors.
        answers = [
            {c for c, credit in vocabulary.items() if credit == 1.0 and not c.isdigit()}
            for vocabulary in self.fixed_vocabulary
        ]
        stated_by: dict[str, int] = defaultdict(int)
        for answer in answers:
            for concept in answer:
                stated_by[concept] += 1
        self.answer_only = [frozenset(c for c in a if stated_by[c] == 1) for a in answers]
        self._reindex()
        self.subjects = [subject(bags) for bags in self.bags]
        self.anchors = self._anchor_sets()

    def holding_out(self, fact_id: str, position: int) -> FactIndex:
        """A copy that never saw phrasing `position` of `fact_id` (in the order of
        `Fact.phrasings`, languages in turn). It shares everything it does not change."""
        index = self.index_of[fact_id]
        clone = copy.copy(self)
        clone.bags = list(self.bags)
        clone.bags[index] = self.bags[index][:position] + self.bags[index][position + 1 :]
        clone.kinds = list(self.kinds)
        clone.kinds[index] = self.kinds[index][:position] + self.kinds[index][position + 1 :]
        clone._reindex()
        # What the held-out fact is about, and what it names most, without that phrasing.
        clone.subjects = list(self.subjects)
        clone.subjects[index] = subject(clone.bags[index])
        clone.anchors = clone._anchor_sets()
        return clone

    def weight(self, concepts: Iterable[str]) -> float:
        """The concepts' summed weight, in sorted order: a set iterates in an order that
        changes from process to process (string hashes are salted), and so would the
        sum's last bits."""
        return sum(self.idf.get(c, self.unknown_weight) for c in sorted(concepts))

    def word_weight(self, concept: str, words: Mapping[str, str]) -> float:
        """How much a question concept weighs: its IDF over the facts; for a word the base
        has never seen, the most a word can weigh, less the more common the word is in
        general use (a common word is less likely to ask something new)."""
        weight = self.idf.get(concept)
        if weight is not None:
            return weight
        word = words.get(concept)
        if word is None:
            return self.unknown_weight
        return self.unknown_weight * specificity(word)

    def categories_named(self, fact_index: int) -> frozenset[str]:
        """The categories the fact's English answer and citations name an instance of
        ("country" for Kazakhstan, "event" for a launch): for "which country…?", which
        only English questions ask (`category_words`). Worked out on first use: doing it
        for every fact when the matcher is built would add a fifth to start-up."""
        found = self._categories.get(fact_index)
        if found is None:
            fact = self.base.facts[fact_index]
            texts = [fact.answers.get("en", ""), *(quote.quote for quote in fact.citations)]
            words = {
                w
                for w in tokenize(" ".join(texts))
                if w.isascii() and w.isalpha() and w not in STOPWORDS
            }
            found = self._described_as(words).union(*map(categories, words))
            self._categories[fact_index] = found
        return found

    def _described_as(self, words: AbstractSet[str]) -> frozenset[str]:
        """What the base's synonym groups call a name the fact uses: "space agency" in
        [roscosmos, russia's space agency] makes Roscosmos an agency (the last word of an
        English noun phrase is its head). Not a verb phrase's particle ("sat down") nor a
        prepositional phrase's noun ("in charge")."""
        heads: set[str] = set()
        for group in self.base.synonyms:
            if words.isdisjoint(group):
                continue
            for phrase in group:
                parts = phrase.split()
                if len(parts) < 2 or parts[0] in STOPWORDS or parts[-1] in PARTICLES:
                    continue
                if has_noun_sense(parts[-1], "en"):
                    heads.add(parts[-1])
        return frozenset(heads)

    def penalty(
        self, fact_index: int, kind: str | None, unit: str | None, numbers: AbstractSet[str]
    ) -> float:
        """The factor a fact's score takes for not answering the question's kind (or
        counting something else) and for lacking a number the question names."""
        factor = 1.0
        if kind is not None and kind not in self.fact_kinds[fact_index]:
            factor = KIND_MISMATCH_PENALTY
        elif unit is not None and unit not in self.units[fact_index]:
            factor = KIND_MISMATCH_PENALTY  # "how many people" is not "how many years"
        if not numbers <= self.answer_numbers[fact_index]:
            factor *= NUMBER_MISMATCH_PENALTY
        return factor

    def _reindex(self) -> None:
        """Weights and postings from the analysed facts (rebuilt for a held-out copy)."""
        profiles: list[dict[str, float]] = []
        for bags, vocabulary in zip(self.bags, self.fixed_vocabulary, strict=True):
            profile = dict(vocabulary)
            profile.update(dict.fromkeys(set().union(*bags), 1.0))
            profiles.append(profile)
        self.fact_kinds = [frozenset(k for k in kinds if k) for kinds in self.kinds]
        # `penalty` per fact for each kind some fact answers (and none), with no unit or
        # number asked: what most questions need.
        self.kind_factors: dict[str | None, list[float]] = {
            kind: [self.penalty(i, kind, None, frozenset()) for i in range(len(self.kinds))]
            for kind in {None}.union(*self.fact_kinds)
        }

        count = len(self.base.facts)
        document_frequency: dict[str, int] = defaultdict(int)
        for profile in profiles:
            for concept in profile:
                document_frequency[concept] += 1
        self.idf = {
            c: math.log((count + 1) / (df + 0.5)) + 1.0 for c, df in document_frequency.items()
        }
        self.unknown_weight = math.log((count + 1) / 1.5) + 1.0

        # Per fact: its distinct phrasing bags, lightest first, and per concept a bitmask
        # of the bags that hold it (bit i: the i-th lightest bag) with the weight of the
        # lightest of them; see `bot.answering.scoring.best_phrasing`.
        self.bag_weights: list[list[float]] = []
        self.bag_masks: list[dict[str, tuple[int, float]]] = []
        for bags in self.bags:
            lightest_first = sorted(set(bags), key=lambda bag: (self.weight(bag), sorted(bag)))
            weights = [self.weight(bag) for bag in lightest_first]
            masks: dict[str, int] = defaultdict(int)
            for bit, bag in enumerate(lightest_first):
                for concept in bag:
                    masks[concept] |= 1 << bit
            self.bag_weights.append(weights)
            self.bag_masks.append(
                {c: (mask, weights[lowest_bit(mask)]) for c, mask in masks.items()}
            )
        self.profiles = profiles
        # Per concept: the facts whose vocabulary has it, the weight of the concept their
        # vocabulary covers (weight times credit), and the weight their phrasings hold (0:
        # none holds it).
        self.profile_postings: dict[str, list[tuple[int, float, float]]] = defaultdict(list)
        for fact_index, (profile, held_by) in enumerate(zip(profiles, self.bag_masks, strict=True)):
            for concept, credit in profile.items():
                weight = self.idf[concept]
                held = weight if concept in held_by else 0.0
                self.profile_postings[concept].append((fact_index, weight * credit, held))

    def _anchor_sets(self) -> list[frozenset[str]]:
        """Per fact, the concepts an answer from it may rest on: what it is about (its
        subject), every concept its phrasings name more often than any other fact's do
        ("Kennedy" for the meeting's place, "goodwill" for the invitation), and every word
        that its answer alone states and no other fact's phrasings use (a figure aside): a
        fact is about what only it says. A question that shares only other words with a
        fact is not about it."""
        shares: dict[str, list[tuple[float, int]]] = defaultdict(list)
        for index, bags in enumerate(self.bags):
            counts: dict[str, int] = defaultdict(int)
            for bag in bags:
                for concept in bag:
                    counts[concept] += 1
            for concept, count in counts.items():
                shares[concept].append((count / len(bags), index))
        owned: list[set[str]] = [set() for _ in self.bags]
        for concept, per_fact in shares.items():
            top = max(share for share, _ in per_fact)
            for share, index in per_fact:
                if share == top:
                    owned[index].add(concept)
        for index, (mine, only) in enumerate(zip(owned, self.answer_only, strict=True)):
            mine.update(c for c in only if all(i == index for _, i in shares.get(c, ())))
        return [
            subject | frozenset(mine) for subject, mine in zip(self.subjects, owned, strict=True)
        ]


def subject(bags: list[frozenset[str]]) -> frozenset[str]:
    """What a fact is about: the concepts that recur across its phrasings."""
    counts: dict[str, int] = defaultdict(int)
    for bag in bags:
        for concept in bag:
            counts[concept] += 1
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    core = [c for c in ranked if counts[c] >= SUBJECT_MIN_SHARE * len(bags)]
    return frozenset(core if len(core) >= 2 else ranked[:3])


def lowest_bit(mask: int) -> int:
    """The index of the lowest set bit of `mask` (> 0)."""
    return (mask & -mask).bit_length() - 1
