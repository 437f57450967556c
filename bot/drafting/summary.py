"""A draft's summary: the article's most central sentences, in its order."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations

from rapidfuzz import fuzz, utils

from bot.language.text import STOPWORDS, tokenize

SUMMARY_MIN, SUMMARY_MAX = 3, 5
SIMILARITY_FLOOR = 0.2
"""Sentence pairs less alike than this (rapidfuzz token_set_ratio / 100) share no edge."""
DAMPING = 0.85
REPEAT_RATIO = 50.0
"""Two sentences this alike (rapidfuzz token_sort_ratio) say much the same for a summary."""


def draft_summary(sentences: Sequence[str]) -> list[str]:
    """3-5 central sentences, in article order: PageRank over rapidfuzz similarity between
    sentences, jumping back to the lead more often (news puts the essentials first)."""
    count = len(sentences)
    if count <= SUMMARY_MIN:
        return list(sentences)
    words = [" ".join(w for w in tokenize(s) if w not in STOPWORDS) for s in sentences]
    weights = [[0.0] * count for _ in range(count)]
    for i, j in combinations(range(count), 2):
        score = fuzz.token_set_ratio(words[i], words[j], processor=utils.default_process) / 100
        if score >= SIMILARITY_FLOOR:
            weights[i][j] = weights[j][i] = score
    teleport = [1 / math.sqrt(position + 1) for position in range(count)]
    teleport = [t / sum(teleport) for t in teleport]
    out_weight = [sum(row) or 1.0 for row in weights]
    rank = teleport[:]
    for _ in range(50):
        rank = [
            (1 - DAMPING) * teleport[i]
            + DAMPING * sum(rank[j] * weights[j][i] / out_weight[j] for j in range(count))
            for i in range(count)
        ]
    size = max(SUMMARY_MIN, min(SUMMARY_MAX, round(count / 4)))
    chosen: list[int] = []
    for i in sorted(range(count), key=lambda i: (-rank[i], i)):
        # A sentence that mostly repeats one already chosen adds nothing.
        if all(fuzz.token_sort_ratio(words[i], words[j]) < REPEAT_RATIO for j in chosen):
            chosen.append(i)
        if len(chosen) == size:
            break
    return [sentences[i] for i in sorted(chosen)]
