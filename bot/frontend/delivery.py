"""How Bot API calls are paced and retried, and how updates take their turn.

`RetryingRateLimiter` is python-telegram-bot's `AIORateLimiter` (Telegram's flood limits
and its 429 answers) plus retries, with exponential back-off and jitter (stamina), of
every failure that left the reader without an answer: dropped connections, 5xx answers,
timeouts before the call left (`NotSent`), and 429s past AIORateLimiter's own retries.
A call made while answering an update is retried until `deadline` seconds after its first
failure, so that a Bot API outage of a few minutes costs no answer; other calls (getMe and
the command menu at start-up, notes to admins) for `SETUP_DEADLINE` (1 s), so that a bot
that cannot reach Telegram at start-up says so at once. A `TimedOut` that may have
reached the Bot API is never retried: a second send could answer the reader twice.

`ChatOrderProcessor` takes the updates in turn: one chat's one after another, in the
order Telegram sent them (a reply held up by an outage keeps the reader's place), at most
`concurrency` at once; each is marked answered in the inbox (`bot.frontend.inbox`) when its
handler returns, and `finish` stops without leaving an update half-answered.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import stamina
from telegram import Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import AIORateLimiter, BaseUpdateProcessor

from bot.frontend.inbox import Inbox
from bot.frontend.transport import NotSent

logger = logging.getLogger(__name__)
_Result = bool | dict[str, Any] | list[dict[str, Any]]
_Callback = Callable[..., Coroutine[Any, Any, _Result]]

RETRY_AFTER_ATTEMPTS = 5
"""429 answers AIORateLimiter waits out itself (holding back every other call meanwhile)
before the retries here take over."""
FIRST_BACKOFF = 1 / 600
"""The pause before the first retry, as a share of the deadline (0.5 s of 300 s); each
later pause doubles, up to MAX_BACKOFF. Pauses scale with the deadline, so that a call
gets about as many tries within a short deadline as within a long one."""
MAX_BACKOFF = 1 / 10
"""The longest pause, as a share of the deadline (30 s of 300 s): a call goes out again at
most this long after the Bot API is back."""
JITTER = FIRST_BACKOFF
"""Up to this share of the deadline is added at random to each pause, so that the calls
that failed together do not all go out again at the same moment."""
SETUP_DEADLINE = 1.0
"""Seconds for which a call made outside an update (start-up, notes to admins) is retried:
enough to ride out a blip, short enough that a bot that cannot reach Telegram at start-up
says so (in one line, `bot.frontend.runner`) at once."""
FINISH_SECONDS = 2.0
"""On stop: how long an update whose answer has (maybe) reached the Bot API may take to
finish before it is cancelled, and answered again at the next start."""
MAX_WAITING_UPDATES = 1_000_000
"""python-telegram-bot's own bound on updates in process. Updates wait for their chat
first and for one of `concurrency` places after, so its bound must not hold them back."""


@dataclass(slots=True)
class _Progress:
    """How far the update being answered in this task got with the Bot API."""

    calls: int = 0
    """Calls on the wire right now."""
    reached: bool = False
    """Whether a call succeeded, or timed out after it may have reached the Bot API."""

    @property
    def repeatable(self) -> bool:
        """Answering it again from the start cannot repeat anything the reader saw."""
        return self.calls == 0 and not self.reached


_answering: ContextVar[_Progress | None] = ContextVar("answering", default=None)


def _backoff(error: BaseException) -> bool | float:
    """stamina's hook: whether a failed call may be sent again, and after how long (a
    number) if not after the usual back-off (True)."""
    if isinstance(error, RetryAfter):
        wait = error.retry_after
        return (wait.total_seconds() if isinstance(wait, timedelta) else float(wait)) + 0.1
    if isinstance(error, NotSent):
        return True
    if isinstance(error, (TimedOut, BadRequest)):
        return False
    return isinstance(error, NetworkError)


def _tracked(callback: _Callback, progress: _Progress) -> _Callback:
    """`callback`, noting in `progress` while it is on the wire and whether it got through."""

    async def call(*args: Any, **kwargs: Any) -> _Result:
        progress.calls += 1
        try:
            result = await callback(*args, **kwargs)
        except TimedOut as error:
            progress.reached |= not isinstance(error, NotSent)
            raise
        finally:
            progress.calls -= 1
        progress.reached = True
        return result

    return call


class RetryingRateLimiter(AIORateLimiter):
    """Telegram's flood limits (30 messages/s overall, 20/min per group), and retries of
    transient failures with back-off for up to `deadline` seconds.

    With `throttle=False` (benchmarks only) calls are not paced, but still retried.
    `getUpdates` is left to the updater, which has its own retry loop.
    """

    def __init__(self, *, throttle: bool = True, deadline: float = 300.0) -> None:
        super().__init__(max_retries=RETRY_AFTER_ATTEMPTS)
        self.throttle = throttle
        self.deadline = deadline

    async def process_request(
        self,
        callback: _Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> _Result:
        """Send one call, paced and retried."""
        if endpoint == "getUpdates":
            return await callback(*args, **kwargs)
        progress = _answering.get()
        if progress is not None:
            callback = _tracked(callback, progress)
        # The first try costs no retry machinery: almost every call succeeds.
        try:
            return await self._send(callback, args, kwargs, endpoint, data, rate_limit_args)
        except Exception as error:
            if _backoff(error) is False:
                raise
            first: Exception | None = error
        deadline = self.deadline if progress is not None else SETUP_DEADLINE
        logger.warning(
            "%s failed (%s); retrying for up to %.0f s", endpoint, _describe(first), deadline
        )
        started, tries = time.monotonic(), 1
        try:
            async for attempt in stamina.retry_context(
                on=_backoff,
                attempts=None,
                timeout=deadline,
                wait_initial=deadline * FIRST_BACKOFF,
                wait_max=deadline * MAX_BACKOFF,
                wait_jitter=deadline * JITTER,
            ):
                with attempt:
                    if first is not None:
                        # The first failure, raised again inside the loop, so that stamina
                        # waits the pause it calls for before the second try.
                        failure, first = first, None
                        raise failure
                    tries += 1
                    result = await self._send(
                        callback, args, kwargs, endpoint, data, rate_limit_args
                    )
                    logger.info("%s got through at try %d", endpoint, tries)
                    return result
        except Exception as last:
            logger.error(
                "%s failed %d times in %.0f s; giving up (%s)",
                endpoint,
                tries,
                time.monotonic() - started,
                _describe(last),
            )
            raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def _send(
        self,
        callback: _Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> _Result:
        """One try: paced by AIORateLimiter when throttling, else sent as it is."""
        if self.throttle:
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        return await callback(*args, **kwargs)


def _describe(error: BaseException | None) -> str:
    return getattr(error, "message", None) or type(error).__name__


class _Turns:
    """Whose turn it is: one update per chat at a time, in the order they came, and at most
    `places` updates at once, first come, first served.

    An update that must wait waits once, on one future, whatever it waits for (its chat's
    turn, then a place, or just a place): a lock per chat and a semaphore would make most
    updates of a busy chat wait twice, and each wait costs a few microseconds.
    """

    def __init__(self, places: int) -> None:
        self._free = places
        self._chats: dict[int, collections.deque[asyncio.Future[None]]] = {}
        """Chats with an update in process, or waiting for a place: their next updates."""
        self._ready: collections.deque[tuple[asyncio.Future[None], int | None]] = (
            collections.deque()
        )
        """Updates whose chat's turn has come, waiting for a place."""

    async def enter(self, chat: int | None) -> None:
        """Wait until it is this chat's turn and a place is free; hold both."""
        if chat is not None:
            later = self._chats.get(chat)
            if later is not None:
                waiter = asyncio.get_running_loop().create_future()
                later.append(waiter)
                await self._wait(waiter, chat)
                return
            self._chats[chat] = collections.deque()
        if self._free and not self._ready:
            self._free -= 1
            return
        waiter = asyncio.get_running_loop().create_future()
        self._ready.append((waiter, chat))
        await self._wait(waiter, chat)

    def leave(self, chat: int | None) -> None:
        """Give the chat's turn to its next update, and the place to the first waiting."""
        self._pass_turn(chat)
        while self._ready:
            waiter, waiter_chat = self._ready.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
            self._pass_turn(waiter_chat)  # cancelled meanwhile: its chat's turn goes on
        self._free += 1

    def _pass_turn(self, chat: int | None) -> None:
        if chat is None:
            return
        later = self._chats[chat]
        if later:
            self._ready.append((later.popleft(), chat))  # its turn: now it needs a place
        else:
            del self._chats[chat]

    async def _wait(self, waiter: asyncio.Future[None], chat: int | None) -> None:
        """Await `waiter`; if cancelled, give back whatever it had been handed."""
        try:
            await waiter
        except asyncio.CancelledError:
            if not waiter.cancelled():  # handed the turn and a place before the cancel
                self.leave(chat)
            elif (waiter, chat) in self._ready:  # had the chat's turn, waited for a place
                self._ready.remove((waiter, chat))
                self._pass_turn(chat)
            elif chat is not None and waiter in self._chats.get(chat, ()):
                self._chats[chat].remove(waiter)  # waited for the chat's turn
            # else `leave` found it cancelled and passed its turn on already
            raise


class ChatOrderProcessor(BaseUpdateProcessor):
    """Answers one chat's updates in the order they came, `concurrency` updates at once,
    each once (an update delivered twice is skipped), and marks each answered in `inbox`.

    python-telegram-bot starts a task per update in the order it fetched them, and `_Turns`
    lets them in first come, first served, so each chat's updates go in that order. A
    chat's waiting updates hold none of the `concurrency` places, so a busy chat does not
    hold up the others.
    """

    def __init__(self, inbox: Inbox, *, concurrency: int) -> None:
        super().__init__(max_concurrent_updates=MAX_WAITING_UPDATES)
        self.inbox = inbox
        self._turns = _Turns(concurrency)
        self._answering: dict[asyncio.Task[Any], _Progress] = {}
        self._in_process = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._stopping = False

    async def initialize(self) -> None:
        """Open the inbox."""
        self.inbox.open()

    async def shutdown(self) -> None:
        """Close the inbox."""
        self.inbox.close()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the chat's turn and a free place, answer, and mark the update answered."""
        update_id = update.update_id if isinstance(update, Update) else None
        if update_id is not None and not self.inbox.claim(update_id):
            logger.info("update %d came again; it is answered once", update_id)
            _discard(coroutine)
            return
        chat = update.effective_chat if isinstance(update, Update) else None
        chat_id = chat.id if chat is not None else None
        self._in_process += 1
        self._idle.clear()
        try:
            await self._turns.enter(chat_id)
            try:
                if self._stopping:  # left in the inbox for the next start
                    _discard(coroutine)
                    return
                await self._answer(coroutine)
                if update_id is not None:
                    self.inbox.done(update_id)
                    update_id = None
            finally:
                self._turns.leave(chat_id)
        finally:
            if update_id is not None:
                self.inbox.release(update_id)
            self._in_process -= 1
            if not self._in_process:
                self.inbox.write()  # nothing left to gather answers with
                self._idle.set()

    async def _answer(self, coroutine: Awaitable[Any]) -> None:
        progress = _Progress()
        task = asyncio.current_task()
        assert task is not None
        self._answering[task] = progress
        token = _answering.set(progress)
        try:
            await coroutine
        finally:
            _answering.reset(token)
            del self._answering[task]

    async def finish(self, grace: float) -> None:
        """Stop answering, leaving nothing half-done: go on with the updates fetched so far
        for up to `grace` seconds, then start no more (they stay in the inbox for the next
        start). An update being answered is cancelled (and answered afresh next time) if
        none of its calls has reached the Bot API; otherwise it may finish, for up to
        FINISH_SECONDS more."""
        loop = asyncio.get_running_loop()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._idle.wait(), grace)
        self._stopping = True
        deadline = loop.time() + FINISH_SECONDS
        while self._answering:
            late = loop.time() >= deadline
            for task, progress in self._answering.items():
                if late or progress.repeatable:
                    task.cancel()
            if late:
                logger.warning(
                    "stopped %d updates whose answers may have reached Telegram; they will "
                    "be answered again at the next start",
                    sum(not p.repeatable for p in self._answering.values()),
                )
                break
            await asyncio.wait(list(self._answering), timeout=0.05)
        left = self.inbox.unanswered_count()
        if left:
            logger.info("%d updates are left unanswered for the next start", left)


def _discard(coroutine: Awaitable[Any]) -> None:
    """Close a coroutine that will not run, so that Python does not warn it was never awaited."""
    if isinstance(coroutine, Coroutine):
        coroutine.close()
