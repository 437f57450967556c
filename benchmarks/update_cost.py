"""What handling one update costs, ours against the echo bot's, without sockets.

Run from the repository root:

    .venv/bin/python benchmarks/update_cost.py
        # CPU time per update handled, for each bot: the update parsed, the handlers,
        # the reply encoded by the bot's own HTTP request class, the answer parsed
    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \
        .venv/bin/python benchmarks/update_cost.py --under-callgrind bot 300
        # instructions per update, exactly (add the --cache-sim options of
        # answer_cost.py for misses); run it for echo, bot-fixed and bot to compare

The bots are bench_bot.py's (misses store off, so that only the loop's own thread runs),
fed bench_bot's question mix through `Application.process_update`. Their requests keep
their classes (PTB's HTTPXRequest for the echo bot, ours for article-bot) but go to an
httpx MockTransport that answers at once as the fake Bot API does, so what is counted is
the bots' work and not the network's (the stand-in's own time, decoding each request, is
taken out: a long reply's form body costs it more, and that is not the bot's work). It leaves out polling and the sockets, which cost
both bots the same per update: in bench_bot's races an update costs about 4 ms of CPU
either way, so 2.2M instructions here are only part of it.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import statistics
import sys
import time
import unittest.mock
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "benchmarks", ROOT / "tests"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import httpx  # noqa: E402
from bench_bot import _build_bot, _build_echo, _fix_the_answer, load_plan  # noqa: E402
from telegram import Update  # noqa: E402

KINDS = ("echo", "bot-fixed", "bot")
TOKEN = "123456:benchmark"
BASE_URL = "http://127.0.0.1:9/bot"  # never connected to: the transport answers
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "Bot", "username": "article_bot"}


_MOCK_NS = [0]
"""CPU time spent in `_answer`, the stand-in for the Bot API: not the bot's work."""


def _answer(request: httpx.Request) -> httpx.Response:
    """The Bot API's answer, as the fake gives it: the sent message for sendMessage."""
    started = time.thread_time_ns()
    try:
        return _answer_now(request)
    finally:
        _MOCK_NS[0] += time.thread_time_ns() - started


def _answer_now(request: httpx.Request) -> httpx.Response:
    method = request.url.path.rsplit("/", 1)[1]
    if request.headers.get("content-type") == "application/json":
        params = json.loads(request.content)
    else:
        params = dict(httpx.QueryParams(request.content.decode()))
    result: Any = True
    if method == "getMe":
        result = BOT_USER
    elif method == "sendMessage":
        chat = {"id": int(params["chat_id"]), "type": "private", "first_name": "Reader"}
        result = {"message_id": 1, "date": 1700000000, "chat": chat, "from": BOT_USER}
        result["text"] = params["text"]
        if "reply_markup" in params:
            result["reply_markup"] = json.loads(params["reply_markup"])
    return httpx.Response(200, json={"ok": True, "result": result})


def build(kind: str) -> Any:
    """bench_bot's bot of this kind, its requests answered by `_answer`."""
    from telegram.request import HTTPXRequest

    transport = httpx.MockTransport(_answer)
    build_request = HTTPXRequest.__init__

    def answered_here(self: HTTPXRequest, *args: Any, **kwargs: Any) -> None:
        # Every request object the builders make (PTB's or our subclasses) gets the mock
        # transport through HTTPXRequest's public `httpx_kwargs`, keeping its own class.
        kwargs["httpx_kwargs"] = {**(kwargs.get("httpx_kwargs") or {}), "transport": transport}
        build_request(self, *args, **kwargs)

    with unittest.mock.patch.object(HTTPXRequest, "__init__", answered_here):
        if kind == "echo":
            app = _build_echo(BASE_URL, TOKEN)
        else:
            app = _build_bot(BASE_URL, TOKEN, misses=False)
            if kind == "bot-fixed":
                _fix_the_answer(app)
    return app


def updates(count: int) -> list[dict[str, Any]]:
    """bench_bot's plan as Bot API updates from private chats."""
    plan, _ = load_plan(count, 200)
    return [
        {
            "update_id": i,
            "message": {
                "message_id": i,
                "date": 1700000000,
                "chat": {"id": chat, "type": "private", "first_name": "Reader"},
                "from": {"id": chat, "is_bot": False, "first_name": "Reader"},
                "text": question,
            },
        }
        for i, (chat, question) in enumerate(plan)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--under-callgrind",
        nargs=2,
        metavar=("KIND", "N"),
        help=f"handle N updates with bot KIND ({', '.join(KINDS)}) inside functools.reduce",
    )
    parser.add_argument("--rounds", type=int, default=5, help="passes over the plan per bot")
    args = parser.parse_args(argv)
    os.environ["PTB_TIMEDELTA"] = "true"
    loop = asyncio.new_event_loop()
    raw = updates(2000)

    def prepared(kind: str) -> tuple[Any, Any]:
        app = build(kind)
        loop.run_until_complete(app.initialize())

        def handle(data: dict[str, Any]) -> None:
            loop.run_until_complete(app.process_update(Update.de_json(data, app.bot)))

        for data in raw:  # every lazily built cache exists from here on
            handle(data)
        return app, handle

    if args.under_callgrind:
        kind, count = args.under_callgrind[0], int(args.under_callgrind[1])
        _, handle = prepared(kind)
        functools.reduce(lambda _, data: handle(data), raw[:count], None)
        return 0
    figures = {}
    for kind in KINDS:
        _, handle = prepared(kind)
        per_round = []
        for _ in range(args.rounds):
            # The stand-in Bot API decodes each request (a long reply's form body costs it
            # more): its time is taken out, so that only the bot's own work is counted.
            _MOCK_NS[0] = 0
            started = time.thread_time_ns()
            for data in raw:
                handle(data)
            spent = time.thread_time_ns() - started - _MOCK_NS[0]
            per_round.append(spent / len(raw) / 1e3)
        figures[kind] = statistics.median(per_round)
        print(f"{kind:10} median {figures[kind]:6.1f} µs per update ({args.rounds} x {len(raw)})")
    for kind in KINDS[1:]:
        print(f"{kind:10} costs {figures[kind] - figures['echo']:+6.1f} µs per update over echo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
