"""`article-bot draft` on any article: a draft that loads, or one clear line; never a crash."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answering.engine import Engine
from bot.answering.facts import loads
from bot.answering.match import Status
from bot.answering.replies import source_reply
from bot.drafting.draft import Draft, DraftError, draft_article

NAMES = ["Zoë Ångström", "José Müller-Lüdenscheid", "Łukasz Nowak", "Ken Bates", "Александр Иванов"]
PIECES = [
    "the council",
    "fishermen and schoolchildren alike",
    "queued",
    "said",
    "on Saturday",
    "in Bergen",
    "$40m",
    "€3.2bn",
    "5.5 million euros",
    "120 km/h",
    "3.5%",
    "1,200 people",
    "aged 42",
    "because of the storm",
    "after the vote",
    "U.S.",
    "Dr.",
    "e.g.",
    "—",
    ";",
    "(AFP)",
    "4.2-megawatt",
    "21st",
    "东京",
    *NAMES,
]


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Articles of news shape: an optional headline and byline, then paragraphs of
    sentences built from names, numbers with units and currencies, quotes that run over
    a paragraph break, and list items."""
    words = st.lists(st.sampled_from(PIECES), min_size=0, max_size=14).map(" ".join)
    sentence = st.tuples(words, st.sampled_from([".", "?", "!", ":", "", '."', ".”"])).map(
        lambda pair: (pair[0][:1].upper() + pair[0][1:] + pair[1]).strip()
    )
    paragraph = st.lists(sentence, min_size=0, max_size=4).map(" ".join)
    item = words.map(lambda text: f"- {text}")
    blocks = draw(
        st.lists(st.one_of(paragraph, item, paragraph.map(lambda p: f"“{p}")), max_size=7)
    )
    head = []
    if draw(st.booleans()):
        head.append(draw(words).title() or "Headline")
    if draw(st.booleans()):
        head.append(
            draw(st.sampled_from(["By Jane Doe | Coastal Times", "By AFP", "By Zoë Ångström"]))
        )
    return draw(st.sampled_from(["\n\n", "\n", " "])).join([*head, *blocks])


def _draft(tmp_path: Path, text: str) -> Draft | str:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    try:
        return draft_article(path)
    except DraftError as exc:
        return str(exc)


def _assert_sound(draft: Draft | str) -> None:
    """A draft that loads and keeps the paragraphs verbatim, or one line naming the file."""
    if isinstance(draft, str):
        assert "\n" not in draft
        assert "article.txt" in draft
        return
    base = loads(draft.yaml_text, "facts.draft.yaml")
    body = [b for b in draft.article.paragraphs]
    assert body
    for fact in base.facts:
        assert fact.phrasings["en"]
        for phrasing in fact.phrasings["en"]:
            assert re.search(r"\w", phrasing)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same articles on every run: the suite stays deterministic
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=articles())
def test_any_generated_article_drafts_or_fails_in_one_line(tmp_path: Path, text: str) -> None:
    """Whatever shape the text has, `draft` writes a loadable draft or says why not in one line."""
    _assert_sound(_draft(tmp_path, text))


REAL_SHAPED = {
    "no-headline": (
        "The council approved the harbour plan on Monday after a four-hour debate. "
        "Work will start in May.\n\nMayor Ingrid Dahl said the plan would cost €3.2bn."
    ),
    "one-paragraph": (
        "Ken Bates, 42, broke the speed record in Leeds on Sunday, reaching 120 km/h on "
        "a bicycle he built himself."
    ),
    "quote-over-paragraphs": (
        "Striker signs for record fee\n\n"
        "“This is the biggest day of my life. I grew up watching this club.\n\n"
        "“I want to win the league,” said José Müller-Lüdenscheid, who joined for $40m."
    ),
    "lists": (
        "What the budget holds\n\nThe budget, published on Wednesday, has three parts:\n\n"
        "- 1,200 new teachers\n- a 3.5% pay rise\n- free school meals\n\n"
        "Finance Minister Łukasz Nowak said the plan was fair."
    ),
    "non-ascii-names": (
        "Zoë Ångström wins Nobel prize\n\nBy Jane Doe | Coastal Times\n\n"
        "STOCKHOLM (AFP) — Zoë Ångström won the prize on Tuesday for her work on "
        "batteries. Александр Иванов, her co-author, shared it."
    ),
}


@pytest.mark.parametrize("name", sorted(REAL_SHAPED))
def test_real_shaped_articles_give_a_draft_that_loads(tmp_path: Path, name: str) -> None:
    """News of every shape drafts into a fact base that loads, every paragraph kept."""
    draft = _draft(tmp_path, REAL_SHAPED[name])
    assert isinstance(draft, Draft), draft
    _assert_sound(draft)
    kept = " ".join(draft.article.paragraphs)
    for sentence in (
        "said the plan",
        "120 km/h",
        "watching this club",
        "3.5% pay rise",
        "batteries",
    ):
        if sentence in REAL_SHAPED[name]:
            assert sentence in kept


def test_a_quotation_over_two_paragraphs_keeps_each_paragraph_whole(tmp_path: Path) -> None:
    """A quotation that runs over a paragraph break leaves both paragraphs verbatim."""
    draft = _draft(tmp_path, REAL_SHAPED["quote-over-paragraphs"])
    assert isinstance(draft, Draft)
    assert draft.article.paragraphs == (
        "“This is the biggest day of my life. I grew up watching this club.",
        "“I want to win the league,” said José Müller-Lüdenscheid, who joined for $40m.",
    )


def test_an_article_without_a_headline_keeps_its_first_paragraph(tmp_path: Path) -> None:
    """With no headline the first sentence stands in as the title, and the header says so."""
    draft = _draft(tmp_path, REAL_SHAPED["no-headline"])
    assert isinstance(draft, Draft)
    assert draft.article.title == (
        "The council approved the harbour plan on Monday after a four-hour debate."
    )
    assert draft.article.paragraphs[0].startswith("The council approved")
    assert "# No headline found: the title is the first sentence" in draft.yaml_text


def test_a_byline_keeps_its_publication_and_the_dateline_is_reported(tmp_path: Path) -> None:
    """ "By Jane Doe | Coastal Times" keeps both; the dateline is listed in the header."""
    draft = _draft(tmp_path, REAL_SHAPED["non-ascii-names"])
    assert isinstance(draft, Draft)
    assert (draft.article.byline, draft.article.source) == ("Jane Doe", "Coastal Times")
    assert draft.article.dateline == "STOCKHOLM (AFP)"
    assert "# Dateline (it opens paragraph 1, where it stays): STOCKHOLM (AFP)" in draft.yaml_text


def test_a_standalone_date_line_is_metadata_not_chrome(tmp_path: Path) -> None:
    """A "Published …" line under the byline is the dateline, not left out as chrome."""
    text = "Bridge opens\n\nBy Jane Doe\n\nPublished March 3, 2025\n\nThe bridge opened on Monday."
    draft = _draft(tmp_path, text)
    assert isinstance(draft, Draft)
    assert draft.article.dateline == "Published March 3, 2025"
    assert draft.article.dropped == ()


def test_the_date_line_is_kept_in_the_base_and_answers_when_it_was_published(
    tmp_path: Path,
) -> None:
    """A date line becomes `article.dateline`, cited by a fact that readers' "when was
    this published?" finds, and shown where the bot names its source."""
    text = "Bridge opens\n\nBy Jane Doe\n\nMonday, March 3, 2025\n\nThe bridge opened on Monday."
    draft = _draft(tmp_path, text)
    assert isinstance(draft, Draft)
    base = loads(draft.yaml_text, "facts.draft.yaml")
    assert base.article.dateline == "Monday, March 3, 2025"
    engine = Engine(base)
    for question in ("when was this article published?", "date of the story"):
        match = engine.match(question)
        assert (match.status, match.fact.id if match.fact else None) == (
            Status.ANSWERED,
            "article-date",
        )
        assert match.fact is not None
        assert match.fact.citations[0].location.label() == "dateline"
    assert "Monday, March 3, 2025" in source_reply(base, "en").plain


SET_ONE = frozenset(
    "ozone-warming-crops ie6-countdown homeopathy-death-trial italy-school-taxes "
    "taipei-lantern-festival matariki-holiday".split()
)
BENCHMARK_ARTICLES = Path(__file__).resolve().parent.parent / "benchmarks" / "articles"
ARTICLES = sorted(a for a in BENCHMARK_ARTICLES.glob("*.txt") if a.stem in SET_ONE)
"""Six of the first set of real articles, six topics, the two longest left out (800 words:
two seconds each). All thirty-three are drafted and checked by the measurements in README
("How an unedited draft does"): drafting them here would take the suite past a minute."""


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_real_articles_of_other_topics_draft_into_a_base_that_loads(article: Path) -> None:
    """Each real article of benchmarks/articles/ drafts without a crash, every paragraph
    kept verbatim in the base the bot loads."""
    draft = draft_article(article)
    base = loads(draft.yaml_text, "facts.draft.yaml")
    assert [p.text for p in base.article.paragraphs] == list(draft.article.paragraphs)
    assert all(fact.phrasings["en"] for fact in base.facts)


def test_a_draft_is_the_same_whatever_the_process_hashes_strings_with() -> None:
    """Two runs of `draft` on one article write the same file: nothing in it follows the
    order of a set, which changes from process to process (PYTHONHASHSEED; these two
    seeds drafted this article differently while a keyword form's words followed a set)."""
    article = BENCHMARK_ARTICLES / "indonesia-asylum-rescue.txt"
    script = (
        "import sys; from bot.drafting.draft import draft_article; "
        "sys.stdout.write(draft_article(sys.argv[1]).yaml_text)"
    )
    runs = [  # side by side: the suite's time is the slowest worker's
        subprocess.Popen(
            [sys.executable, "-c", script, str(article)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in ("1", "2")
    ]
    try:
        drafts = [run.communicate(timeout=60) for run in runs]
    finally:
        for run in runs:
            run.kill()  # no-op for a finished run; a hung one must not outlive the test
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in drafts]
    assert drafts[0][0] == drafts[1][0]
