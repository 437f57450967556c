"""Adding a phrasing to a fact, or a question to `decline:`, with every check.

>>> result = add_phrasing(Path("facts.yaml"), "soyuz", "is soyuz still flying?")  # doctest: +SKIP
>>> result.reason  # doctest: +SKIP
'added "is soyuz still flying?" to soyuz (en) at facts.yaml:838'
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, SequenceNode

from bot.answering.facts import (
    DECLINE_KEY,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    MAX_PHRASING_CHARS,
    FactBase,
    FactsError,
    loads,
    normalise_phrasing,
)
from bot.curation.guard import CONFIRM_HINT, Inventory, loss, read_last_good
from bot.curation.teach.files import locked, read_settled_text, replace_file, validated
from bot.curation.teach.result import Refused, TeachResult
from bot.curation.teach.yaml_nodes import check_new, entries_of, unknown_fact, value_of
from bot.curation.teach.yaml_text import BLANK, append_item, append_key, newline_of, scalar
from bot.language.text import detect_language

logger = logging.getLogger(__name__)


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
        path,
        DECLINE_KEY,
        question,
        language=language,
        expected=expected,
        settle=settle,
        sleep=sleep,
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
            raise Refused(
                f'language "{language}" is not supported; use one of: {", ".join(LANGUAGES)}'
            )
        target = Path(os.path.realpath(path))  # edit a symlink's target, keep the link
        with locked(target, shown):
            text, read_at = read_settled_text(target, shown, settle, sleep)
            whole = expected if expected is not None else _last_good(target)
            _check_whole(validated(text, shown), shown, whole)
            new_text = _insert(text, shown, fact_id, question, language)
            base, line = _reload(new_text, shown, fact_id, question, language)
            replace_file(target, shown, new_text, read_at)
    except Refused as exc:
        logger.info("teach refused: %r -> %s: %s", question, fact_id, exc)
        return TeachResult(False, str(exc), fact_id, language)
    logger.info("taught %r -> %s (%s) at %s:%d", question, fact_id, language, shown, line)
    where = "the decline examples" if fact_id == DECLINE_KEY else fact_id
    reason = f'added "{question}" to {where} ({language}) at {shown}:{line}'
    return TeachResult(True, reason, fact_id, language, line, base)


def _clean_question(question: str) -> str:
    """One line, spaces collapsed: the form a phrasing is stored in."""
    stripped = question.strip()
    if len(stripped.splitlines()) > 1:
        raise Refused("the question spans several lines; teach one line at a time")
    cleaned = " ".join(stripped.split())
    if not cleaned:
        raise Refused("the question is empty; write it as a reader would ask it")
    if len(cleaned) > MAX_PHRASING_CHARS:
        raise Refused(
            f"the question is {len(cleaned)} characters long; a phrasing may have at most "
            f"{MAX_PHRASING_CHARS}, so shorten it to the words that ask"
        )
    if not normalise_phrasing(cleaned):
        raise Refused(f'"{cleaned}" has no words; teach a question with words in it')
    return cleaned


def _last_good(path: Path) -> Inventory | None:
    record = read_last_good(path)
    return None if record is None else record.inventory


def _check_whole(base: FactBase, shown: str, expected: Inventory | None) -> None:
    """Refuse a file with fewer entries than `expected`: likely cut short mid-save."""
    lost = None if expected is None else loss(expected, Inventory.of(base))
    if lost is not None:
        raise Refused(
            f"{lost.describe(shown)}, so it may be half-saved and nothing was changed; wait "
            f"until it is saved and teach again, or if the entries were removed on purpose, "
            f"first {CONFIRM_HINT}"
        )


def _insert(text: str, shown: str, fact_id: str, question: str, language: str) -> str:
    """The file's text, valid, with `question` added to the fact's `language` list."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # it loaded, so it composes
    assert isinstance(root, MappingNode)
    newline = newline_of(text)
    check_new(root, fact_id, question)
    if fact_id == DECLINE_KEY:
        ask = value_of(root, DECLINE_KEY)
        if ask is None:  # no section yet: start one at the end of the file
            end = len(text.rstrip(BLANK))
            block = f"{DECLINE_KEY}:{newline}  {language}:{newline}    - {scalar(question)}"
            return text[:end] + newline + block + newline
    else:
        facts = entries_of(root, "facts")
        if fact_id not in facts:
            raise Refused(unknown_fact(fact_id, facts, entries_of(root, "smalltalk"), shown))
        ask = value_of(facts[fact_id], "ask")
    if isinstance(ask, SequenceNode):
        if language != DEFAULT_LANGUAGE:
            raise Refused(
                f"fact {fact_id} lists its phrasings as a bare list, which means English; "
                f"to teach a {language} one, key them by language first: "
                f"ask: {{en: [...], {language}: [...]}}"
            )
        at, insertion = append_item(text, ask, question, newline)
    elif isinstance(ask, MappingNode):
        phrasings = value_of(ask, language)
        if isinstance(phrasings, SequenceNode):
            at, insertion = append_item(text, phrasings, question, newline)
        else:  # validated, so the language is missing rather than malformed
            at, insertion = append_key(text, ask, language, question, newline)
    else:  # unreachable for a file that validated
        raise Refused(f"fact {fact_id}: ask must be a list or a mapping by language")
    return text[:at] + insertion + text[at:]


def _reload(
    text: str, shown: str, fact_id: str, question: str, language: str
) -> tuple[FactBase, int]:
    """Validate the edited text, check the question reads back unchanged, find its line."""
    try:
        base = loads(text, shown)
    except FactsError as exc:
        raise Refused(
            f'adding "{question}" would make {shown} invalid, so nothing was changed:\n{exc}'
        ) from None
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, MappingNode)
    if fact_id == DECLINE_KEY:
        stored = base.decline.get(language, ())
        ask = value_of(root, DECLINE_KEY)
    else:
        stored = base.by_id[fact_id].phrasings.get(language, ())
        ask = value_of(entries_of(root, "facts")[fact_id], "ask")
    items = ask if isinstance(ask, SequenceNode) else value_of(ask, language)
    if stored[-1:] != (question,) or not isinstance(items, SequenceNode):
        raise Refused(
            f'"{question}" would not read back unchanged from {shown}; add it by hand'
        )  # a guard: the emitter's quoting should make this impossible
    return base, items.value[-1].start_mark.line + 1
