"""Near misses a draft declines: what readers ask about the article's names that a news
story rarely says ("how old is …", "when was … founded").

The questions are general templates per kind of name (`bot/data/en/draft_declines.txt`),
written for each person, organisation and place the article names. The bot declines a
question closer to one of them than to any fact, so "how old is Bakanov" gets "the
article does not say" rather than "Did you mean: who is Bakanov?". A template the draft
itself answers (the article gives Ken Bates's age) is left out.
"""

from __future__ import annotations

from bot.answering.facts import FactBase
from bot.answering.matcher import Matcher, Status
from bot.drafting.model import Sentence
from bot.drafting.words import LANGUAGE, sections

MAX_PER_KIND = 4
"""Names of each kind given decline examples: the most mentioned first."""


def decline_examples(sentences: list[Sentence]) -> list[str]:
    """Every template for the article's most mentioned names, in a stable order."""
    counts: dict[tuple[str, str], int] = {}
    for sentence in sentences:
        for entity in sentence.entities:
            name = entity.surname if entity.kind == "person" else entity.text
            key = (entity.kind, name.lower())
            counts[key] = counts.get(key, 0) + 1
    out: list[str] = []
    templates = sections("draft_declines.txt")
    for kind in ("person", "org", "place"):
        names = sorted((n for k, n in counts if k == kind), key=lambda n: (-counts[(kind, n)], n))
        for name in names[:MAX_PER_KIND]:
            out += [t.format(name=name) for t in templates.get(kind, ())]
    return out


def unanswered(base: FactBase, examples: list[str]) -> list[str]:
    """The examples the draft (without them) does not answer."""
    matcher = Matcher(base)
    return [
        e for e in examples if matcher.match(e, language=LANGUAGE).status is not Status.ANSWERED
    ]
