"""Read every sentence of an article: its names, dates, numbers, subject, main verb,
clauses, what it means but does not say, and which question kinds it answers.

A sentence with the same date as an earlier one and several of its words restates it
(a standfirst and a paragraph): the two make one fact.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from bot.drafting.article_text import ParsedArticle
from bot.drafting.entities import Names, is_verb
from bot.drafting.main_clause import subject_and_verb
from bot.drafting.model import Concepts, Entity, Sentence, Token, clean, tokens
from bot.drafting.quantities import DATE_STRENGTH, find_dates_and_numbers
from bot.drafting.words import (
    CAUSE_VERBS,
    DETERMINERS,
    LEADING_WORDS,
    PLACE_WORDS,
    PRONOUNS,
    SPEECH_VERBS,
    THING_PRONOUNS,
)
from bot.language.sentences import split_sentences
from bot.language.text import STOPWORDS, stem, tokenize

MERGE_MIN_SHARED = 3
"""Two sentences with the same date and this many shared words state one fact."""
CAUSE_MARKERS = re.compile(
    r"\b(?:because|due to|owing to|as a result of|thanks to|in response to|amid|as part of"
    r"|in order to|so as to|in an effort to"
    r"|after [^,.;]{0,60}?\b(?:brought|caused|forced|led|triggered|sparked|prompted))\b",
    re.I,
)
CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:but|and|while|which|who|whereas|although|though|offering|as)\b)|;\s+|\s[—–]\s"
    r"|(?<=[.!?])\s+(?=[\"“A-Z])|\s(?=(?:because|although|whereas)\s)"
    r"|\s(?=after\s[^,.;]{0,60}?\b(?:brought|caused|forced|led|triggered|sparked|prompted)\b)"
)


def locative(sentence: Sentence, entity: Entity) -> bool:
    """Whether a place is where something happens ("in Moscow", "at the … Center",
    "to visit Moscow and the … facility"), not a party to it ("Russia's program")."""
    tokens = sentence.tokens
    k = entity.start - 1
    while k >= 0 and entity.start - k <= 6:
        word = tokens[k].lower
        if word in ("in", "at", "near", "inside", "outside", "visit", "to"):
            return True
        if word not in DETERMINERS and word != "and" and tokens[k].text[:1].islower():
            return False
        k -= 1
    return False


class Analyser:
    """Finds entities, dates, numbers, clauses, kinds and concepts in every sentence."""

    def __init__(self, parsed: ParsedArticle, concepts: Concepts) -> None:
        self.concepts = concepts
        self.sentences = self._sentences(parsed)
        self.names = Names(self.sentences)
        self.df: Counter[str] = Counter()

    @property
    def descriptors(self) -> dict[str, str]:
        return self.names.descriptors

    @staticmethod
    def _sentences(parsed: ParsedArticle) -> list[Sentence]:
        out: list[Sentence] = [Sentence(parsed.title, "title", None, 0)]
        parts: list[tuple[str, int | None, str]] = []
        if parsed.standfirst:
            parts.append(("standfirst", None, parsed.standfirst))
        if parsed.caption:
            parts.append(("caption", None, parsed.caption))
        parts.extend(("paragraph", n, text) for n, text in enumerate(parsed.paragraphs, 1))
        for part, number, text in parts:
            for piece in split_sentences(text):
                out.append(Sentence(piece, part, number, len(out)))
        for sentence in out:
            sentence.tokens = tokens(sentence.text)
        return out

    def analyse(self) -> list[Sentence]:
        for sentence in self.sentences:
            find_dates_and_numbers(sentence)
        self.names.find()
        for sentence in self.sentences:
            sentence.concepts = self._concepts_of(sentence)
            sentence.subject, sentence.verb = subject_and_verb(sentence)
            sentence.clauses = self._clauses(sentence)
        for index, sentence in enumerate(self.sentences):
            self._context(index, sentence)
            self._kinds(sentence)
            sentence.complement = self._complement(sentence)
        self._merge_restatements()
        for sentence in self.sentences:
            self.df.update(sentence.own_concepts | set(sentence.context))
        return self.sentences

    def _complement(self, sentence: Sentence) -> Sentence | None:
        """What a speech verb reports ("Roscosmos announced … that it had reached an
        agreement …"), read as a sentence of its own, for questions about its content."""
        verb = sentence.verb
        if verb is None or sentence.tokens[verb].lower not in SPEECH_VERBS:
            return None
        that = next(
            (
                k
                for k in range(verb + 1, len(sentence.tokens))
                if sentence.tokens[k].lower == "that"
            ),
            None,
        )
        if that is None or that + 1 >= len(sentence.tokens):
            return None
        start = sentence.tokens[that + 1].start
        inner = Sentence(sentence.text[start:], sentence.part, sentence.paragraph, sentence.order)
        inner.tokens = tokens(inner.text)
        find_dates_and_numbers(inner)
        inner.entities = self.names.entities_of(inner)
        inner.concepts = self._concepts_of(inner)
        inner.subject, inner.verb = subject_and_verb(inner)
        self._kinds(inner)
        return inner

    def _concepts_of(self, sentence: Sentence) -> list[tuple[str, int]]:
        stems: list[tuple[str, int]] = []
        for index, token in enumerate(sentence.tokens):
            for word in tokenize(token.text):
                if word not in STOPWORDS:
                    stems.append((stem(word), index))
        return self.concepts.fold(stems)

    def _clauses(self, sentence: Sentence) -> list[tuple[int, int]]:
        bounds = [0]
        for m in CLAUSE_BREAK.finditer(sentence.text):
            at = next((k for k, t in enumerate(sentence.tokens) if t.start >= m.end()), None)
            if at is not None and at > bounds[-1]:
                bounds.append(at)
        if sentence.tokens and sentence.tokens[0].lower in LEADING_WORDS:
            comma = sentence.text.find(",")
            at = next((k for k, t in enumerate(sentence.tokens) if t.start > comma), None)
            if comma > 0 and at is not None:
                bounds = sorted({*bounds, at})
        bounds.append(len(sentence.tokens))
        return [(a, b) for a, b in pairwise(bounds) if b > a]

    def _context(self, index: int, sentence: Sentence) -> None:
        """Words a sentence means but does not say: the antecedent of "it", and what a
        noun it shares with the sentence before was called there ("the launch" of "a …
        crew to the ISS")."""
        if sentence.part != "paragraph":
            return
        previous = [
            s
            for s in self.sentences[max(1, index - 2) : index]
            if s.part == "paragraph" and (sentence.paragraph or 0) - (s.paragraph or 0) <= 1
        ]
        lowered = [t.lower for t in sentence.tokens]
        if previous and set(lowered) & THING_PRONOUNS:
            topic = self._topic(previous)
            sentence.topic = topic
            if topic:
                for concept in self.concepts.of_text(topic):
                    if concept not in sentence.own_concepts:
                        sentence.context.setdefault(concept, topic.lower())
        for entity in sentence.entities:
            descriptor = self.names.descriptors.get(entity.text)
            if descriptor:
                for concept in self.concepts.of_text(descriptor):
                    if concept not in sentence.own_concepts:
                        sentence.context.setdefault(concept, descriptor)
        if not previous:
            return
        before = previous[-1]
        # "the launch" refers back to "the attempted launch of a … crew to the ISS".
        definite = {
            c
            for c, p in sentence.concepts
            if p and sentence.tokens[p - 1].lower in ("the", "this", "that", "these")
        }
        shared = definite & before.own_concepts
        for concept, position in before.concepts:
            if concept not in shared or self._is_common(concept):
                continue
            if position + 1 >= len(before.tokens) or before.tokens[position + 1].lower != "of":
                continue
            taken: list[Token] = []
            for token in before.tokens[position : position + 10]:
                if taken and (is_verb(token) or token.lower in ("and", "but")):
                    break
                taken.append(token)
                if before.text[token.end : token.end + 1] in (",", ";", ")", "("):
                    break
            borrowed = False
            for token in taken[1:]:
                for word in tokenize(token.text):
                    if word in STOPWORDS or word.isdigit():
                        continue
                    for c in self.concepts.of_text(word):
                        if c not in sentence.own_concepts:
                            sentence.context.setdefault(c, token.bare.lower())
                            borrowed = True
            if borrowed and not sentence.context_phrase:
                sentence.context_phrase = clean(before.text[taken[0].start : taken[-1].end])

    def _topic(self, previous: list[Sentence]) -> str:
        """What "it" most likely stands for: the latest subject that names a thing."""
        for sentence in reversed(previous):
            subject = sentence.subject
            if subject.lower() in PRONOUNS:
                context = [w for c, w in sentence.context.items()]
                if context:
                    return context[0]
                continue
            names = [e for e in sentence.entities if e.kind in ("thing", "org")]
            if subject and any(
                subject.endswith(e.text) or subject.startswith(e.text) for e in names
            ):
                return subject
        return ""

    def _is_common(self, concept: str) -> bool:
        count = sum(1 for s in self.sentences if concept in s.own_concepts)
        return count > max(3, len(self.sentences) // 4)

    def _kinds(self, sentence: Sentence) -> None:
        kinds: dict[str, int] = {}
        if sentence.part == "title":
            return
        if sentence.dates:
            kinds["when"] = max(DATE_STRENGTH[k] for _, k in sentence.dates)
        places = [e for e in sentence.entities if e.kind == "place" and locative(sentence, e)]
        if places:
            kinds["where"] = len({e.text for e in places}) + sum(
                1 for e in places if e.text.split()[-1].lower() in PLACE_WORDS
            )
        persons = {e.text for e in sentence.entities if e.kind == "person"}
        actor = self._actor(sentence)
        if persons or actor:
            kinds["who"] = len(persons) + (1 if actor else 0)
        if CAUSE_MARKERS.search(sentence.text):
            kinds["why"] = 2
        elif {t.lower for t in sentence.tokens} & CAUSE_VERBS:
            kinds["why"] = 1
        if sentence.numbers:
            kinds["quantity"] = len(sentence.numbers)
        sentence.kinds = kinds

    def _actor(self, sentence: Sentence) -> Entity | None:
        """An organisation that does or says something: the sentence's subject or speaker."""
        for entity in sentence.entities:
            if entity.kind not in ("org", "thing"):
                continue
            following = sentence.tokens[entity.end : entity.end + 1]
            if following and following[0].lower in SPEECH_VERBS:
                return entity
            if (
                entity.kind == "org"
                and sentence.subject == entity.text
                and sentence.verb == entity.end
            ):
                return entity
        return None

    def _merge_restatements(self) -> None:
        """A sentence with the same date as an earlier one and several of its words
        restates it (a standfirst and a paragraph): they make one fact."""
        for i, later in enumerate(self.sentences):
            if later.part == "title" or not later.date_texts:
                continue
            for earlier in self.sentences[1:i]:
                if earlier.merged_into is not None or earlier.part == "title":
                    continue
                dates = {d for d in earlier.date_texts & later.date_texts}
                shared = earlier.own_concepts & later.own_concepts
                shared -= {c for d in dates for c in self.concepts.of_text(d)}
                if dates and len(shared) >= MERGE_MIN_SHARED:
                    earlier.merged.append(later)
                    later.merged_into = earlier
                    for kind, strength in later.kinds.items():
                        earlier.kinds[kind] = max(strength, earlier.kinds.get(kind, 0))
                    break
