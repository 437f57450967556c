"""Pure text helpers for matching: tokens, stems, stopwords, language and question kind.

Nothing here knows about facts; `matcher` builds on these. English and Russian are
stemmed with the Snowball algorithms, so "meeting"/"meetings" and "встречи"/"встречу"
fall together without hand-written suffix rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]+")
_LATIN = re.compile(r"[a-zA-Z]+")
_TOKEN = re.compile(r"[a-zа-я0-9]+")
_SPELLING_VARIANTS = (("’", "'"), ("‘", "'"), ("`", "'"), ("ʼ", "'"), ("ё", "е"))
"""Characters typed in place of another, put right before anything else reads the text."""

# Contractions are expanded before punctuation goes, so "who's" still asks "who". Each
# needs the literal text before it (an apostrophe in all), and most questions have
# none: those are skipped then.
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

_RESPELT: dict[str, tuple[str, ...]] = {
    "u": ("you",),
    "r": ("are",),
    "ur": ("your",),
    **{f"{word}s": (word, "is") for word in ("who", "what", "where", "when", "why", "how")},
}
"""Words typed fast, spelt out as the phrasings spell them: chat spellings ("who r u")
and the contractions typed without an apostrophe ("whos the head")."""

STOPWORDS: frozenset[str] = frozenset(
    """
    a an the is are was were be been being am do does did doing done of to in on at for with
    by from about as into onto and or but if it its this that these those there here their
    they them he his him she her i me my mine you your yours we our can could would should
    will shall may might must have has had having please pls plz tell show give let lets
    know wonder wondering curious want wanna like hey hi hello ok okay so just really
    actually exactly currently anyway um uh any some something anything thing things one
    ones get got what which who whom whose when where why how much many then than also too
    very go goes going gone went still after between happen happened happens now nowadays
    today these days right all both each over under further once such during against
    while because above below myself ourselves yourself yourselves himself herself itself
    themselves hers ours theirs quick question moment despite everything everyone anyone
    someone somebody anybody perhaps maybe probably kindly btw around basically mentioned
    mention mentions according kind sort happening side sides per apart besides else up due
    owing event events heard man woman guy instead beyond meantime meanwhile anywhere
    somewhere everywhere even out only
    ya rn tbh idk lol smth bro dude guys kinda sorta gonna lemme gimme yeah yep
    и в во на с со к ко по о об от до из у за для а но ли же бы это этот эта эти то тот та
    те как что кто кого кому кем чем чей чья где куда откуда когда почему зачем сколько
    какой какая какое какие какого каком какую каких какому каким мне меня мы нам вы вам ты
    тебе скажи скажите расскажи расскажите подскажи подскажите пожалуйста был была было были
    есть будет будут его ее их он она оно они там тут же ну можно ли вообще именно сейчас
    теперь еще насчет сих пор также может могут итак после случилось произошло стало
    слушай слушайте кстати вот короче интересно знаешь знаете хочу хотел хотела узнать
    вопрос просто все или го который которая которое которые которого которой котором
    которых должен должна должно должны уже упомянут упомянута упоминается упоминают
    данным коротко кратко вкратце подробно подробнее конкретно стал стала стали
    плз пж пжл щас ща че ваще короч типа кст помимо кроме себе себя собой так такой такая
    такое такие чего чему при между версии событие события событии событию я мой моя мое мои
    слышал слышала слышали нибудь либо какими вместо ведь да таки всетаки несмотря нет под
    над перед через
    """.split()
)

STOP_STEMS: frozenset[str] = frozenset()  # filled in below, once `stem` exists

# Question words and the kind of answer they ask for. Longest patterns first.
_KIND_PATTERNS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("how", "many"), "quantity"),
    (("how", "much"), "quantity"),
    (("how", "old"), "quantity"),
    (("how", "tall"), "quantity"),
    (("how", "big"), "quantity"),
    (("how", "far"), "quantity"),
    (("how", "heavy"), "quantity"),
    (("how", "long"), "when"),
    (("how", "come"), "why"),
    (("what", "date"), "when"),
    (("what", "day"), "when"),
    (("what", "year"), "when"),
    (("what", "month"), "when"),
    (("what", "time"), "when"),
    (("which", "date"), "when"),
    (("which", "day"), "when"),
    (("which", "year"), "when"),
    (("which", "month"), "when"),
    (("what", "caused"), "why"),
    (("for", "what", "reason"), "why"),
    (("из", "за", "чего"), "why"),
    (("до", "скольки"), "when"),
    (("по", "какой", "причине"), "why"),
    (("в", "какой", "стране"), "where"),
    (("в", "каком", "городе"), "where"),
    (("в", "каком", "месте"), "where"),
    (("in", "which", "country"), "where"),
    (("in", "what", "country"), "where"),
    (("which", "country"), "where"),
    (("what", "country"), "where"),
    (("which", "city"), "where"),
    (("what", "city"), "where"),
    (("какого", "числа"), "when"),
    (("в", "каком", "году"), "when"),
    (("до", "какого"), "when"),
    (("с", "какого"), "when"),
    (("в", "какой", "день"), "when"),
    (("в", "каком", "месяце"), "when"),
    (("when",), "when"),
    (("who",), "who"),
    (("whom",), "who"),
    (("whose",), "who"),
    (("where",), "where"),
    (("why",), "why"),
    (("когда",), "when"),
    (("кто",), "who"),
    (("кого",), "who"),
    (("кому",), "who"),
    (("кем",), "who"),
    (("где",), "where"),
    (("куда",), "where"),
    (("откуда",), "where"),
    (("почему",), "why"),
    (("зачем",), "why"),
    (("сколько",), "quantity"),
)

_MEASURES = frozenset({"old", "tall", "big", "far", "heavy", "long"})

_PATTERNS_BY_FIRST_WORD: dict[str, list[tuple[list[str], str, list[str]]]] = {}
"""Per first word: (the pattern's words, the kind, the words of it that stay in the
question), longest first as listed. "how old", "how heavy": the adjective is what is
asked, so it stays."""
for _pattern, _kind in _KIND_PATTERNS:
    _kept = list(_pattern[1:]) if _pattern[0] == "how" and _pattern[1] in _MEASURES else []
    _PATTERNS_BY_FIRST_WORD.setdefault(_pattern[0], []).append((list(_pattern), _kind, _kept))

_KIND_NOUNS: dict[str, str] = {
    **dict.fromkeys("year month год году года месяц".split(), "when"),
    **dict.fromkeys("country city location город городе".split(), "where"),
    **dict.fromkeys("reason причина причине причины".split(), "why"),
}
"""Nouns that name the kind of answer ("what month and year", "baikonur country"): the
question asks that kind, and the noun says nothing more. Not "day", "time", "place",
"страны", which also stand in "the same day", "take place", "западные страны"; not
"date", which phrasings use to tell the meeting's date from other dates."""
_PREPOSITIONS = frozenset("for to of by from with".split())
_QUESTION_WORDS = ("when", "where", "who", "why", "what", "which", "how")

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


def tokenize(text: str) -> list[str]:
    """Lowercase word and number tokens, contractions expanded, ё folded to е.

    >>> tokenize("Who's NASA's acting administrator?")
    ['who', 'is', 'nasa', 'acting', 'administrator']
    >>> tokenize("who r u")
    ['who', 'are', 'you']
    """
    text = text.lower()
    for variant, letter in _SPELLING_VARIANTS:
        if variant in text:
            text = text.replace(variant, letter)
    if "'" in text:
        for needle, pattern, repl in _CONTRACTIONS:
            if needle in text:
                text = pattern.sub(repl, text)
    tokens: list[str] = _TOKEN.findall(text)
    if _RESPELT.keys().isdisjoint(tokens):
        return tokens
    return [word for token in tokens for word in _RESPELT.get(token, (token,))]


RUSSIAN_STEM_CHARS = 5
"""Russian stems are cut to this many letters, so that words of one root fall together
across parts of speech ("встреча", "встретились"; "руководит", "руководитель"), which a
suffix stemmer alone keeps apart."""


_READ_AS = {
    **dict.fromkeys("прошел прошла прошло прошли".split(), "пройти"),
    **dict.fromkeys("собирался собиралась собиралось собирались".split(), "намеревался"),
    **dict.fromkeys("собирается собираются собираемся".split(), "намеревается"),
    **dict.fromkeys(
        "фотограф фотографа фотографу фотографом фотографе фотографы фотографов".split(),
        "фотокорреспондент",
    ),
    **dict.fromkeys("photographer photographers".split(), "photojournalist"),
    **dict.fromkeys(
        "прокомментировал прокомментировала прокомментировали".split(), "комментировал"
    ),
    **dict.fromkeys("перескажи перескажите пересказать пересказ".split(), "изложи"),
}
"""Words whose stem would fall together with another word's, stemmed as a word that does
not: "встреча прошла" (took place) is not "прошлая встреча" (the last one), "экипаж
собирался лететь" (was going to) is not "собирать станцию" (to assemble), the
photographer ("фотограф", which cuts to the stem of "фотография") is not the photograph,
"прокомментировал" (commented) is not "Прокофьев", and "перескажи" (retell: a summary)
is not "перестали" (stopped)."""


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """The Snowball stem of one lowercase token, in the stemmer of its script.

    >>> stem("прошла") == stem("прошлая"), stem("собирался") == stem("собирать")
    (False, False)
    >>> stem("photographer") == stem("photograph"), stem("фотограф") == stem("фотография")
    (False, False)
    """
    if token.isdigit():
        return token
    word = _READ_AS.get(token, token)
    if _CYRILLIC.search(word):
        return _STEMMERS["ru"].stemWord(word)[:RUSSIAN_STEM_CHARS]
    return _STEMMERS["en"].stemWord(word)


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """The stems of a word or phrase, as synonym groups are matched on them.

    >>> phrase_stems("Space stations")
    ('space', 'station')
    """
    return tuple(stem(t) for t in tokenize(phrase))


def question_kind(tokens: list[str]) -> tuple[str | None, list[str]]:
    """What the question asks for (who, when, where, why, quantity; None if it doesn't
    say), and the tokens left once the words that asked it are taken out.

    >>> question_kind(["on", "what", "day", "did", "they", "meet"])
    ('when', ['on', 'did', 'they', 'meet'])
    """
    for i, token in enumerate(tokens):
        for pattern, kind, kept in _PATTERNS_BY_FIRST_WORD.get(token, ()):
            end = i + len(pattern)
            if tokens[i:end] == pattern:
                rest = tokens[:i] + kept + tokens[end:]
                if _KIND_NOUNS.keys().isdisjoint(rest):
                    return kind, rest
                return kind, [t for t in rest if _KIND_NOUNS.get(t) != kind]
    if _KIND_NOUNS.keys().isdisjoint(tokens):
        return None, list(tokens)
    named = next(
        (
            _KIND_NOUNS[t]
            for i, t in enumerate(tokens)
            if t in _KIND_NOUNS and not _in_prepositional_phrase(tokens, i)
        ),
        None,
    )
    return named, [t for t in tokens if named is None or _KIND_NOUNS.get(t) != named]


def _in_prepositional_phrase(tokens: Sequence[str], i: int) -> bool:
    """Whether token `i` follows "for the", "to the"...: "what has it been for the country"
    does not ask where, as "baikonur country" does."""
    return i >= 2 and tokens[i - 1] == "the" and tokens[i - 2] in _PREPOSITIONS


def counted_noun(tokens: Sequence[str]) -> str | None:
    """What a "how many"/"сколько" question counts: the word right after it, if any.

    >>> counted_noun(["how", "many", "people", "live", "there"])
    'people'
    """
    for i, token in enumerate(tokens):
        for pattern, kind, _ in _PATTERNS_BY_FIRST_WORD.get(token, ()):
            if kind == "quantity" and list(tokens[i : i + len(pattern)]) == pattern:
                after = tokens[i + len(pattern) : i + len(pattern) + 1]
                return after[0] if after and pattern[-1] not in _MEASURES else None
    return None


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


@dataclass(slots=True)
class _TrieNode:
    concept: str | None = None
    children: dict[str, _TrieNode] = field(default_factory=dict)


class SynonymFolder:
    """Folds each curated synonym phrase ("space station", "мкс") into one concept, the
    longest phrase first, so that the words of a group count as one term."""

    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        self.concept_of: dict[tuple[str, ...], str] = {}
        # A trie of the phrases' stems: stem -> (concept of the phrase ending here, or
        # None; the phrases that go on).
        self._trie: dict[str, _TrieNode] = {}
        for group in groups:
            stems_of = [phrase_stems(word) for word in group]
            concept = "~" + " ".join(stems_of[0])
            for stems in stems_of:
                if stems:
                    self.concept_of[stems] = concept
        for stems, concept in self.concept_of.items():
            level = self._trie
            for depth, part in enumerate(stems):
                node = level.setdefault(part, _TrieNode())
                if depth == len(stems) - 1:
                    node.concept = concept
                level = node.children

    def fold_spans(self, stems: Sequence[str]) -> list[tuple[str, int, int]]:
        """(concept or stem, index of its first stem, index after its last) in order, each
        phrase the longest that starts there."""
        out: list[tuple[str, int, int]] = []
        trie = self._trie
        i, count = 0, len(stems)
        while i < count:
            concept, end = stems[i], i + 1
            node = trie.get(concept)
            j = end
            while node is not None:
                if node.concept is not None:
                    concept, end = node.concept, j
                if j == count:
                    break
                node = node.children.get(stems[j])
                j += 1
            out.append((concept, i, end))
            i = end
        return out

    def fold(self, stems: Sequence[str]) -> list[str]:
        """The stems with every synonym phrase replaced by its concept."""
        return [concept for concept, _, _ in self.fold_spans(stems)]
