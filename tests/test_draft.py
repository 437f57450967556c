"""`article-bot draft`: from a saved article (text or HTML) to a facts file that checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answering.engine import Engine
from bot.answering.facts import FactBase, FactsError, loads
from bot.answering.matcher import Matcher, Status
from bot.cli import main
from bot.drafting.draft import SUMMARY_WORD, Draft, draft_article
from bot.drafting.words import SYNONYM_TABLE
from bot.language.sentences import split_sentences

DATA = Path(__file__).resolve().parent / "data" / "draft"
SPACE = DATA / "space-chiefs.txt"  # the bot's own article, saved from the page as text
LUNAR = DATA / "lunar-ice.txt"  # no caption or standfirst, "U.S.", "Dr.", 3.5, a quotation
SOLAR = DATA / "solar-farm.html"  # an HTML page with navigation, share and comment chrome

QUOTE = (
    '"The dialogue went well. We agreed that we will operate the ISS until 2028... And we '
    'will work on the issue of de-orbiting it until 2030," Bakanov was quoted as saying by '
    "Russian state-owned news."
)
CAPTION = (
    "In this pool photograph distributed by the Russian state agency Sputnik, Dmitry "
    "Bakanov, general director of the Russian state space corporation Roscosmos, attends a "
    "meeting with Russian President Vladimir Putin in Moscow on March 31."
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`article-bot argv…` in this process: exit code, stdout, stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def space() -> Draft:
    """The draft of the bot's own article, made once: drafting is deterministic."""
    return draft_article(SPACE)


@pytest.fixture(scope="module")
def space_base(space: Draft) -> FactBase:
    """The space draft, loaded as the bot would load it."""
    return loads(space.yaml_text, "facts.draft.yaml")


@pytest.fixture(scope="module")
def lunar_base() -> FactBase:
    """The second article's draft, loaded."""
    return loads(draft_article(LUNAR).yaml_text, "facts.draft.yaml")


@pytest.fixture(scope="module")
def solar() -> Draft:
    """The HTML page's draft."""
    return draft_article(SOLAR)


# --- the bot's own article ------------------------------------------------------------
def test_article_metadata_is_found_from_the_shape_of_the_text(space_base: FactBase) -> None:
    """Section label, headline, standfirst, caption with its credit and byline are told apart."""
    article = space_base.article
    assert (article.section, article.title, article.standfirst, article.byline) == (
        "Policy",
        "Russian space chief meets NASA administrator in US",
        "The last time that Roscosmos and NASA's chiefs conferred in person was in October 2018.",
        "AFP and BlueShift",
    )
    assert (article.photo_caption, article.photo_credit) == (
        CAPTION,
        "Vyacheslav Prokoftev/Pool/AFP",
    )


def test_paragraphs_are_the_articles_own_text_and_the_subheading_a_heading(
    space_base: FactBase,
) -> None:
    """Every paragraph is copied verbatim, typos included, and "A busy agenda" is a heading."""
    blocks = SPACE.read_text(encoding="utf-8").split("\n\n")
    body = blocks[
        blocks.index("By AFP and BlueShift |") + 1 : blocks.index("Do you like this article?")
    ]
    assert [p.text for p in space_base.article.body] == body
    assert [p.text for p in space_base.article.body if p.heading] == ["A busy agenda"]
    assert "Russia-leaser Baikonur" in space_base.article.paragraphs[6].text


def test_the_repeated_caption_and_page_chrome_are_listed_at_the_top(space: Draft) -> None:
    """What was left out is named in the file's opening comment, with why."""
    header = space.yaml_text.split("version: 1", 1)[0].splitlines()
    assert header[-5:] == [
        "# Left out as not part of the article; check nothing of it is here:",
        "#   - In this pool photograph distributed by the Russian state agency Sputnik, "
        "Dmitry Bakanov, …   [repeated]",
        "#   - Do you like this article?   [page chrome]",
        "#   - Comment Policy   [page chrome]",
        "#   - Captcha *   [page chrome]",
    ]


def test_bakanovs_quotation_stays_one_sentence_and_one_citation(space_base: FactBase) -> None:
    """The three sentences inside the quotation are cited as the one sentence they make."""
    assert split_sentences(QUOTE) == [QUOTE]
    cited = [f for f in space_base.facts if QUOTE in [c.quote for c in f.citations]]
    assert [(f.answer("en"), f.citations[0].location.paragraph) for f in cited] == [(QUOTE, 6)]


def test_every_sentence_of_the_article_is_cited_by_a_fact(space_base: FactBase) -> None:
    """Standfirst, caption and every paragraph sentence each stand behind a fact."""
    quotes = {c.quote for f in space_base.facts for c in f.citations}
    sentences = [
        sentence
        for location, text in space_base.article.parts()
        if not location.is_label
        for sentence in split_sentences(text)
    ]
    assert len(sentences) == 18  # standfirst, caption, 16 in 15 paragraphs
    assert [s for s in sentences if s not in quotes] == []


@pytest.mark.parametrize(
    "question",
    [
        "where was the photo taken",
        "when was the pic taken",
        "what does the picture show",
        # The credit fact is asked who took it, never in a form that reads like these.
        "who is in the photo",
        "whats in the pic",
    ],
)
def test_the_caption_fact_answers_what_readers_ask_of_the_photo(
    space_base: FactBase, question: str
) -> None:
    """The caption says who, where and when: its fact is about the photo, and is asked so."""
    match = Matcher(space_base).match(question)
    assert match.status is Status.ANSWERED
    assert match.fact is not None and match.fact.citations[0].location.part == "caption"


def test_a_restated_sentence_joins_the_fact_it_restates(space_base: FactBase) -> None:
    """The standfirst and paragraph 8 give the same date for the same event: one fact."""
    fact = next(f for f in space_base.facts if f.id.startswith("standfirst-"))
    assert [c.location.json_value for c in fact.citations] == ["standfirst", 8]


def test_every_fact_answers_with_its_sentence_and_has_five_english_phrasings(
    space_base: FactBase,
) -> None:
    """A sentence's fact answers with that sentence; every fact has at least five phrasings."""
    for fact in space_base.facts:
        assert list(fact.phrasings) == ["en"]
        assert len(fact.phrasings["en"]) >= 5
        if fact.id not in ("article-topic", "source", "section", "photo-credit"):
            assert fact.answer("en") == fact.citations[0].quote
    by_id = space_base.by_id
    assert by_id["source"].answer("en") == "The article is by AFP and BlueShift."
    assert by_id["section"].answer("en") == "The article is in the Policy section."
    assert by_id["photo-credit"].answer("en") == (
        "The photo is credited to Vyacheslav Prokoftev/Pool/AFP."
    )


def test_the_headline_fact_answers_with_the_summary_and_cites_its_sentences(
    space_base: FactBase,
) -> None:
    """ "What is the article about?" and "tl;dr" get the headline and the summary; every
    summary sentence is cited where it stands."""
    fact = space_base.by_id["article-topic"]
    headline, *summary = fact.citations
    assert headline.quote == "Russian space chief meets NASA administrator in US"
    assert fact.answer("en") == f"“{headline.quote}”: {space_base.summary_in('en')}"
    assert " ".join(c.quote for c in summary) == space_base.summary_in("en")
    assert next(g for g in SYNONYM_TABLE if g[0] == SUMMARY_WORD) in space_base.synonyms
    matcher = Matcher(space_base)
    for question in (
        "tldr?",
        "can you summarise the story",
        "give me an overview",
        "so what happened, briefly?",
        "what is this about, in a couple of sentences",
        "main takeaway?",
        "what is this about, in simple words?",
    ):
        match = matcher.match(question)
        assert (match.status, match.candidates[0].fact.id) == (Status.ANSWERED, "article-topic")


def test_every_fact_and_the_summary_are_marked_as_drafts(space_base: FactBase) -> None:
    """`draft: true` stands on each generated fact and on the summary until reviewed."""
    assert space_base.summary_draft is True
    assert {f.draft for f in space_base.facts} == {True}


def test_the_summary_is_three_to_five_central_sentences_of_the_article(
    space_base: FactBase,
) -> None:
    """The summary is made of the article's own sentences, in order, lead first."""
    summary = space_base.summary_in("en")
    sentences = split_sentences(summary)
    assert 3 <= len(sentences) <= 5
    assert sentences[0] == space_base.article.standfirst
    assert all(
        s in space_base.article.standfirst
        or any(s in p.text for p in space_base.article.paragraphs)
        for s in sentences
    )


def test_small_talk_is_copied_from_the_defaults(space_base: FactBase) -> None:
    """Greeting, thanks, acknowledgement, goodbye and the questions about the bot come
    with every draft (bot/data/draft_smalltalk.yaml), and "ok cool", "yo", "cya", a
    reader's "lol" or "are you a real person?" is small talk."""
    assert [s.id for s in space_base.smalltalk] == [
        "greeting",
        "thanks",
        "acknowledgement",
        "goodbye",
        "who-are-you",
        "what-can-you-do",
        "how-are-you",
    ]
    assert space_base.smalltalk[0].answer("en") == (
        'Hello! Ask me anything about the article "Russian space chief meets NASA '
        'administrator in US".'
    )
    matcher = Matcher(space_base)
    chat = (
        "ok cool",
        "yo",
        "thx",
        "sounds good",
        "cya",
        "what can you help me with?",
        "lol",
        "are you a real person?",
        "am i talking to a bot",
        "ты робот?",
    )
    assert [matcher.match(q).status for q in chat] == [Status.SMALLTALK] * len(chat)


def test_what_readers_talk_about_is_no_meeting_in_a_draft(space_base: FactBase) -> None:
    """ "What did they talk about" asks what was discussed: every draft has that group, so
    its "talk" is neither set aside (small talk's "talk later") nor read as the article's
    "talks" (a meeting)."""
    matcher = Matcher(space_base)
    assert matcher.analyse("the talks").concepts == matcher.analyse("the meeting").concepts
    talked = matcher.analyse("what did they talk about").concepts
    assert talked == matcher.analyse("what did they discuss").concepts
    assert talked and talked.isdisjoint(matcher.analyse("the talks").concepts)


def test_thanks_with_a_word_the_article_uses_is_still_small_talk(space_base: FactBase) -> None:
    """The article's "source of great pride" does not turn a reader's "great, thanks for
    the help" into a question; a question with "great" in it is still one."""
    matcher = Matcher(space_base)
    assert matcher.match("great, thanks for the help").status is Status.SMALLTALK
    assert matcher.match("what has been a source of great pride").status is not Status.SMALLTALK


def test_synonym_groups_come_from_the_article_and_a_general_table(space_base: FactBase) -> None:
    """The article's acronym and a general group with one of its words are included."""
    assert space_base.synonyms[0] == (
        "iss",
        "international space station",
        "space station",
        "station",
    )
    delay = next(g for g in space_base.synonyms if "delayed" in g)
    assert delay[:4] == ("delay", "delayed", "postpone", "postponed")


def test_a_general_synonym_never_takes_a_common_word_of_another_meaning(
    space_base: FactBase,
) -> None:
    """A group's form whose stem is a common word of its own would fold that word in:
    "stated" would make the article's "state agency" a saying, "manned" the "man in the
    photo" an occupation. The general table leaves such forms out."""
    matcher = Matcher(space_base)
    say = matcher.analyse("what did he say").concepts
    occupied = matcher.analyse("how long has the station been occupied").concepts
    assert say and occupied
    assert say.isdisjoint(matcher.analyse("which state agency distributed it").concepts)
    assert occupied.isdisjoint(matcher.analyse("who is the man in the photo").concepts)


def test_every_draft_has_the_words_for_the_article_itself(lunar_base: FactBase) -> None:
    """Readers say "the piece" or "this story" of any article, whatever its text says: a
    word for the article itself adds nothing to a question that asks more."""
    assert "article" not in lunar_base.article.body[0].text.lower()
    assert ("article", "story", "piece") in lunar_base.synonyms
    matcher = Matcher(lunar_base)
    plain = matcher.match("who led the team")
    framed = matcher.match("who led the team, according to the piece")
    assert plain.analysis is not None and framed.analysis is not None
    assert framed.analysis.concepts == plain.analysis.concepts


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("what did bakanov say", "p6-dialogue-bakanov-quoted"),
        ("why was the launch delayed", "p4-weather-delayed-launch"),
        ("which country is baikonur in", "p7-duffy-baikonur-kazakhstan"),
        ("who is nasa's acting administrator", "p3-duffy-kennedy-florida"),
    ],
)
def test_the_draft_answers_questions_with_no_edits(
    space_base: FactBase, question: str, fact_id: str
) -> None:
    """The engine answers plain questions from the drafted facts as they stand."""
    reply = Engine(space_base).ask(question).to_json()
    assert (reply["status"], reply["fact_id"]) == ("answered", fact_id)


def test_the_draft_declines_what_the_article_does_not_say(space_base: FactBase) -> None:
    """A question about something the article never mentions is not answered."""
    assert Engine(space_base).ask("how tall is mount everest").to_json()["status"] == "unknown"


# --- a second article, of another shape -----------------------------------------------
def test_a_second_article_keeps_quotation_abbreviations_and_decimals_whole(
    lunar_base: FactBase,
) -> None:
    """No caption or standfirst, a byline after the headline, "U.S.", "Dr." and 3.5 intact."""
    article = lunar_base.article
    assert (article.title, article.byline, article.standfirst, article.photo_caption) == (
        "Dr. Amara Osei's team finds water ice in lunar crater",
        "Jane Doe",
        "",
        "",
    )
    assert [p.text for p in article.body if p.heading] == ["What the ice means"]
    quotes = [c.quote for f in lunar_base.facts for c in f.citations]
    assert (
        quotes.count(
            '"We were surprised. The signal was much stronger than our models predicted. This '
            'changes where the first crewed base should go," Dr. Osei said in an interview.'
        )
        == 1
    )
    assert (
        "They estimate the crater holds about 3.5 billion tonnes of frozen water, roughly "
        "twice the figure NASA gave in 2019."
    ) in quotes
    assert "The U.S. space agency plans to land astronauts near the pole in 2027." in quotes
    assert len(article.paragraphs) == 6


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            '"We went. It worked," Dr. Lee said of the 3.5 km trip. Then he left.',
            ['"We went. It worked," Dr. Lee said of the 3.5 km trip.', "Then he left."],
        ),
        (
            "“We studied it. The fish are fine,” said Dr. Piet Maas. He smiled.",
            ["“We studied it. The fish are fine,” said Dr. Piet Maas.", "He smiled."],
        ),
        (
            "'We are done. Go home,' she said. The end.",
            ["'We are done. Go home,' she said.", "The end."],
        ),
        (
            "The U.S. Senate voted. J. R. R. Tolkien agreed, e.g. on No. 5.",
            ["The U.S. Senate voted.", "J. R. R. Tolkien agreed, e.g. on No. 5."],
        ),
        (
            "It cost approx. 3.5 million rubles. It ended at 3.45 p.m. GMT. Done.",
            ["It cost approx. 3.5 million rubles.", "It ended at 3.45 p.m. GMT.", "Done."],
        ),
    ],
)
def test_sentences_split_at_ends_only(text: str, sentences: list[str]) -> None:
    """Quotations, titles, initials, abbreviations and decimals do not end a sentence."""
    assert split_sentences(text) == sentences


# --- an HTML page -----------------------------------------------------------------------
def test_an_html_page_gives_its_article_and_metadata(solar: Draft) -> None:
    """trafilatura finds the main text and metadata; the caption comes from <figcaption>."""
    article = solar.article
    assert (article.format, article.title, article.section, article.byline, article.source) == (
        "html",
        "Harbour town opens floating solar farm",
        "Energy",
        "Maria Olsen",
        "Coastal Courier",
    )
    assert article.standfirst == "The array on the old quarry lake will power about 1,200 homes."
    assert (article.caption, article.credit) == (
        "Workers check panels on Quarry Lake on June 3.",
        "Lena Berg/Coastal Courier",
    )
    assert [(b.text[:40], b.heading) for b in article.body] == [
        ("The town of Westhaven switched on a floa", False),
        ("The 4.2-megawatt array covers a third of", False),
        ("Fish and fears", True),
        ("Anglers had opposed the project because ", False),
        ('"We studied the water for two years. The', False),
    ]
    loads(solar.yaml_text, "facts.draft.yaml")


def test_an_html_pages_navigation_and_chrome_are_listed_as_left_out(solar: Draft) -> None:
    """Menus, share buttons, "Most read", comments and the footer are dropped and listed."""
    assert [d.text for d in solar.article.dropped] == [
        "Home",
        "News",
        "Sport",
        "Subscribe",
        "Sign in | Register",
        "Share this article: Facebook Twitter Email",
        "Most read",
        "Ferry timetable changes",
        "Council budget row",
        "Comments",
        "Comment Policy",
        "Captcha",
        "© 2025 Coastal Courier. All rights reserved.",
        "Subscribe to our newsletter",
    ]


# --- the command --------------------------------------------------------------------------
def test_draft_writes_facts_draft_yaml_that_check_accepts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no -o the draft goes to ./facts.draft.yaml, and `check` passes it unedited."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "draft", str(LUNAR))
    assert (code, err) == (0, "")
    assert out == (
        "Wrote facts.draft.yaml: 8 facts, "
        f"{loads((tmp_path / 'facts.draft.yaml').read_text(encoding='utf-8')).phrasing_count} "
        "phrasings from 6 paragraphs (1 subheading), 7 sentences.\n"
        "Left out 2 lines of page chrome and repeats; they are listed at the top of the file.\n"
        "Every entry is marked `draft: true`: review each, delete the mark, then run "
        "`article-bot check facts.draft.yaml`.\n"
    )
    code, out, _ = run(capsys, "check", "facts.draft.yaml")
    assert code == 0
    assert out.startswith("facts.draft.yaml: OK: 8 facts, ")


def test_draft_never_overwrites_a_file_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An existing output is left alone unless --force is given."""
    output = tmp_path / "facts.yaml"
    output.write_text("precious", encoding="utf-8")
    code, out, err = run(capsys, "draft", str(LUNAR), "-o", str(output))
    assert (code, out, err) == (
        1,
        "",
        f"article-bot: {output} already exists; pass --force to overwrite it, or -o PATH to "
        "write elsewhere\n",
    )
    assert output.read_text(encoding="utf-8") == "precious"
    code, _, _ = run(capsys, "draft", str(LUNAR), "-o", str(output), "--force")
    assert code == 0
    assert output.read_text(encoding="utf-8").startswith("# Drafted by `article-bot draft`")


def test_draft_json_prints_what_it_found(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--json gives the metadata, the counts and the dropped lines for scripts."""
    output = tmp_path / "lunar.yaml"
    code, out, err = run(capsys, "draft", str(LUNAR), "-o", str(output), "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report.pop("phrasings") == loads(output.read_text(encoding="utf-8")).phrasing_count
    assert report == {
        "article": str(LUNAR),
        "output": str(output),
        "format": "text",
        "title": "Dr. Amara Osei's team finds water ice in lunar crater",
        "section": None,
        "standfirst": None,
        "byline": "Jane Doe",
        "source": "Science desk",
        "dateline": None,
        "caption": None,
        "credit": None,
        "paragraphs": 6,
        "headings": ["What the ice means"],
        "sentences": 7,
        "facts": 8,
        "synonym_groups": 15,  # the always-there groups: summary, article, discuss
        "dropped": [
            {"text": "Share this article", "reason": "page chrome"},
            {"text": "Related articles", "reason": "page chrome"},
        ],
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty; save the article's text (or its HTML page) into it"),
        (b"  \n\n \t\n", "the file is empty; save the article's text (or its HTML page) into it"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "not a text file (it holds binary data); save the article as plain text or as an "
            "HTML page",
        ),
        (
            b"Title\n\nCaf\xe9 society.\n",
            "not UTF-8 text (invalid continuation byte); save the article as UTF-8",
        ),
    ],
)
def test_an_unreadable_article_is_one_clear_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    """Empty, binary and non-UTF-8 files each give one line naming the file, and no output."""
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    output = tmp_path / "out.yaml"
    code, out, err = run(capsys, "draft", str(article), "-o", str(output))
    where = f"{article}:3" if "UTF-8" in message else str(article)
    assert (code, out, err) == (1, "", f"article-bot: {where}: {message}\n")
    assert not output.exists()


# --- the loader's draft marks -------------------------------------------------------------
def test_a_draft_mark_must_be_true_or_false(minimal_facts_yaml: str) -> None:
    """`draft: maybe` is an error on its line, saying what to write."""
    text = minimal_facts_yaml.replace(
        "  - id: bridge-cost\n", "  - id: bridge-cost\n    draft: maybe\n"
    )
    with pytest.raises(FactsError) as caught:
        loads(text)
    line = text.splitlines().index("    draft: maybe") + 1
    assert str(caught.value) == (
        f'facts.yaml:{line}: fact "bridge-cost" draft must be true or false (delete it once the '
        "entry is reviewed)"
    )


def test_a_summary_can_be_marked_as_a_draft(minimal_facts_yaml: str) -> None:
    """`summary: {draft: true, en: …}` loads, and a plain summary is no draft."""
    text = minimal_facts_yaml.replace("summary:\n", "summary:\n  draft: true\n")
    assert (loads(text).summary_draft, loads(minimal_facts_yaml).summary_draft) == (True, False)
    assert loads(text).summary["en"] == "The council approved a new bridge costing 4 million euros."


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("which section is this story filed under?", "section"),
        ("which news agency is the story credited to?", "source"),
    ],
)
def test_the_articles_own_facts_are_asked_as_readers_ask_of_any_article(
    space_base: FactBase, question: str, fact_id: str
) -> None:
    """Section, byline and photo credit are asked from draft_metadata_questions.txt, the
    ways readers ask about any news article."""
    match = Matcher(space_base).match(question)
    assert (match.status, match.fact.id if match.fact else None) == (Status.ANSWERED, fact_id)
