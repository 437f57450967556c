"""Commands that measure the fact base: `eval` (question sets, cross-validation, the
HTML report) and `calibrate` (the answer thresholds)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from bot.answering.decision import Thresholds
from bot.answering.engine import Engine
from bot.answering.facts import FactBase
from bot.answering.matcher import Matcher
from bot.cli.common import AddCommand, facts_path, load_base, say
from bot.curation.evaluation import (
    cross_validate,
    cross_validation_figures,
    evaluate,
    format_cross_validation,
    format_report,
    load_questions,
)
from bot.curation.teach import write_thresholds

if TYPE_CHECKING:
    from bot.curation.calibration import Calibration
    from bot.curation.report import Case


def cmd_eval(args: argparse.Namespace) -> int:
    """Run question sets and print accuracy figures (summed over the files) and every
    miss; with --cross-validate, hold each phrasing out in turn instead. --report DIR
    also draws them in DIR/index.html, with the same figures in DIR/report.json."""
    if args.report is not None and not _can_draw():
        say(REPORT_NEEDS_MATPLOTLIB, file=sys.stderr)
        return 2
    engine = Engine(load_base(args))
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

    head = header(facts_path(args), args.questions, base.thresholds, datetime.now(timezone.utc))
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

    base = load_base(args)
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
        written = write_thresholds(facts_path(args), chosen.thresholds, note=note)
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


def register(add: AddCommand) -> None:
    """Add `eval` and `calibrate` to the parser."""
    ev = add("eval", cmd_eval, "measure accuracy on a question set")
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

    cal = add(
        "calibrate",
        cmd_calibrate,
        "choose the answer thresholds by cross-validation on the base's own phrasings",
    )
    cal.add_argument(
        "--write", action="store_true", help="write them as the facts file's decision: block"
    )
    cal.add_argument("--json", action="store_true", help="print the thresholds and figures as JSON")
