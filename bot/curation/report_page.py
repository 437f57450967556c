"""`eval --report DIR`: the report's data as one self-contained HTML page (figures
inline as SVG, style inline, no script, no address outside the page) and as
report.json, the same figures for a program or for comparing two reports."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from bot.curation.report import UNKNOWN_FACT, Case, ReportData
from bot.curation.report_plots import COLORS, curve_svg, facts_svg, histogram_svg

MISS_WIDTHS = ("3.5em", "28%", "9%", "14%", "4.5em", "4.5em", "11%", "")
"""The misses' columns, the same in every group's table."""
CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 64rem;
       padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { text-align: left; padding: .2rem .6rem; border-bottom: 1px solid #eee;
         vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
table.misses { width: 100%; table-layout: fixed; }
table.misses code { overflow-wrap: anywhere; }
code { font-size: .9em; }
figure { margin: .5rem 0; }
figure svg { width: 100%; height: auto; }
.key { display: inline-block; width: .8em; height: .8em; margin-right: .3em; }
.muted { color: #666; }
:target { background: #fff3c4; }
"""


def render_html(data: ReportData) -> str:
    """The whole page."""
    cross = data.header.mode == "cross-validation"
    title = "Cross-validation report" if cross else "Eval report"
    outside = "decline examples" if cross else "out of scope"
    sections = [
        f"<h1>{title}</h1>",
        _header(data),
        _summary(data, outside),
        _histogram(data, outside),
        _curve(data, outside),
        _facts(data),
        _confusions(data),
        _misses(data),
    ]
    body = "\n".join(sections)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}: {escape(data.header.facts_path)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def write_report(data: ReportData, directory: Path) -> None:
    """Write `index.html` and `report.json` into `directory`, made if missing."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "index.html").write_text(render_html(data), encoding="utf-8")
    text = json.dumps(data.to_json(), ensure_ascii=False, indent=2)
    (directory / "report.json").write_text(text + "\n", encoding="utf-8")


def _header(data: ReportData) -> str:
    h = data.header
    files = (
        ", ".join(f"<code>{escape(f)}</code>" for f in h.question_files)
        or "none: each phrasing and each <code>decline:</code> example held out in turn"
    )
    thresholds = ", ".join(
        f"{escape(name)} <b>{value:g}</b>" for name, value in h.thresholds.items()
    )
    rows = [
        ("facts file", f"<code>{escape(h.facts_path)}</code>"),
        ("SHA-256", f"<code>{h.facts_sha256}</code>"),
        ("question files", files),
        ("thresholds", thresholds),
        ("date", escape(h.date)),
    ]
    return _table(("", ""), rows, header=False)


def _summary(data: ReportData, outside_name: str) -> str:
    totals = {g: sum(c) + data.histogram.without_score[g] for g, c in data.histogram.counts.items()}
    in_scope = sum(totals[g] for g in ("right", "wrong", "offered", "declined"))
    outside = [c for c in data.cases if c.kind == "out_of_scope"]
    answered = sum(c.status == "answered" for c in outside)
    parts = [
        f"<b>{in_scope}</b> in scope: {_key('right')}{totals['right']} answered right, "
        f"{_key('wrong')}{totals['wrong']} wrong, {_key('offered')}{totals['offered']} offered, "
        f"{_key('declined')}{totals['declined']} declined",
        f"<b>{len(outside)}</b> {outside_name}: {answered} answered",
        f"<b>{totals['smalltalk']}</b> small talk",
    ]
    figures = _table(
        ("figure", "value"),
        [(escape(k), escape(json.dumps(v))) for k, v in data.figures.items()],
    )
    return (
        f"<p>{'; '.join(parts)}.</p>\n<details><summary>The figures of "
        f"<code>eval --json</code></summary>\n{figures}\n</details>"
    )


def _histogram(data: ReportData, outside: str) -> str:
    t = data.header.thresholds
    svg = histogram_svg(data.histogram, t["answer_min_score"], t["clarify_min_score"], outside)
    return (
        '<h2 id="scores">Where the best fact\'s score falls</h2>\n'
        "<p>The best-ranked fact's score for each question, by how it ended. A question "
        "right of the solid line is answered if its fact also leads the runner-up and "
        "explains the question; right of the dashed line, it may be offered as "
        "“Did you mean…?”.</p>\n"
        f"<figure>{svg}</figure>"
    )


def _curve(data: ReportData, outside_name: str) -> str:
    today = data.header.thresholds["answer_min_score"]
    outside = f"{outside_name} answered"
    svg = curve_svg(data.curve, today, outside)
    shown = [p for p in data.curve if round(p.answer_min_score * 100) % 5 == 0]
    shown = sorted(
        {*shown, *(p for p in data.curve if p.answer_min_score == today)},
        key=lambda p: p.answer_min_score,
    )
    rows = [
        (
            f"{p.answer_min_score:g}" + (" (today)" if p.answer_min_score == today else ""),
            str(p.right),
            str(p.wrong),
            str(p.out_of_scope_answered),
        )
        for p in shown
    ]
    table = _table(("answer_min_score", "right", "wrong", outside), rows, numeric=(1, 2, 3))
    return (
        '<h2 id="threshold">What another answer threshold would do</h2>\n'
        "<p>Each question's decision replayed with <code>answer_min_score</code> moved and "
        "every other threshold as today: exact, not estimated.</p>\n"
        f"<figure>{svg}</figure>\n<details><summary>As a table</summary>\n{table}\n</details>"
    )


def _facts(data: ReportData) -> str:
    rows = [
        (
            _fact_link(r.fact, data),
            str(r.questions),
            str(r.answered),
            str(r.offered),
            str(r.declined),
            str(r.elsewhere),
            str(r.ranked_first),
        )
        for r in data.facts
    ]
    columns = ("fact", "questions", "answered", "offered", "declined", "to another fact")
    table = _table((*columns, "ranked first"), rows, numeric=(1, 2, 3, 4, 5, 6))
    untested = ""
    if data.untested:
        names = ", ".join(f"<code>{escape(f)}</code>" for f in data.untested)
        untested = f'<p class="muted">No question about {names}.</p>'
    return (
        '<h2 id="facts">Per fact</h2>\n'
        "<p>How each fact's questions ended. <i>Ranked first</i> counts those whose best-ranked "
        "fact is the right one: a question ranked right but not answered is the decision's "
        "miss, one ranked wrong is the ranking's.</p>\n"
        f"<figure>{facts_svg(data.facts)}</figure>\n{table}\n{untested}"
    )


def _confusions(data: ReportData) -> str:
    if not data.confusions:
        return '<h2 id="confusions">Facts confused</h2>\n<p>None: every question\'s best-ranked fact was its own.</p>'
    items = [
        f"<li><code>{escape(c.fact)}</code> → <code>{escape(c.other)}</code>: "
        f"{len(c.questions)} question{'s' if len(c.questions) != 1 else ''}, "
        f"{c.answered} answered with <code>{escape(c.other)}</code>: "
        f"{_question_links(c.questions)}</li>"
        for c in data.confusions
    ]
    return (
        '<h2 id="confusions">Facts confused</h2>\n'
        "<p>Questions of one fact on which another fact ranked first, most frequent "
        "pairs first.</p>\n<ul>\n" + "\n".join(items) + "\n</ul>"
    )


def _misses(data: ReportData) -> str:
    if not data.misses:
        return '<h2 id="misses">Misses</h2>\n<p>None: every question was handled right.</p>'
    parts = [
        '<h2 id="misses">Misses and wrong answers</h2>\n'
        "<p>Every question not handled right, with what the decision weighed: the best "
        "fact's score, its lead over the runner-up (margin), the words it does not "
        "explain, and the reason it gave.</p>"
    ]
    for key, cases in data.misses.items():
        parts.append(f'<h3 id="{_anchor(key)}">{escape(key)} ({len(cases)})</h3>')
        parts.append(_miss_table(cases))
    return "\n".join(parts)


def _miss_table(cases: Sequence[Case]) -> str:
    rows = []
    for case in cases:
        evidence = case.evidence
        rows.append(
            (
                f'<a id="q-{case.number}" href="#q-{case.number}">#{case.number}</a>',
                f"{escape(case.text)}<br><span class=muted>{escape(case.where)}</span>",
                f"{_key(case.group)}{escape(_outcome(case))}",
                f"<code>{escape(case.best or '-')}</code>",
                "-" if case.score is None else f"{case.score:.2f}",
                "-" if evidence is None else f"{evidence.margin:.2f}",
                escape(", ".join(evidence.unexplained_words)) if evidence is not None else "",
                escape(case.reason),
            )
        )
    columns = ("", "question", "outcome", "best fact", "score", "margin", "unexplained", "reason")
    return _table(columns, rows, numeric=(4, 5), css="misses", widths=MISS_WIDTHS)


def _outcome(case: Case) -> str:
    if case.kind == "in_scope":
        return case.group.replace("right", "answered right").replace("wrong", "answered wrong")
    return {"answered": "answered", "clarify": "offered", "unknown": "declined"}.get(
        case.status, case.status
    )


def _fact_link(fact: str, data: ReportData) -> str:
    name = f"<code>{escape(fact)}</code>" if fact != UNKNOWN_FACT else f"<i>{escape(fact)}</i>"
    return f'<a href="#{_anchor(fact)}">{name}</a>' if fact in data.misses else name


def _question_links(numbers: Iterable[int]) -> str:
    return " ".join(f'<a href="#q-{n}">#{n}</a>' for n in numbers)


def _anchor(key: str) -> str:
    return "miss-" + "".join(ch if ch.isalnum() or ch == "-" else "_" for ch in key)


def _key(group: str) -> str:
    return f'<span class="key" style="background:{COLORS[group]}"></span>'


def _table(
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Sequence[int] = (),
    header: bool = True,
    css: str = "",
    widths: Sequence[str] = (),
) -> str:
    """An HTML table of cells that are already HTML; `widths` of its columns, if given."""

    def cell(tag: str, index: int, content: str) -> str:
        cls = ' class="n"' if index in numeric else ""
        return f"<{tag}{cls}>{content}</{tag}>"

    head = ""
    if header:
        head = "<tr>" + "".join(cell("th", i, escape(c)) for i, c in enumerate(columns)) + "</tr>"
    body = "".join(
        "<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>\n" for row in rows
    )
    cols = "".join(f'<col style="width:{w}">' for w in widths)
    opening = f'<table class="{css}">' if css else "<table>"
    return f"{opening}{cols}\n{head}\n{body}</table>"
