"""Sorted lines of a data file, searched by bisection without a Python object per line.

The package's word data (thesauri, word frequencies) is a few hundred thousand short
lines. Split into a list, each line is a str object of its own: about four times the
text's size in memory. `Lines` keeps the text whole and where each line starts, in an
array of 4-byte offsets, and makes a line a str only when it is read.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import overload


class Lines(Sequence[str]):
    """The lines of `text` (without their line breaks), as a read-only sequence.

    >>> lines = Lines("apple\\t1\\nbanana\\t2\\ncherry\\t3")
    >>> len(lines), lines[1], lines[1:][0]
    (3, 'banana\\t2', 'banana\\t2')
    >>> fields(lines, "banana")
    ['2']
    """

    __slots__ = ("_ends", "_first", "_last", "_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        starts = array("I", [0])
        position = text.find("\n")
        while position >= 0:
            starts.append(position + 1)
            position = text.find("\n", position + 1)
        ends = array("I", (start - 1 for start in starts[1:]))
        ends.append(len(text))
        self._starts, self._ends = starts, ends
        self._first, self._last = 0, len(starts)

    def __len__(self) -> int:
        return self._last - self._first

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Lines: ...

    def __getitem__(self, index: int | slice) -> str | Lines:
        if isinstance(index, slice):
            first, last, step = index.indices(len(self))
            if step != 1:
                raise ValueError("Lines slices take every line")
            view = object.__new__(Lines)
            view._text, view._starts, view._ends = self._text, self._starts, self._ends
            view._first, view._last = self._first + first, self._first + max(first, last)
            return view
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("line index out of range")
        line = self._first + index
        return self._text[self._starts[line] : self._ends[line]]

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))


def find(lines: Sequence[str], key: str) -> int | None:
    """The index of the line of sorted `lines` whose first tab-separated field is `key`."""
    prefix = key + "\t"
    i = bisect_left(lines, prefix)
    return i if i < len(lines) and lines[i].startswith(prefix) else None


def fields(lines: Sequence[str], key: str) -> list[str] | None:
    """The fields after `key` on its line of sorted `lines`, or None when it has none."""
    i = find(lines, key)
    return None if i is None else lines[i].split("\t")[1:]
