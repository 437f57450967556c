"""What `article-bot misses` prints: the groups as text for the curator, or JSON."""

from __future__ import annotations

import json
import shlex
from collections.abc import Sequence
from pathlib import Path

from bot.curation.misses.model import MissGroup, MissOutcome
from bot.curation.misses.store import DEFAULT_RETENTION_DAYS, MissStore

WORDINGS_SHOWN = 5
"""`misses` shows this many other wordings of a group; --json has them all."""


def _quoted(question: str) -> str:
    """The question as a shell argument: in double quotes when that is safe, as shown."""
    if not any(ch in question for ch in '"\\$`!'):
        return f'"{question}"'
    return shlex.quote(question)


def _times(n: int) -> str:
    return f"{n} time" if n == 1 else f"{n} times"


def format_groups(groups: Sequence[MissGroup]) -> str:
    """The groups as the curator reads them: counts, wordings, nearest fact, hints."""
    lines: list[str] = []
    for number, group in enumerate(groups, 1):
        outcomes = ", ".join(
            f"{group.outcomes[o.value]} {o.value}"
            for o in (MissOutcome.UNKNOWN, MissOutcome.CLARIFY)
            if group.outcomes[o.value]
        )
        chats = f" in {group.chats} chat{'' if group.chats == 1 else 's'}" if group.chats else ""
        lines.append(
            f'{number}. "{group.question}": asked {_times(group.count)}{chats}'
            f"{f' ({outcomes})' if outcomes else ''}, last {group.last_seen:%Y-%m-%d %H:%M} UTC"
        )
        if len(group.questions) > 1:
            shown = group.questions[1 : 1 + WORDINGS_SHOWN]
            also = ", ".join(f'"{q}" ({n})' for q, n in shown)
            hidden = len(group.questions) - 1 - len(shown)
            more = f" and {hidden} more (see --json)" if hidden else ""
            lines.append(f"   also asked: {also}{more}")
        if group.nearest_fact is not None:
            nearest = f"   nearest fact: {group.nearest_fact} ({group.nearest_score:.2f})"
            if group.other_facts:
                nearest += f"; other candidates: {', '.join(group.other_facts)}"
            lines.append(nearest)
        else:
            lines.append("   nearest fact: none")
        for r in group.resolved_to:
            lines.append(
                f'   users who asked "{r.question}" meant fact {r.fact_id} ({_times(r.count)})'
            )
        if group.resolved_to:
            best = group.resolved_to[0]
            lines.append(f"   teach: article-bot teach {_quoted(best.question)} {best.fact_id}")
        lines.append("")
    lines.append('To teach the bot a wording: article-bot teach "QUESTION" FACT_ID')
    return "\n".join(lines)


def misses_report(
    path: str | Path,
    *,
    retention_days: float = DEFAULT_RETENTION_DAYS,
    since_days: float | None = None,
    limit: int | None = None,
    as_json: bool = False,
    key: str | None = None,
) -> str:
    """What `article-bot misses` prints for the database at `path` (never creates it).

    `key` is ARTICLE_BOT_DB_KEY, needed only to migrate a version-1 database."""
    path = Path(path)
    groups: list[MissGroup] = []
    if path.exists():
        with MissStore(path, retention_days, key=key) as store:
            groups = store.groups(since_days, limit)
    if as_json:
        payload = {
            "db": str(path),
            "since_days": since_days,
            "groups": [g.to_json() for g in groups],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2)
    if not path.exists():
        return f"no misses recorded yet (ARTICLE_BOT_DB={path})"
    if not groups:
        within = "" if since_days is None else f" in the last {since_days:g} days"
        return f"no misses recorded{within} (ARTICLE_BOT_DB={path})"
    return format_groups(groups)
