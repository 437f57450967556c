"""The matcher's fast paths give exactly what the plain definitions give: the best phrasing
by bitmask walk vs F-beta against every phrasing, the pruned ranking vs scoring every
fact, the synonym trie vs trying every phrase length, a follow-up that reuses the
question's analysis vs one that reads the question again, and small talk searched among
the phrasings that can reach the ratio vs among all of them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

import bot.answering.scoring as scoring_module
from bot.answering.facts import load
from bot.answering.match import RANKED, SCORE_SCALE, round_score
from bot.answering.matcher import Matcher
from bot.answering.scoring import CLAIM_SHARE, PHRASING_WEIGHT, RECALL_BETA, rank
from bot.answering.scoring import best_phrasing as _best_phrasing
from bot.answering.smalltalk import (
    SMALLTALK_CONTAINS_MAX_WORDS,
    SMALLTALK_MAX_CHARS,
    SMALLTALK_MIN_RATIO,
)
from bot.language.synonyms import SynonymFolder
from bot.language.text import stem, tokenize

REPO_FACTS = Path(__file__).resolve().parent.parent / "facts.yaml"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load(REPO_FACTS))


QUESTIONS_FROM_THE_BASE = 500
"""Phrasings and answers drawn (seeded) from the shipped base: a sample, so that the
suite's time does not grow with every phrasing curators add."""


def _questions(matcher: Matcher) -> list[str]:
    """A seeded sample of the base's phrasings and answers, and seeded shuffles of words
    drawn from all of them."""
    texts = [
        text
        for fact in matcher.base.facts
        for text in (
            *(p for asks in fact.phrasings.values() for p in asks),
            *fact.answers.values(),
        )
    ]
    words = sorted({w for text in texts for w in tokenize(text)})
    rng = random.Random(7)
    mixed = [" ".join(rng.sample(words, rng.randint(1, 8))) for _ in range(400)]
    return rng.sample(texts, min(len(texts), QUESTIONS_FROM_THE_BASE)) + mixed


def _f_beta_against_every_phrasing(
    matcher: Matcher, fact_index: int, weights: dict[str, float]
) -> float:
    beta2 = RECALL_BETA * RECALL_BETA
    question_weight = sum(weights.values())
    best = 0.0
    for bag in matcher.index.bags[fact_index]:
        shared = sum(w for c, w in weights.items() if c in bag)
        if shared:
            precision, recall = shared / matcher.index.weight(bag), shared / question_weight
            best = max(best, (1 + beta2) * precision * recall / (beta2 * precision + recall))
    return best


def test_best_phrasing_equals_f_beta_against_every_phrasing(matcher: Matcher) -> None:
    beta2 = RECALL_BETA * RECALL_BETA
    checked = 0
    for question in _questions(matcher):
        concepts = matcher.analyse(question).concepts
        weights = {c: matcher.index.idf.get(c, matcher.index.unknown_weight) for c in concepts}
        if not weights:
            continue
        for fact_index, masks in enumerate(matcher.index.bag_masks):
            held = [(masks[c], w) for c, w in weights.items() if c in masks]
            fast = _best_phrasing(
                held, matcher.index.bag_weights[fact_index], beta2 * sum(weights.values())
            )
            if not held:  # no phrasing of the fact shares a concept: nothing to compare
                assert fast == 0.0, (question, fact_index)
                continue
            slow = _f_beta_against_every_phrasing(matcher, fact_index, weights)
            assert fast == pytest.approx(slow, abs=1e-12), (question, fact_index)
            checked += fast > 0
    assert checked > 1000  # the comparison saw real overlaps, not only zeros


def test_ranking_equals_scoring_every_fact(matcher: Matcher) -> None:
    """The scan stops early only when no remaining fact could make the ranking."""
    facts = matcher.base.facts
    for question in _questions(matcher):
        analysis = matcher.analyse(question)
        if not analysis.concepts:
            continue
        ranked = matcher.rank(analysis)
        # In sorted order, as `_rank` sums them: float sums depend on the order.
        weights = {
            c: matcher.index.word_weight(c, analysis.words) for c in sorted(analysis.concepts)
        }
        if analysis.concepts - analysis.claimed_concepts:  # a claimed date weighs a share
            for concept in analysis.claimed_concepts:
                weights[concept] *= CLAIM_SHARE
        total = sum(weights.values())
        numbers = {c for c in analysis.concepts if c.isdigit()}
        every: list[tuple[float, str, int]] = []
        for i, profile in enumerate(matcher.index.profiles):
            covered = sum(w * profile[c] for c, w in weights.items() if c in profile)
            if not covered:
                continue
            score = PHRASING_WEIGHT * _f_beta_against_every_phrasing(matcher, i, weights)
            score += (1 - PHRASING_WEIGHT) / total * covered  # in `_rank`'s order
            score *= matcher.index.penalty(i, analysis.kind, None, numbers)
            every.append((-round_score(score), facts[i].id, i))
        expected = [(facts[i].id, -s) for s, _, i in sorted(every)[:RANKED]]
        # The same facts in the same order; a score may differ by one rounding step where
        # the two ways of computing it land on either side of a half (0.39875).
        assert [c.fact.id for c in ranked] == [fact_id for fact_id, _ in expected], question
        assert [c.score for c in ranked] == pytest.approx(
            [score for _, score in expected], abs=1.01 / SCORE_SCALE
        ), question


def _fold_by_every_length(folder: SynonymFolder, stems: list[str]) -> list[str]:
    longest = max(len(phrase) for phrase in folder.concept_of)
    out, i = [], 0
    while i < len(stems):
        for size in range(min(longest, len(stems) - i), 0, -1):
            concept = folder.concept_of.get(tuple(stems[i : i + size]))
            if concept is not None:
                out.append(concept)
                i += size
                break
        else:
            out.append(stems[i])
            i += 1
    return out


def test_synonym_trie_folds_the_longest_phrase_like_trying_every_length(
    matcher: Matcher,
) -> None:
    folder = SynonymFolder(
        [
            ["international space station", "iss", "space station"],
            ["space", "cosmos"],
            ["space agency", "agency"],
            ["get together", "meet"],
        ]
    )
    stems = [stem(w) for w in tokenize("the international space agency and space station met")]
    assert folder.fold(stems) == _fold_by_every_length(folder, stems)
    assert folder.fold([stem("international"), stem("space")]) == [stem("international"), "~space"]
    real = matcher.reader.synonyms
    for question in _questions(matcher):
        stems = [stem(w) for w in tokenize(question)]
        assert real.fold(stems) == _fold_by_every_length(real, stems), question


def test_a_follow_up_reuses_the_analysis_and_gets_what_reading_again_gets(
    matcher: Matcher,
) -> None:
    compared = 0
    for question in ["and where?", "when was that?", "what about NASA?", "а где?", "why"]:
        match = matcher.match(question)
        assert match.analysis == matcher.analyse(question)
        for fact in matcher.base.facts[:10]:
            for kind in (None, "when", "who"):
                reused = matcher.match_followup(question, fact.id, kind, analysis=match.analysis)
                again = matcher.match_followup(question, fact.id, kind)
                assert reused == again
                compared += again is not None
    assert compared > 0


def _smalltalk_searching_every_phrasing(matcher: Matcher, normalised: str) -> str | None:
    """`_match_smalltalk`'s fuzzy searches, each over every phrasing (no length filter)."""
    words = normalised.split()
    searches = [
        (normalised, matcher.smalltalk.texts, fuzz.ratio),
        (
            " ".join(sorted(words)),
            [" ".join(sorted(p.split())) for p in matcher.smalltalk.texts],
            fuzz.ratio,
        ),
    ]
    if len(words) <= SMALLTALK_CONTAINS_MAX_WORDS:
        # Phrasings the message can hold: no more distinct words than it has.
        held = {
            i: p
            for i, p in enumerate(matcher.smalltalk.texts)
            if len(set(p.split())) <= len(set(words))
        }
        searches.append((normalised, held, fuzz.token_set_ratio))
    best: tuple[str, float, int] | None = None
    for query, choices, scorer in searches:
        found = process.extractOne(query, choices, scorer=scorer, score_cutoff=SMALLTALK_MIN_RATIO)
        if found is not None and (best is None or found[1] > best[1]):
            best = found
    return matcher.smalltalk.entries[best[2]][1].id if best is not None else None


def test_smalltalk_searches_only_phrasings_that_can_reach_the_ratio_and_finds_the_same(
    matcher: Matcher,
) -> None:
    """Phrasings are left out of a fuzzy search only when their length (or, for the
    token-set search, their length and words) keeps them below the ratio."""
    smalltalk_words = sorted({w for p in matcher.smalltalk.texts for w in p.split()})
    rng = random.Random(11)
    messages = [*matcher.smalltalk.texts, *_questions(matcher)[:600]]
    for text in matcher.smalltalk.texts:  # phrasings with a typo, a word added or dropped
        words = text.split()
        i = rng.randrange(len(words))
        messages.append(" ".join([*words[:i], words[i][:-1] or "x", *words[i + 1 :]]))
        messages.append(" ".join([*words, rng.choice(smalltalk_words)]))
        messages.append(" ".join(words[1:]))
    messages += [" ".join(rng.sample(smalltalk_words, rng.randint(1, 5))) for _ in range(400)]
    found = 0
    for message in messages:
        normalised = " ".join(tokenize(message))
        if not normalised or len(normalised) > SMALLTALK_MAX_CHARS:
            continue
        fast = matcher.smalltalk.closest(normalised)
        expected = _smalltalk_searching_every_phrasing(matcher, normalised)
        assert (fast.id if fast else None) == expected, message
        found += expected is not None
    assert found > 300  # the comparison saw real matches, not only misses


def test_scores_do_not_depend_on_the_order_the_concepts_come_in(
    matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python salts string hashes per process, so a set of concepts iterates in another
    order in another process. The ranking sums weights in an order of its own, so even
    unrounded scores come out the same whatever the order."""
    monkeypatch.setattr(scoring_module, "round_score", lambda score: score)
    compared = 0
    for question in _questions(matcher):
        analysis = matcher.analyse(question)
        if len(analysis.concepts) < 3:
            continue
        order = sorted(analysis.concepts)
        forward = rank(matcher.index, dict.fromkeys(order).keys(), analysis.kind)
        backward = rank(matcher.index, dict.fromkeys(reversed(order)).keys(), analysis.kind)
        assert [(c.fact.id, c.score) for c in forward] == [(c.fact.id, c.score) for c in backward]
        compared += 1
    assert compared > 100
