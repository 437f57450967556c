"""Synonym groups folded into concepts: each curated phrase of a group ("space station",
"мкс", "orbital lab") reads as one term, the longest phrase first, found through a trie
of the phrases' stems."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.language.text import phrase_stems

GROUP_MARK = "~"
"""A group's concept is its first phrase's stems after this mark; no stem has it."""


@dataclass(slots=True)
class _TrieNode:
    concept: str | None = None
    children: dict[str, _TrieNode] = field(default_factory=dict)


class SynonymFolder:
    """Folds each curated synonym phrase ("space station", "мкс") into one concept, the
    longest phrase first, so that the words of a group count as one term."""

    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        self.concept_of: dict[tuple[str, ...], str] = {}
        # A trie of the phrases' stems: stem -> (concept of the phrase ending here, or
        # None; the phrases that go on).
        self._trie: dict[str, _TrieNode] = {}
        for group in groups:
            stems_of = [phrase_stems(word) for word in group]
            concept = GROUP_MARK + " ".join(stems_of[0])
            for stems in stems_of:
                if stems:
                    self.concept_of[stems] = concept
        for stems, concept in self.concept_of.items():
            level = self._trie
            for depth, part in enumerate(stems):
                node = level.setdefault(part, _TrieNode())
                if depth == len(stems) - 1:
                    node.concept = concept
                level = node.children

    def fold_spans(self, stems: Sequence[str]) -> list[tuple[str, int, int]]:
        """(concept or stem, index of its first stem, index after its last) in order, each
        phrase the longest that starts there."""
        out: list[tuple[str, int, int]] = []
        trie = self._trie
        i, count = 0, len(stems)
        while i < count:
            concept, end = stems[i], i + 1
            node = trie.get(concept)
            j = end
            while node is not None:
                if node.concept is not None:
                    concept, end = node.concept, j
                if j == count:
                    break
                node = node.children.get(stems[j])
                j += 1
            out.append((concept, i, end))
            i = end
        return out

    def is_group(self, concept: str) -> bool:
        """Whether `concept` is a synonym group's (not a lone word's stem)."""
        return concept.startswith(GROUP_MARK)

    def fold(self, stems: Sequence[str]) -> list[str]:
        """The stems with every synonym phrase replaced by its concept."""
        return [concept for concept, _, _ in self.fold_spans(stems)]
