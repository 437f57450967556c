"""Guards against building on a half-saved facts.yaml.

An editor that saves in place truncates the file and writes it in chunks, and a cut that
falls between two entries still validates: it is a smaller, valid fact base. Two signs give
such a copy away, and live reload, `teach` and `check` look at both:

- the file is still changing: its size, mtime or inode differ between two looks a moment
  apart (`Stamp`);
- it lost entries: it has fewer facts or small-talk entries than the last good version
  (`Inventory`, `Loss`). The last good version is the one the running bot answers from, and
  is also recorded beside the file in `<name>.last-good`, so that a command run in another
  process (`article-bot teach`) can compare with it and `article-bot check --confirm` can
  accept a deliberate removal.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.answering.facts import FactBase

logger = logging.getLogger(__name__)

SETTLE_SECONDS = 0.5
"""How long a file must keep its stamp to count as saved, where one look is all there is
(`teach`, `/reload`, `check --confirm`). Live reload compares two polls instead."""
MISSING_SHOWN = 5
"""Missing ids named in a loss; the rest are counted."""
CONFIRM_HINT = "send /reload to the bot or run: article-bot check --confirm"


@dataclass(frozen=True, slots=True)
class Stamp:
    """What changes whenever a file is written or replaced."""

    size: int
    mtime_ns: int
    inode: int


def stamp(path: Path) -> Stamp | None:
    """The file's stamp, or None when it cannot be looked at (missing, say)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return Stamp(info.st_size, info.st_mtime_ns, info.st_ino)


class StillChanging(Exception):
    """The file changed between two looks; the message says which file."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(f"{path} is still changing (an editor may be saving it)")


def read_settled(
    path: Path, *, settle: float | None = None, sleep: Callable[[float], None] = time.sleep
) -> tuple[bytes, Stamp]:
    """The file's bytes and stamp, read only once the stamp held still for `settle` seconds
    (default `SETTLE_SECONDS`) and through the read.

    Raises `StillChanging`, or `OSError` when the file cannot be read.
    """
    first = stamp(path)
    sleep(SETTLE_SECONDS if settle is None else settle)
    second = stamp(path)
    data = path.read_bytes()
    if second is None or first != second or stamp(path) != second:
        raise StillChanging(path)
    return data, second


@dataclass(frozen=True, slots=True)
class Inventory:
    """The ids a fact base holds: what a cut-short copy loses."""

    facts: tuple[str, ...]
    smalltalk: tuple[str, ...]

    @classmethod
    def of(cls, base: FactBase) -> Inventory:
        """The inventory of a loaded fact base."""
        return cls(tuple(f.id for f in base.facts), tuple(s.id for s in base.smalltalk))

    def counts(self) -> str:
        """E.g. "30 facts and 6 small-talk entries"."""
        entries = "entry" if len(self.smalltalk) == 1 else "entries"
        return f"{_count(len(self.facts), 'fact')} and {len(self.smalltalk)} small-talk {entries}"


@dataclass(frozen=True, slots=True)
class Loss:
    """A fact base with fewer facts or small-talk entries than the one before it."""

    before: Inventory
    after: Inventory

    @property
    def missing(self) -> tuple[str, ...]:
        """The ids of `before` that `after` lacks, facts first."""
        now = {*self.after.facts, *self.after.smalltalk}
        return tuple(i for i in (*self.before.facts, *self.before.smalltalk) if i not in now)

    def describe(self, path: Path | str) -> str:
        """E.g. "facts.yaml has 9 facts and 0 small-talk entries, fewer than the last good
        version's 30 and 6 (missing: a, b, c, d, e and 16 more)"."""
        missing = self.missing
        named = ", ".join(missing[:MISSING_SHOWN])
        if len(missing) > MISSING_SHOWN:
            named += f" and {len(missing) - MISSING_SHOWN} more"
        return (
            f"{path} has {self.after.counts()}, fewer than the last good version's "
            f"{len(self.before.facts)} and {len(self.before.smalltalk)} (missing: {named})"
        )


def loss(before: Inventory, after: Inventory) -> Loss | None:
    """The loss from `before` to `after`, or None when neither count dropped.

    >>> loss(Inventory(("a", "b"), ()), Inventory(("a",), ())).missing
    ('b',)
    >>> loss(Inventory(("a",), ()), Inventory(("b",), ())) is None  # renamed, not lost
    True
    """
    dropped = len(after.facts) < len(before.facts) or len(after.smalltalk) < len(before.smalltalk)
    return Loss(before, after) if dropped else None


# --- the record beside the file ------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LastGood:
    """The version of a facts file last accepted as whole: by the running bot, or
    confirmed by a curator."""

    sha256: str
    inventory: Inventory


def record_path(path: Path) -> Path:
    """Where the record of `path` lives: beside the file a symlink points to."""
    target = Path(os.path.realpath(path))
    return target.with_name(target.name + ".last-good")


def read_last_good(path: Path) -> LastGood | None:
    """The record of `path`, or None when there is none or it cannot be read."""
    where = record_path(path)
    try:
        raw = json.loads(where.read_text(encoding="utf-8"))
        return LastGood(
            str(raw["sha256"]),
            Inventory(tuple(map(str, raw["facts"])), tuple(map(str, raw["smalltalk"]))),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        logger.warning("ignoring %s, which cannot be read (%s); delete it", where, exc)
        return None


def write_last_good(path: Path, record: LastGood) -> None:
    """Record `record` beside `path`, atomically. Raises `OSError` when the folder is not
    writable (a read-only mount, say)."""
    where = record_path(path)
    data = json.dumps(
        {
            "sha256": record.sha256,
            "facts": list(record.inventory.facts),
            "smalltalk": list(record.inventory.smalltalk),
        },
        ensure_ascii=False,
        indent=1,
    )
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=where.parent, prefix=f".{where.name}.", delete=False
    ) as tmp:
        tmp.write(data + "\n")
    try:
        os.replace(tmp.name, where)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp.name)
        raise


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
