"""How Bot API calls are paced and retried: python-telegram-bot's `AIORateLimiter`, plus
retries of transient network failures (502, dropped connections) it does not cover."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import AIORateLimiter

logger = logging.getLogger(__name__)
_Result = bool | dict[str, Any] | list[dict[str, Any]]

RETRY_AFTER_ATTEMPTS = 5
"""How often a 429 `retry_after` answer is waited out before the call gives up."""
NETWORK_ATTEMPTS = 4
"""How often a call is tried when the connection drops or the server answers 5xx."""
NETWORK_BACKOFF = 0.25
"""First pause between network retries, in seconds; it doubles each time."""


class RetryingRateLimiter(AIORateLimiter):
    """Telegram's flood limits (30 messages/s overall, 20/min per group), 429 retries,
    and retries of transient network errors.

    With `throttle=False` (benchmarks only) calls are not paced, but still retried.
    `TimedOut` is not retried: the server may have acted on the call already, and a
    second send would answer the reader twice. `getUpdates` is left to the updater,
    which has its own retry loop.
    """

    def __init__(self, *, throttle: bool = True) -> None:
        super().__init__(max_retries=RETRY_AFTER_ATTEMPTS)
        self.throttle = throttle

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, _Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> _Result:
        """Send one call, paced and retried."""
        if endpoint == "getUpdates":
            return await callback(*args, **kwargs)
        delay = NETWORK_BACKOFF
        for attempt in range(1, NETWORK_ATTEMPTS + 1):
            try:
                if self.throttle:
                    return await super().process_request(
                        callback, args, kwargs, endpoint, data, rate_limit_args
                    )
                return await self._unthrottled(callback, args, kwargs, endpoint)
            except (BadRequest, TimedOut, RetryAfter):
                raise
            except NetworkError as exc:
                if attempt == NETWORK_ATTEMPTS:
                    raise
                logger.warning(
                    "%s failed (%s); retry %d of %d in %.2fs",
                    endpoint,
                    exc.message,
                    attempt,
                    NETWORK_ATTEMPTS - 1,
                    delay,
                )
                await asyncio.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    async def _unthrottled(
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
    ) -> Any:
        for attempt in range(1, RETRY_AFTER_ATTEMPTS + 1):
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == RETRY_AFTER_ATTEMPTS:
                    raise
                # `_retry_after` is what AIORateLimiter reads too: the public property
                # warns about its changing type in this major version.
                seconds = exc._retry_after.total_seconds()
                logger.warning("%s: flood limit, waiting %.1fs", endpoint, seconds)
                await asyncio.sleep(seconds)
        raise AssertionError("unreachable")  # pragma: no cover
