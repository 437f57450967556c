"""Years, months, dates, places and guesses that a question puts forward as a claim to check.

"Was the last meeting in 2019?", "did they meet in June?" and "confirm: the launch moved
to August 3" ask whether the article agrees; a fact that states a year (a month, a day
of a month) answers them either way, and the reply quotes what the article says. So a
year, a month named in a time phrase ("in June", "в июне", "by March") or a day of a
month in a yes/no question (`asks_yes_or_no`: by the words of `question_words.txt` per
language, or a question mark after a statement) is a claim: a fact explains it when its
answer or citation states a date of the same sort, and one that no fact mentions ranks
no fact. In an open question ("what happened in 2019?") or a keyword query ("ferry
through 2029") the year or month stays a word the fact must explain.

So does a named place after a preposition of `[before a place]` ("did they meet in
Washington?"), a word WordNet puts in one of the `[place categories]` (English only: the
Russian thesaurus has no categories): a fact that names a place answers it, and the reply
quotes where the article says it was. And so does a date or a name an open question adds
at its end as a guess ("when did it crash, 2022?", "кто автор, рейтер?"): the fact that
answers the question answers the guess.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache

from bot.language.choices import CHOICE_WORDS
from bot.language.lexicon import categories, sense_count
from bot.language.precision import MAX_DAY_OF_MONTH, is_month
from bot.language.text import tokenize
from bot.language.wordlists import section_lines, word_lists, zipf

YEAR = "year"
MONTH = "month"
DAY_OF_MONTH = "day of a month"
PLACE = "place"
GUESS = "guess"
MAX_GUESS_WORDS = 3
"""The longest guess read after an open question ("who did he meet, bill nelson?")."""
RARE_NAME_ZIPF = 3.5
"""A Russian word this rare in general use, typed in lower case, is taken for a name."""
MAX_NAME_SENSES = 2
"""An English word with a person among at most this many senses names someone ("putin",
"nelson"); a word of more senses is a common word ("name" has fifteen)."""
MAX_PLACE_WORDS = 3
"""The longest place name read after a preposition ("new york city")."""
DATE_SORTS = frozenset((YEAR, MONTH, DAY_OF_MONTH))

FUNCTION_WORDS = word_lists().function_words
_YEAR = re.compile(r"^(?:1[0-9]|2[0-9])\d\d$")


@dataclass(frozen=True, slots=True)
class _QuestionWords:
    anywhere: frozenset[str]
    first: frozenset[str]
    yes_no_openers: frozenset[str]
    claim_words: frozenset[str]
    before_a_month: frozenset[str]
    leading_filler: frozenset[str]
    """Words before an opening question word that leave it the opening one ("so when…",
    "а когда…")."""
    before_a_place: frozenset[str]
    place_categories: frozenset[str]
    months_also_other_words: frozenset[str]


_SECTIONS = (
    "asks",
    "asks when first",
    "yes-no openers",
    "claim words",
    "before a month",
    "leading filler",
    "before a place",
    "place categories",
    "months also other words",
)


@cache
def _question_words() -> _QuestionWords:
    """Every language's question_words.txt, merged (the scripts never collide)."""
    sections: dict[str, set[str]] = {name: set() for name in _SECTIONS}
    for section, line, where in section_lines("question_words.txt"):
        if section not in sections:
            raise ValueError(f"{where}: in unknown section [{section}]")
        # A category's name may have several words: the whole line is one.
        sections[section].update([line] if section == "place categories" else line.split())
    return _QuestionWords(*(frozenset(sections[name]) for name in _SECTIONS))


def question_words() -> frozenset[str]:
    """The words that make a message ask something, in every language: those that ask
    anywhere in it and those that ask where they open it (`[asks]`, `[asks when first]`)."""
    words = _question_words()
    return words.anywhere | words.first


def asks_yes_or_no(tokens: Sequence[str], question_mark: bool = False) -> bool:
    """Whether a question asks yes or no, or puts a claim to be confirmed: no open
    question word, and an auxiliary verb opens it, a claim word stands in it, or it is a
    statement that ends with a question mark (`question_mark`), as Russian asks yes or
    no ("они встречались в 2019?") and so do readers in a hurry ("they met in 2019?").

    >>> asks_yes_or_no(["so", "did", "they", "meet", "in", "2019"])
    True
    >>> asks_yes_or_no(["верно", "ли", "что", "они", "встречались", "в", "2019"])
    True
    >>> asks_yes_or_no(["so", "when", "did", "they", "meet"])
    False
    >>> asks_yes_or_no(["ferry", "through", "2029"])  # a keyword query
    False
    >>> asks_yes_or_no(["они", "встречались", "в", "2019"], question_mark=True)
    True
    """
    words = _question_words()
    if _asks(tokens):
        return False
    opening = next((t for t in tokens if t not in words.leading_filler), None)
    return (
        question_mark or opening in words.yes_no_openers or not words.claim_words.isdisjoint(tokens)
    )


def without_negative_opener(tokens: Sequence[str]) -> list[str]:
    """The tokens without the "not" of a negative yes/no question ("isn't Duffy the
    transport secretary?", "didn't Luna-25 crash?"): it asks for confirmation, and says
    nothing the fact must explain. A "not" elsewhere ("why did the launch not happen")
    stays.

    >>> without_negative_opener(["so", "is", "not", "duffy", "the", "transport", "guy"])
    ['so', 'is', 'duffy', 'the', 'transport', 'guy']
    >>> without_negative_opener(["why", "did", "it", "not", "launch"])
    ['why', 'did', 'it', 'not', 'launch']
    """
    words = _question_words()
    k = 0
    while k < len(tokens) and tokens[k] in words.leading_filler:
        k += 1
    if k + 1 < len(tokens) and tokens[k] in words.yes_no_openers and tokens[k + 1] == "not":
        return [*tokens[: k + 1], *tokens[k + 2 :]]
    return list(tokens)


def without_tag(tokens: Sequence[str]) -> list[str]:
    """The tokens without the claim words that close a statement as a tag question
    ("…, correct?", "…, верно?", "…, не так ли?"): they ask to confirm what comes before
    them and say nothing the fact must explain. A message of nothing else keeps them.

    >>> without_tag(["duffy", "is", "transport", "secretary", "correct"])
    ['duffy', 'is', 'transport', 'secretary']
    >>> without_tag(["даффи", "министр", "не", "так", "ли"])
    ['даффи', 'министр', 'не']
    >>> without_tag(["correct"])
    ['correct']
    """
    claim_words = _question_words().claim_words
    end = len(tokens)
    while end > 1 and tokens[end - 1] in claim_words:
        end -= 1
    return list(tokens[:end])


def date_sort(tokens: Sequence[str], i: int) -> str | None:
    """`YEAR`, `DAY_OF_MONTH` or `MONTH` if token `i` is a year, a day beside a month
    name, or a month: one that is no other word anywhere ("a december launch"), one that
    is ("may", "march") beside a number or after a word of the `[before a month]` section
    ("in May", "since May 2019"; not the verb of "may I ask"), else None.

    >>> [date_sort(["in", "june"], 1), date_sort(["may", "i", "ask"], 0)]
    ['month', None]
    >>> date_sort(["in", "september", "or", "november"], 3)
    'month'
    """
    token = tokens[i]
    if is_month(token):
        beside_number = any(0 <= j < len(tokens) and tokens[j].isdigit() for j in (i - 1, i + 1))
        after_preposition = i > 0 and tokens[i - 1] in _question_words().before_a_month
        # "in September or November": the second month of a choice between two.
        after_month = i > 1 and tokens[i - 1] in CHOICE_WORDS and is_month(tokens[i - 2])
        unambiguous = token not in _question_words().months_also_other_words
        return MONTH if beside_number or after_preposition or after_month or unambiguous else None
    if not token.isdigit():
        return None
    if _YEAR.match(token):
        return YEAR
    if 1 <= int(token) <= MAX_DAY_OF_MONTH and any(
        0 <= j < len(tokens) and is_month(tokens[j]) for j in (i - 1, i + 1)
    ):
        return DAY_OF_MONTH
    return None


def claimed_dates(tokens: Sequence[str], question_mark: bool = False) -> dict[str, str]:
    """The years, months and days of a month that a yes/no question (`asks_yes_or_no`)
    puts forward as a claim, by token, with their sort.

    >>> claimed_dates(["was", "it", "in", "2019"])
    {'2019': 'year'}
    >>> claimed_dates(["did", "they", "meet", "in", "june"])
    {'june': 'month'}
    >>> claimed_dates(["what", "happened", "in", "2019"])
    {}
    """
    if not asks_yes_or_no(tokens, question_mark):
        return {}
    found: dict[str, str] = {}
    for i, token in enumerate(tokens):
        sort = date_sort(tokens, i)
        if sort is not None:
            found.setdefault(token, sort)
    return found


_GUESS_BREAK = re.compile(r"[,?;—–]|\s-\s")
"""Where a guess may start after an open question: "when did it crash, 2022?"."""


def claimed_guess(text: str, tokens: Sequence[str]) -> dict[str, str]:
    """What an open question adds at its end as a guess to check ("when did luna-25
    crash, 2022?", "кто автор, рейтер?", "which agency? tass?"): the words of a short
    last part, with no question word and no options in it, after a part that asks. A
    year, month or day there is a claim of its sort; another word a `GUESS`, which the
    fact that answers the question answers, whatever the guess. `tokens` are the
    message's own, read as the matcher reads them.

    >>> claimed_guess("when did luna 25 crash, 2022?", ["when", "did", "luna", "25", "crash", "2022"])
    {'2022': 'year'}
    >>> claimed_guess("who wrote it, reuters?", ["who", "wrote", "it", "reuters"])
    {'reuters': 'guess'}
    >>> claimed_guess("who wrote it, and when?", ["who", "wrote", "it", "and", "when"])
    {}
    >>> claimed_guess("когда встретились, 1 августа?", ["когда", "встретились", "1", "августа"])
    {'1': 'day of a month', 'августа': 'month'}
    """
    parts = [part for part in _GUESS_BREAK.split(text) if part.strip()]
    if len(parts) < 2:
        return {}
    last = tokenize(parts[-1])
    words = _question_words()
    if (
        not last
        or len(tokens) <= len(last)
        or list(tokens[-len(last) :]) != last  # the reading changed them: leave it
        or not words.anywhere.isdisjoint(last)
        or not CHOICE_WORDS.isdisjoint(last)
        or not _asks(tokens[: -len(last)])
    ):
        return {}
    content = [t for t in last if t not in FUNCTION_WORDS and t not in words.claim_words]
    if not content or len(content) > MAX_GUESS_WORDS:
        return {}
    capitalised = {w.lower() for w in _WORD.findall(parts[-1]) if w[:1].isupper()}
    if not any(
        date_sort(last, i) or t in capitalised or _names_something(t)
        for i, t in enumerate(last)
        if t in content
    ):
        return {}  # "…, a storm?", "…, name them": a word, not a name or a date put forward
    found: dict[str, str] = {}
    for i, token in enumerate(last):
        if token in content:
            found[token] = date_sort(last, i) or GUESS
    return found


def _asks(tokens: Sequence[str]) -> bool:
    """Whether tokens hold an open question word ("who", "когда" where it opens them)."""
    words = _question_words()
    opening = next((t for t in tokens if t not in words.leading_filler), None)
    return not words.anywhere.isdisjoint(tokens) or opening in words.first


def _names_something(word: str) -> bool:
    """Whether a word typed in lower case is a name rather than a common word: a number;
    in English a word WordNet does not know ("reuters", "isaacman"), a named place, or a
    word of one or two senses, one of them a person ("putin", "nelson"); in Russian, whose
    thesaurus knows too few words to tell, a rare one ("рейтер", "мишустиным")."""
    if word.isdigit():
        return True
    if not word.isascii():
        return zipf(word) < RARE_NAME_ZIPF
    senses = sense_count(word, "en")
    return (
        senses == 0
        or is_place(word)
        or (senses <= MAX_NAME_SENSES and "person" in categories(word))
    )


def claims_in(text: str, tokens: Sequence[str], named: AbstractSet[str]) -> dict[str, str]:
    """Every claim a question (its text, and its tokens as the matcher reads them) puts
    forward, by token, with its sort: its dates, the places it guesses, which are those
    the article does not name (`named`: "moscow" of an article that says Moscow is a word
    like any other), and a guess added at its end."""
    asked = text.rstrip().endswith("?")
    places = {w: sort for w, sort in claimed_places(tokens, asked).items() if w not in named}
    return {**claimed_dates(tokens, asked), **places, **claimed_guess(text, tokens)}


def claimed_places(tokens: Sequence[str], question_mark: bool = False) -> dict[str, str]:
    """The named places that a yes/no question puts forward as a claim, by token: the
    words after a preposition of `[before a place]`, up to a function word, three at the
    most, of which one is a place ("washington dc", "st petersburg").

    >>> claimed_places(["did", "they", "meet", "in", "washington", "dc"])
    {'washington': 'place', 'dc': 'place'}
    >>> claimed_places(["where", "in", "washington", "did", "they", "meet"])
    {}
    >>> claimed_places(["was", "it", "in", "space"])
    {}
    """
    if not asks_yes_or_no(tokens, question_mark) or not CHOICE_WORDS.isdisjoint(tokens):
        return {}  # "in Russia or in America?" offers options: `bot.language.choices`
    before = _question_words().before_a_place
    found: dict[str, str] = {}
    for i, token in enumerate(tokens):
        if token not in before:
            continue
        run = list(itertools.takewhile(_may_name, tokens[i + 1 : i + 1 + MAX_PLACE_WORDS]))
        places = [k for k, word in enumerate(run) if is_place(word)]
        if places:
            # The name ends at its last place word, or at a word after it that no dictionary
            # knows ("dc"), not at a verb that follows ("in ukraine hurt ties").
            end = places[-1] + 1
            while end < len(run) and not sense_count(run[end], "en"):
                end += 1
            found.update(dict.fromkeys(run[:end], PLACE))
    return found


def _may_name(token: str) -> bool:
    return token.isalpha() and token not in FUNCTION_WORDS


def is_place(word: str) -> bool:
    """Whether an English word is a named place: WordNet has it in a `[place categories]`
    category ("houston" a city, "florida" an American state)."""
    return word.isascii() and not _question_words().place_categories.isdisjoint(categories(word))


def sorts_stated(texts: Iterable[str]) -> frozenset[str]:
    """The sorts of date (`YEAR`, `MONTH`, `DAY_OF_MONTH`) and whether a named place
    (`PLACE`) texts state.

    >>> sorted(sorts_stated(["Weather delayed the launch in Florida to August 1, 2025."]))
    ['day of a month', 'month', 'place', 'year']
    """
    found: set[str] = set()
    for text in texts:
        tokens = tokenize(text)
        found.update(filter(None, (date_sort(tokens, i) for i in range(len(tokens)))))
        words = _WORD.findall(text)
        if MONTH not in found and any(map(_names_a_month, words)):
            found.add(MONTH)  # "the November launch"
        if PLACE not in found and any(w[:1].isupper() and is_place(w.lower()) for w in words):
            found.add(PLACE)
    return frozenset(found)


_WORD = re.compile(r"\w+")


def _names_a_month(word: str) -> bool:
    """Whether a word of a fact's text names a month: a capitalised English month name
    (not the verb of "the station may close") or a Russian one."""
    return is_month(word.lower()) and (word[:1].isupper() or not word.isascii())
