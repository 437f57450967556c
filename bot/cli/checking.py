"""`article-bot check`: validate a facts file, warn, and confirm it as the last good one."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from bot.answering.facts import FactBase, FactsError, Problem, load, load_bytes
from bot.cli.common import AddCommand, facts_path, say
from bot.curation.guard import (
    CONFIRM_HINT,
    Inventory,
    LastGood,
    StillChanging,
    loss,
    read_last_good,
    read_settled,
    record_path,
    write_last_good,
)
from bot.curation.quality import warnings as quality_warnings


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a facts file: a one-line count when good, every problem when not; then
    the curator's warnings (exit 1 on warnings only with --strict). With --confirm, record
    the file as the last good version, accepting facts or small talk removed on purpose."""
    path = Path(args.path) if args.path else facts_path(args)
    data = _read_settled(path) if args.confirm else None
    base = load(path) if data is None else load_bytes(data, str(path))
    languages = sorted({lang for f in base.facts for lang in f.phrasings})
    entries = "entry" if len(base.smalltalk) == 1 else "entries"
    say(
        f"{path}: OK: {len(base.facts)} facts, {base.phrasing_count} phrasings "
        f"({', '.join(languages)}), {len(base.smalltalk)} small-talk {entries}, "
        f"{len(base.article.paragraphs)} paragraphs"
    )
    found = quality_warnings(base)
    record = None if args.confirm else read_last_good(path)
    lost = None if record is None else loss(record.inventory, Inventory.of(base))
    if lost is not None:
        found.append(
            Problem(
                str(path),
                0,
                f"{lost.describe(path)}; a running bot keeps answering from the last good "
                f"version until you confirm that they were removed on purpose: {CONFIRM_HINT}",
            )
        )
    for problem in found:
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        say(f"{where}: warning: {problem.message}")
    if found:
        say(f"{len(found)} warning{'s' if len(found) != 1 else ''}")
    if data is not None:
        _confirm(path, data, base)
    return 1 if found and args.strict else 0


def _read_settled(path: Path) -> bytes | None:
    """The file's bytes once it has kept still; None when it cannot be read (`load`
    then says why)."""
    try:
        data, _ = read_settled(path)
    except StillChanging:
        raise FactsError(
            [
                Problem(
                    str(path),
                    0,
                    "still changing (an editor may be saving it); run check --confirm again "
                    "once it is saved",
                )
            ]
        ) from None
    except OSError:
        return None
    return data


def _confirm(path: Path, data: bytes, base: FactBase) -> None:
    """Record `base` as the last good version; a running bot swaps it in at its next poll."""
    try:
        write_last_good(path, LastGood(hashlib.sha256(data).hexdigest(), Inventory.of(base)))
    except OSError as exc:
        raise FactsError(
            [
                Problem(
                    str(record_path(path)),
                    0,
                    f"cannot write: {exc.strerror}; send /reload to the bot instead",
                )
            ]
        ) from None
    say(
        f"{path}: confirmed as the last good version ({Inventory.of(base).counts()}); "
        "a running bot answers from it at its next check"
    )


def register(add: AddCommand) -> None:
    """Add `check` to the parser."""
    check = add("check", cmd_check, "validate a facts file")
    check.add_argument("path", nargs="?", help="facts file to check (default: the --facts one)")
    check.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    check.add_argument(
        "--confirm",
        action="store_true",
        help="record the file as the last good version, accepting entries removed on purpose",
    )
