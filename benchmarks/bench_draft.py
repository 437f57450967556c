"""How good is a draft with no human edits? Figures for `article-bot draft`.

Drafts the shared article, then answers question sets two ways in the same run:

* the drafted fact base, through the real engine (`bot.answering.engine.Engine`);
* sentence retrieval, the baseline: the article sentence with the best rapidfuzz
  `fuzz.token_set_ratio` (`utils.default_process`), answered when its score reaches a
  threshold, the lowest that declines every out-of-scope question of the set. An in-scope
  question counts as correct when that sentence contains an expected string.

Run: python benchmarks/bench_draft.py [ARTICLE] [QUESTIONS.yaml …]

With --timing, times `article-bot draft` as a curator runs it (a fresh process, imports
included) on the shared article and every benchmarks/articles/*.txt, and prints each
article's word count and seconds: the bar is 5 s for a 600-word article.

Run: python benchmarks/bench_draft.py --timing
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from bot.answering.engine import Engine
from bot.answering.facts import load
from bot.curation.evaluation import Question, evaluate, format_report, load_questions
from bot.drafting.draft import draft_article
from bot.language.sentences import split_sentences

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO.parent / "shared" / "article.txt"
QUESTION_SETS = (
    REPO.parent / "shared" / "eval" / "dev-questions.yaml",
    REPO / "benchmarks" / "questions" / "holdout-en.yaml",
)


def retrieval(sentences: list[str], questions: list[Question]) -> str:
    """The baseline's figures, at the lowest threshold that declines all out-of-scope."""
    best = [
        process.extractOne(
            q.text, sentences, scorer=fuzz.token_set_ratio, processor=utils.default_process
        )
        for q in questions
    ]
    scores = [b[1] if b else 0.0 for b in best]
    threshold = max(
        (s for q, s in zip(questions, scores, strict=True) if q.kind == "out_of_scope"), default=0.0
    )
    threshold += 0.01
    correct = wrong = declined = answered_small = 0
    in_scope = [i for i, q in enumerate(questions) if q.kind == "in_scope"]
    for i in in_scope:
        hit = best[i]
        if scores[i] < threshold or hit is None:
            declined += 1
        elif any(e in hit[0].lower() for e in questions[i].expect):
            correct += 1
        else:
            wrong += 1
    small = [i for i, q in enumerate(questions) if q.kind == "smalltalk"]
    answered_small = sum(1 for i in small if scores[i] >= threshold)
    return (
        f"in-scope:     {correct}/{len(in_scope)} correct ({correct / len(in_scope):.1%}), "
        f"{declined} declined, {wrong} wrong (threshold {threshold:.2f})\n"
        f"out-of-scope: all declined by construction\n"
        f"small talk:   {answered_small}/{len(small)} answered with an article sentence"
    )


def timing() -> int:
    """Wall time of `article-bot draft` in a fresh process, per article."""
    articles = [ARTICLE, *sorted((REPO / "benchmarks" / "articles").glob("*.txt"))]
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for article in articles:
            output = Path(folder) / f"{article.stem}.yaml"
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "bot", "draft", str(article), "-o", str(output)],
                check=True,
                capture_output=True,
            )
            elapsed = time.perf_counter() - started
            worst = max(worst, elapsed)
            words = len(article.read_text(encoding="utf-8").split())
            print(f"{article.name:40} {words:5} words  {elapsed:5.2f} s")
    print(f"slowest: {worst:.2f} s (bar: 5 s for 600 words)")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--timing"]:
        return timing()
    article = Path(argv[0]) if argv else ARTICLE
    sets = [Path(a) for a in argv[1:]] or list(QUESTION_SETS)
    started = time.perf_counter()
    draft = draft_article(article)
    elapsed = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.draft.yaml"
        path.write_text(draft.yaml_text, encoding="utf-8")
        base = load(path)
    engine = Engine(base)
    sentences = [s for _, text in base.article.parts() for s in split_sentences(text)]
    print(
        f"draft of {article.name}: {draft.facts} facts, {draft.phrasings} phrasings, "
        f"{draft.synonyms} synonym groups, {len(sentences)} sentences, in {elapsed:.2f} s"
    )
    for question_file in sets:
        questions = load_questions(question_file)
        print(f"\n== {question_file.name}")
        print("-- drafted fact base, no human edits")
        print(format_report(evaluate(engine, questions)).strip())
        print("-- sentence retrieval (rapidfuzz token_set_ratio)")
        print(retrieval(sentences, questions))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
