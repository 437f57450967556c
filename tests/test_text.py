"""Text helpers: tokens, stems, question kind and language, exactly as the matcher sees them."""

from __future__ import annotations

import pytest

from bot.language.kinds import category_words, counted_noun, question_kind
from bot.language.text import detect_language, stem, tokenize


# --- tokenize ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Who's the boss at Roscosmos?", ["who", "is", "the", "boss", "at", "roscosmos"]),
        ("whos running nasa", ["who", "is", "running", "nasa"]),
        ("wheres baikonur", ["where", "is", "baikonur"]),
        ("What's Duffy's other job", ["what", "is", "duffy", "other", "job"]),
        ("why didn't they launch", ["why", "did", "not", "they", "launch"]),
        ("it won't fly", ["it", "will", "not", "fly"]),
        ("I can't tell", ["i", "can", "not", "tell"]),
        ("they're late, we've heard", ["they", "are", "late", "we", "have", "heard"]),
        ("I'm sure he'd go", ["i", "am", "sure", "he", "would", "go"]),
    ],
)
def test_tokenize_expands_contractions_so_question_words_survive(
    text: str, tokens: list[str]
) -> None:
    """Contractions ("who's", "whos", "didn't") are expanded into their words."""
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("NASA's administrator", ["nasa", "administrator"]),
        ("the agencies' leaders", ["the", "agencies", "leaders"]),
        ("Bakanov’s job", ["bakanov", "job"]),
        ("Roscosmos` chief", ["roscosmos", "chief"]),
    ],
)
def test_tokenize_drops_possessive_endings_with_any_apostrophe(
    text: str, tokens: list[str]
) -> None:
    """A possessive "'s" or plural "s'" leaves the bare noun, whatever apostrophe was typed."""
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Māori Party", ["maori", "party"]),
        ("José's café in Zürich", ["jose", "cafe", "in", "zurich"]),
        ("Straße, Łódź, Ørsted", ["strasse", "lodz", "orsted"]),
        ("Йошкар-Ола", ["йошкар", "ола"]),
    ],
)
def test_tokenize_writes_latin_letters_without_accents_and_keeps_them_in_the_word(
    text: str, tokens: list[str]
) -> None:
    """Readers type "maori" for "Māori": an accented letter neither splits a word nor
    keeps it apart from its plain spelling; Cyrillic letters keep their marks ("й")."""
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("tl;dr", ["summary"]),
        ("TL;DR of this?", ["summary", "of", "this"]),
        ("late b/c of weather", ["late", "because", "of", "weather"]),
        ("w/o nasa", ["without", "nasa"]),
        ("did they meet irl", ["did", "they", "meet", "in", "person"]),
        ("relations atm", ["relations", "at", "the", "moment"]),
        ("👍", ["ok"]),
        ("thanks!👋", ["thanks", "hi"]),
        ("stl;drx", ["stl", "drx"]),  # only a whole chat spelling, not one inside a word
    ],
)
def test_tokenize_spells_out_chat_spellings_with_a_sign_inside(
    text: str, tokens: list[str]
) -> None:
    """ "tl;dr" and "b/c" would split at their sign; they are spelt out first, like "ppl"."""
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("who leads the U.S. space agency", ["who", "leads", "the", "us", "space", "agency"]),
        ("the U.S?", ["the", "us"]),
        ("in washington d.c.", ["in", "washington", "dc"]),
        ("Mr. Duffy said.", ["mr", "duffy", "said"]),  # a word's full stop stays a break
    ],
)
def test_tokenize_reads_initials_with_dots_as_one_word(text: str, tokens: list[str]) -> None:
    """ "U.S." is "US", not "u" and "s": the first would read as the chat spelling of
    "you", and the question as one about the bot."""
    assert tokenize(text) == tokens


def test_tokenize_folds_yo_to_ye_in_both_cases() -> None:
    """Both ё and Ё become е, so "договорённость" and "договоренность" are one word."""
    assert tokenize("Ещё ДОГОВОРЁННОСТЬ, Ёж") == ["еще", "договоренность", "еж"]


def test_tokenize_lowercases_and_splits_on_punctuation_and_hyphens() -> None:
    """Punctuation separates tokens and is dropped; numbers are kept as tokens."""
    assert tokenize("WHERE... is Luna-25?! (ISS, 2028)") == [
        "where",
        "is",
        "luna",
        "25",
        "iss",
        "2028",
    ]


@pytest.mark.parametrize("text", ["", "   ", "🚀🌕", "?!…", "<>&\"'"])
def test_tokenize_returns_no_tokens_for_text_without_words(text: str) -> None:
    """Text with no letters or digits has no tokens."""
    assert tokenize(text) == []


# --- stem --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["meet", "meeting", "meetings"], "meet"),
        (["delay", "delayed", "delays", "delaying"], "delay"),
        (["launch", "launches", "launched"], "launch"),
        (["confer", "conferred"], "confer"),
    ],
)
def test_english_word_forms_share_one_stem(words: list[str], expected: str) -> None:
    """English plurals and verb forms stem to the same Snowball stem."""
    assert {stem(w) for w in words} == {expected}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["встреча", "встречи", "встречу", "встречей"], "встреч"),
        (["встретились", "встретиться", "встретился"], "встрет"),
        (["роскосмос", "роскосмоса", "роскосмосом"], "роскос"),
        (["руководит", "руководитель", "руководителя"], "руково"),
        (["байконур", "байконуре"], "байкон"),
    ],
)
def test_russian_word_forms_share_one_stem(words: list[str], expected: str) -> None:
    """The cases and forms of one Russian word share a stem (the Snowball stem of its
    lemma, cut to six letters), and so do words of one root whose stems agree that far."""
    assert {stem(w) for w in words} == {expected}


def test_short_russian_words_are_not_padded_or_cut_below_their_stem() -> None:
    """A Russian stem shorter than five letters is left as Snowball gives it."""
    assert stem("мкс") == "мкс"


@pytest.mark.parametrize("number", ["2028", "31", "1998", "0"])
def test_numbers_are_never_stemmed(number: str) -> None:
    """Digits come back unchanged, so "2028" never matches "2030"."""
    assert stem(number) == number


# --- question_kind -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "kind", "rest"),
    [
        ("when did they meet", "when", ["did", "they", "meet"]),
        ("who is duffy", "who", ["is", "duffy"]),
        ("whom did bakanov invite", "who", ["did", "bakanov", "invite"]),
        ("whose photo is it", "whose", ["photo", "is", "it"]),
        ("where is baikonur", "where", ["is", "baikonur"]),
        ("why was the launch delayed", "why", ["was", "the", "launch", "delayed"]),
        ("how many spacecraft reach the iss", "quantity", ["spacecraft", "reach", "the", "iss"]),
        ("how much money is lacking", "quantity", ["money", "is", "lacking"]),
        ("how old is bakanov", "quantity", ["old", "is", "bakanov"]),
        (
            "how long has the iss been crewed",
            "when",
            ["long", "has", "the", "iss", "been", "crewed"],
        ),
        ("how come the launch slipped", "why", ["the", "launch", "slipped"]),
        ("how long ago did they last meet", "when", ["did", "they", "last", "meet"]),
        ("on what day did they meet", "when", ["on", "did", "they", "meet"]),
        ("which year did assembly start", "when", ["did", "assembly", "start"]),
        ("in which country is baikonur", "where", ["is", "baikonur"]),
        ("what caused the delay", "why", ["the", "delay"]),
        ("for what reason was it delayed", "why", ["was", "it", "delayed"]),
    ],
)
def test_english_question_words_give_the_kind_and_are_taken_out(
    question: str, kind: str, rest: list[str]
) -> None:
    """An English question word (or phrase) names the kind and leaves the other tokens."""
    assert question_kind(tokenize(question)) == (kind, rest)


@pytest.mark.parametrize(
    ("question", "kind", "rest"),
    [
        ("когда встретились баканов и даффи", "when", ["встретились", "баканов", "и", "даффи"]),
        ("какого числа была встреча", "when", ["была", "встреча"]),
        ("в каком году началась сборка", "when", ["началась", "сборка"]),
        ("до какого года продлили работу", "when", ["продлили", "работу"]),
        ("мкс продлили? до скольки", "when", ["мкс", "продлили"]),
        ("кто руководит наса", "who", ["руководит", "наса"]),
        ("с кем встретился баканов", "who", ["с", "встретился", "баканов"]),
        ("где находится байконур", "where", ["находится", "байконур"]),
        ("в какой стране байконур", "where", ["байконур"]),
        ("куда пригласили даффи", "where", ["пригласили", "даффи"]),
        ("почему перенесли запуск", "why", ["перенесли", "запуск"]),
        ("из-за чего перенесли запуск", "why", ["перенесли", "запуск"]),
        ("по какой причине отложили старт", "why", ["отложили", "старт"]),
        ("сколько кораблей летает к мкс", "quantity", ["кораблей", "летает", "к", "мкс"]),
    ],
)
def test_russian_question_words_give_the_kind_and_are_taken_out(
    question: str, kind: str, rest: list[str]
) -> None:
    """A Russian question word or phrase ("какого числа", "в какой стране") names the kind."""
    assert question_kind(tokenize(question)) == (kind, rest)


def test_question_without_a_question_word_has_no_kind_and_keeps_every_token() -> None:
    """Keyword questions ("baikonur lease") have no kind; no token is removed."""
    assert question_kind(["baikonur", "lease"]) == (None, ["baikonur", "lease"])


@pytest.mark.parametrize(
    ("question", "kind", "rest"),
    [
        ("baikonur location", "where", ["baikonur"]),
        ("baikonur country?", "where", ["baikonur"]),
        ("luna 25 crash year", "when", ["luna", "25", "crash"]),
        ("what month and year did luna 25 crash", "when", ["and", "did", "luna", "25", "crash"]),
        ("the reason for the delay", "why", ["the", "for", "the", "delay"]),
        ("who is the nasa guy", "who", ["is", "the", "nasa"]),
        ("кто этот мужик", "who", ["этот"]),
        ("who is the first woman in space", "who", ["is", "the", "first", "woman", "in", "space"]),
    ],
)
def test_a_noun_naming_the_kind_of_answer_gives_the_kind_and_is_taken_out(
    question: str, kind: str, rest: list[str]
) -> None:
    """ "baikonur country", "what month and year": the noun asks the kind and says no more."""
    assert question_kind(tokenize(question)) == (kind, rest)


@pytest.mark.parametrize(
    "question", ["festival theme this year?", "who ran the agency last year", "цены в этом году"]
)
def test_a_kind_noun_after_this_last_or_next_is_when_the_question_is_set(question: str) -> None:
    """ "this year", "last year", "в этом году" say when the asked thing holds, not that
    the question asks when."""
    kind, _ = question_kind(tokenize(question))
    assert kind != "when"


@pytest.mark.parametrize(
    "question",
    ["what has the space program been for the country", "a source of pride to the country"],
)
def test_a_kind_noun_after_a_preposition_does_not_set_the_kind(question: str) -> None:
    """ "for the country" is part of what is said, not a question about where."""
    kind, rest = question_kind(tokenize(question))
    assert kind is None
    assert "country" in rest


@pytest.mark.parametrize(
    "question", ["when did the meeting take place", "what happened on the same day"]
)
def test_nouns_with_other_senses_do_not_set_the_kind(question: str) -> None:
    """ "place" and "day" also stand in "take place", "the same day": they stay put."""
    kind, rest = question_kind(tokenize(question))
    assert kind in (None, "when")
    assert {"place", "day"} & set(rest)


def test_earliest_question_word_decides_the_kind() -> None:
    """Only the first question word counts; a later one stays among the tokens."""
    assert question_kind(["who", "met", "duffy", "when"]) == ("who", ["met", "duffy", "when"])


def test_question_word_in_the_middle_is_found_and_removed() -> None:
    """A question word after other words ("the launch was delayed why") still names the kind."""
    assert question_kind(tokenize("the launch was delayed why")) == (
        "why",
        ["the", "launch", "was", "delayed"],
    )


def test_question_kind_of_no_tokens_is_none() -> None:
    """An empty token list has no kind and no rest."""
    assert question_kind([]) == (None, [])


# --- detect_language ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("where is baikonur", "en"),
        ("WHERE IS BAIKONUR", "en"),
        ("где находится Байконур?", "ru"),
        ("ГДЕ НАХОДИТСЯ БАЙКОНУР", "ru"),
        ("ЁЛКИ", "ru"),
        ("café crème", "en"),
        ("ещё вопрос", "ru"),
        ("кто такой Duffy", "ru"),
        ("who is Даффи, the NASA administrator", "en"),
    ],
)
def test_detect_language_follows_the_majority_script(text: str, language: str) -> None:
    """The script with more letters decides, so a Latin name in Russian stays Russian."""
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "   ", "12345", "🚀🌕", "?!", "2028-2030"])
def test_detect_language_is_none_without_letters(text: str) -> None:
    """Text with no Latin or Cyrillic letters has no language."""
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("how many people live on the iss", "people"),
        ("how many years has it been crewed", "years"),
        ("сколько лет работает станция", "лет"),
        ("how old is bakanov", None),
        ("who is bakanov", None),
    ],
)
def test_counted_noun_is_the_word_a_how_many_question_counts(
    question: str, noun: str | None
) -> None:
    """ "How many people" counts people, "how many years" years; "how old" counts nothing."""
    assert counted_noun(question.split()) == noun
    assert counted_noun(tuple(question.split())) == noun  # a question's tokens, as analysed


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("which newspaper reported it", {"newspaper"}),
        ("which star cluster is it", {"star", "cluster"}),
        ("what kind of publication is micromega", {"publication"}),
        ("who reported it", set()),
    ],
)
def test_the_category_a_which_question_asks_is_found(question: str, named: set[str]) -> None:
    """As a list of tokens and as the matcher's tuple of them."""
    for tokens in (tokenize(question), tuple(tokenize(question))):
        assert named <= category_words(tokens)
        if not named:
            assert category_words(tokens) == frozenset()
