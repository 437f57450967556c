"""Cross-validation: each phrasing held out in turn and matched against the rest."""

from __future__ import annotations

import json

import pytest
from conftest import MINIMAL_FACTS_YAML, WriteFacts

from bot.answering.facts import loads
from bot.answering.matcher import Matcher
from bot.cli import main
from bot.curation.evaluation import cross_validate, cross_validation_figures


def test_holding_out_a_phrasing_leaves_the_original_matcher_unchanged() -> None:
    """The held-out copy forgets the phrasing; the matcher it came from still knows it."""
    base = loads(MINIMAL_FACTS_YAML)
    matcher = Matcher(base)
    fact = base.by_id["bridge-cost"]
    phrasing = fact.phrasings["en"][0]
    before = matcher.match(phrasing, language="en")
    held_out = matcher.holding_out("bridge-cost", 0)
    assert held_out.match(phrasing, language="en") is not None
    assert matcher.match(phrasing, language="en") == before
    assert (
        held_out.index.bags[held_out.base.facts.index(fact)]
        == matcher.index.bags[base.facts.index(fact)][1:]
    )


def test_a_phrasing_only_its_own_words_explain_is_not_answered_once_held_out(
    minimal_facts_yaml: str,
) -> None:
    """Held out, the construction fact's only English phrasing has nothing left to match
    ("construction", "take" are its words alone): it is not answered; the bridge's price,
    whose synonym "cost" another phrasing has, still is."""
    base = loads(minimal_facts_yaml)
    results = {(r.fact_id, r.phrasing): r for r in cross_validate(Matcher(base))}
    assert not results[("construction-time", "how long will construction take")].correct
    assert results[("bridge-cost", "what is the price of the bridge")].correct
    figures = cross_validation_figures(list(results.values()))
    assert figures["phrasings"] == base.phrasing_count
    assert set(figures["per_fact"]) == {f.id for f in base.facts}


def test_eval_cross_validate_prints_per_fact_accuracy_and_confusions(
    capsys: pytest.CaptureFixture[str], minimal_facts_yaml: str, write_facts: WriteFacts
) -> None:
    """`eval --cross-validate` needs no question file and prints one figure line at the end."""
    path = str(write_facts(minimal_facts_yaml))
    assert main(["eval", "--cross-validate", "--facts", path]) == 0
    out = capsys.readouterr().out
    assert out.startswith("per fact (held-out phrasings answered with their own fact):")
    assert out.splitlines()[-1].startswith("cross-validation: ")
    assert main(["eval", "--cross-validate", "--json", "--facts", path]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {
        "phrasings",
        "accuracy",
        "by_language",
        "answered_wrong",
        "clarify",
        "per_fact",
        "confusions",
    }


def test_eval_without_questions_or_cross_validate_is_a_clear_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Plain `eval` says what it needs, with exit 1."""
    assert main(["eval"]) == 1
    assert capsys.readouterr().err == ("article-bot: give a question file, or --cross-validate\n")
