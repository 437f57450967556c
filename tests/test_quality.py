"""Curator warnings from `check`: translations, thin facts, duplicates, conflicts, coverage."""

from __future__ import annotations

import pytest
from conftest import WriteFacts

from bot.answering.facts import FactBase, loads
from bot.cli import main
from bot.curation.quality import split_sentences, uncited_sentences, warnings


def line_of(text: str, needle: str) -> int:
    """The 1-based line on which `needle` first stands in `text`."""
    return text[: text.index(needle)].count("\n") + 1


def messages(text: str) -> list[str]:
    """The warnings for a facts text, as `line: message`."""
    return [f"{p.line}: {p.message}" for p in warnings(loads(text))]


def test_real_fact_base_has_no_warnings(base: FactBase) -> None:
    """The shipped facts.yaml is translated, rich, free of conflicts, and cites every sentence."""
    assert warnings(base) == []


def test_missing_translations_are_reported_per_fact_and_part(minimal_facts_yaml: str) -> None:
    """A fact without Russian, small talk without Russian and an English-only summary are each named."""
    text = minimal_facts_yaml.replace("      ru: Строительство займёт два года.\n", "")
    text = text.replace("      ru: [сколько продлится строительство]\n", "")
    text = text.replace("  ru: Совет одобрил новый мост стоимостью 4 миллиона евро.\n", "")
    text = text.replace("      ru: [привет]\n", "")
    found = [m for m in messages(text) if "Russian" in m]
    assert found == [
        "0: summary has no Russian version (summary.ru)",
        f'{line_of(text, "- id: construction-time")}: fact "construction-time" has no Russian answer (answer.ru)',
        f'{line_of(text, "- id: construction-time")}: fact "construction-time" has no Russian phrasings (ask.ru)',
        f'{line_of(text, "- id: greeting")}: smalltalk "greeting" has no Russian version (ask.ru, answer.ru)',
    ]


def test_thin_fact_is_reported(minimal_facts_yaml: str) -> None:
    """A fact with fewer than five English phrasings gets a warning naming the count."""
    found = [m for m in messages(minimal_facts_yaml) if "phrasing" in m and "add at least" in m]
    assert found[0] == (
        f'{line_of(minimal_facts_yaml, "- id: bridge-cost")}: fact "bridge-cost" has 2 English phrasings; add at least 5 varied ones '
        "(who/what/when forms, synonyms, short forms)"
    )


def test_near_duplicate_phrasings_are_reported_but_not_different_question_words(
    minimal_facts_yaml: str,
) -> None:
    """ "how much will the bridge cost" twice-over is flagged; "when"/"where" variants are not."""
    text = minimal_facts_yaml.replace(
        "en: [how much will the bridge cost, what is the price of the bridge]",
        "en: [how much will the bridge cost, how much will the bridges cost, "
        "when was the bridge built, where was the bridge built]",
    )
    found = [m for m in messages(text) if "nearly the same" in m]
    assert found == [
        f'{line_of(text, "- id: bridge-cost")}: fact "bridge-cost": phrasings "how much will the bridge cost" and "how much will '
        'the bridges cost" are nearly the same; vary the wording so they teach the matcher '
        "something new"
    ]


def test_a_synonym_that_stems_like_another_groups_word_is_reported(
    minimal_facts_yaml: str,
) -> None:
    """ "priced" (group cost) and "price" (group price) stem alike: only the later counts."""
    text = minimal_facts_yaml.replace(
        "  - [cost, price]\n", "  - [cost, priced, expense]\n  - [price, tariff]\n"
    )
    found = [m for m in messages(text) if m.startswith("0: synonyms:")]
    assert found == [
        '0: synonyms: "priced" (group "cost") reads the same as "price" (group "price"), '
        'so it only counts as "price"; keep it in one group'
    ]


def construction_warnings(text: str, phrasing: str, about: str) -> list[str]:
    """The warnings that mention `about` once `phrasing` is added to the construction
    fact, each with that fact's name and line in front."""
    text = text.replace(
        "en: [how long will construction take]",
        f"en: [how long will construction take, {phrasing}]",
    )
    where = f'{line_of(text, "- id: construction-time")}: fact "construction-time": '
    return [m.removeprefix(where) for m in messages(text) if about in m and m.startswith(where)]


def test_a_phrasing_asking_a_time_the_answer_lacks_is_reported(minimal_facts_yaml: str) -> None:
    """ "what time…" of a fact whose answer gives no time of day is offered, never answered:
    `check` says so, and what to do."""
    assert construction_warnings(
        minimal_facts_yaml, "what time does construction start", "asks the"
    ) == [
        'its phrasing "what time does construction start" asks the time of day, which its '
        "answer does not give; add it to the answer or drop the phrasing"
    ]


def test_phrasing_the_matcher_sends_elsewhere_is_a_conflict(minimal_facts_yaml: str) -> None:
    """A phrasing of one fact that the matcher answers with another fact is reported."""
    text = minimal_facts_yaml.replace(
        "what is the price of the bridge]",
        "what is the price of the bridge, please the bridge for 4 million euros]",
    )
    assert construction_warnings(text, "the bridge for 4 million euros", "is answered with") == [
        'its phrasing "the bridge for 4 million euros" is answered with fact "bridge-cost"; '
        "make it more specific or move it"
    ]


def test_phrasing_a_decline_example_takes_is_a_conflict(minimal_facts_yaml: str) -> None:
    """A phrasing that reads as one of the `decline:` examples (the same concepts: a tie
    goes to the example) is declined, so it is reported with the example."""
    text = minimal_facts_yaml + "decline:\n  en: [which other firms will build the bridge]\n"
    assert construction_warnings(text, "will other firms build the bridge", "declined") == [
        'its phrasing "will other firms build the bridge" is declined as the decline example '
        '"which other firms will build the bridge"; reword one of them'
    ]


def test_uncited_sentence_is_reported_with_its_place(minimal_facts_yaml: str) -> None:
    """The first paragraph, which no fact cites, shows up in the coverage list."""
    assert uncited_sentences(loads(minimal_facts_yaml)) == [
        ("standfirst", "Work on the river crossing starts in May."),
        ("photo caption", "The old bridge at dusk."),
        ("paragraph 1", "The town council voted on Monday to build a new bridge."),
    ]


def test_sentence_split_keeps_initials_and_quoted_clauses_whole() -> None:
    """ "U.S." does not end a sentence; a quotation ending in a comma stays with its speaker."""
    text = 'The U.S. agency agreed. "We will stay," he said. Dr. Smith left.'
    assert split_sentences(text) == [
        "The U.S. agency agreed.",
        '"We will stay," he said.',
        "Dr. Smith left.",
    ]


def test_check_prints_warnings_and_strict_makes_them_fail(
    capsys: pytest.CaptureFixture[str], minimal_facts_yaml: str, write_facts: WriteFacts
) -> None:
    """`check` lists warnings with exit 0; `check --strict` exits 1 on the same file."""
    path = write_facts(minimal_facts_yaml)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    line = line_of(minimal_facts_yaml, "- id: bridge-cost")
    assert f'{path}:{line}: warning: fact "bridge-cost" has 2 English phrasings' in out
    assert out.rstrip().endswith("warnings")
    assert main(["check", "--strict", str(path)]) == 1
