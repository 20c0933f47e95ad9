"""Property: heatmap and timeseries numbers equal sums computed independently from the orders placed,
exactly, at pincode and H3 level, for ragged and whole windows, with and without SKU/category filters."""

from collections import defaultdict
from datetime import UTC, datetime, timedelta

import h3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from fastcommerce.config import get_settings
from fastcommerce.demand.schemas import HeatmapQuery, TimeseriesQuery
from fastcommerce.demand.service import heatmap, timeseries
from fastcommerce.orders.schemas import OrderIn, OrderLineIn
from fastcommerce.orders.service import PlacedOrder, ingest
from tests.factories import make_sku, make_store, pincodes, receive

START = datetime(2026, 11, 2, 0, 7, 13, tzinfo=UTC)
SPAN_SECONDS = 9 * 24 * 3600
PRICES = (1500, 4000, 9900)
CATEGORIES = ("Prop Dairy", "Prop Snacks", "Prop Snacks")

WINDOWS = st.lists(
    st.tuples(st.integers(0, SPAN_SECONDS), st.integers(1, 8 * 24 * 3600)), min_size=1, max_size=3
)


def orders_near(
    windows: list[tuple[int, int]],
) -> st.SearchStrategy[list[tuple[int, int, list[tuple[int, int]]]]]:
    """Orders anywhere, and many within a few minutes of a window's edges, where the ragged pieces are."""
    edges = [edge for offset, length in windows for edge in (offset, offset + length)]
    near_edge = st.builds(lambda e, d: max(0, e + d), st.sampled_from(edges), st.integers(-400, 400))
    return st.lists(
        st.tuples(
            st.one_of(st.integers(0, SPAN_SECONDS), near_edge),
            st.integers(0, 3),
            st.lists(
                st.tuples(st.integers(0, 2), st.integers(1, 5)),
                min_size=1,
                max_size=3,
                unique_by=lambda t: t[0],
            ),
        ),
        min_size=1,
        max_size=40,
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), windows=WINDOWS, resolution=st.sampled_from([7, 8, 9]))
def test_heatmap_and_timeseries_add_up_to_the_orders(
    session: Session, data: st.DataObject, windows: list[tuple[int, int]], resolution: int
) -> None:
    placed = data.draw(orders_near(windows))
    with session.begin_nested() as example:
        pins = pincodes(session)
        store = make_store(session, pins[0], radius_m=1)
        places = [pins[0], pins[1], pins[-1], pins[-2]]  # one served, three unserved
        skus = [make_sku(session, category=c, price_paise=p) for c, p in zip(CATEGORIES, PRICES, strict=True)]
        for sku in skus:
            receive(session, store, sku, 15)
        orders = [
            OrderIn(
                order_id=f"H-{n}",
                pincode=places[place].pincode,
                created_at=START + timedelta(seconds=seconds),
                lines=[OrderLineIn(sku=skus[s], qty=q) for s, q in lines],
            )
            for n, (seconds, place, lines) in enumerate(placed)
        ]
        outcomes = ingest(session, orders)
        facts = []  # (created_at, pincode, sku index, requested, lost, revenue, order_id)
        for order, outcome in zip(orders, outcomes, strict=True):
            assert isinstance(outcome, PlacedOrder)
            for line, result in zip(order.lines, outcome.result.lines, strict=True):
                i = skus.index(line.sku)
                facts.append(
                    (
                        order.created_at,
                        order.pincode,
                        i,
                        result.requested,
                        result.lost,
                        result.fulfilled * PRICES[i],
                        order.order_id,
                    )
                )

        def expected(start: datetime, end: datetime, keep=lambda f: True, key=lambda f: str(f[1])):  # type: ignore[no-untyped-def]
            sums: dict[str, list] = defaultdict(lambda: [0, set(), 0, 0])
            for f in facts:
                if start <= f[0] < end and keep(f):
                    s = sums[key(f)]
                    s[0] += f[3]
                    s[1].add(f[6])
                    s[2] += f[4]
                    s[3] += f[5]
            return {
                k: {"units": v[0], "orders": len(v[1]), "lost_units": v[2], "revenue": v[3]}
                for k, v in sums.items()
            }

        def got(collection, measures=("units", "orders", "lost_units", "revenue")):  # type: ignore[no-untyped-def]
            return {
                f["id"]: {m: f["properties"][m] for m in measures}
                for f in collection.features
                if any(f["properties"][m] for m in measures)
            }

        cell = {p.pincode: h3.latlng_to_cell(p.lat, p.lng, resolution) for p in places}
        for offset, length in windows:
            start = START + timedelta(seconds=offset)
            end = start + timedelta(seconds=length)
            base = {"from": start, "to": end, "city": "BLR"}
            assert got(heatmap(session, HeatmapQuery.model_validate(base), get_settings())) == expected(
                start, end
            )
            by_cell = heatmap(
                session,
                HeatmapQuery.model_validate({**base, "level": "h3", "resolution": resolution}),
                get_settings(),
            )
            assert got(by_cell) == expected(start, end, key=lambda f: cell[f[1]])
            only_sku = heatmap(session, HeatmapQuery.model_validate({**base, "sku": skus[1]}), get_settings())
            assert got(only_sku) == expected(start, end, keep=lambda f: f[2] == 1)
            snacks = heatmap(
                session, HeatmapQuery.model_validate({**base, "category": "Prop Snacks"}), get_settings()
            )
            assert got(snacks) == expected(start, end, keep=lambda f: f[2] in (1, 2))

            series = timeseries(
                session,
                TimeseriesQuery.model_validate(
                    {"from": start, "to": end, "pincode": places[0].pincode, "step": "5m"}
                ),
                get_settings(),
            )
            for point in series.points:
                bucket = expected(point.at, point.at + timedelta(minutes=5)).get(
                    str(places[0].pincode), {"units": 0, "orders": 0, "lost_units": 0, "revenue": 0}
                )
                assert point.model_dump(exclude={"at"}) == bucket
            assert series.totals == expected(series.from_, series.to).get(
                str(places[0].pincode), {"units": 0, "orders": 0, "lost_units": 0, "revenue": 0}
            )
        example.rollback()
