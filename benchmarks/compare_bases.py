"""Measure each change between two fact bases alone, on question sets: which of a
curator's edits answer more readers right, and which cost right answers, make wrong ones
or answer questions the article does not answer.

The two files are compared line by line; each changed stretch (a synonym group, a run of
phrasings, a decline example) is applied alone to OLD and the question sets are asked,
scored by the fact answered as `eval_by_fact.py` scores them. Then a selection of
changes can be written out as a new file, to review and `article-bot check`.

    .venv/bin/python benchmarks/compare_bases.py facts.yaml NEW.yaml Q1.yaml Q2.yaml…
    .venv/bin/python benchmarks/compare_bases.py facts.yaml NEW.yaml Q*.yaml --keep 0,2,5 -o MERGED.yaml

Each change prints as: its number, (right, wrong, out of scope answered) against OLD,
and its first line. Use question sets you have already read: a blind set measured this
way is not blind any more.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval_by_fact import holds  # noqa: E402

from bot.answering.engine import Engine  # noqa: E402
from bot.answering.facts import load  # noqa: E402
from bot.curation.evaluation import Question, load_questions  # noqa: E402

Change = tuple[int, int, int, int]
"""(first, end) lines of OLD and (first, end) lines of NEW that differ."""


def changes(old: Sequence[str], new: Sequence[str]) -> list[Change]:
    """The stretches of lines in which NEW differs from OLD, in order."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def apply(old: Sequence[str], new: Sequence[str], found: list[Change], keep: set[int]) -> list[str]:
    """OLD with the changes numbered in `keep` taken from NEW."""
    out: list[str] = []
    done = 0
    for number, (i1, i2, j1, j2) in enumerate(found):
        out += old[done:i1]
        out += new[j1:j2] if number in keep else old[i1:i2]
        done = i2
    return out + list(old[done:])


def score(lines: Iterable[str], questions: Sequence[Question]) -> tuple[int, int, int]:
    """(in scope right, in scope wrong, out of scope answered) of a base's text."""
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as handle:
        handle.writelines(lines)
    try:
        engine = Engine(load(handle.name))
    finally:
        os.unlink(handle.name)
    right = wrong = answered = 0
    for question in questions:
        match = engine.answer(question.text).match
        if match.status.value != "answered" or match.fact is None:
            continue
        if question.kind == "out_of_scope":
            answered += 1
        elif question.kind == "in_scope" and holds(match.fact, question.expect):
            right += 1
        elif question.kind == "in_scope":
            wrong += 1
    return right, wrong, answered


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("questions", nargs="+")
    parser.add_argument("--keep", help="comma-separated change numbers to write out")
    parser.add_argument("-o", "--output", help="where to write OLD with the kept changes")
    args = parser.parse_args()
    old = Path(args.old).read_text(encoding="utf-8").splitlines(keepends=True)
    new = Path(args.new).read_text(encoding="utf-8").splitlines(keepends=True)
    questions = [q for path in args.questions for q in load_questions(path)]
    found = changes(old, new)
    if args.keep is not None:
        keep = {int(n) for n in args.keep.split(",") if n.strip()}
        merged = apply(old, new, found, keep)
        print(
            "kept", sorted(keep), "->", score(merged, questions), "against", score(old, questions)
        )
        if args.output:
            Path(args.output).write_text("".join(merged), encoding="utf-8")
        return 0
    base = score(old, questions)
    print(f"OLD {base} (right, wrong, out of scope answered); {len(found)} changes")
    for number, (_, _, j1, j2) in enumerate(found):
        right, wrong, answered = score(apply(old, new, found, {number}), questions)
        first = "".join(new[j1:j2]).strip().splitlines()[:1] or ["(lines removed)"]
        delta = (right - base[0], wrong - base[1], answered - base[2])
        print(f"{number:3} {delta} {first[0][:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
