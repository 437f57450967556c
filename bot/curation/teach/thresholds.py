"""Writing the calibrated answer thresholds as the facts file's `decision:` block."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode

from bot.answering.decision import Thresholds
from bot.answering.facts import DECLINE_KEY, FactsError, loads
from bot.curation.teach.files import locked, read_settled_text, replace_file, validated
from bot.curation.teach.result import DECISION, Refused, TeachResult
from bot.curation.teach.yaml_text import BLANK, content_end, newline_of


def write_thresholds(
    path: Path,
    thresholds: Thresholds,
    *,
    note: str = "",
    settle: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> TeachResult:
    """Write `thresholds` as the facts file's `decision:` block, replacing the one there
    (or adding it before `decline:`, else at the end), every other byte kept; `note` is
    a comment line above it saying where the values come from."""
    shown = str(path)
    try:
        target = Path(os.path.realpath(path))
        with locked(target, shown):
            text, read_at = read_settled_text(target, shown, settle, sleep)
            validated(text, shown)
            new_text = _with_decision(text, thresholds, note)
            try:
                base = loads(new_text, shown)
            except FactsError as exc:  # a guard: the block is written from valid numbers
                raise Refused(f"the decision block would not validate:\n{exc}") from None
            if base.thresholds != thresholds:
                raise Refused(f"the decision block would not read back unchanged from {shown}")
            replace_file(target, shown, new_text, read_at)
    except Refused as exc:
        return TeachResult(False, str(exc), DECISION, "")
    return TeachResult(True, f"wrote the decision thresholds to {shown}", DECISION, "", 0, base)


def _with_decision(text: str, thresholds: Thresholds, note: str) -> str:
    """The file's text with its `decision:` block replaced by (or added as) `thresholds`."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, MappingNode)
    newline = newline_of(text)
    lines = [f"# {note}"] if note else []
    lines.append(f"{DECISION}:")
    lines += [f"  {name}: {getattr(thresholds, name)}" for name in Thresholds.names()]
    block = newline.join(lines)
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == DECISION:
            start = text.rfind(newline, 0, key.start_mark.index) + len(newline)
            if note and text[:start].rstrip(BLANK).rsplit(newline, 1)[-1].startswith("# "):
                start = text.rfind(newline, 0, start - len(newline)) + len(newline)  # old note
            return text[:start] + block + text[content_end(text, value) :]
        if isinstance(key, ScalarNode) and key.value == DECLINE_KEY:
            start = key.start_mark.index
            comments = text[:start].rstrip(BLANK)
            # Keep the decline section's own comment above it: insert before that comment.
            while comments.rsplit(newline, 1)[-1].startswith("#"):
                comments = (
                    comments.rsplit(newline, 1)[0].rstrip(BLANK) if newline in comments else ""
                )
            at = len(comments) + len(newline) if comments else 0
            return text[:at] + newline + block + newline + text[at:]
    end = len(text.rstrip(BLANK))
    return text[:end] + newline + newline + block + newline
