"""Commands for the curator's loop: `teach` a wording, list the `misses`."""

from __future__ import annotations

import argparse
import sys

from bot.answering.facts import LANGUAGES
from bot.cli.common import AddCommand, facts_path, say
from bot.config import Settings
from bot.curation.teach import add_decline, add_phrasing


def cmd_teach(args: argparse.Namespace) -> int:
    """Add a question as a phrasing of a fact in the facts file itself, then validate it;
    with --decline, add it to the questions the bot must decline instead."""
    if args.decline == (args.fact_id is not None):
        say(
            "article-bot: give the FACT_ID that answers the question, or --decline if the "
            "article does not answer it",
            file=sys.stderr,
        )
        return 1
    if args.decline:
        result = add_decline(facts_path(args), args.question, language=args.language)
    else:
        result = add_phrasing(facts_path(args), args.fact_id, args.question, language=args.language)
    if not result.ok:
        say(f"article-bot: {result.reason}", file=sys.stderr)
        return 1
    say(result.reason)
    return 0


def cmd_misses(args: argparse.Namespace) -> int:
    """List the questions the bot could not answer (ARTICLE_BOT_DB), grouped by wording,
    most frequent first, with the nearest fact and the facts readers picked."""
    from bot.curation.misses import MissStoreError, misses_report

    settings: Settings = args.settings
    if settings.db_path is None:
        say("recording of unanswered questions is off (ARTICLE_BOT_DB=off)")
        return 0
    try:
        report = misses_report(
            settings.db_path,
            retention_days=settings.retention_days,
            since_days=args.since,
            limit=args.limit,
            as_json=args.json,
            key=settings.db_key,
        )
    except MissStoreError as exc:
        say(f"article-bot: {exc}", file=sys.stderr)
        return 1
    say(report)
    return 0


def register(add: AddCommand) -> None:
    """Add `teach` and `misses` to the parser."""
    teach = add("teach", cmd_teach, "add a question as a phrasing of a fact")
    teach.add_argument("question", help="the question, as a reader would ask it")
    teach.add_argument(
        "fact_id", metavar="FACT_ID", nargs="?", help="the id of the fact that answers it"
    )
    teach.add_argument(
        "--decline",
        action="store_true",
        help="add the question to decline: (the article does not answer it) instead",
    )
    teach.add_argument(
        "--language",
        choices=LANGUAGES,
        help="the question's language (default: from its script, Cyrillic meaning ru)",
    )

    miss = add("misses", cmd_misses, "list the questions the bot could not answer")
    miss.add_argument("--since", type=float, metavar="DAYS", help="only the last DAYS days")
    miss.add_argument("--limit", type=int, metavar="N", help="only the N most frequent groups")
    miss.add_argument("--json", action="store_true", help="print one JSON object")
