"""Names in sentences: people, organisations, places and other named things.

A name is a run of capitalised words not at the start of a sentence (or, there, a word
the article capitalises elsewhere mid-sentence). What kind of name it is comes from its
shape and the word tables: a title before it ("Secretary Sean Duffy"), an organisation's
or place's last word ("… Agency", "… Center"), a preposition of place before it ("in
Florida"), or, for a person, evidence elsewhere (named by surname alone, given a role,
speaking).
"""

from __future__ import annotations

import re

from lemminflect import getLemma

from bot.drafting.grammar import AUXILIARIES, is_modifier_only, is_noun, verb_lemma, verb_tense
from bot.drafting.model import Entity, Sentence, Token
from bot.drafting.quantities import DATE, WEEKDAY
from bot.drafting.words import (
    CONNECTORS,
    DETERMINERS,
    GENERIC_WORDS,
    MONTHS,
    NUMBER_WORDS,
    ORG_WORDS,
    PLACE_NAMES,
    PLACE_WORDS,
    PREPOSITIONS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_WORDS,
    WEAK_WORDS,
    demonym_country,
)
from bot.language.sentences import ABBREVIATIONS
from bot.language.text import STOPWORDS


def namelike(word: str) -> bool:
    """A word that may be part of a person's name."""
    lower = word.lower()
    return (
        bool(re.fullmatch(r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*", word))
        and word[:1].isupper()
        and not word[1:].isupper()
        and lower not in ORG_WORDS | PLACE_WORDS | PLACE_NAMES | TITLE_WORDS
        and lower not in MONTHS
    )


def verb_in_context(tokens: list[Token], k: int) -> bool:
    """Whether token `k` is a verb here: "IE's various versions accounted" reads
    "versions" as a noun (after an adjective or a possessive, or before another verb:
    "the crowds can be avoided") and "developers face big
    problems" reads "face" as the verb (a plain form after a plural noun)."""
    token = tokens[k]
    previous = tokens[k - 1] if k else None
    if is_verb(token):
        if verb_tense(token.lower) != "present" or previous is None or not is_noun(token.lower):
            return True
        modifier = (
            previous.lower in DETERMINERS | NUMBER_WORDS
            or previous.text[:1].isdigit()
            or previous.text.endswith(("'s", "’s"))
        )  # "the plans", "six minutes", "IE's versions"
        following = tokens[k + 1].lower if k + 1 < len(tokens) else ""
        # A verb seldom follows a verb: "candidates elected in …", "crowds can be avoided".
        verb_next = following in AUXILIARIES or verb_tense(following) == "past"
        return not (modifier or verb_next or is_modifier_only(previous.lower))
    if token.capitalised or previous is None or verb_lemma(token.lower) != token.lower:
        return False
    plural = getLemma(previous.lower, upos="NOUN")[0] != previous.lower
    return previous.lower in ("they", "we", "you", "i") or (plural and not previous.capitalised)


def is_verb(token: Token) -> bool:
    """A verb form that can be a clause's main verb: past, third person, or auxiliary."""
    if token.capitalised:
        return False
    return token.lower in AUXILIARIES or verb_tense(token.lower) in ("past", "present")


class Names:
    """Finds and classifies the names of an article's sentences."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self.proper = self._proper_words()
        self.persons: dict[str, str] = {}
        self.descriptors: dict[str, str] = {}

    def _proper_words(self) -> set[str]:
        """Words seen capitalised mid-sentence and never in lower case: names."""
        capital: set[str] = set()
        lower: set[str] = set()
        for sentence in self.sentences[1:]:  # a headline may be in title case
            for token in sentence.tokens:
                if token.capitalised and not token.initial:
                    capital.add(token.bare.lower())
                elif token.text[:1].islower():
                    lower.add(token.bare.lower())
        return capital - lower

    def find(self) -> None:
        """Every sentence's entities, with people's roles and things' descriptors."""
        for sentence in self.sentences:
            sentence.entities = self._entities(sentence)
        for sentence in self.sentences:
            for entity in sentence.entities:
                if entity.kind == "person":
                    words = entity.text.split()
                    for key in (entity.text, words[-1], words[0]):
                        self.persons.setdefault(key.lower(), entity.text)
        for sentence in self.sentences:
            self._resolve_mentions(sentence)
            self._roles(sentence)
            self._descriptors(sentence)

    def _is_name_token(self, token: Token) -> bool:
        text = token.bare
        if text.lower() in ABBREVIATIONS:
            return False  # "Dr", "Gen": a title, not part of the name
        if not text[:1].isupper() and not (text[:1].isdigit() and re.search(r"[A-Za-z]", text)):
            return False
        if "-" in text and any(part[:1].islower() for part in text.split("-")):
            return False  # "Russia-leaser", "State-owned": a compound adjective
        if text.lower() in MONTHS or WEEKDAY.fullmatch(text):
            return False
        if not token.initial:
            return True
        lower = text.lower()
        return lower not in STOPWORDS and (
            lower in self.proper
            or (text.isupper() and len(text) > 1)
            or bool(re.search(r"\d", text))
            or lower in PLACE_NAMES
        )

    def _opens_name(self, sentence: Sentence, i: int) -> bool:
        """A sentence's capitalised first word right before a name is its first word:
        "Ken Bates, 42, built …" (but "The NASA chief" starts with a function word)."""
        tokens = sentence.tokens
        if not tokens[i].initial or not tokens[i].capitalised or i + 1 >= len(tokens):
            return False
        following = tokens[i + 1]
        return (
            tokens[i].lower not in STOPWORDS
            and namelike(tokens[i].text)
            and not sentence.text[tokens[i].end : following.start].strip()
            and following.capitalised
            and self._is_name_token(following)
        )

    def entities_of(self, sentence: Sentence) -> list[Entity]:
        """The names of one sentence, people named elsewhere in full resolved."""
        found = self._entities(sentence)
        sentence.entities = found
        self._resolve_mentions(sentence)
        return found

    def _entities(self, sentence: Sentence) -> list[Entity]:
        tokens = sentence.tokens
        entities: list[Entity] = []
        i = 0
        while i < len(tokens):
            if not self._is_name_token(tokens[i]) and not self._opens_name(sentence, i):
                i += 1
                continue
            j = i + 1
            while j < len(tokens):
                if sentence.text[tokens[j - 1].end : tokens[j].start].strip():
                    break
                if self._is_name_token(tokens[j]) and not re.search(r"['’]s?$", tokens[j - 1].text):
                    j += 1
                elif (
                    tokens[j].lower in CONNECTORS
                    and j + 1 < len(tokens)
                    and self._is_name_token(tokens[j + 1])
                    and tokens[j + 1].bare.lower() not in PLACE_NAMES
                ):
                    j += 2
                else:
                    break
            entity = self._classify(sentence, i, j)
            if entity is not None:
                entities.append(entity)
            i = j
        return entities

    def _classify(self, sentence: Sentence, start: int, end: int) -> Entity | None:
        words = [t.bare for t in sentence.tokens[start:end]]
        lowered = [w.lower() for w in words]
        text = " ".join(words)
        if text.lower() in PLACE_NAMES:
            return Entity(text, "place", start, end)
        if len(words) == 1 and demonym_country(lowered[0]):
            return None  # "Russian", "Western": an adjective
        # A title before a name: "Transportation Secretary Sean Duffy".
        title_at = max(
            (k for k, w in enumerate(lowered) if w.rstrip(".") in TITLE_WORDS), default=-1
        )
        if 0 <= title_at < len(words) - 1:
            name = words[title_at + 1 :]
            if 1 <= len(name) <= 3 and all(namelike(w) for w in name):
                entity = Entity(" ".join(name), "person", start + title_at + 1, end, [], start)
                entity.role.append(" ".join(words[: title_at + 1]))
                return entity
        if lowered[-1] in ORG_WORDS or any(w.isupper() and len(w) > 1 for w in words):
            return Entity(text, "org", start, end)
        if lowered[-1] in PLACE_WORDS:
            return Entity(text, "place", start, end)
        previous = sentence.tokens[start - 1].lower if start else ""
        if previous in ("in", "at", "near", "outside", "visit") and not re.search(r"\d", text):
            return Entity(text, "place", start, end)
        if (
            2 <= len(words) <= 3
            and all(namelike(w) for w in words)
            and self._person_evidence(sentence, start, end, words)
        ):
            return Entity(text, "person", start, end)
        return Entity(text, "thing", start, end)

    def _person_evidence(self, sentence: Sentence, start: int, end: int, words: list[str]) -> bool:
        """A two- or three-word name is a person's if the article also names them by
        surname alone, gives them a role, or has them speak."""
        surname, before_surname = words[-1].lower(), words[-2].lower()
        for other in self.sentences:
            bare = [t.bare.lower() for t in other.tokens]
            for k, word in enumerate(bare):
                if word == surname and (k == 0 or bare[k - 1] != before_surname):
                    return True
        text = sentence.text
        if re.match(r",\s*(?:aged\s+)?\d{1,3},", text[sentence.tokens[end - 1].end :]):
            return True  # "Ken Bates, 42, built …": an age
        after = re.match(r"\s*,\s*([^,]+)", text[sentence.tokens[end - 1].end :])
        before = re.search(r"([^,]+),\s*$", text[: sentence.tokens[start].start])
        for role in (after, before):
            if role and {w.lower() for w in re.findall(r"\w+", role.group(1))} & ROLE_WORDS:
                return True
        following = {t.lower for t in sentence.tokens[end : end + 3]}
        preceding = sentence.tokens[start - 1].lower if start else ""
        return bool(following & SPEECH_VERBS) or preceding in SPEECH_VERBS

    def _resolve_mentions(self, sentence: Sentence) -> None:
        """A surname alone ("Bakanov") is the person named in full elsewhere."""
        for entity in sentence.entities:
            if entity.kind in ("thing", "org") and entity.text.lower() in self.persons:
                entity.kind = "person"
                entity.text = self.persons[entity.text.lower()]

    def _roles(self, sentence: Sentence) -> None:
        """Appositions: "Roscosmos' director, Dmitry Bakanov," and "Dmitry Bakanov,
        general director of … Roscosmos,"."""
        text = sentence.text
        for entity in sentence.entities:
            if entity.kind != "person":
                continue
            start = sentence.tokens[entity.run_start].start
            end = sentence.tokens[entity.end - 1].end
            before = re.search(r"(?:^|[,;:(—–]\s*)([^,;:()—–]{3,80}),\s*$", text[:start])
            after = re.match(
                r"\s*,(?!\s*(?:and|or|but)\b)\s*([^,;:()—–]{3,90})(?=[,;:)—–]|$)", text[end:]
            )
            for found in (before, after):
                if not found:
                    continue
                role = re.sub(r"^(?:and|but|or|with|while)\s+", "", found.group(1).strip())
                words = {w.lower() for w in re.findall(r"[\w']+", role)}
                if words & ROLE_WORDS and not words & SPEECH_VERBS:
                    entity.role.append(role)

    def _descriptors(self, sentence: Sentence) -> None:
        """What a name is ("the Luna-25 probe", "its Soyuz spacecraft"): the noun that
        follows it, for questions that use it."""
        tokens = sentence.tokens
        if sentence.part == "title":
            return
        for entity in sentence.entities:
            if entity.kind not in ("thing", "org") or entity.end >= len(tokens):
                continue
            if not entity.start or tokens[entity.start - 1].lower not in DETERMINERS:
                continue
            follower = tokens[entity.end]
            gap = sentence.text[tokens[entity.end - 1].end : follower.start]
            if (
                not gap.strip()
                and follower.lower not in PREPOSITIONS
                and follower.lower not in GENERIC_WORDS
                and not DATE.match(follower.text)
                and follower.lower.isalpha()
                and not follower.capitalised
                and follower.lower not in STOPWORDS
                and not is_verb(follower)
                and follower.lower not in WEAK_WORDS
            ):
                self.descriptors.setdefault(entity.text, follower.lower)

    # concepts, subject, clauses, context, kinds --------------------------------------
