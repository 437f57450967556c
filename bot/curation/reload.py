"""Live reload of facts.yaml: notice a finished edit, validate it, swap it in atomically.

A good edit replaces the engine in one reference assignment, so questions in flight
finish on the engine they started with. Three kinds of edit never replace the running base:

- one still being written: the watcher reloads only a file whose size, mtime and inode
  stayed the same across two polls in a row, because an editor saving in place passes
  through cut-short copies that validate;
- one that does not validate: the problem is logged with file and line;
- one with fewer facts or small-talk entries than the running base: it may be a save that
  paused mid-way, so it is held until a curator confirms it (`/reload`, or
  `article-bot check --confirm`, which the watcher notices in the record beside the file).

`on_refused` is called once per distinct refused content (the bot tells its admins).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.answering.engine import Engine, EngineRef
from bot.answering.facts import FactsError, Problem, load_bytes
from bot.curation.guard import (
    CONFIRM_HINT,
    SETTLE_SECONDS,
    Inventory,
    LastGood,
    Loss,
    Stamp,
    StillChanging,
    loss,
    read_last_good,
    stamp,
    write_last_good,
)

logger = logging.getLogger(__name__)

Status = Literal["reloaded", "unchanged", "invalid", "held", "changing"]


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What one reload did: swapped in a new base, found nothing new, refused an invalid
    edit, held one that lost entries, or found the file still being written."""

    status: Status
    message: str
    seconds: float = 0.0
    error: FactsError | None = None
    loss: Loss | None = None


RefusedCallback = Callable[[ReloadResult], Awaitable[None]]


class FactsWatcher:
    """Watches one facts file and keeps `engine` on its last good version."""

    def __init__(
        self,
        path: Path,
        engine: EngineRef,
        *,
        interval: float = 2.0,
        settle: float | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        on_refused: RefusedCallback | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self.interval = interval
        self.settle = SETTLE_SECONDS if settle is None else settle
        """How long `reload` waits to see the file keep still (polls compare two polls)."""
        self.on_refused = on_refused
        self._sleep = sleep
        self._loaded = stamp(path)
        """The stamp of the content last loaded, held or refused."""
        self._seen = self._loaded
        """The stamp at the last poll."""
        self._good_digest = self._digest_of_file()
        self._told_digest: str | None = None
        self._held: tuple[str, Engine] | None = None
        """A valid version that lost entries, by digest, awaiting a curator's confirmation."""
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None

    def _digest_of_file(self) -> str | None:
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError:
            return None

    async def reload(self, *, confirm: bool = False) -> ReloadResult:
        """Load the file now, even if unchanged, once it has kept still for `settle`
        seconds, and swap it in if it validates. Only with `confirm` (the admin's /reload)
        may it have fewer facts or small-talk entries than the running base."""
        first = stamp(self.path)
        await self._sleep(self.settle)
        second = stamp(self.path)
        if first != second:
            return _changing(self.path)
        return await self._load(second, confirm=confirm, force=True)

    async def poll_once(self) -> ReloadResult | None:
        """Reload once the file has changed and then kept its size, mtime and inode for
        two polls in a row; or swap in a held version once a curator confirmed it."""
        now = stamp(self.path)
        previous, self._seen = self._seen, now
        if now != self._loaded and now == previous:
            return await self._load(now, confirm=False, force=False)
        if self._held is not None and now == self._loaded:
            return await self._swap_if_confirmed()
        return None

    async def _load(self, expected: Stamp | None, *, confirm: bool, force: bool) -> ReloadResult:
        async with self._lock:
            started = time.perf_counter()
            try:
                data = await asyncio.to_thread(self.path.read_bytes)
            except OSError as exc:
                self._loaded = expected
                error = FactsError([Problem(str(self.path), 0, f"cannot read: {exc.strerror}")])
                return await self._refuse(error, digest=f"unreadable:{exc.errno}")
            after = stamp(self.path)
            if after != expected:  # written to while being read: look again later
                self._seen = after
                return _changing(self.path)
            self._loaded = after
            digest = hashlib.sha256(data).hexdigest()
            if digest == self._good_digest and not force:
                self._held, self._told_digest = None, None
                return ReloadResult("unchanged", f"{self.path}: unchanged")
            try:
                engine = await asyncio.to_thread(_build_engine, data, str(self.path))
            except FactsError as error:
                return await self._refuse(error, digest=digest)
            running = Inventory.of(self.engine.current.base)
            lost = loss(running, Inventory.of(engine.base))
            if lost is not None and not confirm and not await self._confirmed(digest):
                return await self._hold(digest, engine, lost)
            return await self._swap(engine, digest, started)

    async def _confirmed(self, digest: str) -> bool:
        """Whether a curator confirmed this exact content with `article-bot check --confirm`."""
        record = await asyncio.to_thread(read_last_good, self.path)
        return record is not None and record.sha256 == digest

    async def _swap_if_confirmed(self) -> ReloadResult | None:
        async with self._lock:
            if self._held is None or not await self._confirmed(self._held[0]):
                return None
            digest, engine = self._held
            logger.info("%s: the removal of entries was confirmed", self.path)
            return await self._swap(engine, digest, time.perf_counter())

    async def _swap(self, engine: Engine, digest: str, started: float) -> ReloadResult:
        self.engine.swap(engine)
        self._good_digest, self._told_digest, self._held = digest, None, None
        seconds = time.perf_counter() - started
        base = engine.base
        message = (
            f"{self.path}: reloaded {len(base.facts)} facts, {base.phrasing_count} "
            f"phrasings in {seconds * 1000:.0f} ms"
        )
        logger.info("%s", message)
        await asyncio.to_thread(self._remember, LastGood(digest, Inventory.of(base)))
        return ReloadResult("reloaded", message, seconds)

    def _remember(self, record: LastGood) -> None:
        """Record the base now answered from, for `teach` and `check` in other processes."""
        try:
            write_last_good(self.path, record)
        except OSError as exc:
            logger.info("cannot record the last good version of %s: %s", self.path, exc)

    async def _hold(self, digest: str, engine: Engine, lost: Loss) -> ReloadResult:
        self._held = (digest, engine)
        message = (
            f"{lost.describe(self.path)}. It may be half-saved, so the bot still answers from "
            f"the last good version; if the entries were removed on purpose, {CONFIRM_HINT}"
        )
        logger.warning("%s", message)
        return await self._tell(ReloadResult("held", message, loss=lost), digest)

    async def _refuse(self, error: FactsError, *, digest: str) -> ReloadResult:
        logger.error(
            "%s was not reloaded; still answering from the last good version:\n%s", self.path, error
        )
        self._held = None
        return await self._tell(ReloadResult("invalid", str(error), error=error), digest)

    async def _tell(self, result: ReloadResult, digest: str) -> ReloadResult:
        """Report a refused content once, however many polls see it."""
        if digest != self._told_digest:
            self._told_digest = digest
            if self.on_refused is not None:
                try:
                    await self.on_refused(result)
                except Exception:
                    logger.exception("could not report the refused edit of %s", self.path)
        return result

    def _remember_start(self) -> None:
        """Record the base the bot starts with as the last good version, unless the record
        holds more entries: then the file was likely cut short while the bot was down."""
        running = Inventory.of(self.engine.current.base)
        record = read_last_good(self.path)
        lost = None if record is None else loss(record.inventory, running)
        if lost is not None:
            logger.warning(
                "%s; answering from it, as it is the only version there is. If the entries "
                "were removed on purpose, %s",
                lost.describe(self.path),
                CONFIRM_HINT,
            )
        elif self._good_digest is not None:
            self._remember(LastGood(self._good_digest, running))

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.poll_once()
            except Exception:
                logger.exception("watching %s failed; trying again", self.path)

    async def start(self) -> None:
        """Record the running base, then poll in the background every `interval` seconds."""
        await asyncio.to_thread(self._remember_start)
        if self._task is None and self.interval > 0:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="facts-watcher")

    async def stop(self) -> None:
        """Stop polling."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


def _changing(path: Path) -> ReloadResult:
    return ReloadResult(
        "changing", f"{StillChanging(path)}; not reloaded, try again once it is saved"
    )


def _build_engine(data: bytes, path: str) -> Engine:
    return Engine(load_bytes(data, path))
