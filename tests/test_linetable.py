"""Lines over a str and over a memory-mapped file read the same lines, and bisection finds
a key's fields in either."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.language.linetable import Lines, fields, find

TEXT = "# header\n@words 3\napple\t1\nзебра\t2\nёж\t3\n@groups 1\nmeet|confer\t\t"


@pytest.fixture(params=["text", "mapped"])
def lines(request: pytest.FixtureRequest, tmp_path: Path) -> Lines:
    if request.param == "text":
        return Lines(TEXT)
    path = tmp_path / "data.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    return Lines.mapped(path)


def test_lines_are_the_text_split_at_line_breaks(lines: Lines) -> None:
    assert list(lines) == TEXT.split("\n")
    assert lines[-1] == "meet|confer\t\t"


def test_a_section_is_found_without_reading_every_line(lines: Lines) -> None:
    start = lines.line_starting("@words ")
    assert start == 1
    words = lines[start + 1 : start + 4]
    assert list(words) == ["apple\t1", "зебра\t2", "ёж\t3"]
    assert lines.line_starting("@groups ") == 5
    assert lines.line_starting("@exceptions ") is None
    assert words.line_starting("@groups ") is None  # past the slice's end


def test_bisection_finds_keys_in_code_point_order(lines: Lines) -> None:
    words = lines[2:5]
    assert fields(words, "зебра") == ["2"]
    assert fields(words, "ёж") == ["3"]
    assert find(words, "apple") == 0
    assert fields(words, "banana") is None


def test_a_mapped_file_stays_readable_after_its_pages_are_given_back(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    lines = Lines.mapped(path)
    lines.release()
    assert lines[3] == "зебра\t2"
    lines.release()
    assert list(lines) == TEXT.split("\n")
