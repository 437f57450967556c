"""The `article-bot` command: each subcommand is a small `cmd_x(args) -> int`.

`main` sets up logging and turns `FactsError` (exit 1) and `ConfigError` (exit 2) into
one clear line on stderr, without a traceback.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot import __version__

if TYPE_CHECKING:
    from bot.curation.calibration import Calibration
    from bot.curation.report import Case

from bot.answering.decision import Thresholds
from bot.answering.engine import Engine
from bot.answering.facts import LANGUAGES, FactBase, FactsError, Problem, load, load_bytes
from bot.answering.followup import ConversationMemory
from bot.answering.matcher import Matcher
from bot.answering.messages import LANGUAGE_NAMES, message
from bot.answering.replies import source_reply, summary_reply, topics_reply
from bot.answering.reply_language import choose_language
from bot.config import ConfigError, Settings
from bot.curation.evaluation import (
    QuestionFileError,
    cross_validate,
    cross_validation_figures,
    evaluate,
    format_cross_validation,
    format_report,
    load_questions,
)
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
from bot.curation.teach import add_decline, add_phrasing, write_thresholds
from bot.logs import configure_logging

logger = logging.getLogger(__name__)

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


def _facts_path(args: argparse.Namespace) -> Path:
    """--facts if given (before or after the subcommand), else the settings' choice."""
    given = getattr(args, "facts", None)
    settings: Settings = args.settings
    return Path(given) if given else settings.facts_path


def _load_base(args: argparse.Namespace) -> FactBase:
    return load(_facts_path(args))


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one question, or one per line of standard input with `-`."""
    engine = Engine(_load_base(args))
    if args.question == "-":
        for line in sys.stdin:
            question = line.rstrip("\n")
            if question.strip():
                say(json.dumps(engine.ask(question).to_json(), ensure_ascii=False), flush=True)
        return 0
    reply = engine.ask(args.question)
    say(json.dumps(reply.to_json(), ensure_ascii=False) if args.json else reply.plain)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """An interactive terminal conversation with the same replies as in Telegram."""
    chat = TerminalChat(Engine(_load_base(args)))
    interactive = sys.stdin.isatty()
    if interactive:
        say(
            f"Ask about “{chat.engine.base.article.title}”. "
            "/summary, /topics, /source, /language, /quit to leave."
        )
    while True:
        try:
            line = input("> " if interactive else "")
        except (EOFError, KeyboardInterrupt):
            break
        line = line.strip()
        if line in ("/quit", "/exit"):
            break
        if line:
            say(chat.reply(line))
            say()
    return 0


@dataclass
class TerminalChat:
    """One terminal conversation, kept as the Telegram bot keeps a reader's: their
    language (a /language choice first, else the language of their last message) and
    the last answer, for follow-up questions."""

    engine: Engine
    memory: ConversationMemory = field(default_factory=ConversationMemory)
    fixed: str | None = None
    last: str | None = None

    def reply(self, line: str) -> str:
        """The plain-text reply to a question or a command."""
        command, _, rest = line.partition(" ")
        base = self.engine.base
        if command == "/summary":
            return summary_reply(base, self.language(None)).plain
        if command == "/topics":
            return topics_reply(base, self.language(None)).plain
        if command == "/source":
            return source_reply(base, self.language(None)).plain
        if command == "/language":
            return self.choose(rest.strip().lower())
        lang = self.language(line)
        return self.engine.ask(line, language=lang, memory=self.memory, chat="terminal").plain

    def language(self, text: str | None) -> str:
        """The reply language for `text` (None for a command), remembered as the chat's."""
        self.last = choose_language(text, fixed=self.fixed, last=self.last)
        return self.last

    def choose(self, code: str) -> str:
        """`/language CODE` fixes the chat's language; without a known code, the choices
        (Telegram shows them as buttons)."""
        if code in LANGUAGES:
            self.fixed = self.last = code
            return message("language_set", code)
        choices = [f"/language {c} – {LANGUAGE_NAMES[c]}" for c in LANGUAGES]
        return "\n".join([message("language_prompt", self.language(None)), *choices])


def cmd_run(args: argparse.Namespace) -> int:
    """Serve Telegram: long polling, or a webhook when ARTICLE_BOT_WEBHOOK_URL is set."""
    from bot.frontend.runner import StartupError, run_bot

    settings: Settings = args.settings
    settings = replace(settings, facts_path=_facts_path(args))
    try:
        return run_bot(settings)
    except StartupError as exc:
        say(f"article-bot: cannot start: {exc}", file=sys.stderr)
        return 2


def cmd_summary(args: argparse.Namespace) -> int:
    """Print the article's summary."""
    base = _load_base(args)
    say(base.summary_in(args.language))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a facts file: a one-line count when good, every problem when not; then
    the curator's warnings (exit 1 on warnings only with --strict). With --confirm, record
    the file as the last good version, accepting facts or small talk removed on purpose."""
    path = Path(args.path) if args.path else _facts_path(args)
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


def cmd_eval(args: argparse.Namespace) -> int:
    """Run question sets and print accuracy figures (summed over the files) and every
    miss; with --cross-validate, hold each phrasing out in turn instead. --report DIR
    also draws them in DIR/index.html, with the same figures in DIR/report.json."""
    if args.report is not None and not _can_draw():
        say(REPORT_NEEDS_MATPLOTLIB, file=sys.stderr)
        return 2
    engine = Engine(_load_base(args))
    if args.cross_validate:
        results = cross_validate(engine.matcher)
        if args.json:
            say(json.dumps(cross_validation_figures(results), ensure_ascii=False, indent=2))
        else:
            say(format_cross_validation(results))
        if args.report is None:
            return 0
        from bot.curation.report import cases_from_cross_validation, held_out_declines

        cases = cases_from_cross_validation(results, held_out_declines(engine.matcher))
        return _write_report(args, engine.base, cases, cross_validation_figures(results))
    if not args.questions:
        say("article-bot: give a question file, or --cross-validate", file=sys.stderr)
        return 1
    report = evaluate(engine, [q for path in args.questions for q in load_questions(path)])
    if args.json:
        payload = {
            "figures": report.figures(),
            "questions": [
                {"kind": o.question.kind, "correct": o.correct, **o.reply} for o in report.outcomes
            ],
        }
        say(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        say(format_report(report))
    if args.report is None:
        return 0
    from bot.curation.report import cases_from_outcomes

    cases = cases_from_outcomes(report.outcomes, engine.base)
    return _write_report(args, engine.base, cases, report.figures())


REPORT_NEEDS_MATPLOTLIB = (
    "article-bot: eval --report draws with matplotlib, which is not installed: "
    "pip install 'article-bot[report]'"
)


def _can_draw() -> bool:
    """Whether matplotlib, the optional `report` extra, is there to draw with."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _write_report(
    args: argparse.Namespace, base: FactBase, cases: list[Case], figures: dict[str, object]
) -> int:
    """Write the report of `cases` into --report DIR."""
    from bot.curation.report import header, report_data
    from bot.curation.report_page import write_report

    head = header(_facts_path(args), args.questions, base.thresholds, datetime.now(timezone.utc))
    directory = Path(args.report)
    try:
        write_report(report_data(cases, figures, base, head), directory)
    except OSError as exc:
        say(
            f"article-bot: cannot write the report into {directory}: {exc.strerror}",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    """Hold out each phrasing and each decline example in turn, and choose the answer
    thresholds that answer the most held-out phrasings right, a wrong answer costing ten
    right ones; --write stores them in the facts file's decision: block."""
    from bot.curation.calibration import WRONG_ANSWER_COST, calibrate, collect, outcome

    base = _load_base(args)
    samples = collect(Matcher(base))
    chosen = calibrate(samples, base.thresholds)
    now = outcome(samples, base.thresholds)
    if args.json:
        say(json.dumps(_calibration_json(chosen, now), indent=2))
    else:
        for label, result in (("now", now), ("calibrated", chosen)):
            t = result.thresholds
            say(
                f"{label + ':':12}"
                + ", ".join(f"{name} {getattr(t, name)}" for name in Thresholds.names())
            )
            say(
                f"{'':12}held-out phrasings answered right {result.answered_right}/"
                f"{result.phrasings}, wrong {result.answered_wrong}; decline examples "
                f"answered {result.declines_answered}/{result.declines} "
                f"(a wrong answer costs {WRONG_ANSWER_COST:g} right ones)"
            )
    if args.write:
        note = "answer thresholds, calibrated by `article-bot calibrate --write`"
        written = write_thresholds(_facts_path(args), chosen.thresholds, note=note)
        if not written.ok:
            say(f"article-bot: {written.reason}", file=sys.stderr)
            return 1
        say(written.reason, file=sys.stderr if args.json else sys.stdout)
    return 0


def _calibration_json(chosen: Calibration, now: Calibration) -> dict[str, object]:
    def figures(result: Calibration) -> dict[str, object]:
        return {
            "thresholds": {n: getattr(result.thresholds, n) for n in Thresholds.names()},
            "phrasings": result.phrasings,
            "answered_right": result.answered_right,
            "answered_wrong": result.answered_wrong,
            "declines": result.declines,
            "declines_answered": result.declines_answered,
        }

    return {"now": figures(now), "calibrated": figures(chosen)}


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
        result = add_decline(_facts_path(args), args.question, language=args.language)
    else:
        result = add_phrasing(
            _facts_path(args), args.fact_id, args.question, language=args.language
        )
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

    run = sub.add_parser(
        "run",
        parents=[common],
        help="serve Telegram (needs TELEGRAM_BOT_TOKEN)",
        description=cmd_run.__doc__,
    )
    run.set_defaults(func=cmd_run)

    ask = sub.add_parser(
        "ask", parents=[common], help="answer one question", description=cmd_ask.__doc__
    )
    ask.add_argument(
        "question", help='the question, or "-" to read one per line from stdin (JSON Lines out)'
    )
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser(
        "chat",
        parents=[common],
        help="talk to the bot in the terminal",
        description=cmd_chat.__doc__,
    )
    chat.set_defaults(func=cmd_chat)

    summary = sub.add_parser(
        "summary",
        parents=[common],
        help="print the article's summary",
        description=cmd_summary.__doc__,
    )
    summary.add_argument("--language", choices=["en", "ru"], default="en", help="summary language")
    summary.set_defaults(func=cmd_summary)

    check = sub.add_parser(
        "check", parents=[common], help="validate a facts file", description=cmd_check.__doc__
    )
    check.add_argument("path", nargs="?", help="facts file to check (default: the --facts one)")
    check.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    check.add_argument(
        "--confirm",
        action="store_true",
        help="record the file as the last good version, accepting entries removed on purpose",
    )
    check.set_defaults(func=cmd_check)

    ev = sub.add_parser(
        "eval",
        parents=[common],
        help="measure accuracy on a question set",
        description=cmd_eval.__doc__,
    )
    ev.add_argument(
        "questions",
        nargs="*",
        help="question files in the format of shared/eval/dev-questions.yaml (figures summed)",
    )
    ev.add_argument(
        "--cross-validate",
        action="store_true",
        help="hold each phrasing out in turn and match it against the rest of the base",
    )

    ev.add_argument("--json", action="store_true", help="print figures and every reply as JSON")
    ev.add_argument(
        "--report",
        metavar="DIR",
        help="also write DIR/index.html (figures to look at) and DIR/report.json; "
        "needs pip install 'article-bot[report]'",
    )
    ev.set_defaults(func=cmd_eval)

    cal = sub.add_parser(
        "calibrate",
        parents=[common],
        help="choose the answer thresholds by cross-validation on the base's own phrasings",
        description=cmd_calibrate.__doc__,
    )
    cal.add_argument(
        "--write", action="store_true", help="write them as the facts file's decision: block"
    )
    cal.add_argument("--json", action="store_true", help="print the thresholds and figures as JSON")
    cal.set_defaults(func=cmd_calibrate)

    teach = sub.add_parser(
        "teach",
        parents=[common],
        help="add a question as a phrasing of a fact",
        description=cmd_teach.__doc__,
    )
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
        choices=["en", "ru"],
        help="the question's language (default: from its script, Cyrillic meaning ru)",
    )
    teach.set_defaults(func=cmd_teach)

    miss = sub.add_parser(
        "misses",
        parents=[common],
        help="list the questions the bot could not answer",
        description=cmd_misses.__doc__,
    )
    miss.add_argument("--since", type=float, metavar="DAYS", help="only the last DAYS days")
    miss.add_argument("--limit", type=int, metavar="N", help="only the N most frequent groups")
    miss.add_argument("--json", action="store_true", help="print one JSON object")
    miss.set_defaults(func=cmd_misses)

    draft = sub.add_parser(
        "draft",
        parents=[common],
        help="draft a facts file from an article (plain text or HTML)",
        description=cmd_draft.__doc__,
    )
    draft.add_argument("article", help="the article, saved as plain text or as an HTML page")
    draft.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="where to write the draft (default: facts.draft.yaml)",
    )
    draft.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    draft.add_argument("--json", action="store_true", help="print what was found as JSON")
    draft.set_defaults(func=cmd_draft)
    return parser


def cmd_draft(args: argparse.Namespace) -> int:
    """Draft a facts file from an article saved as plain text or as an HTML page; every
    drafted entry is marked `draft: true` until a curator has reviewed it."""
    from bot.drafting.draft import DEFAULT_OUTPUT, DraftError, write_draft

    output = Path(args.output or DEFAULT_OUTPUT)
    try:
        result = write_draft(Path(args.article), output, force=args.force)
    except DraftError as exc:
        say(f"article-bot: {exc}", file=sys.stderr)
        return 1
    if args.json:
        say(json.dumps(result.report(str(output)), ensure_ascii=False, indent=2))
    else:
        say(result.summary(str(output)))
    return 0


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
