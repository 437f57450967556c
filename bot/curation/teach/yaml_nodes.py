"""Finding things in facts.yaml's YAML node tree: an entry by id, its phrasings with
their lines, and whether a question is already taken."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz, process, utils
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.answering.facts import DECLINE_KEY, normalise_phrasing
from bot.curation.teach.result import Refused

MAX_ID_SUGGESTIONS = 3
SUGGESTION_MIN_SCORE = 70.0
"""How alike (WRatio, 0-100) a fact id must be to a mistyped one to be suggested."""


def value_of(mapping: Node | None, key: str) -> Node | None:
    """The value under `key` in a mapping node, or None."""
    if isinstance(mapping, MappingNode):
        for key_node, value_node in mapping.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return value_node
    return None


def entries_of(root: MappingNode, section: str) -> dict[str, MappingNode]:
    """The entries of `facts:` or `smalltalk:` by id."""
    entries = value_of(root, section)
    out: dict[str, MappingNode] = {}
    for item in entries.value if isinstance(entries, SequenceNode) else ():
        id_node = value_of(item, "id")
        if isinstance(item, MappingNode) and isinstance(id_node, ScalarNode):
            out[str(id_node.value).strip()] = item
    return out


def phrasing_nodes(ask: Node | None) -> Iterator[ScalarNode]:
    """Every phrasing under an `ask`, bare list or keyed by language."""
    lists = [v for _, v in ask.value] if isinstance(ask, MappingNode) else [ask]
    for phrasings in lists:
        if isinstance(phrasings, SequenceNode):
            yield from (item for item in phrasings.value if isinstance(item, ScalarNode))


def check_new(root: MappingNode, fact_id: str, question: str) -> None:
    """Refuse a question that some entry (this fact included) already asks."""
    key = normalise_phrasing(question)
    for node in phrasing_nodes(value_of(root, DECLINE_KEY)):
        if normalise_phrasing(str(node.value)) == key:
            where = f'line {node.start_mark.line + 1}: "{node.value}"'
            if fact_id == DECLINE_KEY:
                raise Refused(
                    f'"{question}" is already a decline example ({where}); nothing to add'
                )
            raise Refused(
                f'"{question}" is a decline example ({where}): the bot must not answer it, '
                "so remove it from decline: first if the article does answer it"
            )
    for section, kind in (("facts", "fact"), ("smalltalk", "smalltalk")):
        for entry_id, entry in entries_of(root, section).items():
            for node in phrasing_nodes(value_of(entry, "ask")):
                if normalise_phrasing(str(node.value)) != key:
                    continue
                where = f'line {node.start_mark.line + 1}: "{node.value}"'
                if fact_id == DECLINE_KEY:
                    raise Refused(
                        f'"{question}" is a phrasing of {kind} {entry_id} ({where}), so the '
                        "bot answers it; remove it there first if the article does not"
                    )
                if section == "facts" and entry_id == fact_id:
                    raise Refused(
                        f'"{question}" is already a phrasing of fact {fact_id} ({where}); '
                        "nothing to add"
                    )
                raise Refused(
                    f'"{question}" clashes with {kind} {entry_id} ({where}): a question may '
                    "belong to one entry only, so teach another wording or move that one"
                )


def unknown_fact(
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
        limit=MAX_ID_SUGGESTIONS,
        score_cutoff=SUGGESTION_MIN_SCORE,
    )
    if not close:
        return f'no fact "{fact_id}" in {shown}; the ids stand after "- id:" under facts:'
    names = [f'"{name}"' for name, _, _ in close]
    options = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f'no fact "{fact_id}" in {shown}; did you mean {options}?'
