"""The questions a draft asks about each sentence: grammatical, built from its clause."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.engine import Engine
from bot.answering.facts import FactBase, loads
from bot.drafting.draft import draft_article

ROBOT = """Robot sprinter sets new record

By Mia Chen | Tech Weekly

TOKYO (Reuters) — A humanoid robot called Emiew broke Qrio's speed record on Tuesday, running at 12 km/h in a Tokyo gym.

Emiew is 1.3 metres tall and weighs 40 kg, its maker Hitachi said.

Ken Bates, 42, built the first prototype in 2019 because older robots kept falling over.

The project cost $4.5m and employs 120 engineers.
"""
QUEUE = """Harbour town opens floating solar farm

Fishermen and schoolchildren alike queued on Saturday to see the array in Bergen.

The council had delayed the opening because of a storm.
"""


def _base(tmp_path: Path, text: str) -> FactBase:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return loads(draft_article(path).yaml_text, "facts.draft.yaml")


def _phrasings(base: FactBase) -> list[str]:
    return [p for fact in base.facts for p in fact.phrasings["en"]]


@pytest.fixture(scope="module")
def robot(tmp_path_factory: pytest.TempPathFactory) -> FactBase:
    """The draft of a short technology story with ages, sizes, speeds and money."""
    return _base(tmp_path_factory.mktemp("robot"), ROBOT)


@pytest.mark.parametrize(
    "question",
    [
        # each figure, by what it measures
        "How old is Ken Bates?",
        "How tall is Emiew?",
        "How fast was Emiew?",
        "How much did the project cost?",
        "What is the robot called?",
        # the main clause: its subject, its object, and its date, place and cause
        "Who broke Qrio's speed record?",
        "What did a humanoid robot called Emiew break?",
        "When did a humanoid robot called Emiew break Qrio's speed record?",
        "Where did a humanoid robot called Emiew break Qrio's speed record?",
        "Why did Ken Bates build the first prototype?",
    ],
)
def test_each_sentence_is_asked_about_in_the_readers_whole_questions(
    robot: FactBase, question: str
) -> None:
    """Figures and the main clause's subject, object, date, place and cause give questions."""
    assert question in _phrasings(robot)


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("how old is ken bates", "Ken Bates, 42,"),
        ("how tall is emiew", "1.3 metres tall"),
        ("who broke qrio's speed record", "broke Qrio's speed record"),
        ("how much did the project cost", "cost $4.5m"),
    ],
)
def test_the_unedited_draft_answers_single_sentence_questions(
    robot: FactBase, question: str, cited: str
) -> None:
    """Questions the article answers in one sentence are answered from that sentence."""
    reply = Engine(robot).ask(question).to_json()
    assert reply["status"] == "answered"
    assert cited in reply["citations"][0]["quote"]


def test_a_near_miss_is_not_answered(robot: FactBase) -> None:
    """The article gives Bates's age, not the robot's: "how old is emiew" is not answered."""
    assert Engine(robot).ask("how old is emiew").to_json()["status"] != "answered"


def test_verbs_take_their_dictionary_form_and_modifiers_no_part(tmp_path: Path) -> None:
    """ "queued" asks "queue" (lemminflect), never "queu"; "alike" is never asked about alone."""
    asked = _phrasings(_base(tmp_path, QUEUE))
    assert "When did fishermen and schoolchildren alike queue?" in asked
    assert (
        "Why was the opening delayed?" in asked
        or "Why had the council delayed the opening?" in asked
    )
    assert not [p for p in asked if "queu " in p or p.endswith("queu") or "did alike" in p]


def test_near_misses_about_the_articles_names_are_declined_unless_answered(
    robot: FactBase,
) -> None:
    """Decline examples are written for the article's names, leaving out what it answers."""
    examples = robot.decline["en"]
    assert "when was bates born" in examples
    assert "how old is bates" not in examples  # "Ken Bates, 42," answers it
    assert Engine(robot).ask("where was ken bates born").to_json()["status"] == "unknown"


def test_a_person_is_also_asked_about_by_the_role_the_article_gives(tmp_path: Path) -> None:
    """Hitachi's chief engineer, Mia Sato, makes "What did Mia Sato say?" also
    "What did the Hitachi chief engineer say?"; a role after "and" is the next person's."""
    text = (
        "Robot maker expands\n\nHitachi's chief engineer, Mia Sato, and the mayor, Tom Ito, "
        "opened the plant on Monday.\n\n“We are proud,” said Mia Sato."
    )
    asked = _phrasings(_base(tmp_path, text))
    assert "What did the Hitachi chief engineer say?" in asked
    assert not [p for p in asked if "mayor" in p and "sato" in p.lower()]


def test_a_name_and_what_the_article_calls_it_are_one_synonym_group(tmp_path: Path) -> None:
    """Russia's space agency Roscosmos: "the Russian space agency" folds onto Roscosmos."""
    text = (
        "Space talks\n\nThe head of Russia's space agency Roscosmos met NASA's chief on "
        "Monday.\n\nRoscosmos said the talks went well."
    )
    groups = _base(tmp_path, text).synonyms
    assert ("roscosmos", "russia space agency", "russian space agency") in groups


def test_a_plural_noun_is_not_read_as_the_verb_nor_a_plain_verb_as_a_noun(
    tmp_path: Path,
) -> None:
    """ "various versions accounted" asks about "accounted"; "developers face" about "face"."""
    text = (
        "Browser share falls\n\nIE's various versions accounted for 70 percent of the market "
        "in 2009.\n\nWeb developers face big problems with IE6 because it is old."
    )
    asked = _phrasings(_base(tmp_path, text))
    assert "When did IE's various versions account?" in asked
    assert "Why do web developers face big problems?" in asked
    assert "What face big problems?" not in asked  # "What faces …?"


def test_what_a_speech_verb_reports_is_asked_about_too(tmp_path: Path) -> None:
    """ "X announced that it had reached an agreement" asks about the agreement as well."""
    text = (
        "Deal reached\n\nThe club announced on Friday that it had signed Ken Bates "
        "because the team needed a striker."
    )
    asked = _phrasings(_base(tmp_path, text))
    assert "Why had the club signed Ken Bates?" in asked


def test_a_passive_clause_asks_who_did_it_and_it_stands_for_the_thing_before(
    tmp_path: Path,
) -> None:
    """ "It was set up by …" after "The ISS …" asks "Who set up the ISS?"."""
    text = (
        "Station turns 25\n\nThe ISS has been occupied since November 2000.\n\n"
        "It was set up by Russia, the United States, Europe and Japan in 1998."
    )
    asked = _phrasings(_base(tmp_path, text))
    assert "Who set up the ISS?" in asked
    assert "When was the ISS set up?" in asked


def test_phrases_before_the_subject_are_skipped_and_the_question_stays_whole(
    tmp_path: Path,
) -> None:
    """ "Started in 1990, the festival …" and "At a station, after the polls closed, …"
    open with phrases: the subject is what follows them, never "started in 1990"; an
    object a date cuts short ("continues a [2000 year old …]") is left out, not "a"."""
    text = (
        "Lanterns light up Taipei\n\nStarted in 1990, the festival continues a 2000 year old "
        "tradition in Taipei.\n\nAt a polling station, after the polls closed, the count "
        "began in Taikoo.\n\nHowever, the council delayed the opening because of a storm."
    )
    asked = _phrasings(_base(tmp_path, text))
    assert "Where does the festival continue?" in asked
    assert "Where did the count begin?" in asked
    assert "Why did the council delay the opening?" in asked
    assert not [q for q in asked if q.endswith((" a?", " the?")) or "started in" in q.lower()]
    assert not [q for q in asked if "after the polls" in q.lower() or "However" in q]


def test_a_plural_noun_before_a_verb_is_the_subject_not_the_verb(tmp_path: Path) -> None:
    """ "The commuting crowds can be avoided …": "crowds" is a noun, "avoided" the verb."""
    text = (
        "Festival crowds\n\nThe commuting crowds can be avoided by walking from Shandao "
        "Station because the lines are long."
    )
    asked = _phrasings(_base(tmp_path, text))
    assert "Why can the commuting crowds be avoided?" in asked


def test_the_first_person_is_the_writer_and_a_figure_keeps_its_preposition(
    tmp_path: Path,
) -> None:
    """ "I visited …" asks about "the writer"; "elected with 84,121 votes" asks "How many
    votes was … elected with?"."""
    text = (
        "Election night\n\nI visited the count on Saturday night in Taikoo.\n\n"
        "Eddie Chu was elected with 84,121 votes in Hong Kong."
    )
    asked = _phrasings(_base(tmp_path, text))
    assert "When did the writer visit the count?" in asked
    assert "How many votes was Eddie Chu elected with?" in asked
    assert not [q for q in asked if " i " in f" {q.lower()} "]


def test_an_area_or_a_length_asks_how_big_or_how_long_the_thing_it_measures(
    tmp_path: Path,
) -> None:
    """ "a 240,000 square meter memorial park" asks "How big is the memorial park?"; "a
    20 minute walk" asks "How long is the walk?"; a height in metres is not a length."""
    text = (
        "Lanterns light up Taipei\n\nCrowds filled the 240,000 square meter memorial park "
        "on Saturday.\n\nShandao Station is only a 20 minute walk from the event.\n\n"
        "Visitors climbed the 70 meter memorial hall."
    )
    asked = _phrasings(_base(tmp_path, text))
    assert "How big is the memorial park?" in asked
    assert "How long is the walk?" in asked
    assert "How long is the memorial hall?" not in asked


@pytest.mark.parametrize(
    ("text", "asked", "never"),
    [
        pytest.param(
            "Old bridge stays shut\n\nThe ISS has been continuously occupied since November "
            "2000.\n\nThe council announced on Monday that the bridge would stay shut until 2030.",
            [
                "How long has the ISS been continuously occupied?",
                "Since when has the ISS been continuously occupied?",
            ],
            ["The ISS", "How long did the council announce"],
            id="how long of the clause that lasts, not of one that reports it",
        ),
        pytest.param(
            "Boat sinks off Aceh\n\nOn Friday, fishermen rescued 700 asylum seekers off Aceh.",
            ["Who rescued 700 asylum seekers off Aceh?"],
            ["What rescued"],
            id="a subject that names people asks who, though its object holds a figure",
        ),
        pytest.param(
            "Clock arrest\n\nAhmed Mohamed, a 14-year-old boy from Irving, was arrested at "
            "school.\n\nWork was underway at the mosque in order to enlarge the prayer hall.",
            ["How old is Ahmed Mohamed?", "Why was work underway?"],
            [],
            id="an age in apposition; a state with its purpose",
        ),
        pytest.param(
            "Quake shakes desert\n\nThe epicenter was located 20 kilometers northwest of "
            "Borrego Springs and 94 kilometers to the northeast of San Diego.",
            ["How far is it from Borrego Springs?", "How far is it from San Diego?"],
            ["How long is the northwest"],
            id="a distance from a named place asks how far",
        ),
        pytest.param(
            "Chiefs meet\n\nRoscosmos' director, Dmitry Bakanov, and NASA's acting "
            "administrator, Sean Duffy met July 31 at the Kennedy Space Center in Florida.",
            ["When did Dmitry Bakanov and Sean Duffy meet?"],
            [],
            id="two people joined by and are the subject together",
        ),
        pytest.param(
            "Probe lost\n\nThe magazine MicroMega reported that the Luna-25 probe crashed.",
            ["What is the magazine called?", "What is the probe called?"],
            [],
            id="a noun beside a name says what it is",
        ),
        pytest.param(
            "Odd shapes\n\nOn Monday, a 14-year-old boy was arrested at his school in Irving."
            "\n\nThe delay was due to bad weather.\n\nThe NASA administrator visited the "
            "Baikonur launch site.\n\nJohn Smith and the wife of Tom Brown met the mayor on "
            "Monday.\n\nThe shop closed on Monday, its first closure since 1990.\n\nThe "
            "council approved the budget for 2028 on Monday.\n\nThe town lies 20 km north of "
            "Paris, France on the river.",
            ["How far is it from Paris?"],
            [
                "How old is On",
                "Why was the delay due",
                "What is the administrator called",
                "What is the launch called",
                "John Smith and Tom Brown",
                "Since when did the shop",
                "How long did the shop",
                "How long did the council",
                "Paris France",
            ],
            id="no age without a name, no state of a cause, no pair that is not the subject",
        ),
        pytest.param(
            "Station\n\nSince November 2000, the ISS has been continuously occupied.\n\nThe "
            "lab has been staffed since 2 November 2001.",
            [
                "How long has the ISS been continuously occupied?",
                "Since when has the lab been staffed?",
            ],
            [],
            id="a lasting time fronted, or with its day",
        ),
        pytest.param(
            "Trial\n\nBy the end, Gloria's illness was severe.\n\nTeams from Morocco had "
            "difficulties crossing the U.S. border.\n\nThe Brazilian team won the final."
            "\n\nProfessor Nesin still faces prosecution however he plans an appeal.\n\n"
            "US soul singer Aretha Franklin died on Thursday.\n\nThe sevengill is sometimes "
            "called a living fossil because it resembles ancient sharks.\n\nOf the thousands, "
            "reporters spoke with a cosplayer.",
            ["Who faces prosecution?", "When did US soul singer Aretha Franklin die?"],
            [
                "What is the end called",
                "What is the border called",
                "What is the team called",
                "faces prosecution however he?",
                "uS soul",
                "called a?",
                "What about Of",
            ],
            id="no name asked across a comma or of a place; an object ends where a clause "
            "starts; an acronym keeps its capitals; no question cut short; no preposition "
            "as a subject",
        ),
        pytest.param(
            "Tomb found\n\nThis is the first FIRST Global competition.\n\nOfficials of the "
            "18th dynasty bore the name.\n\nA document was handed to the CBC today.\n\nThe "
            "AFCA's assistance does not go unnoticed.\n\nWhere are the Latinx movies?\n\n"
            "The Midwest Airlines plane pulled up.",
            ["What is the plane called?"],
            [
                "What is the first called",
                "What is the dynasty called",
                "What is the today called",
                "What is the assistance called",
                "What is the movies called",
            ],
            id="a name's noun is singular, no adverb, not after an ordinal, not its possessor",
        ),
        pytest.param(
            "Pipeline protest ends in arrests\n\nTwo protesters who are associated with the "
            "Harbour Watch group were arrested Monday in Bergen.\n\nAn international team led "
            "by Ana Ruiz examined the samples in March.\n\nOfficials at that time said the "
            "site was closed.",
            [
                "When were two protesters arrested?",
                "What did an international team examine?",
                "Who led an international team?",
            ],
            ["Who associated", "Where did two protesters associate", "officials at that time say"],
            id="a relative clause or a participle after a noun is not the main verb",
        ),
        pytest.param(
            "Japan passes abdication law\n\nNaruhito, born in 1960, graduated from Oxford "
            "University in 1983.",
            ["When was Naruhito born?", "When did Naruhito graduate?"],
            ["Naruhito bear"],
            id="a participle set off by commas is asked in the passive",
        ),
        pytest.param(
            "Kane leads England to win\n\nHarry Kane won the Man of the Match award in "
            "Volgograd.\n\nClint Bowyer closed out the top ten in the standings.",
            ["Who won the Man of the Match award?", "Who closed out the top ten?"],
            ["Who closed the top ten"],
            id="an object keeps its of-phrase and a subject question its particle",
        ),
        pytest.param(
            "Legislature backs governor\n\nLate Monday, the state legislature complied with "
            "the governor's stipulations.\n\nOn the final restart, and Jeff Gordon, who "
            "struggled with restarts, passed teammate Kahne.\n\nMonday's vote passed the "
            "bill in Trenton.",
            [
                "When did the state legislature comply?",
                "Who passed teammate Kahne?",
                "Where did Monday's vote pass the bill?",
            ],
            ["Late Monday comply", "did and"],
            id="a fronted time phrase or a joining and is no part of the subject",
        ),
        pytest.param(
            "Tobacco ads target children\n\nThe agency said the tobacco industry attempts to "
            "take advantage of children.\n\nIn the survey, 68 percent said the law should be "
            "amended.\n\nThe survey found that one in five teenagers had seen cigarette "
            "ads.\n\nIt said nothing more.\n\nHowever, the FAA says that it has no issues "
            "with staffing.",
            [
                "What did the agency say?",
                "What did 68 percent say?",
                "What did the survey find?",
                "What did the FAA say?",
            ],
            ["What did it say", "What did FAA say"],
            id="whoever says or finds something is asked what, an organisation with its article",
        ),
        pytest.param(
            "Gordon wins at Indianapolis\n\nThe standings after the race: Logano, 591; Busch, "
            "583; and Bowyer, 577, closed out the top ten.\n\nKen Bates, 42, built the first "
            "prototype.",
            ["How old is Ken Bates?"],
            ["How old is Logano", "How old is Busch", "How old is Bowyer"],
            id="figures in a table of names are no ages",
        ),
        pytest.param(
            "Singer dies at 76\n\nThe official cause of death was a form of pancreatic "
            "cancer.\n\nHer father was a Baptist minister in Detroit.\n\nThe team was "
            "unable to stage a comeback.",
            ["What was the official cause of death?", "Who was her father?"],
            ["What was the team"],
            id="a common noun said to be a thing asks what or who it is",
        ),
    ],
)
def test_a_sentence_s_shape_asks_what_readers_ask(
    tmp_path: Path, text: str, asked: list[str], never: list[str]
) -> None:
    """ "Since November 2000" asks how long and since when of the verb it lasts with, not
    of a verb that reports it; a leading "The" is lowercased before a name; people are
    asked with "Who"; "Ahmed Mohamed, a 14-year-old boy" asks his age; "in order to" asks
    why; "20 kilometers northwest of Borrego Springs" asks how far; "X, Bakanov, and Y,
    Duffy met" asks when Bakanov and Duffy met; "the magazine MicroMega" what the magazine
    is called."""
    phrasings = _phrasings(_base(tmp_path, text))
    assert [q for q in asked if q not in phrasings] == []
    assert [q for q in phrasings if any(part in q for part in never)] == []


def test_a_sentence_without_a_whole_question_is_offered_by_what_it_is_about(
    tmp_path: Path,
) -> None:
    """The first phrasing is the button a reader sees: "What about Gloria?" for "Gloria
    also …", never "What about Gloria also?" nor a conjunction ("What about and …")."""
    text = (
        "Baby dies\n\nGloria also became unable to move her legs.\n\n"
        "However, despite her illness, and her lack of improvement, the Sams continued "
        "to shun medical treatment."
    )
    firsts = [fact.phrasings["en"][0] for fact in _base(tmp_path, text).facts]
    assert not [f for f in firsts if f.startswith("What about") and f.split()[-1] == "also?"]
    assert not [f for f in firsts if f.startswith("What about and")]


def test_a_sentence_with_nothing_to_name_is_offered_by_how_it_opens(tmp_path: Path) -> None:
    """A button must tell the reader what the fact is: with no whole question and no
    subject to name, it shows the sentence's first words ("Slowly" told nothing), longer
    where another fact's button already reads so, without quotation marks; a subject
    capitalised only because it opens the sentence is written in lower case."""
    text = (
        "Iodine study alarms doctors\n\n"
        "He says authorities are reacting slowly to his urgent calls for mandatory salt.\n\n"
        "He says authorities are reacting slowly to his letters about bread.\n\n"
        '"... and then, slowly, it all went wrong," she said.\n\n'
        "Police arrested and questioned the baker."
    )
    firsts = [fact.phrasings["en"][0] for fact in _base(tmp_path, text).facts]
    assert "He says authorities are reacting slowly to his…" in firsts
    assert "He says authorities are reacting slowly to his letters about…" in firsts
    assert "And then, slowly, it all went wrong…" in firsts
    assert "What about police?" in firsts


def test_an_object_that_names_people_is_asked_with_who(tmp_path: Path) -> None:
    """WordNet says "bakers" and "inspectors" are people, "iodine" and "the company" are
    not; the object's last word is what it names ("the first three inspectors")."""
    text = (
        "Bakery raid\n\nPolice questioned the bakers on Monday.\n\n"
        "The council hired the first three inspectors last year.\n\n"
        "Researchers found iodine in the bread.\n\n"
        "Bakeco bought the company in 2020."
    )
    asked = _phrasings(_base(tmp_path, text))
    assert "Who did police question?" in asked
    assert "Who did the council hire?" in asked
    assert "What did researchers find?" in asked
    assert "What did Bakeco buy?" in asked


def test_the_facts_the_bot_offers_as_examples_are_about_the_story(tmp_path: Path) -> None:
    """ "I can tell you, for example" offers a draft's first facts: the headline's, then the
    story's own, with the byline's and the date's at the end of the list."""
    text = (
        "Harbour town opens floating solar farm\n\nBy Jane Doe | Coastal Times\n\n"
        "Monday, March 3, 2025\n\nThe council opened a floating solar farm in Bergen on "
        "Saturday.\n\nThe array cost 5.5 million euros, the mayor said."
    )
    base = _base(tmp_path, text)
    ids = [fact.id for fact in base.facts]
    assert ids[0] == "article-topic"
    assert ids[-2:] == ["source", "article-date"]
    reply = Engine(base).answer("what's the weather in paris").reply
    offered = [s.fact_id for s in reply.suggestions]
    assert offered[0] == "article-topic"
    assert offered[1] not in ("source", "article-date")
