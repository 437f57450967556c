"""Teach the bot a new way of asking: add a phrasing to a fact in facts.yaml itself (or
a question to `decline:`), or write the calibrated thresholds, editing the file as text
so that every other byte stays as the curators wrote it, and replacing it only with
text that validates, atomically, under a lock, never over an editor's save. By job:
`phrasing` (add a phrasing or a decline example, with its checks), `thresholds` (the
`decision:` block), `files` (lock, settled read, atomic replace), `yaml_nodes` (finding
entries and phrasings in the node tree), `yaml_text` (the text edits) and `result`.
Built on `bot.answering` and `bot.curation.guard`.
"""

from bot.curation.teach.phrasing import add_decline, add_phrasing
from bot.curation.teach.result import DECISION, TeachResult
from bot.curation.teach.thresholds import write_thresholds

__all__ = ["DECISION", "TeachResult", "add_decline", "add_phrasing", "write_thresholds"]
