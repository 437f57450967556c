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
from bot.drafting.entities import Names, is_verb, verb_in_context
from bot.drafting.grammar import AUXILIARIES, verb_tense
from bot.drafting.metadata import opening_dateline
from bot.drafting.model import Concepts, Entity, Sentence, Token, clean, tokens
from bot.drafting.quantities import DATE_STRENGTH, find_dates_and_numbers
from bot.drafting.words import (
    CAUSE_VERBS,
    CLAUSE_STOPS,
    DETERMINERS,
    LEADING_WORDS,
    NAMING_VERBS,
    PLACE_WORDS,
    PREPOSITIONS,
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
            sentence.subject, sentence.verb = self._subject_and_verb(sentence)
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
        inner.subject, inner.verb = self._subject_and_verb(inner)
        self._kinds(inner)
        return inner

    def _concepts_of(self, sentence: Sentence) -> list[tuple[str, int]]:
        stems: list[tuple[str, int]] = []
        for index, token in enumerate(sentence.tokens):
            for word in tokenize(token.text):
                if word not in STOPWORDS:
                    stems.append((stem(word), index))
        return self.concepts.fold(stems)

    def _subject_and_verb(self, sentence: Sentence) -> tuple[str, int | None]:
        """The leading noun phrase ("The ISS", "Luna-25") as written, and the main verb."""
        tokens = sentence.tokens
        text = sentence.text
        if not tokens:
            return "", None
        start = 0
        closing = re.match(r"\s*[\"“][^\"”]+[\"”]", text)
        if closing:  # '"We were surprised. …," Dr. Osei said'
            start = next((k for k, t in enumerate(tokens) if t.start >= closing.end()), 0)
            return "", self._main_verb(sentence, start)[0]
        dateline = opening_dateline(text) if sentence.order <= 3 else ""
        if dateline:  # "BERGEN (Coastal Times) — Fishermen … queued": the clause follows it
            start = next((k for k, t in enumerate(tokens) if t.start > len(dateline) + 1), 0)
        else:
            # "In 2018, …", "Started in 1990, the festival …", "At a station, after the
            # polls closed, …": the subject follows the opening phrases.
            while start < len(tokens) and _opens_phrase(tokens[start]):
                comma = text.find(",", tokens[start].end)
                if comma < 0:
                    return "", None
                start = next((k for k, t in enumerate(tokens) if t.start > comma), len(tokens))
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
        main, subordinate = self._main_verb(sentence, start)
        # A relative clause's verb is not its head noun's: "The last time that they
        # conferred" has no subject to ask about.
        return (subject if len(words) <= 8 and not subordinate else ""), main

    def _main_verb(self, sentence: Sentence, start: int) -> tuple[int | None, bool]:
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
                and verb_tense(token.lower) in ("past", "participle")
            )
            if not (restrictive or reduced):
                # "The last time that they conferred was in 2018": a bare "was" says
                # less than the relative clause's verb.
                if subordinate is not None and tokens[verb].lower in ("is", "are", "was", "were"):
                    return subordinate, True
                return verb, False
            if subordinate is None:
                subordinate = verb
            restrictive = False
            after = verb + 1
        return subordinate, subordinate is not None

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


RELATIVE_OPENERS = frozenset(("who", "which", "that", "whose", "whom"))
"""Words that open a relative clause inside a noun phrase ("the protesters who …")."""


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


def _opens_phrase(token: Token) -> bool:
    """Whether a clause's first word opens a phrase before its subject: a preposition or
    conjunction ("In", "If"), an adverb ("Also", "Finally") or a verb form ("Started in
    1990", "Having won")."""
    word = token.lower
    if word in LEADING_WORDS or word.endswith("ly"):
        return True
    return word not in AUXILIARIES and verb_tense(word) in ("past", "participle")
