"""Load and validate facts.yaml into the frozen dataclasses of `bot.answering.model`.

This is the only module that reads facts.yaml. Every problem is reported with the file
and line it stands on, all problems at once, and loading never half-succeeds: either a
complete `FactBase` comes back or `FactsError` is raised. The model's names are
re-exported here, where callers have always imported them from.

It runs a little over 400 lines because the builder walks facts.yaml's schema in one
class, section by section in the file's order, which is how a curator reads its errors.
"""

from __future__ import annotations

import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.answering.decision import Thresholds
from bot.answering.model import (
    DEFAULT_LANGUAGE,
    MAX_ID_LENGTH,
    MAX_PHRASING_CHARS,
    MIN_PHRASINGS,
    NEAR_DUPLICATE_RATIO,
    SCHEMA_VERSION,
    Article,
    Citation,
    Fact,
    FactBase,
    FactsError,
    Location,
    Locator,
    Paragraph,
    Problem,
    SmallTalk,
    normalise_phrasing,
)
from bot.answering.yaml_file import NodeReader, compose_yaml, line_of, yaml_problem
from bot.language.text import tokenize
from bot.language.wordlists import LANGUAGES

__all__ = [
    "DECLINE_KEY",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "MAX_ID_LENGTH",
    "MAX_PHRASING_CHARS",
    "MIN_PHRASINGS",
    "NEAR_DUPLICATE_RATIO",
    "SCHEMA_VERSION",
    "Article",
    "Citation",
    "Fact",
    "FactBase",
    "FactsError",
    "Location",
    "Paragraph",
    "Problem",
    "SmallTalk",
    "compose_yaml",
    "load",
    "load_bytes",
    "loads",
    "normalise_phrasing",
    "yaml_problem",
]

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DECLINE_KEY = "decline"
"""The facts file's key of the `decline:` examples (also their entry among those whose
phrasings must be unique)."""


def load(path: str | Path) -> FactBase:
    """Read and validate a facts file; raise `FactsError` listing every problem."""
    path = Path(path)
    shown = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FactsError(
            [Problem(shown, 0, "file not found; pass --facts PATH or set ARTICLE_BOT_FACTS")]
        ) from None
    except OSError as exc:
        raise FactsError([Problem(shown, 0, f"cannot read: {exc.strerror}")]) from None
    return load_bytes(data, shown)


def load_bytes(data: bytes, path: str = "facts.yaml") -> FactBase:
    """Validate the bytes of a facts file; a non-UTF-8 byte is reported at its line."""
    return _build(compose_yaml(data, path), path)


def loads(text: str, path: str = "facts.yaml") -> FactBase:
    """Validate facts from YAML text; `path` is only used in messages."""
    return _build(compose_yaml(text, path), path)


def _build(root: Node | None, path: str) -> FactBase:
    builder = _Builder(path)
    base = builder.build(root)
    if builder.problems or base is None:
        raise FactsError(builder.problems)
    return base


class _Builder(NodeReader):
    """Walks facts.yaml's node tree and collects problems."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        # Every entry's phrasings with their lines, for the cross-entry uniqueness check.
        self.asks: dict[str, dict[str, list[tuple[str, int]]]] = {}
        self.locator: Locator | None = None
        self.locator_for: Article | None = None

    def per_language(self, node: Node, where: str) -> dict[str, Node] | None:
        """A mapping keyed by language code, with English required."""
        return self.mapping(node, where, required={DEFAULT_LANGUAGE}, optional=set(LANGUAGES))

    def texts(self, node: Node, where: str) -> dict[str, str]:
        """`{en: ..., ru: ...}`, or a bare string meaning English."""
        if isinstance(node, ScalarNode):
            value = self.string(node, where)
            return {DEFAULT_LANGUAGE: value} if value else {}
        langs = self.per_language(node, where) or {}
        out: dict[str, str] = {}
        for lang, value_node in langs.items():
            value = self.string(value_node, f"{where}.{lang}")
            if value:
                out[lang] = value
        return out

    def summary(self, node: Node) -> tuple[dict[str, str], bool]:
        """`{en: ..., ru: ...}` (or a bare string) and whether it is marked `draft: true`."""
        if not isinstance(node, MappingNode):
            return self.texts(node, "summary"), False
        fields = self.mapping(
            node, "summary", required={DEFAULT_LANGUAGE}, optional={*LANGUAGES, "draft"}
        )
        fields = fields or {}
        draft = self.flag(fields.pop("draft"), "summary draft") if "draft" in fields else False
        texts = {lang: self.string(value, f"summary.{lang}") for lang, value in fields.items()}
        return {lang: text for lang, text in texts.items() if text}, draft

    def phrasings(self, node: Node, where: str) -> dict[str, list[tuple[str, int]]]:
        """`{en: [...], ru: [...]}`, or a bare list meaning English."""
        if isinstance(node, SequenceNode):
            return {DEFAULT_LANGUAGE: self.strings(node, where)}
        langs = self.per_language(node, where) or {}
        return {lang: self.strings(value, f"{where}.{lang}") for lang, value in langs.items()}

    # --- the document -----------------------------------------------------------------
    def build(self, root: Node | None) -> FactBase | None:
        if root is None:
            self.error(0, "the file is empty; start from the example in README.md")
            return None
        top = self.mapping(
            root,
            "top level",
            required={"version", "article", "summary", "facts"},
            optional={"smalltalk", "synonyms", DECLINE_KEY, "decision"},
        )
        if top is None:
            return None
        if "version" in top:
            version = self.string(top["version"], "version")
            if version is not None and version != str(SCHEMA_VERSION):
                self.error(
                    top["version"], f"version {version} is not supported; use {SCHEMA_VERSION}"
                )
        article = self.article(top["article"]) if "article" in top else None
        summary, summary_draft = self.summary(top["summary"]) if "summary" in top else ({}, False)
        synonyms = self.synonyms(top["synonyms"]) if "synonyms" in top else ()
        facts = self.facts(top["facts"], article) if "facts" in top else ()
        smalltalk = self.smalltalk(top["smalltalk"]) if "smalltalk" in top else ()
        decline = self.phrasings(top[DECLINE_KEY], DECLINE_KEY) if DECLINE_KEY in top else {}
        self.asks[DECLINE_KEY] = decline
        thresholds = self.thresholds(top["decision"]) if "decision" in top else Thresholds()
        self.check_phrasings_unique()
        if article is None or self.problems:
            return None
        return FactBase(
            path=self.path,
            article=article,
            summary=summary,
            facts=tuple(f for f, _ in facts),
            smalltalk=tuple(s for s, _ in smalltalk),
            synonyms=synonyms,
            by_id={f.id: f for f, _ in facts},
            summary_draft=summary_draft,
            decline={lang: tuple(p for p, _ in v) for lang, v in decline.items() if v},
            decline_lines={p: line for v in decline.values() for p, line in v},
            thresholds=thresholds,
        )

    def thresholds(self, node: Node) -> Thresholds:
        """The `decision:` block: each threshold a number from 0 to 1."""
        fields = self.mapping(node, "decision", required=set(), optional=set(Thresholds.names()))
        values: dict[str, float] = {}
        for name, value_node in (fields or {}).items():
            try:
                value = float(value_node.value) if isinstance(value_node, ScalarNode) else None
            except ValueError:
                value = None
            if value is None or not 0.0 <= value <= 1.0:
                self.error(value_node, f"decision {name} must be a number from 0 to 1")
            else:
                values[name] = value
        return Thresholds(**values)

    def article(self, node: Node) -> Article | None:
        fields = self.mapping(
            node,
            "article",
            required={"title", "body"},
            optional={"section", "dateline", "standfirst", "byline", "source", "photo"},
        )
        if fields is None:
            return None

        def text(key: str) -> str:
            return self.string(fields.get(key), f"article.{key}") or ""

        caption = credit = ""
        if "photo" in fields:
            photo = self.mapping(
                fields["photo"], "article.photo", required={"caption"}, optional={"credit"}
            )
            if photo:
                caption = self.string(photo.get("caption"), "article.photo.caption") or ""
                credit = self.string(photo.get("credit"), "article.photo.credit") or ""
        body = self.body(fields["body"]) if "body" in fields else ()
        byline = text("byline")
        return Article(
            title=text("title"),
            section=text("section"),
            standfirst=text("standfirst"),
            byline=byline,
            source=text("source") or byline,
            photo_caption=caption,
            photo_credit=credit,
            body=body,
            dateline=text("dateline"),
        )

    def body(self, node: Node) -> tuple[Paragraph, ...]:
        if not isinstance(node, SequenceNode) or not node.value:
            self.error(node, "article.body must be a non-empty list of paragraphs")
            return ()
        out: list[Paragraph] = []
        number = 0
        for item in node.value:
            if isinstance(item, MappingNode):
                fields = self.mapping(
                    item, "article.body heading", required={"heading"}, optional=set()
                )
                heading = self.string((fields or {}).get("heading"), "article.body heading")
                if heading:
                    out.append(Paragraph(heading, heading=True))
                continue
            text = self.string(item, "article.body paragraph")
            if text:
                number += 1
                out.append(Paragraph(text, number=number))
        return tuple(out)

    def synonyms(self, node: Node) -> tuple[tuple[str, ...], ...]:
        if not isinstance(node, SequenceNode):
            self.error(node, "synonyms must be a list of lists of words")
            return ()
        groups: list[tuple[str, ...]] = []
        seen: dict[str, int] = {}
        for group_node in node.value:
            words = self.strings(group_node, "synonyms group")
            if len(words) == 1:
                self.error(group_node, "a synonyms group needs at least two words")
            group: list[str] = []
            for word, line in words:
                key = normalise_phrasing(word)
                if not key:
                    self.error(
                        line, f'synonym "{word}" has no word in it: write a word or delete it'
                    )
                    continue
                if key in seen:
                    self.error(
                        line,
                        f'synonym "{word}" is already listed (line {seen[key]}); words that differ '
                        "only in case, punctuation or ё/е count as one: keep one",
                    )
                    continue
                seen[key] = line
                # As a question's words are read ("russia's" is "russia"), or the phrase
                # could never be found in one.
                read = " ".join(tokenize(word)) or key
                if read not in group:  # "till" and "until" read alike
                    group.append(read)
            if len(group) > 1:
                groups.append(tuple(group))
        return tuple(groups)

    def facts(self, node: Node, article: Article | None) -> tuple[tuple[Fact, Node], ...]:
        if not isinstance(node, SequenceNode) or not node.value:
            self.error(node, "facts must be a non-empty list")
            return ()
        out: list[tuple[Fact, Node]] = []
        ids: dict[str, int] = {}
        for item in node.value:
            fields = self.mapping(
                item, "fact", required={"id", "cite", "answer", "ask"}, optional={"draft"}
            )
            if fields is None:
                continue
            fact_id = self.entry_id(fields.get("id"), ids, "fact")
            label = f'fact "{fact_id or "?"}"'
            draft = self.flag(fields["draft"], f"{label} draft") if "draft" in fields else False
            citations = self.citations(fields["cite"], label, article) if "cite" in fields else ()
            answers = self.texts(fields["answer"], f"{label} answer") if "answer" in fields else {}
            asks = self.phrasings(fields["ask"], f"{label} ask") if "ask" in fields else {}
            if fact_id:
                self.asks[fact_id] = asks
            if (
                fact_id
                and citations
                and answers.get(DEFAULT_LANGUAGE)
                and asks.get(DEFAULT_LANGUAGE)
            ):
                phrasings = {lang: tuple(p for p, _ in v) for lang, v in asks.items() if v}
                fact = Fact(fact_id, answers, phrasings, citations, line_of(item), draft)
                out.append((fact, item))
        return tuple(out)

    def entry_id(self, node: Node | None, ids: dict[str, int], kind: str) -> str | None:
        """A fact's or small-talk entry's id: well-formed, short enough for a button, unique."""
        entry_id = self.string(node, f"{kind} id")
        if entry_id is None or node is None:
            return None
        if not _ID_RE.match(entry_id) or len(entry_id) > MAX_ID_LENGTH:
            self.error(
                node,
                f'{kind} id "{entry_id}" must be lowercase words joined by dashes, at most '
                f'{MAX_ID_LENGTH} characters, e.g. "meeting-date"',
            )
            return None
        if entry_id in ids:
            self.error(
                node,
                f'duplicate {kind} id "{entry_id}" (first used on line {ids[entry_id]}); '
                "ids must be unique",
            )
            return None
        ids[entry_id] = line_of(node)
        return entry_id

    def citations(self, node: Node, label: str, article: Article | None) -> tuple[Citation, ...]:
        if article is not None and (self.locator is None or self.locator_for is not article):
            self.locator, self.locator_for = Locator(article), article
        quotes = (
            [(self.string(node, f"{label} cite"), line_of(node))]
            if isinstance(node, ScalarNode)
            else self.strings(node, f"{label} cite")
        )
        out: list[Citation] = []
        for quote, line in quotes:
            if not quote or article is None:
                continue
            assert self.locator is not None
            location = self.locator.locate(quote)
            if location is None:
                self.error(
                    line,
                    f"{label}: citation not found verbatim in the article; copy the sentence "
                    f'exactly from article.body (typos included): "{_shorten(quote)}"',
                )
                continue
            out.append(Citation(quote, location))
        return tuple(out)

    def smalltalk(self, node: Node) -> tuple[tuple[SmallTalk, Node], ...]:
        if not isinstance(node, SequenceNode):
            self.error(node, "smalltalk must be a list")
            return ()
        out: list[tuple[SmallTalk, Node]] = []
        ids: dict[str, int] = {}
        for item in node.value:
            fields = self.mapping(
                item, "smalltalk entry", required={"id", "ask", "answer"}, optional=set()
            )
            if fields is None:
                continue
            entry_id = self.entry_id(fields.get("id"), ids, "smalltalk")
            label = f'smalltalk "{entry_id or "?"}"'
            answers = self.texts(fields["answer"], f"{label} answer") if "answer" in fields else {}
            asks = self.phrasings(fields["ask"], f"{label} ask") if "ask" in fields else {}
            if entry_id:
                self.asks[f"smalltalk:{entry_id}"] = asks
            if entry_id and answers.get(DEFAULT_LANGUAGE) and asks.get(DEFAULT_LANGUAGE):
                phrasings = {lang: tuple(p for p, _ in v) for lang, v in asks.items() if v}
                out.append((SmallTalk(entry_id, answers, phrasings, line_of(item)), item))
        return tuple(out)

    def check_phrasings_unique(self) -> None:
        """The same question (case and punctuation aside) may belong to one entry only."""
        owner: dict[str, tuple[str, int]] = {}
        for entry, asks in self.asks.items():
            for phrasings in asks.values():
                for text, line in phrasings:
                    key = normalise_phrasing(text)
                    if not key:
                        self.error(line, f'{_entry_label(entry)}: phrasing "{text}" has no words')
                        continue
                    if key in owner and owner[key][0] != entry:
                        other, other_line = owner[key]
                        self.error(
                            line,
                            f'{_entry_label(entry)}: phrasing "{text}" is also under '
                            f"{_entry_label(other)} (line {other_line}); keep it under one",
                        )
                    elif key in owner:
                        self.error(
                            line, f'{_entry_label(entry)}: phrasing "{text}" is listed twice'
                        )
                    else:
                        owner[key] = (entry, line)


def _entry_label(entry: str) -> str:
    if entry == DECLINE_KEY:
        return "decline"
    if entry.startswith("smalltalk:"):
        return f'smalltalk "{entry.removeprefix("smalltalk:")}"'
    return f'fact "{entry}"'


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
