"""Property: whatever mix of receipts, wastage and orders arrives, on-hand equals what came in minus
what went out, never goes negative, and the ledger check stays clean."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from fastcommerce.errors import InsufficientStock
from fastcommerce.inventory.models import MovementKind
from fastcommerce.inventory.reconciliation import check_ledger
from fastcommerce.inventory.service import apply_movement
from fastcommerce.orders.schemas import OrderIn, OrderLineIn
from fastcommerce.orders.service import place_order
from tests.factories import make_sku, make_store, pincodes, stock_item

step = st.one_of(
    st.tuples(st.just("receipt"), st.integers(1, 50)),
    st.tuples(st.just("wastage"), st.integers(1, 30)),
    st.tuples(st.just("order"), st.integers(1, 20)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=30))
def test_on_hand_is_always_the_sum_of_what_came_in_and_went_out(
    session: Session, steps: list[tuple[str, int]]
) -> None:
    with session.begin_nested() as example:
        home = pincodes(session)[0]
        store = make_store(session, home)
        sku = make_sku(session)
        item = stock_item(session, store, sku)
        expected = 0
        for n, (kind, qty) in enumerate(steps):
            if kind == "receipt":
                apply_movement(session, item, MovementKind.RECEIPT, qty, "", "test", ("qty",))
                expected += qty
            elif kind == "wastage":
                try:
                    with session.begin_nested():
                        apply_movement(session, item, MovementKind.WASTAGE, -qty, "", "test", ("qty",))
                    expected -= qty
                except InsufficientStock:
                    assert qty > expected
            else:
                order = OrderIn(
                    order_id=f"P-{n}", pincode=home.pincode, lines=[OrderLineIn(sku=sku, qty=qty)]
                )
                line = place_order(session, order, "test").result.lines[0]
                assert line.fulfilled == min(qty, expected)
                expected -= line.fulfilled
            assert expected >= 0
        assert apply_movement(session, item, MovementKind.RECEIPT, 1, "", "test", ("qty",)) == expected + 1
        assert check_ledger(session) == []
        example.rollback()
