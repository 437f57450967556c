"""Replies: what a reader sees for each kind of match, escaped, within Telegram's limit."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from conftest import JSON_KEYS, MINIMAL_FACTS_YAML, WriteFacts
from fake_bot_api import check_text, parse_html, utf16_len

from bot.answering.engine import Engine
from bot.answering.facts import FactBase, load, loads
from bot.answering.matcher import Candidate, Match, Status
from bot.answering.replies import (
    TELEGRAM_MAX_CHARS,
    Reply,
    Suggestion,
    answer_replies,
    build_reply,
    fact_reply,
    to_html,
    unknown_reply,
)

TAG = re.compile(r"</?(?:b|i|u|s|a|code|pre|blockquote)\b[^>]*>")
HOSTILE = '<b>&"'
"""Characters that break Telegram HTML unless escaped: a tag, an ampersand, a quote."""

BRIDGE_HTML = (
    "The new bridge will cost 4 million euros.\n"
    "\n"
    "<blockquote>“The bridge will cost 4 million euros.”</blockquote>\n"
    "<b>Source: </b><i>paragraph 2 of “Town council approves new bridge”, Staff reporter</i>"
)


def edit(text: str, old: str, new: str, count: int = 1) -> str:
    """Replace `old`, which must occur exactly `count` times, so a changed fixture fails loudly."""
    assert text.count(old) == count, f"expected {count} of {old!r} in the fixture"
    return text.replace(old, new)


@pytest.fixture
def minimal_base(minimal_facts_yaml: str, write_facts: WriteFacts) -> FactBase:
    """The small bridge article as a loaded fact base."""
    return load(write_facts(minimal_facts_yaml))


@pytest.fixture
def hostile_base(minimal_facts_yaml: str, write_facts: WriteFacts) -> FactBase:
    """The bridge article with `<b>&"` in its title, byline, a paragraph, a citation, an
    answer, a phrasing and a small-talk reply."""
    text = edit(
        minimal_facts_yaml,
        "title: Town council approves new bridge",
        f"title: Town {HOSTILE} council",
    )
    text = edit(text, "byline: Staff reporter", f"byline: Staff {HOSTILE} reporter")
    text = edit(
        text,
        "The bridge will cost 4 million euros.",
        f"The {HOSTILE} bridge will cost 4 million euros.",
        count=2,  # the paragraph and its citation
    )
    text = edit(text, "The new bridge will cost", f"The new {HOSTILE} bridge will cost")
    text = edit(text, "how much will the bridge cost", f"how much will the {HOSTILE} bridge cost")
    text = edit(text, "en: Hello!", f"en: Hi {HOSTILE} there")
    return load(write_facts(text))


def with_answer(minimal_facts_yaml: str, write_facts: WriteFacts, answer: str) -> FactBase:
    """The bridge article whose cost fact has `answer` as its English answer."""
    text = edit(
        minimal_facts_yaml,
        "en: The new bridge will cost 4 million euros.\n      ru:",
        f"en: {json.dumps(answer, ensure_ascii=False)}\n      ru:",
    )
    return load(write_facts(text))


def clarify(base: FactBase, language: str, *fact_ids: str) -> Match:
    """A "Did you mean…?" match offering `fact_ids`."""
    candidates = tuple(Candidate(base.by_id[f], 0.6 - i / 10) for i, f in enumerate(fact_ids))
    return Match("bridge?", language, Status.CLARIFY, candidates)


# --- answered ------------------------------------------------------------------------------
def test_answer_shows_the_answer_the_verbatim_quote_its_place_and_source(
    minimal_base: FactBase,
) -> None:
    """An answer is followed by the cited sentence as a blockquote, then place and source."""
    reply = Engine(minimal_base).ask("how much will the bridge cost")
    assert (reply.kind, reply.fact_id, reply.html) == ("answered", "bridge-cost", BRIDGE_HTML)


def test_answer_in_russian_has_russian_labels_and_the_english_quote(
    minimal_base: FactBase,
) -> None:
    """Russian replies say "абзац N" and "Источник"; the quote stays the article's English."""
    reply = fact_reply(minimal_base.by_id["bridge-cost"], minimal_base, "ru")
    assert reply.html == (
        "Мост обойдётся в 4 миллиона евро.\n"
        "\n"
        "<blockquote>“The bridge will cost 4 million euros.”</blockquote>\n"
        "<b>Источник: </b><i>абзац 2 статьи «Town council approves new bridge», Staff reporter</i>"
    )


def test_an_answer_that_is_its_cited_sentence_is_shown_once(minimal_base: FactBase) -> None:
    """A draft's answer is the cited sentence itself: the reply quotes it once, with its
    source, rather than saying it twice; the reply's answer field still holds it."""
    fact = minimal_base.by_id["bridge-cost"]
    verbatim = dataclasses.replace(fact, answers={"en": "The bridge will cost 4 million euros."})
    reply = fact_reply(verbatim, minimal_base, "en")
    assert reply.html == BRIDGE_HTML.split("\n\n", 1)[1]
    assert reply.answer == "The bridge will cost 4 million euros."
    assert fact_reply(fact, minimal_base, "ru").html.count("4") == 2  # a translation stays


SUMMARY_BASE_YAML = MINIMAL_FACTS_YAML.replace(
    "  - [cost, price]\n",
    "  - [cost, price]\n  - [summary, summarize, gist, tl;dr, in short, кратко, вкратце]\n",
).replace(
    "facts:\n",
    "facts:\n"
    "  - id: article-topic\n"
    "    cite: The town council voted on Monday to build a new bridge.\n"
    "    answer:\n"
    "      en: The article reports that the council voted to build a new bridge.\n"
    "      ru: В статье говорится, что совет проголосовал за новый мост.\n"
    "    ask:\n"
    "      en: [what is the article about, summarize the article, give me the gist]\n"
    "      ru: [о чём статья, кратко о статье]\n",
)


@pytest.mark.parametrize(
    ("question", "language"),
    [("tl;dr", "en"), ("summarize the article please", "en"), ("вкратце", "ru")],
)
def test_a_request_for_the_article_in_short_gets_the_summary_with_its_citation(
    question: str, language: str
) -> None:
    """ "tl;dr" asks for nothing but the article in short: the reply is what the article
    is about (the fact it matched), then the base's summary as /summary gives it, then
    the fact's citation."""
    base = loads(SUMMARY_BASE_YAML)
    reply = Engine(base).ask(question)
    topic = base.by_id["article-topic"].answer(language)
    assert (reply.kind, reply.fact_id, reply.answer) == (
        "answered",
        "article-topic",
        f"{topic} {base.summary_in(language)}",
    )
    html = reply.html
    assert html.index(topic) < html.index(base.summary_in(language)) < html.index("voted on Monday")


def test_a_drafted_summary_of_quoted_sentences_is_shown_once_as_the_quotes() -> None:
    """A draft's summary is sentences its topic fact cites: the reply quotes them once."""
    drafted = SUMMARY_BASE_YAML.replace(
        "en: The council approved a new bridge costing 4 million euros.",
        "en: The town council voted on Monday to build a new bridge.",
    )
    reply = Engine(loads(drafted)).ask("tl;dr")
    assert reply.html.count("voted on Monday") == 1


def test_a_question_about_what_the_article_says_gets_the_fact_not_the_summary() -> None:
    """ "What is the article about?" asks for the topic, which the fact states."""
    reply = Engine(loads(SUMMARY_BASE_YAML)).ask("what is the article about?")
    assert (reply.fact_id, reply.answer) == (
        "article-topic",
        "The article reports that the council voted to build a new bridge.",
    )


def test_answer_cites_the_paragraph_counted_past_a_heading_and_names_the_source(
    town_engine: Engine,
) -> None:
    """Where the library is comes from paragraph 6 of the Riverton Herald's article; the
    article's `source` is named rather than its byline."""
    reply = town_engine.ask("wher is the library located")
    assert reply.html == (
        "The library stands on Mill Street, beside the river.\n"
        "\n"
        "<blockquote>“The building was designed by the architect Lena Holm and stands on Mill "
        "Street, beside the river.”</blockquote>\n"
        "<b>Source: </b><i>paragraph 6 of “Riverton opens its new riverside library”, "
        "Riverton Herald</i>"
    )


def test_russian_answer_cites_abzats_six(town_engine: Engine) -> None:
    """The same fact asked in Russian is answered in Russian and placed in "абзац 6"."""
    reply = town_engine.ask("где находится библиотека")
    assert reply.answer == "Библиотека стоит на Милл-стрит, у реки."
    assert reply.html.endswith(
        "<b>Источник: </b><i>абзац 6 статьи «Riverton opens its new riverside library», "
        "Riverton Herald</i>"
    )


@pytest.mark.parametrize(
    ("fact_id", "language", "places", "paragraphs"),
    [
        ("article-topic", "en", "headline, paragraph 2", ["title", 2]),
        ("photo", "en", "photo caption", ["caption"]),
        ("librarians-last-met", "en", "standfirst, paragraph 12", ["standfirst", 12]),
        ("old-library", "en", "paragraph 7, paragraph 8", [7, 8]),
        ("section", "en", "section label", ["section"]),
        ("subheading", "en", "subheading", ["heading"]),
        ("article-topic", "ru", "заголовок, абзац 2", ["title", 2]),
        ("photo", "ru", "подпись к фото", ["caption"]),
        ("librarians-last-met", "ru", "подзаголовок, абзац 12", ["standfirst", 12]),
        ("section", "ru", "рубрика", ["section"]),
        ("subheading", "ru", "промежуточный заголовок", ["heading"]),
    ],
)
def test_citation_place_names_headline_standfirst_caption_or_paragraphs(
    town: FactBase, fact_id: str, language: str, places: str, paragraphs: list[object]
) -> None:
    """Each citation is placed by the part of the article it stands in, one quote per citation."""
    reply = fact_reply(town.by_id[fact_id], town, language)
    source_line = reply.html.splitlines()[-1]
    assert source_line.startswith(f"<b>{'Источник' if language == 'ru' else 'Source'}: </b><i>")
    assert source_line.split("</b><i>")[1].startswith(f"{places} ")
    assert [c.paragraph for c in reply.citations] == paragraphs
    assert reply.html.count("<blockquote>") == len(paragraphs)


# --- clarify -------------------------------------------------------------------------------
def test_clarify_lists_did_you_mean_suggestions_with_their_fact_ids(
    minimal_base: FactBase,
) -> None:
    """A clarify reply asks "Did you mean:" and lists each candidate's question."""
    reply = build_reply(
        clarify(minimal_base, "en", "bridge-cost", "construction-time"), minimal_base
    )
    assert reply.html == (
        "I'm not sure the article answers exactly that. Did you mean:\n"
        "• How much will the bridge cost\n"
        "• How long will construction take"
    )
    assert reply.suggestions == (
        Suggestion("bridge-cost", "How much will the bridge cost"),
        Suggestion("construction-time", "How long will construction take"),
    )
    assert (reply.kind, reply.fact_id, reply.score, reply.citations) == ("clarify", None, 0.6, ())


def test_clarify_in_russian_offers_the_russian_questions(minimal_base: FactBase) -> None:
    """A Russian clarify reply uses the Russian phrasings, capitalised."""
    reply = build_reply(
        clarify(minimal_base, "ru", "bridge-cost", "construction-time"), minimal_base
    )
    assert reply.html == (
        "Не уверен, что в статье есть ответ именно на этот вопрос. Возможно, вы имели в виду:\n"
        "• Сколько стоит мост\n"
        "• Сколько продлится строительство"
    )


def test_real_ambiguous_question_suggests_both_meetings(two_meetings_engine: Engine) -> None:
    """Asking when the mayors met offers both meetings, best first, as their first phrasings."""
    reply = two_meetings_engine.ask("when did the mayors meet")
    ids = [s["fact_id"] for s in reply.to_json()["suggestions"]]
    assert reply.kind == "clarify"
    assert ids == ["friday-meeting", "previous-meeting"]
    assert reply.html.splitlines()[1:3] == [
        "• When did the mayors meet on friday",
        "• When did the mayors meet in march",
    ]


# --- unknown -------------------------------------------------------------------------------
def test_unknown_question_is_echoed_and_three_topics_are_offered(town_engine: Engine) -> None:
    """An unknown question is quoted back and three topics are offered: the related ones
    first, then the first facts of the base."""
    reply = town_engine.ask("How much does the library weigh?")
    assert reply.html == (
        "Sorry, I can't find “How much does the library weigh?” in the article.\n"
        "\n"
        "I can tell you, for example:\n"
        "• How much did the library cost?\n"
        "• How many books does the library hold?\n"
        "• Who is the mayor of Riverton?"
    )
    assert [s.fact_id for s in reply.suggestions] == ["library-cost", "library-books", "mayor"]


def test_unknown_russian_question_is_echoed_in_guillemets(town_engine: Engine) -> None:
    """A Russian question is quoted back «like this», with Russian topics."""
    reply = town_engine.ask("сколько весит библиотека")
    assert reply.html.splitlines()[:4] == [
        "К сожалению, я не нашёл в статье ответа на «сколько весит библиотека».",
        "",
        "Могу рассказать, например:",
        "• Кто мэр Ривертона?",
    ]
    assert len(reply.suggestions) == 3


def test_unknown_without_candidates_offers_the_first_three_facts(town: FactBase) -> None:
    """With nothing related to offer, the first three facts of the base are the topics."""
    reply = unknown_reply(Match("qwertyuiop", "en", Status.UNKNOWN), town)
    assert [s.fact_id for s in reply.suggestions] == [f.id for f in town.facts[:3]]


def test_unknown_offers_related_facts_first_and_tops_up_with_the_first_facts(
    town: FactBase,
) -> None:
    """A related fact (score ≥ 0.25) leads; a barely related one (< 0.25) is not offered."""
    candidates = (Candidate(town.by_id["ferry-2030"], 0.3), Candidate(town.by_id["photo"], 0.2))
    reply = unknown_reply(Match("x", "en", Status.UNKNOWN, candidates), town)
    assert [s.fact_id for s in reply.suggestions] == [
        "ferry-2030",
        town.facts[0].id,
        town.facts[1].id,
    ]


@pytest.mark.parametrize(
    ("message", "first_line"),
    [
        ("lol", "I didn't catch a question there."),
        ("🚀🚀", "I didn't catch a question there."),
        ("hmm...", "I didn't catch a question there."),
        ("ну", "Я не увидел тут вопроса."),
        ("and when?", "I didn't catch what you're asking about."),
        ("почему?", "Я не понял, о чём вопрос."),
        (
            "how heavy is the library?",
            "Sorry, I can't find “how heavy is the library?” in the article.",
        ),
    ],
)
def test_a_message_that_asks_nothing_is_not_searched_for(
    town_engine: Engine, message: str, first_line: str
) -> None:
    """An interjection or an emoji asks nothing: the reply says so and offers questions,
    rather than saying the article was searched for it; a question still is."""
    reply = town_engine.ask(message)
    assert (reply.kind, reply.html.splitlines()[0]) == ("unknown", first_line)
    assert reply.suggestions


@pytest.mark.parametrize(("message", "kind"), [("👍", "acknowledgement"), ("👋", "greeting")])
def test_a_reaction_emoji_is_small_talk(town_engine: Engine, message: str, kind: str) -> None:
    """A thumbs-up is an "ok", a wave a "hi" (bot/data/en/chat_spellings.tsv): small talk,
    not a message that asks nothing."""
    match = town_engine.match(message)
    assert match.status is Status.SMALLTALK
    assert match.smalltalk is not None and match.smalltalk.id == kind


def test_unknown_echo_collapses_whitespace(town: FactBase) -> None:
    """Newlines and runs of spaces in the question are echoed as single spaces."""
    reply = unknown_reply(Match("  where\n\nis   the\tmoon  ", "en", Status.UNKNOWN), town)
    assert reply.html.splitlines()[0] == "Sorry, I can't find “where is the moon” in the article."


@pytest.mark.parametrize(
    ("question", "first_line"),
    [
        ("", "Send me a question about the article, in words."),
        ("  \n ", "Send me a question about the article, in words."),
        ("why " * 40, "Sorry, the article doesn't say that, as far as I can tell."),
        ("why " * 150, "That's a long message! Please ask one short question about the article."),
    ],
    ids=["empty", "blank", "too-long-to-echo", "too-long-to-read"],
)
def test_unknown_head_depends_on_the_question_length(
    town: FactBase, question: str, first_line: str
) -> None:
    """Empty text asks for words, a long question is not echoed, a huge one is called long."""
    reply = unknown_reply(Match(question, "en", Status.UNKNOWN), town)
    assert reply.html.splitlines()[0] == first_line


# --- small talk ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello", "Hello! Ask me about the new library."),
        ("спасибо", "Пожалуйста!"),
    ],
)
def test_small_talk_reply_has_no_citation(town_engine: Engine, text: str, expected: str) -> None:
    """Small talk is answered with its reply alone: no quote, no source, no fact."""
    reply = town_engine.ask(text)
    assert (reply.kind, reply.html, reply.citations, reply.fact_id) == (
        "smalltalk",
        expected,
        (),
        None,
    )
    assert reply.to_json()["citations"] == []


# --- escaping ------------------------------------------------------------------------------
def test_answer_escapes_text_from_the_facts_file(hostile_base: FactBase) -> None:
    """Answer, quote, title and byline are HTML-escaped, so the markup stays ours."""
    reply = fact_reply(hostile_base.by_id["bridge-cost"], hostile_base, "en")
    escaped = '&lt;b&gt;&amp;"'
    assert reply.html == (
        f"The new {escaped} bridge will cost 4 million euros.\n"
        "\n"
        f"<blockquote>“The {escaped} bridge will cost 4 million euros.”</blockquote>\n"
        f"<b>Source: </b><i>paragraph 2 of “Town {escaped} council”, Staff {escaped} reporter</i>"
    )
    assert (
        parse_html(reply.html).splitlines()[0]
        == f"The new {HOSTILE} bridge will cost 4 million euros."
    )


def test_suggestions_escape_phrasings_from_the_facts_file(hostile_base: FactBase) -> None:
    """A phrasing offered in "Did you mean…?" is escaped in the HTML, kept raw in the data."""
    reply = build_reply(clarify(hostile_base, "en", "bridge-cost"), hostile_base)
    assert reply.html.splitlines()[1] == '• How much will the &lt;b&gt;&amp;" bridge cost'
    assert reply.suggestions[0].question == f"How much will the {HOSTILE} bridge cost"
    parse_html(reply.html)


def test_small_talk_reply_from_the_facts_file_is_escaped(hostile_base: FactBase) -> None:
    """A small-talk reply with markup characters is escaped."""
    reply = Engine(hostile_base).ask("hello")
    assert (reply.kind, reply.html) == ("smalltalk", 'Hi &lt;b&gt;&amp;" there')


@pytest.mark.parametrize("language", ["en", "ru"])
def test_unknown_reply_escapes_the_echoed_question(town: FactBase, language: str) -> None:
    """The reader's own text is escaped when it is quoted back."""
    question = f"what is {HOSTILE}</b><i>"
    reply = unknown_reply(Match(question, language, Status.UNKNOWN), town)
    assert '&lt;b&gt;&amp;"&lt;/b&gt;&lt;i&gt;' in reply.html.splitlines()[0]
    assert question in parse_html(reply.html)


def test_engine_reply_to_a_hostile_question_is_parse_html(town_engine: Engine) -> None:
    """Whatever the reader types, the reply parses as Telegram HTML."""
    for question in [HOSTILE, f"where is the library {HOSTILE}", "<blockquote>", "&amp;", "</i>"]:
        parse_html(town_engine.ask(question).html)


# --- Telegram's 4096-character limit ---------------------------------------------------------
def test_huge_answer_is_shortened_to_fit_and_keeps_quote_and_source(
    minimal_facts_yaml: str, write_facts: WriteFacts
) -> None:
    """A 10,000-character answer is cut with "…"; the quote and source lines survive."""
    base = with_answer(minimal_facts_yaml, write_facts, "a" * 10_000)
    html = fact_reply(base.by_id["bridge-cost"], base, "en").html
    first, *rest = html.splitlines()
    assert len(html) <= TELEGRAM_MAX_CHARS
    assert first.startswith("aaaa") and first.endswith("…")
    assert "\n".join(rest) == BRIDGE_HTML.split("\n", 1)[1]
    parse_html(html)


def test_huge_quote_is_shortened_inside_its_blockquote(
    minimal_facts_yaml: str, write_facts: WriteFacts
) -> None:
    """A very long cited paragraph is cut inside the blockquote, which stays closed."""
    long_sentence = "The bridge will cost " + "a great deal " * 600 + "of money."
    text = edit(
        minimal_facts_yaml,
        "- The bridge will cost 4 million euros.",
        f"- {long_sentence}",
    )
    text = edit(text, "cite: The bridge will cost 4 million euros.", f"cite: {long_sentence}")
    base = load(write_facts(text))
    html = fact_reply(base.by_id["bridge-cost"], base, "en").html
    assert len(html) <= TELEGRAM_MAX_CHARS
    assert re.search(r"<blockquote>“The bridge will cost a great deal [a-z ]*…”</blockquote>", html)
    assert html.startswith("The new bridge will cost 4 million euros.\n\n<blockquote>")
    assert html.endswith("Staff reporter</i>")
    parse_html(html)


@pytest.mark.parametrize("question", ["x" * 10_000, HOSTILE * 2_500, "где " * 2_500])
def test_very_long_question_gets_a_short_valid_reply(town_engine: Engine, question: str) -> None:
    """A 10,000-character message is answered within the limit, in valid HTML."""
    html = town_engine.ask(question).html
    assert len(html) <= TELEGRAM_MAX_CHARS
    parse_html(html)


def test_long_answer_full_of_ampersands_keeps_as_much_as_fits(
    minimal_facts_yaml: str, write_facts: WriteFacts
) -> None:
    """An answer that grows when escaped is cut to fit, not emptied."""
    base = with_answer(minimal_facts_yaml, write_facts, "a&" * 3_000)
    html = fact_reply(base.by_id["bridge-cost"], base, "en").html
    assert len(html) <= TELEGRAM_MAX_CHARS
    assert len(parse_html(html).splitlines()[0]) >= 1_000


def test_answer_of_emoji_fits_telegrams_utf16_limit(
    minimal_facts_yaml: str, write_facts: WriteFacts
) -> None:
    """Telegram counts UTF-16 code units; a reply of emoji still fits its 4096 limit."""
    base = with_answer(minimal_facts_yaml, write_facts, "🚀" * 3_000)
    html = fact_reply(base.by_id["bridge-cost"], base, "en").html
    assert utf16_len(check_text(html, "HTML")) <= TELEGRAM_MAX_CHARS


# The checks below go over every fact of a base and pin none: they run on the shipped base
# too, where a fact too long for Telegram or breaking its HTML would be a real fault.
@pytest.fixture(params=["shipped", "town"])
def any_base(request: pytest.FixtureRequest) -> FactBase:
    """The shipped base, then the small Riverton one."""
    return request.getfixturevalue("base" if request.param == "shipped" else "town")


def test_every_fact_renders_as_valid_html_within_the_limit(any_base: FactBase) -> None:
    """Each fact of a base, in each language, is valid Telegram HTML under 4096."""
    base = any_base
    for fact in base.facts:
        for language in ("en", "ru"):
            html = fact_reply(fact, base, language).html
            assert len(html) <= TELEGRAM_MAX_CHARS, fact.id
            parse_html(html)


# --- JSON and plain text -------------------------------------------------------------------
def test_json_of_an_answer_has_exactly_the_documented_keys(minimal_base: FactBase) -> None:
    """`to_json` of an answer has the README's keys and citations of quote, paragraph, source."""
    reply = Engine(minimal_base).ask("how much will the bridge cost")
    data = reply.to_json()
    assert list(data) == JSON_KEYS
    assert data == {
        "question": "how much will the bridge cost",
        "language": "en",
        "status": "answered",
        "fact_id": "bridge-cost",
        "score": reply.score,
        "answer": "The new bridge will cost 4 million euros.",
        "citations": [
            {
                "quote": "The bridge will cost 4 million euros.",
                "paragraph": 2,
                "source": "Staff reporter",
            }
        ],
        "suggestions": [],
        "text": BRIDGE_HTML,
    }
    assert json.loads(json.dumps(data)) == data


def test_json_of_a_clarify_lists_suggestions_and_no_answer(minimal_base: FactBase) -> None:
    """A clarify's JSON has no fact, answer or citations, and each suggestion's id and question."""
    reply = build_reply(
        clarify(minimal_base, "en", "bridge-cost", "construction-time"), minimal_base
    )
    data = reply.to_json()
    assert list(data) == JSON_KEYS
    assert (data["status"], data["fact_id"], data["answer"], data["citations"]) == (
        "clarify",
        None,
        None,
        [],
    )
    assert data["suggestions"] == [
        {"fact_id": "bridge-cost", "question": "How much will the bridge cost"},
        {"fact_id": "construction-time", "question": "How long will construction take"},
    ]


def test_json_keeps_raw_text_and_only_the_text_field_is_escaped(hostile_base: FactBase) -> None:
    """JSON carries the answer and quote as written; only "text" is HTML."""
    data = fact_reply(hostile_base.by_id["bridge-cost"], hostile_base, "en").to_json()
    assert data["answer"] == f"The new {HOSTILE} bridge will cost 4 million euros."
    assert data["citations"][0]["quote"] == f"The {HOSTILE} bridge will cost 4 million euros."
    assert HOSTILE not in data["text"]


def test_plain_text_answer_quotes_with_a_marker_and_has_no_markup(minimal_base: FactBase) -> None:
    """The terminal sees the quote after "> " and no tags or entities."""
    reply = fact_reply(minimal_base.by_id["bridge-cost"], minimal_base, "en")
    assert reply.plain == (
        "The new bridge will cost 4 million euros.\n"
        "\n"
        "> “The bridge will cost 4 million euros.”\n"
        "Source: paragraph 2 of “Town council approves new bridge”, Staff reporter"
    )


def test_plain_text_shows_facts_as_written_without_escaping(hostile_base: FactBase) -> None:
    """Plain text is not HTML, so `<b>&"` from the facts file appears as written."""
    plain = fact_reply(hostile_base.by_id["bridge-cost"], hostile_base, "en").plain
    assert plain.splitlines()[0] == f"The new {HOSTILE} bridge will cost 4 million euros."
    assert "&lt;" not in plain and "&amp;" not in plain


def test_no_reply_has_markup_in_plain_text(any_base: FactBase) -> None:
    """Answers, clarifies, declines and small talk in plain text carry no tags or entities."""
    base, engine = any_base, Engine(any_base)
    replies: list[Reply] = [fact_reply(f, base, lang) for f in base.facts for lang in ("en", "ru")]
    asked = ("who runs it", "how much does the library weigh", "сколько весит мкс", "привет")
    replies += [engine.ask(q) for q in asked]
    assert {r.kind for r in replies} >= {"answered", "unknown", "smalltalk"}
    for reply in replies:
        assert not TAG.search(reply.plain), reply.plain
        assert not re.search(r"&(?:amp|lt|gt|quot);", reply.plain), reply.plain


def test_replies_rendered_in_advance_are_the_replies_built_on_demand(any_base: FactBase) -> None:
    base = any_base
    answers = answer_replies(base)
    assert len(answers) == 2 * len(base.facts)
    for index, fact in enumerate(base.facts):
        for lang in ("en", "ru"):
            match = Match("asked?", lang, Status.ANSWERED, (Candidate(fact, 0.87, index),))
            built = build_reply(match, base)
            ready = build_reply(match, base, answers)
            assert ready == built
            assert ready.html == built.html == to_html(built.lines)
            assert ready.rendered is not None and built.rendered is None
            assert (ready.question, ready.score) == ("asked?", 0.87)


def test_a_question_in_a_language_the_base_has_no_phrasings_in_is_not_called_unanswered() -> None:
    """A draft asks in English only: a Russian question about it is not "not in the
    article" (the article may well say it) but a request to ask in English."""
    english_only = re.sub(r"\n      ru: \[[^\]]*\]", "", MINIMAL_FACTS_YAML)
    engine = Engine(loads(english_only))
    reply = engine.answer("сколько стоит мост").reply.plain
    assert reply.startswith("Вопросы об этой статье я пока понимаю только на английском.")
    assert "не нашёл" not in reply
    assert "• How much will the bridge cost" in reply  # what to ask instead, in English
    both = Engine(loads(MINIMAL_FACTS_YAML)).answer("кто архитектор моста").reply.plain
    assert both.startswith("К сожалению, я не нашёл в статье ответа")
