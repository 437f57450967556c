"""Draft a facts file from an article, for a curator to review: `article-bot draft`.

The article, a saved file or a page fetched from its URL (`bot.drafting.fetch`), is read
into its parts verbatim (`bot.drafting.article_text`) and split into sentences. Each
sentence is analysed (`analysis`: names, dates, numbers, subject, verb) and becomes one
fact that cites it and answers with it, with the questions readers ask about it
(`questions`: whole questions from its shape; `keywords`: short forms around its verb and
names); a sentence that repeats another joins that fact as a second citation. Each
question form goes to the one fact that answers it best (`selection`), and the draft is
matched against itself to drop forms another fact would answer (`prune`).

Every generated entry is marked `draft: true` (each fact, and the summary) until a
curator has read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.answering.facts import DECLINE_KEY, normalise_phrasing
from bot.drafting.aliases import acronym_groups, descriptor_groups
from bot.drafting.analysis import Analyser
from bot.drafting.article_text import ArticleError, ParsedArticle, read_article
from bot.drafting.declines import decline_examples, unanswered
from bot.drafting.fetch import fetch_article, is_url
from bot.drafting.keywords import Phraser
from bot.drafting.model import Concepts
from bot.drafting.output import DraftError, Flow, article_mapping, dump, header, load
from bot.drafting.prune import prune
from bot.drafting.selection import draft_facts
from bot.drafting.smalltalk import default_smalltalk
from bot.drafting.summary import draft_summary
from bot.drafting.words import DEMONYMS, HYPHEN_PREFIXES, SYNONYM_TABLE
from bot.language.text import phrase_stems, stem, tokenize

__all__ = ["DEFAULT_OUTPUT", "Draft", "DraftError", "draft_article", "write_draft"]

DEFAULT_OUTPUT = "facts.draft.yaml"
SUMMARY_WORD = "summary"
"""The first word of draft_synonyms.txt's group of asking for a summary, which every
draft has: its headline fact asks for the summary (a test checks the group is there)."""
ALWAYS_GROUPS = frozenset({SUMMARY_WORD, "article", "discuss"})
"""The synonym groups (by first word) every draft gets, whatever its text says: the
summary's, the article's words for itself, and "discuss"/"talk about", which keeps a
reader's "what did they talk about" from reading as the article's "talks" (a meeting)."""


@dataclass(frozen=True, slots=True)
class Draft:
    """A drafted fact base: its YAML text and what was found, for `--json`."""

    source: str
    article: ParsedArticle
    yaml_text: str
    facts: int
    phrasings: int
    sentences: int
    synonyms: int

    def summary(self, output: str) -> str:
        """What `draft` prints: where it wrote, what it found, what to do next."""
        a = self.article
        headings = sum(1 for b in a.body if b.heading)
        left_out = len(a.dropped)
        lines = [
            f"Wrote {output}: {self.facts} facts, {self.phrasings} phrasings from "
            f"{len(a.paragraphs)} paragraphs ({headings} subheading"
            f"{'' if headings == 1 else 's'}), {self.sentences} sentences.",
        ]
        if left_out:
            lines.append(
                f"Left out {left_out} line{'' if left_out == 1 else 's'} of page chrome and "
                "repeats; they are listed at the top of the file."
            )
        lines.append(
            "Every entry is marked `draft: true`: review each, delete the mark, then run "
            f"`article-bot check {output}`."
        )
        return "\n".join(lines)

    def report(self, output: str) -> dict[str, Any]:
        """What `draft --json` prints."""
        a = self.article
        return {
            "article": self.source,
            "output": output,
            "format": a.format,
            "title": a.title,
            "section": a.section or None,
            "standfirst": a.standfirst or None,
            "byline": a.byline or None,
            "source": a.source or None,
            "dateline": a.dateline or None,
            "caption": a.caption or None,
            "credit": a.credit or None,
            "paragraphs": len(a.paragraphs),
            "headings": [b.text for b in a.body if b.heading],
            "sentences": self.sentences,
            "facts": self.facts,
            "phrasings": self.phrasings,
            "synonym_groups": self.synonyms,
            "dropped": [{"text": d.text, "reason": d.reason} for d in a.dropped],
        }


def draft_article(source: Path | str) -> Draft:
    """Draft a fact base from the article at `source`, a path or an http(s) URL; raise
    `DraftError` saying what is wrong if it can't be."""
    text = str(source)
    try:
        if is_url(text):
            parsed, name = fetch_article(text), text
        else:
            parsed, name = read_article(Path(source)), Path(source).name
    except ArticleError as exc:
        raise DraftError(str(exc)) from None
    groups = synonym_groups(parsed)
    concepts = Concepts(groups)
    analyser = Analyser(parsed, concepts)
    sentences = analyser.analyse()
    summary_pool = [s.text for s in sentences if s.part in ("standfirst", "paragraph")]
    summary = draft_summary(summary_pool)
    facts = draft_facts(parsed, Phraser(analyser), concepts, summary)
    document: dict[str, Any] = {
        "version": 1,
        "article": article_mapping(parsed),
        "summary": {"draft": True, "en": " ".join(summary)},
        "synonyms": [Flow(g) for g in groups],
        "facts": facts,
        "smalltalk": default_smalltalk(parsed.title),
    }
    prune(document, name, concepts)
    declines = unanswered(load(dump(document), name), decline_examples(sentences))
    if declines:
        document[DECLINE_KEY] = {"en": declines}
    yaml_text = header(parsed, name) + dump(document)
    base = load(yaml_text, name)
    return Draft(
        source=text,
        article=parsed,
        yaml_text=yaml_text,
        facts=len(base.facts),
        phrasings=base.phrasing_count,
        sentences=len(sentences),
        synonyms=len(base.synonyms),
    )


def write_draft(article: Path | str, output: Path, *, force: bool = False) -> Draft:
    """Draft `article` into `output`, refusing to overwrite it unless `force`."""
    if output.exists() and not force:
        raise DraftError(
            f"{output} already exists; pass --force to overwrite it, or -o PATH to write elsewhere"
        )
    result = draft_article(article)
    try:
        output.write_text(result.yaml_text, encoding="utf-8")
    except OSError as exc:
        raise DraftError(f"{output}: cannot write: {exc.strerror}") from None
    return result


def synonym_groups(parsed: ParsedArticle) -> list[tuple[str, ...]]:
    """The article's own names (`bot.drafting.aliases`), hyphenated words written whole,
    and the general groups with a word in the article."""
    joined = " ".join([parsed.title, parsed.standfirst, parsed.caption, *parsed.paragraphs])
    words = tokenize(joined)
    stems = [stem(t) for t in words]
    grams = {tuple(stems[i : i + n]) for n in (1, 2, 3) for i in range(len(stems) - n + 1)}
    groups: list[tuple[str, ...]] = []
    used: set[str] = set()

    def add(group: Iterable[str]) -> None:
        kept: list[str] = []
        for word in group:
            key = normalise_phrasing(word)
            if key and key not in used and key not in kept:
                kept.append(key)
        if len(kept) >= 2:
            groups.append(tuple(kept))
            used.update(kept)

    for variants in (*acronym_groups(joined, words), *descriptor_groups(joined)):
        add(variants)
    for word in sorted(set(re.findall(r"\b([a-z]+)-([a-z]+)\b", joined.lower()))):
        if word[0] in HYPHEN_PREFIXES:
            add([f"{word[0]}-{word[1]}", "".join(word)])
    for group in (*DEMONYMS, *SYNONYM_TABLE):
        # The summary's words, the article's words for itself and "talk about" are there
        # for every article: readers ask for it in short, "according to the piece", and
        # what was discussed.
        if group[0] in ALWAYS_GROUPS or any(phrase_stems(w) in grams for w in group):
            add(group)
    return groups
