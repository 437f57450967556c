"""`eval --report DIR`: the page and report.json, their figures against eval's own, and
the page as a browser shows it."""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
from dataclasses import asdict, replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import MINIMAL_FACTS_YAML, TESTS_DIR, TWO_MEETINGS_YAML, WriteFacts, run

from bot.answering.decision import Thresholds
from bot.answering.engine import Engine
from bot.answering.facts import FactBase, loads
from bot.cli.measuring import REPORT_NEEDS_MATPLOTLIB
from bot.curation.evaluation import evaluate, load_questions
from bot.curation.report import (
    UNKNOWN_FACT,
    Confusion,
    FactRow,
    ReportData,
    cases_from_outcomes,
    confusions,
    fact_rows,
    header,
    report_data,
    threshold_curve,
)
from bot.curation.report_page import render_html, write_report
from bot.curation.report_plots import COLORS

HOLDOUT = TESTS_DIR.parent / "benchmarks" / "questions" / "holdout2-en.yaml"
# Right, wrong (no fact says "three years"), offered, out of scope and small talk.
QUESTIONS_YAML = """\
in_scope:
  - {q: "how much will the bridge cost", expect: ["4 million"]}
  - {q: "how long will construction take", expect: ["three years"]}
  - {q: "what is the price of the bridge in dollars", expect: ["4 million"]}
out_of_scope:
  - "what is the weather in paris today"
  - "how much did the old bridge cost"
smalltalk:
  - "hello"
"""


@pytest.fixture(scope="module")
def small_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ReportData]:
    """The report of QUESTIONS_YAML on the small base, built once through the library for
    the tests that only read it: its folder and its data."""
    folder = tmp_path_factory.mktemp("report")
    facts, questions = folder / "facts.yaml", folder / "questions.yaml"
    facts.write_text(MINIMAL_FACTS_YAML, encoding="utf-8")
    questions.write_text(QUESTIONS_YAML, encoding="utf-8")
    base = loads(MINIMAL_FACTS_YAML)
    report = evaluate(Engine(base), load_questions(questions))
    head = header(facts, [str(questions)], base.thresholds, datetime.now(timezone.utc))
    data = report_data(cases_from_outcomes(report.outcomes, base), report.figures(), base, head)
    write_report(data, folder / "out")
    return folder, data


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports are written under the test's temporary folder."""
    monkeypatch.chdir(tmp_path)


def test_report_json_counts_are_eval_jsons_to_the_question(
    capsys: pytest.CaptureFixture[str], write_facts: WriteFacts
) -> None:
    """report.json has eval --json's figures, each question ends the same way in both, and
    the histogram and the curve at today's threshold add up to the same counts."""
    facts = write_facts(MINIMAL_FACTS_YAML)
    questions = write_facts(QUESTIONS_YAML, "questions.yaml")
    code, out, err = run(
        capsys, "eval", "--json", "--facts", str(facts), str(questions), "--report", "out"
    )
    assert (code, err) == (0, "")
    printed = json.loads(out)
    report = json.loads(Path("out/report.json").read_text(encoding="utf-8"))
    figures = printed["figures"]
    assert report["figures"] == figures
    assert [(c["kind"], c["text"], c["status"], c["correct"]) for c in report["cases"]] == [
        (q["kind"], q["question"], q["status"], q["correct"]) for q in printed["questions"]
    ]
    totals = {group: sum(counts) for group, counts in report["histogram"]["counts"].items()}
    for group, scoreless in report["histogram"]["without_score"].items():
        totals[group] += scoreless
    assert totals == {
        "right": figures["in_scope_correct"],
        "wrong": figures["in_scope_wrong"],
        "offered": figures["in_scope_clarify"],
        "declined": figures["in_scope_unknown"],
        "out_of_scope": figures["out_of_scope"],
        "smalltalk": figures["smalltalk"],
    }
    (today,) = [
        p
        for p in report["curve"]
        if p["answer_min_score"] == report["header"]["thresholds"]["answer_min_score"]
    ]
    assert (today["right"], today["wrong"], today["out_of_scope_answered"]) == (
        figures["in_scope_correct"],
        figures["in_scope_wrong"],
        figures["out_of_scope_answered"],
    )


def test_report_header_names_the_facts_file_its_hash_and_the_question_files(
    small_report: tuple[Path, ReportData],
) -> None:
    """Two reports can be compared: which base (path and SHA-256), which questions, which
    thresholds, when."""
    folder, _ = small_report
    head = json.loads((folder / "out" / "report.json").read_text(encoding="utf-8"))["header"]
    facts = folder / "facts.yaml"
    assert head["facts_path"] == str(facts)
    assert head["facts_sha256"] == hashlib.sha256(facts.read_bytes()).hexdigest()
    assert head["question_files"] == [str(folder / "questions.yaml")]
    assert head["thresholds"] == asdict(loads(MINIMAL_FACTS_YAML).thresholds)
    assert list(head["thresholds"]) == list(Thresholds.names())
    assert datetime.fromisoformat(head["date"]).tzinfo is not None
    page = (folder / "out" / "index.html").read_text(encoding="utf-8")
    assert head["facts_sha256"] in page


def test_the_page_has_no_address_outside_itself(small_report: tuple[Path, ReportData]) -> None:
    """The page opens offline: no URL, no script or style sheet to load, every link an
    anchor within the page, and its three figures inline as SVG."""
    page = (small_report[0] / "out" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"(?i)https?:|//[a-z0-9]|<script|<link|<img|<iframe|@import", page)
    links = re.findall(r'(?:href|src)="([^"]*)"', page)
    assert links and all(link.startswith("#") for link in links)
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    assert {link[1:] for link in links} <= ids
    assert len(re.findall(r"<svg\b", page)) == 3


def test_every_miss_is_listed_with_the_decisions_reason(
    small_report: tuple[Path, ReportData],
) -> None:
    """Every question eval counts as a miss is listed, with its anchor and the reason:
    the wrong answer under "unknown fact" (no fact says "three years"), the answered
    out-of-scope question under the fact it was answered with."""
    folder, data = small_report
    assert {c.text for cases in data.misses.values() for c in cases} == {
        c.text for c in data.cases if not c.correct
    }
    assert {key: [c.number for c in cases] for key, cases in data.misses.items()} == {
        "bridge-cost": [3],
        UNKNOWN_FACT: [2],
        "out of scope: bridge-cost": [5],
    }
    page = (folder / "out" / "index.html").read_text(encoding="utf-8")
    for case in (c for cases in data.misses.values() for c in cases):
        assert f'id="q-{case.number}"' in page
        assert html.escape(case.reason) in page


def test_the_threshold_curve_is_what_eval_counts_at_every_threshold(
    engine: Engine, base: FactBase
) -> None:
    """Replayed from each question's evidence, the curve is exact: at today's threshold
    and at another one, it counts what evaluating with that threshold counts."""
    questions = load_questions(HOLDOUT)
    cases = cases_from_outcomes(evaluate(engine, questions).outcomes, base)
    curve = {p.answer_min_score: p for p in threshold_curve(cases, base.thresholds)}
    for score in (base.thresholds.answer_min_score, 0.8):
        moved = replace(base, thresholds=replace(base.thresholds, answer_min_score=score))
        figures = evaluate(Engine(moved), questions).figures()
        point = curve[score]
        assert (point.right, point.wrong, point.out_of_scope_answered) == (
            figures["in_scope_correct"],
            figures["in_scope_wrong"],
            figures["out_of_scope_answered"],
        )


def test_a_question_ranked_under_another_fact_is_a_confusion_of_the_two() -> None:
    """ "When did the mayors meet", expecting March 2019, ranks Friday's meeting first: the
    pair is listed with the question's number, and its fact's row has it offered and not
    ranked first."""
    base = loads(TWO_MEETINGS_YAML)
    Path("questions.yaml").write_text(
        'in_scope:\n  - {q: "when did the mayors meet", expect: ["march 2019"]}\n'
        '  - {q: "when did the mayors meet in march", expect: ["march 2019"]}\n',
        encoding="utf-8",
    )
    outcomes = evaluate(Engine(base), load_questions("questions.yaml")).outcomes
    cases = cases_from_outcomes(outcomes, base)
    assert [c.fact for c in cases] == ["previous-meeting", "previous-meeting"]
    assert fact_rows(cases) == (FactRow("previous-meeting", 2, 1, 1, 0, 0, 1),)
    assert confusions(cases) == (Confusion("previous-meeting", "friday-meeting", 0, (1,)),)


def test_cross_validation_report_has_its_figures_and_the_decline_examples(
    capsys: pytest.CaptureFixture[str], write_facts: WriteFacts
) -> None:
    """`eval --cross-validate --report DIR`: report.json's figures are those of
    `eval --cross-validate --json`, and each decline example is an out-of-scope question."""
    text = MINIMAL_FACTS_YAML.replace(
        "smalltalk:\n", "decline:\n  en: [how much did the old bridge cost]\nsmalltalk:\n"
    )
    facts = str(write_facts(text))
    code, out, _ = run(
        capsys, "eval", "--cross-validate", "--json", "--facts", facts, "--report", "cv"
    )
    assert code == 0
    report = json.loads(Path("cv/report.json").read_text(encoding="utf-8"))
    assert report["figures"] == json.loads(out)
    assert report["header"]["question_files"] == []
    kinds = [c["kind"] for c in report["cases"]]
    assert kinds.count("in_scope") == report["figures"]["phrasings"]
    assert kinds.count("out_of_scope") == 1
    assert "decline examples answered" in Path("cv/index.html").read_text(encoding="utf-8")


def test_report_without_matplotlib_says_how_to_get_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, write_facts: WriteFacts
) -> None:
    """Without the `report` extra, --report is one line saying what to install, exit 2,
    before any question is asked."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    facts = write_facts(MINIMAL_FACTS_YAML)
    questions = write_facts(QUESTIONS_YAML, "questions.yaml")
    assert run(capsys, "eval", "--facts", str(facts), str(questions), "--report", "out") == (
        2,
        "",
        REPORT_NEEDS_MATPLOTLIB + "\n",
    )
    assert REPORT_NEEDS_MATPLOTLIB == (
        "article-bot: eval --report draws with matplotlib, which is not installed: "
        "pip install 'article-bot[report]'"
    )
    assert not Path("out").exists()


def test_eval_without_report_prints_the_same_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], write_facts: WriteFacts, tmp_path: Path
) -> None:
    """--report adds files, not output."""
    facts = write_facts(MINIMAL_FACTS_YAML)
    questions = write_facts(QUESTIONS_YAML, "questions.yaml")
    plain = run(capsys, "eval", "--facts", str(facts), str(questions))
    before = set(tmp_path.iterdir())
    assert run(capsys, "eval", "--facts", str(facts), str(questions), "--report", "out") == plain
    assert set(tmp_path.iterdir()) - before == {tmp_path / "out"}


def test_a_report_directory_that_cannot_be_made_is_one_line(
    capsys: pytest.CaptureFixture[str], write_facts: WriteFacts
) -> None:
    """A file where the directory should be: exit 1 and what went wrong."""
    facts = write_facts(MINIMAL_FACTS_YAML)
    questions = write_facts(QUESTIONS_YAML, "questions.yaml")
    Path("taken").write_text("", encoding="utf-8")
    code, _, err = run(capsys, "eval", "--facts", str(facts), str(questions), "--report", "taken")
    assert (code, err) == (
        1,
        "article-bot: cannot write the report into taken: File exists\n",
    )


# --- in a browser --------------------------------------------------------------------------
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="no headless Chromium to render the report with: apt-get install chromium "
    "(.ci/run installs it)",
)
def test_the_page_renders_its_figures_in_a_headless_browser(
    engine: Engine, base: FactBase, tmp_path: Path
) -> None:
    """Chromium, offline, builds three SVG figures with marks in them from the page, and
    a screenshot of it is not blank."""
    report = evaluate(engine, load_questions(HOLDOUT))
    cases = cases_from_outcomes(report.outcomes, base)
    head = header(
        TESTS_DIR.parent / "facts.yaml", [str(HOLDOUT)], base.thresholds, datetime.now(timezone.utc)
    )
    data = report_data(cases, report.figures(), base, head)
    page = tmp_path / "index.html"
    page.write_text(render_html(data), encoding="utf-8")
    shot = tmp_path / "page.png"
    dom, _ = _in_chromium(
        ["--dump-dom", page.as_uri()],
        ["--window-size=1000,2400", f"--screenshot={shot}", page.as_uri()],
        profile=tmp_path,
    )
    figures = re.findall(r"<figure>(.*?)</figure>", dom, flags=re.S)
    assert len(figures) == 3
    for figure in figures:
        assert figure.startswith("<svg")
        assert len(re.findall(r"<path\b", figure)) > 20
        assert "<text" in figure
    assert {COLORS["right"], COLORS["offered"], COLORS["out_of_scope"]} <= _colours(shot)


def _in_chromium(*runs: list[str], profile: Path) -> list[str]:
    """Run headless Chromium once per argument list, side by side (each with a profile
    of its own); their standard outputs."""
    browser = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    started = [
        subprocess.Popen(
            [*browser, f"--user-data-dir={profile / f'profile-{n}'}", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for n, args in enumerate(runs)
    ]
    outputs = [process.communicate(timeout=60)[0] for process in started]
    assert [process.returncode for process in started] == [0] * len(runs)
    return outputs


def _colours(png: Path) -> set[str]:
    """The colours painted in a screenshot, as `#rrggbb`."""
    from PIL import Image  # matplotlib's own dependency

    with Image.open(png) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
    return {"#{:02x}{:02x}{:02x}".format(*rgb) for _, rgb in colours}
