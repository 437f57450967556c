"""Dictionary forms and thesaurus relations, read from the package's own data files."""

from __future__ import annotations

import functools
import threading
from importlib import resources

import pytest

from bot.drafting.grammar import denotes_people
from bot.language import lexicon
from bot.language.lexicon import categories, lemmas, related
from bot.language.text import stem


# --- lemmas ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("pushed", ("push",)),
        ("met", ("meet",)),
        ("flew", ("fly",)),
        ("scrapped", ("scrap",)),
        ("crashed", ("crash",)),
        ("children", ("child",)),
        ("mice", ("mouse",)),
        ("meetings", ("meeting", "meet")),
        ("living", ("live", "living")),
        ("Launched", ("launch",)),
    ],
)
def test_english_lemmas_follow_wordnet_rules_and_exceptions(
    word: str, expected: tuple[str, ...]
) -> None:
    """Irregular forms come from WordNet's exception lists, regular ones from its rules."""
    assert lemmas(word, "en") == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("встретились", ("встретиться",)),
        ("встречались", ("встречаться",)),
        ("перенесли", ("перенести",)),
        ("отменили", ("отменить",)),
        ("разбился", ("разбиться",)),
        ("кораблём", ("корабль",)),
    ],
)
def test_russian_lemmas_come_from_pymorphy3s_table(word: str, expected: tuple[str, ...]) -> None:
    """Russian forms are lemmatised as pymorphy3 does (bot/data/ru/lemmas.tsv), with "ё"
    written as "е"."""
    assert lemmas(word, "ru") == expected


@pytest.mark.parametrize("form", ["баканова", "баканову", "бакановым", "баканове", "бакановых"])
def test_a_rare_declined_surname_gets_its_base_form(form: str) -> None:
    """A news story's surname is too rare for the table; a reader declines it all the
    same, and every case form reads as the base form, as the nominative does."""
    assert lemmas(form, "ru") == ("баканов",)
    assert stem(form) == stem("баканов")


@pytest.mark.parametrize("form", ["причина", "украина", "посередине"])
def test_a_common_word_shaped_like_a_surname_is_left_alone(form: str) -> None:
    """Words in the frequency list are their own lemma (the table lists only forms with
    another one), however they end."""
    assert lemmas(form, "ru") == (form,)


def test_a_rare_russian_form_of_another_shape_is_its_own_lemma() -> None:
    """Only a surname's shape is guessed at: another rare form is given back as it is."""
    assert lemmas("бакановой", "ru") == ("бакановой",)  # "-ой" is an adjective's too


def test_a_word_no_dictionary_knows_is_its_own_lemma() -> None:
    """An unknown word is given back lowercased, so callers can still use it."""
    assert lemmas("Deorbit", "en") == ("deorbit",)


def test_a_phrase_lemmatises_to_the_form_the_thesaurus_holds() -> None:
    """Each word of a phrase is lemmatised and the combination WordNet knows is kept."""
    assert lemmas("pushed back", "en") == ("push back",)


def test_an_unknown_language_says_which_ones_exist() -> None:
    """Asking for a language without data names the ones there are."""
    with pytest.raises(
        ValueError, match=r"no lexicon for language 'de': use one of \('en', 'ru'\)"
    ):
        related("Haus", "de")


# --- related -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("word", "relation"),
    [
        ("scrapped", "scrap"),  # its own lemma
        ("scrapped", "discard"),  # hypernym of "scrap"
        ("postpone", "defer"),  # synonym
        ("boss", "supervisor"),  # hypernym
        ("astronaut", "traveler"),  # hypernym
        ("delay", "postpone"),  # hyponym of the verb
        ("meeting", "meet"),  # derivationally related
        ("lunar", "moon"),  # pertainym
        ("crash", "collide"),
    ],
)
def test_english_words_relate_to_synonyms_hypernyms_hyponyms_and_derived_forms(
    word: str, relation: str
) -> None:
    """WordNet's synonyms, one level of hypernyms and hyponyms, and derived forms count."""
    assert relation in related(word, "en")


@pytest.mark.parametrize(("word", "antonym"), [("fast", "slow"), ("win", "lose")])
def test_an_antonym_is_not_related(word: str, antonym: str) -> None:
    """Opposites share a context but not a meaning, so they are left out."""
    assert antonym not in related(word, "en")


@pytest.mark.parametrize(
    ("word", "relation"),
    [("отменили", "аннулировать"), ("отложили", "отсрочить"), ("руководитель", "начальник")],
)
def test_russian_words_relate_to_thesaurus_synonyms(word: str, relation: str) -> None:
    """An inflected Russian word relates to the synonyms of its lemma in the thesaurus."""
    assert relation in related(word, "ru")


@pytest.mark.parametrize(("word", "language"), [("qwzx", "en"), ("deorbit", "en"), ("ыфва", "ru")])
def test_an_unknown_word_relates_to_nothing(word: str, language: str) -> None:
    """A word the thesaurus lacks gives an empty set, not its own form."""
    assert related(word, language) == frozenset()


def test_the_data_loads_from_the_installed_package() -> None:
    """Each language's data and licence are package files, read through importlib.resources."""
    data = resources.files("bot").joinpath("data")
    for path in (
        "en/lexicon.txt",
        "en/LICENSE.wordnet.txt",
        "ru/lexicon.txt",
        "ru/LICENSE.mythes.txt",
    ):
        assert data.joinpath(path).is_file(), path
    text = data.joinpath("en/lexicon.txt").read_text(encoding="utf-8")
    assert len(lexicon._lexicon("en").words) == int(text.split("\n@words ", 1)[1].split()[0])


def test_threads_arriving_together_read_the_data_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first lookups of several threads share one read of the language's data."""
    reads = []
    real_read = lexicon._read.__wrapped__

    def counted_read(language: str) -> object:
        reads.append(language)
        return real_read(language)

    monkeypatch.setattr(lexicon, "_read", functools.cache(counted_read))
    start = threading.Barrier(4)

    def look_up() -> None:
        start.wait()
        lexicon._lexicon("ru")

    threads = [threading.Thread(target=look_up) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert reads == ["ru"]


# --- senses and what they are kinds of --------------------------------------------------
def test_each_sense_knows_every_group_above_it() -> None:
    """WordNet's hypernyms, followed to the root: the police are a social group, a storm
    is no person, and a word the data does not know has no senses."""
    police = lexicon.senses_above("police", "en")
    assert any({"social group", "entity"} <= sense for sense in police)
    assert not any("person" in sense for sense in lexicon.senses_above("storm", "en"))
    assert lexicon.senses_above("qwertyuiop", "en") == ()


@pytest.mark.parametrize(
    ("noun", "people"),
    [
        ("bakers", True),
        ("researchers", True),
        ("people", True),
        ("authorities", False),  # WordNet's own entry, a body: not "authority"'s senses
        ("police", False),  # a force: "What did the police …" is not asked of people
        ("company", False),
        ("house", False),
        ("hospital", False),
        ("study", False),
        ("crane", False),
    ],
)
def test_a_noun_names_people_when_half_its_senses_are_persons(noun: str, people: bool) -> None:
    assert denotes_people(noun) is people


def test_categories_are_what_a_word_names_an_instance_of_and_nothing_too_general() -> None:
    """WordNet's hierarchy: a gazette is a newspaper, Kazakhstan a country; "entity" and
    "object" are above everything and name no category; the word is not its own."""
    assert "newspaper" in categories("gazette")
    assert "country" in categories("kazakhstan")
    assert {"entity", "object", "gazette"}.isdisjoint(categories("gazette"))
    assert categories("qwxz") == frozenset()


@pytest.mark.parametrize(
    ("word", "lemma"), [("discuss", "discuss"), ("pass", "pass"), ("bosses", "boss")]
)
def test_a_noun_in_ss_is_no_plural(word: str, lemma: str) -> None:
    """As WordNet's morph.c: "discuss" is not the plural of "discus", nor "pass" of "pas"."""
    assert lemmas(word, "en")[0] == lemma
