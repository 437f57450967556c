"""A draft as YAML: the article's parts, the facts file's layout and the header that
lists what was left out of the page."""

from __future__ import annotations

from typing import Any

import yaml

from bot.answering.facts import FactBase, FactsError, loads
from bot.drafting.article_text import ParsedArticle

MAX_DROPPED_SHOWN = 40


class DraftError(Exception):
    """The article cannot be drafted; the message says why and what to do."""


def article_mapping(parsed: ParsedArticle) -> dict[str, Any]:
    article: dict[str, Any] = {"title": parsed.title}
    for key in ("section", "standfirst", "byline", "source"):
        if getattr(parsed, key):
            article[key] = getattr(parsed, key)
    if parsed.date:
        article["dateline"] = parsed.date
    if parsed.caption:
        article["photo"] = {"caption": parsed.caption}
        if parsed.credit:
            article["photo"]["credit"] = parsed.credit
    article["body"] = [{"heading": b.text} if b.heading else b.text for b in parsed.body]
    return article


def load(text: str, name: str) -> FactBase:
    try:
        return loads(text, name)
    except FactsError as exc:  # a bug in drafting, not the curator's doing: say so plainly
        raise DraftError(f"the draft of {name} does not load: {exc.problems[0]}") from None


class Flow(tuple):  # type: ignore[type-arg]
    """A list written on one line: synonym groups read best that way."""


# libyaml's emitter when PyYAML was built with it (ten times faster; `prune` writes the
# draft out once a round), else PyYAML's own: both write the same text.
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[valid-type,misc]
    """Block style, except `Flow` lists; long lines kept whole."""


def _represent_flow(dumper: yaml.SafeDumper, data: Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(data), flow_style=True)


_Dumper.add_representer(Flow, _represent_flow)


def dump(document: dict[str, Any]) -> str:
    return yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=10**6,
        default_flow_style=False,
    )


def header(parsed: ParsedArticle, name: str) -> str:
    lines = [
        f"# Drafted by `article-bot draft` from {name}.",
        "# Every entry marked `draft: true` was written by a program from the article's own",
        "# sentences: read it, fix its questions and answer, then delete its `draft: true`.",
        "# `article-bot check` validates the file and lists what is still a draft.",
    ]
    if parsed.dateline and not parsed.date:
        lines += ["#", f"# Dateline (it opens paragraph 1, where it stays): {parsed.dateline}"]
    lines += [f"# {note}" for note in parsed.notes]
    if parsed.dropped:
        lines += ["#", "# Left out as not part of the article; check nothing of it is here:"]
        for item in parsed.dropped[:MAX_DROPPED_SHOWN]:
            text = item.text if len(item.text) <= 90 else item.text[:89] + "…"
            lines.append(f"#   - {text}   [{item.reason}]")
        if len(parsed.dropped) > MAX_DROPPED_SHOWN:
            lines.append(f"#   … and {len(parsed.dropped) - MAX_DROPPED_SHOWN} more")
    return "\n".join(lines) + "\n"
