"""Header lines of an article told by their shape: the byline (with its publication)
and the dateline.

"By Jane Doe | Coastal Times" is a byline naming the writer and, after the bar, the
publication; "By AFP and BlueShift" names only who wrote it. A dateline opens the first
paragraph ("LONDON (Reuters) — …", kept there verbatim) or stands alone ("Published
March 3, 2025"); either is reported to the curator, since facts.yaml has no field for it.
"""

from __future__ import annotations

import re

from bot.drafting.quantities import DATE

_BYLINE = re.compile(
    r"^(?:by|written by|words by|reporting by|text by)\s+(?P<name>[^\W\d_][^|•·—–\n]{1,100}?)"
    r"\s*(?:[|•·—–]\s*(?P<rest>.*))?$",
    re.I,
)
_SEPARATOR = re.compile(r"\s*[|•·—–]\s*")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b(?:GMT|UTC|BST|CET|EST|EDT|PST|PDT)\b")
_STAMP_WORDS = re.compile(
    r"^(?:published|updated|posted|last updated|first published|modified)\b\s*:?\s*", re.I
)
_DATELINE_OPENING = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'’ -]{1,40}[A-Z.](?:,\s*[^()—–]{2,30}?)?"
    r"(?:\s*\([^()]{2,30}\))?)\s*(?:—|–|--|-)\s+(?=\S)"
)
MAX_NAME_WORDS = 12


def byline_name(text: str) -> str | None:
    """The name in a byline such as "By AFP and BlueShift |", else None."""
    found = _BYLINE.match(text)
    if not found or len(found.group("name").split()) > MAX_NAME_WORDS:
        return None
    return found.group("name").strip(" ,;")


def byline_publication(text: str) -> str:
    """The publication a byline names after a bar: "By Jane Doe | Coastal Times" ->
    "Coastal Times"; a date or time there is not one."""
    found = _BYLINE.match(text)
    if not found or not found.group("rest"):
        return ""
    for piece in _SEPARATOR.split(found.group("rest")):
        piece = piece.strip(" ,;")
        if piece and not is_date_line(piece):
            return piece
    return ""


def is_date_line(text: str) -> bool:
    """A line that is only a date or time stamp ("Published March 3, 2025, 10:30 GMT")."""
    rest = _STAMP_WORDS.sub("", text.strip())
    rest = DATE.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    return bool(rest.strip() != text.strip() and not re.search(r"[^\W\d_]{3,}", rest))


def opening_dateline(paragraph: str) -> str:
    """The dateline a first paragraph opens with ("LONDON (Reuters)"), else ""."""
    found = _DATELINE_OPENING.match(paragraph)
    return found.group("dateline").strip() if found else ""
