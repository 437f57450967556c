"""Match a draft against itself and drop the phrasings that lead to another fact."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bot.answering.facts import MIN_PHRASINGS
from bot.answering.matcher import Matcher, Status
from bot.drafting.model import Concepts
from bot.drafting.output import dump, load

PRUNE_ROUNDS = 6


def prune(document: dict[str, Any], name: str, concepts: Concepts) -> None:
    """Match the draft against itself. A phrasing answered with another fact is dropped;
    one that ends in "Did you mean…?" because a rival fact runs close costs the rival its
    closest phrasing. Every fact keeps at least MIN_PHRASINGS."""

    for _ in range(PRUNE_ROUNDS):
        matcher = Matcher(load(dump(document), name))
        asks = {fact["id"]: fact["ask"]["en"] for fact in document["facts"]}
        drop: dict[str, set[str]] = defaultdict(set)
        for fact_id, phrasings in asks.items():
            for ask in phrasings:
                match = matcher.match(ask, language="en")
                best = match.candidates[0].fact.id if match.candidates else None
                if match.status is Status.ANSWERED and best != fact_id:
                    drop[fact_id].add(ask)
                elif (
                    match.status is Status.CLARIFY and best == fact_id and len(match.candidates) > 1
                ):
                    rival = match.candidates[1].fact.id
                    drop[rival].update(_closest(ask, asks[rival][1:], concepts))
        changed = False
        for fact in document["facts"]:
            gone = drop.get(fact["id"], set())
            keep = [a for a in fact["ask"]["en"] if a not in gone]
            if gone and len(keep) >= MIN_PHRASINGS:
                fact["ask"]["en"] = keep
                changed = True
        if not changed:
            return


def _closest(ask: str, others: list[str], concepts: Concepts) -> set[str]:
    """Of `others`, the phrasings that read like `ask` with words added (same kind), or
    else the one sharing most of its words."""
    kind, bag = concepts.key(ask)
    scored = []
    wider = set()
    for other in others:
        other_kind, other_bag = concepts.key(other)
        if other_kind == kind and bag & other_bag:
            scored.append((len(bag & other_bag) / len(bag | other_bag), other))
            if bag <= other_bag:
                wider.add(other)
    return wider or ({max(scored)[1]} if scored else set())
