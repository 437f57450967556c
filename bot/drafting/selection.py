"""Every fact of a draft with its phrasings.

The matcher answers a fact only when it clearly leads, so a question form (as the
matcher reads it: its kind and its folded concepts) is given to one sentence only: the
one that holds all its words and answers its kind best (the most precise date, the most
places), else the shortest. The draft is then matched against itself
(`bot.drafting.prune`), and a phrasing another fact would answer is dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from bot.answering.facts import MIN_PHRASINGS, NEAR_DUPLICATE_RATIO, normalise_phrasing
from bot.drafting.article_text import ParsedArticle
from bot.drafting.keywords import KIND_ORDER, Form, Phraser
from bot.drafting.labels import OPENING_WORDS, opening
from bot.drafting.model import Concepts, Sentence, clean
from bot.drafting.smalltalk import default_smalltalk
from bot.drafting.words import sections
from bot.language.sentences import split_sentences

MAX_PHRASINGS = 22
"""Every drafted fact gets at least `MIN_PHRASINGS` phrasings and at most this many, so
that a curator can still read them all."""
MAX_TEMPLATES = 14
"""Whole questions from a sentence's shape, at most this many per fact."""


@dataclass(slots=True)
class FactDraft:
    id: str
    cites: list[str]
    answer: str
    sentence: Sentence | None
    forms: list[Form] = field(default_factory=list)
    asks: list[str] = field(default_factory=list)


METADATA_QUESTIONS = sections("draft_metadata_questions.txt")
"""Per fact about the article itself (topic, source, date, section, photo_credit), the
questions it is asked by; the first is the one shown on buttons."""


def draft_facts(
    parsed: ParsedArticle, phraser: Phraser, concepts: Concepts, summary: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Every fact with its phrasings; each phrasing's reading (kind, concepts) belongs to
    one fact only. The headline's fact answers with the `summary` sentences too, and cites
    them."""
    title = phraser.analyser.sentences[0]
    drafts = _metadata_facts(parsed, title, summary)
    ids = {d.id for d in drafts}
    for sentence in phraser.sentences:
        if sentence.part == "title":
            continue
        fact_id = _fact_id(sentence, phraser, ids)
        ids.add(fact_id)
        cites = [sentence.text, *(s.text for s in sentence.merged)]
        drafts.append(FactDraft(fact_id, cites, sentence.text, sentence, phraser.forms(sentence)))

    reserved = {
        concepts.key(p)
        for entry in default_smalltalk(parsed.title)
        for asks in entry["ask"].values()
        for p in asks
    }
    claims: dict[tuple[str | None, frozenset[str]], list[tuple[FactDraft, Form]]] = defaultdict(
        list
    )
    for draft in drafts:
        for form in draft.forms:
            key = concepts.key(form.text)
            if key[1] and key not in reserved:
                claims[key].append((draft, form))
    chosen: dict[int, list[Form]] = defaultdict(list)
    for (kind, bag), claimants in claims.items():
        winner = min(claimants, key=lambda c: _claim_rank(c, bag, kind, phraser))
        chosen[id(winner[0])].append(winner[1])
    used: set[str] = set()
    for draft in drafts:
        # A fallback or a lead question may read like another fact's: the first keeps it.
        asks = _select(draft, chosen[id(draft)], concepts)
        free = [a for a in asks if normalise_phrasing(a) not in used]
        draft.asks = _lead_first(free, draft.sentence, used)
        used.update(normalise_phrasing(a) for a in draft.asks)
    # A "sentence" with no word to ask about ("…", a lone figure) makes no fact. The
    # headline's fact leads and the byline's, date's, section's and photo's close the
    # list: the bot offers the first facts as examples ("I can tell you, for example").
    kept = [d for d in drafts if d.asks]
    about_the_page = [d for d in kept[1:] if d.sentence is None]
    ordered = [*kept[:1], *(d for d in kept[1:] if d.sentence is not None), *about_the_page]
    return [_fact(d.id, d.cites, d.answer, d.asks) for d in ordered]


def _claim_rank(
    claim: tuple[FactDraft, Form], bag: frozenset[str], kind: str | None, phraser: Phraser
) -> tuple[float, ...]:
    draft, form = claim
    if draft.sentence is None:
        return (-2.0,)  # the title's, the byline's and the photo's own questions
    kind = kind or form.owner_kind
    return (-1.0 if form.template else 0.0, *phraser.strength(draft.sentence, bag, kind))


def _select(draft: FactDraft, forms: list[Form], concepts: Concepts) -> list[str]:
    """A fact's phrasings: whole questions first, then for each kind it answers its best
    forms, then keyword forms; at least MIN_PHRASINGS, at most MAX_PHRASINGS."""
    order = {id(f): n for n, f in enumerate(draft.forms)}
    templates = sorted((f for f in forms if f.template), key=lambda f: order[id(f)])
    others = sorted((f for f in forms if not f.template), key=lambda f: -f.weight)
    picked: list[Form] = templates[:MAX_TEMPLATES]
    picked += [f for f in others if f.context]
    for kind in (*KIND_ORDER, None):
        picked += [f for f in others if f.kind == kind][:2]
        picked += [f for f in others if f.kind == kind and f.broad][:2]
    picked += others
    out: list[str] = []
    seen: set[str] = set()
    for form in picked:
        key = normalise_phrasing(form.text)
        kind = concepts.key(form.text)[0]
        if (
            not key
            or key in seen
            or (
                not form.template
                and any(
                    concepts.key(o)[0] == kind
                    and fuzz.ratio(key, normalise_phrasing(o)) >= NEAR_DUPLICATE_RATIO
                    for o in out
                )
            )
        ):
            continue
        seen.add(key)
        out.append(form.text)
    out = out[:MAX_PHRASINGS]
    if draft.sentence is not None and len(out) < MIN_PHRASINGS:
        taken = {concepts.key(t) for t in out}
        for text in _fallbacks(draft.sentence):
            reading = concepts.key(text)
            if reading[1] and reading not in taken and normalise_phrasing(text) not in seen:
                taken.add(reading)
                seen.add(normalise_phrasing(text))
                out.append(text)
            if len(out) >= MIN_PHRASINGS:
                break
    return out


def _metadata_facts(
    parsed: ParsedArticle, title: Sentence, summary: Sequence[str]
) -> list[FactDraft]:
    """What the article is about (its headline and summary), who wrote it, its section,
    and who took the photo."""

    def forms(section: str) -> list[Form]:
        first, *rest = METADATA_QUESTIONS[section]
        # The first is a whole question: it asks its kind, as a reader would.
        return [Form(first, "when" if section == "date" else None, True, 100.0)] + [
            Form(t, None, True, 100.0) for t in rest
        ]

    out = [
        FactDraft(
            "article-topic",
            [title.text, *summary],
            f"“{title.text}”: {' '.join(summary)}" if summary else title.text,
            None,
            forms("topic"),
        )
    ]
    by = parsed.byline or parsed.source
    if by:
        answer = f"The article is by {by}."
        if parsed.byline and parsed.source:
            answer += f" It was published by {parsed.source}."
        out.append(
            FactDraft(
                "source",
                [title.text],
                answer,
                None,
                forms("source"),
            )
        )
    if parsed.date:
        out.append(
            FactDraft(
                "article-date",
                [parsed.date],
                f"The article is dated {parsed.date}.",
                None,
                forms("date"),
            )
        )
    if parsed.section:
        out.append(
            FactDraft(
                "section",
                [parsed.section],
                f"The article is in the {parsed.section} section.",
                None,
                forms("section"),
            )
        )
    if parsed.caption and parsed.credit:
        out.append(
            FactDraft(
                "photo-credit",
                [split_sentences(parsed.caption)[0]],
                f"The photo is credited to {parsed.credit}.",
                None,
                forms("photo_credit"),
            )
        )
    return out


def _lead_first(asks: list[str], sentence: Sentence | None, used: set[str]) -> list[str]:
    """The phrasing shown on buttons comes first: a whole question if there is one, else
    how the sentence opens ("He says authorities are reacting slowly to…": a keyword form
    such as "Slowly" tells a reader nothing), longer if another fact's button already
    reads so, else the first keyword form, capitalised. At most MAX_PHRASINGS."""
    lead = next((i for i, a in enumerate(asks) if a[:1].isupper() and a.endswith("?")), None)
    if lead is not None:
        return [asks[lead], *asks[:lead], *asks[lead + 1 :]]
    if not asks:
        return asks
    if sentence is not None:
        # Longer, past clause breaks, where another fact's button already reads the same.
        labels = (opening(sentence), opening(sentence, 2 * OPENING_WORDS, to_break=False))
        label = next((t for t in labels if t and normalise_phrasing(t) not in used), "")
        if label:
            key = normalise_phrasing(label)
            rest = [a for a in asks if normalise_phrasing(a) != key]
            return [label, *rest][:MAX_PHRASINGS]
    return [asks[0][0].upper() + asks[0][1:], *asks[1:]]  # a keyword form, not a question


def _fallbacks(sentence: Sentence) -> list[str]:
    """More forms when a sentence has few of its own: short stretches of its words."""
    words = [t.text for t in sentence.tokens]
    out = [f"what about {clean(sentence.subject)}"] if sentence.subject else []
    for size in (5, 4, 6, 3, 7):
        for start in range(0, max(1, len(words) - size + 1), max(1, size // 2)):
            out.append(clean(" ".join(words[start : start + size])))
    return out


def _fact(fact_id: str, cites: list[str], answer: str, asks: list[str]) -> dict[str, Any]:
    return {
        "id": fact_id,
        "draft": True,
        "cite": cites[0] if len(cites) == 1 else cites,
        "answer": {"en": answer},
        "ask": {"en": asks},
    }


def _fact_id(sentence: Sentence, phraser: Phraser, taken: set[str]) -> str:
    """`p3-…` for paragraph 3, `standfirst-…`, `caption-…`, then the sentence's best words."""
    prefix = f"p{sentence.paragraph}" if sentence.part == "paragraph" else sentence.part
    weights = phraser._weights(sentence)
    best = sorted(weights, key=lambda c: -weights[c])[:3]
    words = []
    for concept in sorted(best, key=lambda c: next(p for x, p in sentence.concepts if x == c)):
        position = next(p for x, p in sentence.concepts if x == concept)
        words.append(sentence.tokens[position].bare.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join([prefix, *words])).strip("-")
    while len(slug) > 44:
        slug = slug.rsplit("-", 1)[0]
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{n}"
        n += 1
    return candidate
