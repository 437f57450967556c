"""Benchmark the facts loader and the matcher: load/build time, per-question latency, scaling.

Run from the repository root:

    .venv/bin/python benchmarks/bench_matcher.py            # full run (~1-2 min on 2 cores)
    .venv/bin/python benchmarks/bench_matcher.py --quick    # sizes 100/1,000, fewer repetitions

It prints figures only; the targets (p99 < 1 ms on the real base, p99 < 20 ms at 10,000
facts, growth no worse than linear) are reported as PASS/FAIL text, never asserted.
Synthetic fact bases are generated deterministically as facts.yaml text and go through the
real loader (`bot.answering.facts.loads`), so load figures include YAML parsing and validation.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import platform
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from bot.answering.facts import FactBase, load, loads  # noqa: E402
from bot.answering.matcher import Matcher  # noqa: E402
from bot.language.text import detect_language  # noqa: E402

FACTS_PATH = ROOT / "facts.yaml"
QUESTION_FILES: tuple[Path, ...] = (
    ROOT.parent / "shared" / "eval" / "dev-questions.yaml",
    ROOT.parent / "shared" / "eval" / "dev-questions-ru.yaml",
    *sorted((ROOT / "benchmarks" / "questions").glob("holdout-*.yaml")),
)
SEED = 20250731
REAL_P99_TARGET_MS = 1.0
LARGE_P99_TARGET_MS = 20.0
LARGE_SIZE = 10_000


# --- small helpers ------------------------------------------------------------------------
def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted sequence (q in 0..100)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(q / 100.0 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def fmt_ns(ns: float) -> str:
    """Nanoseconds as µs below 1 ms, else ms, else s."""
    if ns < 1_000_000:
        return f"{ns / 1_000:.1f} µs"
    if ns < 1_000_000_000:
        return f"{ns / 1_000_000:.2f} ms"
    return f"{ns / 1_000_000_000:.2f} s"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def timed_median(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """Median wall time (ns) of `runs` calls, and the last call's result."""
    times: list[int] = []
    result: Any = None
    for _ in range(runs):
        start = time.perf_counter_ns()
        result = fn()
        times.append(time.perf_counter_ns() - start)
    return statistics.median(times), result


def time_calls(
    matcher: Matcher, questions: Sequence[str], statuses: list[str] | None = None
) -> tuple[list[int], list[int]]:
    """Per-call wall latency (perf_counter_ns) and CPU time (thread_time_ns) of `match`.

    CPU time leaves out time the thread spent descheduled, so on a busy machine it shows
    how much of a wall-clock tail is the matcher and how much is the neighbours.
    """
    wall: list[int] = []
    cpu: list[int] = []
    match = matcher.match
    clock = time.perf_counter_ns
    cpu_clock = time.thread_time_ns
    for q in questions:
        start = clock()
        cpu_start = cpu_clock()
        result = match(q)
        cpu.append(cpu_clock() - cpu_start)
        wall.append(clock() - start)
        if statuses is not None:
            statuses.append(result.status.value)
    return wall, cpu


def summary(latencies: Sequence[int]) -> dict[str, float]:
    s = sorted(latencies)
    return {
        "n": len(s),
        "median": percentile(s, 50),
        "p90": percentile(s, 90),
        "p99": percentile(s, 99),
        "max": s[-1] if s else float("nan"),
    }


def rss_bytes() -> int | None:
    """Current resident set size (Linux /proc), or None where unavailable."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def peak_rss_mib() -> float:
    """Peak RSS of this process so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the real fact base ---------------------------------------------------------------------
def read_questions(paths: Sequence[Path]) -> tuple[list[str], list[str]]:
    """All in_scope `q`, out_of_scope and smalltalk strings, and the files that were read."""
    questions: list[str] = []
    used: list[str] = []
    for path in paths:
        if not path.is_file():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        questions.extend(str(item["q"]) for item in data.get("in_scope") or [])
        questions.extend(str(item) for item in data.get("out_of_scope") or [])
        questions.extend(str(item) for item in data.get("smalltalk") or [])
        used.append(str(path))
    return questions, used


def bench_real(quick: bool) -> None:
    runs = 5 if quick else 11
    print(f"== 1. Real base: {FACTS_PATH}")
    load_ns, base = timed_median(lambda: load(FACTS_PATH), runs)
    build_ns, matcher = timed_median(lambda: Matcher(base), runs)
    print(
        f"facts {len(base.facts)}, phrasings {base.phrasing_count}, "
        f"smalltalk entries {len(base.smalltalk)}, synonym groups {len(base.synonyms)}"
    )
    print(f"load (bot.answering.facts.load)   median of {runs}: {fmt_ns(load_ns)}")
    print(f"Matcher(base) build     median of {runs}: {fmt_ns(build_ns)}")

    questions, used = read_questions(QUESTION_FILES)
    print()
    print("== 2. Per-question match latency, real base")
    print("question files: " + ", ".join(used))
    if not questions:
        print("no question files found; skipped")
        return
    # Cold pass: a fresh matcher sees every question once (typo cache empty).
    fresh = Matcher(base)
    cold_wall, cold_cpu = time_calls(fresh, questions)
    cold = summary(cold_wall)
    target_calls = 1_000 if quick else 6_000
    rounds = max(1, -(-target_calls // len(questions)))
    rng = random.Random(SEED)
    mix: list[str] = []
    for _ in range(rounds):
        batch = list(questions)
        rng.shuffle(batch)
        mix.extend(batch)
    time_calls(matcher, questions)  # warm-up pass
    warm_wall, warm_cpu = time_calls(matcher, mix)
    warm = summary(warm_wall)
    header = f"{'':28}{'calls':>7}{'median':>11}{'p90':>11}{'p99':>11}{'max':>11}"
    print(header)
    for label, s in (
        (f"cold, 1 pass of {len(questions)} q", cold),
        ("  same, CPU time", summary(cold_cpu)),
        (f"warm, {rounds} shuffled rounds", warm),
        ("  same, CPU time", summary(warm_cpu)),
    ):
        print(
            f"{label:28}{s['n']:>7}{fmt_ns(s['median']):>11}{fmt_ns(s['p90']):>11}"
            f"{fmt_ns(s['p99']):>11}{fmt_ns(s['max']):>11}"
        )
    # Per language: the same warm mix, split by the script the question is written in.
    by_language: dict[str, list[int]] = {"en": [], "ru": []}
    for question, wall_ns in zip(mix, warm_wall, strict=True):
        by_language[detect_language(question) or "en"].append(wall_ns)
    for language, latencies in by_language.items():
        if latencies:
            s = summary(latencies)
            print(
                f"{'  warm, ' + language + ' questions only':28}{s['n']:>7}{fmt_ns(s['median']):>11}"
                f"{fmt_ns(s['p90']):>11}{fmt_ns(s['p99']):>11}{fmt_ns(s['max']):>11}"
            )
    print(
        f"target p99 < {REAL_P99_TARGET_MS:g} ms (warm): {fmt_ns(warm['p99'])} "
        f"-> {verdict(warm['p99'] < REAL_P99_TARGET_MS * 1e6)}"
    )
    print(
        f"             (cold first pass):   {fmt_ns(cold['p99'])} "
        f"-> {verdict(cold['p99'] < REAL_P99_TARGET_MS * 1e6)}"
    )

    print()
    print("Odd inputs (fresh matcher each; first call cold, then median of 7 warm calls):")
    prose = " ".join(p.text for p in base.article.body)
    odd: dict[str, str] = {
        "10,000 chars of prose": (prose * (10_000 // len(prose) + 1))[:10_000],
        "10,000 chars, no spaces": ("nasaroscosmos" * 800)[:10_000],
        "emoji only": "🚀🌕👩‍🚀🛰️🔥" * 4,
        "digits only": "1234567890",
        "symbols only": "?!@#$%^&*()[]{}<>~|\\/",
    }
    print(f"{'':28}{'chars':>7}{'first':>11}{'median':>11}  status")
    for label, text in odd.items():
        m = Matcher(base)
        start = time.perf_counter_ns()
        result = m.match(text)
        first = time.perf_counter_ns() - start
        med, _ = timed_median(functools.partial(m.match, text), 7)
        print(
            f"{label:28}{len(text):>7}{fmt_ns(first):>11}{fmt_ns(med):>11}  {result.status.value}"
        )


# --- synthetic fact bases -------------------------------------------------------------------
_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ou")
_CODAS = ("", "", "", "n", "r", "s", "l", "m")
# Out-of-vocabulary words share the vocabulary's initials (so typo correction searches
# for them) but use vowels it never does, so they are (almost) never corrected.
_OOV_VOWELS = ("y", "ea", "oo", "ua", "ie")
_FILLERS = ("the", "of", "in", "and", "to", "was", "a", "for", "on", "with", "by", "at")
_QWORDS = ("who", "when", "where", "what")
_AUX = ("did", "is", "was", "does", "has", "")
VOCABULARY_SIZE = 4_000
SYNONYM_GROUPS = 25


def _pseudo_word(rng: random.Random, onsets: Sequence[str], vowels: Sequence[str]) -> str:
    return "".join(
        rng.choice(onsets) + rng.choice(vowels) + rng.choice(_CODAS)
        for _ in range(rng.choice((2, 2, 3, 3, 4)))
    )


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    out: list[str] = []
    while len(out) < size:
        w = _pseudo_word(rng, _ONSETS, _VOWELS)
        if w not in words and len(w) >= 3:
            words.add(w)
            out.append(w)
    return out


@dataclass
class SyntheticBase:
    size: int
    yaml_text: str
    phrasings: list[list[str]]  # per fact
    vocabulary: list[str]


def _q(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def make_base(size: int, seed: int = SEED) -> SyntheticBase:
    """A deterministic facts.yaml text with `size` facts, ~10 phrasings each."""
    rng = random.Random(seed * 1_000_003 + size)
    vocab = make_vocabulary(rng, VOCABULARY_SIZE)
    # Zipf-like word frequencies: a few common content words, a long tail of rare ones.
    weights = [1.0 / (rank + 1) ** 0.7 for rank in range(len(vocab))]

    sentences: list[str] = []
    content: list[list[str]] = []
    seen_sentences: set[str] = set()
    while len(sentences) < size:
        words = rng.choices(vocab, weights, k=rng.randint(7, 13))
        tokens: list[str] = []
        for w in words:
            if rng.random() < 0.35:
                tokens.append(rng.choice(_FILLERS))
            tokens.append(w)
        sentence = " ".join(tokens)
        sentence = sentence[0].upper() + sentence[1:] + "."
        if sentence in seen_sentences:
            continue
        seen_sentences.add(sentence)
        sentences.append(sentence)
        content.append(list(dict.fromkeys(words)))

    paragraphs: list[str] = []
    where: list[int] = []
    i = 0
    while i < len(sentences):
        n = rng.randint(3, 5)
        paragraphs.append(" ".join(sentences[i : i + n]))
        where.extend([len(paragraphs)] * len(sentences[i : i + n]))
        i += n

    pool = rng.sample(vocab[50:], SYNONYM_GROUPS * 4)  # not the very commonest words
    groups: list[list[str]] = []
    for g in range(SYNONYM_GROUPS):
        words = pool[g * 4 : g * 4 + rng.randint(2, 4)]
        if g % 5 == 0:  # some groups hold a two-word phrase
            words = [*words, f"{words[-1]} {words[0]}"]
        groups.append(words)

    seen_asks: set[str] = set()
    all_phrasings: list[list[str]] = []
    lines: list[str] = [
        "version: 1",
        "article:",
        f"  title: {_q('Synthetic article with ' + str(size) + ' facts')}",
        "  section: Benchmark",
        f"  standfirst: {_q(sentences[0])}",
        "  byline: bench_matcher",
        "  body:",
        *(f"    - {_q(p)}" for p in paragraphs),
        "summary:",
        f"  en: {_q('A generated article of ' + str(len(paragraphs)) + ' paragraphs.')}",
        "synonyms:",
        *(f"  - [{', '.join(_q(w) for w in g)}]" for g in groups),
        "facts:",
    ]
    for index, (sentence, words) in enumerate(zip(sentences, content, strict=True)):
        asks: list[str] = []
        for _ in range(40):
            if len(asks) >= 10:
                break
            k = rng.randint(min(2, len(words)), min(6, len(words)))
            picked = rng.sample(words, k)
            aux = rng.choice(_AUX)
            ask = " ".join(x for x in (rng.choice(_QWORDS), aux, *picked) if x)
            if ask not in seen_asks:
                seen_asks.add(ask)
                asks.append(ask)
        if not asks:  # practically impossible; keep the base valid regardless
            asks.append(f"what about fact {index}")
        all_phrasings.append(asks)
        answer = f"Paragraph {where[index]} says: {sentence[0].lower()}{sentence[1:]}"
        lines += [
            f"  - id: fact-{index + 1}",
            f"    cite: {_q(sentence)}",
            "    answer:",
            f"      en: {_q(answer)}",
            "    ask:",
            "      en:",
            *(f"        - {_q(a)}" for a in asks),
        ]
    lines += [
        "smalltalk:",
        "  - id: greeting",
        "    ask:",
        "      en: [hi, hello, hey, good morning]",
        "    answer:",
        '      en: "Hello!"',
        "  - id: thanks",
        "    ask:",
        "      en: [thanks, thank you, cheers]",
        "    answer:",
        '      en: "You are welcome!"',
    ]
    return SyntheticBase(size, "\n".join(lines) + "\n", all_phrasings, vocab)


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    if rng.random() < 0.5:  # transpose two letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("abcdefghiklmnoprstuvz") + word[i + 1 :]


def make_questions(synthetic: SyntheticBase, count: int, seed: int) -> list[str]:
    """Perturbed phrasings (dropped word, one typo, swapped order) plus ~20% OOV questions."""
    rng = random.Random(seed)
    out: list[str] = []
    for _ in range(count):
        if rng.random() < 0.2:
            words = [_pseudo_word(rng, _ONSETS, _OOV_VOWELS) for _ in range(rng.randint(2, 6))]
            out.append(" ".join([rng.choice(_QWORDS), *words]))
            continue
        tokens = rng.choice(rng.choice(synthetic.phrasings)).split()
        applied = False
        while not applied:
            if len(tokens) > 3 and rng.random() < 0.5:
                del tokens[rng.randrange(1, len(tokens))]
                applied = True
            long_words = [i for i, t in enumerate(tokens) if len(t) >= 5]
            if long_words and rng.random() < 0.5:
                i = rng.choice(long_words)
                tokens[i] = _typo(tokens[i], rng)
                applied = True
            if len(tokens) > 2 and rng.random() < 0.5:
                i, j = rng.sample(range(len(tokens)), 2)
                tokens[i], tokens[j] = tokens[j], tokens[i]
                applied = True
        out.append(" ".join(tokens))
    return out


@dataclass
class SizeResult:
    size: int
    facts: int
    phrasings: int
    load_ns: float
    build_ns: float
    median_ns: float
    mean_cpu_ns: float
    p99_ns: float


def runs_for(size: int, quick: bool) -> int:
    """How many times load and build are repeated at `size` (the median is printed)."""
    if size >= 10_000 or (quick and size >= 1_000):
        return 1
    return 3 if size >= 1_000 else 5


def bench_synthetic(sizes: Sequence[int], questions_per_size: int, quick: bool) -> list[SizeResult]:
    print()
    print(
        "== 3. Synthetic fact bases (generated facts.yaml text -> bot.answering.facts.loads -> Matcher)"
    )
    print(
        f"vocabulary {VOCABULARY_SIZE} pseudo-words (Zipf-weighted), {SYNONYM_GROUPS} synonym groups; "
        f"{questions_per_size} questions per size, each timed once on a fresh matcher after a "
        "50-question warm-up (~80% perturbed phrasings, ~20% out-of-vocabulary)"
    )
    header = (
        f"{'facts':>7}{'phrasings':>11}{'yaml':>9}{'load':>10}{'build':>10}"
        f"{'median':>10}{'p90':>10}{'p99':>10}{'max':>10}{'cpu p99':>10}{'full GC':>8}"
        f"{'answered':>9}{'RSS Δ':>10}"
    )
    print(header)
    results: list[SizeResult] = []
    for size in sizes:
        synthetic = make_base(size)
        runs = runs_for(size, quick)
        gc.collect()
        rss_before = rss_bytes()
        load_ns, base = timed_median(
            functools.partial(loads, synthetic.yaml_text, f"synthetic-{size}"), runs
        )
        build_ns, matcher = timed_median(functools.partial(Matcher, base), runs)
        gc.collect()
        rss_after = rss_bytes()
        assert isinstance(base, FactBase)
        warmup = make_questions(synthetic, 50, SEED + 1)
        questions = make_questions(synthetic, questions_per_size, SEED + 2)
        time_calls(matcher, warmup)
        statuses: list[str] = []
        full_gcs = gc.get_stats()[2]["collections"]
        latencies, cpu_times = time_calls(matcher, questions, statuses)
        full_gcs = gc.get_stats()[2]["collections"] - full_gcs
        answered = statuses.count("answered") / len(statuses)
        s = summary(latencies)
        cpu_p99 = summary(cpu_times)["p99"]
        rss = (
            f"{(rss_after - rss_before) / 2**20:.1f} MiB"
            if rss_before is not None and rss_after is not None
            else "n/a"
        )
        print(
            f"{len(base.facts):>7}{base.phrasing_count:>11}{len(synthetic.yaml_text) / 2**20:>7.1f}MB"
            f"{fmt_ns(load_ns):>10}{fmt_ns(build_ns):>10}{fmt_ns(s['median']):>10}"
            f"{fmt_ns(s['p90']):>10}{fmt_ns(s['p99']):>10}{fmt_ns(s['max']):>10}"
            f"{fmt_ns(cpu_p99):>10}{full_gcs:>8}{answered:>9.0%}{rss:>10}"
        )
        results.append(
            SizeResult(
                size,
                len(base.facts),
                base.phrasing_count,
                load_ns,
                build_ns,
                s["median"],
                statistics.fmean(cpu_times),
                s["p99"],
            )
        )
        del base, matcher, synthetic
    runs_text = ", ".join(f"{runs_for(size, quick)} at {size:,}" for size in sizes)
    print(
        f"(load/build: median of runs ({runs_text}); full GC = generation-2 collections during "
        f"the timed questions; RSS Δ = resident memory kept by base + matcher; "
        f"process peak RSS {peak_rss_mib():.0f} MiB)"
    )
    for r in results:
        if r.size == LARGE_SIZE:
            print(
                f"target p99 < {LARGE_P99_TARGET_MS:g} ms at {LARGE_SIZE:,} facts: {fmt_ns(r.p99_ns)} "
                f"-> {verdict(r.p99_ns < LARGE_P99_TARGET_MS * 1e6)}"
            )
    return results


def print_growth(results: Sequence[SizeResult]) -> None:
    print()
    print("== 4. Growth (latency ratio against phrasing ratio; linear = same ratio)")
    if len(results) < 2:
        print("needs two sizes")
        return
    small, large = results[-2], results[-1]
    phr = large.phrasings / small.phrasings
    print(f"{large.facts:,} vs {small.facts:,} facts: phrasings ×{phr:.2f}")
    rows = (
        ("match median (wall)", large.median_ns / small.median_ns, True),
        ("match mean (CPU)", large.mean_cpu_ns / small.mean_cpu_ns, True),
        ("match p99 (wall)", large.p99_ns / small.p99_ns, False),
        ("load", large.load_ns / small.load_ns, False),
        ("Matcher build", large.build_ns / small.build_ns, False),
    )
    for label, ratio, headline in rows:
        mark = "≤" if ratio <= phr else ">"
        print(
            f"  {label:22}×{ratio:6.2f}  {mark} linear: {verdict(ratio <= phr)}{'  *' if headline else ''}"
        )
    ok = all(ratio <= phr for _, ratio, headline in rows if headline)
    print(f"target growth ≤ linear (* rows, typical latency): {verdict(ok)}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--quick", action="store_true", help="sizes 100/1,000 and fewer repetitions"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    print(
        f"bench_matcher: Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}"
        f"{', --quick' if args.quick else ''}"
    )
    print()
    bench_real(args.quick)
    sizes = (100, 1_000) if args.quick else (100, 1_000, 10_000)
    results = bench_synthetic(sizes, 300 if args.quick else 1_000, args.quick)
    print_growth(results)
    print()
    print(
        f"total benchmark time {time.perf_counter() - started:.1f} s, "
        f"load average now {os.getloadavg()[0]:.2f} (wall-clock tails grow when other "
        "processes compete for the CPUs; compare the CPU-time rows)"
    )


if __name__ == "__main__":
    main()
