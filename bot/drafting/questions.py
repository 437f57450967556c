"""Whole questions from a sentence's shape: roles, speech, causes, places, lists,
quantities, definitions, events and dates.

"Roscosmos' director, Dmitry Bakanov," gives "Who is Dmitry Bakanov?" and "who heads
roscosmos"; "Weather delayed the launch" gives "Why was the launch delayed?"; "X met on
July 31" gives "When did X meet?". Verb forms come from `bot.drafting.grammar`.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from bot.drafting.clauses import clause_questions
from bot.drafting.entities import is_verb
from bot.drafting.grammar import base_form, is_plural_noun, verb_tense
from bot.drafting.model import Sentence, clean
from bot.drafting.noun_phrases import lower_determiner
from bot.drafting.words import (
    CAUSE_VERBS,
    COUNTRIES,
    CURRENCY,
    DANGLING_WORDS,
    EVENT_VERBS,
    FINDING_VERBS,
    PRONOUNS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_WORDS,
)
from bot.language.text import STOPWORDS

if TYPE_CHECKING:
    from bot.drafting.keywords import Phraser


def templates(sentence: Sentence, phraser: Phraser) -> list[tuple[str, str | None]]:
    """Whole questions from the sentence's shape: roles, speech, causes, places, events."""
    out: list[tuple[str, str | None]] = clause_questions(sentence, sentence.topic)
    if sentence.complement is not None:
        speaker = sentence.subject if sentence.subject.lower() not in PRONOUNS else ""
        out += clause_questions(sentence.complement, speaker)
    if sentence.part == "caption":
        # What readers ask of a photo, as far as its caption says.
        out.append(("What does the photo show?", None))
        if any(e.kind == "person" for e in sentence.entities):
            out += [("Who is in the photo?", "who"), ("who is pictured", "who")]
        if any(e.kind == "place" for e in sentence.entities):
            out.append(("Where was the photo taken?", "where"))
        if sentence.dates:
            out.append(("When was the photo taken?", "when"))
    tokens = sentence.tokens
    lowered = [t.lower for t in tokens]
    text = sentence.text
    descriptors = phraser.analyser.descriptors

    # Roles: "NASA's acting administrator, Transportation Secretary Sean Duffy".
    for entity in sentence.entities:
        if entity.kind != "person" or not entity.role:
            continue
        surname = entity.surname.lower()
        out += [(f"Who is {entity.text}?", "who"), (f"who is {surname}", "who")]
        for role in entity.role:
            org = next(
                (
                    e.text
                    for e in sentence.entities
                    if e.kind in ("org", "thing") and e.text in role
                ),
                "",
            )
            head = _role_head(role)
            out.append((f"who is {clean(role) if len(role.split()) <= 5 else head}", "who"))
            if org:
                org_lower = org.lower()
                out += [
                    (f"who is the {head} of {org_lower}", "who"),
                    (f"who heads {org_lower}", "who"),
                    (f"who runs {org_lower}", "who"),
                    (f"{org_lower} {head} name", None),
                ]
        out += [(f"what is {surname}'s job", None), (f"what does {surname} do", None)]

    # Speech: "Bakanov was quoted as saying", "Roscosmos announced", "said Dr. Maas".
    for entity in sentence.entities:
        if entity.kind == "place":
            continue
        after = lowered[entity.end : entity.end + 4]
        verb = after[0] if after and after[0] in SPEECH_VERBS else None
        if "quoted" in after:
            verb = "said"
        before = entity.run_start - 1
        while before > 0 and lowered[before].rstrip(".") in TITLE_WORDS:
            before -= 1  # "said Dr. Piet Maas"
        if verb is None and before >= 0 and lowered[before] in SPEECH_VERBS:
            verb = lowered[before]
        if verb is None:
            continue
        who = entity.surname if entity.kind == "person" else entity.text
        if (
            entity.kind != "person"
            and entity.run_start > 0
            and lowered[entity.run_start - 1] == "the"
        ):
            who = f"the {who}"  # "the FAA says": "What did the FAA say?"
        if verb == "announced":
            out += [(f"What did {who} announce?", None), (f"{who.lower()} announcement", None)]
        else:
            out += [
                (f"What did {who} say?", None),
                (f"{who.lower()} quote", None),
                (f"what did {who.lower()} tell", None),
            ]
            if "quoted" in lowered:
                out.append((f"what was {who.lower()} quoted as saying", None))

    out += _speaker_question(sentence, {q for q, _ in out})

    # Causes: "Weather delayed the launch to August 1."
    for k, word in enumerate(lowered):
        if word not in CAUSE_VERBS:
            continue
        target: list[str] = []
        for token in tokens[k + 1 : k + 7]:
            if token.lower in ("to", "until", "by", "for", "from", "in", "on", "at", "after"):
                break
            target.append(token.text)
            if text[token.end : token.end + 1] in (",", ";", "."):
                break
        if target and target[0].lower() in ("the", "a", "an", "its", "their"):
            noun = " ".join(target)
            out += [
                (f"Why was {noun} {word}?", "why"),
                (f"what {word} {noun}", None),
                (f"reason {clean(noun)} was {word}", "why"),
            ]

    # Places: "the … Baikonur launch facility in Kazakhstan".
    for entity in sentence.entities:
        if entity.kind == "person":
            continue
        words = [entity.text]
        for n, token in enumerate(tokens[entity.end : entity.end + 4], entity.end):
            if token.lower == "in":
                place = next(
                    (e for e in sentence.entities if e.kind == "place" and e.start == n + 1),
                    None,
                )
                if place is not None:
                    name = entity.text.lower()
                    out += [
                        (f"Where is {' '.join(words)}?", "where"),
                        (f"{name} location", "where"),
                        (f"where is {name} located", "where"),
                    ]
                    if place.text.lower() in COUNTRIES:
                        out.append((f"which country is {name} in", "where"))
                break
            if token.capitalised or token.lower in STOPWORDS or is_verb(token):
                break
            words.append(token.text)

    # Lists of countries: "set up by Russia, the United States, Europe and Japan".
    places = [e for e in sentence.entities if e.kind == "place"]
    listed = [
        a
        for a, b in pairwise(places)
        if re.fullmatch(
            r",?\s*(?:and\s+)?(?:the\s+)?", text[tokens[a.end - 1].end : tokens[b.start].start]
        )
    ]
    if len(listed) >= 2 and sentence.verb is not None:
        verb = tokens[sentence.verb].lower
        following = tokens[sentence.verb + 1].lower if sentence.verb + 1 < len(tokens) else ""
        if following in ("up", "off", "out", "down"):
            verb = f"{verb} {following}"
        topic = next(iter(sentence.context.values()), "")
        phrase = f"{verb} {topic}".strip()
        out += [(f"Which countries {phrase}?", None), (f"which nations {phrase}", None)]

    # Quantities: "about 3.5 billion tonnes of frozen water".
    for number, unit in sentence.numbers:
        if unit and unit.isalpha() and unit not in CURRENCY and is_plural_noun(unit):
            out.append((f"how many {unit}", "quantity"))
        m = re.search(
            rf"{re.escape(number)}[\w\s-]*?\b{re.escape(unit)} of ((?:\w+ ){{0,2}}\w+)", text
        )
        if m:
            out.append((f"how much {m.group(1).lower()}", "quantity"))

    # Definitions: "The ISS, a flagship of …,".
    for entity in sentence.entities:
        end = tokens[entity.end - 1].end
        if re.match(r",\s+(?:a|an)\s", text[end:]):
            the = "the " if entity.start and lowered[entity.start - 1] == "the" else ""
            out += [
                (f"What is {the}{entity.text}?", None),
                (f"how is {the}{entity.text.lower()} described", None),
            ]

    # Events: "Luna-25 crashed into …".
    subject = next((e for e in sentence.entities if sentence.subject.startswith(e.text)), None)
    verb = tokens[sentence.verb].lower if sentence.verb is not None else ""
    if subject is not None and verb in EVENT_VERBS:
        name = subject.text
        described = f"the {name} {descriptors[name]}" if name in descriptors else name
        out += [
            (f"What happened to {described}?", None),
            (f"what went wrong with {name.lower()}", None),
            (f"what happened to {name.lower()}", None),
        ]

    return [question for question in out if not dangles(question[0])]


def _speaker_question(sentence: Sentence, asked: set[str]) -> list[tuple[str, str | None]]:
    """ "The agency said the industry …" asks "What did the agency say?", as a named
    speaker's words do, and "The survey found …" "What did the survey find?": the
    subject of a verb of saying or finding, whoever or whatever it is ("68 percent said
    …"), unless a pronoun, asked in the verb's own tense."""
    verb = sentence.verb
    subject = sentence.subject
    if verb is None or not subject or subject.lower() in PRONOUNS:
        return []
    said = sentence.tokens[verb].lower
    if said in FINDING_VERBS:
        asked_verb = base_form(said)  # "What did the survey find?"
    elif said in SPEECH_VERBS:
        asked_verb = "announce" if said == "announced" else "say"
    else:
        return []
    who = lower_determiner(subject)
    tense = verb_tense(said)
    if tense == "present" and said.endswith("s"):
        question = f"What does {who} {asked_verb}?"
    elif tense == "present":
        question = f"What do {who} {asked_verb}?"
    else:
        question = f"What did {who} {asked_verb}?"
    return [] if question in asked else [(question, None)]


def dangles(question: str) -> bool:
    """Whether a question ends with a word that needs more after it (`DANGLING_WORDS`:
    the sentence's shape was misread).

    >>> dangles("Why is the sevengill sometimes called a?"), dangles("Who met her?")
    (True, False)
    """
    words = question.rstrip("?").split()
    return bool(words) and words[-1].lower() in DANGLING_WORDS


def _role_head(role: str) -> str:
    """The job in a role: "NASA's acting administrator" -> "acting administrator"."""
    head: list[str] = []
    for word in re.findall(r"[\w'’-]+", role):
        lower = word.lower()
        if lower in ("of", "at", "for", "with"):
            break
        if word[:1].isupper() and lower not in ROLE_WORDS and lower not in ("general", "acting"):
            head = []
            continue
        head.append(lower)
    return " ".join(head) or clean(role)
