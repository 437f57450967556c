"""The `article-bot` command: each subcommand is a small `cmd_x(args) -> int`.

One module per group of commands, each with a `register(add)` that declares its
arguments: `asking` (run, ask, chat, summary), `checking` (check), `measuring` (eval,
calibrate), `curating` (teach, misses) and `drafting` (draft); `common` holds `say`,
through which everything printed goes. The CLI is the top of the import graph: it may
use every package, and none imports it. `main` sets up logging and turns `FactsError`
(exit 1) and `ConfigError` (exit 2) into one clear line on stderr, without a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot import __version__
from bot.answering.facts import FactsError
from bot.cli import asking, checking, curating, drafting, measuring
from bot.cli.asking import cmd_chat, cmd_run
from bot.cli.common import Command, say
from bot.config import ConfigError, Settings
from bot.curation.evaluation import QuestionFileError
from bot.logs import configure_logging

logger = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; every subcommand takes --facts."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--facts",
        default=argparse.SUPPRESS,  # so that a subcommand's copy keeps a value given before it
        metavar="PATH",
        help="facts file (default: $ARTICLE_BOT_FACTS, else ./facts.yaml, else the packaged one)",
    )
    parser = argparse.ArgumentParser(
        prog="article-bot",
        description="Answers questions about one news article, citing the sentence each answer rests on.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Command, help: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, parents=[common], help=help, description=func.__doc__)
        command.set_defaults(func=func)
        return command

    for group in (asking, checking, measuring, curating, drafting):
        group.register(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `article-bot` and `python -m bot`."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.settings = Settings.from_env()
    except ConfigError as exc:
        say(f"article-bot: configuration error: {exc}", file=sys.stderr)
        return 2
    if args.command is None:
        # The quick start: serve Telegram when there is a token, else chat in the terminal.
        if args.settings.token:
            args.command, args.func = "run", cmd_run
        else:
            say(
                "No TELEGRAM_BOT_TOKEN set: chatting here in the terminal. To serve Telegram, "
                "export TELEGRAM_BOT_TOKEN=<token from @BotFather> and run article-bot again.",
                file=sys.stderr,
            )
            args.command, args.func = "chat", cmd_chat
    settings: Settings = args.settings
    configure_logging(
        settings.log_level if args.command == "run" else logging.WARNING,
        secrets=(settings.token, settings.webhook_secret),
    )
    try:
        result: int = args.func(args)
        return result
    except FactsError as exc:
        say(str(exc), file=sys.stderr)
        return 1
    except QuestionFileError as exc:
        say(str(exc), file=sys.stderr)
        return 1
    except ConfigError as exc:
        say(f"article-bot: configuration error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
