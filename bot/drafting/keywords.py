"""Question forms for one sentence: short keyword forms around its verb and names.

Readers ask short questions ("bakanov invite", "when did duffy meet bakanov"): a form
is a bag of the sentence's best concepts (rare words, names, the main verb), written as
the stretch of the sentence joining them when short, or as "<kind> did <subject>
<verb> <object>" when the bag holds the main verb.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from lemminflect import getLemma

from bot.drafting.analysis import Analyser
from bot.drafting.grammar import AUXILIARIES, base_form, is_modifier_only, verb_tense
from bot.drafting.labels import topic_of
from bot.drafting.model import Sentence, clean
from bot.drafting.quantities import DATE, is_money
from bot.drafting.questions import templates
from bot.drafting.roles import roles_by_name, with_roles
from bot.drafting.words import (
    DETERMINERS,
    GENERIC_WORDS,
    LEADING_WORDS,
    LIGHT_VERBS,
    PRONOUNS,
    THING_PRONOUNS,
    WEAK_WORDS,
)

KEYWORDS_PER_CLAUSE = 4
GLOBAL_KEYWORDS = 6
MAX_WINDOW_TOKENS = 6
"""Keywords are written as the stretch of the sentence joining them, if this short."""
KIND_ORDER = ("who", "when", "where", "why", "quantity")
KIND_NOUNS = {
    "when": "date",
    "where": "location",
    "who": "name",
    "why": "reason",
    "quantity": "number",
}
"""The noun a reader may ask a kind with: "meeting date", "launch site location"."""


@dataclass(frozen=True, slots=True)
class Form:
    """A question form for one sentence: its text, and whether it is a whole question."""

    text: str
    kind: str | None
    template: bool
    weight: float
    broad: bool = False
    context: bool = False
    owner_kind: str | None = None  # "meeting date" asks "when" without saying it


class Phraser:
    """Builds each sentence's question forms."""

    def __init__(self, analyser: Analyser) -> None:
        self.analyser = analyser
        self.sentences = [s for s in analyser.sentences if s.merged_into is None]
        # Read once: `holders` asks every sentence for every bag of every sentence.
        self._vocabularies = [(s, s.vocabulary) for s in self.sentences if s.part != "title"]
        self.count = len(analyser.sentences)
        self.roles = roles_by_name(analyser.sentences)

    def salience(self, concept: str) -> float:
        return math.log((self.count + 1) / (self.analyser.df.get(concept, 0) + 0.5))

    def _weights(self, sentence: Sentence) -> dict[str, float]:
        """How much each concept says about this sentence: rare words, names and the
        main verb most; dates and numbers not at all, general words little. A name
        counts once, by its rarest word ("Duffy", not "Sean")."""
        in_dates = [(m.start(), m.end()) for m in DATE.finditer(sentence.text)]
        weights: dict[str, float] = {}
        for concept, position in sentence.concepts:
            token = sentence.tokens[position]
            if token.lower in WEAK_WORDS or token.lower in PRONOUNS or concept in weights:
                continue
            if any(s <= token.start < e for s, e in in_dates):
                continue
            entity = sentence.entity_at(position)
            if concept.isdigit() and entity is None:
                continue
            if token.lower in GENERIC_WORDS:
                continue
            weight = self.salience(concept)
            if entity is not None:
                weight += 1.5 if entity.kind == "person" else 1.0
            if self.in_leading_phrase(sentence, position):
                weight -= 1.0
            if position == sentence.verb and token.lower not in LIGHT_VERBS:
                weight += 0.8
            weights[concept] = weight
        for entity in sentence.entities:
            inside = [c for c, p in sentence.concepts if entity.start <= p < entity.end]
            inside = [c for c in inside if c in weights]
            if entity.kind == "person":
                surname = self.analyser.concepts.of_text(entity.surname)
                keep = [c for c in inside if c in surname] or inside[-1:]
            else:
                keep = sorted(inside, key=lambda c: -weights[c])[:1]
            for concept in inside:
                if concept not in keep:
                    weights.pop(concept, None)
        return weights

    @staticmethod
    def in_leading_phrase(sentence: Sentence, position: int) -> bool:
        """Inside "In this pool photograph …," before the subject."""
        tokens = sentence.tokens
        if not tokens or tokens[0].lower not in LEADING_WORDS or len(sentence.clauses) < 2:
            return False
        return position < sentence.clauses[1][0]

    def bags(self, sentence: Sentence) -> list[tuple[frozenset[str], float]]:
        """Keyword bags: the best words of each clause in pairs and threes, and the
        sentence's best words alone and in pairs; borrowed words join the main one."""
        weights = self._weights(sentence)
        out: dict[frozenset[str], float] = {}

        def add(bag: Iterable[str]) -> None:
            bag = frozenset(bag)
            if bag and bag not in out:
                out[bag] = sum(weights.get(c, self.salience(c)) for c in bag)

        ranked = sorted(weights, key=lambda c: -weights[c])
        for concept in ranked[:GLOBAL_KEYWORDS]:
            add([concept])
        for pair in combinations(ranked[:GLOBAL_KEYWORDS], 2):
            add(pair)
        verb = self.verb_concept(sentence)
        verb = verb if verb in weights else None
        if verb is not None:
            add([verb])
            for concept in ranked[: GLOBAL_KEYWORDS + 2]:
                add([verb, concept])
        for start, end in sentence.clauses:
            in_clause = [c for c, p in sentence.concepts if start <= p < end and c in weights]
            best = sorted(dict.fromkeys(in_clause), key=lambda c: -weights[c])
            best = best[:KEYWORDS_PER_CLAUSE]
            lowered = {t.lower for t in sentence.tokens[start:end]}
            if lowered & THING_PRONOUNS:
                antecedent = self.antecedent(sentence, start)
                for concept in best[:3] if antecedent else ():
                    add([concept, *antecedent])
            for pair in combinations(best, 2):
                add(pair)
            if len(best) >= 3:
                add(best[:3])
            if verb is not None and start <= (sentence.verb or -1) < end:
                add([verb, *best[:3]])
            elif len(best) >= 4:
                add(best[:4])
        borrowed = [c for c in sentence.context if c not in weights]
        if borrowed and ranked:
            add([ranked[0], *borrowed[:2]])
            add(borrowed[:2])
        return sorted(out.items(), key=lambda item: -item[1])

    def slot(self, sentence: Sentence, kind: str | None) -> set[str]:
        """The concepts that answer a kind: the places for "where", the people for "who"."""
        wanted = {"where": "place", "who": "person"}.get(kind or "")
        return {
            c
            for c, p in sentence.concepts
            if (entity := sentence.entity_at(p)) is not None and entity.kind == wanted
        }

    @staticmethod
    def is_person(sentence: Sentence, name: str) -> bool:
        return any(e.kind == "person" and e.text == name for e in sentence.entities)

    def anchors(self, sentence: Sentence) -> set[str]:
        """Concepts a who/when/where question can hang on: names, the main verb, and
        words borrowed from the sentences before."""
        out = {c for c, p in sentence.concepts if sentence.entity_at(p) is not None}
        verb = self.verb_concept(sentence)
        if verb is not None:
            out.add(verb)
        return out | set(sentence.context)

    def verb_concept(self, sentence: Sentence) -> str | None:
        if sentence.verb is None or sentence.tokens[sentence.verb].lower in LIGHT_VERBS:
            return None
        return next((c for c, p in sentence.concepts if p == sentence.verb), None)

    def antecedent(self, sentence: Sentence, clause_start: int) -> list[str]:
        """What "it" in a clause stands for: the last thing named before the clause, else
        what the sentences before were about."""
        names = [
            e for e in sentence.entities if e.kind in ("thing", "org") and e.end <= clause_start
        ]
        if names:
            return [c for c, p in sentence.concepts if names[-1].start <= p < names[-1].end][:1]
        return list(sentence.context)[:1]

    def surface(self, sentence: Sentence, bag: Iterable[str], kind: str | None = None) -> str:
        """A bag written as a question: names whole, the stretch of the sentence joining
        the words when short, else the words in order; borrowed words after. A bag with
        the main verb asks "when did <name> <verb>"."""
        wanted = set(bag)
        positions: dict[str, int] = {}
        for concept, position in sentence.concepts:
            if concept in wanted and concept not in positions:
                positions[concept] = position
        tokens = sentence.tokens
        borrowed = [
            sentence.context[c]
            for c in sorted(wanted)
            if c not in positions and c in sentence.context
        ]
        prefix = prefix_of(kind, sentence)
        if kind == "quantity":
            units = {u for _, u in sentence.numbers}
            if not any(tokens[p].lower in units for p in positions.values()):
                return ""  # "how many ken bates": a quantity form names what it counts
        verb = sentence.verb if sentence.verb in positions.values() else None
        subjects: list[str] = []
        objects: list[str] = []
        for position in sorted(positions.values()):
            entity = sentence.entity_at(position)
            if position == verb:
                continue
            piece = entity.text if entity is not None else tokens[position].text
            if entity is None and is_modifier_only(piece):
                continue  # "alike", "continuously": never what a question names
            if verb is not None and kind in ("when", "where", "why", "who"):
                noun = _noun_phrase(sentence, position) if entity is None else piece
                if entity is not None and entity.kind == "place":
                    before = tokens[entity.start - 1].lower if entity.start else ""
                    noun = f"{before} {piece}" if before in ("in", "at", "near") else None
                if noun is None:
                    continue  # "when did they meet counterpart": no bare singular nouns
                piece = noun
            in_subject = verb is not None and position < verb
            if in_subject and sentence.subject and piece not in sentence.subject:
                in_subject = False
            side = subjects if in_subject else objects
            if piece not in subjects + objects:
                side.append(piece)
        objects = list(dict.fromkeys([*objects, *borrowed]))
        if verb is not None:
            word = tokens[verb].lower
            tense = verb_tense(word)
            past, present = tense == "past", tense == "present" and word not in AUXILIARIES
            base = base_form(word)
            aux = "did" if past else "does" if subjects else "do"
            who = " and ".join(subjects) or "they"
            rest = " ".join(objects)
            if (past or present) and kind in ("when", "where", "why") and len(subjects) <= 2:
                return clean(f"{prefix} {aux} {who} {base} {rest}")
            if (past or present) and kind == "who":
                person_object = any(
                    e.kind == "person" and e.start > verb for e in sentence.entities
                )
                if subjects and not objects and person_object:
                    return clean(f"who {aux} {who} {base}")  # "who did bakanov meet"
                if not subjects:
                    return clean(f"who {word} {rest}")  # "who met duffy"
            if kind is None and len(subjects) + len(objects) <= 2:
                return clean(" ".join([*subjects, word, *objects]))
        names = subjects + objects
        if positions:
            first, last = min(positions.values()), max(positions.values())
            start = min(
                (e.start for e in sentence.entities if e.start <= first < e.end), default=first
            )
            end = max(
                (e.end - 1 for e in sentence.entities if e.start <= last < e.end), default=last
            )
            stretch = sentence.text[tokens[start].start : tokens[end].end]
            if end - start < MAX_WINDOW_TOKENS and not re.search(r"[,;:()\"“”]", stretch):
                names = [stretch, *borrowed]
        return clean(f"{prefix} {' '.join(dict.fromkeys(names))}")

    def holders(self, bag: frozenset[str], kind: str | None) -> list[Sentence]:
        return [
            s
            for s, vocabulary in self._vocabularies
            if bag <= vocabulary and (kind is None or kind in s.kinds)
        ]

    def forms(self, sentence: Sentence) -> list[Form]:
        out = [Form(text, kind, True, 100.0) for text, kind in templates(sentence, self)]
        out += [
            Form(variant, form.kind, False, 60.0, context=True)
            for form in list(out)
            if form.text[:1].isupper()
            for variant in with_roles(form.text, self.roles)[:2]
        ]
        whole = any(f.text[:1].isupper() and f.text.endswith("?") for f in out)
        topic = "" if whole else topic_of(sentence)
        if topic:
            out.append(Form(f"What about {topic}?", None, True, 100.0))
        kinds: list[str | None] = [k for k in KIND_ORDER if k in sentence.kinds]
        anchors = self.anchors(sentence)
        verb = self.verb_concept(sentence)
        for kind in [*kinds, None]:
            slot = self.slot(sentence, kind)
            for bag, weight in self.bags(sentence):
                if kind is not None and not bag & anchors:
                    continue  # "who dialogue work" asks nothing
                if slot and (bag & slot if kind == "where" else slot <= bag):
                    continue  # "where … Florida" names what it asks
                if sentence not in self.holders(bag, kind):
                    continue
                text = self.surface(sentence, bag, kind)
                if text:
                    # Readers ask short questions around the verb: those first.
                    score = weight / len(bag) - 0.7 * (len(bag) - 1)
                    score += 2.0 if verb is not None and verb in bag else 0.0
                    score += 1.0 if bag == {verb} else 0.0
                    out.append(Form(text, kind, False, score, broad=len(bag) >= 4))
        main = kinds[0] if kinds else None
        anchor = frozenset([verb]) if verb is not None else None
        if anchor is None and sentence.subject:
            anchor = frozenset(self.analyser.concepts.of_text(sentence.subject)[-1:])
        for kind in kinds if anchor else ():
            words = self.surface(sentence, anchor or frozenset(), None)
            text = f"{words} {KIND_NOUNS[kind or '']}"
            out.append(Form(text, None, False, 40.0, context=True, owner_kind=kind))
        if sentence.context_phrase:
            text = f"{prefix_of(main, sentence)} {sentence.context_phrase}".strip()
            out.append(Form(text, main, False, 50.0, context=True))
        borrowed = [c for c in sentence.context if c not in sentence.own_concepts][:3]
        if borrowed:
            weights = self._weights(sentence)
            best = sorted(weights, key=lambda c: -weights[c])[:2]
            bag = frozenset([*best, *borrowed])
            for kind in dict.fromkeys([main, None]):
                text = self.surface(sentence, bag, kind)
                out.append(Form(text, kind, False, 50.0, context=True))
        return out

    def strength(
        self, sentence: Sentence, bag: frozenset[str], kind: str | None
    ) -> tuple[float, ...]:
        """How well a sentence owns a form: answers its kind best, holds its words
        itself, says least besides (smaller is better)."""
        return (
            -(sentence.kinds.get(kind, 0) if kind else 0),
            0 if bag <= sentence.own_concepts else 1,
            len(sentence.own_concepts),
            sentence.order,
        )


def prefix_of(kind: str | None, sentence: Sentence) -> str:
    if kind == "quantity":
        return "how much" if is_money(sentence) else "how many"
    return kind or ""


def _noun_phrase(sentence: Sentence, position: int) -> str | None:
    """A common noun as a question can name it: with its determiner ("the launch"), or
    a plural alone ("cosmonauts"); None for a bare singular ("counterpart")."""
    tokens = sentence.tokens
    word = tokens[position].text
    if word.endswith(("'s", "’s", "'", "’")):
        return None  # "the lake's" modifies what follows
    if position and tokens[position - 1].lower in DETERMINERS:
        return f"{tokens[position - 1].lower} {word}"
    lemma = getLemma(word.lower(), upos="NOUN")
    return word if lemma and lemma[0] != word.lower() else None
