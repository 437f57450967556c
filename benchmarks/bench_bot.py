"""Benchmark the whole bot against a bare python-telegram-bot echo bot, end to end.

Run from the repository root:

    .venv/bin/python benchmarks/bench_bot.py            # 2,000 questions from 200 chats: 3+3 runs, 5 races
    .venv/bin/python benchmarks/bench_bot.py --quick    # 400 questions from 40 chats
    .venv/bin/python benchmarks/bench_bot.py --repeats 0 --races 7   # races only
    .venv/bin/python benchmarks/bench_bot.py --profile  # also cProfile one burst of our bot
    .venv/bin/python benchmarks/bench_bot.py --memory   # only: our RSS after each start-up step
    .venv/bin/python benchmarks/bench_bot.py --repeats 0 --diagnose --burn 0.3
        # also race a fixed answer, and a fixed answer after 0.3 ms of busy CPU: the
        # share of the echo bot's throughput that matching at that cost would leave

Both bots poll the local fake Bot API (tests/fake_bot_api, 127.0.0.1 only), which runs in
this (parent) process; each bot runs in its own child process
(`bench_bot.py --worker bot|echo --base-url ...`), so peak RSS (the child's VmHWM) is per
bot and both pay the same fake-server process. The echo bot is an Application built with
the same ApplicationBuilder options as ours (Defaults(parse_mode=HTML, no link previews),
and the same HTTP settings: concurrency and pool size) and no rate limiter; ours runs with
Settings(rate_limit=False). Both send with PTB's HTTPXRequest. The echo worker imports
nothing of ours (the parent hands it the HTTP settings), so its RSS is a bare PTB bot's.

Each worker run has two phases:
  * paced: the first --paced (300) updates are queued at a steady --rate (100/s) on the
    freshly started bot, for latency without a backlog (about half of what one PTB
    process sustains here, so it measures service time, not queueing);
  * burst: then all updates are queued at once and polling takes them 100 at a time;
    throughput = replies / (last reply's arrival - first update queued).
Latency runs from the update being queued at the fake (api.message) to the reply's
sendMessage arriving at the fake; the k-th reply in a chat is matched to the k-th question
queued in that chat. Runs alternate echo, bot, echo, bot, ... and medians are reported.
Runs one after the other swing by +-30% on a shared machine, so the throughput ratio is
also measured by races: both bots, each polling its own fake, get the same burst at the same
moment, pinned to one CPU (the fakes on another), and the replies each has sent are counted
when the first has answered everything. The machine's ups and downs then hit both alike,
and the race ratio repeats within a few percent.
The targets (throughput >= 90% of echo, peak RSS <= 1.5x echo) are printed as PASS/FAIL
text, never asserted. If the throughput target fails (or with --profile), one more burst
(of PROFILE_UPDATES updates, to keep the run short) of our bot runs under cProfile and its
top functions are printed. Each run also reports the time its process spent in garbage
collection.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import gc
import html
import itertools
import json
import logging
import os
import platform
import pstats
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parent.parent
TESTS = ROOT / "tests"
for _path in (ROOT, TESTS):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

FACTS_PATH = ROOT / "facts.yaml"
QUESTION_FILES: tuple[Path, ...] = (
    ROOT.parent / "shared" / "eval" / "dev-questions.yaml",
    ROOT / "benchmarks" / "questions" / "holdout-en.yaml",
    # Russian too: readers ask in both, and a Russian question reads its lemma table.
    ROOT.parent / "shared" / "eval" / "dev-questions-ru.yaml",
    ROOT / "benchmarks" / "questions" / "holdout-ru.yaml",
)
SEED = 20250731
FIRST_CHAT_ID = 10_000
THROUGHPUT_TARGET = 0.90  # ours / echo
RSS_TARGET = 1.5  # ours / echo
REPLY_TIMEOUT = 120.0  # seconds to wait for every reply of one phase
READY_TIMEOUT = 60.0
PROFILE_UPDATES = 600
KINDS = ("echo", "bot", "bot-nomisses")
"""The bots run one after the other; races may also use "bot-fixed" (see RACES)."""
WORKER_KINDS = (*KINDS, "bot-fixed", "bot-burn")
FIXED_QUESTION = "when was the last leaders' meeting?"
"""bot-fixed answers every message with this question's answer (a diagnosis of where the
time goes: everything but the matcher's own work); bot-burn does so after spinning the
CPU for --burn milliseconds, touching no memory (what a matcher of that cost would leave)."""
NAMES = {
    "echo": "bare PTB echo bot",
    "bot": "article-bot",
    "bot-nomisses": "  misses store off",
}


# --- shared helpers -------------------------------------------------------------------------
def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted sequence (q in 0..100)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(q / 100.0 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def median(values: Sequence[float]) -> float:
    """Median, ignoring NaN; NaN if nothing is left."""
    clean = [v for v in values if v == v]
    return statistics.median(clean) if clean else float("nan")


def _silence_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(logging.WARNING)


# --- the worker: one bot in a child process -------------------------------------------------
def http_settings() -> tuple[int, int, float]:
    """Our bot's concurrency, connection pool size and pool timeout, which the echo bot
    copies. The parent reads them and hands them to the echo worker (`--http`), so that the
    echo bot's process never imports our modules: it would carry their memory."""
    from bot.frontend.app import CONCURRENT_UPDATES, CONNECTION_POOL_SIZE, POOL_TIMEOUT

    return CONCURRENT_UPDATES, CONNECTION_POOL_SIZE, POOL_TIMEOUT


def _build_echo(base_url: str, token: str, http: tuple[int, int, float] | None = None) -> Any:
    """A bare PTB Application: one MessageHandler that sends the text back."""
    from telegram import LinkPreviewOptions, Update
    from telegram.constants import ParseMode
    from telegram.ext import ApplicationBuilder, ContextTypes, Defaults, MessageHandler, filters

    concurrency, pool_size, pool_timeout = http or http_settings()

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is not None and message.text is not None:
            await message.reply_text(html.escape(message.text))  # parse_mode=HTML by default

    base = base_url.rstrip("/")
    app = (
        ApplicationBuilder()
        .token(token)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .concurrent_updates(concurrency)
        .connection_pool_size(pool_size)
        .pool_timeout(pool_timeout)
        .base_url(base)
        .base_file_url(base.removesuffix("/bot") + "/file/bot")
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


def _build_bot(base_url: str, token: str, *, misses: bool = True) -> Any:
    """Our Application, as `bot.frontend.runner.run_bot` builds it, with pacing off; the misses
    store (on by default, as in production) and the inbox of updates in a fresh
    temporary folder."""
    import tempfile

    from bot.answering.engine import Engine, EngineRef
    from bot.answering.facts import load
    from bot.config import Settings
    from bot.frontend.app import build_application

    folder = Path(tempfile.mkdtemp(prefix="bench-bot-"))
    settings = Settings(
        token=token,
        base_url=base_url,
        facts_path=FACTS_PATH,
        rate_limit=False,
        db_path=folder / "misses.sqlite3" if misses else None,
        updates_db=folder / "updates.sqlite3",
    )
    return build_application(settings, EngineRef(Engine(load(settings.facts_path))))


def _fix_the_answer(app: Any, burn_s: float = 0.0) -> None:
    """Make the bot answer every message with FIXED_QUESTION's answer, skipping the
    matcher, after `burn_s` seconds of busy CPU."""
    from bot.answering.engine import Engine

    ref = app.bot_data["engine"]
    fixed = ref.current.answer(FIXED_QUESTION, language="en")

    class FixedAnswerEngine(Engine):
        def answer(self, question: str, **kwargs: Any) -> Any:
            if burn_s:
                started = time.thread_time()
                while time.thread_time() - started < burn_s:
                    pass
            return fixed

    ref.swap(FixedAnswerEngine(ref.current.base))


class _GcClock:
    """A `gc.callbacks` entry: wall time spent in cyclic garbage collection, and how many
    full (generation 2) collections ran."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.full = 0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        self.seconds += time.perf_counter() - self._started
        self.full += info["generation"] == 2


class _EngineClock:
    """Wraps `Engine.answer` in a worker: the CPU time (of the event loop's thread) spent
    answering, so that a race shows what matching costs inside the bot under load."""

    def __init__(self) -> None:
        from bot.answering.engine import Engine

        self.seconds = 0.0
        self.calls = 0
        answer = Engine.answer

        def timed(engine: Engine, *args: Any, **kwargs: Any) -> Any:
            started = time.thread_time()
            try:
                return answer(engine, *args, **kwargs)
            finally:
                self.seconds += time.thread_time() - started
                self.calls += 1

        Engine.answer = timed  # type: ignore[method-assign,assignment]


def _vm_kib(field: str) -> int | None:
    """A field of /proc/self/status (VmHWM: peak RSS, VmRSS: RSS now), in KiB."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1])
    return None


async def _worker(
    kind: str,
    base_url: str,
    token: str,
    profile_out: str | None,
    burn_ms: float,
    http: tuple[int, int, float] | None,
) -> dict[str, Any]:
    """Start the bot as the tests do, print READY, poll until the parent writes a line to
    stdin, shut down, and return this process's resource use."""
    import cProfile

    if kind == "echo":
        app = _build_echo(base_url, token, http)
    else:
        app = _build_bot(base_url, token, misses=kind != "bot-nomisses")
        if kind in ("bot-fixed", "bot-burn"):
            _fix_the_answer(app, burn_ms / 1000 if kind == "bot-burn" else 0.0)
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    engine_clock = _EngineClock() if kind in ("bot", "bot-nomisses") else None
    profiler = cProfile.Profile() if profile_out else None
    gc_clock = _GcClock()
    gc.callbacks.append(gc_clock)
    print("READY", flush=True)
    if profiler is not None:
        profiler.enable()
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    if profiler is not None and profile_out:
        profiler.disable()
        profiler.dump_stats(profile_out)
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "maxrss_kib": usage.ru_maxrss,  # KiB on Linux
        "vmhwm_kib": _vm_kib("VmHWM:"),
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "gc_s": gc_clock.seconds,
        "gc_full": gc_clock.full,
        "engine_s": engine_clock.seconds if engine_clock else None,
        "engine_calls": engine_clock.calls if engine_clock else None,
    }


def worker_main(args: argparse.Namespace) -> int:
    os.environ["PTB_TIMEDELTA"] = "true"
    _silence_logging()
    result = asyncio.run(
        _worker(args.worker, args.base_url, args.token, args.profile_out, args.burn, args.http)
    )
    print("RESULT " + json.dumps(result), flush=True)
    return 0


# --- the parent: the fake server, the load, the measurements --------------------------------
@dataclass
class Phase:
    """One phase's figures (paced or burst)."""

    sent: int
    replies: int
    errors: int
    wall_s: float
    per_s: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    bot_cpu_s: float
    server_cpu_s: float


@dataclass
class Run:
    """One worker process's figures."""

    kind: str
    burst: Phase
    paced: Phase | None
    rss_mib: float
    gc_s: float
    gc_full: int
    stderr_lines: list[str] = field(default_factory=list)


def load_plan(total: int, chats: int) -> tuple[list[tuple[int, str]], collections.Counter[str]]:
    """`total` (chat id, question) pairs: the question mix shuffled once, cycled, and dealt
    round-robin to `chats` private chats (chat i gets questions i, i+chats, ...)."""
    import yaml

    pool: list[tuple[str, str]] = []
    for path in QUESTION_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        pool += [("in_scope", str(item["q"])) for item in data.get("in_scope") or []]
        pool += [("out_of_scope", str(q)) for q in data.get("out_of_scope") or []]
        pool += [("smalltalk", str(q)) for q in data.get("smalltalk") or []]
    random.Random(SEED).shuffle(pool)
    mix: collections.Counter[str] = collections.Counter()
    plan: list[tuple[int, str]] = []
    for i, (kind, question) in zip(range(total), itertools.cycle(pool)):
        mix[kind] += 1
        plan.append((FIRST_CHAT_ID + i % chats, question))
    return plan, mix


def _proc_cpu_s(pid: int) -> float:
    """User + system CPU seconds of process `pid` so far (Linux /proc)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


class _ReplyCounter:
    """sendMessage calls a fake has received since call number `start`, counted as they come."""

    def __init__(self, api: Any) -> None:
        self.api, self.count = api, 0
        self.start = self.index = len(api.calls)

    def update(self) -> int:
        calls = self.api.calls
        while self.index < len(calls):
            self.count += calls[self.index].method == "sendMessage"
            self.index += 1
        return self.count


async def _wait_replies(counter: _ReplyCounter, count: int, timeout: float) -> None:
    """Wait until `count` sendMessage calls have arrived since the counter's start, then
    until every call has been answered (so its status is set)."""
    deadline = time.monotonic() + timeout
    while counter.update() < count and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.002)
    for _ in range(1000):
        if all(c.status for c in counter.api.calls[counter.start :]):
            break
        await asyncio.sleep(0.002)


def _phase(
    api: Any, start: int, queued: list[tuple[int, float]], cpu: tuple[float, float]
) -> Phase:
    """Match the k-th reply in a chat to the k-th question queued in it; sum up."""
    waiting: dict[int, collections.deque[float]] = collections.defaultdict(collections.deque)
    for chat, at in queued:
        waiting[chat].append(at)
    latencies: list[float] = []
    errors = 0
    last = queued[0][1]
    for call in api.calls[start:]:
        if call.method != "sendMessage":
            continue
        if not call.ok:
            errors += 1
        pending = waiting.get(call.params.get("chat_id"))
        if pending:
            latencies.append(call.time - pending.popleft())
            last = max(last, call.time)
    latencies.sort()
    wall = last - queued[0][1]
    return Phase(
        sent=len(queued),
        replies=len(latencies),
        errors=errors,
        wall_s=wall,
        per_s=len(latencies) / wall if wall > 0 else float("nan"),
        p50_ms=percentile(latencies, 50) * 1000,
        p99_ms=percentile(latencies, 99) * 1000,
        max_ms=(latencies[-1] if latencies else float("nan")) * 1000,
        bot_cpu_s=cpu[0],
        server_cpu_s=cpu[1],
    )


async def _drive(api: Any, plan: list[tuple[int, str]], pid: int, rate: float | None) -> Phase:
    """Queue the plan's updates (all at once if `rate` is None, else `rate` per second),
    wait for every reply, and measure."""
    counter = _ReplyCounter(api)
    cpu0, server0 = _proc_cpu_s(pid), time.process_time()
    queued: list[tuple[int, float]] = []
    t0 = time.monotonic()
    for i, (chat, text) in enumerate(plan):
        if rate is not None and (delay := t0 + i / rate - time.monotonic()) > 0:
            await asyncio.sleep(delay)
        api.message(text, user_id=chat)
        queued.append((chat, time.monotonic()))
    await _wait_replies(counter, len(plan), REPLY_TIMEOUT)
    cpu = (_proc_cpu_s(pid) - cpu0, time.process_time() - server0)
    return _phase(api, counter.start, queued, cpu)


class WorkerProcess:
    """One bot in a child process (`--worker KIND`) polling `api`: entered, it has started
    and sent its first long poll; `stop()` shuts it down and reads its resource use."""

    def __init__(
        self, kind: str, api: Any, profile_out: str | None = None, burn_ms: float = 0.0
    ) -> None:
        self.kind, self.api, self.profile_out, self.burn_ms = kind, api, profile_out, burn_ms
        self.result: dict[str, Any] = {}
        self.stderr_lines: list[str] = []
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in __aexit__)
        self._proc: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int:
        assert self._proc is not None
        return self._proc.pid

    async def __aenter__(self) -> WorkerProcess:
        command = [sys.executable, str(SCRIPT), "--worker", self.kind]
        command += ["--base-url", f"{self.api.url}/bot", "--token", self.api.token]
        if self.profile_out:
            command += ["--profile-out", self.profile_out]
        if self.burn_ms:
            command += ["--burn", str(self.burn_ms)]
        if self.kind == "echo":
            command += ["--http", ",".join(str(value) for value in http_settings())]
        self._proc = proc = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=self._stderr,
            env={**os.environ, "PTB_TIMEDELTA": "true"},
            cwd=str(ROOT),
        )
        assert proc.stdout is not None
        try:
            line = await asyncio.wait_for(proc.stdout.readline(), READY_TIMEOUT)
            if line.strip() != b"READY":
                raise RuntimeError(f"{self.kind} worker did not start: {self._read_stderr()}")
            # listening: its first long poll has reached the fake (the fake's change
            # event is private and has one waiter at a time, so poll its call list)
            while not any(c.method == "getUpdates" for c in self.api.calls):  # noqa: ASYNC110
                await asyncio.sleep(0.002)
        except BaseException:
            await self.__aexit__(None, None, None)
            raise
        return self

    async def stop(self) -> None:
        """Ask the worker to shut down and read the resource use it prints."""
        proc = self._proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(b"STOP\n")
        await proc.stdin.drain()
        while line := await asyncio.wait_for(proc.stdout.readline(), READY_TIMEOUT):
            if line.startswith(b"RESULT "):
                self.result = json.loads(line[len(b"RESULT ") :])
        await proc.wait()

    async def __aexit__(self, *exc_info: object) -> None:
        if self._proc is not None and self._proc.returncode is None:
            self._proc.kill()
            await self._proc.wait()
        self.stderr_lines = self._read_stderr().splitlines()
        self._stderr.close()

    def _read_stderr(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")


async def run_once(
    kind: str,
    plan: list[tuple[int, str]],
    rate: float,
    paced_count: int = 0,
    profile_out: str | None = None,
) -> Run:
    """One worker process against a fresh fake server: the first `paced_count` updates
    paced at `rate`/s (if both are set), then the whole plan as a burst."""
    from fake_bot_api import FakeBotAPI

    async with FakeBotAPI() as api, WorkerProcess(kind, api, profile_out) as worker:
        # Paced first, on the fresh connection pool a running bot has.
        steady = None
        if rate > 0 and paced_count > 0:
            steady = await _drive(api, plan[:paced_count], worker.pid, rate)
            await asyncio.sleep(0.2)
        burst = await _drive(api, plan, worker.pid, None)
        await worker.stop()
    result = worker.result
    rss_kib = result.get("vmhwm_kib") or result.get("maxrss_kib") or float("nan")
    gc_s, gc_full = result.get("gc_s", float("nan")), result.get("gc_full", 0)
    return Run(kind, burst, steady, rss_kib / 1024, gc_s, gc_full, worker.stderr_lines)


@dataclass
class Race:
    """Two bots served the same burst at the same time; counted when the first finished.
    The baseline is the echo bot (or ours without its misses store); the contender ours."""

    kinds: tuple[str, str]
    baseline_replies: int
    contender_replies: int
    seconds: float
    baseline_cpu_s: float
    contender_cpu_s: float
    contender_engine_ms: float = float("nan")
    """Engine.answer's CPU time per call in the contender (NaN for bot-fixed)."""

    @property
    def ratio(self) -> float:
        """The contender's throughput as a share of the baseline's."""
        if not self.baseline_replies:
            return float("nan")
        return self.contender_replies / self.baseline_replies


@contextlib.contextmanager
def _share_one_cpu(*pids: int) -> Iterator[None]:
    """Pin the bots to the same CPU and this process (the fakes) to another, where the
    OS allows it: two CPUs of a shared machine can run at different speeds, and the bot
    that drew the slower one would lose the race for that reason alone."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if len(cpus) < 2:
        yield
        return
    for pid in pids:
        os.sched_setaffinity(pid, {cpus[0]})
    os.sched_setaffinity(0, set(cpus[1:]))
    yield
    os.sched_setaffinity(0, set(cpus))


async def race_once(
    plan: list[tuple[int, str]], kinds: tuple[str, str], burn_ms: float = 0.0
) -> Race:
    """Two bots (baseline, contender), each polling its own fake, get the same burst at
    the same moment and share one CPU; when either has answered everything, the replies
    each has sent so far are counted. Whatever slows the machine then slows both alike,
    so their ratio is steadier than the ratio of two runs taken one after the other."""
    from fake_bot_api import FakeBotAPI

    async with (
        FakeBotAPI() as baseline_api,
        FakeBotAPI() as contender_api,
        WorkerProcess(kinds[0], baseline_api) as baseline,
        WorkerProcess(kinds[1], contender_api, burn_ms=burn_ms) as contender,
    ):
        counters = _ReplyCounter(baseline_api), _ReplyCounter(contender_api)
        with _share_one_cpu(baseline.pid, contender.pid):
            race = await _race(plan, kinds, counters, baseline.pid, contender.pid)
        await asyncio.gather(*(_wait_replies(c, len(plan), REPLY_TIMEOUT) for c in counters))
        await asyncio.gather(baseline.stop(), contender.stop())
    result = contender.result or {}
    if result.get("engine_calls"):
        race.contender_engine_ms = 1000 * result["engine_s"] / result["engine_calls"]
    return race


async def _race(
    plan: list[tuple[int, str]],
    kinds: tuple[str, str],
    counters: tuple[_ReplyCounter, _ReplyCounter],
    *pids: int,
) -> Race:
    """Queue the plan at both fakes, and count once either bot has answered it all."""
    cpu0 = [_proc_cpu_s(pid) for pid in pids]
    t0 = time.monotonic()
    for chat, text in plan:
        for counter in counters:
            counter.api.message(text, user_id=chat)
    deadline = t0 + REPLY_TIMEOUT
    while max(c.update() for c in counters) < len(plan) and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.002)
    return Race(
        kinds,
        counters[0].update(),
        counters[1].update(),
        time.monotonic() - t0,
        *(_proc_cpu_s(pid) - cpu for pid, cpu in zip(pids, cpu0, strict=True)),
    )


# --- reporting --------------------------------------------------------------------------------
HEADER = (
    "run  kind  burst replies err  upd/s   p50 ms   p99 ms  botCPU srvCPU"
    " | paced upd/s  p50 ms  p99 ms err | peak RSS | GC time, full GCs"
)


def _fmt_run(n: int, run: Run) -> str:
    b, p = run.burst, run.paced
    line = (
        f"{n:>3}  {run.kind:<4}  {b.replies:>5}/{b.sent:<5} {b.errors:>3}  {b.per_s:>5.0f}"
        f"  {b.p50_ms:>7.0f}  {b.p99_ms:>7.0f}  {100 * b.bot_cpu_s / b.wall_s:>5.0f}%"
        f" {100 * b.server_cpu_s / b.wall_s:>5.0f}%"
    )
    if p is not None:
        line += f" | {p.per_s:>11.0f}  {p.p50_ms:>6.1f}  {p.p99_ms:>6.1f} {p.errors:>3}"
    else:
        line += f" | {'-':>11}  {'-':>6}  {'-':>6} {'-':>3}"
    return line + f" | {run.rss_mib:>5.1f} MiB | {run.gc_s:>5.2f} s {run.gc_full:>3}"


def report(runs: list[Run], total: int, chats: int, *, races: bool) -> bool:
    """Print every run, the medians and the verdicts; return whether throughput passed
    (always True when `races` follow, which decide it)."""
    print(HEADER)
    for n, run in enumerate(runs, 1):
        print(_fmt_run(n, run))
    print()
    stats: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        mine = [r for r in runs if r.kind == kind]
        steady = [r.paced for r in mine if r.paced is not None]
        stats[kind] = {
            "per_s": median([r.burst.per_s for r in mine]),
            "p50": median([r.burst.p50_ms for r in mine]),
            "p99": median([r.burst.p99_ms for r in mine]),
            "cpu_ms": median([1000 * r.burst.bot_cpu_s / r.burst.sent for r in mine]),
            "pp50": median([p.p50_ms for p in steady]),
            "pp99": median([p.p99_ms for p in steady]),
            "pcpu_ms": median([1000 * p.bot_cpu_s / p.sent for p in steady]),
            "rss": median([r.rss_mib for r in mine]),
        }
    n_runs = len(runs) // len(KINDS)
    print(f"medians of {n_runs} runs each ({total} updates from {chats} chats):")
    print(
        f"{'':<20}{'burst upd/s':>12}{'p50':>10}{'p99':>10}{'CPU/upd':>10}"
        f" | {'paced p50':>10}{'p99':>10}{'CPU/upd':>10} | {'peak RSS':>9}"
    )
    for kind in KINDS:
        s = stats[kind]
        print(
            f"{NAMES[kind]:<20}{s['per_s']:>12.0f}{s['p50']:>7.0f} ms{s['p99']:>7.0f} ms"
            f"{s['cpu_ms']:>7.2f} ms | {s['pp50']:>7.1f} ms{s['pp99']:>7.1f} ms"
            f"{s['pcpu_ms']:>7.2f} ms | {s['rss']:>5.1f} MiB"
        )
    ratio = stats["bot"]["per_s"] / stats["echo"]["per_s"]
    rss_ratio = stats["bot"]["rss"] / stats["echo"]["rss"]
    through_ok = ratio >= THROUGHPUT_TARGET
    print()
    print(
        f"throughput: article-bot is {100 * ratio:.0f}% of the echo bot in these runs "
        + (
            "(one after the other, they swing +-30%: the races below give the verdict)"
            if races
            else f"(target >= {100 * THROUGHPUT_TARGET:.0f}%): {verdict(through_ok)}"
        )
    )
    print(
        f"peak RSS:   article-bot is {rss_ratio:.2f}x the echo bot "
        f"(target <= {RSS_TARGET:.1f}x): {verdict(rss_ratio <= RSS_TARGET)}"
    )
    store_ratio = stats["bot"]["per_s"] / stats["bot-nomisses"]["per_s"]
    print(
        f"misses store: article-bot with it is {100 * store_ratio:.0f}% of the throughput "
        f"without it (target >= 90%): {verdict(store_ratio >= 0.9)}"
    )
    return True if races else through_ok  # with races, theirs is the verdict


RACES = {
    ("echo", "bot"): ("throughput (races)", "the echo bot's", THROUGHPUT_TARGET, None),
    ("bot-nomisses", "bot"): (
        "misses store (races)",
        "its own without the store",
        0.90,
        "store_races",
    ),
    ("echo", "bot-fixed"): (
        "answer fixed (races)",
        "the echo bot's",
        THROUGHPUT_TARGET,
        "diagnose",
    ),
    ("echo", "bot-burn"): (
        "fixed answer after a busy loop (races)",
        "the echo bot's",
        None,
        "burn",
    ),
}
"""What each pair of racers measures, against what, the least share of the baseline's
throughput the contender (article-bot) should reach (None: a diagnosis, no target), and
the option that adds the race."""


def report_races(races: list[Race], total: int, alone_ms: float | None = None) -> bool:
    """Print every race and each pair's median ratio; return whether all meet their target."""
    print(f"races: two bots at once, {total} updates each; counted when the first finished")
    print(
        "race  baseline      replies  contender  replies  seconds  CPU/upd: baseline  contender"
        "  ratio  engine/answer"
    )
    for n, race in enumerate(races, 1):
        engine = race.contender_engine_ms
        print(
            f"{n:>4}  {race.kinds[0]:<12}  {race.baseline_replies:>7}  {race.kinds[1]:<9}"
            f"  {race.contender_replies:>7}  {race.seconds:>7.1f}"
            f"  {1000 * race.baseline_cpu_s / race.baseline_replies:>15.2f} ms"
            f"  {1000 * race.contender_cpu_s / race.contender_replies:>6.2f} ms"
            f"  {100 * race.ratio:>4.0f}%" + (f"  {engine:>8.2f} ms" if engine == engine else "")
        )
    all_ok = True
    for kinds, (label, baseline, target, _) in RACES.items():
        ratios = [race.ratio for race in races if race.kinds == kinds]
        if not ratios:
            continue
        ratio = median(ratios)
        figure = f"{label}: article-bot reaches {100 * ratio:.0f}% of {baseline} throughput"
        if target is None:
            print(f"{figure}, median of {len(ratios)}")
            continue
        ok = ratio >= target
        all_ok = all_ok and ok
        print(f"{figure}, median of {len(ratios)} (target >= {100 * target:.0f}%): {verdict(ok)}")
    inside = median([race.contender_engine_ms for race in races])
    if inside == inside and alone_ms is not None:
        print(
            f"engine CPU per answer (Engine.answer, replies included): {alone_ms:.2f} ms "
            f"alone in a loop, {inside:.2f} ms inside the racing bot (median), where the "
            "network code run between two questions leaves the CPU caches cold"
        )
    return all_ok


def engine_alone_ms(plan: list[tuple[int, str]]) -> float:
    """CPU time per `Engine.answer` over the plan, answered in a loop in this process
    (the second of two passes, so warm), for comparison with the racing bot's."""
    from bot.answering.engine import Engine
    from bot.answering.facts import load
    from bot.answering.followup import ConversationMemory

    engine = Engine(load(FACTS_PATH))
    spent = 0.0
    for _ in range(2):
        memory = ConversationMemory()
        started = time.process_time()
        for chat, question in plan:
            _ = engine.answer(question, memory=memory, chat=chat).reply.html
        spent = time.process_time() - started
    return 1000 * spent / len(plan)


def _short(filename: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/", "/lib/python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def print_profile(path: str, top: int, updates: int) -> None:
    """The profile's top functions by own time, and our own functions by cumulative time."""
    raw: dict[tuple[str, int, str], tuple[Any, ...]] = pstats.Stats(path).stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    print(
        f"cProfile of one {updates}-update article-bot burst: top {top} functions by "
        f"own time ({total:.1f} s):"
    )
    for (filename, line, name), (_, calls, own, cum, _) in sorted(
        raw.items(), key=lambda kv: kv[1][2], reverse=True
    )[:top]:
        print(
            f"  {own:6.2f} s {100 * own / total:5.1f}%  cum {cum:6.2f} s {calls:>8}  "
            f"{_short(filename)}:{line}({name})"
        )
    print("article-bot's own functions by cumulative time:")
    ours = [(k, v) for k, v in raw.items() if k[0].startswith(str(ROOT / "bot"))]
    for (filename, line, name), (_, calls, _, cum, _) in sorted(
        ours, key=lambda kv: kv[1][3], reverse=True
    )[:top]:
        print(
            f"  cum {cum:6.2f} s {100 * cum / total:5.1f}% {calls:>8}  {_short(filename)}:{line}({name})"
        )


async def parent_main(args: argparse.Namespace) -> int:
    total, chats = (400, 40) if args.quick else (args.questions, args.chats)
    paced_count = min(total, 200 if args.quick else args.paced)
    plan, mix = load_plan(total, chats)
    print(
        f"article-bot end-to-end benchmark: python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {platform.machine()}"
    )
    print(
        f"{total} updates from {chats} private chats (in scope {mix['in_scope']}, "
        f"out of scope {mix['out_of_scope']}, small talk {mix['smalltalk']})"
    )
    paced_text = f"{paced_count} paced at {args.rate:.0f}/s, then " if args.rate > 0 else ""
    print(
        f"each run: {paced_text}all {total} as one burst; {args.repeats} runs per bot, "
        "alternating echo/bot; fake Bot API in this process, each bot in its own; no rate limiter"
    )
    print()
    started = time.monotonic()
    runs: list[Run] = []
    for _ in range(args.repeats):
        for kind in KINDS:
            runs.append(await run_once(kind, plan, args.rate, paced_count))
    through_ok = report(runs, total, chats, races=args.races > 0) if runs else True
    races = [
        await race_once(plan, kinds, args.burn)
        for _ in range(args.races)
        for kinds, (*_, option) in RACES.items()
        if option is None or getattr(args, option)
    ]
    if races:
        print()
        through_ok = report_races(races, total, engine_alone_ms(plan)) and through_ok
    stderr = sorted({line for run in runs for line in run.stderr_lines if line.strip()})
    if stderr:
        print(f"\nworker stderr ({len(stderr)} distinct lines), first 5:")
        for line in stderr[:5]:
            print(f"  {line}")
    if args.profile or not through_ok:
        print()
        with tempfile.TemporaryDirectory() as tmp:
            out = str(Path(tmp) / "bot.prof")
            await run_once("bot", plan[:PROFILE_UPDATES], 0, profile_out=out)
            print_profile(out, 12, len(plan[:PROFILE_UPDATES]))
    print(f"\ntotal time {time.monotonic() - started:.0f} s")
    return 0


def memory_steps() -> int:
    """Print where our bot's peak RSS goes: this process's RSS after each start-up step,
    the first two being what the bare PTB echo bot has too. Run in a fresh process, as
    `--memory` does: bench_bot imports nothing but the standard library before."""
    import importlib

    made: dict[str, Any] = {}

    def build() -> None:
        from bot.answering.engine import EngineRef
        from bot.config import Settings
        from bot.frontend.app import build_application

        settings = Settings(token="1:benchmark", db_path=None)
        made["app"] = build_application(settings, EngineRef(made["engine"]))

    steps: list[tuple[str, Any]] = [
        ("python", lambda: None),
        ("import telegram.ext (as the echo bot)", lambda: importlib.import_module("telegram.ext")),
        ("import bot.frontend.app (rapidfuzz, snowballstemmer...)", lambda: _import_ours()),
        ("read facts.yaml", lambda: made.update(base=_load_facts())),
        ("English lexicon (WordNet)", lambda: _preload("en")),
        ("Russian lexicon and lemma table", lambda: _preload("ru")),
        ("the matcher's index (Engine)", lambda: made.update(engine=_engine(made["base"]))),
        ("the Application (build_application)", build),
    ]
    print(f"{'step':<58}{'RSS':>10}{'added':>11}")
    before = 0.0
    for what, step in steps:
        step()
        gc.collect()
        now = (_vm_kib("VmRSS:") or 0) / 1024
        print(f"{what:<58}{now:>6.1f} MiB{now - before:>+7.1f} MiB")
        before = now
    return 0


def _import_ours() -> None:
    import bot.curation.misses
    import bot.curation.reload
    import bot.frontend.app  # noqa: F401


def _load_facts() -> Any:
    from bot.answering.facts import load

    return load(FACTS_PATH)


def _preload(language: str) -> None:
    from bot.language.lexicon import preload

    preload([language])


def _engine(base: Any) -> Any:
    from bot.answering.engine import Engine

    return Engine(base)


def _http_argument(text: str) -> tuple[int, int, float]:
    """`--http CONCURRENCY,POOL,POOL_TIMEOUT`, as `http_settings` gives them."""
    concurrency, pool_size, pool_timeout = text.split(",")
    return int(concurrency), int(pool_size), float(pool_timeout)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="400 questions from 40 chats")
    parser.add_argument("--questions", type=int, default=2000, help="updates per burst")
    parser.add_argument("--chats", type=int, default=200, help="private chats they come from")
    parser.add_argument(
        "--rate", type=float, default=100.0, help="paced updates/s (0: no paced phase)"
    )
    parser.add_argument("--paced", type=int, default=300, help="updates in the paced phase")
    parser.add_argument("--repeats", type=int, default=3, help="runs per bot, one at a time")
    parser.add_argument("--races", type=int, default=5, help="races with the echo bot")
    parser.add_argument(
        "--store-races", action="store_true", help="also race ours without its misses store"
    )
    parser.add_argument(
        "--diagnose",
        action="store_true",
        help="also race the echo bot against ours with a fixed answer (no matching)",
    )
    parser.add_argument(
        "--burn",
        type=float,
        default=0.0,
        metavar="MS",
        help="also race ours with a fixed answer after MS milliseconds of busy CPU",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile one burst of our bot")
    parser.add_argument(
        "--memory", action="store_true", help="only print our bot's RSS after each start-up step"
    )
    parser.add_argument("--worker", choices=WORKER_KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    parser.add_argument("--token", help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", help=argparse.SUPPRESS)
    parser.add_argument("--http", type=_http_argument, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker_main(args)
    if args.memory:
        return memory_steps()
    _silence_logging()
    return asyncio.run(parent_main(args))


if __name__ == "__main__":
    sys.exit(main())
