"""The batcher of single orders: who goes with whom, and every request gets its own outcome or its batch's
error. Its placing function here records the batches; the engine it calls in the API is tested on its own
(test_orders_api, test_bulk) and together with it over HTTP (tests/reliability/test_contention.py)."""

import asyncio
import threading
from collections.abc import Sequence

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from fastcommerce.errors import UnknownSku
from fastcommerce.inventory.models import MovementKind, StockMovement
from fastcommerce.orders.batching import OrderBatcher
from fastcommerce.orders.schemas import OrderIn
from fastcommerce.orders.service import Outcome, PlacedOrder, place_single_orders
from tests.factories import stocked_store


def order(order_id: str) -> OrderIn:
    return OrderIn.model_validate(
        {"order_id": order_id, "pincode": 560001, "lines": [{"sku": "S", "qty": 1}]}
    )


class Recorder:
    """Places nothing: records each batch (order ids and actors) and answers each order with an error naming
    it, so that a test sees which answer reached which request. `gate`, when set, holds every batch until it
    opens; `running` counts the batches in flight."""

    def __init__(self, gate: threading.Event | None = None, fail_on: str | None = None) -> None:
        self.batches: list[list[tuple[str, str]]] = []
        self.gate = gate
        self.fail_on = fail_on
        self.running = 0
        self.most_running = 0
        self.lock = threading.Lock()

    def __call__(self, orders: Sequence[OrderIn], actors: Sequence[str]) -> list[Outcome]:
        with self.lock:
            self.batches.append([(o.order_id, actor) for o, actor in zip(orders, actors, strict=True)])
            self.running += 1
            self.most_running = max(self.most_running, self.running)
        try:
            if self.gate is not None:
                assert self.gate.wait(10)
            if any(o.order_id == self.fail_on for o in orders):
                raise ConnectionError("the database went away")
            return [UnknownSku(o.order_id, loc=("body", "order_id")) for o in orders]
        finally:
            with self.lock:
                self.running -= 1


async def until(condition: object) -> None:
    for _ in range(500):
        if callable(condition) and condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the condition never held")


def answered(outcome: Outcome | BaseException) -> str:
    assert isinstance(outcome, UnknownSku), outcome
    return str(outcome.value)


async def first_in_flight(recorder: Recorder) -> tuple[OrderBatcher, "asyncio.Task[Outcome]"]:
    """A batcher of one slot, taken by order A (held until the recorder's gate opens)."""
    batcher = OrderBatcher(recorder, concurrency=1, max_orders=10)
    first = asyncio.create_task(batcher.place(order("A"), "shop"))
    await until(lambda: recorder.running == 1)
    return batcher, first


def test_an_order_alone_is_placed_at_once_and_answered() -> None:
    recorder = Recorder()

    async def scenario() -> Outcome:
        return await OrderBatcher(recorder, concurrency=1, max_orders=10).place(order("A"), "shop")

    assert answered(asyncio.run(scenario())) == "A"
    assert recorder.batches == [[("A", "shop")]]


def test_orders_arriving_while_a_batch_is_placed_go_together_in_the_next() -> None:
    gate = threading.Event()
    recorder = Recorder(gate)

    async def scenario() -> list[Outcome]:
        batcher, first = await first_in_flight(recorder)
        rest = [asyncio.create_task(batcher.place(order(name), "shop")) for name in "BCDE"]
        await asyncio.sleep(0.05)
        assert len(recorder.batches) == 1  # nothing else starts while the one slot is taken
        gate.set()
        return await asyncio.gather(first, *rest)

    assert [answered(o) for o in asyncio.run(scenario())] == ["A", "B", "C", "D", "E"]
    assert recorder.batches == [[("A", "shop")], [(name, "shop") for name in "BCDE"]]


def test_batches_take_the_oldest_orders_up_to_max_orders_and_run_up_to_the_concurrency() -> None:
    gate = threading.Event()
    recorder = Recorder(gate)

    async def scenario() -> list[Outcome]:
        batcher = OrderBatcher(recorder, concurrency=2, max_orders=2)
        first = [asyncio.create_task(batcher.place(order(name), "shop")) for name in "AB"]
        await until(lambda: recorder.running == 2)  # both slots taken, one order each
        senders = {"C": "app", "D": "shop", "E": "app", "F": "shop", "G": "shop"}
        rest = [asyncio.create_task(batcher.place(order(name), actor)) for name, actor in senders.items()]
        await asyncio.sleep(0.05)
        assert len(recorder.batches) == 2
        gate.set()
        return await asyncio.gather(*first, *rest)

    assert [answered(o) for o in asyncio.run(scenario())] == list("ABCDEFG")
    assert sorted(recorder.batches[:2]) == [[("A", "shop")], [("B", "shop")]]
    # oldest first and each order with its own actor (the worker threads record them in any order)
    assert sorted(recorder.batches[2:]) == [
        [("C", "app"), ("D", "shop")],
        [("E", "app"), ("F", "shop")],
        [("G", "shop")],
    ]
    assert recorder.most_running == 2


def test_a_failed_batch_fails_each_of_its_orders_and_no_other() -> None:
    gate = threading.Event()
    recorder = Recorder(gate, fail_on="C")

    async def scenario() -> list[Outcome | BaseException]:
        batcher, first = await first_in_flight(recorder)
        failing = [asyncio.create_task(batcher.place(order(name), "shop")) for name in "BC"]
        gate.set()
        results = await asyncio.gather(first, *failing, return_exceptions=True)
        later = await batcher.place(order("D"), "shop")  # the batcher goes on after a failure
        return [*results, later]

    first, b, c, later = asyncio.run(scenario())
    assert answered(first) == "A" and answered(later) == "D"
    assert isinstance(b, ConnectionError) and isinstance(c, ConnectionError)


def test_a_request_that_stops_waiting_leaves_the_others_their_answers() -> None:
    gate = threading.Event()
    recorder = Recorder(gate)

    async def scenario() -> list[Outcome]:
        batcher, first = await first_in_flight(recorder)
        gone, kept = (asyncio.create_task(batcher.place(order(name), "shop")) for name in "BC")
        await asyncio.sleep(0.01)
        gone.cancel()  # its client went away
        gate.set()
        with pytest.raises(asyncio.CancelledError):
            await gone
        return list(await asyncio.gather(first, kept))

    assert [answered(o) for o in asyncio.run(scenario())] == ["A", "C"]
    assert recorder.batches == [[("A", "shop")], [("B", "shop"), ("C", "shop")]]


def test_a_batch_places_each_order_by_its_own_actor(session: Session) -> None:
    home, _, sku = stocked_store(session, 10)
    orders = [
        OrderIn.model_validate({"order_id": name, "pincode": home.pincode, "lines": [{"sku": sku, "qty": 3}]})
        for name in ("BY-SHOP", "BY-APP", "BY-SHOP-AGAIN")
    ]
    outcomes = place_single_orders(session, orders, ["api-key:shop", "api-key:app", "api-key:shop"])
    assert [o.result.lines[0].fulfilled for o in outcomes if isinstance(o, PlacedOrder)] == [3, 3, 3]
    movements = session.execute(
        select(StockMovement.reference, StockMovement.actor).where(StockMovement.kind == MovementKind.SALE)
    ).all()
    assert sorted(movements) == [
        ("order:BY-APP", "api-key:app"),
        ("order:BY-SHOP", "api-key:shop"),
        ("order:BY-SHOP-AGAIN", "api-key:shop"),
    ]
