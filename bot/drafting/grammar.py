"""English verb and noun forms for drafted questions, from lemminflect.

lemminflect (MIT, on PyPI with its data, no model to download) knows each English word's
lemmas by part of speech and every lemma's inflections, from a large dictionary with
rules for words it does not hold. That is what a question needs: "queued" is the past of
"queue" ("When did the crowds queue?"), "alike" is never a verb, "met" is "meet".
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas, getInflection, getLemma

from bot.language.lexicon import NOUN_ROOT, senses_above

PEOPLE = frozenset(("person", "people"))
"""WordNet's groups above every kind of person ("baker", "student") and of people as a
body ("people", "the public"); not "social group", which holds companies and councils."""
AUXILIARIES = frozenset(
    "is are was were be been being has have had will would can could may might must shall "
    "should".split()
)
"""Verbs a main verb may follow ("has been occupied")."""
BE_FORMS = frozenset(("is", "are", "was", "were"))
"""The finite forms of "be": a bare one says what something is ("was a minister")."""


@lru_cache(maxsize=8192)
def parts_of_speech(word: str) -> frozenset[str]:
    """The parts of speech (Universal tags) a word form may have; empty if unknown."""
    return frozenset(getAllLemmas(word.lower()))


@lru_cache(maxsize=8192)
def verb_lemma(word: str) -> str | None:
    """The verb a form belongs to ("met" -> "meet", "queued" -> "queue"), or None."""
    lemmas = getAllLemmas(word.lower())
    for tag in ("VERB", "AUX"):
        if tag in lemmas:
            return str(lemmas[tag][0])
    return None


@lru_cache(maxsize=8192)
def verb_tense(word: str) -> str | None:
    """ "past" for a past form ("queued", "met"), "present" for a third-person one
    ("runs"), "participle" for "-ing", else None (a base form, or no verb at all)."""
    lower = word.lower()
    lemma = verb_lemma(lower)
    if lemma is None:
        return None
    forms = getAllInflections(lemma, upos="VERB") or getAllInflections(lemma)
    if lower in forms.get("VBD", ()) or lower in forms.get("VBN", ()):
        return "past"
    if lower in forms.get("VBZ", ()):
        return "present"
    if lower in forms.get("VBG", ()):
        return "participle"
    return None


def is_participial(word: str) -> bool:
    """Whether `word` is a past or an "-ing" form, one that can modify a noun ("a group
    led by", "Naruhito, born in 1960,") or open a phrase ("Started in 1990, …")."""
    return verb_tense(word) in ("past", "participle")


def base_form(word: str) -> str:
    """The bare infinitive for "When did … <verb>?": "queued" -> "queue"."""
    return verb_lemma(word) or word.lower()


def past_participle(word: str) -> str:
    """ "delay" -> "delayed", "meet" -> "met"."""
    forms = getInflection(base_form(word), tag="VBN")
    return str(forms[0]) if forms else word.lower()


def simple_past(word: str) -> str:
    """ "written" -> "wrote", "led" -> "led"."""
    forms = getInflection(base_form(word), tag="VBD")
    return str(forms[0]) if forms else word.lower()


def is_noun(word: str) -> bool:
    """Whether a word may be a noun (or is unknown, as most names are)."""
    tags = parts_of_speech(word)
    return not tags or bool(tags & {"NOUN", "PROPN"})


def is_modifier_only(word: str) -> bool:
    """An adjective or adverb that is never a noun or verb ("alike", "continuously")."""
    tags = parts_of_speech(word)
    return bool(tags) and tags <= {"ADJ", "ADV"}


def is_plural_noun(word: str) -> bool:
    """ "engineers", "tonnes": what "how many" counts ("browser" is not)."""
    lemma = getLemma(word.lower(), upos="NOUN")
    return bool(lemma) and lemma[0] != word.lower()


def third_person(verb: str) -> str:
    """ "face" -> "faces", for a question whose subject is "who" or "what"."""
    forms = getInflection(base_form(verb), tag="VBZ")
    return str(forms[0]) if forms else verb


@lru_cache(maxsize=8192)
def denotes_people(noun: str) -> bool:
    """Whether a common noun names people: at least half its noun senses in WordNet are
    kinds of person ("bakers", "the student", "people"; not "company", "house" or
    "hospital", which name groups or places, nor "study", whose one person sense in ten
    is "a quick study"). The word as written is looked up first ("authorities")."""
    word = noun.lower()
    senses = senses_above(word, "en")
    if not senses:
        lemma = getLemma(word, upos="NOUN")
        senses = senses_above(lemma[0], "en") if lemma else ()
    nouns = [s for s in senses if NOUN_ROOT in s]
    people = sum(1 for s in nouns if s & PEOPLE)
    return bool(nouns) and 2 * people >= len(nouns)
