"""How well each fact matches a question's concepts, and the best few facts.

A fact's score blends (a) the best weighted F-beta against one of its phrasings and (b)
how much of the question its whole vocabulary (phrasings, answer, citation) explains,
times a penalty when no phrasing of the fact asks the question's kind (or counts what it
counts) and when its answer lacks a number the question names.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

from bot.answering.index import KIND_MISMATCH_PENALTY, FactIndex
from bot.answering.match import RANKED, SCORE_ROUNDING, Candidate, round_score

PHRASING_WEIGHT = 0.55
"""Share of the best single phrasing in a fact's score; the rest is vocabulary cover."""
RECALL_BETA = 2.0
"""F-beta against a phrasing: covering the question's terms matters more than covering the phrasing's."""
BETA2 = RECALL_BETA * RECALL_BETA
CLAIM_SHARE = 0.25
"""Share of its weight a year or date put forward to be checked keeps in the ranking:
"did they meet on August 1?" is about the meeting, whose fact then says when it was, not
about the fact that happens to state August 1."""
_BOUND_PHRASING = PHRASING_WEIGHT * (1 + BETA2)
"""A fact's phrasing score is at most this times phrased / (beta²·q + phrased), where
phrased is the weight of the question its phrasings hold (`best_phrasing` with
precision 1)."""


def rank(
    index: FactIndex,
    concepts: AbstractSet[str],
    kind: str | None,
    unit: str | None = None,
    words: Mapping[str, str] | None = None,
    claimed: AbstractSet[str] = frozenset(),
) -> list[Candidate]:
    """The best facts for the question, best first (at most `RANKED`). The `claimed`
    concepts (a yes/no question's years and dates) weigh `CLAIM_SHARE` of their weight,
    unless the question has nothing else to rank by.

    No fact can score more than a bound of how much of the question its phrasings and its
    whole vocabulary cover, times the penalties it is sure to take, so facts are scored in
    order of that bound, and the scan stops once no remaining fact can reach the last
    place kept: the result is the same as scoring every fact.
    """
    if not concepts:
        return []
    idf = index.idf
    # In a fixed order, so that float sums (and scores that round to a tie) do not
    # depend on how this process hashes strings.
    words = words or {}
    weights = {c: idf[c] if c in idf else index.word_weight(c, words) for c in sorted(concepts)}
    shares = dict.fromkeys(claimed & concepts if concepts - claimed else (), CLAIM_SHARE)
    for concept, share in shares.items():
        weights[concept] *= share
    question_weight = sum(weights.values())
    numbers = {c for c in weights if c.isdigit()}
    # Per fact: [the weight of the question its vocabulary covers, the weight its
    # phrasings hold].
    totals: dict[int, list[float]] = {}
    postings = index.profile_postings
    for concept in weights:
        share = shares.get(concept, 1.0)
        for fact_index, covered, held in postings.get(concept, ()):
            covered, held = covered * share, held * share
            sums = totals.get(fact_index)
            if sums is None:
                totals[fact_index] = [covered, held]
            else:
                sums[0] += covered
                sums[1] += held
    factors: Mapping[int, float] | Sequence[float] | None = None
    if unit is None and not numbers:
        factors = index.kind_factors.get(kind)
        if factors is None:  # a kind no fact answers: every fact takes the penalty
            factors = index.kind_factors.setdefault(
                kind, [KIND_MISMATCH_PENALTY] * len(index.kinds)
            )
    if factors is None:
        factors = {i: index.penalty(i, kind, unit, numbers) for i in totals}
    question_part = BETA2 * question_weight
    cover_part = (1.0 - PHRASING_WEIGHT) / question_weight
    order = []
    for fact_index, (covered, held) in totals.items():
        bound = _BOUND_PHRASING * held / (question_part + held) + cover_part * covered
        order.append((-bound * factors[fact_index], fact_index, covered))
    heapq.heapify(order)  # few facts are taken off it: cheaper than sorting them all
    facts = index.base.facts
    top: list[tuple[float, str, int, float]] = []  # (-score, fact id, index, phrasing)
    while order:
        negative_bound, fact_index, covered = heapq.heappop(order)
        # Scores are compared rounded, so a fact that may round up to a tie still counts.
        if len(top) >= RANKED and -negative_bound < -top[-1][0] - SCORE_ROUNDING / 2:
            break
        masks = index.bag_masks[fact_index]
        phrasing = best_phrasing(
            [(masks[c], w) for c, w in weights.items() if c in masks],
            index.bag_weights[fact_index],
            question_part,
        )
        score = (PHRASING_WEIGHT * phrasing + cover_part * covered) * factors[fact_index]
        bisect.insort(
            top,
            (-round_score(score), facts[fact_index].id, fact_index, phrasing * factors[fact_index]),
        )
        del top[RANKED:]
    return [
        Candidate(facts[i], -negative, i, round_score(phrasing)) for negative, _, i, phrasing in top
    ]


def one_phrasing_score(held: float, question_weight: float, own: float) -> float:
    """The score of a fact with one phrasing of weight `own` that holds `held` of a
    question weighing `question_weight`, all of its vocabulary in that phrasing."""
    f_beta = (1 + BETA2) * held / (BETA2 * question_weight + own)
    return PHRASING_WEIGHT * f_beta + (1.0 - PHRASING_WEIGHT) * held / question_weight


def best_phrasing(
    held: list[tuple[tuple[int, float], float]], bag_weights: list[float], question_part: float
) -> float:
    """The best weighted F-beta between the question and one of a fact's phrasings, from
    ((bitmask of the fact's phrasings that hold it, weight of the lightest of them),
    weight) of each question concept the phrasings hold; `bag_weights` are the
    phrasings' weights, lightest first, and `question_part` is beta² times the
    question's weight.

    With precision s/b and recall s/q (s: the weight a phrasing shares with the question,
    b: the phrasing's, q: the question's), F-beta is (1 + beta²)·s / (beta²·q + b). Rather
    than summing s phrasing by phrasing, this grows the sets of question concepts that
    some phrasing holds together (an AND of their bitmasks) one concept at a time, and
    pairs each set with the lightest phrasing that holds it (the mask's lowest bit): the
    best of those pairs is the best phrasing, and the work is as large as the question's
    concepts co-occur, not as large as the fact has phrasings.
    """
    best = 0.0
    sets: list[tuple[int, float]] = []  # (mask, shared weight) of each set grown so far
    for (mask, lightest), weight in held:
        ratio = weight / (question_part + lightest)
        if ratio > best:
            best = ratio
        if sets:
            grown = []
            for other, shared in sets:
                both = other & mask
                if both:
                    shared += weight
                    grown.append((both, shared))
                    lowest_bit = (both & -both).bit_length() - 1  # `index.lowest_bit`, inlined
                    ratio = shared / (question_part + bag_weights[lowest_bit])
                    if ratio > best:
                        best = ratio
            sets += grown
        sets.append((mask, weight))
    return (1 + BETA2) * best
