"""Single orders that arrive together are placed together.

A storefront sends orders one per request, many at once. Each request placed alone pays a transaction of its
own: a dozen statements, a commit and their Python, for one order. Here the orders waiting while earlier
ones are being placed go into the next batch, through the same engine as a bulk request (`service.ingest`):
each order still all-or-nothing and idempotent, its outcome returned to its own request. Alone, an order
goes at once; under load, batches grow by themselves ("natural batching": no timer, no added wait).
"""

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from anyio import to_thread

from fastcommerce.orders.schemas import OrderIn
from fastcommerce.orders.service import Outcome

PlaceBatch = Callable[[Sequence[OrderIn], Sequence[str]], list[Outcome]]


@dataclass(frozen=True)
class _Waiting:
    order: OrderIn
    actor: str
    outcome: asyncio.Future[Outcome]


class OrderBatcher:
    """Places orders in batches of at most `max_orders`, oldest first, with at most `concurrency` batches in
    flight; `place_batch(orders, actors)` places one batch (each order by its own actor) in a transaction
    of its own, in a worker thread."""

    def __init__(self, place_batch: PlaceBatch, *, concurrency: int, max_orders: int) -> None:
        self._place_batch = place_batch
        self._concurrency = concurrency
        self._max_orders = max_orders
        self._waiting: list[_Waiting] = []
        self._in_flight: set[asyncio.Task[None]] = set()

    async def place(self, order: OrderIn, actor: str) -> Outcome:
        waiting = _Waiting(order, actor, asyncio.get_running_loop().create_future())
        self._waiting.append(waiting)
        self._dispatch()
        return await waiting.outcome

    def _dispatch(self) -> None:
        while self._waiting and len(self._in_flight) < self._concurrency:
            batch, self._waiting = self._waiting[: self._max_orders], self._waiting[self._max_orders :]
            task = asyncio.create_task(self._run(batch))
            self._in_flight.add(task)
            task.add_done_callback(self._finished)

    async def _run(self, batch: list[_Waiting]) -> None:
        try:
            outcomes = await to_thread.run_sync(
                self._place_batch, [w.order for w in batch], [w.actor for w in batch]
            )
        except Exception as error:  # the transaction failed: every order of it alike, none placed
            for waiting in batch:
                if not waiting.outcome.done():
                    waiting.outcome.set_exception(error)
            return
        except BaseException:  # cancelled (the server stopping): nobody is left waiting
            for waiting in batch:
                waiting.outcome.cancel()
            raise
        for waiting, outcome in zip(batch, outcomes, strict=True):
            if not waiting.outcome.done():  # a request whose client went away waits no more
                waiting.outcome.set_result(outcome)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._in_flight.discard(task)
        self._dispatch()
