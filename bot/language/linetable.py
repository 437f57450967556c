"""Sorted lines of a data file, searched by bisection without a Python object per line.

The package's word data (thesauri, word frequencies) is a few hundred thousand short
lines. Split into a list, each line is a str object of its own: about four times the
text's size in memory. `Lines` keeps where each line starts, in an array of 4-byte
offsets, and makes a line a str only when it is read.

`Lines.mapped` leaves a file's text on disk (in the kernel's page cache, shared, not in
this process): it is mapped only to find where lines and sections start, at load, and
lines are then read by byte range. A search bisects every `SAMPLE_EVERY`-th line, kept in
memory, then reads the one stretch of lines between two of them. Read through the map
instead, the pages that lookups touch stay resident, and a bot that looks up thousands
of different words over its life ends up holding the whole file (7 MiB for English).
"""

from __future__ import annotations

import mmap
import os
import re
import weakref
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

_NEWLINE = re.compile("\n")
_NEWLINE_BYTES = re.compile(b"\n")

SAMPLE_EVERY = 64
"""A search keeps every this-many-th line of what it searches in memory: a few KiB of
file between two of them."""


class _File:
    """A data file read by byte range; its memory map serves the scans made at load."""

    __slots__ = ("__weakref__", "data", "fd", "pread")

    def __init__(self, path: Path) -> None:
        # One descriptor for both, so that the offsets the map gives are the file's read.
        self.fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        weakref.finalize(self, os.close, self.fd)  # the bot's own data stays open until exit
        self.data = mmap.mmap(self.fd, 0, access=mmap.ACCESS_READ)
        self.pread = getattr(os, "pread", None)  # none on Windows: reads go through the map

    def read(self, start: int, end: int) -> str:
        if self.pread is not None:
            return self.pread(self.fd, end - start, start).decode("utf-8")
        return self.data[start:end].decode("utf-8")

    def release(self) -> None:
        """Give back the pages of the map read so far."""
        if hasattr(mmap, "MADV_DONTNEED"):
            self.data.madvise(mmap.MADV_DONTNEED)  # Linux, BSD; elsewhere pages just stay


class Lines(Sequence[str]):
    """The lines of `text` (without their line breaks), as a read-only sequence.

    >>> lines = Lines("apple\\t1\\nbanana\\t2\\ncherry\\t3")
    >>> len(lines), lines[1], lines[1:][0]
    (3, 'banana\\t2', 'banana\\t2')
    >>> fields(lines, "banana")
    ['2']
    """

    __slots__ = ("_first", "_last", "_samples", "_size", "_starts", "_text")

    def __init__(self, text: str | _File) -> None:
        self._text = text
        # A regular expression finds the line breaks in C: 2.3x faster than a loop of
        # find() calls, and with no list of them built on the way.
        scanned = text.data if isinstance(text, _File) else text
        newlines = _NEWLINE_BYTES if isinstance(text, _File) else _NEWLINE
        starts = array("I", [0])
        starts.extend(match.end() for match in newlines.finditer(scanned))  # type: ignore[arg-type]
        size = len(scanned)
        if len(starts) > 1 and starts[-1] == size:
            # A final line break ends the last line; it starts no empty one, which would
            # sort before every other and break the bisection of a file's last lines.
            starts.pop()
            size -= 1
        self._starts, self._size = starts, size
        self._first, self._last = 0, len(starts)
        self._samples: list[str] | None = None

    @classmethod
    def mapped(cls, path: Path) -> Lines:
        """The lines of the UTF-8 file at `path`, left on disk (see the module's docstring)."""
        lines = cls(_File(path))
        lines.release()
        return lines

    def release(self) -> None:
        """Give back the pages the load-time scans of a file read (line starts,
        `line_starting`); reading lines maps none, except where there is no `os.pread`
        (Windows) and they are read through the map."""
        if isinstance(self._text, _File):
            self._text.release()

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
            view._text, view._starts, view._size = self._text, self._starts, self._size
            view._first, view._last = self._first + first, self._first + max(first, last)
            view._samples = None
            return view
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("line index out of range")
        line = self._first + index
        start = self._starts[line]
        end = self._starts[line + 1] - 1 if line + 1 < len(self._starts) else self._size
        if isinstance(self._text, _File):
            return self._text.read(start, end)
        return self._text[start:end]

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))

    def line_starting(self, prefix: str) -> int | None:
        """The index of the first line that begins with `prefix` after the first line,
        found in the text rather than by reading every line; None if there is none."""
        start = self._starts[self._first]
        if isinstance(self._text, _File):
            at = self._text.data.find(f"\n{prefix}".encode(), start)
        else:
            at = self._text.find("\n" + prefix, start)
        if at < 0:
            return None
        line = bisect_right(self._starts, at + 1) - 1
        return line - self._first if self._first <= line < self._last else None

    def bisect_left(self, key: str) -> int:
        """Where `key` would go in these lines, which must be sorted (`bisect.bisect_left`),
        found among the kept samples first, then in one stretch of `SAMPLE_EVERY` lines."""
        if self._samples is None:
            self._samples = [self[i] for i in range(0, len(self), SAMPLE_EVERY)]
        j = bisect_left(self._samples, key)
        low = (j - 1) * SAMPLE_EVERY + 1 if j else 0
        high = min(j * SAMPLE_EVERY, len(self))
        if not isinstance(self._text, _File) or high <= low:
            return bisect_left(self, key, low, high)
        # One read for the stretch, not one per line the bisection looks at.
        first, last = self._first + low, self._first + high
        end = self._starts[last] - 1 if last < len(self._starts) else self._size
        stretch = self._text.read(self._starts[first], end).split("\n")
        return low + bisect_left(stretch, key)


def find(lines: Sequence[str], key: str) -> int | None:
    """The index of the line of sorted `lines` whose first tab-separated field is `key`."""
    prefix = key + "\t"
    i = lines.bisect_left(prefix) if isinstance(lines, Lines) else bisect_left(lines, prefix)
    return i if i < len(lines) and lines[i].startswith(prefix) else None


def fields(lines: Sequence[str], key: str) -> list[str] | None:
    """The fields after `key` on its line of sorted `lines`, or None when it has none."""
    i = find(lines, key)
    return None if i is None else lines[i].split("\t")[1:]
