"""Live reload of facts.yaml: notice an edit, validate it, swap it in atomically.

A good edit replaces the engine in one reference assignment, so questions in flight
finish on the engine they started with. A bad edit never replaces the running base: the
problem is logged with file and line, and `on_bad_edit` is called once per distinct bad
content (the bot tells its admins).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from bot.engine import Engine, EngineRef
from bot.facts import FactsError, Problem, load_bytes

logger = logging.getLogger(__name__)

BadEditCallback = Callable[[FactsError], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What one reload did: swapped in a new base, found nothing new, or refused an edit."""

    status: str  # "reloaded" | "unchanged" | "invalid"
    message: str
    seconds: float = 0.0
    error: FactsError | None = None


class FactsWatcher:
    """Watches one facts file and keeps `engine` on its last good version."""

    def __init__(
        self,
        path: Path,
        engine: EngineRef,
        *,
        interval: float = 2.0,
        on_bad_edit: BadEditCallback | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self.interval = interval
        self.on_bad_edit = on_bad_edit
        self._stamp = self._stat()
        self._good_digest = self._digest_of_file()
        self._bad_digest: str | None = None
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def _digest_of_file(self) -> str | None:
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError:
            return None

    async def reload(self, *, force: bool = False) -> ReloadResult:
        """Load the file now and swap it in if it validates (and, unless `force`, changed)."""
        async with self._lock:
            started = time.perf_counter()
            self._stamp = self._stat()
            try:
                data = await asyncio.to_thread(self.path.read_bytes)
            except OSError as exc:
                error = FactsError([Problem(str(self.path), 0, f"cannot read: {exc.strerror}")])
                return await self._refuse(error, digest=f"unreadable:{exc.errno}")
            digest = hashlib.sha256(data).hexdigest()
            if digest == self._good_digest and not force:
                return ReloadResult("unchanged", f"{self.path}: unchanged")
            try:
                engine = await asyncio.to_thread(_build_engine, data, str(self.path))
            except FactsError as error:
                return await self._refuse(error, digest=digest)
            self.engine.swap(engine)
            self._good_digest, self._bad_digest = digest, None
            seconds = time.perf_counter() - started
            base = engine.base
            message = (
                f"{self.path}: reloaded {len(base.facts)} facts, {base.phrasing_count} "
                f"phrasings in {seconds * 1000:.0f} ms"
            )
            logger.info("%s", message)
            return ReloadResult("reloaded", message, seconds)

    async def _refuse(self, error: FactsError, *, digest: str) -> ReloadResult:
        logger.error(
            "%s was not reloaded; still answering from the last good version:\n%s", self.path, error
        )
        if digest != self._bad_digest:
            self._bad_digest = digest
            if self.on_bad_edit is not None:
                try:
                    await self.on_bad_edit(error)
                except Exception:
                    logger.exception("could not report the bad edit of %s", self.path)
        return ReloadResult("invalid", str(error), error=error)

    async def poll_once(self) -> ReloadResult | None:
        """Reload if the file's size, time or inode changed since last looked at."""
        if self._stat() == self._stamp:
            return None
        return await self.reload()

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.poll_once()
            except Exception:
                logger.exception("watching %s failed; trying again", self.path)

    def start(self) -> None:
        """Poll in the background every `interval` seconds."""
        if self._task is None and self.interval > 0:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="facts-watcher")

    async def stop(self) -> None:
        """Stop polling."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


def _build_engine(data: bytes, path: str) -> Engine:
    return Engine(load_bytes(data, path))
