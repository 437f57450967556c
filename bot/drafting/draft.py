"""Draft a facts file from an article, for a curator to review: `article-bot draft`.

The article's parts and paragraphs are copied verbatim (`bot.drafting.article_text`) and split
into sentences (`bot.language.sentences`). Each sentence becomes one fact that cites it and
answers with it; a sentence that repeats another (the standfirst restating a paragraph)
joins that fact as a second citation. Nothing is invented: questions are built from what
each sentence holds. A date gives "when…" forms, a person or an acting organisation
"who…", a place "where…", a cause ("because", "delayed", "after … brought") "why…", a
number "how many/much…"; roles, speech, causes and places give whole questions ("Who is
NASA's acting administrator?", "What did Bakanov say?", "Why was the launch delayed?");
short keyword forms pair the main verb and names of each clause.

The matcher answers a fact only when it clearly leads, so a question form (as the
matcher reads it: its kind and its folded word stems) is given to one sentence only: the
one that holds all its words and answers its kind best (the most precise date, the most
places), else the shortest. The draft is then matched against itself, and a phrasing
that another fact would answer is dropped.

Every generated entry is marked `draft: true` (each fact, and the summary) until a
curator has read it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, utils

from bot.answering.facts import (
    MIN_PHRASINGS,
    NEAR_DUPLICATE_RATIO,
    FactBase,
    FactsError,
    loads,
    normalise_phrasing,
)
from bot.drafting.article_text import ArticleError, ParsedArticle, read_article
from bot.language.sentences import ABBREVIATIONS, split_sentences
from bot.language.text import STOPWORDS, SynonymFolder, phrase_stems, question_kind, stem, tokenize

DEFAULT_OUTPUT = "facts.draft.yaml"
MAX_PHRASINGS = 18
"""Every drafted fact gets at least `MIN_PHRASINGS` phrasings and at most this many, so
that a curator can still read them all."""
MAX_TEMPLATES = 10
"""Whole questions from a sentence's shape, at most this many per fact."""
KEYWORDS_PER_CLAUSE = 4
GLOBAL_KEYWORDS = 6
MAX_WINDOW_TOKENS = 6
"""Keywords are written as the stretch of the sentence joining them, if this short."""
MERGE_MIN_SHARED = 3
"""Two sentences with the same date and this many shared words state one fact."""
SUMMARY_MIN, SUMMARY_MAX = 3, 5
SIMILARITY_FLOOR = 0.2
"""Sentence pairs less alike than this (rapidfuzz token_set_ratio / 100) share no edge."""
DAMPING = 0.85
REPEAT_RATIO = 50.0
"""Two sentences this alike (rapidfuzz token_sort_ratio) say much the same for a summary."""
MAX_DROPPED_SHOWN = 40


class DraftError(Exception):
    """The article cannot be drafted; the message says why and what to do."""


def _groups(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(w.strip() for w in line.split(",")) for line in text.strip().splitlines() if line
    )


# --- general tables -------------------------------------------------------------------
SYNONYM_TABLE = _groups(
    """
    chief, head, heads, headed, boss, leader, leaders, lead, leads, director, general director, administrator, chairman, chairwoman, top official, honcho
    meet, met, meeting, meetings, talks, conferred, confer, summit, sat down, sit down, got together, get together
    say, said, says, saying, quoted, quote, quotes, stated, statement, remarks, told, describe, described
    announce, announced, announcement, declared, declare, unveiled, revealed
    agreement, agree, agreed, deal, accord, pact, treaty
    delay, delayed, postpone, postponed, postponement, pushed back, push back, put off, rescheduled, reschedule, held up, hold up
    cancel, cancelled, canceled, cancellation, scrapped, called off, call off
    start, started, begin, began, begun, beginning, commence, commenced, kicked off
    stop, stopped, cease, ceased, halt, halted, suspend, suspended, cut ties, quit, ended
    build, built, construction, construct, constructed, assembly, assemble, assembled, assembling
    set up, found, founded, establish, established, create, created, founders, founder
    launch, launched, launches, liftoff, lift off, blast off, takeoff
    crash, crashed, smash, smashed, crash-landed, slammed
    fail, failed, failure, failures, flop, fiasco, unsuccessful
    problem, problems, trouble, troubles, difficulty, difficulties, woes, struggle, struggles, struggling, suffer, suffered, suffering
    money, funding, funds, funded, financing, finances, cash, underfunded, cash-strapped
    cost, costs, price, priced, expense, spent, spend
    occupied, inhabited, crewed, staffed, lived, living, populated, manned
    photo, photograph, photographs, picture, image, pic
    author, wrote, written, writer, byline, reporter
    cooperation, cooperate, cooperating, collaboration, collaborate, work together, working together
    partnership, partnerships, partner, partners
    relations, relationship, ties
    country, countries, nation, nations
    extend, extended, extension, prolong, prolonged
    decommission, decommissioned, decommissioning, retire, retired, retirement, shut down, mothball, mothballed
    pride, proud
    visit, visited, visiting, trip, tour
    last, previous, previously, prior, earlier
    continue, continued, continues, continuing, keep, kept, maintain, carry on
    operate, operated, operating, operation, operations, run, running, runs
    joint, jointly, together, shared, mutual
    until, till, through
    plan, plans, planned, planning, intend, intended, scheduled, slated, supposed, expected
    originally, initially, at first, original, initial
    timeline, timetable, schedule
    sanction, sanctions, embargo, restrictions, penalties
    war, conflict, offensive, invasion, assault, attack, fighting
    spacecraft, spaceship, spaceships, space capsule, capsule
    astronaut, astronauts, cosmonaut, cosmonauts, spaceman, spacemen
    probe, lander
    moon, lunar
    sun, solar
    scientist, scientists, researcher, researchers, expert, experts
    company, companies, firm, corporation, business, enterprise
    agency, agencies, organisation, organization, organisations, organizations
    prime minister, premier
    reach, reached, reaching, arrive, arrived, fly to
    corruption, corrupt, bribery, graft
    scandal, scandals, controversy
    lack, shortage, shortfall, lacking, insufficient
    landing, land, landed, touchdown, touch down
    attempt, attempted, try, tried, bid
    facility, facilities, site, complex
    program, programme, programs, programmes
    center, centre
    defense, defence
    mission, missions, expedition
    crew, crews, team
    international, multinational, global, worldwide
    flagship, symbol, showcase, emblem
    aboard, on board, onboard
    capable, able
    news, media, press
    article, story, piece
    location, venue, place, located, host, hosted, hosting
    reason, reasons, cause, causes, caused
    killed, died, dead, deaths, death, fatalities
    injured, wounded, hurt, injuries
    win, won, victory, winner
    lose, lost, defeat, loss
    elect, elected, election, vote, voted, polls
    law, legislation, bill
    ban, banned, prohibit, prohibited, outlaw, outlawed
    rise, rose, increase, increased, grew, growth, jump, jumped
    fall, fell, decrease, decreased, drop, dropped, decline, declined
    big, large, huge, major
    small, little, tiny, minor
    buy, bought, purchase, purchased, acquire, acquired, acquisition
    sell, sold, sale, sales
    warn, warned, warning, caution, cautioned
    accuse, accused, allege, alleged, charged, blame, blamed
    arrest, arrested, detained, detain, custody
    fire, blaze, flames
    storm, hurricane, typhoon, cyclone
    protest, protests, demonstration, demonstrators, protesters, rally
    help, aid, assist, assistance, support, supported
    """
)
"""Words that mean the same to a reader asking about news. A group goes into a draft's
`synonyms:` only if one of its words is in the article, so that a question worded
differently folds onto the article's own word."""
DEMONYMS = _groups(
    """
    russia, russian, russians
    united states, us, u.s., usa, america, american, americans
    united kingdom, uk, u.k., britain, great britain, british
    japan, japanese
    china, chinese
    ukraine, ukrainian, ukrainians
    europe, european, europeans
    india, indian, indians
    france, french
    germany, german, germans
    kazakhstan, kazakh
    iran, iranian, iranians
    israel, israeli, israelis
    canada, canadian, canadians
    italy, italian, italians
    spain, spanish
    brazil, brazilian, brazilians
    turkey, turkish
    poland, polish
    netherlands, dutch, holland
    sweden, swedish
    norway, norwegian
    denmark, danish
    finland, finnish
    australia, australian, australians
    mexico, mexican, mexicans
    north korea, north korean
    south korea, south korean
    saudi arabia, saudi
    egypt, egyptian
    africa, african
    asia, asian
    soviet union, ussr, soviet
    west, western, westerners
    east, eastern
    """
)
"""A country or region, then the words for its people."""
_REGIONS = frozenset(("europe", "africa", "asia", "west", "east", "soviet union"))
COUNTRIES: frozenset[str] = frozenset(g[0] for g in DEMONYMS if g[0] not in _REGIONS) | frozenset(
    """
    argentina austria belgium belarus bulgaria chile colombia croatia cuba czechia greece
    hungary indonesia ireland kenya lebanon libya malaysia nigeria pakistan peru
    philippines portugal romania serbia singapore slovakia switzerland syria taiwan
    thailand uzbekistan venezuela vietnam yemen afghanistan iraq georgia armenia
    azerbaijan moldova estonia latvia lithuania mongolia qatar us usa uk america britain
    """.split()
)
PLACE_NAMES: frozenset[str] = (
    COUNTRIES
    | _REGIONS
    | frozenset(
        """
        antarctica arctic alabama alaska arizona arkansas california colorado connecticut
        delaware florida hawaii idaho illinois indiana iowa kansas kentucky louisiana maine
        maryland massachusetts michigan minnesota mississippi missouri montana nebraska
        nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia
        washington wisconsin wyoming moscow london paris berlin beijing tokyo kyiv kiev
        brussels geneva rome madrid vienna warsaw prague budapest istanbul ankara tehran
        dubai delhi mumbai shanghai seoul sydney toronto ottawa houston baikonur vostochny
        plesetsk sochi minsk astana almaty tashkent riyadh cairo jerusalem baghdad damascus
        beirut havana lima santiago
        """.split()
    )
)
TITLE_WORDS = frozenset(
    """
    president secretary minister chancellor king queen prince princess pope governor mayor
    senator judge director chairman chairwoman chief ceo dr mr mrs ms prof professor sir
    dame lord lady captain commander colonel general admiral ambassador commissioner
    spokesman spokeswoman spokesperson administrator premier sheikh emir archbishop bishop
    rev sen rep gov gen lt sgt coach inspector detective astronaut cosmonaut
    """.split()
)
ROLE_WORDS = TITLE_WORDS | frozenset(
    """
    head leader founder owner editor manager official member analyst expert scientist
    researcher engineer author reporter correspondent player executive adviser advisor
    deputy lawyer economist historian teacher doctor pilot boss
    """.split()
)
ORG_WORDS = frozenset(
    """
    agency corporation corp company council ministry university institute inc ltd group
    bank party union committee organisation organization association department office
    court service services force forces army navy board authority commission parliament
    senate congress news times post press club team foundation fund federation
    administration government network airlines society league
    """.split()
)
PLACE_WORDS = frozenset(
    """
    center centre cosmodrome facility airport port harbour harbor square street road avenue
    park lake river island islands mountain mountains mount valley bay sea ocean gulf base
    stadium hall palace bridge city county province region district coast peninsula desert
    forest canal
    """.split()
)
GENERIC_WORDS = frozenset(
    """
    time times person people thing things way ways part lot kind sort area areas issue
    number case fact point place week weeks day days month months year years decade
    decades meantime one ones few first second new recent
    """.split()
)
"""Words too general to ask about on their own: they join keyword forms last."""
MONTHS = (
    "January February March April May June July August September October November December"
).split()
_MONTH = r"(?:January|February|March|April|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE = re.compile(
    rf"(?P<full>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
    rf"|(?P<day>(?:{_MONTH}|May)\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}\s+(?:{_MONTH}|May)\b)"
    rf"|(?P<month>(?:{_MONTH}|May)\s+\d{{4}})"
    r"|(?P<year>\b(?:1[5-9]|20)\d{2}s?\b)"
    rf"|(?P<bare>\b{_MONTH}\b)"
    rf"|(?P<relative>\b(?:last|next|this|early|late)\s+(?:week|month|year|spring|summer|autumn"
    rf"|fall|winter|{_WEEKDAY})\b|\b{_WEEKDAY}\b|\b(?:yesterday|today|tomorrow)\b)"
    r"|(?P<span>\bfor\s+(?:decades|years|months|weeks|(?:\w+\s+)?(?:years|decades|months"
    r"|weeks|days))\b|\bsince\s+(?:then|\d{4})\b)"
)
_DATE_STRENGTH = {"full": 4, "day": 3, "month": 2, "year": 1, "bare": 1, "relative": 1, "span": 1}
_NUMBER_WORDS = frozenset(
    """
    two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
    fifty hundred hundreds thousand thousands million millions billion billions dozen dozens
    """.split()
)
_CURRENCY = frozenset(
    "euro euros dollar dollars rubles roubles ruble rouble pounds pound yen yuan francs".split()
)
_CAUSE_MARKERS = re.compile(
    r"\b(?:because|due to|owing to|as a result of|thanks to|in response to|amid|as part of"
    r"|after [^,.;]{0,60}?\b(?:brought|caused|forced|led|triggered|sparked|prompted))\b",
    re.I,
)
_CAUSE_VERBS = frozenset(
    """
    delayed postponed cancelled canceled halted stopped forced caused prevented disrupted
    grounded scrubbed suspended damaged destroyed triggered sparked prompted blocked
    """.split()
)
_SPEECH_VERBS = frozenset(
    "said says told added stated announced declared noted warned explained insisted claimed "
    "confirmed".split()
)
_EVENT_VERBS = frozenset(
    """
    crashed failed exploded collapsed sank died vanished disappeared landed burned broke
    ended closed resigned retired fell rose stopped halted shut burst flooded erupted
    """.split()
)
_IRREGULAR_BASE = dict(
    pair.split(":")
    for pair in """
    met:meet took:take began:begin brought:bring made:make said:say told:tell held:hold
    left:leave won:win lost:lose fell:fall rose:rise broke:break came:come went:go gave:give
    got:get saw:see sank:sink built:build led:lead ran:run spent:spend sent:send kept:keep
    became:become grew:grow wrote:write chose:choose sold:sell bought:buy paid:pay flew:fly
    drove:drive found:find thought:think caught:catch fought:fight struck:strike stood:stand
    """.split()
)
_VERB_WORDS = frozenset(
    """
    is are was were be been has have had will would can could may might must shall should
    remains remain remained becomes became begins began comes came goes went gets got
    makes made takes took says said meets met holds held leaves left seems seemed attends
    aligns set put hit cut
    """.split()
) | frozenset(_IRREGULAR_BASE)
_AUXILIARIES = frozenset("is are was were be been has have had will would can could".split())
_LEADING_WORDS = frozenset(
    "in as with after before during for since on at despite amid under by from".split()
)
_PRONOUNS = frozenset("it they he she this these its their his her".split())
_DETERMINERS = frozenset("the a an its their his her this that these those".split())
_PREPOSITIONS = frozenset(
    """
    through until since across over under via into onto toward towards without within
    against among around behind beyond despite except inside outside past upon near like
    unlike versus amid aboard along beside besides
    """.split()
)
_LIGHT_VERBS = frozenset(
    "take took taken make made get got have has had give gave do did been be is was set".split()
)
_THING_PRONOUNS = frozenset(("it", "its"))
_WEAK_WORDS = frozenset(
    """
    said says told according including such part few more most other another well since
    while though although however also already still even much many way ways per that
    not no nor never dr mr mrs ms prof gen sen rep gov lt sgt st
    """.split()
)
_CONNECTORS = frozenset(("of", "de", "von", "van", "al", "bin", "da", "del", "la", "le"))
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?(?:-?[^\W\d_]+)?|[^\W\d_](?:\w|[-'’.](?=\w))*['’]?")
_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:but|and|while|which|who|whereas|although|though|offering|as)\b)|;\s+|\s[—–]\s"
    r"|(?<=[.!?])\s+(?=[\"“A-Z])|\s(?=(?:because|although|whereas)\s)"
    r"|\s(?=after\s[^,.;]{0,60}?\b(?:brought|caused|forced|led|triggered|sparked|prompted)\b)"
)
_HYPHEN_PREFIXES = frozenset("de re co pre non anti multi inter sub post mid over under".split())
_KIND_ORDER = ("who", "when", "where", "why", "quantity")
_KIND_NOUNS = {
    "when": "date",
    "where": "location",
    "who": "name",
    "why": "reason",
    "quantity": "number",
}
"""The noun a reader may ask a kind with: "meeting date", "launch site location"."""


# --- small-talk defaults --------------------------------------------------------------
def default_smalltalk(title: str) -> list[dict[str, Any]]:
    """Greeting, thanks, goodbye, who-are-you, what-can-you-do and how-are-you."""

    def entry(entry_id: str, en: str, ru: str, answer_en: str, answer_ru: str) -> dict[str, Any]:
        return {
            "id": entry_id,
            "ask": {"en": en.split("|"), "ru": ru.split("|")},
            "answer": {"en": answer_en, "ru": answer_ru},
        }

    return [
        entry(
            "greeting",
            "hi|hello|hey|hey there|good morning|good afternoon|good evening",
            "привет|здравствуйте|добрый день|доброе утро|добрый вечер",
            f'Hello! Ask me anything about the article "{title}".',
            f"Здравствуйте! Спрашивайте что угодно о статье «{title}».",
        ),
        entry(
            "thanks",
            "thanks|thank you|thank you very much|thanks a lot|cheers|appreciate it",
            "спасибо|спасибо большое|благодарю",
            "You're welcome! Feel free to ask anything else about the article.",
            "Пожалуйста! Спрашивайте ещё, если что-то интересно.",
        ),
        entry(
            "goodbye",
            "bye|goodbye|bye bye|see you|see you later|good night|take care|farewell",
            "пока|до свидания|до встречи|всего доброго",
            "Goodbye! Come back any time you have a question about the article.",
            "До свидания! Возвращайтесь, если появятся вопросы по статье.",
        ),
        entry(
            "who-are-you",
            "who are you|what are you|are you a bot|are you human|what is your name",
            "кто ты|кто вы|ты бот|ты человек|как тебя зовут",
            "I'm a bot that answers questions about one news article and shows the sentence "
            "each answer comes from.",
            "Я бот, который отвечает на вопросы об одной новостной статье и показывает "
            "предложение, на котором основан ответ.",
        ),
        entry(
            "what-can-you-do",
            "what can you do|help|how does this work|what can i ask|how do i use you",
            "что ты умеешь|помощь|помоги|как это работает|что можно спросить",
            "Ask me a question about the article, for example who, what, when or where, and "
            "I'll answer with the sentence the answer comes from.",
            "Задайте вопрос о статье, например кто, что, когда или где, и я отвечу со ссылкой "
            "на предложение из текста.",
        ),
        entry(
            "how-are-you",
            "how are you|how are you doing|how's it going|how do you do",
            "как дела|как ты|как поживаешь",
            "I'm doing well, thanks for asking! What would you like to know about the article?",
            "Всё хорошо, спасибо! Что вы хотите узнать о статье?",
        ),
    ]


# --- concepts, as the matcher sees them -----------------------------------------------
class _Concepts:
    """Stems with synonym phrases folded into one concept, the way `bot.answering.matcher` does."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self.folder = SynonymFolder(groups)
        self.keys: dict[str, tuple[str | None, frozenset[str]]] = {}

    def fold(self, stems: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """(stem, position) pairs with synonym phrases folded, longest phrase first."""
        spans = self.folder.fold_spans([s for s, _ in stems])
        return [(concept, stems[start][1]) for concept, start, _ in spans]

    def of_text(self, text: str) -> list[str]:
        """The concepts of a text, in order."""
        stems = [(stem(t), 0) for t in tokenize(text) if t not in STOPWORDS]
        return [c for c, _ in self.fold(stems)]

    def key(self, phrasing: str) -> tuple[str | None, frozenset[str]]:
        """A phrasing as the matcher reads it: its kind and its bag of concepts."""
        if phrasing not in self.keys:
            kind, rest = question_kind(tokenize(phrasing))
            stems = [(stem(t), 0) for t in rest if t not in STOPWORDS]
            self.keys[phrasing] = (kind, frozenset(c for c, _ in self.fold(stems)))
        return self.keys[phrasing]


# --- sentence analysis ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int
    initial: bool

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def bare(self) -> str:
        """Without a possessive ending: "NASA's" -> "NASA", "Roscosmos'" -> "Roscosmos"."""
        return re.sub(r"['’]s?$", "", self.text)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(slots=True)
class _Entity:
    text: str  # as written, possessive removed
    kind: str  # person | org | place | thing
    start: int  # token indexes
    end: int
    role: list[str] = field(default_factory=list)
    run_start: int = -1  # where a title before the name starts ("Transportation Secretary")

    def __post_init__(self) -> None:
        if self.run_start < 0:
            self.run_start = self.start

    @property
    def surname(self) -> str:
        return self.text.split()[-1]


@dataclass(slots=True)
class _Sentence:
    text: str
    part: str  # title | standfirst | caption | paragraph
    paragraph: int | None
    order: int
    tokens: list[_Token] = field(default_factory=list)
    entities: list[_Entity] = field(default_factory=list)
    dates: list[tuple[str, str]] = field(default_factory=list)  # (text, kind)
    numbers: list[tuple[str, str]] = field(default_factory=list)  # (number, unit)
    kinds: dict[str, int] = field(default_factory=dict)  # kind -> how well it answers it
    concepts: list[tuple[str, int]] = field(default_factory=list)  # (concept, token index)
    clauses: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    context: dict[str, str] = field(default_factory=dict)  # borrowed concept -> its words
    context_phrase: str = ""  # what a shared noun was called before ("launch of a … crew")
    subject: str = ""
    verb: int | None = None  # the main verb's token index
    merged: list[_Sentence] = field(default_factory=list)  # sentences restating this one
    merged_into: _Sentence | None = None

    @property
    def own_concepts(self) -> set[str]:
        return {c for c, _ in self.concepts}

    @property
    def vocabulary(self) -> set[str]:
        words = self.own_concepts | set(self.context)
        for other in self.merged:
            words |= other.own_concepts | set(other.context)
        return words

    @property
    def date_texts(self) -> set[str]:
        return {d for d, kind in self.dates if kind in ("full", "day", "month")}


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    previous_end = 0
    for m in _TOKEN.finditer(text):
        gap = text[previous_end : m.start()]
        initial = not out or bool(re.search(r"[\"“‘(:—–]\s*$", gap))
        if out and re.match(r"[.!?…]+\s", gap):
            last = out[-1].lower
            initial = initial or (len(last) > 1 and last not in ABBREVIATIONS)
        out.append(_Token(m.group(), m.start(), m.end(), initial))
        previous_end = m.end()
    return out


def _base_form(verb: str) -> str:
    """The bare infinitive of a past-tense verb, for "When did … <verb>?"."""
    word = verb.lower()
    if word in _IRREGULAR_BASE:
        return _IRREGULAR_BASE[word]
    if word.endswith("ied"):
        return word[:-3] + "y"
    if word.endswith("eed"):
        return word[:-1]
    if not word.endswith("ed"):
        return word
    root = word[:-2]
    if len(root) > 2 and root[-1] == root[-2] and root[-1] not in "lsz":
        return root[:-1]
    if root.endswith(("c", "g", "v", "z", "at", "it", "ut", "ur", "bl", "pl", "tl", "dl", "as")):
        return root + "e"
    return root


def _is_verb(token: _Token) -> bool:
    word = token.lower
    if word in _VERB_WORDS:
        return True
    return (
        not token.capitalised
        and word.endswith("ed")
        and len(word) > 4
        and word not in ("indeed", "hundred", "speed", "need")
    )


def _locative(sentence: _Sentence, entity: _Entity) -> bool:
    """Whether a place is where something happens ("in Moscow", "at the … Center",
    "to visit Moscow and the … facility"), not a party to it ("Russia's program")."""
    tokens = sentence.tokens
    k = entity.start - 1
    while k >= 0 and entity.start - k <= 6:
        word = tokens[k].lower
        if word in ("in", "at", "near", "inside", "outside", "visit", "to"):
            return True
        if word not in _DETERMINERS and word != "and" and tokens[k].text[:1].islower():
            return False
        k -= 1
    return False


def _namelike(word: str) -> bool:
    lower = word.lower()
    return (
        bool(re.fullmatch(r"[A-ZА-Я][a-zа-яё'’-]+", word))
        and lower not in ORG_WORDS | PLACE_WORDS | PLACE_NAMES | TITLE_WORDS
        and word not in MONTHS
    )


def _demonym_country(word: str) -> str | None:
    for group in DEMONYMS:
        if word in group:
            return group[0]
    return None


class _Analyser:
    """Finds entities, dates, numbers, clauses, kinds and concepts in every sentence."""

    def __init__(self, parsed: ParsedArticle, concepts: _Concepts) -> None:
        self.concepts = concepts
        self.sentences = self._sentences(parsed)
        self.proper = self._proper_words()
        self.persons: dict[str, str] = {}
        self.descriptors: dict[str, str] = {}
        self.df: Counter[str] = Counter()

    @staticmethod
    def _sentences(parsed: ParsedArticle) -> list[_Sentence]:
        out: list[_Sentence] = [_Sentence(parsed.title, "title", None, 0)]
        parts: list[tuple[str, int | None, str]] = []
        if parsed.standfirst:
            parts.append(("standfirst", None, parsed.standfirst))
        if parsed.caption:
            parts.append(("caption", None, parsed.caption))
        parts.extend(("paragraph", n, text) for n, text in enumerate(parsed.paragraphs, 1))
        for part, number, text in parts:
            for piece in split_sentences(text):
                out.append(_Sentence(piece, part, number, len(out)))
        for sentence in out:
            sentence.tokens = _tokens(sentence.text)
        return out

    def _proper_words(self) -> set[str]:
        """Words seen capitalised mid-sentence and never in lower case: names."""
        capital: set[str] = set()
        lower: set[str] = set()
        for sentence in self.sentences[1:]:  # a headline may be in title case
            for token in sentence.tokens:
                if token.capitalised and not token.initial:
                    capital.add(token.bare.lower())
                elif token.text[:1].islower():
                    lower.add(token.bare.lower())
        return capital - lower

    def analyse(self) -> list[_Sentence]:
        for sentence in self.sentences:
            self._dates_and_numbers(sentence)
            sentence.entities = self._entities(sentence)
        for sentence in self.sentences:
            for entity in sentence.entities:
                if entity.kind == "person":
                    words = entity.text.split()
                    for key in (entity.text, words[-1], words[0]):
                        self.persons.setdefault(key.lower(), entity.text)
        for sentence in self.sentences:
            self._resolve_mentions(sentence)
            self._roles(sentence)
            self._descriptors(sentence)
            sentence.concepts = self._concepts_of(sentence)
            sentence.subject, sentence.verb = self._subject_and_verb(sentence)
            sentence.clauses = self._clauses(sentence)
        for index, sentence in enumerate(self.sentences):
            self._context(index, sentence)
            self._kinds(sentence)
        self._merge_restatements()
        for sentence in self.sentences:
            self.df.update(sentence.own_concepts | set(sentence.context))
        return self.sentences

    # dates, numbers ---------------------------------------------------------------
    def _dates_and_numbers(self, sentence: _Sentence) -> None:
        taken: list[tuple[int, int]] = []
        for m in _DATE.finditer(sentence.text):
            kind = m.lastgroup or "year"
            if kind == "bare" and m.group() == "May":
                continue
            sentence.dates.append((m.group(), kind))
            taken.append(m.span())
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            if any(s <= token.start < e for s, e in taken):
                continue
            word = token.lower
            numeric = token.text[:1].isdigit()
            if not numeric and word not in _NUMBER_WORDS:
                continue
            if numeric and re.search(r"[a-z]", word) and "-" not in word:
                continue  # "3rd" is an order
            if not numeric and i and tokens[i - 1].lower in _DETERMINERS:
                continue  # "the two agencies" points back; it counts nothing
            unit = word.split("-", 1)[1] if "-" in word else ""
            for follower in tokens[i + 1 : i + 4]:
                if unit or follower.lower in _NUMBER_WORDS or follower.lower in ("percent",):
                    continue
                unit = follower.lower
            if unit and unit not in STOPWORDS:
                sentence.numbers.append((token.text, unit))

    # entities -----------------------------------------------------------------------
    def _is_name_token(self, token: _Token) -> bool:
        text = token.bare
        if text.lower() in ABBREVIATIONS:
            return False  # "Dr", "Gen": a title, not part of the name
        if not text[:1].isupper() and not (text[:1].isdigit() and re.search(r"[A-Za-z]", text)):
            return False
        if "-" in text and any(part[:1].islower() for part in text.split("-")):
            return False  # "Russia-leaser", "State-owned": a compound adjective
        if text in MONTHS or re.fullmatch(_WEEKDAY, text):
            return False
        if not token.initial:
            return True
        lower = text.lower()
        return lower not in STOPWORDS and (
            lower in self.proper
            or (text.isupper() and len(text) > 1)
            or bool(re.search(r"\d", text))
            or lower in PLACE_NAMES
        )

    def _entities(self, sentence: _Sentence) -> list[_Entity]:
        tokens = sentence.tokens
        entities: list[_Entity] = []
        i = 0
        while i < len(tokens):
            if not self._is_name_token(tokens[i]):
                i += 1
                continue
            j = i + 1
            while j < len(tokens):
                if sentence.text[tokens[j - 1].end : tokens[j].start].strip():
                    break
                if self._is_name_token(tokens[j]) and not re.search(r"['’]s?$", tokens[j - 1].text):
                    j += 1
                elif (
                    tokens[j].lower in _CONNECTORS
                    and j + 1 < len(tokens)
                    and self._is_name_token(tokens[j + 1])
                    and tokens[j + 1].bare.lower() not in PLACE_NAMES
                ):
                    j += 2
                else:
                    break
            entity = self._classify(sentence, i, j)
            if entity is not None:
                entities.append(entity)
            i = j
        return entities

    def _classify(self, sentence: _Sentence, start: int, end: int) -> _Entity | None:
        words = [t.bare for t in sentence.tokens[start:end]]
        lowered = [w.lower() for w in words]
        text = " ".join(words)
        if text.lower() in PLACE_NAMES:
            return _Entity(text, "place", start, end)
        if len(words) == 1 and _demonym_country(lowered[0]):
            return None  # "Russian", "Western": an adjective
        # A title before a name: "Transportation Secretary Sean Duffy".
        title_at = max(
            (k for k, w in enumerate(lowered) if w.rstrip(".") in TITLE_WORDS), default=-1
        )
        if 0 <= title_at < len(words) - 1:
            name = words[title_at + 1 :]
            if 1 <= len(name) <= 3 and all(_namelike(w) for w in name):
                entity = _Entity(" ".join(name), "person", start + title_at + 1, end, [], start)
                entity.role.append(" ".join(words[: title_at + 1]))
                return entity
        if lowered[-1] in ORG_WORDS or any(w.isupper() and len(w) > 1 for w in words):
            return _Entity(text, "org", start, end)
        if lowered[-1] in PLACE_WORDS:
            return _Entity(text, "place", start, end)
        previous = sentence.tokens[start - 1].lower if start else ""
        if previous in ("in", "at", "near", "outside", "visit") and not re.search(r"\d", text):
            return _Entity(text, "place", start, end)
        if (
            2 <= len(words) <= 3
            and all(_namelike(w) for w in words)
            and self._person_evidence(sentence, start, end, words)
        ):
            return _Entity(text, "person", start, end)
        return _Entity(text, "thing", start, end)

    def _person_evidence(self, sentence: _Sentence, start: int, end: int, words: list[str]) -> bool:
        """A two- or three-word name is a person's if the article also names them by
        surname alone, gives them a role, or has them speak."""
        surname, before_surname = words[-1].lower(), words[-2].lower()
        for other in self.sentences:
            bare = [t.bare.lower() for t in other.tokens]
            for k, word in enumerate(bare):
                if word == surname and (k == 0 or bare[k - 1] != before_surname):
                    return True
        text = sentence.text
        after = re.match(r"\s*,\s*([^,]+)", text[sentence.tokens[end - 1].end :])
        before = re.search(r"([^,]+),\s*$", text[: sentence.tokens[start].start])
        for role in (after, before):
            if role and {w.lower() for w in re.findall(r"\w+", role.group(1))} & ROLE_WORDS:
                return True
        following = {t.lower for t in sentence.tokens[end : end + 3]}
        preceding = sentence.tokens[start - 1].lower if start else ""
        return bool(following & _SPEECH_VERBS) or preceding in _SPEECH_VERBS

    def _resolve_mentions(self, sentence: _Sentence) -> None:
        """A surname alone ("Bakanov") is the person named in full elsewhere."""
        for entity in sentence.entities:
            if entity.kind in ("thing", "org") and entity.text.lower() in self.persons:
                entity.kind = "person"
                entity.text = self.persons[entity.text.lower()]

    def _roles(self, sentence: _Sentence) -> None:
        """Appositions: "Roscosmos' director, Dmitry Bakanov," and "Dmitry Bakanov,
        general director of … Roscosmos,"."""
        text = sentence.text
        for entity in sentence.entities:
            if entity.kind != "person":
                continue
            start = sentence.tokens[entity.run_start].start
            end = sentence.tokens[entity.end - 1].end
            before = re.search(r"(?:^|[,;:(—–]\s*)([^,;:()—–]{3,80}),\s*$", text[:start])
            after = re.match(
                r"\s*,\s*(?!and\b|or\b|but\b)([^,;:()—–]{3,90})(?=[,;:)—–]|$)", text[end:]
            )
            for found in (before, after):
                if not found:
                    continue
                role = re.sub(r"^(?:and|but|or|with|while)\s+", "", found.group(1).strip())
                words = {w.lower() for w in re.findall(r"[\w']+", role)}
                if words & ROLE_WORDS and not words & _SPEECH_VERBS:
                    entity.role.append(role)

    def _descriptors(self, sentence: _Sentence) -> None:
        """What a name is ("the Luna-25 probe", "its Soyuz spacecraft"): the noun that
        follows it, for questions that use it."""
        tokens = sentence.tokens
        if sentence.part == "title":
            return
        for entity in sentence.entities:
            if entity.kind not in ("thing", "org") or entity.end >= len(tokens):
                continue
            if not entity.start or tokens[entity.start - 1].lower not in _DETERMINERS:
                continue
            follower = tokens[entity.end]
            gap = sentence.text[tokens[entity.end - 1].end : follower.start]
            if (
                not gap.strip()
                and follower.lower not in _PREPOSITIONS
                and follower.lower not in GENERIC_WORDS
                and not _DATE.match(follower.text)
                and follower.lower.isalpha()
                and not follower.capitalised
                and follower.lower not in STOPWORDS
                and not _is_verb(follower)
                and follower.lower not in _WEAK_WORDS
            ):
                self.descriptors.setdefault(entity.text, follower.lower)

    # concepts, subject, clauses, context, kinds --------------------------------------
    def _concepts_of(self, sentence: _Sentence) -> list[tuple[str, int]]:
        stems: list[tuple[str, int]] = []
        for index, token in enumerate(sentence.tokens):
            for word in tokenize(token.text):
                if word not in STOPWORDS:
                    stems.append((stem(word), index))
        return self.concepts.fold(stems)

    def _subject_and_verb(self, sentence: _Sentence) -> tuple[str, int | None]:
        """The leading noun phrase ("The ISS", "Luna-25") as written, and the main verb."""
        tokens = sentence.tokens
        text = sentence.text
        if not tokens:
            return "", None
        start = 0
        first = tokens[0].lower
        closing = re.match(r"\s*[\"“][^\"”]+[\"”]", text)
        if closing:  # '"We were surprised. …," Dr. Osei said'
            start = next((k for k, t in enumerate(tokens) if t.start >= closing.end()), 0)
            return "", self._main_verb(sentence, start)
        if first in _LEADING_WORDS or first.endswith("ly") or _is_verb(tokens[0]):
            comma = text.find(",")
            if comma < 0:
                return "", None
            start = next((k for k, t in enumerate(tokens) if t.start > comma), len(tokens))
        words: list[_Token] = []
        for token in tokens[start : start + 10]:
            gap = text[words[-1].end : token.start].strip() if words else ""
            if gap == "." and "." in words[-1].text:
                gap = ""  # "U.S." ends in a full stop that ends nothing
            if words and (_is_verb(token) or gap):
                break
            words.append(token)
        subject = text[words[0].start : words[-1].end] if words else ""
        return (subject if len(words) <= 8 else ""), self._main_verb(sentence, start)

    def _main_verb(self, sentence: _Sentence, start: int) -> int | None:
        """The first verb after the subject that is not in a name, a relative clause
        ("which … has been") or used as an adjective ("the attempted launch"); of a verb
        chain ("has been continuously occupied") the last."""
        tokens = sentence.tokens
        relative = False
        for k in range(start, len(tokens)):
            token = tokens[k]
            gap = sentence.text[tokens[k - 1].end : token.start] if k else ""
            if "," in gap:
                relative = token.lower in ("which", "who", "whose")
            if relative or not _is_verb(token) or token.capitalised:
                continue
            if k and tokens[k - 1].lower in ("the", "a", "an", "its", "their", "his", "her"):
                continue
            if any(e.start <= k < e.end for e in sentence.entities):
                continue
            verb = k
            while verb + 1 < len(tokens) and tokens[verb].lower in _AUXILIARIES:
                following = tokens[verb + 1]
                if following.lower.endswith("ly") and verb + 2 < len(tokens):
                    if _is_verb(tokens[verb + 2]):
                        verb += 2
                        continue
                    break
                if _is_verb(following):
                    verb += 1
                    continue
                break
            return verb
        return None

    def _clauses(self, sentence: _Sentence) -> list[tuple[int, int]]:
        bounds = [0]
        for m in _CLAUSE_BREAK.finditer(sentence.text):
            at = next((k for k, t in enumerate(sentence.tokens) if t.start >= m.end()), None)
            if at is not None and at > bounds[-1]:
                bounds.append(at)
        if sentence.tokens and sentence.tokens[0].lower in _LEADING_WORDS:
            comma = sentence.text.find(",")
            at = next((k for k, t in enumerate(sentence.tokens) if t.start > comma), None)
            if comma > 0 and at is not None:
                bounds = sorted({*bounds, at})
        bounds.append(len(sentence.tokens))
        return [(a, b) for a, b in pairwise(bounds) if b > a]

    def _context(self, index: int, sentence: _Sentence) -> None:
        """Words a sentence means but does not say: the antecedent of "it", and what a
        noun it shares with the sentence before was called there ("the launch" of "a …
        crew to the ISS")."""
        if sentence.part != "paragraph":
            return
        previous = [
            s
            for s in self.sentences[max(1, index - 2) : index]
            if s.part == "paragraph" and (sentence.paragraph or 0) - (s.paragraph or 0) <= 1
        ]
        lowered = [t.lower for t in sentence.tokens]
        if previous and set(lowered) & _THING_PRONOUNS:
            topic = self._topic(previous)
            if topic:
                for concept in self.concepts.of_text(topic):
                    if concept not in sentence.own_concepts:
                        sentence.context.setdefault(concept, topic.lower())
        for entity in sentence.entities:
            descriptor = self.descriptors.get(entity.text)
            if descriptor:
                for concept in self.concepts.of_text(descriptor):
                    if concept not in sentence.own_concepts:
                        sentence.context.setdefault(concept, descriptor)
        if not previous:
            return
        before = previous[-1]
        # "the launch" refers back to "the attempted launch of a … crew to the ISS".
        definite = {
            c
            for c, p in sentence.concepts
            if p and sentence.tokens[p - 1].lower in ("the", "this", "that", "these")
        }
        shared = definite & before.own_concepts
        for concept, position in before.concepts:
            if concept not in shared or self._is_common(concept):
                continue
            if position + 1 >= len(before.tokens) or before.tokens[position + 1].lower != "of":
                continue
            taken: list[_Token] = []
            for token in before.tokens[position : position + 10]:
                if taken and (token.lower in _VERB_WORDS or token.lower in ("and", "but")):
                    break
                taken.append(token)
                if before.text[token.end : token.end + 1] in (",", ";", ")", "("):
                    break
            borrowed = False
            for token in taken[1:]:
                for word in tokenize(token.text):
                    if word in STOPWORDS or word.isdigit():
                        continue
                    for c in self.concepts.of_text(word):
                        if c not in sentence.own_concepts:
                            sentence.context.setdefault(c, token.bare.lower())
                            borrowed = True
            if borrowed and not sentence.context_phrase:
                sentence.context_phrase = _clean(before.text[taken[0].start : taken[-1].end])

    def _topic(self, previous: list[_Sentence]) -> str:
        """What "it" most likely stands for: the latest subject that names a thing."""
        for sentence in reversed(previous):
            subject = sentence.subject
            if subject.lower() in _PRONOUNS:
                context = [w for c, w in sentence.context.items()]
                if context:
                    return context[0]
                continue
            names = [e for e in sentence.entities if e.kind in ("thing", "org")]
            if subject and any(
                subject.endswith(e.text) or subject.startswith(e.text) for e in names
            ):
                return subject
        return ""

    def _is_common(self, concept: str) -> bool:
        count = sum(1 for s in self.sentences if concept in s.own_concepts)
        return count > max(3, len(self.sentences) // 4)

    def _kinds(self, sentence: _Sentence) -> None:
        kinds: dict[str, int] = {}
        if sentence.part == "title":
            return
        if sentence.dates:
            kinds["when"] = max(_DATE_STRENGTH[k] for _, k in sentence.dates)
        places = [e for e in sentence.entities if e.kind == "place" and _locative(sentence, e)]
        if places:
            kinds["where"] = len({e.text for e in places}) + sum(
                1 for e in places if e.text.split()[-1].lower() in PLACE_WORDS
            )
        persons = {e.text for e in sentence.entities if e.kind == "person"}
        actor = self._actor(sentence)
        if persons or actor:
            kinds["who"] = len(persons) + (1 if actor else 0)
        if _CAUSE_MARKERS.search(sentence.text):
            kinds["why"] = 2
        elif {t.lower for t in sentence.tokens} & _CAUSE_VERBS:
            kinds["why"] = 1
        if sentence.numbers:
            kinds["quantity"] = len(sentence.numbers)
        sentence.kinds = kinds

    def _actor(self, sentence: _Sentence) -> _Entity | None:
        """An organisation that does or says something: the sentence's subject or speaker."""
        for entity in sentence.entities:
            if entity.kind not in ("org", "thing"):
                continue
            following = sentence.tokens[entity.end : entity.end + 1]
            if following and following[0].lower in _SPEECH_VERBS:
                return entity
            if (
                entity.kind == "org"
                and sentence.subject == entity.text
                and sentence.verb == entity.end
            ):
                return entity
        return None

    def _merge_restatements(self) -> None:
        """A sentence with the same date as an earlier one and several of its words
        restates it (a standfirst and a paragraph): they make one fact."""
        for i, later in enumerate(self.sentences):
            if later.part == "title" or not later.date_texts:
                continue
            for earlier in self.sentences[1:i]:
                if earlier.merged_into is not None or earlier.part == "title":
                    continue
                dates = {d for d in earlier.date_texts & later.date_texts}
                shared = earlier.own_concepts & later.own_concepts
                shared -= {c for d in dates for c in self.concepts.of_text(d)}
                if dates and len(shared) >= MERGE_MIN_SHARED:
                    earlier.merged.append(later)
                    later.merged_into = earlier
                    for kind, strength in later.kinds.items():
                        earlier.kinds[kind] = max(strength, earlier.kinds.get(kind, 0))
                    break


# --- phrasings ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Form:
    """A question form for one sentence: its text, and whether it is a whole question."""

    text: str
    kind: str | None
    template: bool
    weight: float
    broad: bool = False
    context: bool = False
    owner_kind: str | None = None  # "meeting date" asks "when" without saying it


class _Phraser:
    """Builds each sentence's question forms."""

    def __init__(self, analyser: _Analyser) -> None:
        self.analyser = analyser
        self.sentences = [s for s in analyser.sentences if s.merged_into is None]
        self.count = len(analyser.sentences)

    def salience(self, concept: str) -> float:
        return math.log((self.count + 1) / (self.analyser.df.get(concept, 0) + 0.5))

    def _weights(self, sentence: _Sentence) -> dict[str, float]:
        """How much each concept says about this sentence: rare words, names and the
        main verb most; dates and numbers not at all, general words little. A name
        counts once, by its rarest word ("Duffy", not "Sean")."""
        in_dates = [(m.start(), m.end()) for m in _DATE.finditer(sentence.text)]
        weights: dict[str, float] = {}
        for concept, position in sentence.concepts:
            token = sentence.tokens[position]
            if token.lower in _WEAK_WORDS or token.lower in _PRONOUNS or concept in weights:
                continue
            if any(s <= token.start < e for s, e in in_dates):
                continue
            entity = self.entity_at(sentence, position)
            if concept.isdigit() and entity is None:
                continue
            if token.lower in GENERIC_WORDS:
                continue
            weight = self.salience(concept)
            if entity is not None:
                weight += 1.5 if entity.kind == "person" else 1.0
            if self.in_leading_phrase(sentence, position):
                weight -= 1.0
            if position == sentence.verb and token.lower not in _LIGHT_VERBS:
                weight += 0.8
            weights[concept] = weight
        for entity in sentence.entities:
            inside = [c for c, p in sentence.concepts if entity.start <= p < entity.end]
            inside = [c for c in inside if c in weights]
            if entity.kind == "person":
                surname = self.analyser.concepts.of_text(entity.surname)
                keep = [c for c in inside if c in surname] or inside[-1:]
            else:
                keep = sorted(inside, key=lambda c: -weights[c])[:1]
            for concept in inside:
                if concept not in keep:
                    weights.pop(concept, None)
        return weights

    @staticmethod
    def in_leading_phrase(sentence: _Sentence, position: int) -> bool:
        """Inside "In this pool photograph …," before the subject."""
        tokens = sentence.tokens
        if not tokens or tokens[0].lower not in _LEADING_WORDS or len(sentence.clauses) < 2:
            return False
        return position < sentence.clauses[1][0]

    @staticmethod
    def entity_at(sentence: _Sentence, position: int) -> _Entity | None:
        return next((e for e in sentence.entities if e.start <= position < e.end), None)

    def bags(self, sentence: _Sentence) -> list[tuple[frozenset[str], float]]:
        """Keyword bags: the best words of each clause in pairs and threes, and the
        sentence's best words alone and in pairs; borrowed words join the main one."""
        weights = self._weights(sentence)
        out: dict[frozenset[str], float] = {}

        def add(bag: Iterable[str]) -> None:
            bag = frozenset(bag)
            if bag and bag not in out:
                out[bag] = sum(weights.get(c, self.salience(c)) for c in bag)

        ranked = sorted(weights, key=lambda c: -weights[c])
        for concept in ranked[:GLOBAL_KEYWORDS]:
            add([concept])
        for pair in combinations(ranked[:GLOBAL_KEYWORDS], 2):
            add(pair)
        verb = self.verb_concept(sentence)
        verb = verb if verb in weights else None
        if verb is not None:
            add([verb])
            for concept in ranked[: GLOBAL_KEYWORDS + 2]:
                add([verb, concept])
        for start, end in sentence.clauses:
            in_clause = [c for c, p in sentence.concepts if start <= p < end and c in weights]
            best = sorted(dict.fromkeys(in_clause), key=lambda c: -weights[c])
            best = best[:KEYWORDS_PER_CLAUSE]
            lowered = {t.lower for t in sentence.tokens[start:end]}
            if lowered & _THING_PRONOUNS:
                antecedent = self.antecedent(sentence, start)
                for concept in best[:3] if antecedent else ():
                    add([concept, *antecedent])
            for pair in combinations(best, 2):
                add(pair)
            if len(best) >= 3:
                add(best[:3])
            if verb is not None and start <= (sentence.verb or -1) < end:
                add([verb, *best[:3]])
            elif len(best) >= 4:
                add(best[:4])
        borrowed = [c for c in sentence.context if c not in weights]
        if borrowed and ranked:
            add([ranked[0], *borrowed[:2]])
            add(borrowed[:2])
        return sorted(out.items(), key=lambda item: -item[1])

    def slot(self, sentence: _Sentence, kind: str | None) -> set[str]:
        """The concepts that answer a kind: the places for "where", the people for "who"."""
        wanted = {"where": "place", "who": "person"}.get(kind or "")
        return {
            c
            for c, p in sentence.concepts
            if (entity := self.entity_at(sentence, p)) is not None and entity.kind == wanted
        }

    @staticmethod
    def is_person(sentence: _Sentence, name: str) -> bool:
        return any(e.kind == "person" and e.text == name for e in sentence.entities)

    def anchors(self, sentence: _Sentence) -> set[str]:
        """Concepts a who/when/where question can hang on: names, the main verb, and
        words borrowed from the sentences before."""
        out = {c for c, p in sentence.concepts if self.entity_at(sentence, p) is not None}
        verb = self.verb_concept(sentence)
        if verb is not None:
            out.add(verb)
        return out | set(sentence.context)

    def verb_concept(self, sentence: _Sentence) -> str | None:
        if sentence.verb is None or sentence.tokens[sentence.verb].lower in _LIGHT_VERBS:
            return None
        return next((c for c, p in sentence.concepts if p == sentence.verb), None)

    def antecedent(self, sentence: _Sentence, clause_start: int) -> list[str]:
        """What "it" in a clause stands for: the last thing named before the clause, else
        what the sentences before were about."""
        names = [
            e for e in sentence.entities if e.kind in ("thing", "org") and e.end <= clause_start
        ]
        if names:
            return [c for c, p in sentence.concepts if names[-1].start <= p < names[-1].end][:1]
        return list(sentence.context)[:1]

    def surface(self, sentence: _Sentence, bag: Iterable[str], kind: str | None = None) -> str:
        """A bag written as a question: names whole, the stretch of the sentence joining
        the words when short, else the words in order; borrowed words after. A bag with
        the main verb asks "when did <name> <verb>"."""
        wanted = set(bag)
        positions: dict[str, int] = {}
        for concept, position in sentence.concepts:
            if concept in wanted and concept not in positions:
                positions[concept] = position
        tokens = sentence.tokens
        borrowed = [
            sentence.context[c] for c in wanted if c not in positions and c in sentence.context
        ]
        prefix = _prefix(kind, sentence)
        verb = sentence.verb if sentence.verb in positions.values() else None
        subjects: list[str] = []
        objects: list[str] = []
        for position in sorted(positions.values()):
            entity = self.entity_at(sentence, position)
            if position == verb:
                continue
            piece = entity.text if entity is not None else tokens[position].text
            in_subject = verb is not None and position < verb
            if in_subject and sentence.subject and piece not in sentence.subject:
                in_subject = False
            side = subjects if in_subject else objects
            if piece not in subjects + objects:
                side.append(piece)
        objects = list(dict.fromkeys([*objects, *borrowed]))
        if verb is not None:
            word = tokens[verb].lower
            past = word.endswith("ed") or word in _IRREGULAR_BASE
            present = word.endswith("s") and word not in _AUXILIARIES
            base = _base_form(word) if past else word[:-1] if present else word
            aux = "did" if past else "does" if subjects else "do"
            who = " and ".join(subjects) or "they"
            rest = " ".join(objects)
            if (past or present) and kind in ("when", "where", "why") and len(subjects) <= 2:
                return _clean(f"{prefix} {aux} {who} {base} {rest}")
            if (past or present) and kind == "who":
                if subjects and all(self.is_person(sentence, n) for n in subjects):
                    return _clean(f"who {aux} {who} {base} {rest}")
                return _clean(f"who {word} {rest}")
            if kind is None and len(subjects) + len(objects) <= 2:
                return _clean(" ".join([*subjects, word, *objects]))
        names = subjects + objects
        if positions:
            first, last = min(positions.values()), max(positions.values())
            start = min(
                (e.start for e in sentence.entities if e.start <= first < e.end), default=first
            )
            end = max(
                (e.end - 1 for e in sentence.entities if e.start <= last < e.end), default=last
            )
            stretch = sentence.text[tokens[start].start : tokens[end].end]
            if end - start < MAX_WINDOW_TOKENS and not re.search(r"[,;:()\"“”]", stretch):
                names = [stretch, *borrowed]
        return _clean(f"{prefix} {' '.join(dict.fromkeys(names))}")

    def holders(self, bag: frozenset[str], kind: str | None) -> list[_Sentence]:
        return [
            s
            for s in self.sentences
            if s.part != "title" and bag <= s.vocabulary and (kind is None or kind in s.kinds)
        ]

    def forms(self, sentence: _Sentence) -> list[_Form]:
        out = [_Form(text, kind, True, 100.0) for text, kind in _templates(sentence, self)]
        subject = sentence.subject
        whole = any(f.text[:1].isupper() and f.text.endswith("?") for f in out)
        if not whole and subject and subject.lower() not in _PRONOUNS and len(subject.split()) <= 7:
            out.append(_Form(f"What about {subject[0].lower() + subject[1:]}?", None, True, 100.0))
        kinds: list[str | None] = [k for k in _KIND_ORDER if k in sentence.kinds]
        anchors = self.anchors(sentence)
        verb = self.verb_concept(sentence)
        for kind in [*kinds, None]:
            slot = self.slot(sentence, kind)
            for bag, weight in self.bags(sentence):
                if kind is not None and not bag & anchors:
                    continue  # "who dialogue work" asks nothing
                if slot and (bag & slot if kind == "where" else slot <= bag):
                    continue  # "where … Florida" names what it asks
                if sentence not in self.holders(bag, kind):
                    continue
                text = self.surface(sentence, bag, kind)
                if text:
                    # Readers ask short questions around the verb: those first.
                    score = weight / len(bag) - 0.7 * (len(bag) - 1)
                    score += 2.0 if verb is not None and verb in bag else 0.0
                    score += 1.0 if bag == {verb} else 0.0
                    out.append(_Form(text, kind, False, score, broad=len(bag) >= 4))
        main = kinds[0] if kinds else None
        anchor = frozenset([verb]) if verb is not None else None
        if anchor is None and sentence.subject:
            anchor = frozenset(self.analyser.concepts.of_text(sentence.subject)[-1:])
        for kind in kinds if anchor else ():
            words = self.surface(sentence, anchor or frozenset(), None)
            text = f"{words} {_KIND_NOUNS[kind or '']}"
            out.append(_Form(text, None, False, 40.0, context=True, owner_kind=kind))
        if sentence.context_phrase:
            text = f"{_prefix(main, sentence)} {sentence.context_phrase}".strip()
            out.append(_Form(text, main, False, 50.0, context=True))
        borrowed = [c for c in sentence.context if c not in sentence.own_concepts][:3]
        if borrowed:
            weights = self._weights(sentence)
            best = sorted(weights, key=lambda c: -weights[c])[:2]
            bag = frozenset([*best, *borrowed])
            for kind in dict.fromkeys([main, None]):
                text = self.surface(sentence, bag, kind)
                out.append(_Form(text, kind, False, 50.0, context=True))
        return out

    def strength(
        self, sentence: _Sentence, bag: frozenset[str], kind: str | None
    ) -> tuple[float, ...]:
        """How well a sentence owns a form: answers its kind best, holds its words
        itself, says least besides (smaller is better)."""
        return (
            -(sentence.kinds.get(kind, 0) if kind else 0),
            0 if bag <= sentence.own_concepts else 1,
            len(sentence.own_concepts),
            sentence.order,
        )


def _prefix(kind: str | None, sentence: _Sentence) -> str:
    if kind == "quantity":
        money = any(u in _CURRENCY or n[:1] in "$€£" for n, u in sentence.numbers)
        return "how much" if money else "how many"
    return kind or ""


def _clean(text: str) -> str:
    """A phrasing as a reader would type it: lower case, no stray quotes or brackets."""
    text = re.sub(r"[\"“”‘()\[\]]", "", text)
    text = re.sub(r"(?<!\w)['’]|['’](?!\w)", "", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def _templates(sentence: _Sentence, phraser: _Phraser) -> list[tuple[str, str | None]]:
    """Whole questions from the sentence's shape: roles, speech, causes, places, events."""
    out: list[tuple[str, str | None]] = []
    tokens = sentence.tokens
    lowered = [t.lower for t in tokens]
    text = sentence.text
    descriptors = phraser.analyser.descriptors

    # Roles: "NASA's acting administrator, Transportation Secretary Sean Duffy".
    for entity in sentence.entities:
        if entity.kind != "person" or not entity.role:
            continue
        surname = entity.surname.lower()
        out += [(f"Who is {entity.text}?", "who"), (f"who is {surname}", "who")]
        for role in entity.role:
            org = next(
                (
                    e.text
                    for e in sentence.entities
                    if e.kind in ("org", "thing") and e.text in role
                ),
                "",
            )
            head = _role_head(role)
            out.append((f"who is {_clean(role) if len(role.split()) <= 5 else head}", "who"))
            if org:
                org_lower = org.lower()
                out += [
                    (f"who is the {head} of {org_lower}", "who"),
                    (f"who heads {org_lower}", "who"),
                    (f"who runs {org_lower}", "who"),
                    (f"{org_lower} {head} name", None),
                ]
        out += [(f"what is {surname}'s job", None), (f"what does {surname} do", None)]

    # Speech: "Bakanov was quoted as saying", "Roscosmos announced", "said Dr. Maas".
    for entity in sentence.entities:
        if entity.kind == "place":
            continue
        after = lowered[entity.end : entity.end + 4]
        verb = after[0] if after and after[0] in _SPEECH_VERBS else None
        if "quoted" in after:
            verb = "said"
        if verb is None and entity.start and lowered[entity.start - 1] in _SPEECH_VERBS:
            verb = lowered[entity.start - 1]
        if verb is None:
            continue
        who = entity.surname if entity.kind == "person" else entity.text
        if verb == "announced":
            out += [(f"What did {who} announce?", None), (f"{who.lower()} announcement", None)]
        else:
            out += [
                (f"What did {who} say?", None),
                (f"{who.lower()} quote", None),
                (f"what did {who.lower()} tell", None),
            ]
            if "quoted" in lowered:
                out.append((f"what was {who.lower()} quoted as saying", None))

    # Causes: "Weather delayed the launch to August 1."
    for k, word in enumerate(lowered):
        if word not in _CAUSE_VERBS:
            continue
        target: list[str] = []
        for token in tokens[k + 1 : k + 7]:
            if token.lower in ("to", "until", "by", "for", "from", "in", "on", "at", "after"):
                break
            target.append(token.text)
            if text[token.end : token.end + 1] in (",", ";", "."):
                break
        if target and target[0].lower() in ("the", "a", "an", "its", "their"):
            noun = " ".join(target)
            out += [
                (f"Why was {noun} {word}?", "why"),
                (f"what {word} {noun}", None),
                (f"reason {_clean(noun)} was {word}", "why"),
            ]

    # Places: "the … Baikonur launch facility in Kazakhstan".
    for entity in sentence.entities:
        if entity.kind == "person":
            continue
        words = [entity.text]
        for n, token in enumerate(tokens[entity.end : entity.end + 4], entity.end):
            if token.lower == "in":
                place = next(
                    (e for e in sentence.entities if e.kind == "place" and e.start == n + 1),
                    None,
                )
                if place is not None:
                    name = entity.text.lower()
                    out += [
                        (f"Where is {' '.join(words)}?", "where"),
                        (f"{name} location", "where"),
                        (f"where is {name} located", "where"),
                    ]
                    if place.text.lower() in COUNTRIES:
                        out.append((f"which country is {name} in", "where"))
                break
            if token.capitalised or token.lower in STOPWORDS or _is_verb(token):
                break
            words.append(token.text)

    # Lists of countries: "set up by Russia, the United States, Europe and Japan".
    places = [e for e in sentence.entities if e.kind == "place"]
    listed = [
        a
        for a, b in pairwise(places)
        if re.fullmatch(
            r",?\s*(?:and\s+)?(?:the\s+)?", text[tokens[a.end - 1].end : tokens[b.start].start]
        )
    ]
    if len(listed) >= 2 and sentence.verb is not None:
        verb = tokens[sentence.verb].lower
        following = tokens[sentence.verb + 1].lower if sentence.verb + 1 < len(tokens) else ""
        if following in ("up", "off", "out", "down"):
            verb = f"{verb} {following}"
        topic = next(iter(sentence.context.values()), "")
        phrase = f"{verb} {topic}".strip()
        out += [(f"Which countries {phrase}?", None), (f"which nations {phrase}", None)]

    # Quantities: "about 3.5 billion tonnes of frozen water".
    for number, unit in sentence.numbers:
        if unit and unit.isalpha() and unit not in _CURRENCY:
            out.append((f"How many {unit}?", "quantity"))
        elif unit in _CURRENCY:
            out.append((f"How much money, in {unit}?", "quantity"))
        m = re.search(
            rf"{re.escape(number)}[\w\s-]*?\b{re.escape(unit)} of ((?:\w+ ){{0,2}}\w+)", text
        )
        if m:
            out.append((f"how much {m.group(1).lower()}", "quantity"))

    # Definitions: "The ISS, a flagship of …,".
    for entity in sentence.entities:
        end = tokens[entity.end - 1].end
        if re.match(r",\s+(?:a|an)\s", text[end:]):
            the = "the " if entity.start and lowered[entity.start - 1] == "the" else ""
            out.append((f"What is {the}{entity.text}?", None))

    # Events: "Luna-25 crashed into …".
    subject = next((e for e in sentence.entities if e.start == 0), None)
    verb = tokens[sentence.verb].lower if sentence.verb is not None else ""
    if subject is not None and verb in _EVENT_VERBS:
        name = subject.text
        described = f"the {name} {descriptors[name]}" if name in descriptors else name
        out += [
            (f"What happened to {described}?", None),
            (f"what went wrong with {name.lower()}", None),
            (f"what happened to {name.lower()}", None),
        ]

    # A date: "When did the last meeting of … take place?"
    if _date_in_verb_clause(sentence) and sentence.subject and sentence.verb is not None:
        subject_text = sentence.subject
        if subject_text.lower() not in _PRONOUNS and len(subject_text.split()) <= 8:
            named = any(e.start == 0 for e in sentence.entities)
            if subject_text.split()[0].lower() in ("the", "a", "an") or not named:
                subject_text = subject_text[0].lower() + subject_text[1:]
            verb_token = tokens[sentence.verb]
            next_word = tokens[sentence.verb + 1].lower if sentence.verb + 1 < len(tokens) else ""
            previous = tokens[sentence.verb - 1].lower if sentence.verb else ""
            if previous in ("was", "were") and verb_token.lower.endswith("ed"):
                out.append((f"When {previous} {subject_text} {verb_token.lower}?", "when"))
            elif verb_token.lower.endswith("ed") or verb_token.lower in _IRREGULAR_BASE:
                particle = next_word if next_word in ("place", "off", "up", "out", "down") else ""
                question = f"When did {subject_text} {_base_form(verb_token.lower)} {particle}"
                out.append((question.strip() + "?", "when"))
    return out


def _date_in_verb_clause(sentence: _Sentence) -> bool:
    if sentence.verb is None:
        return False
    for start, end in sentence.clauses:
        if start <= sentence.verb < end:
            low = sentence.tokens[start].start
            high = sentence.tokens[end - 1].end
            return any(low <= m.start() < high for m in _DATE.finditer(sentence.text))
    return False


def _role_head(role: str) -> str:
    """The job in a role: "NASA's acting administrator" -> "acting administrator"."""
    head: list[str] = []
    for word in re.findall(r"[\w'’-]+", role):
        lower = word.lower()
        if lower in ("of", "at", "for", "with"):
            break
        if word[:1].isupper() and lower not in ROLE_WORDS and lower not in ("general", "acting"):
            head = []
            continue
        head.append(lower)
    return " ".join(head) or _clean(role)


# --- the summary ----------------------------------------------------------------------
def draft_summary(sentences: Sequence[str]) -> str:
    """3-5 central sentences, in article order: PageRank over rapidfuzz similarity between
    sentences, jumping back to the lead more often (news puts the essentials first)."""
    count = len(sentences)
    if count <= SUMMARY_MIN:
        return " ".join(sentences)
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
    return " ".join(sentences[i] for i in sorted(chosen))


# --- the draft ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Draft:
    """A drafted fact base: its YAML text and what was found, for `--json`."""

    source: str
    article: ParsedArticle
    yaml_text: str
    facts: int
    phrasings: int
    sentences: int
    synonyms: int

    def summary(self, output: str) -> str:
        """What `draft` prints: where it wrote, what it found, what to do next."""
        a = self.article
        headings = sum(1 for b in a.body if b.heading)
        left_out = len(a.dropped)
        lines = [
            f"Wrote {output}: {self.facts} facts, {self.phrasings} phrasings from "
            f"{len(a.paragraphs)} paragraphs ({headings} subheading"
            f"{'' if headings == 1 else 's'}), {self.sentences} sentences.",
        ]
        if left_out:
            lines.append(
                f"Left out {left_out} line{'' if left_out == 1 else 's'} of page chrome and "
                "repeats; they are listed at the top of the file."
            )
        lines.append(
            "Every entry is marked `draft: true`: review each, delete the mark, then run "
            f"`article-bot check {output}`."
        )
        return "\n".join(lines)

    def report(self, output: str) -> dict[str, Any]:
        """What `draft --json` prints."""
        a = self.article
        return {
            "article": self.source,
            "output": output,
            "format": a.format,
            "title": a.title,
            "section": a.section or None,
            "standfirst": a.standfirst or None,
            "byline": a.byline or None,
            "source": a.source or None,
            "caption": a.caption or None,
            "credit": a.credit or None,
            "paragraphs": len(a.paragraphs),
            "headings": [b.text for b in a.body if b.heading],
            "sentences": self.sentences,
            "facts": self.facts,
            "phrasings": self.phrasings,
            "synonym_groups": self.synonyms,
            "dropped": [{"text": d.text, "reason": d.reason} for d in a.dropped],
        }


def draft_article(path: Path) -> Draft:
    """Draft a fact base from the article at `path`; raise `DraftError` if it can't be."""
    try:
        parsed = read_article(path)
    except ArticleError as exc:
        raise DraftError(str(exc)) from None
    groups = _synonym_groups(parsed)
    concepts = _Concepts(groups)
    analyser = _Analyser(parsed, concepts)
    sentences = analyser.analyse()
    facts = _facts(parsed, _Phraser(analyser), concepts)
    summary_pool = [s.text for s in sentences if s.part in ("standfirst", "paragraph")]
    document: dict[str, Any] = {
        "version": 1,
        "article": _article_mapping(parsed),
        "summary": {"draft": True, "en": draft_summary(summary_pool)},
        "synonyms": [_Flow(g) for g in groups],
        "facts": facts,
        "smalltalk": default_smalltalk(parsed.title),
    }
    _prune(document, path.name, concepts)
    text = _header(parsed, path) + _dump(document)
    base = _load(text, path.name)
    return Draft(
        source=str(path),
        article=parsed,
        yaml_text=text,
        facts=len(base.facts),
        phrasings=base.phrasing_count,
        sentences=len(sentences),
        synonyms=len(base.synonyms),
    )


def write_draft(article: Path, output: Path, *, force: bool = False) -> Draft:
    """Draft `article` into `output`, refusing to overwrite it unless `force`."""
    if output.exists() and not force:
        raise DraftError(
            f"{output} already exists; pass --force to overwrite it, or -o PATH to write elsewhere"
        )
    result = draft_article(article)
    try:
        output.write_text(result.yaml_text, encoding="utf-8")
    except OSError as exc:
        raise DraftError(f"{output}: cannot write: {exc.strerror}") from None
    return result


def _synonym_groups(parsed: ParsedArticle) -> list[tuple[str, ...]]:
    """The general groups with a word in the article, the article's own acronyms
    ("International Space Station (ISS)"), and hyphenated words written whole."""
    joined = " ".join([parsed.title, parsed.standfirst, parsed.caption, *parsed.paragraphs])
    words = tokenize(joined)
    stems = [stem(t) for t in words]
    grams = {tuple(stems[i : i + n]) for n in (1, 2, 3) for i in range(len(stems) - n + 1)}
    groups: list[tuple[str, ...]] = []
    used: set[str] = set()

    def add(group: Iterable[str]) -> None:
        kept: list[str] = []
        for word in group:
            key = normalise_phrasing(word)
            if key and key not in used and key not in kept:
                kept.append(key)
        if len(kept) >= 2:
            groups.append(tuple(kept))
            used.update(kept)

    for m in re.finditer(r"((?:[A-Z][\w-]*\s+){1,5}[A-Z][\w-]*)\s+\(([A-Z]{2,6})\)", joined):
        name, acronym = m.group(1).split(), m.group(2)
        head = name[-1].lower()
        variants = [acronym, " ".join(name), " ".join(name[-2:])]
        if words.count(head) == 1:  # "station" is the ISS if nothing else is a station
            variants.append(head)
        add(variants)
    for word in sorted(set(re.findall(r"\b([a-z]+)-([a-z]+)\b", joined.lower()))):
        if word[0] in _HYPHEN_PREFIXES:
            add([f"{word[0]}-{word[1]}", "".join(word)])
    for group in (*DEMONYMS, *SYNONYM_TABLE):
        if any(phrase_stems(w) in grams for w in group):
            add(group)
    return groups


def _article_mapping(parsed: ParsedArticle) -> dict[str, Any]:
    article: dict[str, Any] = {"title": parsed.title}
    for key in ("section", "standfirst", "byline", "source"):
        if getattr(parsed, key):
            article[key] = getattr(parsed, key)
    if parsed.caption:
        article["photo"] = {"caption": parsed.caption}
        if parsed.credit:
            article["photo"]["credit"] = parsed.credit
    article["body"] = [{"heading": b.text} if b.heading else b.text for b in parsed.body]
    return article


@dataclass(slots=True)
class _FactDraft:
    id: str
    cites: list[str]
    answer: str
    sentence: _Sentence | None
    forms: list[_Form] = field(default_factory=list)
    asks: list[str] = field(default_factory=list)


def _facts(parsed: ParsedArticle, phraser: _Phraser, concepts: _Concepts) -> list[dict[str, Any]]:
    """Every fact with its phrasings; each phrasing's reading (kind, concepts) belongs to
    one fact only."""
    title = phraser.analyser.sentences[0]
    drafts = _metadata_facts(parsed, title)
    ids = {d.id for d in drafts}
    for sentence in phraser.sentences:
        if sentence.part == "title":
            continue
        fact_id = _fact_id(sentence, phraser, ids)
        ids.add(fact_id)
        cites = [sentence.text, *(s.text for s in sentence.merged)]
        drafts.append(_FactDraft(fact_id, cites, sentence.text, sentence, phraser.forms(sentence)))

    reserved = {
        concepts.key(p)
        for entry in default_smalltalk(parsed.title)
        for asks in entry["ask"].values()
        for p in asks
    }
    claims: dict[tuple[str | None, frozenset[str]], list[tuple[_FactDraft, _Form]]] = defaultdict(
        list
    )
    for draft in drafts:
        for form in draft.forms:
            key = concepts.key(form.text)
            if key[1] and key not in reserved:
                claims[key].append((draft, form))
    chosen: dict[int, list[_Form]] = defaultdict(list)
    for (kind, bag), claimants in claims.items():
        winner = min(claimants, key=lambda c: _claim_rank(c, bag, kind, phraser))
        chosen[id(winner[0])].append(winner[1])
    for draft in drafts:
        draft.asks = _select(draft, chosen[id(draft)], concepts)
    return [_fact(d.id, d.cites, d.answer, d.asks) for d in drafts]


def _claim_rank(
    claim: tuple[_FactDraft, _Form], bag: frozenset[str], kind: str | None, phraser: _Phraser
) -> tuple[float, ...]:
    draft, form = claim
    if draft.sentence is None:
        return (-2.0,)  # the title's, the byline's and the photo's own questions
    kind = kind or form.owner_kind
    return (-1.0 if form.template else 0.0, *phraser.strength(draft.sentence, bag, kind))


def _select(draft: _FactDraft, forms: list[_Form], concepts: _Concepts) -> list[str]:
    """A fact's phrasings: whole questions first, then for each kind it answers its best
    forms, then keyword forms; at least MIN_PHRASINGS, at most MAX_PHRASINGS."""
    order = {id(f): n for n, f in enumerate(draft.forms)}
    templates = sorted((f for f in forms if f.template), key=lambda f: order[id(f)])
    others = sorted((f for f in forms if not f.template), key=lambda f: -f.weight)
    picked: list[_Form] = templates[:MAX_TEMPLATES]
    picked += [f for f in others if f.context]
    for kind in (*_KIND_ORDER, None):
        picked += [f for f in others if f.kind == kind][:2]
        picked += [f for f in others if f.kind == kind and f.broad][:2]
    picked += others
    out: list[str] = []
    seen: set[str] = set()
    for form in picked:
        key = normalise_phrasing(form.text)
        kind = concepts.key(form.text)[0]
        if key in seen or any(
            concepts.key(o)[0] == kind
            and fuzz.ratio(key, normalise_phrasing(o)) >= NEAR_DUPLICATE_RATIO
            for o in out
        ):
            continue
        seen.add(key)
        out.append(form.text)
    out = out[:MAX_PHRASINGS]
    if draft.sentence is not None and len(out) < MIN_PHRASINGS:
        taken = {concepts.key(t) for t in out}
        for text in _fallbacks(draft.sentence):
            reading = concepts.key(text)
            if reading not in taken and normalise_phrasing(text) not in seen:
                taken.add(reading)
                seen.add(normalise_phrasing(text))
                out.append(text)
            if len(out) >= MIN_PHRASINGS:
                break
    return _lead_first(out)


def _metadata_facts(parsed: ParsedArticle, title: _Sentence) -> list[_FactDraft]:
    """What the article is about (its headline), who wrote it, and who took the photo."""

    def forms(texts: str, kind: str | None = None) -> list[_Form]:
        return [_Form(t, kind, True, 100.0) for t in texts.split("|")]

    out = [
        _FactDraft(
            "article-topic",
            [title.text],
            title.text,
            None,
            forms(
                "What is the article about?|what is this story about|what is the headline"
                "|headline|what is the news here|give me the gist of the article"
            ),
        )
    ]
    by = parsed.byline or parsed.source
    if by:
        answer = f"The article is by {by}."
        if parsed.byline and parsed.source:
            answer += f" It was published by {parsed.source}."
        out.append(
            _FactDraft(
                "source",
                [title.text],
                answer,
                None,
                forms(
                    "Who wrote the article?|who is the author|who wrote this story"
                    "|who reported this story|what is the source of this article|byline"
                    "|which news agency published it|who published this article"
                ),
            )
        )
    if parsed.caption and parsed.credit:
        out.append(
            _FactDraft(
                "photo-credit",
                [split_sentences(parsed.caption)[0]],
                f"The photo is credited to {parsed.credit}.",
                None,
                forms(
                    "Who took the photo?|photo credit|who is the photographer|whose photo is it"
                    "|who shot the picture|where does the photo come from"
                ),
            )
        )
    return out


def _lead_first(asks: list[str]) -> list[str]:
    """The phrasing shown on buttons comes first: a whole question if there is one, else
    the first form, written as a question."""
    lead = next((i for i, a in enumerate(asks) if a[:1].isupper() and a.endswith("?")), None)
    if lead is not None:
        return [asks[lead], *asks[:lead], *asks[lead + 1 :]]
    if not asks:
        return asks
    return [asks[0][0].upper() + asks[0][1:] + "?", *asks[1:]]


def _fallbacks(sentence: _Sentence) -> list[str]:
    """More forms when a sentence has few of its own: short stretches of its words."""
    words = [t.text for t in sentence.tokens]
    out = [f"what about {_clean(sentence.subject)}"] if sentence.subject else []
    for size in (5, 4, 6, 3, 7):
        for start in range(0, max(1, len(words) - size + 1), max(1, size // 2)):
            out.append(_clean(" ".join(words[start : start + size])))
    return out


def _fact(fact_id: str, cites: list[str], answer: str, asks: list[str]) -> dict[str, Any]:
    return {
        "id": fact_id,
        "draft": True,
        "cite": cites[0] if len(cites) == 1 else cites,
        "answer": {"en": answer},
        "ask": {"en": asks},
    }


def _fact_id(sentence: _Sentence, phraser: _Phraser, taken: set[str]) -> str:
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


def _prune(document: dict[str, Any], name: str, concepts: _Concepts) -> None:
    """Match the draft against itself. A phrasing answered with another fact is dropped;
    one that ends in "Did you mean…?" because a rival fact runs close costs the rival its
    closest phrasing. Every fact keeps at least MIN_PHRASINGS."""
    from bot.answering.matcher import Matcher, Status

    for _ in range(6):
        matcher = Matcher(_load(_dump(document), name))
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


def _closest(ask: str, others: list[str], concepts: _Concepts) -> set[str]:
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


def _load(text: str, name: str) -> FactBase:
    try:
        return loads(text, name)
    except FactsError as exc:  # a bug in drafting, not the curator's doing: say so plainly
        raise DraftError(f"the draft of {name} does not load: {exc.problems[0]}") from None


class _Flow(tuple):  # type: ignore[type-arg]
    """A list written on one line: synonym groups read best that way."""


class _Dumper(yaml.SafeDumper):
    """Block style, except `_Flow` lists; long lines kept whole."""


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(data), flow_style=True)


_Dumper.add_representer(_Flow, _represent_flow)


def _dump(document: dict[str, Any]) -> str:
    return yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=10**6,
        default_flow_style=False,
    )


def _header(parsed: ParsedArticle, path: Path) -> str:
    lines = [
        f"# Drafted by `article-bot draft` from {path.name}.",
        "# Every entry marked `draft: true` was written by a program from the article's own",
        "# sentences: read it, fix its questions and answer, then delete its `draft: true`.",
        "# `article-bot check` validates the file and lists what is still a draft.",
    ]
    if parsed.dropped:
        lines += ["#", "# Left out as not part of the article; check nothing of it is here:"]
        for item in parsed.dropped[:MAX_DROPPED_SHOWN]:
            text = item.text if len(item.text) <= 90 else item.text[:89] + "…"
            lines.append(f"#   - {text}   [{item.reason}]")
        if len(parsed.dropped) > MAX_DROPPED_SHOWN:
            lines.append(f"#   … and {len(parsed.dropped) - MAX_DROPPED_SHOWN} more")
    return "\n".join(lines) + "\n"
