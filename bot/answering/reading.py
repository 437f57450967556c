"""How the matcher reads text: a question, or a phrasing, answer or citation of the base.

Text is normalised and tokenized (`bot.language.text`); request frames ("can you tell
me") and words that never decide what is asked (function words, interjections, light
words: `bot.language.wordlists`) are set aside; two words typed without a space are read
as two (`bot.language.glued`); a question word the fact base has never seen is read as
the known word it most likely misspells (rapidfuzz), so typos count; and
stems (Russian through its lemma) are folded into concepts through the base's synonym
groups, so "boss", "head" and "chief" are one concept, and "NASA" and "НАСА".
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from rapidfuzz import fuzz, process

from bot.answering.facts import FactBase
from bot.answering.match import Analysis
from bot.language.addressee import addresses_the_bot
from bot.language.claims import claims_in, without_negative_opener, without_tag
from bot.language.glued import split_glued
from bot.language.kinds import counted_noun, question_kind
from bot.language.lexicon import lemmas, sense_count
from bot.language.numbers import SPELT_NUMBER_CUES, spelt_numbers_as_digits
from bot.language.precision import asked_precision
from bot.language.russian_numbers import russian_numbers_as_digits, short_years_in_full
from bot.language.russian_spelling import respell_tsya
from bot.language.specificity import specificity
from bot.language.synonyms import SynonymFolder
from bot.language.text import (
    MANNER_WORDS,
    STOP_STEMS,
    STOPWORDS,
    correct_question_word,
    detect_language,
    drop_frames,
    phrase_stems,
    stem,
    tokenize,
)
from bot.language.translit import latin_text_reads_as_russian, to_cyrillic
from bot.language.wordlists import REAL_WORD_ZIPF, word_lists, zipf

MAX_QUESTION_CHARS = 400
"""Matching reads this much of a message; longer text is not a question."""
WORD_CACHE_SIZE = 50_000
"""Distinct question words whose reading (stem, stopword, typo fixed) is remembered."""
TYPO_MIN_RATIO = {4: 85.0, 5: 85.0, 6: 85.0}
"""`fuzz.ratio` a real word needs to be read as a known one, by word length (longer: 80)…"""
NON_WORD_MIN_RATIO = 75.0
"""…and a string that is no word in general use ("yeer", "invitaton"): one wrong letter
in four."""
UNSTRESSED_VOWEL_PAIRS = {"а": "о", "о": "а", "е": "и", "и": "е"}
"""Russian vowels that sound alike unstressed, so that readers write one for the other."""
CLIPPED_MIN = 2
"""A clipped word lacks at least this many letters of the word it stands for."""
ARTICLE_WORDS = ("article", "статья")
"""Words for the article itself ("according to the article", "в статье"): every fact is
in it, so these (and their synonyms) are dropped from a question that asks more than
what the article is."""
SUMMARY_WORDS = ("summary", "кратко")
"""Words that ask for the article in short: a question that asks nothing else (whatever
the base's synonym group for them holds: "tl;dr", "in a nutshell", "вкратце") is
answered with the base's summary."""


class QuestionReader:
    """Reads texts into concepts with one fact base's vocabulary and synonym groups."""

    def __init__(self, base: FactBase) -> None:
        self.synonyms = SynonymFolder(base.synonyms)
        self.words: set[str] = set()
        for text in _all_texts(base):
            self.words.update(tokenize(text))
        self._known_stems = {stem(w) for w in self.words}
        # A place the article names is what its facts are about, not a guess (`claims_in`).
        self._article_words = frozenset(
            word for _, text in base.article.parts() for word in tokenize(text)
        )
        self._words_by_initial: dict[str, list[str]] = defaultdict(list)
        for word in sorted(self.words):
            self._words_by_initial[word[0]].append(word)
            # A Russian word's first vowel, unstressed, is often written as it sounds
            # ("арбита", "абъявили"): a word is a candidate for either vowel of a pair.
            sounds_like = UNSTRESSED_VOWEL_PAIRS.get(word[0])
            if sounds_like is not None:
                self._words_by_initial[sounds_like].append(word)
        # Per distinct question word, bounded: a word is read the same way every time.
        self.question_stem = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(self._stem_question_word)
        # Asked twice of a word no fact knows: may it be split (`split_glued`), what is it?
        self._correct = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(self._correct_word)
        # Words only small talk uses ("thanks", "bot") say nothing about the article.
        self.smalltalk_only = (
            frozenset(
                word
                for entry in base.smalltalk
                for asks in entry.phrasings.values()
                for phrasing in asks
                for word in tokenize(phrasing)
            )
            - self.words
        )
        # Small-talk phrasings of two words or more ("good afternoon", "добрый день"), by
        # first word, longest first: one that opens a question is a greeting, not part
        # of it.
        self._openers: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrasing_tokens in sorted(
            {
                tuple(tokens)
                for entry in base.smalltalk
                for asks in entry.phrasings.values()
                for phrasing in asks
                if len(tokens := tokenize(phrasing)) > 1
            },
            key=lambda tokens: (-len(tokens), tokens),
        ):
            self._openers[phrasing_tokens[0]].append(phrasing_tokens)
        # Per concept of the base, how specific its words are in general use: a stem by
        # its most common form in the base ("get" for "getting"), a synonym group by its
        # first (head) word.
        self.specificity: dict[str, float] = {}
        for word in self.words:
            if not word.isdigit():
                concept = self.synonyms.fold([stem(word)])[0]
                value = specificity(word)
                if value < self.specificity.get(concept, 1.0):
                    self.specificity[concept] = value
        for group in base.synonyms:
            stems = phrase_stems(group[0])
            if stems and len(group[0].split()) == 1:
                self.specificity[self.synonyms.concept_of[stems]] = specificity(group[0])
        # Per group concept, the words of its phrases (`group_parts`).
        parts: dict[str, set[str]] = defaultdict(set)
        for group in base.synonyms:
            for member in group:
                tokens = tokenize(member)
                if len(tokens) > 1:
                    parts[self.synonyms.concept_of[phrase_stems(member)]] |= self.phrase_parts(
                        tokens
                    )
        self._group_parts = {concept: frozenset(found) for concept, found in parts.items()}
        self._names_by_part: dict[str, str] = {}  # `read_name_parts`
        self.article_concepts = frozenset(
            concept for word in ARTICLE_WORDS for concept in self.concepts(tokenize(word))
        )
        self.summary_concepts = frozenset(
            concept for word in SUMMARY_WORDS for concept in self.concepts(tokenize(word))
        )

    def read_name_parts(self, used_alone: AbstractSet[str]) -> None:
        """Read a word the base uses only inside the phrases of one synonym group as that
        group: "luna" of "Luna-25", "canaveral" of "Cape Canaveral". `used_alone` are the
        concepts the base's texts use on their own: a word among them is its own concept
        ("space" of "space station" and of "space program"). Only a specific word is read
        so (`specificity` 1: "luna", not "international" of "International Space
        Station", which a reader also says of other things), and never a number ("25" of
        "Luna-25" may be a day)."""
        groups_by_part: dict[str, set[str]] = defaultdict(set)
        for concept, found in self._group_parts.items():
            for part in found:
                groups_by_part[part].add(concept)
        self._names_by_part = {
            part: next(iter(groups))
            for part, groups in groups_by_part.items()
            if len(groups) == 1 and part not in used_alone
        }

    def _read_name_parts(self, read_from: dict[str, str]) -> dict[str, str]:
        read: dict[str, str] = {}
        for concept, word in read_from.items():
            name = self._names_by_part.get(concept)
            if name is not None and word.isalpha() and specificity(word) == 1.0:
                concept = name
            read.setdefault(concept, word)
        return read

    def analyse(self, question: str) -> Analysis:
        """How the matcher reads `question` (at most `MAX_QUESTION_CHARS` of it)."""
        # Misspelt question words ("wher") put right; then the words that ask the kind.
        words = self.words
        text = question[:MAX_QUESTION_CHARS]
        tokens = tokenize(text)
        language = detect_language(text)
        if language == "en" and latin_text_reads_as_russian(text):
            # Russian typed in Latin letters: the base's own Latin names ("nasa") stay,
            # but not its English function words or letters: "do", "s" are "до", "с".
            latin = tokenize(text, respell=False)
            tokens = [t if _latin_name(t, words) else to_cyrillic(t) for t in latin]
            language = "ru"
        tokens = split_glued(tokens, words, misspells=self._known_form_or_typo)
        tokens = [t if t in words else correct_question_word(t) for t in tokens]
        tokens = without_negative_opener(tokens)
        if not SPELT_NUMBER_CUES.isdisjoint(tokens):
            tokens = spelt_numbers_as_digits(tokens)
        if language == "ru":
            tokens = [t if t in words else respell_tsya(t) for t in tokens]
            tokens = short_years_in_full(russian_numbers_as_digits(tokens))
        kind, rest = question_kind(
            drop_frames(without_tag(self._without_small_talk_opener(tokens)))
        )
        read_from = self._read_question(rest)
        if self._names_by_part:
            read_from = self._read_name_parts(read_from)
        if not read_from:
            # Nothing but how to answer ("кратко плз", "in a nutshell"): that is the
            # request, if the base's synonyms say what it means (a summary, here), so
            # its words are read after all, frames and manner words too.
            kind, rest = question_kind(tokens)
            read_from = {
                concept: word
                for concept, word in self._read_question(rest, keep=MANNER_WORDS).items()
                if self.synonyms.is_group(concept)
            }
        claims = claims_in(text, tokens, self._article_words)
        # A claimed date no fact mentions can lead to no fact.
        unknown = {claimed for claimed in claims if claimed not in words}
        concepts = frozenset(c for c, word in read_from.items() if word not in unknown)
        # Words for the article itself count only when that is all the question has.
        concepts = concepts - self.article_concepts or concepts
        unit = self.unit(tokens) if kind == "quantity" else None
        return Analysis(
            tuple(tokens),
            kind,
            concepts,
            read_from,
            asked_precision(tokens),
            claims,
            unit,
            language,
            addresses_the_bot(rest),
        )

    def _without_small_talk_opener(self, tokens: list[str]) -> list[str]:
        """The tokens without the small-talk phrasings of two words or more that open them
        ("good afternoon, when did they meet?", "добрый день, когда…"): a greeting's
        words ("afternoon", "день") are no part of the question. A message of nothing else
        keeps them."""
        start = 0
        while start < len(tokens):
            for opener in self._openers.get(tokens[start], ()):
                end = start + len(opener)
                if end < len(tokens) and tuple(tokens[start:end]) == opener:
                    start = end
                    break
            else:
                break
        return tokens[start:]

    def _read_question(
        self, tokens: Sequence[str], keep: frozenset[str] = frozenset()
    ) -> dict[str, str]:
        """Concept -> the question word it was read from; words of `keep` are read even
        where they are stopwords."""
        readings = [self.question_stem(t) for t in tokens]
        if keep:
            readings = [
                (s, stop and t not in keep) for t, (s, stop) in zip(tokens, readings, strict=True)
            ]
        read_from: dict[str, str] = {}
        for concept, word in self.fold_words(tokens, readings):
            read_from.setdefault(concept, word)
        return read_from

    def concepts(self, tokens: Sequence[str]) -> list[str]:
        """The concepts of a text of the fact base, in order."""
        return [concept for concept, _ in self.fold_words(None, self._read(tokens))]

    def group_parts(self, concept: str) -> frozenset[str]:
        """The stems of the words of a synonym group's phrases ("together" of "get
        together"), as `phrase_parts` takes them: a reader may use one alone for the
        group's concept."""
        return self._group_parts.get(concept, frozenset())

    def phrase_parts(self, tokens: Sequence[str]) -> set[str]:
        """The stems of the words inside the synonym phrases of a text of the fact base
        ("исполняющий" of "исполняющий обязанности"): a reader may use one of them alone.
        A word that is itself in a synonym group is left out: that group is another
        concept ("director" of "general director" is not the fact's "chief")."""
        readings = self._read(tokens)
        parts = set()
        for _, start, end in self.synonyms.fold_spans([stemmed for stemmed, _ in readings]):
            if end - start > 1:
                for stemmed, stop in readings[start:end]:
                    if not stop and self.synonyms.fold([stemmed])[0] == stemmed:
                        parts.add(stemmed)
        return parts

    def concepts_with_words(self, tokens: Sequence[str]) -> list[tuple[str, str]]:
        """(concept, the word it was read from) of a text of the fact base, in order."""
        return self.fold_words(tokens, self._read(tokens))

    def fold_words(
        self, tokens: Sequence[str] | None, readings: Sequence[tuple[str, bool]]
    ) -> list[tuple[str, str]]:
        """From (stem, whether it is a stopword) per token: synonym phrases folded into one
        concept each (longest phrase first), then stopwords dropped unless they were part
        of a phrase of two words or more ("get together", "take off"). Each concept comes
        with the token it was read from (the concept itself for a phrase, or without
        `tokens`)."""
        spans = self.synonyms.fold_spans([stemmed for stemmed, _ in readings])
        return [
            (concept, tokens[start] if tokens is not None and end - start == 1 else concept)
            for concept, start, end in spans
            if end - start > 1 or not readings[start][1]
        ]

    def unit(self, tokens: Sequence[str]) -> str | None:
        """The concept a "how many" question counts ("people", "years"), or None."""
        noun = counted_noun(tokens)
        if noun is None or noun in FUNCTION_WORDS:
            return None
        # Not `concepts`: a word small talk also uses ("человек") still counts here.
        return self.synonyms.fold([stem(noun)])[0]

    def _read(self, tokens: Sequence[str]) -> list[tuple[str, bool]]:
        return [self._stem_word(token) for token in tokens]

    def _stem_word(self, token: str) -> tuple[str, bool]:
        """(stem, whether it is a stopword) of a word of the fact base."""
        stemmed = stem(token)
        if token in STOPWORDS or token in self.smalltalk_only:
            return stemmed, True
        if stemmed in STOP_STEMS and token not in self.words:
            return stemmed, True  # "getting", "happening": a stopword's form
        return stemmed, False

    def _stem_question_word(self, token: str) -> tuple[str, bool]:
        """`_stem_word`, with a word the fact base has never seen (in any form) read as
        the known word it most likely misspells."""
        stemmed, stop = self._stem_word(token)
        if stop or stemmed in self._known_stems or token in self.words:
            return stemmed, stop
        fixed = self._correct(token)
        if fixed is None:
            return stemmed, False
        return stem(fixed), fixed in STOPWORDS

    def _known_form_or_typo(self, word: str) -> bool:
        """Whether `word` is a form of a word of the base ("насой" of "наса") or a typo of
        one: no two words glued together."""
        return stem(word) in self._known_stems or self._correct(word) is not None

    def _correct_word(self, word: str) -> str | None:
        """The known word a misspelt `word` stands for, or None."""
        if len(word) < 4 or word.isdigit():
            return None
        # Typos seldom touch the first letter; requiring it keeps "rubles" from
        # becoming "troubles" (but see `UNSTRESSED_VOWEL_PAIRS`).
        candidates = self._words_by_initial.get(word[0], [])
        if zipf(word) >= REAL_WORD_ZIPF:
            cutoff = TYPO_MIN_RATIO.get(len(word), 80.0)
        else:
            cutoff = NON_WORD_MIN_RATIO
        found = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
        if found:
            return found[0]
        return self._expand_clipping(word, candidates)

    def _expand_clipping(self, word: str, candidates: Sequence[str]) -> str | None:
        """The known word a clipped `word` is the start of ("admin" of "administrator",
        "prev" of "previous", "админ"), if the word is no dictionary word or form of one
        and starts words of one stem only; else None."""
        language = detect_language(word) or "en"
        if sense_count(word, language) or lemmas(word, language) != (word,):
            return None
        longer = sorted(
            (w for w in candidates if w.startswith(word) and len(w) >= len(word) + CLIPPED_MIN),
            key=len,
        )
        if not longer or len({stem(w) for w in longer}) > 1:
            return None
        return longer[0]


def _latin_name(token: str, words: AbstractSet[str]) -> bool:
    """Whether a token of a message in Latin letters is one of the base's own Latin words
    other than a function word or a letter ("nasa", "bakanov"; not "do", "s")."""
    return len(token) > 1 and token in words and token not in STOPWORDS


def _all_texts(base: FactBase) -> Iterable[str]:
    yield from (text for _, text in base.article.parts())
    yield from (word for group in base.synonyms for word in group)
    yield from (example for asks in base.decline.values() for example in asks)
    for fact in base.facts:
        yield from fact.answers.values()
        yield from (p for asks in fact.phrasings.values() for p in asks)


FUNCTION_WORDS = word_lists().function_words
