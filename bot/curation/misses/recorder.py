"""The background writer: answering hands events over and never waits for the disk.

Recording must never slow or break answering: the bot hands events to a
`BackgroundRecorder`, whose one thread writes them. A locked or broken database costs
the event and one warning, nothing more.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading

from bot.answering.match import Match
from bot.curation.misses.model import Closing, MissEvent, MissStoreError, event_from_match
from bot.curation.misses.store import MissStore

logger = logging.getLogger(__name__)

WRITE_DELAY_SECONDS = 0.5
"""How long the writer gathers events before one transaction (a flush cuts it short)."""
WRITE_BATCH = 500
"""At most this many queued events are written in one transaction."""
MAX_PENDING = 10_000
"""Events queued beyond this (the database hangs) are dropped rather than held in memory."""

_Job = tuple[MissEvent, int | None]


class BackgroundRecorder(Closing):
    """Writes events to a `MissStore` on its own thread, so recording never delays or
    breaks answering. It owns the store from now on and closes it in `close`.

    `submit` only puts the event on a queue. A write that fails (a locked, corrupt or
    unwritable database) drops that event and is logged once per kind of failure;
    `dropped` counts every event lost.
    """

    def __init__(self, store: MissStore, *, max_pending: int = MAX_PENDING) -> None:
        self.store = store
        self.max_pending = max_pending
        self.dropped = 0
        self._queue: queue.SimpleQueue[_Job | threading.Event | None] = queue.SimpleQueue()
        self._counter_lock = threading.Lock()
        self._warned: set[str] = set()
        self._closed = False
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="article-bot-misses", daemon=True)
        self._thread.start()

    def submit(self, event: MissEvent, *, chat_id: int | None = None) -> None:
        """Queue one event for writing and return at once; never raises."""
        if self._closed:
            self._drop("closed", "a missed question arrived after the recorder was closed")
        elif self._queue.qsize() >= self.max_pending:
            self._drop(
                "full",
                "%d missed questions are waiting for %s; dropping new ones until it catches up",
                self.max_pending,
                self.store.path,
            )
        else:
            self._queue.put((event, chat_id))

    def submit_match(self, match: Match, *, chat_id: int | None = None) -> None:
        """Queue the match if it was a miss (unknown or clarify)."""
        event = event_from_match(match)
        if event is not None:
            self.submit(event, chat_id=chat_id)

    def submit_resolution(
        self, question: str, fact_id: str, *, language: str, chat_id: int | None = None
    ) -> None:
        """Queue "the reader who asked `question` pressed the button of `fact_id`"."""
        self.submit(MissEvent.resolution(question, fact_id, language=language), chat_id=chat_id)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything submitted so far is written (or dropped)."""
        if not self._thread.is_alive():
            return True
        done = threading.Event()
        self._queue.put(done)
        self._wake.set()
        return done.wait(timeout)

    def close(self, timeout: float | None = 5.0) -> None:
        """Write what is queued, stop the thread and close the store."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)
        self._wake.set()
        self._thread.join(timeout)
        if self._thread.is_alive():
            logger.warning(
                "missed questions are still being written to %s after %s s; those not yet "
                "written are lost at exit",
                self.store.path,
                timeout,
            )

    def _run(self) -> None:
        try:
            stopping = False
            while not stopping:
                # What arrives within WRITE_DELAY of the first event goes in one
                # transaction. The thread sleeps through that time rather than waking for
                # each event, since every wake takes the GIL from the answering loop; a
                # flush or close cuts the sleep short.
                items = [self._queue.get()]
                if isinstance(items[0], tuple):
                    self._wake.wait(WRITE_DELAY_SECONDS)
                self._wake.clear()
                with contextlib.suppress(queue.Empty):
                    while len(items) < WRITE_BATCH and isinstance(items[-1], tuple):
                        items.append(self._queue.get_nowait())
                batch: list[_Job] = []
                for item in items:
                    if isinstance(item, tuple):
                        batch.append(item)
                        continue
                    self._write(batch)
                    batch = []
                    if item is None:
                        stopping = True
                        break
                    item.set()
                self._write(batch)
        finally:
            self.store.close()

    def _write(self, batch: list[_Job]) -> None:
        try:
            self.store.record_many(batch)
        except MissStoreError as exc:
            self._drop(
                exc.reason,
                "missed questions not recorded: %s. Dropped %d; answering carries on, and "
                "further failures like this are only counted",
                exc,
                len(batch),
                count=len(batch),
            )
        except Exception:  # a bug must not stop recording for good, nor the bot
            with self._counter_lock:
                self.dropped += len(batch)
            logger.exception("could not record missed questions in %s", self.store.path)

    def _drop(self, kind: str, message: str, *args: object, count: int = 1) -> None:
        with self._counter_lock:
            self.dropped += count
            first = kind not in self._warned
            self._warned.add(kind)
        if first:
            logger.warning(message, *args)
