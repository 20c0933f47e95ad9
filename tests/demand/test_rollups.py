"""The rollups kept on ingest equal the rollups rebuilt from the order lines."""

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.orm import Session

from fastcommerce.config import get_settings
from fastcommerce.demand.rollups import ROLLUPS, ceil_to, floor_to, local_hour, rebuild
from fastcommerce.orders.schemas import OrderIn, OrderLineIn
from fastcommerce.orders.service import ingest
from tests.factories import make_sku, make_store, pincodes, receive

START = datetime(2026, 11, 1, tzinfo=UTC)


def snapshot(session: Session) -> dict[str, list[tuple[object, ...]]]:
    return {
        r.table: [tuple(row) for row in session.execute(text(f"SELECT * FROM {r.table} ORDER BY 1, 2, 3"))]
        for r in ROLLUPS
    }


orders_strategy = st.lists(
    st.tuples(
        st.integers(0, 3 * 24 * 3600),  # seconds after START
        st.integers(0, 2),  # which pincode
        st.lists(st.tuples(st.integers(0, 2), st.integers(1, 4)), min_size=1, max_size=4),  # (sku, qty)
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.lists(orders_strategy, min_size=1, max_size=3))
def test_incremental_rollups_equal_a_rebuild(
    session: Session, batches: list[list[tuple[int, int, list[tuple[int, int]]]]]
) -> None:
    with session.begin_nested() as example:
        pins = pincodes(session)
        store = make_store(session, pins[0], radius_m=1)
        unserved = [pins[-1].pincode, pins[-2].pincode]
        places = [pins[0].pincode, *unserved]
        skus = [make_sku(session, price_paise=1000 * (i + 1)) for i in range(3)]
        for sku in skus:
            receive(session, store, sku, 20)
        n = 0
        for batch in batches:
            orders = []
            for seconds, place, lines in batch:
                n += 1
                orders.append(
                    OrderIn(
                        order_id=f"R-{n}",
                        pincode=places[place],
                        created_at=START + timedelta(seconds=seconds),
                        lines=[OrderLineIn(sku=skus[s], qty=q) for s, q in lines],
                    )
                )
            ingest(session, orders)
        incremental = snapshot(session)
        rebuild(session, get_settings())
        assert snapshot(session) == incremental
        assert incremental["demand_pincode_5m"], "orders were placed, so the rollup cannot be empty"
        example.rollback()


def test_local_hours_follow_india_time() -> None:
    zone = get_settings().city_zones()["BLR"]
    # 19:45 IST is 14:15 UTC; its local hour starts at 19:00 IST = 13:30 UTC.
    assert local_hour(datetime(2026, 11, 20, 14, 15, tzinfo=UTC), zone) == datetime(
        2026, 11, 20, 13, 30, tzinfo=UTC
    )


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9000, 1, 1), timezones=st.just(UTC)))
def test_buckets_are_floored_and_ceiled_exactly_at_any_time(at: datetime) -> None:
    start = at.replace(minute=at.minute - at.minute % 5, second=0, microsecond=0)
    assert floor_to(at, 300) == start
    assert ceil_to(at, 300) == (start if start == at else start + timedelta(minutes=5))
