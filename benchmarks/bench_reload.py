"""How long a live reload of facts.yaml takes: read, validate, build the matcher, swap.

Run: .venv/bin/python benchmarks/bench_reload.py
Prints the median and worst of 11 forced reloads of the real facts.yaml, and how long a
question takes while a reload runs beside it (the swap must not stall answering).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answering.engine import Engine, EngineRef  # noqa: E402
from bot.answering.facts import load  # noqa: E402
from bot.curation.reload import FactsWatcher  # noqa: E402

RUNS = 11


async def main() -> None:
    """Time forced reloads, then answering while reloads run in the background."""
    path = ROOT / "facts.yaml"
    engine = EngineRef(Engine(load(path)))
    watcher = FactsWatcher(path, engine, interval=0, settle=0)
    seconds = []
    for _ in range(RUNS):
        result = await watcher.reload(confirm=True)
        assert result.status == "reloaded", result.message
        seconds.append(result.seconds)
    print(f"reload of {path.name} (read + validate + matcher + swap), {RUNS} runs:")
    print(f"  median {statistics.median(seconds) * 1000:.1f} ms, max {max(seconds) * 1000:.1f} ms")

    latencies = []
    reloads = asyncio.gather(*(watcher.reload(confirm=True) for _ in range(5)))
    while not reloads.done():
        start = time.perf_counter()
        engine.current.ask("where did they meet?")
        latencies.append(time.perf_counter() - start)
        await asyncio.sleep(0)
    await reloads
    print(
        f"answering during reloads: {len(latencies)} questions, median "
        f"{statistics.median(latencies) * 1e6:.0f} µs, max {max(latencies) * 1e3:.2f} ms"
    )


if __name__ == "__main__":
    asyncio.run(main())
