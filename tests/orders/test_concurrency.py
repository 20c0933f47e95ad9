"""Many writers on one SKU: nothing oversold, nothing lost, on real PostgreSQL with real commits."""

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from fastcommerce.inventory.models import StockLevel
from fastcommerce.inventory.reconciliation import check_ledger
from fastcommerce.orders.models import OrderLine
from fastcommerce.orders.schemas import OrderIn, OrderLineIn
from fastcommerce.orders.service import place_order, place_orders_bulk
from tests.factories import make_sku, make_store, pincodes, receive

THREADS = 8
ORDERS_PER_THREAD = 2_000
STOCK = 10_000


def test_eight_writers_never_oversell_or_lose_a_unit(committed: sessionmaker[Session]) -> None:
    with committed() as session:
        home = pincodes(session)[0]
        store = make_store(session, home)
        sku = make_sku(session)
        receive(session, store, sku, STOCK)
        session.commit()
        pincode, store_id = home.pincode, store.id

    def writer(thread: int) -> int:
        fulfilled = 0
        with committed() as session:
            for n in range(ORDERS_PER_THREAD):
                order = OrderIn(
                    order_id=f"C-{thread}-{n}", pincode=pincode, lines=[OrderLineIn(sku=sku, qty=1)]
                )
                fulfilled += place_order(session, order, "test").result.lines[0].fulfilled
                session.commit()
        return fulfilled

    with ThreadPoolExecutor(THREADS) as pool:
        fulfilled = sum(pool.map(writer, range(THREADS)))

    with committed() as session:
        totals = session.execute(select(func.sum(OrderLine.fulfilled), func.sum(OrderLine.lost))).one()
        left = session.scalar(select(StockLevel.on_hand).where(StockLevel.store_id == store_id))
        assert fulfilled == STOCK
        assert tuple(totals) == (STOCK, THREADS * ORDERS_PER_THREAD - STOCK)
        assert left == 0
        assert check_ledger(session) == []


ROUNDS = 40


def test_bulks_taking_skus_in_opposite_orders_do_not_deadlock(committed: sessionmaker[Session]) -> None:
    with committed() as session:
        home = pincodes(session)[0]
        store = make_store(session, home)
        skus = [make_sku(session) for _ in range(2)]
        for sku in skus:
            receive(session, store, sku, 10_000)
        session.commit()
        pincode = home.pincode

    def bulk(thread: int) -> int:
        order_of_skus = skus if thread % 2 == 0 else skus[::-1]
        placed = 0
        for n in range(ROUNDS):
            items = [
                {"order_id": f"D-{thread}-{n}-{i}", "pincode": pincode, "lines": [{"sku": sku, "qty": 1}]}
                for i, sku in enumerate(order_of_skus)
            ]
            with committed() as session:
                placed += place_orders_bulk(session, items, "test").created
                session.commit()
        return placed

    with ThreadPoolExecutor(4) as pool:
        assert sum(pool.map(bulk, range(4))) == 4 * ROUNDS * 2

    with committed() as session:
        assert check_ledger(session) == []
