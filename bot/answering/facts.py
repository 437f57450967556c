"""Load and validate facts.yaml into frozen dataclasses.

This is the only module that reads YAML. Every problem is reported with the file and
line it stands on, all problems at once, and loading never half-succeeds: either a
complete `FactBase` comes back or `FactsError` is raised.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.answering.decision import Thresholds

LANGUAGES: tuple[str, ...] = ("en", "ru")
DEFAULT_LANGUAGE = "en"
SCHEMA_VERSION = 1
MIN_PHRASINGS = 5
"""A fact with fewer English phrasings than this is thin: `check` warns, `draft` writes more."""
NEAR_DUPLICATE_RATIO = 92.0
"""`fuzz.ratio` at or above which two phrasings of one fact say nearly the same thing."""
MAX_PHRASING_CHARS = 300
"""Longer text is a paragraph, not a way of asking: the most a taught phrasing may have."""
MAX_ID_LENGTH = 48
"""Ids travel in Telegram button data (64 bytes at most) behind a short prefix."""
# libyaml's parser when installed (several times faster on large bases), same node marks.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SPACE_RE = re.compile(r"\s+")
_PUNCT_RE = re.compile(r"[^\w\s]+")
_DECLINE = "decline"
"""The key of the `decline:` examples among the entries whose phrasings must be unique."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a facts file, at a line (1-based; 0 when unknown)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )


class FactsError(Exception):
    """A facts file is malformed; `problems` lists every mistake found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True, slots=True)
class Location:
    """Where a sentence stands in the article: section, title, standfirst, caption, a
    subheading or a paragraph."""

    part: str  # "section" | "title" | "standfirst" | "caption" | "heading" | "paragraph"
    paragraph: int | None = None

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        """A reader-facing name for the place, e.g. "paragraph 3" or "абзац 3"."""
        names = _LOCATION_NAMES.get(language, _LOCATION_NAMES[DEFAULT_LANGUAGE])
        if self.part == "paragraph":
            return f"{names['paragraph']} {self.paragraph}"
        return names[self.part]

    @property
    def is_label(self) -> bool:
        """Whether the place names the article or a part of it (section, headline,
        subheading) rather than saying something."""
        return self.part in ("section", "title", "heading")

    @property
    def json_value(self) -> int | str:
        """The paragraph number, or the part's name when the sentence is not in the body."""
        return self.paragraph if self.paragraph is not None else self.part


_LOCATION_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "section": "section label",
        "title": "headline",
        "standfirst": "standfirst",
        "caption": "photo caption",
        "heading": "subheading",
        "paragraph": "paragraph",
    },
    "ru": {
        "section": "рубрика",
        "title": "заголовок",
        "standfirst": "подзаголовок",
        "caption": "подпись к фото",
        "heading": "промежуточный заголовок",
        "paragraph": "абзац",
    },
}


@dataclass(frozen=True, slots=True)
class Citation:
    """A verbatim sentence of the article and where it stands."""

    quote: str
    location: Location


@dataclass(frozen=True, slots=True)
class Fact:
    """One answerable point of the article, in every language the curators wrote."""

    id: str
    answers: Mapping[str, str]
    phrasings: Mapping[str, tuple[str, ...]]
    citations: tuple[Citation, ...]
    line: int = 0
    draft: bool = False
    """Written by `article-bot draft` and not yet reviewed (`draft: true` in the file)."""

    def answer(self, language: str) -> str:
        """The answer in `language`, falling back to English."""
        return self.answers.get(language) or self.answers[DEFAULT_LANGUAGE]

    def question(self, language: str) -> str:
        """A representative question for buttons and topic lists."""
        asks = self.phrasings.get(language) or self.phrasings[DEFAULT_LANGUAGE]
        return asks[0]


@dataclass(frozen=True, slots=True)
class SmallTalk:
    """Greetings, thanks and the like: answered without any citation."""

    id: str
    answers: Mapping[str, str]
    phrasings: Mapping[str, tuple[str, ...]]
    line: int = 0

    def answer(self, language: str) -> str:
        """The reply in `language`, falling back to English."""
        return self.answers.get(language) or self.answers[DEFAULT_LANGUAGE]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph (numbered from 1) or, with `heading` set, a subheading."""

    text: str
    number: int | None = None
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """The article's metadata and verbatim text."""

    title: str
    section: str
    standfirst: str
    byline: str
    source: str
    photo_caption: str
    photo_credit: str
    body: tuple[Paragraph, ...]

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The numbered paragraphs, without subheadings."""
        return tuple(p for p in self.body if not p.heading)

    def parts(self) -> Iterator[tuple[Location, str]]:
        """Every citable text of the article with its location."""
        if self.section:
            yield Location("section"), self.section
        yield Location("title"), self.title
        if self.standfirst:
            yield Location("standfirst"), self.standfirst
        if self.photo_caption:
            yield Location("caption"), self.photo_caption
        for p in self.body:
            yield (Location("heading") if p.heading else Location("paragraph", p.number)), p.text

    def locate(self, quote: str) -> Location | None:
        """Where `quote` stands verbatim, or None."""
        return _Locator(self).locate(quote)


class _Locator:
    """Finds quotes in all parts of an article: a whole sentence (the usual citation) by
    one dictionary lookup, anything else by one search of the parts' joined text, so that
    loading stays linear in the number of citations."""

    _SEPARATOR = "\x00"  # cannot occur in YAML text, so no quote spans two parts
    _SENTENCE_END = re.compile(r"(?<=[.!?…\"”])\s+")

    def __init__(self, article: Article) -> None:
        self.locations: list[Location] = []
        self.starts: list[int] = []
        self.sentences: dict[str, Location] = {}
        texts: list[str] = []
        offset = 0
        for location, text in article.parts():
            self.locations.append(location)
            self.starts.append(offset)
            texts.append(text)
            offset += len(text) + len(self._SEPARATOR)
        self.text = self._SEPARATOR.join(texts)
        for location, text in zip(self.locations, texts, strict=True):
            for sentence in (text, *self._SENTENCE_END.split(text)):
                self.sentences.setdefault(sentence, location)  # the first part wins

    def locate(self, quote: str) -> Location | None:
        """The first part that holds `quote` verbatim, or None."""
        if quote in self.sentences:
            return self.sentences[quote]
        found = self.text.find(quote) if quote and self._SEPARATOR not in quote else -1
        if found < 0:
            return None
        return self.locations[bisect.bisect_right(self.starts, found) - 1]


@dataclass(frozen=True, slots=True)
class FactBase:
    """A validated facts file: the article, its summary, facts, small talk, synonyms."""

    path: str
    article: Article
    summary: Mapping[str, str]
    facts: tuple[Fact, ...]
    smalltalk: tuple[SmallTalk, ...]
    synonyms: tuple[tuple[str, ...], ...] = ()
    by_id: Mapping[str, Fact] = field(default_factory=dict, repr=False)
    decline: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Questions near the article's facts that it does not answer, per language: the bot
    must decline these and questions closer to them than to any fact."""
    decline_lines: Mapping[str, int] = field(default_factory=dict, repr=False)
    """The line of facts.yaml each decline example stands on."""
    thresholds: Thresholds = field(default_factory=Thresholds)
    """The answer decision's thresholds (facts.yaml's `decision:` block, else defaults)."""
    summary_draft: bool = False
    """The summary was written by `article-bot draft` and not yet reviewed."""

    def summary_in(self, language: str) -> str:
        """The summary in `language`, falling back to English."""
        return self.summary.get(language) or self.summary[DEFAULT_LANGUAGE]

    @property
    def phrasing_count(self) -> int:
        """How many question phrasings the facts hold, all languages together."""
        return sum(len(v) for f in self.facts for v in f.phrasings.values())


def normalise_phrasing(text: str) -> str:
    """The form in which two phrasings count as the same: case, punctuation, spaces."""
    return _SPACE_RE.sub(" ", _PUNCT_RE.sub(" ", text.lower().replace("ё", "е"))).strip()


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


def _line(node: Node) -> int:
    return node.start_mark.line + 1


class _Builder:
    """Walks the YAML node tree (which keeps line numbers) and collects problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        # Every entry's phrasings with their lines, for the cross-entry uniqueness check.
        self.asks: dict[str, dict[str, list[tuple[str, int]]]] = {}
        self.locator: _Locator | None = None
        self.locator_for: Article | None = None

    def error(self, node: Node | int, message: str) -> None:
        line = node if isinstance(node, int) else _line(node)
        self.problems.append(Problem(self.path, line, message))

    # --- generic shapes -------------------------------------------------------------
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
            _SPACE_RE.sub(" ", str(node.value)).strip()
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
                out.append((value, _line(item)))
        if not items:
            self.error(node, f"{where} is an empty list; add at least one entry")
        return out

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

    def flag(self, node: Node, where: str) -> bool:
        """`true` or `false`."""
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return str(node.value).lower() in ("true", "yes", "on")
        self.error(node, f"{where} must be true or false (delete it once the entry is reviewed)")
        return False

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
            optional={"smalltalk", "synonyms", "decline", "decision"},
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
        decline = self.phrasings(top["decline"], "decline") if "decline" in top else {}
        self.asks[_DECLINE] = decline
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
            optional={"section", "standfirst", "byline", "source", "photo"},
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
                if key in seen:
                    self.error(
                        line,
                        f'synonym "{word}" is already listed (line {seen[key]}); words that differ '
                        "only in case, punctuation or ё/е count as one: keep one",
                    )
                    continue
                seen[key] = line
                group.append(key)
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
                fact = Fact(fact_id, answers, phrasings, citations, _line(item), draft)
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
        ids[entry_id] = _line(node)
        return entry_id

    def citations(self, node: Node, label: str, article: Article | None) -> tuple[Citation, ...]:
        if article is not None and (self.locator is None or self.locator_for is not article):
            self.locator, self.locator_for = _Locator(article), article
        quotes = (
            [(self.string(node, f"{label} cite"), _line(node))]
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
                out.append((SmallTalk(entry_id, answers, phrasings, _line(item)), item))
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
    if entry == _DECLINE:
        return "decline"
    if entry.startswith("smalltalk:"):
        return f'smalltalk "{entry.removeprefix("smalltalk:")}"'
    return f'fact "{entry}"'


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
