"""Measure the engine on a question set in the format of shared/eval/dev-questions.yaml.

In-scope questions count as correct when the bot answers and its answer text contains
one of the `expect` strings; as wrong when it answers with anything else. Out-of-scope
questions must end `unknown`; small talk must end `smalltalk`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.answering.decision import Evidence
from bot.answering.engine import Engine
from bot.answering.facts import FactsError, Problem, compose_yaml
from bot.answering.matcher import Match, Matcher, Status

SECTIONS = ("in_scope", "out_of_scope", "smalltalk")


class QuestionFileError(Exception):
    """The question file is malformed; the message says where and how."""


@dataclass(frozen=True, slots=True)
class Question:
    """One evaluation question and what a correct reply contains."""

    text: str
    kind: str  # "in_scope" | "out_of_scope" | "smalltalk"
    expect: tuple[str, ...] = ()
    where: str = ""
    """`file:line` of its entry, to find it again from a report."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """How the bot did on one question."""

    question: Question
    reply: dict[str, Any]
    correct: bool
    best_right: bool = False
    """In scope: the best-ranked fact's answer holds an expected phrase (answered or not)."""
    offered_right: bool = False
    """In scope: one of the ranked facts' answers does."""
    reason: str = ""
    """Why the decision did what it did, in a few words."""
    best: str | None = None
    """The id of the best-ranked fact, answered or not."""
    evidence: Evidence | None = None
    """What the decision weighed, to replay it with other thresholds (`bot.curation.report`)."""

    @property
    def verdict(self) -> str:
        """correct / wrong / clarify / declined / answered (for out-of-scope) …"""
        status = self.reply["status"]
        if self.correct:
            return "correct"
        if self.question.kind == "in_scope":
            return "wrong" if status == Status.ANSWERED.value else status
        return status


@dataclass(slots=True)
class Report:
    """Figures over a whole question set."""

    outcomes: list[Outcome] = field(default_factory=list)

    def of(self, kind: str) -> list[Outcome]:
        """The outcomes of one kind of question."""
        return [o for o in self.outcomes if o.question.kind == kind]

    def figures(self) -> dict[str, Any]:
        """Counts and rates, as printed and as `--json` gives them."""
        in_scope = self.of("in_scope")
        out_scope = self.of("out_of_scope")
        small = self.of("smalltalk")

        def count(items: list[Outcome], verdict: str) -> int:
            return sum(1 for o in items if o.verdict == verdict)

        def rate(part: int, whole: int) -> float:
            return round(part / whole, 4) if whole else 1.0

        correct = count(in_scope, "correct")
        ranked_first = sum(1 for o in in_scope if o.best_right)
        offered = sum(1 for o in in_scope if o.offered_right)
        declined = sum(1 for o in out_scope if o.correct)
        small_ok = sum(1 for o in small if o.correct)
        return {
            "in_scope": len(in_scope),
            "in_scope_correct": correct,
            "in_scope_accuracy": rate(correct, len(in_scope)),
            "in_scope_clarify": count(in_scope, Status.CLARIFY.value),
            "in_scope_unknown": count(in_scope, Status.UNKNOWN.value),
            "in_scope_wrong": count(in_scope, "wrong"),
            "in_scope_ranked_first": ranked_first,
            "in_scope_ranked_first_rate": rate(ranked_first, len(in_scope)),
            "in_scope_offered": offered,
            "in_scope_offered_rate": rate(offered, len(in_scope)),
            "out_of_scope": len(out_scope),
            "out_of_scope_declined": declined,
            "out_of_scope_decline_rate": rate(declined, len(out_scope)),
            "out_of_scope_answered": sum(
                1 for o in out_scope if o.reply["status"] == Status.ANSWERED.value
            ),
            "smalltalk": len(small),
            "smalltalk_correct": small_ok,
            "smalltalk_rate": rate(small_ok, len(small)),
        }


def load_questions(path: str | Path) -> list[Question]:
    """Read a question file; raise `QuestionFileError` as `file:line: message`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise QuestionFileError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        root = compose_yaml(data, str(path))
    except FactsError as exc:
        raise QuestionFileError(str(exc)) from None
    return _Reader(str(path)).questions(root)


class _Reader:
    """Walks a question file's YAML nodes, which keep the line each entry is on."""

    def __init__(self, path: str) -> None:
        self.path = path

    def error(self, node: Node | None, message: str) -> QuestionFileError:
        line = node.start_mark.line + 1 if node is not None else 0
        return QuestionFileError(str(Problem(self.path, line, message)))

    def questions(self, root: Node | None) -> list[Question]:
        if not isinstance(root, MappingNode):
            raise self.error(root, f"expected keys {', '.join(SECTIONS)}")
        sections: dict[str, Node] = {}
        unknown: list[Node] = []
        for key, value in root.value:
            if isinstance(key, ScalarNode) and key.value in SECTIONS:
                sections[key.value] = value
            else:
                unknown.append(key)
        if unknown:
            names = ", ".join(sorted(str(k.value) for k in unknown))
            raise self.error(unknown[0], f"unknown section(s) {names}")
        questions: list[Question] = []
        for position, item in enumerate(self.items(sections.get("in_scope"), "in_scope"), 1):
            fields = (
                {k.value: v for k, v in item.value if isinstance(k, ScalarNode)}
                if isinstance(item, MappingNode)
                else {}
            )
            text, expect = _text(fields.get("q")), self.expected(fields.get("expect"))
            if text is None or not expect:
                raise self.error(
                    item, f'in_scope entry {position} needs q: "question" and expect: [phrases]'
                )
            questions.append(Question(text, "in_scope", expect, self.where(item)))
        for kind in ("out_of_scope", "smalltalk"):
            for position, item in enumerate(self.items(sections.get(kind), kind), 1):
                text = _text(item)
                if text is None:
                    raise self.error(item, f"{kind} entry {position} must be a question string")
                questions.append(Question(text, kind, where=self.where(item)))
        return questions

    def where(self, node: Node) -> str:
        return f"{self.path}:{node.start_mark.line + 1}"

    def items(self, node: Node | None, kind: str) -> list[Node]:
        """A section's entries; an empty section has none."""
        if node is None or _is_null(node):
            return []
        if not isinstance(node, SequenceNode):
            raise self.error(node, f"{kind} must be a list of entries, each starting with '- '")
        return list(node.value)

    @staticmethod
    def expected(node: Node | None) -> tuple[str, ...]:
        """`expect`: one phrase or a list of them, lowercased; () if there are none."""
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        phrases = [_text(n) for n in nodes]
        return tuple(p.lower() for p in phrases if p)


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _text(node: Node | None) -> str | None:
    """A scalar's text (a number such as 2018 counts as text); None for anything else."""
    if node is None or not isinstance(node, ScalarNode) or _is_null(node):
        return None
    return str(node.value)


def evaluate(engine: Engine, questions: list[Question]) -> Report:
    """Ask every question and judge the reply."""
    report = Report()
    for question in questions:
        exchange = engine.answer(question.text)
        reply = exchange.reply.to_json()
        match = exchange.match
        answers = [c.fact.answer(match.language).lower() for c in match.candidates] or [""]
        ranked = [any(e in a for e in question.expect) for a in answers]
        report.outcomes.append(
            Outcome(
                question,
                reply,
                _is_correct(question, reply),
                best_right=ranked[0],
                offered_right=any(ranked),
                reason=match.reason,
                best=match.candidates[0].fact.id if match.candidates else None,
                evidence=match.evidence,
            )
        )
    return report


def _is_correct(question: Question, reply: dict[str, Any]) -> bool:
    status = reply["status"]
    if question.kind == "in_scope":
        answer = (reply["answer"] or "").lower()
        return status == Status.ANSWERED.value and any(e in answer for e in question.expect)
    if question.kind == "out_of_scope":
        return status == Status.UNKNOWN.value
    return status == Status.SMALLTALK.value


def format_report(report: Report) -> str:
    """The human-readable report: figures, then every miss with what the bot said."""
    f = report.figures()
    lines = []
    for outcome in report.outcomes:
        if outcome.correct:
            continue
        reply = outcome.reply
        said = reply["answer"] or ", ".join(s["fact_id"] for s in reply["suggestions"]) or "-"
        lines.append(
            f"MISS [{outcome.question.kind}] {outcome.question.text!r}: {outcome.verdict}"
            f" (fact={reply['fact_id']}, score={reply['score']}) said: {said[:100]}"
            + (f" [{outcome.reason}]" if reply["status"] != Status.ANSWERED.value else "")
        )
    lines += [
        "",
        f"in-scope:     {f['in_scope_correct']}/{f['in_scope']} correct "
        f"({f['in_scope_accuracy']:.1%}), {f['in_scope_clarify']} clarify, "
        f"{f['in_scope_unknown']} unknown, {f['in_scope_wrong']} wrong",
        f"ranking:      right fact ranked first for {f['in_scope_ranked_first']}/{f['in_scope']} "
        f"({f['in_scope_ranked_first_rate']:.1%}), among the ranked for {f['in_scope_offered']} "
        f"({f['in_scope_offered_rate']:.1%})",
        f"out-of-scope: {f['out_of_scope_declined']}/{f['out_of_scope']} declined "
        f"({f['out_of_scope_decline_rate']:.1%}), {f['out_of_scope_answered']} answered",
        f"small talk:   {f['smalltalk_correct']}/{f['smalltalk']} answered as small talk "
        f"({f['smalltalk_rate']:.1%})",
    ]
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class HeldOut:
    """One phrasing matched against the fact base without it."""

    fact_id: str
    language: str
    phrasing: str
    status: str
    got: str | None  # the fact answered, if any
    best: str | None = None
    """The best-ranked fact, answered or not."""
    score: float | None = None
    evidence: Evidence | None = None
    reason: str = ""

    @property
    def correct(self) -> bool:
        """Answered with its own fact."""
        return self.status == Status.ANSWERED.value and self.got == self.fact_id


def cross_validate(matcher: Matcher) -> list[HeldOut]:
    """Hold each phrasing out in turn and match it against the rest of the base: how well
    the base generalises beyond the exact questions it was written with."""
    results: list[HeldOut] = []
    for fact in matcher.base.facts:
        position = 0
        for language, asks in fact.phrasings.items():
            for phrasing in asks:
                held_out = matcher.holding_out(fact.id, position)
                match = held_out.match(phrasing, language=language)
                got = match.fact.id if match.fact else None
                best = match.candidates[0].fact.id if match.candidates else None
                results.append(
                    HeldOut(
                        fact.id,
                        language,
                        phrasing,
                        match.status.value,
                        got,
                        best,
                        _score(match),
                        match.evidence,
                        match.reason,
                    )
                )
                position += 1
    return results


def cross_validation_figures(results: list[HeldOut]) -> dict[str, Any]:
    """Overall and per-fact accuracy, and the fact pairs most often mixed up."""
    per_fact: dict[str, list[HeldOut]] = {}
    for result in results:
        per_fact.setdefault(result.fact_id, []).append(result)
    confusion = Counter(
        (r.fact_id, r.got) for r in results if r.status == Status.ANSWERED.value and not r.correct
    )
    near = Counter(r.fact_id for r in results if r.status == Status.CLARIFY.value)

    def share(items: list[HeldOut]) -> float:
        return round(sum(r.correct for r in items) / len(items), 4) if items else 1.0

    return {
        "phrasings": len(results),
        "accuracy": share(results),
        "by_language": {
            lang: share([r for r in results if r.language == lang])
            for lang in sorted({r.language for r in results})
        },
        "answered_wrong": sum(confusion.values()),
        "clarify": sum(near.values()),
        "per_fact": {
            fact_id: {"phrasings": len(items), "accuracy": share(items)}
            for fact_id, items in per_fact.items()
        },
        "confusions": [
            {"fact_id": a, "answered_as": b, "count": n} for (a, b), n in confusion.most_common()
        ],
    }


def format_cross_validation(results: list[HeldOut]) -> str:
    """The human-readable cross-validation report, weakest facts first."""
    figures = cross_validation_figures(results)
    lines = ["per fact (held-out phrasings answered with their own fact):"]
    for fact_id, row in sorted(figures["per_fact"].items(), key=lambda kv: kv[1]["accuracy"]):
        lines.append(f"  {row['accuracy']:6.1%}  {fact_id} ({row['phrasings']} phrasings)")
    if figures["confusions"]:
        lines.append("most confused (held-out phrasing of A answered as B):")
        for row in figures["confusions"][:10]:
            lines.append(f"  {row['fact_id']} -> {row['answered_as']}: {row['count']}")
    by_language = ", ".join(f"{lang} {acc:.1%}" for lang, acc in figures["by_language"].items())
    lines.append(
        f"cross-validation: {figures['accuracy']:.1%} of {figures['phrasings']} held-out "
        f"phrasings answered correctly ({by_language}); {figures['answered_wrong']} answered "
        f"with another fact, {figures['clarify']} clarify"
    )
    return "\n".join(lines)


def _score(match: Match) -> float | None:
    """The best fact's score, also for a question that small talk took in the end."""
    return match.evidence.score if match.evidence is not None else match.score
