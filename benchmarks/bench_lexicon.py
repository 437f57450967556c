"""Compare lemmatisers and measure `bot.language.lexicon` against its budgets.

Run from the repository root (the candidates that are not dependencies first):

    .venv/bin/pip install simplemma -e '.[data]'
    .venv/bin/python benchmarks/bench_lexicon.py

Lemmatisers, on the forms in `benchmarks/lemmas/<language>.tsv`: how often the first lemma
is the expected one, how often it is among those returned, how many are returned, the
speed per word (uncached), the cold load (import and first word, in a fresh interpreter)
and the installed size. Then the lexicon: data sizes, cold load and RSS per language, and
`related()` per call, cold (first call for the word) and warm. Figures only; the budgets
are printed beside them as PASS/FAIL text, never asserted. Candidates that are not
installed are reported as such.
"""

from __future__ import annotations

import importlib.metadata
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.language import lexicon  # noqa: E402

LEMMAS = ROOT / "benchmarks" / "lemmas"
DATA = ROOT / "bot" / "data"
LOAD_BUDGET_MS = 150.0
RSS_BUDGET_MB = 60.0
RELATED_BUDGET_US = 30.0
REPEATS = 5
WARM = {"en": "questions", "ru": "вопросы"}
"""A word outside WORDS whose first lookup loads the language's data and lemmatiser."""
WORDS = {
    "en": "scrapped, pushed back, postpone, delayed, meet, boss, crash, deorbit, flying, living, "
    "launched, station, astronauts, ocean, retire, agency, head, invited, photographer, year",
    "ru": "отложили, встреча, руководитель, перенесли, отменили, разбился, станция, космонавты, "
    "океан, агентство, пригласил, запуск, полет, экипаж, год, глава, встречались, жили",
}


def fold(word: str) -> str:
    """Russian "ё" as "е": dictionaries disagree on it and readers rarely type it."""
    return word.replace("ё", "е")


def read_pairs(language: str) -> list[tuple[str, str]]:
    """(form, expected lemma) pairs from the language's list."""
    text = (LEMMAS / f"{language}.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if not line.startswith("#"))
    return [(form, lemma) for form, lemma in rows]


def simplemma_lemmas(language: str) -> Callable[[str], tuple[str, ...]]:
    """simplemma's one lemma per word."""
    import simplemma

    return lambda word: (simplemma.lemmatize(word, lang=language),)


def pymorphy3_lemmas() -> Callable[[str], tuple[str, ...]]:
    """pymorphy3's normal forms, likeliest parse first."""
    import pymorphy3

    analyzer = pymorphy3.MorphAnalyzer(lang="ru")
    return lambda word: tuple(dict.fromkeys(p.normal_form for p in analyzer.parse(word)))


@dataclass(frozen=True)
class Candidate:
    """A lemmatiser to compare: how to make it, how to load it cold, what it installs."""

    name: str
    language: str
    make: Callable[[], Callable[[str], tuple[str, ...]]]
    cold: str
    distributions: tuple[str, ...]
    note: str = ""


CANDIDATES = (
    Candidate(
        "WordNet morphy",
        "en",
        lambda: lambda word: lexicon.lemmas.__wrapped__(word, "en"),
        "from bot.language import lexicon; lexicon.lemmas('meetings', 'en')",
        (),
        "no dependency; its data is the English lexicon the relations need anyway",
    ),
    Candidate(
        "simplemma",
        "en",
        lambda: simplemma_lemmas("en"),
        "import simplemma; simplemma.lemmatize('meetings', lang='en')",
        ("simplemma",),
        "one wheel for all its languages",
    ),
    Candidate(
        "pymorphy3's table",
        "ru",
        lambda: lambda word: lexicon.lemmas.__wrapped__(word, "ru"),
        "from bot.language import lexicon; lexicon.lemmas('встречи', 'ru')",
        (),
        "shipped: pymorphy3 on the 250,000 most common forms; a rarer one is its own lemma, a declined surname its base form",
    ),
    Candidate(
        "pymorphy3",
        "ru",
        pymorphy3_lemmas,
        "import pymorphy3; pymorphy3.MorphAnalyzer(lang='ru').parse('встречи')",
        ("pymorphy3", "pymorphy3-dicts-ru", "dawg2-python"),
    ),
    Candidate(
        "simplemma",
        "ru",
        lambda: simplemma_lemmas("ru"),
        "import simplemma; simplemma.lemmatize('встречи', lang='ru')",
        ("simplemma",),
        "one wheel for all its languages",
    ),
)

COLD = """
import time
def memory(key):
    with open('/proc/self/status') as status:
        line = next(line for line in status if line.startswith(key))
    return int(line.split()[1]) / 1024
before = memory('VmRSS')
start, cpu = time.perf_counter(), time.process_time()
{code}
took, cpu = time.perf_counter() - start, time.process_time() - cpu
print(took * 1000, cpu * 1000, memory('VmRSS') - before, memory('VmHWM'))
"""


@dataclass(frozen=True)
class Cold:
    """A first use in a fresh interpreter: best wall and CPU time, RSS growth, peak RSS."""

    ms: float
    cpu_ms: float
    rss_mb: float
    peak_mb: float


def cold(code: str) -> Cold:
    """Figures of `code` run first in REPEATS fresh interpreters: the best times, as
    neighbours on a shared machine only ever add to them, and the median memory."""
    runs = []
    for _ in range(REPEATS):
        out = subprocess.run(
            [sys.executable, "-c", COLD.format(code=code)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        runs.append([float(x) for x in out])
    return Cold(
        ms=min(run[0] for run in runs),
        cpu_ms=min(run[1] for run in runs),
        rss_mb=statistics.median(run[2] for run in runs),
        peak_mb=statistics.median(run[3] for run in runs),
    )


def installed_mb(distributions: Sequence[str]) -> float | None:
    """Installed size of the distributions' files, or None if one is missing."""
    total = 0
    for name in distributions:
        try:
            files = importlib.metadata.distribution(name).files or []
        except importlib.metadata.PackageNotFoundError:
            return None
        total += sum(path.stat().st_size for path in map(Path, (f.locate() for f in files)))
    return total / 2**20


def per_word_us(function: Callable[[str], object], words: Sequence[str]) -> float:
    """Best of REPEATS mean microseconds per call over `words`."""
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        for word in words:
            function(word)
        best = min(best, (time.perf_counter() - start) / len(words))
    return best * 1e6


@dataclass(frozen=True)
class Result:
    """A lemmatiser's figures on its language's list."""

    first: float
    anywhere: float
    returned: float
    us: float
    load: Cold
    size_mb: float | None
    misses: list[str]


def compare(candidate: Candidate) -> Result:
    """Run the candidate over its language's list (ImportError if it is not installed)."""
    pairs = read_pairs(candidate.language)
    function = candidate.make()
    first = anywhere = returned = 0
    misses = []
    for form, expected in pairs:
        got = [fold(lemma) for lemma in function(form)]
        first += got[:1] == [fold(expected)]
        anywhere += fold(expected) in got
        returned += len(got)
        if fold(expected) not in got:
            misses.append(f"{form}->{'/'.join(got) or '-'}")
    return Result(
        first=first / len(pairs),
        anywhere=anywhere / len(pairs),
        returned=returned / len(pairs),
        us=per_word_us(function, [form for form, _ in pairs]),
        load=cold(candidate.cold),
        size_mb=installed_mb(candidate.distributions),
        misses=misses,
    )


def dawg_backend() -> str:
    """Which DAWG reader pymorphy3 uses: the C extension (DAWG2) or the pure-Python one."""
    try:
        import dawg  # noqa: F401  (the DAWG2 C extension's module)
    except ImportError:
        return "dawg2-python, pure Python: pip install 'pymorphy3[fast]' for the C one"
    return "DAWG2 C extension"


def print_lemmatisers() -> None:
    """The comparison table and each candidate's misses."""
    print("Lemmatisers: first = first lemma right; any = right lemma among those returned;")
    print(f"n = lemmas returned per word; pymorphy3 reads its dictionaries with {dawg_backend()}")
    print(
        f"{'':3} {'lemmatiser':15} {'first':>6} {'any':>6} {'n':>5} {'µs/word':>8} "
        f"{'cold ms':>8} {'+RSS MB':>8} {'size MB':>8}"
    )
    misses = []
    for c in CANDIDATES:
        try:
            r = compare(c)
        except ImportError as error:
            print(f"{c.language:3} {c.name:15} not installed ({error})")
            continue
        size = "-" if r.size_mb is None else f"{r.size_mb:.1f}"
        print(
            f"{c.language:3} {c.name:15} {r.first:6.1%} {r.anywhere:6.1%} {r.returned:5.2f} "
            f"{r.us:8.1f} {r.load.ms:8.1f} {r.load.rss_mb:8.1f} {size:>8}  {c.note}"
        )
        total = len(read_pairs(c.language))
        misses.append(
            f"{c.language} {c.name} misses {len(r.misses)}/{total}: {', '.join(r.misses)}"
        )
    print("", *misses, sep="\n")


def print_lexicon() -> None:
    """Data sizes, cold load per language, related() per call, against the budgets."""
    print("\nLexicon data")
    for path in sorted(DATA.rglob("*")):
        if path.is_file():
            print(f"  {path.relative_to(ROOT)}: {path.stat().st_size / 2**20:.2f} MB")
    print(
        f"\nCold load, best of {REPEATS} fresh interpreters "
        f"(budget for relations: ≤ {LOAD_BUDGET_MS:.0f} ms, ≤ {RSS_BUDGET_MB:.0f} MB peak)"
    )
    for language in lexicon.LANGUAGES:
        relations = cold(f"from bot.language import lexicon; lexicon._lexicon({language!r})")
        both = cold(
            f"from bot.language import lexicon; lexicon.related({WARM[language]!r}, {language!r})"
        )
        ok = relations.ms <= LOAD_BUDGET_MS and relations.peak_mb <= RSS_BUDGET_MB
        for what, figures, verdict in (
            ("relations", relations, "PASS" if ok else "FAIL"),
            ("relations + lemmatiser", both, ""),
        ):
            print(
                f"  {language} {what:23} {figures.ms:6.1f} ms (CPU {figures.cpu_ms:6.1f} ms)  "
                f"+{figures.rss_mb:5.1f} MB RSS, "
                f"process peak {figures.peak_mb:5.1f} MB  {verdict}"
            )
    print(f"\nrelated() per call (budget ≤ {RELATED_BUDGET_US:.0f} µs warm)")
    for language, text in WORDS.items():
        words = [w.strip() for w in text.split(",")]
        lexicon.related(WARM[language], language)  # loads the data, not timed here
        for cached in (lexicon.related, lexicon.lemmas, lexicon._lemma_related):
            cached.cache_clear()
        first = []
        for word in words:
            start = time.perf_counter()
            lexicon.related(word, language)
            first.append((time.perf_counter() - start) * 1e6)
        warm = per_word_us(lambda w, lang=language: lexicon.related(w, lang), words)
        print(
            f"  {language}: first call for a word: mean {statistics.mean(first):6.1f} µs, "
            f"max {max(first):6.1f} µs; warm {warm:5.2f} µs  "
            f"{'PASS' if warm <= RELATED_BUDGET_US else 'FAIL'}"
        )


def main() -> int:
    """Print every figure."""
    print(f"Python {sys.version.split()[0]}")
    print_lemmatisers()
    print_lexicon()
    return 0


if __name__ == "__main__":
    sys.exit(main())
