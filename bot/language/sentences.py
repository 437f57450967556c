"""Split a paragraph into verbatim sentences: pysbd, plus repairs for what it misses.

pysbd (rule-based, no model, no dependencies) already keeps a double-quoted passage of
several sentences whole ("The dialogue went well. … until 2030," Bakanov said) and knows
titles, initials and decimals. Three repairs follow, each for a case seen to fail:

* a quotation in single quotes opening a sentence (pysbd only protects one after a space);
* an abbreviation before a number or a lower-case word ("approx. 3.5 million");
* a clock abbreviation followed by a short tail ("at 3.45 p.m. GMT.").

Every sentence is a verbatim slice of the paragraph, so it can be cited as it stands.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

ABBREVIATIONS: frozenset[str] = frozenset(
    """
    approx appr ca cf dept est fig gen gov jr lt mr mrs ms mt no nos dr prof rep rev sen
    sgt sr st vs capt col cmdr sec op vol pp e.g i.e etc a.m p.m jan feb mar apr jun jul aug
    sep sept oct nov dec
    """.split()
)
"""Words that end in a full stop without ending a sentence when a number or a lower-case
word follows."""
_LAST_WORD = re.compile(r"(\S+)\.\s*$")
_SHORT_TAIL = re.compile(r"^[A-Z]{1,5}\.?$")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each a verbatim slice of it.

    >>> split_sentences('"We went. It worked," Dr. Lee said of the 3.5 km trip. Then he left.')
    ['"We went. It worked," Dr. Lee said of the 3.5 km trip.', 'Then he left.']
    """
    pieces = [p for p in _segmenter().segment(text) if p.strip()]
    spans = _spans(text, pieces)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _continues(text[merged[-1][0] : merged[-1][1]], text[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [text[start:end].strip() for start, end in merged]


def _spans(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Where each piece stands in `text`. Each span runs to the next one's start, so no
    character is lost even if pysbd altered a piece (then it joins its neighbour)."""
    starts: list[int] = []
    cursor = 0
    for piece in pieces:
        found = text.find(piece.strip(), cursor)
        if found >= 0:
            starts.append(found)
            cursor = found + len(piece.strip())
    starts = [0, *starts[1:]] if starts else [0]
    ends = [*starts[1:], len(text)]
    return [(s, e) for s, e in zip(starts, ends, strict=True) if text[s:e].strip()]


def _continues(previous: str, following: str) -> bool:
    """Whether `following` belongs to the same sentence as `previous`."""
    previous = previous.rstrip()
    following = following.strip()
    if _open_quotation(previous):
        return True
    last = _LAST_WORD.search(previous)
    if last and last.group(1).lower().lstrip("(\"'“‘") in ABBREVIATIONS:
        word = last.group(1).lower()
        if following[:1].islower() or following[:1].isdigit():
            return True
        if word in ("a.m", "p.m") and _SHORT_TAIL.match(following):
            return True
    return False


def _open_quotation(text: str) -> bool:
    """Whether `text` opens a quotation it does not close."""
    if text.count("“") > text.count("”"):
        return True
    if text.count('"') % 2 == 1:
        return True
    if text.startswith("‘") and "’ " not in text and not text.endswith("’"):
        return True
    # A plain single quote is an apostrophe too; it opens a quotation only at the start.
    return text.startswith("'") and not re.search(r"[,.!?]'", text)
