"""Shared fixtures: the repository's fact base, a small valid one, and a clean environment."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from fake_bot_api import FakeBotAPI

import bot.curation.guard
from bot.answering.engine import Engine
from bot.answering.facts import FactBase, load, loads
from bot.cli import main
from bot.config import PACKAGED_FACTS

TESTS_DIR = Path(__file__).resolve().parent
REPO_FACTS = TESTS_DIR.parent / "facts.yaml"
TOWN_FACTS = TESTS_DIR / "data" / "riverton.yaml"
"""A fictional local-news article of 19 facts in English and Russian, with synonyms, decline
examples and small talk: the base the matcher's behaviour is tested on, so that an edit to
the shipped facts.yaml (checked by the question sets in benchmarks/questions/) breaks no
unit test."""

# Small enough to read at a glance, yet it has every part a citation can point to
# (title, standfirst, caption, paragraphs) and a heading, which paragraph numbers skip:
# "The bridge will cost..." is paragraph 2.
MINIMAL_FACTS_YAML = """\
version: 1
article:
  title: Town council approves new bridge
  standfirst: Work on the river crossing starts in May.
  byline: Staff reporter
  photo:
    caption: The old bridge at dusk.
    credit: Jane Doe
  body:
    - The town council voted on Monday to build a new bridge.
    - heading: Costs
    - The bridge will cost 4 million euros.
    - Construction is expected to take two years.
summary:
  en: The council approved a new bridge costing 4 million euros.
  ru: Совет одобрил новый мост стоимостью 4 миллиона евро.
synonyms:
  - [cost, price]
facts:
  - id: bridge-cost
    cite: The bridge will cost 4 million euros.
    answer:
      en: The new bridge will cost 4 million euros.
      ru: Мост обойдётся в 4 миллиона евро.
    ask:
      en: [how much will the bridge cost, what is the price of the bridge]
      ru: [сколько стоит мост]
  - id: construction-time
    cite: Construction is expected to take two years.
    answer:
      en: Construction is expected to take two years.
      ru: Строительство займёт два года.
    ask:
      en: [how long will construction take]
      ru: [сколько продлится строительство]
smalltalk:
  - id: greeting
    ask:
      en: [hello]
      ru: [привет]
    answer:
      en: Hello!
      ru: Здравствуйте!
"""

# Two facts that both answer "when did the mayors meet": a question the bot must not
# guess at, whatever the shipped fact base says.
TWO_MEETINGS_YAML = """\
version: 1
article:
  title: Mayors meet again
  byline: Staff reporter
  body:
    - The two mayors met on Friday in the town hall.
    - The mayors had last met in March 2019.
summary: The mayors met on Friday, for the first time since March 2019.
decision: {answer_min_margin: 0.1}
facts:
  - id: friday-meeting
    cite: The two mayors met on Friday in the town hall.
    answer: The mayors met on Friday in the town hall.
    ask: [when did the mayors meet on friday, in which hall did the mayors meet on friday]
  - id: previous-meeting
    cite: The mayors had last met in March 2019.
    answer: Before Friday, the mayors had last met in March 2019.
    ask: [when did the mayors meet in march, in which year did the mayors meet in march]
"""

WriteFacts = Callable[..., Path]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`article-bot argv…` in this process: exit code, stdout, stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# The keys of `ask --json` (and `Reply.to_json()`), in the documented order.
JSON_KEYS = [
    "question",
    "language",
    "status",
    "fact_id",
    "score",
    "answer",
    "citations",
    "suggestions",
    "text",
]


# --- environment -----------------------------------------------------------------------
@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hide the developer's ARTICLE_BOT_* and TELEGRAM_* settings, and their .env, from
    every test run in this process (processes that tests start run elsewhere)."""
    for name in list(os.environ):
        if name.startswith(("ARTICLE_BOT_", "TELEGRAM_")):
            monkeypatch.delenv(name)
    monkeypatch.setattr("bot.config.ENV_FILE", Path(os.devnull))
    # python-telegram-bot 22 warns when it builds RetryAfter unless told to use timedelta;
    # the bot reads the value as a timedelta either way.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture(autouse=True)
def no_settle_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Look at a file twice without the half-second wait between (`bot.curation.guard`): tests of
    the wait itself pass their own `settle` and `sleep`."""
    monkeypatch.setattr("bot.curation.guard.SETTLE_SECONDS", 0.0)


@pytest.fixture(autouse=True, scope="session")
def no_records_left_in_the_source_tree() -> Iterator[None]:
    """`python -m bot run` in a subprocess (tests/test_runner.py) records its last good
    version beside the repository's facts.yaml; remove what the session added."""
    records = [Path(f"{facts}.last-good") for facts in (REPO_FACTS, PACKAGED_FACTS)]
    there = {record for record in records if record.exists()}
    yield
    for record in records:
        if record not in there:
            record.unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def records_out_of_the_source_tree(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A bot started on the repository's facts.yaml (or the packaged copy) records its last
    good version in the test's temporary folder, not beside the file in the source tree."""
    beside = bot.curation.guard.record_path
    source = {REPO_FACTS.parent, PACKAGED_FACTS.parent}

    def elsewhere(path: Path) -> Path:
        where = beside(path)
        return tmp_path / where.name if where.parent in source else where

    monkeypatch.setattr("bot.curation.guard.record_path", elsewhere)


@pytest.fixture(autouse=True)
def isolate_logging() -> Iterator[None]:
    """Undo the root-logger set-up that `cli.main` does, so no test logs into another's capture."""
    root = logging.getLogger()
    level, before = root.level, set(root.handlers)
    yield
    # `main` installs a plain StreamHandler on the test's captured stderr; pytest's own
    # capture handlers are subclasses and are managed by pytest.
    for handler in [h for h in root.handlers if type(h) is logging.StreamHandler]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


# --- fact bases ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def facts_path() -> Path:
    """The repository's facts.yaml, found from this folder rather than the working directory."""
    return REPO_FACTS


@pytest.fixture(scope="session")
def base(facts_path: Path) -> FactBase:
    """The real fact base, loaded once: it is immutable."""
    return load(facts_path)


@pytest.fixture(scope="session")
def engine(base: FactBase) -> Engine:
    """An engine over the real fact base, built once: it is immutable."""
    return Engine(base)


@pytest.fixture(scope="session")
def town() -> FactBase:
    """The small Riverton library article (tests/data/riverton.yaml), loaded once."""
    return load(TOWN_FACTS)


@pytest.fixture(scope="session")
def town_engine(town: FactBase) -> Engine:
    """An engine over the Riverton article, built once: it is immutable."""
    return Engine(town)


@pytest.fixture
def two_meetings_engine() -> Engine:
    """An engine over two facts that a plain "when did they meet" fits equally."""
    return Engine(loads(TWO_MEETINGS_YAML))


@pytest.fixture
def minimal_facts_yaml() -> str:
    """A small valid facts file as text, for tests that break one thing in it."""
    return MINIMAL_FACTS_YAML


@pytest.fixture
def write_facts(tmp_path: Path) -> WriteFacts:
    """A factory: `write_facts(text, name="facts.yaml")` saves text or bytes, returns the path."""

    def write(content: str | bytes, name: str = "facts.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture
def six_facts_yaml(minimal_facts_yaml: str) -> str:
    """The minimal facts plus four more and a second small-talk entry: 6 facts, 2 small
    talk, and many places where a cut-short copy still validates."""
    head, tail = minimal_facts_yaml.split("smalltalk:\n")
    extra = "".join(
        f"  - id: extra-{number}\n"
        "    cite: The town council voted on Monday to build a new bridge.\n"
        f"    answer: Extra answer {number}.\n"
        f"    ask: [extra question number {number}]\n"
        for number in range(1, 5)
    )
    thanks = "  - id: thanks\n    ask: [thanks]\n    answer: You're welcome!\n"
    return f"{head}{extra}smalltalk:\n{tail}{thanks}"


class InPlaceSave:
    """An editor saving `text` over `path` in place, as editors without atomic save do:
    one open file, truncated, then written a few lines at a time (same inode all along,
    no rename). Each write gets a fresh mtime, so no two steps look alike by chance."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.encode("utf-8").splitlines(keepends=True)
        self.written = 0
        self._mtime_ns = path.stat().st_mtime_ns
        self._file = open(path, "wb")  # noqa: SIM115 - stays open across steps, as an editor's does

    def write_lines(self, count: int) -> None:
        """Write the next `count` lines (all that are left when fewer remain)."""
        chunk = b"".join(self.lines[self.written : self.written + count])
        self.written = min(len(self.lines), self.written + count)
        self._file.write(chunk)
        self._file.flush()
        self._mtime_ns += 1_000_000
        os.utime(self._file.fileno(), ns=(self._mtime_ns, self._mtime_ns))

    def write_up_to(self, line: int) -> None:
        """Write until the file holds the first `line` lines."""
        self.write_lines(line - self.written)

    def finish(self) -> None:
        """Write the rest and close the file."""
        self.write_lines(len(self.lines))
        self.close()

    def close(self) -> None:
        """Close the file where the save stands (the editor gave up or crashed)."""
        self._file.close()

    @property
    def done(self) -> bool:
        """Whether every line has been written."""
        return self.written == len(self.lines)


StartSave = Callable[[Path, str], InPlaceSave]


@pytest.fixture
def start_save() -> Iterator[StartSave]:
    """A factory: `start_save(path, text)` begins an in-place save (truncating the file);
    every save still open is closed after the test."""
    saves: list[InPlaceSave] = []

    def start(path: Path, text: str) -> InPlaceSave:
        saves.append(InPlaceSave(path, text))
        return saves[-1]

    yield start
    for save in saves:
        save.close()


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    """A fake Bot API server on 127.0.0.1, one per test."""
    async with FakeBotAPI() as server:
        yield server
