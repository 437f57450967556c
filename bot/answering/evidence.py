"""What the decision weighs about the best fact for a question (`Evidence`): its score
and its lead over the next fact the question is also about, whether the question names
what the fact is about, what of the question the fact leaves unexplained (a word only
its citation or paragraph has counts half; a word a thesaurus relates to the fact's
counts `RELATED_CREDIT`; a word of a synonym phrase the fact uses counts whole, and so
do a word naming the text or a part of it ("caption"), a verb of saying in a question
that names one ("what does the caption say"), and a year or date a yes/no question puts
forward, if the fact states one, half if it dates it the other way), and a `decline:`
example the question is closer to.
"""

from __future__ import annotations

import copy
import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from bot.answering.decision import Evidence
from bot.answering.facts import DEFAULT_LANGUAGE, Fact, FactBase
from bot.answering.index import CITATION_ONLY_CREDIT, KIND_MISMATCH_PENALTY, FactIndex
from bot.answering.match import SCORE_ROUNDING, Analysis, Candidate, round_score
from bot.answering.reading import WORD_CACHE_SIZE, QuestionReader
from bot.answering.scoring import one_phrasing_score
from bot.language.addressee import speaks_to_reader
from bot.language.choices import options
from bot.language.claims import DATE_SORTS, GUESS
from bot.language.kinds import category_words, question_kind
from bot.language.lexicon import lemmas, related, sense_count
from bot.language.shapes import asks_shape, explains
from bot.language.synonyms import GROUP_MARK
from bot.language.text import STOPWORDS, detect_language, drop_frames, stem, tokenize
from bot.language.wordlists import word_lists

RELATED_CREDIT = 0.5
"""Credit for a question word the fact does not use that a thesaurus relates to one it
does ("postponed" to "delayed"): a reader's own word for the fact's concept, mostly."""
RELATED_MAX = 60
"""A word related to more lemmas than this has too many senses to vouch for any."""
MANY_SENSES = 15
"""A question word with more senses than this in the thesaurus says that much less of what
is asked ("call" has 41, "hold" 45, "invitation" 2): it weighs MANY_SENSES / senses as
much in the evidence, unless it stands in an asking phrase ("how heavy")."""
TEXT_WORDS = word_lists().text_words
SAYING_WORDS = word_lists().saying_words
CLAIM_OTHER_DATE_CREDIT = 0.5
"""The share of a claimed year or date left unexplained by a fact that states a number of
the other sort (a day for a year)."""
DECLINE_MIN_SCORE = 0.5
"""A `decline:` example this close to the question, and closer than any fact, declines it."""


class Declines:
    """The base's `decline:` examples, read as phrasings are, with postings by concept."""

    def __init__(self, base: FactBase, reader: QuestionReader, index: FactIndex) -> None:
        # Per example: (example, kind, concepts, their weight); per concept, the examples
        # that hold it.
        self._examples: list[tuple[str, str | None, frozenset[str], float]] = []
        self._with: dict[str, list[int]] = defaultdict(list)
        for asks in base.decline.values():
            for example in asks:
                kind, rest = question_kind(drop_frames(tokenize(example)))
                read_from = dict(reader.concepts_with_words(rest))
                concepts = frozenset(read_from) - reader.article_concepts or frozenset(read_from)
                own = sum(index.word_weight(c, read_from) for c in sorted(concepts))
                for concept in concepts:
                    self._with[concept].append(len(self._examples))
                self._examples.append((example, kind, concepts, own))

    def holding_out(self, position: int) -> Declines:
        """A copy that never saw example `position` (in the order of `FactBase.decline`,
        languages in turn): for calibration."""
        clone = copy.copy(self)
        clone._with = {
            concept: [i for i in indices if i != position]
            for concept, indices in self._with.items()
        }
        return clone

    def closest(self, weights: Mapping[str, float], kind: str | None, best: float) -> str | None:
        """The example the question (its concepts' `weights`, in sorted order) is closer to
        than to the best fact (`best`, its score), scored as a fact with that one phrasing
        would be; None if none is."""
        # Per example, the weight of the question's concepts it holds, from the postings.
        shared: dict[int, float] = {}
        question_weight = 0.0
        for concept, weight in weights.items():
            question_weight += weight
            for index in self._with.get(concept, ()):
                shared[index] = shared.get(index, 0.0) + weight
        # A tie goes to the example: a curator wrote it as a question not to answer.
        found, found_score = None, max(best - SCORE_ROUNDING, DECLINE_MIN_SCORE)
        for index in sorted(shared):
            example, example_kind, _, own = self._examples[index]
            score = one_phrasing_score(shared[index], question_weight, own)
            if kind != example_kind:
                score *= KIND_MISMATCH_PENALTY
            if score > found_score:
                found, found_score = example, score
        return found


class Relations:
    """Thesaurus relations from question words to the base's concepts, cached per word."""

    def __init__(self, reader: QuestionReader) -> None:
        self._reader = reader
        self.concepts = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(self._concepts)
        self.forms = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(self._forms)

    def credit(self, word: str, profile: Mapping[str, float]) -> float:
        """The credit a fact's vocabulary (`profile`) gives `word`: full for a concept of
        the word's own dictionary form ("began" of "begin", which stems do not join),
        else through the thesaurus, the best credit of a concept related to it, times
        `RELATED_CREDIT`."""
        own = max((profile.get(c, 0.0) for c in self.forms(word)), default=0.0)
        if own >= 1.0:
            return own
        best = max((profile.get(c, 0.0) for c in self.concepts(word)), default=0.0)
        return max(own, best * RELATED_CREDIT)

    def _forms(self, word: str) -> frozenset[str]:
        """The concept of the word's likeliest dictionary form ("wound" is "wound", not
        "wind")."""
        if word.isdigit() or word in STOPWORDS:
            return frozenset()
        return self._folded(lemmas(word, _language(word))[:1])

    def _concepts(self, word: str) -> frozenset[str]:
        """The concepts of the base that a thesaurus relates `word` to."""
        if word.isdigit() or word in STOPWORDS:
            return frozenset()
        found = related(word, _language(word))
        if len(found) > RELATED_MAX:
            return frozenset()
        return self._folded(found)

    def _folded(self, forms: Iterable[str]) -> frozenset[str]:
        """The concepts of dictionary forms (lowercase: split, not tokenized again)."""
        concepts = set()
        fold = self._reader.synonyms.fold
        for form in forms:
            folded = fold([stem(t) for t in form.replace("-", " ").split()])
            if len(folded) == 1:
                concepts.add(folded[0])
        return frozenset(concepts)


def gather(
    index: FactIndex,
    reader: QuestionReader,
    relations: Relations,
    declines: Declines,
    ranked: list[Candidate],
    analysis: Analysis,
) -> Evidence:
    """The evidence about `ranked[0]` for a question read as `analysis`."""
    best = ranked[0]
    concepts, words = analysis.concepts, analysis.words
    # Only a runner-up the question is also about can make the answer doubtful, and
    # the lead is taken on the closest phrasings: many facts' answers mention
    # Roscosmos and its chief, but one fact is asked "who heads Roscosmos".
    runner_up = max(
        (c.phrasing for c in ranked[1:] if not index.anchors[c.fact_index].isdisjoint(concepts)),
        default=0.0,
    )
    profile = index.profiles[best.fact_index]
    context = index.context[best.fact_index]
    total = missing = 0.0
    shares = False  # whether the fact uses a word of the question, its own or a relation
    unexplained: list[tuple[float, str]] = []
    weights = {c: index.word_weight(c, words) for c in sorted(concepts)}
    asked_categories = category_words(analysis.tokens)
    numbers = {c for c in concepts if c.isdigit()}
    answers_kind = index.penalty(best.fact_index, analysis.kind, analysis.unit, numbers) == 1.0
    # A guess added to an open question ("who wrote it, reuters?") is answered by a fact
    # that answers the question: the reply shows who did.
    stated_sorts = index.number_sorts[best.fact_index] | ({GUESS} if answers_kind else set())
    names_text = not TEXT_WORDS.isdisjoint(analysis.tokens)
    credits: list[tuple[str, float, float, str | None]] = []
    for concept, weight in weights.items():  # sums in a fixed order, as in `rank`
        # What a word the fact lacks can mean: IDF says how specific it is to some
        # facts; how common it is in general use, how much it can say at all ("get").
        weight *= reader.specificity.get(concept, 1.0)
        word = words.get(concept)
        if word is not None and not asks_shape(word, analysis.tokens):
            weight *= sense_share(word)
        total += weight
        credit = profile.get(concept, 0.0)
        if credit < CITATION_ONLY_CREDIT and concept in context:
            credit = CITATION_ONLY_CREDIT
        if credit < 1.0 and concept in index.phrase_parts[best.fact_index]:
            credit = 1.0  # "исполняющий" of a fact that says "исполняющий обязанности"
        if credit < 1.0 and word is not None:
            credit = max(credit, relations.credit(word, profile))
        shares = shares or credit > 0.0
        # "Which country…?" of a fact that names Kazakhstan: the fact gives one.
        if credit < 1.0 and word in asked_categories and _names_one(index, best.fact_index, word):
            credit = 1.0
        if credit < 1.0 and (word in TEXT_WORDS or (word in SAYING_WORDS and names_text)):
            credit = 1.0  # "according to the caption": every fact stands in the text
        if credit < 1.0 and analysis.claims.get(word or concept) in stated_sorts:
            credit = 1.0  # "was it in 2019?" of a fact that says "in 2018"
        # "How long…?" of a fact that says "for 12 years": it gives that shape of answer.
        if (
            credit < 1.0
            and word is not None
            and explains(index.shapes[best.fact_index], word, analysis.tokens)
        ):
            credit = 1.0
        credits.append((concept, weight, credit, word))
    offered = _other_options(analysis.tokens, credits, index.fixed_vocabulary[best.fact_index])
    for concept, weight, credit, word in credits:
        if credit < 1.0 and concept in offered:
            credit = 1.0  # "was it in Moscow or in America?" of a fact that says the US
        if credit < 1.0:
            missing += weight * (1.0 - credit)
            unexplained.append((-weight * (1.0 - credit), (word or concept).lstrip(GROUP_MARK)))
    # A year or date put forward to be checked: the fact answers it if it states one.
    weighed = {words.get(concept, concept) for concept in concepts}
    for number, sort in sorted(analysis.claims.items()):
        if number in weighed:
            continue  # weighed above, as a concept
        weight = index.unknown_weight
        total += weight
        if sort not in stated_sorts:
            # A fact that dates what it says in another way ("July 31" for "in 2019?")
            # answers half of it.
            dated = sort in DATE_SORTS and not DATE_SORTS.isdisjoint(stated_sorts)
            share = CLAIM_OTHER_DATE_CREDIT if dated else 1.0
            missing += weight * share
            unexplained.append((-weight * share, number))
    unexplained.sort()  # heaviest first
    return Evidence(
        score=best.score,
        margin=round_score(max(0.0, best.phrasing - runner_up)),
        anchored=not index.anchors[best.fact_index].isdisjoint(concepts),
        unexplained=missing / total if total else 0.0,
        shares_words=shares,
        heaviest=-unexplained[0][0] / index.unknown_weight if unexplained else 0.0,
        unexplained_words=tuple(name for _, name in unexplained),
        decline_example=declines.closest(weights, analysis.kind, best.score),
        lacks=analysis.precision
        if analysis.precision and analysis.precision not in index.precisions[best.fact_index]
        else None,
        answers_kind=answers_kind,
        addresses_the_bot=analysis.addresses_the_bot
        and not _speaks_to_reader(index.base.facts[best.fact_index]),
    )


def _speaks_to_reader(fact: Fact) -> bool:
    """Whether the fact's answer or citation says "you" (a quotation), so that it may
    answer a question that does."""
    texts = [*fact.answers.values(), *(quote.quote for quote in fact.citations)]
    return any(speaks_to_reader(tokenize(text)) for text in texts)


def sense_share(word: str) -> float:
    """How much of its weight a question word keeps for its senses (`MANY_SENSES`).

    >>> sense_share("hold"), sense_share("invitation")
    (0.3333333333333333, 1.0)
    """
    senses = sense_count(word, _language(word))
    return MANY_SENSES / senses if senses > MANY_SENSES else 1.0


def _language(word: str) -> str:
    """The language a word of the question (or a group's concept, "~…") is written in."""
    return detect_language(word) or DEFAULT_LANGUAGE


def _names_one(index: FactIndex, fact_index: int, word: str) -> bool:
    """Whether the fact names an instance of the category the English `word` names."""
    named = index.categories_named(fact_index)
    return any(lemma in named for lemma in lemmas(word, "en"))


def _other_options(
    tokens: Sequence[str],
    credits: Sequence[tuple[str, float, float, str | None]],
    stated: Mapping[str, float],
) -> frozenset[str]:
    """In a choice question ("was it in Moscow or in America?", `options`), the concepts
    of the options the fact does not explain, if it states every word of one option (in
    its answer or citation, `stated`): the fact answers which it was. Otherwise none: a
    fact that states no option ("rain or wind?" of "weather delayed the launch") does
    not answer the choice. Only words read one by one count: a synonym phrase (“bad
    weather”) is read as one concept and is not matched to an option's words."""
    found = options(tokens)
    if len(found) < 2:
        return frozenset()
    by_word = {word: (concept, credit) for concept, _, credit, word in credits if word is not None}

    def read(option: Sequence[int]) -> list[tuple[str, float]]:
        return [by_word[tokens[k]] for k in option if tokens[k] in by_word]

    if not any(
        (words := read(option)) and all(credit >= 1.0 and c in stated for c, credit in words)
        for option in found
    ):
        return frozenset()
    return frozenset(c for option in found for c, credit in read(option) if credit < 1.0)
