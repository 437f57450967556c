"""The matcher's behaviour on a small fact base of its own (tests/data/riverton.yaml, a
fictional local-news article): paraphrases, typos and Russian forms find the right fact;
near misses, nonsense and junk are never answered with a fact.

Which wordings the shipped facts.yaml answers is checked by the question sets in
benchmarks/questions/ (tests/test_shipped_base.py), so editing it breaks no test here."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import TOWN_FACTS

from bot.answering.engine import Engine
from bot.answering.facts import FactBase, loads
from bot.answering.matcher import MAX_SUGGESTIONS, Match, Matcher, Status


def outcome(engine: Engine, question: str, language: str | None = None) -> tuple[str, str | None]:
    """The status and the answered fact's id, compared as one value for a readable diff."""
    match = engine.match(question, language=language)
    return match.status.value, match.fact.id if match.fact else None


def best_ids(match: Match) -> list[str]:
    """The ids of the candidates a match offers, best first."""
    return [c.fact.id for c in match.candidates]


def assert_answers(engine: Engine, questions: list[str], fact_id: str) -> None:
    """Every question is answered with `fact_id`."""
    got = {q: outcome(engine, q) for q in questions}
    assert got == dict.fromkeys(questions, ("answered", fact_id))


# --- English paraphrases -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("questions", "fact_id"),
    [
        (
            [
                "who is the boss of riverton",
                "who is the chief of riverton",
                "who is the head of riverton these days",
                "which leader runs riverton",
                "who is in charge of riverton",  # a synonym of two words
            ],
            "mayor",
        ),
        (
            [
                "whos the boss of the library",
                "who's the chief at the library now",
                "who is the head of the library",
            ],
            "head-librarian",
        ),
    ],
    ids=["town", "library"],
)
def test_boss_head_chief_and_leader_ask_for_the_same_person(
    town_engine: Engine, questions: list[str], fact_id: str
) -> None:
    """The words boss, head, chief and leader are one concept (one synonym group)."""
    assert_answers(town_engine, questions, fact_id)


def test_meet_talks_and_conferred_all_ask_where_the_meeting_was(town_engine: Engine) -> None:
    """Meet, have talks and confer find the meeting's date and place."""
    assert_answers(
        town_engine,
        [
            "where did kowalski and novak have talks",
            "where did the mayor and the librarian confer",
            "when did kowalski and novak confer",
            "when did they meet",
            "когда была встреча",
        ],
        "meeting",
    )


def wording(reason: str, question: str, fact_id: str) -> Any:
    """One case of `READERS_WORDING`: the test id says why the question is answered."""
    return pytest.param(question, fact_id, id=f"{reason}: {question}")


READERS_WORDING = [
    # Chat slang and function words have no subject of their own: they neither count nor
    # veto an answer as words the article lacks.
    wording("slang", "who's riverton's mayor rn", "mayor"),
    wording("slang", "yo who runs the library rn tbh", "head-librarian"),
    wording("slang", "where did u guys meet", "meeting"),
    wording("slang", "кто щас мэр ривертона", "mayor"),
    wording("slang", "кст, кто пж руководит библиотекой", "head-librarian"),
    wording("filler", "apart from the library, what job does kowalski have", "mayor"),
    wording("filler", "what else was the opening delayed by, per the article", "opening-delay"),
    # Words that stem alike and mean different things are told apart: "прошли" (took
    # place) and "прошлая" (the last), the photographer and the photograph.
    wording("stem", "когда прошли переговоры мэра и библиотекаря", "meeting"),
    wording("stem", "прошлая встреча библиотекарей", "librarians-last-met"),
    wording("stem", "who was the photographer", "photo-credit"),
    wording("stem", "кто фотограф снимка", "photo-credit"),
    wording("stem", "who is in the photograph", "photo"),
    # Synonyms of more than one word fold into one concept.
    wording("idiom", "was the opening delayed by bad weather", "opening-delay"),
    # A fact answers "why", "since when" once one of its phrasings asks it.
    wording("kind", "why did kowalski and novak meet", "meeting"),
    wording("kind", "since when do riverton and bled have relations", "twin-town"),
    # The section label and the subheading are cited like any sentence.
    wording("label", "which section is the story in", "section"),
    wording("label", "what's the subhead of the story", "subheading"),
]


@pytest.mark.parametrize(("question", "fact_id"), READERS_WORDING)
def test_readers_wording_is_answered_with_the_fact(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """Readers' own wording reaches the fact (see the comments in `READERS_WORDING`)."""
    assert outcome(town_engine, question) == ("answered", fact_id)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("wher is the library located", "library-location"),
        ("whre is the libary", "library-location"),
        ("where is the librery", "library-location"),
        ("who runs rivertn", "mayor"),
        ("who is kowalsky", "mayor"),
        ("who is novack", "head-librarian"),
        ("who is peter novac", "head-librarian"),
    ],
)
def test_typos_are_corrected_to_known_words(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """A misspelt word ("libary", "kowalsky", "wher") still finds its fact."""
    assert outcome(town_engine, question) == ("answered", fact_id)


@pytest.mark.parametrize(
    ("glued", "spaced"),
    [
        ("whereis the library", "where is the library"),
        ("who is themayor of riverton", "who is the mayor of riverton"),
        ("гденаходится библиотека", "где находится библиотека"),
    ],
)
def test_two_words_typed_without_a_space_read_as_two(
    town_engine: Engine, glued: str, spaced: str
) -> None:
    """A missing space ("whereis", "гденаходится") does not make one unknown word; a typo
    of a known word ("libary") is still read as that word, not split ("lib ary")."""
    plain = town_engine.match(spaced)
    match = town_engine.match(glued)
    assert plain.status is Status.ANSWERED
    assert (match.status, match.candidates[0].fact.id) == (
        plain.status,
        plain.candidates[0].fact.id,
    )


def test_words_about_the_text_leave_nothing_unexplained(town_engine: Engine) -> None:
    """ "According to the text" or "says the paragraph" asks nothing a fact could lack:
    every fact is in the text. A verb of saying is about the text only beside a word
    that names it: "what did Novak say" asks what someone said."""
    question = "when did the old library burn down, according to the text"
    assert outcome(town_engine, question) == ("answered", "old-library")
    question = "how many books does the library hold, says the paragraph"
    assert outcome(town_engine, question) == ("answered", "library-books")
    match = town_engine.match("what did novak say about the librarians")
    assert match.evidence is not None
    assert "say" in match.evidence.unexplained_words


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("when was the prev meeting of the librarians", "librarians-last-met"),
        ("when will the ferry be decom", "ferry-2030"),
    ],
)
def test_clipped_words_are_read_as_the_words_they_start(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """A clipped word no dictionary knows ("prev", "decom") stands for the base's word it
    starts; a dictionary word stays itself, and so does a clipping of two stems."""
    assert outcome(town_engine, question) == ("answered", fact_id)
    reader = town_engine.matcher.reader
    assert reader.question_stem("prev") == reader.question_stem("previous")
    assert reader.question_stem("arch")[0] == "arch"  # a word, though "architect" starts so


@pytest.mark.parametrize(
    "questions",
    [
        ["why was the opening delayed", "the opening was delayed why", "opening delayed why"],
        ["who is the head of riverton", "the head of riverton is who", "riverton head who is"],
        ["kowalski novak meeting", "meeting kowalski novak", "novak kowalski meeting"],
        ["when will the ferry be retired", "ferry retire when", "retire ferry when"],
    ],
)
def test_word_order_does_not_change_the_match(town_engine: Engine, questions: list[str]) -> None:
    """The same words in another order give the same answer and the same candidates."""
    first = town_engine.match(questions[0])
    assert first.status is Status.ANSWERED
    for question in questions[1:]:
        match = town_engine.match(question)
        assert (match.status, match.candidates) == (first.status, first.candidates)


@pytest.mark.parametrize(
    "variant",
    [
        "where is the library?",
        "Where is the Library?",
        "WHERE IS THE LIBRARY!!!",
        "where... is... the library???",
        "  where   is\tthe library ",
        "«where is the library»",
    ],
)
def test_case_punctuation_and_spacing_do_not_change_the_match(
    town_engine: Engine, variant: str
) -> None:
    """Capitals, question marks (or none), ellipses and spaces are ignored."""
    plain = town_engine.match("where is the library")
    match = town_engine.match(variant)
    assert plain.status is Status.ANSWERED
    assert (match.status, match.candidates) == (plain.status, plain.candidates)


@pytest.mark.parametrize("question", ["who is novak", "who's novak", "who’s novak", "whos novak"])
def test_contractions_of_who_is_still_ask_who(town_engine: Engine, question: str) -> None:
    """The contractions who's, who’s and the hasty whos all keep the question kind "who"."""
    match = town_engine.match(question)
    assert (match.status, match.kind, best_ids(match)[0]) == (
        Status.ANSWERED,
        "who",
        "head-librarian",
    )


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("why were the openings delayed", "opening-delay"),
        ("why did they postpone the opening", "opening-delay"),
        ("why did the opening get postponed", "opening-delay"),
        ("where did the meetings take place", "meeting"),
        ("who designs the library", "architect"),
        ("when did the old library burn", "old-library"),
        ("which books are in the library", "library-books"),
    ],
)
def test_plurals_and_verb_forms_find_the_fact(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """Plurals ("openings", "meetings") and other verb forms ("postpone", "burn") match."""
    assert outcome(town_engine, question) == ("answered", fact_id)


@pytest.mark.parametrize(
    "question",
    [
        "hey can you tell me where the library is",
        "hi, could you tell me where the library is please",
        "i would like to know where the library is",
        "where is the library, do you know",
        "where is the library, I'm wondering",
        "I would be grateful if you could tell me where the library is.",
        "Would you be so kind as to tell me where the library stands?",
        "Будьте добры, где находится библиотека?",
    ],
)
def test_polite_filler_words_are_ignored(town_engine: Engine, question: str) -> None:
    """Fillers such as "hey, can you tell me", "please" and "do you know" do not get in the way."""
    assert outcome(town_engine, question) == ("answered", "library-location")


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("kowalski", "mayor"),
        ("novak?", "head-librarian"),
        ("bled", "twin-town"),
        ("riverton boss", "mayor"),
        ("library boss", "head-librarian"),
        ("ferry deal", "ferry-2028"),
        ("ferry retirement", "ferry-2030"),
        ("kowalski novak meeting", "meeting"),
    ],
)
def test_short_keyword_questions_are_answered(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """A name or two keywords, with no question word, find their fact."""
    assert outcome(town_engine, question) == ("answered", fact_id)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("who leads riverton", "mayor"),
        ("wher did they meet", "meeting"),
        ("when is the ferry getting retired", "ferry-2030"),
        ("what is happening with the old library", "old-library"),
        ("is the library on mill street", "library-location"),
        ("what does the library cost", "library-cost"),
    ],
)
def test_reasonable_paraphrase_is_answered(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """A plain paraphrase of a fact's question is answered with that fact."""
    assert outcome(town_engine, question) == ("answered", fact_id)


def test_question_offered_for_a_fact_answers_that_fact(town_engine: Engine, town: FactBase) -> None:
    """Buttons, /topics and "I can tell you…" replies show each fact's first phrasing;
    typing it back answers its own fact, in either language."""
    offered = {
        (fact.id, language): fact.question(language)
        for fact in town.facts
        for language in fact.phrasings
    }
    assert len(offered) == 2 * len(town.facts)
    got = {key: outcome(town_engine, question) for key, question in offered.items()}
    assert got == {key: ("answered", key[0]) for key in offered}


# --- near misses and out of scope ----------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "how much does the library weigh",
        "how old is novak",
        "who was mayor before kowalski",
        "who ran the library before novak",
        "where was kowalski born",
        "is novak married",
        "what is kowalski's salary",
        "what did novak say",
        "how far is the library from the river",
        "сколько лет новаку",
        "кто был мэром до ковальски",
        "где родилась ковальски",
        "сколько весит библиотека",
    ],
)
def test_near_miss_using_the_article_words_is_not_answered(
    town_engine: Engine, question: str
) -> None:
    """A question the article does not answer, though it names its people and things, gets
    no fact: it is declined or clarified."""
    match = town_engine.match(question)
    assert (match.status in (Status.UNKNOWN, Status.CLARIFY), match.fact) == (True, None)


def test_the_heaviest_unexplained_word_is_weighed_whatever_its_place(
    town_engine: Engine,
) -> None:
    """The decision weighs the heaviest word the fact does not explain: here the word no
    fact knows, not "people", though "people" comes first in the alphabet."""
    evidence = town_engine.match("when did the mayor meet people xylophone").evidence
    assert evidence is not None
    assert (evidence.unexplained_words, evidence.heaviest) == (("xylophone", "people"), 1.0)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("did the old library burn down in 2017?", "old-library"),
        ("is it true the ferry runs until 2035?", "ferry-2028"),
        ("the librarians last met in person in 2012, right?", "librarians-last-met"),
        ("правда ли, что старая библиотека сгорела в 2017 году?", "old-library"),
        ("Confirm: the old library burned down in 2017.", "old-library"),
        ("старая библиотека сгорела в 2017?", "old-library"),
        ("the old library burned down in 2017?", "old-library"),
    ],
)
def test_a_year_to_check_is_answered_with_the_fact_that_states_the_year(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """A yes/no question with a year no fact mentions asks whether the article agrees:
    the fact that states the year answers it, and its reply says what the article says."""
    assert outcome(town_engine, question) == ("answered", fact_id)


def test_a_year_to_check_of_a_fact_that_gives_only_a_day_offers_the_fact(
    town_engine: Engine,
) -> None:
    """ "Was the library opened in 2021?" of a fact that says "on Saturday" and the delay's
    "June 20": the article dates it another way, so the reader is offered the fact, not
    told the article does not say."""
    match = town_engine.match("was the library opened in 2021?")
    assert match.status is Status.CLARIFY
    assert "opening-delay" in best_ids(match)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("did kowalski and novak meet at the town hall or at the museum?", "meeting"),
        ("did kowalski and novak meet in may or june?", "meeting"),  # a month after "or"
        ("did novak meet kowalski in the museum or the town hall", "meeting"),
        ("was the opening delayed by rain or by a strike?", "opening-delay"),
        ("открытие отложили из-за дождя или из-за забастовки?", "opening-delay"),
    ],
)
def test_a_choice_is_answered_by_the_fact_that_states_one_option(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """ "At the town hall or at the museum?" of a fact that says the town hall: the fact
    answers the choice, and the option it does not name is the reader's guess."""
    assert outcome(town_engine, question) == ("answered", fact_id)


@pytest.mark.parametrize(
    "question",
    [
        "was the opening delayed by snow or wind?",
        "did novak meet kowalski at the museum?",
        # The option ends where the one before it would: "pizza party" is still asked.
        "was the meeting in the town hall or bled pizza party?",
    ],
)
def test_a_choice_no_option_of_which_the_fact_states_is_not_answered(
    town_engine: Engine, question: str
) -> None:
    """A fact that says "heavy rain" does not say whether it was snow or wind; and a
    question with one place and no choice still needs the fact to explain it."""
    assert outcome(town_engine, question)[0] != "answered"


@pytest.mark.parametrize(
    "question",
    [
        "did kowalski and novak meet in july?",
        "они встречались в июле?",
        "was the opening delayed to august?",
        "Is it correct that Kowalski and Novak met in May?",
    ],
)
def test_a_month_to_check_is_answered_with_the_fact_that_dates_it(
    town_engine: Engine, question: str
) -> None:
    """ "Did they meet in July?" of a fact that says June 12: the month no fact names is a
    claim, and the fact that gives the date answers it (the reply shows the right one)."""
    status, fact_id = outcome(town_engine, question)
    assert status == "answered"
    assert fact_id in {"meeting", "opening-delay"}


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("did kowalski and novak meet on june 20?", "meeting"),
        ("встретились ли ковальски и новак 20 июня?", "meeting"),
        ("was the opening delayed to june 12?", "opening-delay"),
        ("did the old library burn down in 2028?", "old-library"),
    ],
)
def test_a_date_to_check_that_another_fact_states_is_answered_by_the_fact_asked_about(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """ "Did they meet on June 20?": June 20 is the opening's new date, but the question
    is about the meeting, whose fact says June 12. A claimed date is checked, not matched:
    it weighs little in the ranking."""
    assert outcome(town_engine, question) == ("answered", fact_id)


PLACES_YAML = """\
version: 1
article:
  title: Mayors meet in Lisbon
  body:
    - The two mayors met on June 12 in Lisbon to sign a twinning pact.
    - Their deputies will visit each other's towns next spring.
summary:
  en: Two mayors met in Lisbon and signed a twinning pact.
synonyms:
  - [meet, met, meeting]
facts:
  - id: meeting
    cite: The two mayors met on June 12 in Lisbon to sign a twinning pact.
    answer:
      en: The two mayors met on June 12 in Lisbon.
    ask:
      en: [where did the mayors meet, when did the mayors meet, where was the meeting]
  - id: visits
    cite: Their deputies will visit each other's towns next spring.
    answer:
      en: Their deputies will visit each other's towns next spring.
    ask:
      en: [who will visit next spring, when will the deputies visit]
"""


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a named place the article never mentions, in a yes/no question
        ("did the mayors meet in madrid?", ("answered", "meeting")),
        ("the meeting was in madrid, right?", ("answered", "meeting")),
        ("was the meeting in lisbon?", ("answered", "meeting")),
        # a date or a name added at the end of an open question
        ("when did the mayors meet, june 20?", ("answered", "meeting")),
        ("where did the mayors meet, Madrid?", ("answered", "meeting")),
        ("who will visit next spring, the Smiths?", ("answered", "visits")),
    ],
)
def test_a_guess_put_forward_to_check_is_answered_by_the_fact_that_answers_the_question(
    question: str, expected: tuple[str, str]
) -> None:
    """ "Did they meet in Madrid?" of a fact that says Lisbon, "when did they meet, June
    20?": the guess is checked, not matched, like a date in a yes/no question; the fact
    that says where or when answers it, and its reply shows the place or the date."""
    assert outcome(Engine(loads(PLACES_YAML)), question) == expected


def test_a_place_in_an_open_question_is_a_word_the_fact_must_explain() -> None:
    """ "What happened in Madrid?" asks about Madrid, which the article does not mention."""
    assert outcome(Engine(loads(PLACES_YAML)), "what happened in madrid")[0] != "answered"


@pytest.mark.parametrize(
    "question",
    ["when in july did they meet", "novak meeting july", "did the old library burn down in march?"],
)
def test_a_month_is_weighed_outside_a_claim_or_against_a_fact_that_gives_only_a_year(
    town_engine: Engine, question: str
) -> None:
    """An open question or keyword query asks about that month; and a fact that gives
    only a year ("burned down in 2017") does not say whether it was in March."""
    assert outcome(town_engine, question)[0] != "answered"


@pytest.mark.parametrize(
    "question",
    [
        "what burned down in 2017",
        "was the mayor elected in 2017?",
        "did the mayor confirm the ferry deal?",  # "confirm" frames a message only opening it
    ],
)
def test_a_year_no_fact_mentions_is_still_weighed_in_an_open_question(
    town_engine: Engine, question: str
) -> None:
    """An open question asks about that year, and a yes/no question about something no
    fact says is no claim the base can check: neither is answered."""
    assert outcome(town_engine, question)[0] != "answered"


@pytest.mark.parametrize(
    "question",
    [
        "how heavy is the library?",
        "how tall is the library",
        "who founded Riverton?",
        "how many visitors are in the library today",
        "что сказал мэр?",
    ],
)
def test_near_miss_is_not_answered_with_a_wrong_fact(town_engine: Engine, question: str) -> None:
    """A near miss is not answered with a fact that merely shares its words."""
    assert outcome(town_engine, question)[1] is None


@pytest.mark.parametrize(
    "question",
    [
        "what is the capital of france",
        "who won the world cup in 2018",
        "how do i bake bread",
        "какая погода в париже",
        "кто выиграл олимпиаду",
    ],
)
def test_question_about_something_else_is_unknown(town_engine: Engine, question: str) -> None:
    """A question that has nothing to do with the article is declined outright."""
    assert outcome(town_engine, question) == ("unknown", None)


@pytest.mark.parametrize(
    "question",
    [
        "why is the library on mill street",
        "when is the library on mill street",
        "why does the library hold 120,000 books",
        "when did the library cost 4.5 million euros",
        "where did the library cost 4.5 million euros",
    ],
)
def test_a_fact_is_not_the_answer_to_a_kind_of_question_it_does_not_answer(
    town_engine: Engine, question: str
) -> None:
    """The fact's own words asked with "why", "when" or "where", which none of its
    phrasings asks (and its answer does not say): not answered with it."""
    assert outcome(town_engine, question)[1] is None


# --- clarify -------------------------------------------------------------------------------
def test_agreement_question_is_answered_with_the_agreement(town_engine: Engine) -> None:
    """What the council agreed on: running the ferry until 2028."""
    match = town_engine.match("What did the council agree on?")
    assert (match.status, match.fact.id if match.fact else None) == (Status.ANSWERED, "ferry-2028")
    assert len(match.candidates) <= MAX_SUGGESTIONS


def test_when_did_they_meet_asks_which_meeting(two_meetings_engine: Engine) -> None:
    """The mayors met on Friday and in March 2019, so "when did the mayors meet" offers both."""
    match = two_meetings_engine.match("when did the mayors meet")
    assert (match.status, match.fact) == (Status.CLARIFY, None)
    assert best_ids(match) == ["friday-meeting", "previous-meeting"]
    assert len(match.candidates) <= MAX_SUGGESTIONS


def test_clarify_candidates_are_sorted_best_first(town_engine: Engine) -> None:
    """Candidates come best first, so the first suggestion is the likeliest."""
    match = town_engine.match("who runs it")  # the mayor and the head librarian both run something
    scores = [c.score for c in match.candidates]
    assert (match.status, len(scores) >= 2) == (Status.CLARIFY, True)
    assert scores == sorted(scores, reverse=True)


# --- small talk ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "entry", "language"),
    [
        ("hello", "greeting", "en"),
        ("Hello!", "greeting", "en"),
        ("hey there bot", "greeting", "en"),
        ("thanks!", "thanks", "en"),
        ("thank you so much!", "thanks", "en"),
        ("bye", "goodbye", "en"),
        ("goodbye then", "goodbye", "en"),
        ("привет", "greeting", "ru"),
        ("Привет!", "greeting", "ru"),
        ("спасибо!!", "thanks", "ru"),
        ("пока", "goodbye", "ru"),
    ],
)
def test_small_talk_is_recognised_in_both_languages(
    town_engine: Engine, text: str, entry: str, language: str
) -> None:
    """Greetings, thanks and goodbyes are small talk, answered in the language they are in."""
    match = town_engine.match(text)
    assert (match.status, match.smalltalk.id if match.smalltalk else None, match.language) == (
        Status.SMALLTALK,
        entry,
        language,
    )
    assert match.fact is None


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("thank you so much, that helped", "thanks"),
        ("hey, what kind of questions can I ask you?", "what-can-you-do"),
        ("ok cool", "acknowledgement"),
        ("ок, понятно", "acknowledgement"),
    ],
)
def test_longer_small_talk_holding_a_phrasing_is_small_talk(
    town_engine: Engine, text: str, entry: str
) -> None:
    """A message no fact comes near, made of known words around a small-talk phrasing."""
    match = town_engine.match(text)
    assert (match.status, match.smalltalk.id if match.smalltalk else None) == (
        Status.SMALLTALK,
        entry,
    )


@pytest.mark.parametrize("text", ["who?", "you?", "name?", "где", "what can"])
def test_a_word_of_a_small_talk_phrasing_is_not_that_small_talk(
    town_engine: Engine, text: str
) -> None:
    """A short message must hold a phrasing to be that small talk, not be held by one:
    "who?" is not "who are you", nor "you?" a "thank you"."""
    assert town_engine.match(text).status is not Status.SMALLTALK


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("пока, до связи", "goodbye"),  # "связи" is also the article's word for ties
        ("до связи", "goodbye"),
        ("ok, thanks, bye", "goodbye"),  # of phrasings as long, the last
        ("thanks, see you later", "goodbye"),  # the longest
        ("so who created you?", "who-are-you"),  # not "who created the library"
        ("а кто тебя создал?", "who-are-you"),
        ("who's your author", "who-are-you"),  # contractions spelt out, as in phrasings
        ("who r u", "who-are-you"),  # chat spellings too
        ("r u a bot or an ai", "who-are-you"),
    ],
)
def test_a_message_of_small_talk_phrasings_only_is_small_talk_whatever_facts_share(
    town_engine: Engine, text: str, entry: str
) -> None:
    """Small-talk phrasings and stopwords, nothing else: small talk before any fact is
    scored, though a fact would score high on a shared word."""
    match = town_engine.match(text)
    assert (match.status, match.smalltalk.id if match.smalltalk else None) == (
        Status.SMALLTALK,
        entry,
    )


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("thanks, and where did they meet?", "meeting"),
        ("hello, who created the library?", "architect"),
        ("привет! кто создал библиотеку?", "architect"),
    ],
)
def test_small_talk_around_a_question_leaves_it_a_question(
    town_engine: Engine, text: str, fact: str
) -> None:
    assert outcome(town_engine, text) == ("answered", fact)


@pytest.mark.parametrize(
    "text",
    ["translate good morning into french", "hey, what did the mayor say about the library"],
)
def test_a_greeting_inside_another_request_is_not_small_talk(
    town_engine: Engine, text: str
) -> None:
    """Words the base has never seen, or words of the article, make it something else."""
    assert town_engine.match(text).status is not Status.SMALLTALK


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("hello, who runs riverton?", "mayor"),
        ("привет, где библиотека?", "library-location"),
        ("thanks! and where is the library?", "library-location"),
    ],
)
def test_greeting_before_a_question_does_not_hide_the_question(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """A question after a greeting or thanks is answered, not just greeted."""
    assert outcome(town_engine, question) == ("answered", fact_id)


# --- junk and size -------------------------------------------------------------------------
@pytest.mark.parametrize("junk", ["🚀🌕", "12345", "@#$%^&*", "?!…", "<b>", "", "   ", "\n\t"])
def test_junk_is_unknown_without_candidates(town_engine: Engine, junk: str) -> None:
    """Emoji, digits, symbols and empty or blank text are declined, without error."""
    match = town_engine.match(junk)
    assert (match.status, match.candidates, match.fact) == (Status.UNKNOWN, (), None)


def test_ten_thousand_characters_of_text_return_a_sane_match(town_engine: Engine) -> None:
    """A huge message comes back with a status and the message itself, not an error."""
    text = ("the mayor and the librarian talked about the library " * 200)[:10_000]
    match = town_engine.match(text)
    assert isinstance(match.status, Status)
    assert (match.question, match.language) == (text, "en")
    assert len(match.candidates) <= MAX_SUGGESTIONS


def test_ten_thousand_characters_without_words_are_unknown(town_engine: Engine) -> None:
    """A huge message of symbols is declined like a short one."""
    assert town_engine.match("?" * 10_000).status is Status.UNKNOWN


# --- determinism and language ---------------------------------------------------------------
@pytest.mark.parametrize(
    "question", ["who is novak", "when did they meet", "сколько весит библиотека", "привет"]
)
def test_same_question_twice_gives_equal_matches(
    town_engine: Engine, town: FactBase, question: str
) -> None:
    """Matching is deterministic, also across separately built matchers."""
    first = town_engine.match(question)
    assert town_engine.match(question) == first
    assert Matcher(town).match(question) == first


@pytest.mark.parametrize(
    ("question", "language"),
    [("where is the library", "ru"), ("где находится библиотека", "en")],
)
def test_language_argument_overrides_detection(
    town_engine: Engine, question: str, language: str
) -> None:
    """The front end's language choice wins over the script, and the fact is the same."""
    match = town_engine.match(question, language=language)
    assert (match.language, match.status, best_ids(match)[0]) == (
        language,
        Status.ANSWERED,
        "library-location",
    )


@pytest.mark.parametrize(
    ("question", "language"),
    [("where is the library", "en"), ("где находится библиотека", "ru"), ("🚀", "en")],
)
def test_language_is_detected_from_the_question(
    town_engine: Engine, question: str, language: str
) -> None:
    """Without a language argument, the question's script decides (English if none)."""
    assert town_engine.match(question).language == language


# --- Russian ---------------------------------------------------------------------------------
def test_russian_forms_of_meeting_find_the_meeting(town_engine: Engine) -> None:
    """The forms встреча, встречи and встретились are one word for the matcher."""
    assert_answers(
        town_engine,
        [
            "где прошла встреча",
            "где прошли встречи",
            "встречи ковальски и новака",
            "где встретились ковальски и новак",
        ],
        "meeting",
    )


def test_russian_cases_of_a_name_find_the_same_fact(town_engine: Engine) -> None:
    """The cases Ривертон, Ривертона, Ривертоном and Ривертоне are one name."""
    assert_answers(
        town_engine,
        [
            "Ривертон, кто главный",
            "кто начальник Ривертона",
            "кто управляет Ривертоном",
            "кто главный в ривертоне",
        ],
        "mayor",
    )


@pytest.mark.parametrize(
    ("with_yo", "without_yo"),
    [
        ("договорённость по парому", "договоренность по парому"),
        ("о чём договорился совет", "о чем договорился совет"),
        ("сколько жителей в ривертоне ещё", "сколько жителей в ривертоне еще"),
    ],
)
def test_yo_and_ye_are_the_same_letter(town_engine: Engine, with_yo: str, without_yo: str) -> None:
    """Writing "е" for "ё" changes nothing."""
    match = town_engine.match(with_yo)
    other = town_engine.match(without_yo)
    assert match.status is Status.ANSWERED
    assert (other.status, other.candidates) == (match.status, match.candidates)


def test_russian_word_order_does_not_change_the_match(town_engine: Engine) -> None:
    """The words of "где находится библиотека" in any order find the library."""
    assert_answers(
        town_engine,
        ["где находится библиотека", "библиотека где находится", "находится где библиотека"],
        "library-location",
    )


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("где находится библеотека", "library-location"),
        ("где библиотка", "library-location"),
        ("кто руководит риверртоном", "mayor"),
        ("кто такая ковальская", "mayor"),
        ("кто такой новакк", "head-librarian"),
    ],
)
def test_russian_typos_are_corrected(town_engine: Engine, question: str, fact_id: str) -> None:
    """A Russian typo ("библеотека", "риверртон", "новакк") still finds its fact."""
    assert outcome(town_engine, question) == ("answered", fact_id)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("gde nakhoditsya biblioteka", "library-location"),
        ("kto takoy novak", "head-librarian"),
        ("kogda sgorela staraya biblioteka", "old-library"),
    ],
)
def test_russian_typed_in_latin_letters_is_read_as_russian(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """ "gde nakhoditsya biblioteka" is Russian without a Cyrillic keyboard: it finds its
    fact, and the reply is in Russian. English with no Russian word stays English."""
    match = town_engine.match(question)
    assert (match.status.value, match.fact.id if match.fact else None) == ("answered", fact_id)
    assert match.language == "ru"
    assert town_engine.match("where is the library").language == "en"


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("the ferry runs until 2028, correct?", "ferry-2028"),
        ("kowalski is the mayor, correct?", "mayor"),
    ],
)
def test_a_tag_question_s_closing_claim_word_is_no_word_to_explain(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """ "…, correct?" (or "…, верно?") only asks to confirm what comes before it: the fact
    need not explain "correct"."""
    assert outcome(town_engine, question) == ("answered", fact_id)


def test_a_greeting_that_opens_a_question_is_no_part_of_it() -> None:
    """ "добрый день, когда встретились ковальски и новак?": the small-talk phrasing that
    opens the question is a greeting, and its "день" no word to read, though the base
    uses "день" elsewhere ("в какой день перенесли открытие"); alone, the greeting is
    still small talk."""
    text = TOWN_FACTS.read_text(encoding="utf-8").replace(
        "на какое число перенесли открытие", "в какой день перенесли открытие"
    )
    engine = Engine(loads(text))
    greeted = engine.matcher.analyse("добрый день, когда встретились ковальски и новак?")
    plain = engine.matcher.analyse("когда встретились ковальски и новак?")
    assert (greeted.concepts, greeted.words) == (plain.concepts, plain.words)
    assert engine.match("добрый день").status is Status.SMALLTALK


@pytest.mark.parametrize(("message", "entry"), [("privet", "greeting"), ("spasibo", "thanks")])
def test_a_russian_greeting_typed_in_latin_letters_is_small_talk_in_russian(
    town_engine: Engine, message: str, entry: str
) -> None:
    """ "privet" is "привет" without a Cyrillic keyboard: a greeting, answered in Russian,
    not a word to match against the facts."""
    match = town_engine.match(message)
    assert match.status is Status.SMALLTALK
    assert (match.smalltalk.id if match.smalltalk else None, match.language) == (entry, "ru")


def test_russian_in_latin_letters_without_a_marker_word_is_read_as_russian(
    town_engine: Engine,
) -> None:
    """No word of translit.txt's markers, but "kem" and "vstretilsya" are common Russian
    words and no English ones: the question is read in Cyrillic, "s" as "с", and the
    meeting is among the best facts."""
    match = town_engine.match("novak s kem vstretilsya")
    assert match.language == "ru"
    assert match.analysis is not None and match.analysis.tokens[1:] == ("с", "кем", "встретился")
    assert "meeting" in best_ids(match)


def test_russian_in_latin_letters_keeps_its_own_short_words(town_engine: Engine) -> None:
    """The reply's language and the reading of the question rest on one decision, and a
    Russian "u" (у) is not the chat spelling of "you"."""
    match = town_engine.match("s kem vstretilsya novak u mera")
    assert match.language == "ru"
    assert match.analysis is not None and "у" in match.analysis.tokens


def test_russian_polite_words_are_ignored(town_engine: Engine) -> None:
    """Polite words (скажите, пожалуйста, подскажи) and a leading "а" do not get in the way."""
    assert_answers(
        town_engine,
        [
            "скажите, пожалуйста, где находится библиотека",
            "подскажи, где библиотека",
            "а где находится библиотека",
        ],
        "library-location",
    )


@pytest.mark.parametrize(
    "question",
    [
        "слушай, где находится библиотека",
        "слышь, где находится библиотека",
        "судя по статье, где находится библиотека",
        "judging by the article, where is the library",
        "for my assignment, where is the library",
        "for my presentation: where is the library",
    ],
)
def test_openers_and_source_frames_are_ignored(town_engine: Engine, question: str) -> None:
    """A conversational opener ("слушай, …", "слышь, …"), where the answer is to come
    from ("судя по статье", "judging by") or why the reader asks ("for my assignment")
    does not stop the answer."""
    assert outcome(town_engine, question) == ("answered", "library-location")


@pytest.mark.parametrize(
    "question",
    [
        "when did kowalski and novak get together",
        "hey, quick question: where did they get together",
    ],
)
def test_synonym_phrase_made_of_a_stopword_still_folds(town_engine: Engine, question: str) -> None:
    """ "get together" is a synonym of "meet" though "get" alone is a stopword: stopwords
    are dropped only after synonym phrases are folded."""
    assert outcome(town_engine, question) == ("answered", "meeting")


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("according to the article, where is the library", "library-location"),
        ("кто руководит ривертоном, по данным статьи", "mayor"),
        ("what is the article about", "article-topic"),
    ],
)
def test_words_for_the_article_itself_do_not_stand_in_the_way(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """ "according to the article" asks nothing more; "what is the article about" still
    asks about the article."""
    assert outcome(town_engine, question) == ("answered", fact_id)


def test_how_many_counts_a_noun_that_small_talk_also_uses(town_engine: Engine) -> None:
    """ "сколько человек": "человек" stands only in small talk ("ты человек?"), yet it is
    what the question counts, so the number of books (which counts no people) is not the
    answer, though "сколько книг хранит библиотека" is one of its phrasings."""
    assert outcome(town_engine, "сколько книг хранит библиотека") == ("answered", "library-books")
    assert town_engine.match("сколько человек хранит библиотека").status is not Status.ANSWERED


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("how many people live in riverton", "town-population"),
        ("how many ppl live in riverton", "town-population"),
        ("how many books are in the library", "library-books"),
    ],
)
def test_how_many_finds_the_fact_that_counts_that_unit(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """Two facts answer "how many" (people, books): the counted noun tells them apart."""
    assert outcome(town_engine, question) == ("answered", fact_id)


def test_russian_briefly_asks_nothing_more(town_engine: Engine) -> None:
    """ "коротко", "вкратце" only say how to answer: the question is still the topic."""
    assert outcome(town_engine, "о чем статья коротко") == ("answered", "article-topic")


@pytest.mark.parametrize(
    ("latin", "cyrillic", "fact_id"),
    [
        ("кто сейчас руководит Riverton", "кто сейчас руководит Ривертоном", "mayor"),
        ("какую должность занимает Kowalski", "какую должность занимает Ковальски", "mayor"),
        ("когда встретились Kowalski и Novak", "когда встретились Ковальски и Новак", "meeting"),
        ("где встретились Kowalski и Novak", "где встретились Ковальски и Новак", "meeting"),
    ],
)
def test_names_in_latin_or_cyrillic_find_the_same_fact(
    town_engine: Engine, latin: str, cyrillic: str, fact_id: str
) -> None:
    """Riverton/Ривертон, Kowalski/Ковальски, Novak/Новак are one name each."""
    assert (outcome(town_engine, latin), outcome(town_engine, cyrillic)) == (
        ("answered", fact_id),
        ("answered", fact_id),
    )


# --- numbers -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("will they run the ferry till 2028", "ferry-2028"),
        ("паром будет ходить до 2028", "ferry-2028"),
        ("what will happen to the ferry by 2030", "ferry-2030"),
        ("ferry through 2030", "ferry-2030"),
    ],
)
def test_number_in_the_question_picks_the_fact_whose_answer_has_it(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """A year in the question chooses between facts that differ only by year."""
    assert outcome(town_engine, question) == ("answered", fact_id)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("will the ferry run until twenty twenty eight", "ferry-2028"),
        ("what happens to the ferry by twenty thirty", "ferry-2030"),
        ("паром будет ходить до две тысячи двадцать восьмого года?", "ferry-2028"),
        ("что будет с паромом к две тысячи тридцатому", "ferry-2030"),
        ("библиотекарь и мэр встретились двенадцатого июня?", "meeting"),
        # The short way a Russian says a year: "до двадцать восьмого года", "к 30 году".
        ("паром будет ходить до двадцать восьмого года?", "ferry-2028"),
        ("что будет с паромом к 30 году", "ferry-2030"),
    ],
)
def test_a_year_said_in_words_is_the_year(town_engine: Engine, question: str, fact_id: str) -> None:
    """A dictated "twenty twenty eight" or "две тысячи двадцать восьмого" is 2028, and
    tells the two ferry facts apart; so is "двадцать восьмого года", the short way a
    Russian says it; "двенадцатого июня" is June 12."""
    assert outcome(town_engine, question) == ("answered", fact_id)


@pytest.mark.parametrize("words", ["ferry through", "what happens to the ferry until"])
def test_only_the_year_tells_the_2028_agreement_from_the_2030_retirement(
    town_engine: Engine, words: str
) -> None:
    """The same words with 2028 answer the agreement and with 2030 the retirement."""
    assert (outcome(town_engine, f"{words} 2028"), outcome(town_engine, f"{words} 2030")) == (
        ("answered", "ferry-2028"),
        ("answered", "ferry-2030"),
    )


@pytest.mark.parametrize("question", ["ferry through 2029", "ferry until 2027", "meeting in 2019"])
def test_year_no_fact_mentions_is_not_answered(town_engine: Engine, question: str) -> None:
    """A year the article never names is declined rather than rounded to a nearby one."""
    assert outcome(town_engine, question) == ("unknown", None)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [("what happened on june 12", "meeting"), ("what happened on june 20", "opening-delay")],
)
def test_date_in_the_question_ranks_the_fact_with_that_date_first(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """Asking what happened on a day puts the fact of that day first."""
    assert best_ids(town_engine.match(question))[0] == fact_id


def test_who_met_on_june_12_offers_the_june_12_meeting(town_engine: Engine) -> None:
    """Asking who met on June 12 at least offers the Kowalski-Novak meeting."""
    assert "meeting" in best_ids(town_engine.match("who met on june 12"))


def test_a_synonym_written_with_a_possessive_is_found_in_a_question(town: FactBase) -> None:
    """facts.yaml's "riverton's mayor" is read as a question's words are ("riverton
    mayor"): a group phrase kept as "riverton s mayor" could never be found in one."""
    text = TOWN_FACTS.read_text(encoding="utf-8").replace(
        "  - [mayor, мэр]", "  - [mayor, мэр, riverton's mayor, town's boss]"
    )
    base = loads(text)
    assert ("mayor", "мэр", "riverton mayor", "town boss") in base.synonyms
    matcher = Matcher(base)
    assert (
        matcher.analyse("who is riverton's mayor?").concepts
        == matcher.analyse("who is the mayor?").concepts
    )


# A surname that no word list holds, in a base of its own: a reader declines it.
SURNAME_YAML = """\
version: 1
article:
  title: Museum gets a new director
  byline: Staff reporter
  body:
    - Pavel Dukanov became the director of the town museum on Monday.
    - The museum opened in 1931.
summary: Pavel Dukanov now runs the town museum.
synonyms:
  - [dukanov, дуканов]
facts:
  - id: director
    cite: Pavel Dukanov became the director of the town museum on Monday.
    answer:
      en: Pavel Dukanov is the museum's director.
      ru: Павел Дуканов — директор музея.
    ask:
      en: [who is dukanov, what is dukanov's job, who runs the museum]
      ru: [кто такой дуканов, какая должность у дуканов, кто руководит музеем]
  - id: opened
    cite: The museum opened in 1931.
    answer:
      en: The museum opened in 1931.
      ru: Музей открылся в 1931 году.
    ask:
      en: [when did the museum open, how old is the museum]
      ru: [когда открылся музей, сколько лет музею, когда открылся музей дуканова]
"""


@pytest.mark.parametrize(
    "question",
    ["какая должность у дуканова", "кто такой дуканов", "какая должность у дуканову"],
)
def test_a_declined_surname_reads_as_the_name(question: str) -> None:
    """Whatever its case, in the question or in the base's phrasings ("музей
    дуканова"), the surname is the name of the synonym group: the question is about the
    director's fact and answered, not "not in the article"."""
    match = Matcher(loads(SURNAME_YAML)).match(question)
    assert (match.status, match.fact.id if match.fact else None) == (Status.ANSWERED, "director")


ACTING_YAML = (
    SURNAME_YAML.replace(
        "Pavel Dukanov is the museum's director.", "Pavel Dukanov is the museum's acting director."
    )
    .replace("Павел Дуканов — директор музея.", "Павел Дуканов — временный директор музея.")
    .replace(
        "  - [dukanov, дуканов]",
        "  - [dukanov, дуканов]\n  - [acting director, interim director, временный директор]",
    )
)


@pytest.mark.parametrize("question", ["is dukanov only acting?", "дуканов временный?"])
def test_a_word_of_a_synonym_phrase_the_fact_uses_is_explained_alone(question: str) -> None:
    """The answer says "acting director", a phrase of the base's synonyms: a reader who
    writes "acting" alone asks about it, and the fact explains the word."""
    match = Matcher(loads(ACTING_YAML)).match(question)
    assert match.candidates and match.candidates[0].fact.id == "director"
    assert match.evidence is not None and match.evidence.unexplained_words == ()


def test_a_word_of_a_synonym_groups_phrase_is_explained_for_a_fact_of_that_group(
    town_engine: Engine,
) -> None:
    """The delay group holds "pushed back": "pushed" alone is the reader's word for the
    opening's delay, which the fact explains though it never says "pushed"."""
    match = town_engine.match("when was the opening pushed?")
    assert match.candidates and match.candidates[0].fact.id == "opening-delay"
    assert match.evidence is not None and match.evidence.unexplained_words == ()


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("whos the mayor guy", "mayor"),
        ("who is the woman in the photo?", "photo"),
        ("кто этот мужик на фото", "photo"),
    ],
)
def test_a_word_for_someone_is_the_person_the_fact_names(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """ "Guy", "woman", "мужик" ask for a person (answer_shapes.txt): a fact that names one
    ("Anna Kowalski") explains the word, as it explains "called" with a name."""
    assert outcome(town_engine, question) == ("answered", fact_id)


def test_a_word_for_someone_does_not_answer_what_the_fact_does_not_say(
    town_engine: Engine,
) -> None:
    assert outcome(town_engine, "how old is the mayor guy")[0] != "answered"


# A name of two words whose first a reader writes alone ("the vela probe").
PROBE_YAML = """\
version: 1
article:
  title: Probe lost on the Moon
  byline: Staff reporter
  body:
    - The Vela-9 probe crashed on the Moon in March.
    - The agency sent two crews to the International Space Station this year.
summary: The Vela-9 probe crashed on the Moon.
synonyms:
  - [vela-9, вела-9]
  - [iss, international space station, space station]
facts:
  - id: crash
    cite: The Vela-9 probe crashed on the Moon in March.
    answer:
      en: The Vela-9 probe crashed on the Moon in March.
    ask:
      en: [what happened to vela-9, when did the vela-9 probe crash, where did vela-9 crash]
  - id: crews
    cite: The agency sent two crews to the International Space Station this year.
    answer:
      en: The agency sent two crews to the ISS this year.
    ask:
      en: [how many crews went to the iss, who went to the space station]
"""


@pytest.mark.parametrize("question", ["what happened to vela", "what did vela crash into"])
def test_a_specific_word_of_one_name_is_read_as_the_name(question: str) -> None:
    """ "Vela" is used only inside "Vela-9": a reader who writes it alone means the probe."""
    match = Matcher(loads(PROBE_YAML)).match(question)
    assert (match.status, match.fact.id if match.fact else None) == (Status.ANSWERED, "crash")


def test_a_common_word_or_a_number_of_a_name_stays_itself() -> None:
    """ "International" of "International Space Station" is said of much else, and "9" of
    "Vela-9" may be a day: neither is read as the name."""
    matcher = Matcher(loads(PROBE_YAML))
    iss = matcher.analyse("the iss").concepts
    assert matcher.analyse("international cooperation").concepts.isdisjoint(iss)
    assert matcher.analyse("what happened on march 9").concepts.isdisjoint(
        matcher.analyse("vela-9").concepts
    )


@pytest.mark.parametrize(
    ("negative", "plain"),
    [
        ("isn't novak the head librarian?", "is novak the head librarian?"),
        ("so wasn't the opening delayed by rain?", "so was the opening delayed by rain?"),
        ("wasnt the ferry to be retired by 2030", "was the ferry to be retired by 2030"),
    ],
)
def test_the_not_of_a_negative_yes_no_question_asks_for_confirmation(
    town_engine: Engine, negative: str, plain: str
) -> None:
    """ "Isn't Novak the head librarian?" asks whether he is: read without its "not", as
    the plain question; a "not" inside a question ("why did the library not open") stays."""
    matcher = town_engine.matcher
    assert matcher.analyse(negative).concepts == matcher.analyse(plain).concepts
    assert outcome(town_engine, negative) == outcome(town_engine, plain)
    assert "not" in matcher.analyse("why did the library not open").tokens
