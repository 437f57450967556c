"""What every command uses: printing safely, and the facts file the options name."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.answering.facts import FactBase, load
from bot.config import Settings

Command = Callable[[argparse.Namespace], int]
"""A subcommand: `cmd_x(args) -> int`, the exit code."""
AddCommand = Callable[[str, Command, str], argparse.ArgumentParser]
"""`add(name, cmd_x, help)`: registers a subcommand, run by `cmd_x`, whose docstring is
its --help description, with the options every subcommand takes (--facts); returns its
parser for the command's own arguments. Each command module's `register` gets one."""

_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters but the newline (C0, DEL, C1 such as 0x9b, a CSI to some
terminals) and the bidirectional-text controls that reorder what a terminal shows."""
_SHORT_ESCAPES = {"\t": "\\t", "\r": "\\r"}


def printable(text: str) -> str:
    """`text` with every control character but the newline written as an escape, so that
    a reader's message (ESC sequences, a carriage return, a right-to-left override) shows
    as text instead of driving the curator's terminal. The escapes are JSON's, so JSON
    output stays valid JSON with the same values.

    >>> print(printable("clear \\x1b[2J\\tnow"))
    clear \\u001b[2J\\tnow
    """
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def say(text: str = "", *, file: TextIO | None = None, flush: bool = False) -> None:
    """Print one piece of output made `printable`. Everything the CLI prints goes through
    here, since any of it may quote a reader: answers echo questions, misses list them."""
    print(printable(text), file=file or sys.stdout, flush=flush)


def facts_path(args: argparse.Namespace) -> Path:
    """--facts if given (before or after the subcommand), else the settings' choice."""
    given = getattr(args, "facts", None)
    settings: Settings = args.settings
    return Path(given) if given else settings.facts_path


def load_base(args: argparse.Namespace) -> FactBase:
    """The fact base in the facts file the options name."""
    return load(facts_path(args))
