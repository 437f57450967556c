"""Small talk: whether a message is a greeting, thanks, "who are you" and the like, by
its closeness to the base's `smalltalk:` phrasings (rapidfuzz), searched only among the
phrasings whose length lets them come close enough."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz, process

from bot.answering.facts import FactBase, SmallTalk
from bot.language.claims import question_words
from bot.language.text import STOP_STEMS, STOPWORDS, stem, tokenize

_QUESTION_WORDS = question_words()
SMALLTALK_MIN_RATIO = 86.0
"""Similarity (0-100) a message needs to a small-talk phrasing."""
SMALLTALK_MAX_CHARS = 60
SMALLTALK_CONTAINS_MAX_WORDS = 4
"""Messages this short count as small talk when they merely contain a phrasing."""


class SmallTalkMatcher:
    """The base's small talk, indexed; `words` are the words the fact base knows, and
    `only_smalltalk` those only small talk uses."""

    def __init__(self, base: FactBase, words: set[str], only_smalltalk: frozenset[str]) -> None:
        self._known = words
        self._only_smalltalk = only_smalltalk
        self.entries: list[tuple[str, SmallTalk]] = [
            (" ".join(tokenize(p)), entry)
            for entry in base.smalltalk
            for asks in entry.phrasings.values()
            for p in asks
        ]
        self.texts = [p for p, _ in self.entries]
        sorted_texts = [" ".join(sorted(p.split())) for p in self.texts]
        # Per message length: the phrasings (as they stand, and their words sorted) long
        # enough and short enough to reach `SMALLTALK_MIN_RATIO`, and their indices.
        self._near: list[tuple[list[str], list[str], list[int]]] = []
        for length in range(SMALLTALK_MAX_CHARS + 1):
            near = near_lengths(length, map(len, self.texts))
            self._near.append(
                ([self.texts[i] for i in near], [sorted_texts[i] for i in near], near)
            )
        # The same for `fuzz.token_set_ratio`, which compares the texts' distinct words:
        # a phrasing that shares no word with the message scores their `fuzz.ratio`, so
        # only one that shares a word or has a near length can reach the ratio.
        self._set_near = [
            near_lengths(length, map(distinct_words_length, self.texts))
            for length in range(SMALLTALK_MAX_CHARS + 1)
        ]
        self._with_word: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(self.texts):
            for word in set(p.split()):
                self._with_word[word].append(i)
        self._distinct_words = [len(set(p.split())) for p in self.texts]
        self._stems = frozenset(stem(w) for p in self.texts for w in p.split())
        # Longest first, so "what can i ask you" wins over "hey" in a message with both.
        self._word_sets = sorted(
            ((frozenset(p.split()), entry) for p, entry in self.entries),
            key=lambda item: -len(item[0]),
        )
        # Per first word, each phrasing's words and entry, longest first.
        self._phrases: dict[str, list[tuple[tuple[str, ...], SmallTalk]]] = defaultdict(list)
        for phrasing, entry in sorted(self.entries, key=lambda item: -len(item[0].split())):
            words_of = tuple(phrasing.split())
            if words_of:
                self._phrases[words_of[0]].append((words_of, entry))

    def closest(self, normalised: str, *, vague: bool = False) -> SmallTalk | None:
        """The closest small-talk entry by whole text, word order aside; a short message
        may also just contain a phrasing ("thanks, that helped"), and one that is `vague`
        (no fact comes near it) may hold a phrasing's words among words the base knows
        ("hey, what kind of questions can I ask you"; not "translate good morning into
        French"). Asked only once the article has no clear answer, so "hello, who runs
        NASA?" stays a question."""
        if not self.entries:
            return None
        if not normalised or len(normalised) > SMALLTALK_MAX_CHARS:
            return None
        words = normalised.split()
        # fuzz.ratio of the texts, then of their words sorted (`fuzz.token_sort_ratio`,
        # with the phrasings' side sorted once in advance), each against the phrasings
        # whose length lets them reach the ratio; then for a short message
        # `fuzz.token_set_ratio` (whether it holds a phrasing).
        texts, sorted_texts, near = self._near[len(normalised)]
        searches: list[tuple[str, list[str], Callable[..., float], list[int]]] = []
        if near:
            searches.append((normalised, texts, fuzz.ratio, near))
            searches.append((" ".join(sorted(words)), sorted_texts, fuzz.ratio, near))
        if len(words) <= SMALLTALK_CONTAINS_MAX_WORDS:
            candidates = set(self._set_near[distinct_words_length(normalised)])
            for word in words:
                candidates.update(self._with_word.get(word, ()))
            # The message holds a phrasing, not the other way round: token_set_ratio is
            # 100 for either, and "who?" is no "who are you", nor "you?" a "thank you".
            distinct = len(set(words))
            candidates = {i for i in candidates if self._distinct_words[i] <= distinct}
            if candidates:
                indices = sorted(candidates)
                choices = [self.texts[i] for i in indices]
                searches.append((normalised, choices, fuzz.token_set_ratio, indices))
        best: tuple[float, int] | None = None  # (score, index into self.entries)
        for query, choices, scorer, indices in searches:
            found = process.extractOne(
                query, choices, scorer=scorer, score_cutoff=SMALLTALK_MIN_RATIO
            )
            if found is not None and (best is None or found[1] > best[0]):
                best = found[1], indices[found[2]]
        if best is not None:
            return self.entries[best[1]][1]
        if vague and all(self._is_known_word(w) for w in words):
            for phrasing_words, entry in self._word_sets:
                if phrasing_words.issubset(words):
                    return entry
        return None

    def only(self, words: Sequence[str]) -> SmallTalk | None:
        """The entry of a message (its tokens) made of nothing but small-talk phrasings
        and stopwords (one phrasing as it stands; "ok, thanks, bye"; "пока, до связи"),
        whatever facts share its words ("связи"): that of its longest phrasing, the last of
        equals. None if anything else is said (which stops the scan at the first such
        word)."""
        found: list[tuple[int, int, SmallTalk]] = []  # (length, position, entry)
        i = 0
        while i < len(words):
            for phrasing, entry in self._phrases.get(words[i], ()):
                if tuple(words[i : i + len(phrasing)]) == phrasing:
                    found.append((len(phrasing), i, entry))
                    i += len(phrasing)
                    break
            else:
                if words[i] not in STOPWORDS and words[i] not in self._only_smalltalk:
                    return None
                if words[i] in _QUESTION_WORDS:  # "hey, what can I ask?" asks something
                    return None
                i += 1
        return max(found, key=lambda item: item[:2])[2] if found else None

    def _is_known_word(self, word: str) -> bool:
        """Whether the fact base or its small talk knows `word` (in some form)."""
        return (
            word in STOPWORDS
            or word in self._known
            or stem(word) in STOP_STEMS
            or stem(word) in self._stems
        )


def near_lengths(length: int, lengths: Iterable[int]) -> list[int]:
    """The indices of `lengths` near enough to `length` for two texts of those lengths to
    reach `SMALLTALK_MIN_RATIO`: `fuzz.ratio` is 100 less the share of both lengths that
    an edit touches, and an edit touches at least their difference."""
    return [
        i
        for i, other in enumerate(lengths)
        if 200.0 * min(length, other) >= SMALLTALK_MIN_RATIO * (length + other)
    ]


def distinct_words_length(text: str) -> int:
    """The length of `text`'s distinct words joined by spaces, as token-set scorers join them."""
    words = set(text.split())
    return sum(map(len, words)) + len(words) - 1 if words else 0
