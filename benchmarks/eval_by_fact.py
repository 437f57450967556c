"""Score a question set by the answered fact's English answer and citations, whatever
language the reply is in.

A Russian question set whose `expect` phrases were copied from the (English) article
cannot be scored by `article-bot eval`, which looks for them in the Russian reply. This
judges the fact instead: a question is answered right when the fact the bot answers with
holds an expected phrase in its English answer or a cited sentence.

    .venv/bin/python benchmarks/eval_by_fact.py benchmarks/questions/holdout18-ru.yaml
    .venv/bin/python benchmarks/eval_by_fact.py --facts D.yaml QUESTIONS.yaml
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.answering.engine import Engine  # noqa: E402
from bot.answering.facts import load  # noqa: E402
from bot.answering.model import Fact  # noqa: E402
from bot.curation.evaluation import load_questions  # noqa: E402


def holds(fact: Fact, expect: tuple[str, ...]) -> bool:
    text = " ".join([fact.answer("en"), *(quote.quote for quote in fact.citations)]).lower()
    return any(phrase in text for phrase in expect)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", nargs="+")
    parser.add_argument("--facts", default=str(ROOT / "facts.yaml"))
    args = parser.parse_args()
    engine = Engine(load(args.facts))
    counts: collections.Counter[str] = collections.Counter()
    for path in args.questions:
        for question in load_questions(path):
            match = engine.answer(question.text).match
            status = match.status.value
            counts[question.kind] += 1
            if question.kind == "in_scope":
                best = match.candidates[0].fact if match.candidates else None
                right = best is not None and holds(best, question.expect)
                counts["ranked first"] += right
                counts["offered"] += any(holds(c.fact, question.expect) for c in match.candidates)
                if status == "answered":
                    counts["right" if right else "wrong"] += 1
                else:
                    counts[status] += 1
            elif question.kind == "out_of_scope":
                counts["out of scope answered"] += status == "answered"
                counts["out of scope declined"] += status == "unknown"
            else:
                counts["small talk"] += status == "smalltalk"
    n = counts["in_scope"]
    print(
        f"in scope: {counts['right']}/{n} right ({100 * counts['right'] / n:.1f}%), "
        f"{counts['wrong']} wrong, {counts['clarify']} did you mean, {counts['unknown']} not "
        f"in the article; ranked first {counts['ranked first']}, offered {counts['offered']}"
    )
    print(
        f"out of scope: {counts['out of scope declined']}/{counts['out_of_scope']} declined, "
        f"{counts['out of scope answered']} answered; small talk "
        f"{counts['small talk']}/{counts['smalltalk']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
