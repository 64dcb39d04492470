"""The inbox worker: a background task of every server process, applying the phones' batches.

Woken by the sync endpoint as soon as a batch is stored, and every ``POLL_SECONDS`` in any case,
to take batches stored by another process or left behind by one that stopped. Phones come first:
before taking a batch, the worker waits for ``QUIET_SECONDS`` with no batch arriving (but never
more than ``YIELD_SECONDS``), so that a burst of phones syncing together is answered before
batches are applied.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime

from logistics.field.inbox import apply_waiting

POLL_SECONDS = 5.0
QUIET_SECONDS = 0.05
YIELD_SECONDS = 1.0
logger = logging.getLogger(__name__)


class InboxWorker:
    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self.started_at = clock()
        self._wake = asyncio.Event()
        self._answering = 0
        self._last_answer = 0.0

    @contextlib.contextmanager
    def answering(self) -> Iterator[None]:
        """Around storing a batch: the phone's answer goes before applying other batches, and
        the batch is applied at once after that rather than at the next poll."""
        self._answering += 1
        try:
            yield
        finally:
            self._answering -= 1
            self._last_answer = asyncio.get_running_loop().time()
            self._wake.set()

    async def _let_phones_be_answered(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + YIELD_SECONDS
        while loop.time() < deadline:
            quiet_for = loop.time() - self._last_answer
            if not self._answering and quiet_for >= QUIET_SECONDS:
                return
            await asyncio.sleep(max(0.005, QUIET_SECONDS - quiet_for))

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                await apply_waiting(self.started_at, self._clock, self._let_phones_be_answered)
            except Exception:
                logger.exception("Applying phone batches failed; trying again shortly")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), POLL_SECONDS)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[InboxWorker]:
        """Run in the background for the life of the block (the application's lifespan)."""
        task = asyncio.create_task(self._run(), name="inbox-worker")
        try:
            yield self
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
