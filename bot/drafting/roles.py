"""Questions that call a person by their role, as readers do.

A reader who has the headline in mind asks "what did the Roscosmos director say", not
"what did Bakanov say". The article gives each person's roles in appositions
("Roscosmos' director, Dmitry Bakanov,"; "Sean Duffy, NASA's acting administrator,");
every whole question that names the person is asked again with the role in place of
the name, wherever in the article the role was given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.drafting.model import Sentence
from bot.drafting.words import DETERMINERS

MAX_ROLE_WORDS = 5
"""A longer apposition ("general director of the Russian state space corporation
Roscosmos") is not how a reader names anyone."""


def roles_by_name(sentences: Sequence[Sentence]) -> dict[str, list[str]]:
    """Per person (full name and surname, lower case), their roles as a question names
    them: "Roscosmos' director" -> "the Roscosmos director"."""
    out: dict[str, list[str]] = {}
    for sentence in sentences:
        for entity in sentence.entities:
            if entity.kind != "person":
                continue
            for role in entity.role:
                phrase = role_phrase(role)
                if not phrase:
                    continue
                for key in {entity.text.lower(), entity.surname.lower()}:
                    if phrase not in out.setdefault(key, []):
                        out[key].append(phrase)
    return out


def role_phrase(role: str) -> str:
    """A role as a noun phrase: possessives dropped, "the" before it; "" if too long."""
    words = re.sub(r"(?<=\w)['’]s?(?=\s|$)", "", role).split()
    if not words or len(words) > MAX_ROLE_WORDS:
        return ""
    if words[0].lower() not in DETERMINERS:
        words.insert(0, "the")
    return " ".join(words)


def with_roles(question: str, roles: dict[str, list[str]]) -> list[str]:
    """The question asked again with each role of the person it names."""
    out: list[str] = []
    for name in sorted(roles, key=len, reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(name)}((?:['’]s)?)(?!\w)", re.I)
        if not pattern.search(question):
            continue
        for role in roles[name]:
            found = pattern.search(question)
            if found:
                head, tail = question[: found.start()], question[found.end() :]
                out.append(f"{head}{role}{found.group(1)}{tail}")
        break
    return out
