"""Nothing lost: a Bot API outage, and `docker stop` in the middle of a burst, measured.

Run from the repository root:

    .venv/bin/python benchmarks/bench_faults.py                 # both, default settings
    .venv/bin/python benchmarks/bench_faults.py --outage 5 --questions 10 --burst 300

`article-bot run` runs as a real process (long polling, pacing on, every setting at its
default) against the fake Bot API (tests/fake_bot_api, 127.0.0.1 only, in this process).

* outage: every sendMessage call fails (502) for `--outage` seconds, and every getUpdates
  from 0.5 s in; the `--questions` questions are sent as it starts, so the bot has them
  and cannot answer. Figures: how many got an answer, how many
  got more than one, and how long after the outage the last answer came.
* stop: `--burst` questions from as many chats are queued, and when the bot has answered
  a tenth of them it gets SIGTERM, then SIGKILL `--kill-after` seconds later, as
  `docker stop` does. It is started again on the same files. Figures: how long the stop
  took and whether SIGKILL was needed, what was answered before and after, and whether
  any question got no answer or two.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fake_bot_api import FakeBotAPI  # noqa: E402

QUESTION = "where did they meet?"


async def start(api: FakeBotAPI, folder: Path) -> asyncio.subprocess.Process:
    env = {
        "PATH": os.environ["PATH"],
        "PTB_TIMEDELTA": "true",
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_BASE_URL": f"{api.url}/bot",
        "ARTICLE_BOT_DB": str(folder / "article-bot.sqlite3"),
        "ARTICLE_BOT_LOG_LEVEL": "WARNING",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def ready(api: FakeBotAPI, since: int) -> None:
    """Wait until the bot started after call number `since` polls for updates."""
    await api.wait_for(
        lambda c: c.method == "getUpdates" and api.calls.index(c) >= since, timeout=60
    )


async def stop(process: asyncio.subprocess.Process, kill_after: float) -> tuple[float, bool]:
    """SIGTERM, then SIGKILL after `kill_after` s; return the seconds taken and if killed."""
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), kill_after)
        killed = False
    except asyncio.TimeoutError:
        process.kill()
        await process.wait()
        killed = True
    return time.monotonic() - started, killed


def answers_per_chat(api: FakeBotAPI) -> collections.Counter[int]:
    return collections.Counter(int(p["chat_id"]) for p in api.sent())


async def outage(seconds: float, questions: int) -> None:
    async with FakeBotAPI() as api:
        folder = Path(tempfile.mkdtemp(prefix="bench-faults-"))
        process = await start(api, folder)
        try:
            await ready(api, 0)
            api.outage(seconds, methods=("sendMessage",))
            ended = time.monotonic() + seconds
            chats = range(7000, 7000 + questions)
            for chat in chats:
                api.message(QUESTION, user_id=chat)
            await asyncio.sleep(0.5)  # the bot has fetched them: now nothing gets through
            api.outage(ended - time.monotonic(), methods=("getUpdates",))
            with contextlib.suppress(TimeoutError):
                await api.wait_for("sendMessage", count=questions, timeout=seconds + 120)
            last = max((c.time for c in api.calls if c.method == "sendMessage" and c.ok), default=0)
            await asyncio.sleep(1)
        finally:
            await stop(process, 30)
        answers = answers_per_chat(api)
        failed = sum(1 for c in api.calls if c.method == "sendMessage" and not c.ok)
        print(
            f"outage: every sendMessage (and getUpdates) fails for {seconds:g} s ({failed} sends failed)"
        )
        late = f"last answer {last - ended:.1f} s after the outage ended" if last else "none"
        print(
            f"  {sum(1 for c in chats if answers[c])}/{questions} questions answered, "
            f"{sum(1 for c in chats if answers[c] > 1)} answered twice; {late}"
        )


async def burst_stop(burst: int, kill_after: float) -> None:
    async with FakeBotAPI() as api:
        folder = Path(tempfile.mkdtemp(prefix="bench-faults-"))
        chats = range(8000, 8000 + burst)
        for chat in chats:
            api.message(QUESTION, user_id=chat)
        process = await start(api, folder)
        await api.wait_for("sendMessage", count=max(1, burst // 10), timeout=60)
        took, killed = await stop(process, kill_after)
        before = len(api.sent())
        confirmed = burst - len(api.pending_updates)
        since = len(api.calls)
        process = await start(api, folder)
        try:
            await ready(api, since)
            with contextlib.suppress(TimeoutError):
                await api.wait_for("sendMessage", count=burst, timeout=burst / 20 + 60)
            await asyncio.sleep(1)
        finally:
            await stop(process, 30)
        answers = answers_per_chat(api)
        print(
            f"stop: {burst} questions queued, pacing on; SIGTERM after {burst // 10} answers, "
            f"SIGKILL {kill_after:g} s later"
        )
        print(
            f"  stopped in {took:.1f} s{' (killed)' if killed else ''}, "
            f"{before} answered, {confirmed} confirmed to Telegram"
        )
        print(
            f"  after the restart: {sum(1 for c in chats if answers[c])}/{burst} answered, "
            f"{sum(1 for c in chats if not answers[c])} never, "
            f"{sum(1 for c in chats if answers[c] > 1)} twice"
        )


async def main(args: argparse.Namespace) -> int:
    if args.questions:
        await outage(args.outage, args.questions)
    if args.burst:
        await burst_stop(args.burst, args.kill_after)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--outage", type=float, default=5.0, help="seconds the Bot API fails")
    parser.add_argument("--questions", type=int, default=10, help="questions during the outage")
    parser.add_argument("--burst", type=int, default=600, help="questions queued before a stop")
    parser.add_argument("--kill-after", type=float, default=10.0, help="SIGKILL after SIGTERM")
    sys.exit(asyncio.run(main(parser.parse_args())))
