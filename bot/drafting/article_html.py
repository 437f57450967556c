"""Read an article saved as an HTML page: trafilatura finds the main text and the page's
metadata (title, author, description, section, site name); the photo caption comes
from the page's `<figcaption>`; every visible line not kept is listed as left out."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.drafting.article_text import (
    ArticleError,
    Dropped,
    ParsedArticle,
    assemble,
    normalise,
    split_caption,
)
from bot.drafting.metadata import byline_name

_BLOCK_TAGS = frozenset(
    "address article aside blockquote button dd div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr label li main nav ol p pre section summary table td th "
    "tr ul title option select".split()
)
_CREDIT_CLASS = re.compile(r"credit|copyright|source|author|byline|photographer", re.I)
_STANDFIRST_CLASS = re.compile(r"standfirst|lead|dek|subtitle|subhead|summary|intro|excerpt", re.I)


def parse_html(data: bytes) -> ParsedArticle:
    """The parts of an article saved as an HTML page."""
    # trafilatura takes a third of a second to import: only HTML input pays for it.
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    tree = load_html(data)
    if tree is None:
        raise ArticleError("the HTML page could not be parsed; save it again from the browser")
    doc = bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
    )
    units: list[str] = []
    headings: set[int] = set()
    h1 = ""
    body = getattr(doc, "body", None)
    for element in body if body is not None else ():
        for text, is_heading, rend in _xml_blocks(element):
            if rend == "h1" and not h1:
                h1 = text
            if is_heading:
                headings.add(len(units))
            units.append(text)

    caption, credit = _figcaption(tree)
    title = normalise(getattr(doc, "title", "") or "") or h1
    if h1 and title != h1 and h1.casefold() in title.casefold():
        title = h1  # "Headline | Site name" in <title>: the page's own h1 is cleaner
    categories = getattr(doc, "categories", None) or []
    description = normalise(getattr(doc, "description", "") or "")
    standfirst = _standfirst(tree, description, units)
    author = normalise(getattr(doc, "author", "") or "")
    known = {
        "title": title,
        "section": normalise(categories[0]) if categories else "",
        "standfirst": standfirst,
        "byline": author.replace(";", ",") if author else "",
        "source": normalise(getattr(doc, "sitename", "") or ""),
        "caption": caption,
        "credit": credit,
    }
    if not units:
        raise ArticleError("no article text found in the HTML page; save the page as plain text")
    parsed = assemble("html", units, known=known, headings=frozenset(headings))
    used = " \n ".join(
        [
            parsed.title,
            parsed.section,
            parsed.standfirst,
            parsed.byline,
            parsed.source,
            parsed.caption,
            parsed.credit,
            *(b.text for b in parsed.body),
        ]
    ).casefold()
    listed = {d.text for d in parsed.dropped}
    extra = [
        Dropped(line, "not in the main text")
        for line in _visible_lines(tree)
        if line not in listed and not _is_used(line, used, parsed)
    ]
    return replace(parsed, dropped=(*extra, *parsed.dropped))


def _xml_blocks(element: Any) -> list[tuple[str, bool, str]]:
    """(text, is_heading, rend) for one block of trafilatura's XML; lists give their items."""
    tag = element.tag
    if tag in ("list",):
        return [b for item in element for b in _xml_blocks(item)]
    if tag in ("graphic", "table", "ref"):
        return []
    text = normalise("".join(element.itertext()))
    if not text:
        return []
    return [(text, tag == "head", element.get("rend") or "")]


def _figcaption(tree: Any) -> tuple[str, str]:
    """The first photo caption of the article, split from its credit."""
    for path in ("//article//figcaption", "//main//figcaption", "//figcaption"):
        found = tree.xpath(path)
        if found:
            break
    else:
        return "", ""
    figcaption = found[0]
    credit = ""
    for child in figcaption.iter():
        if child is not figcaption and _CREDIT_CLASS.search(child.get("class") or ""):
            credit = normalise(child.text_content())
            break
    text = normalise(figcaption.text_content())
    if credit:
        caption = normalise(text.replace(credit, ""))
        credit = re.sub(
            r"^(?:photo(?:graph)?|image|picture|credit)s?\s*[:|-]\s*", "", credit, flags=re.I
        )
        return caption, credit.strip()
    return split_caption(text) or (text, "")


def _standfirst(tree: Any, description: str, units: list[str]) -> str:
    """The page's standfirst: its description or a lead-classed element, if it is shown
    near the top of the main text (a description alone may be a rewrite)."""
    candidates = [description] if description else []
    for element in tree.xpath("//*[@class]"):
        if _STANDFIRST_CLASS.search(element.get("class") or "") and element.tag in (
            "p",
            "div",
            "h2",
            "span",
        ):
            candidates.append(normalise(element.text_content()))
    top = {u.casefold(): u for u in units[:4]}
    for candidate in candidates:
        if len(candidate.split()) >= 5 and candidate.casefold() in top:
            return top[candidate.casefold()]
    return ""


def _visible_lines(tree: Any) -> list[str]:
    """The page's visible text, one line per block element, in page order."""
    body = tree.find(".//body")
    if body is None:
        return []
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = normalise("".join(current))
        if line:
            lines.append(line)
        current.clear()

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "style", "noscript", "template", "svg", "head"):
            if element.tail:
                current.append(element.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            current.append(element.tail)

    walk(body)
    flush()
    return lines


def _is_used(line: str, used: str, article: ParsedArticle) -> bool:
    """Whether a line of the page is (part of) something the article kept."""
    if re.search(rf"(?<!\w){re.escape(line.casefold())}(?!\w)", used):
        return True
    name = byline_name(line)
    if name and name.casefold() in used:
        return True
    return bool(article.caption) and article.caption.casefold() in line.casefold()
