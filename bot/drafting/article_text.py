"""Read an article saved as plain text or as an HTML page into its parts.

A page saved from a browser holds more than the article: a section label, the headline,
a standfirst, a photo caption with its credit (sometimes twice), a byline, subheadings,
and page chrome ("Do you like this article?", "Comment Policy", share buttons). The parts
are told apart by their shape alone (short line without final punctuation, "By …",
"caption [Credit]"), so any article saved the same way reads the same. What is dropped is
kept in `dropped`, with why, for the curator to see.

For HTML, trafilatura finds the main text and the page's metadata (title, author,
description, section, site name); the photo caption comes from the page's `<figcaption>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.drafting.metadata import byline_name, byline_publication, is_date_line, opening_dateline
from bot.language.sentences import split_sentences

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
MAX_LABEL_WORDS = 20
"""A line without final punctuation and at most this many words is a headline or label."""
MAX_HEADING_WORDS = 12
"""…and in the body, at most this many words make a subheading."""
MAX_SECTION_WORDS = 4
MAX_CHROME_WORDS = 12
"""Page chrome is short: a longer line that mentions "subscribe" is article text."""
HEADER_REACH = 6
"""The byline and caption stand within this many blocks after the headline."""

_SPACE = re.compile(r"\s+")
_LIST_ITEM = re.compile(r"^(?:[-*•–—]|\d{1,2}[.)])\s+\S")
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html|head|body)\b", re.I)
_TERMINAL = re.compile(r"[.!?…:;,][\"'”’»)\]]*$")
_CREDIT_BRACKETS = re.compile(r"^(?P<caption>.*\S)\s*\[(?P<credit>[^\[\]]{2,100})\]$")
_CREDIT_SUFFIX = re.compile(
    r"^(?P<caption>.*[.!?])\s+\(?(?:photo(?:graph)?|image|picture|credit|©)s?\s*(?::|by)?\s*"
    r"(?P<credit>[^()]{2,100}?)\)?$",
    re.I,
)
_CHROME_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.I)
    for p in (
        r"\b(?:do|did) you (?:like|enjoy) this (?:article|story|piece)",
        r"\b(?:rate|like|share|print|email|save) this (?:article|story|page|piece)\b",
        r"^comments?\b",
        r"\bcomment(?:ing)? (?:policy|rules|guidelines)\b",
        r"\bleave a (?:comment|reply)\b",
        r"\bcaptcha\b",
        r"^(?:share|tweet|email|print|copy link|send)\b",
        r"\bshare (?:on|via|to)\b",
        r"\bsubscribe\b",
        r"\bnewsletter\b",
        r"\bsign (?:up|in)\b",
        r"^(?:log ?in|log ?out|register|menu|search|home|skip to\b.*|back to top)$",
        r"^(?:read|see) (?:more|also)\b",
        r"\b(?:related|recommended|more) (?:articles|stories|news|content|reading)\b",
        r"\b(?:most read|most popular|trending now|you may also like|don't miss)\b",
        r"^(?:advertisement|advert|sponsored(?: content)?|ad)$",
        r"©|\ball rights reserved\b|^copyright\b",
        r"\bcookies?\b.*\b(?:accept|policy|consent|use)\b",
        r"^(?:tags?|topics?|filed under|keywords)\s*:",
        r"^follow (?:us|@)",
        r"^(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|vk)\W*)+$",
        r"^(?:previous|next) (?:article|story|post)\b",
        r"^click here\b",
        r"\breport an? (?:error|typo|mistake)\b",
        r"^(?:published|updated|posted|last updated)\b.*\d",
        r"^[\W_]*$",
    )
)


class ArticleError(Exception):
    """The article file cannot be read as an article; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Block:
    """A body paragraph or, with `heading` set, a subheading."""

    text: str
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Dropped:
    """A line of the input that is not part of the article, and why."""

    text: str
    reason: str  # "page chrome" | "repeated" | "after the article" | "not in the main text" …


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """The article's parts, verbatim (runs of white space made one space)."""

    format: str  # "text" | "html"
    title: str
    body: tuple[Block, ...]
    section: str = ""
    standfirst: str = ""
    byline: str = ""
    source: str = ""
    caption: str = ""
    credit: str = ""
    dropped: tuple[Dropped, ...] = ()
    dateline: str = ""
    """Where and when it was filed, as written ("LONDON (Reuters)", "Published March 3")."""
    notes: tuple[str, ...] = ()
    """What the curator should know about how the article was read."""

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body paragraphs, without subheadings."""
        return tuple(b.text for b in self.body if not b.heading)

    @property
    def date(self) -> str:
        """The dateline when it is a line of its own giving a date ("Monday, March 5,
        2007"), not the place that opens the first paragraph ("LONDON (Reuters)")."""
        return self.dateline if is_date_line(self.dateline) else ""


def read_article(path: Path) -> ParsedArticle:
    """Read an article file, plain text or HTML; raise `ArticleError` saying what is wrong."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: file not found; give the path of a saved article") from None
    except IsADirectoryError:
        raise ArticleError(f"{path}: is a folder; give the path of a saved article") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read: {exc.strerror}") from None
    return parse_article(data, str(path), html=path.suffix.lower() in HTML_SUFFIXES)


def parse_article(data: bytes, name: str, *, html: bool = False) -> ParsedArticle:
    """Read an article's bytes (`html`: known to be a page; else told by its start);
    `name` (its path or URL) begins every error message."""
    if not data.strip():
        raise ArticleError(
            f"{name}: the file is empty; save the article's text (or its HTML page) into it"
        )
    if _is_binary(data):
        raise ArticleError(
            f"{name}: not a text file (it holds binary data); save the article as plain text "
            "or as an HTML page"
        )
    if html or _HTML_START.match(data[:2048].lstrip(b"\xef\xbb\xbf")):
        from bot.drafting.article_html import parse_html

        try:
            article = parse_html(data)
        except ArticleError as exc:
            raise ArticleError(f"{name}: {exc}") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ArticleError(
                f"{name}:{line}: not UTF-8 text ({exc.reason}); save the article as UTF-8"
            ) from None
        article = parse_text(text)
    if not article.paragraphs:
        raise ArticleError(
            f"{name}: no article paragraphs found; save the article's text with a blank line "
            "between paragraphs"
        )
    return article


def _is_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, mean the file is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def normalise(text: str) -> str:
    """Runs of white space (non-breaking spaces too) as one space, ends trimmed."""
    return _SPACE.sub(" ", text).strip()


def is_label(text: str, max_words: int = MAX_LABEL_WORDS) -> bool:
    """A headline-like line: no final punctuation, not too long, not a list item."""
    return (
        not _TERMINAL.search(text) and len(text.split()) <= max_words and not _LIST_ITEM.match(text)
    )


def is_chrome(text: str) -> bool:
    """A short line that belongs to the page, not the article."""
    return len(text.split()) <= MAX_CHROME_WORDS and any(p.search(text) for p in _CHROME_PATTERNS)


def split_caption(text: str) -> tuple[str, str] | None:
    """(caption, credit) when `text` is a caption ending in its credit, else None."""
    for pattern in (_CREDIT_BRACKETS, _CREDIT_SUFFIX):
        found = pattern.match(text)
        if found:
            return found.group("caption").strip(), found.group("credit").strip()
    return None


# --- plain text -----------------------------------------------------------------------
def _text_units(text: str) -> list[str]:
    """Blocks separated by blank lines, split into lines. A line that stops mid-sentence
    and is followed by one that carries on in lower case is a hard-wrapped paragraph:
    the two are joined."""
    units: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        joined: list[str] = []
        for line in (normalise(raw) for raw in block.split("\n")):
            if joined and line and _continues(joined[-1], line):
                joined[-1] = f"{joined[-1]} {line}"
            elif line:
                joined.append(line)
        units.extend(joined)
    return units


def _continues(previous: str, line: str) -> bool:
    return (
        not _TERMINAL.search(previous)
        and len(previous) >= 50
        and (line[:1].islower() or line[:1].isdigit())
        and not split_caption(previous)
    )


def parse_text(text: str) -> ParsedArticle:
    """The parts of an article saved as plain text."""
    return assemble("text", _text_units(text))


@dataclass(slots=True)
class _Parts:
    title: str = ""
    section: str = ""
    standfirst: str = ""
    byline: str = ""
    source: str = ""
    caption: str = ""
    credit: str = ""
    headings: set[int] = field(default_factory=set)
    paragraphs: set[int] = field(default_factory=set)


def assemble(
    fmt: str,
    units: list[str],
    *,
    known: dict[str, str] | None = None,
    headings: frozenset[int] = frozenset(),
) -> ParsedArticle:
    """Tell the parts apart. `known` holds metadata already found (from HTML), and
    `headings` the units the page marks as subheadings."""
    known = known or {}
    dropped: list[Dropped] = []
    kept: list[tuple[int, str]] = []
    dateline = ""
    seen: set[str] = set()
    for index, unit in enumerate(units):
        key = unit.casefold()
        if key in seen:
            dropped.append(Dropped(unit, "repeated"))
        elif is_date_line(unit) and not dateline:
            dateline = unit  # "Published March 3, 2025": metadata, not chrome
        elif is_chrome(unit):
            dropped.append(Dropped(unit, "page chrome"))
        else:
            kept.append((index, unit))
        seen.add(key)

    parts = _Parts()
    notes: list[str] = []
    no_headline = False
    for key, value in known.items():
        if value:
            setattr(parts, key, value)
    claimed: set[int] = set()

    def claim_known(value: str) -> None:
        for index, unit in kept:
            if value and unit.casefold() == value.casefold() and index not in claimed:
                claimed.add(index)
                return

    for value in (parts.title, parts.section, parts.standfirst):
        claim_known(value)

    # The caption and the byline: the first of each shape.
    caption_at = byline_at = None
    for index, unit in kept:
        if index in claimed:
            continue
        if caption_at is None and not parts.caption and split_caption(unit):
            parts.caption, parts.credit = split_caption(unit) or ("", "")
            caption_at = index
            claimed.add(index)
        elif byline_at is None and byline_name(unit):
            parts.byline = parts.byline or byline_name(unit) or ""
            parts.source = parts.source or byline_publication(unit)
            byline_at = index
            claimed.add(index)
        elif parts.caption and unit.casefold() == parts.caption.casefold():
            claimed.add(index)

    open_units = [(i, u) for i, u in kept if i not in claimed]
    if not parts.title:
        labels: list[tuple[int, str]] = []
        for index, unit in open_units:
            if index in headings or not is_label(unit):
                break
            labels.append((index, unit))
        if len(labels) >= 2 and len(labels[0][1].split()) <= MAX_SECTION_WORDS:
            parts.section = parts.section or labels[0][1]
            claimed.add(labels[0][0])
            labels = labels[1:]
        if labels:
            parts.title = labels[0][1]
            claimed.add(labels[0][0])
        elif open_units:
            # No headline: the article opens with prose, which stays its first paragraph.
            parts.title = split_sentences(open_units[0][1])[0]
            no_headline = True
            notes.append("No headline found: the title is the first sentence; write the real one.")
        for index, unit in labels[1:]:
            if not parts.standfirst and len(unit.split()) >= 5:
                parts.standfirst = unit
            else:
                dropped.append(Dropped(unit, "unrecognised header line"))
            claimed.add(index)
    title_at = -1 if no_headline else min((i for i, u in kept if u == parts.title), default=-1)

    # A standfirst stands between the headline and the byline or caption.
    markers = [i for i in (caption_at, byline_at) if i is not None and i <= title_at + HEADER_REACH]
    if markers and not parts.standfirst:
        header_end = max(markers)
        for index, unit in kept:
            if title_at < index < header_end and index not in claimed and not is_label(unit):
                parts.standfirst = unit
                claimed.add(index)
                break

    body_units = [(i, u) for i, u in kept if i not in claimed and i > title_at]
    before = [(i, u) for i, u in kept if i not in claimed and i < title_at]
    dropped.extend(Dropped(u, "before the headline") for _, u in before)
    last_prose = max(
        (n for n, (i, u) in enumerate(body_units) if i not in headings and not is_label(u)),
        default=-1,
    )
    body: list[Block] = []
    for n, (index, unit) in enumerate(body_units):
        if n > last_prose:
            dropped.append(Dropped(unit, "after the article"))
        elif index in headings or is_label(unit, MAX_HEADING_WORDS):
            body.append(Block(unit, heading=True))
        else:
            body.append(Block(unit))
    while body and body[0].heading and body[0].text.casefold() == parts.title.casefold():
        body.pop(0)
    paragraphs = [b.text for b in body if not b.heading]
    dateline = dateline or (opening_dateline(paragraphs[0]) if paragraphs else "")
    order = {u: n for n, u in enumerate(units)}
    dropped.sort(key=lambda d: order.get(d.text, len(units)))
    return ParsedArticle(
        format=fmt,
        title=parts.title,
        body=tuple(body),
        section=parts.section,
        standfirst=parts.standfirst,
        byline=parts.byline,
        source=parts.source if parts.source != parts.byline else "",
        caption=parts.caption,
        credit=parts.credit,
        dropped=tuple(dropped),
        dateline=dateline,
        notes=tuple(notes),
    )
