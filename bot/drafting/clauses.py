"""Grammatical questions from a sentence's main clause: subject, verb, object.

"Ken Bates broke Qrio's speed record in Leeds on Sunday" gives "Who broke Qrio's speed
record?", "What did Ken Bates break?", "When did Ken Bates break Qrio's speed record?"
and "Where did …?"; an auxiliary moves before the subject ("Why was the launch
delayed?", "Since when has the ISS been occupied?"). Figures give "How old is …?",
"How fast …?", "How tall …?", "How much did … cost?", "How many … ?" (the ones a
figure or a name asks whatever the clause: `bot.drafting.figures`). Verb forms come from
lemminflect (`bot.drafting.grammar`), word classes from the data files
(`bot.drafting.words`).
"""

from __future__ import annotations

import copy
import re

from bot.drafting.analysis import CAUSE_MARKERS
from bot.drafting.entities import verb_in_context
from bot.drafting.figures import HEIGHT_WORDS, Question, figure_questions
from bot.drafting.grammar import (
    AUXILIARIES,
    BE_FORMS,
    base_form,
    denotes_people,
    is_modifier_only,
    is_plural_noun,
    parts_of_speech,
    third_person,
    verb_tense,
)
from bot.drafting.main_clause import RELATIVE_WORDS
from bot.drafting.model import Sentence, Token
from bot.drafting.noun_phrases import (
    MAX_OBJECT_TOKENS,
    PHRASE_BREAK,
    agent_questions,
    appositive_questions,
    joins_noun_phrase,
    lower_determiner,
)
from bot.drafting.quantities import DATE
from bot.drafting.words import (
    CLAUSE_STOPS,
    CURRENCY,
    DETERMINERS,
    HEIGHT_UNITS,
    PREPOSITIONS,
    PRONOUNS,
    SPEECH_VERBS,
    SPEED_UNITS,
)
from bot.language.text import PARTICLES, PHRASE_PREPOSITIONS

WRITER = {"i": "the writer", "we": "the writers"}
"""How a question names the article's own first-person voice ("I visited …")."""

_LASTING = re.compile(
    r"\b(?:since|until|till|through)\s+(?:the\s+)?(?:\d{1,2}\s+)?(?:[a-z]+\s+)?(?:\d{1,2},?\s+)?"
    r"\d{4}s?\b"
    r"|\b(?:since|until|till|through|for)\s+(?:the\s+)?(?:\w+\s+)?"
    r"(?:decades|years|months|weeks|days)\b",
    re.I,
)
"""A time that something lasts to or from: "since November 2000", "since 2 November 2000",
"until 2028", "for 20 years"; not "for 2028", which is a purpose."""
CLAUSE_OPENERS = frozenset(("that", "to", "which", "who", "while", "after", "before"))
"""Words after which another clause or an infinitive begins."""


def clause_questions(sentence: Sentence, antecedent: str = "") -> list[Question]:
    """Whole questions from the main clause; `antecedent` stands for a pronoun subject."""
    out: list[Question] = []
    out += figure_questions(sentence)
    out += agent_questions(sentence)
    out += appositive_questions(sentence)
    clause = _Clause.of(sentence, antecedent)
    if clause is None:
        return out
    out += clause.questions(sentence)
    for pair in _coordinated_people(sentence):
        if pair == clause.subject:
            continue
        both = copy.copy(clause)
        both.subject = both.name = pair
        both.person, both.named = True, False
        out += [q for q in both.questions(sentence) if q[1] in ("when", "where", "why")]
    return out


class _Clause:
    """The main clause's parts, as written."""

    def __init__(
        self, subject: str, person: bool, aux: str, rest: str, verb: str, obj: str, obj_person: bool
    ) -> None:
        self.subject, self.person, self.aux = subject, person, aux
        self.rest, self.verb, self.obj, self.obj_person = rest, verb, obj, obj_person
        self.name = subject
        self.named = False
        """What the subject is called, for "How old/fast/tall is <name>?"."""
        self.verb_at = self.object_end = 0

    @classmethod
    def of(cls, sentence: Sentence, antecedent: str) -> _Clause | None:
        if sentence.verb is None or not sentence.subject:
            return None
        if sentence.tokens[sentence.verb].lower in AUXILIARIES - BE_FORMS:
            return None  # a modal with no verb after it ("… neither side can")
        if sentence.tokens[sentence.verb].lower in SPEECH_VERBS:
            return None  # speech has questions of its own (`bot.drafting.questions`)
        if set(sentence.subject.lower().split()) & RELATIVE_WORDS:
            return None  # "The last time that … conferred": the verb is the relative clause's
        tokens = sentence.tokens
        at = sentence.text.find(sentence.subject)
        first = subject_start(sentence)
        last = next((k for k, t in enumerate(tokens) if t.end >= at + len(sentence.subject)), first)
        subject = sentence.subject
        named = [e for e in sentence.entities if first <= e.start <= last]
        person = any(e.kind in ("person", "org") for e in named) or denotes_people(
            tokens[last].bare
        )
        if subject.lower() in WRITER:
            subject, person = WRITER[subject.lower()], True  # a first-person column
        elif subject.lower() in PRONOUNS:
            if not antecedent:
                return None
            subject, person, named = antecedent, False, []
            subject = lower_determiner(subject)  # "The club" -> "the club"
        elif common_start(sentence, first):
            subject = subject[0].lower() + subject[1:]  # "The launch" -> "the launch"
        else:
            subject = lower_determiner(subject)  # "The ISS" -> "the ISS"
        chain = _verb_chain(tokens, sentence.verb)
        aux = tokens[chain[0]].lower if len(chain) > 1 else ""
        rest = " ".join(tokens[k].lower for k in chain[1:-1])
        verb = tokens[sentence.verb].lower
        obj, obj_end = _object(sentence, sentence.verb + 1)
        obj_person = any(
            e.kind == "person" and sentence.verb < e.start < obj_end for e in sentence.entities
        ) or bool(obj and denotes_people(tokens[obj_end - 1].bare))
        clause = cls(subject, person, aux, rest, verb, obj, obj_person)
        clause.name = named[-1].text if named else subject
        clause.named = bool(named)
        clause.verb_at, clause.object_end = sentence.verb, obj_end
        return clause

    def questions(self, sentence: Sentence) -> list[Question]:
        """Subject, object, when, where, why and quantity questions of this clause."""
        tense = verb_tense(self.verb)
        if base_form(self.verb) in ("be", "have"):
            # "Emiew is 1.3 metres tall": only what the figures ask; "Why has space been?" no
            figures = self._quantity(sentence, "", "") if "quantity" in sentence.kinds else []
            return figures + self._why_state(sentence) + self._what_it_is(sentence)
        if self.aux:
            moved = f"{self.aux} {self.subject} {self.rest} {self.verb}"
        elif tense == "past":
            moved = f"did {self.subject} {base_form(self.verb)}"
        elif tense == "present":
            moved = f"does {self.subject} {base_form(self.verb)}"
        elif base_form(self.verb) == self.verb:
            moved = f"do {self.subject} {self.verb}"  # "Web developers face …"
        else:
            return []
        following = sentence.tokens[self.verb_at + 1 : self.verb_at + 2]
        particle = ""
        if following and following[0].lower in PARTICLES:
            particle = f" {following[0].lower}"
            moved += particle  # "When was the ISS set up?"
        moved = re.sub(r"\s+", " ", moved)
        obj = f" {self.obj}" if self.obj else ""
        out: list[Question] = []
        agent = _agent(sentence, self.verb_at)
        if agent and self.aux in BE_FORMS | {"been"} and tense == "past":
            # "It was set up by Russia, …": "Who set up the ISS?"
            particle = sentence.tokens[self.verb_at + 1].lower if agent == "particle" else ""
            out.append((re.sub(r"\s+", " ", f"Who {self.verb} {particle} {self.subject}?"), "who"))
        if self.obj and not self.aux and (self.person or not _has_number(self.obj)):
            who = "Who" if self.person or self.named else "What"
            verb = self.verb if tense else third_person(self.verb)  # "What faces …?"
            out.append((f"{who} {verb}{particle}{obj}?", "who"))  # "Who closed out …?"
        if self.obj and not self.aux and not _has_number(self.obj):
            out.append((f"{'Who' if self.obj_person else 'What'} {moved}?", None))
        kinds = sentence.kinds
        lasting = _LASTING.search(self._own_words(sentence))
        since = lasting is not None and lasting.group(0).lower().startswith("since")
        for kind, word in (
            ("when", "Since when" if since else "When"),
            ("where", "Where"),
            ("why", "Why"),
        ):
            if kind in kinds:
                out.append((f"{word} {moved}{obj}?", kind))
        if lasting:
            out.append((f"How long {moved}{obj}?", "when"))
        if "quantity" in kinds:
            out += self._quantity(sentence, moved, obj)
        return out

    def _what_it_is(self, sentence: Sentence) -> list[Question]:
        """ "The official cause of death was pancreatic cancer" asks "What was the official
        cause of death?", "Her father was a Baptist minister" "Who was her father?": a
        common noun phrase said to be a thing (a noun phrase after the bare verb)."""
        if self.aux or self.verb not in BE_FORMS or self.named:
            return []
        first = self.subject.split()[0].lower()
        if first not in DETERMINERS and not first.endswith(("'s", "’s")):
            return []  # "Russia was …", "Great Britain was unable …": no common noun phrase
        tokens = sentence.tokens
        after = tokens[self.verb_at + 1] if self.verb_at + 1 < len(tokens) else None
        if after is None or not (after.lower in DETERMINERS or after.text[:1].isdigit()):
            return []  # "was unable to …", "is located in …": a state, not a thing
        words = self.subject.lower().split()
        # The head noun comes before a phrase that follows it ("a spokesman for the county").
        head = next(
            (words[k - 1] for k in range(1, len(words)) if words[k] in CLAUSE_STOPS), words[-1]
        )
        who = "Who" if self.person or denotes_people(head) else "What"
        return [(f"{who} {self.verb} {self.subject}?", None)]

    def _why_state(self, sentence: Sentence) -> list[Question]:
        """ "Construction was underway at the mosque in order to enlarge it" asks "Why was
        construction underway?": a state with its purpose or cause stated."""
        if sentence.kinds.get("why", 0) < 2 or self.aux or base_form(self.verb) != "be":
            return []
        state: list[str] = []
        for token in sentence.tokens[self.verb_at + 1 : self.verb_at + 4]:
            if (
                token.lower in CLAUSE_STOPS
                or token.lower in PREPOSITIONS
                or not token.text.isalpha()
                or CAUSE_MARKERS.match(sentence.text, token.start)
            ):
                break  # "The delay was due to …": "due to" gives the cause, not the state
            state.append(token.lower)
        if not state or state[0] in DETERMINERS:
            return []  # "was a …": a description, not a state
        return [(f"Why {self.verb} {self.subject} {' '.join(state)}?", "why")]

    def _own_words(self, sentence: Sentence) -> str:
        """The clause's own words: a phrase fronted before its subject ("Since November
        2000, the ISS has been …") and what follows its verb up to a comma or to where
        another clause or an infinitive begins. "until 2028" in "…announced that it would
        continue … until 2028" is not how long the announcing lasted, nor "since 1990" in
        "closed on Monday, its first closure since 1990"."""
        tokens = sentence.tokens
        first = subject_start(sentence)
        fronted = [t.text for t in tokens[:first]]
        after: list[str] = []
        previous = tokens[self.verb_at] if self.verb_at < len(tokens) else None
        for token in tokens[self.verb_at + 1 :]:
            gap = sentence.text[previous.end : token.start] if previous is not None else ""
            if token.lower in CLAUSE_OPENERS or PHRASE_BREAK.search(gap):
                break
            after.append(token.text)
            previous = token
        return " ".join([*fronted, ",", *after])

    def _quantity(self, sentence: Sentence, moved: str, obj: str) -> list[Question]:
        units = {unit for _, unit in sentence.numbers}
        be = "is" if verb_tense(self.verb) == "present" else "was"
        name = self.name
        out: list[Question] = []
        if units & SPEED_UNITS:
            out += [(f"How fast {be} {name}?", "quantity"), (f"{name.lower()} speed", None)]
        lowered = {t.lower for t in sentence.tokens}
        if units & HEIGHT_UNITS and lowered & HEIGHT_WORDS:
            out += [(f"How tall {be} {name}?", "quantity"), (f"{name.lower()} height", None)]
        if not moved:
            return out
        # Only a figure in the verb's own object is what "how much/many … <verb>" asks.
        # (A figure's preposition ends the question: "How many votes was Chu elected with?")
        owned: dict[str, str] = {}
        tokens = sentence.tokens
        for number, unit in sentence.numbers:
            for k in range(self.verb_at + 1, min(len(tokens), self.object_end + 2)):
                if tokens[k].text == number or f"{tokens[k].text}m" == number:
                    before = tokens[k - 1].lower
                    owned.setdefault(unit, f" {before}" if before in PHRASE_PREPOSITIONS else "")
        if owned.keys() & CURRENCY:
            out.append((f"How much {moved}{_without_number(obj)}?", "quantity"))
        for unit in sorted(owned.keys() - CURRENCY - SPEED_UNITS - HEIGHT_UNITS):
            if unit.isalpha() and is_plural_noun(unit):
                out.append((f"How many {unit} {moved}{owned[unit]}?", "quantity"))
        return out


def _agent(sentence: Sentence, verb: int) -> str:
    """ "by" after a passive verb (or its particle: "set up by"): "verb" or "particle";
    "" when the clause names no agent."""
    tokens = sentence.tokens
    after = [t.lower for t in tokens[verb + 1 : verb + 3]]
    if after[:1] == ["by"]:
        return "verb"
    if len(after) == 2 and after[0] in PARTICLES and after[1] == "by":
        return "particle"
    return ""


def _verb_chain(tokens: list[Token], verb: int) -> list[int]:
    """The auxiliaries before the main verb (adverbs between them kept), then the verb."""
    chain = [verb]
    k = verb - 1
    while k >= 0 and (tokens[k].lower in AUXILIARIES or tokens[k].lower.endswith("ly")):
        chain.insert(0, k)
        k -= 1
    while len(chain) > 1 and tokens[chain[0]].lower not in AUXILIARIES:
        chain.pop(0)
    return chain


def _object(sentence: Sentence, start: int) -> tuple[str, int]:
    """The words after the verb up to a preposition, a clause break or a date."""
    tokens, text = sentence.tokens, sentence.text
    if start < len(tokens) and tokens[start].lower in PARTICLES:
        start += 1
    dates = [m.span() for m in DATE.finditer(text)]
    taken: list[Token] = []
    for k in range(start, min(len(tokens), start + MAX_OBJECT_TOKENS + 1)):
        token = tokens[k]
        gap = text[taken[-1].end : token.start] if taken else text[tokens[k - 1].end : token.start]
        if PHRASE_BREAK.search(gap):
            break
        if token.lower in CLAUSE_STOPS and not joins_noun_phrase(tokens, k, taken):
            break
        if verb_in_context(tokens, k):  # not "the samples", a noun after its determiner
            break
        if any(s <= token.start < e for s, e in dates):
            break
        taken.append(token)
    while taken and taken[-1].lower in DETERMINERS:
        taken.pop()  # "continues a [2000 year old tradition]": the date cut it short
    if not taken or len(taken) > MAX_OBJECT_TOKENS or is_modifier_only(taken[-1].lower):
        return "", start  # "went wide (of the goal)": no object to ask about
    return text[taken[0].start : taken[-1].end], start + len(taken)


def _coordinated_people(sentence: Sentence) -> list[str]:
    """ "Roscosmos' director, Dmitry Bakanov, and NASA's acting administrator, Sean Duffy
    met …": the subject is both people, by name and by role ("Dmitry Bakanov and Sean
    Duffy", "Roscosmos' director and NASA's acting administrator"). Only when two person
    names are joined by "and" (the second one's role aside) and the second ends right
    before the main verb: not "John Smith and the wife of Tom Brown met …"."""
    verb = sentence.verb
    if verb is None:
        return []
    first = subject_start(sentence)
    people = [e for e in sentence.entities if e.kind == "person" and first <= e.start < verb]
    if len(people) != 2:
        return []
    one, two = people
    tokens, text = sentence.tokens, sentence.text
    between = text[tokens[one.end - 1].end : tokens[two.run_start].start]
    for role in two.role:
        between = between.replace(role, " ")
    if re.findall(r"[^\W\d_]+", between) != ["and"]:
        return []
    if text[tokens[two.end - 1].end : tokens[verb].start].strip():
        return []  # "… Tom Brown, who …, met": the verb is not right after the name
    pairs = [f"{one.text} and {two.text}"]
    if one.role and two.role:
        pairs.append(f"{one.role[0]} and {two.role[0]}")
    return pairs


def _has_number(text: str) -> bool:
    return bool(re.search(r"\d", text))


def _without_number(obj: str) -> str:
    return "" if _has_number(obj) else obj


def subject_start(sentence: Sentence) -> int:
    """The index of the subject's first token (0 when the sentence has no subject)."""
    at = sentence.text.find(sentence.subject) if sentence.subject else 0
    return next((k for k, t in enumerate(sentence.tokens) if t.start >= at), 0)


def common_start(sentence: Sentence, first: int) -> bool:
    """Whether the subject's first word is capitalised only because it starts the
    sentence ("The launch", "Fishermen and …"), not a name ("Ken Bates", "NASA")."""
    tokens = sentence.tokens
    if sentence.entity_at(first) is not None or not tokens[first].initial:
        return False
    if sum(c.isupper() for c in tokens[first].text) > 1:
        return False  # "US soul singer …", "McDonald's": written so wherever it stands
    following = tokens[first + 1] if first + 1 < len(tokens) else None
    if following is not None and following.capitalised:
        return False
    word = tokens[first].lower
    return word in DETERMINERS or bool(parts_of_speech(word) - {"PROPN"})
