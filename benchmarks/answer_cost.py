"""What one answer costs, warm and with the CPU caches cold as they are inside the bot.

Run from the repository root:

    .venv/bin/python benchmarks/answer_cost.py
        # CPU time per Engine.answer over bench_bot's question mix: in a loop (warm), and
        # each answer after PTB-like work (parsing updates, JSON) that evicts the caches
    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \
        --cache-sim=yes --I1=32768,8,64 --D1=32768,8,64 --LL=524288,8,64 \
        .venv/bin/python benchmarks/answer_cost.py --under-callgrind 80
        # instructions and cache misses of 80 cold answers, and nothing else: only what
        # runs inside functools.reduce is counted, and each answer runs in one

Inside the racing bot of `bench_bot.py`, `Engine.answer` takes about twice its warm time,
because the network code run between two questions leaves the caches cold. Wall-clock
figures swing on a shared machine; callgrind's counts do not, so it compares two versions
of the code exactly (its LL cache is sized like one core's L2 here, so LL misses stand for
the misses that reach L3 or memory).
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "benchmarks", ROOT / "tests"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from bench_bot import FACTS_PATH, load_plan  # noqa: E402
from telegram import Update  # noqa: E402

from bot.answering.engine import Engine  # noqa: E402
from bot.answering.facts import load  # noqa: E402
from bot.answering.followup import ConversationMemory  # noqa: E402
from bot.answering.reply_language import choose_language  # noqa: E402

UPDATE = {
    "update_id": 1,
    "message": {
        "message_id": 5,
        "date": 1700000000,
        "chat": {"id": 1, "type": "private", "first_name": "A"},
        "from": {"id": 1, "is_bot": False, "first_name": "A"},
        "text": "hello there how are you",
        "entities": [{"type": "bold", "offset": 0, "length": 5}],
    },
}
PAYLOAD = [{f"k{i}": [i, str(i), {"x": i}]} for i in range(300)]
SCRATCH = bytearray(2 << 20)


def evict() -> None:
    """Work like the bot's between two questions: PTB objects, JSON, 2 MB of memory."""
    for _ in range(5):
        Update.de_json(UPDATE, None).to_dict()
    json.loads(json.dumps(PAYLOAD))
    SCRATCH[::64] = bytes(len(SCRATCH) // 64)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--under-callgrind",
        type=int,
        metavar="N",
        help="answer N questions cold, each inside functools.reduce, and print nothing",
    )
    args = parser.parse_args(argv)
    plan, _ = load_plan(2000, 200)
    engine = Engine(load(FACTS_PATH))
    memory = ConversationMemory()

    def answer(chat: int, question: str) -> str:
        lang = choose_language(question)
        return engine.answer(question, language=lang, memory=memory, chat=chat).reply.html

    for chat, question in plan:  # every lazily built cache exists from here on
        answer(chat, question)
    if args.under_callgrind:
        # The middle of the plan, where chats have earlier answers to follow up on.
        for chat, question in plan[600 : 600 + args.under_callgrind]:
            evict()
            functools.reduce(lambda _, item: answer(*item), [(chat, question)], "")
        return 0
    for label, cold in (("warm (in a loop)", False), ("cold (after PTB-like work)", True)):
        spent = []
        for chat, question in plan:
            if cold:
                evict()
            started = time.thread_time_ns()
            answer(chat, question)
            spent.append(time.thread_time_ns() - started)
        print(
            f"{label:28} median {statistics.median(spent) / 1e3:6.1f} µs, "
            f"mean {statistics.mean(spent) / 1e3:6.1f} µs per answer ({len(plan)} answers)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
