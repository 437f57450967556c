"""Reply language: fixed choice, then the message script, then chat history, then Telegram."""

from __future__ import annotations

import pytest

from bot.answering.reply_language import choose_language, language_of_code
from bot.language.addressee import addresses_the_bot
from bot.language.translit import message_language, to_cyrillic


# --- choose_language: precedence -------------------------------------------------------
def test_fixed_language_wins_over_every_other_clue() -> None:
    """A /language choice beats the script, the chat's last language and the user's code."""
    assert choose_language("where is baikonur", fixed="ru", last="en", user_code="en-US") == "ru"
    assert choose_language("где байконур", fixed="en", last="ru", user_code="ru") == "en"


def test_unsupported_fixed_language_is_ignored() -> None:
    """A fixed value that is not a language we speak falls through to the message's script."""
    assert choose_language("где байконур", fixed="de") == "ru"


@pytest.mark.parametrize(
    ("text", "last", "user_code", "expected"),
    [
        ("где находится байконур", "en", "en-GB", "ru"),
        ("where is baikonur", "ru", "ru-RU", "en"),
    ],
)
def test_message_script_wins_over_chat_history_and_user_language(
    text: str, last: str, user_code: str, expected: str
) -> None:
    """Without a fixed choice, the language the message is written in decides."""
    assert choose_language(text, last=last, user_code=user_code) == expected


@pytest.mark.parametrize("text", ["🚀", "12345", "?!", "", None])
def test_chat_last_language_is_used_when_the_message_has_no_letters(text: str | None) -> None:
    """A message without letters is answered in the chat's last language."""
    assert choose_language(text, last="ru", user_code="en") == "ru"


def test_user_language_code_is_used_when_nothing_else_decides() -> None:
    """With no script and no chat history, the user's Telegram language decides."""
    assert choose_language("🚀", user_code="ru-RU") == "ru"


def test_unsupported_last_language_falls_through_to_the_user_language() -> None:
    """A remembered language we do not speak is skipped."""
    assert choose_language("🚀", last="de", user_code="ru") == "ru"


@pytest.mark.parametrize("user_code", [None, "", "de", "pt-BR"])
def test_english_is_the_last_resort(user_code: str | None) -> None:
    """With no usable clue at all the reply is in English."""
    assert choose_language(None, user_code=user_code) == "en"
    assert choose_language("🚀", user_code=user_code) == "en"


# --- choose_language: commands -----------------------------------------------------------
@pytest.mark.parametrize("command", ["/start", "/help", "  /summary", "/start@article_bot"])
def test_command_text_does_not_count_as_the_message_script(command: str) -> None:
    """A Latin command such as /start does not switch a Russian chat to English."""
    assert choose_language(command, last="ru", user_code="en") == "ru"


def test_command_in_a_new_chat_follows_the_user_language() -> None:
    """/start from a Russian-speaking user in a new chat is answered in Russian."""
    assert choose_language("/start", user_code="ru-RU") == "ru"


def test_command_with_cyrillic_arguments_does_not_count_either() -> None:
    """Text that starts with "/" is a command as a whole, whatever script follows."""
    assert choose_language("/ask где байконур", last="en") == "en"


# --- language_of_code --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "language"),
    [("ru", "ru"), ("ru-RU", "ru"), ("RU", "ru"), ("en", "en"), ("en-GB", "en"), ("en-us", "en")],
)
def test_language_of_code_keeps_the_primary_subtag(code: str, language: str) -> None:
    """A Telegram language code maps to our language by its primary subtag, any case."""
    assert language_of_code(code) == language


@pytest.mark.parametrize("code", [None, "", "de", "uk", "pt-BR", "zh-hans", "english"])
def test_language_of_code_is_none_for_languages_we_do_not_speak(code: str | None) -> None:
    """Codes of other languages, and missing codes, give None."""
    assert language_of_code(code) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("bakanov s kem vstretilsya", "ru"),  # no marker: two words read as Russian ones
        ("bakanov s kem vstrechalsya? (sorry net russkoi raskladki)", "ru"),
        ("when did they meet", "en"),
        ("wat is the articel called lol", "en"),
        ("bakanov duffy meeting", "en"),  # names read as neither language
        ("sergei ivanov role", "en"),  # a Russian name in an English question
        ("Sergey Lavrov comment", "en"),  # capitalised inside: a name
        ("s kem vstretilsya bakanov u nasa", "ru"),  # "nasa" is common in both
        ("vot the tut", "en"),  # an English function word: English
        # Read by the most common of their spellings: экипаж, июля, нормально.
        ("ekipazh uletel 31 iyulya?", "ru"),
        ("luna 25 sela normalno?", "ru"),
    ],
)
def test_russian_in_latin_letters_is_told_by_both_languages_word_frequencies(
    text: str, language: str
) -> None:
    assert message_language(text) == language


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("vstrecha", "встреча"),
        ("iyulya", "июля"),  # "iy" before a vowel is "и" + "ю", not "ий"
        ("noviy", "новий"),  # …and "ий" elsewhere (a typo the matcher puts right)
        ("ekipazh", "экипаж"),  # "e" may open a word as "э"…
        ("esli", "если"),  # …or as "е"
        ("agentstv", "агентств"),  # "ts" may be "тс" as well as "ц"
        ("tsentr", "центр"),
        ("normalno", "нормально"),  # a left-out soft sign
        ("rossii", "россии"),  # a final "i" after a vowel: "и" or "й"
        ("takoi", "такой"),
        ("qwzx", "квзкс"),  # no known word: the plain spelling
    ],
)
def test_latin_letters_are_spelt_as_the_most_common_russian_word(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    ("tokens", "addressed"),
    [
        (["who", "made", "you"], True),
        (["do", "you", "think", "it", "will", "last"], True),
        (["кто", "тебя", "сделал"], True),
        (["can", "you", "sum", "it", "up"], False),  # a request to answer
        (["could", "u", "explain", "the", "delay"], False),
        (["you", "said", "they", "met", "in", "july"], False),  # the bot's reply quoted
        (["можешь", "ты", "пересказать"], False),
        (["when", "did", "they", "meet"], False),
    ],
)
def test_a_question_that_speaks_to_the_bot_is_told_apart(
    tokens: list[str], addressed: bool
) -> None:
    assert addresses_the_bot(tokens) is addressed


def test_glued_words_split_only_into_two_common_or_known_words() -> None:
    """ "гдеони" is "где они"; a base word ("roscosmos"), a real word ("nowhere") or a
    typo of a known word is left whole."""
    from bot.language.glued import split_glued

    assert split_glued(["гдеони"], frozenset()) == ["где", "они"]
    assert split_glued(["whereis"], frozenset()) == ["where", "is"]
    assert split_glued(["roscosmos"], frozenset({"roscosmos"})) == ["roscosmos"]
    assert split_glued(["nowhere"], frozenset()) == ["nowhere"]
    assert split_glued(["contries"], frozenset(), misspells=lambda w: True) == ["contries"]
