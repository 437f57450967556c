"""Lines over a str and over a memory-mapped file read the same lines, and bisection finds
a key's fields in either."""

from __future__ import annotations

import bisect
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


@pytest.mark.parametrize("text", ["a\t1\nb\t2\n", "a\t1\nb\t2"])
def test_a_final_line_break_ends_the_last_line(text: str, tmp_path: Path) -> None:
    """As a file's lines are read: a final line break starts no empty line (which would
    sort first and mislead a search among the last lines)."""
    path = tmp_path / "data.txt"
    path.write_text(text, encoding="utf-8")
    for lines in (Lines(text), Lines.mapped(path)):
        assert list(lines) == ["a\t1", "b\t2"]
        assert (fields(lines, "b"), fields(lines, "a")) == (["2"], ["1"])


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


def _sorted_words(count: int) -> list[str]:
    return sorted(
        f"{word}\t{n}" for n, word in enumerate(f"w{i * 7919 % 100003:06d}" for i in range(count))
    )


@pytest.mark.parametrize("kind", ["text", "mapped"])
def test_search_through_samples_finds_what_bisection_of_a_list_finds(
    kind: str, tmp_path: Path
) -> None:
    """Many stretches of samples, keys before, between, on and after the lines."""
    words = _sorted_words(1000)
    path = tmp_path / "words.txt"
    path.write_text("# words\n" + "\n".join(words) + "\n", encoding="utf-8")
    lines = (Lines.mapped(path) if kind == "mapped" else Lines(path.read_text("utf-8")))[1:]
    keys = [line.split("\t")[0] for line in words]
    probes = ["", "a", "w", "z", *keys, *(k + "0" for k in keys[::7]), *(k[:-1] for k in keys[::5])]
    for key in probes:
        assert lines.bisect_left(key + "\t") == bisect.bisect_left(words, key + "\t"), key
    assert [find(lines, key) for key in keys] == list(range(len(keys)))


@pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="reads Linux's /proc")
def test_looking_up_a_mapped_file_keeps_none_of_it_resident(tmp_path: Path) -> None:
    """Searched ten thousand times, a 1 MB file holds no page of this process's memory:
    lines are read by range, and the pages its load-time scans touched are given back."""
    words = _sorted_words(40_000)
    path = tmp_path / "words.txt"
    path.write_text("\n".join(words), encoding="utf-8")
    lines = Lines.mapped(path)
    for i in range(10_000):
        assert fields(lines, words[i * 4].split("\t")[0]) is not None
    assert _resident_kib(path) == 0


def _resident_kib(path: Path) -> int:
    """KiB of `path` mapped and resident in this process, from /proc/self/smaps."""
    resident, inside = 0, False
    with open("/proc/self/smaps", encoding="utf-8") as smaps:
        for line in smaps:
            head = line.split()
            if "-" in head[0] and len(head) >= 5:  # a mapping's header line
                inside = head[-1] == str(path)
            elif inside and head[0] == "Rss:":
                resident += int(head[1])
    return resident


def test_without_pread_lines_are_read_through_the_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where os has no pread (Windows), the same lines come through the memory map."""
    monkeypatch.delattr("os.pread")
    words = _sorted_words(300)
    path = tmp_path / "words.txt"
    path.write_text("\n".join(words) + "\n", encoding="utf-8")
    lines = Lines.mapped(path)
    assert list(lines) == words
    assert [find(lines, w.split("\t")[0]) for w in words] == list(range(len(words)))
