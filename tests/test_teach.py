"""Teaching a phrasing: one line (or flow item) goes into facts.yaml, nothing else moves."""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from pathlib import Path

import pytest
from conftest import InPlaceSave, StartSave, WriteFacts

from bot.answering.engine import Engine
from bot.answering.facts import load
from bot.cli import main
from bot.curation.guard import Inventory, LastGood, write_last_good
from bot.curation.teach import TeachResult, add_phrasing

FLOW_BRIDGE_ASKS = (
    "      en: [how much will the bridge cost, what is the price of the bridge]\n"
    "      ru: [сколько стоит мост]\n"
)
BLOCK_BRIDGE_ASKS = (
    "      en:\n"
    "        - how much will the bridge cost\n"
    "        - what is the price of the bridge\n"
    "      ru:\n"
    "        - сколько стоит мост\n"
)
LAST_BLOCK_ITEM = "        - what is the price of the bridge\n"
CONSTRUCTION_RU = "      ru: [сколько продлится строительство]\n"


@pytest.fixture
def block_facts_yaml(minimal_facts_yaml: str) -> str:
    """The minimal facts with bridge-cost's phrasings as block lists (`- item` lines)."""
    return minimal_facts_yaml.replace(FLOW_BRIDGE_ASKS, BLOCK_BRIDGE_ASKS)


def insert_after(text: str, anchor: str, insertion: str) -> str:
    """`text` with `insertion` right after `anchor`, which must occur exactly once."""
    assert text.count(anchor) == 1
    return text.replace(anchor, anchor + insertion)


def only_file(path: Path) -> list[str]:
    """The names in the facts file's folder: no temporary file may be left behind."""
    return sorted(os.listdir(path.parent))


# --- where the phrasing goes ---------------------------------------------------------
def test_teaching_adds_one_line_to_a_block_list_and_leaves_every_other_byte(
    write_facts: WriteFacts, block_facts_yaml: str
) -> None:
    """In a block list the new phrasing is one line after the fact's last English one."""
    path = write_facts(block_facts_yaml)
    old_lines = path.read_bytes().splitlines(keepends=True)
    fact_line = old_lines.index(b"  - id: bridge-cost\n")
    ru_line = old_lines.index(b"      ru:\n", fact_line)

    result = add_phrasing(path, "bridge-cost", "who will pay for the bridge")

    new_line = b"        - who will pay for the bridge\n"
    assert path.read_bytes() == b"".join([*old_lines[:ru_line], new_line, *old_lines[ru_line:]])
    assert result.ok
    assert result.line == ru_line + 1
    assert result.reason == (
        f'added "who will pay for the bridge" to bridge-cost (en) at {path}:{ru_line + 1}'
    )
    assert result.new_base is not None
    assert result.new_base.by_id["bridge-cost"].phrasings["en"][-1] == (
        "who will pay for the bridge"
    )


def test_teaching_adds_one_item_to_a_flow_list(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """In `[a, b]` the phrasing becomes `, c` before the closing bracket, on the same line."""
    path = write_facts(minimal_facts_yaml)

    result = add_phrasing(path, "bridge-cost", "what does the new bridge cost")

    assert path.read_text(encoding="utf-8") == minimal_facts_yaml.replace(
        "what is the price of the bridge]",
        "what is the price of the bridge, what does the new bridge cost]",
    )
    assert (result.ok, result.fact_id, result.language, result.line) == (
        True,
        "bridge-cost",
        "en",
        26,
    )


def test_a_language_the_fact_lacks_gets_its_key_in_the_flow_style_of_its_neighbour(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """A fact with only `en: [...]` gains a `ru: [...]` line after it."""
    text = minimal_facts_yaml.replace(CONSTRUCTION_RU, "")
    path = write_facts(text)

    result = add_phrasing(path, "construction-time", "сколько лет строить мост")

    assert path.read_text(encoding="utf-8") == insert_after(
        text,
        "      en: [how long will construction take]\n",
        "      ru: [сколько лет строить мост]\n",
    )
    assert (result.ok, result.language, result.line) == (True, "ru", 35)


def test_a_language_the_fact_lacks_gets_its_key_in_the_block_style_of_its_neighbour(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """A fact with only an `en:` block list gains a `ru:` key and a one-item block list."""
    text = minimal_facts_yaml.replace(
        "      en: [how long will construction take]\n" + CONSTRUCTION_RU,
        "      en:\n        - how long will construction take\n",
    )
    path = write_facts(text)

    result = add_phrasing(path, "construction-time", "сколько лет строить мост")

    assert path.read_text(encoding="utf-8") == insert_after(
        text,
        "        - how long will construction take\n",
        "      ru:\n        - сколько лет строить мост\n",
    )
    assert (result.ok, result.line) == (True, 37)


def test_a_bare_list_of_phrasings_takes_an_english_one(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """`ask: [- ...]` without language keys means English, and grows like any block list."""
    text = minimal_facts_yaml.replace(
        "      en: [how long will construction take]\n" + CONSTRUCTION_RU,
        "      - how long will construction take\n",
    )
    path = write_facts(text)

    result = add_phrasing(path, "construction-time", "how many years will the works last")

    assert path.read_text(encoding="utf-8") == insert_after(
        text,
        "      - how long will construction take\n",
        "      - how many years will the works last\n",
    )
    assert (result.ok, result.language, result.line) == (True, "en", 35)


def test_a_russian_phrasing_for_a_bare_list_is_refused_with_how_to_key_it(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """A bare list is English only; the reason shows the keyed form to switch to."""
    text = minimal_facts_yaml.replace(
        "      en: [how long will construction take]\n" + CONSTRUCTION_RU,
        "      - how long will construction take\n",
    )
    path = write_facts(text)

    result = add_phrasing(path, "construction-time", "сколько лет строить мост")

    assert result == TeachResult(
        False,
        "fact construction-time lists its phrasings as a bare list, which means English; "
        "to teach a ru one, key them by language first: ask: {en: [...], ru: [...]}",
        "construction-time",
        "ru",
    )
    assert path.read_text(encoding="utf-8") == text


def test_a_cyrillic_question_goes_to_the_russian_list(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """Without --language the question's script decides: Cyrillic is Russian."""
    path = write_facts(minimal_facts_yaml)

    result = add_phrasing(path, "bridge-cost", "во что обойдётся мост")

    assert path.read_text(encoding="utf-8") == minimal_facts_yaml.replace(
        "ru: [сколько стоит мост]", "ru: [сколько стоит мост, во что обойдётся мост]"
    )
    assert (result.ok, result.language, result.line) == (True, "ru", 27)


def test_an_explicit_language_wins_over_the_script(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """`language="ru"` puts even a Latin-script question (a brand name, say) in the Russian list."""
    path = write_facts(minimal_facts_yaml)

    result = add_phrasing(path, "bridge-cost", "bridge cost", language="ru")

    assert result.new_base is not None
    assert result.new_base.by_id["bridge-cost"].phrasings["ru"] == (
        "сколько стоит мост",
        "bridge cost",
    )


def test_the_question_is_stored_with_its_spaces_collapsed(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """Leading, trailing and repeated spaces and tabs are the reader's typing, not the question."""
    path = write_facts(minimal_facts_yaml)

    result = add_phrasing(path, "bridge-cost", "  what does\tthe   bridge cost  ")

    assert result.reason == f'added "what does the bridge cost" to bridge-cost (en) at {path}:26'
    assert "what is the price of the bridge, what does the bridge cost]" in path.read_text(
        encoding="utf-8"
    )


# --- quoting and bytes -----------------------------------------------------------------
TRICKY = [
    # question, as a block item, as a flow item
    ("what is it: the cost?", "'what is it: the cost?'", "'what is it: the cost?'"),
    ("'quoted' cost?", "'''quoted'' cost?'", "'''quoted'' cost?'"),
    ('"the bridge" cost?', "'\"the bridge\" cost?'", "'\"the bridge\" cost?'"),
    ("#1 question about the cost", "'#1 question about the cost'", "'#1 question about the cost'"),
    ("bridge cost #2", "'bridge cost #2'", "'bridge cost #2'"),
    ("- the cost", "'- the cost'", "'- the cost'"),
    ("yes", "'yes'", "'yes'"),
    ("2028", "'2028'", "'2028'"),
    ("how much, in euros?", "how much, in euros?", "'how much, in euros?'"),
    ("what's [the] cost", "what's [the] cost", "'what''s [the] cost'"),
    ("100% of the cost", "100% of the cost", "100% of the cost"),
    ("во что обойдётся мост?", "во что обойдётся мост?", "'во что обойдётся мост?'"),
]


@pytest.mark.parametrize(("question", "block", "flow"), TRICKY)
def test_a_tricky_question_is_quoted_only_as_needed_in_a_block_list(
    write_facts: WriteFacts, block_facts_yaml: str, question: str, block: str, flow: str
) -> None:
    """YAML's emitter decides the quoting, and the phrasing reads back exactly as asked."""
    path = write_facts(block_facts_yaml)

    result = add_phrasing(path, "bridge-cost", question, language="en")

    assert path.read_text(encoding="utf-8") == insert_after(
        block_facts_yaml, LAST_BLOCK_ITEM, f"        - {block}\n"
    )
    assert result.new_base is not None
    assert result.new_base.by_id["bridge-cost"].phrasings["en"][-1] == question


@pytest.mark.parametrize(("question", "block", "flow"), TRICKY)
def test_a_tricky_question_is_quoted_only_as_needed_in_a_flow_list(
    write_facts: WriteFacts, minimal_facts_yaml: str, question: str, block: str, flow: str
) -> None:
    """Flow lists need quotes for more (",", "?", "[") and get them."""
    path = write_facts(minimal_facts_yaml)

    result = add_phrasing(path, "bridge-cost", question, language="en")

    assert path.read_text(encoding="utf-8") == minimal_facts_yaml.replace(
        "what is the price of the bridge]", f"what is the price of the bridge, {flow}]"
    )
    assert result.new_base is not None
    assert result.new_base.by_id["bridge-cost"].phrasings["en"][-1] == question


def test_comments_after_the_last_item_stay_after_it(
    write_facts: WriteFacts, block_facts_yaml: str
) -> None:
    """A comment on the last item's line stays there, and comment lines below stay below."""
    last = "        - what is the price of the bridge  # the usual way\n"
    text = block_facts_yaml.replace(
        LAST_BLOCK_ITEM, last + "        # - cost? (too vague, answers the wrong fact)\n"
    )
    path = write_facts(text)

    add_phrasing(path, "bridge-cost", "what does the bridge cost")

    assert path.read_text(encoding="utf-8") == insert_after(
        text, last, "        - what does the bridge cost\n"
    )


@pytest.mark.parametrize(
    ("fact_id", "question", "anchor", "insertion"),
    [
        (
            "bridge-cost",
            "what does the bridge cost",
            LAST_BLOCK_ITEM,
            "        - what does the bridge cost\n",
        ),
        (
            "construction-time",
            "сколько лет строить мост",
            "      en: [how long will construction take]\n",
            "      ru: [сколько лет строить мост]\n",
        ),
    ],
)
def test_crlf_line_endings_are_kept(
    write_facts: WriteFacts,
    block_facts_yaml: str,
    fact_id: str,
    question: str,
    anchor: str,
    insertion: str,
) -> None:
    """A file saved on Windows keeps CRLF everywhere, the new line included."""
    text = block_facts_yaml.replace(CONSTRUCTION_RU, "")
    path = write_facts(text.replace("\n", "\r\n").encode("utf-8"))

    result = add_phrasing(path, fact_id, question)

    expected = insert_after(text, anchor, insertion).replace("\n", "\r\n")
    assert path.read_bytes() == expected.encode("utf-8")
    assert result.ok


def test_a_file_without_a_final_line_break_still_ends_without_one(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """When the list ends the file, the line break goes before the new item, not after."""
    text = (
        minimal_facts_yaml.split("smalltalk:\n")[0]
        .replace(CONSTRUCTION_RU, "      ru:\n        - сколько продлится строительство\n")
        .rstrip("\n")
    )
    path = write_facts(text)

    result = add_phrasing(path, "construction-time", "сколько лет строить мост")

    assert path.read_text(encoding="utf-8") == text + "\n        - сколько лет строить мост"
    assert (result.ok, result.line) == (True, 37)


# --- refusals ----------------------------------------------------------------------------
def test_a_question_another_fact_asks_is_refused_and_nothing_is_written(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """A phrasing belongs to one fact; the reason names the other and its line."""
    path = write_facts(minimal_facts_yaml)

    result = add_phrasing(path, "bridge-cost", "How long will construction take?")

    assert result == TeachResult(
        False,
        '"How long will construction take?" clashes with fact construction-time '
        '(line 34: "how long will construction take"): a question may belong to one entry '
        "only, so teach another wording or move that one",
        "bridge-cost",
        "en",
    )
    assert path.read_text(encoding="utf-8") == minimal_facts_yaml


def test_a_question_small_talk_asks_is_refused(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """Small talk owns its phrasings too: "Hello!" cannot become a question about the bridge."""
    path = write_facts(minimal_facts_yaml)

    result = add_phrasing(path, "bridge-cost", "Hello!")

    assert result.reason == (
        '"Hello!" clashes with smalltalk greeting (line 39: "hello"): a question may belong '
        "to one entry only, so teach another wording or move that one"
    )
    assert path.read_text(encoding="utf-8") == minimal_facts_yaml


def test_a_question_the_fact_already_asks_is_refused(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """Case and punctuation aside, a phrasing the fact has is not added twice."""
    path = write_facts(minimal_facts_yaml)

    result = add_phrasing(path, "bridge-cost", "How much will the bridge cost?")

    assert result.reason == (
        '"How much will the bridge cost?" is already a phrasing of fact bridge-cost '
        '(line 26: "how much will the bridge cost"); nothing to add'
    )
    assert path.read_text(encoding="utf-8") == minimal_facts_yaml


def test_an_unknown_fact_id_suggests_close_ones(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """A mistyped id is answered with the ids it resembles."""
    path = write_facts(minimal_facts_yaml)

    result = add_phrasing(path, "bridge-costs", "what does the bridge cost")

    assert result == TeachResult(
        False,
        f'no fact "bridge-costs" in {path}; did you mean "bridge-cost"?',
        "bridge-costs",
        "en",
    )


def test_an_unknown_fact_id_like_none_says_where_ids_stand(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """With nothing close to suggest, the reason says where to look the ids up."""
    path = write_facts(minimal_facts_yaml)

    result = add_phrasing(path, "zzz", "what does the bridge cost")

    assert result.reason == f'no fact "zzz" in {path}; the ids stand after "- id:" under facts:'


def test_a_small_talk_id_is_refused_as_not_a_fact(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """Teaching covers facts; small talk is edited by hand."""
    path = write_facts(minimal_facts_yaml)

    result = add_phrasing(path, "greeting", "hiya")

    assert result.reason == (
        "greeting is small talk, not a fact; teach covers facts only, so add the phrasing "
        f"under smalltalk in {path} by hand"
    )


def test_a_file_that_does_not_validate_is_refused_without_writing(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """Teaching never builds on a broken file: the reason lists what to fix first."""
    text = minimal_facts_yaml.replace(
        "    cite: The bridge will cost 4 million euros.",
        "    cite: The bridge will cost 5 million euros.",
    )
    path = write_facts(text)

    result = add_phrasing(path, "bridge-cost", "what does the bridge cost")

    assert result.reason == (
        f"{path} does not validate, so nothing was changed; fix it first (article-bot check):\n"
        f'{path}:21: fact "bridge-cost": citation not found verbatim in the article; copy the '
        'sentence exactly from article.body (typos included): "The bridge will cost 5 million '
        'euros."'
    )
    assert path.read_text(encoding="utf-8") == text


def test_a_missing_file_is_refused_with_how_to_point_at_one(tmp_path: Path) -> None:
    """The reason matches `article-bot check` on a missing file."""
    path = tmp_path / "facts.yaml"

    result = add_phrasing(path, "bridge-cost", "what does the bridge cost")

    assert result.reason == f"{path}: file not found; pass --facts PATH or set ARTICLE_BOT_FACTS"
    assert not path.exists()


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("", "the question is empty; write it as a reader would ask it"),
        (" \t ", "the question is empty; write it as a reader would ask it"),
        ("how much\nwill it cost", "the question spans several lines; teach one line at a time"),
        (
            "why " * 76,
            "the question is 303 characters long; a phrasing may have at most 300, so "
            "shorten it to the words that ask",
        ),
        ("?!", '"?!" has no words; teach a question with words in it'),
    ],
)
def test_an_unusable_question_is_refused(
    write_facts: WriteFacts, minimal_facts_yaml: str, question: str, reason: str
) -> None:
    """Empty, multi-line, overlong or wordless text is not a phrasing."""
    path = write_facts(minimal_facts_yaml)

    result = add_phrasing(path, "bridge-cost", question)

    assert result == TeachResult(False, reason, "bridge-cost", "en")
    assert path.read_text(encoding="utf-8") == minimal_facts_yaml


def test_an_unsupported_language_is_refused(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """Only the languages the loader knows can hold phrasings."""
    path = write_facts(minimal_facts_yaml)

    result = add_phrasing(path, "bridge-cost", "was kostet die Brücke", language="de")

    assert result.reason == 'language "de" is not supported; use one of: en, ru'


# --- the loop closes -----------------------------------------------------------------------
def test_the_taught_question_is_answered_with_its_fact(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """A question the bot could not place is answered once taught, from `new_base`."""
    path = write_facts(minimal_facts_yaml)
    question = "who will pay for the bridge"
    assert Engine(load(path)).match(question).fact is None

    result = add_phrasing(path, "bridge-cost", question)

    assert result.new_base is not None
    answered = Engine(result.new_base).match(question).fact
    assert answered is not None
    assert answered.id == "bridge-cost"
    assert (
        load(path).by_id["bridge-cost"].phrasings == result.new_base.by_id["bridge-cost"].phrasings
    )


# --- writing safely ------------------------------------------------------------------------
def test_the_file_keeps_its_permissions(write_facts: WriteFacts, minimal_facts_yaml: str) -> None:
    """The replacement file gets the original's mode, not the temporary file's 0600."""
    path = write_facts(minimal_facts_yaml)
    path.chmod(0o644)

    add_phrasing(path, "bridge-cost", "what does the bridge cost")

    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_teaching_through_a_symlink_edits_its_target_and_keeps_the_link(
    write_facts: WriteFacts, minimal_facts_yaml: str, tmp_path: Path
) -> None:
    """A facts.yaml linked from elsewhere stays a link; the file it points to changes."""
    target = write_facts(minimal_facts_yaml, name="real.yaml")
    link = tmp_path / "facts.yaml"
    link.symlink_to(target)

    result = add_phrasing(link, "bridge-cost", "what does the bridge cost")

    assert result.ok
    assert link.is_symlink()
    assert "what does the bridge cost]" in target.read_text(encoding="utf-8")


def test_a_failed_rename_leaves_the_file_intact_and_no_temporary_file(
    write_facts: WriteFacts, minimal_facts_yaml: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the final rename fails, the old file stands untouched and the reason says so."""
    path = write_facts(minimal_facts_yaml)

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)

    result = add_phrasing(path, "bridge-cost", "what does the bridge cost")

    assert result.reason == f"cannot write {path}: No space left on device; nothing was changed"
    assert path.read_text(encoding="utf-8") == minimal_facts_yaml
    assert only_file(path) == ["facts.yaml", "facts.yaml.lock"]


class Crash(Exception):
    """Stands for the process dying mid-write."""


def test_a_crash_before_the_rename_leaves_the_file_intact_and_no_temporary_file(
    write_facts: WriteFacts, minimal_facts_yaml: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected error propagates, after the temporary file is removed."""
    path = write_facts(minimal_facts_yaml)

    def crash(src: str, dst: str) -> None:
        raise Crash

    monkeypatch.setattr(os, "replace", crash)

    with pytest.raises(Crash):
        add_phrasing(path, "bridge-cost", "what does the bridge cost")

    assert path.read_text(encoding="utf-8") == minimal_facts_yaml
    assert only_file(path) == ["facts.yaml", "facts.yaml.lock"]


def test_teachers_at_once_each_add_their_phrasing(
    write_facts: WriteFacts, minimal_facts_yaml: str
) -> None:
    """The lock serialises read-modify-write, so no concurrent teach loses another's line."""
    path = write_facts(minimal_facts_yaml)
    words = ["bridge", "crossing", "span", "viaduct", "overpass", "footbridge"]
    results: list[TeachResult] = []

    def teach(word: str) -> None:
        results.append(add_phrasing(path, "bridge-cost", f"what does the {word} cost"))

    threads = [threading.Thread(target=teach, args=(word,)) for word in words]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert all(r.ok for r in results)
    assert sorted(load(path).by_id["bridge-cost"].phrasings["en"][2:]) == sorted(
        f"what does the {word} cost" for word in words
    )


# --- the command -----------------------------------------------------------------------
def test_teach_command_prints_what_it_added_and_where(
    write_facts: WriteFacts, minimal_facts_yaml: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`article-bot teach QUESTION FACT_ID` names the phrasing, fact, language and line."""
    path = write_facts(minimal_facts_yaml)

    code = main(["teach", "what does the bridge cost", "bridge-cost", "--facts", str(path)])

    assert code == 0
    assert capsys.readouterr() == (
        f'added "what does the bridge cost" to bridge-cost (en) at {path}:26\n',
        "",
    )


def test_teach_command_takes_the_language_option(
    write_facts: WriteFacts, minimal_facts_yaml: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--language ru` files the question under Russian whatever its script."""
    path = write_facts(minimal_facts_yaml)

    code = main(["--facts", str(path), "teach", "bridge price", "bridge-cost", "--language", "ru"])

    assert code == 0
    assert capsys.readouterr().out == f'added "bridge price" to bridge-cost (ru) at {path}:27\n'


def test_teach_command_prints_a_refusal_on_stderr_and_exits_1(
    write_facts: WriteFacts, minimal_facts_yaml: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A refused phrasing is one line on stderr; stdout stays empty and the file as it was."""
    path = write_facts(minimal_facts_yaml)

    code = main(["teach", "hello", "bridge-cost", "--facts", str(path)])

    assert code == 1
    assert capsys.readouterr() == (
        "",
        'article-bot: "hello" clashes with smalltalk greeting (line 39: "hello"): a question '
        "may belong to one entry only, so teach another wording or move that one\n",
    )
    assert path.read_text(encoding="utf-8") == minimal_facts_yaml


# --- during an editor's save ---------------------------------------------------------------
CUT_AFTER_THREE_FACTS = 39
"""In `six_facts_yaml`, the first 39 lines are a valid base of 3 facts and no small talk."""
CUT_SHORT_REASON = (
    "{path} has 3 facts and 0 small-talk entries, fewer than the last good version's 6 and 2 "
    "(missing: extra-2, extra-3, extra-4, greeting, thanks), so it may be half-saved and "
    "nothing was changed; wait until it is saved and teach again, or if the entries were "
    "removed on purpose, first send /reload to the bot or run: article-bot check --confirm"
)


def record(path: Path) -> None:
    """Record the file as it is now as the last good version, as a running bot does."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    write_last_good(path, LastGood(digest, Inventory.of(load(path))))


def test_a_file_an_editor_is_still_saving_is_refused_and_the_save_completes(
    write_facts: WriteFacts, six_facts_yaml: str, start_save: StartSave
) -> None:
    """The file changes across the settle wait: teach refuses, and the editor's save, going
    on, ends with every fact."""
    path = write_facts(six_facts_yaml)
    save = start_save(path, six_facts_yaml)
    save.write_up_to(CUT_AFTER_THREE_FACTS)
    waits: list[float] = []

    def editor_goes_on(seconds: float) -> None:
        waits.append(seconds)
        save.write_lines(2)

    result = add_phrasing(
        path, "bridge-cost", "what does the bridge cost", settle=0.5, sleep=editor_goes_on
    )
    save.finish()

    assert result == TeachResult(
        False,
        f"{path} is still changing (an editor may be saving it), so nothing was changed; "
        "wait until it is saved and teach again",
        "bridge-cost",
        "en",
    )
    assert waits == [0.5]
    assert path.read_text(encoding="utf-8") == six_facts_yaml


def test_a_save_paused_where_the_yaml_validates_is_refused_by_the_last_good_record(
    write_facts: WriteFacts, six_facts_yaml: str, start_save: StartSave
) -> None:
    """The editor pauses after 3 of 6 facts: the cut validates and keeps still, but the
    record the bot keeps beside the file knows 6, so teach does not build on the cut."""
    path = write_facts(six_facts_yaml)
    record(path)
    save = start_save(path, six_facts_yaml)
    save.write_up_to(CUT_AFTER_THREE_FACTS)

    result = add_phrasing(path, "bridge-cost", "what does the bridge cost")
    save.finish()

    assert result.reason == CUT_SHORT_REASON.format(path=path)
    assert path.read_text(encoding="utf-8") == six_facts_yaml


def test_the_running_base_given_as_expected_is_compared_with(
    write_facts: WriteFacts, six_facts_yaml: str, start_save: StartSave
) -> None:
    """The Telegram button passes the bot's running base, which needs no record."""
    path = write_facts(six_facts_yaml)
    running = Inventory.of(load(path))
    start_save(path, six_facts_yaml).write_up_to(CUT_AFTER_THREE_FACTS)

    result = add_phrasing(path, "bridge-cost", "what does the bridge cost", expected=running)

    assert result.reason == CUT_SHORT_REASON.format(path=path)


def test_an_edit_with_as_many_entries_as_the_record_is_taught(
    write_facts: WriteFacts, six_facts_yaml: str
) -> None:
    """A renamed fact is an edit, not a loss: the counts did not drop."""
    path = write_facts(six_facts_yaml)
    record(path)
    path.write_text(six_facts_yaml.replace("id: extra-4", "id: extra-four"), encoding="utf-8")

    assert add_phrasing(path, "bridge-cost", "what does the bridge cost").ok


def test_an_editor_starting_a_save_before_the_rename_keeps_its_save(
    write_facts: WriteFacts,
    six_facts_yaml: str,
    start_save: StartSave,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The file is checked once more just before the rename: a save begun while teach was
    writing its copy is not thrown away, and no temporary file is left."""
    path = write_facts(six_facts_yaml)
    edited = six_facts_yaml.replace("Extra answer 4.", "Extra answer four.")
    saves: list[InPlaceSave] = []
    real_fsync = os.fsync

    def editor_starts(fd: int) -> None:
        real_fsync(fd)
        if not saves:
            saves.append(start_save(path, edited))
            saves[0].write_up_to(CUT_AFTER_THREE_FACTS)

    monkeypatch.setattr(os, "fsync", editor_starts)

    result = add_phrasing(path, "bridge-cost", "what does the bridge cost")
    saves[0].finish()

    assert result.reason == (
        f"{path} is still changing (an editor may be saving it), so nothing was changed; "
        "wait until it is saved and teach again"
    )
    assert path.read_text(encoding="utf-8") == edited
    assert only_file(path) == ["facts.yaml", "facts.yaml.lock"]


def test_teach_command_refuses_a_cut_short_file_with_one_line_and_exit_1(
    write_facts: WriteFacts,
    six_facts_yaml: str,
    start_save: StartSave,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`article-bot teach` during a paused save: one line on stderr saying what to do."""
    path = write_facts(six_facts_yaml)
    record(path)
    start_save(path, six_facts_yaml).write_up_to(CUT_AFTER_THREE_FACTS)

    code = main(["teach", "what does the bridge cost", "bridge-cost", "--facts", str(path)])

    assert code == 1
    assert capsys.readouterr() == ("", f"article-bot: {CUT_SHORT_REASON.format(path=path)}\n")
