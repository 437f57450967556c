"""Dictionary forms and thesaurus relations of English and Russian words.

The relations come from general resources, not lists fitted to one article: WordNet 3.0
for English, the OpenOffice thesaurus for Russian, turned into `bot/data/<language>/
lexicon.txt` by `scripts/build_lexicon.py` (its docstring gives the format). A word is
related to the members of its synonym groups, and in English also to its direct
hypernyms and hyponyms and its derived forms; never to its antonyms.

English words are lemmatised by WordNet's own rules (its exception lists and suffix
rules, checked against its lemmas), Russian ones by pymorphy3: each did best in
`benchmarks/bench_lexicon.py`. pymorphy3's answers for the 250,000 most common Russian
forms are packaged as `bot/data/ru/lemmas.tsv` (`scripts/build_russian_lemmas.py`), so
the bot does without its 16 MiB of dictionaries; a rarer form is its own lemma, but a
rare declined surname ("Баканову") gets its base form.

Each language's data file is opened once per process, on its first use, from the
installed package, and the lines a lookup needs are read from it (`bot.language.linetable`).
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from bot.language.linetable import Lines, find
from bot.language.linetable import fields as line_fields
from bot.language.wordlists import LANGUAGES, RARE_ZIPF, zipf

_MORPHY_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "n": (
        ("s", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ),
    "v": (
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}
"""WordNet's detachment rules (morph.c), tried on a form that is not an exception."""

_MAX_PHRASE_FORMS = 64
"""At most this many word-by-word lemma combinations are tried for a phrase."""


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """One language's data: lines of the sections of its lexicon.txt, parsed on demand."""

    groups: Sequence[str]
    words: Sequence[str]
    exceptions: Sequence[str]


def _section(lines: Lines, name: str) -> Sequence[str]:
    """The lines of section `@name N`."""
    start = lines.line_starting(f"@{name} ")
    if start is None:
        raise ValueError(f"lexicon data has no @{name} section: run scripts/build_lexicon.py")
    count = int(lines[start].split()[1])
    section = lines[start + 1 : start + 1 + count]
    if len(section) != count or any("\t" not in line for line in section[-1:]):
        raise ValueError(
            f"lexicon data's @{name} section is cut short: run scripts/build_lexicon.py"
        )
    return section


_LOAD_LOCK = threading.Lock()


@cache
def _read(language: str) -> _Lexicon:
    """Read one language's package data (called once, under `_LOAD_LOCK`)."""
    if language not in LANGUAGES:
        raise ValueError(f"no lexicon for language {language!r}: use one of {LANGUAGES}")
    data = resources.files("bot").joinpath("data", language, "lexicon.txt")
    with resources.as_file(data) as path:
        lines = Lines.mapped(path)  # a few hundred thousand lines, mostly never read
    lexicon = _Lexicon(
        groups=_section(lines, "groups"),
        words=_section(lines, "words"),
        exceptions=_section(lines, "exceptions"),
    )
    lines.release()  # finding the sections read most of the file
    return lexicon


def preload(languages: Iterable[str] = LANGUAGES) -> None:
    """Read the data of `languages` now (and Russian's lemma table), so that no question
    pays for it."""
    for language in languages:
        lexicon = _lexicon(language)
        for section in (lexicon.words, lexicon.exceptions):
            find(section, "")  # its first search keeps the samples every later one bisects
        if language == "ru":
            _russian_lemmas("встречи")


def _lexicon(language: str) -> _Lexicon:
    """The language's data, read on first use; threads arriving meanwhile wait for it."""
    with _LOAD_LOCK:
        return _read(language)


def _normal(text: str) -> str:
    """Lowercase, single-spaced, "ё" as "е" (the data is stored that way)."""
    return " ".join(text.lower().replace("ё", "е").split())


def _exceptions(form: str, lexicon: _Lexicon) -> dict[str, list[str]]:
    """WordNet's irregular lemmas of `form` by part of speech ("flew" -> {"v": ["fly"]})."""
    found: dict[str, list[str]] = {}
    i = find(lexicon.exceptions, form)
    while i is not None and i < len(lexicon.exceptions):
        this_form, pos, bases = lexicon.exceptions[i].split("\t")
        if this_form != form:
            break
        found[pos] = bases.split("|")
        i += 1
    return found


def _morphy(form: str, lexicon: _Lexicon) -> list[str]:
    """WordNet's lemmas of `form` in every part of speech, as its morph.c finds them.

    Per part of speech: the form itself and either its irregular lemmas or, if it has
    none, what the detachment rules leave; each kept if WordNet has it in that part.
    """
    exceptions = _exceptions(form, lexicon)
    parts: dict[str, str] = {}  # candidate -> its parts of speech, looked up once
    found = []
    for pos, rules in _MORPHY_RULES.items():
        # As morph.c: a noun in -ss is no plural ("pass", "boss", not "pas", "bos").
        detach = not (pos == "n" and form.endswith("ss"))
        bases = exceptions.get(pos) or [
            form[: -len(end)] + new for end, new in rules if detach and form.endswith(end)
        ]
        for base in [form, *bases]:
            if base not in parts:
                fields = line_fields(lexicon.words, base)
                parts[base] = fields[0] if fields else ""
            if pos in parts[base] and base not in found:
                found.append(base)
    return found


def _english_lemmas(form: str, lexicon: _Lexicon) -> list[str]:
    """Lemmas in every part of speech, other forms first; then those of a found noun.

    The second step gives "meetings" -> "meeting" -> "meet": a gerund's verb, as WordNet's
    rules give it for "meeting" itself.
    """
    first = _morphy(form, lexicon)
    ordered = [lemma for lemma in first if lemma != form] + [form] * (form in first)
    more = [lemma for found in ordered if found != form for lemma in _morphy(found, lexicon)]
    return list(dict.fromkeys(ordered + more))


@cache
def _russian_lemma_table() -> Lines:
    """bot/data/ru/lemmas.tsv (scripts/build_russian_lemmas.py), read on first use:
    English-only processes never pay for it."""
    data = resources.files("bot").joinpath("data", "ru", "lemmas.tsv")
    with resources.as_file(data) as path:
        return Lines.mapped(path)[1:]  # the first line says what the file is


_DECLINED_SURNAME = re.compile(r"^([а-я]{2,}(?:ов|ев|ин|ын))(?:а|у|ым|е|ы|ых|ыми)$")
"""A case form of a Russian surname in -ов, -ев, -ин, -ын ("Баканова", "Баканову",
"Бакановым"): the base form is what comes before the case ending. Feminine "-ой" is
left out: it is also an adjective's ending."""


def _russian_lemmas(form: str) -> list[str]:
    """pymorphy3's normal forms of a common form, likeliest parse first, from the table
    built with it; [] for a form that is its own lemma, or too rare to be in the table.

    A form too rare for the table and for the frequency list that has the shape of a
    declined surname gets the surname's base form, as pymorphy3 would guess it: a
    news story's names are rare words, and a reader declines them.
    """
    # No lock: opening the table is cheap, and a second opening in a race does no harm.
    found = line_fields(_russian_lemma_table(), form)
    if found:
        return found[0].split("|")
    surname = _DECLINED_SURNAME.match(form)
    if surname is not None and zipf(form) <= RARE_ZIPF:
        return [surname.group(1)]
    return []


def _word_lemmas(word: str, language: str) -> list[str]:
    """Dictionary forms of one normalised word; [] when none is known."""
    if language == "ru":
        return _russian_lemmas(word)
    return _english_lemmas(word, _lexicon(language))


def _phrase_lemmas(words: Sequence[str], language: str) -> list[str]:
    """The phrase's word-by-word lemma combinations that the data knows ("push back")."""
    lexicon = _lexicon(language)
    options = [list(dict.fromkeys([*_word_lemmas(w, language), w])) for w in words]
    combinations = itertools.islice(itertools.product(*options), _MAX_PHRASE_FORMS)
    known = [" ".join(c) for c in combinations if find(lexicon.words, " ".join(c)) is not None]
    return known or [" ".join(option[0] for option in options)]


@lru_cache(maxsize=16384)
def lemmas(word: str, language: str) -> tuple[str, ...]:
    """The dictionary forms of an inflected word, likeliest first; the word if none is known.

    >>> lemmas("pushed", "en")
    ('push',)
    >>> lemmas("встретились", "ru")
    ('встретиться',)

    A phrase gives the word-by-word forms the thesaurus holds ("pushed back" -> "push back").
    """
    normal = _normal(word)
    words = normal.split()
    if len(words) > 1:
        return tuple(_phrase_lemmas(words, language))
    return tuple(_word_lemmas(normal, language) or ([normal] if normal else []))


def _names(line: str) -> list[str]:
    """The members of a group line."""
    return line.split("\t", 1)[0].split("|")


def _ids(field: str) -> Iterable[int]:
    """Group ids in a space-separated field."""
    return map(int, field.split())


@lru_cache(maxsize=16384)
def _lemma_related(lemma: str, language: str) -> frozenset[str]:
    """Members of the lemma's groups and of the groups one level above and below them."""
    lexicon = _lexicon(language)
    fields = line_fields(lexicon.words, lemma)
    if fields is None:
        return frozenset()
    _, group_ids, derived = fields
    related = set(filter(None, derived.split("|")))
    for gid in _ids(group_ids):
        members, hypernyms, hyponyms = lexicon.groups[gid].split("\t")
        related.update(members.split("|"))
        for linked in itertools.chain(_ids(hypernyms), _ids(hyponyms)):
            related.update(_names(lexicon.groups[linked]))
    return frozenset(related)


@lru_cache(maxsize=16384)
def related(word_or_phrase: str, language: str) -> frozenset[str]:
    """Lemmas related to a word or phrase through its lemmas; empty when none is known.

    >>> "discard" in related("scrapped", "en")
    True
    >>> "slow" in related("fast", "en")  # an antonym is not related
    False
    """
    found: set[str] = set()
    for lemma in lemmas(word_or_phrase, language):
        found |= _lemma_related(lemma, language)
    return frozenset(found)


@lru_cache(maxsize=16384)
def sense_count(word: str, language: str) -> int:
    """How many senses (synonym groups) the thesaurus gives the word's likeliest dictionary
    form ("held" as "hold", "going" as "go"); 0 when it does not know the word.

    >>> sense_count("call", "en") > sense_count("invitation", "en")
    True
    """
    found = lemmas(word, language)
    fields = line_fields(_lexicon(language).words, found[0]) if found else None
    return len(fields[1].split()) if fields is not None else 0


MAX_HYPERNYM_DEPTH = 24
"""WordNet's deepest noun chains have about 20 links; a walk stops here whatever the data."""


@lru_cache(maxsize=4096)
def senses_above(lemma: str, language: str) -> tuple[frozenset[str], ...]:
    """Per group (sense) of a lemma, the names (first members) of every group above it,
    its own included: ("police" -> one sense holding "social group", "group", "entity").
    Empty when the data does not know the lemma."""
    fields = line_fields(_lexicon(language).words, _normal(lemma))
    if fields is None:
        return ()
    return tuple(_group_and_above(gid, language, 0) for gid in _ids(fields[1]))


@lru_cache(maxsize=65536)
def _group_and_above(gid: int, language: str, depth: int) -> frozenset[str]:
    """The names of a group and of every group above it. Cached per group: senses share
    their upper groups, so a walk reads most groups' lines once."""
    line = _lexicon(language).groups[gid]
    names = {_names(line)[0]}
    if depth < MAX_HYPERNYM_DEPTH:
        for above in _ids(line.split("\t")[1]):
            names |= _group_and_above(above, language, depth + 1)
    return frozenset(names)


GENERAL_CATEGORIES = frozenset(
    {
        "entity",
        "physical entity",
        "abstraction",
        "object",
        "whole",
        "psychological feature",
        "act",
        "thing",
        "attribute",
        "matter",
        "group",
        "relation",
        "communication",
        "measure",
    }
)
"""WordNet's most general groups, above nearly everything: "which thing", "what object"
name no category a fact could answer with."""


NOUN_ROOT = "entity"
"""The group every English noun sense lies under."""


def has_noun_sense(word: str, language: str) -> bool:
    """Whether a sense of the word is a noun in WordNet ("agency" yes, "together" no);
    False for a word the data does not know."""
    return any(
        NOUN_ROOT in sense
        for lemma in lemmas(word, language)
        for sense in senses_above(lemma, language)
    )


@lru_cache(maxsize=16384)
def categories(word: str) -> frozenset[str]:
    """The categories an English word names an instance of: the names of the groups above
    any noun sense of its lemmas, the most general ones and the word's own lemmas aside
    ("kazakhstan" -> "country", "asian country", "location"…; "launch" -> "event"…). Verb
    senses name no category ("moved" is no kind of "travel" a question could ask for)."""
    own = set(lemmas(word, "en"))
    found: set[str] = set()
    for lemma in own:
        for sense in senses_above(lemma, "en"):
            if NOUN_ROOT in sense:
                found |= sense
    return frozenset(found - own - GENERAL_CATEGORIES)
