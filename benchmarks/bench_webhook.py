"""What unauthenticated POSTs cost the webhook server in memory: peak RSS, measured.

Run from the repository root:

    .venv/bin/python benchmarks/bench_webhook.py                  # 4 concurrent 50 MB POSTs
    .venv/bin/python benchmarks/bench_webhook.py --posts 6 --mb 95

`article-bot run` is started as a real process in webhook mode against the fake Bot API
(tests/fake_bot_api, 127.0.0.1 only, in this process). Once it has registered its webhook,
`--posts` clients at once each send `--mb` MB without the secret header, writing the whole
body as fast as the server takes it (as an attacker would), and read the answer. The
figures are the bot process's peak RSS (VmHWM in /proc/PID/status) before and after, and
the statuses it answered; then one signed update checks that it still answers. A server
that reads the body before checking the secret grows by about posts x MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fake_bot_api import FakeBotAPI  # noqa: E402

SECRET = "bench-secret"
CHUNK = 256 * 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def peak_rss_mb(pid: int) -> float:
    """VmHWM of process `pid`, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc: Linux only")


async def unsigned_post(port: int, size: int) -> str:
    """POST `size` bytes without the secret; return the status line (or what went wrong)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = f"POST /telegram HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n"
    writer.write(head.encode())
    chunk = b" " * CHUNK
    try:
        for _ in range(size // CHUNK):
            writer.write(chunk)
            await writer.drain()
        status = (await asyncio.wait_for(reader.readline(), 60)).decode().strip()
    except (ConnectionError, asyncio.TimeoutError) as exc:
        status = f"connection closed by the server ({type(exc).__name__})"
    writer.close()
    return status or "connection closed by the server"


async def main(posts: int, megabytes: int) -> int:
    async with FakeBotAPI() as api:
        port = free_port()
        folder = Path(tempfile.mkdtemp(prefix="bench-webhook-"))
        env = {
            "PATH": os.environ["PATH"],
            "PTB_TIMEDELTA": "true",
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_BASE_URL": f"{api.url}/bot",
            "ARTICLE_BOT_DB": str(folder / "misses.sqlite3"),
            "ARTICLE_BOT_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
            "ARTICLE_BOT_WEBHOOK_SECRET": SECRET,
            "ARTICLE_BOT_WEBHOOK_LISTEN": "127.0.0.1",
            "ARTICLE_BOT_WEBHOOK_PORT": str(port),
            "ARTICLE_BOT_LOG_LEVEL": "WARNING",
        }
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=ROOT, env=env, stderr=asyncio.subprocess.DEVNULL
        )
        try:
            await api.wait_for("setWebhook", timeout=60)
            await asyncio.sleep(0.5)
            before = peak_rss_mb(bot.pid)
            started = time.monotonic()
            statuses = await asyncio.gather(
                *(unsigned_post(port, megabytes * 1024 * 1024) for _ in range(posts))
            )
            seconds = time.monotonic() - started
            after = peak_rss_mb(bot.pid)
            update = {"update_id": 1, "message": api.user_message(text="where did they meet?")}
            body = json.dumps(update).encode()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(
                f"POST /telegram HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            signed = (await asyncio.wait_for(reader.readline(), 10)).decode().strip()
            writer.close()
            answered = bool(await api.wait_for("sendMessage", timeout=10))
        finally:
            bot.send_signal(signal.SIGTERM)
            await asyncio.wait_for(bot.wait(), 30)
    print(f"{posts} concurrent unauthenticated POSTs of {megabytes} MB each, in {seconds:.1f} s")
    for status in sorted(set(statuses)):
        print(f"  {statuses.count(status)} x {status}")
    print(f"bot peak RSS: {before:.0f} MB before, {after:.0f} MB after: +{after - before:.0f} MB")
    print(f"then a signed update: {signed}, answered: {answered}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--posts", type=int, default=4, help="concurrent POSTs")
    parser.add_argument("--mb", type=int, default=50, help="size of each body, in MB")
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main(arguments.posts, arguments.mb)))
