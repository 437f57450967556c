"""Delivery: which failed Bot API calls are sent again and for how long, and the order and
the stop of update processing. Calls are plain coroutines here, so timings are exact."""

from __future__ import annotations

import asyncio
import json
import selectors
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Sequence
from datetime import timedelta
from typing import Any

import pytest
import stamina
from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.frontend import delivery
from bot.frontend.delivery import ChatOrderProcessor, RetryingRateLimiter, _Turns
from bot.frontend.inbox import Inbox
from bot.frontend.transport import NotSent

Call = Callable[..., Coroutine[Any, Any, Any]]


@pytest.fixture
def scheduled_waits() -> Iterator[list[float]]:
    """The pauses stamina schedules before each retry, as it computes them: the back-off
    is checked on these, not on the wall clock, which a loaded machine stretches."""
    waits: list[float] = []
    hooks = stamina.instrumentation.get_on_retry_hooks()
    stamina.instrumentation.set_on_retry_hooks([lambda details: waits.append(details.wait_for)])
    yield waits
    stamina.instrumentation.set_on_retry_hooks(hooks)


def failing(*errors: Exception) -> tuple[Call, list[float]]:
    """A Bot API call that raises `errors` in turn, then succeeds; and the times it was made."""
    times: list[float] = []

    async def call() -> bool:
        times.append(time.monotonic())
        if len(times) <= len(errors):
            raise errors[len(times) - 1]
        return True

    return call, times


async def send(limiter: RetryingRateLimiter, call: Call, endpoint: str = "sendMessage") -> Any:
    return await limiter.process_request(call, (), {}, endpoint, {"chat_id": 1}, None)


async def in_update(coroutine: Awaitable[Any]) -> Any:
    """Run `coroutine` as the answer to an update, as the processor does."""
    processor = ChatOrderProcessor(Inbox(None), concurrency=4)
    await processor.initialize()
    results: list[Any] = []

    async def answer() -> None:
        results.append(await coroutine)

    try:
        await processor.process_update(update(1, chat=1), answer())
    finally:
        await processor.shutdown()
    return results[0]


def update(update_id: int, *, chat: int) -> Update:
    message = {"message_id": update_id, "date": 0, "chat": {"id": chat, "type": "private"}}
    return Update.de_json({"update_id": update_id, "message": message}, None)


@pytest.mark.parametrize(
    "make_error",
    [
        lambda: NetworkError("Bad Gateway"),
        lambda: NetworkError("httpx.RemoteProtocolError: Server disconnected"),
        lambda: NotSent("Connect timeout"),
        lambda: RetryAfter(timedelta(milliseconds=1)),  # built once PTB_TIMEDELTA is set
    ],
)
async def test_transient_failures_are_sent_again_until_they_get_through(
    make_error: Callable[[], Exception], scheduled_waits: list[float]
) -> None:
    """5xx answers, dropped connections, calls that never left and 429s are retried with back-off."""
    error = make_error()
    call, times = failing(error, error, error)
    limiter = RetryingRateLimiter(throttle=False, deadline=3.0)
    assert await in_update(send(limiter, call)) is True
    assert len(times) == 4
    assert len(scheduled_waits) == 3
    if isinstance(error, RetryAfter):
        assert scheduled_waits == pytest.approx([0.101] * 3)  # what Telegram asked, plus 0.1 s
    else:
        # 5 ms, 10 ms, 20 ms (1/600 of the deadline, doubling) plus up to 5 ms of jitter
        for wait, pause in zip(scheduled_waits, (0.005, 0.010, 0.020), strict=True):
            assert pause <= wait <= pause + 0.005


@pytest.mark.parametrize(
    "error",
    [TimedOut("read timeout"), BadRequest("message text is empty"), Forbidden("blocked")],
)
async def test_a_call_that_may_have_arrived_or_was_refused_is_not_sent_again(
    error: Exception,
) -> None:
    """A timeout after the call left could answer the reader twice; a refusal would fail again."""
    call, times = failing(error)
    limiter = RetryingRateLimiter(throttle=False, deadline=3.0)
    with pytest.raises(type(error)):
        await in_update(send(limiter, call))
    assert len(times) == 1


async def test_retries_stop_at_the_deadline(scheduled_waits: list[float]) -> None:
    """A call that keeps failing is given up `deadline` seconds after its first failure:
    every pause but the last began within the deadline, and none is longer than a tenth
    of it (a loaded machine may stretch the pauses, so the count of tries is not fixed)."""
    call, times = failing(*[NetworkError("Bad Gateway")] * 1000)
    limiter = RetryingRateLimiter(throttle=False, deadline=0.3)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await in_update(send(limiter, call))
    assert len(times) == len(scheduled_waits) + 1 >= 3
    assert sum(scheduled_waits[:-1]) < 0.3
    assert max(scheduled_waits) <= 0.3 * delivery.MAX_BACKOFF + 0.3 * delivery.JITTER
    assert times[-1] - times[0] >= 0.3  # given up only once the deadline had passed


async def test_calls_outside_an_update_give_up_sooner(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start-up calls (getMe, the command menu) retry for SETUP_DEADLINE, not for minutes."""
    monkeypatch.setattr(delivery, "SETUP_DEADLINE", 0.2)
    call, _ = failing(*[NetworkError("Bad Gateway")] * 1000)
    limiter = RetryingRateLimiter(throttle=False, deadline=300.0)
    started = time.monotonic()
    with pytest.raises(NetworkError):
        await send(limiter, call, endpoint="getMe")
    assert time.monotonic() - started < 0.5


async def test_429s_are_waited_out_past_the_rate_limiters_own_retries() -> None:
    """With pacing on, 429s go on being waited out after AIORateLimiter's five retries."""
    call, times = failing(*[RetryAfter(timedelta(0))] * 7)
    limiter = RetryingRateLimiter(throttle=True, deadline=60.0)
    await limiter.initialize()
    try:
        assert await in_update(send(limiter, call)) is True
    finally:
        await limiter.shutdown()
    assert len(times) == 8


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_retry_after_in_whole_seconds_is_understood(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without PTB_TIMEDELTA, `RetryAfter.retry_after` is an int: it is waited out all the same."""
    monkeypatch.delenv("PTB_TIMEDELTA")
    error = RetryAfter(0)
    assert error.retry_after == 0
    call, times = failing(error)
    limiter = RetryingRateLimiter(throttle=False, deadline=3.0)
    assert await in_update(send(limiter, call)) is True
    assert times[1] - times[0] >= 0.1


async def test_one_chat_is_answered_in_order_while_others_go_ahead() -> None:
    """A chat's second update waits for its first; another chat's update does not."""
    processor = ChatOrderProcessor(Inbox(None), concurrency=4)
    await processor.initialize()
    order: list[str] = []
    first_may_finish = asyncio.Event()

    async def answer(name: str, wait: asyncio.Event | None = None) -> None:
        if wait is not None:
            await wait.wait()
        order.append(name)

    tasks = [
        asyncio.create_task(
            processor.process_update(update(1, chat=7), answer("7a", first_may_finish))
        ),
        asyncio.create_task(processor.process_update(update(2, chat=7), answer("7b"))),
        asyncio.create_task(processor.process_update(update(3, chat=8), answer("8a"))),
    ]
    await asyncio.sleep(0.01)
    assert order == ["8a"]
    first_may_finish.set()
    await asyncio.gather(*tasks)
    await processor.shutdown()
    assert order == ["8a", "7a", "7b"]


async def test_an_update_delivered_twice_is_answered_once() -> None:
    """The same update_id, again (while being answered, or after), runs no handler."""
    processor = ChatOrderProcessor(Inbox(None), concurrency=4)
    await processor.initialize()
    answered: list[int] = []

    async def answer() -> None:
        await asyncio.sleep(0.01)
        answered.append(1)

    await asyncio.gather(
        processor.process_update(update(5, chat=1), answer()),
        processor.process_update(update(5, chat=1), answer()),
    )
    await processor.process_update(update(5, chat=1), answer())
    await processor.shutdown()
    assert answered == [1]


async def test_finish_leaves_what_has_not_reached_telegram_for_the_next_start(
    tmp_path: Any,
) -> None:
    """On stop, an update retrying a failed send and one not started stay unanswered in the
    inbox; one whose call is on the wire finishes and is marked answered."""
    inbox = Inbox(tmp_path / "updates.sqlite3")
    processor = ChatOrderProcessor(inbox, concurrency=2)
    await processor.initialize()
    limiter = RetryingRateLimiter(throttle=False, deadline=60.0)
    for update_id in (1, 2, 3):
        data = update(update_id, chat=update_id).to_dict()
        inbox.keep(json.dumps(data).encode(), [update_id], one=True)
    on_the_wire = asyncio.Event()

    async def slow_send() -> bool:
        on_the_wire.set()
        await asyncio.sleep(0.2)
        return True

    retrying, _ = failing(*[NetworkError("Bad Gateway")] * 1000)
    tasks = [
        asyncio.create_task(processor.process_update(update(1, chat=1), send(limiter, retrying))),
        asyncio.create_task(processor.process_update(update(2, chat=2), send(limiter, slow_send))),
        asyncio.create_task(processor.process_update(update(3, chat=3), send(limiter, slow_send))),
    ]
    await on_the_wire.wait()
    started = time.monotonic()
    await processor.finish(grace=0)
    await asyncio.gather(*tasks, return_exceptions=True)
    assert time.monotonic() - started < 1
    assert [u["update_id"] for u in inbox.unanswered()] == [1, 3]
    await processor.shutdown()


@pytest.mark.parametrize("cancel_first", [True, False])
async def test_updates_cancelled_while_waiting_give_back_their_turn_and_place(
    cancel_first: bool,
) -> None:
    """Updates cancelled while waiting for their chat or for a place (before or after the
    place came free) hold nothing up: the others go on, in order, and the place is free after."""
    turns = _Turns(1)
    order: list[str] = []
    gate = asyncio.Event()

    async def run(name: str, chat: int, hold: asyncio.Event | None = None) -> None:
        await turns.enter(chat)
        try:
            if hold is not None:
                await hold.wait()
            order.append(name)
        finally:
            turns.leave(chat)

    holder = asyncio.create_task(run("a", 1, gate))  # holds the only place
    await asyncio.sleep(0)
    waiting_for_chat = asyncio.create_task(run("b", 1))
    waiting_for_place = asyncio.create_task(run("c", 2))
    behind = asyncio.create_task(run("d", 1))
    other = asyncio.create_task(run("e", 3))
    await asyncio.sleep(0)
    if cancel_first:
        waiting_for_chat.cancel()
        waiting_for_place.cancel()
        gate.set()
    else:  # the place comes free first: `leave` meets the cancelled waiters
        gate.set()
        waiting_for_chat.cancel()
        waiting_for_place.cancel()
    await asyncio.gather(
        holder, waiting_for_chat, waiting_for_place, behind, other, return_exceptions=True
    )
    assert order == ["a", "e", "d"]
    await asyncio.wait_for(turns.enter(9), 0.1)  # the place is free again


# --- flood limits, on a clock that jumps instead of waiting ------------------------------------
class _JumpingSelector(selectors.DefaultSelector):
    """A selector that, when nothing is ready, lets the time the loop would wait pass at
    once: `now` jumps ahead by it."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 0.0

    def select(self, timeout: float | None = None) -> list[Any]:
        ready = super().select(0)
        if not ready and timeout:
            self.now += timeout
        return ready


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock (`time()`, which asyncio.sleep and call_at, and so
    AIORateLimiter, go by) runs only while it waits: minutes of pacing take milliseconds."""

    def __init__(self) -> None:
        self._selector_clock = _JumpingSelector()
        super().__init__(self._selector_clock)

    def time(self) -> float:
        return self._selector_clock.now


def send_times(chat_ids: Sequence[int]) -> list[float]:
    """Send a message to each chat at once through the pacing limiter; return the loop
    time at which each call went out, in order."""
    loop = VirtualTimeLoop()

    async def burst() -> list[float]:
        limiter = RetryingRateLimiter(throttle=True)
        await limiter.initialize()
        times: list[float] = []

        async def call() -> bool:
            times.append(loop.time())
            return True

        try:
            await asyncio.gather(
                *(
                    limiter.process_request(call, (), {}, "sendMessage", {"chat_id": c}, None)
                    for c in chat_ids
                )
            )
        finally:
            await limiter.shutdown()
        return sorted(times)

    try:
        return loop.run_until_complete(burst())
    finally:
        loop.close()


def test_pacing_sends_a_burst_of_30_then_30_messages_a_second() -> None:
    """Ninety chats at once: 30 messages go out at once, then one every 1/30 s (Telegram:
    about 30 a second over all chats)."""
    times = send_times(range(10_000, 10_090))
    assert times[:30] == [0.0] * 30
    assert times[-1] == pytest.approx(2.0, abs=0.05)
    sustained = (len(times) - 30) / (times[-1] - times[29])
    assert 29 <= sustained <= 31, f"{sustained:.1f} messages/s"


def test_pacing_sends_a_group_20_messages_a_minute() -> None:
    """A group's 25 messages: 20 in the first minute, then one every 3 s (Telegram: 20 a
    minute per group)."""
    times = send_times([-100123] * 25)
    assert times[19] < 1.0
    assert times[20:] == pytest.approx([3.0, 6.0, 9.0, 12.0, 15.0], abs=0.1)
