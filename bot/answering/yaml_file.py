"""Reading facts.yaml's text into YAML nodes, which keep their line numbers, and turning
a YAML error into a `Problem` at the line that is wrong, saying what to do; and
`NodeReader`, which reads typed values from nodes and collects a problem, at its line,
for each one that is not what it should be."""

from __future__ import annotations

import unicodedata

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.answering.model import WHITESPACE, FactsError, Problem

# libyaml's parser when installed (several times faster on large bases), same node marks.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose_yaml(data: bytes | str, path: str) -> Node | None:
    """The YAML node tree of a file's bytes or text (nodes keep their lines), or
    `FactsError` with the one problem that stops it being read, at its line: a byte that
    is not UTF-8, a character YAML does not allow, a syntax error."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise FactsError(
                [Problem(path, line, f"not UTF-8 text ({exc.reason}); save it as UTF-8")]
            ) from None
    else:
        text = data
    try:
        return yaml.compose(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise FactsError([yaml_problem(exc, text, path)]) from None


_INDENTATION = (
    "check this line's indentation: it must line up with the other keys of its mapping or "
    "items of its list"
)
_HINTS = (
    # libyaml's words, then PyYAML's, for a line indented more or less than its neighbours
    ("did not find expected key", _INDENTATION),
    ("did not find expected '-' indicator", _INDENTATION),
    ("expected <block end>", _INDENTATION),
    # "key: value" indented under a text, or a text holding ": " unquoted
    (
        "mapping values are not allowed",
        "check this line's indentation, or quote a text that holds ': '",
    ),
    ("tab character", "indent with spaces: YAML does not allow tabs there"),
    ("found character '\\t'", "indent with spaces: YAML does not allow tabs there"),
)


def yaml_problem(exc: yaml.YAMLError, text: str, path: str) -> Problem:
    """A YAML error as a problem at the line that is wrong, saying what to do: check an
    indentation, delete a character YAML does not allow."""
    if isinstance(exc, yaml.reader.ReaderError):
        # Its position counts characters (PyYAML) or bytes (libyaml): find the character.
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        at = text.find(chr(code))
        line = text.count("\n", 0, at) + 1 if at >= 0 else 0
        if code == 0:
            what = "a NUL byte (U+0000)"
        elif unicodedata.category(chr(code)) == "Cc":
            what = f"control character U+{code:04X}"
        else:
            what = f"character U+{code:04X}"
        return Problem(path, line, f"YAML syntax error: {what} is not allowed in YAML; delete it")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem and exc.problem.startswith("but "):
            problem = f"{exc.context}, {exc.problem}"  # "expected …, but found …"
        hint = next((h for words, h in _HINTS if words in problem), None)
        return Problem(path, line, f"YAML syntax error: {problem}" + (f"; {hint}" if hint else ""))
    return Problem(path, 0, f"YAML error: {' '.join(str(exc).split())}")


def line_of(node: Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1


class NodeReader:
    """Reads mappings, texts, lists and flags from YAML nodes, collecting every problem
    (file, line, what to do) instead of stopping at the first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, node: Node | int, message: str) -> None:
        line = node if isinstance(node, int) else line_of(node)
        self.problems.append(Problem(self.path, line, message))

    def mapping(
        self, node: Node, where: str, *, required: set[str], optional: set[str]
    ) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.error(node, f"{where} must be a mapping of keys to values")
            return None
        out: dict[str, Node] = {}
        allowed = required | optional
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key is None:
                self.error(key_node, f"{where}: keys must be plain words")
                continue
            if key in out:
                self.error(key_node, f'{where}: key "{key}" appears twice; keep one')
                continue
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.error(key_node, f'{where}: unknown key "{key}" (allowed: {known})')
                continue
            out[key] = value_node
        for key in sorted(required - out.keys()):
            self.error(node, f'{where}: missing key "{key}"')
        return out

    def string(self, node: Node | None, where: str, *, allow_empty: bool = False) -> str | None:
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            self.error(node, f"{where} must be text")
            return None
        value = (
            WHITESPACE.sub(" ", str(node.value)).strip()
            if node.style in (">", "", None)
            else node.value
        )
        value = str(value).strip()
        if not value and not allow_empty:
            self.error(node, f"{where} is empty; write the text or remove the entry")
            return None
        if (
            node.style in ("", None)
            and node.end_mark.line > node.start_mark.line
            and " - " in value
        ):
            # An unquoted text that runs on over lines holding "- item": list items that
            # landed under the wrong key, which YAML silently folds into the text.
            self.error(
                node,
                f"{where} runs on to line {node.end_mark.line + 1} with a line starting '- ': "
                "indent list items under their list (e.g. ask.en), or quote the text",
            )
            return None
        return value

    def strings(self, node: Node, where: str) -> list[tuple[str, int]]:
        """A list of non-empty strings, each with its line."""
        items = node.value if isinstance(node, SequenceNode) else None
        if items is None:
            self.error(node, f"{where} must be a list")
            return []
        out: list[tuple[str, int]] = []
        for item in items:
            value = self.string(item, f"{where} item")
            if value is not None:
                out.append((value, line_of(item)))
        if not items:
            self.error(node, f"{where} is an empty list; add at least one entry")
        return out

    def flag(self, node: Node, where: str) -> bool:
        """`true` or `false`."""
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return str(node.value).lower() in ("true", "yes", "on")
        self.error(node, f"{where} must be true or false (delete it once the entry is reviewed)")
        return False
