"""The facts.yaml loader: the real base is sound, and every mistake is named with its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import WriteFacts

from bot.answering.facts import (
    FactBase,
    FactsError,
    Location,
    Problem,
    load,
    loads,
    normalise_phrasing,
)
from bot.config import PACKAGED_FACTS


def edit(text: str, old: str, new: str) -> str:
    """Replace the one occurrence of `old`, so a changed fixture fails loudly, not silently."""
    assert text.count(old) == 1, f"expected exactly one {old!r} in the fixture"
    return text.replace(old, new)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line on which the `occurrence`-th `needle` starts."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return text.count("\n", 0, start) + 1


def problems(text: str) -> list[str]:
    """Every problem `loads` reports for `text`, as the user sees it; fails if it loads."""
    with pytest.raises(FactsError) as excinfo:
        loads(text)
    return [str(p) for p in excinfo.value.problems]


# --- the repository's fact base ---------------------------------------------------------
def test_repository_facts_file_has_at_least_25_facts(base: FactBase) -> None:
    """The real facts.yaml loads and covers the article with at least 25 facts."""
    assert len(base.facts) >= 25


def test_repository_fact_ids_are_unique_and_indexed(base: FactBase) -> None:
    """Every fact of the real base can be found by its id."""
    assert [f.id for f in base.facts] == list(base.by_id)


def test_every_real_fact_has_english_and_russian_answers_and_phrasings(base: FactBase) -> None:
    """A reader gets an answer in either language, whatever fact they ask about."""
    incomplete = [
        f.id
        for f in base.facts
        if set(f.answers) != {"en", "ru"} or set(f.phrasings) != {"en", "ru"}
    ]
    assert incomplete == []


def test_every_real_smalltalk_entry_has_english_and_russian_replies(base: FactBase) -> None:
    """Greetings and thanks work in both languages."""
    assert base.smalltalk
    incomplete = [
        s.id
        for s in base.smalltalk
        if set(s.answers) != {"en", "ru"} or set(s.phrasings) != {"en", "ru"}
    ]
    assert incomplete == []


def test_real_summary_exists_in_english_and_russian(base: FactBase) -> None:
    """/summary has a text in each language the bot speaks."""
    assert set(base.summary) == {"en", "ru"}


def test_real_paragraphs_are_numbered_from_one_without_gaps(base: FactBase) -> None:
    """Paragraph numbers count body paragraphs only, so they match what a reader counts."""
    numbers = [p.number for p in base.article.paragraphs]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(p.number is None for p in base.article.body if p.heading)


def test_every_real_citation_stands_verbatim_at_its_location(base: FactBase) -> None:
    """Each quote is found in the very part of the article its location names."""
    texts = dict(base.article.parts())
    misplaced = [
        (f.id, c.quote) for f in base.facts for c in f.citations if c.quote not in texts[c.location]
    ]
    assert misplaced == []


def test_every_sentence_of_the_real_article_is_cited_by_some_fact(base: FactBase) -> None:
    """No sentence of the article is left unanswerable by the curated base."""
    quotes = [c.quote for f in base.facts for c in f.citations]
    uncited = [
        sentence
        for _, text in base.article.parts()
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
        if not any(sentence in q or q in sentence for q in quotes)
    ]
    assert uncited == []


def test_packaged_facts_file_is_identical_to_the_repository_copy(facts_path: Path) -> None:
    """The copy shipped inside the package (the fallback default) never goes stale."""
    assert PACKAGED_FACTS.read_bytes() == facts_path.read_bytes()


# --- a small valid base -----------------------------------------------------------------
def test_minimal_facts_load_into_a_complete_base(minimal_facts_yaml: str) -> None:
    """Every part of a valid file ends up in the `FactBase`."""
    base = loads(minimal_facts_yaml)
    assert base.path == "facts.yaml"
    assert base.article.title == "Town council approves new bridge"
    assert base.article.source == "Staff reporter"
    assert base.article.photo_caption == "The old bridge at dusk."
    assert base.article.photo_credit == "Jane Doe"
    assert [f.id for f in base.facts] == ["bridge-cost", "construction-time"]
    assert base.by_id["bridge-cost"].phrasings == {
        "en": ("how much will the bridge cost", "what is the price of the bridge"),
        "ru": ("сколько стоит мост",),
    }
    assert base.by_id["bridge-cost"].answer("ru") == "Мост обойдётся в 4 миллиона евро."
    assert base.by_id["bridge-cost"].line == line_of(minimal_facts_yaml, "id: bridge-cost")
    assert [s.id for s in base.smalltalk] == ["greeting"]
    assert base.synonyms == (("cost", "price"),)
    assert base.summary_in("ru") == "Совет одобрил новый мост стоимостью 4 миллиона евро."
    assert base.phrasing_count == 5


def test_load_reads_a_file_and_names_it_in_the_base(
    minimal_facts_yaml: str, write_facts: WriteFacts
) -> None:
    """`load(path)` gives the same base as `loads`, with the path it was read from."""
    path = write_facts(minimal_facts_yaml)
    assert load(path).path == str(path)
    assert load(path).facts == loads(minimal_facts_yaml).facts


def test_paragraph_numbers_skip_headings(minimal_facts_yaml: str) -> None:
    """The paragraph after a subheading is numbered 2, not 3."""
    body = loads(minimal_facts_yaml).article.body
    assert [(p.text, p.number, p.heading) for p in body] == [
        ("The town council voted on Monday to build a new bridge.", 1, False),
        ("Costs", None, True),
        ("The bridge will cost 4 million euros.", 2, False),
        ("Construction is expected to take two years.", 3, False),
    ]


@pytest.mark.parametrize(
    ("quote", "location", "label_en", "label_ru", "json_value"),
    [
        (
            "The bridge will cost 4 million euros.",
            Location("paragraph", 2),
            "paragraph 2",
            "абзац 2",
            2,
        ),
        ("Town council approves new bridge", Location("title"), "headline", "заголовок", "title"),
        (
            "Work on the river crossing starts in May.",
            Location("standfirst"),
            "standfirst",
            "подзаголовок",
            "standfirst",
        ),
        (
            "The old bridge at dusk.",
            Location("caption"),
            "photo caption",
            "подпись к фото",
            "caption",
        ),
        ("Costs", Location("heading"), "subheading", "промежуточный заголовок", "heading"),
        ("Local", Location("section"), "section label", "рубрика", "section"),
    ],
)
def test_citation_location_names_the_part_of_the_article_it_stands_in(
    minimal_facts_yaml: str,
    quote: str,
    location: Location,
    label_en: str,
    label_ru: str,
    json_value: int | str,
) -> None:
    """A cite reports its paragraph number (headings not counted), or else its part: the
    section label and subheadings can be cited too ("which section is this in?")."""
    text = edit(
        edit(minimal_facts_yaml, "article:\n", "article:\n  section: Local\n"),
        "cite: Construction is expected to take two years.",
        f"cite: {quote}",
    )
    citation = loads(text).by_id["construction-time"].citations[0]
    assert citation.quote == quote
    assert citation.location == location
    assert citation.location.label("en") == label_en
    assert citation.location.label("ru") == label_ru
    assert citation.location.json_value == json_value


def test_phrasings_are_compared_without_case_punctuation_or_yo() -> None:
    """ "Ёлка, ЁЛКА?!" and "елка елка" count as the same question."""
    assert normalise_phrasing("  Ёлка,   ЁЛКА?! ") == normalise_phrasing("елка елка") == "елка елка"


# --- each kind of mistake, with its message and line --------------------------------------
INDENTATION = (
    "check this line's indentation: it must line up with the other keys of its mapping or "
    "items of its list"
)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "  standfirst:",
            "\tstandfirst:",
            "YAML syntax error: found a tab character that violates indentation; indent with "
            "spaces: YAML does not allow tabs there",
        ),
        (
            "    - The bridge will cost",
            "   - The bridge will cost",
            f"YAML syntax error: did not find expected key; {INDENTATION}",
        ),
        (
            "  - id: construction-time",
            " - id: construction-time",
            f"YAML syntax error: did not find expected key; {INDENTATION}",
        ),
        (
            "    cite: Construction is expected to take two years.\n    answer:",
            "    cite: Construction is expected to take two years.\n     answer:",
            "YAML syntax error: mapping values are not allowed in this context; check this "
            "line's indentation, or quote a text that holds ': '",
        ),
    ],
)
def test_yaml_syntax_error_names_the_line_it_is_on(
    minimal_facts_yaml: str, old: str, new: str, message: str
) -> None:
    """A YAML syntax error is one problem on the line where the parser stopped."""
    text = edit(minimal_facts_yaml, old, new)
    assert problems(text) == [f"facts.yaml:{line_of(text, new.split(chr(10))[-1])}: {message}"]


@pytest.mark.parametrize(
    ("char", "what"),
    [("\x00", "a NUL byte (U+0000)"), ("\x07", "control character U+0007")],
)
def test_control_character_is_reported_on_its_line(
    minimal_facts_yaml: str, write_facts: WriteFacts, char: str, what: str
) -> None:
    """A NUL byte (or another control character) is named with the line it is on, even
    after Russian text, whose characters take two bytes each."""
    text = edit(
        minimal_facts_yaml, "take two years.\n    answer", f"take two{char} years.\n    answer"
    )
    expected = f"facts.yaml:{line_of(text, char)}: YAML syntax error: {what} is not allowed in YAML; delete it"
    assert problems(text) == [expected]
    with pytest.raises(FactsError) as excinfo:
        load(write_facts(text.encode("utf-8")))
    assert [p.line for p in excinfo.value.problems] == [line_of(text, char)]


def test_unknown_key_error_lists_the_allowed_keys(minimal_facts_yaml: str) -> None:
    """A misspelt key is named on its own line, with the keys that are allowed."""
    text = edit(
        minimal_facts_yaml,
        "    cite: Construction",
        "    quote: Construction is expected to take two years.\n    cite: Construction",
    )
    assert problems(text) == [
        f'facts.yaml:{line_of(text, "quote:")}: fact: unknown key "quote" '
        "(allowed: answer, ask, cite, draft, id)"
    ]


def test_unknown_top_level_key_is_reported(minimal_facts_yaml: str) -> None:
    """A stray top-level section is not silently ignored."""
    text = minimal_facts_yaml + "extras: 1\n"
    assert problems(text) == [
        f'facts.yaml:{line_of(text, "extras:")}: top level: unknown key "extras" '
        "(allowed: article, decision, decline, facts, smalltalk, summary, synonyms, version)"
    ]


def test_missing_key_error_points_at_the_entry_that_lacks_it(minimal_facts_yaml: str) -> None:
    """A fact without an answer is reported on the fact's first line."""
    text = edit(
        minimal_facts_yaml,
        "    answer:\n      en: Construction is expected to take two years.\n"
        "      ru: Строительство займёт два года.\n",
        "",
    )
    assert problems(text) == [
        f'facts.yaml:{line_of(text, "id: construction-time")}: fact: missing key "answer"'
    ]


def test_missing_english_answer_is_reported(minimal_facts_yaml: str) -> None:
    """English is required in every per-language mapping; the mapping's first line is named."""
    text = edit(minimal_facts_yaml, "      en: Construction is expected to take two years.\n", "")
    assert problems(text) == [
        f'facts.yaml:{line_of(text, "ru: Строительство")}: fact "construction-time" answer: '
        'missing key "en"'
    ]


def test_key_written_twice_in_one_entry_is_reported(minimal_facts_yaml: str) -> None:
    """YAML would silently keep the last of two equal keys; the loader refuses."""
    text = edit(
        minimal_facts_yaml, "    cite: Construction", "    id: again\n    cite: Construction"
    )
    assert problems(text) == [
        f'facts.yaml:{line_of(text, "id: again")}: fact: key "id" appears twice; keep one'
    ]


def test_duplicate_fact_id_error_names_both_lines(minimal_facts_yaml: str) -> None:
    """The second use of an id is reported, with the line of the first."""
    text = edit(minimal_facts_yaml, "id: construction-time", "id: bridge-cost")
    first = line_of(text, "id: bridge-cost")
    second = line_of(text, "id: bridge-cost", occurrence=2)
    assert problems(text) == [
        f'facts.yaml:{second}: duplicate fact id "bridge-cost" (first used on line {first}); '
        "ids must be unique"
    ]


def test_duplicate_fact_id_error_matches_the_documented_example() -> None:
    """The exact wording of the style guide's example: line 12 repeats the id of line 5."""
    fact = "  - id: x\n    cite: A bridge.\n    answer: A bridge.\n    ask: [what is built{n}]\n"
    text = (
        "version: 1\narticle: {title: A bridge., body: [A bridge.]}\nsummary: A bridge.\nfacts:\n"
        + fact.format(n=1)
        + "\n" * 3
        + fact.format(n=2)
    )
    assert line_of(text, "id: x", occurrence=2) == 12
    assert problems(text) == [
        'facts.yaml:12: duplicate fact id "x" (first used on line 5); ids must be unique'
    ]


@pytest.mark.parametrize(
    "bad_id", ["Construction_Time", "construction time", "-time", "time-", "a--b"]
)
def test_badly_formed_fact_id_is_reported_with_an_example(
    minimal_facts_yaml: str, bad_id: str
) -> None:
    """Ids are lowercase words joined by single dashes; the message shows one."""
    text = edit(minimal_facts_yaml, "id: construction-time", f"id: '{bad_id}'")
    assert problems(text) == [
        f'facts.yaml:{line_of(text, bad_id)}: fact id "{bad_id}" must be lowercase words joined '
        'by dashes, at most 48 characters, e.g. "meeting-date"'
    ]


@pytest.mark.parametrize("empty", ["''", "'   '"])
def test_empty_phrasing_is_reported_on_its_line(minimal_facts_yaml: str, empty: str) -> None:
    """An empty or blank question would match anything; it is refused."""
    text = edit(
        minimal_facts_yaml,
        "en: [how long will construction take]",
        f"en: [how long will construction take, {empty}]",
    )
    assert problems(text) == [
        f'facts.yaml:{line_of(text, empty)}: fact "construction-time" ask.en item is empty; '
        "write the text or remove the entry"
    ]


def test_missing_phrasing_in_a_block_list_is_reported(minimal_facts_yaml: str) -> None:
    """A bare `-` (a null item) is not taken for a question."""
    text = edit(
        minimal_facts_yaml,
        "      en: [how long will construction take]\n",
        "      en:\n        - how long will construction take\n        -\n",
    )
    null_line = line_of(text, "        -\n")
    assert problems(text) == [
        f'facts.yaml:{null_line}: fact "construction-time" ask.en item must be text'
    ]


def test_phrasing_of_punctuation_only_is_reported(minimal_facts_yaml: str) -> None:
    """A phrasing with no words left after normalising cannot be matched."""
    text = edit(
        minimal_facts_yaml,
        "en: [how long will construction take]",
        "en: [how long will construction take, '?!']",
    )
    assert problems(text) == [
        f'facts.yaml:{line_of(text, "?!")}: fact "construction-time": phrasing "?!" has no words'
    ]


def test_empty_phrasing_list_is_reported(minimal_facts_yaml: str) -> None:
    """A language listed with no questions at all is a mistake, not a silent gap."""
    text = edit(minimal_facts_yaml, "ru: [сколько продлится строительство]", "ru: []")
    assert problems(text) == [
        f'facts.yaml:{line_of(text, "ru: []")}: fact "construction-time" ask.ru is an empty list; '
        "add at least one entry"
    ]


def test_citation_not_verbatim_is_reported_with_the_quote(minimal_facts_yaml: str) -> None:
    """A cite that differs from the article by one word names the line and shows the quote."""
    text = edit(
        minimal_facts_yaml,
        "cite: Construction is expected to take two years.",
        "cite: Construction is expected to take 2 years.",
    )
    assert problems(text) == [
        f'facts.yaml:{line_of(text, "cite: Construction")}: fact "construction-time": citation not '
        "found verbatim in the article; copy the sentence exactly from article.body (typos "
        'included): "Construction is expected to take 2 years."'
    ]


def test_long_citation_not_verbatim_is_shortened_in_the_message(minimal_facts_yaml: str) -> None:
    """The quoted cite is cut to 80 characters so the message stays one readable line."""
    long_quote = "Construction " + "x" * 100
    text = edit(
        minimal_facts_yaml,
        "cite: Construction is expected to take two years.",
        f"cite: {long_quote}",
    )
    (message,) = problems(text)
    assert message.endswith(f'"{long_quote[:79]}…"')


def test_same_phrasing_under_two_facts_names_both_lines(minimal_facts_yaml: str) -> None:
    """Case and punctuation do not make a phrasing different; the first owner's line is given."""
    text = edit(
        minimal_facts_yaml,
        "en: [how long will construction take]",
        'en: ["How much will the bridge cost?"]',
    )
    first = line_of(text, "how much will the bridge cost")
    second = line_of(text, "How much will the bridge cost?")
    assert problems(text) == [
        f'facts.yaml:{second}: fact "construction-time": phrasing "How much will the bridge cost?" '
        f'is also under fact "bridge-cost" (line {first}); keep it under one'
    ]


def test_same_phrasing_under_a_fact_and_smalltalk_is_reported(minimal_facts_yaml: str) -> None:
    """Small talk and facts share one pool of phrasings."""
    text = edit(minimal_facts_yaml, "en: [hello]", "en: [hello, How long will construction take]")
    assert problems(text) == [
        f'facts.yaml:{line_of(text, "en: [hello")}: smalltalk "greeting": phrasing '
        '"How long will construction take" is also under fact "construction-time" '
        f"(line {line_of(text, 'en: [how long will construction take]')}); keep it under one"
    ]


def test_phrasing_listed_twice_in_one_fact_is_reported(minimal_facts_yaml: str) -> None:
    """A repeated phrasing inside one fact is reported once, at the repeat."""
    text = edit(
        minimal_facts_yaml,
        "      en: [how long will construction take]\n",
        "      en:\n"
        "        - how long will construction take\n"
        "        - How long, will construction take?\n",
    )
    assert problems(text) == [
        f'facts.yaml:{line_of(text, "How long, will")}: fact "construction-time": phrasing '
        '"How long, will construction take?" is listed twice'
    ]


def test_duplicate_synonym_names_both_lines(minimal_facts_yaml: str) -> None:
    """A word may stand in one synonym group only, whatever its case."""
    text = edit(minimal_facts_yaml, "  - [cost, price]\n", "  - [cost, price]\n  - [Price, fee]\n")
    assert problems(text) == [
        f'facts.yaml:{line_of(text, "[Price")}: synonym "Price" is already listed '
        f"(line {line_of(text, '[cost')}); words that differ only in case, punctuation or "
        "ё/е count as one: keep one"
    ]


def test_a_synonym_with_no_word_in_it_is_reported(minimal_facts_yaml: str) -> None:
    """ "?!" reads as nothing: it could never be found in a question."""
    text = edit(minimal_facts_yaml, "  - [cost, price]", '  - [cost, price, "?!"]')
    assert problems(text) == [
        f'facts.yaml:{line_of(text, "[cost, price, ")}: synonym "?!" has no word in it: '
        "write a word or delete it"
    ]


def test_synonym_group_of_one_word_is_reported(minimal_facts_yaml: str) -> None:
    """A group needs two words to say anything."""
    text = edit(minimal_facts_yaml, "  - [cost, price]", "  - [cost]")
    assert problems(text) == [
        f"facts.yaml:{line_of(text, '[cost]')}: a synonyms group needs at least two words"
    ]


@pytest.mark.parametrize("version", ["2", "0", "1.0", "'one'"])
def test_unsupported_version_is_reported_on_line_one(minimal_facts_yaml: str, version: str) -> None:
    """Only schema version 1 is understood, and the message says so."""
    text = edit(minimal_facts_yaml, "version: 1\n", f"version: {version}\n")
    shown = version.strip("'")
    assert problems(text) == [f"facts.yaml:1: version {shown} is not supported; use 1"]


def test_missing_version_is_reported(minimal_facts_yaml: str) -> None:
    """The version line is required, so a future format change cannot be misread."""
    text = edit(minimal_facts_yaml, "version: 1\n", "")
    assert problems(text) == ['facts.yaml:1: top level: missing key "version"']


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_reported_without_a_line(text: str) -> None:
    """A file with no content gets one problem that points to an example."""
    assert problems(text) == ["facts.yaml: the file is empty; start from the example in README.md"]


def test_file_that_is_not_a_mapping_is_reported() -> None:
    """A top-level list is a clear mistake, not a crash."""
    assert problems("- a\n- b\n") == ["facts.yaml:1: top level must be a mapping of keys to values"]


def test_missing_file_says_how_to_choose_another(tmp_path: Path) -> None:
    """A missing file names the path and the two ways to point at the right one."""
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(FactsError) as excinfo:
        load(path)
    assert [str(p) for p in excinfo.value.problems] == [
        f"{path}: file not found; pass --facts PATH or set ARTICLE_BOT_FACTS"
    ]


def test_directory_instead_of_file_is_reported(tmp_path: Path) -> None:
    """Reading a directory gives the system's reason, not a traceback."""
    with pytest.raises(FactsError) as excinfo:
        load(tmp_path)
    assert [str(p) for p in excinfo.value.problems] == [f"{tmp_path}: cannot read: Is a directory"]


def test_non_utf8_file_is_reported_with_the_fix(
    minimal_facts_yaml: str, write_facts: WriteFacts
) -> None:
    """A Latin-1 byte in the file asks for UTF-8 instead of crashing."""
    raw = minimal_facts_yaml.encode("utf-8").replace(b"Jane Doe", b"Jos\xe9 Doe")
    path = write_facts(raw)
    with pytest.raises(FactsError) as excinfo:
        load(path)
    assert [p.message for p in excinfo.value.problems] == [
        "not UTF-8 text (invalid continuation byte); save it as UTF-8"
    ]
    assert str(excinfo.value.problems[0]).startswith(f"{path}")


def test_non_utf8_file_error_names_the_line_of_the_bad_byte(
    minimal_facts_yaml: str, write_facts: WriteFacts
) -> None:
    """The curator is sent to the line that holds the bad byte."""
    raw = minimal_facts_yaml.encode("utf-8").replace(b"Jane Doe", b"Jos\xe9 Doe")
    with pytest.raises(FactsError) as excinfo:
        load(write_facts(raw))
    assert excinfo.value.problems[0].line == line_of(minimal_facts_yaml, "Jane Doe")


def test_second_yaml_document_is_reported_in_a_readable_sentence(minimal_facts_yaml: str) -> None:
    """A stray `---` says that only one document is expected."""
    text = minimal_facts_yaml + "---\nfoo: 1\n"
    assert problems(text) == [
        f"facts.yaml:{line_of(text, '---')}: YAML syntax error: expected a single document in "
        "the stream, but found another document"
    ]


def test_bad_smalltalk_id_is_reported_as_a_smalltalk_id(minimal_facts_yaml: str) -> None:
    """The message names the kind of entry the curator has to look for."""
    text = edit(minimal_facts_yaml, "id: greeting", "id: Greeting")
    (message,) = problems(text)
    assert message.startswith(f'facts.yaml:{line_of(text, "Greeting")}: smalltalk id "Greeting"')


# --- several mistakes, and no half-loaded base --------------------------------------------
def test_several_mistakes_are_all_reported_at_once(minimal_facts_yaml: str) -> None:
    """One run lists every mistake, so the curator fixes them all in one pass."""
    text = edit(minimal_facts_yaml, "version: 1", "version: 2")
    text = edit(text, "id: construction-time", "id: bridge-cost")
    text = edit(
        text,
        "cite: The bridge will cost 4 million euros.",
        "cite: The bridge costs 4 million euros.",
    )
    text = edit(text, "en: [hello]", "en: []")
    found = sorted(problems(text), key=lambda s: int(s.split(":")[1]))
    assert found == [
        "facts.yaml:1: version 2 is not supported; use 1",
        f'facts.yaml:{line_of(text, "cite: The bridge costs")}: fact "bridge-cost": citation not '
        "found verbatim in the article; copy the sentence exactly from article.body (typos "
        'included): "The bridge costs 4 million euros."',
        f"facts.yaml:{line_of(text, 'id: bridge-cost', occurrence=2)}: duplicate fact id "
        f'"bridge-cost" (first used on line {line_of(text, "id: bridge-cost")}); '
        "ids must be unique",
        f'facts.yaml:{line_of(text, "en: []")}: smalltalk "greeting" ask.en is an empty list; '
        "add at least one entry",
    ]


def test_duplicate_phrasing_is_reported_even_when_the_fact_has_another_mistake(
    minimal_facts_yaml: str,
) -> None:
    """A wrong cite does not hide a phrasing that another fact already owns."""
    text = edit(
        minimal_facts_yaml,
        "cite: Construction is expected to take two years.",
        "cite: Construction takes two years.",
    )
    text = edit(
        text, "en: [how long will construction take]", "en: [how much will the bridge cost]"
    )
    found = problems(text)
    assert len(found) == 2
    assert 'phrasing "how much will the bridge cost" is also under fact "bridge-cost"' in found[1]


def test_one_bad_fact_stops_the_whole_load(minimal_facts_yaml: str) -> None:
    """Loading never half-succeeds: a good fact beside a bad one is not returned."""
    text = edit(minimal_facts_yaml, "id: construction-time", "id: Bad")
    result: FactBase | None = None
    with pytest.raises(FactsError) as excinfo:
        result = loads(text)
    assert result is None
    assert len(excinfo.value.problems) == 1


def test_facts_error_text_is_every_problem_on_its_own_line() -> None:
    """`str(FactsError)` is what the CLI prints: one `file:line: message` per problem."""
    error = FactsError([Problem("f.yaml", 3, "one"), Problem("f.yaml", 0, "two")])
    assert str(error) == "f.yaml:3: one\nf.yaml: two"


def test_list_item_folded_into_an_unquoted_answer_is_an_error(minimal_facts_yaml: str) -> None:
    """A phrasing put under the answer by mistake is reported, not silently glued to the answer."""
    text = minimal_facts_yaml.replace(
        "      en: The new bridge will cost 4 million euros.\n",
        "      en: The new bridge will cost 4 million euros.\n        - how pricey is the bridge\n",
        1,
    )
    line = line_of(text, "en: The new bridge will cost 4 million euros.")
    assert problems(text) == [
        f'facts.yaml:{line}: fact "bridge-cost" answer.en runs on to line {line + 1} with a line '
        "starting '- ': indent list items under their list (e.g. ask.en), or quote the text"
    ]
