"""The answer decision: the pure rule, what it does on small bases, and calibration."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import MINIMAL_FACTS_YAML, TWO_MEETINGS_YAML

from bot.answering.decision import Evidence, Thresholds, Verdict, decide
from bot.answering.engine import Engine
from bot.answering.evidence import MANY_SENSES, sense_share
from bot.answering.facts import FactBase, FactsError, load, loads
from bot.answering.matcher import Matcher, Status
from bot.curation.calibration import calibrate, collect, outcome
from bot.curation.teach import add_decline, write_thresholds
from bot.language.lexicon import sense_count
from bot.language.wordlists import zipf

CLEAR = Evidence(score=0.9, margin=0.3, anchored=True, unexplained=0.0)
RULE = Thresholds(
    answer_min_score=0.55,
    answer_min_margin=0.03,
    answer_max_unexplained=0.25,
    answer_max_word=0.3,
    clarify_min_score=0.4,
    clarify_max_unexplained=0.5,
)
"""Thresholds spelt out, so that the rule's tests do not move with the defaults."""


# --- the rule ------------------------------------------------------------------------------
def test_a_clear_lead_on_what_the_fact_is_about_is_answered() -> None:
    """High score, clear lead, anchored, nothing unexplained: the answer."""
    assert decide(CLEAR, RULE) == (Verdict.ANSWER, "answered")


@pytest.mark.parametrize(
    ("change", "verdict"),
    [
        ({"score": 0.45, "answers_kind": True}, Verdict.ANSWER),
        # Something unexplained, or a kind the fact does not answer: the score counts.
        ({"score": 0.45, "answers_kind": True, "unexplained": 0.1}, Verdict.CLARIFY),
        ({"score": 0.45, "answers_kind": False}, Verdict.CLARIFY),
        # Below a plausible score, or with a close runner-up, it is no answer either.
        ({"score": 0.35, "answers_kind": True}, Verdict.DECLINE),
        ({"score": 0.45, "answers_kind": True, "margin": 0.01}, Verdict.CLARIFY),
    ],
)
def test_complete_evidence_needs_only_a_plausible_score(
    change: dict[str, object], verdict: Verdict
) -> None:
    """A fact that explains every word and answers the question's kind is answered below
    `answer_min_score`: the score then says only how far the wording is from its
    phrasings."""
    evidence = Evidence(**{**_fields(CLEAR), **change})  # type: ignore[arg-type]
    assert decide(evidence, RULE)[0] is verdict


def test_the_evidence_says_whether_the_fact_answers_the_kind_asked() -> None:
    """ "How much will the bridge cost" of the cost fact (its phrasings ask how much):
    answered kind; "how many people built the bridge" of it: a count it does not give."""
    matcher = Matcher(loads(MINIMAL_FACTS_YAML))
    cost = matcher.match("how much will the bridge cost").evidence
    count = matcher.match("how many people built the bridge").evidence
    assert cost is not None and cost.answers_kind
    assert count is not None and not count.answers_kind


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"margin": 0.01}, "did you mean: margin 0.01 < 0.03"),
        ({"score": 0.5}, "did you mean: score 0.50 < 0.55"),
        (
            {"unexplained": 0.3, "unexplained_words": ("weigh",)},
            'did you mean: the fact does not explain "weigh"',
        ),
        (
            {"heaviest": 0.9, "unexplained_words": ("rocket",)},
            'did you mean: the fact does not explain "rocket"',
        ),
        # Every word the fact's, but words many facts share: "where did the quake happen".
        ({"anchored": False}, "did you mean: names only what many facts are about"),
        # "who made you?" of a fact that says "made headlines".
        ({"addresses_the_bot": True}, "did you mean: the question asks about the bot"),
    ],
)
def test_a_plausible_fact_that_fails_one_check_is_offered(
    change: dict[str, object], reason: str
) -> None:
    """A close runner-up, a lower score or a word the fact does not explain: "Did you mean"."""
    evidence = Evidence(**{**_fields(CLEAR), **change})  # type: ignore[arg-type]
    assert decide(evidence, RULE) == (Verdict.CLARIFY, reason)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            {"anchored": False, "unexplained": 0.1, "unexplained_words": ("paris",)},
            "names nothing the best fact is about",
        ),
        ({"score": 0.3}, "score 0.30 < 0.40"),
        ({"unexplained": 0.7, "unexplained_words": ("paris",)}, 'unexplained: "paris"'),
        (
            {"decline_example": "how old is bakanov"},
            "closest to the decline example 'how old is bakanov'",
        ),
    ],
)
def test_nothing_plausible_is_declined(change: dict[str, object], reason: str) -> None:
    """No anchor, a low score, mostly unexplained, or a decline example: "not in the article"."""
    evidence = Evidence(**{**_fields(CLEAR), **change})  # type: ignore[arg-type]
    assert decide(evidence, RULE) == (Verdict.DECLINE, reason)


def _fields(evidence: Evidence) -> dict[str, object]:
    return {name: getattr(evidence, name) for name in Evidence.__dataclass_fields__}


# --- readers' casual wording, near misses, disguised text (a small base of its own) --------
@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("y was the opening pushed back", "opening-delay"),
        ("how many ppl live in riverton", "town-population"),
        ("wait when did they actually meet up", "meeting"),
        ("til when will the ferry run", "ferry-2028"),
        ("when they gonna retire the ferry lol", "ferry-2030"),
        ("what was delayed to jun 20", "opening-delay"),
        ("when was the meetup of kowalski and novak", "meeting"),
        ("when exactly did kowalski and novak meet", "meeting"),
        ("how many books does the library hold precisely", "library-books"),
        ("did the article say how many books the library has", "library-books"),
        ("how many books r in teh library", "library-books"),
        ("whats goin on with the library opening, y was it pushed back", "opening-delay"),
        ("is it true that kowalski and novak met on june 12", "meeting"),
        ("i'm confused, how much did the library cost", "library-cost"),
        ("i dont understand, who designed the library", "architect"),
    ],
)
def test_casual_chat_wording_is_answered(town_engine: Engine, question: str, fact_id: str) -> None:
    """Chat spellings, interjections and filler do not stand in the way of the answer."""
    match = town_engine.match(question)
    assert (match.status, match.fact.id if match.fact else None) == (Status.ANSWERED, fact_id)


@pytest.mark.parametrize(
    "question", ["why did kowalski call the meeting", "where did the mayor hold the meeting"]
)
def test_a_word_of_many_senses_the_base_lacks_does_not_veto_the_answer(
    town_engine: Engine, question: str
) -> None:
    """ "call" and "hold" have over 40 senses each in WordNet: unseen by the base, they say
    too little of what is asked to send the reader to "Did you mean…?"."""
    match = town_engine.match(question)
    assert (match.status, match.fact.id if match.fact else None) == (Status.ANSWERED, "meeting")


def test_a_word_of_many_senses_weighs_less_than_one_as_common_with_few() -> None:
    """ "hold" (45 senses) and "plan" (7) are about as common in general use; the evidence
    weighs "hold" less."""
    assert abs(zipf("hold") - zipf("plan")) < 0.2
    assert sense_count("hold", "en") > 40 > MANY_SENSES > sense_count("plan", "en") > 0
    assert sense_share("plan") == 1.0
    assert sense_share("hold") < 0.5


def test_a_word_of_many_senses_that_asks_a_shape_keeps_its_weight(town_engine: Engine) -> None:
    """ "called" (of "call", 41 senses) asks for a name in "what is the library called?";
    no fact gives the library a name, so that is not in the article."""
    match = town_engine.match("what is the library called")
    assert match.status is Status.UNKNOWN
    assert match.evidence is not None and match.evidence.unexplained_words[:1] == ("called",)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("скока книг в библиотеке", "library-books"),
        ("када встретились ковальски и новак", "meeting"),
        ("напомни плиз, кто руководит библиотекой", "head-librarian"),
        ("объясни, почему перенесли открытие", "opening-delay"),
        ("напомните, сколько книг в библиотеке", "library-books"),
        ("а можно узнать, сколько книг в библиотеке", "library-books"),
        ("кто на фото вместе с ковальски", "photo"),
        ("несмотря на дождь, когда открыли библиотеку", "opening-delay"),
        ("когда решат вопрос с открытием библиотеки", "opening-delay"),
        ("всетаки, скока стоила библиотека", "library-cost"),
        ("правда ли, что ковальски и новак встретились 12 июня", "meeting"),
        ("гд находится библиотека", "library-location"),
        ("из-за чего атложили открытие", "opening-delay"),
        ("я запутался, сколько стоила библиотека", "library-cost"),
    ],
)
def test_casual_russian_chat_wording_is_answered(
    town_engine: Engine, question: str, fact_id: str
) -> None:
    """Russian chat spellings ("скока", "када"), a first vowel written as it sounds
    ("атложили"), requests to answer ("дай", "объясни",
    "можно узнать"), hedges ("всетаки"), compound prepositions ("вместе с", "несмотря
    на") and the light "решать вопрос" are read as the plain question."""
    match = town_engine.match(question)
    assert (match.status, match.fact.id if match.fact else None) == (Status.ANSWERED, fact_id)


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("who designed you?", None),  # the architect's fact is asked "who designed the library"
        ("do you think the library was worth the cost?", None),
        ("can you tell me who designed the library?", "architect"),  # a request to answer
        ("could u tell me who designed the library", "architect"),
    ],
)
def test_a_question_about_the_bot_is_not_answered_with_a_fact(
    town_engine: Engine, question: str, fact_id: str | None
) -> None:
    """A question that still says "you" once its request frame is read asks about the bot,
    whatever words it shares with a fact; "can you tell me…" asks for the fact."""
    match = town_engine.match(question)
    assert (match.fact.id if match.fact else None) == fact_id


def test_a_russian_light_verb_does_not_steer_the_question(town_engine: Engine) -> None:
    """«заниматься» with a noun says "do": the noun carries the meaning, so "кто занимается
    библиотекой" is about who runs the library, not answered with the mayor."""
    match = town_engine.match("кто занимается библиотекой")
    assert match.candidates[0].fact.id == "head-librarian"
    assert match.fact is None or match.fact.id == "head-librarian"


@pytest.mark.parametrize(
    "question", ["how does the article describe novak", "как статья описывает новака"]
)
def test_asking_how_the_article_describes_someone_asks_who_they_are(
    town_engine: Engine, question: str
) -> None:
    """ "How does the article describe X" wraps the question as "what does the article
    say about X" does: it is answered with who X is."""
    match = town_engine.match(question)
    assert (match.status, match.fact.id if match.fact else None) == (
        Status.ANSWERED,
        "head-librarian",
    )


@pytest.mark.parametrize(
    ("question", "plain"),
    [
        (
            "what did the mayor say regarding the library",
            "what did the mayor say about the library",
        ),
        ("who opened the library instead of novak", "who opened the library with novak"),
        ("кто на фото вместе с ковальски", "кто на фото с ковальски"),
        ("что сказал мэр относительно библиотеки", "что сказал мэр про библиотеку"),
    ],
)
def test_prepositions_of_any_shape_add_nothing(
    town_engine: Engine, question: str, plain: str
) -> None:
    """A derived or compound preposition ("regarding", "instead of", "вместе с",
    "относительно") is read as the plain one it stands for: no concept of its own."""
    asked, expected = town_engine.match(question).analysis, town_engine.match(plain).analysis
    assert asked is not None and expected is not None
    assert asked.concepts == expected.concepts


@pytest.mark.parametrize(
    ("question", "plain"),
    [
        ("кто построил эту библиотеку", "кто построил библиотеку"),
        ("что случилось с этим паромом", "что случилось с паромом"),
    ],
)
def test_a_russian_demonstrative_in_any_case_adds_nothing(
    town_engine: Engine, question: str, plain: str
) -> None:
    """ "этот" is a function word in every case form ("эту", "этим"), not only in the
    nominative: no concept of its own."""
    asked, expected = town_engine.match(question).analysis, town_engine.match(plain).analysis
    assert asked is not None and expected is not None
    assert asked.concepts == expected.concepts


@pytest.mark.parametrize(
    ("plain", "tagged"),
    [
        ("открытие перенесли?", "открытие перенесли или нет?"),
        ("was the opening delayed?", "was the opening delayed or not?"),
        ("why did people wait?", "why did a lot of people wait?"),
        ("why did people wait?", "why did lots of people wait?"),
        ("so they met at the town hall?", "so they met at the town hall, yes?"),
    ],
)
def test_a_tag_or_quantifier_adds_nothing_to_a_question(
    town_engine: Engine, plain: str, tagged: str
) -> None:
    """ "… или нет?", "… or not?" and "…, yes?" ask yes or no, and "a lot of" only says
    "many": the same concepts as without."""
    plain_analysis = town_engine.match(plain).analysis
    tagged_analysis = town_engine.match(tagged).analysis
    assert plain_analysis is not None and tagged_analysis is not None
    assert tagged_analysis.concepts == plain_analysis.concepts


@pytest.mark.parametrize(
    "question",
    [
        "how do I get a job at the library",
        "how do i join the library",
        "what is kowalski's salary",
        "how old is novak",
    ],
)
def test_near_misses_in_the_facts_vocabulary_are_declined(
    town_engine: Engine, question: str
) -> None:
    """Questions made of the article's words that the article does not answer."""
    assert town_engine.match(question).status is Status.UNKNOWN


def test_a_word_only_one_answer_states_makes_that_fact_plausible(town_engine: Engine) -> None:
    """Only the photo's answer says "ribbon" (no phrasing does): a question about the
    ribbon is about the photo, so the photo is offered, not "not in the article"."""
    match = town_engine.match("who cut the ribbon")
    assert match.status is Status.CLARIFY
    assert match.candidates[0].fact.id == "photo"


@pytest.mark.parametrize(
    ("disguised", "plain"),
    [
        ("wherе did they mееt", "where did they meet"),  # Cyrillic е in Latin words
        ("who runs thе librаry", "who runs the library"),  # Cyrillic е and а
        ("кто руководит Ривертoном", "кто руководит Ривертоном"),  # a Latin o
        ("where did\u200b they me\u200det", "where did they meet"),  # zero-width characters
        ("ｗｈｏ runs the library", "who runs the library"),  # full-width letters
        ("who runs the li\u00adbrary", "who runs the library"),  # a soft hyphen
    ],
)
def test_look_alike_and_invisible_characters_change_nothing(
    town_engine: Engine, disguised: str, plain: str
) -> None:
    """A disguised question is matched exactly as the plain one is."""
    a, b = town_engine.match(disguised), town_engine.match(plain)
    assert (a.status, [c.fact.id for c in a.candidates], a.score) == (
        b.status,
        [c.fact.id for c in b.candidates],
        b.score,
    )
    assert a.status is Status.ANSWERED


def test_every_decline_example_is_declined(town: FactBase) -> None:
    """Each `decline:` example ends "not in the article", in its language (the shipped
    base's are checked in tests/test_shipped_base.py)."""
    matcher = Matcher(town)
    examples = [(lang, q) for lang, asks in town.decline.items() for q in asks]
    assert {lang for lang, _ in examples} == {"en", "ru"}
    answered = [
        q for lang, q in examples if matcher.match(q, language=lang).status is not Status.UNKNOWN
    ]
    assert answered == []


def test_a_question_closest_to_a_decline_example_is_declined() -> None:
    """A reworded decline example is declined too, not only the example itself."""
    text = MINIMAL_FACTS_YAML.replace(
        "smalltalk:\n", "decline:\n  en: [how much will the bridge cost to repair]\nsmalltalk:\n"
    )
    matcher = Matcher(loads(text))
    assert matcher.match("how much will the bridge cost").status is Status.ANSWERED
    declined = matcher.match("how much will repairs to the bridge cost")
    assert declined.status is Status.UNKNOWN
    assert declined.reason.startswith("closest to the decline example")


def test_a_how_to_question_is_declined_when_no_phrasing_asks_one() -> None:
    """ "How do I…" asks the reader's own way of doing something, which no fact says."""
    matcher = Matcher(loads(MINIMAL_FACTS_YAML))
    match = matcher.match("how do i build a bridge")
    assert (match.status, match.reason) == (Status.UNKNOWN, "no fact answers a how-to question")


@pytest.mark.parametrize(
    ("question", "status"),
    [
        ("hello bridge people", Status.SMALLTALK),  # a near miss the small-talk pass took
        ("how do i build a bridge", Status.UNKNOWN),  # no threshold answers a how-to
        ("how long will construction take", Status.ANSWERED),
    ],
)
def test_replaying_decide_on_the_evidence_tells_what_another_answer_threshold_does(
    question: str, status: Status
) -> None:
    """The evidence of a question matched with one answer threshold tells, through
    `decide`, whether any other threshold would answer it: calibration and eval's
    threshold curve rest on that."""
    base = loads(MINIMAL_FACTS_YAML)
    strict = Thresholds(answer_min_score=0.95)
    match = Matcher(base, strict).match(question)
    assert match.status is status
    for score in (0.5, 0.95):
        thresholds = replace(strict, answer_min_score=score)
        replayed = match.evidence is not None and (
            decide(match.evidence, thresholds)[0] is Verdict.ANSWER
        )
        answered = Matcher(base, thresholds).match(question).status is Status.ANSWERED
        assert replayed == answered


# --- calibration ---------------------------------------------------------------------------
def test_calibration_is_deterministic_and_no_worse_than_the_defaults() -> None:
    """Same base, same thresholds; and they do at least as well as the defaults on the
    held-out phrasings they were chosen on."""
    matcher = Matcher(loads(TWO_MEETINGS_YAML))
    first, second = calibrate(collect(matcher)), calibrate(collect(matcher))
    assert first == second
    samples = collect(matcher)
    assert first.utility >= outcome(samples, Thresholds()).utility


def test_calibration_never_answers_a_held_out_decline_example_it_can_avoid(
    write_facts: object,
) -> None:
    """A decline example that the defaults answer makes calibration choose stricter values."""
    text = MINIMAL_FACTS_YAML.replace(
        "smalltalk:\n",
        "decline:\n  en: [how much will the new bridge cost in dollars]\nsmalltalk:\n",
    )
    samples = collect(Matcher(loads(text)))
    chosen = calibrate(samples)
    assert chosen.declines == 1
    assert chosen.declines_answered == 0


def test_calibrated_thresholds_are_written_to_the_decision_block(tmp_path: Path) -> None:
    """`calibrate --write` keeps every other byte and the file reads back the same values."""
    path = tmp_path / "facts.yaml"
    path.write_text(MINIMAL_FACTS_YAML, encoding="utf-8")
    thresholds = Thresholds(answer_min_score=0.65, answer_min_margin=0.08)
    result = write_thresholds(path, thresholds, note="calibrated", settle=0)
    assert result.ok, result.reason
    text = path.read_text(encoding="utf-8")
    assert load(path).thresholds == thresholds
    assert text.startswith(MINIMAL_FACTS_YAML.rstrip("\n"))
    again = write_thresholds(path, Thresholds(answer_min_score=0.7), note="calibrated", settle=0)
    assert again.ok and path.read_text(encoding="utf-8").count("decision:") == 1
    assert load(path).thresholds.answer_min_score == 0.7


def test_a_threshold_out_of_range_is_reported_with_its_line() -> None:
    """The decision block is validated like the rest of facts.yaml."""
    text = MINIMAL_FACTS_YAML.replace("facts:\n", "decision:\n  answer_min_score: 1.5\nfacts:\n", 1)
    with pytest.raises(FactsError) as caught:
        loads(text)
    [problem] = caught.value.problems
    assert str(problem).endswith("decision answer_min_score must be a number from 0 to 1")
    assert problem.line == text.splitlines().index("  answer_min_score: 1.5") + 1


def test_teach_decline_starts_a_decline_section_and_refuses_a_phrasing(tmp_path: Path) -> None:
    """A file without `decline:` gets one; a question a fact answers cannot be declined."""
    path = tmp_path / "facts.yaml"
    path.write_text(MINIMAL_FACTS_YAML, encoding="utf-8")
    added = add_decline(path, "who designed the bridge", settle=0)
    assert added.ok, added.reason
    assert load(path).decline == {"en": ("who designed the bridge",)}
    refused = add_decline(path, "How much will the bridge cost?", settle=0)
    assert not refused.ok
    assert "is a phrasing of fact bridge-cost" in refused.reason


SUMMARY_FACT = """\
  - id: article-topic
    cite: Town council approves new bridge
    answer:
      en: The council approved a new bridge costing 4 million euros.
    ask:
      en: [what is the article about, give me a summary]
"""


@pytest.mark.parametrize(
    "question", ["in a nutshell", "вкратце", "кратко плз", "no time to read", "некогда читать"]
)
def test_a_message_of_nothing_but_how_to_answer_asks_for_the_summary(question: str) -> None:
    """ "in a nutshell", "кратко" or "no time to read" alone is the request itself: read
    through the base's synonym group for a summary, not dropped as a word or frame about
    how to answer."""
    text = MINIMAL_FACTS_YAML.replace(
        "  - [cost, price]\n",
        "  - [cost, price]\n"
        "  - [summary, nutshell, вкратце, кратко, no time to read, некогда читать]\n",
    ).replace("facts:\n", "facts:\n" + SUMMARY_FACT)
    matcher = Matcher(loads(text))
    match = matcher.match(question)
    assert (match.status, match.fact.id if match.fact else None) == (
        Status.ANSWERED,
        "article-topic",
    )
    # With more to ask, the manner word is still no part of it; alone with no group
    # to read it by ("in short"), it is not a question about anything.
    assert matcher.match("tell me briefly how much the bridge will cost").fact is not None
    assert matcher.match("no time to read, how much will the bridge cost").fact is not None
    assert matcher.match("in short").status is Status.UNKNOWN


@pytest.mark.parametrize("question", ["сделай краткое содержание", "сделайте, пожалуйста, резюме"])
def test_a_request_to_make_a_summary_asks_for_it(question: str) -> None:
    """ "сделай" ("make") only wraps the request: the summary is what is asked."""
    text = MINIMAL_FACTS_YAML.replace(
        "  - [cost, price]\n",
        "  - [cost, price]\n  - [summary, краткое содержание, резюме]\n",
    ).replace("facts:\n", "facts:\n" + SUMMARY_FACT)
    match = Matcher(loads(text)).match(question)
    assert (match.status, match.fact.id if match.fact else None) == (
        Status.ANSWERED,
        "article-topic",
    )


def _report_base(reporter: str) -> FactBase:
    """A two-fact base whose report fact names `reporter`."""
    sentence = f"The {reporter} reported the collapse on Friday."
    return loads(
        f"""\
version: 1
article:
  title: Crane falls on mosque
  body:
    - {sentence}
    - A crane fell on the Grand Mosque.
summary:
  en: A crane fell on the Grand Mosque.
facts:
  - id: report
    cite: {sentence}
    answer:
      en: {sentence}
    ask:
      en: [who reported the collapse, when was the collapse reported]
  - id: crane
    cite: A crane fell on the Grand Mosque.
    answer:
      en: A crane fell on the Grand Mosque.
    ask:
      en: [what fell on the mosque, what happened at the grand mosque]
"""
    )


def test_which_category_is_explained_by_a_fact_that_names_one_of_it() -> None:
    """ "Which newspaper reported the collapse?" of a fact that names the Saudi Gazette
    asks nothing the fact leaves out (WordNet: a gazette is a newspaper); of a fact that
    names a ministry, "newspaper" stays unexplained and the fact is only offered."""
    question = "which newspaper reported the collapse"
    gazette_matcher = Matcher(_report_base("Saudi Gazette"))
    for asked in (question, "what kind of newspaper reported the collapse"):
        gazette = gazette_matcher.match(asked)
        assert (gazette.status, gazette.candidates[0].fact.id) == (Status.ANSWERED, "report")
    ministry = Matcher(_report_base("interior ministry")).match(question)
    assert ministry.status is Status.CLARIFY
    assert '"newspaper"' in ministry.reason


def _agency_base(synonyms: str) -> FactBase:
    """Two facts about a space agency's chief; `synonyms` is the synonyms block."""
    return loads(
        f"""\
version: 1
article:
  title: Space chiefs meet
  body:
    - Dmitry Bakanov heads Roscosmos.
    - The chiefs met on July 31.
summary:
  en: The chiefs met on July 31.
{synonyms}
facts:
  - id: chief
    cite: Dmitry Bakanov heads Roscosmos.
    answer:
      en: Dmitry Bakanov heads Roscosmos.
    ask:
      en: [who heads roscosmos, what does bakanov do, who is bakanov]
  - id: meeting
    cite: The chiefs met on July 31.
    answer:
      en: The chiefs met on July 31.
    ask:
      en: [when did the chiefs meet, when was the meeting]
"""
    )


def test_a_name_the_synonym_groups_describe_is_of_that_category() -> None:
    """[roscosmos, russia's space agency] makes Roscosmos an agency: "which agency does
    bakanov head" is answered; with no such group "agency" stays unexplained."""
    question = "which agency does bakanov head"
    described = _agency_base("synonyms:\n  - [roscosmos, russia's space agency]")
    match = Matcher(described).match(question)
    assert (match.status, match.candidates[0].fact.id) == (Status.ANSWERED, "chief")
    bare = Matcher(_agency_base("")).match(question)
    assert bare.status is Status.CLARIFY
    assert '"agency"' in bare.reason


def test_an_irregular_form_of_a_fact_word_is_that_word() -> None:
    """ "began" is "begin", "built" is "build": stems do not join them, dictionary forms do."""
    sentence = "Work on the bridge began in 1998."
    base = loads(
        f"""\
version: 1
article:
  title: Bridge opens
  body:
    - {sentence}
    - The bridge opened in May.
summary:
  en: The bridge opened in May.
facts:
  - id: start
    cite: {sentence}
    answer:
      en: Work on the bridge was started in 1998.
    ask:
      en: [when did work on the bridge begin, what year did bridge work start]
  - id: opening
    cite: The bridge opened in May.
    answer:
      en: The bridge opened in May.
    ask:
      en: [when did the bridge open, when was the opening]
"""
    )
    match = Matcher(base).match("bridge work began wat year")
    assert (match.status, match.candidates[0].fact.id) == (Status.ANSWERED, "start")
