"""Pure text helpers for matching: tokens, stems, stopwords and language (what a question
asks for is `bot.language.kinds`).

Nothing here knows about facts; `matcher` builds on these. English and Russian are
stemmed with the Snowball algorithms, so "meeting"/"meetings" and "встречи"/"встречу"
fall together without hand-written suffix rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

from bot.language.lexicon import lemmas
from bot.language.scripts import fold_scripts, normalise
from bot.language.wordlists import word_lists

_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]+")
_LATIN = re.compile(r"[a-zA-Z]+")
_TOKEN = re.compile(r"[a-zа-я0-9]+")
_INITIALISM = re.compile(r"(?<![\w.])[a-z](?:\.[a-z])+\.?(?![a-z])")
"""Initials written with dots ("u.s.", "d.c.", "e.u."): one word, as written without them,
not letters apart ("u" would read as the chat spelling of "you")."""
_GLUED_NUMBER = re.compile(r"(?<=[a-zа-я]{2})(?=[0-9])")
"""Where a number is glued to a word ("luna25", "мкс2030"); "2030s" and "b4" stay whole."""
_NUMBER_ENDING = re.compile(r"(?<=[0-9])-(?:го|ого|ый|ой|ом|ым|ую|ая|ое|й|м|е|я|ю)\b")
"""A Russian case ending written after a number ("2018-го", "31-е"): part of the number.
Not "-х", which makes a decade ("2030-х", the 2030s)."""
_ORDINAL_NUMBER = re.compile(r"\b([0-9]{1,2})(?:st|nd|rd|th)\b")
"""An English ordinal written with digits ("the 31st", "1st"): the day's number."""
_SPELLING_VARIANTS = (("’", "'"), ("‘", "'"), ("`", "'"), ("ʼ", "'"), ("ё", "е"))
"""Characters typed in place of another, put right before anything else reads the text."""

# Contractions are expanded before punctuation goes, so "who's" still asks "who"; each
# needs an apostrophe, which most questions lack: those skip them all.
_CONTRACTIONS: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (needle, re.compile(pattern), repl)
    for needle, pattern, repl in (
        ("won't", r"\bwon't\b", "will not"),
        ("can't", r"\bcan't\b", "can not"),
        ("ain't", r"\bain't\b", "is not"),
        ("n't", r"n't\b", " not"),
        ("'s", r"\b(who|what|where|when|why|how|that|there|it|he|she)'s\b", r"\1 is"),
        ("'re", r"'re\b", " are"),
        ("'ve", r"'ve\b", " have"),
        ("'ll", r"'ll\b", " will"),
        ("'d", r"'d\b", " would"),
        ("i'm", r"\bi'm\b", "i am"),
        ("'s", r"'s\b", ""),  # possessive: "nasa's" -> "nasa"
        ("s'", r"s'(?=\s|$)", "s"),  # plural possessive: "agencies'" -> "agencies"
    )
)

_WORD_LISTS = word_lists()
_RESPELT = {k: v for k, v in _WORD_LISTS.chat_spellings.items() if _TOKEN.fullmatch(k)}
"""Chat spellings and abbreviations ("ppl", "y", "gonna"), spelt out as the phrasings
spell them; from the data files, per language."""
_PUNCTUATED = {k: " ".join(v) for k, v in _WORD_LISTS.chat_spellings.items() if k not in _RESPELT}
"""Chat spellings with a sign inside ("tl;dr", "b/c"), which tokenizing would split."""
_PUNCTUATED_SIGNS = frozenset(c for k in _PUNCTUATED for c in k if not c.isalnum())
"""The signs those spellings hold: a text with none of them needs no look for them."""
_PUNCTUATED_RE = re.compile(
    "|".join(rf"(?<![\w]){re.escape(k)}(?![\w])" for k in sorted(_PUNCTUATED, key=len)[::-1])
    or r"(?!)"
)

STOPWORDS: frozenset[str] = _WORD_LISTS.filler
"""Function words, interjections and discourse markers: never what a question asks about."""
MANNER_WORDS: frozenset[str] = _WORD_LISTS.manner_words
"""Words that say how to answer ("briefly", "кратко"): part of `STOPWORDS`, but read after
all in a message of nothing else, which asks for the article in short."""
FRAMES: tuple[tuple[str, ...], ...] = _WORD_LISTS.discourse_phrases
"""Request frames of several words ("tell me", "do you know"), longest first."""

STOP_STEMS: frozenset[str] = frozenset()  # filled in below, once `stem` exists

PARTICLES = frozenset(("up", "off", "out", "down", "back", "over", "away"))
"""The particles of English phrasal verbs ("set up", "sat down", "called off")."""
PHRASE_PREPOSITIONS = frozenset("for to of by from with".split())
"""The prepositions that most often open a phrase after a noun or a figure ("for the
country", "by 5%"): a kind noun inside such a phrase does not ask that kind, and a
figure's question keeps the one it follows ("How many … by?")."""
_QUESTION_WORDS = ("when", "where", "who", "why", "what", "which", "how")
"""What a misspelt English question word is put right to (`correct_question_word`)."""

_STEMMERS = {
    "en": snowballstemmer.stemmer("english"),
    "ru": snowballstemmer.stemmer("russian"),
}


def detect_language(text: str) -> str | None:
    """ "ru" when Cyrillic letters outnumber Latin ones, "en" when Latin do, else None."""
    if text.isascii():
        return "en" if _LATIN.search(text) else None
    cyrillic = sum(map(len, _CYRILLIC.findall(text)))
    latin = sum(map(len, _LATIN.findall(text)))
    if not cyrillic and not latin:
        return None
    return "ru" if cyrillic > latin else "en"


def drop_frames(tokens: Sequence[str]) -> list[str]:
    """The tokens with every request frame ("tell me", "do you know") taken out.

    >>> drop_frames(["can", "you", "tell", "me", "who", "runs", "nasa"])
    ['who', 'runs', 'nasa']
    >>> drop_frames(["confirm", "they", "met"]), drop_frames(["did", "nasa", "confirm", "it"])
    (['they', 'met'], ['did', 'nasa', 'confirm', 'it'])
    """
    out: list[str] = []
    i = next((len(f) for f in _OPENING_FRAMES if tuple(tokens[: len(f)]) == f), 0)
    while i < len(tokens):
        for frame in _FRAMES_BY_FIRST.get(tokens[i], ()):
            if tuple(tokens[i : i + len(frame)]) == frame:
                i += len(frame)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def tokenize(text: str, *, respell: bool = True) -> list[str]:
    """Lowercase word and number tokens, contractions expanded, ё folded to е, chat
    spellings spelt out ("u" as "you") unless `respell` is False (Russian in Latin letters).

    >>> tokenize("Who's NASA's acting administrator?")
    ['who', 'is', 'nasa', 'acting', 'administrator']
    >>> tokenize("who r u"), tokenize("s kem u", respell=False)
    (['who', 'are', 'you'], ['s', 'kem', 'u'])
    >>> tokenize("on the 31st")
    ['on', 'the', '31']
    >>> tokenize("who runs the U.S. space agency")  # not "the you s"
    ['who', 'runs', 'the', 'us', 'space', 'agency']
    """
    text = normalise(text).lower()
    if "." in text:
        text = _INITIALISM.sub(lambda m: m.group(0).replace(".", "") + " ", text)
    if not text.isascii():
        text = fold_scripts(text)
    for variant, letter in _SPELLING_VARIANTS:
        if variant in text:
            text = text.replace(variant, letter)
    if "'" in text:
        for needle, pattern, repl in _CONTRACTIONS:
            if needle in text:
                text = pattern.sub(repl, text)
    if "-" in text:
        text = _NUMBER_ENDING.sub("", text)
    text = _ORDINAL_NUMBER.sub(r"\1", text)
    if not _PUNCTUATED_SIGNS.isdisjoint(text):
        text = _PUNCTUATED_RE.sub(lambda m: f" {_PUNCTUATED[m.group(0)]} ", text)
    tokens: list[str] = _TOKEN.findall(_GLUED_NUMBER.sub(" ", text))
    if not respell or _RESPELT.keys().isdisjoint(tokens):
        return tokens
    return [word for token in tokens for word in _RESPELT.get(token, (token,))]


_OPENING_FRAMES = _WORD_LISTS.opening_frames
_FRAMES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _frame in FRAMES:
    _FRAMES_BY_FIRST.setdefault(_frame[0], []).append(_frame)


RUSSIAN_STEM_CHARS = 6
"""Russian stems (of the word's lemma) are cut to this many letters, so that words of one
root fall together across parts of speech ("руководит", "руководитель"), which a suffix
stemmer alone keeps apart."""

_UNSTEMMED = _WORD_LISTS.unstemmed
"""Words the stemmer would cut to another word's stem ("photographer"): kept whole."""


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """The Snowball stem of one lowercase token, in the stemmer of its script; a Russian
    word is first put in its dictionary form (pymorphy3's, packaged), so that "прошла" (пройти) and
    "прошлая" (прошлый) stay apart.

    >>> stem("прошла") == stem("прошлая"), stem("встречались") == stem("встреча")
    (False, True)
    >>> stem("перескажи") == stem("перестали"), stem("прокомментировал") == stem("прокофьев")
    (False, False)
    >>> stem("photographer") == stem("photograph"), stem("фотограф") == stem("фотография")
    (False, False)
    """
    if token.isdigit():
        return token
    if _CYRILLIC.search(token):
        lemma = lemmas(token, "ru")[0]
        if lemma in _UNSTEMMED:
            return lemma
        return _STEMMERS["ru"].stemWord(lemma)[:RUSSIAN_STEM_CHARS]
    if token in _UNSTEMMED:
        return token
    return _STEMMERS["en"].stemWord(token)


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """The stems of a word or phrase, as synonym groups are matched on them.

    >>> phrase_stems("Space stations")
    ('space', 'station')
    """
    return tuple(stem(t) for t in tokenize(phrase))


@lru_cache(maxsize=65536)
def correct_question_word(token: str) -> str:
    """A misspelt question word ("wher", "wen", "wat") put right; other tokens unchanged.

    Only for tokens that are no word we know: "were" stays "were".
    """
    if token in STOPWORDS or len(token) < 3 or not token.isalpha():
        return token
    found = process.extractOne(token, _QUESTION_WORDS, scorer=fuzz.ratio, score_cutoff=80)
    return found[0] if found and found[0][0] == token[0] else token


STOP_STEMS = frozenset(stem(word) for word in STOPWORDS - {"days"} if not _CYRILLIC.search(word))
"""English stopwords as stems, so that other forms of them ("getting") count as stopwords."""
