"""What the ordering engine announces to the layers above it (orders/events.py)."""

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from fastcommerce.orders import events
from fastcommerce.orders.events import NoListeners, OrdersPlaced
from fastcommerce.orders.schemas import OrderIn
from fastcommerce.orders.service import place_order
from tests.factories import stocked_store


@pytest.fixture
def listeners() -> Iterator[dict[str, events.OrdersPlacedListener]]:
    saved = dict(events._listeners)
    try:
        yield events._listeners
    finally:
        events._listeners.clear()
        events._listeners.update(saved)


def test_listeners_hear_each_line_and_the_stock_it_took(
    session: Session, listeners: dict[str, events.OrdersPlacedListener]
) -> None:
    home, store, sku = stocked_store(session, on_hand=2)
    heard: list[OrdersPlaced] = []
    events.on_orders_placed("test", lambda _, event: heard.append(event))
    place_order(
        session,
        OrderIn.model_validate(
            {"order_id": "E-1", "pincode": home.pincode, "lines": [{"sku": sku, "qty": 3}]}
        ),
        "test",
    )
    [event] = heard
    [line] = event.lines
    assert (line.city, line.pincode, line.store_id) == ("BLR", home.pincode, store.id)
    assert (line.requested, line.lost, line.revenue_paise) == (3, 1, 2 * 2000)
    [stock] = event.stock
    assert (stock.store_code, stock.sku, stock.before, stock.after) == (store.code, sku, 2, 0)


def test_orders_are_refused_while_nothing_keeps_their_demand(
    session: Session, listeners: dict[str, events.OrdersPlacedListener]
) -> None:
    home, _, sku = stocked_store(session, on_hand=2)
    listeners.clear()
    with pytest.raises(NoListeners, match=r"fastcommerce\.wiring\.connect"):
        place_order(
            session,
            OrderIn.model_validate(
                {"order_id": "E-2", "pincode": home.pincode, "lines": [{"sku": sku, "qty": 1}]}
            ),
            "test",
        )
