"""The inbox worker: a background task of every server process, applying the phones' batches.

Woken by the sync endpoint as soon as a batch is stored, and every ``POLL_SECONDS`` in any case,
to take batches stored by another process or left behind by one that stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from datetime import datetime

from logistics.field.inbox import apply_waiting

POLL_SECONDS = 5.0
logger = logging.getLogger(__name__)


class InboxWorker:
    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self.started_at = clock()
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """A batch was just stored: apply it now rather than at the next poll."""
        self._wake.set()

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                await apply_waiting(self.started_at, self._clock)
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
