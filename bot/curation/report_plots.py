"""The report's figures as SVG to inline in one HTML page: drawn with matplotlib (the
optional `report` extra), without pyplot, so no backend or global figure state is
involved, and with nothing in them that points outside the page."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from bot.curation.report import GROUPS, CurvePoint, FactRow, Histogram

# matplotlib is imported where a figure is drawn: importing it costs about a second,
# which every process that imports this module (the test suite's collection, among
# them) would pay without drawing anything.
if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

COLORS = {
    "right": "#2e7d32",
    "wrong": "#c62828",
    "offered": "#ef8f00",
    "declined": "#8d8d8d",
    "out_of_scope": "#6a3d9a",
    "smalltalk": "#1f78b4",
}
LABELS = {
    "right": "in scope, answered right",
    "wrong": "in scope, answered wrong",
    "offered": "in scope, offered (did you mean)",
    "declined": "in scope, declined",
    "out_of_scope": "out of scope",
    "smalltalk": "small talk",
}
ANSWER_LINE = {"color": "#111111", "linewidth": 1.4}
CLARIFY_LINE = {"color": "#111111", "linewidth": 1.0, "linestyle": "--"}
WIDTH = 9.0
"""Inches; the page shows the figures at its own width."""
_METADATA: dict[str, str | None] = {"Creator": None, "Date": None, "Format": None, "Type": None}


def histogram_svg(
    hist: Histogram, answer_min_score: float, clarify_min_score: float, outside: str
) -> str:
    """One row per group that has questions: how many fall at each score, with the
    answer threshold (solid) and the clarify threshold (dashed) across every row;
    `outside` names the out-of-scope questions."""
    with _style():
        return _svg(_histogram(hist, answer_min_score, clarify_min_score, outside), "histogram")


def _histogram(
    hist: Histogram, answer_min_score: float, clarify_min_score: float, outside: str
) -> Figure:
    labels = {**LABELS, "out_of_scope": outside}
    groups = [g for g in GROUPS if sum(hist.counts[g]) + hist.without_score[g]]
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(WIDTH, 0.5 + 0.85 * max(1, len(groups))), layout="constrained")
    axes = fig.subplots(max(1, len(groups)), 1, sharex=True, squeeze=False)[:, 0]
    for ax, group in zip(axes, groups, strict=False):
        counts = hist.counts[group]
        # One outline per row rather than a patch per bin: a fraction of the SVG and time.
        ax.stairs(counts, hist.edges, fill=True, color=COLORS[group])
        ax.axvline(answer_min_score, **ANSWER_LINE)
        ax.axvline(clarify_min_score, **CLARIFY_LINE)
        label = f"{labels[group]}: {sum(counts) + hist.without_score[group]}"
        if hist.without_score[group]:
            label += f" ({hist.without_score[group]} with no fact scored)"
        ax.set_title(label, loc="left", fontsize=9, pad=2)
        ax.set_ylim(0, max(max(counts), 1) * 1.15)
        if not sum(counts):
            ax.text(
                0.02,
                0.5,
                "no fact scored on any of them",
                ha="left",
                va="center",
                transform=ax.transAxes,
                color="#666666",
            )
        ax.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
    axes[0].set_xlim(0, 1)
    axes[-1].set_xlabel(
        f"best fact's score  (solid: answer_min_score {answer_min_score:g}, "
        f"dashed: clarify_min_score {clarify_min_score:g})"
    )
    return fig


def curve_svg(points: Sequence[CurvePoint], today: float, outside_label: str) -> str:
    """Right answers above; wrong answers and out-of-scope questions answered below (they
    are far fewer); today's answer threshold marked in both."""
    with _style():
        return _svg(_curve(points, today, outside_label), "curve")


def _curve(points: Sequence[CurvePoint], today: float, outside_label: str) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(WIDTH, 4.4), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    xs = [p.answer_min_score for p in points]
    now = next(p for p in points if p.answer_min_score == today)
    top.plot(xs, [p.right for p in points], color=COLORS["right"], label="answered right")
    bottom.plot(xs, [p.wrong for p in points], color=COLORS["wrong"], label="answered wrong")
    bottom.plot(
        xs,
        [p.out_of_scope_answered for p in points],
        color=COLORS["out_of_scope"],
        label=outside_label,
    )
    for ax in (top, bottom):
        ax.axvline(today, **ANSWER_LINE)
        ax.legend(loc="upper right", frameon=False)
        ax.grid(axis="y", color="#e0e0e0", linewidth=0.6)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _mark(top, today, now.right, f"today {today:g}: {now.right} right", below=True)
    _mark(bottom, today, now.wrong, f"{now.wrong} wrong, {now.out_of_scope_answered} answered")
    highest = max(max(p.wrong, p.out_of_scope_answered) for p in points)
    bottom.set_ylim(0, max(highest, 1) * 1.15)  # whole questions, even when there are none
    bottom.set_xlabel("answer_min_score")
    return fig


def _mark(ax: Axes, x: float, y: int, text: str, *, below: bool = False) -> None:
    ax.plot([x], [y], "o", color="#111111", markersize=4)
    ax.annotate(text, (x, y), xytext=(6, -14 if below else 6), textcoords="offset points")


def facts_svg(rows: Sequence[FactRow]) -> str:
    """Per fact, its questions stacked by how they ended, the least answered on top."""
    with _style():
        return _svg(_facts(rows), "facts")


def _facts(rows: Sequence[FactRow]) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(WIDTH, 0.9 + 0.24 * max(1, len(rows))), layout="constrained")
    ax = fig.add_subplot()
    names = [r.fact for r in rows][::-1]
    left = [0] * len(rows)
    parts = (
        ("answered", "right", "answered"),
        ("offered", "offered", "offered"),
        ("declined", "declined", "declined"),
        ("elsewhere", "wrong", "answered with another fact"),
    )
    for field, color, label in parts:
        values = [getattr(r, field) for r in rows][::-1]
        ax.barh(names, values, left=left, color=COLORS[color], label=label, height=0.7)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("questions")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(axis="y", labelsize=8)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=4, frameon=False)
    return fig


def _style() -> AbstractContextManager[None]:
    import matplotlib

    return matplotlib.rc_context(
        {
            "svg.fonttype": "none",  # text stays text: smaller, and readable in the page's DOM
            "font.size": 9,
            "font.family": "sans-serif",
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )


def _svg(fig: Figure, name: str) -> str:
    """`fig` as an `<svg>` element for an HTML page: no XML prologue, no namespace or
    DOCTYPE addresses, and its ids prefixed with `name` so that several figures'
    ids and references never meet."""
    import matplotlib

    out = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": name}):
        fig.savefig(out, format="svg", metadata=_METADATA)
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", svg)
    svg = svg.replace("xlink:href=", "href=")
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', svg)
    svg = re.sub(r'(url\(#|href="#)([^")]+)', rf"\1{name}-\2", svg)
    return re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r"\1", svg, count=1)
