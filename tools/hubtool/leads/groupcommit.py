"""SQLite's single writer, batched: one fsync acknowledges many leads."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from .store import Outcome, Store, StoreUnavailable, Submission

# One waiting submission and the future its answer goes to.
_Job = tuple[Submission, "asyncio.Future[Outcome]"]


class GroupCommit:
    """SQLite's single writer, batched: submissions that arrive while one commit is being synced
    go into the next transaction together, so one fsync acknowledges many leads."""

    MAX_BATCH = 64

    def __init__(self, store: Store, run_db: Callable[..., Awaitable[Any]]) -> None:
        self.store = store
        self.run_db = run_db  # runs a store call on the store's own thread
        self.queue: asyncio.Queue[_Job] = asyncio.Queue()

    async def submit(self, job: Submission) -> Outcome:
        """`Store.submit_one(job)`, committed with whatever else arrives meanwhile."""
        future: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        await self.queue.put((job, future))
        return await future

    async def run(self) -> None:
        try:
            await self._loop()
        finally:  # shutting down: whoever still waits gets a 503, never a silent hang
            while not self.queue.empty():
                _, future = self.queue.get_nowait()
                if not future.done():
                    future.set_exception(StoreUnavailable("the receiver is shutting down"))

    async def _loop(self) -> None:
        while True:
            batch = [await self.queue.get()]
            while len(batch) < self.MAX_BATCH and not self.queue.empty():
                batch.append(self.queue.get_nowait())
            results: list[Outcome | Exception]
            try:
                results = await self.run_db(self.store.submit_many, [job for job, _ in batch])
            except Exception as exc:  # the commit failed: nothing of the batch is acknowledged
                results = [exc] * len(batch)
            for (_, future), result in zip(batch, results):
                if future.done():
                    continue
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)
