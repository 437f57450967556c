"""Curator warnings for a fact base that loads: what `check` reports besides errors.

Each warning is a `Problem` (file, line, message) that does not stop the bot: missing
translations, thin facts, near-duplicate phrasings, synonyms that read the same as a
word of another group, phrasings the matcher sends to another fact, phrasings that ask a
more precise time than the fact gives, decline examples the bot does not decline, and
article sentences that no fact cites.
"""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz

from bot.answering.facts import (
    LANGUAGES,
    MIN_PHRASINGS,
    NEAR_DUPLICATE_RATIO,
    FactBase,
    Problem,
    normalise_phrasing,
)
from bot.answering.matcher import Matcher, Status
from bot.language.kinds import question_kind
from bot.language.precision import asked_precision, precisions_given
from bot.language.sentences import split_sentences
from bot.language.text import phrase_stems, tokenize

_LANGUAGE_NAMES = {"en": "English", "ru": "Russian"}


def warnings(base: FactBase, matcher: Matcher | None = None) -> list[Problem]:
    """Every warning for `base`, in file order."""
    matcher = matcher or Matcher(base)
    found = [
        *_missing_translations(base),
        *_thin_facts(base),
        *_near_duplicates(base),
        *_synonym_clashes(base),
        *_conflicts(base, matcher),
        *_imprecise_phrasings(base),
        *_answered_declines(base, matcher),
        *_uncited_sentences(base),
        *_drafts(base),
    ]
    return sorted(found, key=lambda p: p.line)


def _answered_declines(base: FactBase, matcher: Matcher) -> Iterator[Problem]:
    """Decline examples the bot would not decline (it answers them or asks "Did you
    mean…?"): the article does not answer them, so the bot must say so."""
    for language, examples in base.decline.items():
        for example in examples:
            match = matcher.match(example, language=language)
            if match.status is Status.UNKNOWN:
                continue
            said = match.candidates[0].fact.id if match.candidates else match.status.value
            yield Problem(
                base.path,
                base.decline_lines.get(example, 0),
                f'decline example "{example}" is not declined: the bot {match.status.value} '
                f"({said}); reword it closer to what readers ask, or check that fact's phrasings",
            )


def _drafts(base: FactBase) -> Iterator[Problem]:
    """Entries `article-bot draft` wrote that no curator has reviewed yet."""
    if base.summary_draft:
        yield Problem(base.path, 0, "summary is a draft: review it, then delete its `draft: true`")
    for fact in base.facts:
        if fact.draft:
            yield Problem(
                base.path,
                fact.line,
                f'fact "{fact.id}" is a draft: review its phrasings and answer, then delete '
                "its `draft: true`",
            )


def _missing_translations(base: FactBase) -> Iterator[Problem]:
    for lang in LANGUAGES:
        name = _LANGUAGE_NAMES[lang]
        if lang not in base.summary:
            yield Problem(base.path, 0, f"summary has no {name} version (summary.{lang})")
        for fact in base.facts:
            if lang not in fact.answers:
                yield Problem(
                    base.path, fact.line, f'fact "{fact.id}" has no {name} answer (answer.{lang})'
                )
            if lang not in fact.phrasings:
                yield Problem(
                    base.path, fact.line, f'fact "{fact.id}" has no {name} phrasings (ask.{lang})'
                )
        for entry in base.smalltalk:
            if lang not in entry.answers or lang not in entry.phrasings:
                yield Problem(
                    base.path,
                    entry.line,
                    f'smalltalk "{entry.id}" has no {name} version (ask.{lang}, answer.{lang})',
                )


def _thin_facts(base: FactBase) -> Iterator[Problem]:
    for fact in base.facts:
        count = len(fact.phrasings.get("en", ()))
        if count < MIN_PHRASINGS:
            yield Problem(
                base.path,
                fact.line,
                f'fact "{fact.id}" has {count} English phrasing{"s" if count != 1 else ""}; '
                f"add at least {MIN_PHRASINGS} varied ones (who/what/when forms, synonyms, short forms)",
            )


def _near_duplicates(base: FactBase) -> Iterator[Problem]:
    for fact in base.facts:
        for asks in fact.phrasings.values():
            texts = [normalise_phrasing(p) for p in asks]
            kinds = [question_kind(tokenize(p))[0] for p in asks]
            for i, first in enumerate(texts):
                for j in range(i + 1, len(texts)):
                    # "when was it held" and "where was it held" differ where it matters
                    if kinds[i] == kinds[j] and fuzz.ratio(first, texts[j]) >= NEAR_DUPLICATE_RATIO:
                        yield Problem(
                            base.path,
                            fact.line,
                            f'fact "{fact.id}": phrasings "{asks[i]}" and "{asks[j]}" are nearly '
                            "the same; vary the wording so they teach the matcher something new",
                        )


def _synonym_clashes(base: FactBase) -> Iterator[Problem]:
    """A synonym that stems like a word of another group ("crewed" and "crew") can stand for
    one concept only: the group listed later takes it."""
    claimed: dict[tuple[str, ...], tuple[str, str]] = {}  # stems -> (word, group's first)
    for group in base.synonyms:
        for word in group:
            stems = phrase_stems(word)
            earlier = claimed.get(stems)
            if earlier is not None and earlier[1] != group[0]:
                yield Problem(
                    base.path,
                    0,
                    f'synonyms: "{earlier[0]}" (group "{earlier[1]}") reads the same as '
                    f'"{word}" (group "{group[0]}"), so it only counts as "{group[0]}"; '
                    "keep it in one group",
                )
            claimed[stems] = (word, group[0])


def _conflicts(base: FactBase, matcher: Matcher) -> Iterator[Problem]:
    """Phrasings the bot answers with another fact, or declines because a `decline:`
    example reads the same ("is soyuz the only spacecraft…" and "which other spacecraft
    besides soyuz…" share every concept, and a tie goes to the example)."""
    for fact in base.facts:
        for lang, asks in fact.phrasings.items():
            for phrasing in asks:
                match = matcher.match(phrasing, language=lang)
                other = match.fact
                if match.status is Status.ANSWERED and other is not None and other.id != fact.id:
                    yield Problem(
                        base.path,
                        fact.line,
                        f'fact "{fact.id}": its phrasing "{phrasing}" is answered with fact '
                        f'"{other.id}"; make it more specific or move it',
                    )
                example = match.evidence.decline_example if match.evidence else None
                if match.status is Status.UNKNOWN and example is not None:
                    yield Problem(
                        base.path,
                        fact.line,
                        f'fact "{fact.id}": its phrasing "{phrasing}" is declined as the '
                        f'decline example "{example}"; reword one of them',
                    )


def _imprecise_phrasings(base: FactBase) -> Iterator[Problem]:
    """Phrasings that ask a more precise time than the fact's answer and citation give
    ("what time…?" of a fact that gives a date): the bot offers such a fact, it does not
    answer with it."""
    for fact in base.facts:
        replied = [*fact.answers.values(), *(quote.quote for quote in fact.citations)]
        given = frozenset().union(*map(precisions_given, replied))
        for asks in fact.phrasings.values():
            for phrasing in asks:
                asked = asked_precision(tokenize(phrasing))
                if asked is not None and asked not in given:
                    yield Problem(
                        base.path,
                        fact.line,
                        f'fact "{fact.id}": its phrasing "{phrasing}" asks the {asked}, which '
                        "its answer does not give; add it to the answer or drop the phrasing",
                    )


def uncited_sentences(base: FactBase) -> list[tuple[str, str]]:
    """(place, sentence) of every article sentence that no fact's citation overlaps."""
    quotes = [c.quote for f in base.facts for c in f.citations]
    missing = []
    for location, text in base.article.parts():
        if location.is_label:
            continue
        for sentence in split_sentences(text):
            if not any(sentence in q or q in sentence for q in quotes):
                missing.append((location.label(), sentence))
    return missing


def _uncited_sentences(base: FactBase) -> Iterator[Problem]:
    for place, sentence in uncited_sentences(base):
        shown = sentence if len(sentence) <= 80 else sentence[:79] + "…"
        yield Problem(base.path, 0, f'coverage: no fact cites {place}: "{shown}"')
