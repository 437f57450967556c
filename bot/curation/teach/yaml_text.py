"""Text surgery on facts.yaml: where a new list item or key goes and how it is written.

The file is edited as text, never re-dumped: the YAML nodes' marks say where the fact's
list of phrasings ends, one line (or, in a flow list `[a, b]`, one item) goes in there,
and every other byte stays as the curators wrote it: comments, order, quoting, line
endings.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break."""
BLANK = " \t\r\n\x85\u2028\u2029"


def newline_of(text: str) -> str:
    """The file's line ending, judged by its first line break."""
    found = LINE_BREAK.search(text)
    return found.group() if found else "\n"


def content_end(text: str, node: Node) -> int:
    """Where the last character of `node`'s own text stands, plus one.

    A block collection's end mark lies at the next token, past any comments that follow,
    so the walk goes down to its last scalar (or flow collection) instead.
    """
    while isinstance(node, (SequenceNode, MappingNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    end = node.end_mark.index
    while end > 0 and text[end - 1] in BLANK:  # block scalars end past their line breaks
        end -= 1
    return end


def after_line(text: str, index: int, newline: str, insertion: str) -> tuple[int, str]:
    """Put whole lines of `insertion` after the line that holds `index`.

    At the end of a file without a final line break, the break goes before the insertion,
    so the file still ends without one.
    """
    found = LINE_BREAK.search(text, index)
    if found is None:
        return len(text), newline + insertion
    return found.end(), insertion + newline


def dash(text: str, sequence: SequenceNode) -> str:
    """How the sequence's items begin: the dash and the spaces after it, e.g. "- "."""
    item = sequence.value[-1].start_mark
    dash = sequence.start_mark.column
    line = text[item.index - item.column : item.index]
    gap = line[dash + 1 :]
    return "-" + gap if line[dash : dash + 1] == "-" and gap and not gap.strip() else "- "


def append_item(text: str, sequence: SequenceNode, question: str, newline: str) -> tuple[int, str]:
    """Where and what to insert to add `question` at the end of a sequence."""
    end = content_end(text, sequence.value[-1])
    if sequence.flow_style:
        return end, ", " + scalar(question, flow=True)
    indent = " " * sequence.start_mark.column
    return after_line(text, end, newline, indent + dash(text, sequence) + scalar(question))


def append_key(
    text: str, ask: MappingNode, language: str, question: str, newline: str
) -> tuple[int, str]:
    """Where and what to insert to add a `language:` list holding `question` to `ask`,
    written like the lists beside it (flow or block, same indentation)."""
    last_key, last_value = ask.value[-1]
    end = content_end(text, last_value)
    if ask.flow_style:
        return end, f", {language}: [{scalar(question, flow=True)}]"
    indent = " " * last_key.start_mark.column
    sibling = next((v for _, v in ask.value if isinstance(v, SequenceNode)), None)
    if sibling is not None and sibling.flow_style:
        line = f"{indent}{language}: [{scalar(question, flow=True)}]"
    elif sibling is not None:
        item_indent = " " * sibling.start_mark.column
        line = f"{indent}{language}:{newline}{item_indent}{dash(text, sibling)}{scalar(question)}"
    else:
        line = f"{indent}{language}:{newline}{indent}  - {scalar(question)}"
    return after_line(text, end, newline, line)


def scalar(question: str, *, flow: bool = False) -> str:
    """`question` as YAML's own emitter writes a list item: plain when that reads back
    as the same text, else quoted. Flow lists need quotes more often (",", "?", "[")."""
    dumped = yaml.safe_dump(
        [question], default_flow_style=flow, allow_unicode=True, width=10**6
    ).rstrip("\n")
    return dumped[1:-1] if flow else dumped.removeprefix("- ")
