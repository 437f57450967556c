"""Names and what the article calls them: synonym groups a draft adds for its own names.

"Russia's space agency Roscosmos" tells a reader's "the Russian space agency" is
Roscosmos; "International Space Station (ISS)" that "ISS" and "space station" are one.
Folded into one concept, a question that names the thing either way is explained by
the facts that name it the other.
"""

from __future__ import annotations

import re

from bot.drafting.words import DEMONYMS, ORG_WORDS, PLACE_WORDS
from bot.language.text import STOPWORDS

_HEADS = "|".join(sorted(ORG_WORDS | PLACE_WORDS, key=lambda w: (-len(w), w)))
_DESCRIBED_NAME = re.compile(
    r"(?P<descriptor>(?:[A-Z][\w-]*(?:['’]s|['’])?\s+)?(?:[a-z][\w-]*\s+){0,2}"
    rf"(?P<head>{_HEADS}))\s+(?P<name>[A-Z][\w-]+)\b(?!\s+[A-Z])"
)
_ACRONYM = re.compile(r"((?:[A-Z][\w-]*\s+){1,5}[A-Z][\w-]*)\s+\(([A-Z]{2,6})\)")


def acronym_groups(text: str, words: list[str]) -> list[list[str]]:
    """ "International Space Station (ISS)": the acronym, the name, its last two words,
    and its last word if nothing else in the article is called that."""
    out = []
    for m in _ACRONYM.finditer(text):
        name, acronym = m.group(1).split(), m.group(2)
        head = name[-1].lower()
        variants = [acronym, " ".join(name), " ".join(name[-2:])]
        if words.count(head) == 1:  # "station" is the ISS if nothing else is a station
            variants.append(head)
        out.append(variants)
    return out


def descriptor_groups(text: str) -> list[list[str]]:
    """ "Russia's space agency Roscosmos": the name with its descriptor, the country
    written either way ("russia space agency", "russian space agency")."""
    by_name: dict[str, list[str]] = {}
    for m in _DESCRIBED_NAME.finditer(text):
        descriptor = re.sub(r"['’]s?(?=\s)", "", m.group("descriptor")).lower().split()
        if len(descriptor) < 2 or set(descriptor) & STOPWORDS:
            continue  # "agency Roscosmos" says nothing a reader types; "party and group"
        variants = by_name.setdefault(m.group("name"), [m.group("name")])
        variants.append(" ".join(descriptor))
        for group in DEMONYMS:
            if descriptor[0] in group:
                variants += [" ".join([form, *descriptor[1:]]) for form in group[:2]]
    return [list(dict.fromkeys(variants)) for variants in by_name.values()]
