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
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process, utils
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.answering.decision import Thresholds
from bot.answering.facts import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    MAX_PHRASING_CHARS,
    FactBase,
    FactsError,
    loads,
    normalise_phrasing,
)
from bot.curation.guard import (
    CONFIRM_HINT,
    Inventory,
    Stamp,
    StillChanging,
    loss,
    read_last_good,
    read_settled,
    stamp,
)
from bot.language.text import detect_language

logger = logging.getLogger(__name__)

MAX_SUGGESTIONS = 3
SUGGESTION_MIN_SCORE = 70.0
"""How alike (WRatio, 0-100) a fact id must be to a mistyped one to be suggested."""
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break."""
_BLANK = " \t\r\n\x85\u2028\u2029"


@dataclass(frozen=True, slots=True)
class TeachResult:
    """What teaching did: `ok` with the new fact base, or a refusal and why."""

    ok: bool
    reason: str
    """A sentence for the curator: what was added where, or what is wrong and what to do."""
    fact_id: str
    language: str
    line: int = 0
    """The line of facts.yaml the phrasing now stands on (0 when refused)."""
    new_base: FactBase | None = None
    """The reloaded fact base, for the bot to swap in (None when refused)."""


class _Refused(Exception):
    """Teaching stops here; the message is the reason shown to the curator."""


DECLINE = "decline"
"""What a `TeachResult` names as its `fact_id` when a question was added to `decline:`."""
DECISION = "decision"
"""The facts file's block of answer-decision thresholds."""


def add_decline(
    path: Path,
    question: str,
    *,
    language: str | None = None,
    expected: Inventory | None = None,
    settle: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> TeachResult:
    """Add `question` to the `decline:` examples of the facts file at `path`: a question
    near the facts that the article does not answer. As `add_phrasing`, with its checks;
    a file without a `decline:` section gets one at its end."""
    return add_phrasing(
        path, DECLINE, question, language=language, expected=expected, settle=settle, sleep=sleep
    )


def add_phrasing(
    path: Path,
    fact_id: str,
    question: str,
    *,
    language: str | None = None,
    expected: Inventory | None = None,
    settle: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> TeachResult:
    """Add `question` as a phrasing of fact `fact_id` in the facts file at `path`.

    `language` defaults to the question's script (Cyrillic: ru, else en). Nothing is
    written unless the edited file validates, kept still for `settle` seconds (default
    `bot.curation.guard.SETTLE_SECONDS`), and holds as many facts and small-talk entries as
    `expected` (the running bot's base; by default the last good version recorded beside
    the file). A refusal is a value, not an exception.
    """
    shown = str(path)
    language = language or detect_language(question) or DEFAULT_LANGUAGE
    try:
        question = _clean_question(question)
        if language not in LANGUAGES:
            raise _Refused(
                f'language "{language}" is not supported; use one of: {", ".join(LANGUAGES)}'
            )
        target = Path(os.path.realpath(path))  # edit a symlink's target, keep the link
        with _locked(target, shown):
            text, read_at = _read(target, shown, settle, sleep)
            whole = expected if expected is not None else _last_good(target)
            _check_whole(_validated(text, shown), shown, whole)
            new_text = _insert(text, shown, fact_id, question, language)
            base, line = _reload(new_text, shown, fact_id, question, language)
            _replace(target, shown, new_text, read_at)
    except _Refused as exc:
        logger.info("teach refused: %r -> %s: %s", question, fact_id, exc)
        return TeachResult(False, str(exc), fact_id, language)
    logger.info("taught %r -> %s (%s) at %s:%d", question, fact_id, language, shown, line)
    where = "the decline examples" if fact_id == DECLINE else fact_id
    reason = f'added "{question}" to {where} ({language}) at {shown}:{line}'
    return TeachResult(True, reason, fact_id, language, line, base)


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
        with _locked(target, shown):
            text, read_at = _read(target, shown, settle, sleep)
            _validated(text, shown)
            new_text = _with_decision(text, thresholds, note)
            try:
                base = loads(new_text, shown)
            except FactsError as exc:  # a guard: the block is written from valid numbers
                raise _Refused(f"the decision block would not validate:\n{exc}") from None
            if base.thresholds != thresholds:
                raise _Refused(f"the decision block would not read back unchanged from {shown}")
            _replace(target, shown, new_text, read_at)
    except _Refused as exc:
        return TeachResult(False, str(exc), DECISION, "")
    return TeachResult(True, f"wrote the decision thresholds to {shown}", DECISION, "", 0, base)


def _replace(target: Path, shown: str, new_text: str, read_at: Stamp) -> None:
    """Write `new_text` over the file read at `read_at`, or refuse saying why."""
    try:
        _write_atomically(target, new_text.encode("utf-8"), unchanged_since=read_at)
    except StillChanging:
        raise _Refused(_still_changing(shown)) from None
    except OSError as exc:
        raise _Refused(
            f"cannot write {shown}: {exc.strerror or exc}; nothing was changed"
        ) from None


def _with_decision(text: str, thresholds: Thresholds, note: str) -> str:
    """The file's text with its `decision:` block replaced by (or added as) `thresholds`."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, MappingNode)
    newline = _newline(text)
    lines = [f"# {note}"] if note else []
    lines.append(f"{DECISION}:")
    lines += [f"  {name}: {getattr(thresholds, name)}" for name in Thresholds.names()]
    block = newline.join(lines)
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == DECISION:
            start = text.rfind(newline, 0, key.start_mark.index) + len(newline)
            if note and text[:start].rstrip(_BLANK).rsplit(newline, 1)[-1].startswith("# "):
                start = text.rfind(newline, 0, start - len(newline)) + len(newline)  # old note
            return text[:start] + block + text[_content_end(text, value) :]
        if isinstance(key, ScalarNode) and key.value == DECLINE:
            start = key.start_mark.index
            comments = text[:start].rstrip(_BLANK)
            # Keep the decline section's own comment above it: insert before that comment.
            while comments.rsplit(newline, 1)[-1].startswith("#"):
                comments = (
                    comments.rsplit(newline, 1)[0].rstrip(_BLANK) if newline in comments else ""
                )
            at = len(comments) + len(newline) if comments else 0
            return text[:at] + newline + block + newline + text[at:]
    end = len(text.rstrip(_BLANK))
    return text[:end] + newline + newline + block + newline


def _clean_question(question: str) -> str:
    """One line, spaces collapsed: the form a phrasing is stored in."""
    stripped = question.strip()
    if len(stripped.splitlines()) > 1:
        raise _Refused("the question spans several lines; teach one line at a time")
    cleaned = " ".join(stripped.split())
    if not cleaned:
        raise _Refused("the question is empty; write it as a reader would ask it")
    if len(cleaned) > MAX_PHRASING_CHARS:
        raise _Refused(
            f"the question is {len(cleaned)} characters long; a phrasing may have at most "
            f"{MAX_PHRASING_CHARS}, so shorten it to the words that ask"
        )
    if not normalise_phrasing(cleaned):
        raise _Refused(f'"{cleaned}" has no words; teach a question with words in it')
    return cleaned


@contextlib.contextmanager
def _locked(path: Path, shown: str) -> Iterator[None]:
    """Hold `<path>.lock` exclusively: a lock on facts.yaml itself would stay with the
    old inode once the file is replaced, and let the next teacher read stale text."""
    lock_path = path.with_name(path.name + ".lock")
    try:
        lock = open(lock_path, "a")  # noqa: SIM115 - closed below, after the lock is released
    except FileNotFoundError:
        raise _Refused(
            f"{shown}: file not found; pass --facts PATH or set ARTICLE_BOT_FACTS"
        ) from None
    except OSError as exc:
        raise _Refused(
            f"cannot lock {lock_path}: {exc.strerror}; teaching needs write access to the "
            f"folder of {shown}"
        ) from None
    with lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        yield


def _read(
    path: Path, shown: str, settle: float | None, sleep: Callable[[float], None]
) -> tuple[str, Stamp]:
    """The file's exact text (bytes decoded as they are, no newline translation) and its
    stamp, once it has kept still: an editor may be saving it."""
    try:
        data, read_at = read_settled(path, settle=settle, sleep=sleep)
        return data.decode("utf-8"), read_at
    except StillChanging:
        raise _Refused(_still_changing(shown)) from None
    except FileNotFoundError:
        raise _Refused(
            f"{shown}: file not found; pass --facts PATH or set ARTICLE_BOT_FACTS"
        ) from None
    except OSError as exc:
        raise _Refused(f"cannot read {shown}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise _Refused(f"{shown} is not UTF-8 text ({exc.reason}); save it as UTF-8") from None


def _still_changing(shown: str) -> str:
    return (
        f"{shown} is still changing (an editor may be saving it), so nothing was changed; "
        "wait until it is saved and teach again"
    )


def _validated(text: str, shown: str) -> FactBase:
    """The fact base the file holds now; teaching never builds on a broken one."""
    try:
        return loads(text, shown)
    except FactsError as exc:
        raise _Refused(
            f"{shown} does not validate, so nothing was changed; fix it first "
            f"(article-bot check):\n{exc}"
        ) from None


def _last_good(path: Path) -> Inventory | None:
    record = read_last_good(path)
    return None if record is None else record.inventory


def _check_whole(base: FactBase, shown: str, expected: Inventory | None) -> None:
    """Refuse a file with fewer entries than `expected`: likely cut short mid-save."""
    lost = None if expected is None else loss(expected, Inventory.of(base))
    if lost is not None:
        raise _Refused(
            f"{lost.describe(shown)}, so it may be half-saved and nothing was changed; wait "
            f"until it is saved and teach again, or if the entries were removed on purpose, "
            f"first {CONFIRM_HINT}"
        )


def _insert(text: str, shown: str, fact_id: str, question: str, language: str) -> str:
    """The file's text, valid, with `question` added to the fact's `language` list."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # it loaded, so it composes
    assert isinstance(root, MappingNode)
    newline = _newline(text)
    _check_new(root, fact_id, question)
    if fact_id == DECLINE:
        ask = _value(root, DECLINE)
        if ask is None:  # no section yet: start one at the end of the file
            end = len(text.rstrip(_BLANK))
            block = f"{DECLINE}:{newline}  {language}:{newline}    - {_scalar(question)}"
            return text[:end] + newline + block + newline
    else:
        facts = _entries(root, "facts")
        if fact_id not in facts:
            raise _Refused(_unknown_fact(fact_id, facts, _entries(root, "smalltalk"), shown))
        ask = _value(facts[fact_id], "ask")
    if isinstance(ask, SequenceNode):
        if language != DEFAULT_LANGUAGE:
            raise _Refused(
                f"fact {fact_id} lists its phrasings as a bare list, which means English; "
                f"to teach a {language} one, key them by language first: "
                f"ask: {{en: [...], {language}: [...]}}"
            )
        at, insertion = _append_item(text, ask, question, newline)
    elif isinstance(ask, MappingNode):
        phrasings = _value(ask, language)
        if isinstance(phrasings, SequenceNode):
            at, insertion = _append_item(text, phrasings, question, newline)
        else:  # validated, so the language is missing rather than malformed
            at, insertion = _append_key(text, ask, language, question, newline)
    else:  # unreachable for a file that validated
        raise _Refused(f"fact {fact_id}: ask must be a list or a mapping by language")
    return text[:at] + insertion + text[at:]


def _reload(
    text: str, shown: str, fact_id: str, question: str, language: str
) -> tuple[FactBase, int]:
    """Validate the edited text, check the question reads back unchanged, find its line."""
    try:
        base = loads(text, shown)
    except FactsError as exc:
        raise _Refused(
            f'adding "{question}" would make {shown} invalid, so nothing was changed:\n{exc}'
        ) from None
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, MappingNode)
    if fact_id == DECLINE:
        stored = base.decline.get(language, ())
        ask = _value(root, DECLINE)
    else:
        stored = base.by_id[fact_id].phrasings.get(language, ())
        ask = _value(_entries(root, "facts")[fact_id], "ask")
    items = ask if isinstance(ask, SequenceNode) else _value(ask, language)
    if stored[-1:] != (question,) or not isinstance(items, SequenceNode):
        raise _Refused(
            f'"{question}" would not read back unchanged from {shown}; add it by hand'
        )  # a guard: the emitter's quoting should make this impossible
    return base, items.value[-1].start_mark.line + 1


# --- finding things in the node tree ---------------------------------------------------
def _value(mapping: Node | None, key: str) -> Node | None:
    """The value under `key` in a mapping node, or None."""
    if isinstance(mapping, MappingNode):
        for key_node, value_node in mapping.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return value_node
    return None


def _entries(root: MappingNode, section: str) -> dict[str, MappingNode]:
    """The entries of `facts:` or `smalltalk:` by id."""
    entries = _value(root, section)
    out: dict[str, MappingNode] = {}
    for item in entries.value if isinstance(entries, SequenceNode) else ():
        id_node = _value(item, "id")
        if isinstance(item, MappingNode) and isinstance(id_node, ScalarNode):
            out[str(id_node.value).strip()] = item
    return out


def _phrasing_nodes(ask: Node | None) -> Iterator[ScalarNode]:
    """Every phrasing under an `ask`, bare list or keyed by language."""
    lists = [v for _, v in ask.value] if isinstance(ask, MappingNode) else [ask]
    for phrasings in lists:
        if isinstance(phrasings, SequenceNode):
            yield from (item for item in phrasings.value if isinstance(item, ScalarNode))


def _check_new(root: MappingNode, fact_id: str, question: str) -> None:
    """Refuse a question that some entry (this fact included) already asks."""
    key = normalise_phrasing(question)
    for node in _phrasing_nodes(_value(root, DECLINE)):
        if normalise_phrasing(str(node.value)) == key:
            where = f'line {node.start_mark.line + 1}: "{node.value}"'
            if fact_id == DECLINE:
                raise _Refused(
                    f'"{question}" is already a decline example ({where}); nothing to add'
                )
            raise _Refused(
                f'"{question}" is a decline example ({where}): the bot must not answer it, '
                "so remove it from decline: first if the article does answer it"
            )
    for section, kind in (("facts", "fact"), ("smalltalk", "smalltalk")):
        for entry_id, entry in _entries(root, section).items():
            for node in _phrasing_nodes(_value(entry, "ask")):
                if normalise_phrasing(str(node.value)) != key:
                    continue
                where = f'line {node.start_mark.line + 1}: "{node.value}"'
                if fact_id == DECLINE:
                    raise _Refused(
                        f'"{question}" is a phrasing of {kind} {entry_id} ({where}), so the '
                        "bot answers it; remove it there first if the article does not"
                    )
                if section == "facts" and entry_id == fact_id:
                    raise _Refused(
                        f'"{question}" is already a phrasing of fact {fact_id} ({where}); '
                        "nothing to add"
                    )
                raise _Refused(
                    f'"{question}" clashes with {kind} {entry_id} ({where}): a question may '
                    "belong to one entry only, so teach another wording or move that one"
                )


def _unknown_fact(
    fact_id: str, facts: dict[str, MappingNode], smalltalk: dict[str, MappingNode], shown: str
) -> str:
    if fact_id in smalltalk:
        return (
            f"{fact_id} is small talk, not a fact; teach covers facts only, so add the "
            f"phrasing under smalltalk in {shown} by hand"
        )
    close = process.extract(
        fact_id,
        list(facts),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=MAX_SUGGESTIONS,
        score_cutoff=SUGGESTION_MIN_SCORE,
    )
    if not close:
        return f'no fact "{fact_id}" in {shown}; the ids stand after "- id:" under facts:'
    names = [f'"{name}"' for name, _, _ in close]
    options = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f'no fact "{fact_id}" in {shown}; did you mean {options}?'


# --- text surgery ------------------------------------------------------------------------
def _newline(text: str) -> str:
    """The file's line ending, judged by its first line break."""
    found = _LINE_BREAK.search(text)
    return found.group() if found else "\n"


def _content_end(text: str, node: Node) -> int:
    """Where the last character of `node`'s own text stands, plus one.

    A block collection's end mark lies at the next token, past any comments that follow,
    so the walk goes down to its last scalar (or flow collection) instead.
    """
    while isinstance(node, (SequenceNode, MappingNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    end = node.end_mark.index
    while end > 0 and text[end - 1] in _BLANK:  # block scalars end past their line breaks
        end -= 1
    return end


def _after_line(text: str, index: int, newline: str, insertion: str) -> tuple[int, str]:
    """Put whole lines of `insertion` after the line that holds `index`.

    At the end of a file without a final line break, the break goes before the insertion,
    so the file still ends without one.
    """
    found = _LINE_BREAK.search(text, index)
    if found is None:
        return len(text), newline + insertion
    return found.end(), insertion + newline


def _dash(text: str, sequence: SequenceNode) -> str:
    """How the sequence's items begin: the dash and the spaces after it, e.g. "- "."""
    item = sequence.value[-1].start_mark
    dash = sequence.start_mark.column
    line = text[item.index - item.column : item.index]
    gap = line[dash + 1 :]
    return "-" + gap if line[dash : dash + 1] == "-" and gap and not gap.strip() else "- "


def _append_item(text: str, sequence: SequenceNode, question: str, newline: str) -> tuple[int, str]:
    """Where and what to insert to add `question` at the end of a sequence."""
    end = _content_end(text, sequence.value[-1])
    if sequence.flow_style:
        return end, ", " + _scalar(question, flow=True)
    indent = " " * sequence.start_mark.column
    return _after_line(text, end, newline, indent + _dash(text, sequence) + _scalar(question))


def _append_key(
    text: str, ask: MappingNode, language: str, question: str, newline: str
) -> tuple[int, str]:
    """Where and what to insert to add a `language:` list holding `question` to `ask`,
    written like the lists beside it (flow or block, same indentation)."""
    last_key, last_value = ask.value[-1]
    end = _content_end(text, last_value)
    if ask.flow_style:
        return end, f", {language}: [{_scalar(question, flow=True)}]"
    indent = " " * last_key.start_mark.column
    sibling = next((v for _, v in ask.value if isinstance(v, SequenceNode)), None)
    if sibling is not None and sibling.flow_style:
        line = f"{indent}{language}: [{_scalar(question, flow=True)}]"
    elif sibling is not None:
        item_indent = " " * sibling.start_mark.column
        line = f"{indent}{language}:{newline}{item_indent}{_dash(text, sibling)}{_scalar(question)}"
    else:
        line = f"{indent}{language}:{newline}{indent}  - {_scalar(question)}"
    return _after_line(text, end, newline, line)


def _scalar(question: str, *, flow: bool = False) -> str:
    """`question` as YAML's own emitter writes a list item: plain when that reads back
    as the same text, else quoted. Flow lists need quotes more often (",", "?", "[")."""
    dumped = yaml.safe_dump(
        [question], default_flow_style=flow, allow_unicode=True, width=10**6
    ).rstrip("\n")
    return dumped[1:-1] if flow else dumped.removeprefix("- ")


def _write_atomically(path: Path, data: bytes, *, unchanged_since: Stamp) -> None:
    """Replace `path` with `data` so that readers see the old file or the new, never half.

    The temporary file sits in the same folder (a rename across filesystems is a copy),
    gets the original's permissions, and reaches the disk before the rename does. Raises
    `StillChanging` instead of renaming when `path` no longer has the stamp it was read
    with: an editor began saving it, and the rename would throw that save away.
    """
    mode = stat.S_IMODE(path.stat().st_mode)
    tmp = tempfile.NamedTemporaryFile(  # noqa: SIM115 - the rename must follow the close
        "wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with tmp:
            tmp.write(data)
            tmp.flush()
            os.fchmod(tmp.fileno(), mode)
            os.fsync(tmp.fileno())
        if stamp(path) != unchanged_since:
            raise StillChanging(path)
        os.replace(tmp.name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp.name)
        raise
    # Make the rename itself durable; some filesystems cannot fsync a folder.
    with contextlib.suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
