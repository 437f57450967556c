"""`article-bot draft`: a first facts file from an article."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.cli.common import AddCommand, say


def cmd_draft(args: argparse.Namespace) -> int:
    """Draft a facts file from an article saved as plain text or as an HTML page, or
    fetched from its URL; every drafted entry is marked `draft: true` until a curator has reviewed it."""
    from bot.drafting.draft import DEFAULT_OUTPUT, DraftError, write_draft

    output = Path(args.output or DEFAULT_OUTPUT)
    try:
        result = write_draft(args.article, output, force=args.force)
    except DraftError as exc:
        say(f"article-bot: {exc}", file=sys.stderr)
        return 1
    if args.json:
        say(json.dumps(result.report(str(output)), ensure_ascii=False, indent=2))
    else:
        say(result.summary(str(output)))
    return 0


def register(add: AddCommand) -> None:
    """Add `draft` to the parser."""
    draft = add(
        "draft", cmd_draft, "draft a facts file from an article (plain text, HTML, or its URL)"
    )
    draft.add_argument(
        "article", help="the article, saved as plain text or as an HTML page, or its http(s) URL"
    )
    draft.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="where to write the draft (default: facts.draft.yaml)",
    )
    draft.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    draft.add_argument("--json", action="store_true", help="print what was found as JSON")
