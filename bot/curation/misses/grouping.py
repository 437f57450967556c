"""Questions grouped by similar wording, most asked first, with what the matcher and
the readers made of each group."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.answering.facts import normalise_phrasing
from bot.curation.misses.model import MissEvent, MissGroup, MissOutcome, Resolution

SIMILAR_WORDING = 85.0
"""Two wordings fall into one group at this `fuzz.token_sort_ratio` (0-100) or above.

token_sort_ratio rather than token_set_ratio: set ratio scores 100 whenever one wording's
words are a subset of the other's, so "nasa" would swallow every question naming NASA,
and it rates "how much does the iss weigh" / "… cost" at 89. Sort ratio forgives typos,
punctuation and word order ("they met when") but not an extra or a changed content word.
See also GROUP_QUESTION_WORDS."""
GROUP_QUESTION_WORDS = frozenset(
    "who whom whose what which when where why how "
    "кто кого кому чей что чего какой какая какое какие каким когда где куда откуда почему "
    "зачем сколько как".split()
)
"""Wordings asking with different question words ("when" / "where did they meet") never
share a group, however alike their spelling; one with none (a typo, a bare phrase) may
join either. A plain word set: `bot.language.text.question_kind` knows more, but costs a hundred
times as much per wording. Wider than `bot.language.claims.question_words()` (which tells
whether a message asks at all): it also holds case forms ("whom", "кого", "куда"), each
of which keeps a wording in a group of its own."""


@dataclass
class _Wording:
    """The events of one normalised wording."""

    key: str
    events: list[MissEvent] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)
    asks: int = 0
    last_seen: float = 0.0

    def finish(self) -> None:
        """Count the asks: each resolution follows a `clarify` of the same question, so
        only resolutions beyond those count as asks of their own (their clarify was purged)."""
        by = Counter(e.outcome for e in self.events)
        self.asks = (
            by[MissOutcome.UNKNOWN]
            + by[MissOutcome.CLARIFY]
            + max(0, by[MissOutcome.RESOLVED] - by[MissOutcome.CLARIFY])
        )
        self.last_seen = max(e.at for e in self.events).timestamp()


def group_events(
    events: Iterable[MissEvent], *, similarity: float = SIMILAR_WORDING
) -> list[MissGroup]:
    """Group events by similar wording, most asked group first.

    Wordings are normalised (case, punctuation, ё→е), then clustered greedily: the most
    asked wording not yet placed starts a group and takes every unplaced wording whose
    token_sort_ratio to it reaches `similarity` and whose question words do not differ.
    """
    wordings: dict[str, _Wording] = {}
    for event in events:
        key = normalise_phrasing(event.question) or event.question.strip()
        wording = wordings.get(key)
        if wording is None:
            wording = wordings[key] = _Wording(key)
        wording.events.append(event)
        wording.forms[event.question] += 1
    for wording in wordings.values():
        wording.finish()
    ordered = sorted(wordings.values(), key=lambda w: (-w.asks, -w.last_seen, w.key))
    groups = [_summarise(cluster) for cluster in _cluster(ordered, similarity)]
    groups.sort(key=lambda g: (-g.count, -g.last_seen.timestamp(), g.question))
    return groups


def _question_words(key: str) -> frozenset[str]:
    return GROUP_QUESTION_WORDS.intersection(key.split())


def _cluster(wordings: Sequence[_Wording], similarity: float) -> list[list[_Wording]]:
    """Leader clustering: each group is compared with its first (most asked) wording only,
    so a chain of small edits cannot drift from one question to another."""
    # token_sort_ratio is ratio() on the words sorted; sort each wording once, not per pair.
    keys = [" ".join(sorted(w.key.split())) for w in wordings]
    asks_with = [_question_words(w.key) for w in wordings]
    # ratio() cannot reach `similarity` between strings whose lengths differ too much, so
    # each leader is scored only against the unplaced wordings within that length window.
    shortest, longest = similarity / (200 - similarity), (200 - similarity) / similarity
    placed = [False] * len(keys)
    pool: list[int] = []
    lengths: list[int] = []
    pool_keys: list[str] = []
    stale = len(keys)
    clusters: list[list[_Wording]] = []
    for i, key in enumerate(keys):
        if placed[i]:
            continue
        placed[i] = True
        stale += 1
        if stale * 4 > len(pool):
            # Leaders come in order, so everything before `i` is placed: drop it all.
            pool = sorted(
                (j for j in range(i + 1, len(keys)) if not placed[j]), key=lambda j: len(keys[j])
            )
            lengths = [len(keys[j]) for j in pool]
            pool_keys = [keys[j] for j in pool]
            stale = 0
        cluster = [wordings[i]]
        low = bisect.bisect_left(lengths, len(key) * shortest - 1e-9)
        high = bisect.bisect_right(lengths, len(key) * longest + 1e-9)
        for _, _, offset in process.extract(
            key, pool_keys[low:high], scorer=fuzz.ratio, score_cutoff=similarity, limit=None
        ):
            j = pool[low + offset]
            if not placed[j] and (
                asks_with[j] == asks_with[i] or not asks_with[j] or not asks_with[i]
            ):
                placed[j] = True
                stale += 1
                cluster.append(wordings[j])
        clusters.append(cluster)
    return clusters


def _summarise(cluster: list[_Wording]) -> MissGroup:
    events = [e for w in cluster for e in w.events]
    asked = [e for e in events if e.outcome is not MissOutcome.RESOLVED]
    questions = sorted(
        ((w.forms.most_common(1)[0][0], w.asks) for w in cluster), key=lambda q: -q[1]
    )

    firsts: Counter[str] = Counter()
    first_scores: dict[str, list[float]] = defaultdict(list)
    appearances: Counter[str] = Counter()
    score_sums: dict[str, float] = defaultdict(float)
    for event in asked:
        if event.candidates:
            fact_id, score = event.candidates[0]
            firsts[fact_id] += 1
            first_scores[fact_id].append(score)
        for fact_id, score in dict(event.candidates).items():
            appearances[fact_id] += 1
            score_sums[fact_id] += score

    def mean_first(fact_id: str) -> float:
        return sum(first_scores[fact_id]) / len(first_scores[fact_id])

    nearest = max(firsts, key=lambda f: (firsts[f], mean_first(f), f), default=None)
    others = sorted(
        (f for f in appearances if f != nearest),
        key=lambda f: (-appearances[f], -score_sums[f] / appearances[f], f),
    )

    picked: dict[str, Counter[str]] = defaultdict(Counter)
    for event in events:
        if event.outcome is MissOutcome.RESOLVED and event.chosen_fact:
            picked[event.chosen_fact][event.question] += 1
    resolved = sorted(
        (
            Resolution(fact_id, sum(asks.values()), asks.most_common(1)[0][0])
            for fact_id, asks in picked.items()
        ),
        key=lambda r: (-r.count, r.fact_id),
    )

    outcomes = Counter(e.outcome.value for e in events)
    return MissGroup(
        question=questions[0][0],
        questions=tuple(questions),
        count=sum(n for _, n in questions),
        chats=len({e.chat_hash for e in events if e.chat_hash}),
        last_seen=max(e.at for e in events),
        outcomes={o.value: outcomes[o.value] for o in MissOutcome},
        nearest_fact=nearest,
        nearest_score=None if nearest is None else round(mean_first(nearest), 3),
        other_facts=tuple(others),
        resolved_to=tuple(resolved),
    )
