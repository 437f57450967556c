"""Teach the bot a new way of asking: add a phrasing to a fact in facts.yaml itself.

The file is edited as text, never re-dumped: the YAML nodes' marks say where the fact's
list of phrasings ends, one line (or, in a flow list `[a, b]`, one item) goes in there,
and every other byte stays as the curators wrote it: comments, order, quoting, line
endings. The edited text must validate before it replaces the file, which happens
atomically (temporary file, fsync, rename) under a lock, so neither a crash nor two
teachers at once can leave the file half-written or lose an edit.

Nor may an editor's save: a file saved in place passes through cut-short copies that
validate, and teaching one would make the cut permanent (the rename replaces the file the
editor is still writing). So teaching refuses a file that is still changing, or that has
fewer facts or small-talk entries than the last good version (`bot.curation.guard`).

>>> result = add_phrasing(Path("facts.yaml"), "soyuz", "is soyuz still flying?")  # doctest: +SKIP
>>> result.reason  # doctest: +SKIP
'added "is soyuz still flying?" to soyuz (en) at facts.yaml:838'

By job: `phrasing` (add a phrasing or a decline example, with its checks), `thresholds`
(write the `decision:` block), `files` (lock, settled read, atomic replace), `yaml_nodes`
(finding entries and phrasings in the node tree) and `yaml_text` (the text edits).
Built on `bot.answering` and `bot.curation.guard`.
"""

from bot.curation.teach.phrasing import add_decline, add_phrasing
from bot.curation.teach.result import DECISION, DECLINE, TeachResult
from bot.curation.teach.thresholds import write_thresholds

__all__ = ["DECISION", "DECLINE", "TeachResult", "add_decline", "add_phrasing", "write_thresholds"]
