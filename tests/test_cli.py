"""The `article-bot` command end to end: exit codes, stdout and stderr, exactly."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import JSON_KEYS, WriteFacts, run

from bot import __version__
from bot.answering.facts import FactBase
from bot.cli import build_parser, main
from bot.config import PACKAGED_FACTS, Settings

REPO_ROOT = Path(__file__).resolve().parent.parent
README = REPO_ROOT / "README.md"
CONSOLE_SCRIPT = Path(sys.executable).with_name("article-bot")
DOCUMENTED_SUBCOMMANDS = ("ask", "chat", "summary", "check", "eval")

BRIDGE_ANSWER = (
    "The new bridge will cost 4 million euros.\n"
    "\n"
    "> “The bridge will cost 4 million euros.”\n"
    "Source: paragraph 2 of “Town council approves new bridge”, Staff reporter\n"
)
QUESTIONS_YAML = """\
in_scope:
  - {q: "how much will the bridge cost", expect: ["4 million"]}
out_of_scope:
  - "what is the weather in paris today"
smalltalk:
  - "hello"
"""


@pytest.fixture
def minimal_path(minimal_facts_yaml: str, write_facts: WriteFacts) -> Path:
    """The small valid facts file, saved to disk."""
    return write_facts(minimal_facts_yaml, "minimal.yaml")


@pytest.fixture
def broken_path(minimal_facts_yaml: str, write_facts: WriteFacts) -> Path:
    """A facts file with two mistakes: a wrong version and a duplicate fact id."""
    text = minimal_facts_yaml.replace("version: 1", "version: 2").replace(
        "id: construction-time", "id: bridge-cost"
    )
    return write_facts(text, "broken.yaml")


def broken_problems(path: Path) -> str:
    """What `check` prints for `broken_path`: both problems, in the file's line numbering."""
    lines = path.read_text(encoding="utf-8").splitlines()
    first, second = (n for n, line in enumerate(lines, 1) if "id: bridge-cost" in line)
    return (
        f"{path}:1: version 2 is not supported; use 1\n"
        f'{path}:{second}: duplicate fact id "bridge-cost" (first used on line {first}); '
        "ids must be unique\n"
    )


def subcommands() -> dict[str, tuple[argparse.ArgumentParser, str | None]]:
    """Every subcommand's parser and its one-line help, from `build_parser()`."""
    parser = build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    helps = {choice.dest: choice.help for choice in action._choices_actions}
    return {name: (sub, helps.get(name)) for name, sub in action.choices.items()}


# --- check ------------------------------------------------------------------------------
def test_check_on_the_repository_facts_prints_one_line_of_counts(
    capsys: pytest.CaptureFixture[str], facts_path: Path, base: FactBase
) -> None:
    """A good file gives exit 0 and a single summary line on stdout."""
    assert run(capsys, "check", str(facts_path)) == (
        0,
        f"{facts_path}: OK: {len(base.facts)} facts, {base.phrasing_count} phrasings (en, ru), "
        f"{len(base.smalltalk)} small-talk entries, {len(base.article.paragraphs)} paragraphs\n",
        "",
    )


def test_check_on_the_minimal_facts_counts_every_part(
    capsys: pytest.CaptureFixture[str], minimal_path: Path
) -> None:
    """The counts are those of the file: 2 facts, 5 phrasings, 1 small talk, 3 paragraphs."""
    code, out, err = run(capsys, "check", str(minimal_path))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        f"{minimal_path}: OK: 2 facts, 5 phrasings (en, ru), 1 small-talk entry, 3 paragraphs"
    )


def test_check_on_a_broken_file_prints_every_problem_and_exits_1(
    capsys: pytest.CaptureFixture[str], broken_path: Path
) -> None:
    """Each problem is one `file:line: message` line on stderr; stdout stays empty."""
    assert run(capsys, "check", str(broken_path)) == (1, "", broken_problems(broken_path))


def test_check_on_a_missing_file_says_how_to_point_at_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A wrong path is one clear line, exit 1."""
    path = tmp_path / "missing.yaml"
    assert run(capsys, "check", str(path)) == (
        1,
        "",
        f"{path}: file not found; pass --facts PATH or set ARTICLE_BOT_FACTS\n",
    )


def test_check_as_a_real_process_reports_problems_without_a_traceback(broken_path: Path) -> None:
    """`python -m bot check` exits 1 with only the problem lines on stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check", str(broken_path)],
        cwd=broken_path.parent,  # away from any .env of the developer's
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        broken_problems(broken_path),
    )


def test_check_as_a_real_process_accepts_the_repository_facts(
    facts_path: Path, tmp_path: Path
) -> None:
    """`python -m bot check` on the real file exits 0 with one OK line."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check", str(facts_path)],
        cwd=tmp_path,  # away from any .env of the developer's
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.startswith(f"{facts_path}: OK: ")
    assert result.stdout.count("\n") == 1


# --- ask --------------------------------------------------------------------------------
def test_ask_prints_the_answer_and_the_quoted_citation(
    capsys: pytest.CaptureFixture[str], minimal_path: Path
) -> None:
    """Plain output is the answer, the verbatim sentence in quotes and where it stands."""
    assert run(capsys, "ask", "--facts", str(minimal_path), "how much will the bridge cost") == (
        0,
        BRIDGE_ANSWER,
        "",
    )


def test_ask_on_the_repository_facts_quotes_the_article(
    capsys: pytest.CaptureFixture[str], facts_path: Path, base: FactBase
) -> None:
    """A curated phrasing of the real base is answered with its fact and citation."""
    fact = base.facts[0]
    code, out, err = run(capsys, "ask", "--facts", str(facts_path), fact.question("en"))
    assert (code, err) == (0, "")
    assert out.startswith(fact.answer("en") + "\n\n")
    assert f"> “{fact.citations[0].quote}”\n" in out


def test_ask_json_prints_one_object_with_the_documented_keys(
    capsys: pytest.CaptureFixture[str], minimal_path: Path
) -> None:
    """`--json` prints exactly one line holding one object with exactly the documented keys."""
    code, out, err = run(
        capsys, "ask", "--json", "--facts", str(minimal_path), "how much will the bridge cost"
    )
    assert (code, err) == (0, "")
    assert out.count("\n") == 1
    reply = json.loads(out)
    assert list(reply) == JSON_KEYS
    assert reply == {
        "question": "how much will the bridge cost",
        "language": "en",
        "status": "answered",
        "fact_id": "bridge-cost",
        "score": reply["score"],
        "answer": "The new bridge will cost 4 million euros.",
        "citations": [
            {
                "quote": "The bridge will cost 4 million euros.",
                "paragraph": 2,
                "source": "Staff reporter",
            }
        ],
        "suggestions": [],
        "text": "The new bridge will cost 4 million euros.\n\n"
        "<blockquote>“The bridge will cost 4 million euros.”</blockquote>\n"
        "<b>Source: </b><i>paragraph 2 of “Town council approves new bridge”, Staff reporter</i>",
    }
    assert isinstance(reply["score"], float)
    assert 0 < reply["score"] <= 1


def test_ask_json_lists_every_sentence_an_answer_quotes(
    capsys: pytest.CaptureFixture[str], minimal_facts_yaml: str, write_facts: WriteFacts
) -> None:
    """An answer resting on two sentences has both in `citations`, in the order it quotes them."""
    path = write_facts(
        minimal_facts_yaml.replace(
            "    cite: Construction is expected to take two years.",
            "    cite:\n"
            "      - Construction is expected to take two years.\n"
            "      - The bridge will cost 4 million euros.",
        )
    )
    code, out, _ = run(
        capsys, "ask", "--json", "--facts", str(path), "how long will construction take"
    )
    reply = json.loads(out)
    assert (code, reply["fact_id"]) == (0, "construction-time")
    assert reply["citations"] == [
        {
            "quote": "Construction is expected to take two years.",
            "paragraph": 3,
            "source": "Staff reporter",
        },
        {
            "quote": "The bridge will cost 4 million euros.",
            "paragraph": 2,
            "source": "Staff reporter",
        },
    ]
    assert reply["text"].count("<blockquote>") == 2


def test_ask_json_for_an_unknown_question_offers_suggestions(
    capsys: pytest.CaptureFixture[str], minimal_path: Path
) -> None:
    """An unanswerable question has no citations and suggests facts as {fact_id, question}."""
    code, out, _ = run(
        capsys, "ask", "--json", "--facts", str(minimal_path), "what is the weather in paris today"
    )
    reply = json.loads(out)
    assert code == 0
    assert list(reply) == JSON_KEYS
    assert (reply["status"], reply["fact_id"], reply["answer"], reply["citations"]) == (
        "unknown",
        None,
        None,
        [],
    )
    assert reply["suggestions"] == [
        {"fact_id": "bridge-cost", "question": "How much will the bridge cost"},
        {"fact_id": "construction-time", "question": "How long will construction take"},
    ]


def test_ask_json_keeps_russian_text_readable(
    capsys: pytest.CaptureFixture[str], minimal_path: Path
) -> None:
    """A Russian question gets a Russian answer, printed as UTF-8 rather than \\u escapes."""
    code, out, _ = run(capsys, "ask", "--json", "--facts", str(minimal_path), "сколько стоит мост")
    assert code == 0
    assert '"answer": "Мост обойдётся в 4 миллиона евро."' in out
    assert json.loads(out)["language"] == "ru"


def test_ask_prints_a_question_s_control_characters_escaped(
    capsys: pytest.CaptureFixture[str], minimal_path: Path
) -> None:
    """A question pasted from a reader's message cannot drive the terminal through its echo."""
    code, out, err = run(capsys, "ask", "--facts", str(minimal_path), "is \x1b[2Jit \x9bred\t?")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        "Sorry, I can't find “is \\u001b[2Jit \\u009bred ?” in the article."
    )


def test_ask_json_escapes_control_characters_that_json_leaves_raw(
    capsys: pytest.CaptureFixture[str], minimal_path: Path
) -> None:
    """JSON escapes C0 characters itself; DEL, C1 (0x9b is CSI) and bidi overrides are
    escaped too, and the line still parses back to the reader's text."""
    question = "is \x7fit \x9b31mred\u202e?"
    code, out, _ = run(capsys, "ask", "--json", "--facts", str(minimal_path), question)
    assert code == 0
    assert not any(c in out for c in "\x7f\x9b\u202e")
    assert json.loads(out)["question"] == question


def test_ask_dash_reads_questions_from_stdin_and_prints_json_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal_path: Path
) -> None:
    """`ask --json -` answers each non-blank stdin line with one JSON object per line."""
    monkeypatch.setattr(
        "sys.stdin",
        io.StringIO(
            "how much will the bridge cost\n"
            "\n"
            "   \n"
            "сколько продлится строительство\n"
            "hello"  # no final newline: the last line still counts
        ),
    )
    code, out, err = run(capsys, "ask", "--json", "--facts", str(minimal_path), "-")
    assert (code, err) == (0, "")
    replies = [json.loads(line) for line in out.splitlines()]
    assert [list(r) for r in replies] == [JSON_KEYS] * 3
    assert [(r["question"], r["status"], r["fact_id"]) for r in replies] == [
        ("how much will the bridge cost", "answered", "bridge-cost"),
        ("сколько продлится строительство", "answered", "construction-time"),
        ("hello", "smalltalk", None),
    ]


# --- summary and chat -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("options", "summary"),
    [
        ((), "The council approved a new bridge costing 4 million euros.\n"),
        (("--language", "ru"), "Совет одобрил новый мост стоимостью 4 миллиона евро.\n"),
    ],
)
def test_summary_prints_the_summary_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str], minimal_path: Path, options: tuple[str, ...], summary: str
) -> None:
    """`summary` prints the curated summary and nothing else."""
    assert run(capsys, "summary", "--facts", str(minimal_path), *options) == (0, summary, "")


def test_summary_of_the_repository_facts_is_the_english_summary(
    capsys: pytest.CaptureFixture[str], facts_path: Path, base: FactBase
) -> None:
    """The real summary comes out as written in facts.yaml."""
    assert run(capsys, "summary", "--facts", str(facts_path)) == (0, base.summary["en"] + "\n", "")


def test_chat_answers_each_line_until_quit(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal_path: Path
) -> None:
    """Piped into `chat`, questions and /summary are answered and /quit ends the session."""
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("how much will the bridge cost\n\n/summary\n/quit\nhello\n")
    )
    assert run(capsys, "chat", "--facts", str(minimal_path)) == (
        0,
        BRIDGE_ANSWER
        + "\nIn short:\nThe council approved a new bridge costing 4 million euros.\n\n",
        "",
    )


def test_chat_answers_source_and_language_as_telegram_does(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal_path: Path
) -> None:
    """/source gives the attribution; /language offers the languages, and a choice fixes
    the language of every later reply, commands and English questions included."""
    monkeypatch.setattr(
        "sys.stdin",
        io.StringIO(
            "/source\n/language\n/language fr\n/language ru\n/source\n"
            "how much will the bridge cost\n/quit\n"
        ),
    )
    prompt = (
        "Choose the language I answer you in:\n/language en – English\n/language ru – Русский\n\n"
    )
    assert run(capsys, "chat", "--facts", str(minimal_path)) == (
        0,
        "The article: Town council approves new bridge\nBy: Staff reporter\nPhoto: Jane Doe\n\n"
        + prompt
        + prompt
        + "Теперь я буду отвечать вам по-русски.\n\n"
        "Статья: Town council approves new bridge\nАвторы: Staff reporter\nФото: Jane Doe\n\n"
        "Мост обойдётся в 4 миллиона евро.\n"
        "\n"
        "> “The bridge will cost 4 million euros.”\n"
        "Источник: абзац 2 статьи «Town council approves new bridge», Staff reporter\n\n",
        "",
    )


def test_chat_prints_a_reader_s_control_characters_escaped(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal_path: Path
) -> None:
    """A question with an ESC sequence is echoed with the sequence as text."""
    monkeypatch.setattr("sys.stdin", io.StringIO("paint it \x1b[31mred\n"))
    code, out, err = run(capsys, "chat", "--facts", str(minimal_path))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Sorry, I can't find “paint it \\u001b[31mred” in the article."


# --- eval -------------------------------------------------------------------------------
def test_eval_prints_the_figures_and_exits_0(
    capsys: pytest.CaptureFixture[str], minimal_path: Path, tmp_path: Path
) -> None:
    """A question set that the bot gets right prints only the three figure lines."""
    questions = tmp_path / "questions.yaml"
    questions.write_text(QUESTIONS_YAML, encoding="utf-8")
    assert run(capsys, "eval", "--facts", str(minimal_path), str(questions)) == (
        0,
        "\n"
        "in-scope:     1/1 correct (100.0%), 0 clarify, 0 unknown, 0 wrong\n"
        "ranking:      right fact ranked first for 1/1 (100.0%), among the ranked for 1 (100.0%)\n"
        "out-of-scope: 1/1 declined (100.0%), 0 answered\n"
        "small talk:   1/1 answered as small talk (100.0%)\n",
        "",
    )


def test_eval_lists_every_miss_before_the_figures(
    capsys: pytest.CaptureFixture[str], minimal_path: Path, tmp_path: Path
) -> None:
    """A wrong answer is shown with the fact it matched and what the bot said."""
    questions = tmp_path / "questions.yaml"
    questions.write_text(
        'in_scope:\n  - {q: "how long will construction take", expect: ["three years"]}\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "eval", "--facts", str(minimal_path), str(questions))
    assert code == 0
    assert out.splitlines()[:3] == [
        "MISS [in_scope] 'how long will construction take': wrong (fact=construction-time, "
        "score=1.0) said: Construction is expected to take two years.",
        "",
        "in-scope:     0/1 correct (0.0%), 0 clarify, 0 unknown, 1 wrong",
    ]


def test_eval_json_prints_the_figures_and_every_reply(
    capsys: pytest.CaptureFixture[str], minimal_path: Path, tmp_path: Path
) -> None:
    """`eval --json` is one JSON document with figures and one entry per question."""
    questions = tmp_path / "questions.yaml"
    questions.write_text(QUESTIONS_YAML, encoding="utf-8")
    code, out, _ = run(capsys, "eval", "--json", "--facts", str(minimal_path), str(questions))
    report = json.loads(out)
    assert code == 0
    assert report["figures"]["in_scope_accuracy"] == 1.0
    assert [(q["kind"], q["correct"], q["status"]) for q in report["questions"]] == [
        ("in_scope", True, "answered"),
        ("out_of_scope", True, "unknown"),
        ("smalltalk", True, "smalltalk"),
    ]


def test_eval_sums_the_figures_of_several_question_files(
    capsys: pytest.CaptureFixture[str], minimal_path: Path, tmp_path: Path
) -> None:
    """Two question files are one question set: their figures add up."""
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(QUESTIONS_YAML, encoding="utf-8")
    second.write_text(
        'in_scope:\n  - {q: "how long will construction take", expect: ["three years"]}\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "eval", "--facts", str(minimal_path), str(first), str(second))
    assert code == 0
    assert out.splitlines()[-4:] == [
        "in-scope:     1/2 correct (50.0%), 0 clarify, 0 unknown, 1 wrong",
        "ranking:      right fact ranked first for 1/2 (50.0%), among the ranked for 1 (50.0%)",
        "out-of-scope: 1/1 declined (100.0%), 0 answered",
        "small talk:   1/1 answered as small talk (100.0%)",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            'in_scope:\n  - {q: "how much"}\n',
            '2: in_scope entry 1 needs q: "question" and expect: [phrases]',
        ),
        ("in_scope: []\nextra: []\n", "2: unknown section(s) extra"),
        ("out_of_scope:\n  - {q: nested}\n", "2: out_of_scope entry 1 must be a question string"),
        ("- just\n- a list\n", "1: expected keys in_scope, out_of_scope, smalltalk"),
        (
            'in_scope:\n  - {q: "how much will the bridge cost", expect: ["4 million"]}\n'
            '   - {q: "how long will construction take", expect: ["two years"]}\n',
            "3: YAML syntax error: did not find expected '-' indicator; check this line's "
            "indentation: it must line up with the other keys of its mapping or items of its list",
        ),
        (
            "smalltalk:\n  - hello\n out_of_scope:\n  - what is the weather in paris today\n",
            "3: YAML syntax error: did not find expected key; check this line's indentation: "
            "it must line up with the other keys of its mapping or items of its list",
        ),
        (
            'in_scope:\n  - {q: "how much, expect: ["4 million"]}\n',
            "2: YAML syntax error: did not find expected ',' or '}'",
        ),
        (
            "smalltalk:\n  - привет\n  - hel\x00lo\n",
            "3: YAML syntax error: a NUL byte (U+0000) is not allowed in YAML; delete it",
        ),
    ],
)
def test_eval_on_a_malformed_question_file_names_the_file_and_line(
    capsys: pytest.CaptureFixture[str],
    minimal_path: Path,
    tmp_path: Path,
    content: str,
    message: str,
) -> None:
    """A bad question file is `file:line: message` on stderr, as `check` reports a bad
    facts file, and exit 1: never PyYAML's own text or a traceback."""
    questions = tmp_path / "questions.yaml"
    questions.write_text(content, encoding="utf-8")
    assert run(capsys, "eval", "--facts", str(minimal_path), str(questions)) == (
        1,
        "",
        f"{questions}:{message}\n",
    )


def test_eval_on_a_missing_question_file_says_it_cannot_read_it(
    capsys: pytest.CaptureFixture[str], minimal_path: Path, tmp_path: Path
) -> None:
    """A wrong path to the question file is one line, exit 1."""
    questions = tmp_path / "nowhere.yaml"
    assert run(capsys, "eval", "--facts", str(minimal_path), str(questions)) == (
        1,
        "",
        f"{questions}: cannot read: No such file or directory\n",
    )


def test_eval_on_a_non_utf8_question_file_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], minimal_path: Path, tmp_path: Path
) -> None:
    """A question file saved as Latin-1 is reported like any other malformed file."""
    questions = tmp_path / "questions.yaml"
    questions.write_bytes(b'smalltalk:\n  - "caf\xe9"\n')
    assert run(capsys, "eval", "--facts", str(minimal_path), str(questions)) == (
        1,
        "",
        f"{questions}:2: not UTF-8 text (invalid continuation byte); save it as UTF-8\n",
    )


# --- choosing the facts file ------------------------------------------------------------
def test_facts_option_after_the_subcommand_selects_the_file(
    capsys: pytest.CaptureFixture[str], minimal_path: Path
) -> None:
    """`summary --facts PATH` reads PATH."""
    _, out, _ = run(capsys, "summary", "--facts", str(minimal_path))
    assert out == "The council approved a new bridge costing 4 million euros.\n"


def test_facts_option_before_the_subcommand_selects_the_file(
    capsys: pytest.CaptureFixture[str], minimal_path: Path
) -> None:
    """`article-bot --facts PATH summary`, as the top-level help offers it, reads PATH."""
    _, out, _ = run(capsys, "--facts", str(minimal_path), "summary")
    assert out == "The council approved a new bridge costing 4 million euros.\n"


def test_facts_environment_variable_selects_the_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal_path: Path
) -> None:
    """ARTICLE_BOT_FACTS is used when no --facts is given."""
    monkeypatch.setenv("ARTICLE_BOT_FACTS", str(minimal_path))
    assert run(capsys, "ask", "how much will the bridge cost") == (0, BRIDGE_ANSWER, "")


def test_facts_option_wins_over_the_environment_variable(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    minimal_path: Path,
    tmp_path: Path,
) -> None:
    """An explicit --facts beats ARTICLE_BOT_FACTS, even one that points nowhere."""
    monkeypatch.setenv("ARTICLE_BOT_FACTS", str(tmp_path / "nowhere.yaml"))
    assert run(capsys, "ask", "--facts", str(minimal_path), "how much will the bridge cost") == (
        0,
        BRIDGE_ANSWER,
        "",
    )


def test_facts_yaml_in_the_working_directory_is_the_default(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    minimal_facts_yaml: str,
    write_facts: WriteFacts,
    tmp_path: Path,
) -> None:
    """Without --facts or ARTICLE_BOT_FACTS, ./facts.yaml is read."""
    write_facts(minimal_facts_yaml, "facts.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert out.splitlines()[0] == (
        "facts.yaml: OK: 2 facts, 5 phrasings (en, ru), 1 small-talk entry, 3 paragraphs"
    )


def test_packaged_facts_are_the_last_resort(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Run from a folder without facts.yaml, the CLI uses the copy inside the package."""
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert out.startswith(f"{PACKAGED_FACTS}: OK: ")


def test_missing_facts_file_from_the_environment_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A wrong ARTICLE_BOT_FACTS is reported with the path and how to fix it."""
    path = tmp_path / "nowhere.yaml"
    monkeypatch.setenv("ARTICLE_BOT_FACTS", str(path))
    assert run(capsys, "summary") == (
        1,
        "",
        f"{path}: file not found; pass --facts PATH or set ARTICLE_BOT_FACTS\n",
    )


# --- configuration, help and docs -------------------------------------------------------
def article_bot(cwd: Path, *argv: str, **env: str) -> tuple[int, str, str]:
    """`python -m bot argv…` as a real process in `cwd`, with only PATH and `env` set."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", *argv],
        cwd=cwd,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


def test_settings_in_dot_env_of_the_working_directory_apply(
    minimal_path: Path, tmp_path: Path
) -> None:
    """A .env copied from .env.example is read at start-up: its facts file is the one used."""
    (tmp_path / ".env").write_text(
        f"# article-bot settings\nARTICLE_BOT_FACTS={minimal_path}  # the bridge\n",
        encoding="utf-8",
    )
    assert article_bot(tmp_path, "summary") == (
        0,
        "The council approved a new bridge costing 4 million euros.\n",
        "",
    )


def test_environment_variable_wins_over_dot_env(minimal_path: Path, tmp_path: Path) -> None:
    """A variable set in the environment overrides the same one in .env."""
    (tmp_path / ".env").write_text("ARTICLE_BOT_FACTS=nowhere.yaml\n", encoding="utf-8")
    assert article_bot(tmp_path, "summary", ARTICLE_BOT_FACTS=str(minimal_path)) == (
        0,
        "The council approved a new bridge costing 4 million euros.\n",
        "",
    )


def test_bad_setting_in_dot_env_is_a_configuration_error(tmp_path: Path) -> None:
    """A malformed token in .env stops `run` like one in the environment: exit 2, one line."""
    (tmp_path / ".env").write_text('TELEGRAM_BOT_TOKEN="not-a-token"\n', encoding="utf-8")
    assert article_bot(tmp_path, "run") == (
        2,
        "",
        "article-bot: configuration error: TELEGRAM_BOT_TOKEN is not a bot token (expected "
        "digits, a colon and at least 20 letters, as @BotFather gives it)\n",
    )


def test_bad_log_level_is_a_configuration_error_naming_the_variable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal_path: Path
) -> None:
    """A malformed ARTICLE_BOT_LOG_LEVEL gives exit 2 and one line naming it and its values."""
    monkeypatch.setenv("ARTICLE_BOT_LOG_LEVEL", "LOUD")
    assert run(capsys, "check", str(minimal_path)) == (
        2,
        "",
        "article-bot: configuration error: ARTICLE_BOT_LOG_LEVEL must be one of "
        "DEBUG, INFO, WARNING, ERROR, CRITICAL\n",
    )


def test_a_short_db_key_is_a_configuration_error_that_does_not_echo_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, minimal_path: Path
) -> None:
    """ARTICLE_BOT_DB_KEY under 32 characters is refused in one line that gives its length
    and how to make one, never the value."""
    monkeypatch.setenv("ARTICLE_BOT_DB_KEY", "hunter2-hunter2")
    assert run(capsys, "check", str(minimal_path)) == (
        2,
        "",
        "article-bot: configuration error: ARTICLE_BOT_DB_KEY must be at least 32 characters "
        "long, got 15 (e.g. the output of: python -c 'import secrets; "
        "print(secrets.token_hex(32))')\n",
    )


def test_the_db_key_is_read_but_never_shown() -> None:
    """ARTICLE_BOT_DB_KEY reaches the settings, and their repr leaves it out."""
    key = "k3y-" * 10
    settings = Settings.from_env({"ARTICLE_BOT_DB_KEY": f" {key} "})
    assert settings.db_key == key
    assert key not in repr(settings) and "db_key" not in repr(settings)


def test_run_without_a_token_is_a_configuration_error_naming_the_variable(
    capsys: pytest.CaptureFixture[str], minimal_path: Path
) -> None:
    """`run` needs TELEGRAM_BOT_TOKEN and says so in one line, exit 2, before any network use."""
    code, out, err = run(capsys, "run", "--facts", str(minimal_path))
    assert (code, out) == (2, "")
    assert err.startswith("article-bot: configuration error: TELEGRAM_BOT_TOKEN ")
    assert err.count("\n") == 1


def test_no_subcommand_without_a_token_chats_in_the_terminal(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    minimal_facts_yaml: str,
    write_facts: WriteFacts,
    tmp_path: Path,
) -> None:
    """Bare `article-bot` with no token falls back to chat and tells how to serve Telegram."""
    write_facts(minimal_facts_yaml, "facts.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("how much will the bridge cost\n"))
    code, out, err = run(capsys)
    assert (code, out) == (0, BRIDGE_ANSWER + "\n")
    assert "TELEGRAM_BOT_TOKEN" in err
    assert err.count("\n") == 1


def test_console_script_answers_a_question(minimal_path: Path) -> None:
    """The installed `article-bot` command works as a real process."""
    if not CONSOLE_SCRIPT.exists():
        pytest.skip(f"{CONSOLE_SCRIPT} is not installed (run pip install -e .)")
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "ask", "--facts", str(minimal_path), "how much will the bridge cost"],
        cwd=minimal_path.parent,  # away from any .env of the developer's
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, BRIDGE_ANSWER, "")


def test_version_option_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    """`--version` names the program and its version."""
    with pytest.raises(SystemExit) as excinfo:
        main(["--version"])
    assert excinfo.value.code == 0
    assert capsys.readouterr().out == f"article-bot {__version__}\n"


def test_the_parser_has_every_documented_subcommand() -> None:
    """ask, chat, summary, check and eval all exist (others, such as run, may join them)."""
    assert set(DOCUMENTED_SUBCOMMANDS) <= set(subcommands())


@pytest.mark.parametrize("name", list(subcommands()))
def test_every_subcommand_has_help_text(name: str) -> None:
    """Each subcommand shows a one-line help in the command list and a description of its own."""
    parser, help_line = subcommands()[name]
    assert help_line
    assert parser.description
    assert parser.format_help().startswith(f"usage: article-bot {name} ")


@pytest.mark.parametrize("name", list(subcommands()))
def test_every_subcommand_appears_in_the_readme(name: str) -> None:
    """The README shows every subcommand as it is typed."""
    if not README.exists():
        pytest.skip("README.md is not written yet")
    assert f"article-bot {name}" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("ARTICLE_BOT_ADMINS", "must be Telegram user ids separated by commas"),
        ("ARTICLE_BOT_RATE_LIMIT", "must be on or off"),
        ("ARTICLE_BOT_RETENTION_DAYS", "must be a whole number"),
    ],
)
def test_a_token_in_the_wrong_setting_is_named_but_never_shown(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    minimal_path: Path,
    name: str,
    what: str,
) -> None:
    """A bad value that looks like a bot token is reported without the value."""
    monkeypatch.setenv(name, "123456789:AAH-a-token-pasted-into-the-wrong-variable")
    assert run(capsys, "check", str(minimal_path)) == (
        2,
        "",
        f"article-bot: configuration error: {name} {what}, got a value that looks like a bot "
        "token (not shown; is it in the wrong variable?)\n",
    )
