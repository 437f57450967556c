"""Turn a `Match` (or a command) into reply data, then into Telegram HTML or plain text.

Pure: no Telegram, no I/O. Every string that comes from a user or from facts.yaml is
escaped in `to_html`, and no rendered reply exceeds Telegram's 4096 characters.
"""

from __future__ import annotations

import dataclasses
import functools
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.answering.facts import DEFAULT_LANGUAGE, LANGUAGES, Citation, Fact, FactBase
from bot.answering.matcher import Match, Status
from bot.answering.messages import LANGUAGE_NAMES_IN, message
from bot.answering.model import normalise_phrasing

TELEGRAM_MAX_CHARS = 4096
MAX_ECHO_CHARS = 120
"""How much of a reader's question is quoted back in an "I don't know" reply."""
DEFAULT_TOPICS = 3
_KIND = {status: status.value for status in Status}
"""A reply's kind per status (`Enum.value` is a Python-level property: looked up once)."""


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one style: "", "b", "i" or "quote"."""

    text: str
    style: str = ""


@dataclass(frozen=True, slots=True)
class CitationView:
    """A citation as a reader sees it: the quote, its place, the source."""

    quote: str
    place: str
    paragraph: int | str
    source: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A fact offered to the reader, with the question it answers."""

    fact_id: str
    question: str


@dataclass(slots=True)
class Reply:
    """Everything a front end needs to send one reply. Not frozen, as `Match` is not:
    one is built for every question, and on Python 3.11 a frozen dataclass of ten
    fields takes twice as long to build. Nothing changes a reply once built."""

    kind: str  # a `Status` value, or a command name such as "summary"
    language: str
    lines: tuple[tuple[Span, ...], ...]
    question: str = ""
    fact_id: str | None = None
    score: float | None = None
    answer: str | None = None
    citations: tuple[CitationView, ...] = ()
    suggestions: tuple[Suggestion, ...] = field(default=())
    rendered: str | None = field(default=None, compare=False, repr=False)
    """`html`, when it was rendered in advance (see `answer_replies`)."""

    @property
    def html(self) -> str:
        """The reply as Telegram HTML."""
        return self.rendered if self.rendered is not None else to_html(self.lines)

    @property
    def plain(self) -> str:
        """The reply as plain text for a terminal."""
        return to_plain(self.lines)

    def to_json(self) -> dict[str, Any]:
        """The `ask --json` object."""
        return {
            "question": self.question,
            "language": self.language,
            "status": self.kind,
            "fact_id": self.fact_id,
            "score": self.score,
            "answer": self.answer,
            "citations": [
                {"quote": c.quote, "paragraph": c.paragraph, "source": c.source}
                for c in self.citations
            ],
            "suggestions": [
                {"fact_id": s.fact_id, "question": s.question} for s in self.suggestions
            ],
            "text": self.html,
        }


def to_html(lines: tuple[tuple[Span, ...], ...]) -> str:
    """Telegram HTML: escaped text, <b>/<i>, quotes as <blockquote>; cut to 4096 characters."""
    return _fit(_render_html(lines), lines, _render_html)


def _render_html(lines: tuple[tuple[Span, ...], ...]) -> str:
    rendered = []
    for line in lines:
        parts = []
        for span in line:
            text = span.text
            if "&" in text or "<" in text or ">" in text:  # most text has nothing to escape
                text = html.escape(text, quote=False)
            if span.style == "quote":
                text = f"<blockquote>{text}</blockquote>"
            elif span.style in ("b", "i"):
                text = f"<{span.style}>{text}</{span.style}>"
            parts.append(text)
        rendered.append("".join(parts))
    return "\n".join(rendered)


def to_plain(lines: tuple[tuple[Span, ...], ...]) -> str:
    """Readable plain text: quotes are indented with "> "."""
    rendered = []
    for line in lines:
        text = "".join(span.text for span in line)
        if line and line[0].style == "quote":
            text = "\n".join(f"> {part}" for part in text.splitlines())
        rendered.append(text)
    return "\n".join(rendered)


def telegram_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def _fit(text: str, lines: tuple[tuple[Span, ...], ...], render: Any) -> str:
    """Shorten the longest span, as little as needed, until the rendered text fits
    Telegram's limit. Escaping can make a span longer rendered than raw, so the cut is
    found by bisection on the rendered length, not computed from the raw one."""
    if len(text) <= TELEGRAM_MAX_CHARS // 2 or telegram_length(text) <= TELEGRAM_MAX_CHARS:
        return text  # a character is at most two UTF-16 code units
    i, j = max(
        ((i, j) for i, line in enumerate(lines) for j in range(len(line))),
        key=lambda ij: len(lines[ij[0]][ij[1]].text),
    )
    span = lines[i][j]
    closing = "”" if span.text.endswith("”") else ""

    def with_cut(keep: int) -> str:
        shorter = Span(span.text[:keep].rstrip() + "…" + closing, span.style)
        new_line = (*lines[i][:j], shorter, *lines[i][j + 1 :])
        rendered: str = render((*lines[:i], new_line, *lines[i + 1 :]))
        return rendered

    low, high = 0, len(span.text) - 1  # the longest prefix that still fits
    while low < high:
        middle = (low + high + 1) // 2
        if telegram_length(with_cut(middle)) <= TELEGRAM_MAX_CHARS:
            low = middle
        else:
            high = middle - 1
    return with_cut(low)


# --- replies to questions --------------------------------------------------------------
AnswerReplies = Mapping[tuple[str, str], Reply]
"""Every fact's reply, rendered, by (fact id, language): see `answer_replies`."""


def answer_replies(base: FactBase) -> dict[tuple[str, str], Reply]:
    """Each fact's reply in each language, built and rendered once: most questions are
    answered with one of these, so `build_reply` then only fills in the question."""
    replies = {}
    for fact in base.facts:
        for lang in LANGUAGES:
            reply = fact_reply(fact, base, lang)
            replies[fact.id, lang] = dataclasses.replace(reply, rendered=reply.html)
    return replies


def build_reply(match: Match, base: FactBase, answers: AnswerReplies | None = None) -> Reply:
    """The reply to a matched question, in the question's language; `answers` (from
    `answer_replies(base)`) saves building a fact's reply again."""
    lang = match.language
    if match.status is Status.ANSWERED and match.fact is not None and match.asks_summary:
        return summary_answer_reply(match.fact, base, lang, match.question, match.score)
    if match.status is Status.ANSWERED and match.fact is not None:
        ready = answers.get((match.fact.id, lang)) if answers is not None else None
        if ready is None:
            return fact_reply(match.fact, base, lang, question=match.question, score=match.score)
        return Reply(
            ready.kind,
            lang,
            ready.lines,
            question=match.question,
            fact_id=ready.fact_id,
            score=match.score,
            answer=ready.answer,
            citations=ready.citations,
            rendered=ready.rendered,
        )
    if match.status is Status.SMALLTALK and match.smalltalk is not None:
        return Reply(
            _KIND[Status.SMALLTALK],
            lang,
            ((Span(match.smalltalk.answer(lang)),),),
            question=match.question,
        )
    if match.status is Status.CLARIFY:
        suggestions, bullets = _offers([c.fact for c in match.candidates], lang)
        lines = ((Span(message("did_you_mean", lang)),), *bullets)
        return Reply(
            _KIND[Status.CLARIFY],
            lang,
            lines,
            question=match.question,
            score=match.score,
            suggestions=suggestions,
        )
    return unknown_reply(match, base)


def fact_reply(
    fact: Fact, base: FactBase, lang: str, *, question: str = "", score: float | None = None
) -> Reply:
    """A fact's answer with its verbatim citation(s), place and source; an answer that
    is itself a cited sentence (as a draft's are) is shown once, as the quote."""
    citations = tuple(_citation_view(c, base, lang) for c in fact.citations)
    answer = fact.answer(lang)
    quoted = {normalise_phrasing(view.quote) for view in citations}
    quoted.add(normalise_phrasing(" ".join(view.quote for view in citations)))
    lines: list[tuple[Span, ...]] = (
        [] if normalise_phrasing(answer) in quoted else [(Span(answer),), ()]
    )
    for view in citations:
        lines.append((Span(f"“{view.quote}”", "quote"),))
    places = ", ".join(dict.fromkeys(view.place for view in citations))
    where = message("quote_from", lang, place=places, title=base.article.title)
    if base.article.source:
        where += f", {base.article.source}"
    lines.append((Span(f"{message('source_label', lang)}: ", "b"), Span(where, "i")))
    return Reply(
        _KIND[Status.ANSWERED],
        lang,
        tuple(lines),
        question=question,
        fact_id=fact.id,
        score=score,
        answer=fact.answer(lang),
        citations=citations,
    )


def summary_answer_reply(
    fact: Fact, base: FactBase, lang: str, question: str, score: float | None
) -> Reply:
    """For a question that asks for nothing but the article in short ("tl;dr"): the fact it
    matched, the summary as /summary gives it, then the fact's citations; only those where
    the summary is the sentences they quote, as a draft's is."""
    summary = base.summary_in(lang)
    cited = fact_reply(fact, base, lang, question=question, score=score)
    if normalise_phrasing(summary) in normalise_phrasing(
        " ".join(v.quote for v in cited.citations)
    ):
        return cited
    at = next(i for i, line in enumerate(cited.lines) if line and line[0].style == "quote")
    block = ((Span(message("summary_title", lang), "b"),), (Span(summary),), ())
    lines = (*cited.lines[:at], *block, *cited.lines[at:])
    return dataclasses.replace(cited, lines=lines, answer=f"{cited.answer} {summary}")


def unknown_reply(match: Match, base: FactBase) -> Reply:
    """Say plainly that the article does not answer, and offer what it does."""
    lang = match.language
    question = " ".join(match.question.split())
    # Only "lol", "hmm", an emoji, or a bare "when?" with nothing before it in the chat:
    # no word says what to look for, so nothing was looked for.
    analysis = match.analysis
    nothing_named = analysis is not None and not analysis.concepts
    asks_a_kind = analysis is not None and analysis.kind is not None
    if not question:
        head = message("empty", lang)
    elif len(match.question) > 400:
        head = message("too_long", lang)
    elif nothing_named:
        head = message("nothing_named" if asks_a_kind else "nothing_asked", lang)
    elif len(question) <= MAX_ECHO_CHARS:
        head = message("unknown_echo", lang, question=question)
    else:
        head = message("unknown", lang)
    offered = [c.fact for c in match.candidates if c.score >= 0.25][:DEFAULT_TOPICS]
    taken = {fact.id for fact in offered}  # by id: facts compare every field of theirs
    for fact in base.facts:
        if len(offered) >= DEFAULT_TOPICS:
            break
        if fact.id not in taken:
            offered.append(fact)
    suggestions, bullets = _offers(offered, lang)
    asked_in = base.asked_in
    if question and lang not in asked_in and not nothing_named:
        # Nothing in the base is asked in this language (a draft is English only): the
        # article may well say it, the bot just cannot read the question.
        names = LANGUAGE_NAMES_IN.get(lang, LANGUAGE_NAMES_IN[DEFAULT_LANGUAGE])
        languages = ", ".join(names.get(code, code) for code in sorted(asked_in))
        lines = ((Span(message("unread_language", lang, languages=languages)),), *bullets)
    else:
        lines = ((Span(head),), (), (Span(message("unknown_topics", lang)),), *bullets)
    return Reply(
        _KIND[Status.UNKNOWN],
        lang,
        lines,
        question=match.question,
        score=match.score,
        suggestions=suggestions,
    )


# --- replies to commands ---------------------------------------------------------------
def summary_reply(base: FactBase, lang: str) -> Reply:
    """The article's short summary."""
    lines = ((Span(message("summary_title", lang), "b"),), (Span(base.summary_in(lang)),))
    return Reply("summary", lang, lines)


def topics_reply(base: FactBase, lang: str) -> Reply:
    """Every fact as a question the reader can ask."""
    suggestions, bullets = _offers(base.facts, lang)
    lines = ((Span(message("topics_title", lang), "b"),), *bullets)
    return Reply("topics", lang, lines, suggestions=suggestions)


def source_reply(base: FactBase, lang: str) -> Reply:
    """The article's attribution: title, section, date, byline, photo credit."""
    article = base.article
    lines: list[tuple[Span, ...]] = [
        (Span(f"{message('source_title', lang)}: ", "b"), Span(article.title, "i")),
    ]
    labelled = (
        ("section", article.section),
        ("dateline", article.dateline),
        ("byline", article.byline),
        ("photo", article.photo_credit),
    )
    lines += [(Span(f"{message(key, lang)}: ", "b"), Span(text)) for key, text in labelled if text]
    return Reply("source", lang, tuple(lines))


def start_reply(base: FactBase, lang: str, examples: int = 3) -> Reply:
    """Greeting, summary and a few example questions (offered as buttons)."""
    suggestions, bullets = _offers(base.facts[:examples], lang)
    lines = (
        (Span(message("start", lang, title=base.article.title)),),
        (),
        (Span(base.summary_in(lang)),),
        (),
        (Span(message("try_asking", lang), "b"),),
        *bullets,
    )
    return Reply("start", lang, lines, suggestions=suggestions)


def text_reply(key: str, lang: str) -> Reply:
    """One fixed message from `bot.answering.messages` (help, hints, errors)."""
    return Reply(key, lang, ((Span(message(key, lang)),),))


def _citation_view(citation: Citation, base: FactBase, lang: str) -> CitationView:
    return CitationView(
        quote=citation.quote,
        place=citation.location.label(lang),
        paragraph=citation.location.json_value,
        source=base.article.source,
    )


def _offers(
    facts: Sequence[Fact], lang: str
) -> tuple[tuple[Suggestion, ...], tuple[tuple[Span, ...], ...]]:
    """Facts offered to the reader: their buttons, and their lines in the text."""
    suggestions, lines = [], []
    for fact in facts:
        suggestion, line = _offer(fact.id, fact.question(lang))
        suggestions.append(suggestion)
        lines.append(line)
    return tuple(suggestions), tuple(lines)


@functools.lru_cache(maxsize=4096)
def _offer(fact_id: str, question: str) -> tuple[Suggestion, tuple[Span, ...]]:
    """One fact offered: its button and its bullet line. Kept, because replies that do
    not answer offer the same few facts again and again."""
    suggestion = Suggestion(fact_id, question[:1].upper() + question[1:])
    return suggestion, (Span(f"• {suggestion.question}"),)
